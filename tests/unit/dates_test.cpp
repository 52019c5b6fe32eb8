#include <doctest/doctest.h>

#include "core/dates.hpp"

using namespace tackboard;

TEST_CASE("ISO dates parse to UTC midnight and format back") {
    CHECK(ParseIsoDate("1970-01-01") == 0);
    CHECK(ParseIsoDate("2026-11-23") == 1795392000000LL);
    CHECK(FormatIsoDate(1795392000000LL) == "2026-11-23");
    CHECK(FormatIsoDate(1795392000000LL + kMillisPerDay - 1) == "2026-11-23");
    CHECK(ParseIsoDate("2024-02-29").has_value());  // leap year
    CHECK_FALSE(ParseIsoDate("2026-02-29"));
    CHECK_FALSE(ParseIsoDate("2026-02-30"));
    CHECK_FALSE(ParseIsoDate("2026-13-01"));
    CHECK_FALSE(ParseIsoDate("26-1-1"));
    CHECK_FALSE(ParseIsoDate("2026/01/01"));
    CHECK(FormatIsoDate(-1) == "1969-12-31");
}
