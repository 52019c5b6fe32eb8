// sprints_test.cpp — sprint definitions read and refused, planning tickets into a sprint,
// closing with a report and the rollover (to the next sprint or the backlog) undone in
// one step, the sprint field's own checks in update records, and the burndown read from
// a hand-built history.
#include "core/sprints.hpp"

#include <doctest/doctest.h>

#include "core/change.hpp"
#include "core/dates.hpp"
#include "core/ticket_json.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

const Actor kMe{"me"};

Millis Day(const char* iso) { return *ParseIsoDate(iso); }

Result<Applied> Try(Board& board, json change, Millis at) {
    change["at"] = at;
    change["by"] = "me";
    return ApplyChange(board, change);
}

json Apply(Board& board, json change, Millis at = 100) {
    auto applied = Try(board, std::move(change), at);
    REQUIRE_MESSAGE(applied.ok(), (applied.ok() ? "" : applied.error().Describe()));
    return applied.value().inverse;
}

std::string Create(Board& board, const std::string& id, json fields, Millis at = 10) {
    auto change = MakeCreate(board, fields, id, at, kMe);
    REQUIRE_MESSAGE(change.ok(), (change.ok() ? "" : change.error().Describe()));
    Apply(board, change.value(), at);
    return id;
}

std::string Id(int n) { return "01ARYZ6S41TSV4RRFFQ69G5F" + std::string(1, static_cast<char>('A' + n / 26)) +
                               std::string(1, static_cast<char>('A' + n % 26)); }

void AddSprint(Board& board, const std::string& id, const std::string& name, const std::string& start,
               const std::string& end, Millis at = 5) {
    auto change = CreateSprintChange(board, {name, start, end, "Ship the " + name + " goal"}, id);
    REQUIRE_MESSAGE(change.ok(), (change.ok() ? "" : change.error().Describe()));
    Apply(board, change.value(), at);
}

const Sprint& SprintOf(const Board& board, const std::string& id) {
    static LoadedSprints loaded;
    loaded = SprintsOf(board.config());
    REQUIRE_FALSE(loaded.problem);
    const Sprint* s = FindSprint(loaded.sprints, id);
    REQUIRE(s);
    return *s;
}

json SprintList(json entries) { return entries; }

}  // namespace

TEST_CASE("a sprint list reads back what it wrote, and a board without one has none") {
    Board board;
    CHECK(SprintsOf(board.config()).sprints.empty());
    CHECK_FALSE(SprintsOf(board.config()).problem);
    AddSprint(board, "sp-1", "Sprint 12", "2026-12-01", "2026-12-14");
    const Sprint& s = SprintOf(board, "sp-1");
    CHECK(s.name == "Sprint 12");
    CHECK(s.start == Day("2026-12-01"));
    CHECK(s.end == Day("2026-12-14"));
    CHECK(s.goal == "Ship the Sprint 12 goal");
    CHECK_FALSE(s.closed());
    CHECK(board.config().extra["sprints"][0]["start"] == "2026-12-01");
    // The definitions live in the configuration: they survive its JSON round trip.
    auto again = ConfigFromJson(ConfigToJson(board.config()), "");
    REQUIRE(again.ok());
    CHECK(SprintsOf(again.value()).sprints.size() == 1);
}

TEST_CASE("bad sprint lists are refused with a message and the path of the value") {
    auto error = [](json list) {
        auto parsed = ParseSprints(list);
        REQUIRE_FALSE(parsed.ok());
        return parsed.error().Describe();
    };
    CHECK(error(json::object()) == "sprints must be a list");
    CHECK(error(SprintList({{{"id", "a"}, {"name", "A"}, {"start", "2026-12-32"}, {"end", "2026-12-14"}}})) ==
          "/0/start: '2026-12-32' is not a date like 2026-12-31");
    CHECK(error(SprintList({{{"id", "a"}, {"name", "A"}, {"start", "2026-12-10"}, {"end", "2026-12-01"}}})) ==
          "/0/end: sprint \"A\" ends (2026-12-01) before it starts (2026-12-10)");
    CHECK(error(SprintList({{{"id", "a"}, {"name", "Sprint 1"}, {"start", "2026-12-01"}, {"end", "2026-12-02"}},
                            {{"id", "b"}, {"name", "SPRINT 1"}, {"start", "2026-12-03"}, {"end", "2026-12-04"}}})) ==
          "/1/name: two sprints are called \"SPRINT 1\"; give each its own name");
    CHECK(error(SprintList({{{"id", "a"}, {"name", "One"}, {"start", "2026-12-01"}, {"end", "2026-12-02"}},
                            {{"id", "a"}, {"name", "Two"}, {"start", "2026-12-03"}, {"end", "2026-12-04"}}})) ==
          "/1/id: two sprints have the id \"a\"");
    CHECK(error(SprintList({{{"id", "a"}, {"name", " "}, {"start", "2026-12-01"}, {"end", "2026-12-02"}}})) ==
          "/0/name: a sprint needs a name");

    // A board whose member does not read says so (with the configuration's path) and
    // cannot be edited until it is fixed; nothing is overwritten.
    Board board;
    BoardConfig config = board.config();
    config.extra["sprints"] = "soon";
    board.ReplaceConfig(config);
    LoadedSprints loaded = SprintsOf(board.config());
    REQUIRE(loaded.problem);
    CHECK(loaded.problem->path == "/config/sprints");
    CHECK_FALSE(CreateSprintChange(board, {"S", "2026-12-01", "2026-12-02", ""}, "x").ok());
}

TEST_CASE("creating and editing a sprint checks the form's values") {
    Board board;
    AddSprint(board, "sp-1", "Sprint 12", "2026-12-01", "2026-12-14");
    auto refused = [&](SprintDraft draft) {
        auto change = CreateSprintChange(board, draft, "sp-2");
        REQUIRE_FALSE(change.ok());
        return change.error().Describe();
    };
    CHECK(refused({"", "2026-12-15", "2026-12-28", ""}) == "/name: give the sprint a name");
    CHECK(refused({"sprint 12", "2026-12-15", "2026-12-28", ""}) ==
          "/name: there is already a sprint called \"Sprint 12\"; choose another name");
    CHECK(refused({"Sprint 13", "15/12/2026", "2026-12-28", ""}) ==
          "/start: the start \"15/12/2026\" is not a date; write it like 2026-12-31");
    CHECK(refused({"Sprint 13", "2026-12-15", "2026-02-30", ""}) ==
          "/end: the end \"2026-02-30\" is not a date; write it like 2026-12-31");
    CHECK(refused({"Sprint 13", "2026-12-15", "2026-12-01", ""}) ==
          "/end: the sprint ends (2026-12-01) before it starts (2026-12-15)");
    CHECK_FALSE(CreateSprintChange(board, {"Sprint 13", "2026-12-15", "2026-12-28", ""}, "sp-1").ok());

    auto edit = EditSprintChange(board, "sp-1", {"Sprint 12b", "2026-12-02", "2026-12-16", "New goal"});
    REQUIRE(edit.ok());
    json inverse = Apply(board, edit.value());
    CHECK(SprintOf(board, "sp-1").name == "Sprint 12b");
    CHECK(SprintOf(board, "sp-1").end == Day("2026-12-16"));
    Apply(board, inverse);
    CHECK(SprintOf(board, "sp-1").name == "Sprint 12");
    CHECK(EditSprintChange(board, "nope", {"X", "2026-12-02", "2026-12-16", ""}).error().message ==
          "there is no sprint with id \"nope\"");
}

TEST_CASE("deleting a sprint sends its tickets to the backlog; one undo brings both back") {
    Board board;
    AddSprint(board, "sp-1", "Sprint 12", "2026-12-01", "2026-12-14");
    AddSprint(board, "sp-2", "Sprint 13", "2026-12-15", "2026-12-28");
    const std::string a = Create(board, Id(1), {{"title", "VPN"}, {"sprint", "sp-1"}});
    const std::string b = Create(board, Id(2), {{"title", "Mail"}, {"sprint", "sp-2"}});
    const std::string gone = Create(board, Id(3), {{"title", "Old"}, {"sprint", "sp-1"}});
    Apply(board, {{"op", "delete"}, {"id", gone}});

    auto change = DeleteSprintChange(board, "sp-1");
    REQUIRE(change.ok());
    json inverse = Apply(board, change.value());
    CHECK(SprintsOf(board.config()).sprints.size() == 1);
    CHECK(FindSprint(SprintsOf(board.config()).sprints, "sp-1") == nullptr);
    CHECK(board.Find(a)->sprint.empty());
    CHECK(board.Find(a)->history.back().old_value == "sp-1");
    CHECK(board.Find(b)->sprint == "sp-2");
    CHECK(board.Find(gone)->sprint == "sp-1");  // deleted tickets take no edits

    Apply(board, inverse);
    CHECK(SprintOf(board, "sp-1").name == "Sprint 12");
    CHECK(board.Find(a)->sprint == "sp-1");
    CHECK(DeleteSprintChange(board, "nope").error().message == "there is no sprint with id \"nope\"");
}

TEST_CASE("adding tickets to a sprint is one undoable batch that skips the members") {
    Board board;
    AddSprint(board, "sp-1", "Sprint 12", "2026-12-01", "2026-12-14");
    const std::string a = Create(board, Id(1), {{"title", "VPN"}});
    const std::string b = Create(board, Id(2), {{"title", "Mail"}});
    const std::string c = Create(board, Id(3), {{"title", "Printer"}, {"sprint", "sp-1"}});

    auto plan = AddToSprintChange(board, {a, b, c, a}, "sp-1");
    REQUIRE(plan.ok());
    CHECK(plan.value().added == 2);
    CHECK(plan.value().skipped == 1);
    json inverse = Apply(board, plan.value().change, 200);
    CHECK(board.Find(a)->sprint == "sp-1");
    CHECK(board.Find(b)->sprint == "sp-1");
    const HistoryEntry& h = board.Find(a)->history.back();
    CHECK(h.field == "sprint");
    CHECK(h.old_value == "");
    CHECK(h.new_value == "sp-1");
    CHECK(h.at == 200);

    auto again = AddToSprintChange(board, {a, b}, "sp-1");
    REQUIRE(again.ok());
    CHECK(again.value().change.is_null());
    CHECK(again.value().skipped == 2);

    Apply(board, inverse);
    CHECK(board.Find(a)->sprint.empty());
    CHECK(board.Find(b)->sprint.empty());
    CHECK(board.Find(c)->sprint == "sp-1");

    CHECK(AddToSprintChange(board, {a}, "sp-9").error().message == "there is no sprint with id \"sp-9\"");
    CHECK(AddToSprintChange(board, {"missing"}, "sp-1").error().message == "there is no ticket with id missing");
}

TEST_CASE("an update may only plan a ticket into a sprint that exists and is open, and says why") {
    Board board;
    AddSprint(board, "sp-1", "Sprint 12", "2026-12-01", "2026-12-14");
    const std::string a = Create(board, Id(1), {{"title", "VPN"}});
    auto unknown = Try(board, {{"op", "update"}, {"id", a}, {"set", {{"sprint", "sp-7"}}}}, 100);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().Describe() == "/set/sprint: there is no sprint with id \"sp-7\"");
    auto wrong = Try(board, {{"op", "update"}, {"id", a}, {"set", {{"sprint", 7}}}}, 100);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().message == "'sprint' must be a sprint id (empty: the backlog)");

    auto close = CloseSprintChange(board, "sp-1", "", Day("2026-12-14"));
    REQUIRE(close.ok());
    Apply(board, close.value());
    auto closed = Try(board, {{"op", "update"}, {"id", a}, {"set", {{"sprint", "sp-1"}}}}, 100);
    REQUIRE_FALSE(closed.ok());
    CHECK(closed.error().message ==
          "sprint \"Sprint 12\" is closed: its tickets are its record now; plan the ticket into an open sprint or the backlog");
    CHECK_FALSE(MakeCreate(board, {{"title", "New"}, {"sprint", "sp-1"}}, Id(9), 10, kMe).ok());
}

TEST_CASE("closing a sprint records the report and moves the unfinished tickets to the next sprint; one undo restores all") {
    Board board;
    AddSprint(board, "sp-1", "Sprint 12", "2026-12-01", "2026-12-14");
    AddSprint(board, "sp-2", "Sprint 13", "2026-12-15", "2026-12-28");
    const std::string done1 = Create(board, Id(1), {{"title", "VPN"}, {"sprint", "sp-1"}});
    const std::string done2 = Create(board, Id(2), {{"title", "Mail"}, {"sprint", "sp-1"}});
    const std::string open1 = Create(board, Id(3), {{"title", "Printer"}, {"sprint", "sp-1"}});
    const std::string elsewhere = Create(board, Id(4), {{"title", "Wifi"}});
    Apply(board, {{"op", "update"}, {"id", done1}, {"set", {{"status", "resolved"}}}});
    Apply(board, {{"op", "update"}, {"id", done2}, {"set", {{"status", "closed"}}}});
    const json before = BoardToJson(board);

    SprintReport tally = TallySprint(board, "sp-1");
    CHECK(tally.done.size() == 2);
    CHECK(tally.not_done == std::vector<std::string>{open1});

    auto close = CloseSprintChange(board, "sp-1", "sp-2", Day("2026-12-14") + 3600000);
    REQUIRE(close.ok());
    CHECK(close.value()["op"] == "batch");
    json inverse = Apply(board, close.value(), Day("2026-12-14") + 3600000);

    const Sprint& closed = SprintOf(board, "sp-1");
    CHECK(closed.closed());
    CHECK(closed.closed_at == Day("2026-12-14") + 3600000);
    CHECK(closed.report.done == std::vector<std::string>{done1, done2});
    CHECK(closed.report.not_done == std::vector<std::string>{open1});
    CHECK(closed.report.moved_to == "sp-2");
    CHECK(board.Find(open1)->sprint == "sp-2");
    CHECK(board.Find(done1)->sprint == "sp-1");  // the finished stay with their sprint
    CHECK(board.Find(elsewhere)->sprint.empty());
    CHECK_FALSE(SprintOf(board, "sp-2").closed());

    Apply(board, inverse);
    CHECK(BoardToJson(board)["config"] == before["config"]);
    CHECK(board.Find(open1)->sprint == "sp-1");
    CHECK_FALSE(SprintOf(board, "sp-1").closed());
}

TEST_CASE("closing a sprint into the backlog, and the refusals") {
    Board board;
    AddSprint(board, "sp-1", "Sprint 12", "2026-12-01", "2026-12-14");
    AddSprint(board, "sp-2", "Sprint 13", "2026-12-15", "2026-12-28");
    const std::string a = Create(board, Id(1), {{"title", "VPN"}, {"sprint", "sp-1"}});
    const std::string b = Create(board, Id(2), {{"title", "Mail"}, {"sprint", "sp-1"}});

    CHECK(CloseSprintChange(board, "sp-9", "", 1000).error().message == "there is no sprint with id \"sp-9\"");
    CHECK(CloseSprintChange(board, "sp-1", "sp-1", 1000).error().message ==
          "the unfinished tickets must go to another sprint or the backlog");
    CHECK(CloseSprintChange(board, "sp-1", "sp-8", 1000).error().message == "there is no sprint with id \"sp-8\"");

    auto close = CloseSprintChange(board, "sp-1", "", 1000);
    REQUIRE(close.ok());
    json inverse = Apply(board, close.value(), 1000);
    CHECK(board.Find(a)->sprint.empty());
    CHECK(board.Find(b)->sprint.empty());
    CHECK(SprintOf(board, "sp-1").report.not_done.size() == 2);
    CHECK(SprintOf(board, "sp-1").report.moved_to.empty());

    CHECK(CloseSprintChange(board, "sp-1", "", 2000).error().message == "sprint \"Sprint 12\" is already closed");
    CHECK(CloseSprintChange(board, "sp-2", "sp-1", 2000).error().message.starts_with("sprint \"Sprint 12\" is closed"));
    CHECK(EditSprintChange(board, "sp-1", {"X", "2026-12-01", "2026-12-02", ""}).error().message ==
          "sprint \"Sprint 12\" is closed; its dates and goal are kept as they were");

    Apply(board, inverse);
    CHECK(board.Find(a)->sprint == "sp-1");
    CHECK(board.Find(b)->sprint == "sp-1");
    CHECK(CloseSprintChange(board, "sp-1", "", 2000).ok());
}

TEST_CASE("the current sprint, the order sprints are listed in, and new ids") {
    std::vector<Sprint> sprints(3);
    sprints[0] = {"a", "A", "", Day("2026-12-01"), Day("2026-12-14"), 0, {}};
    sprints[1] = {"b", "B", "", Day("2026-11-15"), Day("2026-11-30"), Day("2026-11-30"), {}};
    sprints[2] = {"c", "C", "", Day("2026-12-15"), Day("2026-12-28"), 0, {}};
    CHECK(CurrentSprint(sprints, Day("2026-12-14") + 86399999)->id == "a");  // the last day counts whole
    CHECK(CurrentSprint(sprints, Day("2026-12-15"))->id == "c");
    CHECK(CurrentSprint(sprints, Day("2026-11-20")) == nullptr);  // b is closed
    auto order = SprintsInOrder(sprints);
    CHECK(order[0]->id == "a");
    CHECK(order[1]->id == "c");
    CHECK(order[2]->id == "b");
    CHECK(FindSprintByName(sprints, " c ")->id == "c");
    CHECK(NewSprintId(sprints, 35) == "sp-z");
    sprints[0].id = "sp-z";
    CHECK(NewSprintId(sprints, 35) == "sp-z-2");
}

TEST_CASE("the burndown follows joins, completions and reopens from the history") {
    Board board;
    const Millis d1 = Day("2026-12-01"), hour = 3600000, day = kMillisPerDay;
    AddSprint(board, "sp-1", "Sprint 12", "2026-12-01", "2026-12-05", d1 - day);
    const std::string a = Create(board, Id(1), {{"title", "VPN"}}, d1 - day);
    const std::string b = Create(board, Id(2), {{"title", "Mail"}}, d1 - day);
    const std::string c = Create(board, Id(3), {{"title", "Printer"}}, d1 - day);
    const std::string late = Create(board, Id(4), {{"title", "Late"}}, d1 - day);
    // Day 1: a, b, c join. Day 2: a done. Day 3: late joins, b done. Day 4: a reopened.
    Apply(board, AddToSprintChange(board, {a, b, c}, "sp-1").value().change, d1 + hour);
    Apply(board, {{"op", "update"}, {"id", a}, {"set", {{"status", "resolved"}}}}, d1 + day + hour);
    Apply(board, AddToSprintChange(board, {late}, "sp-1").value().change, d1 + 2 * day + hour);
    Apply(board, {{"op", "update"}, {"id", b}, {"set", {{"status", "closed"}}}}, d1 + 2 * day + 2 * hour);
    Apply(board, {{"op", "reopen"}, {"id", a}, {"reason", "still broken"}}, d1 + 3 * day + hour);

    // Seen on day 4 at noon: four points (the days to come are not drawn yet).
    auto chart = Burndown(board, SprintOf(board, "sp-1"), d1 + 3 * day + 12 * hour);
    REQUIRE(chart.size() == 4);
    CHECK(chart[0].day == d1);
    CHECK(chart[0].remaining == 3);
    CHECK(chart[1].remaining == 2);
    CHECK(chart[2].remaining == 2);  // late joined, b done
    CHECK(chart[3].remaining == 3);  // a reopened
    // The ideal line runs from the first day's 3 to 0 on the fifth day.
    CHECK(chart[0].ideal == doctest::Approx(3.0));
    CHECK(chart[2].ideal == doctest::Approx(1.5));
    CHECK(chart[3].ideal == doctest::Approx(0.75));

    CHECK(Burndown(board, SprintOf(board, "sp-1"), d1 - hour).empty());  // not started
    // Closed on day 5: the unfinished moved to the backlog, yet the last day still shows them.
    Apply(board, CloseSprintChange(board, "sp-1", "", d1 + 4 * day + hour).value(), d1 + 4 * day + hour);
    auto final_chart = Burndown(board, SprintOf(board, "sp-1"), d1 + 20 * day);
    REQUIRE(final_chart.size() == 5);
    CHECK(final_chart[4].remaining == 3);
    CHECK(final_chart[4].ideal == doctest::Approx(0.0));
}
