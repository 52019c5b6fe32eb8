// The dashboard's other CSVs (report_csv.hpp): built from hand-made figures, read back.
#include <doctest/doctest.h>

#include "core/duration_bins.hpp"
#include "io/csv.hpp"
#include "io/report_csv.hpp"
#include "io/report_json.hpp"

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

    r.comments = {{"t9", 1'793'577'600'000, 2, "Slow,\nbut \"fine\""}};
    auto comments = Rows(SatisfactionCommentsCsv(r), {"ticket", "date", "score", "comment"});
    REQUIRE(comments.size() == 1);
    CHECK(comments[0] == std::vector<std::string>{"t9", "2026-11-02", "2", "Slow,\nbut \"fine\""});
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

TEST_CASE("the dashboard as JSON for the JS API") {
    Dashboard d;
    d.period = {1'793'577'600'000, 1'793'577'600'000 + 7 * kDay};  // Mon 2 – Sun 8 November 2026
    d.bucket = Bucket::Week;
    d.report.created = 3;
    d.report.resolution = {2, 5 * kHour, 9 * kHour, 6 * kHour};
    d.report.volume = {{1'793'577'600'000, 3, 2, kHour, 5 * kHour, 1, 4.0}};
    d.flow.statuses = {"new", "done"};
    d.flow.at = {d.period.to};
    d.flow.counts = {{1, 2}};
    d.flow.wip = {0};
    d.flow.lead_times = {2 * kDay};
    d.backlog = {1, 0, 0, 0, 0};
    d.people = {{"ana", 2, 1, {1, kHour, kHour, kHour}}};
    d.breakdown.by_type = {{"incident", 3}};
    const nlohmann::json j = DashboardToJson(d);
    CHECK(j["period"]["from"] == "2026-11-02");
    CHECK(j["period"]["to"] == "2026-11-08");
    CHECK(j["bucket"] == "week");
    CHECK(j["created"] == 3);
    CHECK(j["resolution"]["p90Ms"] == 9 * kHour);
    CHECK(j["volume"][0]["date"] == "2026-11-02");
    CHECK(j["volume"][0]["resolutionMedianMs"] == 5 * kHour);
    CHECK(j["flow"]["dates"][0] == "2026-11-08");
    CHECK(j["flow"]["counts"][0][1] == 2);
    CHECK(j["flow"]["leadTimeBins"][3] == 1);
    CHECK(j["people"][0]["member"] == "ana");
    CHECK(j["breakdown"]["type"][0][0] == "incident");
    CHECK(j["satisfaction"]["counts"].size() == 5);
}
