// dashboard.hpp — every figure of the reports dashboard (reports.hpp) for one period and
// one set of tickets, computed together:
//
//   Dashboard d = ComputeDashboard(board, positions, {from, to}, Bucket::Day, &settings.sla);
//   d.report.resolution.median; d.flow.counts[3][1]; d.people[0].handled;
//
// Backlog ages are taken at min(period.to, now) (a period may end later today).
// Times are in business time when the SLA is enabled (its calendar), else wall-clock
// time; SLA compliance is counted only when it is enabled. `sla` may be null (no SLA).
#pragma once

#include <vector>

#include "core/reports.hpp"
#include "core/sla.hpp"

namespace tackboard {

struct Dashboard {
    ReportPeriod period;
    Bucket bucket = Bucket::Day;
    Report report;
    FlowReport flow;
    BacklogAges backlog{};  // open at min(period.to, now)
    std::vector<PersonReport> people;
    SlaCompliance sla;
    Breakdown breakdown;
};

Dashboard ComputeDashboard(const Board& board, const std::vector<std::size_t>& positions, ReportPeriod period,
                           Bucket bucket, const SlaSettings* sla, Millis now);

}  // namespace tackboard
