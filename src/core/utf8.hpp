// utf8.hpp — UTF-8 validation and repair for text arriving from users, files and peers.
//
// Documented normalisation: every invalid byte sequence (stray continuation bytes,
// overlong forms, surrogates, code points above U+10FFFF, truncated sequences) becomes
// one U+FFFD REPLACEMENT CHARACTER; valid text is returned unchanged.
#pragma once

#include <string>
#include <string_view>

namespace tackboard {

bool IsValidUtf8(std::string_view text);
std::string ToValidUtf8(std::string_view text);
// Appends one code point (a valid scalar value, below U+110000 and not a surrogate) as UTF-8.
void AppendUtf8(char32_t cp, std::string& out);
// Number of code points (after repair); used for length limits users can understand.
std::size_t CountCodePoints(std::string_view valid_utf8);
// The text without the spaces, tabs and line breaks at either end (what a typed name means).
std::string Trimmed(std::string_view text);

}  // namespace tackboard
