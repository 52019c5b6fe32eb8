// settings_view.hpp — the board settings editor (#view=settings, "Board settings" in the
// command palette): statuses, the transition matrix, types and fields, priorities,
// labels, members, the business calendar and templates, each a tab.
//
// Every edit is one change record (core/change.hpp) pushed as a Request: a configuration
// change, or a batch from core/settings_edit.hpp when tickets hold what changes (a
// deleted status's tickets move, a renamed label is renamed on them). So each is undone
// with Ctrl+Z, journaled and synced like a ticket edit. Text fields apply on Enter or
// when left, not per keystroke; what core or the view refuses is said next to the field
// and nothing is stored. Only a lead edits (roles.hpp); others see it all disabled.
#pragma once

#include <vector>

#include "app/app.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

void DrawSettingsView(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests);
// The change a settings edit asked for was applied, or refused: the view says why.
void OnSettingsChanged(UiState& ui, const Status& done);

}  // namespace tackboard
