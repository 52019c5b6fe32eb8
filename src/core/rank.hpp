// rank.hpp — the manual order of cards within a column.
//
// A ticket's place is a rank: a string of base-62 digits ("0-9A-Za-z", in ASCII order)
// read as a fraction, compared as plain text. Between any two ranks there is always
// another, so moving a card writes only that card's rank (one field, with its own clock,
// merged by sync like any field). Ranks never end in '0', which keeps "strictly between"
// always possible.
//
// Tickets never moved by hand have no rank; they keep the board's first order, newest
// first, through an implicit rank made from their id (ImplicitRank), so ranked and
// unranked cards sort together and a card can be dropped between two unranked ones.
//
// Ranks grow by about one digit per six drops into the same gap. When a new rank would
// be longer than kMaxRankLength, PlaceTickets spreads fresh, short ranks over a few
// neighbours around the drop instead (a rare, larger change) — precision never runs out.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

inline constexpr std::size_t kMaxRankLength = 64;

// A rank strictly between `before` and `after`; an empty bound is open ("" before: the
// top, "" after: the bottom). Requires before < after when both are set.
std::string RankBetween(std::string_view before, std::string_view after);
// `count` ranks, ascending and evenly spread between the bounds (kept short).
std::vector<std::string> RanksBetween(std::string_view before, std::string_view after, std::size_t count);

// Where an unranked ticket sorts: ids compared in reverse (newest first), as ranks.
std::string ImplicitRank(const std::string& id);
// The rank a ticket sorts by: its own, or the implicit one.
std::string OrderKey(const Ticket& ticket);
// Does `a` come before `b` in a column? OrderKey order, ties newest first; without
// building implicit ranks (columns of 100k are sorted with it).
bool OrderedBefore(const Ticket& a, const Ticket& b);

// Is `rank` a rank this module could have made (digits only, no trailing '0')?
bool IsValidRank(std::string_view rank);

// What a board lane or column changes on the cards dropped into it, besides the rank:
// {"status": "in_progress"}, {"assignee": "alice"}... (an update's "set").
using PlacementSet = nlohmann::json;

// The update records that put `ids` (in that order) at `position` among `rows` — the
// cards as shown where they are dropped (positions in board.tickets(), in order; the
// dragged cards may be among them) — and apply `set_for(id)` to each moved card. Usually
// one record per moved card; when ranks get too long, neighbours get fresh ranks too.
// Cards already at that place are left alone; an empty list means nothing to do.
nlohmann::json PlaceTickets(const Board& board, const std::vector<std::size_t>& rows, std::size_t position,
                            const std::vector<std::string>& ids,
                            const std::function<PlacementSet(const std::string& id)>& set_for);

}  // namespace tackboard
