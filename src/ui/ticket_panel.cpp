#include "ui/ticket_panel.hpp"

#include <imgui.h>

#include <chrono>
#include <string>

#include "core/dates.hpp"
#include "core/similar.hpp"
#include "core/text_fold.hpp"
#include "ui/field_editor.hpp"
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/markdown_view.hpp"
#include "ui/sprints_view.hpp"
#include "ui/ticket_links.hpp"
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
    if (BeginRecordedCombo(id, shown ? TrName(shown->name) : current.c_str())) {
        for (const auto& d : defs)
            if (ImGui::Selectable(NameLabel(d.name).c_str(), &d == shown) && &d != shown)
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
        // Automation rules act as "rule:<name>".
        std::string by = it->by.empty() ? Tr("someone")
                         : it->by.rfind("rule:", 0) == 0 ? Format(Tr("rule \"%s\""), it->by.substr(5).c_str())
                                                          : it->by;
        std::string line = FormatDate(it->at) + "  " + by + ": ";
        if (it->field == "created") line += Tr("created");
        else if (it->field == "comment")
            line += it->new_value.is_null() ? Tr("removed a comment")
                    : it->new_value.value("internal", false) ? Tr("added an internal note")
                                                             : Tr("commented");
        else line += it->field + "  " + Describe(it->old_value) + " → " + Describe(it->new_value);
        if (!it->note.empty()) line += "  (" + it->note + ")";
        ImGui::TextWrapped("%s", line.c_str());
    }
}

// The ticket as it is: people, labels, due date (red once past, while open), the type's
// fields, and the description as markdown.
void DrawDetails(const Ticket& t, const BoardConfig& config, const Fonts& fonts) {
    auto row = [](const char* label, const std::string& value, ImU32 colour = 0) {
        ImGui::TextUnformatted(label);
        ImGui::SameLine(kLabelWidth);
        if (colour) ImGui::PushStyleColor(ImGuiCol_Text, colour);
        ImGui::TextWrapped("%s", value.empty() ? "—" : value.c_str());
        if (colour) ImGui::PopStyleColor();
    };
    const MemberDef* assignee = config.FindMember(t.assignee);
    row(Tr("Assignee"), assignee ? assignee->name : t.assignee);
    row(Tr("Requester"), t.requester);
    std::string labels;
    for (const auto& l : t.labels) labels += (labels.empty() ? "" : ", ") + l;
    row(Tr("Labels"), labels);
    const StatusDef* status = config.FindStatus(t.status);
    bool open = !status || status->category != StatusCategory::Done;
    auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
    bool overdue = open && t.due && t.due + kMillisPerDay <= now.count();  // the due day is over
    row(Tr("Due"), t.due ? FormatDate(t.due) : std::string(), overdue ? CurrentTheme().danger : 0);
    if (const TicketTypeDef* type = config.FindType(t.type))
        for (const auto& f : type->fields) {
            auto value = t.fields.find(f.id);
            std::string shown = value == t.fields.end() ? std::string()
                                : f.kind == FieldKind::Date && value->is_number_integer()
                                    ? FormatDate(value->get<Millis>())
                                    : Describe(*value);
            row(TrName(f.name), shown);
        }
    if (!t.description.empty()) {
        ImGui::Separator();
        DrawMarkdownText(t.description, fonts, ImGui::GetContentRegionAvail().x);
    }
}

// Values a sync merge kept when the same field changed on both sides (sync/merge.hpp):
// each can be put back ("Use this") or dismissed; nothing goes away unseen.
void DrawConflicts(const Ticket& t, std::vector<Request>& requests) {
    auto list = t.extra.find("conflicts");
    if (list == t.extra.end() || !list->is_array() || list->empty()) return;
    const Theme& theme = CurrentTheme();
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, theme.warning_text);
    ImGui::TextWrapped("%s %s", icons::kWarning,
                       Format(TrCount(static_cast<long long>(list->size()), "%s change made elsewhere at the same time was not applied",
                                      "%s changes made elsewhere at the same time were not applied"),
                              FormatNumber(list->size()).c_str())
                           .c_str());
    ImGui::PopStyleColor();
    TheItemRegistry().RecordLastItem("Sync conflicts");
    int index = 0;
    for (const json& conflict : *list) {
        ImGui::PushID(index);
        const std::string field = conflict.value("field", "");
        ImGui::TextWrapped(Tr("%s: the other value was %s"), field.c_str(), Describe(conflict.value("value", json())).c_str());
        // Found by tests as "Use this##conflict-0", "Dismiss##conflict-0", in any language.
        const std::string n = std::to_string(index);
        if (ImGui::SmallButton(TrId("Use this", ("Use this##conflict-" + n).c_str())))
            requests.push_back(ChangeRequest{{{"op", "resolve"}, {"id", t.id}, {"conflict", conflict}, {"use", true}}});
        ImGui::SameLine();
        if (ImGui::SmallButton(TrId("Dismiss", ("Dismiss##conflict-" + n).c_str())))
            requests.push_back(ChangeRequest{{{"op", "resolve"}, {"id", t.id}, {"conflict", conflict}, {"use", false}}});
        ImGui::PopID();
        ++index;
    }
}

// --- the editor: text, people, labels, due date and the type's fields, saved together --

using Editor = UiState::TicketPanel::Editor;

void OpenEditor(const Ticket& t, const BoardConfig& config, Editor& e) {
    e = Editor{};
    e.open = true;
    e.title = t.title;
    e.description = t.description;
    e.assignee = t.assignee;
    e.requester = t.requester;
    for (const auto& label : t.labels) e.labels += (e.labels.empty() ? "" : ", ") + label;
    e.due = t.due ? FormatIsoDate(t.due) : std::string();
    if (const TicketTypeDef* type = config.FindType(t.type)) e.fields = EditValuesOf(*type, t.fields);
}

std::vector<std::string> SplitLabels(const std::string& text) {
    std::vector<std::string> labels;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        std::string label = text.substr(start, end - start);
        label.erase(0, label.find_first_not_of(' '));
        label.erase(label.find_last_not_of(' ') + 1);
        if (!label.empty()) labels.push_back(label);
        start = end + 1;
    }
    return labels;
}

// What the editor changes, as one update's "set" (only what differs); or why it cannot.
json EditorChanges(const Ticket& t, const BoardConfig& config, const Editor& e, std::string& problem) {
    json set = json::object();
    auto text = [&](const char* name, const std::string& now, const std::string& before) {
        if (now != before) set[name] = now;
    };
    text("title", e.title, t.title);
    text("description", e.description, t.description);
    text("assignee", e.assignee, t.assignee);
    text("requester", e.requester, t.requester);
    if (auto labels = SplitLabels(e.labels); labels != t.labels) set["labels"] = labels;
    Millis due = 0;
    if (!e.due.empty()) {
        auto parsed = ParseIsoDate(e.due);
        if (!parsed) {
            problem = Tr("the due date must be a date like 2026-12-31");
            return nullptr;
        }
        due = *parsed;
    }
    if (due != t.due) set["due"] = due ? json(due) : json(nullptr);
    if (const TicketTypeDef* type = config.FindType(t.type)) {
        json collected = json::object();
        problem = CollectTypeFields(*type, e.fields, collected);
        if (!problem.empty()) return nullptr;
        for (const auto& f : type->fields) {
            const std::string key = "fields." + f.id;
            json now = collected.contains(key) ? collected[key] : json(nullptr);
            json before = t.fields.contains(f.id) ? t.fields[f.id] : json(nullptr);
            if (now != before) set[key] = now;
        }
    }
    return set;
}

void DrawEditor(const Ticket& t, const BoardConfig& config, UiState& ui) {
    Editor& e = ui.panel.editor;
    ImGui::TextUnformatted(Tr("Title"));
    ImGui::SetNextItemWidth(-1);
    InputString("##edit-title", e.title);
    ImGui::TextUnformatted(Tr("Description (markdown)"));
    InputString("##edit-description", e.description, nullptr, 140.0f);
    ImGui::TextUnformatted(Tr("Assignee"));
    ImGui::SameLine(kLabelWidth);
    ImGui::SetNextItemWidth(-1);
    if (config.members.empty()) {
        InputString("##edit-assignee", e.assignee, Tr("Name"));
    } else {
        const MemberDef* current = config.FindMember(e.assignee);
        if (BeginRecordedCombo("##edit-assignee", current ? current->name.c_str() : Tr("Unassigned"))) {
            if (ImGui::Selectable(TrLabel("Unassigned##edit-assignee-none"), e.assignee.empty())) e.assignee.clear();
            for (const auto& m : config.members)
                if (ImGui::Selectable(m.name.c_str(), &m == current)) e.assignee = m.id;
            ImGui::EndCombo();
        }
    }
    ImGui::TextUnformatted(Tr("Requester"));
    ImGui::SameLine(kLabelWidth);
    ImGui::SetNextItemWidth(-1);
    InputString("##edit-requester", e.requester);
    ImGui::TextUnformatted(Tr("Labels"));
    ImGui::SameLine(kLabelWidth);
    ImGui::SetNextItemWidth(-1);
    InputString("##edit-labels", e.labels, Tr("billing, vip"));
    ImGui::TextUnformatted(Tr("Due"));
    ImGui::SameLine(kLabelWidth);
    ImGui::SetNextItemWidth(-1);
    InputString("##edit-due", e.due, Tr("YYYY-MM-DD"));
    if (const TicketTypeDef* type = config.FindType(t.type)) DrawTypeFields(*type, config, e.fields);
}

// Save and Cancel sit above the fields, so they are on screen however long the form is.
void DrawEditorButtons(const Ticket& t, const BoardConfig& config, UiState& ui, std::vector<Request>& requests) {
    Editor& e = ui.panel.editor;
    if (PrimaryButton(TrLabel("Save##edit-ticket"))) {
        std::string problem;
        json set = EditorChanges(t, config, e, problem);
        if (!problem.empty()) {
            ui.panel.message = AsSentence(problem);
        } else if (set.empty()) {
            e = Editor{};  // nothing changed: nothing to save
        } else {
            e.saving = true;
            requests.push_back(ChangeRequest{{{"op", "update"}, {"id", t.id}, {"set", std::move(set)}}});
        }
    }
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Cancel##edit-ticket"))) {
        e = Editor{};
        ui.panel.message.clear();
    }
}

// A resolved ticket marked as a knowledge article is suggested first to people writing a
// new ticket about the same problem (new_ticket_dialog.cpp): the toggle adds or removes
// the label "knowledge-base" (any case) in one update, undoable like any other.
void DrawKnowledgeToggle(const Ticket& t, std::vector<Request>& requests) {
    constexpr const char* kLabel = "knowledge-base";
    std::vector<std::string> others;
    for (const auto& label : t.labels)
        if (FoldText(label) != kLabel) others.push_back(label);
    const bool labelled = others.size() != t.labels.size();
    // Marked by the tool that imported it (extra "knowledge"): not a label to take off.
    const bool imported = IsKnowledgeArticle(t) && !labelled;
    bool marked = labelled || imported;
    ImGui::BeginDisabled(imported);
    if (ImGui::Checkbox(TrLabel("Knowledge article##panel"), &marked)) {
        if (marked) others.push_back(kLabel);
        requests.push_back(ChangeRequest{Update(t, "labels", others)});
    }
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", imported ? Tr("Imported as a knowledge article")
                                         : Tr("Suggested first to people writing a new ticket about the same problem"));
}

// Satisfaction, once a ticket is resolved: the requester's score (1–5) and, if they said
// something, their words as a public comment in their name, recorded as one change. The
// score already given is shown; recording again replaces it.
void DrawSatisfaction(const Ticket& t, UiState& ui, std::vector<Request>& requests) {
    auto& panel = ui.panel;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(t.satisfaction ? Format(Tr("Satisfaction: %d of 5"), t.satisfaction).c_str()
                                          : Tr("Satisfaction"));
    const int shown = panel.rating ? panel.rating : t.satisfaction;
    for (int score = 1; score <= 5; ++score) {
        ImGui::SameLine();
        std::string label = std::to_string(score) + "###rating-" + std::to_string(score);
        if (ToggleButton(label.c_str(), score == shown)) panel.rating = score;
    }
    ImGui::SetNextItemWidth(-110);
    InputString("##rating-comment", panel.rating_comment, Tr("What the requester said (optional)"));
    ImGui::SameLine();
    ImGui::BeginDisabled(panel.rating == 0);
    if (ImGui::Button(TrLabel("Record##rating"))) {
        json changes = json::array({Update(t, "satisfaction", panel.rating)});
        if (panel.rating_comment.find_first_not_of(" \t") != std::string::npos) {
            std::string author = t.requester.empty() ? std::string(Tr("requester")) : t.requester;
            changes.push_back({{"op", "comment"},
                               {"id", t.id},
                               {"comment", {{"author", author}, {"body", panel.rating_comment}, {"internal", false}}}});
        }
        requests.push_back(ChangeRequest{{{"op", "batch"}, {"changes", std::move(changes)}}});
        panel.rating = 0;
        panel.rating_comment.clear();
    }
    ImGui::EndDisabled();
}

// The comment author's name for {agent}: App keeps its actor private and names it "me".
constexpr const char* kAgentName = "me";

// "Canned answer": the configured canned responses by name; choosing one adds it to the comment.
void DrawCannedCombo(const Board& board, UiState& ui) {
    ImGui::SetNextItemWidth(220.0f);
    if (!BeginRecordedCombo("##canned-answer", Tr("Canned answer"))) return;
    const LoadedHelpdeskSettings& helpdesk = *ui.helpdesk.loaded;
    for (const Error& problem : helpdesk.problems) {
        if (problem.path.rfind("/config/canned", 0) != 0) continue;
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().danger);
        ImGui::TextWrapped("%s", Format(Tr("The canned answers in the configuration do not read (%s); the defaults are shown"),
                                        problem.Describe().c_str()).c_str());
        ImGui::PopStyleColor();
    }
    for (const CannedResponse& response : helpdesk.settings.canned.responses)
        if (ImGui::Selectable((response.name + "##canned-" + response.id).c_str()))
            InsertCannedResponse(board, ui, response);
    ImGui::EndCombo();
}

}  // namespace

void OpenTicketEditor(const Board& board, UiState& ui) {
    if (const Ticket* t = board.Find(ui.panel.id)) OpenEditor(*t, board.config(), ui.panel.editor);
}

void InsertCannedResponse(const Board& board, UiState& ui, const CannedResponse& response) {
    const Ticket* t = board.Find(ui.panel.id);
    if (!t) return;
    std::string text = Expand(response, LanguageCode(CurrentLanguage()), *t, board.config(), kAgentName, ShortId(t->id));
    std::string& comment = ui.panel.comment;
    if (!comment.empty()) {
        while (!comment.empty() && comment.back() == '\n') comment.pop_back();
        comment += "\n\n";
    }
    comment += text;
}

void DrawTicketPanel(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests, float width) {
    const Board& board = app.board();
    const Ticket* t = board.Find(ui.panel.id);
    if (!t) return;
    const Theme& theme = CurrentTheme();
    const BoardConfig& config = board.config();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, theme.card_bg);
    ImGui::BeginChild("ticket-panel", ImVec2(width, 0), true);

    ImGui::PushFont(fonts.heading);
    ImGui::PushTextWrapPos(ImGui::GetWindowContentRegionMax().x - 2 * (ImGui::GetFrameHeight() + 8));
    ImGui::TextUnformatted(t->title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    // The two buttons at the right edge, wherever the scrollbar leaves it.
    const float button = ImGui::GetFrameHeight() + 8;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 2 * button);
    ImGui::BeginDisabled(ui.panel.editor.open);
    if (ImGui::Button((std::string(icons::kPencil) + "##edit-panel").c_str())) OpenEditor(*t, config, ui.panel.editor);
    ImGui::EndDisabled();
    TheItemRegistry().RecordLastItem("Edit ticket");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", Tr("Edit title, description, people, labels, due date and fields"));
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - button + 8);
    if (ImGui::Button((std::string(icons::kTimes) + "##close-panel").c_str())) ui.panel = {};
    TheItemRegistry().RecordLastItem("Close panel");
    ImGui::TextDisabled(Tr("#%s  ·  created %s"), t->id.c_str(), FormatDate(t->created).c_str());
    ImGui::Separator();

    ChoiceRow(Tr("Type"), "##panel-type", config.types, *t, "type", t->type, requests);
    ChoiceRow(Tr("Status"), "##panel-status", config.statuses, *t, "status", t->status, requests);
    ChoiceRow(Tr("Priority"), "##panel-priority", config.priorities, *t, "priority", t->priority, requests);
    DrawTicketSprint(app.board(), *t, ui, kLabelWidth, !app.read_only());
    // Why the last change from the panel was refused: near the top, where it is seen.
    if (!ui.panel.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme.danger);
        ImGui::TextWrapped("%s %s", icons::kWarning, ui.panel.message.c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem(ui.panel.message + "##panel-message");
    }
    DrawConflicts(*t, requests);
    if (ui.panel.editor.open) {
        ImGui::Separator();
        DrawEditorButtons(*t, config, ui, requests);
        DrawEditor(*t, config, ui);
    } else {
        DrawDetails(*t, config, fonts);
    }
    DrawTicketLinks(app, *t, ui, requests);


    // Reopen: only for resolved/closed tickets, and only with a reason.
    const StatusDef* status = config.FindStatus(t->status);
    if (status && status->category == StatusCategory::Done) {
        ImGui::Separator();
        ImGui::SetNextItemWidth(-110);
        InputString("##reopen-reason", ui.panel.reopen_reason, Tr("Why reopen?"));
        ImGui::SameLine();
        if (ImGui::Button(TrLabel("Reopen##panel")))
            requests.push_back(ChangeRequest{{{"op", "reopen"}, {"id", t->id}, {"reason", ui.panel.reopen_reason}}});
        DrawKnowledgeToggle(*t, requests);
        DrawSatisfaction(*t, ui, requests);
    }

    ImGui::Separator();
    ImGui::TextUnformatted(Format(Tr("Comments (%s)"), FormatNumber(t->comments.size()).c_str()).c_str());
    for (const auto& c : t->comments) {
        ImGui::PushStyleColor(ImGuiCol_Text, c.internal ? theme.warning_text : theme.text_muted);
        ImGui::Text("%s · %s%s%s", c.author.c_str(), FormatDate(c.at).c_str(), c.internal ? " · " : "",
                    c.internal ? Tr("internal note") : "");
        ImGui::PopStyleColor();
        DrawMarkdownText(c.body, fonts, ImGui::GetContentRegionAvail().x);
        TheItemRegistry().RecordLastItem(c.body + "##comment-" + c.id);
    }
    DrawCannedCombo(board, ui);
    InputString("##new-comment", ui.panel.comment, nullptr, 60.0f);
    ImGui::Checkbox(TrLabel("Internal note##panel"), &ui.panel.internal);
    ImGui::SameLine();
    if (PrimaryButton(TrLabel("Comment##panel")))
        requests.push_back(ChangeRequest{{{"op", "comment"},
                                          {"id", t->id},
                                          {"comment", {{"body", ui.panel.comment}, {"internal", ui.panel.internal}}}}});
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Delete ticket##panel"))) requests.push_back(ChangeRequest{{{"op", "delete"}, {"id", t->id}}});

    ImGui::Separator();
    if (ImGui::CollapsingHeader(TrLabel("History##panel"), ImGuiTreeNodeFlags_DefaultOpen)) History(*t);
    ImGui::EndChild();
    TheItemRegistry().RecordLastItem("ticket-panel");
    ImGui::PopStyleColor();
}

}  // namespace tackboard
