// bench_import.cpp — prints how long importing takes, phase by phase, for a generated
// board exported as CSV and as Tackboard JSON (not a test: nothing is asserted except
// that every ticket arrives).
// Run: bench_import [tickets ...]   (default 10000 100000)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "app/app.hpp"
#include "board_gen.hpp"
#include "core/ticket_json.hpp"
#include "io/csv.hpp"
#include "io/import.hpp"

using namespace tackboard;

namespace {

double Ms(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

void Measure(const char* what, const std::string& file, std::size_t count) {
    auto dir = std::filesystem::temp_directory_path() / ("tackboard-bench-import-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    Millis clock = 1'800'000'000'000;
    unsigned char entropy = 0;
    App app(dir.string(), {[&] { return ++clock; },
                           [&] {
                               RandomBytes r;
                               r.fill(++entropy);
                               return r;
                           },
                           nullptr});
    auto start = std::chrono::steady_clock::now();
    auto plan = app.PlanImport(file);
    double plan_ms = Ms(start);
    if (!plan || plan.value().tickets != count) {
        std::printf("%s: planning failed: %s\n", what, plan ? "wrong count" : plan.error().Describe().c_str());
        std::exit(1);
    }
    start = std::chrono::steady_clock::now();
    auto done = app.Import(plan.value());
    double apply_ms = Ms(start);
    if (!done || app.board().tickets().size() != count) {
        std::printf("%s: import failed: %s\n", what, done ? "wrong count" : done.error().Describe().c_str());
        std::exit(1);
    }
    std::printf("%-28s %6.1f MB  plan (preview) %8.1f ms   apply + snapshot %8.1f ms\n", what, file.size() / 1e6,
                plan_ms, apply_ms);
    std::filesystem::remove_all(dir);
}

}  // namespace

int main(int argc, char** argv) {
    for (std::size_t count : BenchSizes(argc, argv)) {
        std::printf("\n== %zu tickets ==\n", count);
        Board board = GenerateBoard({count});
        auto start = std::chrono::steady_clock::now();
        std::string csv = BoardToCsv(board);
        std::printf("%-28s %6.1f MB  %8.1f ms\n", "CSV export", csv.size() / 1e6, Ms(start));
        start = std::chrono::steady_clock::now();
        auto table = ParseCsv(csv);
        std::printf("%-28s %17.1f ms\n", "CSV parse only", Ms(start));
        Measure("CSV import", csv, count);
        Measure("Tackboard JSON import", BoardToJsonText(board), count);
    }
    return 0;
}
