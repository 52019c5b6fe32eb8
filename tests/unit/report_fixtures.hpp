// report_fixtures.hpp — tickets with history written by hand, for the reports and
// dashboard tests: Make a ticket, Move it, Rate it, and every position of a board.
#pragma once

#include <string>
#include <vector>

#include "core/board.hpp"

namespace tackboard::report_fixtures {

constexpr Millis kMinute = 60'000;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;
constexpr Millis kNov2 = 1'793'577'600'000;  // Monday 2 November 2026, 00:00 UTC

// A new support ticket of normal priority, created by "agent" at `created`.
inline Ticket Make(const std::string& id, Millis created) {
    Ticket t;
    t.id = id;
    t.title = id;
    t.type = "support";
    t.status = "new";
    t.priority = "normal";
    t.created = t.updated = created;
    t.history.push_back(HistoryEntry{created, "agent", "created", nullptr, id, ""});
    return t;
}

inline void Move(Ticket& t, Millis at, const std::string& to) {
    t.history.push_back(HistoryEntry{at, "agent", "status", t.status, to, ""});
    t.status = to;
}

inline void Rate(Ticket& t, Millis at, int score) {
    t.history.push_back(HistoryEntry{at, "requester", "satisfaction", t.satisfaction, score, ""});
    t.satisfaction = score;
}

inline std::vector<std::size_t> All(const Board& board) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < board.tickets().size(); ++i) out.push_back(i);
    return out;
}

}  // namespace tackboard::report_fixtures
