#include "ui/notification_centre.hpp"

namespace tackboard {

void DrawNotificationButton(const App& app, UiState& ui) { (void)app, (void)ui; }

void DrawNotificationCentre(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    (void)app, (void)fonts, (void)ui, (void)requests;
}

}  // namespace tackboard
