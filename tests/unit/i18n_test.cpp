// i18n_test.cpp — src/ui/i18n.cpp and its table (translations.cpp): language codes, the
// lookup, and that every text the sources pass to Tr() is translated into every language
// with the same placeholders.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/board.hpp"
#include "ui/i18n.hpp"

using namespace tackboard;

namespace {

// Restores English after each test that switches the language.
struct LanguageGuard {
    ~LanguageGuard() { SetLanguage(Language::English); }
};

// --- reading Tr("...") literals out of C++ sources --------------------------------

// The value of a C++ string literal's body (between its quotes): escapes resolved.
std::string Unescape(const std::string& body) {
    std::string out;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\' || i + 1 >= body.size()) {
            out += body[i];
            continue;
        }
        char next = body[++i];
        if (next == 'n') out += '\n';
        else if (next == 't') out += '\t';
        else if (next == 'x') {
            std::size_t end = i + 1;
            while (end < body.size() && std::isxdigit(static_cast<unsigned char>(body[end]))) ++end;
            out += static_cast<char>(std::stoi(body.substr(i + 1, end - i - 1), nullptr, 16));
            i = end - 1;
        } else out += next;  // \" \\ \'
    }
    return out;
}

// Skips a quoted literal starting at `at` (on its opening quote); returns the index after it.
std::size_t SkipQuoted(const std::string& src, std::size_t at) {
    char quote = src[at];
    std::size_t i = at + 1;
    while (i < src.size() && src[i] != quote) i += src[i] == '\\' ? 2 : 1;
    return i + 1;
}

// The top-level arguments of a call whose "(" is just before `at`, as source text.
std::vector<std::string> Arguments(const std::string& src, std::size_t at) {
    std::vector<std::string> args(1);
    int depth = 0;
    for (std::size_t i = at; i < src.size();) {
        char c = src[i];
        if (c == '"' || c == '\'') {
            std::size_t end = SkipQuoted(src, i);
            args.back() += src.substr(i, end - i);
            i = end;
            continue;
        }
        if (c == '(' || c == '[' || c == '{') ++depth;
        if (c == ')' || c == ']' || c == '}') {
            if (depth == 0) return args;
            --depth;
        }
        if (c == ',' && depth == 0) args.emplace_back();
        else args.back() += c;
        ++i;
    }
    return args;
}

// An argument made only of string literals ("a" "b" joins them); false for anything else.
bool LiteralValue(const std::string& arg, std::string& value) {
    value.clear();
    bool any = false;
    for (std::size_t i = 0; i < arg.size();) {
        if (std::isspace(static_cast<unsigned char>(arg[i]))) {
            ++i;
        } else if (arg[i] == '"') {
            std::size_t end = SkipQuoted(arg, i);
            value += Unescape(arg.substr(i + 1, end - i - 2));
            any = true;
            i = end;
        } else {
            return false;
        }
    }
    return any;
}

// The English texts a source passes for translation: Tr("..."), TrNoop("..."), the label
// part of TrLabel("...##id"), TrId's first argument, and the forms of TrCount and Counted.
std::set<std::string> TranslatedLiterals(const std::string& src) {
    static const std::vector<std::string> kCalls = {"Tr(", "TrNoop(", "TrLabel(", "TrId(", "TrCount(", "Counted("};
    std::set<std::string> found;
    for (const std::string& call : kCalls) {
        for (std::size_t at = src.find(call); at != std::string::npos; at = src.find(call, at + 1)) {
            bool word_start = at == 0 || !(std::isalnum(static_cast<unsigned char>(src[at - 1])) || src[at - 1] == '_');
            if (!word_start) continue;
            std::vector<std::string> args = Arguments(src, at + call.size());
            if (call == "TrId(") args.resize(1);
            for (const std::string& arg : args) {
                std::string value;
                if (!LiteralValue(arg, value)) continue;
                if (call == "TrLabel(") value = value.substr(0, value.find("##"));
                if (!value.empty()) found.insert(value);  // "##id" alone: nothing to translate
            }
        }
    }
    return found;
}

// printf conversions in order ("%s", "%.1f", "%d"); "%%" is text.
std::vector<std::string> Placeholders(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') continue;
        if (i + 1 < text.size() && text[i + 1] == '%') {
            ++i;
            continue;
        }
        std::size_t end = text.find_first_of("diouxXeEfFgGaAcsp", i + 1);
        if (end == std::string::npos) end = text.size() - 1;
        out.push_back(text.substr(i, end - i + 1));
        i = end;
    }
    return out;
}

const Translation* RowFor(const std::string& english) {
    for (const Translation& row : Translations())
        if (english == row.english) return &row;
    return nullptr;
}

std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("language codes: browser locales by their first subtag, English otherwise") {
    CHECK(ParseLanguage("en") == Language::English);
    CHECK(ParseLanguage("fr") == Language::French);
    CHECK(ParseLanguage("fr-CA") == Language::French);
    CHECK(ParseLanguage("FR_fr") == Language::French);
    CHECK(ParseLanguage("sv-SE") == Language::Swedish);
    CHECK(ParseLanguage("zh-Hans-CN") == Language::Chinese);
    CHECK(ParseLanguage("zh") == Language::Chinese);
    CHECK(ParseLanguage("de-DE") == Language::English);
    CHECK(ParseLanguage("") == Language::English);
    CHECK(ParseLanguage("f") == Language::English);
    for (Language language : kLanguages) CHECK(ParseLanguage(LanguageCode(language)) == language);
    CHECK(std::string(LanguageCode(Language::Swedish)) == "sv");
    CHECK(std::string(LanguageName(Language::French)) == "Français");
}

TEST_CASE("Tr: the current language's text, English when the table has none") {
    LanguageGuard guard;
    CHECK(std::string(Tr("New ticket")) == "New ticket");
    SetLanguage(Language::French);
    CHECK(CurrentLanguage() == Language::French);
    CHECK(std::string(Tr("New ticket")) == "Nouveau ticket");
    CHECK(std::string(Tr("Cancel")) == "Annuler");
    SetLanguage(Language::Swedish);
    CHECK(std::string(Tr("New ticket")) == "Nytt ärende");
    SetLanguage(Language::Chinese);
    CHECK(std::string(Tr("New ticket")) == "新建工单");
    // Not in the table (a ticket's own text, say): itself.
    std::string unknown = "Printer on floor 3 jams";
    CHECK(Tr(unknown.c_str()) == unknown.c_str());
}

TEST_CASE("TrLabel and TrId: translated text, the English label as a stable ID") {
    LanguageGuard guard;
    CHECK(std::string(TrLabel("Save##edit-ticket")) == "Save###Save##edit-ticket");
    SetLanguage(Language::French);
    CHECK(std::string(TrLabel("Save##edit-ticket")) == "Enregistrer###Save##edit-ticket");
    CHECK(std::string(TrLabel("Import")) == "Importer###Import");
    CHECK(std::string(TrId("Import", "import")) == "Importer###import");
    // Several labels may be alive in one expression.
    const char* first = TrLabel("Save##a");
    const char* second = TrLabel("Cancel##b");
    CHECK(std::string(first) == "Enregistrer###Save##a");
    CHECK(std::string(second) == "Annuler###Cancel##b");
}

TEST_CASE("TrCount: French counts 0 as singular, English and Swedish only 1") {
    LanguageGuard guard;
    CHECK(std::string(TrCount(1, "%s ticket", "%s tickets")) == "%s ticket");
    CHECK(std::string(TrCount(0, "%s ticket", "%s tickets")) == "%s tickets");
    SetLanguage(Language::French);
    CHECK(std::string(TrCount(0, "%s ticket", "%s tickets")) == "%s ticket");
    CHECK(std::string(TrCount(2, "%s ticket", "%s tickets")) == "%s tickets");
    SetLanguage(Language::Swedish);
    CHECK(std::string(TrCount(0, "%s ticket", "%s tickets")) == "%s ärenden");
    CHECK(std::string(TrCount(1, "%s ticket", "%s tickets")) == "%s ärende");
    CHECK(Format(Tr("Not saved: %s"), "disk full") == "Inte sparat: disk full");
}

TEST_CASE("the table: one row per English text, each translated, placeholders kept") {
    std::set<std::string> seen;
    for (const Translation& row : Translations()) {
        CAPTURE(row.english);
        CHECK(seen.insert(row.english).second);
        for (Language language : {Language::French, Language::Swedish, Language::Chinese}) {
            const char* text = language == Language::French ? row.french
                               : language == Language::Swedish ? row.swedish
                                                               : row.chinese;
            CAPTURE(LanguageCode(language));
            REQUIRE(text != nullptr);
            CHECK(*text != '\0');
            CHECK(Placeholders(text) == Placeholders(row.english));
        }
    }
}

TEST_CASE("the source reader finds every form of translated literal") {
    std::string src = R"(ImGui::Button(Tr("Save")); x = Tr(name); ImGui::Text(Tr("50% of \"%s\"")); MyTr("no");
        TrLabel("Cancel##wip"); TrId("Import", "import-id"); TrCount(n, "%s one", "%s many");
        Counted(rows.size(), "%s row", "%s rows"); {TrNoop("Due"), 3}; Tr("a" "b"); Tr(flag ? "x" : "y"); TrLabel("##only-id");)";
    std::set<std::string> want = {"Save", "50% of \"%s\"", "Cancel", "Import", "%s one", "%s many", "%s row",
                                  "%s rows", "Due", "ab"};
    CHECK(TranslatedLiterals(src) == want);
    CHECK(Placeholders("%s of %.1f%% in %d") == std::vector<std::string>{"%s", "%.1f", "%d"});
}

TEST_CASE("every Tr() text in src/ui and src/platform has its translations") {
    namespace fs = std::filesystem;
    const fs::path root = TACKBOARD_SOURCE_DIR;
    std::size_t files = 0, literals = 0;
    for (const char* folder : {"src/ui", "src/platform"}) {
        for (const auto& entry : fs::directory_iterator(root / folder)) {
            const fs::path& path = entry.path();
            if (path.extension() != ".cpp" || path.filename() == "i18n.cpp" || path.filename() == "translations.cpp")
                continue;
            ++files;
            for (const std::string& english : TranslatedLiterals(ReadFile(path))) {
                ++literals;
                CAPTURE(path.filename().string());
                CAPTURE(english);
                const Translation* row = RowFor(english);
                CHECK_MESSAGE(row != nullptr, "no row in src/ui/translations.cpp");
            }
        }
    }
    CHECK(files > 10);
    CHECK(literals > 100);  // the reader found the UI's texts (not silently nothing)
}

TEST_CASE("names of the built-in configuration are shown translated, a team's own names as written") {
    SetLanguage(Language::French);
    CHECK(std::string(TrName("In progress")) == "En cours");
    CHECK(std::string(TrName("Support request")) == "Demande d'assistance");
    const std::string own = "Waiting for parts";
    CHECK(TrName(own) == own.c_str());
    SetLanguage(Language::Chinese);
    CHECK(std::string(TrName("Urgent")) == "紧急");
    SetLanguage(Language::English);
    CHECK(std::string(TrName("In progress")) == "In progress");
}

TEST_CASE("every name DefaultConfig() gives is a built-in name with a translation in each language") {
    const BoardConfig config = DefaultConfig();
    std::vector<std::string> names;
    for (const auto& s : config.statuses) names.push_back(s.name);
    for (const auto& p : config.priorities) names.push_back(p.name);
    for (const auto& t : config.types) {
        names.push_back(t.name);
        for (const auto& f : t.fields) names.push_back(f.name);
    }
    for (const auto& v : config.views) names.push_back(v.name);
    const auto built_in = BuiltInNames();
    for (const std::string& name : names) {
        CAPTURE(name);
        CHECK(std::find(built_in.begin(), built_in.end(), name) != built_in.end());
        for (Language language : {Language::French, Language::Swedish, Language::Chinese}) {
            CAPTURE(LanguageCode(language));
            bool translated = false;
            for (const Translation& row : Translations()) {
                const char* text = language == Language::French    ? row.french
                                   : language == Language::Swedish ? row.swedish
                                                                   : row.chinese;
                if (name == row.english && text && *text) translated = true;
            }
            CHECK(translated);
        }
    }
}
