#include <doctest/doctest.h>

#include <random>

#include "core/hlc.hpp"
#include "core/utf8.hpp"

using namespace tackboard;

TEST_CASE("valid UTF-8 is kept as is, invalid sequences become one U+FFFD each") {
    CHECK(ToValidUtf8("Göteborg 宕机 café") == "Göteborg 宕机 café");
    CHECK(IsValidUtf8("Göteborg 宕机"));
    CHECK(ToValidUtf8("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
    CHECK(ToValidUtf8("\xC3") == "\xEF\xBF\xBD");                 // truncated
    CHECK(ToValidUtf8("\xC0\xAF") == "\xEF\xBF\xBD");             // overlong '/'
    CHECK(ToValidUtf8("\xED\xA0\x80") == "\xEF\xBF\xBD");         // surrogate
    CHECK(ToValidUtf8("\xF4\x90\x80\x80") == "\xEF\xBF\xBD");     // above U+10FFFF
    CHECK(CountCodePoints("宕机 é") == 4);
}

TEST_CASE("repair of random bytes always yields valid UTF-8") {
    std::mt19937 rng(42);
    for (int round = 0; round < 2000; ++round) {
        std::string bytes(rng() % 40, '\0');
        for (auto& b : bytes) b = static_cast<char>(rng());
        CHECK(IsValidUtf8(ToValidUtf8(bytes)));
    }
}

TEST_CASE("clock stamps order by time, then counter, then device; parse what they print") {
    HlcClock clock("dev-a");
    Hlc a = clock.Tick(100), b = clock.Tick(100), c = clock.Tick(50);  // clock stepped back
    CHECK(a < b);
    CHECK(b < c);
    clock.Observe(Hlc{500, 7, "dev-b"});
    Hlc d = clock.Tick(200);
    CHECK(d.wall == 500);
    CHECK(d.counter == 8);
    Hlc parsed;
    REQUIRE(Hlc::Parse(d.ToString(), parsed));
    CHECK(parsed == d);
    CHECK_FALSE(Hlc::Parse("12:x:dev", parsed));
    CHECK_FALSE(Hlc::Parse("12", parsed));
    CHECK(Hlc{5, 0, "a"} < Hlc{5, 0, "b"});
}
