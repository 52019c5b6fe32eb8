#include "core/hlc.hpp"

#include <cstdio>
#include <cstdlib>

namespace tackboard {

std::string Hlc::ToString() const {
    return std::to_string(wall) + ":" + std::to_string(counter) + ":" + node;
}

bool Hlc::Parse(const std::string& text, Hlc& out) {
    auto first = text.find(':');
    auto second = first == std::string::npos ? first : text.find(':', first + 1);
    if (second == std::string::npos) return false;
    char* end = nullptr;
    std::string wall = text.substr(0, first), counter = text.substr(first + 1, second - first - 1);
    if (wall.empty() || counter.empty()) return false;
    long long w = std::strtoll(wall.c_str(), &end, 10);
    if (*end) return false;
    unsigned long c = std::strtoul(counter.c_str(), &end, 10);
    if (*end || w < 0) return false;
    out = Hlc{w, static_cast<std::uint32_t>(c), text.substr(second + 1)};
    return true;
}

Hlc HlcClock::Tick(std::int64_t now_ms) {
    if (now_ms > last_.wall) {
        last_.wall = now_ms;
        last_.counter = 0;
    } else {
        ++last_.counter;
    }
    last_.node = node_;
    return last_;
}

void HlcClock::Observe(const Hlc& seen) {
    if (seen.wall > last_.wall || (seen.wall == last_.wall && seen.counter > last_.counter)) {
        last_.wall = seen.wall;
        last_.counter = seen.counter;
    }
}

}  // namespace tackboard
