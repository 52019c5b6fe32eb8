// bench_reports — the reports dashboard's figures (core/reports.hpp) over generated boards:
//   bench_reports [sizes...]      (default 10000 100000; `make bench` runs it natively and as wasm)
// Prints p50 / p90 / max of each part and of the whole dashboard, for the last 30 days by
// day and the last 90 days by week, over every ticket, with an SLA calendar: the figures
// one by one, ComputeDashboard (all of them in one pass; target <= 100 ms in wasm at 100k),
// and DashboardCache::Get after a one-ticket edit (a real status move through ApplyChange)
// and after only `now` moved by a minute (target <= 5 ms). The cache's answers are checked
// against ComputeDashboard's on the way; a difference is printed as MISMATCH.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_timing.hpp"
#include "board_gen.hpp"
#include "core/change.hpp"
#include "core/dashboard.hpp"
#include "core/reports.hpp"
#include "core/sla.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

using namespace bench;  // Print, Time

constexpr Millis kDay = 86'400'000;

// The parts most likely to go wrong in the cache, against a full computation.
bool SameFigures(const Dashboard& a, const Dashboard& b) {
    return a.report.created == b.report.created && a.report.resolved == b.report.resolved &&
           a.report.reopened == b.report.reopened && a.report.resolution.median == b.report.resolution.median &&
           a.report.resolution.mean == b.report.resolution.mean && a.flow.counts == b.flow.counts &&
           a.flow.lead_times == b.flow.lead_times && a.backlog == b.backlog && a.sla.resolutions == b.sla.resolutions &&
           a.sla.resolutions_met == b.sla.resolutions_met && a.breakdown.by_requester == b.breakdown.by_requester;
}

// DashboardCache: the first call (everything), then one status move at a time, then the
// clock moving alone.
void RunCache(Board& board, const std::vector<std::size_t>& all, ReportPeriod period, Bucket bucket, const SlaSettings& sla,
              Millis now) {
    DashboardCache cache;
    Print("DashboardCache::Get, first call (reads every ticket)", Time(3, [&] {
              cache = DashboardCache();
              cache.Get(board, all, period, bucket, &sla, 1, now);
          }));
    std::vector<double> samples;
    std::size_t recomputed = 0;
    for (int i = 0; i < 21; ++i) {
        const Ticket& t = board.tickets()[(static_cast<std::size_t>(i) * 7919 + 13) % board.tickets().size()];
        const json move = {{"op", "update"}, {"id", t.id}, {"at", now - i * 60'000}, {"by", "bench"},
                           {"set", {{"status", t.status == "resolved" ? "in_progress" : "resolved"}}}};
        if (auto applied = ApplyChange(board, move); !applied) {
            std::printf("edit refused: %s\n", applied.error().Describe().c_str());
            return;
        }
        auto start = Clock::now();
        cache.Get(board, all, period, bucket, &sla, 1, now);
        samples.push_back(Ms(start));
        recomputed = std::max(recomputed, cache.recomputed());
    }
    const bool same_after_edits = SameFigures(cache.Get(board, all, period, bucket, &sla, 1, now),
                                              ComputeDashboard(board, all, period, bucket, &sla, now));
    Print("DashboardCache::Get after a one-ticket edit (status move)", samples,
          "read again: " + std::to_string(recomputed) + (same_after_edits ? "" : "  MISMATCH"));
    samples.clear();
    recomputed = 0;
    Millis later = now;
    for (int i = 0; i < 21; ++i) {
        later += 60'000;
        auto start = Clock::now();
        cache.Get(board, all, period, bucket, &sla, 1, later);
        samples.push_back(Ms(start));
        recomputed = std::max(recomputed, cache.recomputed());
    }
    const bool same_later = SameFigures(cache.Get(board, all, period, bucket, &sla, 1, later),
                                        ComputeDashboard(board, all, period, bucket, &sla, later));
    Print("DashboardCache::Get after `now` moved a minute", samples,
          "read again: " + std::to_string(recomputed) + (same_later ? "" : "  MISMATCH"));
}

void Run(std::size_t count) {
    GeneratedBoardOptions options;
    options.tickets = count;
    Board board = GenerateBoard(options);  // edited below, for the cache
    std::vector<std::size_t> all(board.tickets().size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    auto sla = ParseSlaSettings(json{{"calendar", {{"time_zone", "Europe/Stockholm"}, {"hours", json::array({"08:00-17:00"})}}}},
                                board.config());
    if (!sla) {
        std::printf("SLA settings: %s\n", sla.error().Describe().c_str());
        return;
    }
    const CompiledCalendar* calendar = &sla.value().calendar;
    std::printf("\n== %zu tickets ==\n", count);
    for (const auto& [name, days, each_bucket] : {std::tuple{"30 days by day", 30, Bucket::Day}, std::tuple{"90 days by week", 90, Bucket::Week}}) {
        const Bucket bucket = each_bucket;  // a copy: clang 14 (Emscripten 3.1.6) cannot capture a structured binding
        const ReportPeriod period{options.now - days * kDay, options.now};
        const int runs = count > 50000 ? 5 : 11;
        std::printf("-- %s --\n", name);
        // (Timed first, then printed: arguments are evaluated in no set order.)
        Report report;
        auto samples = Time(runs, [&] { report = ComputeReport(board, all, period, calendar, bucket); });
        Print("counts, times, rates, satisfaction, trends", samples,
              std::to_string(report.created) + " created, " + std::to_string(report.resolved) + " resolved");
        FlowReport flow;
        samples = Time(runs, [&] { flow = ComputeFlow(board, all, period, bucket); });
        Print("flow (CFD, WIP, lead and cycle times)", samples, std::to_string(flow.lead_times.size()) + " lead times");
        Print("backlog ages", Time(runs, [&] { (void)ComputeBacklogAges(board, all, period.to); }));
        Print("people", Time(runs, [&] { (void)ComputePeople(board, all, period, calendar); }));
        SlaCompliance compliance;
        samples = Time(runs, [&] { compliance = ComputeSlaCompliance(board, all, period, sla.value()); });
        Print("SLA compliance", samples,
              std::to_string(compliance.responses) + " responses, " + std::to_string(compliance.resolutions) + " resolutions");
        Print("volume by type, priority, label, requester", Time(runs, [&] { (void)ComputeBreakdown(board, all, period); }));
        Print("THE WHOLE DASHBOARD", Time(runs, [&] {
            (void)ComputeReport(board, all, period, calendar, bucket);
            (void)ComputeFlow(board, all, period, bucket);
            (void)ComputeBacklogAges(board, all, period.to);
            (void)ComputePeople(board, all, period, calendar);
            (void)ComputeSlaCompliance(board, all, period, sla.value());
            (void)ComputeBreakdown(board, all, period);
        }));
        Dashboard dashboard;
        samples = Time(runs, [&] { dashboard = ComputeDashboard(board, all, period, bucket, &sla.value(), options.now); });
        Print("ComputeDashboard (every figure, one pass)", samples,
              std::to_string(dashboard.report.resolved) + " resolved, " + std::to_string(dashboard.people.size()) + " people");
        // The period ends later today (as the UI's "last 30 days" does): the backlog is at `now`.
        RunCache(board, all, period, bucket, sla.value(), options.now - 2 * 3'600'000);
    }
}

}  // namespace

int main(int argc, char** argv) {
    for (std::size_t count : BenchSizes(argc, argv)) Run(count);
    return 0;
}
