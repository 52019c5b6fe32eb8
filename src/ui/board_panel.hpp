// board_panel.hpp — the kanban: one column per configured status, cards virtualised.
// Click a card to open it; Ctrl+click and Shift+click select several, which the bulk bar
// moves, assigns or labels at once and a drag moves together. A move over a column's WIP
// limit asks first (DrawWipConfirm).
#pragma once

#include <vector>

#include "core/board.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

void DrawBoardPanel(const Board& board, const Fonts& fonts, UiState& ui, std::vector<Request>& requests);
// The "Move anyway?" question for a move over a WIP limit (see ui.wip_confirm).
void DrawWipConfirm(UiState& ui, std::vector<Request>& requests);

// The Fork Awesome glyph for a ticket type (a generic ticket for user-defined types).
const char* TypeIcon(const std::string& type_id);

}  // namespace tackboard
