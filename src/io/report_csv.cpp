#include "io/report_csv.hpp"

#include <cstdio>

#include "core/dates.hpp"
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

}  // namespace tackboard
