// fuzz_driver.cpp — runs a libFuzzer target without libFuzzer, so ctest can smoke-test
// every fuzz target with any compiler.
//
// Usage: <target>_smoke [corpus_dir|-] [mutations=20000]
//
// Feeds LLVMFuzzerTestOneInput every file of the corpus directory (sorted, so runs are
// repeatable), then `mutations` inputs derived from the corpus files and a small built-in
// set of generic text seeds by a fixed-seed xorshift generator: byte flips and
// overwrites, inserted structural characters, copied or erased ranges, truncations and
// splices of two inputs. It is not coverage guided: it catches regressions cheaply, the
// real libFuzzer build (README.md) searches. Nothing here knows the target's format, so
// every target links this same file and brings its own corpus directory.
//
// When the target aborts or crashes, the input is written to fuzz-driver-crash.bin in the
// working directory, to replay with the libFuzzer build or with this driver.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

constexpr std::size_t kMaxInput = 8192;  // keeps each run short; lengths beyond add little

// Shapes most text formats share: separators, quotes, brackets, line ends, UTF-8.
const char* const kGenericSeeds[] = {
    "",
    "a",
    "a,b\r\n1,2\r\n",
    "x;y\n\"1\n2\";3\n",
    "\"q\"\"x\",\"\"\r\n",
    "{\"k\": [1, 2.5, \"v\"], \"n\": null}",
    "key = value\n# comment\n[section]\n",
    "\xEF\xBB\xBF" "caf\xC3\xA9 \xE4\xB8\xAD\t\\\"",
};
constexpr char kInsertable[] = {'"', ',', ';', '\r', '\n', ' ', '\t', '\\', '{', '}', '[', ']', ':', '=', '#', '\0'};

struct XorShift {
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    std::uint64_t Next() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }
    std::size_t Below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(Next() % n); }
};

// The input being run, for the crash handler to save.
const std::string* g_current = nullptr;

void SaveInputAndDie(int signal) {
    if (g_current) {
        int fd = ::open("fuzz-driver-crash.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            ssize_t ignored = ::write(fd, g_current->data(), g_current->size());
            (void)ignored;
            ::close(fd);
        }
        const char note[] = "fuzz_driver: input saved to fuzz-driver-crash.bin\n";
        ssize_t ignored = ::write(2, note, sizeof note - 1);
        (void)ignored;
    }
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

void Run(const std::string& input) {
    g_current = &input;
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
    g_current = nullptr;
}

void Mutate(std::string& s, const std::vector<std::string>& seeds, XorShift& rng) {
    switch (rng.Below(7)) {
    case 0:  // flip one bit
        if (!s.empty()) s[rng.Below(s.size())] ^= static_cast<char>(1u << rng.Below(8));
        break;
    case 1:  // overwrite one byte
        if (!s.empty()) s[rng.Below(s.size())] = static_cast<char>(rng.Next());
        break;
    case 2:  // insert structural characters, sometimes a run of them
        for (std::size_t n = 1 + rng.Below(3); n > 0; --n)
            s.insert(s.begin() + static_cast<std::ptrdiff_t>(rng.Below(s.size() + 1)),
                     kInsertable[rng.Below(sizeof kInsertable)]);
        break;
    case 3:  // truncate
        s.resize(rng.Below(s.size() + 1));
        break;
    case 4: {  // splice: a prefix of this input, a suffix of another
        const std::string& other = seeds[rng.Below(seeds.size())];
        std::size_t cut = rng.Below(s.size() + 1), from = rng.Below(other.size() + 1);
        s = s.substr(0, cut) + other.substr(from);
        break;
    }
    case 5: {  // copy a range elsewhere (grows rows, fields, nesting)
        if (s.empty()) break;
        std::size_t start = rng.Below(s.size()), length = 1 + rng.Below(std::min<std::size_t>(s.size() - start, 64));
        std::string chunk = s.substr(start, length);
        s.insert(rng.Below(s.size() + 1), chunk);
        break;
    }
    default: {  // erase a range
        if (s.empty()) break;
        std::size_t start = rng.Below(s.size());
        s.erase(start, 1 + rng.Below(std::min<std::size_t>(s.size() - start, 16)));
        break;
    }
    }
    if (s.size() > kMaxInput) s.resize(kMaxInput);
}

bool ReadCorpus(const std::string& dir, std::vector<std::string>& out) {
    std::error_code error;
    std::vector<std::filesystem::path> files;
    for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end; it.increment(error))
        if (it->is_regular_file(error)) files.push_back(it->path());
    if (error) {
        std::fprintf(stderr, "fuzz_driver: cannot read corpus directory %s: %s\n", dir.c_str(),
                     error.message().c_str());
        return false;
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGABRT, SaveInputAndDie);
    std::signal(SIGSEGV, SaveInputAndDie);
    std::signal(SIGFPE, SaveInputAndDie);
    std::signal(SIGILL, SaveInputAndDie);

    std::vector<std::string> seeds;
    // A missing directory is an error rather than a quiet run without the corpus; "-" means none.
    if (argc > 1 && std::string_view(argv[1]) != "-" && !ReadCorpus(argv[1], seeds)) return 2;
    const std::size_t corpus_files = seeds.size();
    long mutations = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 20000;
    for (const char* seed : kGenericSeeds) seeds.emplace_back(seed);

    auto started = std::chrono::steady_clock::now();
    for (const std::string& seed : seeds) Run(seed);

    XorShift rng;
    std::string input;
    for (long i = 0; i < mutations; ++i) {
        // Half the time keep mutating the previous input, so changes stack up.
        if (i % 16 == 0 || rng.Below(2) == 0) input = seeds[rng.Below(seeds.size())];
        for (std::size_t n = 1 + rng.Below(4); n > 0; --n) Mutate(input, seeds, rng);
        Run(input);
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("fuzz_driver: %zu corpus files, %zu built-in seeds, %ld mutations, %.2f s, no failure\n",
                corpus_files, std::size(kGenericSeeds), mutations, seconds);
    return 0;
}
