// bench_core.cpp — prints core figures for a generated board (not a test: nothing is
// asserted). Run through `make bench`, or: bench_core [tickets ...]
//
// For each size: save to JSON, load from JSON, search index build, latency of typical
// queries (p50/p99), one edit applied with its index update, and peak memory.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "board_gen.hpp"
#include "core/change.hpp"
#include "core/query.hpp"
#include "core/search_index.hpp"
#include "core/ticket_json.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

double Ms(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

long StatusKb(const char* field) {  // VmHWM: peak resident memory, VmRSS: current
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::strlen(field));
    return -1;
}

struct Percentiles {
    double p50, p99, mean;
};
Percentiles Summarise(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    double sum = 0;
    for (double s : samples) sum += s;
    auto at = [&](double q) { return samples[std::min(samples.size() - 1, static_cast<std::size_t>(q * samples.size()))]; };
    return {at(0.50), at(0.99), sum / samples.size()};
}

void Run(std::size_t count) {
    std::printf("\n== %zu tickets ==\n", count);
    auto start = std::chrono::steady_clock::now();
    std::string text;
    {
        Board generated = GenerateBoard({count});
        std::printf("%-44s %10.1f ms\n", "generate", Ms(start));
        start = std::chrono::steady_clock::now();
        text = BoardToJsonText(generated);
        std::printf("%-44s %10.1f ms  (%.1f MB)\n", "save to JSON (BoardToJsonText)", Ms(start), text.size() / 1e6);
    }

    start = std::chrono::steady_clock::now();
    auto loaded = BoardFromJsonText(text);
    double load_ms = Ms(start);
    if (!loaded) {
        std::printf("load failed: %s\n", loaded.error().Describe().c_str());
        std::exit(1);
    }
    text.clear();
    text.shrink_to_fit();
    std::printf("%-44s %10.1f ms\n", "load from JSON (BoardFromJsonText)", load_ms);
    Board& board = loaded.value();

    start = std::chrono::steady_clock::now();
    SearchIndex index;
    index.Build(board.tickets());
    std::printf("%-44s %10.1f ms  (%.1f MB)\n", "search index build", Ms(start), index.MemoryBytes() / 1048576.0);

    // Typical filter-bar queries; each run 30 times.
    const char* const queries[] = {
        "status:open assignee:me prio:>=high", "assignee:ana status:open sort:-updated", "is:unassigned status:open",
        "printer", "imprimante réseau", "göteborg", "服务器", "label:billing -label:vip", "due:<3d is:open sort:due",
        "is:breached sort:priority"};
    QueryContext context{"ana", 1795392000000LL};
    for (const char* text : queries) {
        auto query = ParseQuery(text);
        if (!query) {
            std::printf("query failed: %s\n", query.error().message.c_str());
            std::exit(1);
        }
        std::vector<double> samples;
        std::size_t hits = 0;
        for (int i = 0; i < 30; ++i) {
            auto query_start = std::chrono::steady_clock::now();
            hits = RunQuery(query.value(), board, index, context).size();
            samples.push_back(Ms(query_start));
        }
        Percentiles q = Summarise(samples);
        std::printf("  query %-36s %10.2f ms  (p99 %.2f ms, %zu hits)\n", text, q.p50, q.p99, hits);
    }

    // One edit at a time, as a user makes them: title changes on random tickets, each
    // applied and then re-indexed.
    std::mt19937 rng(3);
    std::vector<double> edits;
    for (int i = 0; i < 2000; ++i) {
        const Ticket& t = board.tickets()[rng() % board.tickets().size()];
        json change = {{"op", "update"}, {"at", 1795392000000LL + i}, {"by", "bench"}, {"id", t.id},
                       {"set", {{"title", "edited title " + std::to_string(i)}}}};
        auto edit_start = std::chrono::steady_clock::now();
        auto applied = ApplyChange(board, change);
        long doc = board.IndexOf(t.id);
        index.Update(static_cast<std::uint32_t>(doc), board.tickets()[doc]);
        edits.push_back(Ms(edit_start));
        if (!applied) {
            std::printf("edit failed: %s\n", applied.error().Describe().c_str());
            std::exit(1);
        }
    }
    Percentiles e = Summarise(edits);
    std::printf("%-44s %10.4f ms  (p50 %.4f, p99 %.4f ms)\n", "single edit: apply + index update (mean)", e.mean,
                e.p50, e.p99);
    std::printf("%-44s %10.1f MB\n", "resident memory: board + index (VmRSS)", StatusKb("VmRSS:") / 1024.0);
    std::printf("%-44s %10.1f MB\n", "peak memory incl. save/load buffers (VmHWM)", StatusKb("VmHWM:") / 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
    for (std::size_t n : BenchSizes(argc, argv)) Run(n);
    return 0;
}
