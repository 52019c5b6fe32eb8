// new_ticket_dialog.hpp — the "New ticket" modal: type, title, priority, description.
//
// While the title and description are typed it lists tickets like the one being written
// (core/similar.hpp): open or recent ones as possible duplicates, each with "Duplicate of
// this" (the new ticket is created closed and linked to it, one undo step), and resolved
// ones whose last public comment may already answer it, knowledge articles first. "Open"
// on either shows that ticket in the side panel and keeps the draft: the next "New ticket"
// brings it back.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "core/board.hpp"
#include "core/result.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

void OpenNewTicketDialog(const Board& board, UiState& ui);
void DrawNewTicketDialog(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests);

// Creates a ticket from `fields` linked as a duplicate of `original`, both in one batch
// change (one undo step); returns the new id.
Result<std::string> CreateAsDuplicate(App& app, const nlohmann::json& fields, const std::string& original);

// Called with the outcome of the CreateTicketRequest the dialog pushed.
void OnTicketCreated(UiState& ui, const std::string& new_id);
void OnTicketRefused(UiState& ui, const std::string& reason);

}  // namespace tackboard
