#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "storage/crc32.hpp"
#include "storage/journal.hpp"
#include "temp_dir.hpp"

using namespace tackboard;
using nlohmann::json;


TEST_CASE("crc32 matches the standard check value") {
    CHECK(Crc32("123456789") == 0xCBF43926u);
    CHECK(Crc32("") == 0u);
    // Every length around the 8-byte steps agrees with the plain bytewise definition.
    std::string text = "The quick brown fox jumps over the lazy dog, vite, snabbt, 很快";
    for (std::size_t n = 0; n <= text.size(); ++n) {
        std::uint32_t c = 0xFFFFFFFFu;
        for (std::size_t i = 0; i < n; ++i) {
            c ^= static_cast<unsigned char>(text[i]);
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        CHECK(Crc32(std::string_view(text).substr(0, n)) == (c ^ 0xFFFFFFFFu));
    }
}

TEST_CASE("journal lines round-trip and reject damage") {
    json change = {{"op", "update"}, {"id", "x"}, {"set", {{"title", "Ça marche — 好"}}}};
    std::string line = Journal::EncodeLine(change);
    auto back = Journal::DecodeLine(line);
    REQUIRE(back.ok());
    CHECK(back.value() == change);

    std::string flipped = line;
    flipped[20] ^= 1;
    CHECK(Journal::DecodeLine(flipped).error().message == "checksum does not match");
    CHECK_FALSE(Journal::DecodeLine("").ok());
    CHECK_FALSE(Journal::DecodeLine("zzzzzzzz {}").ok());
    std::string not_json = "x";
    char crc[9];
    std::snprintf(crc, sizeof crc, "%08x", Crc32(not_json));
    CHECK(Journal::DecodeLine(std::string(crc) + " " + not_json).error().message == "not valid JSON");
}

TEST_CASE("what is appended is read back after reopening, in order") {
    TempDir dir;
    std::string path = dir.str() + "/nested/tackboard";
    {
        Journal::Loaded loaded;
        auto journal = Journal::Open(path, loaded);
        REQUIRE(journal.ok());
        CHECK(loaded.changes.empty());
        for (int i = 0; i < 5; ++i) REQUIRE(journal.value().Append(json{{"n", i}}).ok());
    }
    Journal::Loaded loaded;
    REQUIRE(Journal::Open(path, loaded).ok());
    REQUIRE(loaded.changes.size() == 5);
    for (int i = 0; i < 5; ++i) CHECK(loaded.changes[i]["n"] == i);
    CHECK(loaded.problems.empty());
}

TEST_CASE("segments roll over so each file stays near 64 KiB") {
    TempDir dir;
    Journal::Loaded loaded;
    auto journal = Journal::Open(dir.str(), loaded);
    REQUIRE(journal.ok());
    json big = {{"pad", std::string(1000, 'x')}};
    for (int i = 0; i < 200; ++i) REQUIRE(journal.value().Append(big).ok());  // ~200 KB
    CHECK(journal.value().current_segment() >= 3);
    for (const auto& entry : std::filesystem::directory_iterator(dir.path))
        CHECK(std::filesystem::file_size(entry) < Journal::kSegmentBytes + 2000);
    Journal::Loaded again;
    REQUIRE(Journal::Open(dir.str(), again).ok());
    CHECK(again.changes.size() == 200);
}

TEST_CASE("a torn last line is dropped and reported; later appends go to a fresh segment") {
    TempDir dir;
    {
        Journal::Loaded loaded;
        auto journal = Journal::Open(dir.str(), loaded);
        REQUIRE(journal.value().Append(json{{"n", 1}}).ok());
        REQUIRE(journal.value().Append(json{{"n", 2}}).ok());
    }
    auto segment = dir.path / "journal-000001.ndjson";
    std::string data = ReadAll(segment);
    WriteAll(segment, data.substr(0, data.size() - 5));  // cut the last line short

    Journal::Loaded loaded;
    auto journal = Journal::Open(dir.str(), loaded);
    REQUIRE(journal.ok());
    REQUIRE(loaded.changes.size() == 1);
    CHECK(loaded.changes[0]["n"] == 1);
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].find("incomplete") != std::string::npos);

    REQUIRE(journal.value().Append(json{{"n", 3}}).ok());
    Journal::Loaded again;
    REQUIRE(Journal::Open(dir.str(), again).ok());
    REQUIRE(again.changes.size() == 2);
    CHECK(again.changes[1]["n"] == 3);
}

TEST_CASE("a corrupt line in the middle is skipped and reported, the rest still loads") {
    TempDir dir;
    {
        Journal::Loaded loaded;
        auto journal = Journal::Open(dir.str(), loaded);
        for (int i = 0; i < 3; ++i) REQUIRE(journal.value().Append(json{{"n", i}}).ok());
    }
    auto segment = dir.path / "journal-000001.ndjson";
    std::string data = ReadAll(segment);
    auto second = data.find('\n') + 12;
    data[second] = data[second] == '1' ? '2' : '1';
    WriteAll(segment, data);
    WriteAll(dir.path / "journal-000001.ndjson.tmp", "ignored");  // not a segment name

    Journal::Loaded loaded;
    REQUIRE(Journal::Open(dir.str(), loaded).ok());
    REQUIRE(loaded.changes.size() == 2);
    CHECK(loaded.changes[0]["n"] == 0);
    CHECK(loaded.changes[1]["n"] == 2);
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].find("line 2") != std::string::npos);
}

TEST_CASE("an unusable folder is an error, not a crash") {
    TempDir dir;
    WriteAll(dir.path / "file", "x");
    Journal::Loaded loaded;
    auto journal = Journal::Open((dir.path / "file" / "sub").string(), loaded);
    CHECK_FALSE(journal.ok());
}

TEST_CASE("every append moves the segment's modification time forward, even within one millisecond") {
    // IDBFS saves a file only when its millisecond mtime changed (see Journal::Append).
    TempDir dir;
    Journal::Loaded loaded;
    auto journal = Journal::Open(dir.str(), loaded);
    REQUIRE(journal.ok());
    auto mtime_ms = [&] {
        struct stat info {};
        REQUIRE(stat((dir.path / "journal-000001.ndjson").c_str(), &info) == 0);
        return static_cast<long long>(info.st_mtim.tv_sec) * 1000 + info.st_mtim.tv_nsec / 1000000;
    };
    long long previous = -1;
    for (int i = 0; i < 50; ++i) {  // far faster than one append per millisecond
        REQUIRE(journal.value().Append({{"op", "update"}, {"n", i}}).ok());
        long long now = mtime_ms();
        CHECK(now > previous);
        previous = now;
    }
}
