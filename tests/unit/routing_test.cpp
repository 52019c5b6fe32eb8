// routing_test.cpp — workload and assignee choice (src/core/routing.cpp): counting open
// tickets, least loaded with skills, full members, ties, the no-skills fallback and
// round robin with wraparound.
#include <doctest/doctest.h>

#include "core/routing.hpp"

using namespace tackboard;

namespace {

BoardConfig TeamConfig() {
    BoardConfig config = DefaultConfig();
    config.members = {
        {"alice", "Alice", {"network", "incident"}, 4},
        {"bob", "Bob", {"Billing"}, 2},
        {"chen", "Chen", {"réseau", "network"}, 10},
        {"dana", "Dana", {}, 5},
    };
    return config;
}

Ticket Make(const std::string& id, const std::string& status, const std::string& assignee, bool deleted = false) {
    Ticket t;
    t.id = id;
    t.title = id;
    t.type = "support";
    t.status = status;
    t.priority = "normal";
    t.assignee = assignee;
    t.deleted = deleted;
    return t;
}

// Open tickets per member: alice 2, bob 2 (full), chen 4, dana 0.
Board TeamBoard() {
    Board board(TeamConfig());
    int n = 0;
    auto add = [&](const std::string& status, const std::string& assignee, bool deleted = false) {
        board.Insert(Make("t" + std::to_string(++n), status, assignee, deleted));
    };
    add("new", "alice");
    add("in_progress", "alice");
    add("resolved", "alice");          // done: not counted
    add("closed", "alice");            // done
    add("waiting", "bob");
    add("in_progress", "bob");
    add("new", "chen");
    add("triage", "chen");
    add("in_progress", "chen");
    add("somewhere", "chen");          // unknown status: counts as open
    add("new", "dana", true);          // deleted: not counted
    add("new", "");
    add("triage", "");
    add("closed", "");                 // done: not counted as unassigned
    add("new", "former-colleague");
    return board;
}

Ticket Routed(const std::string& type, std::vector<std::string> labels = {}) {
    Ticket t = Make("x", "new", "");
    t.type = type;
    t.labels = std::move(labels);
    return t;
}

}  // namespace

TEST_CASE("workload counts live open tickets per member against capacity") {
    Board board = TeamBoard();
    Workload load = ComputeWorkload(board);
    REQUIRE(load.members.size() == 4);
    CHECK(load.members[0].member == "alice");
    CHECK(load.members[0].open == 2);
    CHECK(load.members[0].capacity == 4);
    CHECK(load.members[0].ratio == doctest::Approx(0.5));
    CHECK_FALSE(load.members[0].full());
    CHECK(load.members[1].open == 2);
    CHECK(load.members[1].full());
    CHECK(load.members[2].open == 4);
    CHECK(load.members[2].ratio == doctest::Approx(0.4));
    CHECK(load.members[3].open == 0);
    CHECK(load.unassigned == 2);
    CHECK(load.others == 1);
    REQUIRE(load.Find("chen"));
    CHECK(load.Find("chen")->open == 4);
    CHECK(load.Find("nobody") == nullptr);

    Workload empty = ComputeWorkload(Board());
    CHECK(empty.members.empty());
    CHECK(empty.unassigned == 0);
}

TEST_CASE("least loaded among the members with matching skills") {
    Board board = TeamBoard();
    Workload load = ComputeWorkload(board);
    const BoardConfig& config = board.config();
    // Network: alice 2/4 = 0.5, chen 4/10 = 0.4 -> chen (dana is less loaded but has no skill).
    auto choice = ChooseAssignee(Routed("support", {"network"}), config, load, RoutingMode::LeastLoaded, "");
    REQUIRE(choice);
    CHECK(choice->member == "chen");
    CHECK(choice->reason == "skills: network; load 4/10");
    // The type counts as a skill too; labels and skills compare folded ("Réseau" ~ "réseau").
    choice = ChooseAssignee(Routed("incident"), config, load, RoutingMode::LeastLoaded, "");
    CHECK(choice->member == "alice");
    CHECK(choice->reason == "skills: incident; load 2/4");
    choice = ChooseAssignee(Routed("support", {"RESEAU"}), config, load, RoutingMode::LeastLoaded, "");
    CHECK(choice->member == "chen");
    CHECK(choice->reason == "skills: réseau; load 4/10");
    choice = ChooseAssignee(Routed("incident", {"network"}), config, load, RoutingMode::LeastLoaded, "");
    CHECK(choice->member == "chen");
    CHECK(choice->reason == "skills: network; load 4/10");
}

TEST_CASE("members at capacity are skipped unless everyone is") {
    Board board = TeamBoard();
    Workload load = ComputeWorkload(board);
    BoardConfig config = board.config();
    // Billing: only bob, who is full (2/2): still bob, and the reason says so.
    auto choice = ChooseAssignee(Routed("support", {"billing"}), config, load, RoutingMode::LeastLoaded, "");
    REQUIRE(choice);
    CHECK(choice->member == "bob");
    CHECK(choice->reason == "skills: Billing; everyone with these skills is at capacity; load 2/2");
    // Give dana billing: she is free, so she takes it.
    config.members[3].skills = {"billing"};
    choice = ChooseAssignee(Routed("support", {"billing"}), config, load, RoutingMode::LeastLoaded, "");
    CHECK(choice->member == "dana");
    CHECK(choice->reason == "skills: billing; load 0/5");
    // Everyone full and no skill matches: the lowest ratio anyway.
    config.members = {{"a", "A", {}, 1}, {"b", "B", {}, 2}, {"c", "C", {}, 0}};
    Workload busy;
    busy.members = {{"a", 3, 1, 3.0}, {"b", 3, 2, 1.5}, {"c", 0, 0, 0.0}};
    choice = ChooseAssignee(Routed("bug"), config, busy, RoutingMode::LeastLoaded, "");
    REQUIRE(choice);
    CHECK(choice->member == "c");  // capacity 0 is always full; 0 open is still the least
    CHECK(choice->reason == "no member has skills for bug, any member; everyone is at capacity; load 0/0");
}

TEST_CASE("ties: lowest ratio, then fewest open, then config order") {
    BoardConfig config = DefaultConfig();
    config.members = {{"p", "P", {}, 10}, {"q", "Q", {}, 4}, {"r", "R", {}, 10}, {"s", "S", {}, 2}};
    Workload load;
    load.members = {{"p", 5, 10, 0}, {"q", 2, 4, 0}, {"r", 5, 10, 0}, {"s", 1, 2, 0}};  // all 0.5
    // Ratios come from open and the routing config's capacity, not the stored ratio.
    auto choice = ChooseAssignee(Routed("support"), config, load, RoutingMode::LeastLoaded, "");
    REQUIRE(choice);
    CHECK(choice->member == "s");  // 0.5 everywhere; s has the fewest open
    load.members[3].open = 2;      // s now full
    load.members[1].open = 5;      // q over its capacity
    CHECK(ChooseAssignee(Routed("support"), config, load, RoutingMode::LeastLoaded, "")->member == "p");  // p before r
    // A member missing from the workload counts as carrying nothing.
    config.members.push_back({"new-hire", "New", {}, 3});
    choice = ChooseAssignee(Routed("support"), config, load, RoutingMode::LeastLoaded, "");
    CHECK(choice->member == "new-hire");
    CHECK(choice->reason == "no member has skills for support, any member; load 0/3");
    // No members: no choice.
    CHECK_FALSE(ChooseAssignee(Routed("support"), DefaultConfig(), load, RoutingMode::LeastLoaded, ""));
    // Nothing to match at all.
    Ticket bare = Routed("");
    CHECK(ChooseAssignee(bare, config, load, RoutingMode::LeastLoaded, "")->reason ==
          "no type or labels to match skills, any member; load 0/3");
}

TEST_CASE("round robin: the next eligible member after the last, wrapping around") {
    BoardConfig config = DefaultConfig();
    config.members = {{"a", "A", {"network"}, 5},
                      {"b", "B", {"billing"}, 5},
                      {"c", "C", {"network"}, 5},
                      {"d", "D", {"network"}, 1}};
    Workload load;
    load.members = {{"a", 4, 5, 0}, {"b", 0, 5, 0}, {"c", 0, 5, 0}, {"d", 1, 1, 0}};  // d is full
    Ticket net = Routed("support", {"network"});
    auto next = [&](std::string_view last) {
        auto choice = ChooseAssignee(net, config, load, RoutingMode::RoundRobin, last);
        REQUIRE(choice);
        return choice->member;
    };
    CHECK(next("") == "a");
    CHECK(next("a") == "c");       // b has no network skill
    CHECK(next("c") == "a");       // d is full: wrap around
    CHECK(next("d") == "a");
    CHECK(next("b") == "c");
    CHECK(next("someone-else") == "a");
    CHECK(ChooseAssignee(net, config, load, RoutingMode::RoundRobin, "a")->reason ==
          "round robin; skills: network; load 0/5");
    // Everyone with the skill full: round robin over them anyway.
    load.members[0].open = 5;
    load.members[2].open = 9;
    CHECK(next("a") == "c");
    CHECK(next("c") == "d");
    CHECK(next("d") == "a");
    CHECK(ChooseAssignee(net, config, load, RoutingMode::RoundRobin, "c")->reason ==
          "round robin; skills: network; everyone with these skills is at capacity; load 1/1");
}
