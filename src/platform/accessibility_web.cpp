// accessibility_web.cpp — the ARIA live region that describes the selection (see
// accessibility_web.hpp).
#include "platform/accessibility_web.hpp"

#include <emscripten.h>

#include <vector>

#include "app/app.hpp"
#include "ui/i18n.hpp"
#include "ui/locale_format.hpp"
#include "ui/ui_state.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

// 1-based position of `id` among `rows` (positions in board.tickets()), 0 when absent.
std::size_t PositionOf(const Board& board, const std::vector<std::size_t>& rows, const std::string& id) {
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (board.tickets()[rows[i]].id == id) return i + 1;
    return 0;
}

}  // namespace

std::string DescribeSelection(const App& app, const UiState& ui) {
    const Board& board = app.board();
    const Ticket* t = board.Find(ui.selected_ticket);
    if (!t || t->deleted) return {};
    const StatusDef* status = board.config().FindStatus(t->status);
    const PriorityDef* priority = board.config().FindPriority(t->priority);
    std::string status_name = status ? Tr(status->name.c_str()) : t->status;
    std::string priority_name = priority ? Tr(priority->name.c_str()) : t->priority;
    std::string assignee = t->assignee.empty() ? std::string(Tr("unassigned"))
                                               : Format(Tr("assigned to %s"), t->assignee.c_str());
    std::string text = Format(ui.panel.id == t->id ? Tr("Open ticket: %s.") : Tr("Selected ticket: %s."), t->title.c_str()) +
                       " " + Format(Tr("Status %s, priority %s, %s."), status_name.c_str(), priority_name.c_str(),
                                    assignee.c_str());
    // Where it is: the column's position on the board, the row's in the list.
    const auto& rows = ui.list_mode ? ui.list.rows : StatusRows(board, ui.filter, t->status);
    if (std::size_t at = PositionOf(board, rows, t->id)) {
        std::string position = FormatNumber(static_cast<long long>(at));
        std::string count = FormatNumber(static_cast<long long>(rows.size()));
        text += " " + (ui.list_mode ? Format(Tr("Row %s of %s in the list."), position.c_str(), count.c_str())
                                    : Format(Tr("Column %s, card %s of %s."), status_name.c_str(), position.c_str(),
                                             count.c_str()));
    }
    return text;
}

void UpdateLiveRegion(LiveRegion& region, const App& app, const UiState& ui) {
    // The ticket's fields, its place, the open panel and the words change only with these.
    std::string key = ui.selected_ticket + (ui.panel.id == ui.selected_ticket ? "\1open" : "") + "\1" +
                      LanguageCode(CurrentLanguage());
    if (ui.list_mode) key += "\2sort" + std::to_string(ui.list.rows_sort_column) + (ui.list.rows_ascending ? "+" : "-");
    std::string filter = ui.filter.active ? ui.filter.applied_text : std::string();
    if (key == region.ticket && app.revision() == region.revision && filter == region.filter &&
        ui.list_mode == region.list_mode)
        return;
    region.ticket = std::move(key);
    region.revision = app.revision();
    region.filter = std::move(filter);
    region.list_mode = ui.list_mode;
    std::string text = DescribeSelection(app, ui);
    if (text == region.text) return;
    region.text = std::move(text);
    EM_ASM({ Module.tbAnnounce(UTF8ToString($0)); }, region.text.c_str());
}

}  // namespace tackboard
