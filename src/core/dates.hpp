// dates.hpp — calendar dates <-> Unix milliseconds (UTC), without the C library's
// time zone state (so results are the same natively and in the browser).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/board.hpp"

namespace tackboard {

// "2026-12-31" -> midnight UTC of that day; nullopt for anything else (including 2026-02-30).
std::optional<Millis> ParseIsoDate(std::string_view text);
// Millis -> "2026-12-31" (UTC).
std::string FormatIsoDate(Millis ms);

// Days since 1970-01-01 for a proleptic Gregorian date, and back (Howard Hinnant's algorithms).
long long DaysFromCivil(int year, unsigned month, unsigned day);
void CivilFromDays(long long days, int& year, unsigned& month, unsigned& day);

inline constexpr Millis kMillisPerDay = 24LL * 60 * 60 * 1000;

}  // namespace tackboard
