#include "ui/ticket_panel.hpp"

#include <imgui.h>

#include <string>

#include "core/dates.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

using nlohmann::json;

constexpr float kLabelWidth = 150.0f;  // values line up after the longest field name

json Update(const Ticket& t, const char* field, json value) {
    return json{{"op", "update"}, {"id", t.id}, {"set", {{field, std::move(value)}}}};
}

// A labelled choice over configuration entries; picking one pushes an update of `field`.
template <class Def>
void ChoiceRow(const char* label, const char* id, const std::vector<Def>& defs, const Ticket& t, const char* field,
               const std::string& current, std::vector<Request>& requests) {
    ImGui::TextUnformatted(label);
    ImGui::SameLine(kLabelWidth);
    const Def* shown = nullptr;
    for (const auto& d : defs)
        if (d.id == current) shown = &d;
    ImGui::SetNextItemWidth(-1);
    if (BeginRecordedCombo(id, shown ? shown->name.c_str() : current.c_str())) {
        for (const auto& d : defs)
            if (ImGui::Selectable(d.name.c_str(), &d == shown) && &d != shown)
                requests.push_back(ChangeRequest{Update(t, field, d.id)});
        ImGui::EndCombo();
    }
}

std::string Describe(const json& value) {
    if (value.is_null()) return "—";
    if (value.is_string()) return value.get<std::string>().empty() ? "—" : value.get<std::string>();
    return value.dump();
}

void History(const Ticket& t) {
    for (auto it = t.history.rbegin(); it != t.history.rend(); ++it) {
        std::string line = FormatIsoDate(it->at) + "  " + (it->by.empty() ? "someone" : it->by) + ": ";
        if (it->field == "created") line += "created";
        else if (it->field == "comment")
            line += it->new_value.is_null() ? "removed a comment"
                    : it->new_value.value("internal", false) ? "added an internal note"
                                                             : "commented";
        else line += it->field + "  " + Describe(it->old_value) + " → " + Describe(it->new_value);
        if (!it->note.empty()) line += "  (" + it->note + ")";
        ImGui::TextWrapped("%s", line.c_str());
    }
}

}  // namespace

void DrawTicketPanel(const Board& board, const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    const Ticket* t = board.Find(ui.panel.id);
    if (!t) return;
    const Theme& theme = LightTheme();
    const BoardConfig& config = board.config();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, theme.card_bg);
    ImGui::BeginChild("ticket-panel", ImVec2(kTicketPanelWidth, 0), true);

    ImGui::PushFont(fonts.heading);
    ImGui::PushTextWrapPos(kTicketPanelWidth - 60);
    ImGui::TextUnformatted(t->title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ImGui::SameLine(kTicketPanelWidth - 44);
    if (ImGui::Button((std::string(icons::kTimes) + "##close-panel").c_str())) ui.panel = {};
    TheItemRegistry().RecordLastItem("Close panel");
    ImGui::TextDisabled("#%s  ·  created %s", t->id.c_str(), FormatIsoDate(t->created).c_str());
    ImGui::Separator();

    ChoiceRow("Type", "##panel-type", config.types, *t, "type", t->type, requests);
    ChoiceRow("Status", "##panel-status", config.statuses, *t, "status", t->status, requests);
    ChoiceRow("Priority", "##panel-priority", config.priorities, *t, "priority", t->priority, requests);
    ImGui::TextUnformatted("Assignee");
    ImGui::SameLine(kLabelWidth);
    ImGui::TextUnformatted(t->assignee.empty() ? "—" : t->assignee.c_str());
    ImGui::TextUnformatted("Requester");
    ImGui::SameLine(kLabelWidth);
    ImGui::TextUnformatted(t->requester.empty() ? "—" : t->requester.c_str());
    if (const TicketTypeDef* type = config.FindType(t->type))
        for (const auto& f : type->fields) {
            auto value = t->fields.find(f.id);
            std::string shown = value == t->fields.end() ? "—"
                                : f.kind == FieldKind::Date && value->is_number_integer()
                                    ? FormatIsoDate(value->get<Millis>())
                                    : Describe(*value);
            ImGui::TextUnformatted(f.name.c_str());
            ImGui::SameLine(kLabelWidth);
            ImGui::TextWrapped("%s", shown.c_str());
        }

    if (!t->description.empty()) {
        ImGui::Separator();
        ImGui::TextWrapped("%s", t->description.c_str());
    }

    if (!ui.panel.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme.danger);
        ImGui::TextWrapped("%s %s", icons::kWarning, ui.panel.message.c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem(ui.panel.message + "##panel-message");
    }

    // Reopen: only for resolved/closed tickets, and only with a reason.
    const StatusDef* status = config.FindStatus(t->status);
    if (status && status->category == StatusCategory::Done) {
        ImGui::Separator();
        ImGui::SetNextItemWidth(-110);
        InputString("##reopen-reason", ui.panel.reopen_reason, "Why reopen?");
        ImGui::SameLine();
        if (ImGui::Button("Reopen##panel"))
            requests.push_back(ChangeRequest{{{"op", "reopen"}, {"id", t->id}, {"reason", ui.panel.reopen_reason}}});
    }

    ImGui::Separator();
    ImGui::Text("Comments (%zu)", t->comments.size());
    for (const auto& c : t->comments) {
        ImGui::PushStyleColor(ImGuiCol_Text, c.internal ? theme.warning_text : theme.text_muted);
        ImGui::Text("%s · %s%s", c.author.c_str(), FormatIsoDate(c.at).c_str(), c.internal ? " · internal note" : "");
        ImGui::PopStyleColor();
        ImGui::TextWrapped("%s", c.body.c_str());
        TheItemRegistry().RecordLastItem(c.body + "##comment-" + c.id);
    }
    InputString("##new-comment", ui.panel.comment, nullptr, 60.0f);
    ImGui::Checkbox("Internal note##panel", &ui.panel.internal);
    ImGui::SameLine();
    if (PrimaryButton("Comment##panel"))
        requests.push_back(ChangeRequest{{{"op", "comment"},
                                          {"id", t->id},
                                          {"comment", {{"body", ui.panel.comment}, {"internal", ui.panel.internal}}}}});
    ImGui::SameLine();
    if (ImGui::Button("Delete ticket##panel")) requests.push_back(ChangeRequest{{{"op", "delete"}, {"id", t->id}}});

    ImGui::Separator();
    if (ImGui::CollapsingHeader("History##panel", ImGuiTreeNodeFlags_DefaultOpen)) History(*t);
    ImGui::EndChild();
    TheItemRegistry().RecordLastItem("ticket-panel");
    ImGui::PopStyleColor();
}

}  // namespace tackboard
