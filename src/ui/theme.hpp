// theme.hpp — colours, fonts and metrics shared by every panel.
#pragma once

#include <imgui.h>

namespace tackboard {

struct Fonts {
    ImFont* body = nullptr;      // Inter Regular + icons
    ImFont* strong = nullptr;    // Inter SemiBold + icons (card titles, headers)
    ImFont* heading = nullptr;   // Inter SemiBold, larger (app title)
};

struct Theme {
    ImU32 page_bg, column_bg, card_bg, card_border, card_hover, text, text_muted, accent, accent_text, danger, ok,
        warning_bg, warning_text;
    float column_min_width = 190.0f;
    float column_gap = 12.0f;
    float card_height = 92.0f;  // two title lines and the meta line
    float card_gap = 8.0f;
};

const Theme& LightTheme();
void ApplyImGuiStyle(const Theme& theme);

}  // namespace tackboard
