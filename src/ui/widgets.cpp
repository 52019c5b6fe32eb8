#include "ui/widgets.hpp"

#include <imgui_internal.h>

#include "ui/theme.hpp"

namespace tackboard {

bool PrimaryButton(const char* label, ImVec2 size) {
    const Theme& t = LightTheme();
    ImGui::PushStyleColor(ImGuiCol_Button, t.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(0, 82, 204, 255));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(7, 71, 166, 255));
    ImGui::PushStyleColor(ImGuiCol_Text, t.accent_text);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
    bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(4);
    return pressed;
}

void TextEllipsis(ImDrawList* draw, ImVec2 pos, ImU32 colour, const char* text, float max_width) {
    ImFont* font = ImGui::GetFont();
    float size = ImGui::GetFontSize();
    const char* end = text + strlen(text);
    if (font->CalcTextSizeA(size, FLT_MAX, 0.0f, text, end).x <= max_width) {
        draw->AddText(font, size, pos, colour, text, end);
        return;
    }
    const char* ellipsis = "\xe2\x80\xa6";
    float room = max_width - font->CalcTextSizeA(size, FLT_MAX, 0.0f, ellipsis).x;
    const char* cut = text;
    // Walk UTF-8 characters until the next one would not fit.
    while (cut < end) {
        unsigned int c;
        int len = ImTextCharFromUtf8(&c, cut, end);
        if (font->CalcTextSizeA(size, FLT_MAX, 0.0f, text, cut + len).x > room) break;
        cut += len;
    }
    draw->AddText(font, size, pos, colour, text, cut);
    float used = font->CalcTextSizeA(size, FLT_MAX, 0.0f, text, cut).x;
    draw->AddText(font, size, ImVec2(pos.x + used, pos.y), colour, ellipsis);
}

}  // namespace tackboard
