#include "core/dates.hpp"

#include <cstdio>

namespace tackboard {

long long DaysFromCivil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

void CivilFromDays(long long z, int& year, unsigned& month, unsigned& day) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<int>(yoe + era * 400 + (month <= 2));
}

std::optional<Millis> ParseIsoDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const int starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p)
        for (int i = 0; i < lengths[p]; ++i) {
            char c = text[starts[p] + i];
            if (c < '0' || c > '9') return std::nullopt;
            parts[p] = parts[p] * 10 + (c - '0');
        }
    int year = parts[0];
    unsigned month = parts[1], day = parts[2];
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    long long days = DaysFromCivil(year, month, day);
    int y;
    unsigned m, d;
    CivilFromDays(days, y, m, d);
    if (y != year || m != month || d != day) return std::nullopt;  // 2026-02-30 and friends
    return days * kMillisPerDay;
}

std::string FormatIsoDate(Millis ms) {
    long long days = ms >= 0 ? ms / kMillisPerDay : (ms - kMillisPerDay + 1) / kMillisPerDay;
    int y;
    unsigned m, d;
    CivilFromDays(days, y, m, d);
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", y, m, d);
    return out;
}

}  // namespace tackboard
