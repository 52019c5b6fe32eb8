// sync_web.hpp — the sync engine in the browser: settings kept in the data folder,
// fetch as the transport, online/offline from the browser, requests from the UI's
// SyncView and from window.tackboard.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "platform/fetch_transport_web.hpp"
#include "sync/sync_engine.hpp"
#include "ui/sync_panel.hpp"

namespace tackboard {

struct WebApp;

struct WebSync {
    FetchTransport transport;
    std::unique_ptr<SyncEngine> engine;  // only in the tab that writes the board
    SyncSettings settings;
    long long rounds = 0;               // finished rounds, for tackboard.sync()'s promise
    long long probes_started = 0, probes_done = 0;
    nlohmann::json last_probe;          // {ok, message}
    std::uint64_t seen_revision = ~0ull;
    SyncStatus shown;                   // what the UI drew last, to redraw on changes
};

// (Re)starts sync for the app just opened: a writing tab loads the saved settings and
// syncs; a following tab does not (the writer syncs for both).
void StartSync(WebApp& web);
// Every main-loop step, drawn or not: timers, local edits, and the UI's requests.
void StepSync(WebApp& web);

// window.tackboard's sync methods; null when `method` is not one of them.
nlohmann::json SyncApi(WebApp& web, const std::string& method, const nlohmann::json& args);

}  // namespace tackboard
