#include <doctest/doctest.h>

#include "apply_change.hpp"

#include "core/change.hpp"
#include "core/ticket_json.hpp"

using namespace tackboard;
using namespace tackboard::test;
using nlohmann::json;

namespace {
const std::string kId = "01ARYZ6S41TSV4RRFFQ69G5FAV";
const std::string kOther = "01ARYZ6S41TSV4RRFFQ69G5FAW";
const std::string kThird = "01ARYZ6S41TSV4RRFFQ69G5FAX";

std::string Refusal(Board& board, json change) {
    json before = BoardToJson(board);
    if (change.is_object()) change["at"] = 500;
    auto applied = ApplyChange(board, change);
    REQUIRE_FALSE(applied.ok());
    CHECK(BoardToJson(board) == before);  // nothing changed
    return applied.error().Describe();
}

}  // namespace

TEST_CASE("the default board has the six columns, five types and four priorities of a support desk") {
    Board board;
    std::vector<std::string> names;
    for (const auto& s : board.config().statuses) names.push_back(s.name);
    CHECK(names == std::vector<std::string>{"New", "Triage", "In progress", "Waiting", "Resolved", "Closed"});
    CHECK(board.config().types.size() == 5);
    CHECK(board.config().FindType("incident")->fields.front().required);
    CHECK(board.config().PriorityRank("urgent") == 0);
    CHECK(board.config().FindPriority("urgent")->resolution_minutes == 240);
    CHECK(board.config().TransitionAllowed("new", "closed"));  // free workflow by default
}

TEST_CASE("creating a ticket fills defaults, records history and lands in the first column") {
    Board board;
    Create(board, kId, {{"title", "  VPN drops every hour  "}});
    const Ticket* t = board.Find(kId);
    REQUIRE(t);
    CHECK(t->title == "VPN drops every hour");
    CHECK(t->status == "new");
    CHECK(t->type == "support");
    CHECK(t->priority == "normal");
    CHECK(t->created == 10);
    REQUIRE(t->history.size() == 1);
    CHECK(t->history[0].field == "created");
    CHECK(board.Column("new").size() == 1);
}

TEST_CASE("bad input to create is refused with a message naming the field, and nothing changes") {
    Board board;
    auto refused = [&](json fields) {
        auto change = MakeCreate(board, fields, kId, 1, kMe);
        if (!change) return change.error().Describe();
        return Refusal(board, change.value());
    };
    CHECK(refused({{"title", "   "}}) == "/title: 'title' cannot be empty");
    CHECK(refused({{"titel", "x"}}) == "/titel: unknown field 'titel'");
    CHECK(refused({{"title", "x"}, {"status", "done-ish"}}) == "/status: unknown status 'done-ish'");
    CHECK(refused({{"title", "x"}, {"type", "rocket"}}) == "/type: unknown ticket type 'rocket'");
    CHECK(refused({{"title", "x"}, {"priority", "asap"}}) == "/priority: unknown priority 'asap'");
    CHECK(refused({{"title", std::string(501, 'x')}}) == "/title: 'title' is longer than 500 characters");
    CHECK(refused({{"title", "x"}, {"description", std::string(kMaxTextBytes + 1, 'x')}}) ==
          "/description: 'description' is longer than 1 MiB");
    CHECK(refused({{"title", "x"}, {"type", "bug"}}) == "/ticket/fields: a Bug needs: Steps to reproduce");
    CHECK(refused({{"title", "x"}, {"type", "incident"}}) == "/ticket/fields: an Incident needs: Impact");
    CHECK(refused({{"title", "x"}, {"type", "incident"}, {"fields.impact", "Galaxy"}}) ==
          "/ticket/fields.impact: 'Impact' has no option 'Galaxy'");
    CHECK_FALSE(MakeCreate(board, json::array(), kId, 1, kMe).ok());
    CHECK(board.tickets().empty());
}

TEST_CASE("a 1 MB description is accepted; invalid UTF-8 is repaired with U+FFFD") {
    Board board;
    Create(board, kId, {{"title", "Caf\xC3\xA9 \xFF broken"}, {"description", std::string(1000000, 'd')}});
    CHECK(board.Find(kId)->description.size() == 1000000);
    CHECK(board.Find(kId)->title == "Caf\xC3\xA9 \xEF\xBF\xBD broken");
}

TEST_CASE("types drive the fields: required ones must be given, values checked by kind") {
    Board board;
    Create(board, kId, {{"title", "Crash on save"}, {"type", "bug"}, {"fields.steps", "1. open 2. save"},
                        {"fields.severity", "Major"}});
    CHECK(board.Find(kId)->fields["severity"] == "Major");
    CHECK(Refusal(board, {{"op", "update"}, {"id", kId}, {"set", {{"fields.steps", ""}}}}) ==
          "/set: a Bug needs: Steps to reproduce");
    CHECK(Refusal(board, {{"op", "update"}, {"id", kId}, {"set", {{"fields.rocket", "x"}}}}) ==
          "/set/fields.rocket: the type Bug has no field 'rocket'");
    // Changing the type to one with other required fields names them.
    CHECK(Refusal(board, {{"op", "update"}, {"id", kId}, {"set", {{"type", "change"}}}}) ==
          "/set: a Change request needs: Planned for, Risk");
    Apply(board, {{"op", "update"}, {"id", kId},
                  {"set", {{"type", "change"}, {"fields.planned_for", 1700000000000}, {"fields.risk", "Low"}}}});
    // The bug's values are kept, not dropped, after the type change.
    CHECK(board.Find(kId)->fields["steps"] == "1. open 2. save");
    CHECK(Refusal(board, {{"op", "update"}, {"id", kId}, {"set", {{"fields.planned_for", "tomorrow"}}}}) ==
          "/set/fields.planned_for: 'Planned for' must be a date (milliseconds)");
}

TEST_CASE("an update records who changed what from what to what, and its inverse undoes it") {
    Board board;
    Create(board, kId);
    json inverse = Apply(board, {{"op", "update"}, {"id", kId}, {"set", {{"title", "Printer jams daily"}, {"priority", "high"}}}}, 50);
    const Ticket* t = board.Find(kId);
    CHECK(t->title == "Printer jams daily");
    CHECK(t->updated == 50);
    REQUIRE(t->history.size() == 3);
    CHECK(t->history[1].field == "priority");  // fields in key order
    CHECK(t->history[1].old_value == "normal");
    CHECK(t->history[1].new_value == "high");
    CHECK(t->history[1].by == "me");
    CHECK(t->history[1].at == 50);
    Apply(board, inverse, 60);
    CHECK(board.Find(kId)->title == "Printer jams");
    CHECK(board.Find(kId)->priority == "normal");
    CHECK(board.Find(kId)->history.size() == 5);  // undo is history too
}

TEST_CASE("an update that changes nothing yields no inverse") {
    Board board;
    Create(board, kId);
    CHECK(Apply(board, {{"op", "update"}, {"id", kId}, {"set", {{"title", "Printer jams"}}}}).is_null());
}

TEST_CASE("the workflow refuses moves it does not allow, with the reason") {
    BoardConfig config = DefaultConfig();
    config.transitions = {{"new", "triage"}, {"triage", "in_progress"}, {"in_progress", "resolved"}};
    Board board(config);
    Create(board, kId);
    CHECK(Refusal(board, {{"op", "update"}, {"id", kId}, {"set", {{"status", "closed"}}}}) ==
          "/set/status: moving from 'New' to 'Closed' is not allowed by this board's workflow");
    json inverse = Apply(board, {{"op", "update"}, {"id", kId}, {"set", {{"status", "triage"}}}});
    // Undoing an allowed move is allowed even without the reverse transition.
    Apply(board, inverse);
    CHECK(board.Find(kId)->status == "new");
}

TEST_CASE("resolving stamps resolved_at; reopening needs a reason, clears it and records why") {
    Board board;
    Create(board, kId);
    Apply(board, {{"op", "update"}, {"id", kId}, {"set", {{"status", "resolved"}}}}, 70);
    CHECK(board.Find(kId)->resolved_at == 70);
    CHECK(Refusal(board, {{"op", "reopen"}, {"id", kId}, {"reason", "  "}}) == "/reason: say why the ticket is reopened");
    json inverse = Apply(board, {{"op", "reopen"}, {"id", kId}, {"reason", "Still jams on duplex"}}, 80);
    const Ticket* t = board.Find(kId);
    CHECK(t->status == "new");
    CHECK(t->resolved_at == 0);
    CHECK(t->history.back().field == "status");
    CHECK(t->history.back().note == "reopened: Still jams on duplex");
    CHECK(Refusal(board, {{"op", "reopen"}, {"id", kId}, {"reason", "again"}}) ==
          "/id: only a resolved or closed ticket can be reopened");
    Apply(board, inverse, 90);  // undo the reopen: resolved again, at the original time
    CHECK(board.Find(kId)->status == "resolved");
    CHECK(board.Find(kId)->resolved_at == 70);
}

TEST_CASE("comments: internal or public; the first public answer sets first_response_at; undo removes") {
    Board board;
    Create(board, kId, {{"title", "x"}, {"requester", "bo"}});
    Apply(board, {{"op", "comment"}, {"id", kId}, {"comment", {{"id", "c1"}, {"author", "bo"}, {"body", "any news?"}}}}, 20);
    CHECK(board.Find(kId)->first_response_at == 0);  // the requester's own comment
    Apply(board, {{"op", "comment"}, {"id", kId}, {"comment", {{"id", "c2"}, {"author", "ana"}, {"body", "note"}, {"internal", true}}}}, 30);
    CHECK(board.Find(kId)->first_response_at == 0);  // internal
    json inverse = Apply(board, {{"op", "comment"}, {"id", kId}, {"comment", {{"id", "c3"}, {"author", "ana"}, {"body", "On it"}}}}, 40);
    CHECK(board.Find(kId)->first_response_at == 40);
    CHECK(board.Find(kId)->comments.size() == 3);
    CHECK(Refusal(board, {{"op", "comment"}, {"id", kId}, {"comment", {{"id", "c4"}, {"body", " "}}}}) ==
          "/comment/body: a comment cannot be empty");
    json redo = Apply(board, inverse, 50);
    CHECK(board.Find(kId)->comments.size() == 2);
    CHECK(board.Find(kId)->first_response_at == 0);
    Apply(board, redo, 60);
    CHECK(board.Find(kId)->comments.back().body == "On it");
    CHECK(board.Find(kId)->comments.back().at == 40);
}

TEST_CASE("links keep both sides consistent and refuse circles") {
    Board board;
    Create(board, kId);
    Create(board, kOther, {{"title", "b"}});
    Create(board, kThird, {{"title", "c"}});
    json inverse = Apply(board, {{"op", "link"}, {"id", kId}, {"kind", "blocks"}, {"target", kOther}});
    CHECK(board.Find(kId)->links == std::vector<Link>{{LinkKind::Blocks, kOther}});
    CHECK(board.Find(kOther)->links == std::vector<Link>{{LinkKind::BlockedBy, kId}});
    Apply(board, {{"op", "link"}, {"id", kOther}, {"kind", "blocks"}, {"target", kThird}});
    CHECK(Refusal(board, {{"op", "link"}, {"id", kThird}, {"kind", "blocks"}, {"target", kId}}) ==
          "/target: this link would make a circle (blocks)");
    CHECK(Refusal(board, {{"op", "link"}, {"id", kId}, {"kind", "blocked_by"}, {"target", kThird}}) ==
          "/target: this link would make a circle (blocked_by)");
    CHECK(Refusal(board, {{"op", "link"}, {"id", kId}, {"kind", "blocks"}, {"target", kOther}}) ==
          "/target: these tickets are already linked this way");
    CHECK(Refusal(board, {{"op", "link"}, {"id", kId}, {"kind", "relates_to"}, {"target", kId}}) ==
          "/target: a ticket cannot be linked to itself");
    CHECK(Refusal(board, {{"op", "link"}, {"id", kId}, {"kind", "likes"}, {"target", kOther}}).find("unknown link kind") !=
          std::string::npos);
    Apply(board, {{"op", "link"}, {"id", kThird}, {"kind", "duplicate_of"}, {"target", kId}});
    CHECK(Refusal(board, {{"op", "link"}, {"id", kId}, {"kind", "duplicate_of"}, {"target", kThird}}) ==
          "/target: this link would make a circle (duplicate_of)");
    Apply(board, inverse);  // unlink
    CHECK(board.Find(kId)->links == std::vector<Link>{{LinkKind::DuplicatedBy, kThird}});
    CHECK(board.Find(kOther)->links == std::vector<Link>{{LinkKind::Blocks, kThird}});
}

TEST_CASE("delete hides a ticket (kept, restorable); edits to it are refused until restored") {
    Board board;
    Create(board, kId);
    json inverse = Apply(board, {{"op", "delete"}, {"id", kId}});
    CHECK(board.Find(kId)->deleted);
    CHECK(board.Column("new").empty());
    CHECK(Refusal(board, {{"op", "update"}, {"id", kId}, {"set", {{"title", "x"}}}}) ==
          "/id: ticket " + kId + " is deleted; restore it first");
    Apply(board, inverse);
    CHECK_FALSE(board.Find(kId)->deleted);
    CHECK(board.Column("new").size() == 1);

    // A status deleted meanwhile: the ticket stays deleted rather than come back unseen.
    Apply(board, {{"op", "update"}, {"id", kId}, {"set", {{"status", "triage"}}}});
    Apply(board, {{"op", "delete"}, {"id", kId}});
    json config = ConfigToJson(board.config());
    json statuses = json::array();
    for (const json& s : config["statuses"])
        if (s["id"] != "triage") statuses.push_back(s);
    config["statuses"] = statuses;
    config["transitions"] = json::array();
    Apply(board, {{"op", "config"}, {"config", config}});
    CHECK(Refusal(board, {{"op", "restore"}, {"id", kId}}) ==
          "/id: ticket " + kId + " cannot be restored: unknown status 'triage'; add it back to the board first");
    CHECK(board.Find(kId)->deleted);
}

TEST_CASE("configuration edits are validated, refused when tickets would be orphaned, and undoable") {
    Board board;
    Create(board, kId);
    json config = ConfigToJson(board.config());
    config["statuses"].push_back({{"id", "review"}, {"name", "Review"}, {"category", "active"}});
    json inverse = Apply(board, {{"op", "config"}, {"config", config}});
    CHECK(board.config().statuses.size() == 7);
    REQUIRE(board.config_history().size() == 1);
    CHECK(board.config_history()[0].old_value == json::array({"statuses"}));
    CHECK(board.config_history()[0].by == "me");
    CHECK(Apply(board, {{"op", "config"}, {"config", config}}).is_null());  // no change, no history
    auto reloaded = BoardFromJson(BoardToJson(board));
    REQUIRE(reloaded.ok());
    CHECK(reloaded.value().config_history().size() == 1);
    CHECK(BoardToJsonText(board) == BoardToJson(board).dump());

    json bad = config;
    bad["transitions"] = json::array({{{"from", "new"}, {"to", "nowhere"}}});
    CHECK(Refusal(board, {{"op", "config"}, {"config", bad}}) ==
          "/config/transitions/0: transition to a status that does not exist: 'nowhere'");
    bad = config;
    bad["statuses"].erase(0);  // "new" holds the ticket
    CHECK(Refusal(board, {{"op", "config"}, {"config", bad}}) ==
          "/config: 1 ticket uses what this configuration removes (first: unknown status 'new'); move them first");
    bad = config;
    bad["priorities"].push_back(bad["priorities"][0]);
    CHECK(Refusal(board, {{"op", "config"}, {"config", bad}}) == "/config/priorities/4: 'urgent' appears twice");

    Apply(board, inverse);
    CHECK(board.config().statuses.size() == 6);
}

TEST_CASE("clock stamps from the record are kept per field") {
    Board board;
    Create(board, kId);
    Apply(board, {{"op", "update"}, {"id", kId}, {"set", {{"priority", "low"}}}, {"hlc", "1700:3:dev1"}});
    CHECK(board.Find(kId)->clocks.at("priority").ToString() == "1700:3:dev1");
    CHECK(Refusal(board, {{"op", "update"}, {"id", kId}, {"set", {{"priority", "high"}}}, {"hlc", "garbage"}}) ==
          "/hlc: 'hlc' is not a clock stamp");
}

TEST_CASE("records that do not fit are refused, not half-applied") {
    Board board;
    Create(board, kId);
    json dup = MakeCreate(board, {{"title", "a"}}, kId, 1, kMe).value();
    CHECK(Refusal(board, dup) == "/ticket/id: a ticket with id " + kId + " already exists");
    CHECK(Refusal(board, {{"op", "explode"}}) == "/op: unknown change 'explode'");
    CHECK(Refusal(board, json("text")) == "a change must be a JSON object");
    CHECK(Refusal(board, {{"op", "update"}, {"id", kId}, {"set", {{"title", "ok"}, {"priority", "never"}}}}) ==
          "/set/priority: unknown priority 'never'");
    CHECK(Refusal(board, {{"op", "update"}, {"id", kId}, {"set", {{"resolved_at", 5}}}}) ==
          "/set/resolved_at: 'resolved_at' is set by Tackboard, not directly");
    CHECK(board.tickets().size() == 1);
}
