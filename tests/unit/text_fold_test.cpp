// text_fold_test.cpp — folding and tokenizing for search (src/core/text_fold.cpp).
#include <doctest/doctest.h>

#include <random>

#include "core/text_fold.hpp"
#include "core/utf8.hpp"

using namespace tackboard;

namespace {
std::vector<std::string> Tokens(std::string_view text) {
    std::vector<std::string> out;
    Tokenize(FoldText(text), out);
    return out;
}
std::vector<std::string> IndexTokens(std::string_view text) {
    std::string folded = FoldText(text);
    std::vector<std::string_view> views;
    TokenizeViews(folded, views, TokenMode::Index);
    return std::vector<std::string>(views.begin(), views.end());
}
using Strings = std::vector<std::string>;
}  // namespace

TEST_CASE("folding lowers case and drops French accents and ligatures") {
    CHECK(FoldText("Café") == "cafe");
    CHECK(FoldText("ÉLÈVE Être Noël") == "eleve etre noel");
    CHECK(FoldText("à â ä ç ù û ü î ï ÿ ô") == "a a a c u u u i i y o");
    CHECK(FoldText("À Â Ç Ù Û Ü Î Ï Ÿ Ô Ê Ë È") == "a a c u u u i i y o e e e");
    CHECK(FoldText("Œuvre cœur") == "oeuvre coeur");
    CHECK(FoldText("Æsir æble") == "aesir aeble");
    CHECK(FoldText("L'imprimante ne répond plus") == "l'imprimante ne repond plus");
}

TEST_CASE("folding handles Swedish and German letters") {
    CHECK(FoldText("Göteborg") == "goteborg");
    CHECK(FoldText("GÖTEBORG") == "goteborg");
    CHECK(FoldText("Åre Älvsjö Örebro") == "are alvsjo orebro");
    CHECK(FoldText("Straße ẞ") == "strasse ss");
    CHECK(FoldText("Øresund Łódź") == "oresund lodz");
}

TEST_CASE("folding leaves CJK alone and maps full-width ASCII and ideographic spaces") {
    CHECK(FoldText("服务器宕机了") == "服务器宕机了");
    CHECK(FoldText("プリンター 고장") == "プリンター 고장");
    CHECK(FoldText("ＶＰＮ\u3000故障") == "vpn 故障");
}

TEST_CASE("folding lowers Greek and Cyrillic and drops invisible characters") {
    CHECK(FoldText("ΣΦΑΛΜΑ") == "σφαλμα");
    CHECK(FoldText("ΟΔΟΣ οδος") == "οδοσ οδοσ");  // final sigma searched as σ
    CHECK(FoldText("ПРИНТЕР Ёлка") == "принтер елка");
    CHECK(FoldText("Cafe\u0301") == "cafe");  // decomposed accent
    CHECK(FoldText("in\u00ADfor\u200Bmation\uFEFF") == "information");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD (one per broken sequence), as ToValidUtf8 does") {
    CHECK(FoldText("Caf\xC3") == "caf\xEF\xBF\xBD");
    CHECK(FoldText("A\xFF" "B") == "a\xEF\xBF\xBD" "b");
    CHECK(FoldText("\xC0\xAF") == "\xEF\xBF\xBD");
    CHECK(FoldText("") == "");
}

TEST_CASE("tokens are words of letters and digits, cut at anything else") {
    CHECK(Tokens("VPN drops, every hour! (ipv6)") == Strings{"vpn", "drops", "every", "hour", "ipv6"});
    CHECK(Tokens("l'écran ne s'allume pas") == Strings{"l", "ecran", "ne", "s", "allume", "pas"});
    CHECK(Tokens("e-mail 2026-01-01") == Strings{"e", "mail", "2026", "01", "01"});
    CHECK(Tokens("Göteborg→Malmö 🙂 ok") == Strings{"goteborg", "malmo", "ok"});
    CHECK(Tokens("   ").empty());
    CHECK(Tokens("принтер не работает") == Strings{"принтер", "не", "работает"});
}

TEST_CASE("CJK runs become overlapping bigrams; a lone character stays a unigram") {
    CHECK(Tokens("服务器宕机了") == Strings{"服务", "务器", "器宕", "宕机", "机了"});
    CHECK(Tokens("宕") == Strings{"宕"});
    CHECK(Tokens("VPN宕机") == Strings{"vpn", "宕机"});
    CHECK(Tokens("打印机，坏了") == Strings{"打印", "印机", "坏了"});  // full-width comma separates
    CHECK(Tokens("プリンター") == Strings{"プリ", "リン", "ンタ", "ター"});
    CHECK(Tokens("고장 났어요") == Strings{"고장", "났어", "어요"});
    CHECK(Tokens("a 中 b") == Strings{"a", "中", "b"});
}

TEST_CASE("for the index, each CJK run also yields its last character") {
    CHECK(IndexTokens("服务器宕机了") == Strings{"服务", "务器", "器宕", "宕机", "机了", "了"});
    CHECK(IndexTokens("宕 vpn") == Strings{"宕", "vpn"});
    CHECK(IsSingleCjkChar("了"));
    CHECK_FALSE(IsSingleCjkChar("机了"));
    CHECK_FALSE(IsSingleCjkChar("a"));
    CHECK_FALSE(IsSingleCjkChar(""));
}

TEST_CASE("very long words are cut at a character boundary") {
    std::string word;
    for (int i = 0; i < 80; ++i) word += "É";
    CHECK(Tokens(word) == Strings{std::string(kMaxTokenBytes, 'e')});
    std::string folded = FoldText(std::string(63, 'a') + "ж" + "b");
    std::vector<std::string_view> views;
    TokenizeViews(folded, views);
    REQUIRE(views.size() == 1);
    CHECK(views[0] == std::string(63, 'a'));  // "ж" would end at byte 65: cut before it
}

TEST_CASE("random bytes never crash folding or tokenizing, and give valid UTF-8") {
    std::mt19937 rng(7);
    const std::string pieces[] = {"é", "宕机", "Ö", "\xFF", "\xC3", "\xE5\xAE", " ", "a", "Z", "9", "-", "\xF0\x9F\x99\x82"};
    for (int round = 0; round < 5000; ++round) {
        std::string bytes;
        std::size_t length = rng() % 48;
        for (std::size_t i = 0; i < length; ++i) {
            if (rng() % 2) bytes += static_cast<char>(rng());
            else bytes += pieces[rng() % std::size(pieces)];
        }
        std::string folded = FoldText(bytes);
        REQUIRE(IsValidUtf8(folded));
        CHECK(folded == FoldText(ToValidUtf8(bytes)));  // repaired exactly as ToValidUtf8 does
        CHECK(FoldText(folded) == folded);  // folding twice changes nothing
        std::vector<std::string> tokens;
        Tokenize(folded, tokens);
        Tokenize(bytes, tokens);  // unfolded, invalid input too
        std::vector<std::string_view> views;
        TokenizeViews(bytes, views, TokenMode::Index);
        for (const auto& token : tokens) {
            CHECK_FALSE(token.empty());
            CHECK(token.size() <= kMaxTokenBytes);
            CHECK(IsValidUtf8(token));
        }
        for (std::string_view token : views) CHECK(IsValidUtf8(token));
    }
}
