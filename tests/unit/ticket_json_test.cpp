#include <doctest/doctest.h>

#include "core/ticket_json.hpp"

using namespace tackboard;
using nlohmann::json;

TEST_CASE("a ticket survives a JSON round trip, unknown fields included") {
    json in = {{"id", "01ARYZ6S41TSV4RRFFQ69G5FAV"}, {"type", "bug"}, {"title", "Printer on fire"},
               {"description", "**smoke**"}, {"status", "new"}, {"priority", "urgent"},
               {"assignee", "ana"}, {"requester", "bo"}, {"labels", {"office", "hardware"}},
               {"created", 5}, {"updated", 6}, {"x_from_the_future", {{"a", 1}}}};
    auto t = TicketFromJson(in, "/t");
    REQUIRE(t.ok());
    CHECK(t.value().title == "Printer on fire");
    CHECK(t.value().labels == std::vector<std::string>{"office", "hardware"});
    CHECK(TicketToJson(t.value()) == in);
}

TEST_CASE("bad ticket JSON is an error with the path of the bad value") {
    auto not_object = TicketFromJson(json::array(), "/tickets/0");
    REQUIRE_FALSE(not_object.ok());
    CHECK(not_object.error().path == "/tickets/0");

    json bad = {{"id", "x"}, {"type", "bug"}, {"title", 7}, {"status", "new"}, {"priority", "low"}};
    auto wrong_type = TicketFromJson(bad, "/tickets/3");
    REQUIRE_FALSE(wrong_type.ok());
    CHECK(wrong_type.error().path == "/tickets/3/title");

    bad["title"] = "ok";
    bad["labels"] = {"a", 1};
    auto bad_labels = TicketFromJson(bad, "");
    REQUIRE_FALSE(bad_labels.ok());
    CHECK(bad_labels.error().path == "/labels");

    bad.erase("labels");
    bad.erase("status");
    auto missing = TicketFromJson(bad, "");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == "'status' is missing");
}
