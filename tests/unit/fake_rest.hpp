// fake_rest.hpp — an in-memory REST collection behind the Transport interface, for the
// REST adapter's tests (and the sync engine's): `GET/POST /tickets`, `GET/PUT/DELETE
// /tickets/{id}` with the semantics of one of three servers —
//   JsonServer: json-server 0.17: no concurrency control at all, a POST of an existing id
//               fails with an HTML 500 page, a PUT of a missing item is 404;
//   ServePy:    serve.py's /api/tickets: "version" in items, ETag "<version>", If-Match
//               required to change an existing item (428 without, 412 when stale), 409
//               for a POST of an existing id;
//   Version:    a server checking a "version" field sent back in the body (409 when stale).
// Answers are computed when a request arrives and delivered when the test pumps, so the
// adapter is seen to be asynchronous; switches garble or fail answers.
#pragma once

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sync/transport.hpp"

namespace fake {

using nlohmann::json;
using tackboard::HttpRequest;
using tackboard::HttpResponse;

class Rest : public tackboard::Transport {
public:
    enum class Mode { JsonServer, ServePy, Version };
    static constexpr const char* kUrl = "http://rest.test/api";
    static constexpr const char* kCollection = "http://rest.test/api/tickets";

    explicit Rest(Mode mode, std::string id_field = "id") : mode(mode), id_field(std::move(id_field)) {}

    Mode mode;
    std::string id_field;
    std::map<std::string, json> items;  // by id, without id or version
    std::map<std::string, long long> versions;
    long long counter = 0;

    // Switches.
    std::deque<HttpResponse> canned;  // answered first, in order, whatever was asked
    std::string required_token;       // "Bearer x": other requests get 401
    std::vector<HttpRequest> log;     // every request received
    std::size_t most_in_flight = 0;

    // Puts an item on the server as another client would.
    void Store(const std::string& id, json fields) {
        fields.erase(id_field);
        fields.erase("version");
        items[id] = std::move(fields);
        versions[id] = ++counter;
    }
    // The item as the server shows it.
    json View(const std::string& id) const {
        json item = items.at(id);
        item[id_field] = id;
        if (mode != Mode::JsonServer) item["version"] = versions.at(id);
        return item;
    }

    void Send(HttpRequest request, std::function<void(HttpResponse)> done) override {
        log.push_back(request);
        HttpResponse response;
        if (!canned.empty()) {
            response = std::move(canned.front());
            canned.pop_front();
        } else if (!required_token.empty() && Header(request, "Authorization") != required_token) {
            response = Reply(401, {{"error", "unauthorized"}});
        } else {
            response = Handle(request);
        }
        queue_.push_back([done, response] { done(response); });
        most_in_flight = std::max(most_in_flight, queue_.size());
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

    static std::string Header(const HttpRequest& request, const std::string& name) {
        HttpResponse headers;
        headers.headers = request.headers;
        return headers.Header(name);
    }

private:
    std::deque<std::function<void()>> queue_;

    static HttpResponse Reply(int status, const json& body, tackboard::HttpHeaders headers = {}) {
        HttpResponse response;
        response.status = status;
        response.headers = std::move(headers);
        if (!body.is_null()) response.body = body.dump();
        return response;
    }
    HttpResponse Item(int status, const std::string& id) const {
        if (mode == Mode::JsonServer) return Reply(status, View(id), {{"ETag", "W/\"5f-weak\""}});
        return Reply(status, View(id), {{"ETag", "\"" + std::to_string(versions.at(id)) + "\""}});
    }
    static std::string Decode(const std::string& text) {
        std::string out;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '%' && i + 2 < text.size()) {
                out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
                i += 2;
            } else {
                out += text[i];
            }
        }
        return out;
    }

    HttpResponse Handle(const HttpRequest& request) {
        const std::string collection = kCollection;
        if (request.url.rfind(collection, 0) != 0) return Reply(404, {{"error", "no such route"}});
        std::string rest = request.url.substr(collection.size());
        if (rest.empty()) {
            if (request.method == "GET") {
                json list = json::array();
                for (const auto& [id, item] : items) list.push_back(View(id));
                return Reply(200, list);
            }
            if (request.method == "POST") return Create(request);
            return Reply(405, {{"error", "method not allowed"}});
        }
        if (rest[0] != '/' || rest.find('/', 1) != std::string::npos) return Reply(404, {{"error", "no such route"}});
        const std::string id = Decode(rest.substr(1));
        if (request.method == "GET") return items.count(id) ? Item(200, id) : Reply(404, json::object());
        if (request.method == "PUT") return Replace(request, id);
        if (request.method == "DELETE") {
            if (!items.erase(id)) return Reply(404, json::object());
            return Reply(200, json::object());
        }
        return Reply(405, {{"error", "method not allowed"}});
    }

    HttpResponse Create(const HttpRequest& request) {
        json body = json::parse(request.body, nullptr, false);
        if (body.is_discarded() || !body.is_object()) return Reply(400, {{"error", "the body must be a JSON object"}});
        if (!body.contains(id_field) || !body[id_field].is_string()) return Reply(400, {{"error", "id must be text"}});
        std::string id = body[id_field].get<std::string>();
        if (items.count(id)) {
            if (mode == Mode::JsonServer) {
                HttpResponse page;
                page.status = 500;
                page.body = "<!DOCTYPE html><html><body><pre>Error: Insert failed, duplicate id</pre></body></html>";
                return page;
            }
            return Reply(409, {{"error", "conflict"}, {"reason", "an item with id " + id + " exists"}});
        }
        Store(id, body);
        return Item(201, id);
    }

    HttpResponse Replace(const HttpRequest& request, const std::string& id) {
        json body = json::parse(request.body, nullptr, false);
        if (body.is_discarded() || !body.is_object()) return Reply(400, {{"error", "the body must be a JSON object"}});
        if (body.contains(id_field) && body[id_field] != id) return Reply(400, {{"error", "the ids do not match"}});
        bool exists = items.count(id) > 0;
        std::string if_match = Header(request, "If-Match");
        switch (mode) {
            case Mode::JsonServer:
                if (!exists) return Reply(404, json::object());
                break;
            case Mode::ServePy:
                if (!exists && !if_match.empty()) return Reply(412, {{"error", "precondition_failed"}});
                if (exists && if_match.empty()) return Reply(428, {{"error", "precondition_required"}});
                if (exists && if_match != "\"" + std::to_string(versions[id]) + "\"")
                    return Reply(412, {{"error", "precondition_failed"}, {"reason", "stale If-Match"}});
                break;
            case Mode::Version:
                if (!exists) return Reply(404, json::object());
                if (body.value("version", json()) != versions[id])
                    return Reply(409, {{"error", "conflict"}, {"reason", "stale version"}});
                break;
        }
        Store(id, body);
        return Item(exists ? 200 : 201, id);
    }
};

}  // namespace fake
