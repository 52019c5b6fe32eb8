// suggest_field.cpp — a text field with suggestions (see suggest_field.hpp).
//
// Dear ImGui 1.86 has no autocomplete widget; this follows its own advice (issue #718):
// the list is a separate window that never takes focus, and the keys that would make the
// field give up the keyboard (Enter) or revert its text (Esc) are read here first and
// hidden from it while the list shows. A taken row is written into the field from its
// callback, the only place ImGui lets an active field's text change.
#include "ui/suggest_field.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // BringWindowToDisplayFront, ImGuiSelectableFlags_SelectOnClick

#include <algorithm>
#include <cfloat>

#include "ui/theme.hpp"

namespace tackboard {

namespace {

constexpr int kVisibleRows = 8;

struct FieldData {
    std::string* text;
    SuggestFieldState* state;
};

int FieldCallback(ImGuiInputTextCallbackData* data) {
    auto* field = static_cast<FieldData*>(data->UserData);
    SuggestFieldState& s = *field->state;
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        field->text->resize(static_cast<std::size_t>(data->BufTextLen));
        data->Buf = field->text->data();
        return 0;
    }
    if (data->EventFlag != ImGuiInputTextFlags_CallbackAlways) return 0;  // Tab, Up, Down: read as keys
    if (s.has_pending) {
        data->DeleteChars(0, data->BufTextLen);
        data->InsertChars(0, s.pending.text.c_str());
        s.place_cursor = s.pending.cursor;
        s.has_pending = false;
    }
    if (s.place_cursor >= 0) {  // also undoes the select-all of a field focused from code
        data->CursorPos = data->SelectionStart = data->SelectionEnd = std::min(s.place_cursor, data->BufTextLen);
        s.place_cursor = -1;
    }
    s.cursor = data->CursorPos;
    return 0;
}

bool Pressed(ImGuiKey key, bool repeat = false) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), repeat); }

// Hides this frame's press of `key` from the widgets drawn after: they see it as held.
void Swallow(ImGuiKey key, int nav_input = -1) {
    ImGuiIO& io = ImGui::GetIO();
    int index = ImGui::GetKeyIndex(key);
    if (index >= 0 && io.KeysDownDuration[index] == 0.0f) io.KeysDownDuration[index] = FLT_MIN;
    if (nav_input >= 0 && io.NavInputsDownDuration[nav_input] == 0.0f) io.NavInputsDownDuration[nav_input] = FLT_MIN;
}

// The keys of an open list; returns the row taken (-1: none).
int ListKeys(SuggestFieldState& state, const std::string& text, int count, bool& scroll) {
    if (Pressed(ImGuiKey_DownArrow, true)) {
        state.highlighted = (state.highlighted + 1) % count;
        scroll = true;
    }
    if (Pressed(ImGuiKey_UpArrow, true)) {
        state.highlighted = (state.highlighted + count - 1) % count;
        scroll = true;
    }
    if (Pressed(ImGuiKey_Tab) || Pressed(ImGuiKey_Enter) || Pressed(ImGuiKey_KeyPadEnter)) {
        Swallow(ImGuiKey_Enter, ImGuiNavInput_Input);
        Swallow(ImGuiKey_KeyPadEnter);
        return state.highlighted;
    }
    if (Pressed(ImGuiKey_Escape)) {
        Swallow(ImGuiKey_Escape, ImGuiNavInput_Cancel);
        state.dismissed = true;
        state.dismissed_for = text;
    }
    return -1;
}

// The list under the field, starting below the anchored word; returns the row clicked.
int DrawList(const char* id, const std::string& text, const SuggestList& list, int highlighted, bool scroll,
             ImVec2 field_min, ImVec2 field_max) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6, 6));  // a compact list
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 4));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    const ImGuiStyle& style = ImGui::GetStyle();
    const Theme& theme = CurrentTheme();
    float width = 220.0f;
    for (const SuggestRow& row : list.rows) {
        float detail = row.detail.empty() ? 0.0f : ImGui::CalcTextSize(row.detail.c_str()).x + 24.0f;
        width = std::max(width, ImGui::CalcTextSize(row.text.c_str()).x + detail + 2 * style.WindowPadding.x + 16.0f);
    }
    width = std::min(width, std::max(220.0f, field_max.x - field_min.x));
    float x = field_min.x + style.FramePadding.x +
              ImGui::CalcTextSize(text.c_str(), text.c_str() + std::min(list.anchor, text.size())).x - style.WindowPadding.x;
    x = std::clamp(x, field_min.x, std::max(field_min.x, ImGui::GetMainViewport()->Size.x - width - 4.0f));
    int shown = std::min(static_cast<int>(list.rows.size()), kVisibleRows);
    float height = shown * ImGui::GetTextLineHeightWithSpacing() - style.ItemSpacing.y + 2 * style.WindowPadding.y;
    ImGui::SetNextWindowPos(ImVec2(x, field_max.y + 2.0f));
    ImGui::SetNextWindowSize(ImVec2(width, height));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetColorU32(ImGuiCol_PopupBg));
    const std::string window = std::string("##suggest-") + id;
    ImGui::Begin(window.c_str(), nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    int clicked = -1;
    for (int i = 0; i < static_cast<int>(list.rows.size()); ++i) {
        const SuggestRow& row = list.rows[i];
        std::string label = row.text + "##" + id + "-row-" + std::to_string(i);
        if (ImGui::Selectable(label.c_str(), i == highlighted, ImGuiSelectableFlags_SelectOnClick)) clicked = i;
        if (!row.detail.empty()) {
            ImVec2 size = ImGui::CalcTextSize(row.detail.c_str());
            ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
            ImGui::GetWindowDrawList()->AddText(ImVec2(max.x - size.x - style.FramePadding.x, min.y + (max.y - min.y - size.y) * 0.5f),
                                                theme.text_muted, row.detail.c_str());
        }
        if (scroll && i == highlighted) ImGui::SetScrollHereY();
    }
    ImGui::End();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
    return clicked;
}

}  // namespace

bool SuggestField(const char* id, const char* hint, std::string& text, SuggestFieldState& state,
                  const SuggestCallbacks& callbacks) {
    if (state.dismissed && text != state.dismissed_for) state.dismissed = false;
    bool changed = false;
    bool scroll = false;
    if (state.active && !state.dismissed) {
        SuggestList list = callbacks.list(text, state.cursor);
        int count = static_cast<int>(list.rows.size());
        state.highlighted = std::clamp(state.highlighted, 0, std::max(count - 1, 0));
        int taken = count > 0 ? ListKeys(state, text, count, scroll) : -1;
        if (taken >= 0) {
            state.pending = callbacks.take(text, state.cursor, taken);
            state.has_pending = true;
            state.highlighted = 0;
        }
    }
    if (state.focus) {
        ImGui::SetKeyboardFocusHere();
        state.focus = false;
        if (state.place_cursor < 0) state.place_cursor = INT_MAX;
    }
    FieldData data{&text, &state};
    ImGuiInputTextFlags flags = ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_CallbackAlways |
                                ImGuiInputTextFlags_CallbackHistory | ImGuiInputTextFlags_CallbackCompletion;
    std::string label = std::string("##") + id;
    changed |= ImGui::InputTextWithHint(label.c_str(), hint ? hint : "", text.data(), text.capacity() + 1, flags,
                                        FieldCallback, &data);
    const ImVec2 field_min = ImGui::GetItemRectMin(), field_max = ImGui::GetItemRectMax();
    const bool was_active = state.active;
    state.active = ImGui::IsItemActive();
    // Drawn while the field has the keyboard, and in the frame a click on the list takes it away.
    if (!was_active || state.dismissed) return changed;
    state.cursor = std::min(state.cursor, static_cast<int>(text.size()));
    SuggestList list = callbacks.list(text, state.cursor);
    if (list.rows.empty()) return changed;
    state.highlighted = std::clamp(state.highlighted, 0, static_cast<int>(list.rows.size()) - 1);
    int clicked = DrawList(id, text, list, state.highlighted, scroll, field_min, field_max);
    if (clicked >= 0) {
        SuggestEdit edit = callbacks.take(text, state.cursor, clicked);
        text = edit.text;
        state.focus = true;
        state.place_cursor = edit.cursor;
        state.highlighted = 0;
        changed = true;
    }
    return changed;
}

}  // namespace tackboard
