#include "ui/theme.hpp"

namespace tackboard {

namespace {
const Theme* g_current = nullptr;  // null: light
}

const Theme& LightTheme() {
    static const Theme theme = [] {
        Theme t;
        t.page_bg = IM_COL32(244, 245, 247, 255);
        t.column_bg = IM_COL32(232, 234, 239, 255);
        t.card_bg = IM_COL32(255, 255, 255, 255);
        t.card_border = IM_COL32(214, 218, 226, 255);
        t.card_hover = IM_COL32(247, 249, 253, 255);
        t.text = IM_COL32(23, 43, 77, 255);
        t.text_muted = IM_COL32(94, 108, 132, 255);
        t.accent = IM_COL32(0, 101, 255, 255);
        t.accent_text = IM_COL32(255, 255, 255, 255);
        t.danger = IM_COL32(208, 40, 40, 255);
        t.ok = IM_COL32(30, 130, 76, 255);
        t.warning_bg = IM_COL32(255, 243, 205, 255);
        t.warning_text = IM_COL32(151, 90, 0, 255);
        t.accent_hover = IM_COL32(0, 82, 204, 255);
        t.accent_active = IM_COL32(7, 71, 166, 255);
        t.field_bg = IM_COL32(255, 255, 255, 255);
        t.button = IM_COL32(230, 232, 240, 255);
        t.button_hover = IM_COL32(217, 222, 232, 255);
        t.button_active = IM_COL32(204, 212, 224, 255);
        t.modal_dim = IM_COL32(13, 26, 51, 89);
        t.code_bg = IM_COL32(9, 30, 66, 18);
        t.quote_bar = IM_COL32(200, 206, 216, 255);
        return t;
    }();
    return theme;
}

// Slate greys, lighter for what sits on top (page < column < card). Body text is 11:1 on
// cards and muted text 5.8:1; accent, danger and ok are lightened to stay above 4.5:1 on
// every surface, and the primary button carries dark text (white on the light blue
// would be 2.7:1).
const Theme& DarkTheme() {
    static const Theme theme = [] {
        Theme t;
        t.dark = true;
        t.page_bg = IM_COL32(22, 26, 33, 255);
        t.column_bg = IM_COL32(30, 35, 43, 255);
        t.card_bg = IM_COL32(38, 44, 54, 255);
        t.card_border = IM_COL32(58, 66, 80, 255);
        t.card_hover = IM_COL32(46, 53, 65, 255);
        t.text = IM_COL32(222, 228, 237, 255);
        t.text_muted = IM_COL32(156, 167, 184, 255);
        t.accent = IM_COL32(87, 157, 255, 255);
        t.accent_text = IM_COL32(22, 26, 33, 255);
        t.danger = IM_COL32(248, 113, 104, 255);
        t.ok = IM_COL32(75, 206, 151, 255);
        t.warning_bg = IM_COL32(64, 50, 10, 255);
        t.warning_text = IM_COL32(245, 205, 71, 255);
        t.accent_hover = IM_COL32(133, 184, 255, 255);
        t.accent_active = IM_COL32(176, 208, 255, 255);
        t.field_bg = IM_COL32(27, 31, 39, 255);
        t.button = IM_COL32(50, 58, 71, 255);
        t.button_hover = IM_COL32(61, 70, 86, 255);
        t.button_active = IM_COL32(73, 84, 102, 255);
        t.modal_dim = IM_COL32(0, 0, 0, 140);
        t.code_bg = IM_COL32(255, 255, 255, 20);
        t.quote_bar = IM_COL32(72, 82, 99, 255);
        return t;
    }();
    return theme;
}

const Theme& CurrentTheme() { return g_current ? *g_current : LightTheme(); }

void UseTheme(bool dark) {
    g_current = dark ? &DarkTheme() : &LightTheme();
    ApplyImGuiStyle(*g_current);
}

void ApplyImGuiStyle(const Theme& theme) {
    if (theme.dark) ImGui::StyleColorsDark();
    else ImGui::StyleColorsLight();
    ImGuiStyle& s = ImGui::GetStyle();
    s.WindowRounding = 8.0f;
    s.ChildRounding = 8.0f;
    s.FrameRounding = 6.0f;
    s.PopupRounding = 8.0f;
    s.GrabRounding = 6.0f;
    s.ScrollbarRounding = 6.0f;
    s.WindowPadding = ImVec2(16, 14);
    s.FramePadding = ImVec2(10, 7);
    s.ItemSpacing = ImVec2(10, 8);
    s.WindowBorderSize = 0.0f;
    s.PopupBorderSize = 1.0f;
    s.ScrollbarSize = 12.0f;
    s.FrameBorderSize = 1.0f;
    auto colour = [](ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); };
    ImVec4* c = s.Colors;
    c[ImGuiCol_WindowBg] = colour(theme.page_bg);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = colour(theme.card_bg);
    c[ImGuiCol_Text] = colour(theme.text);
    c[ImGuiCol_TextDisabled] = colour(theme.text_muted);
    c[ImGuiCol_FrameBg] = colour(theme.field_bg);
    c[ImGuiCol_Border] = colour(theme.card_border);
    c[ImGuiCol_Button] = colour(theme.button);
    c[ImGuiCol_ButtonHovered] = colour(theme.button_hover);
    c[ImGuiCol_ButtonActive] = colour(theme.button_active);
    c[ImGuiCol_ModalWindowDimBg] = colour(theme.modal_dim);
}

}  // namespace tackboard
