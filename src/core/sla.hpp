// sla.hpp — service-level targets: first response and resolution, in business time.
//
//   Result<SlaSettings> sla = ParseSlaSettings(json, board.config());
//   SlaState state = ComputeSla(ticket, board.config(), sla.value(), now);
//   if (state.resolution.breached) ...; else if (state.resolution.at_risk) ...;
//
// Targets come from the first policy matching the ticket's priority and type (a policy
// naming the type beats one for any type), else from the priority's own
// response_minutes / resolution_minutes (0: no target). Time counts in the calendar's
// business hours (business_calendar.hpp), or wall-clock time when there is no calendar.
//
// The clocks follow the ticket's status history (HistoryEntry field "status"; the status
// before the first such entry is its old_value, from `created` on):
//   - time in a Waiting status does not count (the clock pauses and resumes);
//   - time in a Done status does not count either. The resolution clock is complete
//     while the ticket is Done; when reopened it runs on from the reopening, with what
//     was spent before still counted and the done time left out;
//   - the response clock runs until first_response_at, or until the ticket first
//     reaches Done without a response (resolving answers the requester too);
//   - a ticket without status history is taken to have been open since `created` and
//     in its present status since resolved_at (Done; else `updated`) or, for Waiting,
//     since `updated`; any other status since `created`.
// Statuses the board does not know count as open. Nothing here reads the clock: `now`
// comes in. ComputeSla reads the business clock (a few binary searches) once per status
// change and inverts it once per target: about 2,000 instructions for a ticket with a
// handful of changes, so 100k tickets take ~10-20 ms natively (wasm ~1.5x that). A
// completed clock no longer depends on `now`, so callers may keep it until the ticket
// changes.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/business_calendar.hpp"
#include "core/result.hpp"

namespace tackboard {

struct SlaPolicy {
    std::string priority;  // a priority id of the board
    std::string type;      // a type id; empty: any type
    int response_minutes = 0;    // business minutes to the first response; 0: no target
    int resolution_minutes = 0;  // business minutes to resolution; 0: no target
    bool operator==(const SlaPolicy&) const = default;
};

// A board without SLA settings has this: off.
struct SlaSettings {
    bool enabled = false;
    // Compiled, because ComputeSla runs for every ticket; calendar.source() is the
    // configuration. Default: no calendar, every hour counts (24x7).
    CompiledCalendar calendar;
    std::vector<SlaPolicy> policies;
    int warn_percent = 80;  // at risk from this share of the target on (1..100)
};

// JSON shape (every member optional):
//   {"enabled": true,                  // default true: a written section is meant to work
//    "calendar": {...} | null,          // ParseBusinessCalendar's shape; null/absent: 24x7
//    "policies": [{"priority": "urgent", "type": "incident",
//                  "response_minutes": 15, "resolution_minutes": 120}],
//    "warn_percent": 80}
// Unknown priority or type ids, a policy listed twice, minutes outside 0..5256000 (ten
// years) and calendar errors are refused with the path ("/policies/1/type",
// "/calendar/holidays/2").
Result<SlaSettings> ParseSlaSettings(const nlohmann::json& value, const BoardConfig& config);
nlohmann::json ToJson(const SlaSettings& settings);

// The policy for a priority and type, or null (then the priority's own targets apply).
const SlaPolicy* FindSlaPolicy(const SlaSettings& settings, const std::string& priority, const std::string& type);

struct SlaTargets {
    int response_minutes = 0;
    int resolution_minutes = 0;
};
SlaTargets SlaTargetsFor(const Ticket& ticket, const BoardConfig& config, const SlaSettings& settings);

// One clock. budget == 0: no target, and everything else is zero/false.
struct SlaClock {
    // When the target is (or was) missed: the past breach instant once breached; while
    // running, when it will breach if nothing changes; 0 while paused or completed in time.
    Millis target_at = 0;
    Millis elapsed_business = 0;
    Millis budget = 0;
    Millis remaining = 0;  // budget - elapsed; negative when breached
    // A running or paused clock is breached once elapsed reaches the budget (the target
    // instant itself counts as missed); a completed one when it took longer than the budget.
    bool breached = false;
    bool at_risk = false;    // not completed, not breached, elapsed >= warn_percent of budget
    bool paused = false;     // not completed and the ticket is waiting
    bool completed = false;  // stopped for good (responded / resolved)
    bool met = false;        // completed within the budget
};

struct SlaState {
    SlaClock response;
    SlaClock resolution;
};

// All zero when the settings are off, the ticket has no target or no created time.
// Instants count within the calendar's years (1900-2199).
SlaState ComputeSla(const Ticket& ticket, const BoardConfig& config, const SlaSettings& settings, Millis now);

}  // namespace tackboard
