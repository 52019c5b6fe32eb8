// text_fold.hpp — case and accent folding, and the tokenizer, shared by the search
// index (search_index.hpp) and the query language (query.hpp) so both sides of a search
// see the same words.
//
// Folding: lower case plus accent removal for Latin scripts (English, French, Swedish
// and their neighbours: "Café" -> "cafe", "GÖTEBORG" -> "goteborg", "Œuvre" -> "oeuvre",
// "Straße" -> "strasse"), lower case for Greek and Cyrillic, full-width ASCII to ASCII.
// Combining accents (decomposed input) and invisible characters (soft hyphen, zero-width
// spaces, BOM) are dropped. CJK and everything else is left as is. Invalid UTF-8 is first
// repaired like ToValidUtf8 (utf8.hpp): each broken sequence becomes one U+FFFD, so the
// result is always valid UTF-8 and nothing crashes on bad bytes.
//
// Tokens: runs of letters/digits ("ipv6", "goteborg") are words, cut at anything else
// (spaces, punctuation, symbols, emoji); words longer than kMaxTokenBytes are cut there.
// Runs of CJK characters (ideographs, kana, hangul) become overlapping bigrams
// ("服务器宕机" -> 服务 务器 器宕 宕机); a run of one character is a one-character token.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tackboard {

inline constexpr std::size_t kMaxTokenBytes = 64;

std::string FoldText(std::string_view utf8);
// Same, appended to `out` (saves an allocation per field when indexing).
void AppendFolded(std::string_view utf8, std::string& out);

enum class TokenMode {
    Query,  // exactly the tokens above
    // Also the last character of each CJK run of two or more as a one-character token,
    // so a one-character query (a prefix lookup: bigrams starting with it, plus this)
    // finds a character wherever it sits in a run.
    Index,
};

// Appends the tokens of `folded` (output of FoldText) to `out`. Robust to any bytes:
// invalid UTF-8 is treated as a separator.
void Tokenize(std::string_view folded, std::vector<std::string>& out);
// Same tokens as views into `folded`, without allocating; `out` is appended to.
void TokenizeViews(std::string_view folded, std::vector<std::string_view>& out,
                   TokenMode mode = TokenMode::Query);

enum class CharClass { Separator, Word, Cjk };
CharClass ClassifyChar(char32_t cp);
// Decodes the code point at `pos` and advances past it; invalid bytes give U+FFFD and
// advance by one.
char32_t NextCodePoint(std::string_view text, std::size_t& pos);
// True when `token` is exactly one CJK character (such a token is looked up as a prefix).
bool IsSingleCjkChar(std::string_view token);

}  // namespace tackboard
