// i18n.hpp — the UI language: English, French, Swedish or Simplified Chinese.
//
// Every text the UI draws goes through Tr("English text"), which returns it in the
// current language (or the English itself when a translation is missing):
//     ImGui::Button(Tr("Cancel"));
//     ImGui::Text(Tr("%d tickets"), count);          // translations keep the placeholders
// Labels that are also ImGui IDs go through TrLabel("Save##editor") (see below).
//
// The translations live in translations.cpp, keyed by the English text. Lookups are one
// hash of the string per call (the table is built once), cheap enough for every label of
// every frame. Pure C++ (no ImGui): native tests link it.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace tackboard {

enum class Language { English, French, Swedish, Chinese };

inline constexpr Language kLanguages[] = {Language::English, Language::French, Language::Swedish, Language::Chinese};

// `english` in the current language; `english` itself when the table has no translation.
// The result lives as long as the program (a literal from the table or `english`).
const char* Tr(const char* english);

// Marks a text for translation where it sits in a table of names; Tr() it where it is
// drawn. (The translation check reads TrNoop("...") literals like Tr("...") ones.)
constexpr const char* TrNoop(const char* english) { return english; }

// Labels that are also ImGui IDs. The ID must not change with the language (open popups,
// tables and text fields keep their state by ID), and tests find items by their English
// label in any language: both hold with "<translated>###<english label>", which ImGui
// hashes from the "###" on and the item registry also records under the English label.
//   TrLabel("Save##edit-ticket")  fr: "Enregistrer###Save##edit-ticket"
//   TrId("Import", "import")       fr: "Importer###import"
// The result is valid for the next few TrLabel/TrId calls (a small ring of buffers), long
// enough for one widget call, which copies what it needs.
const char* TrLabel(const char* english_label);
const char* TrId(const char* english, const char* id);

// A name from the board's configuration (a status, priority, type, field or saved view),
// as shown: translated when it is one the built-in configuration (core/board.cpp
// DefaultConfig) gave, so a fresh board reads "Nouveau, Tri, En cours…" in French; a
// name the team chose is shown as written. Valid as long as `name` is.
const char* TrName(const std::string& name);
// The same as an ImGui label whose ID, and the label tests find it by, stay the name as
// written: "Tri###Triage<suffix>" (see TrLabel).
std::string NameLabel(const std::string& name, std::string_view suffix = {});
// The built-in configuration's names that TrName translates.
std::span<const char* const> BuiltInNames();

// The form of a counted text for `n`: `one` or `other`, translated (French counts 0 as
// one, Chinese has a single form). Fill it with Format: the placeholder stays yours.
//   Format(TrCount(n, "%s ticket", "%s tickets"), FormatNumber(n).c_str())
const char* TrCount(long long n, const char* one, const char* other);

// printf into a std::string, for translated formats.
std::string Format(const char* format, ...) __attribute__((format(printf, 1, 2)));

void SetLanguage(Language language);
Language CurrentLanguage();

// "en", "fr", "sv", "zh", or a browser locale ("fr-CA", "sv-SE", "zh-Hans-CN"): the
// language by its first subtag, case-insensitive; English for anything else.
Language ParseLanguage(std::string_view code);
// "en", "fr", "sv", "zh".
const char* LanguageCode(Language language);
// The language's name in itself, as a language menu lists it: "Français", "中文"…
const char* LanguageName(Language language);

// One row of the translation table (translations.cpp).
struct Translation {
    const char* english;
    const char* french;
    const char* swedish;
    const char* chinese;
};
std::span<const Translation> Translations();

// The text of one translation row in `language`.
const char* TextIn(const Translation& row, Language language);

}  // namespace tackboard
