// list_view.cpp — the list view (see list_view.hpp).
//
// [SECTION] Columns and sort keys
// [SECTION] Row order: the board's rows for the filter, sorted, cached
// [SECTION] Drawing
#include "ui/list_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <numeric>
#include <string>

#include "core/dates.hpp"
#include "core/text_fold.hpp"
#include "ui/board_panel.hpp"
#include "ui/i18n.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/sprints_view.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

// [SECTION] Columns and sort keys ----------------------------------------------------

enum ListColumn { kId, kTitle, kType, kStatus, kPriority, kAssignee, kRequester, kDue, kUpdated, kColumnCount };

struct ColumnSpec {
    const char* name;  // header text (in English: Tr() it), and its label in the item registry
    ImGuiTableColumnFlags flags;
    float size;  // fixed columns: width in pixels; stretched ones: their share of what is left
};

// Ids, priorities and dates keep their width; text columns share the rest, the title most,
// so a list narrowed by the ticket panel still shows titles.
constexpr ImGuiTableColumnFlags kFixed = ImGuiTableColumnFlags_WidthFixed;
constexpr ImGuiTableColumnFlags kStretch = ImGuiTableColumnFlags_WidthStretch;
constexpr ColumnSpec kColumns[kColumnCount] = {
    {TrNoop("Id"), kFixed, 70},
    {TrNoop("Title"), kStretch, 3.0f},
    {TrNoop("Type"), kStretch, 1.3f},
    {TrNoop("Status"), kStretch, 1.0f},
    {TrNoop("Priority"), kFixed, 90},
    {TrNoop("Assignee"), kStretch, 1.0f},
    {TrNoop("Requester"), kStretch, 1.0f},
    {TrNoop("Due"), kFixed, 90},
    // Most recently touched first until another header is clicked.
    {TrNoop("Updated"), kFixed | ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending, 90},
};

// One row's value in the sorted column: a number (ranks, dates) or folded text.
struct SortKey {
    std::int64_t number = 0;
    std::string text;
    bool empty = false;  // no value: listed last whatever the direction
};

SortKey KeyOf(const Board& board, const Ticket& t, int column) {
    const BoardConfig& config = board.config();
    SortKey key;
    switch (column) {
        case kId: key.text = t.id; break;  // ULIDs: creation order
        case kTitle: key.text = FoldText(t.title); break;
        case kType: {
            const TicketTypeDef* type = config.FindType(t.type);
            key.text = FoldText(type ? TrName(type->name) : t.type);
            break;
        }
        case kStatus: {  // workflow (column) order, not by name
            key.number = static_cast<std::int64_t>(config.statuses.size());
            for (std::size_t i = 0; i < config.statuses.size(); ++i)
                if (config.statuses[i].id == t.status) key.number = static_cast<std::int64_t>(i);
            break;
        }
        case kPriority:  // rank: most urgent first when ascending
            key.number = config.PriorityRank(t.priority);
            key.empty = key.number < 0;
            break;
        case kAssignee: key.text = FoldText(t.assignee); key.empty = t.assignee.empty(); break;
        case kRequester: key.text = FoldText(t.requester); key.empty = t.requester.empty(); break;
        case kDue: key.number = t.due; key.empty = t.due == 0; break;
        case kUpdated: key.number = t.updated; break;
        default: break;
    }
    return key;
}

// <0, 0, >0 like strcmp, before the direction is applied.
int Compare(const SortKey& a, const SortKey& b) {
    if (a.number != b.number) return a.number < b.number ? -1 : 1;
    return a.text.compare(b.text);
}

// [SECTION] Row order --------------------------------------------------------------------

// The rows the board shows for the current filter, status by status: the same tickets.
std::vector<std::size_t> BoardRows(const Board& board, const BoardFilter& filter) {
    std::vector<std::size_t> rows;
    for (const auto& status : board.config().statuses) {
        const auto& column = StatusRows(board, filter, status.id);
        rows.insert(rows.end(), column.begin(), column.end());
    }
    return rows;
}

// Stable: by the sorted column, then newest created first, then the board's order.
std::vector<std::size_t> SortedRows(const Board& board, std::vector<std::size_t> rows, int column, bool ascending) {
    if (column < 0 || column >= kColumnCount) return rows;
    const auto& tickets = board.tickets();
    std::vector<SortKey> keys;
    keys.reserve(rows.size());
    for (std::size_t row : rows) keys.push_back(KeyOf(board, tickets[row], column));
    std::vector<std::size_t> order(rows.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const SortKey& ka = keys[a];
        const SortKey& kb = keys[b];
        if (ka.empty != kb.empty) return kb.empty;
        if (!ka.empty) {
            int c = Compare(ka, kb);
            if (c != 0) return ascending ? c < 0 : c > 0;
        }
        return tickets[rows[a]].created > tickets[rows[b]].created;
    });
    std::vector<std::size_t> sorted;
    sorted.reserve(rows.size());
    for (std::size_t i : order) sorted.push_back(rows[i]);
    return sorted;
}

// Recomputes the rows only when the board, the filter or the sort changed. The filter
// bar (drawn before the views every frame) keeps `applied_revision` at the App's revision.
void RefreshRows(const Board& board, const BoardFilter& filter, ListViewState& list) {
    if (list.rows_revision == filter.applied_revision && list.rows_filter == filter.applied_text &&
        list.rows_sort_column == list.sort_column && list.rows_ascending == list.ascending)
        return;
    list.rows = SortedRows(board, BoardRows(board, filter), list.sort_column, list.ascending);
    list.rows_revision = filter.applied_revision;
    list.rows_filter = filter.applied_text;
    list.rows_sort_column = list.sort_column;
    list.rows_ascending = list.ascending;
}

// [SECTION] Drawing ----------------------------------------------------------------------

Millis NowMillis() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Text in a table cell, cut with "…" at the column's edge; `indent` leaves room for a mark.
void CellText(ImU32 colour, const std::string& text, float indent = 0.0f) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    TextEllipsis(ImGui::GetWindowDrawList(), ImVec2(pos.x + indent, pos.y), colour, text.c_str(), width - indent);
    ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight()));
}

void DrawHeaders(const Fonts& fonts) {
    ImGui::PushFont(fonts.strong);
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < kColumnCount; ++c) {
        if (!ImGui::TableSetColumnIndex(c)) continue;
        ImGui::TableHeader(TrLabel(kColumns[c].name));
        TheItemRegistry().RecordLastItem(kColumns[c].name);  // 1.86 has no test-engine hook for headers
    }
    ImGui::PopFont();
}

void DrawRow(const Board& board, const Ticket& t, Millis now, UiState& ui) {
    const Theme& theme = CurrentTheme();
    const BoardConfig& config = board.config();

    // The id cell holds the row's Selectable, spanning every column: the click target.
    ImGui::TableSetColumnIndex(kId);
    ImGui::PushStyleColor(ImGuiCol_Text, theme.text_muted);
    bool clicked = ImGui::Selectable((ShortId(t.id) + "##row-" + t.id).c_str(), ui.selected_ticket == t.id,
                                     ImGuiSelectableFlags_SpanAllColumns);
    ImGui::PopStyleColor();
    TheItemRegistry().RecordLastItem("row " + t.title);
    if (clicked) OpenTicket(ui, t.id);
    if (ImGui::BeginPopupContextItem()) {  // right-click on a row
        if (ImGui::Selectable(TrLabel("Add to sprint…##row-menu"))) OpenAddToSprint(ui, {t.id});
        ImGui::EndPopup();
    }

    ImGui::TableSetColumnIndex(kTitle);
    CellText(theme.text, t.title);

    ImGui::TableSetColumnIndex(kType);
    const TicketTypeDef* type = config.FindType(t.type);
    CellText(theme.text, std::string(TypeIcon(config, t.type)) + " " + (type ? TrName(type->name) : t.type.c_str()));

    ImGui::TableSetColumnIndex(kStatus);
    const StatusDef* status = config.FindStatus(t.status);
    CellText(theme.text, status ? TrName(status->name) : t.status);

    ImGui::TableSetColumnIndex(kPriority);
    const PriorityDef* priority = config.FindPriority(t.priority);
    ImVec2 dot = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(dot.x + 5, dot.y + ImGui::GetTextLineHeight() / 2), 4.5f,
                                                priority ? priority->colour : theme.card_border);
    CellText(theme.text, priority ? TrName(priority->name) : t.priority, 16.0f);

    ImGui::TableSetColumnIndex(kAssignee);
    CellText(t.assignee.empty() ? theme.text_muted : theme.text, t.assignee.empty() ? "—" : t.assignee);
    ImGui::TableSetColumnIndex(kRequester);
    CellText(t.requester.empty() ? theme.text_muted : theme.text, t.requester.empty() ? "—" : t.requester);

    ImGui::TableSetColumnIndex(kDue);
    if (t.due != 0) {
        bool done = status && status->category == StatusCategory::Done;
        bool overdue = t.due < now && !done;  // as the query's is:overdue
        CellText(overdue ? theme.danger : theme.text, FormatDate(t.due));
    }
    ImGui::TableSetColumnIndex(kUpdated);
    CellText(theme.text_muted, FormatDate(t.updated));
}

}  // namespace

// Rows only select and open tickets for now: nothing is pushed to `requests`.
void DrawListView(const Board& board, const Fonts& fonts, UiState& ui, std::vector<Request>& /*requests*/) {
    const Theme& theme = CurrentTheme();
    ListViewState& list = ui.list;
    // Shown again after the board view: bring the selected ticket into view.
    const int frame = ImGui::GetFrameCount();
    if (list.drawn_frame != frame - 1 && !ui.selected_ticket.empty()) list.scroll_to = ui.selected_ticket;
    list.drawn_frame = frame;

    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                       ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV |
                                       ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_PadOuterX;
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(8, 6));
    if (!ImGui::BeginTable("ticket-list", kColumnCount, kFlags, ImVec2(0, 0))) {
        ImGui::PopStyleVar();
        return;
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    // Date columns as wide as the language's longest date ("28 sept. 2026", "2026年12月28日").
    const float date_width = std::max(ImGui::CalcTextSize(FormatDate(DaysFromCivil(2026, 9, 28) * kMillisPerDay).c_str()).x,
                                      ImGui::CalcTextSize(FormatDate(DaysFromCivil(2026, 12, 28) * kMillisPerDay).c_str()).x);
    for (int c = 0; c < kColumnCount; ++c) {
        float size = c == kDue || c == kUpdated ? std::max(kColumns[c].size, date_width + 4) : kColumns[c].size;
        ImGui::TableSetupColumn(TrLabel(kColumns[c].name), kColumns[c].flags, size, static_cast<ImGuiID>(c));
    }

    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        list.sort_column = specs->SpecsCount > 0 ? static_cast<int>(specs->Specs[0].ColumnUserID) : -1;
        list.ascending = specs->SpecsCount == 0 || specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
        specs->SpecsDirty = false;
    }
    RefreshRows(board, ui.filter, list);
    DrawHeaders(fonts);

    if (list.rows.empty()) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(kTitle);
        CellText(theme.text_muted, ui.filter.active ? Tr("No tickets match the filter") : Tr("No tickets"));
    }
    int scroll_index = -1;
    if (!list.scroll_to.empty()) {
        const auto& tickets = board.tickets();
        auto found = std::find_if(list.rows.begin(), list.rows.end(),
                                  [&](std::size_t row) { return tickets[row].id == list.scroll_to; });
        if (found != list.rows.end()) scroll_index = static_cast<int>(found - list.rows.begin());
        list.scroll_to.clear();
    }

    // Only the visible rows are drawn (and recorded): 100k rows cost what a screenful costs.
    const Millis now = NowMillis();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(list.rows.size()));
    if (scroll_index >= 0) clipper.ForceDisplayRangeByIndices(scroll_index, scroll_index + 1);
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            ImGui::TableNextRow();
            DrawRow(board, board.tickets()[list.rows[i]], now, ui);
            if (i == scroll_index) ImGui::SetScrollHereY(0.5f);
        }
    clipper.End();
    ImGui::EndTable();
    ImGui::PopStyleVar();
}

}  // namespace tackboard
