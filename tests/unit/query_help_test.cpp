// query_help_test.cpp — the examples the filter bar's help lists (src/ui/query_examples.cpp,
// shown by src/ui/query_help.cpp): each is a valid query for the real parser, names only
// values the built-in configuration knows, and says what it finds in every language.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/board.hpp"
#include "core/query.hpp"
#include "ui/i18n.hpp"
#include "ui/query_examples.hpp"

using namespace tackboard;

TEST_CASE("every example parses and names values the built-in configuration has") {
    const BoardConfig config = DefaultConfig();
    REQUIRE(QueryExamples().size() >= 8);
    for (const QueryExample& example : QueryExamples()) {
        CAPTURE(example.query);
        Result<Query> query = ParseQuery(example.query);
        REQUIRE_MESSAGE(query.ok(), query.error().message);
        CHECK(query.value().root >= 0);  // it filters (no example is only a sort or empty)
        Status known = CheckQuery(query.value(), config);
        CHECK_MESSAGE(known.ok(), known.error().message);
    }
}

TEST_CASE("examples are distinct, and each meaning is translated into every language") {
    std::set<std::string> queries;
    for (const QueryExample& example : QueryExamples()) {
        CAPTURE(example.query);
        CHECK(queries.insert(example.query).second);
        const Translation* row = nullptr;
        for (const Translation& t : Translations())
            if (std::string(t.english) == example.meaning) row = &t;
        REQUIRE_MESSAGE(row != nullptr, "no row in src/ui/translations.cpp for: " << example.meaning);
        for (Language language : kLanguages) CHECK(*TextIn(*row, language) != '\0');
    }
}
