// new_ticket_dialog.hpp — the "New ticket" modal: type, title, priority, description.
#pragma once

#include <vector>

#include "core/board.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

void OpenNewTicketDialog(const Board& board, UiState& ui);
void DrawNewTicketDialog(const Board& board, const Fonts& fonts, UiState& ui, std::vector<Request>& requests);

// Called with the outcome of the CreateTicketRequest the dialog pushed.
void OnTicketCreated(UiState& ui, const std::string& new_id);
void OnTicketRefused(UiState& ui, const std::string& reason);

}  // namespace tackboard
