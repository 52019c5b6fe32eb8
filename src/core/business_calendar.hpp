// business_calendar.hpp — time zones and business hours, for SLA clocks (sla.hpp).
//
//   Result<BusinessCalendar> cal = ParseBusinessCalendar(json);   // {"time_zone": "Europe/Stockholm", ...}
//   Result<CompiledCalendar> clock = CompileCalendar(cal.value()); // once, then share it
//   Millis spent = BusinessMillisBetween(clock.value(), created, now);
//   Millis due = AddBusinessMillis(clock.value(), created, 8 * 3'600'000LL);
//
// Time zones: the browser build has no tz database, so a zone is a POSIX TZ rule
// ("CET-1CEST,M3.5.0,M10.5.0/3"); FindTimeZone also knows a short table of IANA names
// (KnownTimeZoneNames) and maps them to the rule tzdata itself gives for today's years.
// Historic rule changes (e.g. US DST before 2007) are therefore not known: every year
// uses today's rule.
//
// Local wall time is written as "local millis": the civil date and time counted as if it
// were UTC (CivilMillis(2026, 3, 29, 9, 0)). Converting a local time to an instant:
//   - in a gap (spring forward, 02:30 on 2026-03-29 in Stockholm does not exist) the
//     time is read with the offset from before the gap, so it lands as far after the gap
//     as it was into it (02:30 -> 03:30 CEST), as JavaScript's Date and java.time do;
//   - in an overlap (autumn, 02:30 on 2026-10-25 happens twice) the earlier instant wins.
//
// Business time is real elapsed time while the local wall clock is inside working hours
// of a working day that is not a holiday. A 09:00-17:00 day is 8 h on a DST-change day
// too (the change happens at night); hours that contain the change are an hour shorter
// or longer, as a clock on the wall would show. The arithmetic is O(log n) in holidays
// and DST changes (no stepping through days), so months of duration cost the same as
// minutes. It covers instants from 1900 to 2199: instants outside are clamped to that
// range. A default-constructed CompiledCalendar is "24x7": plain wall-clock time.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

// --- time zones ---------------------------------------------------------------

// When a POSIX rule switches: a date form and a local time (seconds, may be negative or
// beyond 24 h: "M3.4.4/26" is 02:00 on the Friday after the 4th Thursday of March).
struct TzTransitionRule {
    enum class Kind { JulianNoLeap, ZeroBasedDay, MonthWeekDay };  // Jn, n, Mm.w.d
    Kind kind = Kind::MonthWeekDay;
    int day = 0;      // Jn: 1..365 (Feb 29 never counted); n: 0..365
    int month = 0;    // Mm.w.d: 1..12
    int week = 0;     // 1..5, 5 = the last one of the month
    int weekday = 0;  // 0 = Sunday
    int time_seconds = 2 * 3600;
};

struct TimeZone {
    std::string rule = "UTC0";  // as given: the POSIX text, or the IANA name it came from
    std::string std_name = "UTC", dst_name;
    int std_offset_seconds = 0;  // east of UTC (POSIX writes west: CET-1 is +3600 here)
    int dst_offset_seconds = 0;
    bool has_dst = false;
    TzTransitionRule dst_start, dst_end;  // when has_dst
};

// A POSIX TZ rule: std offset [dst [offset] [,start[/time],end[/time]]], names as letters
// (3 or more) or <quoted> (+-, digits, letters), offsets [+-]hh[:mm[:ss]] up to 24 h,
// rule times up to ±167 h (RFC 8536). A DST name needs its rule: the default rule POSIX
// leaves to the implementation is refused rather than guessed. Errors name the character
// (counted from 1) where reading stopped.
Result<TimeZone> ParsePosixTimeZone(std::string_view rule);
// An IANA name from the built-in table, or else a POSIX rule.
Result<TimeZone> FindTimeZone(std::string_view name_or_rule);
// The POSIX rule for a known IANA name ("Europe/Stockholm"), or empty.
std::string_view PosixRuleForName(std::string_view iana_name);
std::vector<std::string_view> KnownTimeZoneNames();

int UtcOffsetSeconds(const TimeZone& zone, Millis instant);
bool IsDaylightTime(const TimeZone& zone, Millis instant);
// Instant -> local millis, and back (gap and overlap as said at the top).
Millis ToLocalMillis(const TimeZone& zone, Millis instant);
Millis FromLocalMillis(const TimeZone& zone, Millis local);
// A civil date and time as local millis (no zone involved).
Millis CivilMillis(int year, unsigned month, unsigned day, int hour = 0, int minute = 0, int second = 0);

// --- business hours ------------------------------------------------------------

enum Weekday { kMonday, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

struct WorkingHours {
    int start_minute = 9 * 60;  // [start, end) in minutes after local midnight, 0..1440
    int end_minute = 17 * 60;
    bool operator==(const WorkingHours&) const = default;
};

struct Holiday {
    std::string from;  // "2026-12-24", a local date
    std::string to;    // last day, inclusive; empty: one day
    std::string name;  // optional, shown in the settings
    bool operator==(const Holiday&) const = default;
};

// Monday to Friday, 09:00-17:00.
std::array<std::vector<WorkingHours>, 7> OfficeWeek();

// As configured (and written back by ToJson). Validated by ParseBusinessCalendar and
// CompileCalendar, which say what is wrong and where.
struct BusinessCalendar {
    std::string time_zone = "UTC";  // IANA name from the table, or a POSIX rule
    // Per weekday, Monday first: working hours, sorted, not overlapping; empty: day off.
    std::array<std::vector<WorkingHours>, 7> week = OfficeWeek();
    std::vector<Holiday> holidays;
    bool operator==(const BusinessCalendar&) const = default;
};

// JSON shape (every member optional; defaults as in the struct):
//   {"time_zone": "Europe/Stockholm",
//    "working_days": ["mon", "tue", "wed", "thu", "fri"],
//    "hours": ["09:00-12:00", "13:00-17:00"],          // every working day
//    "hours_by_day": {"fri": ["09:00-15:00"]},          // days that differ
//    "holidays": ["2026-12-25",
//                 {"date": "2026-06-19", "name": "Midsummer Eve"},
//                 {"from": "2026-12-24", "to": "2026-12-31", "name": "Office closed"}]}
// Errors carry the path ("/holidays/2", "/hours/0") and say what is wrong: invalid or
// overlapping holidays, hours out of 00:00..24:00 or ending before they start, an
// unknown time zone, no working day at all.
Result<BusinessCalendar> ParseBusinessCalendar(const nlohmann::json& value);
nlohmann::json ToJson(const BusinessCalendar& calendar);

// The range business arithmetic covers (1900-01-01 to 2200-01-01 UTC).
inline constexpr Millis kCalendarStart = -2208988800000LL;
inline constexpr Millis kCalendarEnd = 7258118400000LL;

// The form the arithmetic reads: zone rules turned into DST segments, holidays into
// sorted day numbers with running sums. Build once (CompileCalendar), copy freely.
class CompiledCalendar {
public:
    CompiledCalendar() = default;  // 24x7: business time is wall-clock time
    bool always_open() const { return always_open_; }
    const BusinessCalendar& source() const { return source_; }
    const TimeZone& zone() const { return zone_; }
    // Working millis of a weekday as configured (holidays aside).
    Millis DayMillis(Weekday day) const { return day_millis_[day]; }

    // The business clock: business millis from a fixed origin up to `instant`, never
    // decreasing. Differences are what count; callers that measure many stretches of
    // one timeline read it once per boundary instead of once per stretch.
    Millis BusinessClock(Millis instant) const;
    // Its inverse: the first instant >= not_before at which the clock reads `clock` (or
    // more; kCalendarEnd when it never does).
    Millis InstantAt(Millis clock, Millis not_before) const;

private:
    friend Result<CompiledCalendar> CompileCalendar(const BusinessCalendar& calendar);
    // A stretch of time with one UTC offset (between DST changes).
    struct Segment {
        Millis begin = 0;
        Millis offset = 0;      // local = instant + offset
        Millis correction = 0;  // business time gained (+) or lost (-) by earlier DST changes
        Millis clock_at_begin = 0;
    };
    // Segments are found through buckets of 2^33 ms (about 99 days), each holding the
    // segment its start falls in: a year has at most two switches, so a step or two.
    static constexpr int kBucketShift = 33;

    Millis LocalClock(Millis local) const;           // business millis up to a local wall time
    Millis LocalClockInverse(Millis value, long long first_day) const;
    Millis DayStartClock(long long day) const;       // business millis before a local day
    Millis NominalDayStart(long long day) const;     // the same, holidays ignored
    long long FirstDayReaching(Millis value) const;  // min day d with NominalDayStart(d+1) >= value
    Millis HolidayMillisBefore(long long day) const;
    std::size_t SegmentAt(Millis instant) const;

    bool always_open_ = true;
    BusinessCalendar source_;
    TimeZone zone_;
    std::array<Millis, 7> day_millis_{};
    std::array<Millis, 8> week_prefix_{};  // working millis of Monday..day before
    Millis week_millis_ = 0;
    std::vector<long long> holiday_days_;  // local day numbers, sorted, unique
    std::vector<Millis> holiday_prefix_;   // working millis lost to the first i holidays
    std::vector<Segment> segments_;        // sorted by begin; the first begins at kCalendarStart
    std::vector<std::uint32_t> bucket_segment_;
    Millis end_clock_ = 0;                 // BusinessClock(kCalendarEnd)
};

Result<CompiledCalendar> CompileCalendar(const BusinessCalendar& calendar);

// Business time between two instants (negative when `to` is before `from`).
Millis BusinessMillisBetween(const CompiledCalendar& calendar, Millis from, Millis to);
// The instant when `duration` of business time has passed since `from` (from itself for
// a duration <= 0; when working hours end exactly then, the end of those hours, not the
// next morning).
Millis AddBusinessMillis(const CompiledCalendar& calendar, Millis from, Millis duration);

}  // namespace tackboard
