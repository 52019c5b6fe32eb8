// import_readers_test.cpp — the readers of other tools' files (src/io/read_trello.cpp,
// read_github.cpp, read_csv_tickets.cpp): the fixtures in tests/fixtures/ read field by
// field, then every rule on small inline inputs, including wrong shapes (wrong top-level
// type, numbers where strings belong, nulls), which must give errors or skipped records.
//
// [SECTION] Helpers
// [SECTION] Trello
// [SECTION] GitHub
// [SECTION] Jira CSV
// [SECTION] Plain CSV
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/dates.hpp"
#include "io/csv.hpp"
#include "io/import_source.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

// -----------------------------------------------------------------------------
// [SECTION] Helpers
// -----------------------------------------------------------------------------

constexpr Millis kMinute = 60 * 1000;
constexpr Millis kHour = 60 * kMinute;

Millis Utc(int year, unsigned month, unsigned day, int hour = 0, int minute = 0, int second = 0) {
    return DaysFromCivil(year, month, day) * kMillisPerDay + hour * kHour + minute * kMinute + second * 1000;
}

std::string ReadFixture(const char* name) {
    std::ifstream in(std::string(TACKBOARD_SOURCE_DIR "/tests/fixtures/") + name, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

json JsonFixture(const char* name) {
    json parsed = json::parse(ReadFixture(name), nullptr, /*allow_exceptions=*/false);
    REQUIRE_FALSE(parsed.is_discarded());
    return parsed;
}

CsvTable CsvFixture(const char* name) {
    Result<CsvTable> table = ParseCsv(ReadFixture(name));
    REQUIRE_MESSAGE(table.ok(), (table.ok() ? "" : table.error().Describe()));
    return table.value();
}

// A table as ParseCsv would give it, one line per row after the header.
CsvTable Table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows) {
    CsvTable table;
    table.header = std::move(header);
    for (auto& row : rows) {
        row.resize(table.header.size());
        table.row_lines.push_back(static_cast<int>(table.rows.size()) + 2);
        table.rows.push_back(std::move(row));
    }
    return table;
}

ImportSource Loaded(Result<ImportSource> result) {
    REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.error().Describe()));
    return std::move(result.value());
}

std::string ErrorOf(const Result<ImportSource>& result) { return result.ok() ? "(no error)" : result.error().message; }

const ImportedTicket& FindTicket(const ImportSource& source, std::string_view source_id) {
    for (const ImportedTicket& ticket : source.tickets)
        if (ticket.source_id == source_id) return ticket;
    FAIL("no ticket " << source_id);
    return source.tickets.front();
}

// "where: reason" for every skipped record, to compare in one CHECK.
std::vector<std::string> Skipped(const ImportSource& source) {
    std::vector<std::string> out;
    for (const SkippedRecord& record : source.skipped) out.push_back(record.where + ": " + record.reason);
    return out;
}

using Strings = std::vector<std::string>;

}  // namespace

// -----------------------------------------------------------------------------
// [SECTION] Trello
// -----------------------------------------------------------------------------

TEST_CASE("Trello: the fixture board, card by card") {
    ImportSource source = Loaded(ReadTrelloBoard(JsonFixture("trello-board.json")));
    CHECK(source.format == "Trello board");
    CHECK(source.statuses == Strings{"Inbox", "In progress", "Done"});  // "Old requests" is archived
    REQUIRE(source.tickets.size() == 4);
    CHECK(Skipped(source) == Strings{"card 5 \"Old laptop disposal\": its list 'Old requests' is archived",
                                     "card 6 \"Printer jam (duplicate)\": archived card"});
    CHECK(source.notes == Strings{"attachments are not imported"});

    const ImportedTicket& jam = source.tickets[0];
    CHECK(jam.where == "card 1 \"Printer jam on 2nd floor\"");
    CHECK(jam.source_id == "65a4ed08a1b2c3d4e5f60101");
    CHECK(jam.url == "https://trello.com/c/aB3dE5fG");
    CHECK(jam.title == "Printer jam on 2nd floor");
    CHECK(jam.status == "Inbox");
    CHECK_FALSE(jam.closed);
    CHECK(jam.labels == Strings{"Hardware", "green"});  // the nameless label by its colour
    CHECK(jam.assignee == "Ann Lee");
    CHECK(jam.requester.empty());
    CHECK(jam.due == Utc(2024, 1, 20, 17));
    CHECK(jam.created == Utc(2024, 1, 15, 8, 30));  // from the card id
    CHECK(jam.updated == Utc(2024, 1, 16, 11, 20));
    CHECK(jam.description ==
          "The HP LaserJet by the kitchen shows **paper jam** in tray 2.\n"
          "Users are printing to the 3rd floor meanwhile.\n\n"
          "### Before calling the vendor\n"
          "- [x] Open tray 2 and remove the paper\n"
          "- [x] Power-cycle the printer\n"
          "- [ ] Check the toner level");
    REQUIRE(jam.comments.size() == 2);  // the export lists actions newest first
    CHECK(jam.comments[0].author == "Ann Lee");
    CHECK(jam.comments[0].at == Utc(2024, 1, 15, 9, 5));
    CHECK(jam.comments[0].body == "Seen at 9:40, paper stuck behind tray 2.");
    CHECK(jam.comments[1].author == "Bob Stone");
    CHECK(jam.comments[1].body == "Tray 2 roller was worn; replaced it. Watching it today.");

    const ImportedTicket& vpn = source.tickets[1];
    CHECK(vpn.status == "In progress");
    CHECK(vpn.assignee == "Bob Stone");  // first of idMembers
    CHECK(vpn.labels == Strings{"Network", "Urgent"});
    CHECK(vpn.due == 0);
    CHECK(vpn.comments.empty());

    const ImportedTicket& screen = source.tickets[2];
    CHECK(screen.title == "Nouvel écran pour Amélie");
    CHECK(screen.description == "Amélie a besoin d’un second écran 27\" pour la compta.");
    CHECK(screen.assignee.empty());

    const ImportedTicket& password = source.tickets[3];
    CHECK(password.where == "card 4 \"Reset password for 张伟\"");
    CHECK(password.status == "Done");
    CHECK(password.description.empty());
}

TEST_CASE("Trello: not a board export") {
    const std::string message = "not a Trello board export: no 'lists' and 'cards'";
    CHECK(ErrorOf(ReadTrelloBoard(json::array())) == message);
    CHECK(ErrorOf(ReadTrelloBoard(json("board"))) == message);
    CHECK(ErrorOf(ReadTrelloBoard(json::object())) == message);
    CHECK(ErrorOf(ReadTrelloBoard(json{{"lists", json::array()}})) == message);
    CHECK(ErrorOf(ReadTrelloBoard(json{{"lists", json::array()}, {"cards", 3}})) == message);
    CHECK(ErrorOf(ReadTrelloBoard(json{{"lists", json::object()}, {"cards", json::array()}})) == message);
    ImportSource empty = Loaded(ReadTrelloBoard(json{{"lists", json::array()}, {"cards", json::array()}}));
    CHECK(empty.tickets.empty());
    CHECK(empty.statuses.empty());
}

TEST_CASE("Trello: statuses in pos order, numbers or numeric strings; array order otherwise") {
    json board = {{"cards", json::array()},
                  {"lists", {{{"id", "l3"}, {"name", "Done"}, {"closed", false}, {"pos", 3}},
                             {{"id", "l1"}, {"name", "Inbox"}, {"closed", false}, {"pos", "1"}},
                             {{"id", "lx"}, {"name", "Archive"}, {"closed", true}, {"pos", 0}},
                             {{"id", "l2"}, {"name", "Doing"}, {"pos", 2.5}},
                             "not a list"}}};
    CHECK(Loaded(ReadTrelloBoard(board)).statuses == Strings{"Inbox", "Doing", "Done"});

    board["lists"][1]["pos"] = "top";  // not a number: no order can be trusted
    CHECK(Loaded(ReadTrelloBoard(board)).statuses == Strings{"Done", "Inbox", "Doing"});
    board["lists"][1].erase("pos");
    CHECK(Loaded(ReadTrelloBoard(board)).statuses == Strings{"Done", "Inbox", "Doing"});
}

TEST_CASE("Trello: cards that cannot be imported, and wrong types") {
    json board = {
        {"lists", {{{"id", "l1"}, {"name", "Inbox"}, {"closed", false}, {"pos", 1}}}},
        {"labels", {{{"id", "g"}, {"name", nullptr}, {"color", "green"}}, {{"id", "n"}, {"name", ""}, {"color", nullptr}}}},
        {"members", {{{"id", "m1"}, {"fullName", ""}, {"username", "ann"}}, {{"id", 5}, {"fullName", "Ghost"}}}},
        {"cards",
         {
             "a string",                                                                       // 1
             {{"id", "c2"}, {"name", "Lost"}, {"idList", "nowhere"}},                          // 2
             {{"id", "c3"}, {"name", 42}, {"idList", "l1"}},                                   // 3
             {{"name", "No id"}, {"idList", "l1"}},                                            // 4
             {{"id", "c5"}, {"name", "Bad due"}, {"idList", "l1"}, {"due", 12}},               // 5
             {{"id", "c6"}, {"name", "Bad activity"}, {"idList", "l1"}, {"dateLastActivity", "soon"}},  // 6
             {{"id", "zz"}, {"name", std::string(60, 'x')}, {"idList", "l1"}, {"desc", nullptr}, {"closed", "yes"},
              {"idLabels", {"g", "n", 7, "unknown"}}, {"idMembers", {"nobody", 3, "m1"}}, {"url", "https://trello.com/c/zz/long"},
              {"shortUrl", 5}},                                                                // 7
             {{"id", "zz"}, {"name", "Same id"}, {"idList", "l1"}},                            // 8
         }}};
    ImportSource source = Loaded(ReadTrelloBoard(board));
    CHECK(Skipped(source) == Strings{"card 1: not a card object", "card 2 \"Lost\": its list is missing",
                                     "card 3: no title", "card 4 \"No id\": no card id",
                                     "card 5 \"Bad due\": due '12' is not a date (use YYYY-MM-DD)",
                                     "card 6 \"Bad activity\": dateLastActivity 'soon' is not a date (use YYYY-MM-DD)",
                                     "card 8 \"Same id\": duplicate card id zz"});
    REQUIRE(source.tickets.size() == 1);
    const ImportedTicket& card = source.tickets[0];
    CHECK(card.where == "card 7");  // a long name is left out
    CHECK(card.labels == Strings{"green"});  // a label with neither name nor colour is dropped
    CHECK(card.assignee == "ann");           // first member that exists; username without a full name
    CHECK(card.created == 0);                // "zz" is no ObjectId
    CHECK(card.description.empty());
    CHECK(card.url == "https://trello.com/c/zz/long");
}

TEST_CASE("Trello: checklists from either side of the link, comments by member id") {
    json board = {
        {"lists", {{{"id", "l1"}, {"name", "Inbox"}}}},
        {"members", {{{"id", "m1"}, {"fullName", "Ann Lee"}}}},
        {"cards", {{{"id", "c1"}, {"name", "Setup laptop"}, {"idList", "l1"}, {"desc", ""}, {"idChecklists", {"k2", 9}}}}},
        {"checklists",
         {{{"id", "k1"}, {"idCard", "c1"}, {"name", "Software"}, {"pos", 20},
           {"checkItems", {{{"name", "Office"}, {"state", "complete"}, {"pos", 1}}, "junk", {{"name", "VPN"}, {"state", 1}, {"pos", 2}}}}},
          {{"id", "k2"}, {"name", "Hardware"}, {"pos", 10}, {"checkItems", {{{"name", "Dock"}, {"state", "incomplete"}}}}},
          {{"id", "k3"}, {"idCard", "other"}, {"name", "Not this card"}},
          17}},
        {"actions",
         {{{"type", "commentCard"}, {"idMemberCreator", "m1"}, {"date", "2024-01-15T10:00:00.000Z"},
           {"data", {{"text", "Second"}, {"card", {{"id", "c1"}}}}}},
          {{"type", "commentCard"}, {"memberCreator", {{"username", "bob"}}}, {"date", "2024-01-15T09:00:00.000Z"},
           {"data", {{"text", "First"}, {"card", {{"id", "c1"}}}}}},
          {{"type", "commentCard"}, {"date", "2024-01-15T11:00:00.000Z"}, {"data", {{"text", "Elsewhere"}, {"card", {{"id", "c2"}}}}}},
          {{"type", "updateCard"}, {"data", {{"text", "Not a comment"}, {"card", {{"id", "c1"}}}}}},
          {{"type", "commentCard"}, {"data", "broken"}},
          {{"type", "commentCard"}, {"data", {{"text", 5}, {"card", {{"id", "c1"}}}}}}}},
        {"customFields", {{{"id", "f1"}, {"name", "Cost centre"}}}}};
    ImportSource source = Loaded(ReadTrelloBoard(board));
    REQUIRE(source.tickets.size() == 1);
    const ImportedTicket& card = source.tickets[0];
    CHECK(card.description ==
          "### Hardware\n- [ ] Dock\n\n"  // no blank lines before the first checklist of an empty description
          "### Software\n- [x] Office\n- [ ] VPN");
    REQUIRE(card.comments.size() == 2);
    CHECK(card.comments[0].author == "bob");
    CHECK(card.comments[0].body == "First");
    CHECK(card.comments[1].author == "Ann Lee");
    CHECK(card.comments[1].at == Utc(2024, 1, 15, 10));
    CHECK(source.notes == Strings{"custom fields are not imported"});
}

TEST_CASE("Trello: a full action log means older comments are missing") {
    json actions = json::array();
    for (int i = 0; i < 1000; ++i) actions.push_back({{"type", "updateCard"}});
    json board = {{"lists", json::array()}, {"cards", json::array()}, {"actions", actions}};
    Strings notes = Loaded(ReadTrelloBoard(board)).notes;
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].find("1000 actions") != std::string::npos);
}

// -----------------------------------------------------------------------------
// [SECTION] GitHub
// -----------------------------------------------------------------------------

TEST_CASE("GitHub: the fixture issues") {
    ImportSource source = Loaded(ReadGitHubIssues(JsonFixture("github-issues.json")));
    CHECK(source.format == "GitHub issues");
    CHECK(source.statuses.empty());
    CHECK(Skipped(source) == Strings{"issue #39: pull request, not an issue"});
    REQUIRE(source.tickets.size() == 4);
    CHECK(source.notes ==
          Strings{"milestones are not imported",
                  "comments are not imported: the file has only their number (the API lists them separately)"});

    const ImportedTicket& vpn = source.tickets[0];
    CHECK(vpn.where == "issue #41");
    CHECK(vpn.source_id == "41");
    CHECK(vpn.url == "https://github.com/acme/helpdesk/issues/41");
    CHECK(vpn.title == "VPN drops every hour");
    CHECK(vpn.description.rfind("Since the firewall update on **Monday**", 0) == 0);
    CHECK(vpn.status.empty());
    CHECK_FALSE(vpn.closed);
    CHECK(vpn.labels == Strings{"bug", "network"});
    CHECK(vpn.assignee == "bobstone");
    CHECK(vpn.requester == "chloe-m");
    CHECK(vpn.created == Utc(2024, 1, 15, 8, 30));
    CHECK(vpn.updated == Utc(2024, 1, 16, 11, 20, 5));
    CHECK(vpn.resolved == 0);
    CHECK(vpn.comments.empty());

    const ImportedTicket& drive = FindTicket(source, "40");
    CHECK(drive.closed);
    CHECK(drive.resolved == Utc(2024, 1, 12, 16, 40));
    CHECK(drive.assignee.empty());

    const ImportedTicket& screen = FindTicket(source, "38");
    CHECK(screen.title == "Écran noir après la mise à jour");
    REQUIRE(screen.comments.size() == 2);  // embedded by the export tool, newest first there
    CHECK(screen.comments[0].author == "annlee");
    CHECK(screen.comments[0].at == Utc(2024, 1, 8, 10));
    CHECK(screen.comments[0].body == "Can you try another DisplayPort cable?");
    CHECK(screen.comments[1].author == "chloe-m");

    CHECK(FindTicket(source, "37").description.empty());  // "body": null
}

TEST_CASE("GitHub: wrong top-level shapes are errors") {
    const std::string not_array = "expected a JSON array of issues, as the GitHub REST API returns";
    CHECK(ErrorOf(ReadGitHubIssues(json{{"number", 1}, {"title", "One issue"}})) == not_array);
    CHECK(ErrorOf(ReadGitHubIssues(json(nullptr))) == not_array);
    CHECK(ErrorOf(ReadGitHubIssues(json(12))) == not_array);
    const std::string not_issues = "not GitHub issues: no element has a 'number' or 'title'";
    CHECK(ErrorOf(ReadGitHubIssues(json{1, "two", nullptr})) == not_issues);
    CHECK(ErrorOf(ReadGitHubIssues(json::array({{{"id", 1}, {"name", "a Trello list?"}}}))) == not_issues);
    CHECK(Loaded(ReadGitHubIssues(json::array())).tickets.empty());
}

TEST_CASE("GitHub: records that cannot be imported, and wrong types inside issues") {
    json issues = {
        {{"number", 1}, {"title", "First"}},
        5,
        {{"number", 1}, {"title", "Again"}},
        {{"title", "No number"}},
        {{"number", 2}, {"title", 42}},
        {{"number", 3}, {"title", "   "}},
        {{"number", "4"}, {"title", "Number as text"}},
        {{"number", 5}, {"title", "Bad date"}, {"created_at", 1705314000}},
        {{"number", 6}, {"title", "Bad closed_at"}, {"closed_at", "yesterday"}},
        {{"number", 7}, {"title", "PR"}, {"pull_request", nullptr}},
        {{"number", -8}, {"title", "Negative"}},
        {{"number", 9},
         {"title", "  Odd types  "},
         {"labels", {"plain", {{"name", "object"}}, 3, {{"name", nullptr}}, "plain"}},
         {"assignees", "nope"},
         {"assignee", {{"login", "solo"}}},
         {"user", "not an object"},
         {"body", 7},
         {"state", 5},
         {"html_url", 9},
         {"milestone", nullptr},
         {"comments", {{{"user", {{"login", "a"}}}, {"body", "undated"}, {"created_at", "bad"}}, 7, {{"body", nullptr}}}}},
    };
    ImportSource source = Loaded(ReadGitHubIssues(issues));
    CHECK(Skipped(source) == Strings{"item 2: not an issue object",
                                     "issue #1: duplicate issue #1",
                                     "item 4: no issue number",
                                     "issue #2: no title",
                                     "issue #3: no title",
                                     "item 7: no issue number",
                                     "issue #5: created_at '1705314000' is not a date (use YYYY-MM-DD)",
                                     "issue #6: closed_at 'yesterday' is not a date (use YYYY-MM-DD)",
                                     "issue #7: pull request, not an issue",
                                     "item 11: no issue number"});
    REQUIRE(source.tickets.size() == 2);
    CHECK(source.tickets[0].title == "First");
    const ImportedTicket& odd = source.tickets[1];
    CHECK(odd.title == "Odd types");
    CHECK(odd.labels == Strings{"plain", "object"});
    CHECK(odd.assignee == "solo");
    CHECK(odd.requester.empty());
    CHECK(odd.description.empty());
    CHECK_FALSE(odd.closed);
    CHECK(odd.url.empty());
    REQUIRE(odd.comments.size() == 1);
    CHECK(odd.comments[0].author == "a");
    CHECK(odd.comments[0].at == 0);
    CHECK(source.notes.empty());  // milestone null is no milestone; no comment counts
}

// -----------------------------------------------------------------------------
// [SECTION] Jira CSV
// -----------------------------------------------------------------------------

TEST_CASE("Jira CSV: the fixture export") {
    CsvTable table = CsvFixture("jira-export.csv");
    CHECK(LooksLikeJiraCsv(table));
    ImportSource source = Loaded(ReadJiraCsv(table));
    CHECK(source.format == "Jira CSV");
    CHECK(source.statuses == Strings{"In Progress", "Done", "To Do"});
    CHECK(Skipped(source) == Strings{"line 6: no summary"});
    REQUIRE(source.tickets.size() == 4);
    CHECK(source.notes == Strings{"column 'Project key' is not imported", "column 'Project name' is not imported",
                                  "column 'Resolution' is not imported", "column 'Last Viewed' is not imported",
                                  "column 'Sprint' is not imported", "column 'Watchers' is not imported"});

    const ImportedTicket& jam = source.tickets[0];
    CHECK(jam.where == "line 2");
    CHECK(jam.source_id == "HD-12");
    CHECK(jam.title == "Printer jam on 2nd floor");
    CHECK(jam.type == "Incident");
    CHECK(jam.status == "In Progress");
    CHECK(jam.priority == "High");
    CHECK(jam.assignee == "Ann Lee");
    CHECK(jam.requester == "Chloé Martin");
    CHECK(jam.created == Utc(2024, 1, 15, 8, 30));
    CHECK(jam.updated == Utc(2024, 1, 16, 11, 20));
    CHECK(jam.due == Utc(2024, 1, 20, 17));
    CHECK(jam.resolved == 0);
    CHECK_FALSE(jam.closed);
    CHECK(jam.labels == Strings{"hardware", "printer"});  // both "Labels" columns
    CHECK(jam.description ==
          "The HP LaserJet by the kitchen shows \"paper jam\" in tray 2.\n"
          "Users print on the 3rd floor, meanwhile, until it is fixed.");
    REQUIRE(jam.comments.size() == 2);  // both "Comment" columns
    CHECK(jam.comments[0].at == Utc(2024, 1, 15, 9, 5));
    CHECK(jam.comments[0].author == "557058:aa11bb22-cc33-dd44-ee55-ff6677889900");
    CHECK(jam.comments[0].body == "Seen at 9:40; paper stuck behind tray 2.");  // ';' in the body stays
    CHECK(jam.comments[1].author == "5b10a2844c20165700ede21b");
    CHECK(jam.comments[1].body == "Roller replaced.");

    const ImportedTicket& vpn = FindTicket(source, "HD-9");
    CHECK(vpn.where == "line 4");  // the description above spans two lines
    CHECK(vpn.closed);
    CHECK(vpn.resolved == Utc(2024, 1, 12, 16, 40));
    CHECK(vpn.labels == Strings{"network"});
    CHECK(vpn.comments.empty());

    const ImportedTicket& password = FindTicket(source, "HD-8");
    CHECK(password.title == "重置张伟的密码");
    CHECK(password.requester == "张伟");
    REQUIRE(password.comments.size() == 1);
    CHECK(password.comments[0].body == "已重置，请查收邮件。");
}

TEST_CASE("Jira CSV: required columns, header spelling, detection") {
    CHECK(ErrorOf(ReadJiraCsv(Table({"Issue key", "Title"}, {}))) == "no 'Summary' column: not a Jira CSV export");
    CHECK(ErrorOf(ReadJiraCsv(Table({"Summary", "Key"}, {}))) == "no 'Issue key' column: not a Jira CSV export");
    CHECK(ErrorOf(ReadJiraCsv(Table({}, {}))) == "no 'Summary' column: not a Jira CSV export");
    CHECK(LooksLikeJiraCsv(Table({"Summary", "Issue key"}, {})));
    CHECK_FALSE(LooksLikeJiraCsv(Table({"Summary", "Key"}, {})));
    CHECK_FALSE(LooksLikeJiraCsv(Table({"Title", "Issue key"}, {})));

    ImportSource source = Loaded(ReadJiraCsv(Table({" SUMMARY ", "issue KEY", "due date", "LABELS"},
                                               {{"Printer", "HD-1", "2024-01-20", "hw"}})));
    REQUIRE(source.tickets.size() == 1);
    CHECK(source.tickets[0].due == Utc(2024, 1, 20));
    CHECK(source.tickets[0].labels == Strings{"hw"});
    CHECK(source.notes.empty());
}

TEST_CASE("Jira CSV: rows that cannot be imported, and comments that do not parse") {
    CsvTable table = Table({"Summary", "Issue key", "Created", "Updated", "Resolved", "Due Date", "Comment", "Comment", "Comment",
                            "Status Category"},
                           {{"First", "HD-1", "", "", "", "", "no date here", "15/Jan/24 10:20 AM;only an author",
                             "1/Feb/24 8:00 AM;ann;Earliest? no: latest"},
                            {"Again", "HD-1"},
                            {"No key", " "},
                            {"Bad created", "HD-3", "yesterday"},
                            {"Bad updated", "HD-4", "", "32/Jan/24 10:00 AM"},
                            {"Bad resolved", "HD-5", "", "", "soon"},
                            {"Bad due", "HD-6", "", "", "", "next week"},
                            {" ", "HD-7"},
                            {"Finished", "HD-8", "", "", "", "", "", "", "", "Done"}});
    table.row_lines.clear();  // a table without line numbers still gets positions
    ImportSource source = Loaded(ReadJiraCsv(table));
    CHECK(Skipped(source) == Strings{"line 3: duplicate issue key HD-1", "line 4: no issue key",
                                     "line 5: created date 'yesterday' is not a date (use YYYY-MM-DD)",
                                     "line 6: updated date '32/Jan/24 10:00 AM' is not a date (use YYYY-MM-DD)",
                                     "line 7: resolved date 'soon' is not a date (use YYYY-MM-DD)",
                                     "line 8: due date 'next week' is not a date (use YYYY-MM-DD)",
                                     "line 9: no summary"});
    REQUIRE(source.tickets.size() == 2);
    const ImportedTicket& first = source.tickets[0];
    REQUIRE(first.comments.size() == 3);
    CHECK(first.comments[0].author.empty());
    CHECK(first.comments[0].body == "no date here");
    CHECK(first.comments[1].author.empty());  // one ';' only: kept whole
    CHECK(first.comments[1].body == "15/Jan/24 10:20 AM;only an author");
    CHECK(first.comments[2].author == "ann");
    CHECK(first.comments[2].body == "Earliest? no: latest");
    CHECK_FALSE(first.closed);
    CHECK(source.tickets[1].closed);  // Status Category "Done"
}

TEST_CASE("Jira CSV: unused columns give one note per name, at most 20") {
    Strings header = {"Summary", "Issue key", "Sprint", "sprint", "Sprint", ""};
    for (int i = 1; i <= 24; ++i) header.push_back("Custom field (F" + std::to_string(i) + ")");
    ImportSource source = Loaded(ReadJiraCsv(Table(header, {{"One", "HD-1"}})));
    REQUIRE(source.notes.size() == 21);
    CHECK(source.notes[0] == "column 'Sprint' is not imported");
    CHECK(source.notes[1] == "column 'Custom field (F1)' is not imported");
    CHECK(source.notes[19] == "column 'Custom field (F19)' is not imported");
    CHECK(source.notes[20] == "... and 5 more columns");

    header.pop_back();
    header.pop_back();
    header.pop_back();
    header.pop_back();
    CHECK(Loaded(ReadJiraCsv(Table(header, {}))).notes.back() == "... and 1 more column");
}

// -----------------------------------------------------------------------------
// [SECTION] Plain CSV
// -----------------------------------------------------------------------------

TEST_CASE("plain CSV: the fixture spreadsheet (BOM, ';', quoted newline)") {
    CsvTable table = CsvFixture("tickets.csv");
    CHECK_FALSE(LooksLikeJiraCsv(table));
    ImportSource source = Loaded(ReadPlainCsv(table));
    CHECK(source.format == "CSV");
    CHECK(source.statuses == Strings{"In progress", "New", "Done", "Waiting"});
    CHECK(Skipped(source) == Strings{"line 5: due date 'next week' is not a date (use YYYY-MM-DD)"});
    CHECK(source.notes == Strings{"column 'Department' is not imported"});
    REQUIRE(source.tickets.size() == 4);

    const ImportedTicket& printer = source.tickets[0];
    CHECK(printer.where == "line 2");
    CHECK(printer.source_id == "T-1");
    CHECK(printer.title == "Imprimante en panne au Café");
    CHECK(printer.description == "L'imprimante du 2e étage ne répond plus.\nVoir aussi le ticket T-3.");
    CHECK(printer.status == "In progress");
    CHECK(printer.priority == "High");
    CHECK(printer.assignee == "Ann Lee");
    CHECK(printer.requester == "Amélie Poulain");
    CHECK(printer.labels == Strings{"hardware", "printer"});
    CHECK(printer.due == Utc(2024, 1, 20));
    CHECK(printer.created == Utc(2024, 1, 15, 8, 30));
    CHECK(printer.type.empty());
    CHECK(printer.url.empty());

    const ImportedTicket& server = FindTicket(source, "T-2");
    CHECK(server.where == "line 4");
    CHECK(server.title == "服务器宕机了");
    CHECK(server.labels == Strings{"server", "database"});
    CHECK(server.due == Utc(2024, 1, 16, 12));

    const ImportedTicket& screen = FindTicket(source, "T-4");
    CHECK(screen.title == "Nouvel écran pour la compta");  // trimmed
    CHECK(screen.description == "Un écran 27\" pour Amélie");
    CHECK_FALSE(screen.closed);  // no Resolved column

    CHECK(FindTicket(source, "T-5").created == Utc(2024, 1, 17, 10, 5, 30));
}

TEST_CASE("plain CSV: synonyms for every field") {
    ImportSource source = Loaded(ReadPlainCsv(Table(
        {"KEY", "Subject", "Body", "State", "Kind", "Priority", "Owner", "Author", "Tags", "Due date", "Created at",
         "Updated at", "Resolved at"},
        {{"7", "Mail down", "No mail since 9:00", "Closed", "Incident", "P1", "ann", "bob", "mail, urgent;  ;mail",
          "2024-01-20", "2024-01-15 09:00", "2024-01-15T10:00:00Z", "2024-01-15 11:00:00"}})));
    REQUIRE(source.tickets.size() == 1);
    const ImportedTicket& ticket = source.tickets[0];
    CHECK(ticket.source_id == "7");
    CHECK(ticket.title == "Mail down");
    CHECK(ticket.description == "No mail since 9:00");
    CHECK(ticket.status == "Closed");
    CHECK(ticket.type == "Incident");
    CHECK(ticket.priority == "P1");
    CHECK(ticket.assignee == "ann");
    CHECK(ticket.requester == "bob");
    CHECK(ticket.labels == Strings{"mail", "urgent"});
    CHECK(ticket.due == Utc(2024, 1, 20));
    CHECK(ticket.created == Utc(2024, 1, 15, 9));
    CHECK(ticket.updated == Utc(2024, 1, 15, 10));
    CHECK(ticket.resolved == Utc(2024, 1, 15, 11));
    CHECK(ticket.closed);
    CHECK(source.notes.empty());

    source = Loaded(ReadPlainCsv(Table({"ID", "Name", "Title", "Details", "Column", "Issue Type", "Assigned to", "Requested by",
                                    "Labels", "Due", "Created", "Updated", "Resolved"},
                                   {{"a1", "not the title", "Real title", "d", "Doing", "Bug", "cy", "dee", "x", "", "", "", ""}})));
    REQUIRE(source.tickets.size() == 1);
    CHECK(source.tickets[0].title == "Real title");  // Title wins over Name, which is reported
    CHECK(source.tickets[0].source_id == "a1");
    CHECK(source.tickets[0].description == "d");
    CHECK(source.tickets[0].status == "Doing");
    CHECK(source.tickets[0].type == "Bug");
    CHECK(source.tickets[0].assignee == "cy");
    CHECK(source.tickets[0].requester == "dee");
    CHECK(source.tickets[0].labels == Strings{"x"});
    CHECK_FALSE(source.tickets[0].closed);
    CHECK(source.notes == Strings{"column 'Name' is not imported"});

    CHECK(Loaded(ReadPlainCsv(Table({"summary", "List", "Issue type"}, {{"S", "Todo", "Task"}}))).tickets[0].status == "Todo");
}

TEST_CASE("plain CSV: no title column, and rows that cannot be imported") {
    CHECK(ErrorOf(ReadPlainCsv(Table({"Id", "Description"}, {{"1", "x"}}))) ==
          "no title column: the header needs one of Title, Summary, Subject or Name");
    CHECK(ErrorOf(ReadPlainCsv(Table({}, {}))) == "no title column: the header needs one of Title, Summary, Subject or Name");

    ImportSource source = Loaded(ReadPlainCsv(Table({"Id", "Title", "Status", "Created", "Updated", "Due"},
                                                {{"1", "One", "New"},
                                                 {"1", "Same id", "New"},
                                                 {"", "No id is fine", "Later"},
                                                 {"", "Still fine", "New"},
                                                 {"4", "  ", "New"},
                                                 {"5", "Bad created", "", "15.01.2024"},
                                                 {"6", "Bad updated", "", "", "2024-02-30"},
                                                 {"7", "Bad due", "", "", "", "tomorrow"}})));
    CHECK(Skipped(source) == Strings{"line 3: duplicate id 1", "line 6: no title",
                                     "line 7: created date '15.01.2024' is not a date (use YYYY-MM-DD)",
                                     "line 8: updated date '2024-02-30' is not a date (use YYYY-MM-DD)",
                                     "line 9: due date 'tomorrow' is not a date (use YYYY-MM-DD)"});
    REQUIRE(source.tickets.size() == 3);
    CHECK(source.statuses == Strings{"New", "Later"});
    CHECK(source.tickets[1].source_id.empty());
}
