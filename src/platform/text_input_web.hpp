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
//   - A phone's keyboard: browsers show it only for a focus given inside a tap's handler,
//     not a frame later. The shell's touchend handler asks the app (tb_api "touchEnded")
//     whether the tap pressed a text field (touch_web.hpp TakeTextFieldPress) and focuses
//     the hidden field at once; ExpectTextField() then gives the field a few frames to
//     take the keyboard before the shell is told to let go again.
//   - On-screen keyboards that send keyCode 229 for their edit keys say what the key
//     does in the hidden field's beforeinput event; the shell cancels the edit and
//     presses the matching keys in the ImGui field (TypeKey): deleteContentBackward and
//     deleteContentForward as Backspace and Delete, deleteWordBackward/Forward as
//     Ctrl+Backspace/Delete, deleteSoftLineBackward and deleteHardLineBackward as
//     Shift+Home then Backspace, insertLineBreak and insertParagraph as Enter. Text they
//     insert arrives as before (input events).
// Not handled: the caret and clause selection inside a composition (it is drawn whole,
// underlined, over the text after the cursor until committed); a keyboard's own undo
// (historyUndo) and autocorrect replacing a word already typed (insertReplacementText:
// the hidden field is emptied after each insertion, so it holds no word to replace);
// moving the text cursor with a phone keyboard's cursor keys or space-bar swipe (the
// hidden field is empty, so there is nothing to move over).
#pragma once

#include <string>

#include <SDL.h>
#include <imgui.h>

namespace tackboard {

struct TextInputBridge {
    std::string composition;  // being composed, not yet typed; empty when none
    // What the shell was last told, so it is told only about changes.
    bool field_active = false;
    ImVec2 cursor{-1, -1};
    // Frames, once the input still queued is fed, that a field the shell focused for a tap
    // has to take the keyboard before the shell is told it is not needed.
    int tap_frames = 0;
};

// Committed text from the shell: typed into the active ImGui field, in order with the keys
// (queued as SDL text events). Dropped when no field has the keyboard.
void TypeText(const std::string& text);
void SetComposition(TextInputBridge& bridge, std::string text);
// A key an on-screen keyboard sent to the hidden field as an edit rather than a keypress
// (Backspace, Delete, Home, Enter, with `mods` such as KMOD_LCTRL): pressed and released
// in the active ImGui field, in order with the keys; the modifiers are held for the press
// only. Dropped when no field has the keyboard.
void TypeKey(SDL_Scancode key, Uint16 mods = KMOD_NONE);
// The shell focused the hidden field for a tap on a text field, before ImGui saw the tap.
void ExpectTextField(TextInputBridge& bridge);

// Between NewFrame and Render: the composition, drawn over the field at its text cursor.
void DrawComposition(const TextInputBridge& bridge);
// After Render: tells the shell whether a text field has the keyboard and where its
// cursor is (page CSS pixels of the canvas), when that changed. `input_pending`: events
// are still waiting for ImGui (a tap that will activate the field may be among them).
void FollowTextField(TextInputBridge& bridge, bool input_pending);

}  // namespace tackboard
