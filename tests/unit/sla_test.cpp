#include <doctest/doctest.h>

#include <string>

#include "core/dates.hpp"
#include "core/sla.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

constexpr Millis kMinute = 60'000;
constexpr Millis kHour = 60 * kMinute;

// Wall-clock time in Stockholm, where the test board works Monday to Friday 09-17.
Millis Local(int y, unsigned mo, unsigned d, int h = 0, int mi = 0) {
    static const TimeZone zone = FindTimeZone("Europe/Stockholm").value();
    return FromLocalMillis(zone, CivilMillis(y, mo, d, h, mi));
}

// Easter 2026: Good Friday 3 April and Easter Monday 6 April are holidays.
const json kSettingsJson = {
    {"calendar", {{"time_zone", "Europe/Stockholm"}, {"holidays", {"2026-04-03", "2026-04-06"}}}},
    {"policies",
     {{{"priority", "urgent"}, {"response_minutes", 20}, {"resolution_minutes", 180}},
      {{"priority", "urgent"}, {"type", "incident"}, {"response_minutes", 15}, {"resolution_minutes", 120}},
      {{"priority", "high"}, {"response_minutes", 60}, {"resolution_minutes", 480}}}},
    {"warn_percent", 80}};

SlaSettings Settings(const json& value = kSettingsJson, const BoardConfig& config = DefaultConfig()) {
    Result<SlaSettings> settings = ParseSlaSettings(value, config);
    REQUIRE_MESSAGE(settings.ok(), settings.error().Describe());
    return settings.value();
}

Error SettingsError(const json& value) {
    Result<SlaSettings> settings = ParseSlaSettings(value, DefaultConfig());
    REQUIRE_FALSE(settings.ok());
    return settings.error();
}

Ticket NewTicket(Millis created, const std::string& priority = "normal", const std::string& type = "support") {
    Ticket ticket;
    ticket.id = "T1";
    ticket.type = type;
    ticket.priority = priority;
    ticket.status = "new";
    ticket.created = ticket.updated = created;
    return ticket;
}

// A status change as change.cpp records it.
void Move(Ticket& ticket, Millis at, const std::string& status) {
    HistoryEntry entry;
    entry.at = at;
    entry.by = "alice";
    entry.field = "status";
    entry.old_value = ticket.status;
    entry.new_value = status;
    ticket.history.push_back(entry);
    ticket.status = status;
    ticket.updated = at;
    ticket.resolved_at = (status == "resolved" || status == "closed") ? at : 0;
}

SlaState Compute(const Ticket& ticket, Millis now, const SlaSettings& settings = Settings()) {
    return ComputeSla(ticket, DefaultConfig(), settings, now);
}

}  // namespace

// --- targets ---------------------------------------------------------------------------

TEST_CASE("SLA off: nothing is measured") {
    SlaSettings off = Settings();
    off.enabled = false;
    SlaState state = Compute(NewTicket(Local(2026, 3, 2, 9, 0)), Local(2026, 3, 9, 9, 0), off);
    CHECK(state.response.budget == 0);
    CHECK_FALSE(state.response.breached);
    CHECK(state.resolution.budget == 0);
    CHECK(SlaSettings{}.enabled == false);
}

TEST_CASE("a policy for the type beats one for any type; otherwise the priority's own targets") {
    SlaSettings settings = Settings();
    Ticket incident = NewTicket(0, "urgent", "incident");
    CHECK(SlaTargetsFor(incident, DefaultConfig(), settings).response_minutes == 15);
    CHECK(SlaTargetsFor(incident, DefaultConfig(), settings).resolution_minutes == 120);
    Ticket bug = NewTicket(0, "urgent", "bug");
    CHECK(SlaTargetsFor(bug, DefaultConfig(), settings).response_minutes == 20);
    CHECK(SlaTargetsFor(bug, DefaultConfig(), settings).resolution_minutes == 180);
    Ticket normal = NewTicket(0, "normal", "incident");  // no policy: DefaultConfig's 8 h / 72 h
    CHECK(SlaTargetsFor(normal, DefaultConfig(), settings).response_minutes == 480);
    CHECK(SlaTargetsFor(normal, DefaultConfig(), settings).resolution_minutes == 4320);
    CHECK(SlaTargetsFor(NewTicket(0, "unheard-of"), DefaultConfig(), settings).response_minutes == 0);
    CHECK(FindSlaPolicy(settings, "urgent", "incident") == &settings.policies[1]);
    CHECK(FindSlaPolicy(settings, "urgent", "") == &settings.policies[0]);
    CHECK(FindSlaPolicy(settings, "low", "incident") == nullptr);
    // The budget follows: 15 business minutes for the urgent incident.
    incident.created = Local(2026, 3, 2, 9, 0);
    CHECK(Compute(incident, Local(2026, 3, 2, 9, 5)).response.budget == 15 * kMinute);
    CHECK(Compute(incident, Local(2026, 3, 2, 9, 5)).resolution.budget == 120 * kMinute);
}

TEST_CASE("a ticket without any target has empty clocks") {
    BoardConfig config = DefaultConfig();
    config.priorities.push_back({"someday", "Someday", 0xFF000000, 0, 0});
    Ticket ticket = NewTicket(Local(2026, 3, 2, 9, 0), "someday");
    SlaState state = ComputeSla(ticket, config, Settings(kSettingsJson, config), Local(2026, 6, 1));
    CHECK(state.response.budget == 0);
    CHECK(state.resolution.budget == 0);
    CHECK(state.resolution.target_at == 0);
    CHECK_FALSE(state.resolution.breached);
}

// --- running clocks ---------------------------------------------------------------------

TEST_CASE("an open ticket: time left and when it will breach") {
    Ticket ticket = NewTicket(Local(2026, 3, 2, 9, 0));  // Monday; normal: 8 h / 72 h
    SlaState state = Compute(ticket, Local(2026, 3, 2, 12, 0));
    CHECK(state.response.budget == 8 * kHour);
    CHECK(state.response.elapsed_business == 3 * kHour);
    CHECK(state.response.remaining == 5 * kHour);
    CHECK(state.response.target_at == Local(2026, 3, 2, 17, 0));
    CHECK_FALSE(state.response.breached);
    CHECK_FALSE(state.response.at_risk);
    CHECK_FALSE(state.response.paused);
    CHECK_FALSE(state.response.completed);
    CHECK_FALSE(state.response.met);
    // 69 h more: the rest of Monday, then eight full days to Thursday of next week.
    CHECK(state.resolution.elapsed_business == 3 * kHour);
    CHECK(state.resolution.target_at == Local(2026, 3, 12, 17, 0));
}

TEST_CASE("at risk from warn_percent of the budget on") {
    Ticket ticket = NewTicket(Local(2026, 3, 2, 9, 0));
    CHECK_FALSE(Compute(ticket, Local(2026, 3, 2, 15, 23)).response.at_risk);  // 383 of 480 minutes
    CHECK(Compute(ticket, Local(2026, 3, 2, 15, 24)).response.at_risk);        // 384: exactly 80 %
    CHECK(Compute(ticket, Local(2026, 3, 2, 16, 30)).response.at_risk);
    json half = kSettingsJson;
    half["warn_percent"] = 50;
    CHECK(Compute(ticket, Local(2026, 3, 2, 13, 0), Settings(half)).response.at_risk);
    CHECK_FALSE(Compute(ticket, Local(2026, 3, 2, 12, 59), Settings(half)).response.at_risk);
}

TEST_CASE("breached while open: from the target instant on, and it stays put overnight") {
    Ticket ticket = NewTicket(Local(2026, 3, 2, 9, 0));
    SlaClock at_target = Compute(ticket, Local(2026, 3, 2, 17, 0)).response;
    CHECK(at_target.breached);
    CHECK(at_target.remaining == 0);
    CHECK_FALSE(at_target.at_risk);
    SlaClock evening = Compute(ticket, Local(2026, 3, 2, 20, 0)).response;
    CHECK(evening.breached);
    CHECK(evening.target_at == Local(2026, 3, 2, 17, 0));
    SlaClock next_day = Compute(ticket, Local(2026, 3, 3, 10, 0)).response;
    CHECK(next_day.breached);
    CHECK(next_day.elapsed_business == 9 * kHour);
    CHECK(next_day.remaining == -1 * kHour);
    CHECK(next_day.target_at == Local(2026, 3, 2, 17, 0));  // when it was missed
}

TEST_CASE("a ticket created outside working hours starts counting at 09:00") {
    Ticket ticket = NewTicket(Local(2026, 3, 7, 12, 0));  // Saturday
    SlaState state = Compute(ticket, Local(2026, 3, 9, 10, 0));
    CHECK(state.response.elapsed_business == 1 * kHour);
    CHECK(state.response.target_at == Local(2026, 3, 9, 17, 0));
    CHECK(Compute(ticket, Local(2026, 3, 8, 23, 0)).response.elapsed_business == 0);
}

TEST_CASE("a ticket created on a holiday starts counting after the holidays") {
    Ticket ticket = NewTicket(Local(2026, 4, 3, 10, 0));  // Good Friday; Easter Monday is off too
    SlaState state = Compute(ticket, Local(2026, 4, 7, 10, 0));
    CHECK(state.response.elapsed_business == 1 * kHour);
    CHECK(state.response.target_at == Local(2026, 4, 7, 17, 0));
}

TEST_CASE("across the DST change: 09:00 local before and after") {
    Ticket ticket = NewTicket(Local(2026, 3, 27, 16, 0), "high");  // Friday; 8 h to resolve
    SlaState state = Compute(ticket, Local(2026, 3, 27, 16, 30));
    CHECK(state.resolution.target_at == Local(2026, 3, 30, 16, 0));
    CHECK(state.resolution.target_at == CivilMillis(2026, 3, 30, 14, 0));  // UTC: now CEST
    CHECK(Compute(ticket, Local(2026, 3, 30, 10, 0)).resolution.elapsed_business == 2 * kHour);
}

TEST_CASE("no calendar: every hour counts") {
    json round_the_clock = kSettingsJson;
    round_the_clock["calendar"] = nullptr;
    SlaSettings settings = Settings(round_the_clock);
    CHECK(settings.calendar.always_open());
    Ticket ticket = NewTicket(Local(2026, 3, 7, 10, 0));  // Saturday
    SlaState state = Compute(ticket, Local(2026, 3, 7, 12, 0), settings);
    CHECK(state.response.elapsed_business == 2 * kHour);
    CHECK(state.response.target_at == Local(2026, 3, 7, 18, 0));
}

// --- pauses, resolution, reopening --------------------------------------------------------

TEST_CASE("waiting pauses both clocks and they resume afterwards") {
    Ticket ticket = NewTicket(Local(2026, 3, 2, 9, 0));
    Move(ticket, Local(2026, 3, 2, 11, 0), "waiting");
    SlaState waiting = Compute(ticket, Local(2026, 3, 3, 9, 30));
    CHECK(waiting.response.paused);
    CHECK(waiting.resolution.paused);
    CHECK(waiting.response.elapsed_business == 2 * kHour);
    CHECK(waiting.response.target_at == 0);
    CHECK(waiting.response.remaining == 6 * kHour);
    CHECK_FALSE(waiting.response.breached);

    Move(ticket, Local(2026, 3, 3, 10, 0), "in_progress");
    SlaState resumed = Compute(ticket, Local(2026, 3, 3, 12, 0));
    CHECK_FALSE(resumed.response.paused);
    CHECK(resumed.response.elapsed_business == 4 * kHour);
    CHECK(resumed.resolution.elapsed_business == 4 * kHour);
    CHECK(resumed.response.target_at == Local(2026, 3, 3, 16, 0));
}

TEST_CASE("a paused clock near its target is still at risk, and a paused breach stays breached") {
    Ticket ticket = NewTicket(Local(2026, 3, 2, 9, 0));
    Move(ticket, Local(2026, 3, 2, 16, 0), "waiting");  // 7 of 8 hours spent
    SlaClock paused = Compute(ticket, Local(2026, 3, 5, 9, 0)).response;
    CHECK(paused.paused);
    CHECK(paused.at_risk);
    CHECK(paused.target_at == 0);
    Ticket late = NewTicket(Local(2026, 3, 2, 9, 0));
    Move(late, Local(2026, 3, 3, 10, 0), "waiting");  // 9 hours spent
    SlaClock breached = Compute(late, Local(2026, 3, 5, 9, 0)).response;
    CHECK(breached.paused);
    CHECK(breached.breached);
    CHECK(breached.target_at == Local(2026, 3, 2, 17, 0));
}

TEST_CASE("resolved in time: both clocks met and completed") {
    Ticket ticket = NewTicket(Local(2026, 3, 2, 9, 0), "high");  // 60 min / 480 min
    ticket.first_response_at = Local(2026, 3, 2, 9, 45);
    Move(ticket, Local(2026, 3, 2, 9, 45), "in_progress");
    Move(ticket, Local(2026, 3, 2, 15, 0), "resolved");
    SlaState state = Compute(ticket, Local(2026, 3, 6, 12, 0));
    CHECK(state.response.completed);
    CHECK(state.response.met);
    CHECK(state.response.elapsed_business == 45 * kMinute);
    CHECK(state.response.remaining == 15 * kMinute);
    CHECK(state.response.target_at == 0);
    CHECK(state.resolution.completed);
    CHECK(state.resolution.met);
    CHECK_FALSE(state.resolution.breached);
    CHECK_FALSE(state.resolution.at_risk);
    CHECK(state.resolution.elapsed_business == 6 * kHour);
}

TEST_CASE("resolved late: breached, with the instant it was missed") {
    Ticket ticket = NewTicket(Local(2026, 3, 2, 9, 0), "high");
    ticket.first_response_at = Local(2026, 3, 2, 9, 30);
    Move(ticket, Local(2026, 3, 3, 11, 0), "resolved");
    SlaClock resolution = Compute(ticket, Local(2026, 3, 6, 12, 0)).resolution;
    CHECK(resolution.completed);
    CHECK(resolution.breached);
    CHECK_FALSE(resolution.met);
    CHECK(resolution.elapsed_business == 10 * kHour);
    CHECK(resolution.remaining == -2 * kHour);
    CHECK(resolution.target_at == Local(2026, 3, 2, 17, 0));
}

TEST_CASE("resolved exactly at the target is met") {
    Ticket ticket = NewTicket(Local(2026, 3, 2, 9, 0), "high");
    Move(ticket, Local(2026, 3, 2, 17, 0), "resolved");
    SlaClock resolution = Compute(ticket, Local(2026, 3, 3, 12, 0)).resolution;
    CHECK(resolution.met);
    CHECK_FALSE(resolution.breached);
    CHECK(resolution.remaining == 0);
}

TEST_CASE("reopened: the resolution clock runs on without the done time") {
    Ticket ticket = NewTicket(Local(2026, 3, 2, 9, 0), "high");
    Move(ticket, Local(2026, 3, 2, 13, 0), "resolved");     // 4 h
    Move(ticket, Local(2026, 3, 4, 10, 0), "in_progress");  // reopened on Wednesday
    SlaState state = Compute(ticket, Local(2026, 3, 4, 12, 0));
    CHECK_FALSE(state.resolution.completed);
    CHECK(state.resolution.elapsed_business == 6 * kHour);
    CHECK(state.resolution.remaining == 2 * kHour);
    CHECK(state.resolution.target_at == Local(2026, 3, 4, 14, 0));
    CHECK_FALSE(state.resolution.at_risk);  // 6 of 8 h is 75 %
    CHECK(Compute(ticket, Local(2026, 3, 4, 12, 30)).resolution.at_risk);  // 6.5 of 8 h
}

TEST_CASE("without a first response the response clock stops when the ticket is first done") {
    Ticket ticket = NewTicket(Local(2026, 3, 2, 9, 0), "high");  // 60 min to respond
    Move(ticket, Local(2026, 3, 2, 13, 0), "resolved");
    Move(ticket, Local(2026, 3, 4, 10, 0), "in_progress");
    SlaClock response = Compute(ticket, Local(2026, 3, 4, 12, 0)).response;
    CHECK(response.completed);
    CHECK(response.elapsed_business == 4 * kHour);
    CHECK(response.breached);
    CHECK(response.target_at == Local(2026, 3, 2, 10, 0));
    CHECK_FALSE(response.paused);
}

TEST_CASE("a first response stops the response clock, not the resolution clock") {
    Ticket ticket = NewTicket(Local(2026, 3, 2, 9, 0));
    ticket.first_response_at = Local(2026, 3, 2, 10, 0);
    Move(ticket, Local(2026, 3, 2, 10, 0), "waiting");
    SlaState state = Compute(ticket, Local(2026, 3, 3, 12, 0));
    CHECK(state.response.completed);
    CHECK(state.response.met);
    CHECK_FALSE(state.response.paused);  // done, not paused
    CHECK(state.response.elapsed_business == 1 * kHour);
    CHECK(state.resolution.paused);
    CHECK(state.resolution.elapsed_business == 1 * kHour);
}

// --- history oddities -------------------------------------------------------------------------

TEST_CASE("without status history: open until resolved_at, waiting since updated") {
    Ticket resolved = NewTicket(Local(2026, 3, 2, 9, 0));
    resolved.status = "resolved";
    resolved.resolved_at = Local(2026, 3, 2, 15, 0);
    resolved.updated = Local(2026, 3, 5, 9, 0);
    SlaClock resolution = Compute(resolved, Local(2026, 3, 9, 9, 0)).resolution;
    CHECK(resolution.completed);
    CHECK(resolution.elapsed_business == 6 * kHour);
    CHECK(resolution.met);

    Ticket waiting = NewTicket(Local(2026, 3, 2, 9, 0));
    waiting.status = "waiting";
    waiting.updated = Local(2026, 3, 2, 11, 0);
    SlaClock paused = Compute(waiting, Local(2026, 3, 9, 9, 0)).resolution;
    CHECK(paused.paused);
    CHECK(paused.elapsed_business == 2 * kHour);
}

TEST_CASE("the status before the first change is that change's old value") {
    Ticket ticket = NewTicket(Local(2026, 3, 2, 9, 0));
    ticket.status = "waiting";  // imported as waiting
    Move(ticket, Local(2026, 3, 3, 9, 0), "in_progress");
    HistoryEntry title;  // other fields do not matter
    title.at = Local(2026, 3, 3, 9, 30);
    title.field = "title";
    title.old_value = "a";
    title.new_value = "b";
    ticket.history.insert(ticket.history.begin(), title);
    CHECK(Compute(ticket, Local(2026, 3, 3, 12, 0)).resolution.elapsed_business == 3 * kHour);
}

TEST_CASE("unknown statuses count as open; entries before created or out of order are held in place") {
    Ticket ticket = NewTicket(Local(2026, 3, 2, 9, 0));
    Move(ticket, Local(2026, 3, 2, 8, 0), "limbo");            // before created: from created on
    Move(ticket, Local(2026, 3, 2, 12, 0), "waiting");         // 3 h in "limbo" counted
    Move(ticket, Local(2026, 3, 2, 11, 0), "in_progress");     // earlier than the last: held at 12:00
    SlaState state = Compute(ticket, Local(2026, 3, 2, 14, 0));
    CHECK(state.resolution.elapsed_business == 5 * kHour);
    CHECK_FALSE(state.resolution.paused);
}

TEST_CASE("no created time: nothing is measured; absurd times stay within the calendar's years") {
    Ticket unset = NewTicket(0);
    CHECK(Compute(unset, Local(2026, 3, 2)).response.budget == 0);
    json round_the_clock = kSettingsJson;
    round_the_clock["calendar"] = nullptr;
    Ticket ancient = NewTicket(INT64_MIN + 1);
    SlaClock clock = Compute(ancient, INT64_MAX, Settings(round_the_clock)).response;
    CHECK(clock.breached);
    CHECK(clock.elapsed_business == kCalendarEnd - kCalendarStart);
    CHECK(clock.target_at == kCalendarStart + 8 * kHour);
}

TEST_CASE("now before created: nothing spent yet") {
    Ticket ticket = NewTicket(Local(2026, 3, 2, 9, 0));
    SlaState state = Compute(ticket, Local(2026, 3, 1));
    CHECK(state.response.elapsed_business == 0);
    CHECK(state.response.target_at == Local(2026, 3, 2, 17, 0));
}

// --- settings JSON --------------------------------------------------------------------------

TEST_CASE("SLA settings: defaults and round trip") {
    SlaSettings minimal = Settings(json::object());
    CHECK(minimal.enabled);  // a written section is on unless it says otherwise
    CHECK(minimal.calendar.always_open());
    CHECK(minimal.policies.empty());
    CHECK(minimal.warn_percent == 80);
    CHECK(ToJson(SlaSettings{}) ==
          json{{"enabled", false}, {"calendar", nullptr}, {"policies", json::array()}, {"warn_percent", 80}});

    SlaSettings settings = Settings();
    CHECK(settings.calendar.source().time_zone == "Europe/Stockholm");
    CHECK(settings.policies.size() == 3);
    CHECK(settings.policies[1] == SlaPolicy{"urgent", "incident", 15, 120});
    json written = ToJson(settings);
    SlaSettings again = Settings(written);
    CHECK(again.enabled == settings.enabled);
    CHECK(again.policies == settings.policies);
    CHECK(again.warn_percent == settings.warn_percent);
    CHECK(again.calendar.source() == settings.calendar.source());
    CHECK(ToJson(again) == written);
    CHECK_FALSE(Settings(json{{"enabled", false}}).enabled);
}

TEST_CASE("SLA settings: unknown ids and bad values are refused with their path") {
    Error priority = SettingsError({{"policies", {{{"priority", "urgentt"}, {"response_minutes", 1}, {"resolution_minutes", 2}}}}});
    CHECK(priority.path == "/policies/0/priority");
    CHECK(priority.message == "unknown priority \"urgentt\" (urgent, high, normal, low)");
    Error type = SettingsError({{"policies",
                                 {{{"priority", "high"}, {"response_minutes", 1}, {"resolution_minutes", 2}},
                                  {{"priority", "high"}, {"type", "outage"}, {"response_minutes", 1}, {"resolution_minutes", 2}}}}});
    CHECK(type.path == "/policies/1/type");
    CHECK(type.message == "unknown type \"outage\" (support, bug, feature, incident, change)");
    Error twice = SettingsError({{"policies",
                                  {{{"priority", "high"}, {"response_minutes", 1}, {"resolution_minutes", 2}},
                                   {{"priority", "high"}, {"response_minutes", 3}, {"resolution_minutes", 4}}}}});
    CHECK(twice.path == "/policies/1");
    CHECK(twice.message == "a second policy for priority \"high\" and any type (the first is /policies/0)");
    Error negative = SettingsError({{"policies", {{{"priority", "high"}, {"response_minutes", -5}, {"resolution_minutes", 2}}}}});
    CHECK(negative.path == "/policies/0/response_minutes");
    CHECK(negative.message == "must be a whole number of minutes from 0 (no target) to 5256000 (ten years)");
    Error missing = SettingsError({{"policies", {{{"priority", "high"}, {"response_minutes", 5}}}}});
    CHECK(missing.path == "/policies/0");
    CHECK(missing.message == "\"resolution_minutes\" is missing (0 for no target)");
    CHECK(SettingsError({{"policies", {{{"response_minutes", 5}, {"resolution_minutes", 5}}}}}).message.find(
              "a policy needs a priority") == 0);
    CHECK(SettingsError({{"policies", {{{"priority", 3}}}}}).path == "/policies/0/priority");
    CHECK(SettingsError({{"policies", {"high"}}}).path == "/policies/0");
    CHECK(SettingsError({{"policies", "high"}}).path == "/policies");
    CHECK(SettingsError({{"warn_percent", 0}}).path == "/warn_percent");
    CHECK(SettingsError({{"warn_percent", 101}}).path == "/warn_percent");
    CHECK(SettingsError({{"enabled", "yes"}}).path == "/enabled");
    Error calendar = SettingsError({{"calendar", {{"holidays", {"2026-02-30"}}}}});
    CHECK(calendar.path == "/calendar/holidays/0");
    CHECK(calendar.message == "\"2026-02-30\" is not a date (YYYY-MM-DD)");
    CHECK(SettingsError({{"calendar", {{"time_zone", "Mars/Olympus"}}}}).path == "/calendar/time_zone");
    CHECK(SettingsError(json::array()).message == "SLA settings must be a JSON object");
}
