#include <doctest/doctest.h>

#include <algorithm>

#include "core/change.hpp"
#include "core/rank.hpp"
#include "core/ticket_json.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {
const Actor kMe{"me"};

json Apply(Board& board, json change) {
    change["at"] = 100;
    change["by"] = "me";
    auto applied = ApplyChange(board, change);
    REQUIRE_MESSAGE(applied.ok(), (applied.ok() ? "" : applied.error().Describe()));
    return applied.value().inverse;
}

// A board with tickets "t1".."tN" in the first column (newest first: tN on top).
Board BoardWith(int count) {
    Board board;
    for (int i = 1; i <= count; ++i) {
        auto change = MakeCreate(board, {{"title", "Ticket " + std::to_string(i)}}, "t" + std::to_string(i), i, kMe);
        REQUIRE(change.ok());
        Apply(board, change.value());
    }
    return board;
}

std::vector<std::string> ColumnIds(const Board& board, const std::string& status = "new") {
    std::vector<std::string> ids;
    for (std::size_t row : board.Column(status)) ids.push_back(board.tickets()[row].id);
    return ids;
}

// Moves `ids` to `position` in the column `status` shows, as a drop does; returns the inverse.
json Place(Board& board, const std::vector<std::string>& ids, std::size_t position, const std::string& status = "new") {
    json changes = PlaceTickets(board, board.Column(status), position, ids, [&](const std::string& id) {
        return board.Find(id)->status == status ? json::object() : json{{"status", status}};
    });
    if (changes.empty()) return json();
    return Apply(board, {{"op", "batch"}, {"changes", changes}});
}
}  // namespace

TEST_CASE("a rank between two others sorts between them, and stays short at the open ends") {
    CHECK(RankBetween("", "") == "V");
    CHECK(RankBetween("A", "C") == "B");
    CHECK(RankBetween("A", "B") == "AV");
    CHECK(RankBetween("", "1") == "0V");
    CHECK(RankBetween("A", "A05") == "A02");
    CHECK(RankBetween("y", "") == "z");
    CHECK(RankBetween("z", "") == "zV");
    for (auto [a, b] : std::vector<std::pair<std::string, std::string>>{
             {"A", "AV"}, {"0V", "1"}, {"az", "b"}, {"abc", "abd"}, {"V", "V1"}, {"", "01"}}) {
        std::string mid = RankBetween(a, b);
        CHECK_MESSAGE(a < mid, a << " < " << mid);
        CHECK_MESSAGE(mid < b, mid << " < " << b);
        CHECK(IsValidRank(mid));
    }
}

TEST_CASE("ranks spread between two bounds are ascending, valid and short") {
    auto ranks = RanksBetween("", "", 100000);
    REQUIRE(ranks.size() == 100000);
    CHECK(std::is_sorted(ranks.begin(), ranks.end()));
    CHECK(std::adjacent_find(ranks.begin(), ranks.end()) == ranks.end());
    CHECK(std::all_of(ranks.begin(), ranks.end(), [](const std::string& r) { return IsValidRank(r) && r.size() <= 4; }));
    auto inside = RanksBetween("A", "B", 10);
    CHECK(inside.front() > "A");
    CHECK(inside.back() < "B");
}

TEST_CASE("implicit ranks keep ids newest first, also against ranks made between them") {
    std::vector<std::string> ids = {"01J0000000000000000000000A", "01J0000000000000000000000B", "01K", "t1", "t10",
                                    "t2", "", "é"};
    std::sort(ids.begin(), ids.end(), std::greater<>());
    std::vector<std::string> keys;
    for (const auto& id : ids) keys.push_back(ImplicitRank(id));
    CHECK(std::is_sorted(keys.begin(), keys.end()));
    for (const auto& k : keys) CHECK(IsValidRank(k));

    Ticket ranked, plain;
    plain.id = "t10";
    ranked.id = "zz";
    ranked.rank = RankBetween(ImplicitRank("t2"), ImplicitRank("t10"));  // between t2 and t10
    CHECK(OrderedBefore(ranked, plain));
    CHECK_FALSE(OrderedBefore(plain, ranked));
    Ticket newer;
    newer.id = "t2";
    CHECK(OrderedBefore(newer, ranked));
}

TEST_CASE("IsValidRank refuses what could not be ordered between") {
    CHECK(IsValidRank("V"));
    CHECK_FALSE(IsValidRank(""));
    CHECK_FALSE(IsValidRank("V0"));
    CHECK_FALSE(IsValidRank("a-b"));
    CHECK_FALSE(IsValidRank(std::string(2000, 'a')));
}

TEST_CASE("moving a card within its column keeps the new order, touching only that card") {
    Board board = BoardWith(4);
    CHECK(ColumnIds(board) == std::vector<std::string>{"t4", "t3", "t2", "t1"});
    json changes = PlaceTickets(board, board.Column("new"), 3, {"t4"}, [](const std::string&) { return json::object(); });
    REQUIRE(changes.size() == 1);
    CHECK(changes[0]["id"] == "t4");
    CHECK(changes[0]["set"].size() == 1);  // the rank alone
    Apply(board, changes[0]);
    CHECK(ColumnIds(board) == std::vector<std::string>{"t3", "t2", "t4", "t1"});
    CHECK(board.Find("t4")->history.size() == 1);  // a place is not a fact of the ticket: no history entry

    Place(board, {"t1"}, 0);
    CHECK(ColumnIds(board) == std::vector<std::string>{"t1", "t3", "t2", "t4"});
    Place(board, {"t3"}, 4);
    CHECK(ColumnIds(board) == std::vector<std::string>{"t1", "t2", "t4", "t3"});
}

TEST_CASE("dropping a card where it already is changes nothing") {
    Board board = BoardWith(3);
    for (std::size_t position : {1u, 2u})
        CHECK(PlaceTickets(board, board.Column("new"), position, {"t2"}, [](const std::string&) { return json::object(); })
                  .empty());
}

TEST_CASE("a card dropped at a place in another column lands there, with its new status") {
    Board board = BoardWith(3);
    for (const char* id : {"t1", "t2"}) Apply(board, {{"op", "update"}, {"id", id}, {"set", {{"status", "triage"}}}});
    CHECK(ColumnIds(board, "triage") == std::vector<std::string>{"t2", "t1"});
    Place(board, {"t3"}, 1, "triage");
    CHECK(ColumnIds(board, "triage") == std::vector<std::string>{"t2", "t3", "t1"});
    CHECK(ColumnIds(board, "new").empty());
    CHECK(board.Find("t3")->status == "triage");
}

TEST_CASE("several cards dropped together keep their order at the drop") {
    Board board = BoardWith(5);
    Place(board, {"t1", "t5"}, 2);  // before t3, as the column showed it
    CHECK(ColumnIds(board) == std::vector<std::string>{"t4", "t1", "t5", "t3", "t2"});
}

TEST_CASE("undo puts a moved card back in its old place and status") {
    Board board = BoardWith(3);
    json inverse = Place(board, {"t1"}, 0, "triage");
    CHECK(ColumnIds(board, "triage") == std::vector<std::string>{"t1"});
    Apply(board, inverse);
    CHECK(ColumnIds(board) == std::vector<std::string>{"t3", "t2", "t1"});
    CHECK(board.Find("t1")->rank.empty());

    json within = Place(board, {"t3"}, 3);
    CHECK(ColumnIds(board) == std::vector<std::string>{"t2", "t1", "t3"});
    Apply(board, within);
    CHECK(ColumnIds(board) == std::vector<std::string>{"t3", "t2", "t1"});
}

TEST_CASE("thousands of drops into the same gap keep the order and the ranks short") {
    Board board = BoardWith(3);
    // Always between the top card and the card dropped just before: the worst case.
    std::vector<std::string> expected = {"t3", "t2", "t1"};
    for (int i = 0; i < 3000; ++i) {
        std::string id = "n" + std::to_string(i);
        auto change = MakeCreate(board, {{"title", id}, {"status", "triage"}}, id, 10, kMe);
        REQUIRE(change.ok());
        Apply(board, change.value());
        Place(board, {id}, 1);
        expected.insert(expected.begin() + 1, id);
    }
    CHECK(ColumnIds(board) == expected);
    std::size_t longest = 0;
    for (const auto& t : board.tickets()) longest = std::max(longest, t.rank.size());
    CHECK(longest <= kMaxRankLength);
}

TEST_CASE("ranks survive JSON, and a bad rank is refused with its path") {
    Board board = BoardWith(2);
    Place(board, {"t1"}, 0);
    const Ticket& t = *board.Find("t1");
    REQUIRE_FALSE(t.rank.empty());
    auto back = TicketFromJson(TicketToJson(t), "/t");
    REQUIRE(back.ok());
    CHECK(back.value().rank == t.rank);
    CHECK(back.value().clocks.size() == t.clocks.size());

    auto reloaded = BoardFromJson(BoardToJson(board));
    REQUIRE(reloaded.ok());
    CHECK(ColumnIds(reloaded.value()) == std::vector<std::string>{"t1", "t2"});

    json bad = TicketToJson(t);
    bad["rank"] = "A0";
    auto refused = TicketFromJson(bad, "/t");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().path == "/t/rank");
    auto update = ApplyChange(board, {{"op", "update"}, {"id", "t1"}, {"set", {{"rank", "not a rank"}}}});
    CHECK_FALSE(update.ok());
}

TEST_CASE("a rank change carries its own clock for merges") {
    Board board = BoardWith(2);
    json change = {{"op", "update"}, {"id", "t1"}, {"set", {{"rank", "V"}}}, {"hlc", "1700:3:dev1"}};
    Apply(board, change);
    CHECK(board.Find("t1")->clocks.count("rank") == 1);
}
