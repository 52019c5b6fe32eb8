// main_window.hpp — the whole screen: top bar, notices, board, dialogs; runs the requests.
#pragma once

#include "app/app.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

// Returns true when requests were run this frame (the next frames will differ).
bool DrawMainWindow(App& app, const Fonts& fonts, UiState& ui);

}  // namespace tackboard
