// reminders.hpp — what needs someone's attention now: due dates near or past, SLA
// targets at risk or missed. The notification centre lists them (ui/notification_centre.hpp).
//
//   std::vector<Reminder> list = ComputeReminders(board, sla, now);  // most pressing first
//
// Only live tickets not in a Done status have reminders. A ticket may have two: one for
// its due date and one for its SLA (the worse of its two clocks). Without an SLA this is
// one pass over the due dates (100k tickets in a few milliseconds); with one it runs
// ComputeSla per open ticket (sla.hpp: ~10-20 ms for 100k), so callers compute it once
// per board revision and once a minute, not per frame. Nothing here reads the clock.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/board.hpp"
#include "core/sla.hpp"

namespace tackboard {

// Most pressing first: the order reminders are listed in.
enum class ReminderKind { SlaBreached, Overdue, SlaAtRisk, DueSoon };

// "breached", "overdue", "at-risk", "due-soon": for keys and item labels.
const char* ToString(ReminderKind kind);

struct Reminder {
    std::size_t ticket = 0;  // position in Board::tickets()
    ReminderKind kind = ReminderKind::DueSoon;
    // What it is about: the due time, or the SLA target (missed or to be missed).
    Millis at = 0;
    std::string title;
};

inline constexpr Millis kDueSoonHorizon = 24 * 60 * 60 * 1000;

// Due soon: due within `horizon` from now (now itself is already overdue); overdue: due
// before now. SLA at risk / breached: either clock is (sla.hpp); breached wins. Sorted by
// kind (as ReminderKind), then by instant, earliest first, then by ticket position.
std::vector<Reminder> ComputeReminders(const Board& board, const SlaSettings& sla, Millis now,
                                       Millis horizon = kDueSoonHorizon);

}  // namespace tackboard
