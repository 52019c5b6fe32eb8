// query_examples.hpp — the worked examples of the query language that the filter bar's
// help (query_help.hpp) lists: a query, and what it finds in one line.
//
// Kept apart from the popup and free of ImGui so the native unit test
// (tests/unit/query_help_test.cpp) can check every example with the real parser.
#pragma once

#include <span>

namespace tackboard {

struct QueryExample {
    const char* query;    // as typed in the filter bar: the language's keywords are English, never translated
    const char* meaning;  // English, marked with TrNoop: Tr() it where it is drawn
};

std::span<const QueryExample> QueryExamples();

}  // namespace tackboard
