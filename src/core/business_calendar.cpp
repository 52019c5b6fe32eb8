// business_calendar.cpp — see business_calendar.hpp.
//
// [SECTION] Small helpers
// [SECTION] POSIX TZ rules: parsing
// [SECTION] POSIX TZ rules: evaluation
// [SECTION] IANA names
// [SECTION] Calendar JSON
// [SECTION] Compiling a calendar
// [SECTION] Business arithmetic
//
// How the arithmetic works. Let W(L) be the working millis (per the week and holidays) up
// to local wall time L, a closed form: whole weeks, a prefix within the week, minus a
// running sum of holidays found by binary search. Between two DST changes the offset o
// is constant, so the business clock is B(t) = W(t + o) + C, where C adds up, for every
// earlier change, what its skipped (-) or repeated (+) wall-clock hour held of working
// time — usually nothing, as changes happen at night. Compiling precomputes those
// segments; B(to) - B(from) is then a few binary searches, and adding a duration inverts
// B the same way.
#include "core/business_calendar.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include "core/dates.hpp"

namespace tackboard {

using nlohmann::json;

// [SECTION] Small helpers ----------------------------------------------------------

namespace {

constexpr Millis kMillisPerMinute = 60'000;
constexpr Millis kMillisPerHour = 3'600'000;
constexpr Millis kMaxMillis = std::numeric_limits<Millis>::max();
constexpr Millis kMinMillis = std::numeric_limits<Millis>::min();
// Offsets are decided for instants within about ±31,000 years; beyond, as at the edge.
constexpr Millis kFarInstant = 1'000'000'000'000'000LL;

long long FloorDiv(long long a, long long b) {
    long long q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

Millis SaturatingAdd(Millis a, Millis b) {
    if (b > 0 && a > kMaxMillis - b) return kMaxMillis;
    if (b < 0 && a < kMinMillis - b) return kMinMillis;
    return a + b;
}

// Monday = 0 for a day number (1970-01-01 was a Thursday).
int WeekdayOf(long long day) { return static_cast<int>(day + 3 - 7 * FloorDiv(day + 3, 7)); }

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int YearOfDay(long long day) {
    int year;
    unsigned month, dom;
    CivilFromDays(day, year, month, dom);
    return year;
}

// The rule text shown in messages: printable ASCII only, and not too long.
std::string Shown(std::string_view text) {
    std::string out;
    for (char c : text.substr(0, 60)) out += (c >= 0x20 && c < 0x7F) ? c : '?';
    if (text.size() > 60) out += "...";
    return out;
}

// Shown in double quotes (appended piecewise: GCC 12 warns falsely on "\"" + string).
std::string Quoted(std::string_view text) {
    std::string out = "\"";
    out += Shown(text);
    out += '"';
    return out;
}

}  // namespace

Millis CivilMillis(int year, unsigned month, unsigned day, int hour, int minute, int second) {
    return DaysFromCivil(year, month, day) * kMillisPerDay + hour * kMillisPerHour + minute * kMillisPerMinute +
           second * 1000LL;
}

std::array<std::vector<WorkingHours>, 7> OfficeWeek() {
    std::array<std::vector<WorkingHours>, 7> week;
    for (int day = kMonday; day <= kFriday; ++day) week[day] = {WorkingHours{}};
    return week;
}

// [SECTION] POSIX TZ rules: parsing ---------------------------------------------------

namespace {

class TzParser {
public:
    explicit TzParser(std::string_view text) : text_(text) {}

    Result<TimeZone> Parse() {
        TimeZone zone;
        zone.rule = std::string(text_);
        if (Peek() == ':') return Fail("a leading ':' names a tz database file, which is not available here");
        if (!Name(zone.std_name) || !Offset(zone.std_offset_seconds)) return Failure();
        zone.dst_offset_seconds = zone.std_offset_seconds;
        if (AtEnd()) return zone;
        if (!Name(zone.dst_name)) return Failure();
        zone.has_dst = true;
        zone.dst_offset_seconds = zone.std_offset_seconds + 3600;
        if (Peek() == '+' || Peek() == '-' || IsDigit(Peek()))
            if (!Offset(zone.dst_offset_seconds)) return Failure();
        if (AtEnd())
            return Fail("a daylight-saving zone needs its rule: ,start[/time],end[/time] (e.g. ,M3.5.0,M10.5.0/3)");
        if (!Expect(',') || !Date(zone.dst_start) || !Expect(',') || !Date(zone.dst_end)) return Failure();
        if (!AtEnd()) return Fail("unexpected text after the rule");
        return zone;
    }

private:
    static bool IsDigit(char c) { return c >= '0' && c <= '9'; }
    static bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
    bool AtEnd() const { return pos_ >= text_.size(); }
    char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }

    // Records the first problem and where it is; Failure() turns it into the Error.
    bool Note(std::string what) {
        if (problem_.empty()) problem_ = "character " + std::to_string(pos_ + 1) + ": " + std::move(what);
        return false;
    }
    Error Failure() const { return Error{"time zone rule " + Quoted(text_) + ": " + problem_}; }
    Error Fail(std::string what) {
        Note(std::move(what));
        return Failure();
    }

    bool Expect(char c) {
        if (Peek() != c) return Note(std::string("expected '") + c + "'");
        ++pos_;
        return true;
    }

    bool Name(std::string& out) {
        std::size_t start = pos_;
        if (Peek() == '<') {
            ++pos_;
            while (IsAlpha(Peek()) || IsDigit(Peek()) || Peek() == '+' || Peek() == '-') ++pos_;
            if (Peek() != '>') return Note("a <quoted> zone name takes letters, digits, + and -, and ends with '>'");
            out = std::string(text_.substr(start + 1, pos_ - start - 1));
            ++pos_;
        } else {
            while (IsAlpha(Peek())) ++pos_;
            out = std::string(text_.substr(start, pos_ - start));
        }
        if (out.size() < 3) {
            pos_ = start;
            return Note("expected a zone name of 3 or more letters (CET, EST) or a <quoted> one (<+08>)");
        }
        return true;
    }

    // 1..max_digits decimal digits, with a value in [low, high].
    bool Number(int max_digits, int low, int high, const char* what, int& out) {
        std::size_t start = pos_;
        out = 0;
        while (IsDigit(Peek()) && pos_ - start < static_cast<std::size_t>(max_digits)) out = out * 10 + (text_[pos_++] - '0');
        if (pos_ == start) return Note(std::string("expected ") + what);
        if (IsDigit(Peek()) || out < low || out > high) {
            pos_ = start;
            return Note(std::string(what) + " must be " + std::to_string(low) + ".." + std::to_string(high));
        }
        return true;
    }

    // [+-]hh[:mm[:ss]] in seconds.
    bool Clock(int max_hours, int& seconds) {
        int sign = 1;
        if (Peek() == '+' || Peek() == '-') sign = text_[pos_++] == '-' ? -1 : 1;
        int hours = 0, minutes = 0, secs = 0;
        if (!Number(max_hours > 99 ? 3 : 2, 0, max_hours, "hours", hours)) return false;
        if (Peek() == ':' && (++pos_, !Number(2, 0, 59, "minutes", minutes))) return false;
        if (Peek() == ':' && (++pos_, !Number(2, 0, 59, "seconds", secs))) return false;
        seconds = sign * (hours * 3600 + minutes * 60 + secs);
        return true;
    }

    // POSIX offsets are hours west of UTC; we keep seconds east.
    bool Offset(int& east_seconds) {
        int west = 0;
        if (!Clock(24, west)) return false;
        east_seconds = -west;
        return true;
    }

    bool Date(TzTransitionRule& rule) {
        if (Peek() == 'J') {
            ++pos_;
            rule.kind = TzTransitionRule::Kind::JulianNoLeap;
            if (!Number(3, 1, 365, "a day of the year (Jn)", rule.day)) return false;
        } else if (Peek() == 'M') {
            ++pos_;
            rule.kind = TzTransitionRule::Kind::MonthWeekDay;
            if (!Number(2, 1, 12, "a month (Mm.w.d)", rule.month)) return false;
            if (!Expect('.') || !Number(1, 1, 5, "a week (5 = the last)", rule.week)) return false;
            if (!Expect('.') || !Number(1, 0, 6, "a weekday (0 = Sunday)", rule.weekday)) return false;
        } else if (IsDigit(Peek())) {
            rule.kind = TzTransitionRule::Kind::ZeroBasedDay;
            if (!Number(3, 0, 365, "a day of the year (n)", rule.day)) return false;
        } else {
            return Note("expected a date: Jn, n or Mm.w.d");
        }
        rule.time_seconds = 2 * 3600;
        if (Peek() == '/') {
            ++pos_;
            return Clock(167, rule.time_seconds);
        }
        return true;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    std::string problem_;
};

}  // namespace

Result<TimeZone> ParsePosixTimeZone(std::string_view rule) {
    if (rule.empty()) return Error{"the time zone rule is empty"};
    return TzParser(rule).Parse();
}

// [SECTION] POSIX TZ rules: evaluation ------------------------------------------------

namespace {

// The local date (day number) a rule names in a year.
long long RuleDay(const TzTransitionRule& rule, int year) {
    const long long jan1 = DaysFromCivil(year, 1, 1);
    switch (rule.kind) {
        case TzTransitionRule::Kind::JulianNoLeap:
            return jan1 + rule.day - 1 + (IsLeapYear(year) && rule.day >= 60 ? 1 : 0);
        case TzTransitionRule::Kind::ZeroBasedDay:
            return jan1 + rule.day;
        case TzTransitionRule::Kind::MonthWeekDay: break;
    }
    const unsigned month = static_cast<unsigned>(rule.month);
    const long long first = DaysFromCivil(year, month, 1);
    const long long next = month == 12 ? DaysFromCivil(year + 1, 1, 1) : DaysFromCivil(year, month + 1, 1);
    const int sunday_based = (WeekdayOf(first) + 1) % 7;
    long long day = first + (rule.weekday - sunday_based + 7) % 7 + 7LL * (rule.week - 1);
    while (day >= next) day -= 7;  // week 5 means the last one
    return day;
}

// A switch between standard and daylight time, ordered as the rule's years run.
struct TzEvent {
    Millis at = 0;
    int year = 0;
    int order = 0;  // 0: DST starts, 1: DST ends (same instant and year: ends last, so no DST)
    bool dst_after = false;
    bool operator<(const TzEvent& o) const {
        if (at != o.at) return at < o.at;
        return year != o.year ? year < o.year : order < o.order;
    }
};

// A year's two switches: start times are given in standard time, end times in daylight time.
std::array<TzEvent, 2> YearEvents(const TimeZone& zone, int year) {
    Millis start = (RuleDay(zone.dst_start, year) * 86400LL + zone.dst_start.time_seconds - zone.std_offset_seconds) * 1000;
    Millis end = (RuleDay(zone.dst_end, year) * 86400LL + zone.dst_end.time_seconds - zone.dst_offset_seconds) * 1000;
    return {TzEvent{start, year, 0, true}, TzEvent{end, year, 1, false}};
}

bool DstAt(const TimeZone& zone, Millis instant) {
    if (!zone.has_dst) return false;
    instant = std::clamp(instant, -kFarInstant, kFarInstant);
    const int year = YearOfDay(FloorDiv(instant + zone.std_offset_seconds * 1000LL, kMillisPerDay));
    // The latest switch at or before the instant decides. Rule times reach ±167 h, so it
    // may belong to a neighbouring year; before any switch at all it is standard time.
    TzEvent latest;
    bool found = false;
    for (int y = year - 2; y <= year + 1; ++y)
        for (const TzEvent& e : YearEvents(zone, y))
            if (e.at <= instant && (!found || latest < e)) latest = e, found = true;
    return found && latest.dst_after;
}

}  // namespace

bool IsDaylightTime(const TimeZone& zone, Millis instant) { return DstAt(zone, instant); }

int UtcOffsetSeconds(const TimeZone& zone, Millis instant) {
    return DstAt(zone, instant) ? zone.dst_offset_seconds : zone.std_offset_seconds;
}

Millis ToLocalMillis(const TimeZone& zone, Millis instant) {
    return SaturatingAdd(instant, UtcOffsetSeconds(zone, instant) * 1000LL);
}

Millis FromLocalMillis(const TimeZone& zone, Millis local) {
    const Millis std_offset = zone.std_offset_seconds * 1000LL;
    if (!zone.has_dst) return SaturatingAdd(local, -std_offset);
    const Millis dst_offset = zone.dst_offset_seconds * 1000LL;
    const Millis as_std = SaturatingAdd(local, -std_offset), as_dst = SaturatingAdd(local, -dst_offset);
    const bool std_fits = !DstAt(zone, as_std), dst_fits = DstAt(zone, as_dst);
    if (std_fits && dst_fits) return std::min(as_std, as_dst);  // overlap: the earlier one
    if (std_fits) return as_std;
    if (dst_fits) return as_dst;
    // A gap: the offset grew there, so the one from before is the smaller.
    return SaturatingAdd(local, -std::min(std_offset, dst_offset));
}

// [SECTION] IANA names -----------------------------------------------------------------

namespace {

struct NamedZone {
    const char* name;
    const char* rule;  // tzdata's own POSIX footer for current years
};

constexpr NamedZone kNamedZones[] = {
    {"UTC", "UTC0"},
    {"Etc/UTC", "UTC0"},
    {"GMT", "GMT0"},
    {"Europe/London", "GMT0BST,M3.5.0/1,M10.5.0"},
    {"Europe/Dublin", "IST-1GMT0,M10.5.0,M3.5.0/1"},
    {"Europe/Lisbon", "WET0WEST,M3.5.0/1,M10.5.0"},
    {"Europe/Paris", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Stockholm", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Madrid", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Amsterdam", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Brussels", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Rome", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Vienna", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Zurich", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Oslo", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Copenhagen", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Warsaw", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Prague", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Helsinki", "EET-2EEST,M3.5.0/3,M10.5.0/4"},
    {"Europe/Athens", "EET-2EEST,M3.5.0/3,M10.5.0/4"},
    {"Europe/Kyiv", "EET-2EEST,M3.5.0/3,M10.5.0/4"},
    {"Europe/Istanbul", "<+03>-3"},
    {"Europe/Moscow", "MSK-3"},
    {"America/New_York", "EST5EDT,M3.2.0,M11.1.0"},
    {"America/Toronto", "EST5EDT,M3.2.0,M11.1.0"},
    {"America/Chicago", "CST6CDT,M3.2.0,M11.1.0"},
    {"America/Denver", "MST7MDT,M3.2.0,M11.1.0"},
    {"America/Phoenix", "MST7"},
    {"America/Los_Angeles", "PST8PDT,M3.2.0,M11.1.0"},
    {"America/Vancouver", "PST8PDT,M3.2.0,M11.1.0"},
    {"America/Anchorage", "AKST9AKDT,M3.2.0,M11.1.0"},
    {"America/Halifax", "AST4ADT,M3.2.0,M11.1.0"},
    {"America/St_Johns", "NST3:30NDT,M3.2.0,M11.1.0"},
    {"America/Mexico_City", "CST6"},
    {"America/Bogota", "<-05>5"},
    {"America/Sao_Paulo", "<-03>3"},
    {"America/Argentina/Buenos_Aires", "<-03>3"},
    {"America/Santiago", "<-04>4<-03>,M9.1.6/24,M4.1.6/24"},
    {"Pacific/Honolulu", "HST10"},
    {"Asia/Dubai", "<+04>-4"},
    {"Asia/Tehran", "<+0330>-3:30"},
    {"Asia/Karachi", "PKT-5"},
    {"Asia/Kolkata", "IST-5:30"},
    {"Asia/Kathmandu", "<+0545>-5:45"},
    {"Asia/Bangkok", "<+07>-7"},
    {"Asia/Jakarta", "WIB-7"},
    {"Asia/Shanghai", "CST-8"},
    {"Asia/Hong_Kong", "HKT-8"},
    {"Asia/Singapore", "<+08>-8"},
    {"Asia/Manila", "PST-8"},
    {"Asia/Tokyo", "JST-9"},
    {"Asia/Seoul", "KST-9"},
    {"Asia/Jerusalem", "IST-2IDT,M3.4.4/26,M10.5.0"},
    {"Australia/Perth", "AWST-8"},
    {"Australia/Adelaide", "ACST-9:30ACDT,M10.1.0,M4.1.0/3"},
    {"Australia/Brisbane", "AEST-10"},
    {"Australia/Sydney", "AEST-10AEDT,M10.1.0,M4.1.0/3"},
    {"Australia/Melbourne", "AEST-10AEDT,M10.1.0,M4.1.0/3"},
    {"Pacific/Auckland", "NZST-12NZDT,M9.5.0,M4.1.0/3"},
    {"Africa/Cairo", "EET-2EEST,M4.5.5/0,M10.5.4/24"},
    {"Africa/Lagos", "WAT-1"},
    {"Africa/Nairobi", "EAT-3"},
    {"Africa/Johannesburg", "SAST-2"},
};

}  // namespace

std::string_view PosixRuleForName(std::string_view iana_name) {
    for (const NamedZone& zone : kNamedZones)
        if (iana_name == zone.name) return zone.rule;
    return {};
}

std::vector<std::string_view> KnownTimeZoneNames() {
    std::vector<std::string_view> names;
    for (const NamedZone& zone : kNamedZones) names.push_back(zone.name);
    return names;
}

Result<TimeZone> FindTimeZone(std::string_view name_or_rule) {
    std::string_view rule = PosixRuleForName(name_or_rule);
    if (!rule.empty()) {
        Result<TimeZone> zone = ParsePosixTimeZone(rule);
        if (zone) zone.value().rule = std::string(name_or_rule);  // written back as the name
        return zone;
    }
    Result<TimeZone> zone = ParsePosixTimeZone(name_or_rule);
    if (zone || name_or_rule.find('/') == std::string_view::npos) return zone;
    return Error{"unknown time zone " + Quoted(name_or_rule) +
                 ": not among the built-in names (Europe/Stockholm, America/New_York, ...); a POSIX rule such as "
                 "\"CET-1CEST,M3.5.0,M10.5.0/3\" works for any zone"};
}

// [SECTION] Calendar JSON ---------------------------------------------------------------

namespace {

constexpr const char* kDayNames[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr const char* kLongDayNames[7] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
// One holiday entry may span at most this many days; longer is a different week.
constexpr long long kMaxHolidayDays = 366;
constexpr std::size_t kMaxHolidayTotal = 50'000;

int DayIndex(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (int d = 0; d < 7; ++d)
        if (text == kDayNames[d] || text == kLongDayNames[d]) return d;
    return -1;
}

std::string FormatMinute(int minute) {
    char out[8] = {char('0' + minute / 600), char('0' + minute / 60 % 10), ':',
                   char('0' + minute % 60 / 10), char('0' + minute % 10), 0};
    return out;
}

std::string FormatHours(const WorkingHours& hours) {
    return FormatMinute(hours.start_minute) + "-" + FormatMinute(hours.end_minute);
}

// "HH:MM" (00:00..24:00) as minutes, or -1.
int ParseMinute(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return -1;
    for (int i : {0, 1, 3, 4})
        if (text[i] < '0' || text[i] > '9') return -1;
    int hour = (text[0] - '0') * 10 + (text[1] - '0'), minute = (text[3] - '0') * 10 + (text[4] - '0');
    if (minute > 59 || hour * 60 + minute > 24 * 60) return -1;
    return hour * 60 + minute;
}

Result<WorkingHours> ParseHours(const json& value, const std::string& path) {
    const std::string text = value.is_string() ? value.get<std::string>() : std::string();
    const std::size_t dash = text.find('-');
    if (dash == std::string::npos)
        return Error{"working hours are written \"09:00-17:00\"", path};
    int start = ParseMinute(std::string_view(text).substr(0, dash));
    int end = ParseMinute(std::string_view(text).substr(dash + 1));
    if (start < 0 || end < 0)
        return Error{Quoted(text) + ": hours run from 00:00 to 24:00, written HH:MM-HH:MM", path};
    return WorkingHours{start, end};
}

// Sorted, each ending after it starts, not overlapping.
Status CheckDayHours(const std::vector<WorkingHours>& hours, const std::string& path) {
    for (std::size_t i = 0; i < hours.size(); ++i) {
        const WorkingHours& h = hours[i];
        const std::string at = path + "/" + std::to_string(i);
        if (h.start_minute < 0 || h.end_minute > 24 * 60 || h.start_minute > 24 * 60 || h.end_minute < 0)
            return Error{"hours run from 00:00 to 24:00", at};
        if (h.end_minute <= h.start_minute)
            return Error{FormatHours(h) + " ends before it starts (or is empty)", at};
        if (i > 0 && h.start_minute < hours[i - 1].end_minute)
            return Error{FormatHours(h) + " overlaps or comes before " + FormatHours(hours[i - 1]) +
                             " (list each day's hours in order, without overlaps)",
                         at};
    }
    return Ok{};
}

Result<std::vector<WorkingHours>> ParseHoursList(const json& value, const std::string& path) {
    if (!value.is_array()) return Error{"must be a list of working hours like [\"09:00-17:00\"]", path};
    std::vector<WorkingHours> out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        Result<WorkingHours> hours = ParseHours(value[i], path + "/" + std::to_string(i));
        if (!hours) return hours.error();
        out.push_back(hours.value());
    }
    if (out.empty()) return Error{"a working day needs hours (leave the day out of working_days instead)", path};
    if (Status checked = CheckDayHours(out, path); !checked) return checked.error();
    return out;
}

Result<std::vector<bool>> ParseWorkingDays(const json& value) {
    if (!value.is_array()) return Error{"must be a list of days like [\"mon\", \"tue\"]", "/working_days"};
    std::vector<bool> days(7, false);
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string path = "/working_days/" + std::to_string(i);
        int day = value[i].is_string() ? DayIndex(value[i].get<std::string>()) : -1;
        if (day < 0) return Error{"unknown day (mon, tue, wed, thu, fri, sat or sun)", path};
        if (days[day]) return Error{std::string(kDayNames[day]) + " is listed twice", path};
        days[day] = true;
    }
    return days;
}

Result<Holiday> ParseHoliday(const json& value, const std::string& path) {
    if (value.is_string()) return Holiday{value.get<std::string>(), "", ""};
    if (!value.is_object())
        return Error{"a holiday is a date \"2026-12-25\" or {\"date\", \"name\"} or {\"from\", \"to\", \"name\"}", path};
    Holiday holiday;
    for (auto [key, out] : {std::pair{"date", &holiday.from}, {"from", &holiday.from}, {"to", &holiday.to},
                            {"name", &holiday.name}}) {
        auto it = value.find(key);
        if (it == value.end()) continue;
        if (!it->is_string()) return Error{"must be text", path + "/" + key};
        *out = it->get<std::string>();
    }
    if (holiday.from.empty()) return Error{"a holiday needs a \"date\" (or \"from\" and \"to\")", path};
    if (holiday.to == holiday.from) holiday.to.clear();
    return holiday;
}

Status ParseWeek(const json& value, BusinessCalendar& out) {
    std::vector<bool> working = {true, true, true, true, true, false, false};
    if (auto it = value.find("working_days"); it != value.end()) {
        Result<std::vector<bool>> days = ParseWorkingDays(*it);
        if (!days) return days.error();
        working = days.value();
    }
    std::vector<WorkingHours> hours = {WorkingHours{}};
    if (auto it = value.find("hours"); it != value.end()) {
        Result<std::vector<WorkingHours>> parsed = ParseHoursList(*it, "/hours");
        if (!parsed) return parsed.error();
        hours = parsed.value();
    }
    for (int d = 0; d < 7; ++d) out.week[d] = working[d] ? hours : std::vector<WorkingHours>{};
    auto by_day = value.find("hours_by_day");
    if (by_day == value.end()) return Ok{};
    if (!by_day->is_object()) return Error{"must be an object like {\"fri\": [\"09:00-15:00\"]}", "/hours_by_day"};
    for (auto it = by_day->begin(); it != by_day->end(); ++it) {
        const std::string path = "/hours_by_day/" + it.key();
        int day = DayIndex(it.key());
        if (day < 0) return Error{"unknown day (mon, tue, wed, thu, fri, sat or sun)", path};
        if (!working[day]) return Error{std::string(kDayNames[day]) + " is not among the working days", path};
        Result<std::vector<WorkingHours>> parsed = ParseHoursList(it.value(), path);
        if (!parsed) return parsed.error();
        out.week[day] = parsed.value();
    }
    return Ok{};
}

}  // namespace

Result<BusinessCalendar> ParseBusinessCalendar(const json& value) {
    if (!value.is_object()) return Error{"a business calendar must be a JSON object"};
    BusinessCalendar calendar;
    if (auto it = value.find("time_zone"); it != value.end()) {
        if (!it->is_string()) return Error{"must be text (\"Europe/Stockholm\" or a POSIX rule)", "/time_zone"};
        calendar.time_zone = it->get<std::string>();
    }
    if (Status week = ParseWeek(value, calendar); !week) return week.error();
    if (auto it = value.find("holidays"); it != value.end()) {
        if (!it->is_array()) return Error{"must be a list of dates", "/holidays"};
        for (std::size_t i = 0; i < it->size(); ++i) {
            Result<Holiday> holiday = ParseHoliday((*it)[i], "/holidays/" + std::to_string(i));
            if (!holiday) return holiday.error();
            calendar.holidays.push_back(holiday.value());
        }
    }
    // Compiling checks what needs the whole: the zone, overlaps, at least one working day.
    if (Result<CompiledCalendar> compiled = CompileCalendar(calendar); !compiled) return compiled.error();
    return calendar;
}

json ToJson(const BusinessCalendar& calendar) {
    json out = json::object();
    out["time_zone"] = calendar.time_zone;
    json days = json::array();
    const std::vector<WorkingHours>* common = nullptr;
    for (int d = 0; d < 7; ++d) {
        if (calendar.week[d].empty()) continue;
        days.push_back(kDayNames[d]);
        if (!common) common = &calendar.week[d];
    }
    out["working_days"] = days;
    auto hours_json = [](const std::vector<WorkingHours>& hours) {
        json list = json::array();
        for (const WorkingHours& h : hours) list.push_back(FormatHours(h));
        return list;
    };
    if (common) out["hours"] = hours_json(*common);
    json by_day = json::object();
    for (int d = 0; d < 7; ++d)
        if (!calendar.week[d].empty() && calendar.week[d] != *common) by_day[kDayNames[d]] = hours_json(calendar.week[d]);
    if (!by_day.empty()) out["hours_by_day"] = by_day;
    json holidays = json::array();
    for (const Holiday& h : calendar.holidays) {
        if (h.to.empty() && h.name.empty()) holidays.push_back(h.from);
        else if (h.to.empty()) holidays.push_back(json{{"date", h.from}, {"name", h.name}});
        else {
            json range = {{"from", h.from}, {"to", h.to}};
            if (!h.name.empty()) range["name"] = h.name;
            holidays.push_back(range);
        }
    }
    out["holidays"] = holidays;
    return out;
}

// [SECTION] Compiling a calendar ---------------------------------------------------------

namespace {

struct HolidaySpan {
    long long first = 0, last = 0;  // day numbers, inclusive
    std::size_t index = 0;          // in BusinessCalendar::holidays
};

std::string Describe(const Holiday& h) {
    std::string dates = h.to.empty() ? h.from : h.from + ".." + h.to;
    return h.name.empty() ? dates : h.name + ", " + dates;
}

Result<long long> HolidayDay(const std::string& text, const std::string& path) {
    std::optional<Millis> date = ParseIsoDate(text);
    if (!date) return Error{Quoted(text) + " is not a date (YYYY-MM-DD)", path};
    return *date / kMillisPerDay;
}

Result<std::vector<HolidaySpan>> HolidaySpans(const std::vector<Holiday>& holidays) {
    std::vector<HolidaySpan> spans;
    long long total = 0;
    for (std::size_t i = 0; i < holidays.size(); ++i) {
        const Holiday& h = holidays[i];
        const std::string path = "/holidays/" + std::to_string(i);
        Result<long long> first = HolidayDay(h.from, h.to.empty() ? path : path + "/from");
        if (!first) return first.error();
        Result<long long> last = h.to.empty() ? first : HolidayDay(h.to, path + "/to");
        if (!last) return last.error();
        if (last.value() < first.value())
            return Error{"the holiday ends (" + h.to + ") before it starts (" + h.from + ")", path};
        if (last.value() - first.value() >= kMaxHolidayDays)
            return Error{"a holiday longer than 366 days: change working_days instead", path};
        total += last.value() - first.value() + 1;
        if (total > static_cast<long long>(kMaxHolidayTotal)) return Error{"too many holiday days (over 50000)", path};
        spans.push_back({first.value(), last.value(), i});
    }
    return spans;
}

// Sorted by first day; an overlap is reported at whichever of the two is listed later.
Status CheckOverlaps(std::vector<HolidaySpan>& spans, const std::vector<Holiday>& holidays) {
    std::sort(spans.begin(), spans.end(), [](const HolidaySpan& a, const HolidaySpan& b) {
        return a.first != b.first ? a.first < b.first : a.index < b.index;
    });
    for (std::size_t i = 1; i < spans.size(); ++i) {
        const HolidaySpan& a = spans[i - 1];
        const HolidaySpan& b = spans[i];
        if (b.first > a.last) continue;
        const HolidaySpan& later = a.index > b.index ? a : b;
        const HolidaySpan& earlier = a.index > b.index ? b : a;
        const bool same = a.first == b.first && a.last == b.last;
        return Error{Describe(holidays[later.index]) + (same ? " is listed twice (also " : " overlaps ") +
                         (same ? "" : Describe(holidays[earlier.index]) + " at ") + "/holidays/" +
                         std::to_string(earlier.index) + (same ? ")" : ""),
                     "/holidays/" + std::to_string(later.index)};
    }
    return Ok{};
}

// Every DST switch within the covered range, as (instant, new offset in millis).
std::vector<std::pair<Millis, Millis>> OffsetChanges(const TimeZone& zone) {
    std::vector<std::pair<Millis, Millis>> changes;
    if (!zone.has_dst) return changes;
    std::vector<TzEvent> events;
    for (int year = 1897; year <= 2201; ++year)
        for (const TzEvent& e : YearEvents(zone, year)) events.push_back(e);
    std::sort(events.begin(), events.end());
    bool dst = DstAt(zone, kCalendarStart);
    for (const TzEvent& e : events) {
        if (e.at <= kCalendarStart || e.at >= kCalendarEnd || e.dst_after == dst) continue;
        dst = e.dst_after;
        changes.push_back({e.at, (dst ? zone.dst_offset_seconds : zone.std_offset_seconds) * 1000LL});
    }
    return changes;
}

}  // namespace

Result<CompiledCalendar> CompileCalendar(const BusinessCalendar& calendar) {
    CompiledCalendar out;
    Result<TimeZone> zone = FindTimeZone(calendar.time_zone);
    if (!zone) return Error{zone.error().message, "/time_zone"};
    out.zone_ = zone.value();
    for (int d = 0; d < 7; ++d) {
        if (Status ok = CheckDayHours(calendar.week[d], std::string("/hours_by_day/") + kDayNames[d]); !ok)
            return ok.error();
        for (const WorkingHours& h : calendar.week[d])
            out.day_millis_[d] += (h.end_minute - h.start_minute) * kMillisPerMinute;
        out.week_prefix_[d + 1] = out.week_prefix_[d] + out.day_millis_[d];
    }
    out.week_millis_ = out.week_prefix_[7];
    if (out.week_millis_ == 0)
        return Error{"no working day at all: give working_days and their hours", "/working_days"};

    Result<std::vector<HolidaySpan>> spans = HolidaySpans(calendar.holidays);
    if (!spans) return spans.error();
    if (Status ok = CheckOverlaps(spans.value(), calendar.holidays); !ok) return ok.error();
    out.holiday_prefix_.push_back(0);
    for (const HolidaySpan& span : spans.value())
        for (long long day = span.first; day <= span.last; ++day) {
            out.holiday_days_.push_back(day);
            out.holiday_prefix_.push_back(out.holiday_prefix_.back() + out.day_millis_[WeekdayOf(day)]);
        }

    out.source_ = calendar;
    out.always_open_ = false;
    // Segments between DST switches; a switch inside working hours moves the clock by
    // what its skipped or repeated wall-clock time held.
    CompiledCalendar::Segment first;
    first.begin = kCalendarStart;
    first.offset = UtcOffsetSeconds(out.zone_, kCalendarStart) * 1000LL;
    first.clock_at_begin = out.LocalClock(kCalendarStart + first.offset);
    out.segments_.push_back(first);
    for (const auto& [at, offset] : OffsetChanges(out.zone_)) {
        const CompiledCalendar::Segment& before = out.segments_.back();
        CompiledCalendar::Segment next;
        next.begin = at;
        next.offset = offset;
        next.correction = before.correction + out.LocalClock(at + before.offset) - out.LocalClock(at + offset);
        next.clock_at_begin = out.LocalClock(at + offset) + next.correction;
        out.segments_.push_back(next);
    }
    for (Millis bucket = kCalendarStart; bucket <= kCalendarEnd; bucket += Millis{1} << CompiledCalendar::kBucketShift) {
        auto it = std::upper_bound(out.segments_.begin(), out.segments_.end(), bucket,
                                   [](Millis t, const CompiledCalendar::Segment& s) { return t < s.begin; });
        out.bucket_segment_.push_back(static_cast<std::uint32_t>(it - out.segments_.begin() - 1));
    }
    out.end_clock_ = out.BusinessClock(kCalendarEnd);
    return out;
}

// [SECTION] Business arithmetic --------------------------------------------------------------

Millis CompiledCalendar::HolidayMillisBefore(long long day) const {
    auto it = std::lower_bound(holiday_days_.begin(), holiday_days_.end(), day);
    return holiday_prefix_[static_cast<std::size_t>(it - holiday_days_.begin())];
}

Millis CompiledCalendar::NominalDayStart(long long day) const {
    const long long from_monday = day + 3;  // day -3 was Monday 1969-12-29
    const long long weeks = FloorDiv(from_monday, 7);
    return weeks * week_millis_ + week_prefix_[static_cast<std::size_t>(from_monday - 7 * weeks)];
}

Millis CompiledCalendar::DayStartClock(long long day) const { return NominalDayStart(day) - HolidayMillisBefore(day); }

long long CompiledCalendar::FirstDayReaching(Millis value) const {
    long long weeks = FloorDiv(value, week_millis_);
    Millis rest = value - weeks * week_millis_;
    if (rest == 0) {  // reached already at the end of the week before (its last working day)
        --weeks;
        rest = week_millis_;
    }
    int day_after = 1;
    while (week_prefix_[static_cast<std::size_t>(day_after)] < rest) ++day_after;
    return 7 * weeks + day_after - 3 - 1;
}

Millis CompiledCalendar::LocalClock(Millis local) const {
    const long long day = FloorDiv(local, kMillisPerDay);
    const long long from_monday = day + 3;  // day -3 was Monday 1969-12-29
    const long long weeks = FloorDiv(from_monday, 7);
    const std::size_t weekday = static_cast<std::size_t>(from_monday - 7 * weeks);
    // One search answers both "holidays before" and "is it one".
    auto holiday = std::lower_bound(holiday_days_.begin(), holiday_days_.end(), day);
    const Millis base = weeks * week_millis_ + week_prefix_[weekday] -
                        holiday_prefix_[static_cast<std::size_t>(holiday - holiday_days_.begin())];
    if (holiday != holiday_days_.end() && *holiday == day) return base;
    const Millis into_day = local - day * kMillisPerDay;
    Millis worked = 0;
    for (const WorkingHours& h : source_.week[weekday]) {
        const Millis start = h.start_minute * kMillisPerMinute, end = h.end_minute * kMillisPerMinute;
        if (into_day <= start) break;
        worked += std::min(into_day, end) - start;
    }
    return base + worked;
}

// The first local time (not before first_day) at which LocalClock reaches value. Days
// are found in closed form with the holidays met so far, and again while more holidays
// turn up in between: each round passes at least one more holiday.
Millis CompiledCalendar::LocalClockInverse(Millis value, long long first_day) const {
    Millis holidays = HolidayMillisBefore(first_day);
    long long day = 0;
    for (;;) {
        day = FirstDayReaching(value + holidays);
        const Millis more = HolidayMillisBefore(day + 1);
        if (more <= holidays) break;
        holidays = more;
    }
    Millis rest = value - DayStartClock(day);
    if (rest <= 0) return day * kMillisPerDay;
    for (const WorkingHours& h : source_.week[static_cast<std::size_t>(WeekdayOf(day))]) {
        const Millis start = h.start_minute * kMillisPerMinute, length = (h.end_minute - h.start_minute) * kMillisPerMinute;
        if (rest <= length) return day * kMillisPerDay + start + rest;
        rest -= length;
    }
    return (day + 1) * kMillisPerDay;
}

std::size_t CompiledCalendar::SegmentAt(Millis instant) const {
    if (segments_.size() == 1) return 0;
    std::size_t index = bucket_segment_[static_cast<std::size_t>((instant - kCalendarStart) >> kBucketShift)];
    while (index + 1 < segments_.size() && segments_[index + 1].begin <= instant) ++index;
    return index;
}

Millis CompiledCalendar::BusinessClock(Millis instant) const {
    if (always_open_) return instant;
    instant = std::clamp(instant, kCalendarStart, kCalendarEnd);
    const Segment& segment = segments_[SegmentAt(instant)];
    return LocalClock(instant + segment.offset) + segment.correction;
}

Millis CompiledCalendar::InstantAt(Millis clock, Millis not_before) const {
    if (always_open_) return std::max(clock, not_before);
    const Millis start = std::clamp(not_before, kCalendarStart, kCalendarEnd);
    if (clock > end_clock_) return std::max(not_before, kCalendarEnd);
    // The segment where the clock reaches the value: the last one beginning below it,
    // most often the first or the next, so those are tried before a binary search.
    std::size_t index = SegmentAt(start);
    for (int step = 0; step < 2 && index + 1 < segments_.size() && segments_[index + 1].clock_at_begin < clock; ++step)
        ++index;
    if (index + 1 < segments_.size() && segments_[index + 1].clock_at_begin < clock) {
        auto after = std::partition_point(segments_.begin() + static_cast<std::ptrdiff_t>(index) + 1, segments_.end(),
                                          [&](const Segment& s) { return s.clock_at_begin < clock; });
        index = static_cast<std::size_t>(after - segments_.begin()) - 1;
    }
    const Segment& segment = segments_[index];
    const Millis lower = std::max(segment.begin, start);
    const Millis upper = index + 1 < segments_.size() ? segments_[index + 1].begin : kCalendarEnd;
    const Millis local = LocalClockInverse(clock - segment.correction, FloorDiv(lower + segment.offset, kMillisPerDay));
    return std::max(std::clamp(local - segment.offset, lower, upper), not_before);
}

Millis BusinessMillisBetween(const CompiledCalendar& calendar, Millis from, Millis to) {
    if (calendar.always_open()) return SaturatingAdd(to, from == kMinMillis ? kMaxMillis : -from);
    return calendar.BusinessClock(to) - calendar.BusinessClock(from);
}

Millis AddBusinessMillis(const CompiledCalendar& calendar, Millis from, Millis duration) {
    if (duration <= 0) return from;
    return calendar.InstantAt(SaturatingAdd(calendar.BusinessClock(from), duration), from);
}

}  // namespace tackboard
