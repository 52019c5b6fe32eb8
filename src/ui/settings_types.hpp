// settings_types.hpp — the "Types & fields" tab of the settings view: the board's ticket
// types (icon, name, default, add, rename, delete) and, for the selected type, its form's
// fields in order (name, kind, choices, required, reorder, delete), beside a preview of
// the new-ticket form as people will see it.
//
// Every edit is one change through App::Execute (a "config" record, or a batch from
// core/settings_edit.hpp when tickets hold what it changes), so it is undoable, journaled
// and synced. A kind or choices change first says what it will do to the values tickets
// hold. Only a lead may edit (core/roles.hpp); others see the same panel read-only.
#pragma once

#include <vector>

#include "app/app.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

// Changes are pushed as ChangeSource::Settings requests (their refusal is said by the view).
void DrawTypeSettings(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests);

}  // namespace tackboard
