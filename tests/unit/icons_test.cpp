#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "ui/icons.hpp"

namespace {
std::string Read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

TEST_CASE("every icon in icons.hpp survives the font subset") {
    std::set<std::string> kept;
    std::string list = Read(TACKBOARD_SOURCE_DIR "/assets/icon-codepoints.txt");
    std::regex codepoint("U\\+([0-9A-F]{4,5})");
    for (std::sregex_iterator it(list.begin(), list.end(), codepoint), end; it != end; ++it) kept.insert((*it)[1]);
    REQUIRE(kept.size() > 5);

    std::string header = Read(TACKBOARD_SOURCE_DIR "/src/ui/icons.hpp");
    std::regex icon("\"((?:\\\\x[0-9a-f]{2})+)\";\\s*// U\\+([0-9A-F]{4,5})");
    int checked = 0;
    for (std::sregex_iterator it(header.begin(), header.end(), icon), end; it != end; ++it) {
        CHECK_MESSAGE(kept.count((*it)[2]) == 1, "missing from the subset: U+", (*it)[2].str());
        ++checked;
    }
    CHECK(checked >= 10);
    // The comment matches the bytes: decode one to be sure the header is consistent.
    std::string plus = tackboard::icons::kPlus;
    REQUIRE(plus.size() == 3);
    unsigned cp = (plus[0] & 0x0F) << 12 | (plus[1] & 0x3F) << 6 | (plus[2] & 0x3F);
    CHECK(cp == 0xF067);
}
