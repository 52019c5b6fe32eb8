// reminders.cpp — see reminders.hpp.
#include "core/reminders.hpp"

#include <algorithm>
#include <tuple>

namespace tackboard {

namespace {


bool LiveAndOpen(const Ticket& t, const std::vector<std::string>& done) {
    return !t.deleted && std::find(done.begin(), done.end(), t.status) == done.end();
}

// The SLA reminder of one ticket, if it has one: the earliest missed target, else the
// earliest target at risk.
bool SlaReminder(const SlaState& state, ReminderKind& kind, Millis& at) {
    bool found = false;
    for (ReminderKind wanted : {ReminderKind::SlaBreached, ReminderKind::SlaAtRisk}) {
        for (const SlaClock* clock : {&state.response, &state.resolution}) {
            bool holds = wanted == ReminderKind::SlaBreached ? clock->breached : clock->at_risk;
            if (!holds || (found && clock->target_at >= at)) continue;
            found = true;
            kind = wanted;
            at = clock->target_at;
        }
        if (found) return true;
    }
    return false;
}

}  // namespace

const char* ToString(ReminderKind kind) {
    switch (kind) {
        case ReminderKind::SlaBreached: return "breached";
        case ReminderKind::Overdue: return "overdue";
        case ReminderKind::SlaAtRisk: return "at-risk";
        case ReminderKind::DueSoon: return "due-soon";
    }
    return "?";
}

std::vector<Reminder> ComputeReminders(const Board& board, const SlaSettings& sla, Millis now, Millis horizon) {
    const std::vector<std::string> done = StatusIds(board.config(), StatusCategory::Done);
    const std::vector<Ticket>& tickets = board.tickets();
    std::vector<Reminder> out;
    for (std::size_t pos = 0; pos < tickets.size(); ++pos) {
        const Ticket& t = tickets[pos];
        if ((t.due == 0 || t.due > now + horizon) && !sla.enabled) continue;  // the common case, cheaply
        if (!LiveAndOpen(t, done)) continue;
        if (t.due != 0 && t.due <= now + horizon)
            out.push_back({pos, t.due <= now ? ReminderKind::Overdue : ReminderKind::DueSoon, t.due, t.title});
        ReminderKind kind;
        Millis at = 0;
        if (sla.enabled && SlaReminder(ComputeSla(t, board.config(), sla, now), kind, at))
            out.push_back({pos, kind, at, t.title});
    }
    std::sort(out.begin(), out.end(), [](const Reminder& a, const Reminder& b) {
        return std::tie(a.kind, a.at, a.ticket) < std::tie(b.kind, b.at, b.ticket);
    });
    return out;
}

}  // namespace tackboard
