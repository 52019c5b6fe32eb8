// The dashboard gathers every report section for one period (dashboard.hpp).
#include <doctest/doctest.h>

#include "core/dashboard.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

constexpr Millis kDay = 86'400'000;
constexpr Millis kNov2 = 1'793'577'600'000;  // Monday 2 November 2026, 00:00 UTC

}  // namespace

TEST_CASE("an empty board's dashboard lists every bucket of the period, all empty") {
    Board board(DefaultConfig());
    const Dashboard d = ComputeDashboard(board, {}, {kNov2, kNov2 + 7 * kDay}, Bucket::Day, nullptr, kNov2 + 7 * kDay);
    CHECK(d.report.volume.size() == 7);
    CHECK(d.flow.at.size() == 7);
    CHECK(d.report.created == 0);
    CHECK(d.sla.responses == 0);
    CHECK(d.people.size() == board.config().members.size());
}
