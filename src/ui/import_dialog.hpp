// import_dialog.hpp — the "Import tickets" dialog: progress while the chosen file is
// read and checked, then the preview (what will be added, how the file's statuses,
// types, priorities, people and labels map onto this board, what is skipped and why),
// then the result. Applying and checking are requests run by the main window.
#pragma once

#include <vector>

#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

// Starts an import: the platform opens the browser's file chooser.
void OpenImportDialog(UiState& ui);
void DrawImportDialog(const Fonts& fonts, UiState& ui, std::vector<Request>& requests);

}  // namespace tackboard
