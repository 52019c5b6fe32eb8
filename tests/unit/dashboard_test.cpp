// The dashboard gathers every report section for one period (dashboard.hpp): ComputeDashboard
// must equal the per-figure functions of reports.hpp field for field, and DashboardCache
// must equal ComputeDashboard through any sequence of edits, filters and clock moves.
// Boards are random (seeded, so a failure repeats), built by hand like reports_test.cpp's
// and edited with real change records (ApplyChange), as the app does.
#include <doctest/doctest.h>

#include "report_fixtures.hpp"

#include "core/change.hpp"
#include "core/dashboard.hpp"

#include <algorithm>
#include <random>

using namespace tackboard;
using nlohmann::json;

namespace {

using namespace report_fixtures;

// --- comparing every field --------------------------------------------------------------

void RequireSameStats(const DurationStats& a, const DurationStats& b, const char* what) {
    INFO(what);
    CHECK(a.count == b.count);
    CHECK(a.median == b.median);
    CHECK(a.p90 == b.p90);
    CHECK(a.mean == b.mean);
}

void RequireSameReport(const Report& a, const Report& b) {
    CHECK(a.created == b.created);
    CHECK(a.resolved == b.resolved);
    CHECK(a.reopened == b.reopened);
    CHECK(a.resolution_rate == b.resolution_rate);
    CHECK(a.reopened_rate == b.reopened_rate);
    RequireSameStats(a.first_response, b.first_response, "first response");
    RequireSameStats(a.resolution, b.resolution, "resolution");
    CHECK(a.rated == b.rated);
    CHECK(a.satisfaction_mean == b.satisfaction_mean);
    CHECK(a.satisfaction == b.satisfaction);
    REQUIRE(a.comments.size() == b.comments.size());
    for (std::size_t i = 0; i < a.comments.size(); ++i) {
        INFO("comment ", i);
        CHECK(a.comments[i].ticket_id == b.comments[i].ticket_id);
        CHECK(a.comments[i].at == b.comments[i].at);
        CHECK(a.comments[i].score == b.comments[i].score);
        CHECK(a.comments[i].text == b.comments[i].text);
    }
    REQUIRE(a.volume.size() == b.volume.size());
    for (std::size_t i = 0; i < a.volume.size(); ++i) {
        INFO("bucket ", i);
        const VolumePoint &x = a.volume[i], &y = b.volume[i];
        CHECK(x.start == y.start);
        CHECK(x.created == y.created);
        CHECK(x.resolved == y.resolved);
        CHECK(x.first_response_median == y.first_response_median);
        CHECK(x.resolution_median == y.resolution_median);
        CHECK(x.rated == y.rated);
        CHECK(x.satisfaction_mean == y.satisfaction_mean);
    }
}

void RequireSameDashboard(const Dashboard& a, const Dashboard& b) {
    CHECK(a.period.from == b.period.from);
    CHECK(a.period.to == b.period.to);
    CHECK(a.bucket == b.bucket);
    RequireSameReport(a.report, b.report);
    CHECK(a.flow.statuses == b.flow.statuses);
    CHECK(a.flow.at == b.flow.at);
    CHECK(a.flow.counts == b.flow.counts);
    CHECK(a.flow.wip == b.flow.wip);
    CHECK(a.flow.lead_times == b.flow.lead_times);
    CHECK(a.flow.cycle_times == b.flow.cycle_times);
    RequireSameStats(a.flow.lead_time, b.flow.lead_time, "lead time");
    RequireSameStats(a.flow.cycle_time, b.flow.cycle_time, "cycle time");
    CHECK(a.backlog == b.backlog);
    REQUIRE(a.people.size() == b.people.size());
    for (std::size_t i = 0; i < a.people.size(); ++i) {
        INFO("person ", i, " ", b.people[i].member);
        CHECK(a.people[i].member == b.people[i].member);
        CHECK(a.people[i].handled == b.people[i].handled);
        CHECK(a.people[i].resolved == b.people[i].resolved);
        RequireSameStats(a.people[i].resolution, b.people[i].resolution, "person's resolution");
    }
    CHECK(a.sla.responses == b.sla.responses);
    CHECK(a.sla.responses_met == b.sla.responses_met);
    CHECK(a.sla.resolutions == b.sla.resolutions);
    CHECK(a.sla.resolutions_met == b.sla.resolutions_met);
    CHECK(a.breakdown.by_type == b.breakdown.by_type);
    CHECK(a.breakdown.by_priority == b.breakdown.by_priority);
    CHECK(a.breakdown.by_label == b.breakdown.by_label);
    CHECK(a.breakdown.by_requester == b.breakdown.by_requester);
}

// What ComputeDashboard was before it read each history once: the figures one by one.
Dashboard PerFigure(const Board& board, const std::vector<std::size_t>& positions, ReportPeriod period, Bucket bucket,
                    const SlaSettings* sla, Millis now) {
    const bool sla_on = sla && sla->enabled;
    const CompiledCalendar* calendar = sla_on ? &sla->calendar : nullptr;
    Dashboard out;
    out.period = period;
    out.bucket = bucket;
    out.report = ComputeReport(board, positions, period, calendar, bucket);
    out.flow = ComputeFlow(board, positions, period, bucket);
    out.backlog = ComputeBacklogAges(board, positions, std::min(period.to, now));
    out.people = ComputePeople(board, positions, period, calendar);
    if (sla_on) out.sla = ComputeSlaCompliance(board, positions, period, *sla);
    out.breakdown = ComputeBreakdown(board, positions, period);
    return out;
}

// --- random boards --------------------------------------------------------------------------

const char* const kStatuses[] = {"new", "triage", "in_progress", "waiting", "resolved", "closed", "gone"};  // gone: unknown
const char* const kAssignees[] = {"", "ana", "bo", "cy", "zed"};  // zed: not a member
const char* const kPriorities[] = {"urgent", "high", "normal", "low"};
const char* const kTypes[] = {"support", "bug", "feature", "incident"};
const char* const kRequesters[] = {"", "req1", "req2", "ana"};
const char* const kLabels[] = {"billing", "vip", "network", "access"};

template <class T, std::size_t N>
const T& Pick(std::mt19937& rng, const T (&list)[N]) {
    return list[rng() % N];
}

void Change(Ticket& t, Millis at, const char* field, std::string& value, const std::string& to) {
    t.history.push_back(HistoryEntry{at, "agent", field, value, to, ""});
    value = to;
}

// A ticket with a random life around the period: moves (to unknown statuses and, rarely,
// to a value that is not text), reassignments, priority and type changes, scores with and
// without the requester's comment, entries out of time order, at the same instant, and on
// the edges of buckets (midnight UTC) or a millisecond before.
Ticket RandomTicket(std::mt19937& rng, int n, Millis base) {
    Ticket t = Make("t" + std::to_string(n), base - 10 * kDay + static_cast<Millis>(rng() % (30 * 24)) * kHour);
    t.type = Pick(rng, kTypes);
    t.priority = Pick(rng, kPriorities);
    t.assignee = Pick(rng, kAssignees);
    t.requester = Pick(rng, kRequesters);
    for (int l = static_cast<int>(rng() % 3); l > 0; --l) t.labels.push_back(Pick(rng, kLabels));
    Millis at = t.created;
    for (int e = static_cast<int>(rng() % 8); e > 0; --e) {
        const int step = static_cast<int>(rng() % 10);
        if (step == 0) at -= static_cast<Millis>(rng() % 48) * kHour;  // out of order
        else if (step > 1) at += static_cast<Millis>(rng() % (3 * 24 * 60)) * kMinute;  // step 1: same instant
        if (rng() % 8 == 0) at = at / kDay * kDay - static_cast<Millis>(rng() % 2);  // on a bucket's edge, or just before
        switch (rng() % 6) {
            case 0:
            case 1:
                if (rng() % 25 == 0) {
                    t.history.push_back(HistoryEntry{at, "agent", "status", t.status, nullptr, ""});
                } else {
                    Move(t, at, Pick(rng, kStatuses));
                    if (t.status == "resolved" || t.status == "closed") t.resolved_at = at;
                }
                break;
            case 2: Change(t, at, "assignee", t.assignee, Pick(rng, kAssignees)); break;
            case 3:
                if (rng() % 2) Change(t, at, "priority", t.priority, Pick(rng, kPriorities));
                else Change(t, at, "type", t.type, Pick(rng, kTypes));
                break;
            case 4:
                Rate(t, at, static_cast<int>(rng() % 6));
                if (rng() % 2)
                    t.comments.push_back(Comment{"c" + std::to_string(t.comments.size()),
                                                 rng() % 3 ? t.requester : std::string("agent"), at,
                                                 "said " + std::to_string(rng() % 100), rng() % 4 == 0});
                break;
            default:
                t.comments.push_back(Comment{"c" + std::to_string(t.comments.size()), "agent", at, "an answer", rng() % 3 == 0});
                if (!t.first_response_at && !t.comments.back().internal) t.first_response_at = at;
                break;
        }
        t.updated = std::max(t.updated, at);
    }
    if (rng() % 12 == 0) t.first_response_at = t.created + static_cast<Millis>(rng() % 100) * kHour;
    t.deleted = rng() % 15 == 0;
    return t;
}

BoardConfig RandomConfig(std::mt19937& rng) {
    BoardConfig config = DefaultConfig();
    config.members = {MemberDef{"ana", "Ana", {}, 5}, MemberDef{"bo", "Bo", {}, 5}, MemberDef{"cy", "Cy", {}, 5}};
    if (rng() % 3 == 0) {  // odd but possible: an id twice, a Done status that is also Active
        config.members.push_back(MemberDef{"ana", "Ana again", {}, 5});
        config.statuses.push_back(StatusDef{"in_progress", "Also done", StatusCategory::Done, 0});
    }
    return config;
}

Board RandomBoard(std::mt19937& rng, int count, Millis base) {
    Board board(RandomConfig(rng));
    for (int i = 0; i < count; ++i) board.Insert(RandomTicket(rng, i, base));
    return board;
}

// What a filter may show: a subset in any order, sometimes a position twice or past the end.
std::vector<std::size_t> RandomPositions(std::mt19937& rng, const Board& board) {
    std::vector<std::size_t> out;
    const std::size_t n = board.tickets().size();
    switch (rng() % 4) {
        case 0: return All(board);
        case 1:
            for (std::size_t i = 0; i < n; ++i)
                if (rng() % 3) out.push_back(i);
            return out;
        case 2:
            out = All(board);
            std::shuffle(out.begin(), out.end(), rng);
            out.resize(out.size() / 2);
            return out;
        default:
            out = All(board);
            if (n) out.push_back(rng() % n);  // twice
            out.push_back(n + 3);              // not (yet) a ticket
            return out;
    }
}

SlaSettings Sla(bool with_calendar) {
    json settings = {{"enabled", true}};
    if (with_calendar) settings["calendar"] = {{"time_zone", "Europe/London"}, {"hours", json::array({"09:00-17:00"})}};
    auto sla = ParseSlaSettings(settings, DefaultConfig());
    REQUIRE(sla.ok());
    return sla.value();
}

struct Setting {
    ReportPeriod period;
    Bucket bucket;
    const SlaSettings* sla;
};

std::vector<Setting> Settings(const SlaSettings& business, const SlaSettings& wall) {
    return {{{kNov2, kNov2 + 14 * kDay}, Bucket::Day, &business},
            {{kNov2 - 7 * kDay, kNov2 + 21 * kDay}, Bucket::Week, &wall},
            {{kNov2 + 3 * kDay + 12 * kHour, kNov2 + 9 * kDay + 12 * kHour}, Bucket::Day, nullptr},
            {{kNov2, kNov2 + 7 * kDay}, Bucket::Week, nullptr}};
}

// --- random edits ------------------------------------------------------------------------------

// One edit as the app makes it (a change record), or a ticket changed in place the way
// an older version's data may look (out-of-order history). Returns whether one ticket
// changed (false: nothing, or a new ticket).
bool RandomEdit(std::mt19937& rng, Board& board, Millis& clock, int& next_id) {
    clock += static_cast<Millis>(rng() % (6 * 60)) * kMinute;
    const std::size_t n = board.tickets().size();
    const Ticket& t = board.tickets()[rng() % n];
    const json id = t.id;
    json change;
    switch (rng() % 11) {
        case 0:
        case 1: change = {{"op", "update"}, {"id", id}, {"set", {{"status", Pick(rng, kStatuses)}}}}; break;
        case 2: change = {{"op", "update"}, {"id", id}, {"set", {{"assignee", rng() % 4 ? Pick(rng, kAssignees) : ""}}}}; break;
        case 3:
            change = {{"op", "update"}, {"id", id},
                      {"set", {{"priority", Pick(rng, kPriorities)}, {"type", rng() % 2 ? "support" : "feature"}}}};
            break;
        case 4: change = {{"op", "update"}, {"id", id}, {"set", {{"satisfaction", static_cast<int>(rng() % 6)}}}}; break;
        case 5:
            change = {{"op", "update"}, {"id", id},
                      {"set", {{"requester", Pick(rng, kRequesters)}, {"labels", {Pick(rng, kLabels), Pick(rng, kLabels)}}}}};
            break;
        case 6:
            change = {{"op", "comment"}, {"id", id},
                      {"comment", {{"id", "e" + std::to_string(next_id++)}, {"author", rng() % 2 ? t.requester : "bo"},
                                   {"at", clock}, {"body", "a word"}, {"internal", rng() % 4 == 0}}}};
            break;
        case 7: change = {{"op", t.deleted ? "restore" : "delete"}, {"id", id}}; break;
        case 8: {
            auto create = MakeCreate(board, {{"title", "new one"}, {"assignee", "bo"}}, "n" + std::to_string(next_id++), clock,
                                     Actor{"agent"});
            REQUIRE(create.ok());
            REQUIRE(ApplyChange(board, create.value()).ok());
            return false;
        }
        case 9: {  // changed in place: a move back in time, as merged or imported history may hold
            Ticket* edited = board.FindMutable(t.id);
            Move(*edited, clock - static_cast<Millis>(rng() % 72) * kHour, Pick(rng, kStatuses));
            return true;
        }
        default: {  // a score, said in the requester's words, at once
            const std::string comment_id = "s" + std::to_string(next_id++);
            change = {{"op", "batch"},
                      {"changes",
                       {{{"op", "update"}, {"id", id}, {"set", {{"satisfaction", 1 + static_cast<int>(rng() % 5)}}}},
                        {{"op", "comment"},
                         {"id", id},
                         {"comment", {{"id", comment_id}, {"author", t.requester.empty() ? "someone" : t.requester},
                                      {"at", clock}, {"body", "thanks " + comment_id}}}}}}};
            break;
        }
    }
    change["at"] = clock;
    change["by"] = "agent";
    auto applied = ApplyChange(board, change);
    return applied.ok() && !applied.value().inverse.is_null();
}

}  // namespace

TEST_CASE("an empty board's dashboard lists every bucket of the period, all empty") {
    Board board(DefaultConfig());
    const Dashboard d = ComputeDashboard(board, {}, {kNov2, kNov2 + 7 * kDay}, Bucket::Day, nullptr, kNov2 + 7 * kDay);
    CHECK(d.report.volume.size() == 7);
    CHECK(d.flow.at.size() == 7);
    CHECK(d.report.created == 0);
    CHECK(d.sla.responses == 0);
    CHECK(d.people.size() == board.config().members.size());
    RequireSameDashboard(d, PerFigure(board, {}, {kNov2, kNov2 + 7 * kDay}, Bucket::Day, nullptr, kNov2 + 7 * kDay));
}

TEST_CASE("ComputeDashboard equals the figures computed one by one, on random boards") {
    const SlaSettings business = Sla(true), wall = Sla(false);
    std::size_t resolutions = 0, comments = 0, non_members = 0, sla_judged = 0;
    for (std::uint32_t seed = 1; seed <= 40; ++seed) {
        std::mt19937 rng(seed);
        const Board board = RandomBoard(rng, 20 + static_cast<int>(rng() % 120), kNov2);
        for (const Setting& s : Settings(business, wall)) {
            const std::vector<std::size_t> positions = RandomPositions(rng, board);
            const Millis now = s.period.from + static_cast<Millis>(rng() % (20 * 24)) * kHour;
            INFO("seed ", seed, ", period from ", s.period.from, ", now ", now);
            const Dashboard fast = ComputeDashboard(board, positions, s.period, s.bucket, s.sla, now);
            RequireSameDashboard(fast, PerFigure(board, positions, s.period, s.bucket, s.sla, now));
            resolutions += fast.report.resolved;
            comments += fast.report.comments.size();
            non_members += fast.people.size() - board.config().members.size();
            sla_judged += fast.sla.responses + fast.sla.resolutions;
        }
    }
    // The boards reach every rule (else the comparison proves little).
    CHECK(resolutions > 100);
    CHECK(comments > 10);
    CHECK(non_members > 10);
    CHECK(sla_judged > 100);
}

TEST_CASE("DashboardCache equals ComputeDashboard through random edits, filters and clock moves") {
    const SlaSettings business = Sla(true), wall = Sla(false);
    const std::vector<Setting> settings = Settings(business, wall);
    std::size_t edits = 0, single_edits = 0;
    for (std::uint32_t seed = 1; seed <= 12; ++seed) {
        std::mt19937 rng(seed * 7919);
        Board board = RandomBoard(rng, 60 + static_cast<int>(rng() % 60), kNov2);
        DashboardCache cache;
        std::size_t which = rng() % settings.size();
        std::uint64_t revision = 1;
        std::vector<std::size_t> positions = All(board);
        Millis now = kNov2 + 5 * kDay;
        Millis clock = kNov2 - 3 * kDay;
        int next_id = 0;
        for (int step = 0; step < 150; ++step) {
            const Setting& s = settings[which];
            INFO("seed ", seed, ", step ", step, ", setting ", which);
            const Dashboard& got = cache.Get(board, positions, s.period, s.bucket, s.sla, revision, now);
            const Dashboard expected = ComputeDashboard(board, positions, s.period, s.bucket, s.sla, now);
            RequireSameDashboard(got, expected);
            if (step % 10 == 0) RequireSameDashboard(got, PerFigure(board, positions, s.period, s.bucket, s.sla, now));

            switch (rng() % 10) {
                case 0: positions = RandomPositions(rng, board); break;
                case 1: now += static_cast<Millis>(rng() % (36 * 60)) * kMinute; break;
                case 2:
                    if (rng() % 3 == 0) which = rng() % settings.size();
                    else ++revision;  // settings changed
                    break;
                default: {
                    const bool one = RandomEdit(rng, board, clock, next_id);
                    ++edits;
                    if (one && positions == All(board)) {  // exactly one ticket to read again
                        cache.Get(board, positions, s.period, s.bucket, s.sla, revision, now);
                        CHECK(cache.recomputed() == 1);
                        ++single_edits;
                    }
                    if (rng() % 4 == 0) positions = All(board);  // new tickets join the view
                    break;
                }
            }
        }
    }
    CHECK(edits > 500);
    CHECK(single_edits > 100);
}

TEST_CASE("DashboardCache reads only what changed: one edited ticket, none when only the clock moves") {
    std::mt19937 rng(99);
    Board board = RandomBoard(rng, 200, kNov2);
    const SlaSettings sla = Sla(true);
    const ReportPeriod period{kNov2, kNov2 + 14 * kDay};
    const std::vector<std::size_t> all = All(board);
    DashboardCache cache;
    Millis now = kNov2 + 6 * kDay;
    cache.Get(board, all, period, Bucket::Day, &sla, 1, now);
    CHECK(cache.recomputed() == 200);

    // The clock alone: the backlog ages move, no history is read.
    now += 2 * kDay + 7 * kMinute;
    const Dashboard& later = cache.Get(board, all, period, Bucket::Day, &sla, 1, now);
    CHECK(cache.recomputed() == 0);
    RequireSameDashboard(later, ComputeDashboard(board, all, period, Bucket::Day, &sla, now));

    // A move of one ticket: that ticket only.
    const Ticket& t = board.tickets()[17];
    json move = {{"op", "update"}, {"id", t.id}, {"at", kNov2 + 8 * kDay}, {"by", "agent"},
                 {"set", {{"status", t.status == "resolved" ? "in_progress" : "resolved"}}}};
    REQUIRE(ApplyChange(board, move).ok());
    const Dashboard& moved = cache.Get(board, all, period, Bucket::Day, &sla, 1, now);
    CHECK(cache.recomputed() == 1);
    RequireSameDashboard(moved, ComputeDashboard(board, all, period, Bucket::Day, &sla, now));

    // Nothing changed: nothing read.
    cache.Get(board, all, period, Bucket::Day, &sla, 1, now);
    CHECK(cache.recomputed() == 0);

    // A narrower filter: the tickets leaving it are taken away without being read.
    std::vector<std::size_t> half(all.begin(), all.begin() + 100);
    const Dashboard& narrow = cache.Get(board, half, period, Bucket::Day, &sla, 1, now);
    CHECK(cache.recomputed() == 0);
    RequireSameDashboard(narrow, ComputeDashboard(board, half, period, Bucket::Day, &sla, now));

    // New settings: everything again.
    cache.Get(board, half, period, Bucket::Day, &sla, 2, now);
    CHECK(cache.recomputed() == 100);
}

TEST_CASE("DashboardCache stays right through thousands of edits (its lists are compacted on the way)") {
    std::mt19937 rng(2024);
    Board board = RandomBoard(rng, 300, kNov2);
    const SlaSettings sla = Sla(false);
    const ReportPeriod period{kNov2, kNov2 + 14 * kDay};
    const std::vector<std::size_t> all = All(board);
    DashboardCache cache;
    const Millis now = kNov2 + 10 * kDay;
    for (int edit = 0; edit < 5000; ++edit) {
        // Moves in and out of Done, in the period: each ticket gathers resolutions, and
        // each read leaves its old part behind as garbage.
        const Ticket& t = board.tickets()[rng() % 40];
        const char* to = t.status == "resolved" ? "in_progress" : "resolved";
        json move = {{"op", "update"}, {"id", t.id}, {"at", kNov2 + static_cast<Millis>(rng() % (14 * 24)) * kHour},
                     {"by", "agent"}, {"set", {{"status", to}, {"assignee", Pick(rng, kAssignees)}}}};
        if (t.deleted) move = {{"op", "restore"}, {"id", t.id}, {"at", kNov2}, {"by", "agent"}};
        const bool applied = ApplyChange(board, move).ok();
        const Dashboard& got = cache.Get(board, all, period, Bucket::Day, &sla, 1, now);
        if (applied && edit > 0) CHECK(cache.recomputed() == 1);
        if (edit % 250 == 0 || edit == 4999) {
            INFO("edit ", edit);
            RequireSameDashboard(got, ComputeDashboard(board, all, period, Bucket::Day, &sla, now));
        }
    }
}
