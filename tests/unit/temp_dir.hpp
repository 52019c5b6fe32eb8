// temp_dir.hpp — a fresh temporary folder per test, removed afterwards, and whole-file
// reads and writes for tests that inspect or damage stored files.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

inline std::string ReadAll(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void WriteAll(const std::filesystem::path& p, const std::string& data) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << data;
}

struct TempDir {
    std::filesystem::path path;
    TempDir() : TempDir(std::filesystem::temp_directory_path()) {}
    explicit TempDir(const std::filesystem::path& parent) {
        std::string pattern = (parent / "tackboard-test-XXXXXX").string();
        path = mkdtemp(pattern.data());
    }
    // In memory when the machine has /dev/shm: for tests that write thousands of journal
    // lines, each fsync'd, where the disk would only add minutes.
    static TempDir InMemory() {
        std::error_code ec;
        return std::filesystem::is_directory("/dev/shm", ec) ? TempDir("/dev/shm") : TempDir();
    }
    TempDir(TempDir&& other) noexcept : path(std::move(other.path)) { other.path.clear(); }
    ~TempDir() {
        if (!path.empty()) std::filesystem::remove_all(path);
    }
    std::string str() const { return path.string(); }
};
