// sync_panel.hpp — the sync indicator in the toolbar and the "Sync" dialog: which server,
// test the connection, sync now, turn it off; status in plain words.
//
// Reads SyncView, which the platform fills each frame from the sync engine, and sets its
// request flags; the platform carries them out (saving settings, probing the server,
// changing who works at this device).
#pragma once

#include <optional>
#include <string>

#include "core/board.hpp"
#include "core/roles.hpp"
#include "sync/sync_engine.hpp"
#include "sync/sync_settings.hpp"

namespace tackboard {

// Choosing who one is on a board kept only in this browser: a name and a role.
struct IdentityForm {
    std::string name;
    Role role = Role::Requester;
    bool loaded = false;  // filled from the current identity once
    std::string error;    // why the last choice was refused
};

struct SyncView {
    // From the platform, every frame.
    bool available = false;  // this tab syncs (only the tab that writes the board does)
    SyncStatus status;
    SyncSettings settings;   // as saved
    Millis now = 0;
    bool probing = false;
    std::string probe_result;  // "Reached: 1,234 tickets" or why not
    bool probe_ok = false;

    // The dialog's form.
    bool open = false;
    SyncSettings draft;
    std::string form_error;

    // Who works at this device (App::identity()), from the platform every frame; the
    // section "Who you are" edits it through `identity_form` unless the server named us.
    Identity identity;
    IdentityForm identity_form;

    // Requests for the platform, cleared once carried out.
    std::optional<Identity> set_identity;  // use this identity (never one from the server)
    bool sync_now = false;
    bool save = false;   // store `draft` and start syncing with it
    bool probe = false;  // test `draft`
};

// The toolbar item: state at a glance ("Synced 2 min ago", "3 to send", "Offline",
// "Sync failed"); clicking opens the dialog. Returns true when it needs another frame.
bool DrawSyncIndicator(SyncView& view);
// The dialog, when open. Returns true when it needs another frame.
bool DrawSyncDialog(SyncView& view);

// "Who you are": with a role the server gave, one read-only line ("Signed in by the
// server as alice (requester)"); on a board kept only in this browser, a name, a role and
// "Use", with the warning that such roles are a convenience. Returns the identity to use
// when "Use" was clicked with an acceptable name. `id` keeps two sections apart.
std::optional<Identity> DrawIdentitySection(const Identity& me, IdentityForm& form, const char* id);
// "requester", "agent", "lead" in the UI's language.
const char* RoleName(Role role);

// "just now", "2 min ago", "3 h ago", "on 23 Nov" — for "Synced …".
std::string AgoText(Millis then, Millis now);

}  // namespace tackboard
