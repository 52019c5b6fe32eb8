// widgets.hpp — small drawing helpers shared by the panels.
#pragma once

#include <imgui.h>

#include <string>

namespace tackboard {

// A filled accent button (the one main action of a form or toolbar).
bool PrimaryButton(const char* label, ImVec2 size = ImVec2(0, 0));

// InputText over a std::string (grows as needed). `height` > 0 makes it multi-line.
// `cursor_to_end`, when set, puts the cursor after the text (no selection) the next
// time the field is edited, and is cleared.
bool InputString(const char* label, std::string& text, const char* hint = nullptr, float height = 0.0f,
                 ImGuiInputTextFlags flags = 0, bool* cursor_to_end = nullptr);

// ImGui::BeginCombo that also records the closed combo in the item registry (1.86 has
// no test-engine hook for combos). End with ImGui::EndCombo() when it returns true.
bool BeginRecordedCombo(const char* id, const char* preview);

// Core's messages start in lower case to read well after a path; shown alone they
// become a sentence.
std::string AsSentence(std::string message);

// Draws text clipped to `max_width`, ending with "…" when it does not fit.
void TextEllipsis(ImDrawList* draw, ImVec2 pos, ImU32 colour, const char* text, float max_width);

}  // namespace tackboard
