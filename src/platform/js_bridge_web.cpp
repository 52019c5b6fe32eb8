// js_bridge_web.cpp — the C side of window.tackboard (shell/tackboard-shell.js).
//
// One exported entry point, tb_api(method, args_json) -> reply_json, where the reply is
// {"ok":true,"result":...} or {"ok":false,"error":"plain words"}. The JS side turns that
// into a resolved or rejected Promise. Every change goes through App, like the UI's.
#include <emscripten.h>

#include <functional>
#include <map>
#include <set>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <nlohmann/json.hpp>

#include "core/sprints.hpp"
#include "core/ticket_json.hpp"
#include "io/import.hpp"
#include "io/report_json.hpp"
#include "platform/sync_web.hpp"
#include "platform/web_app.hpp"
#include "ui/boards_menu.hpp"
#include "ui/i18n.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/reports_view.hpp"
#include "ui/request_view.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

using nlohmann::json;

json Reply(json result) { return json{{"ok", true}, {"result", std::move(result)}}; }
json Refuse(const std::string& message) { return json{{"ok", false}, {"error", message}}; }

json StringArg(const json& args, const char* key, std::string& out) {
    if (!args.is_object() || !args.contains(key) || !args[key].is_string())
        return Refuse(std::string("expected a string '") + key + "'");
    out = args[key].get<std::string>();
    return nullptr;
}

// Characters on the board the fonts cannot draw (they would show as "?"), read from
// the titles themselves (not from what the glyph scanner noted) and from the UI's own
// texts in the current language. Remembered until the board, the language or the font
// atlas changes: scanning 100k titles takes ~45 ms, which benchmarks polling this would pay.
json MissingGlyphs(const WebApp& web) {
    struct Key {
        std::uint64_t revision = ~0ull;
        Language language = Language::English;
        int glyphs = -1;
        bool operator==(const Key&) const = default;
    };
    static Key cached_key;
    static json cached;
    const ImFont* body = web.fonts.body;
    const Key key{web.app->revision(), CurrentLanguage(), body ? body->Glyphs.Size : -1};
    if (key == cached_key) return cached;
    std::set<unsigned int> missing;
    auto check = [&](const char* text) {
        for (const char* p = text; *p;) {
            unsigned int c = 0;
            p += ImTextCharFromUtf8(&c, p, nullptr);
            if (IsCjk(c) && body && !body->FindGlyphNoFallback(static_cast<ImWchar>(c))) missing.insert(c);
        }
    };
    for (const auto& t : web.app->board().tickets()) check(t.title.c_str());
    for (const Translation& row : Translations()) check(TextIn(row, CurrentLanguage()));
    check(LanguageName(Language::Chinese));
    cached_key = key;
    cached = json(missing);
    return cached;
}

// tackboard.report(args): the dashboard's figures (io/report_json.hpp). Without arguments,
// what the reports view shows (its period, grouping and the filter bar's filter); else
// {days: 1..3660} or {from: "YYYY-MM-DD", to: "YYYY-MM-DD"} (both days included),
// {bucket: "day" | "week"} (default: by day up to 31 days), {filter: "query"} ("" for none;
// default: the filter bar's).
json Report(WebApp& web, const json& args) {
    const App& app = *web.app;
    const Millis now = app.Now();
    const ReportsViewState& view = web.ui.reports;
    if (!args.is_null() && !args.is_object()) return Refuse("expected {days} or {from, to}, with bucket and filter if wanted");
    const json options = args.is_object() ? args : json::object();
    ReportPeriod period = ChosenPeriod(view, now);
    if (options.contains("days")) {
        const json& days = options["days"];
        if (!days.is_number_integer() || days.get<long long>() < 1 || days.get<long long>() > 3660)
            return Refuse("'days' must be a whole number of days from 1 to 3660");
        period = LastDays(days.get<int>(), now);
    } else if (options.contains("from") || options.contains("to")) {
        auto custom = CustomPeriod(options.value("from", ""), options.value("to", ""));
        if (!custom) return Refuse("'from' and 'to': " + custom.error().message);
        period = custom.value();
    }
    Bucket bucket = AutoBucket(period);
    if (options.contains("bucket")) {
        const std::string b = options["bucket"].is_string() ? options["bucket"].get<std::string>() : "";
        if (b != "day" && b != "week") return Refuse("'bucket' must be \"day\" or \"week\"");
        bucket = b == "day" ? Bucket::Day : Bucket::Week;
    } else if (!args.is_object() && view.bucket >= 0) {
        bucket = static_cast<Bucket>(view.bucket);
    }
    std::vector<std::size_t> positions;
    if (options.contains("filter")) {
        if (!options["filter"].is_string()) return Refuse("'filter' must be a query (text)");
        const std::string filter = options["filter"].get<std::string>();
        if (filter.find_first_not_of(" \t") == std::string::npos) {
            BoardFilter none;
            positions = FilteredPositions(app.board(), none);
        } else {
            auto rows = app.Query(filter);
            if (!rows) return Refuse(rows.error().Describe());
            positions = std::move(rows).value();
            std::sort(positions.begin(), positions.end());
        }
    } else {
        positions = FilteredPositions(app.board(), web.ui.filter);
    }
    const SlaSettings& sla = app.helpdesk().settings.sla;
    return Reply(DashboardToJson(ComputeDashboard(app.board(), positions, period, bucket, &sla, now)));
}

// Sprints (core/sprints.hpp): sprints(), createSprint({name, start, end, goal}) -> id,
// addToSprint({ids, sprintId}) -> {added, skipped}, closeSprint({id, nextId}).
json SprintCall(WebApp& web, const std::string& method, const json& args) {
    App& app = *web.app;
    const LoadedSprints loaded = SprintsOf(app.board().config());
    if (loaded.problem) return Refuse("the board's sprint list does not read: " + loaded.problem->Describe());
    if (method == "sprints") return Reply(SprintsToJson(loaded.sprints));
    if (!args.is_object()) return Refuse("expected an object of arguments");
    auto text = [&](const char* key) {
        auto it = args.find(key);
        return it != args.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    json change, result;
    if (method == "createSprint") {
        const std::string id = NewSprintId(loaded.sprints, app.Now());
        auto made = CreateSprintChange(app.board(), {text("name"), text("start"), text("end"), text("goal")}, id);
        if (!made) return Refuse(made.error().Describe());
        change = std::move(made.value());
        result = id;
    } else if (method == "addToSprint") {
        auto ids = args.find("ids");
        if (ids == args.end() || !ids->is_array()) return Refuse("expected 'ids', a list of ticket ids");
        std::vector<std::string> list;
        for (const json& id : *ids)
            if (id.is_string()) list.push_back(id.get<std::string>());
            else return Refuse("expected 'ids', a list of ticket ids");
        auto plan = AddToSprintChange(app.board(), list, text("sprintId"));
        if (!plan) return Refuse(plan.error().Describe());
        change = std::move(plan.value().change);
        result = {{"added", plan.value().added}, {"skipped", plan.value().skipped}};
    } else {
        auto closed = CloseSprintChange(app.board(), text("id"), text("nextId"), app.Now());
        if (!closed) return Refuse(closed.error().Describe());
        change = std::move(closed.value());
    }
    if (!change.is_null())
        if (auto done = app.Execute(std::move(change)); !done) return Refuse(done.error().Describe());
    web.RequestRedraw();
    return Reply(std::move(result));
}

json Dispatch(WebApp& web, const std::string& method, const json& args) {
    App& app = *web.app;
    if (method == "createTicket") {
        auto created = app.CreateTicket(args);
        if (!created) return Refuse(created.error().Describe());
        web.RequestRedraw();
        return Reply(created.value());
    }
    if (method == "updateTicket") {
        std::string id;
        if (json bad = StringArg(args, "id", id); !bad.is_null()) return bad;
        auto updated = app.UpdateTicket(id, args.value("patch", json::object()));
        if (!updated) return Refuse(updated.error().Describe());
        web.RequestRedraw();
        return Reply(TicketToJson(*app.board().Find(id)));
    }
    if (method == "execute") {
        // Any change record (core/change.hpp), e.g. {"op":"config","config":{...}}.
        auto done = app.Execute(args);
        if (!done) return Refuse(done.error().Describe());
        web.RequestRedraw();
        return Reply(nullptr);
    }
    if (method == "getTicket") {
        std::string id;
        if (json bad = StringArg(args, "id", id); !bad.is_null()) return bad;
        const Ticket* ticket = app.board().Find(id);
        if (!ticket) return Refuse("no ticket with id " + id);
        return Reply(TicketToJson(*ticket));
    }
    if (method == "query") {
        std::string text;
        if (json bad = StringArg(args, "query", text); !bad.is_null()) return bad;
        auto rows = app.Query(text);
        if (!rows) return Refuse(rows.error().Describe());
        json ids = json::array();
        for (std::size_t row : rows.value()) ids.push_back(app.board().tickets()[row].id);
        return Reply(std::move(ids));
    }
    if (method == "sprints" || method == "createSprint" || method == "addToSprint" || method == "closeSprint")
        return SprintCall(web, method, args);
    if (method == "compact" || method == "compactIfNeeded") {
        auto done = method == "compact" ? app.Compact() : app.CompactIfNeeded();
        if (!done) return Refuse(done.error().message);
        return Reply(nullptr);
    }
    if (method == "follow") {
        auto followed = app.Follow(args);
        if (!followed) return Refuse(followed.error().message);
        web.RequestRedraw();
        return Reply(nullptr);
    }
    if (method == "takeOver") {
        // The shell has reloaded /data from IndexedDB: read it afresh, now as the writer,
        // then store what this tab followed that storage lacks (args: change texts).
        OpenApp(web, false);
        std::size_t adopted_failures = 0;
        if (args.is_array())
            for (const auto& text : args) {
                json change = json::parse(text.is_string() ? text.get<std::string>() : "null", nullptr, false);
                if (change.is_discarded() || !web.app->Adopt(change)) ++adopted_failures;
            }
        if (adopted_failures)
            web.app->AddNotice(Format(TrCount(static_cast<long long>(adopted_failures),
                                              "%s change from the closed tab could not be stored again; check the board.",
                                              "%s changes from the closed tab could not be stored again; check the board."),
                                      FormatNumber(static_cast<long long>(adopted_failures)).c_str()));
        return Reply(nullptr);
    }
    if (method == "clipboard") {
        // The text of a paste event: Ctrl+V in a text field inserts it.
        web.clipboard = args.is_object() ? args.value("text", "") : "";
        return Reply(nullptr);
    }
    if (method == "pasteText") {
        // Clipboard text read without a paste event: typed into the field being edited.
        std::string text = args.is_object() ? args.value("text", "") : "";
        if (ImGui::GetIO().WantTextInput) ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
        web.RequestRedraw();
        return Reply(nullptr);
    }
    if (method == "textInput" || method == "composition") {
        // The hidden text field (text_input_web.hpp): text an input method committed, or
        // the composition still being typed.
        std::string text = args.is_object() ? args.value("text", "") : "";
        if (method == "textInput") TypeText(text);
        else SetComposition(web.text_input, std::move(text));
        web.RequestRedraw();
        return Reply(nullptr);
    }
    if (method == "textKey") {
        // An on-screen keyboard's edit key, seen by the hidden field as an edit:
        // {key: "Backspace"|"Delete"|"Home"|"Enter", ctrl?: bool, shift?: bool}.
        static const std::map<std::string, SDL_Scancode> kKeys = {{"Backspace", SDL_SCANCODE_BACKSPACE},
                                                                  {"Delete", SDL_SCANCODE_DELETE},
                                                                  {"Home", SDL_SCANCODE_HOME},
                                                                  {"Enter", SDL_SCANCODE_RETURN}};
        std::string key;
        if (json bad = StringArg(args, "key", key); !bad.is_null()) return bad;
        auto found = kKeys.find(key);
        if (found == kKeys.end()) return Refuse("expected the key 'Backspace', 'Delete', 'Home' or 'Enter'");
        Uint16 mods = KMOD_NONE;
        if (args.value("ctrl", false)) mods |= KMOD_LCTRL;
        if (args.value("shift", false)) mods |= KMOD_LSHIFT;
        TypeKey(found->second, mods);
        web.RequestRedraw();
        return Reply(nullptr);
    }
    if (method == "touchEnded") {
        // Asked inside the page's touchend handler, after SDL queued the finger's lift: the
        // gesture is read now, and when it pressed a text field the shell focuses the hidden
        // field before the handler returns, so a phone shows its keyboard.
        PollEvents(web);
        bool text_field = TakeTextFieldPress(web.touch);
        if (text_field) ExpectTextField(web.text_input);
        web.RequestRedraw();
        return Reply(text_field);
    }
    if (method == "setRoute") {
        // The URL's hash (a deep link, or back/forward): view, open ticket, filter, swimlanes.
        if (!args.is_object()) return Refuse("expected {view, ticket, q, lanes}");
        UiState& ui = web.ui;
        ShowView(ui, args.value("view", ""));
        std::string ticket = args.value("ticket", "");
        web.pending_ticket.clear();
        if (ticket.empty()) ui.panel = {};
        else if (const Ticket* t = app.board().Find(ticket); t && !t->deleted) OpenTicket(ui, ticket);
        else if (app.read_only()) web.pending_ticket = ticket;  // a following tab may not have it yet
        std::string query = args.value("q", "");
        if (query != ui.filter.text) ui.filter.text = query;
        ui.board.swimlanes = SwimlanesFromKey(args.value("lanes", ""));
        web.route = RouteOf(ui);  // what the URL already says: not written back
        web.RequestRedraw();
        return Reply(nullptr);
    }
    if (method == "exportJson") return Reply(BoardToJson(app.board()));
    if (method == "exportCsv") return Reply(BoardToCsv(app.board()));
    if (method == "importProgress") {
        // The browser is reading a file the user chose for import.
        ImportDialog& dialog = web.ui.import;
        dialog.stage = ImportDialog::Stage::Reading;
        dialog.file_name = args.value("name", "");
        dialog.file_bytes = args.value("total", std::size_t{0});
        dialog.read_fraction = dialog.file_bytes ? args.value("loaded", 0.0) / dialog.file_bytes : 0.0;
        web.RequestRedraw();
        return Reply(nullptr);
    }
    if (method == "templateFile") {
        // A template file chosen in Settings > Templates (ui/settings_templates.hpp).
        TemplateSettingsState& state = web.ui.template_settings;
        state.file_name = args.value("name", "");
        state.file_text = args.value("text", "");
        state.file_error = args.contains("error") ? Format(Tr("The browser could not read %s: %s"), state.file_name.c_str(),
                                                           args.value("error", "").c_str())
                                                  : std::string();
        state.file_arrived = true;
        web.RequestRedraw();
        return Reply(nullptr);
    }
    if (method == "importFailed") {
        ImportDialog& dialog = web.ui.import;
        dialog.stage = ImportDialog::Stage::Failed;
        dialog.error = args.value("error", std::string(Tr("the file could not be read")));
        web.RequestRedraw();
        return Reply(nullptr);
    }
    if (method == "notices") return Reply(app.notices());
    if (method == "frameStats") {
        const FrameStats& s = web.stats;
        json missing = MissingGlyphs(web);
        std::size_t recent = 0;
        if (args.is_object() && args.contains("recent") && args["recent"].is_number_unsigned())
            recent = args["recent"].get<std::size_t>();
        return Reply({{"frames", s.frames_rendered},
                      {"missingGlyphs", std::move(missing)},
                      {"lastCpuMs", s.last_cpu_ms},
                      {"meanCpuMs", s.frames_rendered ? s.total_cpu_ms / s.frames_rendered : 0.0},
                      {"maxCpuMs", s.max_cpu_ms},
                      {"meanGlMs", s.frames_rendered ? s.total_gl_ms / s.frames_rendered : 0.0},
                      {"maxGlMs", s.max_gl_ms},
                      {"filterFrameAt", s.filter_frame_at},
                      // {recent: n}: the CPU ms of the latest n frames, oldest first (benchmarks)
                      {"recentCpuMs", s.Recent(recent)},
                      {"pixelRatio", web.pixel_ratio},  // the ratio the fonts were rasterised for
                      {"reportsMs", web.ui.reports.compute_ms}});  // the reports view's last refresh
    }
    // Whether the screen shows everything that happened: no input waiting for ImGui and no
    // frame left to draw (a test reads rectangles only then; see tests/e2e/helpers.mjs).
    if (method == "settled")
        return Reply(web.redraw_frames <= 0 && web.pending_events.empty() &&
                     !SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT));
    if (method == "uiRect") {
        std::string label;
        if (json bad = StringArg(args, "label", label); !bad.is_null()) return bad;
        auto rect = TheItemRegistry().Find(label);
        if (!rect) return Reply(nullptr);
        return Reply({{"x", rect->x}, {"y", rect->y}, {"width", rect->w}, {"height", rect->h}});
    }
    if (method == "setSaveState") {
        std::string state;
        if (json bad = StringArg(args, "state", state); !bad.is_null()) return bad;
        SaveState save;
        save.kind = state == "saving" ? SaveState::Kind::Saving
                    : state == "failed" ? SaveState::Kind::Failed
                                        : SaveState::Kind::Saved;
        save.reason = args.value("reason", "");
        app.SetSaveState(std::move(save));
        web.RequestRedraw();
        return Reply(nullptr);
    }
    if (method == "setTheme") {
        // The shell decides (the user's choice, else the system's): {"dark": bool}, or
        // {"mode": "light"|"dark"}. "system" needs "dark" with it: only the browser knows.
        std::string mode = args.is_object() && args.contains("mode") && args["mode"].is_string()
                               ? args["mode"].get<std::string>()
                               : "";
        bool dark = false;
        if (mode == "light" || mode == "dark") dark = mode == "dark";
        else if (args.is_object() && args.contains("dark") && args["dark"].is_boolean()) dark = args["dark"].get<bool>();
        else return Refuse("expected {\"dark\": true or false} or {\"mode\": \"light\" or \"dark\"}");
        UseTheme(dark);
        web.RequestRedraw();
        return Reply(dark ? "dark" : "light");
    }
    if (method == "setClock") {
        // {at: ms}: the app's time from now on (it keeps running from there); {at: null}:
        // the browser's clock again. Answers the app's time.
        if (!args.is_object() || !args.contains("at")) return Refuse("expected {at: milliseconds or null}");
        const json& at = args["at"];
        if (!at.is_null() && !(at.is_number() && at.get<double>() > 0)) return Refuse("'at' must be a time in milliseconds, or null");
        return Reply(SetClock(web, at.is_null() ? 0 : static_cast<Millis>(at.get<double>())));
    }
    if (method == "runTimedRules") {
        // One pass of the time-triggered rules now; answers how many fired.
        auto fired = app.RunTimedRules();
        if (!fired) return Refuse(fired.error().Describe());
        web.RequestRedraw();
        return Reply(fired.value());
    }
    if (method == "report") return Report(web, args);
    if (method == "boardsChanged") {  // the shell's list of boards changed (a rename, an undo)
        ReadBoardList(web);
        return Reply(nullptr);
    }
    if (method == "boardAction") {
        // Checked as the boards menu checks it, then handed to the shell after the next frame.
        auto text = [&](const char* key) {
            auto it = args.is_object() ? args.find(key) : args.end();
            return it != args.end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        if (!RequestBoardAction(web.ui, text("action"), text("id"), text("name"), app.Now()))
            return Refuse(web.ui.boards.message);
        web.RequestRedraw();
        return Reply(nullptr);
    }
    if (method == "loadDemo") {
        // The sample board (core/demo_board.hpp) into an empty board, as one undoable
        // import; the number of tickets added. Refused when the board has tickets.
        if (app.read_only()) return Refuse("this tab only follows the tab that edits the board");
        auto loaded = app.LoadDemo();
        if (!loaded) return Refuse(loaded.error().message);
        web.RequestRedraw();
        return Reply(loaded.value());
    }
    if (method == "uiLabels") {
        // The registry's labels that start with {prefix} (e.g. a chart's tooltip), sorted.
        std::string prefix;
        if (json bad = StringArg(args, "prefix", prefix); !bad.is_null()) return bad;
        return Reply(TheItemRegistry().Labels(prefix));
    }
    if (method == "notifications") {
        // What rules announced this session, oldest first.
        json list = json::array();
        for (const RuleNotification& n : app.notifications())
            list.push_back({{"at", n.at}, {"ticket", n.ticket_id}, {"rule", n.rule}, {"message", n.message}});
        return Reply(std::move(list));
    }
    if (method == "notificationPermission") {
        // {"state": "granted"}: the browser's answer to the notification centre's request.
        std::string state;
        if (json bad = StringArg(args, "state", state); !bad.is_null()) return bad;
        web.ui.notifications.permission = state;
        web.RequestRedraw();
        return Reply(state);
    }
    if (method == "identity") return Reply(ToJson(app.identity()));  // {name, role, from_server}
    if (method == "setIdentity") {
        // {"name": "alice@example.org", "role": "requester"}: who works at this device, on a
        // board whose sync server does not name its users.
        std::string name, role_text;
        if (json bad = StringArg(args, "name", name); !bad.is_null()) return bad;
        if (json bad = StringArg(args, "role", role_text); !bad.is_null()) return bad;
        auto role = ParseRole(role_text);
        if (!role) return Refuse("'role' must be \"requester\", \"agent\" or \"lead\"");
        if (auto done = app.ChooseIdentity(name, *role); !done) return Refuse(done.error().message);
        web.ui.request.identity.loaded = false;  // the forms show the new identity
        web.ui.sync.identity_form.loaded = false;
        web.RequestRedraw();
        return Reply(ToJson(app.identity()));
    }
    if (method == "requestNotices") {
        // Browser notifications about the identity's requests (request_view.hpp), asked by
        // the shell while the browser allows them: [{title, body, tag}], each told once.
        json list = json::array();
        for (const RequestNotice& n : TakeRequestNotices(app, web.ui.request))
            list.push_back({{"title", n.title}, {"body", n.body}, {"tag", n.tag}});
        if (!list.empty()) web.RequestRedraw();
        return Reply(std::move(list));
    }
    if (method == "setLanguage") {
        // {"code": "fr"}; the shell checked it is one the app speaks.
        std::string code;
        if (json bad = StringArg(args, "code", code); !bad.is_null()) return bad;
        Language language = ParseLanguage(code);
        if (code.substr(0, 2) != LanguageCode(language)) return Refuse("no UI language '" + code + "'");
        UseLanguage(web, language);
        return Reply(LanguageCode(language));
    }
    if (json synced = SyncApi(web, method, args); !synced.is_null()) return synced;
    return Refuse("unknown method '" + method + "'");
}

// Methods that take a file's bytes (passed through wasm memory, not as a JS string).
json DispatchBytes(WebApp& web, const std::string& method, const json& args, std::string_view bytes) {
    App& app = *web.app;
    std::string expect = args.is_object() ? args.value("format", "") : "";
    if (method == "openImport") {
        // A file chosen in the import dialog (or dropped on the page): check it next frame.
        ImportDialog& dialog = web.ui.import;
        dialog = ImportDialog{};
        dialog.stage = app.read_only() ? ImportDialog::Stage::Failed : ImportDialog::Stage::Checking;
        dialog.error = Tr("this board is being edited in another tab; import there");
        dialog.file_name = args.value("name", "");
        dialog.file_bytes = bytes.size();
        dialog.bytes.assign(bytes);
        web.RequestRedraw();
        return Reply(nullptr);
    }
    if (method == "previewImport" || method == "importFile") {
        auto plan = app.PlanImport(bytes, expect);
        if (!plan) return Refuse(plan.error().Describe());
        json summary = ImportPlanToJson(plan.value());
        if (method == "importFile") {
            if (auto done = app.Import(std::move(plan.value())); !done) return Refuse(done.error().Describe());
            web.RequestRedraw();
        }
        return Reply(std::move(summary));
    }
    return Refuse("unknown method '" + method + "'");
}

json CallApi(const char* method, const char* args_json,
             const std::function<json(WebApp&, const std::string&, const json&)>& dispatch) {
    WebApp* web = WebAppInstance();
    if (!web || !web->app) return Refuse("Tackboard is not started yet: wait for tackboard.ready()");
    json args = json::parse(args_json ? args_json : "null", nullptr, /*allow_exceptions=*/false);
    if (args.is_discarded()) return Refuse("arguments are not valid JSON");
    return dispatch(*web, method, args);
}

const char* Keep(const json& out) {
    static std::string reply;  // valid until the next call; ccall copies it at once
    reply = out.dump(-1, ' ', false, json::error_handler_t::replace);
    return reply.c_str();
}

}  // namespace

}  // namespace tackboard

extern "C" EMSCRIPTEN_KEEPALIVE const char* tb_api(const char* method, const char* args_json) {
    using namespace tackboard;
    return Keep(CallApi(method, args_json, Dispatch));
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* tb_api_bytes(const char* method, const char* args_json,
                                                          const char* bytes, int length) {
    using namespace tackboard;
    std::string_view data(bytes, length > 0 ? static_cast<std::size_t>(length) : 0);
    return Keep(CallApi(method, args_json, [data](WebApp& web, const std::string& m, const json& args) {
        return DispatchBytes(web, m, args, data);
    }));
}
