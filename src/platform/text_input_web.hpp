// text_input_web.hpp — text that arrives without a keypress: input methods (Chinese
// pinyin, Japanese, Korean…), dead keys, on-screen keyboards. The shell's hidden DOM
// field (#text-input in shell/index.html) receives it.
//
// How the pieces fit:
//   - Keys still reach ImGui through SDL's listeners on `window` (keydown, keypress), as
//     before: SDL cancels each keypress, so a Latin letter never lands in the hidden field
//     as well, and is typed once.
//   - While an ImGui text field has the keyboard, FollowTextField() asks the shell to focus
//     the hidden field at the text cursor, so the system's candidate window opens there.
//   - Keys that belong to a composition (keyCode 229, isComposing) stop at the hidden field
//     and never reach SDL; the composition is drawn underlined at the cursor
//     (DrawComposition), and its result is typed into the ImGui field (TypeText).
// Not handled: the caret and clause selection inside a composition (it is drawn whole,
// underlined, over the text after the cursor until committed);
// Backspace and similar keys of on-screen keyboards that send only keyCode 229;
// showing a phone's keyboard (browsers show it only for a focus inside a tap handler).
#pragma once

#include <string>

#include <imgui.h>

namespace tackboard {

struct TextInputBridge {
    std::string composition;  // being composed, not yet typed; empty when none
    // What the shell was last told, so it is told only about changes.
    bool field_active = false;
    ImVec2 cursor{-1, -1};
};

// Committed text from the shell: typed into the active ImGui field, in order with the keys
// (queued as SDL text events). Dropped when no field has the keyboard.
void TypeText(const std::string& text);
void SetComposition(TextInputBridge& bridge, std::string text);

// Between NewFrame and Render: the composition, drawn over the field at its text cursor.
void DrawComposition(const TextInputBridge& bridge);
// After Render: tells the shell whether a text field has the keyboard and where its
// cursor is (page CSS pixels of the canvas), when that changed.
void FollowTextField(TextInputBridge& bridge);

}  // namespace tackboard
