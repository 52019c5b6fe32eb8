// hlc.hpp — hybrid logical clock stamps for per-field last-writer ordering.
//
// A stamp is (wall ms, counter, node): it never goes backwards on one device even when
// the wall clock does, and ties between devices are broken by node id, so two replicas
// that saw the same writes pick the same winner. Text form "<ms>:<counter>:<node>".
#pragma once

#include <cstdint>
#include <string>

namespace tackboard {

struct Hlc {
    std::int64_t wall = 0;
    std::uint32_t counter = 0;
    std::string node;

    // Spelled out: libc++ 14 (Emscripten) has no operator<=> for std::string.
    bool operator<(const Hlc& o) const {
        if (wall != o.wall) return wall < o.wall;
        if (counter != o.counter) return counter < o.counter;
        return node < o.node;
    }
    bool operator>(const Hlc& o) const { return o < *this; }
    bool operator==(const Hlc& o) const { return wall == o.wall && counter == o.counter && node == o.node; }
    bool empty() const { return wall == 0 && counter == 0 && node.empty(); }

    std::string ToString() const;
    static bool Parse(const std::string& text, Hlc& out);
};

class HlcClock {
public:
    explicit HlcClock(std::string node = "local") : node_(std::move(node)) {}

    // A stamp for a local write at physical time `now_ms`.
    Hlc Tick(std::int64_t now_ms);
    // Take a remote (or replayed) stamp into account so later local stamps exceed it.
    void Observe(const Hlc& seen);

    const std::string& node() const { return node_; }
    const Hlc& last() const { return last_; }
    void set_node(std::string node) { node_ = std::move(node); }

private:
    std::string node_;
    Hlc last_;
};

}  // namespace tackboard
