// Tests for io/import.cpp (planning an import, the preview's content, CSV export) and
// for the all-or-nothing `import` and `batch` changes it relies on, through App.
#include <doctest/doctest.h>

#include <algorithm>

#include "app/app.hpp"
#include "core/change.hpp"
#include "core/ticket_json.hpp"
#include "io/import.hpp"
#include "temp_dir.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

std::string Fixture(const char* name) { return ReadAll(std::string(TACKBOARD_SOURCE_DIR) + "/tests/fixtures/" + name); }

struct TestApp {
    TempDir dir;
    Millis clock = 1'705'000'000'000;
    unsigned char entropy = 1;
    std::unique_ptr<App> app;
    TestApp() { Open(); }
    void Open() {
        app = std::make_unique<App>(dir.str(), AppEnvironment{[this] { return clock += 1000; },
                                                              [this] {
                                                                  RandomBytes r;
                                                                  r.fill(entropy++);
                                                                  return r;
                                                              },
                                                              nullptr});
    }
    App* operator->() { return app.get(); }
};

const ImportMapping* FindMapping(const ImportPlan& plan, const std::string& what, const std::string& from) {
    for (const auto& m : plan.mappings)
        if (m.what == what && m.from == from) return &m;
    return nullptr;
}

const Ticket* FindByTitle(const Board& board, const std::string& title) {
    for (const auto& t : board.tickets())
        if (t.title == title) return &t;
    return nullptr;
}

std::size_t LiveTickets(const Board& board) {
    return std::count_if(board.tickets().begin(), board.tickets().end(), [](const Ticket& t) { return !t.deleted; });
}

}  // namespace

TEST_CASE("a Trello board is previewed without changing anything, then imported whole") {
    TestApp app;
    std::string file = Fixture("trello-board.json");
    auto plan = app->PlanImport(file);
    REQUIRE_MESSAGE(plan.ok(), plan.error().Describe());
    const ImportPlan& p = plan.value();
    CHECK(p.format == "Trello board");
    CHECK(p.tickets > 0);
    CHECK(app->board().tickets().empty());  // the preview changes nothing
    CHECK_FALSE(p.skipped.empty());         // archived cards are named with a reason
    // Lists keep their names: "Inbox" becomes a new column, "Done" maps to a finished one.
    const ImportMapping* inbox = FindMapping(p, "status", "Inbox");
    REQUIRE(inbox);
    CHECK(inbox->added);

    REQUIRE(app->Import(p).ok());
    CHECK(LiveTickets(app->board()) == p.tickets);
    const Ticket* printer = FindByTitle(app->board(), "Printer jam on 2nd floor");
    REQUIRE(printer);
    CHECK(app->board().config().FindStatus(printer->status)->name == "Inbox");
    CHECK(printer->extra["source"]["format"] == "Trello board");
    CHECK(printer->history.size() == 1);
    CHECK(printer->history[0].note == "imported from Trello board");

    // The import is one undo step, and the same file is not imported twice.
    auto again = app->PlanImport(file);
    REQUIRE(again.ok());
    CHECK(again.value().tickets == 0);
    CHECK(again.value().change.is_null());
    REQUIRE(app->Undo().ok());
    CHECK(LiveTickets(app->board()) == 0);
    CHECK(app->board().config().FindStatus("inbox") == nullptr);  // the settings it added are gone too
}

TEST_CASE("an import survives reopening the folder, from the journal and from a snapshot") {
    TestApp app;
    auto plan = app->PlanImport(Fixture("github-issues.json"));
    REQUIRE_MESSAGE(plan.ok(), plan.error().Describe());
    REQUIRE(app->Import(plan.value()).ok());
    json before = BoardToJson(app->board())["tickets"];
    app.Open();
    CHECK(BoardToJson(app->board())["tickets"] == before);
    REQUIRE(app->Compact().ok());
    app.Open();
    CHECK(BoardToJson(app->board())["tickets"] == before);
    CHECK(app->notices().empty());
}

TEST_CASE("GitHub issues: closed issues land in a finished column with their closing time") {
    TestApp app;
    auto plan = app->PlanImport(Fixture("github-issues.json"), "github");
    REQUIRE_MESSAGE(plan.ok(), plan.error().Describe());
    const ImportMapping* closed = FindMapping(plan.value(), "status", "(closed)");
    REQUIRE(closed);
    CHECK_FALSE(closed->added);
    REQUIRE(app->Import(plan.value()).ok());
    bool saw_closed = false;
    for (const auto& t : app->board().tickets()) {
        const StatusDef* s = app->board().config().FindStatus(t.status);
        REQUIRE(s);
        if (s->category == StatusCategory::Done) {
            saw_closed = true;
            CHECK(t.resolved_at > 0);
        }
    }
    CHECK(saw_closed);
}

TEST_CASE("Jira CSV: types, priorities and statuses are mapped, comments kept") {
    TestApp app;
    auto plan = app->PlanImport(Fixture("jira-export.csv"));
    REQUIRE_MESSAGE(plan.ok(), plan.error().Describe());
    const ImportPlan& p = plan.value();
    CHECK(p.format == "Jira CSV");
    const ImportMapping* highest = FindMapping(p, "priority", "Highest");
    REQUIRE(highest);
    CHECK(highest->to == "Urgent");
    const ImportMapping* in_progress = FindMapping(p, "status", "In Progress");
    REQUIRE(in_progress);
    CHECK(in_progress->to == "In progress");
    CHECK_FALSE(in_progress->added);
    const ImportMapping* bug = FindMapping(p, "type", "Bug");
    REQUIRE(bug);
    CHECK(bug->to == "Bug");
    CHECK(p.comments >= 2);
    CHECK(std::any_of(p.notes.begin(), p.notes.end(), [](const std::string& n) { return n.find("Sprint") != std::string::npos; }));
    REQUIRE(app->Import(p).ok());
    const Ticket* printer = FindByTitle(app->board(), "Printer jam on 2nd floor");
    REQUIRE(printer);
    CHECK(printer->comments.size() == 2);
    CHECK(printer->first_response_at == printer->comments[0].at);
    CHECK(printer->labels == std::vector<std::string>{"hardware", "printer"});
}

TEST_CASE("plain CSV with ';', BOM and a bad date: the row is skipped with the reason") {
    TestApp app;
    auto plan = app->PlanImport(Fixture("tickets.csv"), "csv");
    REQUIRE_MESSAGE(plan.ok(), plan.error().Describe());
    const ImportPlan& p = plan.value();
    CHECK(p.format == "CSV");
    REQUIRE(p.skipped.size() == 1);
    CHECK(p.skipped[0].reason.find("next week") != std::string::npos);
    REQUIRE(app->Import(p).ok());
    const Ticket* server = FindByTitle(app->board(), "服务器宕机了");
    REQUIRE(server);
    CHECK(server->priority == "urgent");
    CHECK(server->labels == std::vector<std::string>{"server", "database"});
}

TEST_CASE("assignees become members when the board keeps a member list") {
    TestApp app;
    json config = ConfigToJson(app->board().config());
    config["members"] = json::array({{{"id", "ann"}, {"name", "Ann Lee"}}});
    REQUIRE(app->Execute({{"op", "config"}, {"config", config}}).ok());
    auto plan = app->PlanImport(Fixture("jira-export.csv"));
    REQUIRE(plan.ok());
    const ImportMapping* ann = FindMapping(plan.value(), "assignee", "Ann Lee");
    REQUIRE(ann);
    CHECK_FALSE(ann->added);
    const ImportMapping* bob = FindMapping(plan.value(), "assignee", "Bob Stone");
    REQUIRE(bob);
    CHECK(bob->added);
    REQUIRE(app->Import(plan.value()).ok());
    CHECK(app->board().config().FindMember("bob_stone"));
    CHECK(FindByTitle(app->board(), "Printer jam on 2nd floor")->assignee == "ann");
}

TEST_CASE("a Tackboard export imported into an empty board gives the same board back") {
    TestApp source;
    auto a = source->CreateTicket({{"title", "Printer jams"}, {"priority", "high"}, {"labels", {"hardware"}}});
    auto b = source->CreateTicket({{"title", "打印机坏了"}, {"type", "bug"}, {"fields.steps", "Print a page"}});
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(source->Execute({{"op", "comment"}, {"id", a.value()}, {"comment", {{"body", "On it"}}}}).ok());
    REQUIRE(source->Execute({{"op", "link"}, {"id", a.value()}, {"kind", "blocks"}, {"target", b.value()}}).ok());
    REQUIRE(source->UpdateTicket(b.value(), {{"status", "resolved"}}).ok());
    REQUIRE(source->Execute({{"op", "delete"}, {"id", a.value()}}).ok());
    json config = ConfigToJson(source->board().config());
    config["statuses"][0]["name"] = "Inbox";
    REQUIRE(source->Execute({{"op", "config"}, {"config", config}}).ok());
    std::string exported = BoardToJsonText(source->board());

    TestApp target;
    auto plan = target->PlanImport(exported, "json");
    REQUIRE_MESSAGE(plan.ok(), plan.error().Describe());
    CHECK(plan.value().format == "Tackboard");
    REQUIRE(target->Import(plan.value()).ok());
    json before = BoardToJson(source->board());
    json after = BoardToJson(target->board());
    CHECK(after["tickets"] == before["tickets"]);
    CHECK(after["config"] == before["config"]);

    // Into a board that already has these tickets: nothing is added twice.
    auto twice = target->PlanImport(exported);
    REQUIRE(twice.ok());
    CHECK(twice.value().tickets == 0);
    CHECK(twice.value().skipped.size() == 2);
}

TEST_CASE("CSV export reads back as the same tickets") {
    TestApp source;
    REQUIRE(source->CreateTicket({{"title", "Comma, \"quotes\" and\nnewline"}, {"labels", {"vip", "billing"}}}).ok());
    REQUIRE(source->CreateTicket({{"title", "Skrivaren i Göteborg"}, {"priority", "low"}, {"status", "waiting"}}).ok());
    std::string csv = BoardToCsv(source->board());
    TestApp target;
    auto plan = target->PlanImport(csv, "csv");
    REQUIRE_MESSAGE(plan.ok(), plan.error().Describe());
    CHECK(plan.value().skipped.empty());
    for (const auto& m : plan.value().mappings) CHECK_MESSAGE(!m.added, std::string(m.what + " " + m.from));
    REQUIRE(target->Import(plan.value()).ok());
    for (const auto& t : source->board().tickets()) {
        const Ticket* copy = FindByTitle(target->board(), t.title);
        REQUIRE_MESSAGE(copy, t.title);
        CHECK(copy->status == t.status);
        CHECK(copy->priority == t.priority);
        CHECK(copy->type == t.type);
        CHECK(copy->labels == t.labels);
        CHECK(copy->created == t.created);
    }
    // Re-importing the board's own CSV adds nothing: the ids are already on the board.
    auto own = source->PlanImport(csv, "csv");
    REQUIRE(own.ok());
    CHECK(own.value().tickets == 0);
}

TEST_CASE("files that are not what they claim, or not text, are refused with a reason") {
    TestApp app;
    auto refused = [&](std::string_view bytes, const std::string& expect, const std::string& words) {
        auto plan = app->PlanImport(bytes, expect);
        REQUIRE_FALSE(plan.ok());
        CHECK_MESSAGE(plan.error().Describe().find(words) != std::string::npos, plan.error().Describe());
    };
    refused("", "", "empty");
    refused("Title\nok\n\xC3\x28 broken\n", "", "not UTF-8 text (bad byte at offset 9, line 3)");
    refused(std::string("PK\x03\x04\0\0binary", 12), "", "not a text file");
    refused("Title,Status\nA,New\n", "json", "not JSON");
    refused("{\"lists\": [], \"cards\": []}", "csv", "JSON, not CSV");
    refused("{\"tickets\": [1, 2", "", "not valid JSON");
    refused("{\"hello\": 1}", "", "none of the files Tackboard imports");
    refused("Colour,Size\nred,3\n", "", "no title column");
    refused("{\"format\": \"tackboard\", \"version\": 99, \"tickets\": []}", "", "newer Tackboard");
    CHECK(app->board().tickets().empty());
}

TEST_CASE("UTF-16 files from spreadsheets are read") {
    TestApp app;
    std::string text = "Title,Priority\nCafé ☕ 中文,High\n";
    std::string utf16 = "\xFF\xFE";
    for (std::size_t i = 0; i < text.size();) {  // ASCII + BMP only in this sample
        unsigned char c = text[i];
        std::uint32_t cp;
        int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;
        cp = len == 1 ? c : len == 2 ? (c & 0x1F) : (c & 0x0F);
        for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        utf16 += static_cast<char>(cp & 0xFF);
        utf16 += static_cast<char>(cp >> 8);
        i += len;
    }
    auto plan = app->PlanImport(utf16);
    REQUIRE_MESSAGE(plan.ok(), plan.error().Describe());
    REQUIRE(app->Import(plan.value()).ok());
    CHECK(FindByTitle(app->board(), "Café ☕ 中文"));
}

TEST_CASE("duplicate ids in a file: the second is skipped, the first imported") {
    TestApp app;
    auto plan = app->PlanImport("Id,Title\nA-1,First\nA-1,Second\n,No id is fine\n");
    REQUIRE(plan.ok());
    CHECK(plan.value().tickets == 2);
    REQUIRE(plan.value().skipped.size() == 1);
    CHECK(plan.value().skipped[0].reason.find("A-1") != std::string::npos);
}

TEST_CASE("an import record with one bad ticket adds none") {
    Board board;
    json good = {{"id", "T1"}, {"type", "support"}, {"title", "Fine"}, {"status", "new"}, {"priority", "normal"}};
    json bad = good;
    bad["id"] = "T2";
    bad["status"] = "nowhere";
    auto applied = ApplyChange(board, {{"op", "import"}, {"at", 5}, {"tickets", {good, bad}}});
    REQUIRE_FALSE(applied.ok());
    CHECK(applied.error().path == "/tickets/1/status");
    CHECK(board.tickets().empty());
    json twice = {{"op", "import"}, {"at", 5}, {"tickets", {good, good}}};
    CHECK_FALSE(ApplyChange(board, twice).ok());
    CHECK(board.tickets().empty());
    json dangling = good;
    dangling["links"] = json::array({{{"kind", "blocks"}, {"target", "T9"}}});
    CHECK_FALSE(ApplyChange(board, {{"op", "import"}, {"at", 5}, {"tickets", {dangling}}}).ok());
    CHECK(board.tickets().empty());
}

TEST_CASE("a batch is applied whole or not at all, and undone as one") {
    TestApp app;
    auto a = app->CreateTicket({{"title", "One"}});
    auto b = app->CreateTicket({{"title", "Two"}});
    REQUIRE((a.ok() && b.ok()));
    json moves = {{"op", "batch"},
                  {"changes",
                   {{{"op", "update"}, {"id", a.value()}, {"set", {{"status", "triage"}}}},
                    {{"op", "update"}, {"id", b.value()}, {"set", {{"status", "nowhere"}}}}}}};
    auto refused = app->Execute(moves);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().path == "/changes/1/set/status");
    CHECK(app->board().Find(a.value())->status == "new");  // the first move was rolled back

    moves["changes"][1]["set"]["status"] = "waiting";
    REQUIRE(app->Execute(moves).ok());
    CHECK(app->board().Find(a.value())->status == "triage");
    CHECK(app->board().Find(b.value())->status == "waiting");
    REQUIRE(app->Undo().ok());
    CHECK(app->board().Find(a.value())->status == "new");
    CHECK(app->board().Find(b.value())->status == "new");
    app.Open();  // replayed from the journal the same way
    CHECK(app->board().Find(a.value())->status == "new");
    CHECK(app->board().Find(b.value())->status == "new");
}

TEST_CASE("planning in slices gives the plan planning at once gives, with progress on the way") {
    TestApp app;
    std::string csv = "Title,Status\n";
    for (int i = 0; i < 2500; ++i) csv += "Ticket " + std::to_string(i) + ",New\n";
    ImportPlanner planner = app->PlanImportInSlices(csv);
    std::vector<double> progress;
    int steps = 0;
    while (!planner.Step(500)) {
        progress.push_back(planner.progress());
        REQUIRE(++steps < 100);
    }
    CHECK(steps >= 5);  // reading the file, then 2500 tickets 500 at a time
    CHECK(std::is_sorted(progress.begin(), progress.end()));
    CHECK(progress.back() < 1.0);
    auto sliced = planner.Take();
    REQUIRE(sliced.ok());
    CHECK(sliced.value().tickets == 2500);
    CHECK(sliced.value().change["tickets"][2499]["title"] == "Ticket 2499");
    REQUIRE(app->Import(sliced.value()).ok());
    CHECK(app->board().tickets().size() == 2500);
}

TEST_CASE("a preview planned before the board changed is refused, not applied over the change") {
    TestApp app;
    auto plan = app->PlanImport("Title,Status\nNew column ticket,Escalated\n");
    REQUIRE(plan.ok());
    REQUIRE(app->CreateTicket({{"title", "Made while the preview was open"}}).ok());
    auto refused = app->Import(plan.value());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("changed since the preview") != std::string::npos);
    CHECK(app->board().tickets().size() == 1);
    CHECK_FALSE(app->board().config().FindStatus("escalated"));
}
