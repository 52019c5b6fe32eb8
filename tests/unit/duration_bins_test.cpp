// Bin edges: each bound belongs to the bin it starts.
#include <doctest/doctest.h>

#include "core/duration_bins.hpp"

using namespace tackboard;

TEST_CASE("durations fall in the bin whose lower bound they reach") {
    constexpr Millis kHour = 3'600'000, kDay = 24 * kHour;
    const DurationBins bins = BinDurations({-5, 0, kHour - 1, kHour, 4 * kHour, kDay - 1, kDay, 3 * kDay, 7 * kDay,
                                            14 * kDay - 1, 14 * kDay, 28 * kDay, 400 * kDay});
    CHECK(bins.counts == std::array<std::size_t, kDurationBinCount>{3, 1, 2, 1, 1, 2, 1, 2});
}

TEST_CASE("no durations, no counts") {
    CHECK(BinDurations({}).counts == std::array<std::size_t, kDurationBinCount>{});
}
