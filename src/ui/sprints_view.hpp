// sprints_view.hpp — the Sprints view (core/sprints.hpp) and the "Add to sprint" dialog.
//
// The view lists the board's sprints (open first) with a form to create one; the
// selected sprint shows its goal, dates, days left, done / not done, a burndown chart
// (ui/chart.hpp, id "burndown"), its tickets, "Show as board" (the filter
// sprint:"<name>" on the board), "Add tickets by query…" and "Close sprint…" (where the
// unfinished tickets go; afterwards its report). Every edit is a change record pushed as
// a request with ChangeSource::Sprints; OnSprintsChanged tells the outcome.
//
// The "Add to sprint" dialog serves cards (their context menu), the ticket panel and the
// list's selection: OpenAddToSprint(ui, ids) asks for it, DrawAddToSprintDialog draws it.
//
// Registry labels for tests: "Sprints" view items "New sprint##sprints", the form's
// "##sprint-name" "##sprint-start" "##sprint-end" "##sprint-goal" "Create##sprint-form",
// rows "sprint-row:<name>", "Show as board##sprint", "Add tickets by query…##sprint",
// "##sprint-query", "sprint-query-count", "Add##sprint-query", "Close sprint…##sprint",
// the dialog's "##close-next" combo with "Backlog##close-next" and "<name>##close-next-<id>",
// "Close sprint##close-confirm"; the picker's "<name>##add-to-<id>".
#pragma once

#include <string>
#include <vector>

#include "app/app.hpp"
#include "core/result.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

void DrawSprintsView(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests);

// Asks for the "Add to sprint" dialog for these tickets (drawn by DrawAddToSprintDialog).
void OpenAddToSprint(UiState& ui, std::vector<std::string> ticket_ids);
void DrawAddToSprintDialog(const App& app, UiState& ui, std::vector<Request>& requests);

// The ticket panel's "Sprint" row: where the ticket is planned, and "Add to sprint…".
void DrawTicketSprint(const Board& board, const Ticket& ticket, UiState& ui, float label_width, bool writable);

// The outcome of a change the view or the dialog asked for.
void OnSprintsChanged(UiState& ui, const Status& done);

}  // namespace tackboard
