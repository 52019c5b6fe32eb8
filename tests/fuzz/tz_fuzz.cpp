// tz_fuzz.cpp — fuzz target for POSIX TZ rules and the business clock built on them
// (src/core/business_calendar.cpp).
//
// Any input either parses or fails with a message naming a character inside the input
// (or just past its end). A parsed zone keeps its names and offsets in range, and for a
// spread of instants (fixed ones, ones taken from the input, both ends of int64):
//   - the UTC offset is the standard or the daylight one;
//   - local time is the instant plus that offset, and reading it back gives the instant
//     or an earlier one with the same local time (an overlap takes the earlier);
//   - a local time read in a gap lands at or after it (the gap moves forward).
// Then a business calendar in that zone (every day 01:30-03:00 and 11:00-24:00, so DST
// switches fall inside working hours) must compile, its clock never decrease over the
// instants, and adding the business time between two instants must land where the
// clock has grown by exactly that much.
// Built with libFuzzer (tz_fuzz) or with fuzz_driver.cpp (tz_fuzz_smoke); see README.md.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/business_calendar.hpp"

using namespace tackboard;

namespace {

#define FUZZ_CHECK(condition)                                                                 \
    do {                                                                                      \
        if (!(condition)) {                                                                   \
            std::fprintf(stderr, "tz_fuzz: check failed at line %d: %s\n", __LINE__, #condition); \
            std::abort();                                                                     \
        }                                                                                     \
    } while (false)

// Beyond this, offsets are decided as at the edge and sums may saturate.
constexpr Millis kFar = 1'000'000'000'000'000LL;

void CheckError(std::string_view text, const Error& error) {
    FUZZ_CHECK(error.path.empty());
    if (text.empty()) {
        FUZZ_CHECK(error.message == "the time zone rule is empty");
        return;
    }
    FUZZ_CHECK(error.message.rfind("time zone rule \"", 0) == 0);
    std::size_t at = error.message.rfind("\": character ");  // the input may hold the same text
    FUZZ_CHECK(at != std::string::npos);
    long character = std::strtol(error.message.c_str() + at + 13, nullptr, 10);
    FUZZ_CHECK(character >= 1 && character <= static_cast<long>(text.size()) + 1);
}

void CheckZoneFields(const TimeZone& zone) {
    FUZZ_CHECK(zone.std_name.size() >= 3);
    FUZZ_CHECK(std::abs(zone.std_offset_seconds) <= 24 * 3600 + 59 * 60 + 59);
    if (!zone.has_dst) {
        FUZZ_CHECK(zone.dst_name.empty());
        return;
    }
    FUZZ_CHECK(zone.dst_name.size() >= 3);
    // Written, or one hour ahead of standard time when not (so up to 25:59:59).
    FUZZ_CHECK(std::abs(zone.dst_offset_seconds) <= 25 * 3600 + 59 * 60 + 59);
    for (const TzTransitionRule* rule : {&zone.dst_start, &zone.dst_end})
        FUZZ_CHECK(std::abs(rule->time_seconds) <= 167 * 3600 + 59 * 60 + 59);
}

void CheckInstant(const TimeZone& zone, Millis t) {
    const int offset = UtcOffsetSeconds(zone, t);
    FUZZ_CHECK(offset == zone.std_offset_seconds || offset == zone.dst_offset_seconds);
    FUZZ_CHECK(offset == (IsDaylightTime(zone, t) ? zone.dst_offset_seconds : zone.std_offset_seconds));
    if (t < -kFar || t > kFar) {  // only that nothing overflows
        (void)ToLocalMillis(zone, t);
        (void)FromLocalMillis(zone, t);
        return;
    }
    const Millis local = ToLocalMillis(zone, t);
    FUZZ_CHECK(local == t + offset * 1000LL);
    const Millis back = FromLocalMillis(zone, local);
    FUZZ_CHECK(back <= t);
    FUZZ_CHECK(ToLocalMillis(zone, back) == local);
    // Any local time reads back to an instant whose local time is at or after it.
    const Millis shifted = local + 1800 * 1000LL;
    FUZZ_CHECK(ToLocalMillis(zone, FromLocalMillis(zone, shifted)) >= shifted);
}

std::vector<Millis> Instants(const uint8_t* data, size_t size) {
    std::vector<Millis> instants = {0,
                                    CivilMillis(2026, 3, 29, 1, 0),
                                    CivilMillis(2026, 10, 25, 1, 0),
                                    CivilMillis(2026, 12, 31, 23, 30),
                                    CivilMillis(2027, 1, 1, 0, 30),
                                    kCalendarStart,
                                    kCalendarEnd,
                                    -kFar,
                                    kFar,
                                    INT64_MIN,
                                    INT64_MAX};
    // A few from the input's bytes, spread over 1900..2200.
    for (size_t i = 0; i + 8 <= size && instants.size() < 16; i += 8) {
        uint64_t bits;
        std::memcpy(&bits, data + i, 8);
        instants.push_back(kCalendarStart + static_cast<Millis>(bits % static_cast<uint64_t>(kCalendarEnd - kCalendarStart)));
    }
    return instants;
}

void CheckBusinessClock(const std::string& rule, std::vector<Millis> instants) {
    BusinessCalendar calendar;
    calendar.time_zone = rule;
    for (auto& day : calendar.week) day = {{90, 180}, {660, 1440}};
    Result<CompiledCalendar> compiled = CompileCalendar(calendar);
    FUZZ_CHECK(compiled.ok());
    std::sort(instants.begin(), instants.end());
    Millis previous = compiled.value().BusinessClock(instants.front());
    for (Millis t : instants) {
        Millis clock = compiled.value().BusinessClock(t);
        FUZZ_CHECK(clock >= previous);
        previous = clock;
    }
    for (size_t i = 1; i < instants.size(); ++i) {
        const Millis from = instants[i - 1], to = instants[i];
        if (from < kCalendarStart || to > kCalendarEnd) continue;
        const Millis between = BusinessMillisBetween(compiled.value(), from, to);
        const Millis reached = AddBusinessMillis(compiled.value(), from, between);
        FUZZ_CHECK(reached >= from && reached <= to);
        FUZZ_CHECK(BusinessMillisBetween(compiled.value(), from, reached) == between);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Result<TimeZone> zone = ParsePosixTimeZone(text);
    if (!zone) {
        CheckError(text, zone.error());
        return 0;
    }
    CheckZoneFields(zone.value());
    FUZZ_CHECK(zone.value().rule == text);
    const std::vector<Millis> instants = Instants(data, size);
    for (Millis t : instants) CheckInstant(zone.value(), t);
    CheckBusinessClock(std::string(text), instants);
    return 0;
}
