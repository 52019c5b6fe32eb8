// boards_menu.hpp — several boards in one browser: the top bar's board button and its
// menu (switch, new, rename, delete, export, import a board), the name and delete
// dialogs, and the "deleted — Undo" bar while a deleted board can still be brought back.
//
// The list of boards and the storage of each are the page shell's (tackboard-shell.js):
// what the user asks is checked here (BoardAction, board_list.hpp) and handed over in
// UiState::boards.action; switching, creating and deleting the open board reload the page.
#pragma once

#include "app/app.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

// The current board's name as the button shows it: "My board" (translated) for the
// first board, which has no stored name; "Demo board" on the demo page.
std::string BoardDisplayName(const UiState::BoardsMenu& boards, const BoardEntry& board);

// The button with the open board's name, and its menu.
void DrawBoardsButton(const App& app, UiState& ui);
// The name and delete dialogs and the undo bar, drawn once per frame after the rest.
void DrawBoardsDialogs(const App& app, UiState& ui);

// Checks an action (BoardAction) and queues it for the shell; false with
// ui.boards.message set when refused. Shared by the menu and the JS API.
bool RequestBoardAction(UiState& ui, std::string_view action, std::string_view id, std::string_view name, Millis now);

}  // namespace tackboard
