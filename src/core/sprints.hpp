// sprints.hpp — sprints: time boxes a team plans tickets into and closes with a report.
//
//   LoadedSprints s = SprintsOf(board.config());            // definitions (and a problem)
//   auto change = AddToSprintChange(board, ids, "sp-1", now); // one undoable record
//   auto close  = CloseSprintChange(board, "sp-1", "sp-2", now);
//   auto chart  = Burndown(board, *FindSprint(s.sprints, "sp-1"), now);
//
// Membership is the ticket's own field `sprint` (board.hpp; empty: the backlog), set by
// ordinary "update" records, so it has history, a per-field clock for merges and undo.
// The definitions are the configuration's member "sprints" (BoardConfig::extra, like the
// helpdesk settings): a list of
//   {"id", "name", "start": "YYYY-MM-DD", "end": "YYYY-MM-DD", "goal", "closed_at": ms or 0,
//    "report": {"done": [ids], "not_done": [ids], "moved_to": "<sprint id or empty>"}}
// so they are journaled, synced (merged as one value, sync/merge.hpp MergeConfig),
// exported and undone with the configuration. Dates are whole days in UTC (core/dates.hpp):
// a sprint runs from the start of `start` to the end of `end`.
//
// Every edit here is returned as a change record for App::Execute; nothing is applied.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

inline constexpr const char* kSprintsKey = "sprints";  // member of the configuration

// What closing a sprint found: its tickets by outcome, and where the unfinished went.
struct SprintReport {
    std::vector<std::string> done;      // ticket ids in a Done-category status
    std::vector<std::string> not_done;  // the others, moved to `moved_to`
    std::string moved_to;               // a sprint id; empty: the backlog
};

struct Sprint {
    std::string id;
    std::string name;
    std::string goal;
    Millis start = 0;      // midnight UTC of the first day
    Millis end = 0;        // midnight UTC of the last day (inclusive)
    Millis closed_at = 0;  // 0: open
    SprintReport report;   // filled when closed

    bool closed() const { return closed_at != 0; }
    // Whether `instant` falls on one of its days (first to last, inclusive).
    bool Covers(Millis instant) const;
};

struct LoadedSprints {
    std::vector<Sprint> sprints;
    std::optional<Error> problem;  // the member did not read (then `sprints` is empty)
};

// The board's sprints; a missing member gives none.
LoadedSprints SprintsOf(const BoardConfig& config);
// Reads and checks a "sprints" list: an id and a name each, dates as YYYY-MM-DD, the end
// not before the start, no two with the same id or name (letter case and accents aside).
// Errors point at the value: "/3/end".
Result<std::vector<Sprint>> ParseSprints(const nlohmann::json& list);
nlohmann::json SprintsToJson(const std::vector<Sprint>& sprints);

const Sprint* FindSprint(const std::vector<Sprint>& sprints, std::string_view id);
// By name, letter case and accents aside (the query's sprint:"Sprint 12").
const Sprint* FindSprintByName(const std::vector<Sprint>& sprints, std::string_view name);
// The open sprint whose days contain `now` (the earliest started when several do), or null.
const Sprint* CurrentSprint(const std::vector<Sprint>& sprints, Millis now);
// Open sprints first, by start date; then the closed ones, most recently closed first.
std::vector<const Sprint*> SprintsInOrder(const std::vector<Sprint>& sprints);
// An id no sprint of the list has, made from the time ("sp-" and base 36).
std::string NewSprintId(const std::vector<Sprint>& sprints, Millis now);

// Whether a ticket may be planned into `sprint_id` (empty: the backlog, always). Refused,
// saying why, for a sprint the board does not have or one that is closed.
Status CheckSprintToJoin(const BoardConfig& config, std::string_view sprint_id);

// A sprint as a form gives it: dates as typed.
struct SprintDraft {
    std::string name;
    std::string start;  // YYYY-MM-DD
    std::string end;
    std::string goal;
};

// The configuration record that adds a sprint with id `new_id`. Errors name the field:
// "/name", "/start", "/end".
Result<nlohmann::json> CreateSprintChange(const Board& board, const SprintDraft& draft, const std::string& new_id);
// The configuration record that changes a sprint's name, dates and goal (refused for a
// closed sprint: its report is what it was).
Result<nlohmann::json> EditSprintChange(const Board& board, std::string_view sprint_id, const SprintDraft& draft);

// Deleting a sprint: its live tickets go back to the backlog, then the sprint leaves the
// configuration (a closed one with its report), as one batch and one undo.
Result<nlohmann::json> DeleteSprintChange(const Board& board, std::string_view sprint_id);

// Planning tickets into a sprint (or, with an empty id, back to the backlog): one batch of
// updates, one undo step. Tickets already there are skipped and counted; `change` is
// null when every ticket was. Refused for an unknown, deleted ticket, or a sprint that
// cannot be joined (CheckSprintToJoin).
struct SprintPlanning {
    nlohmann::json change;  // null: nothing to do
    std::size_t added = 0;
    std::size_t skipped = 0;
};
Result<SprintPlanning> AddToSprintChange(const Board& board, const std::vector<std::string>& ticket_ids,
                                         std::string_view sprint_id);

// The live tickets of a sprint by outcome: done (a Done-category status) or not.
SprintReport TallySprint(const Board& board, std::string_view sprint_id);

// Closing a sprint: one batch that moves its unfinished tickets to `next_id` (an open
// sprint, or empty for the backlog), then records the report in the sprint and marks it
// closed at `now`. One undo restores it all. Refused for an unknown or already closed
// sprint, and for a next sprint that is itself, unknown or closed.
Result<nlohmann::json> CloseSprintChange(const Board& board, std::string_view sprint_id, std::string_view next_id,
                                         Millis now);

// One day of a burndown chart.
struct BurndownDay {
    Millis day = 0;      // midnight UTC
    int remaining = 0;   // tickets in the sprint and not done at the end of that day
    double ideal = 0;    // the straight line from the first day's count to 0 on the last day
};
// Per day from the sprint's start to the earliest of its end, today and the day it was
// closed, read from the tickets' history: when each joined (or left) the sprint and when
// it reached a Done status (a reopened ticket counts again). Empty before the start.
std::vector<BurndownDay> Burndown(const Board& board, const Sprint& sprint, Millis now);

}  // namespace tackboard
