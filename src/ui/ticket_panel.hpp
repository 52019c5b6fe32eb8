// ticket_panel.hpp — the side panel of one ticket (opened by clicking its card): status,
// priority and assignee, the type's fields, description, comments (public or internal),
// reopen with a reason, delete, and the full history. The pencil button opens the editor:
// title, description, assignee, requester, labels, due date and the type's fields, saved
// together as one update (refused saves name what is wrong, e.g. a required field).
// Links to other tickets, with search, are its own section (ticket_links.hpp).
// A "Canned answer" combo above the comment box inserts a canned response
// (core/canned.hpp) into the comment.
#pragma once

#include <vector>

#include "app/app.hpp"
#include "core/board.hpp"
#include "core/canned.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

inline constexpr float kTicketPanelWidth = 430.0f;
// Below this width (a phone) the open ticket's panel is shown alone, full width.
inline constexpr float kNarrowScreen = 900.0f;

void DrawTicketPanel(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests,
                     float width = kTicketPanelWidth);
// Opens the editor of the ticket shown in the panel (the pencil button; 'e' later).
void OpenTicketEditor(const Board& board, UiState& ui);
// Appends a canned response, expanded for the open ticket in the UI's language, to the
// panel's comment (after a blank line when it has text); the "Canned answer" combo and the
// palette both call it. Does nothing when no ticket is open.
void InsertCannedResponse(const Board& board, UiState& ui, const CannedResponse& response);

}  // namespace tackboard
