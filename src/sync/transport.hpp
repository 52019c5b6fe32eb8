// transport.hpp — how sync talks HTTP, behind an interface so the engine runs natively.
//
// The web build sends with emscripten_fetch (platform/fetch_transport_web.cpp); unit
// tests answer from an in-memory fake server. Calls are asynchronous: Send returns at
// once and `done` runs later, on the same thread, exactly once.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace tackboard {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    HttpHeaders headers;
    std::string body;
    int timeout_ms = 30000;
};

struct HttpResponse {
    // 0: no answer at all — network down, server unreachable, timeout or CORS refusal
    // (browsers do not say which); `failure` then says what is known.
    int status = 0;
    HttpHeaders headers;
    std::string body;
    std::string failure;

    // Header value by case-insensitive name, or empty.
    std::string Header(const std::string& name) const;
};

class Transport {
public:
    virtual ~Transport() = default;
    virtual void Send(HttpRequest request, std::function<void(HttpResponse)> done) = 0;
};

}  // namespace tackboard
