// Tests for sync/rest_adapter.cpp against an in-memory REST server (fake_rest.hpp)
// with json-server's, serve.py's and a version-field server's semantics.
#include <doctest/doctest.h>

#include <optional>

#include "fake_rest.hpp"
#include "sync/rest_adapter.hpp"

using namespace tackboard;
using nlohmann::json;
using Mode = fake::Rest::Mode;
using Concurrency = SyncSettings::Concurrency;

namespace {

json TicketJson(const std::string& id, const std::string& title) {
    return {{"id", id},           {"type", "bug"}, {"title", title}, {"status", "new"},
            {"priority", "normal"}, {"created", 1},  {"updated", 2}};
}

SyncSettings Settings(Concurrency concurrency, std::string id_field = "id") {
    SyncSettings s;
    s.kind = SyncSettings::Kind::Rest;
    s.url = fake::Rest::kUrl;
    s.collection = "/tickets";
    s.id_field = std::move(id_field);
    s.concurrency = concurrency;
    return s;
}

Concurrency NaturalStyle(Mode mode) {
    switch (mode) {
        case Mode::JsonServer: return Concurrency::None;
        case Mode::ServePy: return Concurrency::ETag;
        case Mode::Version: return Concurrency::Version;
    }
    return Concurrency::None;
}

// A server and an adapter configured for it; each call pumps until its answer arrives
// and checks that it did not arrive before (the adapter is asynchronous).
struct Rig {
    fake::Rest server;
    RestAdapter adapter;

    explicit Rig(Mode mode, std::string id_field = "id")
        : server(mode, id_field), adapter(Settings(NaturalStyle(mode), id_field), server) {}
    Rig(Mode mode, SyncSettings settings) : server(mode, settings.id_field), adapter(settings, server) {}

    template <class T, class Call>
    Result<T> Wait(Call call) {
        std::optional<Result<T>> answer;
        int calls = 0;
        call([&](Result<T> result) {
            ++calls;
            answer = std::move(result);
        });
        CHECK_MESSAGE(!answer, "answered before the server did");
        server.Pump();
        REQUIRE(calls == 1);
        return std::move(*answer);
    }
    Result<PullPage> Pull() {
        return Wait<PullPage>([&](auto done) { adapter.Pull("", done); });
    }
    Result<std::vector<PushResult>> Push(std::vector<PushDoc> docs) {
        return Wait<std::vector<PushResult>>([&](auto done) { adapter.Push(docs, done); });
    }
    Result<RemoteDoc> Fetch(const std::string& id) {
        return Wait<RemoteDoc>([&](auto done) { adapter.Fetch(id, done); });
    }
    Result<ServerInfo> Probe() {
        return Wait<ServerInfo>([&](auto done) { adapter.Probe(done); });
    }
    // The rev the server's list shows for `id` now.
    std::string ListedRev(const std::string& id) {
        auto page = Pull();
        REQUIRE(page.ok());
        for (const RemoteDoc& doc : page.value().docs)
            if (doc.id == id) return doc.rev;
        FAIL("not listed: " << id);
        return {};
    }
    PushResult PushOne(PushDoc doc) {
        auto results = Push({std::move(doc)});
        REQUIRE_MESSAGE(results.ok(), results.error().message);
        REQUIRE(results.value().size() == 1);
        return results.value()[0];
    }
};

HttpResponse Answer(int status, std::string body, HttpHeaders headers = {}) {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    return response;
}

const Mode kModes[] = {Mode::JsonServer, Mode::ServePy, Mode::Version};

}  // namespace

// [SECTION] Pull and probe

TEST_CASE("pull lists every ticket, with the server's bookkeeping taken off") {
    for (Mode mode : kModes) {
        CAPTURE(static_cast<int>(mode));
        Rig rig(mode);
        rig.server.Store("T1", TicketJson("T1", "Printer jams"));
        rig.server.Store("T2", TicketJson("T2", "VPN down"));
        auto page = rig.Pull();
        REQUIRE(page.ok());
        CHECK(page.value().complete);
        CHECK_FALSE(page.value().more);
        REQUIRE(page.value().docs.size() == 2);
        const RemoteDoc& doc = page.value().docs[0];
        CHECK(doc.id == "T1");
        CHECK(doc.ticket == TicketJson("T1", "Printer jams"));  // no "version" left in it
        CHECK_FALSE(doc.deleted);
        if (mode == Mode::JsonServer) CHECK(doc.rev.rfind("h-", 0) == 0);
        else CHECK(doc.rev == "1");
        REQUIRE(rig.server.log.size() == 1);
        CHECK(rig.server.log[0].method == "GET");
        CHECK(rig.server.log[0].url == "http://rest.test/api/tickets");  // never ?since=: json-server would filter by it
    }
}

TEST_CASE("pull: a rev changes exactly when the item does, and so does the checkpoint") {
    for (Mode mode : kModes) {
        CAPTURE(static_cast<int>(mode));
        Rig rig(mode);
        rig.server.Store("T1", TicketJson("T1", "Printer jams"));
        rig.server.Store("T2", TicketJson("T2", "VPN down"));
        auto first = rig.Pull();
        auto again = rig.Pull();
        REQUIRE(first.ok());
        REQUIRE(again.ok());
        CHECK(first.value().docs[0].rev == again.value().docs[0].rev);
        CHECK(first.value().checkpoint == again.value().checkpoint);
        CHECK_FALSE(first.value().checkpoint.empty());
        rig.server.Store("T1", TicketJson("T1", "Printer jams on floor 2"));
        auto changed = rig.Pull();
        REQUIRE(changed.ok());
        CHECK(changed.value().docs[0].rev != first.value().docs[0].rev);
        CHECK(changed.value().docs[1].rev == first.value().docs[1].rev);
        CHECK(changed.value().checkpoint != first.value().checkpoint);
    }
}

TEST_CASE("pull skips items that are not tickets, and marks soft-deleted ones") {
    Rig rig(Mode::JsonServer);
    rig.server.Store("T1", TicketJson("T1", "Printer jams"));
    json gone = TicketJson("T2", "Old");
    gone["deleted"] = true;
    rig.server.Store("T2", gone);
    rig.server.Store("note", {{"text", "not a ticket: no title"}});
    rig.server.Store("odd", {{"title", 42}});
    rig.server.canned.push_back(Answer(200, "[" + rig.server.View("T1").dump() + ", 7, \"text\", null, [1], " +
                                              rig.server.View("note").dump() + ", " + rig.server.View("odd").dump() +
                                              ", {\"title\": \"no id\"}, " + rig.server.View("T2").dump() + "]"));
    auto page = rig.Pull();
    REQUIRE_MESSAGE(page.ok(), page.error().message);
    REQUIRE(page.value().docs.size() == 2);
    CHECK(page.value().docs[0].id == "T1");
    CHECK(page.value().docs[1].id == "T2");
    CHECK(page.value().docs[1].deleted);
    CHECK(page.value().docs[1].ticket["deleted"] == true);
}

TEST_CASE("pull: wrong types in items are skipped or ignored, never a crash") {
    Rig rig(Mode::ServePy);
    rig.server.canned.push_back(Answer(200, R"([
        {"id": {"nested": 1}, "title": "object id"},
        {"id": "", "title": "empty id"},
        {"id": 1.5, "title": "fractional id"},
        {"title": "no id"},
        {"id": "T5", "title": "odd bookkeeping", "deleted": "yes", "version": [1]},
        {"id": "T6", "title": "text version", "version": "v-7"}
    ])"));
    auto page = rig.Pull();
    REQUIRE_MESSAGE(page.ok(), page.error().message);
    REQUIRE(page.value().docs.size() == 2);
    const RemoteDoc& odd = page.value().docs[0];
    CHECK(odd.id == "T5");
    CHECK_FALSE(odd.deleted);                   // "yes" is not true
    CHECK(odd.rev.rfind("h-", 0) == 0);         // no usable version: the content decides
    CHECK_FALSE(odd.ticket.contains("version"));
    CHECK(odd.ticket["deleted"] == "yes");      // left for the engine's reader to refuse
    CHECK(page.value().docs[1].rev == "v-7");
}

TEST_CASE("probe counts the tickets that are not deleted and names the server") {
    Rig rig(Mode::ServePy);
    rig.server.Store("T1", TicketJson("T1", "Printer jams"));
    rig.server.Store("T2", TicketJson("T2", "VPN down"));
    json gone = TicketJson("T3", "Old");
    gone["deleted"] = true;
    rig.server.Store("T3", gone);
    rig.server.Store("x", {{"name", "not a ticket"}});
    auto info = rig.Probe();
    REQUIRE_MESSAGE(info.ok(), info.error().message);
    CHECK(info.value().tickets == 2);
    CHECK(info.value().summary == "REST collection http://rest.test/api/tickets, ETag and If-Match");
}

TEST_CASE("only a server without concurrency control gets a warning") {
    fake::Rest server(Mode::JsonServer);
    CHECK(RestAdapter(Settings(Concurrency::ETag), server).Warning().empty());
    CHECK(RestAdapter(Settings(Concurrency::Version), server).Warning().empty());
    std::string warning = RestAdapter(Settings(Concurrency::None), server).Warning();
    CHECK(warning.find("cannot detect concurrent edits") != std::string::npos);
    CHECK(warning.find("last") != std::string::npos);
}

// [SECTION] Push

TEST_CASE("a new ticket is POSTed and its rev is the one the next pull shows") {
    for (Mode mode : kModes) {
        CAPTURE(static_cast<int>(mode));
        Rig rig(mode);
        PushResult result = rig.PushOne({"T1", "", false, TicketJson("T1", "Printer jams")});
        CHECK(result.id == "T1");
        REQUIRE(result.kind == PushResult::Kind::Stored);
        CHECK(result.rev == rig.ListedRev("T1"));
        CHECK(rig.server.log[0].method == "POST");
        CHECK(rig.server.log[0].url == "http://rest.test/api/tickets");
        CHECK(fake::Rest::Header(rig.server.log[0], "Content-Type") == "application/json");
        CHECK(rig.server.items.at("T1")["title"] == "Printer jams");
    }
}

TEST_CASE("an edit from the current rev is stored, and the new rev matches the list") {
    for (Mode mode : kModes) {
        CAPTURE(static_cast<int>(mode));
        Rig rig(mode);
        rig.server.Store("T 1/2", TicketJson("T 1/2", "Printer jams"));
        std::string rev = rig.ListedRev("T 1/2");
        rig.server.log.clear();
        PushResult result = rig.PushOne({"T 1/2", rev, false, TicketJson("T 1/2", "Printer jams on floor 2")});
        REQUIRE(result.kind == PushResult::Kind::Stored);
        CHECK(result.rev != rev);
        CHECK(result.rev == rig.ListedRev("T 1/2"));
        CHECK(rig.server.items.at("T 1/2")["title"] == "Printer jams on floor 2");
        const HttpRequest& put = rig.server.log[0];
        CHECK(put.method == "PUT");
        CHECK(put.url == "http://rest.test/api/tickets/T%201%2F2");
        json body = json::parse(put.body);
        CHECK(body["id"] == "T 1/2");
        switch (mode) {
            case Mode::JsonServer:
                CHECK(fake::Rest::Header(put, "If-Match").empty());
                CHECK_FALSE(body.contains("version"));
                break;
            case Mode::ServePy:
                CHECK(fake::Rest::Header(put, "If-Match") == "\"" + rev + "\"");
                CHECK_FALSE(body.contains("version"));
                break;
            case Mode::Version:
                CHECK(fake::Rest::Header(put, "If-Match").empty());
                CHECK(body["version"] == std::stoll(rev));  // sent back as the number it was
                break;
        }
    }
}

TEST_CASE("an edit from a stale rev is a conflict where the server can tell, last writer wins where not") {
    for (Mode mode : kModes) {
        CAPTURE(static_cast<int>(mode));
        Rig rig(mode);
        rig.server.Store("T1", TicketJson("T1", "Printer jams"));
        std::string rev = rig.ListedRev("T1");
        rig.server.Store("T1", TicketJson("T1", "Changed by someone else"));
        PushResult result = rig.PushOne({"T1", rev, false, TicketJson("T1", "Mine")});
        if (mode == Mode::JsonServer) {
            CHECK(result.kind == PushResult::Kind::Stored);
            CHECK(rig.server.items.at("T1")["title"] == "Mine");
        } else {
            CHECK(result.kind == PushResult::Kind::Conflict);
            CHECK(rig.server.items.at("T1")["title"] == "Changed by someone else");
        }
    }
}

TEST_CASE("a deleted ticket is PUT with deleted: true, never HTTP DELETEd") {
    for (Mode mode : kModes) {
        CAPTURE(static_cast<int>(mode));
        Rig rig(mode);
        rig.server.Store("T1", TicketJson("T1", "Printer jams"));
        std::string rev = rig.ListedRev("T1");
        rig.server.log.clear();
        PushResult result = rig.PushOne({"T1", rev, true, TicketJson("T1", "Printer jams")});
        REQUIRE(result.kind == PushResult::Kind::Stored);
        REQUIRE(rig.server.log.size() == 1);
        CHECK(rig.server.log[0].method == "PUT");
        REQUIRE(rig.server.items.count("T1"));
        CHECK(rig.server.items.at("T1")["deleted"] == true);
        CHECK(rig.server.items.at("T1")["title"] == "Printer jams");
        auto page = rig.Pull();
        REQUIRE(page.ok());
        CHECK(page.value().docs[0].deleted);
    }
}

TEST_CASE("creating a ticket the server already has is a conflict") {
    SUBCASE("serve.py: 409") {
        Rig rig(Mode::ServePy);
        rig.server.Store("T1", TicketJson("T1", "Printer jams"));
        CHECK(rig.PushOne({"T1", "", false, TicketJson("T1", "Mine")}).kind == PushResult::Kind::Conflict);
    }
    SUBCASE("json-server: an HTML 500, then a GET finds the item (an earlier POST's answer was lost)") {
        Rig rig(Mode::JsonServer);
        rig.server.Store("T1", TicketJson("T1", "Printer jams"));
        CHECK(rig.PushOne({"T1", "", false, TicketJson("T1", "Mine")}).kind == PushResult::Kind::Conflict);
        REQUIRE(rig.server.log.size() == 2);
        CHECK(rig.server.log[1].method == "GET");
        CHECK(rig.server.log[1].url == "http://rest.test/api/tickets/T1");
        CHECK(rig.server.items.at("T1")["title"] == "Printer jams");
    }
    SUBCASE("a 500 for an item that does not exist is a failure, not a conflict") {
        Rig rig(Mode::JsonServer);
        rig.server.canned.push_back(Answer(500, "<html><body>Internal Server Error</body></html>"));
        auto results = rig.Push({{"T1", "", false, TicketJson("T1", "Mine")}});
        REQUIRE_FALSE(results.ok());
        CHECK(results.error().message.find("sending ticket T1: 500") == 0);
    }
}

TEST_CASE("changing an item the server no longer has is a conflict (the engine then sends it as new)") {
    Rig rig(Mode::JsonServer);
    CHECK(rig.PushOne({"T1", "h-0000000000000000", false, TicketJson("T1", "Mine")}).kind ==
          PushResult::Kind::Conflict);
    Rig serve_py(Mode::ServePy);
    CHECK(serve_py.PushOne({"T1", "4", false, TicketJson("T1", "Mine")}).kind == PushResult::Kind::Conflict);
}

TEST_CASE("428 (serve.py wants If-Match) is a conflict: fetching gives the rev to retry with") {
    Rig rig(Mode::ServePy, Settings(Concurrency::None));
    rig.server.Store("T1", TicketJson("T1", "Printer jams"));
    CHECK(rig.PushOne({"T1", "h-1234", false, TicketJson("T1", "Mine")}).kind == PushResult::Kind::Conflict);
}

TEST_CASE("a ticket the server refuses is Refused with its reason; the others are stored") {
    Rig rig(Mode::ServePy);
    rig.server.canned.push_back(Answer(422, R"({"error":"unprocessable","reason":"title too long"})"));
    auto results = rig.Push({{"T1", "", false, TicketJson("T1", "A")}, {"T2", "", false, TicketJson("T2", "B")}});
    REQUIRE(results.ok());
    REQUIRE(results.value().size() == 2);
    for (const PushResult& r : results.value()) {
        if (r.id == "T1") {
            CHECK(r.kind == PushResult::Kind::Refused);
            CHECK(r.reason == "422: title too long");
        } else {
            CHECK(r.kind == PushResult::Kind::Stored);
        }
    }
}

TEST_CASE("a push sends at most six requests at once and answers once, for every document") {
    Rig rig(Mode::ServePy);
    std::vector<PushDoc> docs;
    for (int i = 0; i < 20; ++i) {
        std::string id = "T" + std::to_string(100 + i);
        docs.push_back({id, "", false, TicketJson(id, "Ticket " + std::to_string(i))});
    }
    auto results = rig.Push(docs);
    REQUIRE(results.ok());
    CHECK(results.value().size() == 20);
    CHECK(rig.server.most_in_flight == 6);
    CHECK(rig.server.items.size() == 20);
    for (const PushResult& r : results.value()) CHECK(r.kind == PushResult::Kind::Stored);
}

TEST_CASE("an empty push answers with no results") {
    Rig rig(Mode::ServePy);
    int calls = 0;
    rig.adapter.Push({}, [&](Result<std::vector<PushResult>> results) {
        ++calls;
        CHECK(results.ok());
        CHECK(results.value().empty());
    });
    rig.server.Pump();
    CHECK(calls == 1);
    CHECK(rig.server.log.empty());
}

TEST_CASE("a network failure fails the whole push (retried later), stops sending, and answers once") {
    Rig rig(Mode::ServePy);
    std::vector<PushDoc> docs;
    for (int i = 0; i < 10; ++i) {
        std::string id = "T" + std::to_string(i);
        docs.push_back({id, "", false, TicketJson(id, "x")});
    }
    HttpResponse down;
    down.failure = "connection refused";
    rig.server.canned.push_back(down);
    auto results = rig.Push(docs);
    REQUIRE_FALSE(results.ok());
    CHECK(results.error().message.find("sending ticket T0: no answer from the server") == 0);
    CHECK(rig.server.log.size() == 6);  // the first six were in flight; nothing after the failure
}

TEST_CASE("a 2xx that is not the stored item keeps the edit queued") {
    for (std::string body : {"<html><body>Please log in to the Wi-Fi</body></html>", "[1, 2]", "{\"id\": \"T1\""}) {
        CAPTURE(body);
        Rig rig(Mode::JsonServer);
        rig.server.canned.push_back(Answer(200, body));
        auto results = rig.Push({{"T1", "", false, TicketJson("T1", "Mine")}});
        REQUIRE_FALSE(results.ok());
        CHECK(results.error().message.find("sending ticket T1: the server") == 0);
    }
}

TEST_CASE("a 2xx without a body is stored, with the rev from the ETag or the content") {
    Rig rig(Mode::ServePy);
    rig.server.canned.push_back(Answer(204, "", {{"etag", "\"17\""}}));
    CHECK(rig.PushOne({"T1", "3", false, TicketJson("T1", "Mine")}).rev == "17");
    Rig plain(Mode::JsonServer);
    plain.server.canned.push_back(Answer(204, ""));
    PushResult result = plain.PushOne({"T1", "h-1", false, TicketJson("T1", "Mine")});
    CHECK(result.kind == PushResult::Kind::Stored);
    CHECK(result.rev.rfind("h-", 0) == 0);
}

// [SECTION] Fetch

TEST_CASE("fetch reads one ticket with its current rev; a missing one has an empty rev") {
    for (Mode mode : kModes) {
        CAPTURE(static_cast<int>(mode));
        Rig rig(mode);
        rig.server.Store("T1", TicketJson("T1", "Printer jams"));
        rig.server.Store("T1", TicketJson("T1", "Printer jams again"));
        auto doc = rig.Fetch("T1");
        REQUIRE_MESSAGE(doc.ok(), doc.error().message);
        CHECK(doc.value().id == "T1");
        CHECK(doc.value().ticket == TicketJson("T1", "Printer jams again"));
        CHECK(doc.value().rev == rig.ListedRev("T1"));  // json-server's weak ETag is not used
        auto missing = rig.Fetch("T9");
        REQUIRE(missing.ok());
        CHECK(missing.value().id == "T9");
        CHECK(missing.value().rev.empty());
        CHECK(missing.value().ticket.is_null());
    }
}

TEST_CASE("fetch refuses something that is not the ticket asked for") {
    Rig rig(Mode::ServePy);
    rig.server.canned.push_back(Answer(200, TicketJson("T2", "Other").dump()));
    auto doc = rig.Fetch("T1");
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.error().message.find("reading ticket T1: the server holds something else") == 0);
}

// [SECTION] Id field

TEST_CASE("an id field other than \"id\" is mapped both ways") {
    Rig rig(Mode::ServePy, "key");
    json item = TicketJson("ignored", "Printer jams");
    item.erase("id");
    rig.server.Store("K-1", item);
    auto page = rig.Pull();
    REQUIRE(page.ok());
    REQUIRE(page.value().docs.size() == 1);
    CHECK(page.value().docs[0].id == "K-1");
    CHECK(page.value().docs[0].ticket == TicketJson("K-1", "Printer jams"));  // "id", no "key"
    rig.server.log.clear();
    PushResult stored = rig.PushOne({"K-1", page.value().docs[0].rev, false, TicketJson("K-1", "Renamed")});
    CHECK(stored.kind == PushResult::Kind::Stored);
    json sent = json::parse(rig.server.log[0].body);
    CHECK(sent["key"] == "K-1");
    CHECK_FALSE(sent.contains("id"));
    CHECK(rig.server.log[0].url == "http://rest.test/api/tickets/K-1");
    CHECK(rig.PushOne({"K-2", "", false, TicketJson("K-2", "New")}).kind == PushResult::Kind::Stored);
    CHECK(rig.server.items.count("K-2"));
    auto fetched = rig.Fetch("K-2");
    REQUIRE(fetched.ok());
    CHECK(fetched.value().ticket["id"] == "K-2");
    CHECK_FALSE(fetched.value().ticket.contains("key"));
}

TEST_CASE("json-server's numeric ids are read as text") {
    Rig rig(Mode::JsonServer);
    json item = TicketJson("x", "Numbered");
    item["id"] = 3;
    rig.server.canned.push_back(Answer(200, json::array({item}).dump()));
    auto page = rig.Pull();
    REQUIRE(page.ok());
    REQUIRE(page.value().docs.size() == 1);
    CHECK(page.value().docs[0].id == "3");
    CHECK(page.value().docs[0].ticket["id"] == "3");
}

// [SECTION] Garbage, failures and the token

TEST_CASE("garbage answers are errors in plain words, for every call") {
    struct Case {
        HttpResponse response;
        std::string expected;  // in the message
    };
    HttpResponse offline;
    offline.failure = "timeout";
    const Case cases[] = {
        {Answer(200, "<!DOCTYPE html><html><body>Welcome to nginx</body></html>"), "with a web page that is not JSON"},
        {Answer(200, R"([{"id": "T1", "title": "Printer ja)"), "that is not JSON"},
        {Answer(200, ""), "an empty body"},
        {Answer(200, R"({"items": []})"), "not a list of tickets"},
        {Answer(200, "42"), "not a list of tickets"},
        {Answer(502, "<html><body>Bad Gateway</body></html>"), "502: the server failed"},
        {Answer(404, "Cannot GET /tickets"), "404: not found"},
        {offline, "no answer from the server"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.response.body);
        Rig rig(Mode::ServePy);
        rig.server.Store("T1", TicketJson("T1", "Printer jams"));
        rig.server.canned.push_back(c.response);
        auto page = rig.Pull();
        REQUIRE_FALSE(page.ok());
        CHECK(page.error().message.find("pulling changes: ") == 0);
        CHECK(page.error().message.find(c.expected) != std::string::npos);
        rig.server.canned.push_back(c.response);
        auto info = rig.Probe();
        REQUIRE_FALSE(info.ok());
        CHECK(info.error().message.find(c.expected) != std::string::npos);
    }
}

TEST_CASE("fetch: garbage and failures are errors") {
    HttpResponse offline;
    offline.failure = "timeout";
    for (HttpResponse response : {Answer(200, "<html>oops</html>"), Answer(200, "[1]"), Answer(200, R"({"id": "T1"})"),
                                  Answer(200, R"({"id": "T1", "title": )"), Answer(500, "{}"), offline}) {
        CAPTURE(response.body);
        Rig rig(Mode::ServePy);
        rig.server.canned.push_back(response);
        auto doc = rig.Fetch("T1");
        REQUIRE_FALSE(doc.ok());
        CHECK(doc.error().message.find("reading ticket T1: ") == 0);
    }
}

TEST_CASE("the token goes in the Authorization header of every request and never into a message") {
    SyncSettings settings = Settings(Concurrency::ETag);
    settings.token = "s3cret-token";
    Rig rig(Mode::ServePy, settings);
    rig.server.required_token = "Bearer s3cret-token";
    REQUIRE(rig.PushOne({"T1", "", false, TicketJson("T1", "A")}).kind == PushResult::Kind::Stored);
    REQUIRE(rig.Pull().ok());
    REQUIRE(rig.Fetch("T1").ok());
    REQUIRE(rig.Probe().ok());
    for (const HttpRequest& r : rig.server.log) {
        CHECK(fake::Rest::Header(r, "Authorization") == "Bearer s3cret-token");
        CHECK(r.url.find("s3cret") == std::string::npos);
        CHECK(r.body.find("s3cret") == std::string::npos);
    }

    rig.server.required_token = "Bearer another";
    auto page = rig.Pull();
    REQUIRE_FALSE(page.ok());
    CHECK(page.error().message.find("401") != std::string::npos);
    CHECK(page.error().message.find("s3cret") == std::string::npos);
    auto pushed = rig.Push({{"T2", "", false, TicketJson("T2", "B")}});
    REQUIRE_FALSE(pushed.ok());  // a refused token is no verdict on the ticket: retried later
    CHECK(pushed.error().message == "sending ticket T2: 401: the server refused the token (or needs one)");
    HttpResponse offline;
    offline.failure = "network down";
    rig.server.canned.push_back(offline);
    auto fetched = rig.Fetch("T1");
    REQUIRE_FALSE(fetched.ok());
    CHECK(fetched.error().message.find("s3cret") == std::string::npos);
}

TEST_CASE("basic auth for user:password tokens") {
    SyncSettings settings = Settings(Concurrency::None);
    settings.token = "ann:pw";
    Rig rig(Mode::JsonServer, settings);
    REQUIRE(rig.Pull().ok());
    CHECK(fake::Rest::Header(rig.server.log[0], "Authorization") == "Basic YW5uOnB3");
}

TEST_CASE("content revs and ETag values") {
    CHECK(ContentRev(json{{"a", 1}, {"b", 2}}) == ContentRev(json::parse(R"({"b":2,"a":1})")));
    CHECK(ContentRev(json{{"a", 1}}) != ContentRev(json{{"a", 2}}));
    CHECK(ContentRev(json{{"a", 1}}).size() == 18);
    CHECK(EtagValue("\"12\"") == "12");
    CHECK(EtagValue("W/\"5f-abc\"") == "5f-abc");
    CHECK(EtagValue("abc") == "abc");
    CHECK(EtagValue("") == "");
}
