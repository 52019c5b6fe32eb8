// text_fold.cpp — folding and tokenizing for search (see text_fold.hpp).
//
// Hand-written tables rather than a Unicode library: core must build with em++ and the
// standard library only, and search needs just the Latin accents our users type plus a
// classification of characters into word / CJK / separator.
#include "core/text_fold.hpp"

#include "core/utf8.hpp"

#include <cstdint>

namespace tackboard {

namespace {

// U+00C0..U+00FF; nullptr keeps the character (× and ÷ are not letters).
const char* const kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y",
};

// U+0100..U+017F (Latin Extended-A) come in upper/lower pairs over a few base letters;
// 'J' stands for "ij" (Ĳ ĳ) and 'O' for "oe" (Œ œ).
constexpr std::string_view kLatinExtendedA =
    "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "JJ" "jj" "kkk"
    "llllllllll" "nnnnnnnnn" "oooooo" "OO" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww"
    "yyy" "zzzzzz" "s";
static_assert(kLatinExtendedA.size() == 128);

bool IsInvisible(char32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F)  // combining accents: decomposed "e\u0301" is "e"
           || cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF;
}

// Folds one non-ASCII code point into `out`.
void AppendFoldedCodePoint(char32_t cp, std::string& out) {
    if (IsInvisible(cp)) return;
    if (cp >= 0xC0 && cp <= 0xFF) {
        if (const char* folded = kLatin1[cp - 0xC0]) {
            out += folded;
            return;
        }
    } else if (cp >= 0x100 && cp <= 0x17F) {
        char base = kLatinExtendedA[cp - 0x100];
        out += base == 'J' ? "ij" : base == 'O' ? "oe" : std::string_view(&base, 1);
        return;
    } else if (cp >= 0x218 && cp <= 0x21B) {  // Romanian ș ț with comma below
        out += cp < 0x21A ? 's' : 't';
        return;
    } else if (cp == 0x1E9E) {  // capital ẞ
        out += "ss";
        return;
    } else if ((cp >= 0x391 && cp <= 0x3A9) || cp == 0x3C2) {  // Greek capitals; final sigma is σ
        cp = cp == 0x3A2 || cp == 0x3C2 ? 0x3C3 : cp + 0x20;
    } else if (cp == 0x401 || cp == 0x451) {  // Ё ё are searched as е
        cp = 0x435;
    } else if (cp >= 0x400 && cp <= 0x40F) {
        cp += 0x50;
    } else if (cp >= 0x410 && cp <= 0x42F) {
        cp += 0x20;
    } else if (cp >= 0xFF01 && cp <= 0xFF5E) {  // full-width ASCII, as CJK input methods type it
        char c = static_cast<char>(cp - 0xFEE0);
        out += c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
        return;
    } else if (cp == 0x3000) {  // ideographic space
        out += ' ';
        return;
    }
    AppendUtf8(cp, out);
}

bool InRange(char32_t cp, char32_t low, char32_t high) { return cp >= low && cp <= high; }

}  // namespace

char32_t NextCodePoint(std::string_view text, std::size_t& pos) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char b0 = byte(pos);
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    std::size_t length;
    char32_t cp;
    if (b0 >= 0xC2 && b0 <= 0xDF) length = 2, cp = b0 & 0x1F;
    else if (b0 >= 0xE0 && b0 <= 0xEF) length = 3, cp = b0 & 0x0F;
    else if (b0 >= 0xF0 && b0 <= 0xF4) length = 4, cp = b0 & 0x07;
    else length = 0, cp = 0;
    bool ok = length != 0 && pos + length <= text.size();
    for (std::size_t k = 1; ok && k < length; ++k) {
        unsigned char b = byte(pos + k);
        ok = (b & 0xC0) == 0x80;
        cp = cp << 6 | (b & 0x3F);
    }
    if (ok && length == 3) ok = cp >= 0x800 && !(cp >= 0xD800 && cp <= 0xDFFF);
    if (ok && length == 4) ok = cp >= 0x10000 && cp <= 0x10FFFF;
    if (!ok) {
        ++pos;
        return 0xFFFD;
    }
    pos += length;
    return cp;
}

CharClass ClassifyChar(char32_t cp) {
    if (cp < 0x80) {
        bool alnum = (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z');
        return alnum ? CharClass::Word : CharClass::Separator;
    }
    if (InRange(cp, 0x3400, 0x9FFF) || InRange(cp, 0xAC00, 0xD7FF) || InRange(cp, 0x3040, 0x30FA) ||
        InRange(cp, 0x30FC, 0x30FF) || InRange(cp, 0x1100, 0x11FF) || InRange(cp, 0x2E80, 0x2FDF) ||
        InRange(cp, 0x3005, 0x3007) || InRange(cp, 0x3100, 0x31FF) || InRange(cp, 0xA960, 0xA97F) ||
        InRange(cp, 0xF900, 0xFAFF) || InRange(cp, 0xFF66, 0xFFDC) || InRange(cp, 0x20000, 0x3FFFF))
        return CharClass::Cjk;
    if (InRange(cp, 0xFF01, 0xFF5E)) return ClassifyChar(cp - 0xFEE0);  // unfolded full-width ASCII
    if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7 || InRange(cp, 0x2000, 0x2BFF) ||
        InRange(cp, 0x2E00, 0x2E7F) || InRange(cp, 0x3000, 0x303F) || cp == 0x30FB ||
        InRange(cp, 0xD800, 0xF8FF) || InRange(cp, 0xFE00, 0xFE6F) || InRange(cp, 0xFF00, 0xFF65) ||
        InRange(cp, 0xFFF0, 0xFFFF) || InRange(cp, 0x1F000, 0x1FAFF) || cp >= 0xE0000)
        return CharClass::Separator;  // punctuation, symbols, emoji, private use, U+FFFD
    return CharClass::Word;
}

void AppendFolded(std::string_view utf8, std::string& out) {
    // Only into an empty string: reserving on every append would defeat the string's
    // geometric growth where AppendFolded fills one big buffer.
    if (out.empty()) out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        // Runs of ASCII, the common case, are lowered in one tight loop.
        std::size_t run_end = i;
        while (run_end < utf8.size() && static_cast<unsigned char>(utf8[run_end]) < 0x80) ++run_end;
        if (run_end > i) {
            std::size_t at = out.size();
            out.resize(at + (run_end - i));
            char* dest = out.data() + at;
            for (std::size_t k = i; k < run_end; ++k) {
                char c = utf8[k];
                *dest++ = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
            }
            i = run_end;
            if (i == utf8.size()) break;
        }
        std::size_t start = i;
        char32_t cp = NextCodePoint(utf8, i);
        if (cp == 0xFFFD && i == start + 1) {
            // Invalid: like ToValidUtf8, one U+FFFD for the broken sequence with its
            // continuation bytes (repairing inline saves a validation pass per text).
            while (i < utf8.size() && (static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80) ++i;
        }
        AppendFoldedCodePoint(cp, out);
    }
}

std::string FoldText(std::string_view utf8) {
    std::string out;
    AppendFolded(utf8, out);
    return out;
}

void TokenizeViews(std::string_view text, std::vector<std::string_view>& out, TokenMode mode) {
    constexpr std::size_t kNone = std::string_view::npos;
    std::size_t word_start = kNone;
    // The CJK run being read: where its last character starts and ends, and its length.
    std::size_t cjk_start = kNone, cjk_end = 0, cjk_length = 0;

    auto end_word = [&](std::size_t end) {
        if (word_start == kNone) return;
        if (end - word_start > kMaxTokenBytes) {
            end = word_start + kMaxTokenBytes;
            while ((static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // whole characters
        }
        out.push_back(text.substr(word_start, end - word_start));
        word_start = kNone;
    };
    auto end_cjk_run = [&] {
        if (cjk_length == 1 || (cjk_length > 1 && mode == TokenMode::Index))
            out.push_back(text.substr(cjk_start, cjk_end - cjk_start));
        cjk_start = kNone;
        cjk_length = 0;
    };

    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        CharClass kind = ClassifyChar(NextCodePoint(text, i));
        if (kind == CharClass::Word) {
            end_cjk_run();
            if (word_start == kNone) word_start = start;
        } else if (kind == CharClass::Cjk) {
            end_word(start);
            if (cjk_length > 0) out.push_back(text.substr(cjk_start, i - cjk_start));  // bigram
            cjk_start = start;
            cjk_end = i;
            ++cjk_length;
        } else {
            end_word(start);
            end_cjk_run();
        }
    }
    end_word(text.size());
    end_cjk_run();
}

void Tokenize(std::string_view folded, std::vector<std::string>& out) {
    std::vector<std::string_view> views;
    TokenizeViews(folded, views);
    for (std::string_view v : views) out.emplace_back(v);
}

bool IsSingleCjkChar(std::string_view token) {
    if (token.empty()) return false;
    std::size_t pos = 0;
    char32_t cp = NextCodePoint(token, pos);
    return pos == token.size() && ClassifyChar(cp) == CharClass::Cjk;
}

}  // namespace tackboard
