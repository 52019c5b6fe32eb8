// The app runs the board's automation rules: after the user's own changes (one undo step
// with what the rules did), and in timed passes (escalation on an SLA breach), with every
// rule action journaled under the rule's name.
#include <doctest/doctest.h>

#include "app/app.hpp"
#include "core/ticket_json.hpp"
#include "temp_dir.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

constexpr Millis kHour = 3'600'000;

struct Clock {
    Millis now = 1'700'000'000'000;
    AppEnvironment Make() {
        return {[this] { return now; },
                [] {
                    RandomBytes r;
                    r.fill(3);
                    return r;
                },
                nullptr};
    }
};

json Members() {
    return json::array({{{"id", "ana"}, {"name", "Ana"}, {"skills", json::array({"network"})}, {"capacity", 5}},
                        {{"id", "lead"}, {"name", "Lena Lead"}, {"capacity", 5}}});
}

// The default configuration with members, an SLA and these rules.
Status Configure(App& app, const json& rules) {
    json config = ConfigToJson(app.board().config());
    config["members"] = Members();
    config["sla"] = {{"enabled", true}};
    config["automation"] = {{"rules", rules}};
    return app.Execute({{"op", "config"}, {"config", config}});
}

json RuleJson(const std::string& name, json trigger, json actions, const std::string& condition = "") {
    json rule = {{"id", name}, {"name", name}, {"trigger", std::move(trigger)}, {"actions", std::move(actions)}};
    if (!condition.empty()) rule["condition"] = condition;
    return rule;
}

bool HistoryBy(const Ticket& t, const std::string& by, const std::string& field) {
    for (const HistoryEntry& h : t.history)
        if (h.by == by && h.field == field) return true;
    return false;
}

}  // namespace

TEST_CASE("a user's change triggers the rules; their actions are by the rule, and one undo takes all back") {
    TempDir dir;
    Clock clock;
    App app(dir.str(), clock.Make());
    REQUIRE(Configure(app, json::array({RuleJson("Network to Ana", {{"kind", "created"}},
                                             json::array({{{"kind", "assign"}, {"member", "auto"}},
                                                          {{"kind", "add_label"}, {"label", "network"}}}),
                                             "outage"),
                                        RuleJson("Label on urgent", {{"kind", "field_changed"}, {"field", "priority"}},
                                             json::array({{{"kind", "add_label"}, {"label", "vip"}}}),
                                             "priority:urgent")}))
                .ok());
    REQUIRE(app.helpdesk().problems.empty());
    REQUIRE(app.helpdesk().settings.rules.rules.size() == 2);

    auto id = app.CreateTicket({{"title", "Network outage in room 4"}});
    REQUIRE(id.ok());
    const Ticket* t = app.board().Find(id.value());
    REQUIRE(t);
    CHECK(t->assignee == "ana");  // auto: routing picks by skill (the label came after, but the title matched)
    CHECK(t->labels == std::vector<std::string>{"network"});
    CHECK(HistoryBy(*t, "rule:Network to Ana", "assignee"));
    CHECK(HistoryBy(*t, "rule:Network to Ana", "labels"));

    // A ticket the condition does not match is left alone.
    auto other = app.CreateTicket({{"title", "New keyboard please"}});
    REQUIRE(other.ok());
    CHECK(app.board().Find(other.value())->assignee.empty());

    // A field change: the second rule.
    REQUIRE(app.UpdateTicket(id.value(), {{"priority", "urgent"}}).ok());
    t = app.board().Find(id.value());
    CHECK(t->labels == std::vector<std::string>{"network", "vip"});
    CHECK(HistoryBy(*t, "rule:Label on urgent", "labels"));

    // One undo takes back the priority and the rule's label together.
    REQUIRE(app.Undo().ok());
    t = app.board().Find(id.value());
    CHECK(t->priority == "normal");
    CHECK(t->labels == std::vector<std::string>{"network"});
    // Redo brings both back (without running the rules again).
    REQUIRE(app.Redo().ok());
    t = app.board().Find(id.value());
    CHECK(t->priority == "urgent");
    CHECK(t->labels == std::vector<std::string>{"network", "vip"});

    // What the rules did is in the journal: it is there after reopening.
    App reopened(dir.str(), clock.Make());
    const Ticket* again = reopened.board().Find(id.value());
    REQUIRE(again);
    CHECK(again->assignee == "ana");
    CHECK(again->labels == std::vector<std::string>{"network", "vip"});
    CHECK(HistoryBy(*again, "rule:Network to Ana", "assignee"));
}

TEST_CASE("escalation: a timed pass acts once on a breached ticket, and notifies") {
    TempDir dir;
    Clock clock;
    App app(dir.str(), clock.Make());
    REQUIRE(Configure(app, json::array({RuleJson("Escalate breaches", {{"kind", "sla_breached"}},
                                             json::array({{{"kind", "raise_priority"}},
                                                          {{"kind", "assign"}, {"member", "lead"}},
                                                          {{"kind", "add_label"}, {"label", "escalated"}},
                                                          {{"kind", "notify"}, {"message", "SLA breached"}}}))}))
                .ok());
    auto id = app.CreateTicket({{"title", "Cannot log in"}, {"priority", "high"}});  // response target 2 h
    REQUIRE(id.ok());
    auto pass = app.RunTimedRules();
    REQUIRE(pass.ok());
    CHECK(pass.value() == 0);  // not breached yet
    CHECK(app.notifications().empty());

    clock.now += 3 * kHour;  // past the 2 h response target (24x7: no calendar)
    pass = app.RunTimedRules();
    REQUIRE(pass.ok());
    CHECK(pass.value() == 1);
    const Ticket* t = app.board().Find(id.value());
    CHECK(t->priority == "urgent");
    CHECK(t->assignee == "lead");
    CHECK(t->labels == std::vector<std::string>{"escalated"});
    CHECK(HistoryBy(*t, "rule:Escalate breaches", "priority"));
    REQUIRE(app.notifications().size() == 1);
    CHECK(app.notifications()[0].ticket_id == id.value());
    CHECK(app.notifications()[0].rule == "Escalate breaches");
    CHECK(app.notifications()[0].message == "SLA breached");
    CHECK(app.notifications_total() == 1);

    // Once per breach: the next pass does nothing, and the timed pass is not an undo step
    // (undo takes back the user's last own change: the create).
    clock.now += kHour;
    pass = app.RunTimedRules();
    REQUIRE(pass.ok());
    CHECK(pass.value() == 0);
    CHECK(app.notifications().size() == 1);
}

TEST_CASE("rules that do not read are reported, and none of them run") {
    TempDir dir;
    Clock clock;
    App app(dir.str(), clock.Make());
    REQUIRE(Configure(app, json::array({RuleJson("Move to nowhere", {{"kind", "created"}},
                                             json::array({{{"kind", "move"}, {"status", "limbo"}}}))}))
                .ok());
    REQUIRE(app.helpdesk().problems.size() == 1);
    CHECK(app.helpdesk().problems[0].path == "/config/automation/rules/0/actions/0/status");
    CHECK(app.helpdesk().settings.rules.rules.empty());
    auto id = app.CreateTicket({{"title", "Anything"}});
    REQUIRE(id.ok());
    CHECK(app.board().Find(id.value())->status == "new");
}

TEST_CASE("a read-only tab runs no timed rules: the writing tab does") {
    TempDir dir;
    Clock clock;
    {
        App writer(dir.str(), clock.Make());
        REQUIRE(Configure(writer, json::array({RuleJson("Idle", {{"kind", "idle"}, {"days", 1}},
                                                    json::array({{{"kind", "add_label"}, {"label", "vip"}}}))}))
                    .ok());
        REQUIRE(writer.CreateTicket({{"title", "Quiet one"}}).ok());
    }
    clock.now += 3 * 24 * kHour;
    AppEnvironment env = clock.Make();
    env.read_only = true;
    App follower(dir.str(), std::move(env));
    auto pass = follower.RunTimedRules();
    REQUIRE(pass.ok());
    CHECK(pass.value() == 0);
    CHECK(follower.board().tickets()[0].labels.empty());

    App writer(dir.str(), clock.Make());
    pass = writer.RunTimedRules();
    REQUIRE(pass.ok());
    CHECK(pass.value() == 1);
    CHECK(writer.board().tickets()[0].labels == std::vector<std::string>{"vip"});
}

TEST_CASE("timed passes follow edits, rule changes and restarts: each fires what a full pass finds, once") {
    TempDir dir;
    Clock clock;
    App app(dir.str(), clock.Make());
    auto rules = [](int due_minutes) {
        return json::array({RuleJson("Due soon", {{"kind", "due"}, {"minutes", due_minutes}},
                                     json::array({{{"kind", "notify"}, {"message", "due soon"}}}), "-label:parked"),
                            RuleJson("Idle", {{"kind", "idle"}, {"days", 1}},
                                     json::array({{{"kind", "add_comment"}, {"body", "Anyone?"}}})),
                            RuleJson("Breached", {{"kind", "sla_breached"}},
                                     json::array({{{"kind", "add_label"}, {"label", "late"}}}), "-label:late")});
    };
    REQUIRE(Configure(app, rules(60)).ok());
    std::vector<std::string> ids;
    for (int i = 0; i < 30; ++i) {
        auto id = app.CreateTicket({{"title", "Ticket " + std::to_string(i)}, {"priority", i % 3 ? "normal" : "high"},
                                    {"due", clock.now + (i + 1) * kHour}});
        REQUIRE(id.ok());
        ids.push_back(id.value());
    }
    // What a full pass would fire now; the app's pass must fire exactly that, and leave nothing.
    auto full = [&](const App& on) {
        const HelpdeskSettings& settings = on.helpdesk().settings;
        const Millis now = on.Now();
        return EvaluateTimed(settings.rules, on.board(), RuleContext{now, nullptr}, SlaFlagsOf(on.board(), settings.sla, now)).size();
    };
    auto pass = [&](App& on) {
        const std::size_t expected = full(on);
        auto fired = on.RunTimedRules();
        REQUIRE(fired.ok());
        CHECK(fired.value() == expected);
        CHECK(full(on) == 0);
        return fired.value();
    };
    std::size_t fired = 0;
    for (int step = 0; step < 40; ++step) {
        clock.now += (step % 7 + 1) * 17 * 60'000;
        const std::string& id = ids[static_cast<std::size_t>(step * 7) % ids.size()];
        switch (step % 5) {
            case 0: REQUIRE(app.UpdateTicket(id, {{"due", clock.now + 30 * 60'000}}).ok()); break;
            case 1: REQUIRE(app.UpdateTicket(id, {{"labels", json::array({"parked"})}}).ok()); break;
            case 2: REQUIRE(app.UpdateTicket(id, {{"status", "resolved"}}).ok()); break;
            case 3:
                if (app.board().Find(id)->status == "resolved")
                    REQUIRE(app.Execute({{"op", "reopen"}, {"id", id}, {"reason", "Again"}}).ok());
                break;
            default: break;
        }
        if (step == 20) REQUIRE(Configure(app, rules(180)).ok());  // the rules change: a wider window
        fired += pass(app);
    }
    CHECK(fired > 30);  // due windows, idle days and breaches all came

    // Reopened (a restart): the first pass reads everything again and finds nothing new.
    App reopened(dir.str(), clock.Make());
    CHECK(pass(reopened) == 0);
    clock.now += 2 * 24 * kHour;
    CHECK(pass(reopened) > 0);
    CHECK(pass(reopened) == 0);
}
