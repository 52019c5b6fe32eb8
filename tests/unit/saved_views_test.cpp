// Saved views: added, renamed and removed as whole lists, names unique ignoring case.
#include <doctest/doctest.h>

#include "core/saved_views.hpp"

using namespace tackboard;

namespace {
std::vector<SavedView> Views() { return {{"Mine", "assignee:me"}, {"Urgent", "prio:urgent status:open"}}; }
}  // namespace

TEST_CASE("a view is added with a trimmed, unused name and a filter") {
    auto added = AddView(Views(), {"  Printers ", " printer status:open "});
    REQUIRE(added.ok());
    REQUIRE(added.value().size() == 3);
    CHECK(added.value()[2].name == "Printers");
    CHECK(added.value()[2].query == "printer status:open");
    CHECK(AddView(Views(), {"urgent ", "x"}).error().message == "there is already a view named 'Urgent'");
    CHECK(AddView(Views(), {"   ", "x"}).error().message == "a view needs a name");
    CHECK(AddView(Views(), {"Empty", "  "}).error().message == "a view needs a filter to save");
}

TEST_CASE("a view is renamed in its place; its own name may change case") {
    auto renamed = RenameView(Views(), "Urgent", "On fire");
    REQUIRE(renamed.ok());
    CHECK(renamed.value()[1].name == "On fire");
    CHECK(renamed.value()[1].query == "prio:urgent status:open");
    CHECK(RenameView(Views(), "Urgent", "URGENT").ok());
    CHECK(RenameView(Views(), "Urgent", "mine").error().message == "there is already a view named 'Mine'");
    CHECK(RenameView(Views(), "Urgent", "").error().message == "a view needs a name");
    CHECK(RenameView(Views(), "Nope", "X").error().message == "there is no view named 'Nope'");
}

TEST_CASE("a view is removed by name; the filter finds the view it is") {
    CHECK(RemoveView(Views(), "Mine").size() == 1);
    CHECK(RemoveView(Views(), "Nope").size() == 2);
    std::vector<SavedView> views = Views();
    REQUIRE(FindViewByQuery(views, " assignee:me ") != nullptr);
    CHECK(FindViewByQuery(views, "assignee:me")->name == "Mine");
    CHECK(FindViewByQuery(views, "assignee:me status:open") == nullptr);
}
