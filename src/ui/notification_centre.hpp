// notification_centre.hpp — reminders and rule notifications: a bell in the toolbar with
// the number of unseen ones, and the list it opens.
#pragma once

#include <vector>

#include "app/app.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

// The toolbar's bell (in the top bar's row).
void DrawNotificationButton(const App& app, UiState& ui);
// The list, when open.
void DrawNotificationCentre(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests);

}  // namespace tackboard
