// touch_web.cpp — taps, swipes and long-press drags (see touch_web.hpp).
#include "platform/touch_web.hpp"

#include <imgui_internal.h>  // windows and their scrolling, to scroll what the finger is on

#include <cmath>

#include "ui/item_registry.hpp"  // where the text fields were drawn

namespace tackboard {

namespace {

SDL_Event MouseEvent(Uint32 type, ImVec2 at) {
    SDL_Event e{};
    e.type = type;
    if (type == SDL_MOUSEMOTION) {
        e.motion.which = SDL_TOUCH_MOUSEID;
        e.motion.x = static_cast<int>(at.x);
        e.motion.y = static_cast<int>(at.y);
    } else {
        e.button.which = SDL_TOUCH_MOUSEID;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.button.clicks = 1;
        e.button.x = static_cast<int>(at.x);
        e.button.y = static_cast<int>(at.y);
    }
    return e;
}

// Off the canvas: after the finger lifts nothing is left hovered (a touch screen has no
// resting pointer). A motion, so FeedEvents gives it to ImGui a frame after the release.
const ImVec2 kNowhere(-100000.0f, -100000.0f);

// The window drawn on top at `p` in the last frame (ImGui's own FindHoveredWindow reads
// io.MousePos, which is where the finger was a frame ago or not at all).
ImGuiWindow* WindowAt(ImVec2 p) {
    ImGuiContext& g = *GImGui;
    for (int i = g.Windows.Size - 1; i >= 0; --i) {
        ImGuiWindow* window = g.Windows[i];
        if (!window->Active || window->Hidden || (window->Flags & ImGuiWindowFlags_NoMouseInputs)) continue;
        if (window->OuterRectClipped.Contains(p)) return window;
    }
    return nullptr;
}

// The window a mouse wheel over `window` would scroll along that axis (as ImGui's
// UpdateMouseWheel picks it), or null when none can.
ImGuiWindow* ScrollTarget(ImGuiWindow* window, bool vertical) {
    auto scroll_max = [vertical](const ImGuiWindow* w) { return vertical ? w->ScrollMax.y : w->ScrollMax.x; };
    while (window && (window->Flags & ImGuiWindowFlags_ChildWindow) &&
           (scroll_max(window) == 0.0f || (window->Flags & ImGuiWindowFlags_NoScrollWithMouse)))
        window = window->ParentWindow;
    if (!window || scroll_max(window) == 0.0f || (window->Flags & ImGuiWindowFlags_NoScrollWithMouse)) return nullptr;
    return window;
}

void StartScrolling(TouchGestures& touch) {
    touch.phase = TouchGestures::Phase::Scrolling;
    ImVec2 moved(touch.at.x - touch.start.x, touch.at.y - touch.start.y);
    touch.scroll_vertical = std::fabs(moved.y) >= std::fabs(moved.x);
    ImGuiWindow* target = ScrollTarget(WindowAt(touch.start), touch.scroll_vertical);
    touch.scroll_window = target ? target->ID : 0;
    if (target) touch.start_scroll = touch.scroll_vertical ? target->Scroll.y : target->Scroll.x;
}

// The content follows the finger: scrolled by how far it travelled since the swipe began
// (ImGui clamps the target to the window's range when it applies it next frame).
void FollowFinger(const TouchGestures& touch) {
    ImGuiWindow* window = touch.scroll_window ? ImGui::FindWindowByID(touch.scroll_window) : nullptr;
    if (!window) return;
    if (touch.scroll_vertical) ImGui::SetScrollY(window, touch.start_scroll - (touch.at.y - touch.start.y));
    else ImGui::SetScrollX(window, touch.start_scroll - (touch.at.x - touch.start.x));
}

}  // namespace

bool TranslateTouch(TouchGestures& touch, const SDL_Event& event, ImVec2 window_size, double now_ms,
                    std::deque<SDL_Event>& out) {
    if (event.type != SDL_FINGERDOWN && event.type != SDL_FINGERMOTION && event.type != SDL_FINGERUP) return false;
    using Phase = TouchGestures::Phase;
    ImVec2 at(event.tfinger.x * window_size.x, event.tfinger.y * window_size.y);
    if (event.type == SDL_FINGERDOWN) {
        if (touch.phase != Phase::Idle) return true;  // a second finger: not ours
        touch = TouchGestures{};
        touch.phase = Phase::Undecided;
        touch.finger = event.tfinger.fingerId;
        touch.start = touch.at = at;
        touch.start_ms = now_ms;
        out.push_back(MouseEvent(SDL_MOUSEMOTION, at));  // hover first, as a mouse would
        return true;
    }
    if (touch.phase == Phase::Idle || event.tfinger.fingerId != touch.finger) return true;
    touch.at = at;
    if (event.type == SDL_FINGERMOTION) {
        if (touch.phase == Phase::Undecided &&
            std::hypot(at.x - touch.start.x, at.y - touch.start.y) >= TouchGestures::kSlopPx)
            StartScrolling(touch);
        if (touch.phase == Phase::Scrolling) FollowFinger(touch);
        if (touch.phase == Phase::Holding) out.push_back(MouseEvent(SDL_MOUSEMOTION, at));
        return true;
    }
    // The finger lifted.
    if (touch.phase == Phase::Undecided) {  // a tap: a click where it landed
        out.push_back(MouseEvent(SDL_MOUSEBUTTONDOWN, touch.start));
        out.push_back(MouseEvent(SDL_MOUSEBUTTONUP, touch.start));
    } else if (touch.phase == Phase::Holding) {
        out.push_back(MouseEvent(SDL_MOUSEBUTTONUP, at));
    }
    touch.pressed = touch.phase == Phase::Undecided || touch.phase == Phase::Holding;
    out.push_back(MouseEvent(SDL_MOUSEMOTION, kNowhere));
    touch.phase = Phase::Idle;
    return true;
}

bool StepTouch(TouchGestures& touch, double now_ms, std::deque<SDL_Event>& out) {
    if (touch.phase != TouchGestures::Phase::Undecided || now_ms - touch.start_ms < TouchGestures::kLongPressMs)
        return false;
    touch.phase = TouchGestures::Phase::Holding;
    out.push_back(MouseEvent(SDL_MOUSEBUTTONDOWN, touch.start));
    if (touch.at.x != touch.start.x || touch.at.y != touch.start.y) out.push_back(MouseEvent(SDL_MOUSEMOTION, touch.at));
    return true;
}

bool TakeTextFieldPress(TouchGestures& touch) {
    if (!touch.pressed) return false;
    touch.pressed = false;
    ImGuiWindow* window = WindowAt(touch.start);
    if (!window) return false;
    // Behind a modal, fields take no clicks.
    ImGuiWindow* modal = ImGui::GetTopMostPopupModal();
    if (modal && !ImGui::IsWindowChildOf(window->RootWindow, modal, true)) return false;
    return TheItemRegistry().TextFieldAt(touch.start.x, touch.start.y, window->RootWindow->ID);
}

}  // namespace tackboard
