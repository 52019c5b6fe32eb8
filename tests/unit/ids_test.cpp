#include <doctest/doctest.h>

#include <set>

#include "core/ids.hpp"

using namespace tackboard;

TEST_CASE("ULID encodes time in its first 10 characters and is 26 Crockford characters") {
    RandomBytes zero{};
    CHECK(EncodeUlid(0, zero) == "00000000000000000000000000");
    // Value from the ULID spec's example timestamp 1469918176385 = 01ARYZ6S41.
    CHECK(EncodeUlid(1469918176385, zero).substr(0, 10) == "01ARYZ6S41");
    RandomBytes ones;
    ones.fill(0xFF);
    CHECK(EncodeUlid(0, ones) == "0000000000ZZZZZZZZZZZZZZZZ");
    CHECK(IsValidUlid(EncodeUlid(1469918176385, ones)));
    CHECK_FALSE(IsValidUlid("01ARYZ6S41"));
    CHECK_FALSE(IsValidUlid("01ARYZ6S41IIIIIIIIIIIIIIII"));  // I is not Crockford
}

TEST_CASE("ids made later sort later, also within one millisecond and after a clock step back") {
    UlidGenerator gen;
    RandomBytes r{};
    r.fill(0x80);
    std::string a = gen.Next(1000, r);
    std::string b = gen.Next(1000, r);  // same ms, same random: must still increase
    std::string c = gen.Next(999, r);   // clock went back
    std::string d = gen.Next(2000, RandomBytes{});
    CHECK(a < b);
    CHECK(b < c);
    CHECK(c < d);
    std::set<std::string> unique{a, b, c, d};
    CHECK(unique.size() == 4);
}
