// sprints_view.cpp — the Sprints view and the "Add to sprint" dialog (sprints_view.hpp).
//
// [SECTION] helpers
// [SECTION] the list and the create form
// [SECTION] one sprint: facts, actions, burndown, report, tickets
// [SECTION] the close dialog
// [SECTION] the "Add to sprint" dialog
#include "ui/sprints_view.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/dates.hpp"
#include "core/sprints.hpp"
#include "core/utf8.hpp"
#include "ui/chart.hpp"
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

using nlohmann::json;

// [SECTION] helpers -----------------------------------------------------------------------

constexpr float kListWidth = 280;
constexpr float kChartHeight = 200;

Millis DayOf(Millis instant) { return instant - ((instant % kMillisPerDay) + kMillisPerDay) % kMillisPerDay; }

// Pushes a change; `said` is told once it is applied (OnSprintsChanged).
void Push(std::vector<Request>& requests, SprintsViewState& view, json change, std::string said) {
    view.pending = std::move(said);
    requests.push_back(ChangeRequest{std::move(change), ChangeSource::Sprints});
}

void Tell(SprintsViewState& view, std::string message, bool error) {
    view.message = std::move(message);
    view.message_is_error = error;
    view.message_revision = ~0ull;
}

// What the last action did is said until the board changes again (an undo, another edit):
// after that it would no longer be true.
void ForgetOldMessage(const App& app, SprintsViewState& view) {
    if (view.message_revision == ~0ull) view.message_revision = app.revision();
    else if (view.message_revision != app.revision()) view.message.clear();
}

std::string SprintName(const std::vector<Sprint>& sprints, const std::string& id) {
    if (id.empty()) return Tr("Backlog");
    const Sprint* s = FindSprint(sprints, id);
    return s ? s->name : id;
}

// "1 Dec 2026 – 14 Dec 2026 · 5 days left", or how it ended.
std::string WhenText(const Sprint& s, Millis now) {
    std::string text = FormatDate(s.start) + " – " + FormatDate(s.end) + " · ";
    const Millis today = DayOf(now);
    if (s.closed()) return text + Format(Tr("closed on %s"), FormatDate(s.closed_at).c_str());
    if (today < s.start) {
        long long days = (s.start - today) / kMillisPerDay;
        return text + Format(TrCount(days, "starts in %s day", "starts in %s days"), FormatNumber(days).c_str());
    }
    if (today > s.end) return text + Tr("ended; close it to record what was done");
    long long left = (s.end - today) / kMillisPerDay + 1;  // today counts
    return text + Format(TrCount(left, "%s day left", "%s days left"), FormatNumber(left).c_str());
}

const SprintsViewState::Figures& FiguresOf(const App& app, SprintsViewState& view, const Sprint& s) {
    auto& f = view.figures;
    const Millis day = DayOf(app.Now());
    if (f.revision != app.revision() || f.sprint != s.id || f.day != day) {
        f.revision = app.revision();
        f.sprint = s.id;
        f.day = day;
        f.tally = TallySprint(app.board(), s.id);
        f.burndown = Burndown(app.board(), s, app.Now());
    }
    return f;
}

// A heading over a rule (ImGui 1.86 has no SeparatorText).
void SectionTitle(const Fonts& fonts, const char* text) {
    ImGui::Spacing();
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
    ImGui::Separator();
}

// A modal dialog in the middle of the screen, opened once `requested` (then cleared).
// End with ImGui::EndPopup() when it returns true.
bool BeginDialog(const char* title, bool& requested) {
    if (requested) {
        ImGui::OpenPopup(title);
        requested = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    return ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
}

void MutedText(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().text_muted);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

// [SECTION] the list and the create form ----------------------------------------------------

void ClearForm(SprintsViewState& view) {
    view.creating = false;
    view.editing.clear();
    view.form_error.clear();
    view.name.clear();
    view.start.clear();
    view.end.clear();
    view.goal.clear();
}

void OpenCreateForm(SprintsViewState& view, Millis now) {
    if (!view.editing.empty()) ClearForm(view);  // a half-done edit is not a new sprint's start
    view.creating = true;
    view.form_error.clear();
    if (view.start.empty()) view.start = FormatIsoDate(DayOf(now));
    if (view.end.empty()) view.end = FormatIsoDate(DayOf(now) + 13 * kMillisPerDay);  // two weeks
}

void OpenEditForm(SprintsViewState& view, const Sprint& s) {
    view.creating = true;
    view.editing = s.id;
    view.form_error.clear();
    view.name = s.name;
    view.goal = s.goal;
    view.start = FormatIsoDate(s.start);
    view.end = FormatIsoDate(s.end);
}

// Creates a sprint, or saves the one being edited (view.editing).
void SubmitForm(const App& app, SprintsViewState& view, std::vector<Request>& requests) {
    const SprintDraft draft{view.name, view.start, view.end, view.goal};
    const bool editing = !view.editing.empty();
    const std::string id = editing ? view.editing : NewSprintId(SprintsOf(app.board().config()).sprints, app.Now());
    auto change = editing ? EditSprintChange(app.board(), id, draft) : CreateSprintChange(app.board(), draft, id);
    if (!change) {
        view.form_error = AsSentence(change.error().message);
        return;
    }
    view.form_error.clear();
    view.selected = id;
    view.pending_closes_form = true;
    const std::string name = Trimmed(view.name);
    Push(requests, view, std::move(change.value()),
         Format(editing ? Tr("Sprint \"%s\" saved.") : Tr("Sprint \"%s\" created."), name.c_str()));
}

void DrawCreateForm(const App& app, SprintsViewState& view, std::vector<Request>& requests) {
    const float width = ImGui::GetContentRegionAvail().x;
    auto field = [&](const char* label, const char* id, std::string& text, const char* hint) {
        ImGui::TextUnformatted(label);
        ImGui::SetNextItemWidth(width);
        InputString(id, text, hint);
    };
    field(Tr("Name"), "##sprint-name", view.name, Tr("e.g. Sprint 12"));
    field(Tr("Starts (YYYY-MM-DD)"), "##sprint-start", view.start, "2026-12-01");
    field(Tr("Ends (YYYY-MM-DD, included)"), "##sprint-end", view.end, "2026-12-14");
    field(Tr("Goal"), "##sprint-goal", view.goal, Tr("What the team means to finish"));
    if (PrimaryButton(view.editing.empty() ? TrLabel("Create##sprint-form") : TrLabel("Save##sprint-form")))
        SubmitForm(app, view, requests);
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Cancel##sprint-form"))) {
        if (view.editing.empty()) view.creating = false;  // a new sprint's draft is kept for next time
        else ClearForm(view);
        view.form_error.clear();
    }
    if (!view.form_error.empty()) ErrorText(view.form_error, "sprint-form-error");
}

void DrawList(const App& app, const Fonts& fonts, SprintsViewState& view, const std::vector<Sprint>& sprints,
              std::vector<Request>& requests) {
    const Theme& t = CurrentTheme();
    const bool writable = !app.read_only();
    ImGui::BeginDisabled(!writable);
    if (ImGui::Button(TrLabel("New sprint##sprints"))) OpenCreateForm(view, app.Now());
    ImGui::EndDisabled();
    if (view.creating) {
        ImGui::Spacing();
        DrawCreateForm(app, view, requests);
        ImGui::Separator();
    }
    ImGui::Spacing();
    if (sprints.empty()) {
        MutedText(Tr("No sprints yet. A sprint is a time box: plan tickets into it, work them, then close it and move what is unfinished to the next one."));
        return;
    }
    const Sprint* current = CurrentSprint(sprints, app.Now());
    for (const Sprint* s : SprintsInOrder(sprints)) {
        ImGui::PushID(s->id.c_str());
        const bool selected = view.selected == s->id;
        ImVec2 top = ImGui::GetCursorScreenPos();
        const float row_height = ImGui::GetTextLineHeight() * 2 + 10;
        if (ImGui::Selectable("##sprint-row", selected, 0, ImVec2(0, row_height))) view.selected = s->id;
        TheItemRegistry().RecordLastItem("sprint-row:" + s->name);
        ImDrawList* draw = ImGui::GetWindowDrawList();
        ImGui::PushFont(fonts.strong);
        std::string title = s->name;
        if (s == current) title += "  · " + std::string(Tr("current"));
        TextEllipsis(draw, ImVec2(top.x + 6, top.y + 4), s->closed() ? t.text_muted : t.text, title.c_str(),
                     ImGui::GetContentRegionAvail().x - 12);
        ImGui::PopFont();
        std::string dates = FormatShortDate(s->start) + " – " + FormatShortDate(s->end) + " · " +
                            (s->closed() ? Tr("closed") : Tr("open"));
        TextEllipsis(draw, ImVec2(top.x + 6, top.y + 6 + ImGui::GetTextLineHeight()), t.text_muted, dates.c_str(),
                     ImGui::GetContentRegionAvail().x - 12);
        ImGui::PopID();
    }
}

// [SECTION] one sprint: facts, actions, burndown, report, tickets ----------------------------

void DrawAddByQuery(const App& app, SprintsViewState& view, const Sprint& s, std::vector<Request>& requests) {
    ImGui::SetNextItemWidth(std::min(420.0f, ImGui::GetContentRegionAvail().x - 160));
    InputString("##sprint-query", view.query, Tr("A filter, e.g. status:open label:billing"));
    if (view.query_for != view.query || view.query_revision != app.revision()) {
        view.query_for = view.query;
        view.query_revision = app.revision();
        view.query_ids.clear();
        view.query_error.clear();
        if (!view.query.empty()) {
            auto rows = app.Query(view.query);
            if (!rows) view.query_error = AsSentence(rows.error().message);
            else
                for (std::size_t pos : rows.value()) view.query_ids.push_back(app.board().tickets()[pos].id);
        }
    }
    std::size_t already = 0;
    for (const std::string& id : view.query_ids)
        if (const Ticket* t = app.board().Find(id); t && t->sprint == s.id) ++already;
    const std::size_t fresh = view.query_ids.size() - already;
    ImGui::SameLine();
    ImGui::BeginDisabled(fresh == 0);
    if (PrimaryButton(TrLabel("Add##sprint-query"))) {
        auto plan = AddToSprintChange(app.board(), view.query_ids, s.id);
        if (!plan) {
            Tell(view, AsSentence(plan.error().message), true);
        } else if (!plan.value().change.is_null()) {
            Push(requests, view, std::move(plan.value().change),
                 Format(Tr("%s added to \"%s\"; %s already in it."),
                        Counted(static_cast<long long>(plan.value().added), "%s ticket", "%s tickets").c_str(),
                        s.name.c_str(), FormatNumber(static_cast<long long>(plan.value().skipped)).c_str()));
            view.adding = false;
            view.query.clear();
        }
    }
    ImGui::EndDisabled();
    if (!view.query_error.empty()) {
        ErrorText(view.query_error, "sprint-query-error");
    } else if (!view.query.empty()) {
        std::string count = Format(Tr("%s match, %s already in this sprint."),
                                   Counted(static_cast<long long>(view.query_ids.size()), "%s ticket", "%s tickets").c_str(),
                                   FormatNumber(static_cast<long long>(already)).c_str());
        MutedText(count);
        TheItemRegistry().RecordLastItem(count + "##sprint-query-count");
    }
}

void DrawTicketRows(const Board& board, UiState& ui, const std::vector<std::string>& ids, const char* table_id) {
    if (ids.empty()) {
        MutedText(Tr("None."));
        return;
    }
    const BoardConfig& config = board.config();
    if (!ImGui::BeginTable(table_id, 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) return;
    ImGui::TableSetupColumn(Tr("Title"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(Tr("Status"), ImGuiTableColumnFlags_WidthFixed, 130);
    ImGui::TableSetupColumn(Tr("Assignee"), ImGuiTableColumnFlags_WidthFixed, 130);
    ImGui::TableHeadersRow();
    for (const std::string& id : ids) {
        const Ticket* t = board.Find(id);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(id.c_str());
        if (!t) {
            MutedText(ShortId(id) + " " + Tr("(no longer on the board)"));
            ImGui::PopID();
            continue;
        }
        if (ImGui::Selectable((t->title + "##sprint-ticket").c_str(), ui.selected_ticket == id)) OpenTicket(ui, id);
        TheItemRegistry().RecordLastItem(std::string(table_id) + ":" + t->title);
        ImGui::TableNextColumn();
        const StatusDef* status = config.FindStatus(t->status);
        ImGui::TextUnformatted(status ? TrName(status->name) : t->status.c_str());
        ImGui::TableNextColumn();
        const MemberDef* member = config.FindMember(t->assignee);
        ImGui::TextUnformatted(member ? member->name.c_str() : t->assignee.empty() ? "—" : t->assignee.c_str());
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void DrawBurndown(const SprintsViewState::Figures& f) {
    if (f.burndown.empty()) {
        MutedText(Tr("The burndown starts on the sprint's first day."));
        return;
    }
    Chart chart{"burndown", ChartKind::Line, ChartUnit::Count, {}, {{Tr("Open tickets"), {}}, {Tr("Ideal"), {}}}, {}};
    for (const BurndownDay& d : f.burndown) {
        chart.x_labels.push_back(FormatShortDate(d.day));
        chart.series[0].values.push_back(d.remaining);
        chart.series[1].values.push_back(d.ideal);
    }
    DrawChart(chart, ImVec2(0, kChartHeight));
}

void DrawCloseDialog(const App& app, SprintsViewState& view, const Sprint& s, const std::vector<Sprint>& sprints,
                     const SprintReport& tally, std::vector<Request>& requests);
void DrawDeleteDialog(const App& app, SprintsViewState& view, const Sprint& s, const SprintReport& tally,
                      std::vector<Request>& requests);

void DrawSprint(const App& app, const Fonts& fonts, UiState& ui, const Sprint& s, const std::vector<Sprint>& sprints,
                std::vector<Request>& requests) {
    SprintsViewState& view = ui.sprints;
    const auto& figures = FiguresOf(app, view, s);
    const bool writable = !app.read_only();
    ImGui::PushFont(fonts.strong);  // the heading font has no CJK glyphs; names may be Chinese
    ImGui::TextUnformatted(s.name.c_str());
    ImGui::PopFont();
    MutedText(WhenText(s, app.Now()));
    if (!s.goal.empty()) ImGui::TextWrapped("%s %s", Tr("Goal:"), s.goal.c_str());
    const std::size_t done = s.closed() ? s.report.done.size() : figures.tally.done.size();
    const std::size_t not_done = s.closed() ? s.report.not_done.size() : figures.tally.not_done.size();
    std::string counts = Format(Tr("%s done, %s not done"), FormatNumber(static_cast<long long>(done)).c_str(),
                                FormatNumber(static_cast<long long>(not_done)).c_str());
    ImGui::TextUnformatted(counts.c_str());
    TheItemRegistry().RecordLastItem(counts + "##sprint-counts");

    ImGui::Spacing();
    if (ImGui::Button(TrLabel("Show as board##sprint"))) {
        ui.filter.text = "sprint:\"" + s.name + "\"";  // the filter bar runs it on its next frame
        ShowView(ui, "board");
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("The board with only this sprint's tickets (clear the filter to see all)"));
    if (!s.closed()) {
        ImGui::SameLine();
        ImGui::BeginDisabled(!writable);
        if (ToggleButton(TrLabel("Add tickets by query…##sprint"), view.adding)) view.adding = !view.adding;
        ImGui::SameLine();
        if (ImGui::Button(TrLabel("Close sprint…##sprint"))) {
            view.close_requested = true;
            view.close_next.clear();
            for (const Sprint* next : SprintsInOrder(sprints))  // the next open sprint, by default
                if (!next->closed() && next->id != s.id && next->start >= s.start) {
                    view.close_next = next->id;
                    break;
                }
        }
        ImGui::SameLine();
        if (ImGui::Button(TrLabel("Edit…##sprint"))) OpenEditForm(view, s);
        ImGui::EndDisabled();
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(!writable);
    if (ImGui::Button(TrLabel("Delete…##sprint"))) view.delete_requested = true;
    ImGui::EndDisabled();
    if (view.adding && !s.closed()) DrawAddByQuery(app, view, s, requests);
    if (!view.message.empty()) {
        if (view.message_is_error) ErrorText(view.message, "sprint-message");
        else {
            ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().ok);
            ImGui::TextWrapped("%s", view.message.c_str());
            ImGui::PopStyleColor();
            TheItemRegistry().RecordLastItem(view.message + "##sprint-message");
        }
    }
    DrawCloseDialog(app, view, s, sprints, figures.tally, requests);
    DrawDeleteDialog(app, view, s, figures.tally, requests);

    ImGui::Spacing();
    SectionTitle(fonts, Tr("Burndown"));
    DrawBurndown(figures);
    if (s.closed()) {
        SectionTitle(fonts, Tr("Report"));
        ImGui::TextUnformatted(Format(Tr("Done (%s)"), FormatNumber(static_cast<long long>(s.report.done.size())).c_str()).c_str());
        DrawTicketRows(app.board(), ui, s.report.done, "report-done");
        std::string moved = Format(Tr("Not done (%s), moved to %s"),
                                   FormatNumber(static_cast<long long>(s.report.not_done.size())).c_str(),
                                   SprintName(sprints, s.report.moved_to).c_str());
        ImGui::TextUnformatted(moved.c_str());
        TheItemRegistry().RecordLastItem(moved + "##report-moved");
        DrawTicketRows(app.board(), ui, s.report.not_done, "report-not-done");
    } else {
        SectionTitle(fonts, Tr("Tickets"));
        std::vector<std::string> ids = figures.tally.not_done;
        ids.insert(ids.end(), figures.tally.done.begin(), figures.tally.done.end());
        DrawTicketRows(app.board(), ui, ids, "sprint-tickets");
    }
}

// [SECTION] the close dialog ------------------------------------------------------------------

void DrawCloseDialog(const App& app, SprintsViewState& view, const Sprint& s, const std::vector<Sprint>& sprints,
                     const SprintReport& tally, std::vector<Request>& requests) {
    if (!BeginDialog(TrLabel("Close sprint##dialog"), view.close_requested)) return;
    const long long open = static_cast<long long>(tally.not_done.size());
    std::string counts = Format(Tr("%s done, %s not done."), FormatNumber(static_cast<long long>(tally.done.size())).c_str(),
                                FormatNumber(open).c_str());
    ImGui::TextUnformatted(counts.c_str());
    TheItemRegistry().RecordLastItem(counts + "##close-counts");
    if (open > 0) {
        ImGui::TextUnformatted(Format(TrCount(open, "Move the %s unfinished ticket to:", "Move the %s unfinished tickets to:"),
                                      FormatNumber(open).c_str())
                                   .c_str());
        ImGui::SetNextItemWidth(260);
        if (BeginRecordedCombo("##close-next", SprintName(sprints, view.close_next).c_str())) {
            if (ImGui::Selectable(TrLabel("Backlog##close-next"), view.close_next.empty())) view.close_next.clear();
            for (const Sprint* next : SprintsInOrder(sprints))
                if (!next->closed() && next->id != s.id &&
                    ImGui::Selectable((next->name + "##close-next-" + next->id).c_str(), view.close_next == next->id))
                    view.close_next = next->id;
            ImGui::EndCombo();
        }
    } else {
        ImGui::TextUnformatted(Tr("Every ticket is done: nothing to move."));
    }
    ImGui::Spacing();
    if (PrimaryButton(TrLabel("Close sprint##close-confirm"))) {
        auto change = CloseSprintChange(app.board(), s.id, view.close_next, app.Now());
        if (!change) Tell(view, AsSentence(change.error().message), true);
        else Push(requests, view, std::move(change.value()), Format(Tr("Sprint \"%s\" closed."), s.name.c_str()));
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Cancel##close")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

// Deleting asks first: the tickets go back to the backlog, a closed sprint's report is lost.
void DrawDeleteDialog(const App& app, SprintsViewState& view, const Sprint& s, const SprintReport& tally,
                      std::vector<Request>& requests) {
    if (!BeginDialog(TrLabel("Delete sprint##dialog"), view.delete_requested)) return;
    const long long tickets = static_cast<long long>(tally.done.size() + tally.not_done.size());
    ImGui::TextUnformatted(Format(Tr("Delete the sprint \"%s\"?"), s.name.c_str()).c_str());
    std::string what = tickets == 0 ? std::string(Tr("It holds no tickets."))
                                    : Format(TrCount(tickets, "Its %s ticket goes back to the backlog.",
                                                     "Its %s tickets go back to the backlog."),
                                             FormatNumber(tickets).c_str());
    if (s.closed()) what += " " + std::string(Tr("Its closing report is deleted with it."));
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().text_muted);
    ImGui::TextUnformatted(what.c_str());  // one line: the dialog grows to fit it
    ImGui::PopStyleColor();
    TheItemRegistry().RecordLastItem(what + "##delete-what");
    ImGui::TextUnformatted(Tr("Undo (Ctrl+Z) brings it back."));
    ImGui::Spacing();
    if (PrimaryButton(TrLabel("Delete##sprint-delete-confirm"))) {
        auto change = DeleteSprintChange(app.board(), s.id);
        if (!change) Tell(view, AsSentence(change.error().message), true);
        else Push(requests, view, std::move(change.value()), Format(Tr("Sprint \"%s\" deleted."), s.name.c_str()));
        if (view.editing == s.id) ClearForm(view);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Cancel##sprint-delete")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace

void DrawSprintsView(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    SprintsViewState& view = ui.sprints;
    const LoadedSprints loaded = SprintsOf(app.board().config());
    ForgetOldMessage(app, view);
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(Tr("Sprints"));
    ImGui::PopFont();
    if (loaded.problem) {
        ErrorText(Format(Tr("The board's sprint list cannot be read (%s), so sprints cannot be shown or changed. Undo the change that broke it."),
                         loaded.problem->Describe().c_str()),
                  "sprints-problem");
        return;
    }
    const Sprint* shown = FindSprint(loaded.sprints, view.selected);
    if (!shown && !loaded.sprints.empty()) shown = SprintsInOrder(loaded.sprints).front();
    const bool narrow = ImGui::GetContentRegionAvail().x < kListWidth * 2.2f;
    ImGui::BeginChild("sprint-list", ImVec2(narrow ? 0 : kListWidth, narrow ? 220 : 0), true);
    DrawList(app, fonts, view, loaded.sprints, requests);
    ImGui::EndChild();
    if (!narrow) ImGui::SameLine(0, 12);
    ImGui::BeginChild("sprint-detail", ImVec2(0, 0), false);
    if (shown) DrawSprint(app, fonts, ui, *shown, loaded.sprints, requests);
    else if (!view.message.empty()) ImGui::TextWrapped("%s", view.message.c_str());
    ImGui::EndChild();
}

// [SECTION] the "Add to sprint" dialog --------------------------------------------------------

void OpenAddToSprint(UiState& ui, std::vector<std::string> ticket_ids) {
    ui.sprints.picker.ids = std::move(ticket_ids);
    ui.sprints.picker.open_requested = !ui.sprints.picker.ids.empty();
}

void DrawAddToSprintDialog(const App& app, UiState& ui, std::vector<Request>& requests) {
    SprintsViewState& view = ui.sprints;
    auto& picker = view.picker;
    if (!BeginDialog(TrLabel("Add to sprint##picker"), picker.open_requested)) return;
    const LoadedSprints loaded = SprintsOf(app.board().config());
    const long long n = static_cast<long long>(picker.ids.size());
    ImGui::TextUnformatted(Format(TrCount(n, "Plan %s ticket into:", "Plan %s tickets into:"), FormatNumber(n).c_str()).c_str());
    auto choose = [&](const std::string& sprint_id) {
        auto plan = AddToSprintChange(app.board(), picker.ids, sprint_id);
        if (!plan) {
            ui.board_message = AsSentence(plan.error().message);
        } else if (!plan.value().change.is_null()) {
            view.pending_from_picker = true;
            Push(requests, view, std::move(plan.value().change),
                 Format(Tr("%s planned into \"%s\"."),
                        Counted(static_cast<long long>(plan.value().added), "%s ticket", "%s tickets").c_str(),
                        SprintName(loaded.sprints, sprint_id).c_str()));
        }
        ImGui::CloseCurrentPopup();
    };
    bool any = false;
    for (const Sprint* s : SprintsInOrder(loaded.sprints)) {
        if (s->closed()) continue;
        any = true;
        std::string label = s->name + "  (" + FormatShortDate(s->start) + " – " + FormatShortDate(s->end) + ")##add-to-" + s->id;
        if (ImGui::Selectable(label.c_str())) choose(s->id);
        TheItemRegistry().RecordLastItem("add-to:" + s->name);
    }
    if (!any) MutedText(Tr("No open sprint yet: create one in the Sprints view."));
    if (ImGui::Selectable(TrLabel("Backlog (no sprint)##add-to-backlog"))) choose("");
    ImGui::Spacing();
    if (!any && ImGui::Button(TrLabel("Open the Sprints view##picker"))) {
        ShowView(ui, "sprints");
        view.creating = true;
        ImGui::CloseCurrentPopup();
    }
    if (!any) ImGui::SameLine();
    if (ImGui::Button(TrLabel("Cancel##picker")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void DrawTicketSprint(const Board& board, const Ticket& ticket, UiState& ui, float label_width, bool writable) {
    const LoadedSprints loaded = SprintsOf(board.config());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr("Sprint"));
    ImGui::SameLine(label_width);
    const Sprint* s = FindSprint(loaded.sprints, ticket.sprint);
    std::string shown = ticket.sprint.empty() ? std::string(Tr("Backlog")) : s ? s->name : ticket.sprint;
    if (s && s->closed()) shown += " (" + std::string(Tr("closed")) + ")";
    ImGui::TextUnformatted(shown.c_str());
    TheItemRegistry().RecordLastItem(shown + "##panel-sprint");
    ImGui::SameLine();
    ImGui::BeginDisabled(!writable);
    if (ImGui::SmallButton(TrLabel("Add to sprint…##panel"))) OpenAddToSprint(ui, {ticket.id});
    ImGui::EndDisabled();
}

void OnSprintsChanged(UiState& ui, const Status& done) {
    SprintsViewState& view = ui.sprints;
    if (done) {
        Tell(view, view.pending, false);
        if (view.pending_closes_form) ClearForm(view);
    } else {
        const std::string why = AsSentence(done.error().message);
        Tell(view, why, true);
        if (view.pending_closes_form) view.form_error = why;
        if (view.pending_from_picker) ui.board_message = why;
    }
    view.pending.clear();
    view.pending_closes_form = false;
    view.pending_from_picker = false;
}

}  // namespace tackboard
