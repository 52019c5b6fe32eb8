// theme.hpp — colours, fonts and metrics shared by every panel.
//
// Two palettes, light and dark; the platform layer picks one (UseTheme) from the
// system's preference or the user's choice, and every panel reads CurrentTheme() each
// frame, so a switch shows on the next frame.
#pragma once

#include <imgui.h>

namespace tackboard {

struct Fonts {
    ImFont* body = nullptr;      // Inter Regular + icons
    ImFont* strong = nullptr;    // Inter SemiBold + icons (card titles, headers)
    ImFont* heading = nullptr;   // Inter SemiBold, larger (app title)
};

struct Theme {
    bool dark = false;  // which of ImGui's stock styles the overrides start from
    ImU32 page_bg, column_bg, card_bg, card_border, card_hover, text, text_muted, accent, accent_text, danger, ok,
        warning_bg, warning_text;
    ImU32 accent_hover, accent_active;          // the primary button under the mouse, pressed
    ImU32 field_bg, button, button_hover, button_active, modal_dim;
    ImU32 code_bg, quote_bar;                   // markdown: code spans and blocks, the bar left of a quote
    float column_min_width = 190.0f;
    float column_gap = 12.0f;
    float card_height = 92.0f;  // two title lines and the meta line
    float card_gap = 8.0f;
};

const Theme& LightTheme();
const Theme& DarkTheme();

// The theme in use (light until UseTheme says otherwise).
const Theme& CurrentTheme();
// Switches the theme and re-applies the ImGui style to match.
void UseTheme(bool dark);

// ImGui's stock light or dark style with the project's metrics and colours over it.
void ApplyImGuiStyle(const Theme& theme);

}  // namespace tackboard
