#include "storage/journal.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "storage/crc32.hpp"

namespace tackboard {

using nlohmann::json;

namespace {

Status MakeDirectories(const std::string& path) {
    for (std::size_t pos = 1; pos <= path.size(); ++pos) {
        if (pos != path.size() && path[pos] != '/') continue;
        std::string part = path.substr(0, pos);
        if (mkdir(part.c_str(), 0755) != 0 && errno != EEXIST)
            return Error{"cannot create folder " + part + ": " + std::strerror(errno)};
    }
    return Ok{};
}

// Segment numbers found in the directory, sorted.
std::vector<int> ListSegments(const std::string& directory) {
    std::vector<int> numbers;
    if (DIR* dir = opendir(directory.c_str())) {
        while (dirent* entry = readdir(dir)) {
            // Exactly "journal-NNNNNN.ndjson"; temp files and anything else are ignored.
            const char* name = entry->d_name;
            if (std::strlen(name) != 21 || std::strncmp(name, "journal-", 8) != 0 ||
                std::strcmp(name + 14, ".ndjson") != 0)
                continue;
            int number = 0;
            for (int i = 8; i < 14; ++i) number = std::isdigit(static_cast<unsigned char>(name[i])) && number >= 0
                                                      ? number * 10 + (name[i] - '0') : -1;
            if (number > 0) numbers.push_back(number);
        }
        closedir(dir);
    }
    std::sort(numbers.begin(), numbers.end());
    return numbers;
}

Result<std::string> ReadFile(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return Error{"cannot open " + path + ": " + std::strerror(errno)};
    std::string data;
    char buffer[16384];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) data.append(buffer, n);
    bool failed = std::ferror(f);
    std::fclose(f);
    if (failed) return Error{"cannot read " + path};
    return data;
}

}  // namespace

std::string Journal::EncodeLine(const json& change) {
    std::string body = change.dump(-1, ' ', false, json::error_handler_t::replace);
    char crc[9];
    std::snprintf(crc, sizeof crc, "%08x", Crc32(body));
    return std::string(crc) + " " + body;
}

Result<json> Journal::DecodeLine(const std::string& line) {
    if (line.size() < 10 || line[8] != ' ') return Error{"line is too short or has no checksum"};
    std::uint32_t expected = 0;
    for (int i = 0; i < 8; ++i) {
        char c = line[i];
        int digit = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
        if (digit < 0) return Error{"checksum is not hexadecimal"};
        expected = expected << 4 | static_cast<std::uint32_t>(digit);
    }
    std::string_view body(line.data() + 9, line.size() - 9);
    if (Crc32(body) != expected) return Error{"checksum does not match"};
    json value = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) return Error{"not valid JSON"};
    return value;
}

std::string Journal::SegmentPath(int number) const {
    char name[32];
    std::snprintf(name, sizeof name, "/journal-%06d.ndjson", number);
    return directory_ + name;
}

Result<Journal> Journal::Open(const std::string& directory, Loaded& loaded, int first_segment) {
    if (auto made = MakeDirectories(directory); !made) return made.error();
    Journal journal(directory);
    journal.segment_ = first_segment;
    auto segments = ListSegments(directory);
    segments.erase(std::remove_if(segments.begin(), segments.end(), [&](int n) { return n < first_segment; }),
                   segments.end());
    for (std::size_t s = 0; s < segments.size(); ++s) {
        std::string path = journal.SegmentPath(segments[s]);
        auto data = ReadFile(path);
        if (!data) {
            loaded.problems.push_back(data.error().message);
            continue;
        }
        const std::string& text = data.value();
        std::size_t start = 0;
        int line_number = 0;
        while (start < text.size()) {
            ++line_number;
            std::size_t end = text.find('\n', start);
            if (end == std::string::npos) {
                // No newline: the write was cut short (crash, tab closed mid-write).
                loaded.problems.push_back("dropped an incomplete last change in " + path);
                break;
            }
            auto change = DecodeLine(text.substr(start, end - start));
            if (change) {
                loaded.changes.push_back(std::move(change.value()));
            } else {
                loaded.problems.push_back("skipped line " + std::to_string(line_number) + " of " + path + ": " +
                                          change.error().message);
                if (loaded.damaged.empty() || loaded.damaged.back() != path) loaded.damaged.push_back(path);
            }
            start = end + 1;
        }
        if (s + 1 == segments.size()) {
            journal.segment_ = segments[s];
            journal.segment_bytes_ = text.size();
        }
    }
    // A torn tail must not be continued by the next append: start a fresh segment.
    if (!loaded.problems.empty() && !segments.empty()) {
        journal.segment_ = segments.back() + 1;
        journal.segment_bytes_ = 0;
    }
    return journal;
}

int Journal::StartNewSegment() {
    if (segment_bytes_ > 0) {
        ++segment_;
        segment_bytes_ = 0;
    }
    return segment_ - 1;
}

void Journal::DeleteSegmentsBefore(int first_kept) {
    for (int number : ListSegments(directory_))
        if (number < first_kept) std::remove(SegmentPath(number).c_str());
}

Status Journal::Append(const json& change) {
    if (segment_bytes_ >= kSegmentBytes) {
        ++segment_;
        segment_bytes_ = 0;
    }
    std::string line = EncodeLine(change) + "\n";
    std::string path = SegmentPath(segment_);
    std::FILE* f = std::fopen(path.c_str(), "ab");
    if (!f) return Error{"cannot open " + path + " for writing: " + std::strerror(errno)};
    bool written = std::fwrite(line.data(), 1, line.size(), f) == line.size();
    written = std::fflush(f) == 0 && written;
    if (written) fsync(fileno(f));
    std::fclose(f);
    if (!written) return Error{"cannot write to " + path + ": " + std::strerror(errno)};
    segment_bytes_ += line.size();
    AdvanceModificationTime(path);
    return Ok{};
}

// IDBFS (Emscripten 3.1.6) writes a file to IndexedDB only when its modification time,
// in milliseconds, differs from the one stored there. Two appends within one millisecond,
// one before and one after a flush reads the file, would leave the second unsaved while
// the next flush reports success. So every append moves the file's time strictly forward.
void Journal::AdvanceModificationTime(const std::string& path) {
    struct stat info {};
    if (stat(path.c_str(), &info) != 0) return;
    long long written_ms = static_cast<long long>(info.st_mtim.tv_sec) * 1000 + info.st_mtim.tv_nsec / 1000000;
    long long ms = std::max(written_ms, last_mtime_ms_ + 1);
    last_mtime_ms_ = ms;
    if (ms == written_ms) return;
    struct timespec times[2];
    times[0].tv_sec = times[1].tv_sec = static_cast<time_t>(ms / 1000);
    times[0].tv_nsec = times[1].tv_nsec = static_cast<long>(ms % 1000) * 1000000;
    utimensat(AT_FDCWD, path.c_str(), times, 0);
}

}  // namespace tackboard
