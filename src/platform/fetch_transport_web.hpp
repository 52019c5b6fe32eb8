// fetch_transport_web.hpp — the sync Transport in the browser, over emscripten_fetch.
#pragma once

#include "sync/transport.hpp"

namespace tackboard {

class FetchTransport : public Transport {
public:
    void Send(HttpRequest request, std::function<void(HttpResponse)> done) override;
};

}  // namespace tackboard
