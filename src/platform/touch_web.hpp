// touch_web.hpp — fingers on the canvas, turned into what ImGui understands.
//
// SDL 2.26 would turn a touch into mouse events at once (press where the finger lands),
// so every swipe would click or drag what is under it and nothing could scroll (ImGui
// 1.86 scrolls only with the wheel). Its synthesis is switched off (SDL_HINT_TOUCH_MOUSE_
// EVENTS = 0) and the first finger is read here instead:
//   tap                      → a click where the finger landed
//   swipe (moves ≥ kSlopPx before kLongPressMs)
//                            → scrolls the scrollable window under the finger along the
//                              swipe's main axis, following the finger; nothing is pressed
//   long press, then move    → press, drag (a card onto another column), release
// The pointer is moved far off the canvas after the finger lifts, so nothing stays hovered.
// A tap or long press that lands on a text field is told to the shell while it still runs
// its touchend handler (TakeTextFieldPress), so it can show a phone's keyboard.
// Not handled: second fingers (pinch, two-finger scroll: ignored), momentum after a swipe.
#pragma once

#include <SDL.h>
#include <imgui.h>

#include <deque>

namespace tackboard {

struct TouchGestures {
    static constexpr double kLongPressMs = 500;  // as iOS; Android uses 400–500
    static constexpr float kSlopPx = 10;  // CSS pixels a tap may wander

    enum class Phase { Idle, Undecided, Holding, Scrolling };
    Phase phase = Phase::Idle;
    SDL_FingerID finger = 0;
    ImVec2 start, at;  // where the finger landed and where it is (CSS pixels)
    double start_ms = 0;
    bool scroll_vertical = true;
    ImGuiID scroll_window = 0;  // 0: nothing to scroll there
    float start_scroll = 0;
    bool pressed = false;  // the gesture that ended last pressed at `start` (a tap or long press)
};

// Takes a finger event: appends the mouse events it means to `out` (given to ImGui in
// order with the rest), or scrolls. Returns false when `event` is not a touch event.
bool TranslateTouch(TouchGestures& touch, const SDL_Event& event, ImVec2 window_size, double now_ms,
                    std::deque<SDL_Event>& out);
// Once per main-loop step: a finger held still long enough presses. Returns true when
// it produced events.
bool StepTouch(TouchGestures& touch, double now_ms, std::deque<SDL_Event>& out);
// Whether the gesture that ended last pressed a text field drawn on top there in the last
// frame; asked once per gesture (it forgets the press).
bool TakeTextFieldPress(TouchGestures& touch);

}  // namespace tackboard
