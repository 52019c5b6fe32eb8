// query_complete.hpp — autocomplete for the filter bar's query language (docs/query-language.md).
//
// Given the text, the cursor and the board's configuration, CompleteQueryAt says which part
// of the text the word at the cursor occupies and what could replace it:
//
//   "bug sta|"        -> field names:  status:
//   "status:in|"      -> values:       in_progress (In progress)
//   "prio:>=h|"       -> values after the operator: high (High)
//   "label:\"nee|"    -> a quoted value: "needs info"
//   "assignee:mar|"   -> members by id or by any word of their name: alice (Alice Martin)
//
// Field names are offered once a letter is typed (an empty word offers nothing, so a space
// does not open a list); a field's values are offered from the colon on. Words and
// "phrases" get no suggestions. ApplySuggestion puts one in place. Pure: no UI here.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/board.hpp"

namespace tackboard {

struct QuerySuggestion {
    std::string insert;  // what replaces the word: "status:", "in_progress", "\"needs info\""
    std::string detail;  // the board's name for it when that says more ("In progress"), or empty
};

struct QueryCompletion {
    std::size_t from = 0;  // bytes of the text the chosen suggestion replaces
    std::size_t to = 0;
    std::vector<QuerySuggestion> suggestions;  // in the board's order; empty: nothing to offer
};

QueryCompletion CompleteQueryAt(std::string_view text, std::size_t cursor, const BoardConfig& config);

struct CompletedQuery {
    std::string text;
    std::size_t cursor = 0;  // bytes: after a field name, at its value; after a value, ready for the next term
};

// The text with suggestion `index` of `completion` in place. A value at the end of the
// text is followed by a space, so typing goes on with the next term.
CompletedQuery ApplySuggestion(std::string_view text, const QueryCompletion& completion, std::size_t index);

}  // namespace tackboard
