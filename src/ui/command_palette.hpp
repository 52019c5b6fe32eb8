// command_palette.hpp — the command palette (Ctrl+K, or Cmd+K on a Mac) and the sheet of
// keyboard shortcuts ('?').
//
// The palette is a modal with a text field and the commands whose names contain what is
// typed (each word, ignoring case and accents): every toolbar, bulk-bar and panel action
// by name, the board's saved views, and "Go to ticket" rows for the tickets the typed
// text finds (the query language, at most 8). Up/Down choose, Enter or a click runs, Esc
// closes. Commands that cannot run now are hidden (Board view while on the board) or
// drawn disabled (Undo with nothing to undo, New ticket in a read-only tab).
// Like every panel it only reads the App and pushes Requests; what it sets in UiState are
// the same flags the toolbar sets (a dialog to open, the filter's text, the view).
// Not handled: Ctrl+K is read as the physical K key (the SDL scancode ImGui 1.86 gets), so
// on layouts where K sits elsewhere it is the key at QWERTY's K.
#pragma once

#include <vector>

#include "app/app.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

// Opens the palette with an empty field (the toolbar's "Commands" button; Ctrl+K).
void OpenCommandPalette(UiState& ui);
// Reads Ctrl+K / Cmd+K itself; call every frame inside the main window, after the board.
void DrawCommandPalette(const App& app, UiState& ui, std::vector<Request>& requests);
// Reads '?' typed while no text field has the keyboard; call after DrawCommandPalette
// (whose "Keyboard shortcuts" command opens it).
void DrawShortcutSheet(UiState& ui);

}  // namespace tackboard
