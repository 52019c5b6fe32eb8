#include "ui/filter_bar.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharToUtf8

#include <algorithm>

#include "core/query_complete.hpp"
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/query_help.hpp"
#include "ui/suggest_field.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

// Runs the query again when the text or the board changed since the last run.
void Refresh(const App& app, BoardFilter& filter) {
    if (filter.applied_text == filter.text && filter.applied_revision == app.revision()) return;
    filter.applied_text = filter.text;
    filter.applied_revision = app.revision();
    filter.columns.clear();
    filter.error.clear();
    filter.active = false;
    filter.matches = 0;
    if (filter.text.find_first_not_of(" \t") == std::string::npos) return;
    auto rows = app.Query(filter.text);
    if (!rows) {
        filter.error = rows.error().message;
        return;
    }
    filter.active = true;
    filter.matches = rows.value().size();
    // Columns keep the board's own order (newest first), whatever the query's sort.
    std::vector<bool> visible(app.board().tickets().size(), false);
    for (std::size_t row : rows.value()) visible[row] = true;
    for (const auto& status : app.board().config().statuses) {
        auto& kept = filter.columns[status.id];
        for (std::size_t row : app.board().Column(status.id))
            if (visible[row]) kept.push_back(row);
    }
}

// Autocomplete: field names, then the values the board knows (core/query_complete.hpp).
SuggestCallbacks QuerySuggestions(const BoardConfig& config) {
    return {[&config](const std::string& text, int cursor) {
                QueryCompletion completion = CompleteQueryAt(text, static_cast<std::size_t>(cursor), config);
                SuggestList list;
                list.anchor = completion.from;
                for (const QuerySuggestion& s : completion.suggestions) list.rows.push_back({s.insert, s.detail});
                return list;
            },
            [&config](const std::string& text, int cursor, int row) {
                QueryCompletion completion = CompleteQueryAt(text, static_cast<std::size_t>(cursor), config);
                CompletedQuery done = ApplySuggestion(text, completion, static_cast<std::size_t>(row));
                return SuggestEdit{done.text, static_cast<int>(done.cursor)};
            }};
}

}  // namespace

void DrawFilterBar(const App& app, const Fonts& fonts, UiState& ui) {
    const Theme& t = CurrentTheme();
    BoardFilter& filter = ui.filter;
    // "/" typed while no text field has focus: the character, not the key, so it works
    // on every keyboard layout (it is Shift+7 on a Swedish one). What is typed after it,
    // before the field has the keyboard a frame or two later, goes into the filter too.
    ImGuiIO& io = ImGui::GetIO();
    bool elsewhere = io.WantTextInput && !filter.input_active;
    if (!elsewhere && !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId) && !filter.input_active) {
        for (ImWchar c : io.InputQueueCharacters) {
            if (!filter.capturing && c == '/') {
                filter.capturing = true;
                filter.focus_requested = true;
                filter.cursor_to_end = true;
            } else if (filter.capturing) {
                char utf8[5] = {};
                ImTextCharToUtf8(utf8, c);
                filter.text += utf8;
            }
        }
        if (filter.capturing) io.InputQueueCharacters.resize(0);  // taken: not typed twice
    }

    ImGui::PushStyleColor(ImGuiCol_Text, t.text_muted);
    ImGui::TextUnformatted(icons::kSearch);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    float summary_width = 190.0f;
    ImGui::SetNextItemWidth(std::max(200.0f, ImGui::GetContentRegionAvail().x - summary_width - QueryHelpButtonWidth()));
    if (filter.focus_requested) {
        filter.suggest.focus = true;
        filter.focus_requested = false;
    }
    if (filter.cursor_to_end) {  // what "/" captured stays, unselected, the cursor after it
        filter.suggest.place_cursor = INT_MAX;
        filter.cursor_to_end = false;
    }
    SuggestField("filter", Tr("Filter: status:open assignee:me prio:>=high \"words\"   ( / )"), filter.text,
                 filter.suggest, QuerySuggestions(app.board().config()));
    filter.input_active = filter.suggest.active;
    if (filter.input_active) filter.capturing = false;
    Refresh(app, filter);
    ImGui::SameLine();
    DrawQueryHelp(fonts, filter);

    ImGui::SameLine();
    if (!filter.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, t.danger);
        ImGui::TextUnformatted(icons::kWarning);
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem("filter-error");
    } else if (filter.active) {
        std::size_t live = 0;
        for (const auto& s : app.board().config().statuses) live += app.board().Column(s.id).size();
        std::string summary = Format(TrCount(live, "%s of %s ticket", "%s of %s tickets"),
                                     FormatNumber(filter.matches).c_str(), FormatNumber(live).c_str());
        ImGui::PushStyleColor(ImGuiCol_Text, t.text_muted);
        ImGui::TextUnformatted(summary.c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem(summary + "##filter-summary");
        ImGui::SameLine();
        if (ImGui::SmallButton(TrLabel("Clear##filter"))) filter.text.clear();
    }
    if (!filter.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, t.danger);
        ImGui::TextUnformatted(filter.error.c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem(filter.error + "##filter-message");
    }
}

}  // namespace tackboard
