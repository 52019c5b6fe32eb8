// settings_templates.hpp — the "Templates" tab of the settings view: the built-in board
// templates (core/board_template.hpp) with "Apply…", "Export settings as a template" (a
// JSON download) and "Import a template file…". Applying first shows what will happen to
// the tickets (which move, which values are kept as comments), then makes one undoable
// change. A file that is refused shows why, and nothing changes.
#pragma once

#include <vector>

#include "app/app.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

// Changes are pushed as ChangeSource::Settings requests (their refusal is said by the view).
void DrawTemplateSettings(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests);

}  // namespace tackboard
