// main_web.cpp — the browser platform layer: SDL2 window on the page canvas, WebGL2,
// Dear ImGui backends, fonts, and the main loop.
//
// Handles:  window filling the page (follows window resizes), HiDPI (fonts rasterised at
//           size × devicePixelRatio, rebuilt when the ratio changes), idle (no frame is
//           rendered while nothing happens), mouse, keyboard and mouse (quick presses
//           kept, see FeedEvents), text typed on the keyboard layout via SDL.
//           Chinese text: glyphs rasterised for the characters the board contains, and
//           for the UI's own texts while it is in Chinese. The UI language comes from
//           the shell (the stored choice, else the browser's languages) and is told
//           back to it when the UI switches, so the shell remembers it.
//           Links clicked in descriptions and comments open in a new tab (noopener).
//           The system clipboard through navigator.clipboard and the paste event.
//           IME composition through a hidden DOM field (text_input_web.hpp), which also
//           brings up a phone's keyboard on a tap on a text field; touch: tap,
//           swipe to scroll, long-press drag (touch_web.hpp); the selection described in
//           an ARIA live region for screen readers (accessibility_web.hpp).
//           Browser notifications of reminders and rule notifications while the page
//           is open (Notification API; permission asked on the user's click).
// Not yet:  pinch zoom, momentum scrolling; the UI other than the selection has no
//           screen-reader counterpart.
#include <GLES3/gl3.h>
#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8, the active text field

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

#include "core/dates.hpp"
#include "core/ticket_json.hpp"
#include "io/import.hpp"
#include "platform/sync_web.hpp"
#include "platform/web_app.hpp"
#include "ui/i18n.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/main_window.hpp"
#include "ui/widgets.hpp"
#include "ui/markdown_view.hpp"
#include "ui/notification_centre.hpp"

namespace tackboard {

namespace {

WebApp* g_web_app = nullptr;

constexpr float kBodySize = 15.0f;
constexpr float kHeadingSize = 20.0f;

// `rebuild`: the GL texture exists already and must be replaced (ratio changed).
void LoadFonts(WebApp& web, bool rebuild) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const float scale = web.pixel_ratio;
    static const ImWchar kIconRange[] = {0xF000, 0xF2FF, 0};
    static const ImWchar kTextRanges[] = {0x0020, 0x017F, 0x2000, 0x206F, 0x20AC, 0x20AC, 0x2190, 0x21FF, 0};
    auto load = [&](const char* file, float size) {
        ImFontConfig text;
        text.OversampleH = 1;  // crispness comes from rasterising at device pixels instead
        ImFont* font = io.Fonts->AddFontFromFileTTF(file, size * scale, &text, kTextRanges);
        ImFontConfig merge;
        merge.MergeMode = true;
        merge.OversampleH = 1;
        merge.GlyphMinAdvanceX = size * scale;  // icons line up in lists
        io.Fonts->AddFontFromFileTTF("/fonts/icons.ttf", size * scale * 0.95f, &merge, kIconRange);
        return font;
    };
    // Chinese characters the board uses, merged into every font from the CJK subset.
    web.cjk_ranges.clear();
    for (ImWchar c : web.cjk_present) web.cjk_ranges.insert(web.cjk_ranges.end(), {c, c});
    web.cjk_ranges.push_back(0);
    auto load_cjk = [&](float size) {
        if (web.cjk_present.empty()) return;
        ImFontConfig merge;
        merge.MergeMode = true;
        merge.OversampleH = 1;
        // ImGui sizes a font by ascent + descent: 1.45 em for Noto Sans CJK, 1.21 em for
        // Inter. Scaled so both have the same em, hanzi are not a fifth smaller than Latin.
        constexpr float kCjkToInter = 1.448f / 1.210f;
        io.Fonts->AddFontFromFileTTF("/fonts/cjk.otf", size * scale * kCjkToInter, &merge, web.cjk_ranges.data());
    };
    auto load_with_cjk = [&](const char* file, float size) {
        ImFont* font = load(file, size);
        load_cjk(size);
        return font;
    };
    web.fonts.body = load_with_cjk("/fonts/inter-regular.ttf", kBodySize);
    web.fonts.strong = load_with_cjk("/fonts/inter-semibold.ttf", kBodySize);
    web.fonts.heading = load_with_cjk("/fonts/inter-semibold.ttf", kHeadingSize);
    io.FontDefault = web.fonts.body;
    io.FontGlobalScale = 1.0f / scale;
    web.fonts_stale = false;
    if (rebuild) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
}

void NoteCjk(WebApp& web, const std::string& text) {
    const char* p = text.c_str();
    const char* end = p + text.size();
    while (p < end) {
        unsigned int c = 0;
        int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) break;
        p += n;
        if (c >= 0x3000 && IsCjk(c) && web.cjk_present.insert(static_cast<ImWchar>(c)).second) web.fonts_stale = true;
    }
}

// The UI's own Chinese: the language menu names 中文 in every language; in Chinese, every
// translation and the date format's 年月日 (all in the font subset: tools/cjk_codepoints.py).
void NoteLanguageCjk(WebApp& web) {
    NoteCjk(web, LanguageName(Language::Chinese));
    if (CurrentLanguage() != Language::Chinese) return;
    for (const Translation& row : Translations()) NoteCjk(web, TextIn(row, Language::Chinese));
    NoteCjk(web, FormatDate(0, Language::Chinese));
}

// Everything of a ticket the UI draws: the title on its card, the description and the
// comments in its panel.
void NoteTicketCjk(WebApp& web, const Ticket& t) {
    NoteCjk(web, t.title);
    NoteCjk(web, t.description);
    for (const auto& c : t.comments) NoteCjk(web, c.body);
}

// What is being typed in any text field (an edited comment, a title in the editor...).
void NoteActiveFieldCjk(WebApp& web) {
    const ImGuiInputTextState& field = GImGui->InputTextState;
    if (!ImGui::GetIO().WantTextInput || field.ID == 0) return;
    for (int i = 0; i < field.CurLenW; ++i)
        if (ImWchar c = field.TextW[i]; c >= 0x3000 && IsCjk(c) && web.cjk_present.insert(c).second)
            web.fonts_stale = true;
}

// Finds Chinese characters the font atlas lacks: in tickets after each change, and in
// what is being typed. The atlas is rebuilt before the next frame when any turn up.
void ScanForNewGlyphs(WebApp& web) {
    const App& app = *web.app;
    if (web.glyphs_scanned_revision != app.revision()) {
        // One change since the last look: only its tickets can bring new characters.
        // Otherwise (start-up, several changes at once) read every title.
        if (web.glyphs_scanned_revision != WebApp::kNeverScanned && web.glyphs_scanned_revision + 1 == app.revision()) {
            for (const auto& id : app.last_touched())
                if (const Ticket* t = app.board().Find(id)) NoteTicketCjk(web, *t);
        } else {
            for (const auto& t : app.board().tickets()) NoteTicketCjk(web, t);
        }
        web.glyphs_scanned_revision = app.revision();
    }
    NoteCjk(web, web.ui.filter.text);
    NoteCjk(web, web.ui.new_ticket.title);
    NoteCjk(web, web.text_input.composition);
    NoteActiveFieldCjk(web);
    if (web.fonts_stale) web.RequestRedraw();
}


// Keeps the SDL window (and so the canvas) the size of the browser viewport, and the
// font atlas matched to the device pixel ratio (it changes with browser zoom).
void FollowViewport(WebApp& web) {
    int w = 0, h = 0;
    SDL_GetWindowSize(web.window, &w, &h);
    int want_w = EM_ASM_INT({ return window.innerWidth; });
    int want_h = EM_ASM_INT({ return window.innerHeight; });
    float ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
    if (want_w != w || want_h != h || ratio != web.pixel_ratio) {
        SDL_SetWindowSize(web.window, want_w, want_h);
        if (ratio != web.pixel_ratio) {
            web.pixel_ratio = ratio;
            LoadFonts(web, /*rebuild=*/true);
        }
        web.RequestRedraw();
    }
}

// ImGui 1.86 reads key and mouse-button state once per frame, so a key or button pressed
// and released within one frame (a quick Enter, Esc, Backspace or click) would be missed
// or seen late. Events are fed in order until a key or button would change a second time
// in this frame (released after its press, or pressed again after its release), or until
// a modifier would change in the frame a mouse button changed (Ctrl+click must see Ctrl
// held at the click), or until a button would change after the pointer moved or the
// pointer would move after a button changed (ImGui sees one pointer position per frame,
// and must see it over an item before the press); the rest wait.
int PressKey(const SDL_Event& e) {  // what identifies a press/release pair, or -1
    switch (e.type) {
        case SDL_KEYDOWN:
        case SDL_KEYUP:
            return e.key.keysym.scancode;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            return 100000 + e.button.button;
        default:
            return -1;
    }
}

}  // namespace

// Takes what SDL has into pending_events, in order. Fingers become mouse events there, or
// scroll (touch_web.hpp).
void PollEvents(WebApp& web) {
    int w = 0, h = 0;
    SDL_GetWindowSize(web.window, &w, &h);
    const ImVec2 window_size(static_cast<float>(w), static_cast<float>(h));
    const double now = emscripten_get_now();
    SDL_Event event;
    while (SDL_PollEvent(&event)) {
        if (TranslateTouch(web.touch, event, window_size, now, web.pending_events))
            web.RequestRedraw();  // a swipe scrolls without any event for ImGui
        else
            web.pending_events.push_back(event);
    }
    if (StepTouch(web.touch, now, web.pending_events)) web.RequestRedraw();
}

namespace {

void FeedEvents(WebApp& web) {
    PollEvents(web);
    std::vector<int> changed_this_frame;
    bool button_changed = false, modifier_changed = false, moved = false;
    while (!web.pending_events.empty()) {
        const SDL_Event& next = web.pending_events.front();
        int key = PressKey(next);
        if (key >= 0) {
            bool button = next.type == SDL_MOUSEBUTTONDOWN || next.type == SDL_MOUSEBUTTONUP;
            bool modifier = !button && (next.key.keysym.sym == SDLK_LCTRL || next.key.keysym.sym == SDLK_RCTRL ||
                                        next.key.keysym.sym == SDLK_LSHIFT || next.key.keysym.sym == SDLK_RSHIFT ||
                                        next.key.keysym.sym == SDLK_LALT || next.key.keysym.sym == SDLK_RALT ||
                                        next.key.keysym.sym == SDLK_LGUI || next.key.keysym.sym == SDLK_RGUI);
            if (std::find(changed_this_frame.begin(), changed_this_frame.end(), key) != changed_this_frame.end()) break;
            if ((modifier && button_changed) || (button && modifier_changed)) break;
            if (button && moved) break;  // hover where the pointer went first, then press there
            changed_this_frame.push_back(key);
            button_changed |= button;
            modifier_changed |= modifier;
        }
        if (next.type == SDL_MOUSEMOTION) {
            if (button_changed) break;  // the press or release happens where the pointer was
            moved = true;
        }
        web.pointer.Feed(next);
        ImGui_ImplSDL2_ProcessEvent(&next);
        if (next.type == SDL_KEYDOWN || next.type == SDL_KEYUP) {
            // The backend reads modifiers from SDL_GetModState(), which is already the state
            // after every polled event; a held-back event must bring its own.
            ImGuiIO& io = ImGui::GetIO();
            Uint16 mod = next.key.keysym.mod;
            io.KeyCtrl = (mod & KMOD_CTRL) != 0;
            io.KeyShift = (mod & KMOD_SHIFT) != 0;
            io.KeyAlt = (mod & KMOD_ALT) != 0;
            io.KeySuper = (mod & KMOD_GUI) != 0;
        }
        web.pending_events.pop_front();
        web.RequestRedraw();
    }
    if (!web.pending_events.empty()) web.RequestRedraw();
}

// Hands the board to the browser as a file download: Tackboard JSON or CSV.
void DownloadExport(const WebApp& web, bool csv) {
    std::string text = csv ? BoardToCsv(web.app->board()) : BoardToJsonText(web.app->board());
    std::string name = "tackboard-" + FormatIsoDate(static_cast<Millis>(emscripten_date_now())) + (csv ? ".csv" : ".json");
    const char* type = csv ? "text/csv;charset=utf-8" : "application/json";
    EM_ASM({ Module.tbDownload(UTF8ToString($0), UTF8ToString($1), UTF8ToString($2)); }, name.c_str(), text.c_str(),
           type);
}

// A file from the data folder, byte for byte (a quarantined snapshot is binary).
void DownloadStoredFile(WebApp& web, const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        web.app->AddNotice(Format(Tr("Could not open %s for download."), path.c_str()));
        return;
    }
    std::string bytes;
    char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) bytes.append(buffer, n);
    std::fclose(f);
    std::string name = path.substr(path.find_last_of('/') + 1);
    EM_ASM({ Module.tbDownloadBytes(UTF8ToString($0), HEAPU8.slice($1, $1 + $2)); }, name.c_str(), bytes.data(),
           bytes.size());
}

// Clipboard: copying writes through navigator.clipboard. Pasting takes the text of the
// "paste" event the browser fires on Ctrl+V, before the frame that handles the key (the
// shell passes it in as tb_api "clipboard"); it is used once, so a later Ctrl+V without
// a paste event pastes nothing stale. When no paste event comes (some browsers, and
// synthetic keys in tests) the shell reads navigator.clipboard and types the text in
// (tb_api "pasteText").
void SetBrowserClipboard(void*, const char* text) {
    EM_ASM({ Module.tbCopy(UTF8ToString($0)); }, text ? text : "");
}

const char* GetBrowserClipboard(void*) {
    static std::string taken;
    taken = std::move(WebAppInstance()->clipboard);
    WebAppInstance()->clipboard.clear();
    return taken.c_str();
}

// "default", "granted", "denied", or "unsupported" (no Notification API).
std::string NotificationPermission() {
    static const char* const kStates[] = {"default", "granted", "denied", "unsupported"};
    int state = EM_ASM_INT({  // no commas: they would split the macro's argument
        var p = Module.tbNotificationPermission();
        return p == 'granted' ? 1 : p == 'denied' ? 2 : p == 'unsupported' ? 3 : 0;
    });
    return state >= 0 && state < 4 ? kStates[state] : "default";
}

// What the UI asked of the browser this frame: downloads, the import file chooser, the
// permission to show notifications.
void RunPlatformRequests(WebApp& web) {
    UiState& ui = web.ui;
    if (ui.export_requested || ui.export_csv_requested) {
        DownloadExport(web, ui.export_csv_requested);
        ui.export_requested = ui.export_csv_requested = false;
    }
    if (!ui.reports.download_name.empty()) {  // a report's CSV
        EM_ASM({ Module.tbDownload(UTF8ToString($0), UTF8ToString($1), UTF8ToString($2)); }, ui.reports.download_name.c_str(),
               ui.reports.download_text.c_str(), "text/csv;charset=utf-8");
        ui.reports.download_name.clear();
        ui.reports.download_text.clear();
    }
    if (!ui.download_path.empty()) {
        DownloadStoredFile(web, ui.download_path);
        ui.download_path.clear();
    }
    if (ui.import.pick_requested) {
        ui.import.pick_requested = false;
        EM_ASM({ Module.tbPickImportFile(); });
    }
    if (!ui.boards.action.empty()) {  // switching, creating, deleting boards: the shell's work
        EM_ASM({ Module.tbBoardAction(UTF8ToString($0)); }, ui.boards.action.c_str());
        ui.boards.action.clear();
    }
    if (ui.notifications.permission_requested) {  // answered through tb_api "notificationPermission"
        ui.notifications.permission_requested = false;
        EM_ASM({ Module.tbRequestNotificationPermission(); });
    }
    // The user may have changed it in the browser's site settings meanwhile.
    if (ui.notifications.visible) ui.notifications.permission = NotificationPermission();
    if (!web.pending_ticket.empty()) {
        const Ticket* t = web.app->board().Find(web.pending_ticket);
        if (t && !t->deleted) OpenTicket(ui, web.pending_ticket);
        if ((t && !t->deleted) || !web.app->read_only()) web.pending_ticket.clear();  // opened, or a stale link
    }
    if (std::string route = RouteOf(ui); web.pending_ticket.empty() && route != web.route) {
        web.route = route;
        EM_ASM({ Module.tbSetRoute(UTF8ToString($0)); }, route.c_str());
    }
    // The language menu or the palette switched the language.
    if (CurrentLanguage() != web.language) UseLanguage(web, CurrentLanguage());
    // Checking and applying run one frame after their progress text is drawn.
    using Stage = ImportDialog::Stage;
    if (ui.import.stage == Stage::Checking || ui.import.stage == Stage::Applying) web.RequestRedraw();
}

// Timed in two parts: the CPU work of the frame (font atlas rebuild, NewFrame → Render and
// what follows it) and handing the draw data to WebGL, which can wait for the GPU.
void RenderFrame(WebApp& web) {
    double start = emscripten_get_now();
    const std::string filter_before = web.ui.filter.applied_text;
    if (web.fonts_stale) LoadFonts(web, /*rebuild=*/true);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    web.pointer.Apply(ImGui::GetIO());
    ImGui::NewFrame();
    TheItemRegistry().BeginFrame();
    // A request changes what is drawn (and auto-sized windows settle a frame later).
    if (DrawMainWindow(*web.app, web.fonts, web.ui)) web.RequestRedraw();
    DrawComposition(web.text_input);
    RunPlatformRequests(web);
    ImGui::Render();
    ScanForNewGlyphs(web);
    FollowTextField(web.text_input, !web.pending_events.empty());
    UpdateLiveRegion(web.live_region, *web.app, web.ui);
    double built = emscripten_get_now();

    ImGuiIO& io = ImGui::GetIO();
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
               static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
    ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (web.ui.reports.snapshot_requested) {  // read while the frame is still in the drawing buffer
        web.ui.reports.snapshot_requested = false;
        const std::string name = "tackboard-reports-" + FormatIsoDate(web.app->Now()) + ".png";
        EM_ASM({ Module.tbSnapshot(UTF8ToString($0)); }, name.c_str());
    }

    const double end = emscripten_get_now();
    web.stats.Add(built - start, end - built);
    if (web.ui.filter.applied_text != filter_before) web.stats.filter_frame_at = end;
}

// Due dates, SLA risk and breaches, idle tickets: the time-triggered rules, once a minute.
void StepTimedRules(WebApp& web) {
    const double now = emscripten_get_now();
    if (now < web.next_timed_rules) return;
    web.next_timed_rules = now + WebApp::kTimedRulesEveryMs;
    if (auto fired = web.app->RunTimedRules(); !fired || fired.value() > 0) web.RequestRedraw();
}

// The bell and the browser's notifications follow the board and the clock while idle too,
// without drawing a frame unless the bell's count (or the open centre's list) changed. RefreshNotifications only
// compares numbers unless the board changed or a minute passed.
void StepNotifications(WebApp& web) {
    NotificationCentreState& state = web.ui.notifications;
    if (state.permission.empty()) state.permission = NotificationPermission();
    if (RefreshNotifications(*web.app, state, web.app->Now())) web.RequestRedraw();
    for (const BrowserNotice& notice : TakeBrowserNotices(*web.app, state))
        EM_ASM({ Module.tbNotify(UTF8ToString($0), UTF8ToString($1), UTF8ToString($2)); }, notice.title.c_str(),
               notice.body.c_str(), notice.tag.c_str());
}

// While a deleted board can still be brought back, its bar counts the seconds down.
void StepBoards(WebApp& web) {
    const double now = emscripten_get_now();
    if (now < web.next_boards_tick || UndoableDeletions(web.ui.boards.list, web.app->Now()).empty()) return;
    web.next_boards_tick = now + 1000;
    web.RequestRedraw(1);
}

void MainLoopStep(void* arg) {
    WebApp& web = *static_cast<WebApp*>(arg);
    FollowViewport(web);
    FeedEvents(web);
    StepSync(web);  // timers and answers run while nothing is drawn
    StepTimedRules(web);
    StepNotifications(web);
    StepBoards(web);
    if (web.redraw_frames <= 0) return;  // idle: nothing changed, nothing drawn
    --web.redraw_frames;
    RenderFrame(web);
    if (!web.ready_announced) {
        web.ready_announced = true;
        EM_ASM({ Module.tbReady(); });
    }
}

// The app's clock: the browser's, moved by SetClock (tests simulate hours passing).
Millis g_clock_offset = 0;
Millis NowMillis() { return static_cast<Millis>(emscripten_date_now()) + g_clock_offset; }

RandomBytes Entropy() {
    // std::random_device reads crypto.getRandomValues under Emscripten.
    static std::random_device device;
    RandomBytes bytes;
    for (auto& b : bytes) b = static_cast<std::uint8_t>(device());
    return bytes;
}

void DataChanged() {
    EM_ASM({ Module.tbDataChanged(); });
}

void Committed(const nlohmann::json& change) {
    std::string text = change.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    EM_ASM({ Module.tbCommitted(UTF8ToString($0)); }, text.c_str());
}

}  // namespace

WebApp* WebAppInstance() { return g_web_app; }

const std::string& DataDirectory() {
    static const std::string directory = [] {
        char root[256] = {};
        EM_ASM({ stringToUTF8(Module.tbDataRoot || '/data', $0, $1); }, root, sizeof root);
        return std::string(root) + "/tackboard";
    }();
    return directory;
}

// The shell's list of boards (Module.tbBoardList(), JSON), into the boards menu.
void ReadBoardList(WebApp& web) {
    const int size = EM_ASM_INT({
        Module.tbBoardListText = Module.tbBoardList ? Module.tbBoardList() : String();
        return lengthBytesUTF8(Module.tbBoardListText) + 1;
    });
    std::string text(static_cast<std::size_t>(size), '\0');
    EM_ASM({ stringToUTF8(Module.tbBoardListText, $0, $1); }, text.data(), size);
    text.resize(static_cast<std::size_t>(size - 1));
    if (text.empty()) return;  // a page without the list (not expected from our shell)
    auto json = nlohmann::json::parse(text, nullptr, false);
    auto list = BoardListFromJson(json);
    if (!list) {
        web.app->AddNotice("The list of boards could not be read: " + list.error().Describe());
        return;
    }
    web.ui.boards.list = std::move(list.value());
    web.ui.boards.known = true;
    web.RequestRedraw();
}

void OpenApp(WebApp& web, bool read_only) {
    AppEnvironment env{NowMillis, Entropy, DataChanged, Committed, read_only};
    web.app = std::make_unique<App>(DataDirectory(), std::move(env));
    web.glyphs_scanned_revision = WebApp::kNeverScanned;  // a new board: read all of it
    StartSync(web);  // only a writing tab syncs
    web.next_timed_rules = 0;
    web.RequestRedraw();
}

Millis SetClock(WebApp& web, Millis at) {
    g_clock_offset = at == 0 ? 0 : at - static_cast<Millis>(emscripten_date_now());
    web.next_timed_rules = 0;  // what is due at the new time runs now
    web.RequestRedraw();
    return NowMillis();
}

void UseLanguage(WebApp& web, Language language) {
    SetLanguage(language);
    web.language = language;
    NoteLanguageCjk(web);
    EM_ASM({ if (Module.tbLanguageChanged) Module.tbLanguageChanged(UTF8ToString($0)); }, LanguageCode(language));
    web.RequestRedraw();
}

}  // namespace tackboard

int main() {
    using namespace tackboard;
    static WebApp web;
    g_web_app = &web;

    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");  // fingers are read by touch_web.cpp
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        EM_ASM({ Module.tbFatal('Tackboard could not start', UTF8ToString($0)); }, SDL_GetError());
        return 1;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    int width = EM_ASM_INT({ return window.innerWidth; });
    int height = EM_ASM_INT({ return window.innerHeight; });
    web.window = SDL_CreateWindow("Tackboard", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, width, height,
                                  SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI);
    web.gl = web.window ? SDL_GL_CreateContext(web.window) : nullptr;
    if (!web.gl) {
        EM_ASM({ Module.tbFatal('Tackboard needs WebGL 2', UTF8ToString($0)); }, SDL_GetError());
        return 1;
    }
    SDL_GL_MakeCurrent(web.window, web.gl);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout is ours, not a file in the data folder
    io.ConfigInputTextCursorBlink = false;  // blinking would need frames while idle
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // The shell chose light or dark (the user's choice, else the system's) before loading us.
    UseTheme(EM_ASM_INT({ return Module.tbDarkTheme ? 1 : 0; }) != 0);
    ImGui_ImplSDL2_InitForOpenGL(web.window, web.gl);
    // The system clipboard through the browser (SDL's stays inside the page).
    io.SetClipboardTextFn = SetBrowserClipboard;
    io.GetClipboardTextFn = GetBrowserClipboard;
    ImGui_ImplOpenGL3_Init("#version 300 es");
    TheItemRegistry().Enable();
    SetLinkOpener([](const std::string& url) { EM_ASM({ window.open(UTF8ToString($0), '_blank', 'noopener'); }, url.c_str()); });

    // The shell chose the language (the user's choice, else the browser's), before the
    // fonts are built so its Chinese glyphs are in the first atlas.
    char language_code[16] = {};
    EM_ASM({ stringToUTF8(Module.tbLanguage || 'en', $0, $1); }, language_code, sizeof language_code);
    SetLanguage(ParseLanguage(language_code));
    web.language = CurrentLanguage();
    NoteLanguageCjk(web);

    web.pixel_ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
    LoadFonts(web, /*rebuild=*/false);

    // The shell decided, through Web Locks, whether this tab writes the board or follows
    // the tab that does.
    OpenApp(web, EM_ASM_INT({ return Module.tbRole === 'follower' ? 1 : 0; }) != 0);
    ReadBoardList(web);
    if (EM_ASM_INT({ return Module.tbRole === 'alone' ? 1 : 0; }))
        web.app->AddNotice(Tr("This browser cannot coordinate tabs (no Web Locks): open Tackboard in one tab only, "
                              "or changes made in one tab may overwrite the other's."));
    // Demo mode: the shell opened ?demo=1 on a throwaway storage location. An empty board
    // gets the sample tickets at once (no welcome), and the toolbar says nothing is kept.
    web.ui.demo_mode = EM_ASM_INT({ return Module.tbDemo ? 1 : 0; }) != 0;
    if (web.ui.demo_mode && !web.app->read_only() && web.app->board().tickets().empty())
        if (auto loaded = web.app->LoadDemo(); !loaded)
            web.app->AddNotice(Format(Tr("The demo board could not be loaded: %s"), AsSentence(loaded.error().message).c_str()));
    emscripten_set_main_loop_arg(MainLoopStep, &web, 0, true);
    return 0;
}
