// text_input_web.cpp — the hidden DOM field for IME text (see text_input_web.hpp).
#include "platform/text_input_web.hpp"

#include <SDL.h>
#include <emscripten.h>
#include <imgui_internal.h>  // GImGui->PlatformImePos: where the active field's cursor is

#include <cstring>

#include "ui/theme.hpp"

namespace tackboard {

namespace {

// The cursor of the text field being edited this frame (line top-left), if one is.
bool ActiveFieldCursor(ImVec2& cursor) {
    if (!ImGui::GetIO().WantTextInput) return false;
    // InputText sets this while drawing its cursor; NewFrame resets it to (1, 1).
    ImVec2 pos = GImGui->PlatformImePos;
    if (pos.x == 1.0f && pos.y == 1.0f) return false;
    cursor = ImVec2(pos.x + 1.0f, pos.y);
    return true;
}

// Where a UTF-8 text may be cut at most `limit` bytes in (not inside a character).
std::size_t CutBefore(const std::string& text, std::size_t from, std::size_t limit) {
    std::size_t end = from + limit;
    if (end >= text.size()) return text.size();
    while (end > from && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return end;
}

}  // namespace

void TypeText(const std::string& text) {
    if (!ImGui::GetIO().WantTextInput) return;  // e.g. a composition the browser commits on blur
    // An SDL text event holds 31 bytes and a terminator.
    constexpr std::size_t kChunk = sizeof(SDL_TextInputEvent::text) - 1;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = CutBefore(text, at, kChunk);
        SDL_Event e{};
        e.type = SDL_TEXTINPUT;
        std::memcpy(e.text.text, text.data() + at, end - at);
        SDL_PushEvent(&e);
        at = end;
    }
}

void SetComposition(TextInputBridge& bridge, std::string text) { bridge.composition = std::move(text); }

void TypeKey(SDL_Scancode key, Uint16 mods) {
    if (!ImGui::GetIO().WantTextInput) return;
    for (Uint32 type : {SDL_KEYDOWN, SDL_KEYUP}) {
        SDL_Event e{};
        e.type = type;
        e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
        // Read by PollEvents for io.KeyCtrl/KeyShift: held while pressed, let go with the key.
        e.key.keysym.mod = type == SDL_KEYDOWN ? mods : KMOD_NONE;
        e.key.keysym.scancode = key;
        e.key.keysym.sym = SDL_GetKeyFromScancode(key);
        SDL_PushEvent(&e);
    }
}

void ExpectTextField(TextInputBridge& bridge) {
    // As if the shell had been told to focus it: a frame without an active field tells it
    // to let go (after tap_frames), one with it tells where the cursor is.
    bridge.field_active = true;
    bridge.cursor = ImVec2(-1, -1);
    bridge.tap_frames = 1;  // ImGui reports WantTextInput the frame after the click
}

void DrawComposition(const TextInputBridge& bridge) {
    ImVec2 cursor;
    if (bridge.composition.empty() || !ActiveFieldCursor(cursor)) return;
    const Theme& t = CurrentTheme();
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const char* text = bridge.composition.c_str();
    ImVec2 size = ImGui::CalcTextSize(text);
    ImVec2 max(cursor.x + size.x, cursor.y + size.y);
    draw->AddRectFilled(ImVec2(cursor.x - 1, cursor.y), ImVec2(max.x + 1, max.y), t.card_bg);
    draw->AddText(cursor, t.text, text);
    draw->AddLine(ImVec2(cursor.x, max.y - 1), ImVec2(max.x, max.y - 1), t.accent, 1.0f);
}

void FollowTextField(TextInputBridge& bridge, bool input_pending) {
    ImVec2 cursor(-1, -1);
    bool active = ActiveFieldCursor(cursor);
    if (active) {
        bridge.tap_frames = 0;
    } else if (bridge.tap_frames > 0) {
        if (!input_pending) --bridge.tap_frames;
        return;
    }
    if (active == bridge.field_active && cursor.x == bridge.cursor.x && cursor.y == bridge.cursor.y) return;
    bridge.field_active = active;
    bridge.cursor = cursor;
    if (!active) bridge.composition.clear();
    EM_ASM({ Module.tbTextField($0, $1, $2, $3); }, active ? 1 : 0, cursor.x, cursor.y, ImGui::GetFontSize());
}

}  // namespace tackboard
