// ids.hpp — ticket ids: ULIDs (26 Crockford base32 chars, 48-bit ms time + 80 random bits).
//
// Unique across devices without coordination and sortable by creation time, so the
// newest ticket of a merged board is still the last id. Core has no clock or entropy of
// its own: the caller passes both in, which keeps tests deterministic.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace tackboard {

using RandomBytes = std::array<std::uint8_t, 10>;

std::string EncodeUlid(std::int64_t unix_ms, const RandomBytes& random);
bool IsValidUlid(const std::string& text);

// Hands out strictly increasing ids even when several are made in the same millisecond
// (the random part is incremented instead of redrawn, as the ULID spec suggests).
class UlidGenerator {
public:
    std::string Next(std::int64_t unix_ms, const RandomBytes& fresh_random);

private:
    std::int64_t last_ms_ = -1;
    RandomBytes last_random_{};
};

}  // namespace tackboard
