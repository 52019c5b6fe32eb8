// fake_couch.hpp — an in-memory CouchDB subset behind the Transport interface, for the
// sync engine's tests: the routes couch_adapter.cpp uses, real revision checks (a stale
// _rev is a conflict), tombstones, a change feed with long polls, and switches to fail,
// garble or delay answers.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sync/transport.hpp"

namespace fake {

using nlohmann::json;
using tackboard::HttpRequest;
using tackboard::HttpResponse;

class Couch : public tackboard::Transport {
public:
    static constexpr const char* kUrl = "http://couch.test/helpdesk";

    struct Doc {
        std::string rev;
        bool deleted = false;
        json body;  // without _id/_rev/_deleted
        long seq = 0;
    };
    std::map<std::string, Doc> docs;
    long seq = 0;
    bool database_exists = false;

    // Switches.
    bool async = false;            // answers wait for Pump()
    bool down = false;             // every request fails with status 0
    int fail_next = 0;             // that many requests fail with status 0
    double failure_rate = 0;       // random failures (with rng)
    std::string garbage;           // answer every request 200 with this body
    std::string required_token;    // "Bearer x": others get 401
    // The server's _session answer (http://couch.test/_session); null: no such route (404).
    json session;
    // A reason to refuse a document of a _bulk_docs with 403 "forbidden" (empty: store it),
    // as a validate_doc_update function would.
    std::function<std::string(const json& doc)> forbid;
    std::mt19937 rng{7};
    std::vector<HttpRequest> log;  // every request received

    void Send(HttpRequest request, std::function<void(HttpResponse)> done) override {
        log.push_back(request);
        HttpResponse response;
        bool parked = false;
        if (down || fail_next > 0 || (failure_rate > 0 && std::uniform_real_distribution<>(0, 1)(rng) < failure_rate)) {
            if (fail_next > 0) --fail_next;
            response.failure = "network down";
        } else if (!garbage.empty()) {
            response.status = 200;
            response.body = garbage;
        } else if (!required_token.empty() && Header(request, "Authorization") != required_token) {
            response = Reply(401, {{"error", "unauthorized"}, {"reason", "Name or password is incorrect."}});
        } else {
            response = Handle(request, done, parked);
        }
        if (parked) return;
        if (async) queue_.push_back([done, response] { done(response); });
        else done(response);
    }

    // Delivers queued answers (and those queued meanwhile) in order.
    void Pump() {
        while (!queue_.empty()) {
            auto next = std::move(queue_.front());
            queue_.pop_front();
            next();
        }
    }
    std::size_t queued() const { return queue_.size(); }
    std::size_t watching() const { return watches_.size(); }
    // Long polls that saw no change time out, answering an empty list.
    void ExpireWatches() {
        auto watches = std::move(watches_);
        watches_.clear();
        for (auto& w : watches) w(Reply(200, {{"results", json::array()}, {"last_seq", std::to_string(seq)}}));
    }

    // Writes a document as another client would (with the current rev), or deletes it
    // without keeping its body when `body` is null.
    void WriteAsOther(const std::string& id, json body) {
        Doc& d = docs[id];
        d.deleted = body.is_null();
        d.body = d.deleted ? json::object() : std::move(body);
        Store(id, d);
    }

private:
    std::deque<std::function<void()>> queue_;
    std::vector<std::function<void(HttpResponse)>> watches_;

    static std::string Header(const HttpRequest& r, const std::string& name) {
        for (auto& [k, v] : r.headers)
            if (k == name) return v;
        return {};
    }
    static HttpResponse Reply(int status, json body) {
        HttpResponse r;
        r.status = status;
        r.body = body.dump();
        return r;
    }
    static std::string Query(const std::string& path, const std::string& key) {
        auto q = path.find('?');
        if (q == std::string::npos) return {};
        std::string query = path.substr(q + 1);
        std::size_t start = 0;
        while (start <= query.size()) {
            auto end = query.find('&', start);
            if (end == std::string::npos) end = query.size();
            std::string pair = query.substr(start, end - start);
            if (pair.rfind(key + "=", 0) == 0) return pair.substr(key.size() + 1);
            start = end + 1;
        }
        return {};
    }
    void Store(const std::string& id, Doc& d) {
        int generation = d.rev.empty() ? 1 : std::stoi(d.rev) + 1;
        d.rev = std::to_string(generation) + "-r" + std::to_string(++seq);
        d.seq = seq;
        auto watches = std::move(watches_);
        watches_.clear();
        // Answered through the queue (Pump), never from inside another client's request.
        HttpResponse woke = Reply(200, {{"results", json::array({{{"seq", std::to_string(seq)}, {"id", id}, {"changes", {{{"rev", d.rev}}}}}})},
                                        {"last_seq", std::to_string(seq)}});
        for (auto& w : watches) queue_.push_back([w, woke] { w(woke); });
    }
    json DocJson(const std::string& id, const Doc& d) const {
        json out = d.body;
        out["_id"] = id;
        out["_rev"] = d.rev;
        if (d.deleted) out["_deleted"] = true;
        return out;
    }
    // A write on top of `rev`; false on a conflict.
    bool Write(const std::string& id, const std::string& rev, json body) {
        auto it = docs.find(id);
        bool exists = it != docs.end();
        if (exists ? (rev != it->second.rev && !(it->second.deleted && rev.empty())) : !rev.empty()) return false;
        Doc& d = docs[id];
        d.deleted = body.value("_deleted", false);
        for (const char* k : {"_id", "_rev", "_deleted"}) body.erase(k);
        d.body = std::move(body);
        Store(id, d);
        return true;
    }

    HttpResponse Handle(const HttpRequest& request, std::function<void(HttpResponse)>& done, bool& parked) {
        std::string base = kUrl;
        if (request.url == "http://couch.test/_session" && !session.is_null()) return Reply(200, session);
        if (request.url.rfind(base, 0) != 0) return Reply(404, {{"error", "not_found"}});
        std::string path = request.url.substr(base.size());
        if (!path.empty() && path[0] == '/') path.erase(0, 1);
        std::string route = path.substr(0, path.find('?'));
        if (route.empty()) {
            if (request.method == "PUT") {
                if (database_exists) return Reply(412, {{"error", "file_exists"}});
                database_exists = true;
                return Reply(201, {{"ok", true}});
            }
            if (!database_exists) return Reply(404, {{"error", "not_found"}, {"reason", "Database does not exist."}});
            return Reply(200, {{"db_name", "helpdesk"}, {"update_seq", std::to_string(seq)}});
        }
        if (!database_exists) return Reply(404, {{"error", "not_found"}, {"reason", "Database does not exist."}});
        if (route == "_changes") {
            long since = Query(path, "since").empty() ? 0 : std::stol(Query(path, "since"));
            std::size_t limit = Query(path, "limit").empty() ? 1u << 30 : std::stoul(Query(path, "limit"));
            std::vector<std::pair<long, std::string>> changed;
            for (auto& [id, d] : docs)
                if (d.seq > since) changed.push_back({d.seq, id});
            std::sort(changed.begin(), changed.end());
            if (changed.empty() && Query(path, "feed") == "longpoll") {
                watches_.push_back(done);
                parked = true;
                return {};
            }
            json results = json::array();
            long last = since;
            for (auto& [s, id] : changed) {
                if (results.size() >= limit) break;
                const Doc& d = docs[id];
                json row = {{"seq", std::to_string(s)}, {"id", id}, {"changes", {{{"rev", d.rev}}}}};
                if (d.deleted) row["deleted"] = true;
                if (Query(path, "include_docs") == "true") row["doc"] = DocJson(id, d);
                results.push_back(row);
                last = s;
            }
            long pending = static_cast<long>(changed.size()) - static_cast<long>(results.size());
            return Reply(200, {{"results", results}, {"last_seq", std::to_string(last)}, {"pending", pending}});
        }
        if (route == "_all_docs") {
            json rows = json::array();
            for (auto& [id, d] : docs)
                if (!d.deleted) rows.push_back({{"id", id}, {"key", id}, {"value", {{"rev", d.rev}}}, {"doc", DocJson(id, d)}});
            return Reply(200, {{"total_rows", rows.size()}, {"rows", rows}});
        }
        if (route == "_bulk_docs" && request.method == "POST") {
            json body = json::parse(request.body, nullptr, false);
            if (body.is_discarded() || !body.contains("docs")) return Reply(400, {{"error", "bad_request"}});
            json results = json::array();
            for (json doc : body["docs"]) {
                std::string id = doc.value("_id", "");
                std::string rev = doc.value("_rev", "");
                if (std::string why = forbid ? forbid(doc) : ""; !why.empty())
                    results.push_back({{"id", id}, {"error", "forbidden"}, {"reason", why}});
                else if (Write(id, rev, doc)) results.push_back({{"ok", true}, {"id", id}, {"rev", docs[id].rev}});
                else results.push_back({{"id", id}, {"error", "conflict"}, {"reason", "Document update conflict."}});
            }
            return Reply(201, results);
        }
        if (request.method == "GET") {
            auto it = docs.find(route);
            if (it == docs.end() || it->second.deleted)
                return Reply(404, {{"error", "not_found"}, {"reason", it == docs.end() ? "missing" : "deleted"}});
            return Reply(200, DocJson(route, it->second));
        }
        return Reply(405, {{"error", "method_not_allowed"}});
    }
};

}  // namespace fake
