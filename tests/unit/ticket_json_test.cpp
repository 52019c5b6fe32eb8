#include <doctest/doctest.h>

#include "core/change.hpp"
#include "core/ticket_json.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {
Ticket FullTicket() {
    Ticket t;
    t.id = "01ARYZ6S41TSV4RRFFQ69G5FAV";
    t.type = "bug";
    t.title = "Le serveur ne répond plus — 服务器宕机了";
    t.description = "**smoke**";
    t.status = "resolved";
    t.priority = "urgent";
    t.assignee = "ana";
    t.requester = "björn";
    t.labels = {"office", "hardware"};
    t.due = 123;
    t.fields = {{"steps", "1. boot"}, {"severity", "Critical"}};
    t.links = {{LinkKind::Blocks, "01ARYZ6S41TSV4RRFFQ69G5FAW"}};
    t.comments = {{"c1", "ana", 5, "looking", true}};
    t.history = {{5, "ana", "status", "new", "resolved", "fixed"}};
    t.satisfaction = 4;
    t.created = 1;
    t.updated = 6;
    t.first_response_at = 5;
    t.resolved_at = 6;
    t.clocks["status"] = Hlc{6, 2, "dev"};
    t.extra = {{"x_from_the_future", {{"a", 1}}}};
    return t;
}
}  // namespace

TEST_CASE("a ticket survives a JSON round trip with every field, unknown ones included") {
    json once = TicketToJson(FullTicket());
    auto back = TicketFromJson(once, "/t");
    REQUIRE(back.ok());
    CHECK(TicketToJson(back.value()) == once);
    CHECK(back.value().extra["x_from_the_future"]["a"] == 1);
    CHECK(back.value().clocks.at("status") == Hlc{6, 2, "dev"});
    CHECK(back.value().links[0].kind == LinkKind::Blocks);
}

TEST_CASE("bad ticket JSON is an error with the path of the bad value") {
    CHECK(TicketFromJson(json::array(), "/tickets/0").error().path == "/tickets/0");
    json bad = TicketToJson(FullTicket());
    bad["title"] = 7;
    CHECK(TicketFromJson(bad, "/tickets/3").error().Describe() == "/tickets/3/title: 'title' must be a string");
    bad = TicketToJson(FullTicket());
    bad["labels"] = {"a", 1};
    CHECK(TicketFromJson(bad, "").error().path == "/labels");
    bad = TicketToJson(FullTicket());
    bad["comments"][0]["at"] = "yesterday";
    CHECK(TicketFromJson(bad, "").error().path == "/comments/0/at");
    bad = TicketToJson(FullTicket());
    bad["links"][0]["kind"] = "likes";
    CHECK(TicketFromJson(bad, "").error().Describe() == "/links/0/kind: unknown link kind 'likes'");
    bad = TicketToJson(FullTicket());
    bad["clocks"]["status"] = "noon";
    CHECK(TicketFromJson(bad, "").error().path == "/clocks/status");
    bad = TicketToJson(FullTicket());
    bad["satisfaction"] = 9;
    CHECK(TicketFromJson(bad, "").error().path == "/satisfaction");
    bad = TicketToJson(FullTicket());
    bad.erase("status");
    CHECK(TicketFromJson(bad, "").error().message == "'status' is missing");
}

TEST_CASE("a whole board round-trips losslessly, configuration and unknown members included") {
    BoardConfig config = DefaultConfig();
    config.members = {{"ana", "Ana", {"bug", "network"}, 8}};
    config.transitions = {{"new", "triage"}};
    config.extra = {{"theme", "dark"}};
    Board board(config);
    board.Insert(FullTicket());
    board.SetExtra({{"exported_by", "someone"}});
    json once = BoardToJson(board);
    CHECK(once["version"] == kSchemaVersion);
    auto back = BoardFromJson(once);
    REQUIRE(back.ok());
    CHECK(BoardToJson(back.value()) == once);
    CHECK(back.value().config().members[0].skills == std::vector<std::string>{"bug", "network"});
}

TEST_CASE("a version 1 board (no configuration, fewer fields) is migrated on load") {
    json v1 = {{"format", "tackboard"},
               {"version", 1},
               {"tickets", json::array({{{"id", "01ARYZ6S41TSV4RRFFQ69G5FAV"}, {"type", "support"}, {"title", "Old one"},
                                         {"status", "triage"}, {"priority", "low"}, {"created", 5}, {"updated", 5}}})}};
    auto board = BoardFromJson(v1);
    REQUIRE(board.ok());
    CHECK(board.value().config().statuses.size() == 6);
    const Ticket* t = board.value().Find("01ARYZ6S41TSV4RRFFQ69G5FAV");
    REQUIRE(t);
    CHECK(t->title == "Old one");
    CHECK(t->comments.empty());
    CHECK(BoardToJson(board.value())["version"] == kSchemaVersion);
}

TEST_CASE("malformed boards are refused with the path of the problem") {
    CHECK(BoardFromJson(json::array()).error().message == "a Tackboard file must be a JSON object");
    CHECK(BoardFromJson({{"format", "trello"}}).error().path == "/format");
    CHECK(BoardFromJson({{"format", "tackboard"}, {"version", 99}, {"tickets", json::array()}}).error().message.find("newer") !=
          std::string::npos);
    Board board;
    board.Insert(FullTicket());
    json file = BoardToJson(board);
    file["tickets"].push_back(file["tickets"][0]);
    CHECK(BoardFromJson(file).error().Describe() ==
          "/tickets/1/id: ticket id 01ARYZ6S41TSV4RRFFQ69G5FAV appears twice");
    file = BoardToJson(board);
    file["tickets"][0]["status"] = "limbo";
    CHECK(BoardFromJson(file).error().Describe() == "/tickets/0/status: unknown status 'limbo'");
    file["tickets"][0]["deleted"] = true;  // a deleted ticket may keep a removed status
    CHECK(BoardFromJson(file).ok());
    file = BoardToJson(board);
    file["config"]["statuses"] = json::array();
    CHECK(BoardFromJson(file).error().Describe() == "/config/statuses: a board needs at least one status");
    file = BoardToJson(board);
    file["config"]["types"][0]["fields"][0]["kind"] = "colour";
    CHECK(BoardFromJson(file).error().Describe() == "/config/types/0/fields/0/kind: unknown field kind 'colour'");
}

TEST_CASE("loading from text gives the same board as loading from a parsed document") {
    Board board;
    board.Insert(FullTicket());
    Ticket second = FullTicket();
    second.id = "01ARYZ6S41TSV4RRFFQ69G5FAW";
    second.title = "Skrivaren i Göteborg";
    board.Insert(second);
    board.SetExtra({{"exported_by", "someone"}});
    json file = BoardToJson(board);
    CHECK(BoardToJsonText(board) == file.dump());
    CHECK(BoardToJsonText(Board()) == BoardToJson(Board()).dump());
    auto from_text = BoardFromJsonText(file.dump());
    REQUIRE(from_text.ok());
    CHECK(BoardToJson(from_text.value()) == file);

    file["tickets"][1]["id"] = file["tickets"][0]["id"];
    CHECK(BoardFromJsonText(file.dump()).error().Describe() ==
          "/tickets/1/id: ticket id 01ARYZ6S41TSV4RRFFQ69G5FAV appears twice");
    file = BoardToJson(board);
    file["tickets"][1]["title"] = false;
    CHECK(BoardFromJsonText(file.dump()).error().Describe() == "/tickets/1/title: 'title' must be a string");
    auto broken = BoardFromJsonText(R"({"format": "tackboard", "tickets": [ {"id": )");
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().message.rfind("not valid JSON near byte", 0) == 0);
    CHECK(BoardFromJsonText("[]").error().message == "a Tackboard file must be a JSON object");
}
