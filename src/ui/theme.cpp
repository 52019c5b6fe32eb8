#include "ui/theme.hpp"

namespace tackboard {

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
        return t;
    }();
    return theme;
}

void ApplyImGuiStyle(const Theme& theme) {
    ImGui::StyleColorsLight();
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
    ImVec4* c = s.Colors;
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(theme.page_bg);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(theme.text);
    c[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(theme.text_muted);
    c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_Border] = ImGui::ColorConvertU32ToFloat4(theme.card_border);
    c[ImGuiCol_Button] = ImVec4(0.90f, 0.91f, 0.94f, 1);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.85f, 0.87f, 0.91f, 1);
    c[ImGuiCol_ButtonActive] = ImVec4(0.80f, 0.83f, 0.88f, 1);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.05f, 0.10f, 0.20f, 0.35f);
    s.FrameBorderSize = 1.0f;
}

}  // namespace tackboard
