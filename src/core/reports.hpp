// reports.hpp — the helpdesk's figures for a period, read from ticket history, so a past
// period reads as it happened (a ticket resolved, reopened and resolved again counts two
// resolutions and one reopening, each in the period it happened in).
//
//   Report r = ComputeReport(board, positions, {from, to}, &sla.calendar);
//   r.first_response.median; r.resolution.p90; r.resolution_rate; r.volume[3].created;
//
// What counts, for the period [from, to):
//   - created: tickets created in it;
//   - resolved: moves from a status that is not Done into a Done one, in it; reopened:
//     moves out of Done into one that is not, in it. Statuses the board no longer has
//     count as not Done;
//   - first response: tickets whose first response (Ticket::first_response_at) fell in it,
//     timed from their creation;
//   - resolution time: each resolution in it, timed from the ticket's creation;
//   - times are in business time when a calendar is given (business_calendar.hpp), else
//     wall-clock time;
//   - satisfaction: scores recorded in it (the last one of a ticket, when rated twice);
//   - volume: created and resolved per day or per week (weeks start on Monday, days and
//     weeks in UTC), every bucket of the period listed, empty ones too; with each bucket's
//     median first response and resolution times and mean score (the trends).
// Deleted tickets count nowhere. Nothing here reads the clock.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "core/board.hpp"
#include "core/business_calendar.hpp"
#include "core/sla.hpp"

namespace tackboard {

struct ReportPeriod {
    Millis from = 0;  // inclusive
    Millis to = 0;    // exclusive
};

// Median (the mean of the two middle values for an even count), 90th percentile (nearest
// rank: the smallest value at least 90 % of the values do not exceed) and mean, rounded
// down to the millisecond. All zero when count is 0.
struct DurationStats {
    std::size_t count = 0;
    Millis median = 0;
    Millis p90 = 0;
    Millis mean = 0;
};
DurationStats StatsOf(std::vector<Millis> durations);

enum class Bucket { Day, Week };

// One bucket of the period: its volume and its trends.
struct VolumePoint {
    Millis start = 0;  // the bucket's first instant (UTC midnight; a Monday for weeks)
    std::size_t created = 0;
    std::size_t resolved = 0;
    Millis first_response_median = 0;  // of the first responses made in the bucket (0: none)
    Millis resolution_median = 0;      // of the resolutions made in it
    std::size_t rated = 0;             // scores recorded in it (each ticket's last in the period)
    double satisfaction_mean = 0;
};

// What a requester said with their score: the comment in their name recorded with it.
struct SatisfactionComment {
    std::string ticket_id;
    Millis at = 0;
    int score = 0;
    std::string text;
};

struct Report {
    std::size_t created = 0;
    std::size_t resolved = 0;
    std::size_t reopened = 0;
    double resolution_rate = 0;  // resolved / created; 0 when nothing was created
    double reopened_rate = 0;    // reopened / resolved; 0 when nothing was resolved
    DurationStats first_response;
    DurationStats resolution;
    std::size_t rated = 0;
    double satisfaction_mean = 0;
    std::array<std::size_t, 5> satisfaction{};  // how many scored 1..5
    std::vector<SatisfactionComment> comments;  // newest first
    std::vector<VolumePoint> volume;
};

// A field's value at an instant, read back from history: the new value of the last
// change at or before it; before any change, the first change's old value; with no
// change in history, the value now. For "status", "assignee", "priority" and "type".
std::string ValueAt(const Ticket& ticket, const char* field, Millis at);

// Flow over the period, per bucket (as Report::volume): how many tickets were in each
// status at the bucket's end (a cumulative flow diagram, statuses in board order), how
// many were in an Active status (WIP); and for the resolutions in the period, lead time
// (created → resolved) and cycle time (first entering an Active status → resolved; none
// when it never was), in wall-clock time.
struct FlowReport {
    std::vector<std::string> statuses;          // ids, board order
    std::vector<Millis> at;                     // each bucket's end (the period's end for the last)
    std::vector<std::vector<std::size_t>> counts;  // [bucket][status]
    std::vector<std::size_t> wip;               // [bucket]
    std::vector<Millis> lead_times, cycle_times;  // for histograms
    DurationStats lead_time, cycle_time;
};

// Open tickets at the period's end by age (end − created): under a day, 1–3 days,
// 3–7 days, 1–4 weeks, four weeks and more.
inline constexpr Millis kReportDay = 86'400'000;
inline constexpr Millis kBacklogAgeBounds[] = {kReportDay, 3 * kReportDay, 7 * kReportDay, 28 * kReportDay};
using BacklogAges = std::array<std::size_t, 5>;

// Per member (config order, then assignees who are not members, by id): tickets they had
// at some moment of the period (assignee at its start, or assigned during it), the
// resolutions made while it was theirs, and their median resolution time (as Report).
struct PersonReport {
    std::string member;
    std::size_t handled = 0;
    std::size_t resolved = 0;
    DurationStats resolution;
};

// SLA compliance of what happened in the period (sla.hpp): of the first responses made in
// it and of the resolutions made in it, those within their target, each judged by the
// ticket as it was at that moment (its history up to then, its priority and type then),
// so a later reopening or reprioritising does not rewrite the past. Tickets without a
// target count in neither.
struct SlaCompliance {
    std::size_t responses = 0, responses_met = 0;
    std::size_t resolutions = 0, resolutions_met = 0;
};

// Tickets created in the period by their type and priority then, their labels and
// requester; most first, ties by name. "" stands for none (no requester).
struct Breakdown {
    using Counts = std::vector<std::pair<std::string, std::size_t>>;
    Counts by_type, by_priority, by_label, by_requester;
};

// `positions` are indexes into board.tickets() (what a filter shows), in any order.
// `calendar` null: wall-clock time.
SlaCompliance ComputeSlaCompliance(const Board& board, const std::vector<std::size_t>& positions, ReportPeriod period,
                                   const SlaSettings& sla);
Breakdown ComputeBreakdown(const Board& board, const std::vector<std::size_t>& positions, ReportPeriod period);
FlowReport ComputeFlow(const Board& board, const std::vector<std::size_t>& positions, ReportPeriod period,
                       Bucket bucket = Bucket::Day);
BacklogAges ComputeBacklogAges(const Board& board, const std::vector<std::size_t>& positions, Millis at);
std::vector<PersonReport> ComputePeople(const Board& board, const std::vector<std::size_t>& positions,
                                        ReportPeriod period, const CompiledCalendar* calendar);
Report ComputeReport(const Board& board, const std::vector<std::size_t>& positions, ReportPeriod period,
                     const CompiledCalendar* calendar, Bucket bucket = Bucket::Day);

// Internal: what these functions and ComputeDashboard (dashboard.hpp, which works out the
// same figures in one pass) must agree on.
namespace report_detail {
// The bucket an instant falls in: its UTC day, or the Monday that starts its week.
Millis BucketStart(Millis at, Bucket bucket);
Millis BucketLength(Bucket bucket);
// The start of every bucket of the period, in order (none for an empty period).
std::vector<Millis> BucketStarts(ReportPeriod period, Bucket bucket);
// Business time from `from` to `to` (wall-clock time without a calendar); 0 when to <= from.
Millis TimeBetween(const CompiledCalendar* calendar, Millis from, Millis to);
}  // namespace report_detail

}  // namespace tackboard
