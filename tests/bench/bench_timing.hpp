// bench_timing.hpp — timing a piece of work a few times and printing p50 / p90 / max in
// milliseconds, one labelled line each (bench_rules, bench_reports).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace tackboard::bench {

using Clock = std::chrono::steady_clock;

inline double Ms(Clock::time_point since) {
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

inline void Print(const std::string& what, std::vector<double> samples, const std::string& note = "") {
    std::sort(samples.begin(), samples.end());
    auto at = [&](double q) { return samples[std::min(samples.size() - 1, static_cast<std::size_t>(q * samples.size()))]; };
    std::printf("%-58s %9.3f %9.3f %9.3f ms  (%zu runs)%s%s\n", what.c_str(), at(0.5), at(0.9), samples.back(),
                samples.size(), note.empty() ? "" : "  ", note.c_str());
}

template <class F>
std::vector<double> Time(int runs, F&& f) {
    std::vector<double> samples;
    for (int i = 0; i < runs; ++i) {
        auto start = Clock::now();
        f();
        samples.push_back(Ms(start));
    }
    return samples;
}

}  // namespace tackboard::bench
