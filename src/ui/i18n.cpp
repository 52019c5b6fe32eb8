// i18n.cpp — the current UI language and the lookup of translations (see i18n.hpp).
#include "ui/i18n.hpp"

#include <cstdarg>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

namespace tackboard {

namespace {

struct I18nState {
    Language language = Language::English;
};

I18nState& State() {
    static I18nState state;
    return state;
}

// English text -> its row, built on first use. Keys view the table's own literals.
const std::unordered_map<std::string_view, const Translation*>& Index() {
    static const auto index = [] {
        std::unordered_map<std::string_view, const Translation*> map;
        for (const Translation& row : Translations()) map.emplace(row.english, &row);
        return map;
    }();
    return index;
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

const char* TextIn(const Translation& row, Language language) {
    const char* text = row.english;
    switch (language) {
        case Language::English: text = row.english; break;
        case Language::French: text = row.french; break;
        case Language::Swedish: text = row.swedish; break;
        case Language::Chinese: text = row.chinese; break;
    }
    return text && *text ? text : row.english;
}

namespace {
// The translation of `english` in the current language, or nullptr when there is none.
const char* Lookup(std::string_view english) {
    if (State().language == Language::English) return nullptr;
    const auto& index = Index();
    auto it = index.find(english);
    return it == index.end() ? nullptr : TextIn(*it->second, State().language);
}

// A few labels may be alive at once: `Button(TrLabel("A")) || Button(TrLabel("B"))`.
// Each buffer keeps its capacity, so labels drawn every frame allocate nothing.
std::string& NextLabelBuffer() {
    static std::string ring[8];
    static std::size_t next = 0;
    return ring[next++ % 8];
}
}  // namespace

const char* Tr(const char* english) {
    if (!english) return english;
    const char* text = Lookup(english);
    return text ? text : english;
}

namespace {
// Keep in step with DefaultConfig() in core/board.cpp (a unit test checks).
const char* const kBuiltInNames[] = {
    TrNoop("New"), TrNoop("Triage"), TrNoop("In progress"), TrNoop("Waiting"), TrNoop("Resolved"), TrNoop("Closed"),
    TrNoop("Urgent"), TrNoop("High"), TrNoop("Normal"), TrNoop("Low"),
    TrNoop("Support request"), TrNoop("Bug"), TrNoop("Feature request"), TrNoop("Incident"), TrNoop("Change request"),
    TrNoop("Category"), TrNoop("Steps to reproduce"), TrNoop("Environment"), TrNoop("Severity"), TrNoop("Use case"),
    TrNoop("Business value"), TrNoop("Impact"), TrNoop("Started at"), TrNoop("Affected services"),
    TrNoop("Planned for"), TrNoop("Risk"), TrNoop("Rollback plan"),
    TrNoop("My open tickets"), TrNoop("Unassigned"), TrNoop("Urgent and high"),
};
}  // namespace

std::span<const char* const> BuiltInNames() { return kBuiltInNames; }

const char* TrName(const std::string& name) {
    static const std::unordered_set<std::string_view> names(std::begin(kBuiltInNames), std::end(kBuiltInNames));
    if (State().language == Language::English || !names.count(name)) return name.c_str();
    return Tr(name.c_str());
}

std::string NameLabel(const std::string& name, std::string_view suffix) {
    std::string label = TrName(name);
    label.append("###").append(name).append(suffix);
    return label;
}

const char* TrLabel(const char* english_label) {
    std::string_view label = english_label;
    std::string_view visible = label.substr(0, label.find("##"));
    std::string& out = NextLabelBuffer();
    const char* text = Lookup(visible);
    if (text) out.assign(text);
    else out.assign(visible);
    out.append("###").append(label);
    return out.c_str();
}

const char* TrId(const char* english, const char* id) {
    std::string& out = NextLabelBuffer();
    out = Tr(english);
    out.append("###").append(id);
    return out.c_str();
}

const char* TrCount(long long n, const char* one, const char* other) {
    bool singular = CurrentLanguage() == Language::French ? (n == 0 || n == 1) : n == 1;
    return Tr(singular ? one : other);
}

std::string Format(const char* format, ...) {
    va_list args;
    va_start(args, format);
    va_list again;
    va_copy(again, args);
    int length = std::vsnprintf(nullptr, 0, format, args);
    va_end(args);
    std::string out(length > 0 ? static_cast<std::size_t>(length) : 0, '\0');
    if (length > 0) std::vsnprintf(out.data(), out.size() + 1, format, again);
    va_end(again);
    return out;
}

void SetLanguage(Language language) { State().language = language; }

Language CurrentLanguage() { return State().language; }

Language ParseLanguage(std::string_view code) {
    std::string primary;
    for (char c : code) {
        if (c == '-' || c == '_') break;
        primary += Lower(c);
    }
    if (primary == "fr") return Language::French;
    if (primary == "sv") return Language::Swedish;
    if (primary == "zh") return Language::Chinese;
    return Language::English;
}

const char* LanguageCode(Language language) {
    switch (language) {
        case Language::French: return "fr";
        case Language::Swedish: return "sv";
        case Language::Chinese: return "zh";
        case Language::English: break;
    }
    return "en";
}

const char* LanguageName(Language language) {
    switch (language) {
        case Language::French: return "Français";
        case Language::Swedish: return "Svenska";
        case Language::Chinese: return "中文";
        case Language::English: break;
    }
    return "English";
}

}  // namespace tackboard
