// journal.hpp — append-only change journal in small segments on a filesystem path.
//
// Layout under one directory: journal-000001.ndjson, journal-000002.ndjson, ...
// Each line is "<crc32 as 8 hex digits> <change as JSON>\n". A new segment starts once
// the current one passes kSegmentBytes, so what a web flush rewrites (IDBFS copies
// changed files whole) stays small whatever the size of the board.
//
// Handles: torn last line (crash mid-write) and lines whose checksum or JSON is bad —
// both skipped and reported in Loaded::problems, never a crash or a silent reset. A
// segment with a bad line before its end is damaged, not torn: it is listed in
// Loaded::damaged so the app keeps a copy in quarantine/ for the user and writes a
// snapshot of what could be read.
// Compaction (app.cpp): after a snapshot (snapshot.hpp) covers segments up to N, the
// journal starts segment N+1 and segments no snapshot generation needs are deleted.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace tackboard {

class Journal {
public:
    static constexpr std::size_t kSegmentBytes = 64 * 1024;

    struct Loaded {
        std::vector<nlohmann::json> changes;  // in the order they were appended
        std::vector<std::string> problems;    // plain-words reports of what was skipped
        std::vector<std::string> damaged;     // paths of segments with bad lines (not just a torn tail)
    };

    // Creates the directory when needed and reads every segment numbered first_segment
    // or later (earlier ones are covered by a snapshot).
    static Result<Journal> Open(const std::string& directory, Loaded& loaded, int first_segment = 1);

    // Closes the current segment: everything appended so far is in segments <= the
    // returned number, and the next append starts a new file.
    int StartNewSegment();
    // Deletes segment files numbered below `first_kept`.
    void DeleteSegmentsBefore(int first_kept);

    Status Append(const nlohmann::json& change);

    const std::string& directory() const { return directory_; }
    int current_segment() const { return segment_; }

    // "<crc> <json>" without the newline; exposed for tests and the fuzzer.
    static std::string EncodeLine(const nlohmann::json& change);
    static Result<nlohmann::json> DecodeLine(const std::string& line);

private:
    explicit Journal(std::string directory) : directory_(std::move(directory)) {}
    std::string SegmentPath(int number) const;
    void AdvanceModificationTime(const std::string& path);

    std::string directory_;
    int segment_ = 1;
    std::size_t segment_bytes_ = 0;
    long long last_mtime_ms_ = 0;  // the time given to the last appended-to file (see Append)
};

}  // namespace tackboard
