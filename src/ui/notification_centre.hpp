// notification_centre.hpp — reminders and rule notifications: a bell in the toolbar with
// the number of unseen ones, and the list it opens.
//
// What is listed: the notifications automation rules sent this session (App::notifications,
// newest first), then the reminders (core/reminders.hpp: SLA breached, overdue, SLA at
// risk, due soon). Opening the list marks everything in it seen. A click on a row opens
// its ticket.
//
// Browser notifications: the platform asks for the permission when the centre asks
// (NotificationCentreState::permission_requested) and, while it is granted, shows what
// TakeBrowserNotices returns: each new rule notification, and each reminder once per
// (ticket, kind) for the session. Reminders are worked out by RefreshNotifications, which
// is cheap unless the board changed or a minute passed: the platform calls it every step
// (also while idle, so the bell and the browser hear of time passing without frames).
#pragma once

#include <string>
#include <vector>

#include "app/app.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

// Reminders again when the board changed since, or a minute passed on the app's clock
// (`now`); the unseen count with them. Returns whether a frame is needed: the bell's count
// changed, or the open centre's list was worked out again.
bool RefreshNotifications(const App& app, NotificationCentreState& state, Millis now);

// How many items the bell counts: rule notifications since the centre was last opened,
// and reminders not seen in it.
std::size_t UnseenCount(const App& app, const NotificationCentreState& state);

// One browser notification: `tag` tells the browser it replaces an earlier one of the same tag.
struct BrowserNotice {
    std::string title;
    std::string body;
    std::string tag;
};
// What the browser has not been told yet, marked told; nothing unless the permission is
// granted. At most kMaxNoticesAtOnce, the rest summed up in one more notice (a board
// opened with hundreds of overdue tickets must not bury the desktop).
std::vector<BrowserNotice> TakeBrowserNotices(const App& app, NotificationCentreState& state);
inline constexpr std::size_t kMaxNoticesAtOnce = 4;

// The toolbar's bell (in the top bar's row).
void DrawNotificationButton(const App& app, UiState& ui);
// The list, when open.
void DrawNotificationCentre(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests);

}  // namespace tackboard
