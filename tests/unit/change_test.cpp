#include <doctest/doctest.h>

#include "core/change.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {
const Actor kMe{"me"};
const std::string kId = "01ARYZ6S41TSV4RRFFQ69G5FAV";
}  // namespace

TEST_CASE("the default board has the six columns of a support desk") {
    Board board;
    std::vector<std::string> names;
    for (const auto& s : board.config().statuses) names.push_back(s.name);
    CHECK(names == std::vector<std::string>{"New", "Triage", "In progress", "Waiting", "Resolved", "Closed"});
}

TEST_CASE("creating a ticket fills defaults from the config and puts it in the first column") {
    Board board;
    auto change = MakeCreate(board, {{"title", "  VPN drops every hour  "}}, kId, 1000, kMe);
    REQUIRE(change.ok());
    REQUIRE(ApplyChange(board, change.value()).ok());
    const Ticket* t = board.Find(kId);
    REQUIRE(t);
    CHECK(t->title == "VPN drops every hour");  // trimmed
    CHECK(t->status == "new");
    CHECK(t->type == "support");
    CHECK(t->priority == "normal");
    CHECK(t->created == 1000);
    CHECK(board.Column("new").size() == 1);
    CHECK(board.Column("triage").empty());
}

TEST_CASE("bad input to create is refused with a message naming the field") {
    Board board;
    auto empty_title = MakeCreate(board, {{"title", "   "}}, kId, 1, kMe);
    REQUIRE_FALSE(empty_title.ok());
    CHECK(empty_title.error().path == "/title");

    auto typo = MakeCreate(board, {{"titel", "x"}}, kId, 1, kMe);
    REQUIRE_FALSE(typo.ok());
    CHECK(typo.error().message == "unknown field 'titel'");

    auto bad_status = MakeCreate(board, {{"title", "x"}, {"status", "done-ish"}}, kId, 1, kMe);
    REQUIRE_FALSE(bad_status.ok());
    CHECK(bad_status.error().message == "unknown status 'done-ish'");

    auto not_object = MakeCreate(board, json::array(), kId, 1, kMe);
    CHECK_FALSE(not_object.ok());
    CHECK(board.tickets().empty());
}

TEST_CASE("update moves a ticket between columns and stamps the time") {
    Board board;
    REQUIRE(ApplyChange(board, MakeCreate(board, {{"title", "a"}}, kId, 1, kMe).value()).ok());
    auto move = MakeUpdate(board, kId, {{"status", "in_progress"}, {"labels", {"vpn", " "}}}, 50, kMe);
    REQUIRE(move.ok());
    REQUIRE(ApplyChange(board, move.value()).ok());
    CHECK(board.Find(kId)->status == "in_progress");
    CHECK(board.Find(kId)->labels == std::vector<std::string>{"vpn"});
    CHECK(board.Find(kId)->updated == 50);
    CHECK(board.Column("new").empty());
    CHECK(board.Column("in_progress").size() == 1);

    CHECK_FALSE(MakeUpdate(board, "nope", {{"title", "x"}}, 1, kMe).ok());
    CHECK_FALSE(MakeUpdate(board, kId, {{"priority", "whenever"}}, 1, kMe).ok());
}

TEST_CASE("replaying a change that no longer fits the board is refused, not half-applied") {
    Board board;
    json create = MakeCreate(board, {{"title", "a"}}, kId, 1, kMe).value();
    REQUIRE(ApplyChange(board, create).ok());
    CHECK_FALSE(ApplyChange(board, create).ok());  // duplicate id
    CHECK(board.tickets().size() == 1);

    json bad = create;
    bad["ticket"]["id"] = "other";
    bad["ticket"]["status"] = "limbo";
    CHECK_FALSE(ApplyChange(board, bad).ok());
    CHECK_FALSE(ApplyChange(board, json{{"op", "explode"}}).ok());
    CHECK_FALSE(ApplyChange(board, json("text")).ok());
    CHECK(board.tickets().size() == 1);
}

TEST_CASE("columns list the newest ticket first") {
    Board board;
    const std::string older = "01ARYZ6S41TSV4RRFFQ69G5FAA", newer = "01ARYZ6S41TSV4RRFFQ69G5FAB";
    REQUIRE(ApplyChange(board, MakeCreate(board, {{"title", "old"}}, older, 1, kMe).value()).ok());
    REQUIRE(ApplyChange(board, MakeCreate(board, {{"title", "new"}}, newer, 2, kMe).value()).ok());
    auto column = board.Column("new");
    REQUIRE(column.size() == 2);
    CHECK(board.tickets()[column[0]].id == newer);
}
