// board_panel.hpp — the kanban: one column per configured status, cards virtualised.
// Click a card to open it; Ctrl+click and Shift+click select several, which the bulk bar
// moves, assigns or labels at once and a drag moves together. A drag drops at a place: a
// line shows where, and the cards keep that order (ranks, core/rank.hpp). A move over a
// column's WIP limit asks first (DrawWipConfirm).
//
// Swimlanes (the "Swimlanes:" choice above the board) split it into horizontal lanes by
// assignee, priority, type or label, each lane's cells virtualised like the columns; a
// card with several labels is in each of their lanes. A drop into another lane sets that
// field; between label lanes it swaps the label of the lane the card came from.
// Not handled: j/k move through a column's whole order, not lane by lane.
#pragma once

#include <vector>

#include "core/board.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

void DrawBoardPanel(const Board& board, const Fonts& fonts, UiState& ui, std::vector<Request>& requests);
// The "Move anyway?" question for a move over a WIP limit (see ui.wip_confirm).
void DrawWipConfirm(UiState& ui, std::vector<Request>& requests);

// The Fork Awesome glyph for a ticket type: the icon chosen in its settings; else the
// built-in types' own, and a generic ticket for the others.
const char* TypeIcon(const BoardConfig& config, const std::string& type_id);

}  // namespace tackboard
