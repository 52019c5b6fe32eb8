// board_panel.hpp — the kanban: one column per configured status, cards virtualised.
#pragma once

#include <vector>

#include "core/board.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

void DrawBoardPanel(const Board& board, const Fonts& fonts, UiState& ui, std::vector<Request>& requests);

// The Fork Awesome glyph for a ticket type (a generic ticket for user-defined types).
const char* TypeIcon(const std::string& type_id);

}  // namespace tackboard
