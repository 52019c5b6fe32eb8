// merge.hpp — three-way merge of one ticket, for sync (see DESIGN.md "Sync").
//
// `base` is the version both sides last agreed on (what the last sync stored), `local`
// and `remote` what each side made of it since. Per field:
//   - changed on one side only: that side's value;
//   - changed on both sides to the same value: that value;
//   - changed on both sides differently: a conflict. The value with the later
//     hybrid-logical-clock stamp (Ticket::clocks) wins, so every replica picks the same
//     winner; the other value is not dropped but kept in the ticket's conflict list
//     (Ticket::extra["conflicts"]) until someone resolves it in the editor.
// Comments and links merge as sets (added on either side: kept; removed on one side and
// untouched on the other: removed), history entries as a union in time order, the
// custom fields key by key, unknown top-level members like plain fields.
//
// The merge is symmetric: MergeTicket(b, x, y) and MergeTicket(b, y, x) give the same
// ticket, which is what makes replicas converge.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

// A value that lost a merge. Kept as {"field", "value", "clock"} in extra["conflicts"].
struct FieldConflict {
    std::string field;     // "title", "fields.environment", ...
    nlohmann::json value;  // the losing value
    std::string clock;     // its stamp, so the list itself merges deterministically
    bool operator==(const FieldConflict&) const = default;
};

struct MergedTicket {
    Ticket ticket;
    std::vector<FieldConflict> new_conflicts;  // the conflicts this merge found
};

// `base` may be null: both sides created the ticket independently (same id), so every
// differing field is a conflict. Fails only when the result is not a valid ticket.
Result<MergedTicket> MergeTicket(const Ticket* base, const Ticket& local, const Ticket& remote);

// The board's configuration (statuses, types, priorities, members, labels, views,
// transitions, defaults), merged three-way the same way: entries of the lists by their
// id (labels and views by name), transitions as a set, other members as values. An entry
// changed on both sides takes the server's version (an edit beats a removal), and the
// entry is named in `overridden` ("status triage") so the user is told what was lost.
struct MergedConfig {
    nlohmann::json config;
    std::vector<std::string> overridden;
};
MergedConfig MergeConfig(const nlohmann::json* base, const nlohmann::json& local, const nlohmann::json& remote);

// The conflict list a ticket carries (empty when none).
std::vector<FieldConflict> ConflictsOf(const Ticket& ticket);

}  // namespace tackboard
