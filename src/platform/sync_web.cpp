#include "platform/sync_web.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdio>
#include <random>

#include "platform/web_app.hpp"
#include "storage/journal.hpp"
#include "ui/i18n.hpp"
#include "ui/locale_format.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

using nlohmann::json;

// Beside the board's journal, never inside what export or sync send.
// Beside the board, so each board (and the demo) has its own server and sync state.
std::string SettingsPath() { return DataDirectory() + "/sync-settings.json"; }
std::string StateDirectory() { return DataDirectory() + "/sync-state"; }

Millis Now() { return static_cast<Millis>(emscripten_date_now()); }

double Jitter() {
    static std::mt19937 rng{std::random_device{}()};
    return std::uniform_real_distribution<double>(0, 1)(rng);
}

SyncSettings LoadSettings(App& app) {
    std::FILE* f = std::fopen(SettingsPath().c_str(), "rb");
    if (!f) return {};
    std::string text;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) text.append(buffer, n);
    std::fclose(f);
    auto settings = SyncSettingsFromJson(json::parse(text, nullptr, false));
    if (!settings) {
        app.AddNotice("The sync settings could not be read (" + settings.error().Describe() + "); sync is off.");
        return {};
    }
    return settings.value();
}

Status SaveSettings(const SyncSettings& settings) {
    std::string text = SyncSettingsToJson(settings).dump();
    std::FILE* f = std::fopen(SettingsPath().c_str(), "wb");
    if (!f) return Error{"cannot write the sync settings"};
    bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    written = std::fclose(f) == 0 && written;
    if (!written) return Error{"cannot write the sync settings"};
    EM_ASM({ Module.tbDataChanged(); });
    return Ok{};
}

// Settings as the JS API shows them: the token is never handed out.
json PublicSettings(const SyncSettings& settings) {
    json out = SyncSettingsToJson(settings);
    out.erase("token");
    out["has_token"] = !settings.token.empty();
    return out;
}

json StatusJson(const WebSync& sync) {
    json out = {{"state", "off"}, {"rounds", sync.rounds}, {"settings", PublicSettings(sync.settings)}};
    if (!sync.engine) return out;
    const SyncStatus& s = sync.engine->status();
    out["state"] = ToString(s.state);
    out["last_synced"] = s.last_synced;
    out["pending"] = s.pending;
    out["last_error"] = s.last_error;
    out["warning"] = s.warning;
    out["retry_at"] = s.retry_at;
    out["received"] = s.received;
    out["sent"] = s.sent;
    out["refused"] = s.refused;
    return out;
}

Status Apply(WebApp& web, const SyncSettings& settings) {
    WebSync& sync = *web.sync;
    if (!sync.engine) return Error{"another tab of this board syncs it; change the settings there"};
    if (auto saved = SaveSettings(settings); !saved) return saved;
    sync.settings = settings;
    return sync.engine->Configure(settings, StateDirectory());
}

void StartProbe(WebApp& web, const SyncSettings& settings) {
    WebSync& sync = *web.sync;
    long long id = ++sync.probes_started;
    auto finish = [&web, id](Result<ServerInfo> info) {
        WebSync& s = *web.sync;
        if (id != s.probes_started) return;  // a newer test replaced this one
        s.probes_done = id;
        if (info) {
            s.last_probe = {{"ok", true},
                            {"tickets", info.value().tickets},
                            {"message", Format(Tr("Reached: %s tickets on the server"),
                                               FormatNumber(static_cast<long long>(info.value().tickets)).c_str())}};
        } else {
            s.last_probe = {{"ok", false}, {"message", info.error().message}};
        }
        web.RequestRedraw();
    };
    if (sync.engine) sync.engine->Probe(settings, finish);
    else finish(Error{"another tab of this board syncs it"});
}

}  // namespace

void StartSync(WebApp& web) {
    if (!web.sync) web.sync = std::make_shared<WebSync>();
    WebSync& sync = *web.sync;
    sync.engine.reset();
    sync.seen_revision = ~0ull;
    if (web.app->read_only() || !web.app->storage_available()) return;
    sync.engine = std::make_unique<SyncEngine>(*web.app, sync.transport,
                                               SyncEnvironment{Now, Jitter, [] { EM_ASM({ Module.tbDataChanged(); }); }});
    sync.engine->on_round_done = [&web] {
        ++web.sync->rounds;
        web.RequestRedraw();
    };
    sync.engine->SetOnline(EM_ASM_INT({ return navigator.onLine ? 1 : 0; }) != 0);
    sync.settings = LoadSettings(*web.app);
    if (auto configured = sync.engine->Configure(sync.settings, StateDirectory()); !configured)
        web.app->AddNotice("Sync could not start: " + configured.error().message);
}

void StepSync(WebApp& web) {
    if (!web.sync) return;
    WebSync& sync = *web.sync;
    SyncView& view = web.ui.sync;
    view.available = sync.engine != nullptr;
    view.now = Now();
    view.settings = sync.settings;
    view.probing = sync.probes_done < sync.probes_started;
    view.identity = web.app->identity();
    if (view.set_identity) {  // "Who you are" in the dialog
        if (auto done = web.app->ChooseIdentity(view.set_identity->name, view.set_identity->role); !done)
            view.identity_form.error = AsSentence(done.error().message);
        view.set_identity.reset();
        view.identity = web.app->identity();
        web.RequestRedraw();
    }
    if (!sync.last_probe.is_null()) {
        view.probe_ok = sync.last_probe.value("ok", false);
        view.probe_result = sync.last_probe.value("message", "");
    }
    if (!sync.engine) return;
    if (sync.seen_revision != web.app->revision()) {
        if (sync.seen_revision != ~0ull) sync.engine->LocalChanged();
        sync.seen_revision = web.app->revision();
    }
    sync.engine->Tick();
    if (view.sync_now) {
        view.sync_now = false;
        sync.engine->SyncNow();
    }
    if (view.probe) {
        view.probe = false;
        sync.last_probe = nullptr;
        view.probe_result.clear();
        StartProbe(web, view.draft);
    }
    if (view.save) {
        view.save = false;
        auto checked = SyncSettingsFromJson(SyncSettingsToJson(view.draft));
        if (!checked) {
            view.form_error = checked.error().message;
        } else if (auto applied = Apply(web, checked.value()); !applied) {
            view.form_error = applied.error().message;
        } else {
            view.form_error.clear();
        }
    }
    const SyncStatus& now = sync.engine->status();
    if (now.state != sync.shown.state || now.pending != sync.shown.pending || now.last_error != sync.shown.last_error ||
        now.last_synced != sync.shown.last_synced) {
        sync.shown = now;
        web.RequestRedraw();
    }
    view.status = now;
}

json SyncApi(WebApp& web, const std::string& method, const json& args) {
    if (!web.sync) return nullptr;
    WebSync& sync = *web.sync;
    auto reply = [](json result) { return json{{"ok", true}, {"result", std::move(result)}}; };
    auto refuse = [](const std::string& message) { return json{{"ok", false}, {"error", message}}; };
    if (method == "syncStatus") return reply(StatusJson(sync));
    if (method == "syncNow") {
        if (!sync.engine) return refuse("another tab of this board syncs it");
        if (!sync.settings.enabled()) return refuse("sync is off: configure a server first (tackboard.configureSync)");
        long long before = sync.rounds;
        sync.engine->SyncNow();
        return reply(json{{"after", before}});
    }
    if (method == "configureSync") {
        // Settings as SyncSettingsToJson writes them; a missing token keeps the saved one.
        json given = args;
        if (given.is_object() && !given.contains("token")) given["token"] = sync.settings.token;
        auto settings = SyncSettingsFromJson(given);
        if (!settings) return refuse(settings.error().Describe());
        if (auto applied = Apply(web, settings.value()); !applied) return refuse(applied.error().message);
        web.RequestRedraw();
        return reply(StatusJson(sync));
    }
    if (method == "testSync") {
        auto settings = SyncSettingsFromJson(args);
        if (!settings) return refuse(settings.error().Describe());
        sync.last_probe = nullptr;
        StartProbe(web, settings.value());
        return reply(json{{"probe", sync.probes_started}});
    }
    if (method == "syncProbe") {
        if (sync.probes_done < args.value("probe", 0LL)) return reply(nullptr);
        return reply(sync.last_probe);
    }
    if (method == "setOnline") {
        if (sync.engine) sync.engine->SetOnline(args.value("online", true));
        return reply(nullptr);
    }
    return nullptr;
}

}  // namespace tackboard
