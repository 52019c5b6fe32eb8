// locale_format_test.cpp — src/ui/locale_format.cpp: numbers and dates per UI language.
#include <doctest/doctest.h>

#include <climits>

#include "core/dates.hpp"
#include "ui/locale_format.hpp"

using namespace tackboard;

namespace {
Millis Day(int year, unsigned month, unsigned day) { return DaysFromCivil(year, month, day) * kMillisPerDay; }
}  // namespace

TEST_CASE("numbers: thousands separators per language") {
    CHECK(FormatNumber(1234, Language::English) == "1,234");
    CHECK(FormatNumber(1234, Language::Chinese) == "1,234");
    CHECK(FormatNumber(1234, Language::French) == "1\u202F234");   // narrow no-break space
    CHECK(FormatNumber(1234, Language::Swedish) == "1\u00A0234");  // no-break space
    CHECK(FormatNumber(0, Language::English) == "0");
    CHECK(FormatNumber(999, Language::French) == "999");
    CHECK(FormatNumber(1000000, Language::English) == "1,000,000");
    CHECK(FormatNumber(-1234567, Language::English) == "-1,234,567");
    CHECK(FormatNumber(LLONG_MIN, Language::English) == "-9,223,372,036,854,775,808");
}

TEST_CASE("decimals: comma in French and Swedish") {
    CHECK(FormatDecimal(2.5, 1, Language::English) == "2.5");
    CHECK(FormatDecimal(2.5, 1, Language::French) == "2,5");
    CHECK(FormatDecimal(2.5, 1, Language::Swedish) == "2,5");
    CHECK(FormatDecimal(2.5, 1, Language::Chinese) == "2.5");
    CHECK(FormatDecimal(12345.678, 2, Language::English) == "12,345.68");
    CHECK(FormatDecimal(12345.678, 0, Language::Swedish) == "12\u00A0346");
    CHECK(FormatDecimal(-0.04, 1, Language::English) == "0.0");  // no "-0.0"
    CHECK(FormatDecimal(-1.25, 1, Language::French) == "-1,2");
}

TEST_CASE("dates: the day as each language writes it") {
    Millis day = Day(2026, 11, 23);
    CHECK(FormatDate(day, Language::English) == "Nov 23, 2026");
    CHECK(FormatDate(day, Language::French) == "23 nov. 2026");
    CHECK(FormatDate(day, Language::Swedish) == "23 nov. 2026");
    CHECK(FormatDate(day, Language::Chinese) == "2026年11月23日");
    CHECK(FormatDate(Day(2026, 2, 1), Language::French) == "1 févr. 2026");
    CHECK(FormatShortDate(day, Language::English) == "Nov 23");
    CHECK(FormatShortDate(day, Language::French) == "23 nov.");
    CHECK(FormatShortDate(day, Language::Swedish) == "23 nov.");
    CHECK(FormatShortDate(day, Language::Chinese) == "11月23日");
    CHECK(FormatDate(Day(2026, 5, 9), Language::Swedish) == "9 maj 2026");
    CHECK(FormatDate(Day(2026, 8, 15), Language::French) == "15 août 2026");
    // Any time of the day is that day (UTC), also before 1970.
    CHECK(FormatDate(day + kMillisPerDay - 1, Language::English) == "Nov 23, 2026");
    CHECK(FormatDate(Day(1969, 12, 31) + 1000, Language::English) == "Dec 31, 1969");
    CHECK(FormatDate(-1, Language::Chinese) == "1969年12月31日");
}

TEST_CASE("Counted: the number in the language's format, with the right form") {
    SetLanguage(Language::French);
    CHECK(Counted(0, "%s ticket", "%s tickets") == "0 ticket");
    CHECK(Counted(1500, "%s ticket", "%s tickets") == "1\u202F500 tickets");
    SetLanguage(Language::Chinese);
    CHECK(Counted(3, "%s ticket", "%s tickets") == "3 个工单");
    SetLanguage(Language::English);
    CHECK(Counted(1, "%s ticket", "%s tickets") == "1 ticket");
    CHECK(Counted(1234, "%s ticket", "%s tickets") == "1,234 tickets");
}
