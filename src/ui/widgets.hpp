// widgets.hpp — small drawing helpers shared by the panels.
#pragma once

#include <imgui.h>

namespace tackboard {

// A filled accent button (the one main action of a form or toolbar).
bool PrimaryButton(const char* label, ImVec2 size = ImVec2(0, 0));

// Draws text clipped to `max_width`, ending with "…" when it does not fit.
void TextEllipsis(ImDrawList* draw, ImVec2 pos, ImU32 colour, const char* text, float max_width);

}  // namespace tackboard
