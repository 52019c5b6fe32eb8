// query_help.cpp — the query language's help popup (query_help.hpp).
#include "ui/query_help.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <string>

#include "ui/i18n.hpp"
#include "ui/item_registry.hpp"
#include "ui/query_examples.hpp"

namespace tackboard {

namespace {

constexpr const char* kPopupId = "##query-help-popup";
constexpr const char* kButtonLabel = "?##filter-help";
constexpr float kMaxWidth = 700.0f;
constexpr float kMargin = 8.0f;        // kept between the popup and the screen's edges
constexpr float kTableMinWidth = 480;  // narrower (a phone): each meaning goes under its query

// The language in brief: what docs/query-language.md says at length.
constexpr const char* kSummary[] = {
    TrNoop("Words find the tickets that mention them all; \"quoted phrases\" must appear exactly."),
    TrNoop("Fields narrow the search as field:value: status, assignee, prio, type, label, requester, sprint, due, created, updated, is, has, sort."),
    TrNoop("Dates: an amount (12h, 3d, 2w) or a day (YYYY-MM-DD), maybe with <, >, <= or >= in front."),
    TrNoop("OR matches either side, a minus excludes a term, parentheses group."),
};

std::string ExampleLabel(const QueryExample& example, std::size_t n) {
    return std::string(example.query) + "##query-example-" + std::to_string(n);
}

// One example's query, accent-coloured, the whole row clickable. True when clicked.
bool ExampleRow(const QueryExample& example, std::size_t n, ImGuiSelectableFlags flags) {
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().accent);
    bool clicked = ImGui::Selectable(ExampleLabel(example, n).c_str(), false, flags);
    ImGui::PopStyleColor();
    return clicked;
}

void Meaning(const QueryExample& example) {
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().text_muted);
    ImGui::TextWrapped("%s", Tr(example.meaning));
    ImGui::PopStyleColor();
}

// The examples; returns the one clicked, or nullptr.
const QueryExample* DrawExamples(bool as_table) {
    const QueryExample* chosen = nullptr;
    std::size_t n = 0;
    if (!as_table) {  // stacked: a query, its meaning indented under it
        for (const QueryExample& example : QueryExamples()) {
            if (ExampleRow(example, n++, 0)) chosen = &example;
            ImGui::Indent();
            Meaning(example);
            ImGui::Unindent();
        }
        return chosen;
    }
    if (!ImGui::BeginTable("##query-examples", 2, ImGuiTableFlags_RowBg)) return nullptr;
    float query_width = 0;
    for (const QueryExample& example : QueryExamples())
        query_width = std::max(query_width, ImGui::CalcTextSize(example.query).x);
    ImGui::TableSetupColumn("query", ImGuiTableColumnFlags_WidthFixed, query_width + 8);
    ImGui::TableSetupColumn("meaning", ImGuiTableColumnFlags_WidthStretch);
    for (const QueryExample& example : QueryExamples()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (ExampleRow(example, n++, ImGuiSelectableFlags_SpanAllColumns)) chosen = &example;
        ImGui::TableNextColumn();
        Meaning(example);
    }
    ImGui::EndTable();
    return chosen;
}

}  // namespace

float QueryHelpButtonWidth() {
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::CalcTextSize("?").x + style.FramePadding.x * 2 + style.ItemSpacing.x;
}

void DrawQueryHelp(const Fonts& fonts, BoardFilter& filter) {
    if (ImGui::Button(kButtonLabel)) filter.help_requested = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Query language help"));
    const ImVec2 button_max = ImGui::GetItemRectMax();
    if (filter.help_requested) ImGui::OpenPopup(kPopupId);
    filter.help_requested = false;
    if (!ImGui::IsPopupOpen(kPopupId)) return;

    // Under the button, its right edge at the button's, inside the screen.
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float width = std::min(kMaxWidth, viewport->Size.x - 2 * kMargin);
    const float x = std::clamp(button_max.x - width, viewport->Pos.x + kMargin,
                               viewport->Pos.x + viewport->Size.x - kMargin - width);
    const float y = button_max.y + 4;
    ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
    const float max_height = std::max(120.0f, viewport->Pos.y + viewport->Size.y - kMargin - y);
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, max_height));
    if (!ImGui::BeginPopup(kPopupId, ImGuiWindowFlags_NoSavedSettings)) return;
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(Tr("Filter with the query language"));
    ImGui::PopFont();
    TheItemRegistry().RecordLastItem("Filter with the query language##query-help-heading");
    for (const char* line : kSummary) ImGui::TextWrapped("%s", Tr(line));
    ImGui::Spacing();
    ImGui::TextUnformatted(Tr("Click an example to use it:"));
    const QueryExample* chosen = DrawExamples(width >= kTableMinWidth);
    ImGui::Spacing();
    bool close = ImGui::Button(TrLabel("Close##query-help"));
    if (const int esc = ImGui::GetKeyIndex(ImGuiKey_Escape); ImGui::IsKeyPressed(esc, false)) {
        close = true;
        // Seen as held from here on: the board's shortcuts, drawn after, must not also take
        // this Esc (closing the ticket panel) once the popup is gone.
        ImGui::GetIO().KeysDownDuration[esc] = FLT_MIN;
    }
    if (chosen) filter.text = chosen->query;  // the filter bar runs it on its next frame
    if (chosen || close) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace tackboard
