// rules_test.cpp — automation rules (src/core/rules.cpp): reading and refusing settings,
// each trigger and action, conditions, order, loops, timed rules firing once, dry runs.
#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <utility>

#include "core/change.hpp"
#include "core/rules.hpp"
#include "core/ticket_json.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

constexpr Millis kMinute = 60000;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;
constexpr Millis kT0 = 1'767'225'600'000;  // 2026-01-01

BoardConfig TeamConfig() {
    BoardConfig config = DefaultConfig();
    config.members = {{"alice", "Alice Martin", {}, 10}, {"bob", "Bob Stone", {}, 10}, {"lead", "Lee Lead", {}, 5}};
    return config;
}

Result<RuleSettings> Parse(json rules, const BoardConfig& config = TeamConfig()) {
    return ParseRules(json{{"rules", std::move(rules)}}, config);
}

RuleSettings Rules(json rules, const BoardConfig& config = TeamConfig()) {
    Result<RuleSettings> parsed = Parse(std::move(rules), config);
    REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().Describe()));
    return std::move(parsed.value());
}

// "path: message" of a refused rule list.
std::string Refusal(json rules, const BoardConfig& config = TeamConfig()) {
    Result<RuleSettings> parsed = Parse(std::move(rules), config);
    return parsed.ok() ? "(accepted)" : parsed.error().Describe();
}

// One valid rule, to be spoiled by a test.
json GoodRule() {
    return {{"id", "r1"},
            {"name", "Tag urgent"},
            {"trigger", {{"kind", "created"}}},
            {"condition", "prio:urgent"},
            {"actions", json::array({{{"kind", "add_label"}, {"label", "hot"}}})}};
}

// A board, its clock, its rules, and a log of every record applied (for replay).
class Desk {
public:
    explicit Desk(BoardConfig config = TeamConfig()) : board(std::move(config)) {}

    Board board;
    Millis now = kT0;
    RuleSettings rules;
    std::function<std::string(const Ticket&, const Board&)> route;
    std::vector<json> log;
    RuleRun last;  // what the rules did after the last Do / Create

    RuleContext Context() const { return RuleContext{now, route}; }

    ApplyRecord Applier() {
        return [this](const json& change) {
            Result<Applied> applied = ApplyChange(board, change);
            if (applied) log.push_back(change);
            return applied;
        };
    }

    // A person's change, then the rules it triggers.
    RuleRun Do(json change, const std::string& by = "agent") {
        change["at"] = now;
        change["by"] = by;
        Result<Applied> applied = ApplyChange(board, change);
        REQUIRE_MESSAGE(applied.ok(), (applied.ok() ? "" : applied.error().Describe()));
        log.push_back(change);
        last = RunCascade(rules, std::as_const(board), EventsFromApplied(change, applied.value(), board), Context(),
                          Applier());
        return last;
    }

    RuleRun Update(const std::string& id, json set) { return Do({{"op", "update"}, {"id", id}, {"set", std::move(set)}}); }

    std::string Create(json fields) {
        std::string id = "t" + std::to_string(++created_);
        Result<json> change = MakeCreate(board, fields, id, now, Actor{"agent"});
        REQUIRE_MESSAGE(change.ok(), (change.ok() ? "" : change.error().Describe()));
        Do(change.value());
        return id;
    }

    RuleRun Pass(const SlaFlagList& sla = {}) { return RunTimed(rules, std::as_const(board), Context(), sla, Applier()); }

    const Ticket& T(const std::string& id) const {
        const Ticket* t = board.Find(id);
        REQUIRE(t);
        return *t;
    }

private:
    int created_ = 0;
};

// The fields of the history entries `by` wrote on the ticket, space separated.
std::string HistoryBy(const Ticket& t, const std::string& by) {
    std::string out;
    for (const HistoryEntry& h : t.history)
        if (h.by == by) out += (out.empty() ? "" : " ") + h.field;
    return out;
}

std::vector<std::string> Bodies(const Ticket& t) {
    std::vector<std::string> out;
    for (const Comment& c : t.comments) out.push_back(c.body);
    return out;
}

using Strings = std::vector<std::string>;

}  // namespace

// --- settings --------------------------------------------------------------------

TEST_CASE("rules read from JSON and written back unchanged") {
    json rules = json::array({
        {{"id", "r1"},
         {"name", "Escalate breaches"},
         {"enabled", true},
         {"trigger", {{"kind", "sla_breached"}}},
         {"condition", "status:open -label:escalated"},
         {"actions", json::array({{{"kind", "raise_priority"}},
                                  {{"kind", "assign"}, {"member", "lead"}},
                                  {{"kind", "add_label"}, {"label", "escalated"}},
                                  {{"kind", "notify"}, {"message", "SLA breached"}}})}},
        {{"id", "r2"},
         {"name", "Nudge"},
         {"enabled", false},
         {"trigger", {{"kind", "idle"}, {"days", 3}}},
         {"condition", ""},
         {"actions", json::array({{{"kind", "add_comment"}, {"body", "Still there?"}, {"internal", false}},
                                  {{"kind", "move"}, {"status", "waiting"}}})}},
        {{"id", "r3"},
         {"name", "Env"},
         {"enabled", true},
         {"trigger", {{"kind", "field_changed"}, {"field", "fields.severity"}}},
         {"condition", "type:bug"},
         {"actions", json::array({{{"kind", "set_field"}, {"field", "fields.environment"}, {"value", "prod"}},
                                  {{"kind", "assign"}, {"member", "auto"}}})}},
        {{"id", "r4"},
         {"name", "Due soon"},
         {"enabled", true},
         {"trigger", {{"kind", "due"}, {"minutes", 60}}},
         {"condition", ""},
         {"actions", json::array({{{"kind", "notify"}, {"message", "due in an hour"}}})}},
        {{"id", "r5"},
         {"name", "Waiting"},
         {"enabled", true},
         {"trigger", {{"kind", "status_entered"}, {"status", "waiting"}}},
         {"condition", ""},
         {"actions", json::array({{{"kind", "set_field"}, {"field", "due"}, {"value", nullptr}}})}},
    });
    RuleSettings settings = Rules(rules);
    REQUIRE(settings.rules.size() == 5);
    CHECK(settings.rules[0].trigger.kind == TriggerKind::SlaBreached);
    CHECK(settings.rules[1].trigger.days == 3);
    CHECK_FALSE(settings.rules[1].enabled);
    CHECK(settings.rules[1].actions[0].internal == false);
    CHECK(settings.rules[2].actions[1].member == kAutoAssign);
    CHECK(settings.rules[3].trigger.minutes == 60);
    CHECK(ToJson(settings) == json{{"rules", rules}});
    CHECK(ParseRules(json(), TeamConfig()).value().rules.empty());  // nothing kept yet: no rules
    CHECK(RuleActor(settings.rules[0]) == "rule:Escalate breaches");
}

TEST_CASE("rules that name what the board does not have are refused with the reason and where") {
    auto spoil = [](auto edit) {
        json rule = GoodRule();
        edit(rule);
        return json::array({rule});
    };
    auto with_action = [&](json action) { return spoil([&](json& r) { r["actions"] = json::array({action}); }); };
    auto with_trigger = [&](json trigger) { return spoil([&](json& r) { r["trigger"] = trigger; }); };

    CHECK(Refusal(with_action({{"kind", "move"}, {"status", "done-ish"}})) ==
          "/rules/0/actions/0/status: unknown status 'done-ish' (expected one of new, triage, in_progress, waiting, "
          "resolved, closed)");
    CHECK(Refusal(with_action({{"kind", "set_field"}, {"field", "priority"}, {"value", "asap"}})) ==
          "/rules/0/actions/0/value: unknown priority \"asap\" (expected one of urgent, high, normal, low)");
    CHECK(Refusal(with_action({{"kind", "set_field"}, {"field", "type"}, {"value", "rocket"}})) ==
          "/rules/0/actions/0/value: unknown ticket type \"rocket\" (expected one of support, bug, feature, incident, "
          "change)");
    CHECK(Refusal(with_action({{"kind", "assign"}, {"member", "zed"}})) ==
          "/rules/0/actions/0/member: unknown member 'zed' (expected auto or one of alice, bob, lead)");
    CHECK(Refusal(with_action({{"kind", "assign"}})) ==
          "/rules/0/actions/0/member: say who: auto or one of alice, bob, lead");
    CHECK(Refusal(with_action({{"kind", "set_field"}, {"field", "prio"}, {"value", "high"}})) ==
          "/rules/0/actions/0/field: unknown field 'prio' (expected one of title, description, type, priority, "
          "requester, labels, due, or fields.<id> of a custom field)");
    CHECK(Refusal(with_action({{"kind", "set_field"}, {"field", "fields.colour"}, {"value", "red"}})) ==
          "/rules/0/actions/0/field: no ticket type has a field 'colour'");
    CHECK(Refusal(with_action({{"kind", "set_field"}, {"field", "environment"}, {"value", "x"}})) ==
          "/rules/0/actions/0/field: unknown field 'environment' (custom fields are written fields.environment)");
    CHECK(Refusal(with_action({{"kind", "set_field"}, {"field", "status"}, {"value", "new"}})) ==
          "/rules/0/actions/0/field: the status is changed with a move action");
    CHECK(Refusal(with_action({{"kind", "set_field"}, {"field", "fields.severity"}, {"value", "Huge"}})) ==
          "/rules/0/actions/0/value: 'Severity' of Bug has no option \"Huge\" (expected one of Minor, Major, Critical)");
    CHECK(Refusal(with_action({{"kind", "set_field"}, {"field", "fields.steps"}, {"value", nullptr}})) ==
          "/rules/0/actions/0/value: 'Steps to reproduce' of Bug is required and cannot be cleared");
    CHECK(Refusal(with_action({{"kind", "add_label"}, {"label", "  "}})) == "/rules/0/actions/0/label: say which label to add");
    CHECK(Refusal(with_action({{"kind", "add_comment"}})) == "/rules/0/actions/0/body: a comment cannot be empty");
    CHECK(Refusal(with_action({{"kind", "notify"}})) == "/rules/0/actions/0/message: say what to notify");
    CHECK(Refusal(with_action({{"kind", "explode"}})) ==
          "/rules/0/actions/0/kind: unknown action 'explode' (expected one of set_field, assign, add_label, "
          "add_comment, move, raise_priority, notify)");
    CHECK(Refusal(spoil([](json& r) { r["actions"] = json::array(); })) ==
          "/rules/0/actions: a rule needs at least one action");
    CHECK(Refusal(spoil([](json& r) { r.erase("actions"); })) == "/rules/0/actions: a rule needs at least one action");

    CHECK(Refusal(with_trigger({{"kind", "field_changed"}, {"field", "colour"}})).starts_with(
        "/rules/0/trigger/field: unknown field 'colour' (expected one of title, description, type, status, priority, "
        "assignee, requester, labels, due, satisfaction, comment, link, or fields.<id>"));
    CHECK(Refusal(with_trigger({{"kind", "status_entered"}, {"status", "limbo"}})).starts_with(
        "/rules/0/trigger/status: unknown status 'limbo'"));
    CHECK(Refusal(with_trigger({{"kind", "idle"}, {"days", 0}})) ==
          "/rules/0/trigger/days: an idle trigger needs 'days' of at least 1");
    CHECK(Refusal(with_trigger({{"kind", "idle"}})) == "/rules/0/trigger/days: an idle trigger needs 'days' of at least 1");
    CHECK(Refusal(with_trigger({{"kind", "due"}, {"minutes", -5}})).starts_with("/rules/0/trigger/minutes: "));
    CHECK(Refusal(with_trigger({{"kind", "sometimes"}})) ==
          "/rules/0/trigger/kind: unknown trigger 'sometimes' (expected one of created, field_changed, "
          "status_entered, due, sla_at_risk, sla_breached, idle)");
    CHECK(Refusal(spoil([](json& r) { r.erase("trigger"); })) == "/rules/0/trigger: a rule needs a trigger");

    CHECK(Refusal(spoil([](json& r) { r["condition"] = "status: open"; })) ==
          "/rules/0/condition: the condition does not read: column 8: expected a value after 'status:'");
    CHECK(Refusal(spoil([](json& r) { r["condition"] = "vpn status:in_prgress"; })).starts_with(
        "/rules/0/condition: the condition names what the board does not have: column 12: unknown status "
        "'in_prgress'"));
    CHECK(Refusal(spoil([](json& r) { r["condition"] = "label:x assignee:me"; })) ==
          "/rules/0/condition: the condition: column 18: assignee:me means nobody in a rule (rules act as nobody); "
          "name the member");

    CHECK(Refusal(spoil([](json& r) { r["id"] = " "; })) == "/rules/0/id: a rule needs an id");
    CHECK(Refusal(spoil([](json& r) { r.erase("name"); })) == "/rules/0/name: a rule needs a name (history shows it)");
    CHECK(Refusal(spoil([](json& r) { r["enabled"] = "yes"; })) == "/rules/0/enabled: 'enabled' must be true or false");
    CHECK(Refusal(spoil([](json& r) { r["trigger"]["days"] = 1.5; })) == "/rules/0/trigger/days: 'days' must be a whole number");
    CHECK(Refusal(json::array({"not a rule"})) == "/rules/0: a rule must be an object");
    CHECK(ParseRules(json{{"rules", "all of them"}}, TeamConfig()).error().Describe() == "/rules: 'rules' must be a list");

    json second = GoodRule();
    second["name"] = "Another";
    CHECK(Refusal(json::array({GoodRule(), second})) == "/rules/1/id: rule 0 has the id 'r1' already");
    second["id"] = "r2";
    second["name"] = "Tag urgent";
    CHECK(Refusal(json::array({GoodRule(), second})) ==
          "/rules/1/name: rule 0 is named 'Tag urgent' already (history tells rules apart by name)");

    // The path points into the list: the third rule's first action.
    json third = GoodRule();
    third["id"] = "r3";
    third["name"] = "Third";
    third["actions"] = json::array({{{"kind", "move"}, {"status", "gone"}}});
    second["name"] = "Second";
    CHECK(Refusal(json::array({GoodRule(), second, third})).starts_with("/rules/2/actions/0/status: unknown status 'gone'"));
}

TEST_CASE("members are checked when the board has some, as ApplyChange checks them") {
    BoardConfig nobody = DefaultConfig();
    json rule = GoodRule();
    rule["actions"] = json::array({{{"kind", "assign"}, {"member", "whoever"}}});
    CHECK(Refusal(json::array({rule}), nobody) == "(accepted)");
    CHECK(Refusal(json::array({rule})).starts_with("/rules/0/actions/0/member: unknown member 'whoever'"));
}

TEST_CASE("CheckRules checks and compiles rules built in code") {
    RuleSettings settings;
    Rule rule;
    rule.id = "r1";
    rule.name = "Code rule";
    rule.condition = "label:vip";
    rule.actions.push_back(RuleAction{ActionKind::Move, "", nullptr, "", "", "", true, "nowhere"});
    settings.rules.push_back(rule);
    CHECK(CheckRules(settings, TeamConfig()).error().Describe().starts_with("/rules/0/actions/0/status: unknown status"));
    settings.rules[0].actions[0].status = "waiting";
    REQUIRE(CheckRules(settings, TeamConfig()).ok());
    Desk desk;
    desk.rules = settings;
    std::string plain = desk.Create({{"title", "Plain"}});
    std::string vip = desk.Create({{"title", "VIP"}, {"labels", {"vip"}}});
    CHECK(desk.T(plain).status == "new");
    CHECK(desk.T(vip).status == "waiting");  // the condition was compiled
}

// --- triggers ---------------------------------------------------------------------

TEST_CASE("created: a new ticket gets the rule's actions, in history under the rule's name") {
    Desk desk;
    desk.rules = Rules(json::array({{{"id", "r1"},
                                     {"name", "Welcome"},
                                     {"trigger", {{"kind", "created"}}},
                                     {"actions", json::array({{{"kind", "add_label"}, {"label", "new-ticket"}},
                                                              {{"kind", "assign"}, {"member", "alice"}}})}}}));
    std::string id = desk.Create({{"title", "Printer jams"}});
    const Ticket& t = desk.T(id);
    CHECK(t.labels == Strings{"new-ticket"});
    CHECK(t.assignee == "alice");
    CHECK(HistoryBy(t, "rule:Welcome") == "assignee labels");
    CHECK(HistoryBy(t, "agent") == "created");
    REQUIRE(desk.last.fired.size() == 1);
    CHECK(desk.last.fired[0].ticket_id == id);
    CHECK(desk.last.inverses.size() == 1);
    // Editing the ticket afterwards is not a creation.
    desk.Update(id, {{"title", "Printer jams again"}});
    CHECK(desk.last.fired.empty());
}

TEST_CASE("field changed: only the named field triggers, including comments and custom fields") {
    Desk desk;
    desk.rules = Rules(json::array({
        {{"id", "p"}, {"name", "Priority watch"}, {"trigger", {{"kind", "field_changed"}, {"field", "priority"}}},
         {"actions", json::array({{{"kind", "add_comment"}, {"body", "Priority changed"}}})}},
        {{"id", "c"}, {"name", "Answer watch"}, {"trigger", {{"kind", "field_changed"}, {"field", "comment"}}},
         {"actions", json::array({{{"kind", "add_label"}, {"label", "discussed"}}})}},
        {{"id", "s"}, {"name", "Severity watch"}, {"trigger", {{"kind", "field_changed"}, {"field", "fields.severity"}}},
         {"actions", json::array({{{"kind", "raise_priority"}}})}},
    }));
    std::string id = desk.Create({{"title", "Crash"}, {"type", "bug"}, {"fields.steps", "Open it"}});
    CHECK(desk.last.fired.empty());
    desk.Update(id, {{"title", "Crash on start"}});
    CHECK(desk.last.fired.empty());
    desk.Update(id, {{"priority", "high"}});
    REQUIRE(desk.last.fired.size() == 2);
    CHECK(Bodies(desk.T(id)) == Strings{"Priority changed"});
    // The rule's own note is a comment: "Answer watch" followed in the same cascade.
    CHECK(desk.last.fired[1].rule == 1);
    CHECK(desk.T(id).labels == Strings{"discussed"});
    desk.Update(id, {{"fields.severity", "Major"}});
    REQUIRE(desk.last.fired.size() == 2);  // severity -> urgent, which is a priority change -> note
    CHECK(desk.T(id).priority == "urgent");
    CHECK(Bodies(desk.T(id)) == Strings{"Priority changed", "Priority changed"});
    // A person's comment triggers too; the label is there already, so nothing is written.
    desk.Do({{"op", "comment"}, {"id", id}, {"comment", {{"id", "c1"}, {"body", "Any news?"}}}});
    CHECK(desk.last.fired.empty());
}

TEST_CASE("status entered: on a move, and on creation in that status") {
    Desk desk;
    desk.rules = Rules(json::array({{{"id", "w"},
                                     {"name", "Waiting label"},
                                     {"trigger", {{"kind", "status_entered"}, {"status", "waiting"}}},
                                     {"actions", json::array({{{"kind", "add_label"}, {"label", "on-hold"}}})}}}));
    std::string a = desk.Create({{"title", "A"}});
    CHECK(desk.T(a).labels.empty());
    desk.Update(a, {{"status", "in_progress"}});
    CHECK(desk.T(a).labels.empty());
    desk.Update(a, {{"status", "waiting"}});
    CHECK(desk.T(a).labels == Strings{"on-hold"});
    std::string b = desk.Create({{"title", "B"}, {"status", "waiting"}});
    CHECK(desk.T(b).labels == Strings{"on-hold"});
}

// --- actions ----------------------------------------------------------------------

TEST_CASE("each action becomes the right change record, which ApplyChange accepts") {
    Desk desk;
    desk.rules = Rules(json::array({{{"id", "all"},
                                     {"name", "Everything"},
                                     {"trigger", {{"kind", "field_changed"}, {"field", "title"}}},
                                     {"actions", json::array({
                                                     {{"kind", "set_field"}, {"field", "fields.environment"}, {"value", "prod"}},
                                                     {{"kind", "assign"}, {"member", "bob"}},
                                                     {{"kind", "add_label"}, {"label", "triaged"}},
                                                     {{"kind", "add_comment"}, {"body", "Looking into it"}, {"internal", false}},
                                                     {{"kind", "move"}, {"status", "in_progress"}},
                                                     {{"kind", "raise_priority"}},
                                                     {{"kind", "notify"}, {"message", "A bug moved"}},
                                                 })}}}));
    std::string id = desk.Create({{"title", "Crash"}, {"type", "bug"}, {"fields.steps", "Open it"}, {"labels", {"ui"}}});
    desk.now += kHour;
    json change = {{"op", "update"}, {"id", id}, {"set", {{"title", "Crash at start"}}}, {"at", desk.now}, {"by", "agent"}};
    Result<Applied> applied = ApplyChange(desk.board, change);
    REQUIRE(applied.ok());
    std::vector<ChangeEvent> events = EventsFromApplied(change, applied.value(), desk.board);
    REQUIRE(events.size() == 1);

    std::vector<RuleFiring> firings = EvaluateOnChange(desk.rules, desk.board, events[0], desk.Context());
    REQUIRE(firings.size() == 1);
    const RuleFiring& f = firings[0];
    CHECK(f.notifications == Strings{"A bug moved"});
    CHECK(f.skipped.empty());
    const std::string at = std::to_string(desk.now);
    json expected = {
        {"op", "batch"},
        {"at", desk.now},
        {"by", "rule:Everything"},
        {"changes",
         json::array({{{"op", "update"},
                       {"id", id},
                       {"set",
                        {{"fields.environment", "prod"},
                         {"assignee", "bob"},
                         {"labels", {"ui", "triaged"}},
                         {"status", "in_progress"},
                         {"priority", "high"}}}},
                      {{"op", "comment"},
                       {"id", id},
                       {"comment",
                        {{"id", "rule-all-" + at + "-0"},
                         {"author", "rule:Everything"},
                         {"at", desk.now},
                         {"body", "Looking into it"},
                         {"internal", false}}}},
                      {{"op", "comment"},
                       {"id", id},
                       {"comment",
                        {{"id", "rule-all-" + at + "-1"},
                         {"author", "rule:Everything"},
                         {"at", desk.now},
                         {"body", "Notified: A bug moved"},
                         {"internal", true}}}}})}};
    CHECK(f.change == expected);

    Result<Applied> done = ApplyChange(desk.board, f.change);
    REQUIRE_MESSAGE(done.ok(), (done.ok() ? "" : done.error().Describe()));
    const Ticket& t = desk.T(id);
    CHECK(t.fields["environment"] == "prod");
    CHECK(t.assignee == "bob");
    CHECK(t.labels == Strings{"ui", "triaged"});
    CHECK(t.status == "in_progress");
    CHECK(t.priority == "high");
    CHECK(Bodies(t) == Strings{"Looking into it", "Notified: A bug moved"});
    CHECK(t.comments[0].author == "rule:Everything");
    CHECK(t.first_response_at == desk.now);  // a public answer, as from anyone but the requester
    CHECK(HistoryBy(t, "rule:Everything") == "assignee fields.environment labels priority status comment comment");
    for (const HistoryEntry& h : t.history)
        if (h.by == "rule:Everything") CHECK(h.at == desk.now);
}

TEST_CASE("a single action is a plain record; actions with nothing to do are left out") {
    Desk desk;
    std::string id = desk.Create({{"title", "Urgent thing"}, {"priority", "urgent"}, {"labels", {"hot"}}, {"assignee", "bob"}});
    desk.rules = Rules(json::array({{{"id", "r"},
                                     {"name", "Noop"},
                                     {"trigger", {{"kind", "field_changed"}, {"field", "title"}}},
                                     {"actions", json::array({{{"kind", "raise_priority"}},  // already the most urgent
                                                              {{"kind", "add_label"}, {"label", "hot"}},
                                                              {{"kind", "assign"}, {"member", "bob"}},
                                                              {{"kind", "move"}, {"status", "new"}},
                                                              {{"kind", "set_field"}, {"field", "due"}, {"value", nullptr}}})}}}));
    ChangeEvent title{id, false, {"title"}, "", "new", "agent"};
    CHECK(EvaluateOnChange(desk.rules, desk.board, title, desk.Context()).empty());
    desk.Update(id, {{"title", "Urgent thing!"}});
    CHECK(desk.last.fired.empty());
    CHECK(HistoryBy(desk.T(id), "rule:Noop") == "");

    desk.rules.rules[0].actions.push_back(RuleAction{ActionKind::AddLabel, "", nullptr, "", "vip", "", true, ""});
    std::vector<RuleFiring> firings = EvaluateOnChange(desk.rules, desk.board, title, desk.Context());
    REQUIRE(firings.size() == 1);
    CHECK(firings[0].change == json{{"op", "update"},
                                    {"id", id},
                                    {"set", {{"labels", {"hot", "vip"}}}},
                                    {"at", desk.now},
                                    {"by", "rule:Noop"}});
}

TEST_CASE("actions that cannot run are skipped with the reason; refused records are reported") {
    BoardConfig strict = TeamConfig();
    strict.transitions = {{"new", "triage"}, {"triage", "in_progress"}};
    Desk desk(strict);
    desk.rules = Rules(json::array({{{"id", "r"},
                                     {"name", "Try"},
                                     {"trigger", {{"kind", "created"}}},
                                     {"actions", json::array({{{"kind", "move"}, {"status", "closed"}},
                                                              {{"kind", "assign"}, {"member", "auto"}},
                                                              {{"kind", "set_field"}, {"field", "fields.severity"}, {"value", "Major"}},
                                                              {{"kind", "add_label"}, {"label", "tried"}}})}}}),
                       strict);
    std::string id = desk.Create({{"title", "Support question"}});
    REQUIRE(desk.last.fired.size() == 1);
    CHECK(desk.last.fired[0].skipped ==
          Strings{"move to closed: not allowed from new by the board's workflow", "assign auto: no routing was given",
                  "set fields.severity: the ticket's type (support) has no such field"});
    CHECK(desk.T(id).labels == Strings{"tried"});
    CHECK(desk.T(id).status == "new");

    // Routing given: "auto" takes its answer; an empty answer is skipped.
    desk.route = [](const Ticket&, const Board&) { return std::string("lead"); };
    std::string routed = desk.Create({{"title", "Another"}});
    CHECK(desk.T(routed).assignee == "lead");
    desk.route = [](const Ticket&, const Board&) { return std::string(); };
    desk.Create({{"title", "Third"}});
    CHECK(desk.last.fired[0].skipped[1] == "assign auto: routing found nobody");

    // A record ApplyChange refuses (a bug needs its steps) is reported, nothing half done.
    Desk other;
    other.rules = Rules(json::array({{{"id", "b"},
                                      {"name", "Make bug"},
                                      {"trigger", {{"kind", "created"}}},
                                      {"actions", json::array({{{"kind", "set_field"}, {"field", "type"}, {"value", "bug"}},
                                                               {{"kind", "add_label"}, {"label", "bug"}}})}}}));
    std::string t = other.Create({{"title", "Not a bug yet"}});
    CHECK(other.last.fired.empty());
    REQUIRE(other.last.errors.size() == 1);
    CHECK(other.last.errors[0].ticket_id == t);
    CHECK(other.last.errors[0].error.message == "a Bug needs: Steps to reproduce");
    CHECK(other.T(t).type == "support");
    CHECK(other.T(t).labels.empty());
}

// --- conditions, enabling, order ----------------------------------------------------

TEST_CASE("the condition filters tickets, read as they are at that moment") {
    Desk desk;
    desk.rules = Rules(json::array({{{"id", "v"},
                                     {"name", "VIP first"},
                                     {"trigger", {{"kind", "created"}}},
                                     {"condition", "label:vip OR \"board meeting\" OR prio:urgent"},
                                     {"actions", json::array({{{"kind", "assign"}, {"member", "lead"}}})}}}));
    CHECK(desk.T(desk.Create({{"title", "Printer"}})).assignee == "");
    CHECK(desk.T(desk.Create({{"title", "Printer"}, {"labels", {"VIP"}}})).assignee == "lead");
    CHECK(desk.T(desk.Create({{"title", "Projector for the Board Meeting"}})).assignee == "lead");
    CHECK(desk.T(desk.Create({{"title", "Down"}, {"priority", "urgent"}})).assignee == "lead");
    // A saved condition's last word is whole, not a prefix as in the filter bar.
    desk.rules.rules[0].condition = "vip";
    REQUIRE(CheckRules(desk.rules, desk.board.config()).ok());
    CHECK(desk.T(desk.Create({{"title", "vipers"}})).assignee == "");
    CHECK(desk.T(desk.Create({{"title", "vip lounge"}})).assignee == "lead");
}

TEST_CASE("disabled rules do nothing, and enabling them brings them back") {
    Desk desk;
    json rule = GoodRule();
    rule["enabled"] = false;
    desk.rules = Rules(json::array({rule}));
    CHECK(desk.T(desk.Create({{"title", "x"}, {"priority", "urgent"}})).labels.empty());
    desk.rules.rules[0].enabled = true;
    CHECK(desk.T(desk.Create({{"title", "y"}, {"priority", "urgent"}})).labels == Strings{"hot"});
}

TEST_CASE("rules act in order: later rules see what earlier ones did in the same cascade") {
    json raise = {{"id", "raise"},
                  {"name", "Outages are urgent"},
                  {"trigger", {{"kind", "created"}}},
                  {"condition", "outage"},
                  {"actions", json::array({{{"kind", "set_field"}, {"field", "priority"}, {"value", "urgent"}}})}};
    json page = {{"id", "page"},
                 {"name", "Page the lead"},
                 {"trigger", {{"kind", "created"}}},
                 {"condition", "prio:urgent"},
                 {"actions", json::array({{{"kind", "assign"}, {"member", "lead"}}})}};
    Desk desk;
    desk.rules = Rules(json::array({raise, page}));
    std::string id = desk.Create({{"title", "Email outage"}});
    CHECK(desk.T(id).priority == "urgent");
    CHECK(desk.T(id).assignee == "lead");
    REQUIRE(desk.last.fired.size() == 2);
    CHECK(desk.last.fired[0].rule == 0);
    CHECK(desk.last.fired[1].rule == 1);

    Desk reversed;
    reversed.rules = Rules(json::array({page, raise}));
    std::string other = reversed.Create({{"title", "Email outage"}});
    CHECK(reversed.T(other).priority == "urgent");
    CHECK(reversed.T(other).assignee == "");  // "Page the lead" looked before the priority was raised
}

// --- loops --------------------------------------------------------------------------

TEST_CASE("loops end: A labels on priority changes, B raises the priority of labelled tickets") {
    Desk desk;
    desk.rules = Rules(json::array({
        {{"id", "a"}, {"name", "A"}, {"trigger", {{"kind", "field_changed"}, {"field", "priority"}}},
         {"actions", json::array({{{"kind", "add_label"}, {"label", "x"}}, {{"kind", "add_comment"}, {"body", "A ran"}}})}},
        {{"id", "b"}, {"name", "B"}, {"trigger", {{"kind", "field_changed"}, {"field", "labels"}}}, {"condition", "label:x"},
         {"actions", json::array({{{"kind", "raise_priority"}}})}},
    }));
    std::string id = desk.Create({{"title", "Ping pong"}});
    desk.Update(id, {{"priority", "low"}});
    const Ticket& t = desk.T(id);
    CHECK(desk.last.fired.size() == 2);
    CHECK_FALSE(desk.last.depth_limited);
    CHECK(t.priority == "normal");  // raised once: B does not see its own change come back round
    CHECK(t.labels == Strings{"x"});
    CHECK(Bodies(t) == Strings{"A ran"});  // A fired once, though B changed the priority again
    CHECK(HistoryBy(t, "rule:A") == "labels comment");
    CHECK(HistoryBy(t, "rule:B") == "priority");
    // Another edit is a new cascade: A notes it again; the label is there already, so
    // the labels do not change and B has nothing to answer.
    desk.Update(id, {{"priority", "low"}});
    CHECK(desk.last.fired.size() == 1);
    CHECK(desk.T(id).priority == "low");
    CHECK(Bodies(desk.T(id)) == Strings{"A ran", "A ran"});
}

TEST_CASE("loops end: a rule does not refire for the ticket it changed, and moves do not ping-pong") {
    Desk desk;
    desk.rules = Rules(json::array({
        {{"id", "up"}, {"name", "Escalate changes"}, {"trigger", {{"kind", "field_changed"}, {"field", "priority"}}},
         {"actions", json::array({{{"kind", "raise_priority"}}})}},
        {{"id", "w"}, {"name", "Wake"}, {"trigger", {{"kind", "status_entered"}, {"status", "waiting"}}},
         {"actions", json::array({{{"kind", "move"}, {"status", "in_progress"}}})}},
        {{"id", "s"}, {"name", "Sleep"}, {"trigger", {{"kind", "status_entered"}, {"status", "in_progress"}}},
         {"actions", json::array({{{"kind", "move"}, {"status", "waiting"}}})}},
    }));
    std::string id = desk.Create({{"title", "Loop"}});
    desk.Update(id, {{"priority", "low"}});
    CHECK(desk.T(id).priority == "normal");  // not all the way to urgent
    CHECK(desk.last.fired.size() == 1);
    desk.Update(id, {{"status", "waiting"}});
    CHECK(desk.last.fired.size() == 2);  // Wake, then Sleep; Wake does not answer again
    CHECK(desk.T(id).status == "waiting");
}

TEST_CASE("cascades stop at the depth limit") {
    // Rule k adds label l<k> when l<k-1> is there; listed last-first, so each level of the
    // cascade fires one rule, and a chain of 10 runs past kMaxCascadeDepth.
    json rules = json::array();
    for (int k = 10; k >= 1; --k)
        rules.push_back({{"id", "r" + std::to_string(k)},
                         {"name", "Chain " + std::to_string(k)},
                         {"trigger", {{"kind", "field_changed"}, {"field", "labels"}}},
                         {"condition", "label:l" + std::to_string(k - 1)},
                         {"actions", json::array({{{"kind", "add_label"}, {"label", "l" + std::to_string(k)}}})}});
    Desk desk;
    desk.rules = Rules(rules);
    std::string id = desk.Create({{"title", "Chain"}});
    desk.Update(id, {{"labels", {"l0"}}});
    CHECK(desk.last.depth_limited);
    CHECK(desk.last.fired.size() == static_cast<std::size_t>(kMaxCascadeDepth));
    CHECK(desk.T(id).labels.size() == static_cast<std::size_t>(kMaxCascadeDepth) + 1);
}

// --- events -------------------------------------------------------------------------

TEST_CASE("events come from what an applied change really changed") {
    Board board(TeamConfig());
    auto apply = [&](json change) {
        change["at"] = kT0;
        change["by"] = "agent";
        Result<Applied> applied = ApplyChange(board, change);
        REQUIRE_MESSAGE(applied.ok(), (applied.ok() ? "" : applied.error().Describe()));
        return EventsFromApplied(change, applied.value(), board);
    };
    json create = MakeCreate(board, {{"title", "A"}}, "a", kT0, Actor{"agent"}).value();
    std::vector<ChangeEvent> events = apply({{"op", "batch"},
                                             {"changes", json::array({create,
                                                                      {{"op", "comment"},
                                                                       {"id", "a"},
                                                                       {"comment", {{"id", "c1"}, {"body", "hi"}}}}})}});
    REQUIRE(events.size() == 1);
    CHECK(events[0].ticket_id == "a");
    CHECK(events[0].created);
    CHECK(events[0].fields == Strings{"comment"});
    CHECK(events[0].new_status == "new");
    CHECK(events[0].by == "agent");

    events = apply({{"op", "update"}, {"id", "a"}, {"set", {{"status", "waiting"}, {"priority", "normal"}, {"labels", {"x"}}}}});
    REQUIRE(events.size() == 1);  // priority was normal already
    CHECK_FALSE(events[0].created);
    CHECK(events[0].fields == Strings{"labels", "status"});
    CHECK(events[0].old_status == "new");
    CHECK(events[0].new_status == "waiting");

    CHECK(apply({{"op", "update"}, {"id", "a"}, {"set", {{"priority", "normal"}}}}).empty());  // nothing changed

    apply(MakeCreate(board, {{"title", "B"}}, "b", kT0, Actor{"agent"}).value());
    events = apply({{"op", "link"}, {"id", "a"}, {"kind", "blocks"}, {"target", "b"}});
    REQUIRE(events.size() == 2);
    CHECK(events[0].fields == Strings{"link"});
    CHECK(events[1].ticket_id == "b");

    apply({{"op", "delete"}, {"id", "b"}});
    events = apply({{"op", "restore"}, {"id", "b"}});
    CHECK(events.empty());  // a restore is not a creation

    // Changes that arrive by sync or import ran their rules where they were made.
    Ticket remote = *board.Find("a");
    remote.title = "A, edited elsewhere";
    CHECK(apply({{"op", "sync"}, {"tickets", json::array({TicketToJson(remote)})}}).empty());
}

// --- timed rules ------------------------------------------------------------------

TEST_CASE("due: fires once when the window opens, again only when the due time moves") {
    Desk desk;
    desk.rules = Rules(json::array({{{"id", "d"},
                                     {"name", "Due soon"},
                                     {"trigger", {{"kind", "due"}, {"minutes", 60}}},
                                     {"actions", json::array({{{"kind", "notify"}, {"message", "due within the hour"}}})}}}));
    std::string id = desk.Create({{"title", "Deadline"}, {"due", kT0 + 2 * kHour}});
    std::string none = desk.Create({{"title", "No deadline"}});
    desk.now = kT0 + 30 * kMinute;
    CHECK(desk.Pass().fired.empty());
    desk.now = kT0 + kHour;  // exactly an hour before: the window is open
    RuleRun run = desk.Pass();
    REQUIRE(run.fired.size() == 1);
    CHECK(run.fired[0].ticket_id == id);
    CHECK(run.fired[0].notifications == Strings{"due within the hour"});
    CHECK(Bodies(desk.T(id)) == Strings{"Notified: due within the hour"});
    desk.now += kMinute;
    CHECK(desk.Pass().fired.empty());
    desk.now = kT0 + 5 * kHour;  // overdue now, still the same occurrence
    CHECK(desk.Pass().fired.empty());
    desk.Update(id, {{"due", kT0 + 10 * kHour}});
    CHECK(desk.Pass().fired.empty());
    desk.now = kT0 + 9 * kHour;
    CHECK(desk.Pass().fired.size() == 1);
    CHECK(desk.T(id).comments.size() == 2);
    CHECK(desk.T(none).comments.empty());
}

TEST_CASE("idle: fires after N quiet days, and again after N more") {
    Desk desk;
    desk.rules = Rules(json::array({{{"id", "i"},
                                     {"name", "Nudge"},
                                     {"trigger", {{"kind", "idle"}, {"days", 3}}},
                                     {"condition", "status:waiting"},
                                     {"actions", json::array({{{"kind", "add_comment"}, {"body", "Still need help?"}, {"internal", false}}})}}}));
    std::string waiting = desk.Create({{"title", "Waiting on customer"}, {"status", "waiting"}});
    std::string busy = desk.Create({{"title", "Being worked"}, {"status", "in_progress"}});
    desk.now = kT0 + 2 * kDay;
    CHECK(desk.Pass().fired.empty());
    desk.now = kT0 + 3 * kDay;
    CHECK(desk.Pass().fired.size() == 1);  // not the ticket in progress: the condition
    desk.now = kT0 + 4 * kDay;
    CHECK(desk.Pass().fired.empty());
    desk.now = kT0 + 6 * kDay;
    CHECK(desk.Pass().fired.size() == 1);
    CHECK(Bodies(desk.T(waiting)) == Strings{"Still need help?", "Still need help?"});
    CHECK(desk.T(busy).comments.empty());
}

TEST_CASE("timed rules due together on a ticket all fire, in order, unless an earlier one closed it") {
    json note = {{"id", "n"},
                 {"name", "Note"},
                 {"trigger", {{"kind", "idle"}, {"days", 2}}},
                 {"actions", json::array({{{"kind", "add_comment"}, {"body", "Quiet for two days"}}})}};
    json label = {{"id", "l"},
                  {"name", "Label"},
                  {"trigger", {{"kind", "idle"}, {"days", 2}}},
                  {"actions", json::array({{{"kind", "add_label"}, {"label", "stale"}}})}};
    json close = {{"id", "c"},
                  {"name", "Close"},
                  {"trigger", {{"kind", "idle"}, {"days", 2}}},
                  {"actions", json::array({{{"kind", "move"}, {"status", "closed"}}})}};
    Desk desk;
    desk.rules = Rules(json::array({note, label}));
    std::string id = desk.Create({{"title", "Quiet"}});
    desk.now += 2 * kDay;
    // The note ends the idle spell, but both were due when the pass began.
    CHECK(desk.Pass().fired.size() == 2);
    CHECK(desk.T(id).labels == Strings{"stale"});

    Desk other;
    other.rules = Rules(json::array({close, note}));
    std::string closed = other.Create({{"title", "Quiet"}});
    other.now += 2 * kDay;
    CHECK(other.Pass().fired.size() == 1);
    CHECK(other.T(closed).status == "closed");
    CHECK(other.T(closed).comments.empty());
}

TEST_CASE("escalation: a breached ticket is raised, reassigned, labelled and announced, once") {
    Desk desk;
    desk.rules = Rules(json::array({{{"id", "esc"},
                                     {"name", "Escalate"},
                                     {"trigger", {{"kind", "sla_breached"}}},
                                     {"condition", "-label:escalated"},
                                     {"actions", json::array({{{"kind", "raise_priority"}},
                                                              {{"kind", "assign"}, {"member", "lead"}},
                                                              {{"kind", "add_label"}, {"label", "escalated"}},
                                                              {{"kind", "notify"}, {"message", "SLA breached"}}})}}}));
    std::string id = desk.Create({{"title", "Late"}, {"priority", "high"}, {"assignee", "alice"}});
    std::string fine = desk.Create({{"title", "On time"}});
    SlaFlagList sla(2);
    sla[0].breached = true;
    sla[0].breached_since = kT0 + 24 * kHour;
    desk.now = kT0 + 25 * kHour;
    RuleRun run = desk.Pass(sla);
    REQUIRE(run.fired.size() == 1);
    CHECK(run.fired[0].notifications == Strings{"SLA breached"});
    const Ticket& t = desk.T(id);
    CHECK(t.priority == "urgent");
    CHECK(t.assignee == "lead");
    CHECK(t.labels == Strings{"escalated"});
    CHECK(HistoryBy(t, "rule:Escalate") == "assignee labels priority comment");
    CHECK(HistoryBy(desk.T(fine), "rule:Escalate") == "");

    // Next pass, still breached: fired already for this breach (the condition would
    // stop it too; without it, history alone does).
    desk.rules.rules[0].condition = "";
    REQUIRE(CheckRules(desk.rules, desk.board.config()).ok());
    desk.now += kHour;
    CHECK(desk.Pass(sla).fired.empty());
    // A new deadline (say the priority was lowered, then missed again) is a new breach.
    sla[0].breached_since = desk.now + kHour;
    desk.now += 2 * kHour;
    CHECK(desk.Pass(sla).fired.size() == 1);
    CHECK(desk.T(id).comments.size() == 2);
}

TEST_CASE("at risk without a start time: once per opening of the ticket") {
    Desk desk;
    desk.rules = Rules(json::array({{{"id", "risk"},
                                     {"name", "Warn"},
                                     {"trigger", {{"kind", "sla_at_risk"}}},
                                     {"actions", json::array({{{"kind", "notify"}, {"message", "at risk"}}})}}}));
    std::string id = desk.Create({{"title", "Slow"}});
    SlaFlagList sla(1, SlaFlags{true, false, 0, 0});
    desk.now += kHour;
    CHECK(desk.Pass(sla).fired.size() == 1);
    desk.now += kHour;
    CHECK(desk.Pass(sla).fired.empty());
    CHECK(desk.Pass({}).fired.empty());  // no flags given: not at risk
    desk.Update(id, {{"status", "resolved"}});
    CHECK(desk.Pass(sla).fired.empty());  // done tickets are left alone
    desk.now += kHour;
    desk.Do({{"op", "reopen"}, {"id", id}, {"reason", "came back"}});
    desk.now += kHour;
    CHECK(desk.Pass(sla).fired.size() == 1);
}

TEST_CASE("timed rules leave done and deleted tickets alone") {
    Desk desk;
    desk.rules = Rules(json::array({{{"id", "o"},
                                     {"name", "Overdue"},
                                     {"trigger", {{"kind", "due"}}},
                                     {"actions", json::array({{{"kind", "add_label"}, {"label", "late"}}})}}}));
    std::string open = desk.Create({{"title", "Open"}, {"due", kT0 + kHour}});
    std::string resolved = desk.Create({{"title", "Resolved"}, {"due", kT0 + kHour}, {"status", "resolved"}});
    std::string deleted = desk.Create({{"title", "Deleted"}, {"due", kT0 + kHour}});
    desk.Do({{"op", "delete"}, {"id", deleted}});
    desk.now = kT0 + kHour - 1;
    CHECK(desk.Pass().fired.empty());  // minutes 0: only once overdue
    desk.now = kT0 + 2 * kHour;
    CHECK(EvaluateTimed(desk.rules, desk.board, desk.Context(), {}).size() == 1);
    RuleRun run = desk.Pass();
    REQUIRE(run.fired.size() == 1);
    CHECK(run.fired[0].ticket_id == open);
    CHECK(desk.T(resolved).labels.empty());
    CHECK(desk.T(deleted).labels.empty());
    desk.rules.rules[0].enabled = false;
    desk.Update(open, {{"due", kT0 + 90 * kMinute}});
    CHECK(desk.Pass().fired.empty());
}

TEST_CASE("what fired survives journal replay and a round trip through JSON (sync)") {
    Desk desk;
    desk.rules = Rules(json::array({{{"id", "o"},
                                     {"name", "Overdue note"},
                                     {"trigger", {{"kind", "due"}}},
                                     {"actions", json::array({{{"kind", "notify"}, {"message", "overdue"}}})}}}));
    desk.Create({{"title", "One"}, {"due", kT0 + kHour}});
    desk.Create({{"title", "Two"}, {"due", kT0 + 3 * kHour}});
    desk.now = kT0 + 2 * kHour;
    CHECK(desk.Pass().fired.size() == 1);

    Board replayed(TeamConfig());
    for (const json& change : desk.log) REQUIRE(ApplyChange(replayed, change).ok());
    Result<Board> synced = BoardFromJson(BoardToJson(desk.board));
    REQUIRE(synced.ok());
    RuleContext later{kT0 + 2 * kHour + kMinute, nullptr};
    CHECK(EvaluateTimed(desk.rules, replayed, later, {}).empty());
    CHECK(EvaluateTimed(desk.rules, synced.value(), later, {}).empty());
    later.now = kT0 + 4 * kHour;  // the second ticket's turn, on any copy
    CHECK(EvaluateTimed(desk.rules, replayed, later, {}).size() == 1);
    CHECK(EvaluateTimed(desk.rules, synced.value(), later, {}).size() == 1);
}

TEST_CASE("a timed firing cascades into event rules, each once") {
    Desk desk;
    desk.rules = Rules(json::array({
        {{"id", "esc"}, {"name", "Escalate"}, {"trigger", {{"kind", "sla_breached"}}},
         {"actions", json::array({{{"kind", "raise_priority"}}})}},
        {{"id", "pg"}, {"name", "Page"}, {"trigger", {{"kind", "field_changed"}, {"field", "priority"}}},
         {"condition", "prio:urgent"}, {"actions", json::array({{{"kind", "assign"}, {"member", "lead"}}})}},
    }));
    std::string id = desk.Create({{"title", "Hot"}, {"priority", "high"}});
    desk.now += kDay;
    RuleRun run = desk.Pass(SlaFlagList(1, SlaFlags{false, true, 0, kT0 + kHour}));
    CHECK(run.fired.size() == 2);
    CHECK(desk.T(id).priority == "urgent");
    CHECK(desk.T(id).assignee == "lead");
}

// --- dry run ------------------------------------------------------------------------

TEST_CASE("a dry run lists the tickets a rule would act on and what it would do, changing nothing") {
    Desk desk;
    std::string a = desk.Create({{"title", "VPN down"}, {"labels", {"vip"}}, {"due", kT0 + kHour}});
    std::string b = desk.Create({{"title", "Printer"}, {"due", kT0 + kHour}});
    std::string c = desk.Create({{"title", "Mouse"}, {"labels", {"vip"}}});
    std::string d = desk.Create({{"title", "Gone"}, {"labels", {"vip"}}});
    desk.Do({{"op", "delete"}, {"id", d}});
    json before = BoardToJson(desk.board);

    Rule rule = Rules(json::array({{{"id", "p"},
                                    {"name", "VIP"},
                                    {"enabled", false},
                                    {"trigger", {{"kind", "field_changed"}, {"field", "priority"}}},
                                    {"condition", "label:vip"},
                                    {"actions", json::array({{{"kind", "assign"}, {"member", "lead"}}})}}}))
                    .rules[0];
    Result<RulePreview> preview = PreviewRule(rule, desk.board, desk.Context(), {});
    REQUIRE(preview.ok());
    CHECK(preview.value().tickets == std::vector<std::size_t>{0, 2});
    REQUIRE(preview.value().firings.size() == 2);
    CHECK(preview.value().firings[1].ticket_id == c);
    CHECK(preview.value().firings[1].change["set"] == json{{"assignee", "lead"}});
    CHECK(BoardToJson(desk.board) == before);

    // A timed rule: only what a pass would do now.
    rule.trigger = RuleTrigger{TriggerKind::Due, "", "", 0, 0};
    rule.condition = "";
    desk.now = kT0 + 2 * kHour;
    preview = PreviewRule(rule, desk.board, desk.Context(), {}, 1);
    REQUIRE(preview.ok());
    CHECK(preview.value().tickets == std::vector<std::size_t>{0, 1});
    CHECK(preview.value().firings.size() == 1);  // capped
    CHECK(preview.value().firings[0].ticket_id == a);
    CHECK(BoardToJson(desk.board) == before);
    (void)b;

    // An unsaved rule with a mistake says so instead.
    rule.actions[0] = RuleAction{ActionKind::Move, "", nullptr, "", "", "", true, "limbo"};
    Result<RulePreview> refused = PreviewRule(rule, desk.board, desk.Context(), {});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().Describe().starts_with("/actions/0/status: unknown status 'limbo'"));
}

// --- scale ----------------------------------------------------------------------------

TEST_CASE("a timed pass over 100k tickets is one cheap pass; an edit's cascade is quick") {
    Board board(TeamConfig());
    board.Reserve(100000);
    const char* statuses[] = {"new", "in_progress", "waiting", "resolved", "closed", "closed"};
    for (int i = 0; i < 100000; ++i) {
        Ticket t;
        t.id = "t" + std::to_string(i);
        t.title = "Ticket number " + std::to_string(i);
        t.type = "support";
        t.status = statuses[i % 6];
        t.priority = i % 50 == 0 ? "urgent" : "normal";
        t.created = kT0 - (i % 90) * kDay;
        t.updated = t.created + kHour;
        t.due = i % 3 == 0 ? kT0 + (i % 20 - 10) * kDay : 0;
        t.history.push_back(HistoryEntry{t.created, "agent", "created", nullptr, t.title, ""});
        board.Insert(std::move(t));
    }
    RuleSettings rules = Rules(json::array({
        {{"id", "o"}, {"name", "Overdue urgent"}, {"trigger", {{"kind", "due"}}}, {"condition", "prio:urgent"},
         {"actions", json::array({{{"kind", "add_label"}, {"label", "late"}}})}},
        {{"id", "i"}, {"name", "Idle"}, {"trigger", {{"kind", "idle"}, {"days", 60}}}, {"condition", "status:waiting"},
         {"actions", json::array({{{"kind", "move"}, {"status", "closed"}}})}},
        {{"id", "b"}, {"name", "Breached"}, {"trigger", {{"kind", "sla_breached"}}},
         {"actions", json::array({{{"kind", "raise_priority"}}})}},
    }));
    SlaFlagList sla(board.tickets().size());
    for (std::size_t i = 0; i < sla.size(); i += 1000) sla[i].breached = true;
    RuleContext context{kT0, nullptr};

    auto start = std::chrono::steady_clock::now();
    std::vector<RuleFiring> firings = EvaluateTimed(rules, board, context, sla);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("timed evaluation over 100k tickets: " << ms << " ms, " << firings.size() << " firings");
    CHECK(firings.size() > 100);
    CHECK(ms < 500);  // a loose bound for slow machines; the figure above is the one to watch

    RuleRun run = RunTimed(rules, board, context, sla);
    CHECK(run.errors.empty());
    CHECK(run.fired.size() == firings.size());
    start = std::chrono::steady_clock::now();
    CHECK(EvaluateTimed(rules, board, context, sla).empty());  // fired once
    ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("the next pass, nothing left to fire: " << ms << " ms");

    // One edit and its cascade, with 30 event rules to consider.
    json many = json::array();
    for (int k = 0; k < 30; ++k)
        many.push_back({{"id", "e" + std::to_string(k)},
                        {"name", "Event " + std::to_string(k)},
                        {"trigger", {{"kind", "field_changed"}, {"field", k % 2 ? "priority" : "labels"}}},
                        {"condition", "status:open label:x" + std::to_string(k)},
                        {"actions", json::array({{{"kind", "add_label"}, {"label", "y" + std::to_string(k)}}})}});
    RuleSettings events = Rules(many);
    json change = {{"op", "update"}, {"id", "t7"}, {"set", {{"priority", "high"}, {"labels", {"x1", "x2"}}}},
                   {"at", kT0}, {"by", "agent"}};
    start = std::chrono::steady_clock::now();
    Result<Applied> applied = ApplyChange(board, change);
    REQUIRE(applied.ok());
    RuleRun cascade = RunCascade(events, board, EventsFromApplied(change, applied.value(), board), context);
    ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("one edit and its cascade: " << ms << " ms");
    CHECK(cascade.fired.size() == 2);
    CHECK(board.Find("t7")->labels == Strings{"x1", "x2", "y1", "y2"});
}

// --- SlaFlagCache -----------------------------------------------------------------------

namespace {

SlaSettings CacheSla(int warn_percent = 80) {
    json value = {{"calendar", {{"time_zone", "Europe/Stockholm"}, {"holidays", json::array({"2026-01-02"})}}},
                  {"policies",
                   {{{"priority", "urgent"}, {"response_minutes", 30}, {"resolution_minutes", 120}},
                    {{"priority", "high"}, {"type", "feature"}, {"response_minutes", 10}, {"resolution_minutes", 60}}}},
                  {"warn_percent", warn_percent}};
    Result<SlaSettings> sla = ParseSlaSettings(value, TeamConfig());
    REQUIRE(sla.ok());
    return sla.value();
}

void RequireSameFlags(const SlaFlagList& got, const SlaFlagList& expected, Millis now) {
    REQUIRE(got.size() == expected.size());
    for (std::size_t pos = 0; pos < got.size(); ++pos) {
        INFO("ticket ", pos, " at ", now);
        REQUIRE(got[pos].at_risk == expected[pos].at_risk);
        REQUIRE(got[pos].breached == expected[pos].breached);
        REQUIRE(got[pos].breached_since == expected[pos].breached_since);
        REQUIRE(got[pos].at_risk_since == expected[pos].at_risk_since);
    }
}

// The cache must give exactly SlaFlagsOf's flags.
void CheckSameFlags(SlaFlagCache& cache, const Board& board, const SlaSettings& sla, Millis now) {
    RequireSameFlags(cache.Flags(board, sla, now), SlaFlagsOf(board, sla, now), now);
}

// The open set must list exactly the live tickets not in a Done status; the cache reading
// only those, and a timed pass reading only those, must give what full passes give.
void CheckOpenOnly(const OpenTickets& open, SlaFlagCache& cache, const Board& board, const SlaSettings& sla, Millis now,
                   const RuleSettings& rules) {
    std::vector<std::size_t> expected;
    for (std::size_t pos = 0; pos < board.tickets().size(); ++pos) {
        const Ticket& t = board.tickets()[pos];
        const StatusDef* status = board.config().FindStatus(t.status);
        if (!t.deleted && !(status && status->category == StatusCategory::Done)) expected.push_back(pos);
    }
    REQUIRE(open.positions() == expected);
    const SlaFlagList all = SlaFlagsOf(board, sla, now);
    RequireSameFlags(cache.Flags(board, sla, now, open.positions()), all, now);
    RuleContext everything{now, nullptr, nullptr};
    RuleContext only_open{now, nullptr, &open.positions()};
    auto firings = [](const std::vector<RuleFiring>& list) {
        std::vector<std::pair<std::size_t, std::string>> out;
        for (const RuleFiring& f : list) out.emplace_back(f.rule, f.ticket_id);
        return out;
    };
    REQUIRE(firings(EvaluateTimed(rules, board, only_open, all)) == firings(EvaluateTimed(rules, board, everything, all)));
}

}  // namespace

TEST_CASE("SlaFlagCache gives SlaFlagsOf's flags through time, edits and settings changes") {
    std::mt19937 rng(42);
    auto pick = [&](std::initializer_list<const char*> from) { return std::string(from.begin()[rng() % from.size()]); };
    Board board(TeamConfig());
    Millis now = kT0 + 5 * kDay + 9 * kHour;  // Tuesday 6 January, 10:00 in Stockholm
    for (int i = 0; i < 300; ++i) {
        Ticket t;
        t.id = "t" + std::to_string(i);
        t.title = "Ticket " + std::to_string(i);
        t.type = "support";
        t.status = "new";
        t.priority = pick({"urgent", "urgent", "high", "normal", "low"});
        t.created = t.updated = now - static_cast<Millis>(rng() % (3 * kDay)) - kMinute;
        t.history.push_back(HistoryEntry{t.created, "agent", "created", nullptr, t.title, ""});
        if (i % 3 == 0) {  // some history: a move and perhaps a waiting spell
            Millis at = t.created + static_cast<Millis>(rng() % (now - t.created));
            t.history.push_back(HistoryEntry{at, "agent", "status", "new", "in_progress", ""});
            t.status = "in_progress";
            t.updated = at;
        }
        // Dated in the future (clocks from elsewhere): created later, an answer to come,
        // a waiting spell that ends later.
        if (i % 10 == 1) t.created = t.updated = now + kHour;
        if (i % 10 == 2) {  // the "completed" response clock runs on until then
            t.priority = "urgent";
            t.created = t.updated = now - 20 * kMinute;
            t.history.resize(1);
            t.history[0].at = t.created;
            t.first_response_at = now + 40 * kMinute;
        }
        if (i % 10 == 4) {
            t.priority = "urgent";
            t.created = now - 2 * kHour;
            t.history.resize(1);
            t.history[0].at = t.created;
            t.history.push_back(HistoryEntry{t.created, "agent", "status", t.status, "waiting", ""});
            t.history.push_back(HistoryEntry{now + 20 * kMinute, "agent", "status", "waiting", "in_progress", ""});
            t.status = "in_progress";
        }
        board.Insert(std::move(t));
    }
    SlaSettings sla = CacheSla();
    SlaFlagCache cache;
    CheckSameFlags(cache, board, sla, now);
    CHECK(cache.recomputed() == board.tickets().size());
    // The same walk read through the open set, as the app reads it.
    const RuleSettings timed = Rules(json::array(
        {{{"id", "b"}, {"name", "Breached"}, {"trigger", {{"kind", "sla_breached"}}}, {"actions", json::array({{{"kind", "notify"}, {"message", "late"}}})}},
         {{"id", "i"}, {"name", "Idle"}, {"trigger", {{"kind", "idle"}, {"days", 1}}}, {"actions", json::array({{{"kind", "add_label"}, {"label", "stale"}}})}}}));
    OpenTickets open;
    open.Rebuild(board);
    SlaFlagCache open_cache;
    CheckOpenOnly(open, open_cache, board, sla, now, timed);

    // Quiet minutes: nothing is worked out again until a clock reaches its warning or target.
    CheckSameFlags(cache, board, sla, now + kMinute);
    CHECK(cache.recomputed() < board.tickets().size() / 2);  // the ones dated in the future, and a few

    std::size_t breaches_seen = 0, risks_seen = 0;
    for (int step = 0; step < 400; ++step) {
        const int what = static_cast<int>(rng() % 100);
        if (what < 45) now += static_cast<Millis>(rng() % (40 * kMinute));  // time passes
        else if (what < 50) now += static_cast<Millis>(rng() % (2 * kDay));
        else if (what < 53) now -= static_cast<Millis>(rng() % kHour);  // a test clock going back
        else if (what < 90) {  // an edit, as users and rules make them
            const Ticket& t = board.tickets()[rng() % board.tickets().size()];
            json change = {{"id", t.id}, {"at", now}, {"by", "agent"}};
            switch (rng() % 6) {
                case 0: change["op"] = "update", change["set"] = {{"status", pick({"new", "in_progress", "waiting", "resolved"})}}; break;
                case 1: change["op"] = "update", change["set"] = {{"priority", pick({"urgent", "high", "normal", "low"})}}; break;
                case 2: change["op"] = "update", change["set"] = {{"type", pick({"support", "feature"})}}; break;
                case 3:
                    change["op"] = "comment";
                    change["comment"] = {{"id", "c" + std::to_string(step)}, {"author", "alice"}, {"at", now},
                                         {"body", "Answer"}, {"internal", false}};
                    break;
                case 4: change["op"] = rng() % 2 ? "delete" : "restore"; break;
                default: {  // a synced version that differs in one thing, not in `updated`
                    json synced = TicketToJson(t);
                    switch (rng() % 5) {
                        case 0: synced["priority"] = pick({"urgent", "high", "normal", "low"}); break;
                        case 1: synced["status"] = pick({"new", "in_progress", "waiting", "resolved"}); break;
                        case 2: synced["type"] = pick({"support", "feature"}); break;
                        case 3: synced["first_response_at"] = t.created + kMinute; break;
                        default:
                            synced["history"].push_back(HistoryToJson(
                                {t.history.front().at, "agent", "status", t.status, pick({"waiting", "in_progress"}), ""}));
                    }
                    change = {{"op", "sync"}, {"tickets", json::array({synced})}, {"at", now}, {"by", "sync"}};
                }
            }
            // Refusals (restoring a live ticket...) change nothing.
            if (auto applied = ApplyChange(board, change); applied) open.Update(board, applied.value().touched);
        } else if (what < 95) {  // the settings change
            sla = CacheSla(50 + static_cast<int>(rng() % 50));
        } else {  // the board's targets change
            BoardConfig config = board.config();
            config.priorities[2].resolution_minutes = 60 + static_cast<int>(rng() % 600);
            board.ReplaceConfig(config);
            open.Rebuild(board);
        }
        if (step % 50 == 0) {  // a ticket arrives (an import, a sync), open or done
            Ticket t;
            t.id = "n" + std::to_string(step);
            t.title = "Arrived " + std::to_string(step);
            t.type = "support";
            t.status = step % 100 == 0 ? "resolved" : "new";
            t.priority = "urgent";
            t.created = t.updated = now - kHour;
            t.history.push_back(HistoryEntry{t.created, "agent", "created", nullptr, t.title, ""});
            board.Insert(std::move(t));
            open.Update(board, {});
        }
        CheckSameFlags(cache, board, sla, now);
        CheckOpenOnly(open, open_cache, board, sla, now, timed);
        for (const SlaFlags& flags : cache.Flags(board, sla, now)) breaches_seen += flags.breached, risks_seen += flags.at_risk;
    }
    CHECK(breaches_seen > 0);  // the walk went through warnings and breaches
    CHECK(risks_seen > 0);

    // Switched off: no flags, like SlaFlagsOf.
    sla.enabled = false;
    CHECK(cache.Flags(board, sla, now).empty());
}

TEST_CASE("SlaFlagCache notices each kind of change to a ticket's clocks") {
    Board board(TeamConfig());
    const Millis now = kT0 + 5 * kDay + 9 * kHour;
    Ticket t;
    t.id = "t1";
    t.title = "Printer";
    t.type = "support";
    t.status = "in_progress";
    t.priority = "urgent";  // 120 business minutes to resolve, 30 to answer
    t.created = t.updated = now - 20 * kMinute;
    board.Insert(t);
    const SlaSettings sla = CacheSla();
    SlaFlagCache cache;
    CheckSameFlags(cache, board, sla, now);
    CHECK_FALSE(cache.Flags(board, sla, now)[0].at_risk);
    CheckSameFlags(cache, board, sla, now + 5 * kMinute);  // 25 of 30 minutes: at risk
    CHECK(cache.Flags(board, sla, now + 5 * kMinute)[0].at_risk);
    CheckSameFlags(cache, board, sla, now + 10 * kMinute);  // 30 of 30: breached
    CHECK(cache.Flags(board, sla, now + 10 * kMinute)[0].breached);
    CHECK(cache.recomputed() == 0);  // kept once breached
    CheckSameFlags(cache, board, sla, now);  // back in time
    CHECK_FALSE(cache.Flags(board, sla, now)[0].breached);

    auto apply = [&](json change) {
        change["id"] = "t1";
        change["at"] = now + kMinute;
        change["by"] = "agent";
        REQUIRE(ApplyChange(board, change).ok());
        CheckSameFlags(cache, board, sla, now + 15 * kMinute);
    };
    apply({{"op", "comment"}, {"comment", {{"id", "c1"}, {"author", "alice"}, {"at", now + kMinute}, {"body", "On it"}}}});
    CHECK_FALSE(cache.Flags(board, sla, now + 15 * kMinute)[0].breached);  // answered in time
    apply({{"op", "update"}, {"set", {{"priority", "low"}}}});
    apply({{"op", "update"}, {"set", {{"priority", "urgent"}}}});
    apply({{"op", "update"}, {"set", {{"status", "waiting"}}}});
    apply({{"op", "update"}, {"set", {{"status", "in_progress"}}}});
    apply({{"op", "update"}, {"set", {{"status", "resolved"}}}});
    CHECK_FALSE(cache.Flags(board, sla, now + 15 * kMinute)[0].at_risk);
    apply({{"op", "reopen"}, {"reason", "Still broken"}});
    apply({{"op", "delete"}});
    CHECK_FALSE(cache.Flags(board, sla, now + 15 * kMinute)[0].at_risk);

    // Versions from sync replace a ticket whole, perhaps with the same `updated`.
    t.id = "t2";
    t.priority = "high";  // high: 120 / 1440 minutes; a high feature request: 10 / 60
    board.Insert(t);
    CheckSameFlags(cache, board, sla, now);
    auto sync = [&](const char* member, json value) {
        json synced = TicketToJson(*board.Find("t2"));
        if (std::string(member) == "history") synced[member].push_back(value);
        else synced[member] = value;
        REQUIRE(ApplyChange(board, {{"op", "sync"}, {"tickets", json::array({synced})}, {"at", now}, {"by", "sync"}}).ok());
        CheckSameFlags(cache, board, sla, now + 5 * kMinute);
    };
    sync("type", "feature");
    CHECK(cache.Flags(board, sla, now)[1].breached);
    sync("type", "support");
    sync("priority", "urgent");
    CHECK(cache.Flags(board, sla, now + 5 * kMinute)[1].at_risk);  // 25 of 30 minutes to answer
    sync("deleted", true);
    sync("deleted", false);
    sync("first_response_at", now - 19 * kMinute);
    CHECK_FALSE(cache.Flags(board, sla, now + 5 * kMinute)[1].at_risk);
    sync("history", HistoryToJson({t.created, "agent", "status", "in_progress", "waiting", ""}));
    sync("status", "resolved");
}

// --- TimedSchedule ----------------------------------------------------------------------

namespace {

// A firing as text: rule, ticket, the record, what was said and skipped.
std::string Describe(const RuleFiring& f) {
    std::string out = std::to_string(f.rule) + " " + f.ticket_id + " " + f.change.dump();
    for (const std::string& n : f.notifications) out += " notify:" + n;
    for (const std::string& s : f.skipped) out += " skipped:" + s;
    return out;
}

Strings Described(const std::vector<RuleFiring>& firings) {
    Strings out;
    for (const RuleFiring& f : firings) out.push_back(Describe(f));
    return out;
}

Strings Described(const RuleRun& run) {
    Strings out = Described(run.fired);
    for (const RuleError& e : run.errors) out.push_back("refused " + std::to_string(e.rule) + " " + e.ticket_id + " " + e.error.Describe());
    for (const json& inverse : run.inverses) out.push_back("inverse " + inverse.dump());
    out.push_back(run.depth_limited ? "depth limited" : "");
    return out;
}

Strings TicketsAsText(const Board& board) {
    Strings out;
    for (const Ticket& t : board.tickets()) out.push_back(TicketToJson(t).dump());
    return out;
}

// Timed rules of every kind, with conditions that cannot change while the ticket does not
// and conditions that read the clock or other tickets; event rules a firing cascades into.
// `variant` 1 changes numbers, a condition, and turns a rule off; variant 2 keeps only
// the conditions that cannot change while the ticket does not (then only the instants
// say when to read a ticket again).
json ScheduleRules(int variant) {
    auto rule = [](const char* id, json trigger, const std::string& condition, json actions, bool enabled = true) {
        return json{{"id", id}, {"name", std::string("Rule ") + id}, {"enabled", enabled}, {"trigger", std::move(trigger)},
                    {"condition", condition}, {"actions", std::move(actions)}};
    };
    auto label = [](const char* l) { return json::array({{{"kind", "add_label"}, {"label", l}}}); };
    auto notify = [](const char* m) { return json::array({{{"kind", "notify"}, {"message", m}}}); };
    const bool other = variant == 1;
    json all = json::array({
        rule("soon", {{"kind", "due"}, {"minutes", other ? 30 : 90}}, "", notify("due soon")),
        rule("late", {{"kind", "due"}, {"minutes", 0}}, "-label:late", label("late")),
        rule("quiet", {{"kind", "idle"}, {"days", other ? 2 : 1}}, other ? "-status:waiting" : "-prio:low",
             json::array({{{"kind", "add_comment"}, {"body", "Still on it?"}}})),
        rule("breach", {{"kind", "sla_breached"}}, "prio:urgent OR prio:high",
             json::array({{{"kind", "raise_priority"}}, {{"kind", "add_label"}, {"label", "escalated"}}})),
        rule("risk", {{"kind", "sla_at_risk"}}, "", notify("at risk"), !other),
        rule("clock", {{"kind", "due"}, {"minutes", 180}}, "is:overdue", label("overdue")),  // reads the clock
        rule("aged", {{"kind", "idle"}, {"days", 1}}, "created:>2d", notify("old and quiet")),  // reads the clock
        rule("blocked", {{"kind", "idle"}, {"days", 1}}, "is:blocked", label("stuck")),  // reads other tickets
        rule("risky", {{"kind", "sla_at_risk"}}, "is:breached", notify("breached by age")),  // reads the clock
        rule("same", {{"kind", "sla_breached"}}, "-label:noted", json::array({{{"kind", "add_label"}, {"label", "same"}}})),
        rule("wait", {{"kind", "status_entered"}, {"status", "waiting"}}, "",
             json::array({{{"kind", "add_comment"}, {"body", "Waiting."}}})),
        rule("late-up", {{"kind", "field_changed"}, {"field", "labels"}}, "label:late -prio:urgent",
             json::array({{{"kind", "raise_priority"}}})),
    });
    if (variant == 2)
        for (std::size_t i = all.size(); i-- > 0;)
            if (std::string id = all[i]["id"]; id == "clock" || id == "aged" || id == "blocked" || id == "risky")
                all.erase(i);
    return all;
}

SlaSettings ScheduleSla(int variant) {
    if (variant == 2) {  // 24x7: no calendar
        Result<SlaSettings> sla = ParseSlaSettings(json{{"warn_percent", 70}}, TeamConfig());
        REQUIRE(sla.ok());
        return sla.value();
    }
    SlaSettings sla = CacheSla(variant == 1 ? 60 : 80);
    sla.enabled = variant != 3;
    return sla;
}

Ticket RandomTicket(std::mt19937& rng, const std::string& id, Millis now) {
    const char* statuses[] = {"new", "in_progress", "waiting", "resolved", "closed"};
    const char* priorities[] = {"urgent", "urgent", "high", "normal", "low"};
    Ticket t;
    t.id = id;
    t.title = "Ticket " + id;
    t.type = rng() % 4 ? "support" : "feature";
    t.status = statuses[rng() % 5];
    t.priority = priorities[rng() % 5];
    t.created = t.updated = now - static_cast<Millis>(rng() % (4 * kDay)) - kMinute;
    t.history.push_back(HistoryEntry{t.created, "agent", "created", nullptr, t.title, ""});
    if (rng() % 3 == 0) {
        Millis at = t.created + static_cast<Millis>(rng() % (now - t.created));
        t.history.push_back(HistoryEntry{at, "agent", "status", "new", t.status, ""});
        t.updated = at;
    }
    if (rng() % 2) t.due = now + static_cast<Millis>(rng() % (4 * kDay)) - 2 * kDay;
    if (rng() % 4 == 0) t.labels = {"late"};
    if (rng() % 25 == 0) t.created = t.updated = now + kHour;  // dated in the future (a clock from elsewhere)
    return t;
}

}  // namespace

TEST_CASE("TimedSchedule finds what a full timed pass finds, through time, edits, firings and settings changes") {
    std::mt19937 rng(7);
    auto pick = [&](std::initializer_list<const char*> from) { return std::string(from.begin()[rng() % from.size()]); };
    Millis now = kT0 + 5 * kDay + 9 * kHour;  // Tuesday 6 January, 10:00 in Stockholm
    Board board(TeamConfig());
    for (int i = 0; i < 240; ++i) board.Insert(RandomTicket(rng, "t" + std::to_string(i), now));
    for (int i = 0; i < 30; ++i)
        (void)ApplyChange(board, {{"op", "link"}, {"id", "t" + std::to_string(rng() % 240)}, {"kind", "blocked_by"},
                                  {"target", "t" + std::to_string(rng() % 240)}, {"at", now - kDay}, {"by", "agent"}});
    int rules_variant = 0, sla_variant = 0;
    RuleSettings rules = Rules(ScheduleRules(rules_variant));
    SlaSettings sla = ScheduleSla(sla_variant);

    // Three schedules: asked every step; asked now and then, reading the open set on full
    // passes; and one that applies (Run), compared with RunTimed on a copy of the board.
    TimedSchedule often, seldom, runner;
    OpenTickets open;
    open.Rebuild(board);
    auto changed = [&](const std::vector<std::string>& touched) {
        often.Update(board, touched);
        seldom.Update(board, touched);
        runner.Update(board, touched);
        open.Update(board, touched);
    };
    auto full = [&] { return Described(EvaluateTimed(rules, board, RuleContext{now, nullptr}, SlaFlagsOf(board, sla, now))); };

    std::size_t fired = 0, found = 0, read = 0, passes = 0;
    for (int step = 0; step < 700; ++step) {
        const int what = static_cast<int>(rng() % 100);
        if (what < 25) now += static_cast<Millis>(rng() % (40 * kMinute));  // time passes
        else if (what < 33) now += static_cast<Millis>(rng() % (3 * kMinute));
        else if (what < 40) {  // to the next instant a rule may start to hold on some ticket, or just before
            const int kind = static_cast<int>(rng() % 3);  // a due window, an idle spell, a breach
            Millis next = now + kDay;
            for (const Ticket& t : board.tickets()) {
                if (t.deleted || t.status == "resolved" || t.status == "closed") continue;
                const SlaState clocks = ComputeSla(t, board.config(), sla, now);
                const std::vector<Millis> at =
                    kind == 0   ? std::vector<Millis>{t.due - 90 * kMinute, t.due - 30 * kMinute, t.due}
                    : kind == 1 ? std::vector<Millis>{t.updated + kDay, t.updated + 2 * kDay}
                                : std::vector<Millis>{clocks.response.target_at, clocks.resolution.target_at};
                for (Millis instant : at)
                    if (instant > now + 1) next = std::min(next, instant);
            }
            now = next - (rng() % 3 ? 0 : 1);
        }
        else if (what < 46) now += static_cast<Millis>(rng() % (2 * kDay));
        else if (what < 48) now -= static_cast<Millis>(rng() % kHour);  // a test clock going back
        else if (what < 85) {  // an edit, as users make them
            const Ticket& t = board.tickets()[rng() % board.tickets().size()];
            json change = {{"id", t.id}, {"at", now}, {"by", "agent"}};
            switch (rng() % 9) {
                case 0: change["op"] = "update", change["set"] = {{"status", pick({"new", "in_progress", "waiting", "resolved", "closed"})}}; break;
                case 1: change["op"] = "update", change["set"] = {{"priority", pick({"urgent", "high", "normal", "low"})}}; break;
                case 2:
                    change["op"] = "update";
                    change["set"] = {{"due", rng() % 4 ? now + static_cast<Millis>(rng() % (6 * kHour)) - kHour : 0}};
                    break;
                case 3: change["op"] = "update", change["set"] = {{"labels", rng() % 2 ? json::array({"late"}) : json::array()}}; break;
                case 4:
                    change["op"] = "comment";
                    change["comment"] = {{"id", "c" + std::to_string(step)}, {"author", "alice"}, {"at", now},
                                         {"body", "Answer"}, {"internal", rng() % 2 == 0}};
                    break;
                case 5: change["op"] = rng() % 2 ? "delete" : "restore"; break;
                case 6:  // blocked by another ticket, or no longer
                    change["op"] = rng() % 2 ? "link" : "unlink";
                    change["kind"] = "blocked_by";
                    change["target"] = board.tickets()[rng() % board.tickets().size()].id;
                    break;
                case 7: change["op"] = "reopen", change["reason"] = "Not fixed"; break;
                default: {  // a synced version that differs in one thing, `updated` kept
                    json synced = TicketToJson(t);
                    switch (rng() % 3) {
                        case 0: synced["status"] = pick({"new", "in_progress", "waiting", "resolved"}); break;
                        case 1: synced["due"] = now + static_cast<Millis>(rng() % (3 * kHour)); break;
                        default: synced["labels"] = json::array({"noted"});
                    }
                    change = {{"op", "sync"}, {"tickets", json::array({synced})}, {"at", now}, {"by", "sync"}};
                }
            }
            if (auto applied = ApplyChange(board, change); applied) changed(applied.value().touched);  // refusals change nothing
        } else if (what < 90) {  // the rules change
            rules_variant = static_cast<int>(rng() % 3);
            rules = Rules(ScheduleRules(rules_variant));
        } else if (what < 95) {  // the SLA settings change
            sla_variant = static_cast<int>(rng() % 4);
            sla = ScheduleSla(sla_variant);
        } else {  // the board's targets change
            BoardConfig config = board.config();
            config.priorities[1].resolution_minutes = 60 + static_cast<int>(rng() % 600);
            board.ReplaceConfig(config);
            open.Rebuild(board);
        }
        if (step % 40 == 0) {  // tickets arrive without a change record (loaded, imported)
            board.Insert(RandomTicket(rng, "n" + std::to_string(step), now));
            open.Update(board, {});
        }

        INFO("step ", step, " at ", now);
        const Strings expected = full();
        REQUIRE(Described(often.Evaluate(rules, sla, board, RuleContext{now, nullptr})) == expected);
        read += often.looked_at();
        ++passes;
        found += expected.size();
        if (step % 7 == 0) {
            RuleContext context{now, nullptr, &open.positions()};
            REQUIRE(Described(seldom.Evaluate(rules, sla, board, context)) == expected);
        }
        if (step % 5 == 0) {  // a pass that applies what it finds
            Board copy = board;
            const RuleRun want = RunTimed(rules, copy, RuleContext{now, nullptr}, SlaFlagsOf(copy, sla, now));
            ApplyRecord apply = [&](const json& record) {
                Result<Applied> applied = ApplyChange(board, record);
                if (applied) {  // as App::Reindex tells the others; the runner notes it itself
                    often.Update(board, applied.value().touched);
                    seldom.Update(board, applied.value().touched);
                    open.Update(board, applied.value().touched);
                }
                return applied;
            };
            const RuleRun got = runner.Run(rules, sla, board, RuleContext{now, nullptr}, apply);
            REQUIRE(Described(got) == Described(want));
            REQUIRE(TicketsAsText(board) == TicketsAsText(copy));
            fired += got.fired.size();
        }
    }
    MESSAGE("TimedSchedule walk: " << found << " firings found, " << fired << " applied; " << read / passes
                                   << " of " << board.tickets().size() << " tickets read per pass on average");
    CHECK(fired > 50);  // the walk went through firings...
    CHECK(found > fired);
    CHECK(read < passes * board.tickets().size() / 2);  // ...and passes that read a part of the board
}

TEST_CASE("TimedSchedule reads only what may have changed, and every rule fires once per occurrence") {
    Desk desk;
    desk.rules = Rules(json::array(
        {{{"id", "d"}, {"name", "Due"}, {"trigger", {{"kind", "due"}, {"minutes", 60}}}, {"condition", "-label:parked"},
          {"actions", json::array({{{"kind", "notify"}, {"message", "due soon"}}})}},
         {{"id", "i"}, {"name", "Idle"}, {"trigger", {{"kind", "idle"}, {"days", 2}}},
          {"actions", json::array({{{"kind", "add_label"}, {"label", "quiet"}}})}}}));
    for (int i = 0; i < 100; ++i) desk.Create({{"title", "Ticket " + std::to_string(i)}, {"due", kT0 + (i + 2) * kHour}});
    const SlaSettings no_sla;
    TimedSchedule timed;
    auto pass = [&] {
        RuleRun run = timed.Run(desk.rules, no_sla, std::as_const(desk.board), desk.Context(), desk.Applier());
        return run.fired.size();
    };
    CHECK(pass() == 0);
    CHECK(timed.looked_at() == 100);  // the first pass reads everything
    CHECK(pass() == 0);
    CHECK(timed.looked_at() == 0);  // nothing changed, nothing came due
    // Ticket tK is due at kT0 + (K + 1) h: its window opens at kT0 + K h.
    desk.now += 150 * kMinute;  // t1 and t2 come within the hour of their due time
    CHECK(pass() == 2);
    CHECK(timed.looked_at() == 2);
    CHECK(pass() == 0);  // fired once; read once more, for the notes the firing wrote
    CHECK(timed.looked_at() == 2);
    CHECK(pass() == 0);
    CHECK(timed.looked_at() == 0);

    // An edit is read at the next pass; a new due date is a new occurrence.
    auto edit = [&](const std::string& id, json set) {
        Result<Applied> applied = ApplyChange(
            desk.board, {{"op", "update"}, {"id", id}, {"set", std::move(set)}, {"at", desk.now}, {"by", "agent"}});
        REQUIRE(applied.ok());
        timed.Update(desk.board, applied.value().touched);
    };
    desk.now += 20 * kMinute;
    edit("t50", {{"labels", {"parked"}}});
    edit("t1", {{"due", desk.now + 50 * kMinute}});  // its window opens after it last fired
    CHECK(pass() == 1);
    CHECK(timed.looked_at() == 2);

    // Two idle days (all were last updated by kT0 + 170 minutes): every ticket, once; and
    // the due windows of t3..t50 that opened meanwhile (now is past kT0 + 50 h), but t50 is parked.
    desk.now = kT0 + 170 * kMinute + 2 * kDay;
    CHECK(pass() == 100 + (50 - 2 - 1));
    CHECK(timed.looked_at() == 100);
    CHECK(pass() == 0);
    CHECK(pass() == 0);
    CHECK(timed.looked_at() == 0);
}
