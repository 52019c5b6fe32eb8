// source_dates_test.cpp — dates as other trackers write them (src/io/source_dates.cpp):
// ISO 8601 variants, Jira's export format, impossible dates, and the shared skip reason.
#include <doctest/doctest.h>

#include "core/dates.hpp"
#include "io/source_dates.hpp"

using namespace tackboard;

namespace {

constexpr Millis kMinute = 60 * 1000;
constexpr Millis kHour = 60 * kMinute;

Millis Day(int year, unsigned month, unsigned day) { return DaysFromCivil(year, month, day) * kMillisPerDay; }

}  // namespace

TEST_CASE("ISO 8601 dates and times, in UTC unless a zone is given") {
    const Millis jan15 = Day(2024, 1, 15);
    CHECK(ParseSourceDateTime("2024-01-15") == jan15);
    CHECK(ParseSourceDateTime("2024-01-15T10:20:30Z") == jan15 + 10 * kHour + 20 * kMinute + 30000);
    CHECK(ParseSourceDateTime("2024-01-15T10:20:30.123Z") == jan15 + 10 * kHour + 20 * kMinute + 30123);
    CHECK(ParseSourceDateTime("2024-01-15T10:20:30.5Z") == jan15 + 10 * kHour + 20 * kMinute + 30500);
    CHECK(ParseSourceDateTime("2024-01-15T10:20:30.123456Z") == jan15 + 10 * kHour + 20 * kMinute + 30123);
    CHECK(ParseSourceDateTime("2024-01-15T10:20:30+02:00") == jan15 + 8 * kHour + 20 * kMinute + 30000);
    CHECK(ParseSourceDateTime("2024-01-15T10:20:30-0530") == jan15 + 15 * kHour + 50 * kMinute + 30000);
    CHECK(ParseSourceDateTime("2024-01-15T01:00:00+02") == jan15 - 1 * kHour);  // the day before, in UTC
    CHECK(ParseSourceDateTime("2024-01-15 10:20") == jan15 + 10 * kHour + 20 * kMinute);
    CHECK(ParseSourceDateTime("2024-01-15 10:20:30") == jan15 + 10 * kHour + 20 * kMinute + 30000);
    CHECK(ParseSourceDateTime("2024-01-15T10:20") == jan15 + 10 * kHour + 20 * kMinute);
    CHECK(ParseSourceDateTime("  2024-01-15  ") == jan15);  // spreadsheet cells carry stray spaces
    CHECK(ParseSourceDateTime("1970-01-01T00:00:00Z") == 0);
}

TEST_CASE("Jira's export format: day/Mon/year h:mm AM|PM") {
    const Millis jan15 = Day(2024, 1, 15);
    CHECK(ParseSourceDateTime("15/Jan/24 10:20 AM") == jan15 + 10 * kHour + 20 * kMinute);
    CHECK(ParseSourceDateTime("15/Jan/2024 10:20 PM") == jan15 + 22 * kHour + 20 * kMinute);
    CHECK(ParseSourceDateTime("15/jan/24 10:20 pm") == jan15 + 22 * kHour + 20 * kMinute);
    CHECK(ParseSourceDateTime("8/Jan/24 9:15 AM") == Day(2024, 1, 8) + 9 * kHour + 15 * kMinute);
    CHECK(ParseSourceDateTime("15/Jan/24 12:05 AM") == jan15 + 5 * kMinute);  // just after midnight
    CHECK(ParseSourceDateTime("15/Jan/24 12:05 PM") == jan15 + 12 * kHour + 5 * kMinute);
    CHECK(ParseSourceDateTime("29/Feb/24 1:00 PM") == Day(2024, 2, 29) + 13 * kHour);
    CHECK(ParseSourceDateTime("01/Dec/23") == Day(2023, 12, 1));
    CHECK(ParseSourceDateTime("3/September/2025 7:45 AM") == Day(2025, 9, 3) + 7 * kHour + 45 * kMinute);
}

TEST_CASE("impossible and foreign dates are rejected") {
    for (const char* text :
         {"", "   ", "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "2024-1-5", "24-01-15",
          "2024/01/15", "2024-01-15T24:00", "2024-01-15T10:60", "2024-01-15T10:20:61Z", "2024-01-15T10:20Zjunk",
          "2024-01-15T10:20+25:00", "2024-01-15T10", "2024-01-15T10:20:30.Z", "2024-01-15x", "30/Feb/24 10:00 AM",
          "15/Foo/24 10:20 AM", "15/Jan/124 10:20 AM", "15/Jan/24 13:20 PM", "15/Jan/24 0:20 AM", "15/Jan/24 10:20",
          "15/Jan/24 10:20 XM", "15/Jan/24 10:2 AM", "next week", "15.01.2024", "1705314000"})
        CHECK_MESSAGE(!ParseSourceDateTime(text), text);
}

TEST_CASE("date fields: blank is unknown, a bad value gives the skip reason") {
    Millis out = 42;
    std::string reason;
    CHECK(ReadDateText("  ", "due date", out, reason));
    CHECK(out == 0);
    CHECK(ReadDateText("2024-01-15", "due date", out, reason));
    CHECK(out == Day(2024, 1, 15));
    CHECK_FALSE(ReadDateText(" next week ", "due date", out, reason));
    CHECK(reason == "due date 'next week' is not a date (use YYYY-MM-DD)");

    nlohmann::json object = {{"due", nullptr}, {"at", 1705314000}, {"bad", "2024-02-30"}, {"good", "2024-01-15T00:00:00Z"}};
    CHECK(ReadDateMember(object, "due", out, reason));
    CHECK(out == 0);
    CHECK(ReadDateMember(object, "missing", out, reason));
    CHECK(ReadDateMember(object, "good", out, reason));
    CHECK(out == Day(2024, 1, 15));
    CHECK_FALSE(ReadDateMember(object, "at", out, reason));
    CHECK(reason == "at '1705314000' is not a date (use YYYY-MM-DD)");
    CHECK_FALSE(ReadDateMember(object, "bad", out, reason));
    CHECK(reason == "bad '2024-02-30' is not a date (use YYYY-MM-DD)");
    CHECK(ReadDateMember(nlohmann::json::array(), "due", out, reason));  // not an object: nothing to read

    std::string long_value(100, 'x');
    CHECK_FALSE(ReadDateText(long_value, "created date", out, reason));
    CHECK(reason == "created date '" + std::string(40, 'x') + "…' is not a date (use YYYY-MM-DD)");
}

TEST_CASE("comments sort oldest first, keeping the order of equal dates") {
    std::vector<ImportedComment> comments = {{"b", 20, "second"}, {"a", 10, "first"}, {"x", 0, "undated 1"}, {"y", 0, "undated 2"}};
    SortOldestFirst(comments);
    CHECK(comments[0].body == "undated 1");
    CHECK(comments[1].body == "undated 2");
    CHECK(comments[2].body == "first");
    CHECK(comments[3].body == "second");
}
