#include <doctest/doctest.h>

#include "app/app.hpp"
#include "core/ticket_json.hpp"
#include "temp_dir.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {
struct FakeEnvironment {
    Millis clock = 1'700'000'000'000;
    int flushes = 0;
    AppEnvironment Make() {
        return {[this] { return clock += 1000; },
                [] {
                    RandomBytes r;
                    r.fill(7);
                    return r;
                },
                [this] { ++flushes; }};
    }
};
}  // namespace

TEST_CASE("tickets created through the app are on the board after reopening the folder") {
    TempDir dir;
    FakeEnvironment env;
    std::string id;
    {
        App app(dir.str(), env.Make());
        auto created = app.CreateTicket({{"title", "Printer jams"}, {"priority", "high"}});
        REQUIRE(created.ok());
        id = created.value();
        REQUIRE(app.UpdateTicket(id, {{"status", "triage"}}).ok());
        CHECK(env.flushes == 2);
        CHECK(app.notices().empty());
    }
    App reopened(dir.str(), env.Make());
    const Ticket* t = reopened.board().Find(id);
    REQUIRE(t);
    CHECK(t->title == "Printer jams");
    CHECK(t->priority == "high");
    CHECK(t->status == "triage");
    CHECK(reopened.notices().empty());
}

TEST_CASE("refused input changes nothing and writes nothing") {
    TempDir dir;
    FakeEnvironment env;
    App app(dir.str(), env.Make());
    auto bad = app.CreateTicket({{"title", ""}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == "'title' cannot be empty");
    CHECK(app.board().tickets().empty());
    CHECK(env.flushes == 0);
    CHECK_FALSE(app.UpdateTicket("missing", {{"title", "x"}}).ok());
}

TEST_CASE("an unusable data folder keeps the app working in memory and says so") {
    TempDir dir;
    { std::FILE* f = std::fopen((dir.str() + "/blocker").c_str(), "w"); std::fclose(f); }
    FakeEnvironment env;
    App app(dir.str() + "/blocker/data", env.Make());
    CHECK_FALSE(app.storage_available());
    REQUIRE(app.notices().size() == 1);
    CHECK(app.notices()[0].find("cannot be saved") != std::string::npos);
    CHECK(app.CreateTicket({{"title", "still works"}}).ok());
    CHECK(app.board().tickets().size() == 1);
}

TEST_CASE("two tickets made in the same millisecond get distinct, increasing ids") {
    TempDir dir;
    Millis frozen = 5;
    App app(dir.str(), {[&] { return frozen; }, [] { return RandomBytes{}; }, nullptr});
    auto a = app.CreateTicket({{"title", "a"}});
    auto b = app.CreateTicket({{"title", "b"}});
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a.value() < b.value());
}
