// Tests for sync/sync_engine.cpp with sync/couch_adapter.cpp against an in-memory
// CouchDB (fake_couch.hpp): clients converge, edits made offline survive restarts,
// concurrent edits merge with the loser kept, bad answers change nothing.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <random>

#include "app/app.hpp"
#include "core/ticket_json.hpp"
#include "fake_couch.hpp"
#include "sync/couch_adapter.hpp"
#include "sync/merge.hpp"
#include "sync/rest_adapter.hpp"
#include "sync/sync_engine.hpp"
#include "temp_dir.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

SyncSettings CouchSettings() {
    SyncSettings s;
    s.kind = SyncSettings::Kind::CouchDb;
    s.url = fake::Couch::kUrl;
    return s;
}

// One device: an app on its own folder, and its sync engine talking to `server`.
struct Client {
    TempDir dir = TempDir::InMemory();
    fake::Couch& server;
    Millis& clock;
    unsigned char seed;
    std::unique_ptr<App> app;
    std::unique_ptr<SyncEngine> engine;
    int rounds = 0;

    Client(fake::Couch& server, Millis& clock, unsigned char seed) : server(server), clock(clock), seed(seed) { Open(); }

    // (Re)starts the app and the engine on the same folder: a reload.
    void Open(const SyncSettings& settings = CouchSettings()) {
        engine.reset();
        app.reset();
        AppEnvironment env{[this] { return clock += 7; },
                           [this] {
                               RandomBytes r;
                               r.fill(seed);
                               r[0] = static_cast<unsigned char>(clock);
                               return r;
                           },
                           [] {}};
        app = std::make_unique<App>(dir.str(), env);
        engine = std::make_unique<SyncEngine>(*app, server, SyncEnvironment{[this] { return clock; }, [] { return 0.5; }, [] {}});
        engine->on_round_done = [this] { ++rounds; };
        REQUIRE(engine->Configure(settings, dir.str() + "/sync").ok());
    }
    // A round to its end, the fake answering asynchronously or not.
    void Sync() {
        int before = rounds;
        engine->SyncNow();
        for (int i = 0; i < 100 && rounds == before; ++i) server.Pump();
        REQUIRE(rounds > before);
        // A round that left work (edits during it) is followed by another.
        for (int i = 0; i < 5 && engine->status().state == SyncStatus::State::Idle && engine->status().pending > 0; ++i) {
            before = rounds;
            engine->SyncNow();
            for (int j = 0; j < 100 && rounds == before; ++j) server.Pump();
        }
    }
    std::string Create(const std::string& title) {
        auto id = app->CreateTicket({{"title", title}});
        REQUIRE(id.ok());
        engine->LocalChanged();
        return id.value();
    }
    void Set(const std::string& id, json patch) {
        REQUIRE(app->UpdateTicket(id, patch).ok());
        engine->LocalChanged();
    }
    const Ticket& Get(const std::string& id) const {
        const Ticket* t = app->board().Find(id);
        REQUIRE(t);
        return *t;
    }
};

struct World {
    fake::Couch server;
    Millis clock = 1'800'000'000'000;
    std::vector<std::unique_ptr<Client>> clients;
    Client& Add() {
        clients.push_back(std::make_unique<Client>(server, clock, static_cast<unsigned char>(clients.size() + 1)));
        return *clients.back();
    }
};

json Body(const Ticket& t) {
    json j = TicketToJson(t);
    return j;
}

}  // namespace

TEST_CASE("a ticket created on one device reaches the other, and an edit comes back") {
    World w;
    Client& a = w.Add();
    Client& b = w.Add();
    CHECK(w.server.database_exists);  // created on first use
    std::string id = a.Create("Printer jams");
    a.Sync();
    CHECK(a.engine->status().state == SyncStatus::State::Idle);
    CHECK(a.engine->status().pending == 0);
    REQUIRE(w.server.docs.count(id));
    CHECK(w.server.docs[id].body["kind"] == "ticket");
    CHECK(w.server.docs[id].body["title"] == "Printer jams");

    b.Sync();
    CHECK(b.Get(id).title == "Printer jams");
    CHECK(b.engine->status().received == 1);
    CHECK(b.engine->status().pending == 0);  // what came from the server is not sent back

    b.Set(id, {{"status", "triage"}});
    CHECK(b.engine->status().pending == 0);  // counted on the next Tick
    b.engine->Tick();
    CHECK(b.engine->status().pending == 1);
    b.Sync();
    a.Sync();
    CHECK(a.Get(id).status == "triage");
    CHECK(TicketToJson(a.Get(id)) == TicketToJson(b.Get(id)));
}

TEST_CASE("a received ticket is journaled: it is there after a reload, without the server") {
    World w;
    Client& a = w.Add();
    Client& b = w.Add();
    std::string id = a.Create("VPN drops");
    a.Sync();
    b.Sync();
    w.server.down = true;
    b.Open();
    CHECK(b.Get(id).title == "VPN drops");
    CHECK(b.engine->status().pending == 0);
}

TEST_CASE("the outbox survives a restart: edits made while the server is down are sent later") {
    World w;
    Client& a = w.Add();
    a.Sync();
    w.server.down = true;
    std::string id = a.Create("Made offline");
    a.Set(id, {{"priority", "high"}});
    a.Sync();
    CHECK(a.engine->status().state == SyncStatus::State::Waiting);
    CHECK(a.engine->status().last_error.find("no answer from the server") != std::string::npos);
    CHECK(a.engine->status().pending == 1);
    CHECK(!w.server.docs.count(id));

    a.Open();  // the tab was closed; the edit is only in the journal
    CHECK(a.engine->status().pending == 1);
    w.server.down = false;
    a.Sync();
    CHECK(a.engine->status().state == SyncStatus::State::Idle);
    CHECK(a.engine->status().last_error.empty());
    REQUIRE(w.server.docs.count(id));
    CHECK(w.server.docs[id].body["priority"] == "high");
}

TEST_CASE("the same field changed on both devices: one winner everywhere, the other value kept as a conflict") {
    World w;
    Client& a = w.Add();
    Client& b = w.Add();
    std::string id = a.Create("Mail bounces");
    a.Sync();
    b.Sync();
    a.Set(id, {{"title", "Mail bounces for sales"}});
    b.Set(id, {{"title", "Mail bounces since Monday"}});
    b.Set(id, {{"priority", "urgent"}});
    a.Sync();
    b.Sync();  // its push is stale: fetch, merge, push again
    a.Sync();
    const Ticket& ta = a.Get(id);
    const Ticket& tb = b.Get(id);
    CHECK(TicketToJson(ta) == TicketToJson(tb));
    CHECK(ta.priority == "urgent");  // only b changed it: no conflict
    auto conflicts = ConflictsOf(ta);
    REQUIRE(conflicts.size() == 1);
    CHECK(conflicts[0].field == "title");
    // b edited later, so b's title wins and a's is kept.
    CHECK(ta.title == "Mail bounces since Monday");
    CHECK(conflicts[0].value == "Mail bounces for sales");
    CHECK(a.engine->status().pending == 0);
    CHECK(b.engine->status().pending == 0);
    CHECK(w.server.docs[id].body["title"] == "Mail bounces since Monday");
}

TEST_CASE("different fields changed on both devices: both kept, no conflict") {
    World w;
    Client& a = w.Add();
    Client& b = w.Add();
    std::string id = a.Create("Laptop for Sven");
    a.Sync();
    b.Sync();
    a.Set(id, {{"assignee", "ana"}});
    b.Set(id, {{"description", "Needs a docking station"}});
    b.Sync();
    a.Sync();
    b.Sync();
    CHECK(a.Get(id).assignee == "ana");
    CHECK(a.Get(id).description == "Needs a docking station");
    CHECK(TicketToJson(a.Get(id)) == TicketToJson(b.Get(id)));
    CHECK(ConflictsOf(a.Get(id)).empty());
}

TEST_CASE("deletes travel as tombstones that keep the ticket") {
    World w;
    Client& a = w.Add();
    Client& b = w.Add();
    std::string id = a.Create("Old request");
    a.Sync();
    b.Sync();
    REQUIRE(a.app->Execute({{"op", "delete"}, {"id", id}}).ok());
    a.Sync();
    CHECK(w.server.docs[id].deleted);
    CHECK(w.server.docs[id].body["title"] == "Old request");  // still restorable
    b.Sync();
    CHECK(b.Get(id).deleted);

    // Restored on b: the tombstone's rev is extended, a sees it back.
    REQUIRE(b.app->Execute({{"op", "restore"}, {"id", id}}).ok());
    b.Sync();
    CHECK_FALSE(w.server.docs[id].deleted);
    a.Sync();
    CHECK_FALSE(a.Get(id).deleted);
}

TEST_CASE("a document deleted on the server without its body deletes an unchanged ticket, not an edited one") {
    World w;
    Client& a = w.Add();
    Client& b = w.Add();
    std::string kept = a.Create("Edited here");
    std::string gone = a.Create("Nobody touched it");
    a.Sync();
    b.Sync();
    w.server.WriteAsOther(kept, nullptr);
    w.server.WriteAsOther(gone, nullptr);
    b.Set(kept, {{"title", "Edited here, still needed"}});
    b.Sync();
    CHECK(b.Get(gone).deleted);
    CHECK_FALSE(b.Get(kept).deleted);
    CHECK_FALSE(w.server.docs[kept].deleted);  // sent back: nothing lost
    CHECK(w.server.docs[kept].body["title"] == "Edited here, still needed");
}

TEST_CASE("garbage from the server is an error in plain words and changes nothing") {
    World w;
    Client& a = w.Add();
    std::string id = a.Create("Stays as it is");
    a.Sync();
    json before = TicketToJson(a.Get(id));
    for (const char* body : {"<html><body>502 Bad Gateway</body></html>", "{\"results\": [{\"id\": \"x\",",
                             "{\"results\": 7}", "[1, 2, 3]", " "}) {
        CAPTURE(body);
        w.server.garbage = body;
        a.Sync();
        CHECK(a.engine->status().state == SyncStatus::State::Waiting);
        CHECK_FALSE(a.engine->status().last_error.empty());
        CHECK(TicketToJson(a.Get(id)) == before);
        CHECK(a.app->board().tickets().size() == 1);
    }
    w.server.garbage.clear();
    w.server.garbage = "<html>oops</html>";
    a.Sync();
    CHECK(a.engine->status().last_error.find("web page") != std::string::npos);
    w.server.garbage.clear();
    a.Sync();
    CHECK(a.engine->status().state == SyncStatus::State::Idle);
    CHECK(a.engine->status().last_error.empty());
}

TEST_CASE("documents from the server that are not tickets, or do not fit this board, are left alone") {
    World w;
    Client& a = w.Add();
    w.server.database_exists = true;
    w.server.WriteAsOther("_design/app", {{"views", json::object()}});
    w.server.WriteAsOther("note-1", {{"kind", "note"}, {"text", "hello"}});
    Ticket odd;
    odd.id = "01ODDSTATUS";
    odd.title = "From a board with other columns";
    odd.type = "support";
    odd.status = "some_status_we_do_not_have";
    odd.priority = "normal";
    json doc = TicketToJson(odd);
    doc["kind"] = "ticket";
    w.server.WriteAsOther(odd.id, doc);
    std::string id = a.Create("Ours");
    a.Sync();
    CHECK(a.app->board().Find("note-1") == nullptr);
    CHECK(a.app->board().Find(odd.id) == nullptr);
    REQUIRE(a.engine->status().refused.count(odd.id));
    CHECK(a.engine->status().refused.at(odd.id).find("not applied here") != std::string::npos);
    CHECK(w.server.docs.count(id));  // the rest went on
    CHECK(a.engine->status().state == SyncStatus::State::Idle);
}

TEST_CASE("a refused token is reported as such; the token never appears in messages") {
    World w;
    w.server.required_token = "Bearer s3cret";
    Client& a = w.Add();
    a.Create("x");
    a.Sync();
    CHECK(a.engine->status().last_error.find("401") != std::string::npos);
    CHECK(a.engine->status().last_error.find("token") != std::string::npos);
    SyncSettings good = CouchSettings();
    good.token = "s3cret";
    a.Open(good);
    a.Sync();
    CHECK(a.engine->status().state == SyncStatus::State::Idle);
    CHECK(a.engine->status().last_error.find("s3cret") == std::string::npos);
    CHECK(SyncSettingsToJson(good).dump().find("s3cret") != std::string::npos);  // kept locally, on purpose
}

TEST_CASE("failures back off exponentially, capped, and coming back online catches up at once") {
    World w;
    Client& a = w.Add();
    a.Sync();
    w.server.down = true;
    Millis previous = 0;
    for (int i = 1; i <= 12; ++i) {
        Millis start = w.clock;
        a.engine->SyncNow();
        const SyncStatus& s = a.engine->status();
        REQUIRE(s.state == SyncStatus::State::Waiting);
        Millis delay = s.retry_at - start;
        // random() is 0.5 here, so the jitter factor is 1.
        CHECK(delay == std::min<Millis>(SyncEngine::kFirstRetry << (i - 1), SyncEngine::kLongestRetry));
        CHECK(delay >= previous);
        previous = delay;
    }
    // Tick starts nothing before the retry time, one round after it.
    std::size_t requests = w.server.log.size();
    a.engine->Tick();
    CHECK(w.server.log.size() == requests);
    w.clock = a.engine->status().retry_at;
    a.engine->Tick();
    CHECK(w.server.log.size() > requests);

    a.engine->SetOnline(false);
    CHECK(a.engine->status().state == SyncStatus::State::Offline);
    requests = w.server.log.size();
    w.clock += 10 * 60 * 1000;
    a.engine->Tick();
    CHECK(w.server.log.size() == requests);  // offline: no requests
    std::string id = a.Create("While offline");
    w.server.down = false;
    a.engine->SetOnline(true);
    CHECK(w.server.docs.count(id));
    CHECK(a.engine->status().state == SyncStatus::State::Idle);
}

TEST_CASE("an edit made while a push is in flight is sent by the next round") {
    World w;
    w.server.async = true;
    Client& a = w.Add();
    a.Sync();
    std::string id = a.Create("First words");
    a.engine->SyncNow();
    // Let the pull answer, so the push is in flight, then edit.
    for (int i = 0; i < 10 && w.server.queued() > 0; ++i) {
        w.server.Pump();
        if (w.server.docs.count(id)) break;
    }
    a.Set(id, {{"title", "Second words"}});
    a.Sync();
    a.engine->Tick();
    CHECK(a.engine->status().pending == 0);
    CHECK(w.server.docs[id].body["title"] == "Second words");
}

TEST_CASE("a long poll on the change feed wakes the other device") {
    World w;
    w.server.async = true;
    Client& a = w.Add();
    Client& b = w.Add();
    a.Sync();
    b.Sync();
    CHECK(w.server.watching() == 2);
    std::string id = a.Create("Wake up");
    a.Sync();
    // b's parked request is answered; b syncs without anyone asking.
    for (int i = 0; i < 50 && !b.app->board().Find(id); ++i) w.server.Pump();
    REQUIRE(b.app->board().Find(id));
    CHECK(b.Get(id).title == "Wake up");
    w.server.ExpireWatches();  // quiet timeouts: the engines listen again
    w.server.Pump();
    CHECK(w.server.watching() == 2);
}

TEST_CASE("the feed waking for our own push moves the checkpoint without another round") {
    World w;
    w.server.async = true;
    Client& a = w.Add();
    a.Sync();
    a.Create("Mine alone");
    a.Sync();
    auto pulls = [&] {
        return std::count_if(w.server.log.begin(), w.server.log.end(), [](const HttpRequest& r) {
            return r.url.find("_changes?include_docs=true") != std::string::npos;
        });
    };
    auto before = pulls();
    int rounds = a.rounds;
    for (int i = 0; i < 20; ++i) w.server.Pump();
    CHECK(pulls() == before);
    CHECK(a.rounds == rounds);
    CHECK(a.engine->status().state == SyncStatus::State::Idle);
    CHECK(w.server.watching() == 1);  // listening again, past our own change
    // A change from elsewhere still wakes it.
    Client& b = w.Add();
    b.Create("From b");
    b.Sync();
    for (int i = 0; i < 50 && a.app->board().tickets().size() < 2; ++i) w.server.Pump();
    CHECK(a.app->board().tickets().size() == 2);
}

TEST_CASE("another server: what was synced with the old one is forgotten, every ticket goes to the new one") {
    World w;
    Client& a = w.Add();
    std::string id = a.Create("Moves servers");
    a.Sync();
    SyncSettings settings = CouchSettings();
    // Same fake, another identity: the store starts over.
    settings.url = std::string(fake::Couch::kUrl) + "/";
    w.server.down = true;
    a.Open(settings);
    CHECK(a.engine->status().pending == 2);  // the ticket and the board's settings
    w.server.down = false;
    a.Sync();  // the server has it already: conflict, fetch, merge (nothing new), done
    CHECK(a.engine->status().pending == 0);
    CHECK(a.engine->status().state == SyncStatus::State::Idle);
}

TEST_CASE("sync off: no request is ever made") {
    fake::Couch server;
    Millis clock = 1'800'000'000'000;
    Client a(server, clock, 9);
    a.Open(SyncSettings{});
    std::size_t before = server.log.size();
    a.Create("Local only");
    a.engine->SyncNow();
    a.engine->Tick();
    CHECK(a.engine->status().state == SyncStatus::State::Off);
    CHECK(server.log.size() == before);
}

// Three devices make 1000 random edits while a fifth of the requests fail; once the
// network is healthy and everyone synced, devices and server hold identical tickets.
void Converge(unsigned seed) {
    CAPTURE(seed);
    World w;
    std::vector<Client*> devices = {&w.Add(), &w.Add(), &w.Add()};
    std::mt19937 rng(seed);
    std::vector<std::string> ids;
    for (Client* c : devices) c->Sync();
    w.server.failure_rate = 0.2;
    const char* statuses[] = {"new", "triage", "in_progress", "waiting", "resolved"};
    const char* priorities[] = {"low", "normal", "high", "urgent"};
    for (int step = 0; step < 1000; ++step) {
        Client& c = *devices[rng() % devices.size()];
        int action = rng() % 10;
        if (ids.empty() || action == 0) {
            ids.push_back(c.Create("Ticket " + std::to_string(step)));
        } else {
            const std::string& id = ids[rng() % ids.size()];
            if (!c.app->board().Find(id)) continue;  // not arrived there yet
            if (action < 4) c.app->UpdateTicket(id, {{"title", "Edit " + std::to_string(step)}});
            else if (action < 6) c.app->UpdateTicket(id, {{"priority", priorities[rng() % 4]}});
            else if (action < 8) c.app->UpdateTicket(id, {{"status", statuses[rng() % 5]}});
            else c.app->Execute({{"op", "comment"}, {"id", id}, {"comment", {{"body", "note " + std::to_string(step)}}}});
            c.engine->LocalChanged();
        }
        if (rng() % 5 == 0) c.engine->SyncNow();
    }
    w.server.failure_rate = 0;
    for (int pass = 0; pass < 3; ++pass)
        for (Client* c : devices) c->Sync();
    const auto& reference = devices[0]->app->board().tickets();
    CHECK(reference.size() == ids.size());
    for (Client* c : devices) {
        CHECK(c->engine->status().pending == 0);
        CHECK(c->app->board().tickets().size() == ids.size());
        for (const Ticket& t : reference) {
            const Ticket* other = c->app->board().Find(t.id);
            REQUIRE(other);
            CHECK(TicketToJson(*other) == TicketToJson(t));
            const auto& doc = w.server.docs[t.id];
            json stored = doc.body;
            stored.erase("kind");
            stored["id"] = t.id;
            CHECK(stored == TicketToJson(t));
        }
    }
}

TEST_CASE("convergence: three devices, random edits, random network failures") {
    for (unsigned seed : {42u, 7u, 2026u}) Converge(seed);
}

TEST_CASE("a conflict settled on one device is settled everywhere, and undo brings it back") {
    World w;
    Client& a = w.Add();
    Client& b = w.Add();
    std::string id = a.Create("Mail bounces");
    a.Sync();
    b.Sync();
    a.Set(id, {{"title", "Mail bounces for sales"}});
    b.Set(id, {{"title", "Mail bounces since Monday"}});
    a.Sync();
    b.Sync();
    a.Sync();
    REQUIRE(ConflictsOf(a.Get(id)).size() == 1);
    json conflict = a.Get(id).extra["conflicts"][0];

    // b takes the kept value after all.
    REQUIRE(b.app->Execute({{"op", "resolve"}, {"id", id}, {"conflict", conflict}, {"use", true}}).ok());
    CHECK(b.Get(id).title == "Mail bounces for sales");
    CHECK(ConflictsOf(b.Get(id)).empty());
    b.engine->LocalChanged();
    b.Sync();
    a.Sync();
    CHECK(a.Get(id).title == "Mail bounces for sales");
    CHECK(ConflictsOf(a.Get(id)).empty());
    CHECK(TicketToJson(a.Get(id)) == TicketToJson(b.Get(id)));
    // Resolving twice is refused in words.
    auto again = a.app->Execute({{"op", "resolve"}, {"id", id}, {"conflict", conflict}});
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message.find("no such conflict") != std::string::npos);

    REQUIRE(b.app->Undo().ok());
    CHECK(b.Get(id).title == "Mail bounces since Monday");
    CHECK(ConflictsOf(b.Get(id)).size() == 1);
    b.Sync();
    a.Sync();
    CHECK(ConflictsOf(a.Get(id)).size() == 1);
    CHECK(TicketToJson(a.Get(id)) == TicketToJson(b.Get(id)));
}

// --- the board's configuration travels too (CouchDB: the "tackboard-config" document) ---

namespace {
json WithStatus(const BoardConfig& config, const std::string& id, const std::string& name) {
    json c = ConfigToJson(config);
    c["statuses"].push_back({{"id", id}, {"name", name}, {"category", "active"}, {"wip_limit", 0}});
    return c;
}
}  // namespace

TEST_CASE("a column added on one device reaches the others, with the tickets in it") {
    World w;
    Client& a = w.Add();
    Client& b = w.Add();
    a.Sync();
    b.Sync();
    REQUIRE(a.app->Execute({{"op", "config"}, {"config", WithStatus(a.app->board().config(), "qa", "QA")}}).ok());
    std::string id = a.Create("Check the fix");
    a.Set(id, {{"status", "qa"}});
    a.Sync();
    CHECK(w.server.docs.count(kConfigDocId));
    CHECK(a.engine->status().pending == 0);
    b.Sync();
    CHECK(b.app->board().config().FindStatus("qa"));
    CHECK(b.Get(id).status == "qa");
    CHECK(b.engine->status().refused.empty());
    CHECK(b.engine->status().pending == 0);
}

TEST_CASE("settings changed on two devices at once merge; a fresh device takes the team's") {
    World w;
    Client& a = w.Add();
    Client& b = w.Add();
    a.Sync();
    b.Sync();
    json renamed = ConfigToJson(a.app->board().config());
    renamed["statuses"][0]["name"] = "Inbox";
    REQUIRE(a.app->Execute({{"op", "config"}, {"config", renamed}}).ok());
    REQUIRE(b.app->Execute({{"op", "config"}, {"config", WithStatus(b.app->board().config(), "qa", "QA")}}).ok());
    a.engine->LocalChanged();
    b.engine->LocalChanged();
    a.Sync();
    b.Sync();  // conflict on the config document: fetch, merge, push
    a.Sync();
    CHECK(ConfigToJson(a.app->board().config()) == ConfigToJson(b.app->board().config()));
    CHECK(a.app->board().config().statuses.front().name == "Inbox");
    CHECK(a.app->board().config().FindStatus("qa"));
    CHECK(b.app->notices().empty());  // different entries: nothing overridden

    // A device that never changed its settings takes the team's whole, "waiting" removal included.
    json fewer = ConfigToJson(a.app->board().config());
    fewer["statuses"].erase(fewer["statuses"].begin() + 3);
    REQUIRE(a.app->Execute({{"op", "config"}, {"config", fewer}}).ok());
    a.engine->LocalChanged();
    a.Sync();
    Client& c = w.Add();
    c.Sync();
    CHECK(ConfigToJson(c.app->board().config()) == ConfigToJson(a.app->board().config()));
}

TEST_CASE("tickets pulled before the settings they need are fetched again once the settings arrive") {
    World w;
    Client& a = w.Add();
    a.Sync();
    REQUIRE(a.app->Execute({{"op", "config"}, {"config", WithStatus(a.app->board().config(), "qa", "QA")}}).ok());
    std::vector<std::string> ids;
    for (int i = 0; i < CouchAdapter::kPageSize + 20; ++i) {
        ids.push_back(a.Create("Ticket " + std::to_string(i)));
        a.Set(ids.back(), {{"status", "qa"}});
    }
    a.Sync();
    // The settings change again: their document now comes after every ticket in the feed.
    json labelled = ConfigToJson(a.app->board().config());
    labelled["labels"].push_back({{"name", "regression"}, {"colour", labelled["labels"][0]["colour"]}});
    REQUIRE(a.app->Execute({{"op", "config"}, {"config", labelled}}).ok());
    a.engine->LocalChanged();
    a.Sync();
    Client& b = w.Add();
    b.Sync();
    CHECK(b.engine->status().refused.empty());
    std::size_t in_qa = 0;
    for (const std::string& id : ids) in_qa += b.app->board().Find(id) && b.Get(id).status == "qa";
    CHECK(in_qa == ids.size());
    CHECK(b.engine->status().pending == 0);
}

// --- roles: who the server says we are ------------------------------------------------

namespace {
std::size_t BulkDocsRequests(const fake::Couch& server) {
    return static_cast<std::size_t>(std::count_if(server.log.begin(), server.log.end(), [](const HttpRequest& r) {
        return r.url.find("_bulk_docs") != std::string::npos;
    }));
}
}  // namespace

TEST_CASE("a server that names the user sets the identity; a requester's device never sends the configuration") {
    World w;
    w.server.session = {{"ok", true}, {"userCtx", {{"name", "alice@example.org"}, {"roles", {"requester"}}}}};
    Client& a = w.Add();
    a.Sync();
    CHECK(a.app->identity().name == "alice@example.org");
    CHECK(a.app->identity().role == Role::Requester);
    CHECK(a.app->identity().from_server);
    // Asked at the server's root, beside the database.
    CHECK(std::any_of(w.server.log.begin(), w.server.log.end(),
                      [](const HttpRequest& r) { return r.url == "http://couch.test/_session"; }));

    std::string id = a.Create("Printer jams");
    a.Sync();
    CHECK(w.server.docs.count(id) == 1);
    CHECK(w.server.docs[id].body["history"][0]["by"] == "alice@example.org");  // changes are in their name
    CHECK(w.server.docs.count(kConfigDocId) == 0);  // only a lead's device sends the board's settings
    CHECK(a.engine->status().pending == 0);

    // The same board as a lead sends them.
    w.server.session = {{"ok", true}, {"userCtx", {{"name", "lea"}, {"roles", {"lead"}}}}};
    a.Open();
    a.Sync();
    CHECK(a.app->identity().role == Role::Lead);
    CHECK(w.server.docs.count(kConfigDocId) == 1);
}

TEST_CASE("a server without roles keeps the device's identity; turning sync off makes it the device's choice again") {
    World w;
    Client& a = w.Add();
    a.app->SetIdentity({"bob", Role::Agent, false});
    a.Sync();  // no _session route: 404
    CHECK(a.app->identity().name == "bob");
    CHECK(a.app->identity().role == Role::Agent);
    CHECK_FALSE(a.app->identity().from_server);

    // A server naming nobody (CouchDB's admin party) is no server of roles either.
    w.server.session = {{"ok", true}, {"userCtx", {{"name", nullptr}, {"roles", {"_admin"}}}}};
    a.Open();
    a.Sync();
    CHECK(a.app->identity().name == "bob");
    CHECK_FALSE(a.app->identity().from_server);

    w.server.session = {{"ok", true}, {"userCtx", {{"name", "carol"}, {"roles", {"agent"}}}}};
    a.Open();
    a.Sync();
    CHECK(a.app->identity().name == "carol");
    CHECK(a.app->identity().from_server);
    REQUIRE(a.engine->Configure(SyncSettings{}, a.dir.str() + "/sync").ok());
    CHECK(a.app->identity().name == "carol");
    CHECK_FALSE(a.app->identity().from_server);
}

TEST_CASE("a refused token is told with the server's reason, and nothing is pulled or sent") {
    World w;
    w.server.session = {{"ok", true}, {"userCtx", {{"name", "alice"}, {"roles", {"requester"}}}}};
    w.server.required_token = "Bearer t-alice";
    Client& a = w.Add();
    std::string id = a.Create("Printer jams");
    a.Sync();
    CHECK(a.engine->status().state == SyncStatus::State::Waiting);
    CHECK(a.engine->status().last_error ==
          "asking who you are: 401: the server refused the token (or needs one) — Name or password is incorrect.");
    CHECK(w.server.docs.count(id) == 0);
    CHECK(a.app->identity().role == Role::Lead);  // unchanged: the server said nothing about who we are
    CHECK_FALSE(a.app->identity().from_server);
}

TEST_CASE("a document the server forbids stays on the device, is told once, and is not sent again until it changes") {
    World w;
    w.server.session = {{"ok", true}, {"userCtx", {{"name", "alice"}, {"roles", {"requester"}}}}};
    w.server.forbid = [](const json& doc) {
        return doc.value("requester", "") == "alice" ? std::string() : "a requester can only submit requests in their own name";
    };
    Client& a = w.Add();
    a.Sync();
    auto own = a.app->CreateTicket({{"title", "Printer jams"}, {"requester", "alice"}});
    auto other = a.app->CreateTicket({{"title", "Payroll for bob"}, {"requester", "bob"}});
    REQUIRE(own.ok());
    REQUIRE(other.ok());
    a.engine->LocalChanged();
    a.Sync();
    CHECK(w.server.docs.count(own.value()) == 1);  // the others are stored
    CHECK(w.server.docs.count(other.value()) == 0);
    REQUIRE(a.engine->status().refused.count(other.value()) == 1);
    CHECK(a.engine->status().refused.at(other.value()) ==
          "the server refused it: forbidden: a requester can only submit requests in their own name");
    REQUIRE(a.app->notices().size() == 1);
    CHECK(a.app->notices()[0] ==
          "The server refused your change to \"Payroll for bob\" (forbidden: a requester can only submit requests in "
          "their own name). It is kept on this device only.");
    CHECK(a.app->board().Find(other.value()));  // nothing lost

    // No loop: more rounds do not send it again while it is unchanged.
    const std::size_t sent = BulkDocsRequests(w.server);
    a.Sync();
    a.Sync();
    CHECK(BulkDocsRequests(w.server) == sent);
    CHECK(a.app->notices().size() == 1);
    CHECK(a.engine->status().state == SyncStatus::State::Idle);

    // Changed (now in their own name), it goes again and is stored.
    a.Set(other.value(), {{"requester", "alice"}});
    a.Sync();
    CHECK(w.server.docs.count(other.value()) == 1);
    CHECK(a.engine->status().refused.count(other.value()) == 0);
}

TEST_CASE("who am I: the session's address beside the database, and the answers read as identities") {
    CHECK(SessionUrl("http://couch.test/helpdesk") == "http://couch.test/_session");
    CHECK(SessionUrl("https://h.example/couch/tackboard/") == "https://h.example/couch/_session");

    auto alice = IdentityFromSession({{"ok", true}, {"userCtx", {{"name", "alice"}, {"roles", {"requester"}}}}});
    REQUIRE(alice.ok());
    REQUIRE(alice.value());
    CHECK(alice.value()->name == "alice");
    CHECK(alice.value()->role == Role::Requester);
    CHECK(alice.value()->from_server);
    auto admin = IdentityFromSession({{"ok", true}, {"userCtx", {{"name", nullptr}, {"roles", {"_admin"}}}}});
    REQUIRE(admin.ok());
    CHECK_FALSE(admin.value());  // names nobody: no roles to follow
    CHECK_FALSE(IdentityFromSession(json::array()).ok());

    auto bob = IdentityFromMe({{"name", "bob"}, {"role", "agent"}});
    REQUIRE(bob.ok());
    REQUIRE(bob.value());
    CHECK(bob.value()->role == Role::Agent);
    auto owner = IdentityFromMe({{"name", nullptr}, {"role", "lead"}});
    REQUIRE(owner.ok());
    CHECK_FALSE(owner.value());
    auto unknown = IdentityFromMe({{"name", "eve"}, {"role", "boss"}});
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message ==
          "asking who you are: the server names the role \"boss\", which is none of requester, agent or lead");
}
