// bench_reports — the reports dashboard's figures (core/reports.hpp) over generated boards:
//   bench_reports [sizes...]      (default 10000 100000; `make bench` runs it natively and as wasm)
// Prints p50 / p90 / max of each part and of the whole dashboard, for the last 30 days by
// day and the last 90 days by week, over every ticket, with an SLA calendar.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_timing.hpp"
#include "board_gen.hpp"
#include "core/reports.hpp"
#include "core/sla.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

using namespace bench;  // Print, Time

constexpr Millis kDay = 86'400'000;

void Run(std::size_t count) {
    GeneratedBoardOptions options;
    options.tickets = count;
    const Board board = GenerateBoard(options);
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
    for (const auto& [name, days, bucket] : {std::tuple{"30 days by day", 30, Bucket::Day}, std::tuple{"90 days by week", 90, Bucket::Week}}) {
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
    }
}

}  // namespace

int main(int argc, char** argv) {
    for (std::size_t count : BenchSizes(argc, argv)) Run(count);
    return 0;
}
