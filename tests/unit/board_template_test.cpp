// board_template_test.cpp — board templates (core/board_template.hpp): export, parse and
// compare; refusals (newer version, unknown field kind, bad configuration, not JSON) with
// their paths; applying moves tickets, keeps every value (as comments when needed) and one
// undo restores the board; the built-ins are usable and round-trip.
#include "core/board_template.hpp"

#include <doctest/doctest.h>

#include "apply_change.hpp"

#include "core/change.hpp"
#include "core/config_check.hpp"
#include "core/helpdesk_settings.hpp"
#include "core/ticket_json.hpp"

using namespace tackboard;
using namespace tackboard::test;
using nlohmann::json;

namespace {

int counter = 0;
std::string NextId() { return "tpl" + std::to_string(++counter); }

const BoardTemplate& BuiltIn(const std::string& key) {
    for (const BoardTemplate& t : BuiltInTemplates())
        if (t.key == key) return t;
    FAIL("no built-in template " << key);
    return BuiltInTemplates().front();
}

std::string ExportedText(const BoardConfig& config) { return TemplateToJson(TemplateFromBoard(config, "Ours", "Our setup")).dump(2); }

}  // namespace

TEST_CASE("a board's setup exported as a template reads back the same, without members and views") {
    BoardConfig config = DefaultConfig();
    config.members = {{"maja", "Maja", {"bug"}, 5}};
    config.types[0].icon = "question";
    config.extra["sla"] = {{"policies", json::array({{{"priority", "urgent"}, {"response_minutes", 10}, {"resolution_minutes", 60}}})}};
    config.extra["sprints"] = {{"length_days", 14}};  // not a template's: left out
    auto parsed = ParseTemplate(ExportedText(config));
    REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().Describe()));
    CHECK(parsed.value().name == "Ours");
    CHECK(parsed.value().description == "Our setup");
    BoardConfig expected = config;
    expected.members.clear();
    expected.views.clear();
    expected.extra.erase("sprints");
    CHECK(ConfigToJson(parsed.value().config) == ConfigToJson(expected));
    json file = json::parse(ExportedText(config));
    CHECK(file["format"] == "tackboard-template");
    CHECK(file["version"] == 1);
    CHECK_FALSE(file["config"].contains("members"));
    CHECK_FALSE(file["config"].contains("views"));
}

TEST_CASE("templates that cannot be used are refused with the reason and where") {
    json good = json::parse(ExportedText(DefaultConfig()));

    json newer = good;
    newer["version"] = 2;
    auto refused = ParseTemplate(newer.dump());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message == "made by a newer Tackboard (template version 2); this version reads version 1");
    CHECK(refused.error().path == "/version");

    json odd_kind = good;
    odd_kind["config"]["types"][1]["fields"][2]["kind"] = "rating";
    refused = ParseTemplate(odd_kind.dump());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("\"Severity\"") != std::string::npos);
    CHECK(refused.error().message.find("\"Bug\"") != std::string::npos);
    CHECK(refused.error().message.find("\"rating\"") != std::string::npos);
    CHECK(refused.error().path == "/config/types/1/fields/2/kind");

    json bad_default = good;
    bad_default["config"]["default_type"] = "gone";
    refused = ParseTemplate(bad_default.dump());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().path == "/config/default_type");

    json bad_sla = good;
    bad_sla["config"]["sla"] = {{"policies", json::array({{{"priority", "nope"}}})}};
    refused = ParseTemplate(bad_sla.dump());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().path.rfind("/config/sla", 0) == 0);

    CHECK_FALSE(ParseTemplate("{\"format\": \"tackboard-template\",").ok());
    json board_file = good;
    board_file["format"] = "tackboard";
    refused = ParseTemplate(board_file.dump());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("not a template") != std::string::npos);
    CHECK_FALSE(ParseTemplate("[1, 2]").ok());
}

TEST_CASE("applying a template moves what it lacks, keeps every value, and one undo restores the board") {
    Board board;
    board.MutableConfig().members = {{"maja", "Maja", {}, 5}};
    board.MutableConfig().extra["sprints"] = {{"length_days", 14}};
    Create(board, "T1", {{"title", "Printer"}, {"status", "triage"}, {"type", "support"}, {"fields.category", "Hardware"}});
    Create(board, "T2", {{"title", "Mail down"}, {"status", "waiting"}, {"type", "incident"}, {"priority", "urgent"},
                         {"fields.impact", "Everyone"}, {"fields.services", json::array({"Email"})}});
    Create(board, "T3", {{"title", "Crash"}, {"status", "resolved"}, {"type", "bug"}, {"fields.steps", "Click"},
                         {"fields.severity", "Major"}, {"fields.environment", "prod"}});
    const json before = BoardToJson(board);
    const BoardTemplate& software = BuiltIn("software");

    TemplatePreview preview = PreviewTemplate(board, software);
    CHECK(preview.tickets_changed == 3);
    bool triage_to_backlog = false;
    for (const TemplateMove& m : preview.moves)
        if (m.what == TemplateMove::What::Status && m.from == "Triage" && m.to == "Backlog" && m.tickets == 1) triage_to_backlog = true;
    CHECK(triage_to_backlog);

    auto change = ApplyTemplateChange(board, software, 1000, "lead", NextId);
    REQUIRE_MESSAGE(change.ok(), (change.ok() ? "" : change.error().Describe()));
    json inverse = Apply(board, change.value());

    const BoardConfig& config = board.config();
    CHECK(config.FindStatus("backlog"));
    CHECK_FALSE(config.FindStatus("triage"));
    CHECK(config.members.size() == 1);  // the team's own
    CHECK(config.views.size() == 3);
    CHECK(config.extra.contains("sprints"));
    CHECK(config.extra["routing"]["mode"] == "round_robin");
    // Status: the first of the same category (todo -> Backlog, waiting -> Blocked, done -> Released).
    CHECK(board.Find("T1")->status == "backlog");
    CHECK(board.Find("T2")->status == "blocked");
    CHECK(board.Find("T3")->status == "released");
    // Type: the template's default (Bug); a kept type (bug) keeps its values.
    CHECK(board.Find("T1")->type == "bug");
    CHECK(board.Find("T3")->type == "bug");
    CHECK(board.Find("T3")->fields["severity"] == "Major");
    CHECK(board.Find("T3")->fields["steps"] == "Click");
    // Priority: the template's default where the board's is gone.
    CHECK(board.Find("T2")->priority == "normal");
    // Nothing lost: what has no field in the new type is an internal comment.
    std::string notes;
    for (const auto& id : {"T1", "T2", "T3"})
        for (const Comment& c : board.Find(id)->comments)
            if (c.internal) notes += c.body + "\n";
    CHECK(notes.find("Hardware") != std::string::npos);
    CHECK(notes.find("Everyone") != std::string::npos);
    CHECK(notes.find("Email") != std::string::npos);
    CHECK(notes.find("prod") != std::string::npos);  // Environment is not a field of the template's Bug
    CHECK(preview.comments == 4);

    inverse["at"] = 2000;
    inverse["by"] = "me";
    REQUIRE(ApplyChange(board, inverse).ok());
    json after = BoardToJson(board);
    CHECK(after["config"] == before["config"]);
    for (std::size_t i = 0; i < 3; ++i)
        for (const char* key : {"status", "type", "priority", "fields", "comments"})
            CHECK_MESSAGE(after["tickets"][i].value(key, json()) == before["tickets"][i].value(key, json()), "ticket ", i, " ", key);
}

TEST_CASE("a template that changes nothing in the tickets is one configuration change") {
    Board board;
    Create(board, "T1", {{"title", "Printer"}, {"status", "new"}, {"type", "support"}});
    auto change = ApplyTemplateChange(board, BuiltIn("it_support"), 1, "me", NextId);
    REQUIRE(change.ok());
    CHECK(change.value()["op"] == "config");
    CHECK(PreviewTemplate(board, BuiltIn("it_support")).tickets_changed == 0);
}

TEST_CASE("the built-in templates are usable, with SLA business hours, and round-trip") {
    REQUIRE(BuiltInTemplates().size() == 3);
    for (const BoardTemplate& t : BuiltInTemplates()) {
        CAPTURE(t.key);
        CHECK_FALSE(t.name.empty());
        CHECK_FALSE(t.description.empty());
        CHECK(CheckConfig(t.config).ok());
        CHECK(t.config.statuses.size() >= 5);
        CHECK(t.config.types.size() >= 3);
        for (const TicketTypeDef& type : t.config.types) CHECK_FALSE(type.icon.empty());
        LoadedHelpdeskSettings helpdesk = HelpdeskSettingsOf(t.config);
        CHECK(helpdesk.problems.empty());
        CHECK(helpdesk.settings.sla.enabled);
        REQUIRE(t.config.extra.contains("sla"));
        CHECK(t.config.extra["sla"].contains("calendar"));
        bool targets = false;
        for (const PriorityDef& p : t.config.priorities) targets = targets || p.resolution_minutes > 0;
        CHECK(targets);
        auto again = ParseTemplate(TemplateToJson(t).dump());
        REQUIRE(again.ok());
        CHECK(ConfigToJson(again.value().config) == ConfigToJson(t.config));
        // Each applies to the default board.
        Board board;
        Create(board, "X", {{"title", "x"}, {"type", "change"}, {"fields.planned_for", 1'700'000'000'000LL},
                            {"fields.risk", "Low"}});
        auto change = ApplyTemplateChange(board, t, 5, "me", NextId);
        REQUIRE(change.ok());
        Apply(board, change.value());
    }
}
