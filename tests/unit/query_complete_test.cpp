// The filter bar's autocomplete: which word the cursor is in, what may replace it, and the
// text once a suggestion is taken.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/query_complete.hpp"

using namespace tackboard;

namespace {

using Strings = std::vector<std::string>;

BoardConfig TeamConfig() {
    BoardConfig config = DefaultConfig();
    config.members = {{"alice", "Alice Martin", {}, 10}, {"bob", "Bob Stone", {}, 10}};
    config.labels.push_back({"needs info", 0xFF808080});
    return config;
}

// The inserts offered with the cursor at the end of `text`.
Strings At(std::string_view text, std::size_t cursor = std::string_view::npos) {
    static const BoardConfig config = TeamConfig();
    Strings out;
    for (const auto& s : CompleteQueryAt(text, cursor == std::string_view::npos ? text.size() : cursor, config).suggestions)
        out.push_back(s.insert);
    return out;
}

// `text` with the first suggestion at its end taken; the cursor shown as '|'.
std::string Take(std::string_view text, std::size_t index = 0, std::size_t cursor = std::string_view::npos) {
    QueryCompletion completion = CompleteQueryAt(text, cursor == std::string_view::npos ? text.size() : cursor, TeamConfig());
    REQUIRE(index < completion.suggestions.size());
    CompletedQuery done = ApplySuggestion(text, completion, index);
    return done.text.substr(0, done.cursor) + "|" + done.text.substr(done.cursor);
}

}  // namespace

TEST_CASE("field names are offered for the word being typed, once it has a letter") {
    CHECK(At("sta") == Strings{"status:"});
    CHECK(At("bug sta") == Strings{"status:"});
    CHECK(At("s") == Strings{"status:", "sprint:", "sort:"});
    CHECK(At("-lab") == Strings{"label:"});
    CHECK(At("(pri") == Strings{"prio:", "priority:"});
    CHECK(At("STA") == Strings{"status:"});
    CHECK(At("").empty());
    CHECK(At("vpn ").empty());  // a space does not open a list of every field
    CHECK(At("vpn").empty());
    CHECK(At("wi-fi").empty());
    CHECK(At("\"out of").empty());  // inside a phrase
    CHECK(At("\"out of\" sta") == Strings{"status:"});
}

TEST_CASE("after the colon, the values the board and the language know") {
    CHECK(At("status:in") == Strings{"in_progress"});
    CHECK(At("status:").size() == 10);  // 6 keywords, and the 4 statuses not named like one
    CHECK(At("prio:>=h") == Strings{"high"});
    CHECK(At("priority:<") == Strings{"urgent", "high", "normal", "low"});
    CHECK(At("assignee:") == Strings{"me", "none", "alice", "bob"});
    CHECK(At("assignee:mart") == Strings{"alice"});  // by a word of the member's name
    CHECK(At("is:ov") == Strings{"overdue"});
    CHECK(At("has:") == Strings{"due", "assignee", "labels"});
    CHECK(At("sort:-up") == Strings{"-updated"});
    CHECK(At("sort:pr") == Strings{"priority"});
    CHECK(At("label:V") == Strings{"vip"});
    CHECK(At("label:ne") == Strings{"network", "\"needs info\""});
    CHECK(At("label:\"nee") == Strings{"\"needs info\""});
    CHECK(At("type:inc") == Strings{"incident"});
    CHECK(At("type:chan") == Strings{"change"});
    CHECK(At("-(type:bu") == Strings{"bug"});
    CHECK(At("is:overdue").empty());  // already complete
    CHECK(At("label:\"vip\"").empty());
    CHECK(At("due:<").empty());  // amounts and dates are typed, not chosen
    CHECK(At("requester:jo").empty());
    CHECK(At("status:zzz").empty());
}

TEST_CASE("names shown beside ids when they say more") {
    QueryCompletion c = CompleteQueryAt("status:in", 9, TeamConfig());
    REQUIRE(c.suggestions.size() == 1);
    CHECK(c.suggestions[0].detail == "In progress");
    c = CompleteQueryAt("status:ne", 9, TeamConfig());
    REQUIRE(c.suggestions.size() == 1);
    CHECK(c.suggestions[0].detail.empty());  // "new" is "New"
    c = CompleteQueryAt("assignee:bo", 11, TeamConfig());
    REQUIRE(c.suggestions.size() == 1);
    CHECK(c.suggestions[0].detail == "Bob Stone");
}

TEST_CASE("the replaced range is the word at the cursor, wherever the cursor is") {
    QueryCompletion c = CompleteQueryAt("vpn sta status:open", 7, TeamConfig());
    CHECK(c.from == 4);
    CHECK(c.to == 7);
    c = CompleteQueryAt("vpn status:in_prog sort:due", 13, TeamConfig());
    CHECK(c.from == 11);
    CHECK(c.to == 18);  // the rest of the value goes too
    CHECK(c.suggestions.size() == 1);
    c = CompleteQueryAt("(type:bu) vpn", 8, TeamConfig());
    CHECK(c.from == 6);
    CHECK(c.to == 8);  // not the ')'
    CHECK(CompleteQueryAt("status:in", 1000, TeamConfig()).suggestions.size() == 1);  // a cursor past the end is the end
}

TEST_CASE("taking a suggestion puts it in place, and the cursor where typing goes on") {
    CHECK(Take("sta") == "status:|");
    CHECK(Take("bug -lab") == "bug -label:|");
    CHECK(Take("status:in") == "status:in_progress |");
    CHECK(Take("prio:>=h") == "prio:>=high |");
    CHECK(Take("label:\"nee") == "label:\"needs info\" |");
    CHECK(Take("label:nee") == "label:\"needs info\" |");
    CHECK(Take("vpn sta status:open", 0, 7) == "vpn status:| status:open");
    CHECK(Take("vpn sta:open", 0, 7) == "vpn status:|open");  // the word's own colon is not doubled
    CHECK(At("vpn status:open", 7).empty());  // inside a field name written in full
    CHECK(Take("status:in_prog vpn", 0, 9) == "status:in_progress| vpn");
    CHECK(Take("(type:bu) vpn", 0, 8) == "(type:bug|) vpn");
}
