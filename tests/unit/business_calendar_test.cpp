#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/business_calendar.hpp"
#include "core/dates.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

constexpr Millis kMinute = 60'000;
constexpr Millis kHour = 60 * kMinute;

// Instants in UTC, for checking conversions: Utc(2026, 3, 29, 1, 0).
Millis Utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0) { return CivilMillis(y, mo, d, h, mi); }

TimeZone Zone(const char* name_or_rule) {
    Result<TimeZone> zone = FindTimeZone(name_or_rule);
    REQUIRE_MESSAGE(zone.ok(), zone.error().Describe());
    return zone.value();
}

// A compiled calendar from JSON, with local-time helpers in its zone.
struct Calendar {
    CompiledCalendar compiled;

    explicit Calendar(const json& config) {
        Result<BusinessCalendar> parsed = ParseBusinessCalendar(config);
        REQUIRE_MESSAGE(parsed.ok(), parsed.error().Describe());
        Result<CompiledCalendar> built = CompileCalendar(parsed.value());
        REQUIRE_MESSAGE(built.ok(), built.error().Describe());
        compiled = built.value();
    }
    Millis Local(int y, unsigned mo, unsigned d, int h = 0, int mi = 0) const {
        return FromLocalMillis(compiled.zone(), CivilMillis(y, mo, d, h, mi));
    }
    Millis Between(Millis from, Millis to) const { return BusinessMillisBetween(compiled, from, to); }
    Millis Add(Millis from, Millis duration) const { return AddBusinessMillis(compiled, from, duration); }
};

const json kStockholm = {{"time_zone", "Europe/Stockholm"}};
const json kEveryDayStockholm = {{"time_zone", "Europe/Stockholm"},
                                 {"working_days", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}}};
const json kRoundTheClockStockholm = {{"time_zone", "Europe/Stockholm"},
                                      {"working_days", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}},
                                      {"hours", {"00:00-24:00"}}};

Error CalendarError(const json& config) {
    Result<BusinessCalendar> parsed = ParseBusinessCalendar(config);
    REQUIRE_FALSE(parsed.ok());
    return parsed.error();
}

Error RuleError(const char* rule) {
    Result<TimeZone> zone = ParsePosixTimeZone(rule);
    REQUIRE_FALSE(zone.ok());
    return zone.error();
}

}  // namespace

// --- POSIX TZ rules ----------------------------------------------------------------

TEST_CASE("POSIX rule: central European time with both switches") {
    TimeZone zone = Zone("CET-1CEST,M3.5.0,M10.5.0/3");
    CHECK(zone.std_name == "CET");
    CHECK(zone.dst_name == "CEST");
    CHECK(zone.std_offset_seconds == 3600);
    CHECK(zone.dst_offset_seconds == 7200);
    CHECK(zone.has_dst);
    CHECK(zone.dst_start.kind == TzTransitionRule::Kind::MonthWeekDay);
    CHECK(zone.dst_start.month == 3);
    CHECK(zone.dst_start.week == 5);
    CHECK(zone.dst_start.weekday == 0);
    CHECK(zone.dst_start.time_seconds == 2 * 3600);  // the default
    CHECK(zone.dst_end.time_seconds == 3 * 3600);
}

TEST_CASE("POSIX rule: offsets west of UTC, minutes, explicit DST offset, quoted names") {
    CHECK(Zone("EST5EDT,M3.2.0,M11.1.0").std_offset_seconds == -5 * 3600);
    CHECK(Zone("EST5EDT,M3.2.0,M11.1.0").dst_offset_seconds == -4 * 3600);
    CHECK(Zone("IST-5:30").std_offset_seconds == 5 * 3600 + 30 * 60);
    CHECK(Zone("NST3:30NDT,M3.2.0,M11.1.0").std_offset_seconds == -(3 * 3600 + 30 * 60));
    CHECK(Zone("NST3:30NDT,M3.2.0,M11.1.0").dst_offset_seconds == -(2 * 3600 + 30 * 60));
    CHECK(Zone("EST+5EDT+4:00:00,M3.2.0/2:00:00,M11.1.0/2").dst_offset_seconds == -4 * 3600);
    TimeZone singapore = Zone("<+08>-8");
    CHECK(singapore.std_name == "+08");
    CHECK(singapore.std_offset_seconds == 8 * 3600);
    CHECK_FALSE(singapore.has_dst);
    CHECK(Zone("<-03>3").std_offset_seconds == -3 * 3600);
    CHECK(Zone("<+0545>-5:45").std_offset_seconds == 5 * 3600 + 45 * 60);
    CHECK(Zone("UTC0").std_offset_seconds == 0);
    CHECK(Zone("ABC-0:00:30").std_offset_seconds == 30);
}

TEST_CASE("POSIX rule: Jn, n and times beyond a day or negative") {
    TimeZone julian = Zone("AAA3BBB,J60,J300/-1");
    CHECK(julian.dst_start.kind == TzTransitionRule::Kind::JulianNoLeap);
    CHECK(julian.dst_start.day == 60);
    CHECK(julian.dst_end.time_seconds == -3600);
    // J60 is 1 March in every year, leap or not (29 February is never counted).
    CHECK(UtcOffsetSeconds(julian, Utc(2024, 3, 1, 4, 59)) == -3 * 3600);
    CHECK(UtcOffsetSeconds(julian, Utc(2024, 3, 1, 5, 0)) == -2 * 3600);
    CHECK(UtcOffsetSeconds(julian, Utc(2026, 3, 1, 5, 0)) == -2 * 3600);
    // n counts from 0 and does count 29 February: day 59 is 29 Feb in 2024, 1 Mar in 2026.
    TimeZone zero_based = Zone("AAA3BBB,59,300");
    CHECK(zero_based.dst_start.kind == TzTransitionRule::Kind::ZeroBasedDay);
    CHECK(UtcOffsetSeconds(zero_based, Utc(2024, 2, 29, 5, 0)) == -2 * 3600);
    CHECK(UtcOffsetSeconds(zero_based, Utc(2026, 2, 28, 5, 0)) == -3 * 3600);
    CHECK(UtcOffsetSeconds(zero_based, Utc(2026, 3, 1, 5, 0)) == -2 * 3600);
    // Israel: 02:00 on the Friday after the 4th Thursday of March, written as Thursday 26:00.
    TimeZone israel = Zone("Asia/Jerusalem");
    CHECK(israel.dst_start.time_seconds == 26 * 3600);
    CHECK(UtcOffsetSeconds(israel, Utc(2026, 3, 26, 23, 59)) == 2 * 3600);
    CHECK(UtcOffsetSeconds(israel, Utc(2026, 3, 27, 0, 0)) == 3 * 3600);
}

TEST_CASE("POSIX rule: refusals say what and at which character") {
    CHECK(RuleError("").message == "the time zone rule is empty");
    CHECK(RuleError("C").message == "time zone rule \"C\": character 1: expected a zone name of 3 or more letters "
                                    "(CET, EST) or a <quoted> one (<+08>)");
    CHECK(RuleError("CET").message == "time zone rule \"CET\": character 4: expected hours");
    CHECK(RuleError("CET-25").message == "time zone rule \"CET-25\": character 5: hours must be 0..24");
    struct Refusal {
        const char* rule;
        const char* problem;
    };
    const Refusal refusals[] = {
        {"CET-100", "character 5: hours must be 0..24"},
        {"CET-1:60", "character 7: minutes must be 0..59"},
        {"CET-1:00:75", "character 10: seconds must be 0..59"},
        {"CET-1 ", "character 6: expected a zone name of 3 or more letters (CET, EST) or a <quoted> one (<+08>)"},
        {"CET-1CEST", "character 10: a daylight-saving zone needs its rule: ,start[/time],end[/time] "
                      "(e.g. ,M3.5.0,M10.5.0/3)"},
        {"CET-1CEST,M13.5.0,M10.5.0", "character 12: a month (Mm.w.d) must be 1..12"},
        {"CET-1CEST,M0.5.0,M10.5.0", "character 12: a month (Mm.w.d) must be 1..12"},
        {"CET-1CEST,M3.6.0,M10.5.0", "character 14: a week (5 = the last) must be 1..5"},
        {"CET-1CEST,M3.5.7,M10.5.0", "character 16: a weekday (0 = Sunday) must be 0..6"},
        {"CET-1CEST,M3-5.0,M10.5.0", "character 13: expected '.'"},
        {"CET-1CEST,J0,J100", "character 12: a day of the year (Jn) must be 1..365"},
        {"CET-1CEST,J366,J100", "character 12: a day of the year (Jn) must be 1..365"},
        {"CET-1CEST,366,100", "character 11: a day of the year (n) must be 0..365"},
        {"CET-1CEST,M3.5.0/168,M10.5.0", "character 18: hours must be 0..167"},
        {"CET-1CEST,M3.5.0/,M10.5.0", "character 18: expected hours"},
        {"CET-1CEST,M3.5.0", "character 17: expected ','"},
        {"CET-1CEST,M3.5.0,X", "character 18: expected a date: Jn, n or Mm.w.d"},
        {"CET-1CEST,M3.5.0,M10.5.0/3x", "character 27: unexpected text after the rule"},
        {"<+08-8", "character 7: a <quoted> zone name takes letters, digits, + and -, and ends with '>'"},
        {"<+8>-8", "character 1: expected a zone name of 3 or more letters (CET, EST) or a <quoted> one (<+08>)"},
        {":Europe/Stockholm", "character 1: a leading ':' names a tz database file, which is not available here"},
    };
    for (const Refusal& refusal : refusals) {
        CAPTURE(refusal.rule);
        CHECK(RuleError(refusal.rule).message ==
              std::string("time zone rule \"") + refusal.rule + "\": " + refusal.problem);
    }
}

TEST_CASE("IANA names map to POSIX rules; unknown names are refused clearly") {
    for (const char* name : {"UTC", "Europe/London", "Europe/Paris", "Europe/Stockholm", "Europe/Berlin", "Europe/Madrid",
                             "Europe/Helsinki", "America/New_York", "America/Chicago", "America/Denver",
                             "America/Los_Angeles", "America/Sao_Paulo", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Tokyo",
                             "Asia/Kolkata", "Asia/Singapore", "Australia/Sydney", "Pacific/Auckland",
                             "Africa/Johannesburg"}) {
        CAPTURE(name);
        CHECK_FALSE(PosixRuleForName(name).empty());
        Result<TimeZone> zone = FindTimeZone(name);
        CHECK(zone.ok());
        if (zone) CHECK(zone.value().rule == name);
    }
    for (std::string_view name : KnownTimeZoneNames()) CHECK(FindTimeZone(name).ok());
    CHECK(PosixRuleForName("Europe/Stockholm") == "CET-1CEST,M3.5.0,M10.5.0/3");
    CHECK(PosixRuleForName("Mars/Olympus").empty());
    Result<TimeZone> mars = FindTimeZone("Mars/Olympus");
    REQUIRE_FALSE(mars.ok());
    CHECK(mars.error().message.find("unknown time zone \"Mars/Olympus\"") == 0);
    CHECK(FindTimeZone("CET-1CEST,M3.5.0,M10.5.0/3").ok());  // a raw rule works too
}

// --- offsets and local time -----------------------------------------------------------

TEST_CASE("UTC offsets around Stockholm's DST changes in 2026") {
    TimeZone zone = Zone("Europe/Stockholm");
    CHECK(UtcOffsetSeconds(zone, Utc(2026, 1, 15, 12, 0)) == 3600);
    CHECK(UtcOffsetSeconds(zone, Utc(2026, 3, 29, 1, 0) - 1) == 3600);  // 01:59:59.999 CET
    CHECK(UtcOffsetSeconds(zone, Utc(2026, 3, 29, 1, 0)) == 7200);      // 03:00 CEST
    CHECK(IsDaylightTime(zone, Utc(2026, 7, 1)));
    CHECK(UtcOffsetSeconds(zone, Utc(2026, 10, 25, 1, 0) - 1) == 7200);
    CHECK(UtcOffsetSeconds(zone, Utc(2026, 10, 25, 1, 0)) == 3600);
    CHECK_FALSE(IsDaylightTime(zone, Utc(2026, 12, 1)));
}

TEST_CASE("UTC offsets: New York, Sydney (southern), Shanghai (no DST), Dublin (negative DST)") {
    TimeZone new_york = Zone("America/New_York");
    CHECK(UtcOffsetSeconds(new_york, Utc(2026, 3, 8, 6, 59)) == -5 * 3600);
    CHECK(UtcOffsetSeconds(new_york, Utc(2026, 3, 8, 7, 0)) == -4 * 3600);
    CHECK(UtcOffsetSeconds(new_york, Utc(2026, 11, 1, 5, 59)) == -4 * 3600);
    CHECK(UtcOffsetSeconds(new_york, Utc(2026, 11, 1, 6, 0)) == -5 * 3600);
    TimeZone sydney = Zone("Australia/Sydney");
    CHECK(UtcOffsetSeconds(sydney, Utc(2026, 1, 15)) == 11 * 3600);
    CHECK(UtcOffsetSeconds(sydney, Utc(2026, 4, 4, 15, 59)) == 11 * 3600);
    CHECK(UtcOffsetSeconds(sydney, Utc(2026, 4, 4, 16, 0)) == 10 * 3600);
    CHECK(UtcOffsetSeconds(sydney, Utc(2026, 10, 3, 16, 0)) == 11 * 3600);
    CHECK(UtcOffsetSeconds(sydney, Utc(2026, 12, 31, 23, 0)) == 11 * 3600);
    TimeZone shanghai = Zone("Asia/Shanghai");
    CHECK(UtcOffsetSeconds(shanghai, Utc(2026, 1, 1)) == 8 * 3600);
    CHECK(UtcOffsetSeconds(shanghai, Utc(2026, 7, 1)) == 8 * 3600);
    TimeZone dublin = Zone("Europe/Dublin");  // winter is the "daylight" part, one hour back
    CHECK(UtcOffsetSeconds(dublin, Utc(2026, 1, 15)) == 0);
    CHECK(IsDaylightTime(dublin, Utc(2026, 1, 15)));
    CHECK(UtcOffsetSeconds(dublin, Utc(2026, 7, 15)) == 3600);
}

TEST_CASE("local time to instant: the gap moves forward, the overlap takes the earlier") {
    TimeZone stockholm = Zone("Europe/Stockholm");
    CHECK(FromLocalMillis(stockholm, CivilMillis(2026, 3, 27, 16, 0)) == Utc(2026, 3, 27, 15, 0));
    CHECK(FromLocalMillis(stockholm, CivilMillis(2026, 3, 30, 10, 0)) == Utc(2026, 3, 30, 8, 0));
    // 02:30 on 29 March does not exist: read as CET, which is 03:30 CEST.
    Millis gap = FromLocalMillis(stockholm, CivilMillis(2026, 3, 29, 2, 30));
    CHECK(gap == Utc(2026, 3, 29, 1, 30));
    CHECK(ToLocalMillis(stockholm, gap) == CivilMillis(2026, 3, 29, 3, 30));
    // 02:30 on 25 October happens twice: the first time, still CEST.
    CHECK(FromLocalMillis(stockholm, CivilMillis(2026, 10, 25, 2, 30)) == Utc(2026, 10, 25, 0, 30));
    CHECK(ToLocalMillis(stockholm, Utc(2026, 10, 25, 1, 30)) == CivilMillis(2026, 10, 25, 2, 30));
    TimeZone new_york = Zone("America/New_York");
    CHECK(FromLocalMillis(new_york, CivilMillis(2026, 3, 8, 2, 30)) == Utc(2026, 3, 8, 7, 30));
    CHECK(FromLocalMillis(new_york, CivilMillis(2026, 11, 1, 1, 30)) == Utc(2026, 11, 1, 5, 30));
    TimeZone kolkata = Zone("Asia/Kolkata");
    CHECK(FromLocalMillis(kolkata, CivilMillis(2026, 5, 1, 9, 0)) == Utc(2026, 5, 1, 3, 30));
}

TEST_CASE("offsets and conversions survive extreme instants") {
    TimeZone zone = Zone("Europe/Stockholm");
    const Millis extremes[] = {INT64_MIN, INT64_MIN + 1, -kCalendarEnd, 0, kCalendarEnd, INT64_MAX - 1, INT64_MAX};
    for (Millis t : extremes) {
        int offset = UtcOffsetSeconds(zone, t);
        CHECK((offset == 3600 || offset == 7200));
        (void)ToLocalMillis(zone, t);
        (void)FromLocalMillis(zone, t);
    }
    CHECK(ToLocalMillis(zone, INT64_MAX) == INT64_MAX);
    CHECK(FromLocalMillis(zone, INT64_MIN) == INT64_MIN);
}

// --- business arithmetic: Stockholm, Monday to Friday 09-17 -----------------------------

TEST_CASE("the covered range is 1900 to 2200") {
    CHECK(kCalendarStart == CivilMillis(1900, 1, 1));
    CHECK(kCalendarEnd == CivilMillis(2200, 1, 1));
}

TEST_CASE("business time within a day and outside hours") {
    Calendar cal(kStockholm);
    CHECK(cal.Between(cal.Local(2026, 3, 27, 10, 0), cal.Local(2026, 3, 27, 16, 0)) == 6 * kHour);
    CHECK(cal.Between(cal.Local(2026, 3, 2, 7, 0), cal.Local(2026, 3, 2, 10, 0)) == 1 * kHour);   // before 09:00
    CHECK(cal.Between(cal.Local(2026, 3, 2, 18, 0), cal.Local(2026, 3, 3, 8, 0)) == 0);            // overnight
    CHECK(cal.Between(cal.Local(2026, 3, 2, 16, 30), cal.Local(2026, 3, 3, 9, 15)) == 45 * kMinute);
    CHECK(cal.Between(cal.Local(2026, 3, 2, 9, 0), cal.Local(2026, 3, 9, 9, 0)) == 40 * kHour);   // a week
    // Backwards is the same amount, negative.
    CHECK(cal.Between(cal.Local(2026, 3, 27, 16, 0), cal.Local(2026, 3, 27, 10, 0)) == -6 * kHour);
}

TEST_CASE("business time across a weekend with Stockholm's spring DST change") {
    Calendar cal(kStockholm);
    Millis friday = cal.Local(2026, 3, 27, 16, 0), monday = cal.Local(2026, 3, 30, 10, 0);
    CHECK(monday - friday == 65 * kHour);  // wall clock: one hour was skipped on Sunday
    CHECK(cal.Between(friday, monday) == 2 * kHour);
    CHECK(cal.Add(friday, 2 * kHour) == monday);
    CHECK(cal.Add(friday, 1 * kHour) == cal.Local(2026, 3, 27, 17, 0));  // the end of Friday, not Monday
    CHECK(cal.Add(friday, 1 * kHour + 1) == cal.Local(2026, 3, 30, 9, 0) + 1);
    CHECK(cal.Local(2026, 3, 30, 9, 0) == Utc(2026, 3, 30, 7, 0));  // 09:00 local on the new offset
}

TEST_CASE("business time across Stockholm's autumn DST change") {
    Calendar cal(kStockholm);
    Millis friday = cal.Local(2026, 10, 23, 16, 0), monday = cal.Local(2026, 10, 26, 10, 0);
    CHECK(monday - friday == 67 * kHour);
    CHECK(cal.Between(friday, monday) == 2 * kHour);
    CHECK(cal.Add(friday, 2 * kHour) == monday);
    CHECK(cal.Local(2026, 10, 26, 9, 0) == Utc(2026, 10, 26, 8, 0));
}

TEST_CASE("a 09-17 working day is 8 h on the DST-change days themselves") {
    Calendar cal(kEveryDayStockholm);
    CHECK(cal.Between(cal.Local(2026, 3, 29, 9, 0), cal.Local(2026, 3, 29, 17, 0)) == 8 * kHour);
    CHECK(cal.Between(cal.Local(2026, 10, 25, 9, 0), cal.Local(2026, 10, 25, 17, 0)) == 8 * kHour);
    CHECK(cal.Between(cal.Local(2026, 3, 28, 17, 0), cal.Local(2026, 3, 29, 10, 0)) == 1 * kHour);
    CHECK(cal.Add(cal.Local(2026, 3, 28, 16, 0), 2 * kHour) == cal.Local(2026, 3, 29, 10, 0));
    CHECK(cal.Local(2026, 3, 29, 9, 0) == Utc(2026, 3, 29, 7, 0));
}

TEST_CASE("working hours that contain the DST change are an hour shorter or longer") {
    Calendar cal(kRoundTheClockStockholm);
    CHECK(cal.Between(cal.Local(2026, 3, 29), cal.Local(2026, 3, 30)) == 23 * kHour);
    CHECK(cal.Between(cal.Local(2026, 10, 25), cal.Local(2026, 10, 26)) == 25 * kHour);
    CHECK(cal.Between(cal.Local(2026, 3, 28), cal.Local(2026, 3, 29)) == 24 * kHour);
    // Round the clock is wall-clock time, whatever the offsets.
    CHECK(cal.Between(Utc(2026, 3, 1), Utc(2026, 11, 1)) == Utc(2026, 11, 1) - Utc(2026, 3, 1));
    CHECK(cal.Add(cal.Local(2026, 3, 29, 1, 0), 2 * kHour) == cal.Local(2026, 3, 29, 4, 0));
}

TEST_CASE("working hours with a break and a shorter Friday") {
    Calendar cal({{"time_zone", "Europe/Stockholm"},
                  {"hours", {"08:00-12:00", "13:00-17:00"}},
                  {"hours_by_day", {{"fri", {"09:00-15:00"}}}}});
    CHECK(cal.Between(cal.Local(2026, 3, 2, 11, 0), cal.Local(2026, 3, 2, 14, 0)) == 2 * kHour);
    CHECK(cal.Add(cal.Local(2026, 3, 2, 11, 30), 1 * kHour) == cal.Local(2026, 3, 2, 13, 30));
    CHECK(cal.Add(cal.Local(2026, 3, 2, 11, 0), 1 * kHour) == cal.Local(2026, 3, 2, 12, 0));
    CHECK(cal.Between(cal.Local(2026, 3, 6, 0, 0), cal.Local(2026, 3, 7, 0, 0)) == 6 * kHour);  // Friday
    CHECK(cal.Between(cal.Local(2026, 3, 2), cal.Local(2026, 3, 9)) == 4 * 8 * kHour + 6 * kHour);
    CHECK(cal.compiled.DayMillis(kMonday) == 8 * kHour);
    CHECK(cal.compiled.DayMillis(kFriday) == 6 * kHour);
    CHECK(cal.compiled.DayMillis(kSunday) == 0);
}

TEST_CASE("holidays: single days, named days and ranges") {
    Calendar cal({{"time_zone", "Europe/Stockholm"},
                  {"holidays",
                   {"2026-01-01", "2026-01-06", {{"date", "2026-04-03"}, {"name", "Good Friday"}}, "2026-04-06",
                    "2026-05-01", "2026-05-14", "2026-06-06", {{"date", "2026-06-19"}, {"name", "Midsummer Eve"}},
                    {{"from", "2026-12-24"}, {"to", "2026-12-31"}, {"name", "Office closed"}}}}});
    // Created on a holiday (Good Friday): nothing counts until Tuesday after Easter Monday.
    CHECK(cal.Between(cal.Local(2026, 4, 3, 10, 0), cal.Local(2026, 4, 7, 10, 0)) == 1 * kHour);
    CHECK(cal.Add(cal.Local(2026, 4, 2, 16, 0), 2 * kHour) == cal.Local(2026, 4, 7, 10, 0));
    // Half a year: 26 weeks of 40 h, less six weekday holidays (6 June is a Saturday).
    Millis january = cal.Local(2026, 1, 5, 9, 0), july = cal.Local(2026, 7, 6, 9, 0);
    CHECK(cal.Between(january, july) == (26 * 40 - 6 * 8) * kHour);
    CHECK(cal.Add(january, (26 * 40 - 6 * 8) * kHour) == cal.Local(2026, 7, 3, 17, 0));
    // The year-end closure: Wednesday 23 December, then Friday 1 January 2027.
    CHECK(cal.Between(cal.Local(2026, 12, 23, 9, 0), cal.Local(2027, 1, 4, 9, 0)) == 16 * kHour);
    CHECK(cal.Add(cal.Local(2026, 12, 23, 16, 0), 2 * kHour) == cal.Local(2027, 1, 1, 10, 0));
}

TEST_CASE("New York: weekend across the US DST change") {
    Calendar cal(json{{"time_zone", "America/New_York"}});
    Millis friday = cal.Local(2026, 3, 6, 16, 0), monday = cal.Local(2026, 3, 9, 10, 0);
    CHECK(friday == Utc(2026, 3, 6, 21, 0));
    CHECK(monday == Utc(2026, 3, 9, 14, 0));
    CHECK(cal.Between(friday, monday) == 2 * kHour);
    CHECK(cal.Add(friday, 2 * kHour) == monday);
    CHECK(cal.Between(cal.Local(2026, 10, 30, 16, 0), cal.Local(2026, 11, 2, 10, 0)) == 2 * kHour);
    CHECK(cal.Local(2026, 11, 2, 9, 0) == Utc(2026, 11, 2, 14, 0));
}

TEST_CASE("the same instants count differently in different zones") {
    Calendar stockholm(kStockholm), shanghai(json{{"time_zone", "Asia/Shanghai"}}),
        new_york(json{{"time_zone", "America/New_York"}}), utc(json::object());
    Millis from = Utc(2026, 3, 27, 8, 0), to = Utc(2026, 3, 27, 16, 0);
    CHECK(stockholm.Between(from, to) == 8 * kHour);  // 09:00-17:00 CET
    CHECK(shanghai.Between(from, to) == 1 * kHour);   // 16:00-24:00 CST
    CHECK(new_york.Between(from, to) == 3 * kHour);   // 04:00-12:00 EDT
    CHECK(utc.Between(from, to) == 7 * kHour);        // 08:00-16:00
    CHECK(shanghai.Local(2026, 3, 27, 9, 0) == Utc(2026, 3, 27, 1, 0));
    CHECK(shanghai.Add(shanghai.Local(2026, 3, 27, 16, 0), 3 * kHour) == shanghai.Local(2026, 3, 30, 11, 0));
}

TEST_CASE("adding: zero, negative, exact end of hours, long durations") {
    Calendar cal(kStockholm);
    Millis friday = cal.Local(2026, 3, 27, 9, 0);
    CHECK(cal.Add(friday, 0) == friday);
    CHECK(cal.Add(friday, -kHour) == friday);
    Millis saturday = cal.Local(2026, 3, 28, 12, 0);
    CHECK(cal.Add(saturday, 0) == saturday);  // not moved back to Friday 17:00
    CHECK(cal.Add(saturday, kHour) == cal.Local(2026, 3, 30, 10, 0));
    CHECK(cal.Add(friday, 8 * kHour) == cal.Local(2026, 3, 27, 17, 0));
    CHECK(cal.Add(friday, 8 * kHour + 1) == cal.Local(2026, 3, 30, 9, 0) + 1);
    // Ten years of 40-hour weeks, in one step.
    Millis monday = cal.Local(2026, 3, 2, 9, 0);
    Millis later = cal.Add(monday, 520 * 40 * kHour);
    CHECK(cal.Between(monday, later) == 520 * 40 * kHour);
    CHECK(later == cal.Local(2036, 2, 15, 17, 0));  // the Friday of the 520th week
}

TEST_CASE("outside 1900-2199 instants are clamped") {
    Calendar cal(kStockholm);
    CHECK(cal.Between(kCalendarEnd, kCalendarEnd + 1000 * kMillisPerDay) == 0);
    CHECK(cal.Between(INT64_MIN, kCalendarStart) == 0);
    CHECK(cal.Add(kCalendarEnd - kHour, 1000 * kHour) == kCalendarEnd);
    CHECK(cal.Add(kCalendarEnd + kHour, kHour) == kCalendarEnd + kHour);
    CHECK(cal.Add(cal.Local(2026, 3, 2, 9, 0), INT64_MAX) == kCalendarEnd);
    CHECK(cal.Between(INT64_MIN, INT64_MAX) > 0);
}

TEST_CASE("no calendar (24x7): plain wall-clock time") {
    CompiledCalendar always;
    CHECK(always.always_open());
    Millis saturday = Utc(2026, 3, 28, 10, 0);
    CHECK(BusinessMillisBetween(always, saturday, saturday + 2 * kHour) == 2 * kHour);
    CHECK(AddBusinessMillis(always, saturday, 30 * kHour) == saturday + 30 * kHour);
    CHECK(AddBusinessMillis(always, INT64_MAX - 5, 10) == INT64_MAX);
}

// Checks the closed form against counting minute by minute, on calendars where DST
// changes fall inside working hours, with breaks and holidays.
TEST_CASE("business time agrees with counting minute by minute") {
    const char* zones[] = {"Europe/Stockholm", "XXX-1YYY,M3.5.0/12,M10.5.0/12", "Europe/Dublin", "America/Santiago",
                           "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"};
    std::uint64_t seed = 12345;
    auto next = [&seed] { return seed = seed * 6364136223846793005ULL + 1442695040888963407ULL, seed >> 33; };
    for (const char* zone : zones) {
        CAPTURE(zone);
        Calendar cal({{"time_zone", zone},
                      {"working_days", {"mon", "tue", "wed", "fri", "sun"}},
                      {"hours", {"01:30-03:00", "11:00-13:30", "23:00-24:00"}},
                      {"hours_by_day", {{"sun", {"00:00-24:00"}}}},
                      {"holidays", {"2026-03-30", "2026-10-27", {{"from", "2026-04-01"}, {"to", "2026-04-03"}}}}});
        const BusinessCalendar& source = cal.compiled.source();
        auto working = [&](Millis t) {
            Millis local = ToLocalMillis(cal.compiled.zone(), t);
            long long day = local >= 0 ? local / kMillisPerDay : (local - kMillisPerDay + 1) / kMillisPerDay;
            std::string date = FormatIsoDate(day * kMillisPerDay);
            if (date == "2026-03-30" || date == "2026-10-27" || (date >= "2026-04-01" && date <= "2026-04-03")) return false;
            Millis minute = (local - day * kMillisPerDay) / kMinute;
            for (const WorkingHours& h : source.week[static_cast<std::size_t>(((day + 3) % 7 + 7) % 7)])
                if (minute >= h.start_minute && minute < h.end_minute) return true;
            return false;
        };
        // Half the spans start within days of a DST change (of one zone or another).
        const Millis near[] = {Utc(2026, 3, 26), Utc(2026, 10, 22), Utc(2026, 4, 2), Utc(2026, 9, 3), Utc(2026, 10, 1)};
        for (int trial = 0; trial < 60; ++trial) {
            Millis from = trial % 2 ? near[next() % 5] + static_cast<Millis>(next() % (4 * 24 * 60)) * kMinute
                                    : Utc(2026, 3, 1) + static_cast<Millis>(next() % (300 * 24 * 60)) * kMinute;
            Millis to = from + static_cast<Millis>(next() % (4 * 24 * 60)) * kMinute;
            Millis counted = 0;
            for (Millis t = from; t < to; t += kMinute) counted += working(t) ? kMinute : 0;
            CAPTURE(from);
            CAPTURE(to);
            CHECK(cal.Between(from, to) == counted);
            if (counted > 0) {
                Millis reached = cal.Add(from, counted);
                CHECK(reached <= to);
                CHECK(cal.Between(from, reached) == counted);
                CHECK(cal.Between(from, reached - 1) < counted);
            }
        }
    }
}

// --- calendar JSON ---------------------------------------------------------------------

TEST_CASE("calendar JSON: defaults, round trip") {
    Result<BusinessCalendar> empty = ParseBusinessCalendar(json::object());
    REQUIRE(empty.ok());
    CHECK(empty.value() == BusinessCalendar{});
    CHECK(empty.value().time_zone == "UTC");
    CHECK(empty.value().week[kMonday] == std::vector<WorkingHours>{{540, 1020}});
    CHECK(empty.value().week[kSaturday].empty());

    json config = {{"time_zone", "Europe/Stockholm"},
                   {"working_days", {"mon", "tue", "wed", "thu", "fri", "sat"}},
                   {"hours", {"08:00-12:00", "13:00-17:00"}},
                   {"hours_by_day", {{"sat", {"10:00-14:00"}}}},
                   {"holidays",
                    {"2026-12-25", {{"date", "2026-06-19"}, {"name", "Midsummer Eve"}},
                     {{"from", "2026-07-13"}, {"to", "2026-07-17"}}}}};
    Result<BusinessCalendar> parsed = ParseBusinessCalendar(config);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().Describe());
    CHECK(parsed.value().week[kSaturday] == std::vector<WorkingHours>{{600, 840}});
    CHECK(parsed.value().holidays[1] == Holiday{"2026-06-19", "", "Midsummer Eve"});
    CHECK(ToJson(parsed.value()) == config);
    Result<BusinessCalendar> again = ParseBusinessCalendar(ToJson(parsed.value()));
    REQUIRE(again.ok());
    CHECK(again.value() == parsed.value());
    // Long day names, any case.
    CHECK(ParseBusinessCalendar({{"working_days", {"Monday", "TUE"}}}).ok());
}

TEST_CASE("calendar JSON: holiday errors name the entry") {
    Error invalid = CalendarError({{"holidays", {"2026-12-25", "2026-12-26", "2026-02-30"}}});
    CHECK(invalid.path == "/holidays/2");
    CHECK(invalid.message == "\"2026-02-30\" is not a date (YYYY-MM-DD)");
    Error twice = CalendarError({{"holidays", {"2026-12-25", "2026-12-24", "2026-12-25"}}});
    CHECK(twice.path == "/holidays/2");
    CHECK(twice.message == "2026-12-25 is listed twice (also /holidays/0)");
    Error overlap = CalendarError({{"holidays",
                                    {{{"from", "2026-12-24"}, {"to", "2026-12-31"}},
                                     {{"date", "2026-12-31"}, {"name", "New Year's Eve"}}}}});
    CHECK(overlap.path == "/holidays/1");
    CHECK(overlap.message == "New Year's Eve, 2026-12-31 overlaps 2026-12-24..2026-12-31 at /holidays/0");
    Error ranges = CalendarError({{"holidays",
                                   {{{"from", "2026-07-20"}, {"to", "2026-07-31"}, {"name", "Summer"}},
                                    {{"from", "2026-07-01"}, {"to", "2026-07-20"}}}}});
    CHECK(ranges.path == "/holidays/1");
    CHECK(ranges.message == "2026-07-01..2026-07-20 overlaps Summer, 2026-07-20..2026-07-31 at /holidays/0");
    Error reversed = CalendarError({{"holidays", {{{"from", "2026-12-31"}, {"to", "2026-12-24"}}}}});
    CHECK(reversed.path == "/holidays/0");
    CHECK(reversed.message == "the holiday ends (2026-12-24) before it starts (2026-12-31)");
    CHECK(CalendarError({{"holidays", {{{"from", "2026-01-01"}, {"to", "2026-13-01"}}}}}).path == "/holidays/0/to");
    CHECK(CalendarError({{"holidays", {{{"from", "2026-01-01"}, {"to", "2027-06-01"}}}}}).message.find("366 days") !=
          std::string::npos);
    CHECK(CalendarError({{"holidays", {42}}}).path == "/holidays/0");
    CHECK(CalendarError({{"holidays", {{{"name", "No date"}}}}}).message.find("needs a \"date\"") != std::string::npos);
    CHECK(CalendarError({{"holidays", {{{"date", 20261225}}}}}).path == "/holidays/0/date");
    CHECK(CalendarError({{"holidays", "2026-12-25"}}).path == "/holidays");
}

TEST_CASE("calendar JSON: hours, days and zone errors") {
    Error backwards = CalendarError({{"hours", {"17:00-09:00"}}});
    CHECK(backwards.path == "/hours/0");
    CHECK(backwards.message == "17:00-09:00 ends before it starts (or is empty)");
    Error late = CalendarError({{"hours", {"09:00-25:00"}}});
    CHECK(late.path == "/hours/0");
    CHECK(late.message == "\"09:00-25:00\": hours run from 00:00 to 24:00, written HH:MM-HH:MM");
    CHECK(CalendarError({{"hours", {"24:30-24:45"}}}).path == "/hours/0");
    CHECK(CalendarError({{"hours", {"9-17"}}}).path == "/hours/0");
    CHECK(CalendarError({{"hours", {"0900"}}}).message == "working hours are written \"09:00-17:00\"");
    Error overlap = CalendarError({{"hours", {"09:00-12:00", "11:00-17:00"}}});
    CHECK(overlap.path == "/hours/1");
    CHECK(overlap.message.find("11:00-17:00 overlaps or comes before 09:00-12:00") == 0);
    CHECK(CalendarError({{"hours", json::array()}}).path == "/hours");
    Error none = CalendarError({{"working_days", json::array()}});
    CHECK(none.path == "/working_days");
    CHECK(none.message.find("no working day at all") == 0);
    Error funday = CalendarError({{"working_days", {"mon", "funday"}}});
    CHECK(funday.path == "/working_days/1");
    CHECK(funday.message == "unknown day (mon, tue, wed, thu, fri, sat or sun)");
    CHECK(CalendarError({{"working_days", {"mon", "monday"}}}).message == "mon is listed twice");
    Error saturday = CalendarError({{"hours_by_day", {{"sat", {"10:00-12:00"}}}}});
    CHECK(saturday.path == "/hours_by_day/sat");
    CHECK(saturday.message == "sat is not among the working days");
    CHECK(CalendarError({{"hours_by_day", {{"fri", {"15:00-09:00"}}}}}).path == "/hours_by_day/fri/0");
    Error mars = CalendarError({{"time_zone", "Mars/Olympus"}});
    CHECK(mars.path == "/time_zone");
    CHECK(mars.message.find("unknown time zone \"Mars/Olympus\"") == 0);
    Error rule = CalendarError({{"time_zone", "CET-1CEST"}});
    CHECK(rule.path == "/time_zone");
    CHECK(rule.message.find("needs its rule") != std::string::npos);
    CHECK(CalendarError({{"time_zone", 1}}).path == "/time_zone");
    CHECK(CalendarError(json::array()).message == "a business calendar must be a JSON object");
}

TEST_CASE("CompileCalendar checks a calendar built by hand") {
    BusinessCalendar calendar;
    calendar.week[kTuesday] = {{600, 720}, {700, 800}};
    Result<CompiledCalendar> overlapping = CompileCalendar(calendar);
    REQUIRE_FALSE(overlapping.ok());
    CHECK(overlapping.error().path == "/hours_by_day/tue/1");
    calendar = BusinessCalendar{};
    calendar.week[kMonday] = {{-10, 600}};
    CHECK(CompileCalendar(calendar).error().path == "/hours_by_day/mon/0");
    calendar = BusinessCalendar{};
    calendar.week = {};
    CHECK(CompileCalendar(calendar).error().path == "/working_days");
    calendar = BusinessCalendar{};
    calendar.time_zone = "Nowhere/Land";
    CHECK(CompileCalendar(calendar).error().path == "/time_zone");
    CHECK_FALSE(CompileCalendar(BusinessCalendar{}).value().always_open());
}
