// bench_rules.cpp — prints the cost of automation rules and SLA states (issue #8: a full
// pass over 100k tickets ≤ 20 ms in wasm, the work after one edit ≤ 1 ms). Not a test:
// nothing is asserted. Run through `make bench` (natively and as wasm under node), or:
//   bench_rules [tickets ...]
//
// The board is board_gen's, reshaped into a helpdesk's year: tickets older than a month
// are mostly resolved or closed, recent ones mostly open; each has a status history
// (triage, work, waiting spells, resolution, some reopened), comments with a first
// response, due dates on some, priority changes on some. SLA: Europe/Stockholm,
// Mon-Fri 08:00-17:00, Swedish holidays; ten rules of the kinds issue #8 names.
// Deterministic: fixed seeds, fixed `now` (a Monday, 10:30 in Stockholm).
//
// For each size (and a worst case: the largest size with every ticket open), p50 / p90 /
// max over several runs, ms:
//   - the first timed pass after the rules are set up (RunTimed applying, once): it fires
//     on the whole backlog; everything after runs on the board it leaves (the steady state);
//   - SLA flags of all tickets: SlaFlagsOf, and SlaFlagCache (first fill; then each minute);
//   - the rules' timed pass planned (EvaluateTimed, flags given), and the FULL TIMED PASS
//     (flags + EvaluateTimed, as App::RunTimedRules without applying), both ways;
//   - the same as the app ran it before TimedSchedule: only the open tickets (OpenTickets),
//     flags cached;
//   - the incremental pass the app runs (TimedSchedule): its first pass, then each minute;
//   - RunTimed applying, when nothing new is due (and which rules still fired, if any);
//   - ONE EDIT as App::Commit makes it (ApplyChange, EventsFromApplied, RunCascade with
//     ApplyChange), plus ComputeSla of the edited ticket (what its SLA badge shows);
//   - TimedSchedule::Run applying, each minute after 20 edits (as the app runs it).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "bench_timing.hpp"
#include "board_gen.hpp"
#include "core/business_calendar.hpp"
#include "core/change.hpp"
#include "core/dates.hpp"
#include "core/helpdesk_settings.hpp"
#include "core/routing.hpp"
#include "core/rules.hpp"
#include "core/sla.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

using namespace bench;  // Clock, Ms, Print, Time

constexpr Millis kMinute = 60'000;
constexpr Millis kHour = 60 * kMinute;
// Monday 2026-11-23, 10:30 in Stockholm (09:30 UTC): inside business hours.
constexpr Millis kNow = 1795392000000LL + 9 * kHour + 30 * kMinute;

json SlaJson() {
    return {{"calendar",
             {{"time_zone", "Europe/Stockholm"},
              {"hours", json::array({"08:00-17:00"})},
              {"holidays",
               {"2026-01-01", "2026-01-06", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-06-06",
                {{"date", "2026-06-19"}, {"name", "Midsummer Eve"}},
                {{"from", "2026-12-24"}, {"to", "2026-12-26"}, {"name", "Christmas"}}, "2026-12-31"}}}},
            {"policies",
             {{{"priority", "urgent"}, {"type", "incident"}, {"response_minutes", 15}, {"resolution_minutes", 120}},
              {{"priority", "high"}, {"type", "incident"}, {"response_minutes", 60}, {"resolution_minutes", 8 * 60}}}},
            {"warn_percent", 80}};
}

json Action(const char* kind, json extra = json::object()) {
    extra["kind"] = kind;
    return extra;
}

json RulesJson() {
    // Actions as json::array: a one-element braced list would be that element under clang (em++).
    auto rule = [](const char* id, const char* name, json trigger, const char* condition,
                   std::initializer_list<json> actions) {
        return json{{"id", id}, {"name", name}, {"trigger", trigger}, {"condition", condition},
                    {"actions", json(std::vector<json>(actions))}};
    };
    return {{"rules",
             {rule("r1", "Escalate breaches", {{"kind", "sla_breached"}}, "-label:escalated",
                   {Action("raise_priority"), Action("add_label", {{"label", "escalated"}}),
                    Action("notify", {{"message", "SLA breached"}})}),
              rule("r2", "Warn at risk", {{"kind", "sla_at_risk"}}, "",
                   {Action("notify", {{"message", "SLA at risk"}})}),
              rule("r3", "Due within the hour", {{"kind", "due"}, {"minutes", 60}}, "",
                   {Action("notify", {{"message", "Due within the hour"}})}),
              rule("r4", "Overdue", {{"kind", "due"}, {"minutes", 0}}, "-label:overdue",
                   {Action("add_label", {{"label", "overdue"}})}),
              rule("r5", "Nudge idle", {{"kind", "idle"}, {"days", 3}}, "-status:waiting",
                   {Action("add_comment", {{"body", "No activity for three days: still being worked on?"}})}),
              rule("r6", "Auto-assign", {{"kind", "created"}}, "is:unassigned",
                   {Action("assign", {{"member", "auto"}})}),
              rule("r7", "Mark reprioritised", {{"kind", "field_changed"}, {"field", "priority"}}, "",
                   {Action("add_label", {{"label", "reprioritised"}})}),
              rule("r8", "Note waiting", {{"kind", "status_entered"}, {"status", "waiting"}}, "",
                   {Action("add_comment", {{"body", "Waiting for the requester; the SLA clock is paused."}})}),
              rule("r9", "VIP is urgent", {{"kind", "field_changed"}, {"field", "labels"}}, "label:vip -prio:urgent",
                   {Action("set_field", {{"field", "priority"}, {"value", "urgent"}})}),
              rule("r10", "Incidents start high", {{"kind", "created"}}, "type:incident prio:<=normal",
                   {Action("raise_priority"), Action("notify", {{"message", "New incident"}})})}}};
}

// --- the board ------------------------------------------------------------------------

void Move(Ticket& t, Millis at, const std::string& to, const std::string& by) {
    t.history.push_back({at, by, "status", t.status, to, ""});
    t.status = to;
    t.updated = at;
}

// A ticket's life up to `now`, from its creation: board_gen gives the contents, this the
// status history. Older tickets are mostly finished; a few are a stale backlog.
void Live(Ticket& t, std::mt19937& rng, Millis now) {
    auto minutes = [&](int lo, int hi) { return Millis{lo + static_cast<int>(rng() % (hi - lo + 1))} * kMinute; };
    auto chance = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
    const std::string by = t.assignee.empty() ? "ana" : t.assignee;
    const Millis age = now - t.created;
    const bool finishes = age > 30 * kMillisPerDay ? chance(95) : chance(static_cast<int>(age * 70 / (30 * kMillisPerDay)));
    t.history.resize(1);  // "created"
    t.comments.clear();
    t.status = "new";
    t.updated = t.created;
    t.first_response_at = t.resolved_at = 0;
    t.satisfaction = 0;
    Millis at = t.created;
    auto step = [&](Millis by_then) {  // the next moment, never past now
        at = std::min(now - kMinute, at + by_then);
        return at;
    };
    if (chance(15)) {  // reprioritised at triage
        const std::string to = t.priority == "normal" ? "high" : "normal";
        t.history.push_back({step(minutes(5, 90)), by, "priority", t.priority, to, ""});
        t.priority = to;
    }
    Move(t, step(minutes(5, 240)), "triage", by);
    if (chance(90) || finishes) {
        Move(t, step(minutes(10, 600)), "in_progress", by);
        Comment answer{t.id + "-c1", by, step(minutes(1, 120)), "Looking into it.", false};
        t.first_response_at = answer.at;
        t.comments.push_back(answer);
        t.history.push_back({answer.at, by, "comment", nullptr, answer.id, ""});
        for (int spell = chance(40) ? 1 + rng() % 2 : 0; spell > 0; --spell) {
            Move(t, step(minutes(30, 2 * 24 * 60)), "waiting", by);
            if (!finishes && spell == 1 && chance(50)) break;  // still waiting
            Move(t, step(minutes(60, 3 * 24 * 60)), "in_progress", t.requester);
        }
    }
    if (finishes && t.status != "waiting") {
        Move(t, step(minutes(30, 5 * 24 * 60)), "resolved", by);
        t.resolved_at = at;
        if (chance(30)) t.satisfaction = 1 + rng() % 5;
        if (chance(60)) Move(t, step(minutes(24 * 60, 7 * 24 * 60)), "closed", by);
        if (chance(4)) {  // reopened, and perhaps still open
            Move(t, step(minutes(60, 3 * 24 * 60)), "in_progress", t.requester);
            t.resolved_at = 0;
            if (chance(60)) {
                Move(t, step(minutes(60, 2 * 24 * 60)), "resolved", by);
                t.resolved_at = at;
            }
        }
    }
    t.due = chance(30) ? t.created + Millis{1 + static_cast<int>(rng() % 14)} * kMillisPerDay : 0;
}

Board MakeBoard(std::size_t count, bool all_open) {
    Board generated = GenerateBoard({count, 7, kNow});
    BoardConfig config = generated.config();
    for (const char* label : {"escalated", "overdue", "reprioritised"}) config.labels.push_back({label});
    config.extra["sla"] = SlaJson();
    config.extra[kAutomationKey] = RulesJson();
    Board board(config);
    board.Reserve(count);
    std::mt19937 rng(11);
    for (const Ticket& source : generated.tickets()) {
        Ticket t = source;
        if (all_open) t.created = kNow - static_cast<Millis>(rng() % (10 * kMillisPerDay)) - kHour;
        Live(t, rng, kNow);
        if (all_open && config.FindStatus(t.status)->category == StatusCategory::Done) {
            Move(t, std::max(t.updated, kNow - kHour), "in_progress", t.requester);
            t.resolved_at = 0;
        }
        board.Insert(std::move(t));
    }
    return board;
}

// --- one size -----------------------------------------------------------------------------

struct Counts {
    std::size_t open = 0, at_risk = 0, breached = 0;
};

Counts CountFlags(const Board& board, const SlaFlagList& flags) {
    Counts c;
    for (std::size_t pos = 0; pos < board.tickets().size(); ++pos) {
        const Ticket& t = board.tickets()[pos];
        if (!t.deleted && board.config().FindStatus(t.status)->category != StatusCategory::Done) ++c.open;
        if (pos < flags.size()) c.at_risk += flags[pos].at_risk, c.breached += flags[pos].breached;
    }
    return c;
}

void Run(std::size_t count, bool all_open) {
    const int runs = count >= 50000 ? 9 : 21;
    std::printf("\n== %zu tickets%s ==\n", count, all_open ? ", every one open (worst case)" : "");
    auto start = Clock::now();
    Board board = MakeBoard(count, all_open);
    std::printf("%-58s %9.1f ms\n", "generate", Ms(start));
    LoadedHelpdeskSettings loaded = HelpdeskSettingsOf(board.config());
    if (!loaded.problems.empty()) {
        std::printf("settings refused: %s\n", loaded.problems.front().Describe().c_str());
        std::exit(1);
    }
    const HelpdeskSettings& settings = loaded.settings;
    RuleContext context;
    context.now = kNow;
    context.route = [&settings](const Ticket& ticket, const Board& b) {  // as App::RuleContextNow
        auto choice = ChooseAssignee(ticket, b.config(), ComputeWorkload(b), settings.routing.mode, LastAssignedMember(b));
        return choice ? choice->member : std::string();
    };

    // The first pass fires on the backlog a new set of rules finds; afterwards a pass only
    // finds what became due since (the steady state, measured below).
    {
        auto at = Clock::now();
        RuleRun run = RunTimed(settings.rules, board, context, SlaFlagsOf(board, settings.sla, kNow));
        Print("backlog: RunTimed applied, first pass (with SlaFlagsOf)", {Ms(at)},
              std::to_string(run.fired.size()) + " firings, " + std::to_string(run.errors.size()) + " refused");
    }

    SlaFlagList flags;
    Print("SLA flags of all tickets (SlaFlagsOf)", Time(runs, [&] { flags = SlaFlagsOf(board, settings.sla, kNow); }));
    const Counts counts = CountFlags(board, flags);
    std::printf("%-58s %zu open, %zu at risk, %zu breached\n", "  tickets", counts.open, counts.at_risk, counts.breached);
    {
        std::vector<double> first;
        for (int i = 0; i < 3; ++i) {
            SlaFlagCache fresh;
            auto at = Clock::now();
            fresh.Flags(board, settings.sla, kNow);
            first.push_back(Ms(at));
        }
        Print("SLA flags, SlaFlagCache: first fill", first);
        SlaFlagCache cache;
        cache.Flags(board, settings.sla, kNow);
        Millis later = kNow;
        std::size_t recomputed = 0;
        std::vector<double> samples = Time(runs, [&] {
            later += kMinute;
            cache.Flags(board, settings.sla, later);
            recomputed += cache.recomputed();
        });
        Print("SLA flags, SlaFlagCache: each minute, nothing edited", samples,
              std::to_string(recomputed) + " tickets worked out again in all");
    }
    std::size_t planned = 0;
    std::vector<double> samples =
        Time(runs, [&] { planned = EvaluateTimed(settings.rules, board, context, flags).size(); });
    Print("timed rules planned (EvaluateTimed, flags given)", samples, std::to_string(planned) + " firings");
    samples = Time(runs, [&] {
        planned = EvaluateTimed(settings.rules, board, context, SlaFlagsOf(board, settings.sla, kNow)).size();
    });
    Print("FULL TIMED PASS: SlaFlagsOf + EvaluateTimed", samples, std::to_string(planned) + " firings");
    {
        SlaFlagCache cache;
        cache.Flags(board, settings.sla, kNow);
        Millis later = kNow;
        samples = Time(runs, [&] {
            later += kMinute;
            RuleContext at = context;
            at.now = later;
            planned = EvaluateTimed(settings.rules, board, at, cache.Flags(board, settings.sla, later)).size();
        });
        Print("FULL TIMED PASS: SlaFlagCache + EvaluateTimed, each minute", samples,
              std::to_string(planned) + " firings at the last minute");
    }
    {
        // As App::RunTimedRules read the board before TimedSchedule: only the open tickets
        // (OpenTickets, kept up to date by each change), their SLA flags from the cache.
        OpenTickets open;
        open.Rebuild(board);
        SlaFlagCache cache;
        cache.Flags(board, settings.sla, kNow, open.positions());
        Millis later = kNow;
        samples = Time(runs, [&] {
            later += kMinute;
            RuleContext at = context;
            at.now = later;
            at.open = &open.positions();
            planned = EvaluateTimed(settings.rules, board, at, cache.Flags(board, settings.sla, later, open.positions())).size();
        });
        Print("FULL TIMED PASS AS THE APP RAN IT: open tickets only, cached flags", samples,
              std::to_string(open.positions().size()) + " open; " + std::to_string(planned) + " firings at the last minute");
        samples = Time(runs, [&] { later += kMinute; (void)cache.Flags(board, settings.sla, later, open.positions()); });
        Print("  of which: SLA flags of the open tickets, cached", samples, "");
        const SlaFlagList flags = cache.Flags(board, settings.sla, later, open.positions());
        samples = Time(runs, [&] {
            RuleContext at = context;
            at.now = later;
            at.open = &open.positions();
            planned = EvaluateTimed(settings.rules, board, at, flags).size();
        });
        Print("  of which: timed rules planned for the open tickets", samples, "");
        std::vector<std::string> touched{board.tickets()[board.tickets().size() / 2].id};
        samples = Time(runs, [&] { open.Update(board, touched); (void)open.positions(); });
        Print("open tickets kept up to date after one edit", samples, "");
    }
    {
        // What App::RunTimedRules runs now: TimedSchedule reads only the tickets whose
        // answer may differ since the last pass (changed, or an instant of theirs came).
        // Planned, not applied (as the lines above): what is due stays due and is read
        // again each minute; the applied figures are at the end.
        OpenTickets open;
        open.Rebuild(board);
        TimedSchedule timed;
        RuleContext at = context;
        at.open = &open.positions();
        auto first = Clock::now();
        planned = timed.Evaluate(settings.rules, settings.sla, board, at).size();
        Print("TimedSchedule: first pass, reads every open ticket", {Ms(first)},
              std::to_string(timed.looked_at()) + " read; " + std::to_string(planned) + " firings");
        Millis later = kNow;
        std::size_t read = 0;
        samples = Time(runs, [&] {
            later += kMinute;
            at.now = later;
            planned = timed.Evaluate(settings.rules, settings.sla, board, at).size();
            read += timed.looked_at();
        });
        RuleContext all = context;
        all.now = later;
        const std::size_t full = EvaluateTimed(settings.rules, board, all, SlaFlagsOf(board, settings.sla, later)).size();
        Print("INCREMENTAL TIMED PASS (TimedSchedule), each minute, planned", samples,
              std::to_string(read) + " tickets read in all; " + std::to_string(planned) + " firings at the last minute (" +
                  (planned == full ? "as" : "NOT as") + " a full pass)");
    }
    std::size_t fired = 0, refused = 0;
    std::map<std::string, int> by_rule;  // what still fires when nothing new is due
    samples = Time(runs, [&] {
        RuleRun run = RunTimed(settings.rules, board, context, SlaFlagsOf(board, settings.sla, kNow));
        fired += run.fired.size();
        refused += run.errors.size();
        for (const RuleFiring& f : run.fired) ++by_rule[settings.rules.rules[f.rule].name];
        for (const RuleError& e : run.errors) ++by_rule[settings.rules.rules[e.rule].name + " (refused: " + e.error.message + ")"];
    });
    Print("RunTimed applied (with SlaFlagsOf), nothing new due", samples,
          std::to_string(fired) + " firings, " + std::to_string(refused) + " refused in all");
    for (const auto& [name, n] : by_rule) std::printf("  %-56s %d\n", name.c_str(), n);

    // One user edit as App::Commit makes it, then the edited ticket's SLA (what a view shows).
    std::vector<std::size_t> open;
    for (std::size_t pos = 0; pos < board.tickets().size(); ++pos)
        if (board.config().FindStatus(board.tickets()[pos].status)->category != StatusCategory::Done) open.push_back(pos);
    std::mt19937 rng(5);
    const json edits[] = {{{"priority", "high"}}, {{"status", "waiting"}}, {{"status", "in_progress"}},
                          {{"labels", json::array({"vip"})}}, {{"assignee", "sven"}}, {{"priority", "low"}}};
    std::vector<double> edit_ms, sla_ms;
    std::size_t cascaded = 0;
    for (int i = 0; i < 600 && !open.empty(); ++i) {
        const Ticket& t = board.tickets()[open[rng() % open.size()]];
        json change = {{"op", "update"}, {"id", t.id}, {"set", edits[i % 6]}, {"at", kNow}, {"by", "me"}};
        auto at = Clock::now();
        Result<Applied> applied = ApplyChange(board, change);
        if (applied) {
            RuleRun run = RunCascade(settings.rules, board, EventsFromApplied(change, applied.value(), board), context);
            cascaded += run.fired.size();
        }
        edit_ms.push_back(Ms(at));
        at = Clock::now();
        SlaState state = ComputeSla(*board.Find(t.id), board.config(), settings.sla, kNow);
        sla_ms.push_back(Ms(at));
        if (state.resolution.budget < 0) std::printf("?");  // keeps the call
    }
    Print("ONE EDIT: ApplyChange + EventsFromApplied + RunCascade", edit_ms,
          std::to_string(cascaded) + " rule firings in all");
    Print("one edit: ComputeSla of the edited ticket", sla_ms);
    std::vector<double> both(edit_ms.size());
    for (std::size_t i = 0; i < both.size(); ++i) both[i] = edit_ms[i] + sla_ms[i];
    Print("ONE EDIT, in all (with ComputeSla of the ticket)", both);

    {
        // As the app runs it, applying: each minute some edits (each told to the schedule,
        // as App::Reindex does), then the pass, which reads those and what came due.
        OpenTickets open_set;
        open_set.Rebuild(board);
        TimedSchedule timed;
        Millis later = kNow + kHour;
        ApplyRecord apply = [&](const json& change) {
            Result<Applied> applied = ApplyChange(board, change);
            if (applied) open_set.Update(board, applied.value().touched);
            return applied;
        };
        RuleContext at = context;
        at.now = later;
        at.open = &open_set.positions();
        auto first = Clock::now();
        std::size_t backlog = timed.Run(settings.rules, settings.sla, board, at, apply).fired.size();
        Print("TimedSchedule.Run applied: first pass", {Ms(first)}, std::to_string(backlog) + " firings");
        std::size_t read = 0;
        fired = 0;
        samples.clear();
        for (int run = 0; run < runs; ++run) {
            for (int i = 0; i < 20 && !open.empty(); ++i) {  // the minute's edits, not timed
                const Ticket& t = board.tickets()[open[rng() % open.size()]];
                json change = {{"op", "update"}, {"id", t.id}, {"set", edits[i % 6]}, {"at", later}, {"by", "me"}};
                if (Result<Applied> applied = ApplyChange(board, change); applied) {
                    open_set.Update(board, applied.value().touched);
                    timed.Update(board, applied.value().touched);
                }
            }
            later += kMinute;
            at.now = later;
            at.open = &open_set.positions();
            auto pass = Clock::now();
            fired += timed.Run(settings.rules, settings.sla, board, at, apply).fired.size();
            samples.push_back(Ms(pass));
            read += timed.looked_at();
        }
        Print("INCREMENTAL TIMED PASS APPLIED, each minute after 20 edits", samples,
              std::to_string(read) + " tickets read, " + std::to_string(fired) + " firings in all");
    }
}

}  // namespace

int main(int argc, char** argv) {
    for (std::size_t count : BenchSizes(argc, argv)) Run(count, false);
    const std::vector<std::size_t> sizes = BenchSizes(argc, argv);
    Run(*std::max_element(sizes.begin(), sizes.end()), true);
    return 0;
}
