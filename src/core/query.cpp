// query.cpp — parsing, checking, running and completing queries (see query.hpp).
//
// [SECTION] Vocabulary: field names and keyword values
// [SECTION] Parser
// [SECTION] Checking values against the board
// [SECTION] Matching one ticket
// [SECTION] Running: candidates from the index, predicates, sorting
// [SECTION] Matching tickets one at a time, without the index
// [SECTION] Vocabulary for completion (query_complete.cpp)
#include "core/query.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

#include "core/dates.hpp"
#include "core/search_index.hpp"
#include "core/sla.hpp"
#include "core/sprints.hpp"
#include "core/text_fold.hpp"
#include "core/utf8.hpp"

namespace tackboard {

namespace {

// -----------------------------------------------------------------------------
// [SECTION] Vocabulary: field names and keyword values
// -----------------------------------------------------------------------------

struct FieldName {
    std::string_view name;
    QueryField field;
};
constexpr FieldName kFields[] = {
    {"status", QueryField::Status},   {"assignee", QueryField::Assignee}, {"prio", QueryField::Priority},
    {"priority", QueryField::Priority}, {"type", QueryField::Type},     {"label", QueryField::Label},
    {"requester", QueryField::Requester}, {"due", QueryField::Due},     {"created", QueryField::Created},
    {"updated", QueryField::Updated}, {"is", QueryField::Is},           {"has", QueryField::Has},
    {"sprint", QueryField::Sprint},
};
constexpr std::string_view kSortField = "sort";
constexpr std::string_view kIsValues[] = {"overdue", "unassigned", "blocked", "breached", "at-risk", "open", "closed", "deleted"};
constexpr std::string_view kHasValues[] = {"due", "assignee", "labels"};
constexpr std::string_view kStatusKeywords[] = {"open", "closed", "done", "todo", "active", "waiting"};
constexpr std::string_view kSprintKeywords[] = {"current", "none"};
constexpr std::string_view kSortKeys[] = {"created", "updated", "priority", "due", "title"};
constexpr SortKey kSortKeyValues[] = {SortKey::Created, SortKey::Updated, SortKey::Priority, SortKey::Due, SortKey::Title};

template <class Range>
std::string JoinNames(const Range& names) {
    std::string out;
    for (const auto& name : names) {
        if (!out.empty()) out += ", ";
        out += name;
    }
    return out;
}

std::string FieldList() {
    std::vector<std::string_view> names;
    for (const FieldName& f : kFields) names.push_back(f.name);
    names.push_back(kSortField);
    return JoinNames(names);
}

template <std::size_t N>
long IndexIn(const std::string_view (&names)[N], std::string_view value) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == value) return static_cast<long>(i);
    return -1;
}

char AsciiLowerChar(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

std::string AsciiLower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = AsciiLowerChar(c);
    return out;
}

bool IsAscii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Runs of spaces (including line breaks, no-break and ideographic spaces) become one
// space, ends trimmed: a phrase still matches across a line break in a description.
void CollapseSpacesInPlace(std::string& text) {
    std::size_t out = 0;
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        std::size_t space = c == ' ' || (c >= '\t' && c <= '\r')                               ? 1
                            : c == 0xC2 && i + 1 < text.size() && text[i + 1] == '\xA0' ? 2
                                                                                         : 0;
        if (space) {
            pending_space = out > 0;
            i += space;
            continue;
        }
        if (pending_space) text[out++] = ' ';
        pending_space = false;
        text[out++] = text[i++];
    }
    text.resize(out);
}

std::string CollapseSpaces(std::string text) {
    CollapseSpacesInPlace(text);
    return text;
}

// -----------------------------------------------------------------------------
// [SECTION] Parser
// -----------------------------------------------------------------------------
//
//   query   := or? end
//   or      := and ("OR" and)*
//   and     := unary+ (with optional "AND" between)
//   unary   := "-" unary | primary
//   primary := "(" or ")" | '"' phrase '"' | field ":" [op] value | word
//
// Parse functions return false after recording an error; a node of kNothing stands for
// a term that filters nothing (sort:..., a word made only of punctuation).

constexpr long kNothing = -1;
// Parsing and evaluating recurse once per '(' or '-': bounded, so a pasted wall of
// parentheses cannot overflow the browser's small stack.
constexpr int kMaxNesting = 32;

class Parser {
public:
    explicit Parser(std::string_view text) : text_(text) {}

    Result<Query> Run() {
        long root = kNothing;
        if (!ParseOr(root)) return *error_;
        SkipSpaces();
        if (pos_ < text_.size()) return Error{ErrorText(pos_, "unexpected ')' (there is no '(' to close)")};
        // The last bare word is taken to be the one being typed, and matches as a prefix,
        // unless a space after the query says it is complete. Not when negated: "-sp" on
        // its way to "-spam" would hide far more than the user means.
        if (last_word_ && !last_word_negated_ && !EndsWithSpace()) query_.terms[*last_word_].prefix = true;
        query_.root = root;
        return std::move(query_);
    }

private:
    int Column(std::size_t pos) const { return 1 + static_cast<int>(CountCodePoints(text_.substr(0, pos))); }
    // Messages quote what was typed: repaired, so they are always valid to display.
    std::string ErrorText(std::size_t pos, const std::string& message) const {
        return "column " + std::to_string(Column(pos)) + ": " + ToValidUtf8(message);
    }
    bool Fail(std::size_t pos, const std::string& message) {
        error_ = Error{ErrorText(pos, message)};
        return false;
    }

    std::size_t SpaceLength(std::size_t pos) const {
        if (pos >= text_.size()) return 0;
        unsigned char c = static_cast<unsigned char>(text_[pos]);
        if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
        std::string_view rest = text_.substr(pos);
        if (rest.starts_with("\xE3\x80\x80")) return 3;  // ideographic space, typed with CJK input
        if (rest.starts_with("\xC2\xA0")) return 2;
        return 0;
    }
    bool EndsWithSpace() const {
        return !text_.empty() && (SpaceLength(text_.size() - 1) == 1 || text_.ends_with("\xE3\x80\x80") ||
                                  text_.ends_with("\xC2\xA0"));
    }
    void SkipSpaces() {
        while (std::size_t n = SpaceLength(pos_)) pos_ += n;
    }
    bool IsWordEnd(std::size_t pos) const {
        return pos >= text_.size() || SpaceLength(pos) || text_[pos] == '(' || text_[pos] == ')' || text_[pos] == '"';
    }
    bool AtKeyword(std::string_view keyword) const {
        return text_.substr(pos_).starts_with(keyword) && IsWordEnd(pos_ + keyword.size());
    }
    bool AtEndOfGroup() const { return pos_ >= text_.size() || text_[pos_] == ')' || AtKeyword("OR"); }

    long AddNode(QueryNode node) {
        query_.nodes.push_back(std::move(node));
        return static_cast<long>(query_.nodes.size() - 1);
    }
    long AddGroup(QueryNode::Kind kind, const std::vector<long>& children) {
        if (children.size() == 1) return children[0];
        QueryNode node{kind, 0, {}};
        for (long child : children) node.children.push_back(static_cast<std::size_t>(child));
        return AddNode(std::move(node));
    }
    long AddTerm(QueryTerm term) {
        query_.terms.push_back(std::move(term));
        return AddNode(QueryNode{QueryNode::Kind::Term, query_.terms.size() - 1, {}});
    }

    bool ParseOr(long& out) {
        std::vector<long> operands;
        long first = kNothing;
        if (!ParseAnd(first)) return false;
        operands.push_back(first);
        while (SkipSpaces(), AtKeyword("OR")) {
            if (operands.back() == kNothing) return Fail(pos_, "expected a search term before 'OR'");
            pos_ += 2;
            long next = kNothing;
            if (!ParseAnd(next)) return false;
            SkipSpaces();
            if (next == kNothing) return Fail(pos_, "expected a search term after 'OR'");
            operands.push_back(next);
        }
        out = AddGroup(QueryNode::Kind::Or, operands);
        return true;
    }

    bool ParseAnd(long& out) {
        std::vector<long> terms;
        while (SkipSpaces(), !AtEndOfGroup()) {
            if (AtKeyword("AND")) {  // optional: AND is implicit
                std::size_t and_pos = pos_;
                pos_ += 3;
                SkipSpaces();
                if (terms.empty()) return Fail(and_pos, "expected a search term before 'AND'");
                if (AtEndOfGroup()) return Fail(pos_, "expected a search term after 'AND'");
                continue;
            }
            long term = kNothing;
            if (!ParseUnary(term)) return false;
            if (term != kNothing) terms.push_back(term);
        }
        out = terms.empty() ? kNothing : AddGroup(QueryNode::Kind::And, terms);
        return true;
    }

    bool Nest(std::size_t pos) {
        if (++depth_ <= kMaxNesting) return true;
        return Fail(pos, "too deeply nested (at most " + std::to_string(kMaxNesting) + " levels of '(' and '-')");
    }

    bool ParseUnary(long& out) {
        if (text_[pos_] != '-') return ParsePrimary(out, false);
        std::size_t minus = pos_++;
        // A lone '-' (between words, or just typed) is punctuation, not an operator.
        if (pos_ >= text_.size() || SpaceLength(pos_) || text_[pos_] == ')') return true;
        if (text_.substr(pos_).starts_with(kSortField) && text_.substr(pos_ + kSortField.size()).starts_with(":"))
            return Fail(minus, "'-' cannot go before 'sort:' (for descending order write sort:-updated)");
        if (!Nest(minus)) return false;
        long inner = kNothing;
        bool ok = text_[pos_] == '-' ? ParseUnary(inner) : ParsePrimary(inner, true);
        --depth_;
        if (!ok) return false;
        if (inner != kNothing) out = AddNode(QueryNode{QueryNode::Kind::Not, 0, {static_cast<std::size_t>(inner)}});
        return true;
    }

    bool ParsePrimary(long& out, bool negated) {
        std::size_t start = pos_;
        if (text_[pos_] == '(') {
            if (!Nest(pos_)) return false;
            ++pos_;
            if (!ParseOr(out)) return false;
            --depth_;
            SkipSpaces();
            if (pos_ >= text_.size())
                return Fail(pos_, "expected ')' to close the '(' at column " + std::to_string(Column(start)));
            if (out == kNothing) return Fail(pos_, "expected a search term before ')'");
            ++pos_;
            return true;
        }
        if (text_[pos_] == '"') {
            std::string phrase;
            if (!ReadQuoted(phrase)) return false;
            QueryTerm term;
            term.field = QueryField::Phrase;
            term.value = CollapseSpaces(FoldText(phrase));
            term.quoted = true;
            term.column = term.value_column = Column(start);
            if (!term.value.empty()) out = AddTerm(std::move(term));  // "" filters nothing
            return true;
        }
        std::size_t name_end = pos_;
        auto is_name_char = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
        while (name_end < text_.size() && is_name_char(text_[name_end])) ++name_end;
        if (name_end > pos_ && name_end < text_.size() && text_[name_end] == ':') {
            std::string name(text_.substr(pos_, name_end - pos_));
            pos_ = name_end + 1;
            return ParseField(start, name, out);
        }
        std::string word(ReadBare());
        QueryTerm term;
        term.field = QueryField::Text;
        term.value = FoldText(word);
        std::vector<std::string> tokens;
        Tokenize(term.value, tokens);
        if (tokens.empty()) return true;  // punctuation only
        term.column = term.value_column = Column(start);
        out = AddTerm(std::move(term));
        last_word_ = query_.terms.size() - 1;
        last_word_negated_ = negated;
        return true;
    }

    std::string_view ReadBare() {
        std::size_t start = pos_;
        while (!IsWordEnd(pos_)) ++pos_;
        return text_.substr(start, pos_ - start);
    }

    bool ReadQuoted(std::string& out) {
        std::size_t open = pos_;
        std::size_t close = text_.find('"', open + 1);
        if (close == std::string_view::npos)
            return Fail(text_.size(), "expected '\"' to close the quote at column " + std::to_string(Column(open)));
        out = std::string(text_.substr(open + 1, close - open - 1));
        pos_ = close + 1;
        return true;
    }

    static bool TakesComparison(QueryField field) {
        return field == QueryField::Priority || field == QueryField::Due || field == QueryField::Created ||
               field == QueryField::Updated;
    }

    QueryCompare ReadComparison() {
        struct Operator {
            std::string_view text;
            QueryCompare compare;
        };
        constexpr Operator kOperators[] = {{">=", QueryCompare::GreaterOrEqual}, {"<=", QueryCompare::LessOrEqual},
                                           {">", QueryCompare::Greater},         {"<", QueryCompare::Less},
                                           {"=", QueryCompare::Equal}};
        for (const Operator& op : kOperators)
            if (text_.substr(pos_).starts_with(op.text)) {
                pos_ += op.text.size();
                return op.compare;
            }
        return QueryCompare::Equal;
    }

    // `pos_` is just past the ':'.
    bool ParseField(std::size_t start, const std::string& name, long& out) {
        std::string key = AsciiLower(name);
        if (key == kSortField) return ParseSort();
        const FieldName* field = nullptr;
        for (const FieldName& f : kFields)
            if (f.name == key) field = &f;
        if (!field) return Fail(start, "unknown field '" + name + "' (expected one of " + FieldList() + ")");

        QueryTerm term;
        term.field = field->field;
        term.column = Column(start);
        if (TakesComparison(term.field)) term.compare = ReadComparison();
        std::size_t value_pos = pos_;
        term.value_column = Column(value_pos);
        std::string value;
        if (pos_ < text_.size() && text_[pos_] == '"') {
            if (!ReadQuoted(value)) return false;
            term.quoted = true;
        } else {
            value = ReadBare();
        }
        std::string typed(text_.substr(start, value_pos - start));  // "status:" or "prio:>="
        if (value.empty()) return Fail(value_pos, "expected a value after '" + typed + "'");

        switch (term.field) {
            case QueryField::Is:
            case QueryField::Has: {
                value = AsciiLower(value);
                if (term.field == QueryField::Has && value == "label") value = "labels";
                bool known = term.field == QueryField::Is ? IndexIn(kIsValues, value) >= 0 : IndexIn(kHasValues, value) >= 0;
                if (!known) {
                    std::string expected = term.field == QueryField::Is ? JoinNames(kIsValues) : JoinNames(kHasValues);
                    return Fail(value_pos, "unknown value '" + value + "' for '" + typed + "' (expected one of " + expected + ")");
                }
                if (value == "deleted") query_.shows_deleted = true;
                break;
            }
            case QueryField::Due:
            case QueryField::Created:
            case QueryField::Updated:
                if (!ParseDate(value, term))
                    return Fail(value_pos, "bad date '" + value + "' for '" + typed +
                                               "' (expected YYYY-MM-DD or an amount like 12h, 3d, 2w)");
                break;
            default:
                break;
        }
        term.value = std::move(value);
        out = AddTerm(std::move(term));
        return true;
    }

    static bool ParseDate(const std::string& value, QueryTerm& term) {
        std::string text = AsciiLower(value);
        char unit = text.back();
        std::string_view digits = std::string_view(text).substr(0, text.size() - 1);
        Millis unit_ms = unit == 'h' ? 3600000 : unit == 'd' ? kMillisPerDay : unit == 'w' ? 7 * kMillisPerDay : 0;
        bool all_digits = !digits.empty() && digits.size() <= 6 &&
                          std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (unit_ms && all_digits) {
            term.relative = true;
            Millis count = 0;
            for (char c : digits) count = count * 10 + (c - '0');
            term.amount = count * unit_ms;
            return true;
        }
        std::optional<Millis> day = ParseIsoDate(text);
        if (!day) return false;
        term.amount = *day;
        return true;
    }

    bool ParseSort() {
        std::size_t value_pos = pos_;
        std::string value = AsciiLower(ReadBare());
        if (value.empty() || value == "-") return Fail(pos_, "expected a value after 'sort:'");
        QuerySort sort;
        sort.descending = value[0] == '-';
        std::string key = sort.descending ? value.substr(1) : value;
        if (key == "prio") key = "priority";
        long index = IndexIn(kSortKeys, key);
        if (index < 0)
            return Fail(value_pos, "unknown sort '" + value + "' (expected one of " + JoinNames(kSortKeys) +
                                       ", with '-' before it for descending order)");
        sort.key = kSortKeyValues[index];
        query_.sort.push_back(sort);
        return true;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    int depth_ = 0;
    std::optional<std::size_t> last_word_;  // term index of the last bare word
    bool last_word_negated_ = false;
    Query query_;
    std::optional<Error> error_;
};

}  // namespace

Result<Query> ParseQuery(std::string_view text) { return Parser(text).Run(); }

// -----------------------------------------------------------------------------
// [SECTION] Checking values against the board
// -----------------------------------------------------------------------------

namespace {

bool IsStatusKeyword(const QueryTerm& term) {
    return !term.quoted && IndexIn(kStatusKeywords, AsciiLower(term.value)) >= 0;
}

bool IsSprintKeyword(const QueryTerm& term) {
    return !term.quoted && IndexIn(kSprintKeywords, AsciiLower(term.value)) >= 0;
}

// Whether `value` names a definition by id or name, ignoring case and accents.
template <class Def>
bool Names(const Def& def, std::string_view folded_value) {
    return FoldText(def.id) == folded_value || FoldText(def.name) == folded_value;
}

template <class Def>
std::string ExpectedIds(const std::vector<Def>& defs, std::string before = "") {
    for (const Def& def : defs) before += (before.empty() ? "" : ", ") + def.id;
    return before;
}

}  // namespace

Status CheckQuery(const Query& query, const BoardConfig& config) {
    for (const QueryTerm& term : query.terms) {
        std::string folded = FoldText(term.value);
        auto known = [&](const auto& defs) {
            return std::any_of(defs.begin(), defs.end(), [&](const auto& def) { return Names(def, folded); });
        };
        auto unknown = [&](const char* what, std::string expected) {
            return Error{"column " + std::to_string(term.value_column) + ": unknown " + what + " '" + term.value +
                         "' (expected one of " + expected + ")"};
        };
        if (term.field == QueryField::Status && !IsStatusKeyword(term) && !known(config.statuses))
            return unknown("status", ExpectedIds(config.statuses, JoinNames(kStatusKeywords)));
        if (term.field == QueryField::Priority && !known(config.priorities))
            return unknown("priority", ExpectedIds(config.priorities));
        if (term.field == QueryField::Type && !known(config.types)) return unknown("type", ExpectedIds(config.types));
        if (term.field == QueryField::Sprint && !IsSprintKeyword(term)) {
            const LoadedSprints loaded = SprintsOf(config);
            if (!FindSprint(loaded.sprints, term.value) && !FindSprintByName(loaded.sprints, term.value)) {
                std::string names = JoinNames(kSprintKeywords);
                for (const Sprint& s : loaded.sprints) names += ", \"" + s.name + "\"";
                return unknown("sprint", names);
            }
        }
    }
    return Ok{};
}

// -----------------------------------------------------------------------------
// [SECTION] Matching one ticket
// -----------------------------------------------------------------------------

namespace {

constexpr Millis kMinTime = std::numeric_limits<Millis>::min();
constexpr Millis kMaxTime = std::numeric_limits<Millis>::max();

// ASCII text (most of it) is compared without allocating.
bool FoldedEquals(std::string_view raw, std::string_view folded) {
    if (!IsAscii(raw)) return FoldText(raw) == folded;
    if (raw.size() != folded.size()) return false;
    for (std::size_t i = 0; i < raw.size(); ++i)
        if (AsciiLowerChar(raw[i]) != folded[i]) return false;
    return true;
}

bool FoldedContains(std::string_view raw, std::string_view folded) {
    if (!IsAscii(raw)) return FoldText(raw).find(folded) != std::string::npos;
    auto it = std::search(raw.begin(), raw.end(), folded.begin(), folded.end(),
                          [](char a, char b) { return AsciiLowerChar(a) == b; });
    return it != raw.end() || folded.empty();
}

bool TestBit(const std::vector<std::uint64_t>& bits, std::size_t pos) {
    return pos / 64 < bits.size() && (bits[pos / 64] >> (pos % 64) & 1);
}

// A phrase occurs in folded, space-collapsed text where it does not cut a word in two:
// "out of office" is in "Out of office!" but not in "without office" ("out" would be cut).
bool ContainsPhrase(std::string_view text, std::string_view phrase) {
    auto is_word = [](std::string_view s, std::size_t at) {
        return ClassifyChar(NextCodePoint(s, at)) == CharClass::Word;
    };
    auto last_char_start = [](std::string_view s, std::size_t end) {
        std::size_t at = end - 1;
        while (at > 0 && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
        return at;
    };
    bool starts_with_word = is_word(phrase, 0);
    bool ends_with_word = is_word(phrase, last_char_start(phrase, phrase.size()));
    for (std::size_t at = text.find(phrase); at != std::string_view::npos; at = text.find(phrase, at + 1)) {
        std::size_t end = at + phrase.size();
        if (starts_with_word && at > 0 && is_word(text, last_char_start(text, at))) continue;
        if (ends_with_word && end < text.size() && is_word(text, end)) continue;
        return true;
    }
    return false;
}

bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool IsAsciiWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// ContainsPhrase for raw ASCII text, folding on the fly: verifying a phrase over tens of
// thousands of candidates must not allocate per field. memchr finds where the phrase's
// first letter occurs, in either case.
bool AsciiContainsPhrase(std::string_view raw, std::string_view phrase) {
    bool starts_with_word = IsAsciiWordChar(phrase.front());
    bool ends_with_word = IsAsciiWordChar(phrase.back());
    char lower = phrase[0];
    char upper = lower >= 'a' && lower <= 'z' ? static_cast<char>(lower - 32) : lower;
    const char* begin = raw.data();
    const char* end = begin + raw.size();
    auto next = [&](const char* from, char c) {
        const void* hit = from < end ? std::memchr(from, c, static_cast<std::size_t>(end - from)) : nullptr;
        return hit ? static_cast<const char*>(hit) : end;
    };
    const char* next_lower = next(begin, lower);
    const char* next_upper = upper == lower ? end : next(begin, upper);
    while (next_lower < end || next_upper < end) {
        const char* hit = std::min(next_lower, next_upper);
        if (hit == next_lower) next_lower = next(hit + 1, lower);
        if (hit == next_upper) next_upper = next(hit + 1, upper);
        std::size_t at = static_cast<std::size_t>(hit - begin);
        if (starts_with_word && at > 0 && IsAsciiWordChar(raw[at - 1])) continue;
        std::size_t i = at, k = 0;
        while (k < phrase.size() && i < raw.size()) {
            if (phrase[k] == ' ') {  // one space in the phrase stands for any run of spaces
                if (!IsAsciiSpace(raw[i])) break;
                while (i < raw.size() && IsAsciiSpace(raw[i])) ++i;
            } else if (AsciiLowerChar(raw[i]) == phrase[k]) {
                ++i;
            } else {
                break;
            }
            ++k;
        }
        if (k < phrase.size()) continue;
        if (ends_with_word && i < raw.size() && IsAsciiWordChar(raw[i])) continue;
        return true;
    }
    return false;
}

// `scratch` is reused between calls to save an allocation per field.
bool TicketContainsPhrase(const Ticket& ticket, std::string_view phrase, std::string& scratch) {
    auto in = [&](const std::string& field) {
        if (field.empty()) return false;
        if (IsAscii(field)) return AsciiContainsPhrase(field, phrase);
        scratch.clear();
        AppendFolded(field, scratch);
        CollapseSpacesInPlace(scratch);
        return ContainsPhrase(scratch, phrase);
    };
    if (in(ticket.title) || in(ticket.description) || in(ticket.requester)) return true;
    for (const Comment& comment : ticket.comments)
        if (in(comment.body)) return true;
    return std::any_of(ticket.labels.begin(), ticket.labels.end(), in);
}

enum class Check { Open, Closed, Unassigned, Deleted, Overdue, Blocked, Breached, AtRisk, HasDue, HasAssignee, HasLabels };

Check CheckFor(const QueryTerm& term) {
    if (term.field == QueryField::Has)
        return term.value == "due" ? Check::HasDue : term.value == "assignee" ? Check::HasAssignee : Check::HasLabels;
    constexpr Check kIsChecks[] = {Check::Overdue, Check::Unassigned, Check::Blocked, Check::Breached,
                                   Check::AtRisk,  Check::Open,       Check::Closed,  Check::Deleted};
    return kIsChecks[IndexIn(kIsValues, term.value)];
}

// sprint:<id or name>, sprint:none (the backlog), sprint:current (the open sprint whose
// days contain "now", which is known only when matching). Shared by both evaluators.
struct SprintTest {
    std::vector<std::string> ids;  // accepted sprint ids ("" for none)
    bool current = false;
    std::vector<Sprint> sprints;   // current: the board's, to find the current one by `now`

    bool Accepts(const std::string& sprint, Millis now) const {
        if (current) {
            const Sprint* s = CurrentSprint(sprints, now);
            return s && sprint == s->id;
        }
        return std::find(ids.begin(), ids.end(), sprint) != ids.end();
    }
};

SprintTest MakeSprintTest(const QueryTerm& term, const BoardConfig& config) {
    SprintTest test;
    const std::string keyword = term.quoted ? std::string() : AsciiLower(term.value);
    LoadedSprints loaded = SprintsOf(config);
    if (keyword == "none") {
        test.ids.push_back("");
    } else if (keyword == "current") {
        test.current = true;
        test.sprints = std::move(loaded.sprints);
    } else {
        test.ids.push_back(term.value);
        if (const Sprint* named = FindSprintByName(loaded.sprints, term.value)) test.ids.push_back(named->id);
    }
    return test;
}

// One term, resolved against the board, the index and the context.
struct Matcher {
    const QueryTerm* term = nullptr;
    std::vector<bool> symbols;            // Status/Priority/Type/Assignee: by symbol, whether it matches
    std::vector<std::uint64_t> docs;      // Text/Phrase/Label: tickets from the index
    std::string folded;                   // Requester: the value; Phrase: the phrase
    bool verify_phrase = false;
    mutable std::string scratch;          // Phrase: the field being verified, folded
    Millis low = kMinTime, high = kMaxTime;  // dates: [low, high)
    Check check = Check::Open;            // Is/Has
    SprintTest sprint;                    // Sprint
};

bool Contains(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool IsDoneIn(const BoardConfig& config, const std::string& status) {
    const StatusDef* def = config.FindStatus(status);
    return def && def->category == StatusCategory::Done;  // unknown statuses count as open
}

// What a status, priority, type or assignee term accepts, resolved against the board's
// configuration once. Shared by the Evaluator (asked once per symbol of the index) and
// TicketMatcher (asked once per ticket), so both read a term the same way.
struct ValueTest {
    std::vector<std::string> ids;  // values accepted as they are
    bool negate = false;           // accept every value NOT in `ids` (status:open)
    bool me = false;               // assignee:me: whoever is looking; nobody when nobody is
    bool named = false;            // assignee:<name>: a member by id or name, or the folded value itself
    std::string folded;            // named: the term's value, folded

    bool Accepts(const std::string& value, const std::string& me_id) const {
        if (me) return !me_id.empty() && value == me_id;
        if (named) return !value.empty() && (Contains(ids, value) || FoldedEquals(value, folded));
        return Contains(ids, value) != negate;
    }
};

// The value as typed, and the ids of the definitions it names by id or name.
template <class Def>
ValueTest NamedIds(const QueryTerm& term, const std::string& folded, const std::vector<Def>& defs) {
    ValueTest test;
    test.ids.push_back(term.value);
    for (const Def& def : defs)
        if (Names(def, folded)) test.ids.push_back(def.id);
    return test;
}

// `folded` is FoldText(term.value).
ValueTest StatusTest(const QueryTerm& term, const std::string& folded, const BoardConfig& config) {
    ValueTest test;
    if (IsStatusKeyword(term)) {
        bool open = folded == "open", closed = folded == "closed" || folded == "done";
        test.negate = open;
        for (const StatusDef& s : config.statuses) {
            bool done = s.category == StatusCategory::Done;
            if (((open || closed) && done) || (!open && !closed && folded == ToString(s.category))) test.ids.push_back(s.id);
        }
        return test;
    }
    return NamedIds(term, folded, config.statuses);
}

ValueTest PriorityTest(const QueryTerm& term, const std::string& folded, const BoardConfig& config) {
    ValueTest test;
    long rank = -1;
    for (std::size_t i = 0; i < config.priorities.size(); ++i)
        if (rank < 0 && Names(config.priorities[i], folded)) rank = static_cast<long>(i);
    if (term.compare == QueryCompare::Equal) {
        test.ids.push_back(rank >= 0 ? config.priorities[static_cast<std::size_t>(rank)].id : term.value);
    } else if (rank >= 0) {  // "more urgent than" something unknown matches nothing
        for (std::size_t i = 0; i < config.priorities.size(); ++i) {
            long r = static_cast<long>(i);  // 0 is the most urgent
            bool match = term.compare == QueryCompare::Greater          ? r < rank
                         : term.compare == QueryCompare::GreaterOrEqual ? r <= rank
                         : term.compare == QueryCompare::Less           ? r > rank
                                                                        : r >= rank;
            if (match) test.ids.push_back(config.priorities[i].id);
        }
    }
    return test;
}

ValueTest TypeTest(const QueryTerm& term, const std::string& folded, const BoardConfig& config) {
    return NamedIds(term, folded, config.types);
}

ValueTest AssigneeTest(const QueryTerm& term, const std::string& folded, const BoardConfig& config) {
    ValueTest test;
    if (!term.quoted && folded == "me") {
        test.me = true;  // nobody signed in matches nobody, not the unassigned tickets
    } else if (!term.quoted && folded == "none") {
        test.ids.push_back("");
    } else {
        test.named = true;
        test.folded = folded;
        for (const MemberDef& def : config.members)
            if (Names(def, folded)) test.ids.push_back(def.id);
    }
    return test;
}

// is:breached for a ticket of this age: past its priority's resolution target, or its
// response target while nobody has answered (targets of 0: none). `share` < 1 asks
// whether that share of a target has passed instead (is:at-risk).
bool PastTargets(Millis age, bool responded, Millis response_ms, Millis resolution_ms, double share = 1.0) {
    auto past = [&](Millis target) { return target > 0 && static_cast<double>(age) > share * static_cast<double>(target); };
    return past(resolution_ms) || (!responded && past(response_ms));
}

constexpr double kDefaultWarnShare = 0.8;  // is:at-risk without SLA settings: 80 % of a target

// is:breached and is:at-risk of an open ticket by the board's SLA settings (business
// hours, time waiting left out): a clock that is past its target, or at risk and not past.
bool SlaCheck(bool at_risk, const Ticket& ticket, const BoardConfig& config, const SlaSettings& sla, Millis now) {
    SlaState state = ComputeSla(ticket, config, sla, now);
    bool breached = state.response.breached || state.resolution.breached;
    if (!at_risk) return breached;
    return !breached && (state.response.at_risk || state.resolution.at_risk);
}

// The same without SLA settings: wall-clock age against the priority's targets.
bool AgeCheck(bool at_risk, Millis age, bool responded, Millis response_ms, Millis resolution_ms) {
    bool breached = PastTargets(age, responded, response_ms, resolution_ms);
    if (!at_risk) return breached;
    return !breached && PastTargets(age, responded, response_ms, resolution_ms, kDefaultWarnShare);
}

// The instants [low, high) a due:/created:/updated: term accepts, seen from `now`.
void DateRange(const QueryTerm& term, Millis now, Millis& low, Millis& high) {
    QueryCompare compare = term.compare;
    Millis t = term.amount;
    if (term.relative) {
        if (compare == QueryCompare::Equal) compare = QueryCompare::Less;  // due:3d = within 3 days
        if (term.field == QueryField::Due) {
            t = now + term.amount;  // due:<3d: due before three days from now
        } else {
            // created:<1w reads "less than a week old": an age, so the direction flips.
            t = now - term.amount;
            compare = compare == QueryCompare::Less           ? QueryCompare::Greater
                      : compare == QueryCompare::LessOrEqual  ? QueryCompare::GreaterOrEqual
                      : compare == QueryCompare::Greater      ? QueryCompare::Less
                                                              : QueryCompare::LessOrEqual;
        }
    }
    low = kMinTime, high = kMaxTime;
    switch (compare) {
        case QueryCompare::Equal: low = t, high = t + kMillisPerDay; break;  // that whole day
        case QueryCompare::Less: high = t; break;
        case QueryCompare::LessOrEqual: high = t + 1; break;
        case QueryCompare::Greater: low = t + 1; break;
        case QueryCompare::GreaterOrEqual: low = t; break;
    }
}

// Evaluates the query's tree for one ticket at a time, from the index's facts, touching
// the Ticket itself only for phrases, requester and links.
class Evaluator {
public:
    Evaluator(const Query& query, const Board& board, const SearchIndex& index, const QueryContext& context)
        : query_(query), nodes_(query.nodes), board_(board), config_(board.config()), index_(index),
          context_(context) {
        const std::vector<std::string>& symbols = index.symbols();
        for (const std::string& text : symbols) {
            const PriorityDef* priority = config_.FindPriority(text);
            done_.push_back(IsDone(text));
            response_ms_.push_back(priority ? Millis{priority->response_minutes} * 60000 : 0);
            resolution_ms_.push_back(priority ? Millis{priority->resolution_minutes} * 60000 : 0);
        }
        for (const QueryTerm& term : query.terms) matchers_.push_back(Compile(term));
        // Cheap tests first within an AND: the result is the same, the expensive ones
        // (a phrase read from the ticket's text) run on fewer tickets.
        for (QueryNode& node : nodes_)
            if (node.kind == QueryNode::Kind::And)
                std::stable_sort(node.children.begin(), node.children.end(),
                                 [&](std::size_t a, std::size_t b) { return Cost(a) < Cost(b); });
        FindCandidates();
    }

    // Positions worth testing, when the index narrows them down; nullptr: all.
    const std::vector<std::uint64_t>* candidates() const { return has_candidates_ ? &candidates_ : nullptr; }

    bool Matches(std::size_t node_index, const DocFacts& facts, std::size_t pos) const {
        const QueryNode& node = nodes_[node_index];
        switch (node.kind) {
            case QueryNode::Kind::Term: return MatchTerm(matchers_[node.term], facts, pos);
            case QueryNode::Kind::Not: return !Matches(node.children[0], facts, pos);
            case QueryNode::Kind::And:
                for (std::size_t child : node.children)
                    if (!Matches(child, facts, pos)) return false;
                return true;
            case QueryNode::Kind::Or:
                for (std::size_t child : node.children)
                    if (Matches(child, facts, pos)) return true;
                return false;
        }
        return false;
    }

private:
    bool IsDone(const std::string& status) const { return IsDoneIn(config_, status); }

    int Cost(std::size_t node_index) const {
        const QueryNode& node = nodes_[node_index];
        if (node.kind != QueryNode::Kind::Term) {
            int cost = 0;
            for (std::size_t child : node.children) cost = std::max(cost, Cost(child));
            return cost;
        }
        const Matcher& m = matchers_[node.term];
        switch (m.term->field) {
            case QueryField::Text:
            case QueryField::Label: return 0;  // a bit test
            case QueryField::Phrase: return 3;
            case QueryField::Requester:
            case QueryField::Sprint: return 2;  // reads the ticket
            case QueryField::Is: return m.check == Check::Blocked ? 2 : 1;
            default: return 1;  // reads the facts
        }
    }

    static bool UsesIndex(const QueryTerm& term) {
        return term.field == QueryField::Text || term.field == QueryField::Phrase || term.field == QueryField::Label;
    }

    // Tickets that can match the root at all: the intersection of the index terms the
    // root requires. Saves testing 100k tickets for "vpn status:open".
    void FindCandidates() {
        if (query_.root < 0) return;
        const QueryNode& root = query_.nodes[static_cast<std::size_t>(query_.root)];
        std::vector<std::size_t> required;
        if (root.kind == QueryNode::Kind::Term) required.push_back(static_cast<std::size_t>(query_.root));
        if (root.kind == QueryNode::Kind::And) required = root.children;
        for (std::size_t node : required) {
            if (query_.nodes[node].kind != QueryNode::Kind::Term) continue;
            const Matcher& m = matchers_[query_.nodes[node].term];
            if (!UsesIndex(*m.term)) continue;
            if (!has_candidates_) {
                candidates_ = m.docs;
                has_candidates_ = true;
            } else {
                candidates_.resize(std::min(candidates_.size(), m.docs.size()));
                for (std::size_t w = 0; w < candidates_.size(); ++w) candidates_[w] &= m.docs[w];
            }
        }
    }

    template <class Accept>
    std::vector<bool> AcceptSymbols(Accept accept) const {
        std::vector<bool> out;
        for (const std::string& text : index_.symbols()) out.push_back(accept(text));
        return out;
    }

    Matcher Compile(const QueryTerm& term) const {
        Matcher m;
        m.term = &term;
        bool text = term.field == QueryField::Text || term.field == QueryField::Phrase;
        std::string folded = text ? term.value : FoldText(term.value);
        switch (term.field) {
            case QueryField::Text:
            case QueryField::Phrase: CompileText(term, m); break;
            case QueryField::Status: CompileValues(StatusTest(term, folded, config_), m); break;
            case QueryField::Priority: CompileValues(PriorityTest(term, folded, config_), m); break;
            case QueryField::Type: CompileValues(TypeTest(term, folded, config_), m); break;
            case QueryField::Assignee: CompileValues(AssigneeTest(term, folded, config_), m); break;
            case QueryField::Label:
                index_.MarkLabel(folded, m.docs);
                m.docs.resize(Words(), 0);
                break;
            case QueryField::Requester: m.folded = folded; break;
            case QueryField::Due:
            case QueryField::Created:
            case QueryField::Updated: CompileDate(term, m); break;
            case QueryField::Is:
            case QueryField::Has: m.check = CheckFor(term); break;
            case QueryField::Sprint: m.sprint = MakeSprintTest(term, config_); break;
        }
        return m;
    }

    std::size_t Words() const { return (board_.tickets().size() + 63) / 64; }

    void CompileText(const QueryTerm& term, Matcher& m) const {
        std::vector<std::string> tokens;
        Tokenize(term.value, tokens);
        if (tokens.empty()) m.docs.assign(Words(), ~std::uint64_t{0});  // only punctuation: verify everything
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            // A single CJK character is looked up as a prefix: it is indexed inside bigrams.
            bool prefix = (term.prefix && i + 1 == tokens.size()) || IsSingleCjkChar(tokens[i]);
            std::vector<std::uint64_t> bits;
            index_.MarkWord(tokens[i], prefix, bits);
            bits.resize(Words(), 0);
            if (i == 0) {
                m.docs = std::move(bits);
            } else {
                for (std::size_t w = 0; w < bits.size(); ++w) m.docs[w] &= bits[w];
            }
        }
        if (term.field == QueryField::Phrase) {
            m.folded = term.value;
            // A phrase that is a single whole token is answered by the index alone.
            m.verify_phrase = !(tokens.size() == 1 && tokens[0] == term.value);
        }
    }

    // Status, priority, type, assignee: which of the index's symbols the term accepts.
    void CompileValues(const ValueTest& test, Matcher& m) const {
        m.symbols = AcceptSymbols([&](const std::string& value) { return test.Accepts(value, context_.me); });
    }

    void CompileDate(const QueryTerm& term, Matcher& m) const { DateRange(term, context_.now, m.low, m.high); }

    static bool Accepts(const std::vector<bool>& symbols, std::uint32_t symbol) {
        return symbol < symbols.size() && symbols[symbol];
    }

    bool MatchTerm(const Matcher& m, const DocFacts& f, std::size_t pos) const {
        switch (m.term->field) {
            case QueryField::Text:
            case QueryField::Label: return TestBit(m.docs, pos);
            case QueryField::Phrase:
                return TestBit(m.docs, pos) &&
                       (!m.verify_phrase || TicketContainsPhrase(board_.tickets()[pos], m.folded, m.scratch));
            case QueryField::Status: return Accepts(m.symbols, f.status);
            case QueryField::Priority: return Accepts(m.symbols, f.priority);
            case QueryField::Type: return Accepts(m.symbols, f.type);
            case QueryField::Assignee: return Accepts(m.symbols, f.assignee);
            case QueryField::Requester: {
                const std::string& requester = board_.tickets()[pos].requester;
                return !requester.empty() && FoldedContains(requester, m.folded);
            }
            case QueryField::Due: return f.due != 0 && f.due >= m.low && f.due < m.high;
            case QueryField::Created: return f.created >= m.low && f.created < m.high;
            case QueryField::Updated: return f.updated >= m.low && f.updated < m.high;
            case QueryField::Is:
            case QueryField::Has: return MatchCheck(m.check, f, pos);
            case QueryField::Sprint: return m.sprint.Accepts(board_.tickets()[pos].sprint, context_.now);
        }
        return false;
    }

    bool MatchCheck(Check check, const DocFacts& f, std::size_t pos) const {
        bool done = f.status < done_.size() && done_[f.status];
        switch (check) {
            case Check::Open: return !done;
            case Check::Closed: return done;
            case Check::Unassigned: return f.assignee == 0;  // symbol 0 is ""
            case Check::Deleted: return f.deleted;
            case Check::Overdue: return f.due != 0 && f.due < context_.now && !done;
            case Check::Blocked: return IsBlocked(board_.tickets()[pos]);
            case Check::Breached: return !done && IsPastTarget(false, f, pos);
            case Check::AtRisk: return !done && IsPastTarget(true, f, pos);
            case Check::HasDue: return f.due != 0;
            case Check::HasAssignee: return f.assignee != 0;
            case Check::HasLabels: return f.label_count > 0;
        }
        return false;
    }

    // Deleted or finished blockers, and links to tickets that are gone, do not block.
    bool IsBlocked(const Ticket& ticket) const {
        return std::any_of(ticket.links.begin(), ticket.links.end(), [&](const Link& link) {
            if (link.kind != LinkKind::BlockedBy) return false;
            const Ticket* blocker = board_.Find(link.target);
            return blocker && !blocker->deleted && !IsDone(blocker->status);
        });
    }

    // By the SLA settings when the board has them, else by age (see SlaCheck, AgeCheck).
    bool IsPastTarget(bool at_risk, const DocFacts& f, std::size_t pos) const {
        if (context_.sla && context_.sla->enabled)
            return SlaCheck(at_risk, board_.tickets()[pos], config_, *context_.sla, context_.now);
        if (f.priority >= resolution_ms_.size()) return false;
        return AgeCheck(at_risk, context_.now - f.created, f.responded, response_ms_[f.priority],
                        resolution_ms_[f.priority]);
    }

    const Query& query_;
    std::vector<QueryNode> nodes_;  // the query's, with AND children cheapest first
    const Board& board_;
    const BoardConfig& config_;
    const SearchIndex& index_;
    const QueryContext& context_;
    // By symbol: a done status; a priority's targets.
    std::vector<bool> done_;
    std::vector<Millis> response_ms_, resolution_ms_;
    std::vector<Matcher> matchers_;
    std::vector<std::uint64_t> candidates_;
    bool has_candidates_ = false;
};

// -----------------------------------------------------------------------------
// [SECTION] Running: candidates from the index, predicates, sorting
// -----------------------------------------------------------------------------

struct SortRow {  // 24 bytes: the sort moves these around
    std::uint64_t first, second;
    std::uint32_t pos;
    bool first_missing, second_missing;  // missing sorts after every value
};

bool SameKeys(const SortRow& a, const SortRow& b) {
    return a.first == b.first && a.second == b.second && a.first_missing == b.first_missing &&
           a.second_missing == b.second_missing;
}

// Sorts by (first_missing, first, second_missing, second), least significant digit first,
// skipping digits that are the same in every row (timestamps of one board vary in ~35 of
// their 64 bits). Rows with equal keys keep their order. Several times faster than a
// comparison sort on tens of thousands of rows, which matters most in the browser.
void RadixSort(std::vector<SortRow>& rows) {
    if (rows.size() < 2) return;
    constexpr int kDigitBits = 11;
    constexpr std::uint64_t kDigitMask = (1u << kDigitBits) - 1;
    auto word = [](const SortRow& row, int which) -> std::uint64_t {
        switch (which) {
            case 0: return row.second;
            case 1: return row.second_missing;
            case 2: return row.first;
            default: return row.first_missing;
        }
    };
    std::vector<SortRow> buffer(rows.size());
    std::vector<std::uint32_t> count(std::size_t{1} << kDigitBits);
    for (int which = 0; which < 4; ++which) {
        std::uint64_t varying = 0, base = word(rows[0], which);
        for (const SortRow& row : rows) varying |= word(row, which) ^ base;
        for (int shift = 0; shift < 64 && (varying >> shift) != 0; shift += kDigitBits) {
            if (((varying >> shift) & kDigitMask) == 0) continue;
            std::fill(count.begin(), count.end(), 0);
            for (const SortRow& row : rows) ++count[(word(row, which) >> shift) & kDigitMask];
            std::uint32_t total = 0;
            for (std::uint32_t& c : count) total += std::exchange(c, total);
            for (const SortRow& row : rows) buffer[count[(word(row, which) >> shift) & kDigitMask]++] = row;
            rows.swap(buffer);
        }
    }
}

// Orders results. The first two keys are packed into integers per row (for a title: its
// first 16 folded bytes) so the rows sort as integers; only rows equal on both go through
// the full comparison (all keys, then newest created first, then id), which keeps the
// order total and the same on every run.
class Sorter {
public:
    Sorter(const Query& query, const Board& board, const SearchIndex& index)
        : tickets_(board.tickets()), facts_(index.facts()) {
        keys_ = query.sort;
        keys_.push_back(kDefaultOrder);  // the tie-break, and the whole order when none is asked
        for (const std::string& text : index.symbols()) rank_.push_back(board.config().PriorityRank(text));
    }

    void Sort(std::vector<std::size_t>& rows) {
        using Row = SortRow;
        std::vector<Row> packed;
        packed.reserve(rows.size());
        bool title_first = keys_[0].key == SortKey::Title;
        for (std::size_t pos : rows) {
            Packed first = PackedKey(keys_[0], pos, 0);
            Packed second = title_first ? PackedKey(keys_[0], pos, 1) : PackedKey(keys_[1], pos, 0);
            packed.push_back({first.key, second.key, static_cast<std::uint32_t>(pos), first.missing, second.missing});
        }
        auto less = [&](const Row& a, const Row& b) {
            if (a.first_missing != b.first_missing) return b.first_missing;
            if (a.first != b.first) return a.first < b.first;
            if (a.second_missing != b.second_missing) return b.second_missing;
            if (a.second != b.second) return a.second < b.second;
            return Less(a.pos, b.pos);
        };
        // Tickets are stored in creation order, so the default order (newest first) is
        // usually the stored order reversed: checking costs one pass, sorting many.
        if (std::is_sorted(packed.rbegin(), packed.rend(), less)) {
            std::reverse(packed.begin(), packed.end());
        } else if (!std::is_sorted(packed.begin(), packed.end(), less)) {
            RadixSort(packed);
            for (auto run = packed.begin(); run != packed.end();) {
                auto end = std::find_if(run, packed.end(), [&](const Row& row) { return !SameKeys(row, *run); });
                if (end - run > 1) std::sort(run, end, less);
                run = end;
            }
        }
        for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = packed[i].pos;
    }

private:
    static constexpr QuerySort kDefaultOrder{SortKey::Created, true};
    // Missing values (no due date, unknown priority) sort last in either direction.
    struct Packed {
        bool missing = false;
        std::uint64_t key = 0;
    };

    // Whole folded titles are needed only when the first 16 bytes (in the facts) tie;
    // folded once each, on first use.
    const std::string& FoldedTitle(std::size_t pos) {
        if (titles_.empty()) titles_.resize(tickets_.size());
        if (!titles_[pos]) titles_[pos] = FoldText(tickets_[pos].title);
        return *titles_[pos];
    }
    int Rank(std::size_t pos) const {
        std::uint32_t symbol = facts_[pos].priority;
        return symbol < rank_.size() ? rank_[symbol] : -1;
    }

    // For titles, `half` picks the first or second eight bytes.
    Packed PackedKey(const QuerySort& sort, std::size_t pos, std::size_t half) const {
        const DocFacts& f = facts_[pos];
        auto time = [](Millis ms) { return static_cast<std::uint64_t>(ms) ^ (std::uint64_t{1} << 63); };
        std::uint64_t key = 0;
        switch (sort.key) {
            case SortKey::Created: key = time(f.created); break;
            case SortKey::Updated: key = time(f.updated); break;
            case SortKey::Due:
                if (f.due == 0) return {true, 0};
                key = time(f.due);
                break;
            case SortKey::Priority:
                if (Rank(pos) < 0) return {true, 0};
                key = static_cast<std::uint64_t>(Rank(pos));
                break;
            case SortKey::Title: key = f.title_key[half]; break;
        }
        return {false, sort.descending ? ~key : key};
    }

    // <0, 0, >0 as a comes before, with, after b for one key.
    int Compare(const QuerySort& sort, std::size_t a, std::size_t b) {
        const DocFacts& x = facts_[a];
        const DocFacts& y = facts_[b];
        auto ordered = [&](auto u, auto v) {
            int c = u < v ? -1 : v < u ? 1 : 0;
            return sort.descending ? -c : c;
        };
        auto missing_last = [](bool mu, bool mv) { return int{mu} - int{mv}; };
        switch (sort.key) {
            case SortKey::Created: return ordered(x.created, y.created);
            case SortKey::Updated: return ordered(x.updated, y.updated);
            case SortKey::Due:
                if (x.due == 0 || y.due == 0) return missing_last(x.due == 0, y.due == 0);
                return ordered(x.due, y.due);
            case SortKey::Priority:
                if (Rank(a) < 0 || Rank(b) < 0) return missing_last(Rank(a) < 0, Rank(b) < 0);
                return ordered(Rank(a), Rank(b));
            case SortKey::Title: return ordered(FoldedTitle(a), FoldedTitle(b));
        }
        return 0;
    }

    bool Less(std::size_t a, std::size_t b) {
        for (const QuerySort& key : keys_)
            if (int c = Compare(key, a, b)) return c < 0;
        if (tickets_[a].id != tickets_[b].id) return tickets_[a].id > tickets_[b].id;
        return a > b;
    }

    const std::vector<Ticket>& tickets_;
    const std::vector<DocFacts>& facts_;
    std::vector<QuerySort> keys_;
    std::vector<int> rank_;  // by symbol: priority rank, -1 when not a priority
    std::vector<std::optional<std::string>> titles_;  // by position, folded when first needed
};

}  // namespace

std::vector<std::size_t> RunQuery(const Query& query, const Board& board, const SearchIndex& index,
                                  const QueryContext& context) {
    const std::vector<DocFacts>& facts = index.facts();
    // Positions the index does not know (it must be kept up to date) are left out.
    std::size_t count = std::min(board.tickets().size(), facts.size());
    Evaluator evaluator(query, board, index, context);
    std::vector<std::size_t> rows;
    auto consider = [&](std::size_t pos) {
        const DocFacts& f = facts[pos];
        if (!f.present || (f.deleted && !query.shows_deleted)) return;
        if (query.root < 0 || evaluator.Matches(static_cast<std::size_t>(query.root), f, pos)) rows.push_back(pos);
    };
    if (const std::vector<std::uint64_t>* candidates = evaluator.candidates()) {
        for (std::size_t w = 0; w < candidates->size(); ++w)
            for (std::uint64_t bits = (*candidates)[w]; bits != 0; bits &= bits - 1) {
                std::size_t pos = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
                if (pos < count) consider(pos);
            }
    } else {
        for (std::size_t pos = 0; pos < count; ++pos) consider(pos);
    }
    Sorter(query, board, index).Sort(rows);
    return rows;
}

// -----------------------------------------------------------------------------
// [SECTION] Matching tickets one at a time, without the index
// -----------------------------------------------------------------------------
//
// The Evaluator's decisions, read from the Ticket instead of the index: value tests,
// date ranges, phrase checks and SLA targets are the shared functions above; words are
// cut here as SearchIndex::CollectTerms cuts them, once per ticket and only when a word
// or phrase is asked about.

namespace {

// A ticket's words as the index has them: each field folded and tokenized on its own
// (no bigram spans two fields), in TokenMode::Index. Cut on first use, into buffers kept
// from one ticket to the next (a timed pass asks about thousands of tickets in a row).
class TicketWords {
public:
    explicit TicketWords(const Ticket& ticket) : ticket_(ticket), buffers_(SharedBuffers()) {}

    bool Has(std::string_view token, bool prefix) {
        if (!built_) Build();
        for (std::string_view word : buffers_.words)
            if (prefix ? word.starts_with(token) : word == token) return true;
        return false;
    }
    std::string& scratch() { return buffers_.scratch; }  // for TicketContainsPhrase

private:
    struct Buffers {
        std::string folded;
        std::vector<std::size_t> ends;  // where each field ends in `folded`
        std::vector<std::string_view> words;
        std::string scratch;
    };
    // Core runs on one thread (the browser's main thread); a matcher is never asked about
    // two tickets at once, so one set of buffers serves every TicketWords.
    static Buffers& SharedBuffers() {
        static thread_local Buffers buffers;
        return buffers;
    }

    void Build() {
        built_ = true;
        Buffers& b = buffers_;
        b.folded.clear();
        b.ends.clear();
        b.words.clear();
        auto add = [&](const std::string& text) {
            if (text.empty()) return;
            AppendFolded(text, b.folded);
            b.ends.push_back(b.folded.size());
        };
        add(ticket_.title);
        add(ticket_.description);
        for (const Comment& comment : ticket_.comments) add(comment.body);
        add(ticket_.requester);
        for (const std::string& label : ticket_.labels) add(label);
        std::size_t begin = 0;
        for (std::size_t end : b.ends) {  // views into `folded`, complete now: it no longer moves
            TokenizeViews(std::string_view(b.folded).substr(begin, end - begin), b.words, TokenMode::Index);
            begin = end;
        }
    }

    const Ticket& ticket_;
    Buffers& buffers_;
    bool built_ = false;
};

}  // namespace

struct TicketMatcher::Compiled {
    struct Term {
        QueryTerm term;
        ValueTest values;                 // Status/Priority/Type/Assignee
        std::vector<std::string> tokens;  // Text/Phrase: every one must be among the ticket's words
        std::vector<bool> prefix;         // by token: matches words starting with it
        std::string folded;               // Label, Requester: the value; Phrase: the phrase
        bool verify_phrase = false;
        Check check = Check::Open;        // Is/Has
        SprintTest sprint;                // Sprint
    };
    struct Targets {
        std::string priority;
        Millis response_ms = 0, resolution_ms = 0;
    };

    Query query;  // its AND children reordered cheapest first
    std::vector<Term> terms;
    std::vector<std::string> done;  // ids of the done statuses
    std::vector<Targets> targets;

    Compiled(const Query& q, const BoardConfig& config) : query(q) {
        for (const StatusDef& s : config.statuses)
            if (s.category == StatusCategory::Done) done.push_back(s.id);
        for (const PriorityDef& p : config.priorities)
            targets.push_back({p.id, Millis{p.response_minutes} * 60000, Millis{p.resolution_minutes} * 60000});
        for (const QueryTerm& term : query.terms) terms.push_back(Compile(term, config));
        for (QueryNode& node : query.nodes)
            if (node.kind == QueryNode::Kind::And)
                std::stable_sort(node.children.begin(), node.children.end(),
                                 [&](std::size_t a, std::size_t b) { return Cost(a) < Cost(b); });
    }

    static Term Compile(const QueryTerm& term, const BoardConfig& config) {
        Term t;
        t.term = term;
        bool text = term.field == QueryField::Text || term.field == QueryField::Phrase;
        std::string folded = text ? term.value : FoldText(term.value);
        switch (term.field) {
            case QueryField::Text:
            case QueryField::Phrase: {
                Tokenize(term.value, t.tokens);
                for (std::size_t i = 0; i < t.tokens.size(); ++i)
                    t.prefix.push_back((term.prefix && i + 1 == t.tokens.size()) || IsSingleCjkChar(t.tokens[i]));
                if (term.field == QueryField::Phrase) {
                    t.folded = term.value;
                    t.verify_phrase = !(t.tokens.size() == 1 && t.tokens[0] == term.value);
                }
                break;
            }
            case QueryField::Status: t.values = StatusTest(term, folded, config); break;
            case QueryField::Priority: t.values = PriorityTest(term, folded, config); break;
            case QueryField::Type: t.values = TypeTest(term, folded, config); break;
            case QueryField::Assignee: t.values = AssigneeTest(term, folded, config); break;
            case QueryField::Label:
            case QueryField::Requester: t.folded = std::move(folded); break;
            case QueryField::Due:
            case QueryField::Created:
            case QueryField::Updated: break;  // the range depends on "now": worked out when matching
            case QueryField::Is:
            case QueryField::Has: t.check = CheckFor(term); break;
            case QueryField::Sprint: t.sprint = MakeSprintTest(term, config); break;
        }
        return t;
    }

    int Cost(std::size_t node_index) const {
        const QueryNode& node = query.nodes[node_index];
        if (node.kind != QueryNode::Kind::Term) {
            int cost = 0;
            for (std::size_t child : node.children) cost = std::max(cost, Cost(child));
            return cost;
        }
        const Term& t = terms[node.term];
        switch (t.term.field) {
            case QueryField::Text: return 3;  // the ticket's words, cut on first use
            case QueryField::Phrase: return 4;
            case QueryField::Label:
            case QueryField::Requester: return 2;
            case QueryField::Is: return t.check == Check::Blocked ? 2 : 1;
            default: return 1;
        }
    }

    bool IsDone(const std::string& status) const { return Contains(done, status); }

    bool Matches(const Ticket& ticket, const Board& board, const QueryContext& context) const {
        if (ticket.deleted && !query.shows_deleted) return false;
        if (query.root < 0) return true;
        TicketWords words(ticket);
        return MatchNode(static_cast<std::size_t>(query.root), ticket, board, context, words);
    }

    bool MatchNode(std::size_t node_index, const Ticket& ticket, const Board& board, const QueryContext& context,
                   TicketWords& words) const {
        const QueryNode& node = query.nodes[node_index];
        switch (node.kind) {
            case QueryNode::Kind::Term: return MatchTerm(terms[node.term], ticket, board, context, words);
            case QueryNode::Kind::Not: return !MatchNode(node.children[0], ticket, board, context, words);
            case QueryNode::Kind::And:
                for (std::size_t child : node.children)
                    if (!MatchNode(child, ticket, board, context, words)) return false;
                return true;
            case QueryNode::Kind::Or:
                for (std::size_t child : node.children)
                    if (MatchNode(child, ticket, board, context, words)) return true;
                return false;
        }
        return false;
    }

    static bool InRange(const QueryTerm& term, Millis value, Millis now) {
        Millis low = 0, high = 0;
        DateRange(term, now, low, high);
        return value >= low && value < high;
    }

    bool MatchTerm(const Term& t, const Ticket& ticket, const Board& board, const QueryContext& context,
                   TicketWords& words) const {
        switch (t.term.field) {
            case QueryField::Text:
            case QueryField::Phrase:
                for (std::size_t i = 0; i < t.tokens.size(); ++i)
                    if (!words.Has(t.tokens[i], t.prefix[i])) return false;
                return !t.verify_phrase || TicketContainsPhrase(ticket, t.folded, words.scratch());
            case QueryField::Label:
                return std::any_of(ticket.labels.begin(), ticket.labels.end(),
                                   [&](const std::string& label) { return FoldedEquals(label, t.folded); });
            case QueryField::Requester: return !ticket.requester.empty() && FoldedContains(ticket.requester, t.folded);
            case QueryField::Status: return t.values.Accepts(ticket.status, context.me);
            case QueryField::Priority: return t.values.Accepts(ticket.priority, context.me);
            case QueryField::Type: return t.values.Accepts(ticket.type, context.me);
            case QueryField::Assignee: return t.values.Accepts(ticket.assignee, context.me);
            case QueryField::Due: return ticket.due != 0 && InRange(t.term, ticket.due, context.now);
            case QueryField::Created: return InRange(t.term, ticket.created, context.now);
            case QueryField::Updated: return InRange(t.term, ticket.updated, context.now);
            case QueryField::Is:
            case QueryField::Has: return MatchCheck(t.check, ticket, board, context);
            case QueryField::Sprint: return t.sprint.Accepts(ticket.sprint, context.now);
        }
        return false;
    }

    bool MatchCheck(Check check, const Ticket& ticket, const Board& board, const QueryContext& context) const {
        bool done = IsDone(ticket.status);
        switch (check) {
            case Check::Open: return !done;
            case Check::Closed: return done;
            case Check::Unassigned: return ticket.assignee.empty();
            case Check::Deleted: return ticket.deleted;
            case Check::Overdue: return ticket.due != 0 && ticket.due < context.now && !done;
            case Check::Blocked:
                // Deleted or finished blockers, and links to tickets that are gone, do not block.
                return std::any_of(ticket.links.begin(), ticket.links.end(), [&](const Link& link) {
                    if (link.kind != LinkKind::BlockedBy) return false;
                    const Ticket* blocker = board.Find(link.target);
                    return blocker && !blocker->deleted && !IsDone(blocker->status);
                });
            case Check::Breached:
            case Check::AtRisk: {
                if (done) return false;
                const bool at_risk = check == Check::AtRisk;
                if (context.sla && context.sla->enabled) return SlaCheck(at_risk, ticket, board.config(), *context.sla, context.now);
                for (const Targets& t : targets)
                    if (t.priority == ticket.priority)
                        return AgeCheck(at_risk, context.now - ticket.created, ticket.first_response_at != 0,
                                        t.response_ms, t.resolution_ms);
                return false;
            }
            case Check::HasDue: return ticket.due != 0;
            case Check::HasAssignee: return !ticket.assignee.empty();
            case Check::HasLabels: return !ticket.labels.empty();
        }
        return false;
    }
};

TicketMatcher::TicketMatcher() : TicketMatcher(Query{}, BoardConfig{}) {}

TicketMatcher::TicketMatcher(const Query& query, const BoardConfig& config)
    : compiled_(std::make_shared<const Compiled>(query, config)) {}

bool TicketMatcher::Matches(const Ticket& ticket, const Board& board, const QueryContext& context) const {
    return compiled_->Matches(ticket, board, context);
}

bool QueryMatchesTicket(const Query& query, const Ticket& ticket, const Board& board, const QueryContext& context) {
    return TicketMatcher(query, board.config()).Matches(ticket, board, context);
}

// -----------------------------------------------------------------------------
// [SECTION] Vocabulary for completion (query_complete.cpp)
// -----------------------------------------------------------------------------

std::vector<std::string_view> QueryFieldNames() {
    std::vector<std::string_view> names;
    for (const FieldName& f : kFields) names.push_back(f.name);
    names.push_back(kSortField);
    return names;
}

std::vector<std::string_view> QueryKeywords(std::string_view field) {
    auto all = [](const auto& words) { return std::vector<std::string_view>(std::begin(words), std::end(words)); };
    if (field == "status") return all(kStatusKeywords);
    if (field == "is") return all(kIsValues);
    if (field == "has") return all(kHasValues);
    if (field == "sprint") return all(kSprintKeywords);
    if (field == kSortField) return all(kSortKeys);
    return {};
}

}  // namespace tackboard
