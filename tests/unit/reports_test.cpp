// Report figures against boards whose answers are worked out by hand below.
#include <doctest/doctest.h>

#include "report_fixtures.hpp"

#include "core/reports.hpp"
#include "io/csv.hpp"
#include "io/report_csv.hpp"

#include <algorithm>

using namespace tackboard;
using nlohmann::json;

namespace {

using namespace report_fixtures;

// A week of a small desk, in wall-clock time.
Board WeekBoard(BoardConfig config = DefaultConfig()) {
    Board board(std::move(config));
    Ticket t1 = Make("t1", kNov2 + 9 * kHour);
    t1.assignee = "ana";  // from the start (no history of it)
    t1.first_response_at = kNov2 + 10 * kHour;  // 1 h
    Move(t1, kNov2 + kDay + 9 * kHour, "resolved");  // 24 h after creation
    Rate(t1, kNov2 + kDay + 12 * kHour, 5);
    board.Insert(t1);

    Ticket t2 = Make("t2", kNov2 + kDay + 8 * kHour);  // Tuesday 08:00
    t2.first_response_at = t2.created + 30 * kMinute;
    t2.history.push_back(HistoryEntry{t2.created + kHour, "agent", "assignee", "", "bo", ""});
    Move(t2, t2.created + kDay, "resolved");              // 24 h, while Bo's
    Rate(t2, t2.created + kDay + kHour, 3);
    Move(t2, t2.created + 2 * kDay, "in_progress");       // reopened on Thursday
    t2.history.push_back(HistoryEntry{t2.created + 2 * kDay + 2 * kHour, "agent", "assignee", "bo", "ana", ""});
    t2.assignee = "ana";
    Move(t2, t2.created + 2 * kDay + 12 * kHour, "resolved");  // 60 h after creation, while Ana's
    Rate(t2, t2.created + 3 * kDay, 4);                   // the last score counts
    board.Insert(t2);

    Ticket t3 = Make("t3", kNov2 - 3 * kDay + 12 * kHour);  // created before the week
    t3.first_response_at = kNov2;                            // answered at its start: 60 h
    Move(t3, kNov2 + 8 * kDay, "resolved");                  // after the week
    t3.assignee = "zed";                                     // not a member (any more)
    board.Insert(t3);

    board.Insert(Make("t4", kNov2 + 6 * kDay + 23 * kHour));  // Sunday 23:00: in the week
    Ticket t5 = Make("t5", kNov2 + 2 * kDay);
    t5.deleted = true;  // counts nowhere
    Move(t5, kNov2 + 3 * kDay, "resolved");
    board.Insert(t5);
    board.Insert(Make("t6", kNov2 + 7 * kDay));  // the next Monday: after the week
    return board;
}

}  // namespace

TEST_CASE("durations: median of an even count is the mean of the middle two; p90 by nearest rank") {
    DurationStats none = StatsOf({});
    CHECK(none.count == 0);
    CHECK(none.median == 0);
    DurationStats four = StatsOf({40, 10, 30, 20});
    CHECK(four.median == 25);
    CHECK(four.p90 == 40);  // ceil(3.6) = 4th
    CHECK(four.mean == 25);
    std::vector<Millis> ten;
    for (Millis i = 1; i <= 10; ++i) ten.push_back(i * 100);
    CHECK(StatsOf(ten).p90 == 900);  // ceil(9) = 9th
    ten.push_back(1100);
    CHECK(StatsOf(ten).p90 == 1000);  // ceil(9.9) = 10th
    CHECK(StatsOf(ten).median == 600);
}

TEST_CASE("a week: created, resolved, reopened, first response and resolution times, satisfaction") {
    Board board = WeekBoard();
    Report r = ComputeReport(board, All(board), {kNov2, kNov2 + 7 * kDay}, nullptr);
    CHECK(r.created == 3);   // t1, t2, t4 (t3 before, t5 deleted, t6 after)
    CHECK(r.resolved == 3);  // t1, t2 twice
    CHECK(r.reopened == 1);
    CHECK(r.resolution_rate == doctest::Approx(1.0));
    CHECK(r.reopened_rate == doctest::Approx(1.0 / 3));
    // First responses in the week: 30 min (t2), 1 h (t1), 60 h (t3, created before it).
    CHECK(r.first_response.count == 3);
    CHECK(r.first_response.median == kHour);
    CHECK(r.first_response.p90 == 60 * kHour);
    CHECK(r.first_response.mean == (30 * kMinute + kHour + 60 * kHour) / 3);
    // Resolutions: 24 h (t1), 24 h and 60 h (t2).
    CHECK(r.resolution.count == 3);
    CHECK(r.resolution.median == 24 * kHour);
    CHECK(r.resolution.p90 == 60 * kHour);
    CHECK(r.resolution.mean == 36 * kHour);
    // Scores: 5 (t1) and 4 (t2's second).
    CHECK(r.rated == 2);
    CHECK(r.satisfaction_mean == doctest::Approx(4.5));
    CHECK(r.satisfaction == std::array<std::size_t, 5>{0, 0, 0, 1, 1});
    // Every day of the week, empty ones too.
    REQUIRE(r.volume.size() == 7);
    CHECK(r.volume[0].start == kNov2);
    const std::size_t created[7] = {1, 1, 0, 0, 0, 0, 1};
    const std::size_t resolved[7] = {0, 1, 1, 1, 0, 0, 0};  // Tuesday t1, Wednesday and Thursday t2
    for (int d = 0; d < 7; ++d) {
        INFO("day ", d);
        CHECK(r.volume[d].created == created[d]);
        CHECK(r.volume[d].resolved == resolved[d]);
    }
    // By week: one Monday-to-Sunday bucket.
    Report weekly = ComputeReport(board, All(board), {kNov2, kNov2 + 7 * kDay}, nullptr, Bucket::Week);
    REQUIRE(weekly.volume.size() == 1);
    CHECK(weekly.volume[0].start == kNov2);
    CHECK(weekly.volume[0].created == 3);
    CHECK(weekly.volume[0].resolved == 3);
}

TEST_CASE("a past period reads as it was: the reopening and the second resolution fall in the next one") {
    Board board = WeekBoard();
    // Monday to Wednesday noon only: t2's first resolution, not its reopening (Thursday 08:00).
    Report r = ComputeReport(board, All(board), {kNov2, kNov2 + 2 * kDay + 12 * kHour}, nullptr);
    CHECK(r.created == 2);
    CHECK(r.resolved == 2);
    CHECK(r.reopened == 0);
    CHECK(r.rated == 2);  // t1's 5 and t2's first score, 3
    CHECK(r.satisfaction_mean == doctest::Approx(4.0));
    REQUIRE(r.volume.size() == 3);  // Monday, Tuesday, Wednesday (the period ends within it)
    Report later = ComputeReport(board, All(board), {kNov2 + 2 * kDay + 12 * kHour, kNov2 + 7 * kDay}, nullptr);
    CHECK(later.resolved == 1);
    CHECK(later.reopened == 1);
    CHECK(later.resolution.median == 60 * kHour);
}

TEST_CASE("only the tickets given count (a filter), and an empty period gives zeros") {
    Board board = WeekBoard();
    Report r = ComputeReport(board, {0}, {kNov2, kNov2 + 7 * kDay}, nullptr);  // t1 alone
    CHECK(r.created == 1);
    CHECK(r.resolved == 1);
    CHECK(r.first_response.median == kHour);
    Report empty = ComputeReport(board, All(board), {kNov2 + 30 * kDay, kNov2 + 31 * kDay}, nullptr);
    CHECK(empty.created == 0);
    CHECK(empty.resolution_rate == 0);
    CHECK(empty.first_response.count == 0);
    CHECK(empty.rated == 0);
    CHECK(empty.volume.size() == 1);
    CHECK(ComputeReport(board, All(board), {kNov2, kNov2}, nullptr).volume.empty());
}

TEST_CASE("with a business calendar, times count working hours only") {
    auto source = ParseBusinessCalendar(json{{"time_zone", "Europe/London"}, {"hours", json::array({"09:00-17:00"})}});
    REQUIRE(source.ok());
    auto calendar = CompileCalendar(source.value());
    REQUIRE(calendar.ok());
    Board board;
    Ticket t = Make("late friday", kNov2 + 4 * kDay + 16 * kHour);  // Friday 16:00 (GMT in November)
    t.first_response_at = kNov2 + 7 * kDay + 10 * kHour;         // Monday 10:00: 1 h + 1 h
    Move(t, kNov2 + 8 * kDay + 9 * kHour + 30 * kMinute, "resolved");  // Tuesday 09:30: 1 + 8 + 0.5 h
    board.Insert(t);
    Report r = ComputeReport(board, All(board), {kNov2, kNov2 + 14 * kDay}, &calendar.value(), Bucket::Week);
    CHECK(r.first_response.median == 2 * kHour);
    CHECK(r.resolution.median == 9 * kHour + 30 * kMinute);
    REQUIRE(r.volume.size() == 2);
    CHECK(r.volume[0].created == 1);
    CHECK(r.volume[1].resolved == 1);
    // Without the calendar: wall-clock time.
    Report wall = ComputeReport(board, All(board), {kNov2, kNov2 + 14 * kDay}, nullptr);
    CHECK(wall.first_response.median == 2 * kDay + 18 * kHour);
}

TEST_CASE("flow: statuses at each day's end, WIP, lead and cycle times") {
    Board board = WeekBoard();
    FlowReport flow = ComputeFlow(board, All(board), {kNov2, kNov2 + 7 * kDay});
    REQUIRE(flow.statuses.front() == "new");
    auto count = [&](std::size_t day, const char* status) {
        auto it = std::find(flow.statuses.begin(), flow.statuses.end(), status);
        return flow.counts[day][static_cast<std::size_t>(it - flow.statuses.begin())];
    };
    REQUIRE(flow.at.size() == 7);
    CHECK(flow.at[0] == kNov2 + kDay);
    // Monday night: t1 and t3 new. Tuesday: t1 resolved, t2 new. Wednesday on: t2 resolved
    // (again by Thursday night). Sunday night: t4 arrived.
    const std::size_t fresh[7] = {2, 2, 1, 1, 1, 1, 2};
    const std::size_t resolved[7] = {0, 1, 2, 2, 2, 2, 2};
    for (std::size_t d = 0; d < 7; ++d) {
        INFO("day ", d);
        CHECK(count(d, "new") == fresh[d]);
        CHECK(count(d, "resolved") == resolved[d]);
        CHECK(flow.wip[d] == 0);
    }
    // Lead times of the three resolutions: 24 h, 24 h, 60 h; cycle time only for t2's
    // second (in progress Thursday 08:00, resolved 20:00).
    CHECK(flow.lead_time.count == 3);
    CHECK(flow.lead_time.median == 24 * kHour);
    CHECK(flow.cycle_times == std::vector<Millis>{12 * kHour});
    // A period ending Thursday noon: its last bucket ends then, with t2 in progress.
    FlowReport noon = ComputeFlow(board, All(board), {kNov2, kNov2 + 3 * kDay + 12 * kHour});
    REQUIRE(noon.at.size() == 4);
    CHECK(noon.at[3] == kNov2 + 3 * kDay + 12 * kHour);
    CHECK(noon.wip[3] == 1);
}

TEST_CASE("backlog: open tickets by age at the period's end") {
    Board board = WeekBoard();
    // Monday 9 November: t3 (9.5 days old, resolved only on the 10th) and t4 (1 hour).
    BacklogAges ages = ComputeBacklogAges(board, All(board), kNov2 + 7 * kDay);
    CHECK(ages == BacklogAges{1, 0, 0, 1, 0});
    // Wednesday 4 November noon: t3 (5 days), and t2 was resolved that morning.
    CHECK(ComputeBacklogAges(board, All(board), kNov2 + 2 * kDay + 12 * kHour) == BacklogAges{0, 0, 1, 0, 0});
}

TEST_CASE("people: who had which tickets, and who resolved them, as history says") {
    BoardConfig config = DefaultConfig();
    config.members = {MemberDef{"ana", "Ana", {}, 5}, MemberDef{"bo", "Bo", {}, 5}, MemberDef{"cy", "Cy", {}, 5}};
    Board board = WeekBoard(config);
    std::vector<PersonReport> people = ComputePeople(board, All(board), {kNov2, kNov2 + 7 * kDay}, nullptr);
    REQUIRE(people.size() == 4);  // the three members, then Zed, who is not one
    CHECK(people[0].member == "ana");
    CHECK(people[0].handled == 2);   // t1 throughout, t2 from Thursday
    CHECK(people[0].resolved == 2);  // t1 (24 h), t2's second resolution (60 h)
    CHECK(people[0].resolution.median == 42 * kHour);
    CHECK(people[1].member == "bo");
    CHECK(people[1].handled == 1);
    CHECK(people[1].resolved == 1);  // t2's first, while it was Bo's
    CHECK(people[1].resolution.median == 24 * kHour);
    CHECK(people[2].member == "cy");
    CHECK(people[2].handled == 0);
    CHECK(people[3].member == "zed");
    CHECK(people[3].handled == 1);
    CHECK(people[3].resolved == 0);
}

TEST_CASE("a value at an instant comes back from history") {
    Board board = WeekBoard();
    const Ticket& t2 = board.tickets()[1];
    CHECK(ValueAt(t2, "status", t2.created) == "new");            // before any move: the first move's old value
    CHECK(ValueAt(t2, "status", t2.created + kDay) == "resolved");  // at the move itself
    CHECK(ValueAt(t2, "status", t2.created + 2 * kDay + kHour) == "in_progress");
    CHECK(ValueAt(t2, "assignee", t2.created) == "");
    CHECK(ValueAt(t2, "assignee", t2.created + kDay) == "bo");
    CHECK(ValueAt(board.tickets()[0], "assignee", kNov2) == "ana");  // no history: as it is now
}

TEST_CASE("SLA compliance judges each response and resolution by the ticket as it was then") {
    Board board = WeekBoard();
    auto sla = ParseSlaSettings(json{{"enabled", true}}, board.config());  // 24x7; normal: 8 h / 3 days
    REQUIRE(sla.ok());
    const ReportPeriod week{kNov2, kNov2 + 7 * kDay};
    // Responses: t1 in 1 h and t2 in 30 min (met), t3 after 60 h (missed). Resolutions:
    // t1 in 24 h, t2 in 24 h, and again 36 h counted (its day in Done is not), all met.
    SlaCompliance c = ComputeSlaCompliance(board, All(board), week, sla.value());
    CHECK(c.responses == 3);
    CHECK(c.responses_met == 2);
    CHECK(c.resolutions == 3);
    CHECK(c.resolutions_met == 3);
    // t2 made urgent (4 h to resolve) on Friday, after it was resolved: the past stands.
    Ticket* t2 = board.FindMutable("t2");
    t2->history.push_back(HistoryEntry{kNov2 + 4 * kDay, "agent", "priority", "normal", "urgent", ""});
    t2->priority = "urgent";
    c = ComputeSlaCompliance(board, All(board), week, sla.value());
    CHECK(c.resolutions_met == 3);
    // Off: nothing to judge.
    SlaSettings off;
    CHECK(ComputeSlaCompliance(board, All(board), week, off).responses == 0);
}

TEST_CASE("SLA compliance: time spent waiting on the requester does not count") {
    // Urgent: resolve within 4 h. Created 09:00, waiting 10:00–15:00, resolved 16:00: 2 h of
    // SLA time (7 h on the wall clock). A second ticket never waits and takes 5 h: missed.
    Board board(DefaultConfig());
    Ticket waited = Make("waited", kNov2 + 9 * kHour);
    waited.priority = "urgent";
    waited.first_response_at = waited.created + 10 * kMinute;
    Move(waited, kNov2 + 10 * kHour, "waiting");
    Move(waited, kNov2 + 15 * kHour, "in_progress");
    Move(waited, kNov2 + 16 * kHour, "resolved");
    waited.resolved_at = kNov2 + 16 * kHour;
    board.Insert(waited);
    Ticket slow = Make("slow", kNov2 + 9 * kHour);
    slow.priority = "urgent";
    slow.first_response_at = slow.created + 10 * kMinute;
    Move(slow, kNov2 + 10 * kHour, "in_progress");
    Move(slow, kNov2 + 14 * kHour, "resolved");
    slow.resolved_at = kNov2 + 14 * kHour;
    board.Insert(slow);
    auto sla = ParseSlaSettings(json{{"enabled", true}}, board.config());  // 24x7
    REQUIRE(sla.ok());
    const ReportPeriod day{kNov2, kNov2 + kDay};
    SlaCompliance c = ComputeSlaCompliance(board, All(board), day, sla.value());
    CHECK(c.responses == 2);
    CHECK(c.responses_met == 2);
    CHECK(c.resolutions == 2);
    CHECK(c.resolutions_met == 1);  // the one that waited
    // The resolution time the report shows is the requester's wait, pauses included: 7 h and 5 h.
    Report r = ComputeReport(board, All(board), day, nullptr);
    CHECK(r.resolution.median == 6 * kHour);
    // Flow: the waiting ticket was not in progress while it waited, so its cycle time
    // starts at 15:00 (1 h); the other's at 10:00 (4 h).
    FlowReport flow = ComputeFlow(board, All(board), day);
    std::vector<Millis> cycles = flow.cycle_times;
    std::sort(cycles.begin(), cycles.end());
    CHECK(cycles == std::vector<Millis>{kHour, 4 * kHour});
}

TEST_CASE("volume by type and priority at creation, by label and by requester") {
    Board board = WeekBoard();
    Ticket* t2 = board.FindMutable("t2");
    t2->type = "bug";
    t2->labels = {"vip"};
    t2->requester = "Ana";
    Breakdown b = ComputeBreakdown(board, All(board), {kNov2, kNov2 + 7 * kDay});  // t1, t2, t4
    using Counts = Breakdown::Counts;
    CHECK(b.by_type == Counts{{"support", 2}, {"bug", 1}});
    CHECK(b.by_priority == Counts{{"normal", 3}});
    CHECK(b.by_label == Counts{{"vip", 1}});
    CHECK(b.by_requester == Counts{{"", 2}, {"Ana", 1}});
}

TEST_CASE("trends per bucket, and what requesters said with their scores") {
    Board board = WeekBoard();
    Ticket* t1 = board.FindMutable("t1");
    t1->requester = "Bo";
    const Millis rated_at = kNov2 + kDay + 12 * kHour;
    t1->comments.push_back(Comment{"c1", "Bo", rated_at, "Quick and kind", false});
    t1->comments.push_back(Comment{"c2", "agent", rated_at, "Internal remark", true});   // not theirs
    t1->comments.push_back(Comment{"c3", "agent", rated_at, "Another voice", false});    // not the requester
    Report r = ComputeReport(board, All(board), {kNov2, kNov2 + 7 * kDay}, nullptr);
    REQUIRE(r.volume.size() == 7);
    CHECK(r.volume[0].first_response_median == (kHour + 60 * kHour) / 2);  // t1 and t3 answered on Monday
    CHECK(r.volume[1].first_response_median == 30 * kMinute);
    CHECK(r.volume[2].first_response_median == 0);  // none that day
    CHECK(r.volume[1].resolution_median == 24 * kHour);
    CHECK(r.volume[3].resolution_median == 60 * kHour);
    CHECK(r.volume[1].rated == 1);
    CHECK(r.volume[1].satisfaction_mean == doctest::Approx(5.0));
    CHECK(r.volume[4].rated == 1);  // t2's last score, on Friday
    CHECK(r.volume[4].satisfaction_mean == doctest::Approx(4.0));
    REQUIRE(r.comments.size() == 1);
    CHECK(r.comments[0].ticket_id == "t1");
    CHECK(r.comments[0].score == 5);
    CHECK(r.comments[0].text == "Quick and kind");
}

TEST_CASE("each chart's data as CSV reads back with the figures") {
    Board board = WeekBoard();
    const ReportPeriod week{kNov2, kNov2 + 7 * kDay};
    Report r = ComputeReport(board, All(board), week, nullptr);
    auto volume = ParseCsv(VolumeCsv(r));
    REQUIRE(volume.ok());
    CHECK(volume.value().header == std::vector<std::string>{"date", "created", "resolved", "first_response_median_h",
                                                            "resolution_median_h", "rated", "satisfaction_mean"});
    REQUIRE(volume.value().rows.size() == 7);
    CHECK(volume.value().rows[1] == std::vector<std::string>{"2026-11-03", "1", "1", "0.50", "24.00", "1", "5.00"});
    CHECK(volume.value().rows[0][3] == "30.50");  // Monday: t1 in 1 h, t3 in 60 h

    auto summary = ParseCsv(SummaryCsv(r));
    REQUIRE(summary.ok());
    auto value = [&](const char* what) {
        for (const auto& row : summary.value().rows)
            if (row[0] == what) return row[1];
        return std::string("missing");
    };
    CHECK(value("created") == "3");
    CHECK(value("resolution_rate") == "1.0000");
    CHECK(value("reopened_rate") == "0.3333");
    CHECK(value("resolution_mean_h") == "36.00");
    CHECK(value("scored_4") == "1");

    auto flow = ParseCsv(FlowCsv(ComputeFlow(board, All(board), week)));
    REQUIRE(flow.ok());
    CHECK(flow.value().header.front() == "date");
    CHECK(flow.value().header.back() == "wip");
    CHECK(flow.value().header[1] == "new");
    REQUIRE(flow.value().rows.size() == 7);
    CHECK(flow.value().rows[0][0] == "2026-11-02");  // Monday's end
    CHECK(flow.value().rows[0][1] == "2");           // t1 and t3 new

    BoardConfig config = DefaultConfig();
    config.members = {MemberDef{"ana", "Ana", {}, 5}};
    Board with_members = WeekBoard(config);
    auto people = ParseCsv(PeopleCsv(ComputePeople(with_members, All(with_members), week, nullptr)));
    REQUIRE(people.ok());
    CHECK(people.value().rows[0] == std::vector<std::string>{"ana", "2", "2", "42.00"});
}
