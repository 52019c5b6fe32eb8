// query_complete.cpp — autocomplete for the query language (see query_complete.hpp).
#include "core/sprints.hpp"
#include "core/query_complete.hpp"

#include <algorithm>

#include "core/query.hpp"
#include "core/text_fold.hpp"

namespace tackboard {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// Where the word ending at the end of `before` starts: after the last space or '(', and
// after the '-' that negates it.
std::size_t WordStart(std::string_view before) {
    std::size_t start = before.size();
    while (start > 0 && !IsSpace(before[start - 1]) && before[start - 1] != '(') --start;
    while (start < before.size() && before[start] == '-') ++start;
    return start;
}

// Fields whose value may start with a comparison (prio:>=high, due:<3d).
bool TakesOperator(std::string_view field) {
    return field == "prio" || field == "priority" || field == "due" || field == "created" || field == "updated";
}

// Whether what is typed (folded) starts the candidate, or its name, or a word of its name.
bool Matches(const std::string& typed, std::string_view value, std::string_view name) {
    if (FoldText(value).starts_with(typed)) return true;
    std::string folded_name = FoldText(name);
    for (std::size_t at = folded_name.find(typed); at != std::string::npos; at = folded_name.find(typed, at + 1))
        if (at == 0 || folded_name[at - 1] == ' ') return true;
    return false;
}

// Collects the suggestions for one value, skipping the one already typed in full and repeats.
class Offers {
public:
    Offers(std::string typed, bool quoted, std::vector<QuerySuggestion>& out)
        : typed_(FoldText(typed)), quoted_(quoted), out_(out) {}

    void Offer(std::string_view value, std::string_view name = {}) {
        if (FoldText(value) == typed_ || !Matches(typed_, value, name)) return;
        bool quote = quoted_ || value.find(' ') != std::string_view::npos;
        std::string insert = quote ? "\"" + std::string(value) + "\"" : std::string(value);
        std::string detail = FoldText(name) == FoldText(value) ? std::string() : std::string(name);
        auto same = [&](const QuerySuggestion& s) { return s.insert == insert; };
        if (std::none_of(out_.begin(), out_.end(), same)) out_.push_back({std::move(insert), std::move(detail)});
    }
    template <class Defs>
    void OfferIds(const Defs& defs) {
        for (const auto& def : defs) Offer(def.id, def.name);
    }

private:
    std::string typed_;
    bool quoted_;
    std::vector<QuerySuggestion>& out_;
};

void OfferValues(std::string_view field, const BoardConfig& config, Offers& offers) {
    for (std::string_view keyword : QueryKeywords(field)) offers.Offer(keyword);
    if (field == "status") {
        offers.OfferIds(config.statuses);
    } else if (field == "assignee") {
        offers.Offer("me");
        offers.Offer("none");
        offers.OfferIds(config.members);
    } else if (field == "prio" || field == "priority") {
        offers.OfferIds(config.priorities);
    } else if (field == "type") {
        offers.OfferIds(config.types);
    } else if (field == "label") {
        for (const LabelDef& label : config.labels) offers.Offer(label.name);
    } else if (field == "sprint") {
        const LoadedSprints loaded = SprintsOf(config);
        for (const Sprint* sprint : SprintsInOrder(loaded.sprints)) offers.Offer(sprint->name);
  } else if (field == "sort") {
        for (std::string_view key : QueryKeywords(field)) offers.Offer("-" + std::string(key));
    }
}

// The field name being typed, as far as the cursor: the names it starts, and a ':' after.
QueryCompletion CompleteFieldName(std::string_view text, std::size_t start, std::size_t cursor) {
    QueryCompletion out;
    std::string_view typed = text.substr(start, cursor - start);
    if (typed.empty() || !std::all_of(typed.begin(), typed.end(), IsLetter)) return out;
    out.from = start;
    out.to = cursor;
    while (out.to < text.size() && IsLetter(text[out.to])) ++out.to;  // the rest of the word goes too
    if (out.to < text.size() && text[out.to] == ':') ++out.to;
    std::string folded = FoldText(typed);
    for (std::string_view name : QueryFieldNames())
        if (name.starts_with(folded)) out.suggestions.push_back({std::string(name) + ":", {}});
    if (out.suggestions.size() == 1 && text.substr(start, out.to - start) == out.suggestions[0].insert)
        out.suggestions.clear();  // already written in full
    return out;
}

}  // namespace

QueryCompletion CompleteQueryAt(std::string_view text, std::size_t cursor, const BoardConfig& config) {
    cursor = std::min(cursor, text.size());
    std::string_view before = text.substr(0, cursor);
    // An odd number of quotes: the cursor is inside quotes, which may open a value (label:"ne).
    const bool in_quotes = std::count(before.begin(), before.end(), '"') % 2 == 1;
    const std::size_t open_quote = in_quotes ? before.rfind('"') : std::string_view::npos;
    const std::size_t start = WordStart(in_quotes ? before.substr(0, open_quote) : before);
    std::string_view word = text.substr(start, cursor - start);
    std::size_t colon = word.find(':');
    if (colon == std::string_view::npos)
        return in_quotes ? QueryCompletion{cursor, cursor, {}} : CompleteFieldName(text, start, cursor);

    std::string field = FoldText(word.substr(0, colon));
    std::size_t value = colon + 1;
    if (TakesOperator(field))
        while (value < word.size() && std::string_view("<>=").find(word[value]) != std::string_view::npos) ++value;
    const bool quoted = value < word.size() && word[value] == '"';
    // Quotes that are a phrase (not this value's), or a quoted value already closed.
    if (in_quotes != quoted || (quoted && start + value != open_quote)) return {cursor, cursor, {}};

    QueryCompletion out;
    out.from = start + value;
    out.to = cursor;
    if (quoted) {
        std::size_t close = text.find('"', cursor);
        out.to = close == std::string_view::npos ? text.size() : close + 1;
    } else {
        while (out.to < text.size() && !IsSpace(text[out.to]) && text[out.to] != ')' && text[out.to] != '"') ++out.to;
    }
    Offers offers(std::string(word.substr(value + (quoted ? 1 : 0))), quoted, out.suggestions);
    OfferValues(field, config, offers);
    return out;
}

CompletedQuery ApplySuggestion(std::string_view text, const QueryCompletion& completion, std::size_t index) {
    const std::string& insert = completion.suggestions.at(index).insert;
    std::string rest(text.substr(std::min(completion.to, text.size())));
    CompletedQuery out;
    out.text = std::string(text.substr(0, completion.from)) + insert;
    bool value = !insert.ends_with(":");
    if (value && rest.empty()) out.text += ' ';
    out.cursor = out.text.size();
    out.text += rest;
    return out;
}

}  // namespace tackboard
