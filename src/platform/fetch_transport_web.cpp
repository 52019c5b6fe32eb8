// emscripten_fetch (XMLHttpRequest underneath). See ../shared/TOOLCHAIN.md: REPLACE keeps
// fetch from answering out of its own IndexedDB cache; the request body and header
// strings are not copied, so they live in the in-flight record until the callback; an
// error response's body is still readable; status 0 is a network failure or a CORS refusal.
#include "platform/fetch_transport_web.hpp"

#include <emscripten/fetch.h>

#include <cstring>
#include <memory>

namespace tackboard {

namespace {

struct InFlight {
    HttpRequest request;
    std::vector<const char*> header_pointers;
    std::function<void(HttpResponse)> done;
};

HttpHeaders ResponseHeaders(emscripten_fetch_t* fetch) {
    HttpHeaders headers;
    std::size_t length = emscripten_fetch_get_response_headers_length(fetch);
    if (length == 0) return headers;
    std::string raw(length + 1, '\0');
    emscripten_fetch_get_response_headers(fetch, raw.data(), raw.size());
    char** unpacked = emscripten_fetch_unpack_response_headers(raw.c_str());
    if (!unpacked) return headers;
    for (char** p = unpacked; p[0] && p[1]; p += 2) {
        std::string value = p[1];
        while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
        headers.emplace_back(p[0], value);
    }
    emscripten_fetch_free_unpacked_response_headers(unpacked);
    return headers;
}

void Finished(emscripten_fetch_t* fetch) {
    std::unique_ptr<InFlight> flight(static_cast<InFlight*>(fetch->userData));
    HttpResponse response;
    response.status = fetch->status;
    if (fetch->data && fetch->numBytes > 0) response.body.assign(fetch->data, static_cast<std::size_t>(fetch->numBytes));
    if (response.status != 0) response.headers = ResponseHeaders(fetch);
    else response.failure = fetch->statusText[0] ? fetch->statusText : "request failed";
    emscripten_fetch_close(fetch);
    flight->done(std::move(response));
}

}  // namespace

void FetchTransport::Send(HttpRequest request, std::function<void(HttpResponse)> done) {
    auto flight = std::make_unique<InFlight>();
    flight->request = std::move(request);
    flight->done = std::move(done);
    const HttpRequest& r = flight->request;
    for (const auto& [name, value] : r.headers) {
        flight->header_pointers.push_back(name.c_str());
        flight->header_pointers.push_back(value.c_str());
    }
    flight->header_pointers.push_back(nullptr);

    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, r.method.c_str(), sizeof(attr.requestMethod) - 1);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY | EMSCRIPTEN_FETCH_REPLACE;
    attr.requestHeaders = flight->header_pointers.data();
    if (!r.body.empty()) {
        attr.requestData = r.body.data();
        attr.requestDataSize = r.body.size();
    }
    attr.timeoutMSecs = static_cast<unsigned long>(r.timeout_ms);
    attr.onsuccess = Finished;
    attr.onerror = Finished;
    attr.userData = flight.get();
    std::string url = r.url;
    flight.release();  // owned by the callback from here on
    emscripten_fetch(&attr, url.c_str());
}

}  // namespace tackboard
