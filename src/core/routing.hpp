// routing.hpp — who should take a ticket, and how loaded everyone is.
//
//   Workload load = ComputeWorkload(board);          // also the workload view's rows
//   if (auto choice = ChooseAssignee(ticket, board.config(), load, RoutingMode::LeastLoaded, ""))
//       // propose choice->member; the UI sends an "update" change setting the assignee
//       // with choice->reason as its note. The agent may pick someone else: routing only
//       // suggests, a manual assignment always wins.
//
// Load is a member's open tickets: live, assigned to them, in a status whose category
// is not Done (statuses the board does not know count as open). Capacity comes from
// MemberDef::capacity; a capacity of 0 or less means "takes no new tickets" (always full).
//
// Choosing: members whose skills list holds the ticket's type id or one of its labels
// (case and accents folded) are the candidates; when nobody has a matching skill, every
// member is. Candidates at or over capacity are skipped, unless all are (then the least
// loaded is chosen anyway). LeastLoaded picks the lowest open/capacity ratio, then the
// fewest open tickets, then the first in config order; RoundRobin picks the next
// candidate after `last_assigned` in config order, wrapping around. The reason is plain
// English for the history note ("skills: network; load 3/10").
//
// Meant for tickets not yet assigned: a ticket already assigned counts in its assignee's
// load, so routing it again weighs it against them once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/board.hpp"

namespace tackboard {

struct MemberLoad {
    std::string member;  // member id
    int open = 0;
    int capacity = 0;
    double ratio = 0;  // open / capacity (open / 1 when capacity <= 0)
    bool full() const { return open >= capacity; }
};

struct Workload {
    std::vector<MemberLoad> members;  // in config order
    int unassigned = 0;               // open tickets with no assignee
    int others = 0;  // open tickets assigned to someone who is not a member (any more)

    const MemberLoad* Find(std::string_view member) const;
};

// One pass over the board (a few milliseconds at 100k tickets: once per change, not per frame).
Workload ComputeWorkload(const Board& board);

enum class RoutingMode { LeastLoaded, RoundRobin };

struct RoutingChoice {
    std::string member;
    std::string reason;  // e.g. "skills: network; load 3/10"
};

// Nothing when the board has no members. `last_assigned` is the round-robin cursor:
// whoever the previous routed ticket went to (empty: start with the first member).
std::optional<RoutingChoice> ChooseAssignee(const Ticket& ticket, const BoardConfig& config, const Workload& workload,
                                            RoutingMode mode, std::string_view last_assigned);

}  // namespace tackboard
