// board_gen.hpp — a realistic synthetic board for benchmarks and the demo: a support
// team's tickets of every type, in English, French, Swedish and Chinese, with comments,
// history, labels, links-free. Deterministic for a given seed.
#pragma once

#include <cstdint>
#include <vector>

#include "core/board.hpp"

namespace tackboard {

struct GeneratedBoardOptions {
    std::size_t tickets = 10000;
    std::uint32_t seed = 7;
    Millis now = 1795392000000LL;  // 2026-11-23
};

Board GenerateBoard(const GeneratedBoardOptions& options);

// Board sizes for a benchmark: the numbers given on its command line, else 10k and 100k.
std::vector<std::size_t> BenchSizes(int argc, char** argv);

}  // namespace tackboard
