// source_text.hpp — small text and JSON helpers shared by the import readers
// (read_trello.cpp, read_github.cpp, read_csv_tickets.cpp).
//
// The readers see other tools' files, so nothing here trusts a JSON value's type: every
// accessor checks first and falls back to "absent" (nullptr / empty string). With
// JSON_NOEXCEPTION a wrong-typed `.get<T>()` or `.at()` would abort the app.
// Text is assumed valid UTF-8 (the caller checks); trimming only removes ASCII
// whitespace and abbreviating cuts between code points, so the result stays valid.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace tackboard {

inline bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

inline std::string_view TrimSpace(std::string_view text) {
    while (!text.empty() && IsAsciiSpace(text.front())) text.remove_prefix(1);
    while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
    return text;
}

inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
    return true;
}

// Appends `value` unless an equal string is already there; keeps first-met order
// (statuses, labels), and the lists are short enough for a linear scan.
inline void AppendUnique(std::vector<std::string>& list, std::string value) {
    for (const std::string& existing : list)
        if (existing == value) return;
    list.push_back(std::move(value));
}

// "bug, urgent;  network" -> {"bug", "urgent", "network"}: spreadsheets use either
// separator in one cell. Pieces are trimmed; empty pieces and repeats are dropped.
inline std::vector<std::string> SplitLabelList(std::string_view cell) {
    std::vector<std::string> labels;
    std::size_t start = 0;
    while (start <= cell.size()) {
        std::size_t end = cell.find_first_of(",;", start);
        if (end == std::string_view::npos) end = cell.size();
        std::string_view piece = TrimSpace(cell.substr(start, end - start));
        if (!piece.empty()) AppendUnique(labels, std::string(piece));
        start = end + 1;
    }
    return labels;
}

// The first `max_code_points` characters of valid UTF-8 text, with "…" when cut; for
// quoting user text in messages without flooding them.
inline std::string Abbreviate(std::string_view text, std::size_t max_code_points) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
        if (count == max_code_points) return std::string(text.substr(0, i)) + "…";
        ++count;
    }
    return std::string(text);
}

// --- JSON members, type-checked -------------------------------------------------

// The member `key` of `object` when `object` is an object holding a non-null `key`.
inline const nlohmann::json* JsonMember(const nlohmann::json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return nullptr;
    return &*it;
}

// The member `key` when it is an array; nullptr otherwise.
inline const nlohmann::json* JsonArray(const nlohmann::json& object, const char* key) {
    const nlohmann::json* value = JsonMember(object, key);
    return value && value->is_array() ? value : nullptr;
}

// The string member `key`, or "" when it is missing or not a string.
inline std::string JsonString(const nlohmann::json& object, const char* key) {
    const nlohmann::json* value = JsonMember(object, key);
    return value && value->is_string() ? value->get<std::string>() : std::string();
}

// A value as text for messages: strings as they are, anything else as compact JSON.
// `replace` keeps dump() from aborting on bad UTF-8 under JSON_NOEXCEPTION.
inline std::string JsonAsText(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace tackboard
