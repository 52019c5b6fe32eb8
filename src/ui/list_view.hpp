// list_view.hpp — the tickets as one sortable table, beside the board view (the top
// bar's "Board" / "List" toggle chooses). It shows what the board shows (live tickets,
// narrowed by the filter), sorted by a clicked header then newest created first; the
// order is cached per (board revision, filter, sort) and only visible rows are drawn,
// so 100k tickets cost what a screenful costs. Clicking a row opens the ticket's panel.
// Its state (sort, cached rows, scroll target) is ListViewState in ui_state.hpp.
#pragma once

#include <vector>

#include "core/board.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

void DrawListView(const Board& board, const Fonts& fonts, UiState& ui, std::vector<Request>& requests);

}  // namespace tackboard
