// locale_format.cpp — see locale_format.hpp. Separators and month names follow CLDR.
#include "ui/locale_format.hpp"

#include <cmath>
#include <cstdio>

#include "core/dates.hpp"

namespace tackboard {

namespace {

struct NumberStyle {
    const char* group;    // between groups of three digits
    const char* decimal;  // before the fraction
};

NumberStyle StyleOf(Language language) {
    switch (language) {
        case Language::French: return {"\u202F", ","};  // narrow no-break space
        case Language::Swedish: return {"\u00A0", ","};  // no-break space
        case Language::English:
        case Language::Chinese: break;
    }
    return {",", "."};
}

// Digits of `magnitude` with `group` between each three from the right.
std::string GroupDigits(unsigned long long magnitude, const char* group) {
    std::string digits = std::to_string(magnitude);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += group;
        out += digits[i];
    }
    return out;
}

constexpr const char* kEnglishMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kFrenchMonths[] = {"janv.", "févr.", "mars", "avr.", "mai", "juin",
                                         "juil.", "août", "sept.", "oct.", "nov.", "déc."};
constexpr const char* kSwedishMonths[] = {"jan.", "feb.", "mars", "apr.", "maj", "juni",
                                          "juli", "aug.", "sep.", "okt.", "nov.", "dec."};

std::string FormatDateIn(Millis ms, Language language, bool with_year) {
    // Floor division: days before 1970 round down, not toward zero.
    long long days = ms / kMillisPerDay - (ms % kMillisPerDay < 0 ? 1 : 0);
    int year = 0;
    unsigned month = 1, day = 1;
    CivilFromDays(days, year, month, day);
    const std::string y = std::to_string(year), d = std::to_string(day);
    switch (language) {
        case Language::French: return d + " " + kFrenchMonths[month - 1] + (with_year ? " " + y : "");
        case Language::Swedish: return d + " " + kSwedishMonths[month - 1] + (with_year ? " " + y : "");
        case Language::Chinese: return (with_year ? y + "年" : "") + std::to_string(month) + "月" + d + "日";
        case Language::English: break;
    }
    return std::string(kEnglishMonths[month - 1]) + " " + d + (with_year ? ", " + y : "");
}

}  // namespace

std::string FormatNumber(long long value, Language language) {
    // The magnitude as unsigned, so the most negative value has one too.
    unsigned long long magnitude = value < 0 ? 0ull - static_cast<unsigned long long>(value)
                                             : static_cast<unsigned long long>(value);
    std::string out = value < 0 ? "-" : "";
    return out += GroupDigits(magnitude, StyleOf(language).group);
}

std::string FormatDecimal(double value, int decimals, Language language) {
    if (!std::isfinite(value) || std::fabs(value) >= 1e18) return std::to_string(value);  // beyond grouping
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals < 0 ? 0 : decimals, std::fabs(value));
    std::string fixed = text;
    auto point = fixed.find('.');
    std::string whole = fixed.substr(0, point);
    NumberStyle style = StyleOf(language);
    bool zero = fixed.find_first_not_of("0.") == std::string::npos;
    std::string out = value < 0 && !zero ? "-" : "";  // no "-0,0"
    out += GroupDigits(std::stoull(whole), style.group);
    if (point != std::string::npos) out.append(style.decimal).append(fixed, point + 1);
    return out;
}

std::string Counted(long long n, const char* one, const char* other) {
    return Format(TrCount(n, one, other), FormatNumber(n).c_str());
}

std::string FormatDate(Millis ms, Language language) { return FormatDateIn(ms, language, true); }
std::string FormatShortDate(Millis ms, Language language) { return FormatDateIn(ms, language, false); }

}  // namespace tackboard
