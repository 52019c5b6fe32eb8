#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

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

TEST_CASE("a comment inside a batch gets an id too; a ticket created with follow-ups is one undo step") {
    TempDir dir;
    FakeEnvironment env;
    App app(dir.str(), env.Make());
    std::string a = app.CreateTicket({{"title", "Mail is down"}}).value();
    nlohmann::json batch = {{"op", "batch"},
                            {"changes", {{{"op", "update"}, {"id", a}, {"set", {{"satisfaction", 4}}}},
                                         {{"op", "comment"}, {"id", a}, {"comment", {{"body", "Quick"}, {"author", "Ana"}}}}}}};
    REQUIRE(app.Execute(batch).ok());
    REQUIRE(app.board().Find(a)->comments.size() == 1);
    CHECK(app.board().Find(a)->comments.front().id.size() == 26);
    CHECK(app.board().Find(a)->satisfaction == 4);
    REQUIRE(app.Undo().ok());
    CHECK(app.board().Find(a)->comments.empty());
    CHECK(app.board().Find(a)->satisfaction == 0);

    auto b = app.CreateTicket({{"title", "Mail is down again"}}, [&](const std::string& id) {
        return nlohmann::json::array({{{"op", "link"}, {"id", id}, {"kind", "duplicate_of"}, {"target", a}}});
    });
    REQUIRE(b.ok());
    CHECK(app.board().Find(a)->links.size() == 1);
    REQUIRE(app.Undo().ok());  // the create and its link together
    CHECK(app.board().Find(a)->links.empty());
    CHECK((!app.board().Find(b.value()) || app.board().Find(b.value())->deleted));
}

TEST_CASE("undo and redo walk back and forth over every kind of change, and survive a reload") {
    TempDir dir;
    FakeEnvironment env;
    std::string a, b;
    {
        App app(dir.str(), env.Make());
        a = app.CreateTicket({{"title", "Mail is down"}}).value();
        b = app.CreateTicket({{"title", "Mail is slow"}}).value();
        REQUIRE(app.UpdateTicket(a, {{"status", "resolved"}}).ok());
        REQUIRE(app.Execute({{"op", "comment"}, {"id", a}, {"comment", {{"body", "Restarted the server"}}}}).ok());
        REQUIRE(app.Execute({{"op", "link"}, {"id", b}, {"kind", "duplicate_of"}, {"target", a}}).ok());
        REQUIRE(app.Execute({{"op", "delete"}, {"id", b}}).ok());
        CHECK(app.board().Find(a)->comments.front().id.size() == 26);  // an id was given

        REQUIRE(app.Undo().ok());  // delete
        CHECK_FALSE(app.board().Find(b)->deleted);
        REQUIRE(app.Undo().ok());  // link
        CHECK(app.board().Find(a)->links.empty());
        REQUIRE(app.Undo().ok());  // comment
        CHECK(app.board().Find(a)->comments.empty());
        REQUIRE(app.Undo().ok());  // resolve
        CHECK(app.board().Find(a)->status == "new");
        CHECK(app.board().Find(a)->resolved_at == 0);
        REQUIRE(app.Redo().ok());
        CHECK(app.board().Find(a)->status == "resolved");
        CHECK(app.CanRedo());
        REQUIRE(app.UpdateTicket(b, {{"priority", "high"}}).ok());  // a new change clears redo
        CHECK_FALSE(app.CanRedo());
        CHECK(app.Redo().error().message == "nothing to redo");
    }
    App reopened(dir.str(), env.Make());
    CHECK(reopened.notices().empty());
    CHECK(reopened.board().Find(a)->status == "resolved");
    CHECK(reopened.board().Find(a)->comments.empty());
    CHECK(reopened.board().Find(b)->priority == "high");
    CHECK_FALSE(reopened.board().Find(b)->deleted);
}

TEST_CASE("every change is stamped with an increasing clock for this device") {
    TempDir dir;
    FakeEnvironment env;
    App app(dir.str(), env.Make());
    std::string id = app.CreateTicket({{"title", "x"}}).value();
    Hlc first = app.board().Find(id)->clocks.at("title");
    REQUIRE(app.UpdateTicket(id, {{"title", "y"}}).ok());
    Hlc second = app.board().Find(id)->clocks.at("title");
    CHECK(first < second);
    CHECK(first.node == second.node);
    CHECK(first.node.size() == 16);
    App again(dir.str(), env.Make());  // same device id after a reload
    REQUIRE(again.UpdateTicket(id, {{"title", "z"}}).ok());
    CHECK(again.board().Find(id)->clocks.at("title").node == first.node);
    CHECK(second < again.board().Find(id)->clocks.at("title"));
}

TEST_CASE("undo records cannot be injected from outside") {
    TempDir dir;
    FakeEnvironment env;
    App app(dir.str(), env.Make());
    std::string id = app.CreateTicket({{"title", "x"}}).value();
    CHECK_FALSE(app.Execute({{"op", "update"}, {"id", id}, {"set", {{"resolved_at", 5}}}, {"undo", true}}).ok());
    CHECK(app.board().Find(id)->resolved_at == 0);
}

TEST_CASE("queries see every change at once: the index follows edits, undo and reload") {
    TempDir dir;
    FakeEnvironment env;
    std::string id;
    {
        App app(dir.str(), env.Make());
        id = app.CreateTicket({{"title", "Skrivaren i Göteborg är trasig"}, {"priority", "high"}}).value();
        app.CreateTicket({{"title", "服务器宕机了"}, {"type", "incident"}, {"fields.impact", "Everyone"}});
        auto found = app.Query("goteborg");
        REQUIRE(found.ok());
        REQUIRE(found.value().size() == 1);
        CHECK(app.board().tickets()[found.value()[0]].id == id);
        CHECK(app.Query("宕机 type:incident").value().size() == 1);
        REQUIRE(app.UpdateTicket(id, {{"title", "Imprimante de Lyon en panne"}}).ok());
        CHECK(app.Query("goteborg").value().empty());
        CHECK(app.Query("imprimante prio:>=high").value().size() == 1);
        REQUIRE(app.Undo().ok());
        CHECK(app.Query("goteborg").value().size() == 1);
        CHECK(app.Query("status:nowhere").error().message.find("unknown status 'nowhere'") != std::string::npos);
        CHECK(app.Query("status:").error().message.find("column") != std::string::npos);
    }
    App reopened(dir.str(), env.Make());
    CHECK(reopened.Query("göteborg").value().size() == 1);
    CHECK(reopened.Query("").value().size() == 2);
}

namespace {
std::vector<std::string> Files(const TempDir& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path)) names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    return names;
}
}  // namespace

TEST_CASE("compaction: a snapshot replaces the journal, later edits still load, nothing is lost") {
    TempDir dir;
    FakeEnvironment env;
    std::vector<std::string> ids;
    {
        App app(dir.str(), env.Make());
        for (int i = 0; i < 300; ++i)
            ids.push_back(app.CreateTicket({{"title", "Ticket " + std::to_string(i) + " " + std::string(300, 'x')}}).value());
        CHECK(app.changes_since_snapshot() == 300);
        REQUIRE(app.CompactIfNeeded(1000).ok());  // not enough yet: nothing written
        CHECK_FALSE(std::filesystem::exists(dir.path / "snapshot.bin"));
        REQUIRE(app.CompactIfNeeded(100).ok());
        CHECK(std::filesystem::exists(dir.path / "snapshot.bin"));
        CHECK(app.changes_since_snapshot() == 0);
        REQUIRE(app.UpdateTicket(ids[0], {{"title", "Edited after the snapshot"}}).ok());
    }
    {
        App reopened(dir.str(), env.Make());
        CHECK(reopened.notices().empty());
        CHECK(reopened.board().tickets().size() == 300);
        CHECK(reopened.board().Find(ids[0])->title == "Edited after the snapshot");
        CHECK(reopened.changes_since_snapshot() == 1);  // only the journal after the snapshot was read
        CHECK(reopened.Query("edited").value().size() == 1);
        // A second generation: the first snapshot's segments can now go.
        REQUIRE(reopened.Compact().ok());
        REQUIRE(reopened.UpdateTicket(ids[1], {{"priority", "urgent"}}).ok());
    }
    auto files = Files(dir);
    CHECK(std::count(files.begin(), files.end(), "snapshot.prev.bin") == 1);
    // Segments older than what snapshot.prev.bin covers were deleted.
    CHECK(std::count_if(files.begin(), files.end(), [](const std::string& f) { return f.rfind("journal-", 0) == 0; }) <= 3);

    // The newest snapshot is damaged: it is set aside, the previous one plus the journal give
    // back every change, and the user is told.
    {
        std::fstream f(dir.path / "snapshot.bin", std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(100);
        f.put('\x5A');
    }
    App recovered(dir.str(), env.Make());
    CHECK(recovered.board().tickets().size() == 300);
    CHECK(recovered.board().Find(ids[0])->title == "Edited after the snapshot");
    CHECK(recovered.board().Find(ids[1])->priority == "urgent");
    bool told = false;
    for (const auto& n : recovered.notices()) told |= n.find("quarantine/snapshot-1.bin") != std::string::npos;
    CHECK(told);
    CHECK(std::filesystem::exists(dir.path / "quarantine"));
}

TEST_CASE("a damaged journal segment: a copy goes to quarantine, the rest loads, a snapshot makes it whole") {
    TempDir dir;
    FakeEnvironment env;
    std::vector<std::string> ids;
    {
        App app(dir.str(), env.Make());
        for (const char* title : {"First", "Second", "Third"}) ids.push_back(app.CreateTicket({{"title", title}}).value());
    }
    const auto segment = dir.path / "journal-000001.ndjson";
    std::string text = ReadAll(segment);
    std::size_t second_line = text.find('\n') + 1;
    text[second_line + 20] ^= 0x20;  // flips a bit inside the second change
    WriteAll(segment, text);
    {
        App app(dir.str(), env.Make());
        CHECK(app.board().Find(ids[0]));
        CHECK_FALSE(app.board().Find(ids[1]));  // the damaged change is skipped...
        CHECK(app.board().Find(ids[2]));        // ...and the ones after it still count
        REQUIRE(app.quarantined().size() == 1);
        CHECK(ReadAll(app.quarantined()[0]) == text);  // what the user downloads is the file as found
        bool told = false;
        for (const auto& n : app.notices()) told |= n.find(app.quarantined()[0]) != std::string::npos;
        CHECK(told);
        CHECK(std::filesystem::exists(dir.path / "snapshot.bin"));
    }
    // The damaged segment is not read again: the snapshot holds what could be read.
    App again(dir.str(), env.Make());
    CHECK(again.notices().empty());
    CHECK(again.quarantined().empty());
    CHECK(again.board().Find(ids[2]));
}

TEST_CASE("a long journal is folded into a snapshot while loading") {
    TempDir dir;
    FakeEnvironment env;
    {
        App app(dir.str(), env.Make());
        std::string id = app.CreateTicket({{"title", "busy"}}).value();
        for (std::size_t i = 0; i < App::kCompactAfterChanges; ++i)
            REQUIRE(app.UpdateTicket(id, {{"title", "busy " + std::to_string(i)}}).ok());
    }
    App reopened(dir.str(), env.Make());
    CHECK(std::filesystem::exists(dir.path / "snapshot.bin"));
    CHECK(reopened.changes_since_snapshot() == 0);
    App again(dir.str(), env.Make());
    CHECK(again.board().tickets().front().title == "busy " + std::to_string(App::kCompactAfterChanges - 1));
}

TEST_CASE("a read-only tab refuses edits and follows the writer's changes exactly once") {
    TempDir dir;
    FakeEnvironment env;
    std::vector<json> sent;
    AppEnvironment writer_env = env.Make();
    writer_env.committed = [&](const json& change) { sent.push_back(change); };
    App writer(dir.str(), writer_env);
    std::string a = writer.CreateTicket({{"title", "Before the follower opened"}}).value();

    AppEnvironment follower_env = env.Make();
    follower_env.read_only = true;
    App follower(dir.str(), follower_env);  // loads what storage holds so far
    CHECK(follower.read_only());
    REQUIRE(follower.notices().size() == 1);
    CHECK(follower.notices()[0].find("read-only") != std::string::npos);
    CHECK(follower.board().Find(a));
    auto refused = follower.CreateTicket({{"title", "mine"}});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("another tab") != std::string::npos);
    CHECK(follower.board().tickets().size() == 1);

    std::string b = writer.CreateTicket({{"title", "Made while following"}}).value();
    REQUIRE(writer.UpdateTicket(a, {{"status", "triage"}}).ok());
    REQUIRE(sent.size() == 3);
    for (const auto& change : sent) REQUIRE(follower.Follow(change).ok());
    CHECK(follower.board().Find(b));
    CHECK(follower.board().Find(a)->status == "triage");
    CHECK(follower.Query("following").value().size() == 1);
    // The first change was already in storage when the follower loaded: skipped, not doubled.
    REQUIRE(follower.Follow(sent[0]).ok());
    CHECK(follower.board().tickets().size() == 2);
    CHECK(follower.board().Find(a)->history.size() == 2);
    CHECK_FALSE(writer.Follow(sent[0]).ok());  // the writer follows nobody
}

TEST_CASE("a tab taking over stores the followed changes the closed writer had not saved") {
    TempDir dir;
    FakeEnvironment env;
    std::vector<json> sent;
    AppEnvironment writer_env = env.Make();
    writer_env.committed = [&](const json& change) { sent.push_back(change); };
    std::string saved_id;
    {
        App writer(dir.str(), writer_env);
        saved_id = writer.CreateTicket({{"title", "Saved by the writer"}}).value();
        writer.CreateTicket({{"title", "Only broadcast"}});
    }
    // Simulate the writer dying before its last change reached storage.
    for (const auto& entry : std::filesystem::directory_iterator(dir.path)) {
        std::string name = entry.path().filename();
        if (name.rfind("journal-", 0) != 0) continue;
        std::string text = ReadAll(entry.path());
        WriteAll(entry.path(), text.substr(0, text.find('\n') + 1));  // keep the first change only
    }
    App taking_over(dir.str(), env.Make());
    CHECK(taking_over.board().tickets().size() == 1);
    for (const auto& change : sent) REQUIRE(taking_over.Adopt(change).ok());
    CHECK(taking_over.board().tickets().size() == 2);  // the first was skipped, not doubled
    App reopened(dir.str(), env.Make());
    CHECK(reopened.board().tickets().size() == 2);
    CHECK(reopened.Query("broadcast").value().size() == 1);
}

TEST_CASE("who works at this device is kept beside the journal, not in it, and read again at the next start") {
    TempDir dir;
    FakeEnvironment env;
    {
        App app(dir.str(), env.Make());
        CHECK(app.identity().role == Role::Lead);  // a fresh local board: its owner may do everything
        CHECK(app.identity().name.empty());
        app.SetIdentity({"alice@example.org", Role::Requester, true});
        auto id = app.CreateTicket({{"title", "Printer jams"}, {"requester", "alice@example.org"}});
        REQUIRE(id.ok());
        REQUIRE(app.Execute({{"op", "comment"}, {"id", id.value()}, {"comment", {{"body", "Still jammed"}}}}).ok());
        CHECK(app.board().Find(id.value())->comments.back().author == "alice@example.org");
        CHECK(app.CanUndo());
    }
    App reopened(dir.str(), env.Make());
    CHECK(reopened.identity().name == "alice@example.org");
    CHECK(reopened.identity().role == Role::Requester);
    CHECK(reopened.identity().from_server);
    CHECK(reopened.notices().empty());
    // Not a change of the board: the journal holds only the two edits.
    CHECK(reopened.changes_since_snapshot() == 2);

    // A damaged file: the default identity, and the user is told.
    REQUIRE(reopened.WriteDeviceFile("identity.json", "{\"role\": \"boss\"}").ok());
    App damaged(dir.str(), env.Make());
    CHECK(damaged.identity().role == Role::Lead);
    CHECK(damaged.identity().name.empty());
    REQUIRE(damaged.notices().size() == 1);
    CHECK(damaged.notices()[0].find("could not be read") != std::string::npos);
}

TEST_CASE("device files: only plain names, read back as written, missing ones are nothing") {
    TempDir dir;
    FakeEnvironment env;
    App app(dir.str(), env.Make());
    CHECK_FALSE(app.ReadDeviceFile("request-seen.json").has_value());
    REQUIRE(app.WriteDeviceFile("request-seen.json", "{\"a\":1}").ok());
    CHECK(app.ReadDeviceFile("request-seen.json") == std::optional<std::string>("{\"a\":1}"));
    CHECK_FALSE(app.WriteDeviceFile("../escape", "x").ok());
    CHECK_FALSE(app.WriteDeviceFile("", "x").ok());
    CHECK_FALSE(app.ReadDeviceFile("sub/dir").has_value());
}

TEST_CASE("choosing who one is: refused while the server names the user, and for an empty name") {
    TempDir dir;
    FakeEnvironment env;
    App app(dir.str(), env.Make());
    CHECK(app.ChooseIdentity("  ", Role::Agent).error().message == "enter your name or e-mail address");
    REQUIRE(app.ChooseIdentity("bob", Role::Agent).ok());
    CHECK(app.identity().name == "bob");
    CHECK(app.identity().role == Role::Agent);
    app.SetIdentity({"alice@example.org", Role::Requester, true});
    auto refused = app.ChooseIdentity("lea", Role::Lead);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message ==
          "the sync server signs you in as alice@example.org (requester); to be someone else, sync with another token");
    CHECK(app.identity().role == Role::Requester);
}
