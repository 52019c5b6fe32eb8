#include "ui/triage_view.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/change.hpp"
#include "ui/i18n.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/sync_panel.hpp"  // AgoText
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

using nlohmann::json;

// The queue, settings and workload, again only when the board or the filter changed.
void Refresh(const App& app, const BoardFilter& filter, TriageViewState& view) {
    if (view.revision == app.revision() && view.filter == filter.applied_text) return;
    const Board& board = app.board();
    view.revision = app.revision();
    view.filter = filter.applied_text;
    view.workload = ComputeWorkload(board);
    view.last_assigned = LastAssignedMember(board);
    view.suggestions.clear();
    view.queue = TriageQueue(board, app.Now());
    if (filter.active) {  // only what the filter shows
        std::vector<bool> shown(board.tickets().size(), false);
        for (const auto& [status, rows] : filter.columns)
            for (std::size_t row : rows) shown[row] = true;
        std::erase_if(view.queue, [&](std::size_t row) { return !shown[row]; });
    }
}

const TriageSuggestion& SuggestionFor(const Board& board, const Ticket& t, const HelpdeskSettings& settings,
                                      TriageViewState& view) {
    auto it = view.suggestions.find(t.id);
    if (it == view.suggestions.end())
        it = view.suggestions.emplace(t.id, SuggestTriage(t, board.config(), settings.triage)).first;
    return it->second;
}

// "Urgent · Incident · +security", and the words that led to it ("outage, panne").
std::string SuggestionText(const BoardConfig& config, const TriageSuggestion& s, std::string& because) {
    std::vector<std::string> parts, words;
    auto note = [&](const std::vector<TriageHit>& hits) {
        for (const TriageHit& hit : hits)
            for (const std::string& word : hit.keywords)
                if (std::find(words.begin(), words.end(), word) == words.end()) words.push_back(word);
    };
    if (const PriorityDef* p = config.FindPriority(s.priority)) {
        parts.push_back(TrName(p->name));
        note(s.priority_because);
    }
    if (const TicketTypeDef* type = config.FindType(s.type)) {
        parts.push_back(TrName(type->name));
        note(s.type_because);
    }
    for (const auto& label : s.labels) {
        parts.push_back("+" + label.name);
        note(label.because);
    }
    std::string text, list;
    for (const auto& part : parts) text += (text.empty() ? "" : " · ") + part;
    for (const auto& word : words) list += (list.empty() ? "" : ", ") + word;
    because = list;
    return text;
}

// The suggestion as one update. A suggested type whose required fields the ticket has not
// filled in is left out (the update would be refused whole), and `skipped` says why.
json AcceptChange(const Ticket& t, const TriageSuggestion& s, const BoardConfig& config, std::string& skipped) {
    json set = json::object();
    if (!s.priority.empty()) set["priority"] = s.priority;
    if (const TicketTypeDef* type = config.FindType(s.type)) {
        std::vector<std::string> missing = MissingRequired(*type, t.fields);
        std::string names;
        for (const auto& name : missing) names += (names.empty() ? "" : ", ") + std::string(TrName(name));
        if (missing.empty()) set["type"] = s.type;
        else skipped = Format(Tr("The type %s was not set: it needs %s. Open the ticket to fill them in."),
                              TrName(type->name), names.c_str());
    }
    if (!s.labels.empty()) {
        std::vector<std::string> labels = t.labels;
        for (const auto& label : s.labels) labels.push_back(label.name);
        set["labels"] = labels;
    }
    return {{"op", "update"}, {"id", t.id}, {"set", set}, {"note", "triage suggestion"}};
}

void DrawTriageRow(const App& app, const Ticket& t, TriageViewState& view, UiState& ui, std::vector<Request>& requests) {
    const Board& board = app.board();
    const BoardConfig& config = board.config();
    const Theme& theme = CurrentTheme();
    ImGui::TableNextRow();
    ImGui::PushID(t.id.c_str());

    ImGui::TableSetColumnIndex(0);
    const PriorityDef* priority = config.FindPriority(t.priority);
    ImGui::PushStyleColor(ImGuiCol_Text, priority ? priority->colour : theme.text_muted);
    ImGui::TextUnformatted(priority ? TrName(priority->name) : t.priority.c_str());
    ImGui::PopStyleColor();

    ImGui::TableSetColumnIndex(1);
    if (ImGui::Selectable((t.title + "##triage-" + t.id).c_str(), ui.panel.id == t.id)) OpenTicket(ui, t.id);
    TheItemRegistry().RecordLastItem("triage-row:" + t.title);

    ImGui::TableSetColumnIndex(2);
    ImGui::PushStyleColor(ImGuiCol_Text, theme.text_muted);
    ImGui::TextUnformatted(AgoText(t.created, ui.helpdesk.now).c_str());
    ImGui::PopStyleColor();

    ImGui::TableSetColumnIndex(3);
    const HelpdeskSettings& settings = ui.helpdesk.loaded->settings;
    const TriageSuggestion& suggestion = SuggestionFor(board, t, settings, view);
    std::string because;
    std::string text = SuggestionText(config, suggestion, because);
    if (!text.empty()) {
        ImGui::TextUnformatted(text.c_str());
        TheItemRegistry().RecordLastItem("triage-suggestion:" + t.title);
        if (ImGui::IsItemHovered() && !because.empty())
            ImGui::SetTooltip("%s", Format(Tr("Suggested because the ticket says: %s"), because.c_str()).c_str());
    }

    ImGui::TableSetColumnIndex(4);
    const bool writable = !app.read_only();
    if (!suggestion.empty() && writable) {
        if (ImGui::SmallButton(TrId("Accept", ("triage-accept-" + t.id).c_str()))) {
            view.message.clear();
            json change = AcceptChange(t, suggestion, config, view.message);
            if (!change["set"].empty()) requests.push_back(ChangeRequest{change, ChangeSource::Triage});
        }
        ImGui::SameLine();
    }
    auto choice = ChooseAssignee(t, config, view.workload, settings.routing.mode, view.last_assigned);
    if (choice && writable) {
        const MemberDef* member = config.FindMember(choice->member);
        std::string label = Format(Tr("Assign to %s"), member ? member->name.c_str() : choice->member.c_str()) +
                            "###triage-assign-" + t.id;
        if (ImGui::SmallButton(label.c_str())) {
            view.message.clear();
            requests.push_back(ChangeRequest{
                {{"op", "update"}, {"id", t.id}, {"set", {{"assignee", choice->member}}}, {"note", "routing: " + choice->reason}},
                ChangeSource::Triage});
        }
        if (ImGui::IsItemHovered()) {
            const MemberLoad* load = view.workload.Find(choice->member);
            if (load)
                ImGui::SetTooltip("%s", Format(Tr("Open tickets: %s of %s"), FormatNumber(load->open).c_str(),
                                               FormatNumber(load->capacity).c_str()).c_str());
        }
    }
    ImGui::PopID();
}

// Says which settings could not be read (their defaults are used meanwhile).
void DrawSettingsProblems(const HelpdeskState& helpdesk) {
    for (const Error& problem : helpdesk.loaded->problems) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().danger);
        ImGui::TextWrapped("%s", Format(Tr("These settings could not be read, the defaults are used: %s"),
                                        problem.Describe().c_str()).c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem("triage-settings-problem:" + problem.path);
    }
}

}  // namespace

void DrawTriageView(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    TriageViewState& view = ui.triage;
    Refresh(app, ui.filter, view);
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(Format(TrCount(static_cast<long long>(view.queue.size()), "%s ticket to triage",
                                          "%s tickets to triage"),
                                  FormatNumber(view.queue.size()).c_str()).c_str());
    ImGui::PopFont();
    TheItemRegistry().RecordLastItem("triage-count");
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().text_muted);
    ImGui::TextUnformatted(Tr("new and unassigned, most urgent and oldest first"));
    ImGui::PopStyleColor();
    DrawSettingsProblems(ui.helpdesk);
    if (!view.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().danger);
        ImGui::TextWrapped("%s", view.message.c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem("triage-message");
    }
    if (view.queue.empty()) {
        ImGui::TextUnformatted(Tr("Nothing to triage."));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("triage", 5, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(Tr("Priority"), ImGuiTableColumnFlags_WidthFixed, 90);
    ImGui::TableSetupColumn(Tr("Ticket"), ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn(Tr("Age"), ImGuiTableColumnFlags_WidthFixed, 90);
    ImGui::TableSetupColumn(Tr("Suggestion"), ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn(Tr("Actions"), ImGuiTableColumnFlags_WidthFixed, 230);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(view.queue.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
            DrawTriageRow(app, app.board().tickets()[view.queue[i]], view, ui, requests);
    clipper.End();
    ImGui::EndTable();
}

void DrawWorkloadView(const App& app, const Fonts& fonts, UiState& ui) {
    TriageViewState& view = ui.triage;
    Refresh(app, ui.filter, view);
    const BoardConfig& config = app.board().config();
    const Theme& theme = CurrentTheme();
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(Tr("Open tickets per member"));
    ImGui::PopFont();
    if (view.workload.members.empty())
        ImGui::TextWrapped("%s", Tr("The board has no members yet: members, with their skills and capacity, are part of the board's configuration."));
    if (ImGui::BeginTable("workload", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn(Tr("Member"), ImGuiTableColumnFlags_WidthFixed, 180);
        ImGui::TableSetupColumn(Tr("Load"), ImGuiTableColumnFlags_WidthStretch, 2);
        ImGui::TableSetupColumn(Tr("Open / capacity"), ImGuiTableColumnFlags_WidthFixed, 130);
        ImGui::TableSetupColumn(Tr("Skills"), ImGuiTableColumnFlags_WidthStretch, 1);
        ImGui::TableHeadersRow();
        for (const MemberLoad& load : view.workload.members) {
            const MemberDef* member = config.FindMember(load.member);
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::AlignTextToFramePadding();  // level with the bar beside it
            ImGui::TextUnformatted(member ? member->name.c_str() : load.member.c_str());
            ImGui::TableSetColumnIndex(1);
            float fraction = load.capacity > 0 ? std::min(1.0f, static_cast<float>(load.open) / load.capacity) : 1.0f;
            ImGui::PushStyleColor(ImGuiCol_PlotHistogram, load.full() ? theme.danger : theme.accent);
            ImGui::ProgressBar(fraction, ImVec2(-1, 0), "");
            ImGui::PopStyleColor();
            TheItemRegistry().RecordLastItem("workload-bar:" + load.member);
            ImGui::TableSetColumnIndex(2);
            std::string numbers = FormatNumber(load.open) + " / " + FormatNumber(load.capacity);
            ImGui::PushStyleColor(ImGuiCol_Text, load.full() ? theme.danger : theme.text);
            ImGui::TextUnformatted(numbers.c_str());
            ImGui::PopStyleColor();
            TheItemRegistry().RecordLastItem("workload:" + load.member + " " + numbers);
            ImGui::TableSetColumnIndex(3);
            std::string skills;
            if (member)
                for (const auto& skill : member->skills) skills += (skills.empty() ? "" : ", ") + skill;
            ImGui::TextUnformatted(skills.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    std::string unassigned = Format(Tr("Unassigned: %s"), FormatNumber(view.workload.unassigned).c_str());
    ImGui::TextUnformatted(unassigned.c_str());
    TheItemRegistry().RecordLastItem("workload-unassigned " + FormatNumber(view.workload.unassigned));
    if (view.workload.others > 0)
        ImGui::TextUnformatted(Format(Tr("Assigned to people who are not members: %s"),
                                      FormatNumber(view.workload.others).c_str()).c_str());
}

}  // namespace tackboard
