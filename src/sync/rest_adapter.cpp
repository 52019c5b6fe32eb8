#include "sync/rest_adapter.hpp"

#include <charconv>
#include <cstdint>
#include <optional>
#include <unordered_set>

namespace tackboard {

using nlohmann::json;

namespace {

// A version field as rev text: numbers as their digits, text as it is.
std::string VersionText(const json& version) {
    if (version.is_string()) return version.get<std::string>();
    if (version.is_number_unsigned()) return std::to_string(version.get<unsigned long long>());
    if (version.is_number_integer()) return std::to_string(version.get<long long>());
    if (version.is_number()) return version.dump();
    return {};
}

// The other way, for writes in the Version style: a rev that came from a number goes
// back as that number, so the server compares like with like.
json VersionValue(const std::string& rev) {
    long long number = 0;
    auto [end, error] = std::from_chars(rev.data(), rev.data() + rev.size(), number);
    if (!rev.empty() && error == std::errc() && end == rev.data() + rev.size() && std::to_string(number) == rev)
        return number;
    return rev;
}

// Item ids are text for us; json-server also hands out numbers.
std::string IdText(const json& id) {
    if (id.is_string()) return id.get<std::string>();
    if (id.is_number_integer()) return VersionText(id);
    return {};
}

// Failures that say nothing about the document: the whole push is retried later.
bool Transient(int status) {
    return status == 0 || status == 401 || status == 407 || status == 408 || status == 429 || status >= 500;
}

bool Success(int status) { return status >= 200 && status < 300; }

bool Blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

std::string ContentRev(const json& item) {
    // FNV-1a over the canonical text (nlohmann keeps object members sorted).
    std::uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : item.dump()) hash = (hash ^ c) * 1099511628211ull;
    static const char kHex[] = "0123456789abcdef";
    std::string out = "h-";
    for (int shift = 60; shift >= 0; shift -= 4) out += kHex[(hash >> shift) & 15];
    return out;
}

std::string EtagValue(const std::string& header) {
    std::string tag = header;
    if (tag.rfind("W/", 0) == 0) tag.erase(0, 2);
    if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
    return tag;
}

// [SECTION] Requests and items

HttpRequest RestAdapter::Request(std::string method, const std::string& path) const {
    std::string collection = JoinUrl(settings_.url, settings_.collection);
    HttpRequest request;
    request.method = std::move(method);
    request.url = path.empty() ? collection : JoinUrl(collection, path);
    request.headers.push_back({"Accept", "application/json"});
    if (std::string auth = AuthorizationHeader(settings_.token); !auth.empty())
        request.headers.push_back({"Authorization", auth});
    return request;
}

bool RestAdapter::FromItem(const json& item, const std::string& etag, RemoteDoc& out) const {
    if (!item.is_object()) return false;
    auto id = item.find(settings_.id_field);
    auto title = item.find("title");
    if (id == item.end() || IdText(*id).empty() || title == item.end() || !title->is_string()) return false;
    out = RemoteDoc{IdText(*id), {}, false, item, false};
    json& ticket = out.ticket;
    auto version = item.find(settings_.version_field);
    switch (settings_.concurrency) {
        case SyncSettings::Concurrency::ETag:
            out.rev = !etag.empty() ? EtagValue(etag) : version != item.end() ? VersionText(*version) : "";
            ticket.erase(settings_.version_field);
            break;
        case SyncSettings::Concurrency::Version:
            out.rev = version != item.end() ? VersionText(*version) : "";
            ticket.erase(settings_.version_field);
            break;
        case SyncSettings::Concurrency::None: break;
    }
    // No version from the server (or none offered): the content itself tells changes apart.
    if (out.rev.empty()) out.rev = ContentRev(item);
    ticket.erase(settings_.id_field);
    ticket["id"] = out.id;
    auto deleted = ticket.find("deleted");
    out.deleted = deleted != ticket.end() && deleted->is_boolean() && deleted->get<bool>();
    return true;
}

json RestAdapter::ToItem(const PushDoc& doc) const {
    json item = doc.ticket.is_object() ? doc.ticket : json::object();
    item.erase("id");
    switch (settings_.concurrency) {
        case SyncSettings::Concurrency::ETag: item.erase(settings_.version_field); break;
        case SyncSettings::Concurrency::Version:
            item.erase(settings_.version_field);
            if (!doc.base_rev.empty()) item[settings_.version_field] = VersionValue(doc.base_rev);
            break;
        case SyncSettings::Concurrency::None: break;
    }
    item[settings_.id_field] = doc.id;
    if (doc.deleted) item["deleted"] = true;
    return item;
}

Result<std::string> RestAdapter::StoredRev(const HttpResponse& response, const json& sent, const std::string& what) const {
    // A 2xx with a body that is not an item is not proof of storage (a captive portal's
    // login page, a proxy): failing here keeps the edit queued.
    json answer;
    if (!Blank(response.body)) {
        auto parsed = ParseBody(response, what);
        if (!parsed) return parsed.error();
        if (!parsed.value().is_object()) return Error{what + ": the server's answer is not the stored ticket"};
        answer = std::move(parsed.value());
    }
    std::string etag = EtagValue(response.Header("ETag"));
    std::string version;
    if (answer.is_object())
        if (auto it = answer.find(settings_.version_field); it != answer.end()) version = VersionText(*it);
    switch (settings_.concurrency) {
        case SyncSettings::Concurrency::ETag:
            if (!etag.empty()) return etag;
            if (!version.empty()) return version;
            break;
        case SyncSettings::Concurrency::Version:
            if (!version.empty()) return version;
            if (!etag.empty()) return etag;
            break;
        case SyncSettings::Concurrency::None: break;
    }
    // What the list will show next time: the returned item when it is one, else ours.
    bool returned_item = answer.is_object() && answer.contains(settings_.id_field);
    return ContentRev(returned_item ? answer : sent);
}

// [SECTION] Reading

void RestAdapter::List(const std::string& what, std::function<void(Result<std::vector<RemoteDoc>>)> done) {
    transport_.Send(Request("GET", ""), [this, what, done](HttpResponse response) {
        if (!Success(response.status)) return done(Error{DescribeFailure(response, what)});
        auto body = ParseBody(response, what);
        if (!body) return done(body.error());
        if (!body.value().is_array())
            return done(Error{what + ": the answer is not a list of tickets (is the collection path right?)"});
        std::vector<RemoteDoc> docs;
        std::unordered_set<std::string> seen;
        for (const json& item : body.value()) {
            RemoteDoc doc;
            if (FromItem(item, "", doc) && seen.insert(doc.id).second) docs.push_back(std::move(doc));
        }
        done(std::move(docs));
    });
}

void RestAdapter::Probe(std::function<void(Result<ServerInfo>)> done) {
    List("reaching the server", [this, done](Result<std::vector<RemoteDoc>> docs) {
        if (!docs) return done(docs.error());
        ServerInfo info;
        for (const RemoteDoc& doc : docs.value()) info.tickets += doc.deleted ? 0 : 1;
        info.summary = "REST collection " + JoinUrl(settings_.url, settings_.collection);
        switch (settings_.concurrency) {
            case SyncSettings::Concurrency::ETag: info.summary += ", ETag and If-Match"; break;
            case SyncSettings::Concurrency::Version: info.summary += ", version field \"" + settings_.version_field + "\""; break;
            case SyncSettings::Concurrency::None: info.summary += ", no conflict detection"; break;
        }
        done(std::move(info));
    });
}

void RestAdapter::Pull(const std::string& checkpoint, std::function<void(Result<PullPage>)> done) {
    (void)checkpoint;  // the whole collection every time: see the header
    List("pulling changes", [done](Result<std::vector<RemoteDoc>> docs) {
        if (!docs) return done(docs.error());
        PullPage page;
        page.complete = true;
        // A fingerprint of the listing, so an unchanged collection gives the same checkpoint.
        json listing = json::array();
        for (const RemoteDoc& doc : docs.value()) listing.push_back({doc.id, doc.rev});
        page.checkpoint = ContentRev(listing);
        page.docs = std::move(docs.value());
        done(std::move(page));
    });
}

void RestAdapter::Fetch(const std::string& id, std::function<void(Result<RemoteDoc>)> done) {
    transport_.Send(Request("GET", UrlEncode(id)), [this, id, done](HttpResponse response) {
        const std::string what = "reading ticket " + id;
        if (response.status == 404) return done(RemoteDoc{id, "", false, nullptr, false});
        if (!Success(response.status)) return done(Error{DescribeFailure(response, what)});
        auto body = ParseBody(response, what);
        if (!body) return done(body.error());
        RemoteDoc doc;
        if (!FromItem(body.value(), response.Header("ETag"), doc) || doc.id != id)
            return done(Error{what + ": the server holds something else than this ticket under its id"});
        done(std::move(doc));
    });
}

Result<std::optional<Identity>> IdentityFromMe(const json& answer) {
    if (!answer.is_object()) return Error{"asking who you are: the answer is not an object with a name and a role"};
    const json name = answer.value("name", json());
    if (!name.is_string() || name.get<std::string>().empty()) return std::optional<Identity>{};
    const json role = answer.value("role", json());
    auto parsed = role.is_string() ? ParseRole(role.get<std::string>()) : std::nullopt;
    if (!parsed)
        return Error{"asking who you are: the server names the role " + role.dump() +
                     ", which is none of requester, agent or lead"};
    return std::optional<Identity>{Identity{name.get<std::string>(), *parsed, true}};
}

void RestAdapter::WhoAmI(std::function<void(Result<std::optional<Identity>>)> done) {
    HttpRequest request = Request("GET", "");
    request.url = JoinUrl(settings_.url, "me");
    transport_.Send(std::move(request), [done](HttpResponse response) {
        const std::string what = "asking who you are";
        if (response.status == 404) return done(std::optional<Identity>{});  // json-server and the like: no roles
        if (!Success(response.status)) return done(Error{DescribeFailure(response, what)});
        auto body = ParseBody(response, what);
        if (!body) return done(body.error());
        done(IdentityFromMe(body.value()));
    });
}

std::string RestAdapter::Warning() const {
    if (settings_.concurrency != SyncSettings::Concurrency::None) return {};
    return "This server cannot detect concurrent edits: when two devices change the same ticket at the same "
           "time, the last one to send wins, field by field.";
}

// [SECTION] Writing

struct RestAdapter::PushRun {
    std::vector<PushDoc> docs;
    std::size_t next = 0;  // the first document not sent yet
    int in_flight = 0;
    bool reported = false;
    std::vector<PushResult> results;
    std::optional<Error> failure;
    std::function<void(Result<std::vector<PushResult>>)> done;
};

void RestAdapter::Push(std::vector<PushDoc> docs, std::function<void(Result<std::vector<PushResult>>)> done) {
    auto run = std::make_shared<PushRun>();
    run->docs = std::move(docs);
    run->done = std::move(done);
    Advance(run);
}

void RestAdapter::Advance(const std::shared_ptr<PushRun>& run) {
    // After a failure nothing more is sent: the whole push is retried later anyway.
    while (!run->failure && run->in_flight < kMaxInFlight && run->next < run->docs.size()) {
        PushDoc doc = std::move(run->docs[run->next++]);
        ++run->in_flight;
        PushOne(std::move(doc), [this, run](Result<PushResult> result) {
            --run->in_flight;
            if (!result) {
                if (!run->failure) run->failure = result.error();
            } else {
                run->results.push_back(std::move(result.value()));
            }
            Advance(run);
        });
    }
    // Transports may answer at once, so this runs nested too: report exactly once.
    bool finished = run->failure || run->next == run->docs.size();
    if (run->in_flight > 0 || !finished || run->reported) return;
    run->reported = true;
    if (run->failure) return run->done(*run->failure);
    run->done(std::move(run->results));
}

void RestAdapter::PushOne(PushDoc doc, std::function<void(Result<PushResult>)> done) {
    json item = ToItem(doc);
    const bool create = doc.base_rev.empty();
    HttpRequest request = Request(create ? "POST" : "PUT", create ? "" : UrlEncode(doc.id));
    request.headers.push_back({"Content-Type", "application/json"});
    if (!create && settings_.concurrency == SyncSettings::Concurrency::ETag)
        request.headers.push_back({"If-Match", "\"" + doc.base_rev + "\""});
    request.body = item.dump();
    transport_.Send(std::move(request), [this, id = doc.id, create, item = std::move(item), done](HttpResponse response) {
        const std::string what = "sending ticket " + id;
        const int status = response.status;
        if (Success(status)) {
            auto rev = StoredRev(response, item, what);
            if (!rev) return done(rev.error());
            return done(PushResult{id, PushResult::Kind::Stored, rev.value(), ""});
        }
        if (status == 409 || status == 412 || status == 428 || (!create && status == 404))
            return done(PushResult{id, PushResult::Kind::Conflict, "", ""});
        if (create && status >= 500) return CheckCreated(id, response, done);
        if (Transient(status)) return done(Error{DescribeFailure(response, what)});
        done(PushResult{id, PushResult::Kind::Refused, "", DescribeFailure(response, "")});
    });
}

void RestAdapter::CheckCreated(const std::string& id, const HttpResponse& failed,
                               std::function<void(Result<PushResult>)> done) {
    transport_.Send(Request("GET", UrlEncode(id)), [id, failed, done](HttpResponse response) {
        if (response.status == 200) return done(PushResult{id, PushResult::Kind::Conflict, "", ""});
        done(Error{DescribeFailure(failed, "sending ticket " + id)});
    });
}

}  // namespace tackboard
