#include "sync/couch_adapter.hpp"

namespace tackboard {

using nlohmann::json;

namespace {

// CouchDB's sequence ids are opaque strings (numbers on older servers and PouchDB).
std::string SeqText(const json& seq) {
    if (seq.is_string()) return seq.get<std::string>();
    if (seq.is_number_integer()) return std::to_string(seq.get<long long>());
    return {};
}

// Changes left after this answer (CouchDB 2+; PouchDB and older servers leave it out).
long long Pending(const json& answer) {
    auto pending = answer.find("pending");
    return pending != answer.end() && pending->is_number() ? pending->get<long long>() : 0;
}

}  // namespace

bool RemoteDocFromCouch(const json& doc, RemoteDoc& out) {
    if (!doc.is_object()) return false;
    auto id = doc.find("_id");
    auto rev = doc.find("_rev");
    if (id == doc.end() || !id->is_string() || rev == doc.end() || !rev->is_string()) return false;
    out = RemoteDoc{id->get<std::string>(), rev->get<std::string>(), doc.value("_deleted", false), nullptr, false};
    auto kind = doc.find("kind");
    if (kind == doc.end()) return out.deleted;  // a bare tombstone: maybe one of ours
    if (*kind == "config") {
        out.config = true;
        out.ticket = doc.value("config", json());
        return out.ticket.is_object() || out.deleted;
    }
    if (*kind != "ticket") return false;
    json ticket = json::object();
    for (auto it = doc.begin(); it != doc.end(); ++it)
        if (it.key().empty() || (it.key()[0] != '_' && it.key() != "kind")) ticket[it.key()] = it.value();
    ticket["id"] = out.id;
    out.ticket = std::move(ticket);
    return true;
}

std::string SessionUrl(const std::string& database_url) {
    std::string url = database_url;
    while (!url.empty() && url.back() == '/') url.pop_back();
    const std::size_t slash = url.find_last_of('/');
    const std::size_t scheme = url.find("://");
    if (slash == std::string::npos || (scheme != std::string::npos && slash < scheme + 3)) return JoinUrl(url, "_session");
    return url.substr(0, slash + 1) + "_session";
}

Result<std::optional<Identity>> IdentityFromSession(const json& answer) {
    const json context = answer.is_object() ? answer.value("userCtx", json()) : json();
    if (!context.is_object()) return Error{"asking who you are: the answer is not a CouchDB session"};
    const json name = context.value("name", json());
    if (!name.is_string() || name.get<std::string>().empty()) return std::optional<Identity>{};
    std::vector<std::string> roles;
    if (auto list = context.find("roles"); list != context.end() && list->is_array())
        for (const json& role : *list)
            if (role.is_string()) roles.push_back(role.get<std::string>());
    return std::optional<Identity>{Identity{name.get<std::string>(), RoleFromCouchRoles(roles), true}};
}

HttpRequest CouchAdapter::Request(std::string method, const std::string& path) const {
    HttpRequest request;
    request.method = std::move(method);
    request.url = JoinUrl(settings_.url, path);
    request.headers.push_back({"Accept", "application/json"});
    if (std::string auth = AuthorizationHeader(settings_.token); !auth.empty())
        request.headers.push_back({"Authorization", auth});
    return request;
}

void CouchAdapter::EnsureDatabase(std::function<void(Status)> next) {
    if (database_checked_) return next(Ok{});
    transport_.Send(Request("GET", ""), [this, next](HttpResponse response) {
        if (response.status == 200) {
            database_checked_ = true;
            return next(Ok{});
        }
        if (response.status != 404) return next(Error{DescribeFailure(response, "opening the database")});
        transport_.Send(Request("PUT", ""), [this, next](HttpResponse created) {
            // 412: someone else created it in between, which is just as good.
            if (created.status == 201 || created.status == 202 || created.status == 412) {
                database_checked_ = true;
                return next(Ok{});
            }
            next(Error{DescribeFailure(created, "the database does not exist and creating it failed")});
        });
    });
}

void CouchAdapter::Probe(std::function<void(Result<ServerInfo>)> done) {
    EnsureDatabase([this, done](Status ready) {
        if (!ready) return done(ready.error());
        // Counting tickets, not documents: the database may hold other things.
        transport_.Send(Request("GET", "_all_docs?include_docs=true"), [done](HttpResponse response) {
            if (response.status != 200) return done(Error{DescribeFailure(response, "reading the database")});
            auto body = ParseBody(response, "reading the database");
            if (!body) return done(body.error());
            const json& rows = body.value().is_object() ? body.value().value("rows", json()) : json();
            if (!rows.is_array()) return done(Error{"reading the database: the answer has no list of documents"});
            ServerInfo info;
            for (const json& row : rows) {
                RemoteDoc doc;
                if (row.is_object() && RemoteDocFromCouch(row.value("doc", json()), doc) && !doc.deleted && !doc.config)
                    ++info.tickets;
            }
            info.summary = "CouchDB-protocol database";
            done(info);
        });
    });
}

void CouchAdapter::Pull(const std::string& checkpoint, std::function<void(Result<PullPage>)> done) {
    EnsureDatabase([this, checkpoint, done](Status ready) {
        if (!ready) return done(ready.error());
        std::string path = "_changes?include_docs=true&limit=" + std::to_string(kPageSize);
        if (!checkpoint.empty()) path += "&since=" + UrlEncode(checkpoint);
        transport_.Send(Request("GET", path), [checkpoint, done](HttpResponse response) {
            const std::string what = "pulling changes";
            if (response.status != 200) return done(Error{DescribeFailure(response, what)});
            auto body = ParseBody(response, what);
            if (!body) return done(body.error());
            const json& answer = body.value();
            if (!answer.is_object() || !answer.contains("results") || !answer["results"].is_array())
                return done(Error{what + ": the answer is not a CouchDB change list"});
            PullPage page;
            page.checkpoint = SeqText(answer.value("last_seq", json()));
            if (page.checkpoint.empty()) page.checkpoint = checkpoint;
            const json& results = answer["results"];
            for (const json& change : results) {
                if (!change.is_object()) continue;
                RemoteDoc doc;
                if (RemoteDocFromCouch(change.value("doc", json()), doc)) page.docs.push_back(std::move(doc));
            }
            long long pending = Pending(answer);
            page.more = !results.empty() && (pending > 0 || static_cast<int>(results.size()) >= kPageSize);
            done(std::move(page));
        });
    });
}

void CouchAdapter::Watch(const std::string& checkpoint, std::function<void(Result<FeedNews>)> done) {
    EnsureDatabase([this, checkpoint, done](Status ready) {
        if (!ready) return done(ready.error());
        // Without documents the answer stays small, and it lets the engine see that a
        // wake-up was only its own push coming back.
        std::string path = "_changes?feed=longpoll&limit=" + std::to_string(kPageSize) +
                           "&timeout=" + std::to_string(kWatchSeconds * 1000);
        if (!checkpoint.empty()) path += "&since=" + UrlEncode(checkpoint);
        HttpRequest request = Request("GET", path);
        request.timeout_ms = (kWatchSeconds + 15) * 1000;
        transport_.Send(std::move(request), [checkpoint, done](HttpResponse response) {
            const std::string what = "waiting for changes";
            if (response.status != 200) return done(Error{DescribeFailure(response, what)});
            auto body = ParseBody(response, what);
            if (!body) return done(body.error());
            const json& answer = body.value();
            if (!answer.is_object() || !answer.contains("results") || !answer["results"].is_array())
                return done(Error{what + ": the answer is not a CouchDB change list"});
            FeedNews news;
            news.checkpoint = SeqText(answer.value("last_seq", json()));
            news.complete = !news.checkpoint.empty();
            for (const json& change : answer["results"]) {
                const json changes = change.is_object() ? change.value("changes", json()) : json();
                if (!change.contains("id") || !change["id"].is_string() || !changes.is_array() || changes.size() != 1 ||
                    !changes[0].is_object() || !changes[0].contains("rev") || !changes[0]["rev"].is_string()) {
                    news.complete = false;
                    news.revs.emplace_back("", "");
                    continue;
                }
                news.revs.emplace_back(change["id"].get<std::string>(), changes[0]["rev"].get<std::string>());
            }
            long long pending = Pending(answer);
            if (pending > 0 || static_cast<int>(news.revs.size()) >= kPageSize) news.complete = false;
            done(std::move(news));
        });
    });
}

void CouchAdapter::Push(std::vector<PushDoc> docs, std::function<void(Result<std::vector<PushResult>>)> done) {
    json body = {{"docs", json::array()}};
    for (PushDoc& doc : docs) {
        json out = json::object();
        if (doc.config) {
            out["config"] = std::move(doc.ticket);
        } else if (doc.ticket.is_object()) {
            out = std::move(doc.ticket);
            out.erase("id");
        }
        out["_id"] = doc.id;
        out["kind"] = doc.config ? "config" : "ticket";
        if (!doc.base_rev.empty()) out["_rev"] = doc.base_rev;
        if (doc.deleted) out["_deleted"] = true;
        body["docs"].push_back(std::move(out));
    }
    EnsureDatabase([this, body = std::move(body), done](Status ready) mutable {
        if (!ready) return done(ready.error());
        HttpRequest request = Request("POST", "_bulk_docs");
        request.headers.push_back({"Content-Type", "application/json"});
        request.body = body.dump();
        transport_.Send(std::move(request), [done](HttpResponse response) {
            const std::string what = "sending changes";
            if (response.status != 201 && response.status != 200 && response.status != 202)
                return done(Error{DescribeFailure(response, what)});
            auto answer = ParseBody(response, what);
            if (!answer) return done(answer.error());
            if (!answer.value().is_array()) return done(Error{what + ": the answer is not a list of results"});
            std::vector<PushResult> results;
            for (const json& row : answer.value()) {
                if (!row.is_object() || !row.contains("id") || !row["id"].is_string()) continue;
                PushResult result;
                result.id = row["id"].get<std::string>();
                if (row.contains("rev") && row["rev"].is_string() && !row.contains("error")) {
                    result.kind = PushResult::Kind::Stored;
                    result.rev = row["rev"].get<std::string>();
                } else if (row.value("error", json()) == "conflict") {
                    result.kind = PushResult::Kind::Conflict;
                } else {
                    result.kind = PushResult::Kind::Refused;
                    std::string error = row.value("error", json("refused")).is_string() ? row["error"].get<std::string>() : "refused";
                    std::string reason = row.value("reason", json("")).is_string() ? row["reason"].get<std::string>() : "";
                    result.reason = reason.empty() ? error : error + ": " + reason;
                }
                results.push_back(std::move(result));
            }
            done(std::move(results));
        });
    });
}

void CouchAdapter::Fetch(const std::string& id, std::function<void(Result<RemoteDoc>)> done) {
    transport_.Send(Request("GET", UrlEncode(id)), [id, done](HttpResponse response) {
        const std::string what = "reading ticket " + id;
        if (response.status == 404) return done(RemoteDoc{id, "", false, nullptr, id == kConfigDocId});
        if (response.status != 200) return done(Error{DescribeFailure(response, what)});
        auto body = ParseBody(response, what);
        if (!body) return done(body.error());
        RemoteDoc doc;
        if (!RemoteDocFromCouch(body.value(), doc) || doc.id != id)
            return done(Error{what + ": the server holds something else under this id"});
        done(std::move(doc));
    });
}

void CouchAdapter::WhoAmI(std::function<void(Result<std::optional<Identity>>)> done) {
    HttpRequest request = Request("GET", "");
    request.url = SessionUrl(settings_.url);
    transport_.Send(std::move(request), [done](HttpResponse response) {
        const std::string what = "asking who you are";
        // No _session route (PouchDB's express-pouchdb without auth, a proxy): no roles.
        if (response.status == 404) return done(std::optional<Identity>{});
        if (response.status != 200) return done(Error{DescribeFailure(response, what)});
        auto body = ParseBody(response, what);
        if (!body) return done(body.error());
        done(IdentityFromSession(body.value()));
    });
}

}  // namespace tackboard
