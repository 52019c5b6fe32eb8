// board_list_test.cpp — reading the shell's list of boards, and the checks made before
// a board is created, renamed or deleted.
#include "ui/board_list.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace tackboard {
namespace {

BoardList ListOf(const char* text) {
    auto list = BoardListFromJson(nlohmann::json::parse(text));
    REQUIRE_MESSAGE(list.ok(), (list.ok() ? "" : list.error().Describe()));
    return list.value();
}

const char* kThree = R"({"current": "b1", "undo_ms": 15000, "boards": [
    {"id": "default", "name": ""},
    {"id": "b1", "name": "Support desk"},
    {"id": "b2", "name": "Old projects", "deleted_at": 1000000}]})";

TEST_CASE("the shell's list is read, deleted boards apart") {
    BoardList list = ListOf(kThree);
    CHECK(list.current == "b1");
    CHECK_FALSE(list.demo);
    CHECK(list.undo_ms == 15000);
    REQUIRE(list.boards.size() == 3);
    auto live = LiveBoards(list);
    REQUIRE(live.size() == 2);
    CHECK(live[0]->id == "default");
    CHECK(live[1]->name == "Support desk");
    CHECK(FindBoard(list, "b2")->deleted_at == 1000000);
    CHECK(FindBoard(list, "nope") == nullptr);
}

TEST_CASE("a deleted board can be brought back only within the undo window") {
    BoardList list = ListOf(kThree);
    CHECK(UndoableDeletions(list, 1000000).size() == 1);
    CHECK(UndoableDeletions(list, 1000000 + 14999).size() == 1);
    CHECK(UndoableDeletions(list, 1000000 + 15000).empty());
    list.boards[0].deleted_at = 1005000;  // deleted later: listed first
    auto recent = UndoableDeletions(list, 1006000);
    REQUIRE(recent.size() == 2);
    CHECK(recent[0]->id == "default");
    CHECK(recent[1]->id == "b2");
}

TEST_CASE("bad lists are refused with where the problem is") {
    CHECK_FALSE(BoardListFromJson(nlohmann::json::parse("[]")).ok());
    CHECK_FALSE(BoardListFromJson(nlohmann::json::parse(R"({"current": "x"})")).ok());
    auto missing_id = BoardListFromJson(nlohmann::json::parse(R"({"boards": [{"id": "a"}, {"name": "no id"}]})"));
    REQUIRE_FALSE(missing_id.ok());
    CHECK(missing_id.error().path == "/boards/1");
}

TEST_CASE("a board's name is trimmed, required, bounded and unique among live boards") {
    BoardList list = ListOf(kThree);
    auto trimmed = CheckBoardName(list, "  Sales  ", "");
    REQUIRE(trimmed.ok());
    CHECK(trimmed.value() == "Sales");
    CHECK_FALSE(CheckBoardName(list, "   ", "").ok());
    CHECK_FALSE(CheckBoardName(list, "support DESK", "").ok());  // letter case aside
    CHECK(CheckBoardName(list, "Support desk", "b1").ok());      // its own name, renaming
    CHECK(CheckBoardName(list, "Old projects", "").ok());        // a deleted board's name is free
    CHECK(CheckBoardName(list, std::string(80, 'x'), "").ok());
    CHECK_FALSE(CheckBoardName(list, std::string(81, 'x'), "").ok());
    // Counted in characters, not bytes: 80 Chinese characters are fine.
    std::string chinese;
    for (int i = 0; i < 80; ++i) chinese += "支";
    CHECK(CheckBoardName(list, chinese, "").ok());
}

TEST_CASE("the last live board cannot be deleted, nor an unknown one") {
    BoardList list = ListOf(kThree);
    CHECK(CheckBoardDeletion(list, "b1").ok());
    CHECK_FALSE(CheckBoardDeletion(list, "b2").ok());  // already deleted
    CHECK_FALSE(CheckBoardDeletion(list, "zzz").ok());
    list.boards[0].deleted_at = 5;
    CHECK_FALSE(CheckBoardDeletion(list, "b1").ok());  // the only one left
}

}  // namespace
}  // namespace tackboard

namespace tackboard {
namespace {

TEST_CASE("board actions are checked before the shell is asked") {
    BoardList list = ListOf(kThree);
    auto create = BoardAction(list, "create", "", "  Sales ", 0);
    REQUIRE(create.ok());
    CHECK(create.value() == nlohmann::json({{"action", "create"}, {"name", "Sales"}}));
    CHECK_FALSE(BoardAction(list, "create", "", "Support desk", 0).ok());
    auto rename = BoardAction(list, "rename", "b1", "Helpdesk", 0);
    REQUIRE(rename.ok());
    CHECK(rename.value() == nlohmann::json({{"action", "rename"}, {"id", "b1"}, {"name", "Helpdesk"}}));
    CHECK_FALSE(BoardAction(list, "rename", "b2", "Helpdesk", 0).ok());  // deleted
    CHECK(BoardAction(list, "switch", "default", "", 0).ok());
    CHECK_FALSE(BoardAction(list, "switch", "b2", "", 0).ok());
    CHECK(BoardAction(list, "delete", "b1", "", 0).ok());
    CHECK(BoardAction(list, "undoDelete", "b2", "", 1000000 + 100).ok());
    CHECK_FALSE(BoardAction(list, "undoDelete", "b2", "", 1000000 + 15000).ok());
    CHECK_FALSE(BoardAction(list, "undoDelete", "b1", "", 0).ok());  // not deleted
    CHECK(BoardAction(list, "importBoard", "", "", 0).ok());
    CHECK_FALSE(BoardAction(list, "leaveDemo", "", "", 0).ok());
    auto unknown = BoardAction(list, "explode", "", "", 0);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message.find("explode") != std::string::npos);
}

TEST_CASE("the demo page can only be left") {
    BoardList list = ListOf(R"({"current": "demo", "demo": true, "boards": []})");
    CHECK(BoardAction(list, "leaveDemo", "", "", 0).ok());
    CHECK_FALSE(BoardAction(list, "create", "", "Mine", 0).ok());
    CHECK_FALSE(BoardAction(list, "importBoard", "", "", 0).ok());
}

}  // namespace
}  // namespace tackboard
