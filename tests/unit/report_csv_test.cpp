// The dashboard's other CSVs (report_csv.hpp): built from hand-made figures, read back.
#include <doctest/doctest.h>

#include "core/duration_bins.hpp"
#include "io/csv.hpp"
#include "io/report_csv.hpp"

using namespace tackboard;

namespace {

constexpr Millis kHour = 3'600'000, kDay = 24 * kHour;

std::vector<std::vector<std::string>> Rows(const std::string& csv, const std::vector<std::string>& header) {
    auto table = ParseCsv(csv);
    REQUIRE(table.ok());
    CHECK(table.value().header == header);
    return table.value().rows;
}

}  // namespace

TEST_CASE("lead and cycle times are listed per duration bin") {
    FlowReport flow;
    flow.lead_times = {30 * 60'000, 2 * kHour, 2 * kDay, 40 * kDay};
    flow.cycle_times = {10 * 60'000, 20 * 60'000};
    auto rows = Rows(DurationsCsv(flow), {"bin_from_h", "bin_to_h", "lead_time", "cycle_time"});
    REQUIRE(rows.size() == kDurationBinCount);
    CHECK(rows[0] == std::vector<std::string>{"0.00", "1.00", "1", "2"});
    CHECK(rows[1] == std::vector<std::string>{"1.00", "4.00", "1", "0"});
    CHECK(rows[3] == std::vector<std::string>{"24.00", "72.00", "1", "0"});
    CHECK(rows[7] == std::vector<std::string>{"672.00", "", "1", "0"});
}

TEST_CASE("backlog ages, breakdown and satisfaction as CSV") {
    auto backlog = Rows(BacklogCsv(BacklogAges{4, 0, 2, 1, 3}), {"age_from_days", "age_to_days", "open"});
    REQUIRE(backlog.size() == 5);
    CHECK(backlog[0] == std::vector<std::string>{"0", "1", "4"});
    CHECK(backlog[2] == std::vector<std::string>{"3", "7", "2"});
    CHECK(backlog[4] == std::vector<std::string>{"28", "", "3"});

    Breakdown b;
    b.by_type = {{"incident", 3}, {"question", 1}};
    b.by_label = {{"vpn, \"remote\"", 2}};
    b.by_requester = {{"", 4}};
    auto breakdown = Rows(BreakdownCsv(b), {"dimension", "value", "created"});
    REQUIRE(breakdown.size() == 4);
    CHECK(breakdown[0] == std::vector<std::string>{"type", "incident", "3"});
    CHECK(breakdown[2] == std::vector<std::string>{"label", "vpn, \"remote\"", "2"});  // quoted and read back
    CHECK(breakdown[3] == std::vector<std::string>{"requester", "", "4"});

    Report r;
    r.satisfaction = {0, 1, 0, 2, 5};
    auto scores = Rows(SatisfactionCsv(r), {"score", "count"});
    REQUIRE(scores.size() == 5);
    CHECK(scores[4] == std::vector<std::string>{"5", "5"});
    CHECK(scores[1] == std::vector<std::string>{"2", "1"});
}

TEST_CASE("the dashboard's summary adds SLA compliance when there is any") {
    Dashboard d;
    d.report.created = 7;
    auto without = Rows(SummaryCsv(d), {"what", "value"});
    for (const auto& row : without) CHECK(row[0].rfind("sla_", 0) == std::string::npos);
    d.sla = {4, 3, 2, 0};
    auto with = Rows(SummaryCsv(d), {"what", "value"});
    auto value = [&](const char* what) {
        for (const auto& row : with)
            if (row[0] == what) return row[1];
        return std::string("missing");
    };
    CHECK(value("created") == "7");
    CHECK(value("sla_first_responses") == "4");
    CHECK(value("sla_first_response_compliance") == "0.7500");
    CHECK(value("sla_resolution_compliance") == "0.0000");
}
