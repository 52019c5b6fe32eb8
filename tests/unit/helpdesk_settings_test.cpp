#include <doctest/doctest.h>

#include "core/change.hpp"
#include "core/helpdesk_settings.hpp"

using namespace tackboard;
using nlohmann::json;

TEST_CASE("without helpdesk settings in the configuration, the defaults apply") {
    BoardConfig config = DefaultConfig();
    LoadedHelpdeskSettings loaded = HelpdeskSettingsOf(config);
    CHECK(loaded.problems.empty());
    CHECK(loaded.settings.routing.mode == RoutingMode::LeastLoaded);
    CHECK(loaded.settings.triage.rules.size() == DefaultTriageSettings().rules.size());
    CHECK_FALSE(loaded.settings.sla.enabled);
}

TEST_CASE("triage and routing settings are read from the configuration's own members") {
    BoardConfig config = DefaultConfig();
    config.extra["triage"] = {{"rules", {{{"keywords", {"coffee"}}, {"set_priority", "low"}}}}};
    config.extra["routing"] = {{"mode", "round_robin"}};
    config.extra["sla"] = {{"policies", {{{"priority", "urgent"}, {"response_minutes", 30}, {"resolution_minutes", 240}}}}};
    LoadedHelpdeskSettings loaded = HelpdeskSettingsOf(config);
    CHECK(loaded.problems.empty());
    CHECK(loaded.settings.sla.enabled);
    REQUIRE(loaded.settings.sla.policies.size() == 1);
    CHECK(loaded.settings.sla.policies[0].response_minutes == 30);
    CHECK(loaded.settings.routing.mode == RoutingMode::RoundRobin);
    REQUIRE(loaded.settings.triage.rules.size() == 1);
    CHECK(loaded.settings.triage.rules[0].keywords == std::vector<std::string>{"coffee"});
    CHECK(ParseRoutingSettings(ToJson(loaded.settings.routing)).value().mode == RoutingMode::RoundRobin);
}

TEST_CASE("a section that does not read falls back to its default and is reported with its path") {
    BoardConfig config = DefaultConfig();
    config.extra["triage"] = {{"rules", {{{"keywords", {"coffee"}}, {"set_priority", "asap"}}}}};
    config.extra["routing"] = {{"mode", "lottery"}};
    config.extra["sla"] = {{"policies", {{{"priority", "asap"}, {"response_minutes", 30}}}}};
    LoadedHelpdeskSettings loaded = HelpdeskSettingsOf(config);
    REQUIRE(loaded.problems.size() == 3);
    CHECK(loaded.problems[2].path.rfind("/config/sla/policies/0/priority", 0) == 0);
    CHECK_FALSE(loaded.settings.sla.enabled);
    CHECK(loaded.problems[0].path == "/config/triage/rules/0/set_priority");
    CHECK(loaded.problems[1].path == "/config/routing/mode");
    CHECK(loaded.problems[1].message.find("lottery") != std::string::npos);
    CHECK(loaded.settings.routing.mode == RoutingMode::LeastLoaded);
    CHECK(loaded.settings.triage.rules.size() == DefaultTriageSettings().rules.size());
    CHECK_FALSE(ParseRoutingSettings(json::array()).ok());
}

TEST_CASE("round robin's cursor is the assignee of the newest assigned ticket") {
    Board board;
    CHECK(LastAssignedMember(board).empty());
    auto add = [&](const char* id, const char* assignee, Millis created) {
        Ticket t;
        t.id = id;
        t.title = id;
        t.status = "new";
        t.assignee = assignee;
        t.created = created;
        board.Insert(t);
    };
    add("a", "alice", 100);
    add("b", "bob", 300);
    add("c", "", 400);
    add("d", "carol", 200);
    CHECK(LastAssignedMember(board) == "bob");
}
