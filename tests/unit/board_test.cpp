#include <doctest/doctest.h>

#include <algorithm>

#include "core/change.hpp"
#include "core/rank.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

void Apply(Board& board, json change) {
    change["at"] = 100;
    change["by"] = "me";
    auto applied = ApplyChange(board, change);
    REQUIRE_MESSAGE(applied.ok(), (applied.ok() ? "" : applied.error().Describe()));
}

std::string IdOf(int i) { return "01ARYZ6S41TSV4RRFFQ69G5F" + std::string(1, static_cast<char>('A' + i / 26)) +
                                  std::string(1, static_cast<char>('A' + i % 26)); }

// What every column holds when sorted from scratch.
std::vector<std::size_t> Sorted(const Board& board, const std::string& status) {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < board.tickets().size(); ++i)
        if (!board.tickets()[i].deleted && board.tickets()[i].status == status) rows.push_back(i);
    std::sort(rows.begin(), rows.end(),
              [&](std::size_t a, std::size_t b) { return OrderedBefore(board.tickets()[a], board.tickets()[b]); });
    return rows;
}

void CheckColumns(const Board& board) {
    for (const auto& s : board.config().statuses) CHECK(board.Column(s.id) == Sorted(board, s.id));
}

}  // namespace

TEST_CASE("columns read between single changes stay as a fresh sort would order them") {
    Board board;
    for (int i = 0; i < 40; ++i) {
        auto create = MakeCreate(board, {{"title", "ticket " + std::to_string(i)}}, IdOf(i), 10, Actor{"me"});
        REQUIRE(create.ok());
        Apply(board, create.value());
    }
    CheckColumns(board);
    // One at a time, each followed by a read: moved, ranked, deleted, restored, created.
    Apply(board, {{"op", "update"}, {"id", IdOf(3)}, {"set", {{"status", "triage"}}}});
    CheckColumns(board);
    Apply(board, {{"op", "update"}, {"id", IdOf(7)}, {"set", {{"rank", "0V"}}}});
    CheckColumns(board);
    Apply(board, {{"op", "update"}, {"id", IdOf(8)}, {"set", {{"rank", "0V"}, {"status", "triage"}}}});
    CheckColumns(board);
    Apply(board, {{"op", "delete"}, {"id", IdOf(3)}});
    CheckColumns(board);
    Apply(board, {{"op", "restore"}, {"id", IdOf(3)}});
    CheckColumns(board);
    auto create = MakeCreate(board, {{"title", "late"}}, IdOf(60), 10, Actor{"me"});
    REQUIRE(create.ok());
    Apply(board, create.value());
    CheckColumns(board);
    const auto& column = board.Column("new");
    CHECK(std::vector<std::size_t>(column.begin(), column.begin() + 2) == std::vector<std::size_t>{7, 40});  // ranked, then newest
    CHECK(board.Column("triage") == std::vector<std::size_t>{8, 3});  // ranked "0V" first
}

TEST_CASE("many changes between two reads sort the columns anew, with the same result") {
    Board board;
    for (int i = 0; i < 60; ++i) {
        auto create = MakeCreate(board, {{"title", "ticket " + std::to_string(i)}}, IdOf(i), 10, Actor{"me"});
        REQUIRE(create.ok());
        Apply(board, create.value());
    }
    CheckColumns(board);
    for (int i = 0; i < 60; i += 2) Apply(board, {{"op", "update"}, {"id", IdOf(i)}, {"set", {{"status", "waiting"}}}});
    CheckColumns(board);
    CHECK(board.Column("waiting").size() == 30);
}
