// change.hpp — the only way a board changes.
//
// A change is a JSON record, the same in memory, in the journal and (later) on the sync
// wire. Every record carries "op", "at" (ms), "by" (actor) and usually "hlc" (the
// hybrid-logical-clock stamp written into the ticket's per-field clocks):
//
//   create   {"ticket": {...complete ticket...}}                 (see MakeCreate)
//   update   {"id", "set": {"title"|"description"|"type"|"status"|"priority"|"assignee"|
//             "requester"|"labels"|"due"|"satisfaction"|"rank"|"sprint"|"fields.<id>": value}, "note"?}
//             ("rank": the card's place in its column, made by PlaceTickets in core/rank.hpp)
//             ("sprint": a sprint id of core/sprints.hpp, open; empty: the backlog)
//   reopen   {"id", "reason", "status"?}        a done ticket back to work, with why
//   comment  {"id", "comment": {"id","author","at","body","internal"}}
//   uncomment{"id", "comment_id"}
//   link     {"id", "kind", "target"}           kept on both tickets (blocks/blocked_by...)
//   unlink   {"id", "kind", "target"}
//   delete   {"id"}   /   restore {"id"}       deleted tickets are kept, hidden
//   config   {"config": {...whole configuration...}}
//   batch    {"changes": [records...]}          all applied, or none (the first refusal
//                                               undoes the ones before it)
//   import   {"tickets": [whole tickets], "config"?, "source"}   tickets kept as they
//             come (history, comments, links, clocks); all checked before any is added
//   sync     {"tickets": [whole tickets]}       versions from the sync server, already
//             merged by sync/sync_engine: each replaces the local ticket whole or is added
//   resolve  {"id", "conflict": {...as kept...}, "use"?}  settles a sync conflict: "use"
//             sets the kept value again, otherwise it is dismissed (unresolve: inverse)
//
// ApplyChange() validates a record against the board and applies it, or changes nothing
// and says why. It appends history entries (who, when, field, old -> new) to the tickets
// it touches and returns the inverse record, which undo applies. Inverses carry
// "undo": true, which lets them restore what users cannot set directly (resolved_at)
// and skips the workflow's transition rules (undoing an allowed move is always allowed).
// Live edits and journal replay both go through ApplyChange, so a replayed board is the
// board the user saw.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

struct Actor {
    std::string name;  // who makes the change ("me" until members exist)
};

// Limits on free text; longer input is refused with a message, never cut silently.
inline constexpr std::size_t kMaxTitleChars = 500;
inline constexpr std::size_t kMaxTextBytes = 1 << 20;  // description, comment: 1 MiB

struct Applied {
    nlohmann::json inverse;            // null when the change changed nothing
    std::vector<std::string> touched;  // ids of the tickets it changed
};

Result<Applied> ApplyChange(Board& board, const nlohmann::json& change);

// Turns what a user gave for a new ticket (title required; type, status, priority,
// description, assignee, requester, labels, due and "fields.<id>" optional) into a
// complete create record, defaults filled from the configuration.
Result<nlohmann::json> MakeCreate(const Board& board, const nlohmann::json& fields, const std::string& new_id,
                                  Millis now, const Actor& by);

// Names of the required fields of `type` left empty by `values` (field id -> value): a
// ticket can take that type only once they are filled in.
std::vector<std::string> MissingRequired(const TicketTypeDef& type, const nlohmann::json& values);

}  // namespace tackboard
