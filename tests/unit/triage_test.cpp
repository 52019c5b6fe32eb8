// triage_test.cpp — triage suggestions and queue (src/core/triage.cpp): keyword rules in
// English, French, Swedish and Chinese, folding, whole words against substrings, which
// suggestion wins, settings JSON and its refusals, the queue's order.
#include <doctest/doctest.h>

#include "core/triage.hpp"

using namespace tackboard;

namespace {

constexpr Millis kHour = 3600000;
constexpr Millis kNow = 1773144000000;  // 2026-03-10 12:00 UTC

using Strings = std::vector<std::string>;

Ticket Make(std::string title, std::string description = "", std::string type = "support",
            std::string priority = "normal") {
    Ticket t;
    t.id = "t";
    t.title = std::move(title);
    t.description = std::move(description);
    t.type = std::move(type);
    t.priority = std::move(priority);
    t.status = "new";
    return t;
}

TriageSuggestion Suggest(const Ticket& t) { return SuggestTriage(t, DefaultConfig(), DefaultTriageSettings()); }

Strings LabelsOf(const TriageSuggestion& s) {
    Strings out;
    for (const auto& label : s.labels) out.push_back(label.name);
    return out;
}

// Keywords behind each hit, "rule:keyword,keyword" (rule "type" for a type's default).
Strings Because(const std::vector<TriageHit>& hits) {
    Strings out;
    for (const TriageHit& hit : hits) {
        std::string text = hit.rule == TriageHit::kFromType ? "type" : std::to_string(hit.rule);
        for (std::size_t i = 0; i < hit.keywords.size(); ++i) text += (i ? "," : ":") + hit.keywords[i];
        out.push_back(text);
    }
    return out;
}

std::string ParseError(const nlohmann::json& value) {
    Result<TriageSettings> parsed = ParseTriageSettings(value, DefaultConfig());
    return parsed.ok() ? "(ok)" : parsed.error().Describe();
}

}  // namespace

TEST_CASE("an outage in each language suggests an urgent incident") {
    for (const char* title : {"Email outage for the whole office", "Panne du serveur de fichiers",
                              "Driftstopp i lönesystemet", "服务器宕机了", "The website is DOWN"}) {
        CAPTURE(title);
        TriageSuggestion s = Suggest(Make(title));
        CHECK(s.priority == "urgent");
        CHECK(s.type == "incident");
    }
    TriageSuggestion s = Suggest(Make("Panne du serveur"));
    CHECK(Because(s.priority_because) == Strings{"0:panne"});
    CHECK(Because(s.type_because) == Strings{"0:panne"});
}

TEST_CASE("keywords fold case and accents on both sides") {
    // "sécurité" in the rule, "Sécurité" / "SECURITE" / decomposed accents in the ticket.
    for (const char* title : {"Problème de Sécurité", "ALERTE SECURITE", "Se\xCC\x81\x63urite\xCC\x81 du poste",
                              "Säkerhet: misstänkt nätfiske", "安全问题"}) {
        CAPTURE(title);
        TriageSuggestion s = Suggest(Make(title));
        CHECK(LabelsOf(s) == Strings{"security"});
        CHECK(s.priority == "high");
    }
    TriageSuggestion s = Suggest(Make("Säkerhet: misstänkt nätfiske"));
    CHECK(Because(s.labels[0].because) == Strings{"2:säkerhet,nätfiske"});
    // A rule keyword written in capitals with accents finds plain lower case text.
    TriageSettings settings;
    settings.rules = {{{"FACTURÉ"}, "", "", {"billing"}}};
    CHECK(LabelsOf(SuggestTriage(Make("deja facture deux fois"), DefaultConfig(), settings)) == Strings{"billing"});
}

TEST_CASE("Latin keywords match whole words and phrases; CJK keywords match inside text") {
    CHECK(Suggest(Make("Cannot download the report")).priority.empty());
    CHECK(Suggest(Make("Cannot download the report")).type.empty());
    CHECK(Suggest(Make("Server down since 9:00")).priority == "urgent");
    CHECK(Suggest(Make("Server down-time planned")).priority == "urgent");  // '-' separates words
    CHECK(LabelsOf(Suggest(Make("Invoices for March"))).empty());  // "invoice" is not "invoices"
    CHECK(LabelsOf(Suggest(Make("Invoice for March"))) == Strings{"billing"});
    // Phrases: the words in order, next to each other.
    CHECK(Suggest(Make("Imprimante hors service")).priority == "urgent");
    CHECK(Suggest(Make("Imprimante hors du service")).priority.empty());
    CHECK(Suggest(Make("Service hors")).priority.empty());
    CHECK(LabelsOf(Suggest(Make("I am LOCKED   out!"))) == Strings{"access"});
    // A phrase does not run from the title into the description.
    CHECK(LabelsOf(Suggest(Make("I am locked", "out of the office")))  .empty());
    // CJK: no spaces between words, so a substring is enough.
    CHECK(Suggest(Make("服务器宕机了")).type == "incident");
    CHECK(LabelsOf(Suggest(Make("请帮我开发票"))) == Strings{"billing"});
    // The description counts as much as the title.
    CHECK(LabelsOf(Suggest(Make("Help", "Mon mot de passe a expiré"))) == Strings{"access"});
}

TEST_CASE("the most urgent priority wins, the first rule's type wins, labels add up") {
    // "error" (bug), "security" (high, label), "urgent" (urgent), "invoice" (billing).
    TriageSuggestion s = Suggest(Make("Security error on the invoice page", "Urgent please"));
    CHECK(s.priority == "urgent");
    CHECK(Because(s.priority_because) == Strings{"1:urgent"});
    CHECK(s.type == "bug");
    CHECK(LabelsOf(s) == Strings{"security", "billing"});

    // Rule order decides the type: the outage rule (0) comes before the bug rule (7).
    s = Suggest(Make("Crash: the VPN is down"));
    CHECK(s.type == "incident");
    CHECK(Because(s.type_because) == Strings{"0:down"});
    CHECK(LabelsOf(s) == Strings{"network"});

    // Two rules giving the same label: one label, both reasons.
    TriageSettings settings;
    settings.rules = {{{"wifi"}, "low", "", {"network"}}, {{"réseau"}, "high", "", {"Network"}}};
    s = SuggestTriage(Make("Wifi et réseau"), DefaultConfig(), settings);
    REQUIRE(s.labels.size() == 1);
    CHECK(s.labels[0].name == "network");
    CHECK(Because(s.labels[0].because) == Strings{"0:wifi", "1:réseau"});
    CHECK(s.priority == "high");
}

TEST_CASE("the type's default priority, for the ticket's type or the suggested one") {
    TriageSuggestion s = Suggest(Make("Dark mode", "", "feature"));
    CHECK(s.priority == "low");
    CHECK(Because(s.priority_because) == Strings{"type"});
    // Suggested type feature -> low.
    s = Suggest(Make("Suggestion: dark mode"));
    CHECK(s.type == "feature");
    CHECK(s.priority == "low");
    // A keyword more urgent than the type's default wins; both reasons when they agree.
    s = Suggest(Make("Outage", "", "incident"));
    CHECK(s.priority == "urgent");
    CHECK(s.type.empty());
    TriageSettings settings = DefaultTriageSettings();
    settings.rules = {{{"mail"}, "high", "", {}}};
    s = SuggestTriage(Make("Mail", "", "incident"), DefaultConfig(), settings);
    CHECK(Because(s.priority_because) == Strings{"0:mail", "type"});
}

TEST_CASE("nothing is suggested that the ticket already has") {
    Ticket t = Make("Panne réseau: sécurité", "", "incident", "urgent");
    t.labels = {"Network"};
    TriageSuggestion s = Suggest(t);
    CHECK(s.priority.empty());
    CHECK(s.priority_because.empty());
    CHECK(s.type.empty());
    CHECK(s.type_because.empty());
    CHECK(LabelsOf(s) == Strings{"security"});  // "network" is there already (case folded)
    t.labels.push_back("SECURITY");
    CHECK(Suggest(t).empty());
    CHECK(Suggest(Make("Question about the coffee machine")).empty());
}

TEST_CASE("default settings refer to ids of the default configuration and round-trip") {
    TriageSettings defaults = DefaultTriageSettings();
    nlohmann::json json = ToJson(defaults);
    Result<TriageSettings> parsed = ParseTriageSettings(json, DefaultConfig());
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().Describe());
    CHECK(ToJson(parsed.value()) == json);
    CHECK(parsed.value().rules.size() == defaults.rules.size());
    CHECK(json["rules"][0]["set_priority"] == "urgent");
    CHECK(json["type_priority"]["feature"] == "low");
    CHECK(json["rules"][3].find("set_priority") == json["rules"][3].end());  // empty members are left out
}

TEST_CASE("settings are refused with a message and a path") {
    using nlohmann::json;
    CHECK(ParseError(json::array()) == "triage settings must be a JSON object");
    CHECK(ParseError(json{{"rules", 3}}) == "/rules: 'rules' must be a list");
    CHECK(ParseError(json{{"rules", {{{"keywords", {"a"}}, {"set_priority", "high"}},
                                     {{"keywords", {"b"}}, {"set_priority", "asap"}}}}}) ==
          "/rules/1/set_priority: unknown priority 'asap' (known: urgent, high, normal, low)");
    CHECK(ParseError(json{{"rules", {{{"keywords", {"a"}}, {"set_type", "outage"}}}}}) ==
          "/rules/0/set_type: unknown ticket type 'outage' (known: support, bug, feature, incident, change)");
    CHECK(ParseError(json{{"rules", {{{"keywords", json::array()}, {"set_priority", "high"}}}}}) ==
          "/rules/0/keywords: a rule needs at least one keyword");
    CHECK(ParseError(json{{"rules", {{{"set_priority", "high"}}}}}) == "/rules/0/keywords: a rule needs 'keywords'");
    CHECK(ParseError(json{{"rules", {{{"keywords", {"ok", "  "}}, {"set_priority", "high"}}}}}) ==
          "/rules/0/keywords/1: a keyword cannot be blank");
    CHECK(ParseError(json{{"rules", {{{"keywords", {"ok", "?!"}}, {"set_priority", "high"}}}}}) ==
          "/rules/0/keywords/1: keyword '?!' has no letters or digits to look for");
    CHECK(ParseError(json{{"rules", {{{"keywords", {"ok", 5}}, {"set_priority", "high"}}}}}) ==
          "/rules/0/keywords/1: each keyword must be text");
    CHECK(ParseError(json{{"rules", {{{"keywords", {"ok"}}}}}}) ==
          "/rules/0: a rule must set a priority or a type, or add a label");
    CHECK(ParseError(json{{"rules", {{{"keywords", {"ok"}}, {"add_labels", {""}}}}}}) ==
          "/rules/0/add_labels/0: a label cannot be blank");
    CHECK(ParseError(json{{"rules", {{{"keywords", {"ok"}}, {"set_priority", 2}}}}}) ==
          "/rules/0/set_priority: must be a priority id (text)");
    CHECK(ParseError(json{{"type_priority", {{"a/b", "high"}}}}) ==
          "/type_priority/a~1b: unknown ticket type 'a/b' (known: support, bug, feature, incident, change)");
    CHECK(ParseError(json{{"type_priority", {{"bug", "soon"}}}}) ==
          "/type_priority/bug: unknown priority 'soon' (known: urgent, high, normal, low)");
    CHECK(ParseError(json::object()) == "(ok)");

    Result<TriageSettings> parsed = ParseTriageSettings(
        json{{"rules", {{{"keywords", {" 宕机 ", "panne"}}, {"set_type", "incident"}, {"comment", "kept?"}}}}},
        DefaultConfig());
    REQUIRE(parsed.ok());
    CHECK(parsed.value().rules[0].keywords == Strings{"宕机", "panne"});  // trimmed
    CHECK(parsed.value().rules[0].set_type == "incident");
}

TEST_CASE("the triage queue: new and unassigned, most urgent first, then oldest") {
    Board board;
    auto add = [&](const char* id, const char* status, const char* priority, Millis age, const char* assignee = "",
                   bool deleted = false) {
        Ticket t;
        t.id = id;
        t.title = id;
        t.type = "support";
        t.status = status;
        t.priority = priority;
        t.assignee = assignee;
        t.created = kNow - age;
        t.updated = t.created;
        t.deleted = deleted;
        board.Insert(std::move(t));
    };
    add("normal-new", "new", "normal", 1 * kHour);
    add("urgent-young", "new", "urgent", 1 * kHour);
    add("normal-old", "triage", "normal", 50 * kHour);  // "triage" is a Todo status too
    add("taken", "new", "urgent", 80 * kHour, "alice");
    add("working", "in_progress", "urgent", 90 * kHour);
    add("done", "closed", "urgent", 90 * kHour);
    add("gone", "new", "urgent", 90 * kHour, "", true);
    add("urgent-old", "new", "urgent", 30 * kHour);
    add("odd-priority", "new", "someday", 100 * kHour);
    add("low", "new", "low", 100 * kHour);
    add("future", "new", "normal", -2 * kHour);   // a fast clock elsewhere: age 0
    add("future2", "new", "normal", -1 * kHour);  // also age 0: then board order
    Strings ids;
    for (std::size_t pos : TriageQueue(board, kNow)) ids.push_back(board.tickets()[pos].id);
    CHECK(ids == Strings{"urgent-old", "urgent-young", "normal-old", "normal-new", "future", "future2", "low",
                         "odd-priority"});
    CHECK(TriageQueue(Board(), kNow).empty());
}
