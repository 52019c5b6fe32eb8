// web_app.hpp — the state of the running web app, shared by the main loop and the JS bridge.
//
// One instance, created by main() and reached by the JS bridge through WebAppInstance():
// Emscripten's exported C functions have no user-data pointer, so this is the single
// deliberate global of the web build.
#pragma once

#include <SDL.h>

#include <deque>
#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <set>
#include <vector>

#include "app/app.hpp"
#include "platform/accessibility_web.hpp"
#include "platform/text_input_web.hpp"
#include "platform/touch_web.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

// Per drawn frame: `cpu` ms building it (font atlas rebuild, NewFrame → Render), `gl` ms
// submitting it to WebGL (apart: it can include waits for the GPU, long under SwiftShader).
struct FrameStats {
    long long frames_rendered = 0;
    double last_cpu_ms = 0;
    double total_cpu_ms = 0;
    double max_cpu_ms = 0;
    double total_gl_ms = 0;
    double max_gl_ms = 0;
    // performance.now() when the latest frame that applied a new filter text was handed
    // to WebGL (benchmarks: typing a filter -> the filtered board submitted).
    double filter_frame_at = 0;
    // CPU ms of the latest frames (a ring of kRecent, oldest overwritten), for percentiles.
    static constexpr std::size_t kRecent = 2048;
    std::vector<double> recent_cpu_ms;
    void Add(double cpu_ms, double gl_ms) {
        frames_rendered++;
        total_gl_ms += gl_ms;
        max_gl_ms = std::max(max_gl_ms, gl_ms);
        last_cpu_ms = cpu_ms;
        total_cpu_ms += cpu_ms;
        if (cpu_ms > max_cpu_ms) max_cpu_ms = cpu_ms;
        if (recent_cpu_ms.size() < kRecent) recent_cpu_ms.push_back(cpu_ms);
        else recent_cpu_ms[static_cast<std::size_t>(frames_rendered - 1) % kRecent] = cpu_ms;
    }
    // The latest `count` frames' CPU ms, oldest first (fewer when fewer were drawn).
    std::vector<double> Recent(std::size_t count) const {
        count = std::min({count, recent_cpu_ms.size(), kRecent});
        std::vector<double> out;
        for (long long f = frames_rendered - static_cast<long long>(count); f < frames_rendered; ++f)
            out.push_back(recent_cpu_ms[static_cast<std::size_t>(f) % kRecent]);
        return out;
    }
};

// The pointer as the events fed so far this frame left it. The SDL backend of ImGui 1.86
// reads position and buttons from SDL_GetMouseState(), which already includes events held
// back for later frames (see FeedEvents), so a click could land where the pointer went
// next. This state replaces what the backend read.
struct PointerState {
    bool known = false;
    float x = 0, y = 0;
    bool down[3] = {false, false, false};
    bool pressed[3] = {false, false, false};  // went down since the last frame (a click shorter than a frame)

    void Feed(const SDL_Event& e) {
        if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_LEAVE) {
            known = false;  // off the canvas: the backend's "no pointer" stands
        } else if (e.type == SDL_MOUSEMOTION) {
            known = true;
            x = static_cast<float>(e.motion.x);
            y = static_cast<float>(e.motion.y);
        } else if (e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_MOUSEBUTTONUP) {
            known = true;
            x = static_cast<float>(e.button.x);
            y = static_cast<float>(e.button.y);
            int i = e.button.button == SDL_BUTTON_LEFT ? 0 : e.button.button == SDL_BUTTON_RIGHT ? 1
                    : e.button.button == SDL_BUTTON_MIDDLE                                   ? 2
                                                                                             : -1;
            if (i < 0) return;
            down[i] = e.type == SDL_MOUSEBUTTONDOWN;
            if (down[i]) pressed[i] = true;
        }
    }
    void Apply(ImGuiIO& io) {
        if (!known) return;
        io.MousePos = ImVec2(x, y);
        for (int i = 0; i < 3; ++i) {
            io.MouseDown[i] = down[i] || pressed[i];
            pressed[i] = false;
        }
    }
};

struct WebSync;  // platform/sync_web.hpp

struct WebApp {
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    std::unique_ptr<App> app;
    UiState ui;
    Fonts fonts;
    FrameStats stats;
    float pixel_ratio = 1.0f;  // the ratio the font atlas was built for
    int redraw_frames = 0;     // frames still to render; 0 means idle
    // When (emscripten_get_now) the next pass of time-triggered rules is due: every
    // minute, and at once after the clock was moved (0).
    double next_timed_rules = 0;
    double next_boards_tick = 0;  // performance.now() of the next redraw of the boards undo bar
    static constexpr double kTimedRulesEveryMs = 60'000;
    bool ready_announced = false;
    // What the URL's hash says (RouteOf), kept in step with the UI. Starts as the route of
    // a fresh UI, so nothing is written over a deep link before the shell has applied it.
    std::string route = "{}";
    // A linked ticket this tab does not have yet (it follows another tab, which may not
    // have saved it): opened once it arrives; the URL is left alone until then.
    std::string pending_ticket;
    std::deque<SDL_Event> pending_events;  // input not yet given to ImGui (see FeedEvents)
    std::string clipboard;  // the text of the last paste event, until Ctrl+V uses it (see GetBrowserClipboard)
    PointerState pointer;
    std::shared_ptr<WebSync> sync;  // the sync engine of a writing tab (sync_web.hpp)
    TouchGestures touch;      // fingers turned into clicks, drags and scrolling (touch_web.hpp)
    TextInputBridge text_input;  // the hidden DOM field for IME text (text_input_web.hpp)
    LiveRegion live_region;   // what screen readers are told about the selection (accessibility_web.hpp)
    // Chinese characters present on the board: only these are rasterised (a full CJK
    // atlas is far too large). `glyph_ranges` must outlive the font atlas that uses it.
    std::set<ImWchar> cjk_present;
    std::vector<ImWchar> cjk_ranges;
    static constexpr std::uint64_t kNeverScanned = ~0ull;  // set again whenever the App is (re)opened
    std::uint64_t glyphs_scanned_revision = kNeverScanned;
    bool fonts_stale = false;
    // The UI language the shell was last told (it remembers the choice in localStorage).
    Language language = Language::English;

    // Ask for a few frames: ImGui settles popups and focus over more than one frame.
    void RequestRedraw(int frames = 3) {
        if (redraw_frames < frames) redraw_frames = frames;
    }
};

WebApp* WebAppInstance();

// Where this page's board is stored: "<root>/tackboard", the root being the IndexedDB
// mount the shell chose (Module.tbDataRoot: "/data" for the first board, another per
// board, "/demo" for the throwaway demo). Read once, when first asked.
const std::string& DataDirectory();

// The part of the UI a link can restore, as JSON {view, ticket, q, lanes}: the shell writes
// it into the URL's hash, so a reload or a shared link opens the same view, ticket and lanes.
inline std::string RouteOf(const UiState& ui) {
    nlohmann::json route = nlohmann::json::object();
    if (std::string view = ViewKey(ui); view != "board") route["view"] = view;
    if (!ui.panel.id.empty()) route["ticket"] = ui.panel.id;
    if (ui.filter.active) route["q"] = ui.filter.applied_text;
    if (ui.board.swimlanes != Swimlanes::None) route["lanes"] = SwimlanesKey(ui.board.swimlanes);
    return route.dump();
}

// The characters drawn from the Chinese font (CJK punctuation, ideographs, full-width forms).
inline bool IsCjk(unsigned int c) {
    return (c >= 0x3000 && c <= 0x303F) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF00 && c <= 0xFF6F);
}
// (Re)creates the App over the data folder, e.g. when a following tab takes over writing.
void OpenApp(WebApp& web, bool read_only);
// Takes the shell's list of boards again (Module.tbBoardList()), after it changed.
void ReadBoardList(WebApp& web);

// Takes SDL's queued input into web.pending_events (fingers read by touch_web.hpp). The
// main loop does it each step; the bridge does it inside a touchend handler, to know then
// what the gesture was.
void PollEvents(WebApp& web);

// Switches the UI language: its Chinese glyphs are rasterised, the shell remembers it.
void UseLanguage(WebApp& web, Language language);
// Sets the app's clock to `at` (ms), from where it runs on; 0: the browser's clock again.
// For tests that need hours to pass (SLA targets). Returns the app's time now.
Millis SetClock(WebApp& web, Millis at);

}  // namespace tackboard
