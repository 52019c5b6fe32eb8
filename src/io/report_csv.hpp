// report_csv.hpp — each report chart's data as CSV (csv.hpp's writer), for "Export CSV"
// beside every chart: one row per point, the figures as numbers a spreadsheet reads
// (durations in hours with two decimals, rates as fractions, dates as YYYY-MM-DD in UTC).
//
//   std::string csv = VolumeCsv(ComputeReport(...));   // date,created,resolved,...
#pragma once

#include <string>

#include "core/dashboard.hpp"

namespace tackboard {

// date, created, resolved, first_response_median_h, resolution_median_h, rated, satisfaction_mean
std::string VolumeCsv(const Report& report);
// date, then one column per status (tickets in it at the bucket's end), then wip
std::string FlowCsv(const FlowReport& flow);
// member, handled, resolved, resolution_median_h
std::string PeopleCsv(const std::vector<PersonReport>& people);
// what, value (created, resolved, reopened, rates, first response and resolution
// median/p90/mean in hours, rated, satisfaction mean, each score's count)
std::string SummaryCsv(const Report& report);
// The same, then SLA compliance (counts and shares of first responses and resolutions
// within target) when the dashboard has any.
std::string SummaryCsv(const Dashboard& dashboard);
// bin_from_h, bin_to_h (empty for the last, open-ended bin), lead_time, cycle_time:
// how many resolutions took that long (duration_bins.hpp)
std::string DurationsCsv(const FlowReport& flow);
// age_from_days, age_to_days (empty for the last), open
std::string BacklogCsv(const BacklogAges& ages);
// dimension (type, priority, label, requester), value, created
std::string BreakdownCsv(const Breakdown& breakdown);
// score, count
std::string SatisfactionCsv(const Report& report);
// ticket, date, score, comment (newest first)
std::string SatisfactionCommentsCsv(const Report& report);

}  // namespace tackboard
