#include "io/report_csv.hpp"

#include <cstdio>

#include "core/dates.hpp"
#include "core/duration_bins.hpp"
#include "io/csv.hpp"

namespace tackboard {

namespace {

std::string Number(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}
std::string Hours(Millis ms) { return Number(static_cast<double>(ms) / 3'600'000.0, 2); }
std::string Count(std::size_t n) { return std::to_string(n); }

std::string Share(std::size_t part, std::size_t whole) {
    return whole ? Number(static_cast<double>(part) / static_cast<double>(whole), 4) : std::string();
}

}  // namespace

std::string VolumeCsv(const Report& report) {
    std::string out;
    AppendCsvRow(out, {"date", "created", "resolved", "first_response_median_h", "resolution_median_h", "rated",
                       "satisfaction_mean"});
    for (const VolumePoint& p : report.volume)
        AppendCsvRow(out, {FormatIsoDate(p.start), Count(p.created), Count(p.resolved), Hours(p.first_response_median),
                           Hours(p.resolution_median), Count(p.rated), Number(p.satisfaction_mean, 2)});
    return out;
}

std::string FlowCsv(const FlowReport& flow) {
    std::string out;
    std::vector<std::string> header{"date"};
    for (const std::string& s : flow.statuses) header.push_back(s);
    header.push_back("wip");
    AppendCsvRow(out, header);
    for (std::size_t i = 0; i < flow.at.size(); ++i) {
        std::vector<std::string> row{FormatIsoDate(flow.at[i] - 1)};  // the bucket's last day
        for (std::size_t n : flow.counts[i]) row.push_back(Count(n));
        row.push_back(Count(flow.wip[i]));
        AppendCsvRow(out, row);
    }
    return out;
}

std::string PeopleCsv(const std::vector<PersonReport>& people) {
    std::string out;
    AppendCsvRow(out, {"member", "handled", "resolved", "resolution_median_h"});
    for (const PersonReport& p : people)
        AppendCsvRow(out, {p.member, Count(p.handled), Count(p.resolved), Hours(p.resolution.median)});
    return out;
}

std::string SummaryCsv(const Report& report) {
    std::string out;
    AppendCsvRow(out, {"what", "value"});
    auto row = [&](const char* what, std::string value) { AppendCsvRow(out, {what, std::move(value)}); };
    row("created", Count(report.created));
    row("resolved", Count(report.resolved));
    row("reopened", Count(report.reopened));
    row("resolution_rate", Number(report.resolution_rate, 4));
    row("reopened_rate", Number(report.reopened_rate, 4));
    row("first_response_median_h", Hours(report.first_response.median));
    row("first_response_p90_h", Hours(report.first_response.p90));
    row("first_response_mean_h", Hours(report.first_response.mean));
    row("resolution_median_h", Hours(report.resolution.median));
    row("resolution_p90_h", Hours(report.resolution.p90));
    row("resolution_mean_h", Hours(report.resolution.mean));
    row("rated", Count(report.rated));
    row("satisfaction_mean", Number(report.satisfaction_mean, 2));
    for (int score = 1; score <= 5; ++score)
        AppendCsvRow(out, {"scored_" + std::to_string(score), Count(report.satisfaction[static_cast<std::size_t>(score - 1)])});
    return out;
}

std::string SummaryCsv(const Dashboard& dashboard) {
    std::string out = SummaryCsv(dashboard.report);
    const SlaCompliance& sla = dashboard.sla;
    if (sla.responses + sla.resolutions == 0) return out;
    AppendCsvRow(out, {"sla_first_responses", Count(sla.responses)});
    AppendCsvRow(out, {"sla_first_responses_met", Count(sla.responses_met)});
    AppendCsvRow(out, {"sla_first_response_compliance", Share(sla.responses_met, sla.responses)});
    AppendCsvRow(out, {"sla_resolutions", Count(sla.resolutions)});
    AppendCsvRow(out, {"sla_resolutions_met", Count(sla.resolutions_met)});
    AppendCsvRow(out, {"sla_resolution_compliance", Share(sla.resolutions_met, sla.resolutions)});
    return out;
}

std::string DurationsCsv(const FlowReport& flow) {
    const DurationBins lead = BinDurations(flow.lead_times), cycle = BinDurations(flow.cycle_times);
    std::string out;
    AppendCsvRow(out, {"bin_from_h", "bin_to_h", "lead_time", "cycle_time"});
    for (std::size_t i = 0; i < kDurationBinCount; ++i)
        AppendCsvRow(out, {Hours(kDurationBinFrom[i]), i + 1 < kDurationBinCount ? Hours(kDurationBinFrom[i + 1]) : "",
                           Count(lead.counts[i]), Count(cycle.counts[i])});
    return out;
}

std::string BacklogCsv(const BacklogAges& ages) {
    std::string out;
    AppendCsvRow(out, {"age_from_days", "age_to_days", "open"});
    auto days = [](Millis ms) { return Number(static_cast<double>(ms) / static_cast<double>(kReportDay), 0); };
    for (std::size_t i = 0; i < ages.size(); ++i)
        AppendCsvRow(out, {i ? days(kBacklogAgeBounds[i - 1]) : "0", i < std::size(kBacklogAgeBounds) ? days(kBacklogAgeBounds[i]) : "",
                           Count(ages[i])});
    return out;
}

std::string BreakdownCsv(const Breakdown& breakdown) {
    std::string out;
    AppendCsvRow(out, {"dimension", "value", "created"});
    for (const auto& [dimension, counts] : {std::pair{"type", &breakdown.by_type}, std::pair{"priority", &breakdown.by_priority},
                                            std::pair{"label", &breakdown.by_label}, std::pair{"requester", &breakdown.by_requester}})
        for (const auto& [value, n] : *counts) AppendCsvRow(out, {dimension, value, Count(n)});
    return out;
}

std::string SatisfactionCsv(const Report& report) {
    std::string out;
    AppendCsvRow(out, {"score", "count"});
    for (std::size_t i = 0; i < report.satisfaction.size(); ++i) AppendCsvRow(out, {Count(i + 1), Count(report.satisfaction[i])});
    return out;
}

std::string SatisfactionCommentsCsv(const Report& report) {
    std::string out;
    AppendCsvRow(out, {"ticket", "date", "score", "comment"});
    for (const SatisfactionComment& c : report.comments)
        AppendCsvRow(out, {c.ticket_id, FormatIsoDate(c.at), std::to_string(c.score), c.text});
    return out;
}

}  // namespace tackboard
