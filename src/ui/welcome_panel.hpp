// welcome_panel.hpp — the first run: a card above the empty columns of a board that has
// never had a ticket.
//
// Not a modal: the toolbar, the filter, the views and the columns stay usable around it.
// Three ways to start, each a button the registry knows by its English label:
//   "Load a demo board##welcome-demo"  the sample board (core/demo_board.hpp), one undo step
//   "Import…##welcome-import"          the import dialog (import_dialog.hpp)
//   "Start empty##welcome-empty"       never shows the welcome on this board again
// The panel only reports the choice; RunWelcomeChoice carries it out on the App (the
// dismissal is App::DismissWelcome, a marker file beside the board's journal).
//
// Demo mode (the page opened with ?demo=1, see main_web.cpp) shows no welcome: the demo
// board is loaded at once, and DrawDemoBadge says in the toolbar that nothing is kept.
#pragma once

#include <string>

#include "app/app.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

enum class WelcomeChoice { None, StartEmpty, LoadDemo, Import };

// Whether the board area shows the welcome instead of the board or the list.
bool WelcomeWanted(const App& app, const UiState& ui);
void DrawWelcomePanel(const Fonts& fonts, WelcomeChoice& choice);
void RunWelcomeChoice(App& app, UiState& ui, WelcomeChoice choice);

// "Demo — changes are not kept", as a small coloured tag; its text, for toolbar layout.
void DrawDemoBadge();
std::string DemoBadgeText();

}  // namespace tackboard
