// duration_bins.hpp — durations (lead times, cycle times) counted in bins that suit a
// helpdesk: under an hour, 1–4 h, 4–24 h, 1–3 days, 3–7 days, 1–2 weeks, 2–4 weeks, four
// weeks and more. The chart draws them and the CSV lists them from the same bins.
//
//   DurationBins bins = BinDurations(flow.lead_times);   // bins.counts[2]: 4 h ≤ d < 24 h
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "core/board.hpp"

namespace tackboard {

inline constexpr std::size_t kDurationBinCount = 8;
// Each bin's lower bound, in milliseconds; the last bin has no upper bound.
inline constexpr Millis kBinHour = 3'600'000, kBinDay = 24 * kBinHour;
inline constexpr std::array<Millis, kDurationBinCount> kDurationBinFrom = {
    0, kBinHour, 4 * kBinHour, kBinDay, 3 * kBinDay, 7 * kBinDay, 14 * kBinDay, 28 * kBinDay};

struct DurationBins {
    std::array<std::size_t, kDurationBinCount> counts{};
};

// Negative durations count in the first bin.
DurationBins BinDurations(const std::vector<Millis>& durations);

}  // namespace tackboard
