#include "core/ids.hpp"

namespace tackboard {

namespace {
constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
}

std::string EncodeUlid(std::int64_t unix_ms, const RandomBytes& random) {
    // 128 bits = 48 time bits then 80 random bits, written as 26 base32 digits
    // (the first digit only carries 3 bits).
    std::array<std::uint8_t, 16> bytes{};
    auto time = static_cast<std::uint64_t>(unix_ms) & 0xFFFFFFFFFFFFull;
    for (int i = 5; i >= 0; --i) {
        bytes[i] = static_cast<std::uint8_t>(time & 0xFF);
        time >>= 8;
    }
    for (int i = 0; i < 10; ++i) bytes[6 + i] = random[i];

    std::string out(26, '0');
    for (int digit = 25, bit = 0; digit >= 0; --digit, bit += 5) {
        // Take 5 bits starting `bit` bits from the least significant end.
        int value = 0;
        for (int b = 0; b < 5; ++b) {
            int pos = bit + b;
            if (pos >= 128) break;
            int byte = 15 - pos / 8;
            if (bytes[byte] >> (pos % 8) & 1) value |= 1 << b;
        }
        out[digit] = kCrockford[value];
    }
    return out;
}

bool IsValidUlid(const std::string& text) {
    if (text.size() != 26 || text[0] > '7') return false;
    for (char c : text) {
        bool found = false;
        for (const char* p = kCrockford; *p; ++p) found |= (*p == c);
        if (!found) return false;
    }
    return true;
}

std::string UlidGenerator::Next(std::int64_t unix_ms, const RandomBytes& fresh_random) {
    if (unix_ms <= last_ms_) {
        // Same (or an earlier, after a clock step back) millisecond: keep the time and
        // add one to the random part so ids stay strictly increasing.
        for (int i = 9; i >= 0; --i)
            if (++last_random_[i] != 0) break;
    } else {
        last_ms_ = unix_ms;
        last_random_ = fresh_random;
    }
    return EncodeUlid(last_ms_, last_random_);
}

}  // namespace tackboard
