// sync_panel.hpp — the sync indicator in the toolbar and the "Sync" dialog: which server,
// test the connection, sync now, turn it off; status in plain words.
//
// Reads SyncView, which the platform fills each frame from the sync engine, and sets its
// request flags; the platform carries them out (saving settings, probing the server).
#pragma once

#include <string>

#include "core/board.hpp"
#include "sync/sync_engine.hpp"
#include "sync/sync_settings.hpp"

namespace tackboard {

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

    // Requests for the platform, cleared once carried out.
    bool sync_now = false;
    bool save = false;   // store `draft` and start syncing with it
    bool probe = false;  // test `draft`
};

// The toolbar item: state at a glance ("Synced 2 min ago", "3 to send", "Offline",
// "Sync failed"); clicking opens the dialog. Returns true when it needs another frame.
bool DrawSyncIndicator(SyncView& view);
// The dialog, when open. Returns true when it needs another frame.
bool DrawSyncDialog(SyncView& view);

// "just now", "2 min ago", "3 h ago", "on 23 Nov" — for "Synced …".
std::string AgoText(Millis then, Millis now);

}  // namespace tackboard
