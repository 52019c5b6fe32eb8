// ticket_panel.hpp — the side panel of one ticket (opened by clicking its card): status,
// priority and assignee, the type's fields, description, comments (public or internal),
// reopen with a reason, delete, and the full history.
// Not yet: editing title/description in place, markdown rendering (md4c), links.
#pragma once

#include <vector>

#include "core/board.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

inline constexpr float kTicketPanelWidth = 430.0f;

void DrawTicketPanel(const Board& board, const Fonts& fonts, UiState& ui, std::vector<Request>& requests);

}  // namespace tackboard
