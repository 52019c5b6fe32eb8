// bench_snapshot.cpp — prints binary snapshot figures beside JSON for a generated board
// (not a test: nothing is asserted except that what was written reads back).
// Run: bench_snapshot [tickets ...]   (default 10000 100000)
//
// For each size: encode ms and bytes, decode ms, and BoardFromJsonText on the same board
// in the same run, so the ratio holds on whatever machine runs it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "board_gen.hpp"
#include "core/ticket_json.hpp"
#include "storage/snapshot.hpp"

using namespace tackboard;

namespace {

double Ms(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

// Best of a few runs: the figure of interest is the cost of the code, not of a cold cache.
// What `work` returns is destroyed after the clock stops: freeing a board is not loading it.
template <class Work>
double BestMs(int runs, Work work) {
    double best = 1e300;
    for (int i = 0; i < runs; ++i) {
        auto start = std::chrono::steady_clock::now();
        auto result = work();
        best = std::min(best, Ms(start));
    }
    return best;
}

void Run(std::size_t count) {
    std::printf("\n== %zu tickets ==\n", count);
    Board board = GenerateBoard({count});
    const int runs = count > 50000 ? 3 : 5;

    std::string bytes;
    double encode_ms = BestMs(runs, [&] {
        bytes = EncodeSnapshot(board, 42);
        return bytes.size();
    });
    std::printf("%-36s %10.1f ms  (%.1f MB, %.0f bytes/ticket)\n", "snapshot encode", encode_ms, bytes.size() / 1e6,
                static_cast<double>(bytes.size()) / count);

    double decode_ms = BestMs(runs, [&] {
        auto decoded = DecodeSnapshot(bytes);
        if (!decoded || decoded.value().board.tickets().size() != count) {
            std::printf("snapshot decode failed: %s\n", decoded ? "wrong count" : decoded.error().Describe().c_str());
            std::exit(1);
        }
        return decoded;
    });
    std::printf("%-36s %10.1f ms  (%.0f MB/s)\n", "snapshot decode", decode_ms, bytes.size() / 1e3 / decode_ms);

    double header_ms = BestMs(runs, [&] { return SnapshotJournalSegment(bytes); });
    std::printf("%-36s %10.1f ms  (header + CRC-32 only)\n", "snapshot check", header_ms);

    std::string text = BoardToJsonText(board);
    double json_ms = BestMs(1, [&] {
        auto loaded = BoardFromJsonText(text);
        if (!loaded) {
            std::printf("JSON load failed: %s\n", loaded.error().Describe().c_str());
            std::exit(1);
        }
        return loaded;
    });
    std::printf("%-36s %10.1f ms  (%.1f MB)\n", "JSON load (BoardFromJsonText)", json_ms, text.size() / 1e6);
    std::printf("%-36s %10.1fx faster, %.2fx the size\n", "snapshot vs JSON", json_ms / decode_ms,
                static_cast<double>(bytes.size()) / text.size());
}

}  // namespace

int main(int argc, char** argv) {
    for (std::size_t n : BenchSizes(argc, argv)) Run(n);
    return 0;
}
