#include "core/duration_bins.hpp"

#include <algorithm>

namespace tackboard {

DurationBins BinDurations(const std::vector<Millis>& durations) {
    DurationBins out;
    for (Millis d : durations) {
        // The last bin whose lower bound d reaches.
        auto after = std::upper_bound(kDurationBinFrom.begin(), kDurationBinFrom.end(), d);
        const std::size_t bin = after == kDurationBinFrom.begin() ? 0 : static_cast<std::size_t>(after - kDurationBinFrom.begin()) - 1;
        ++out.counts[bin];
    }
    return out;
}

}  // namespace tackboard
