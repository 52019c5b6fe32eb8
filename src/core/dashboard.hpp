// dashboard.hpp — every figure of the reports dashboard (reports.hpp) for one period and
// one set of tickets, computed together:
//
//   Dashboard d = ComputeDashboard(board, positions, {from, to}, Bucket::Day, &settings.sla, now);
//   d.report.resolution.median; d.flow.counts[3][1]; d.people[0].handled;
//
//   DashboardCache cache;  // kept by the reports panel
//   const Dashboard& d = cache.Get(board, positions, period, Bucket::Day, &settings.sla, settings_revision, now);
//
// Backlog ages are taken at min(period.to, now) (a period may end later today).
// Times are in business time when the SLA is enabled (its calendar), else wall-clock
// time; SLA compliance is counted only when it is enabled. `sla` may be null (no SLA).
//
// The result equals calling ComputeReport, ComputeFlow, ComputeBacklogAges, ComputePeople,
// ComputeSlaCompliance and ComputeBreakdown one by one, field for field (same orders, same
// ties), but each ticket's history is read once: for 100k tickets about 45-75 ms in wasm,
// a third of the functions one by one (tests/bench/bench_reports.cpp). DashboardCache
// keeps what each ticket contributes, so after an edit only the tickets that changed are
// read again: about 2.5-4 ms in wasm for 100k tickets, most of it spent finding which
// ones changed (a few fields of every Ticket read, see below).
#pragma once

#include <cstdint>
#include <memory>
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

// Keeps what each ticket contributes to the dashboard, so that after an edit only the
// changed tickets are read again.
//
// A ticket is read again when its key changes: created, updated, first_response_at,
// resolved_at, satisfaction, deleted, and the number of its history entries and comments.
// The key reads a few neighbouring fields of the Ticket, never its history or strings
// (for 100k tickets that alone would cost more than the rest of a refresh): it relies on
// every change record (change.hpp) appending a history entry (a new status, assignee,
// priority, type, requester or labels always does), and on a ticket replaced whole by
// sync carrying the merged history. Code that edits a ticket in place must likewise
// append history or move `updated`.
class DashboardCache {
public:
    DashboardCache();
    ~DashboardCache();
    DashboardCache(DashboardCache&&) noexcept;
    DashboardCache& operator=(DashboardCache&&) noexcept;

    // == ComputeDashboard(board, positions, period, bucket, sla, now). `settings_revision`
    // changes whenever the board configuration or SLA settings change (then everything is
    // recomputed). Tickets are found changed by themselves (see above); `positions` (what a
    // filter shows, indexes into board.tickets(), any order) may differ from the last call.
    // `now` moving alone re-derives the backlog ages without reading any history.
    const Dashboard& Get(const Board& board, const std::vector<std::size_t>& positions, ReportPeriod period,
                         Bucket bucket, const SlaSettings* sla, std::uint64_t settings_revision, Millis now);
    std::size_t recomputed() const;  // tickets read again by the last Get (for tests/bench)

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace tackboard
