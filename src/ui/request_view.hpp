// request_view.hpp — the requester's view: submit a request and follow one's own, without
// the team's board or tools. Drawn instead of the main window when the identity's role is
// requester (core/roles.hpp), and for anyone at #view=request (or #/request).
//
//   if (RequestViewWanted(app, ui)) return DrawRequestWindow(app, fonts, ui);
//
// What it shows:
//   - who one is: the server's word ("Signed in by the server as …"), or on a board kept
//     only in this browser a name and a role chosen here (asked first when there is no
//     name), with the warning that such roles are a convenience, not a protection;
//   - "Submit a request": type, title, the type's fields (field_editor.hpp, as in the
//     new-ticket dialog), description; while typing, knowledge articles and one's own
//     resolved requests that may answer it (core/similar.hpp FindKnowledge) and one's own
//     requests about the same thing (FindSimilar); submitted in one's name with the
//     board's default status and priority;
//   - "My requests", newest first: status, the public comments only (internal notes are
//     never drawn, even when this board has them), the team's latest answer, and Add a
//     comment, Reopen… (with a reason, once resolved) and Rate 1–5 (once resolved). The
//     changes are the agent side's records (comment, reopen, the satisfaction batch).
//   - news: a "New answer" or "Resolved" badge and a line at the top, until the request is
//     unfolded. What was seen is kept per request in a device file (App::WriteDeviceFile:
//     not the team's data), so the news is still there at the next visit. With the
//     browser's permission (asked only on "Allow browser notifications"), news also
//     becomes a browser notification, once per answer or resolution (TakeRequestNotices,
//     served by the platform).
// Not here: attachments, editing a request's title or fields after sending (the team
// does), requests on behalf of someone else.
#pragma once

#include <string>
#include <vector>

#include "app/app.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

bool RequestViewWanted(const App& app, const UiState& ui);
// The whole window, and what it asked for applied through the App. Returns true when
// another frame is needed (something changed).
bool DrawRequestWindow(App& app, const Fonts& fonts, UiState& ui);

// What is new on one of my requests since this device last showed or told it.
struct RequestNews {
    std::string id;
    std::string title;
    bool answered = false;  // more answers from the team than seen
    bool resolved = false;  // in a done status, and not seen so
};
// News of the identity's requests, against `seen` (see RequestViewState); `told`: against
// what browser notifications already said instead of what was shown.
std::vector<RequestNews> RequestNewsOf(const App& app, const nlohmann::json& seen, bool told);

// One browser notification about a request.
struct RequestNotice {
    std::string title;
    std::string body;
    std::string tag;
};
// The news not told yet, marked told (and kept in the device file). The platform shows
// them while the browser's permission is granted.
std::vector<RequestNotice> TakeRequestNotices(App& app, RequestViewState& state);

}  // namespace tackboard
