// type_settings_test.cpp — editing ticket types and their fields (core/settings_edit.hpp):
// ids made from names, adding, renaming and reordering (configuration only), deleting a
// field or a type with its tickets' values kept (never dropped silently), the preview of a
// kind change, and one undo restoring everything.
#include "core/settings_edit.hpp"

#include <doctest/doctest.h>

#include "apply_change.hpp"

#include "core/change.hpp"
#include "core/ticket_json.hpp"

using namespace tackboard;
using namespace tackboard::test;
using nlohmann::json;

namespace {

int counter = 0;
std::string NextId() { return "note" + std::to_string(++counter); }

std::vector<std::string> InternalBodies(const Board& board, const std::string& id) {
    std::vector<std::string> out;
    for (const Comment& c : board.Find(id)->comments)
        if (c.internal) out.push_back(c.body);
    return out;
}

}  // namespace

TEST_CASE("ids are made from names: folded, joined by underscores, unique") {
    CHECK(IdFromName("Operating system", {}, "field") == "operating_system");
    CHECK(IdFromName("  Café — Ort ", {}, "field") == "cafe_ort");
    CHECK(IdFromName("Operating system", {"operating_system"}, "field") == "operating_system_2");
    CHECK(IdFromName("Operating system", {"operating_system", "operating_system_2"}, "field") == "operating_system_3");
    CHECK(IdFromName("???", {}, "field") == "field");
    CHECK(IdFromName("门牌", {"field"}, "field") == "field_2");
}

TEST_CASE("a type's icon is read and written; configurations without one still load") {
    BoardConfig config = DefaultConfig();
    config.types[1].icon = "bug";
    json written = ConfigToJson(config);
    CHECK(written["types"][1]["icon"] == "bug");
    CHECK_FALSE(written["types"][0].contains("icon"));
    auto read = ConfigFromJson(written, "");
    REQUIRE(read.ok());
    CHECK(read.value().types[1].icon == "bug");
    CHECK(read.value().types[0].icon.empty());
}

TEST_CASE("adding, renaming and reordering types and fields changes only the configuration") {
    Board board;
    Create(board, "T1", {{"title", "Laptop"}, {"type", "support"}, {"fields.category", "Hardware"}});
    auto added = AddTypeChange(board, "Purchase", "box");
    REQUIRE(added.ok());
    Apply(board, added.value());
    REQUIRE(board.config().FindType("purchase"));
    CHECK(board.config().FindType("purchase")->icon == "box");
    CHECK_FALSE(AddTypeChange(board, "purchase ", "").ok());  // same name, letter case aside
    CHECK_FALSE(AddTypeChange(board, "  ", "").ok());

    auto field = AddFieldChange(board, "support", "Room number", FieldKind::Text);
    REQUIRE(field.ok());
    Apply(board, field.value());
    const auto& fields = board.config().FindType("support")->fields;
    REQUIRE(fields.size() == 2);
    CHECK(fields[1].id == "room_number");
    CHECK_FALSE(AddFieldChange(board, "support", "Category", FieldKind::Text).ok());
    CHECK_FALSE(AddFieldChange(board, "support", "Kind", FieldKind::Select).ok());  // a choice needs options

    auto moved = MoveFieldChange(board, "support", "room_number", -1);
    REQUIRE(moved.ok());
    Apply(board, moved.value());
    CHECK(board.config().FindType("support")->fields[0].id == "room_number");
    CHECK_FALSE(MoveFieldChange(board, "support", "room_number", -1).ok());

    auto renamed = RenameFieldChange(board, "support", "category", "Area");
    REQUIRE(renamed.ok());
    Apply(board, renamed.value());
    CHECK(board.config().FindType("support")->fields[1].name == "Area");
    CHECK(board.config().FindType("support")->fields[1].id == "category");
    CHECK_FALSE(RenameFieldChange(board, "support", "category", "room NUMBER").ok());
    auto type_renamed = RenameTypeChange(board, "support", "Help request");
    REQUIRE(type_renamed.ok());
    CHECK(type_renamed.value()["op"] == "config");
    Apply(board, type_renamed.value());
    CHECK(board.config().FindType("support")->name == "Help request");
    CHECK_FALSE(RenameTypeChange(board, "support", "bug").ok());
    // The ticket keeps its type and value, by id.
    CHECK(board.Find("T1")->type == "support");
    CHECK(board.Find("T1")->fields["category"] == "Hardware");
}

TEST_CASE("deleting a field keeps each ticket's value as an internal comment; undo restores both") {
    Board board;
    Create(board, "B1", {{"title", "Crash"}, {"type", "bug"}, {"fields.steps", "Open it"}, {"fields.environment", "Staging"}});
    Create(board, "B2", {{"title", "Slow"}, {"type", "bug"}, {"fields.steps", "Wait"}});
    const json before = BoardToJson(board);
    CHECK(TicketsHoldingField(board, "bug", "environment") == 1);

    auto change = DeleteFieldChange(board, "bug", "environment", 500, "maja", NextId);
    REQUIRE(change.ok());
    json inverse = Apply(board, change.value());
    const TicketTypeDef* bug = board.config().FindType("bug");
    CHECK(std::none_of(bug->fields.begin(), bug->fields.end(), [](const FieldDef& f) { return f.id == "environment"; }));
    CHECK_FALSE(board.Find("B1")->fields.contains("environment"));
    auto notes = InternalBodies(board, "B1");
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].find("Environment") != std::string::npos);
    CHECK(notes[0].find("Staging") != std::string::npos);
    CHECK(board.Find("B1")->comments[0].author == "maja");
    CHECK(InternalBodies(board, "B2").empty());

    inverse["at"] = 600;
    inverse["by"] = "me";
    REQUIRE(ApplyChange(board, inverse).ok());
    json after = BoardToJson(board);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(after["tickets"][i]["fields"] == before["tickets"][i]["fields"]);
        CHECK(after["tickets"][i].value("comments", json::array()) == before["tickets"][i].value("comments", json::array()));
    }
    CHECK(after["config"] == before["config"]);
}

TEST_CASE("a type with tickets is deleted only by moving them, values converted or kept") {
    Board board;
    Create(board, "I1", {{"title", "Mail down"}, {"type", "incident"}, {"fields.impact", "Everyone"},
                         {"fields.services", json::array({"Email", "VPN"})}});
    Create(board, "S1", {{"title", "Mouse"}, {"type", "support"}});
    const json before = BoardToJson(board);

    auto refused = DeleteTypeChange(board, "incident", "", 1, "me", NextId);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("1 ticket is of the type \"Incident\"") != std::string::npos);
    CHECK_FALSE(DeleteTypeChange(board, "incident", "incident", 1, "me", NextId).ok());
    CHECK_FALSE(DeleteTypeChange(board, "incident", "nope", 1, "me", NextId).ok());

    // The target has a field called "Impact" too (another id, a free text): it takes the value.
    BoardConfig config = board.config();
    for (TicketTypeDef& t : config.types)
        if (t.id == "bug") t.fields.push_back(FieldDef{"impact_text", "impact", FieldKind::Text, {}, true});
    Apply(board, {{"op", "config"}, {"config", ConfigToJson(config)}});
    const json with_field = BoardToJson(board);

    auto change = DeleteTypeChange(board, "incident", "bug", 700, "lead", NextId);
    REQUIRE_MESSAGE(change.ok(), (change.ok() ? "" : change.error().Describe()));
    json inverse = Apply(board, change.value());
    CHECK_FALSE(board.config().FindType("incident"));
    const Ticket* moved = board.Find("I1");
    CHECK(moved->type == "bug");
    CHECK(moved->fields["impact_text"] == "Everyone");
    CHECK_FALSE(moved->fields.contains("impact"));
    CHECK_FALSE(moved->fields.contains("services"));
    auto notes = InternalBodies(board, "I1");
    REQUIRE(notes.size() == 1);  // the services have no field in Bug
    CHECK(notes[0].find("Email, VPN") != std::string::npos);
    // The final configuration still requires what it required.
    for (const FieldDef& f : board.config().FindType("bug")->fields)
        if (f.id == "steps") CHECK(f.required);

    inverse["at"] = 800;
    inverse["by"] = "me";
    REQUIRE(ApplyChange(board, inverse).ok());
    json after = BoardToJson(board);
    CHECK(after["config"] == with_field["config"]);
    CHECK(after["tickets"][0]["type"] == "incident");
    CHECK(after["tickets"][0]["fields"] == before["tickets"][0]["fields"]);
    CHECK(after["tickets"][0].value("comments", json::array()) == before["tickets"][0].value("comments", json::array()));
}

TEST_CASE("deleting an unused type is a configuration change; the default moves; the last type stays") {
    Board board;
    auto change = DeleteTypeChange(board, "support", "", 1, "me", NextId);
    REQUIRE(change.ok());
    CHECK(change.value()["op"] == "config");
    Apply(board, change.value());
    CHECK(board.config().default_type == "bug");
    BoardConfig one = board.config();
    one.types.resize(1);
    one.default_type = one.types[0].id;
    Board single(one);
    CHECK_FALSE(DeleteTypeChange(single, one.types[0].id, "", 1, "me", NextId).ok());
}

TEST_CASE("the preview of a kind change counts what converts and what is kept as a comment") {
    Board board;
    Create(board, "B1", {{"title", "a"}, {"type", "bug"}, {"fields.steps", "x"}, {"fields.environment", "12"}});
    Create(board, "B2", {{"title", "b"}, {"type", "bug"}, {"fields.steps", "x"}, {"fields.environment", "3.5"}});
    Create(board, "B3", {{"title", "c"}, {"type", "bug"}, {"fields.steps", "x"}, {"fields.environment", "prod"}});
    Create(board, "B4", {{"title", "d"}, {"type", "bug"}, {"fields.steps", "x"}});
    FieldDef number{"environment", "Environment", FieldKind::Number, {}, false};
    FieldChangeEffect effect = FieldChangeEffectOf(board, "bug", number);
    CHECK(effect.holding == 3);
    CHECK(effect.converted == 2);
    CHECK(effect.kept_as_comment == 1);
    // What the preview said is what the change does.
    auto change = ChangeFieldChange(board, "bug", number, 900, "me", NextId);
    REQUIRE(change.ok());
    Apply(board, change.value());
    CHECK(board.Find("B1")->fields["environment"] == 12);
    CHECK(InternalBodies(board, "B3").size() == 1);
    CHECK(InternalBodies(board, "B1").empty());
}
