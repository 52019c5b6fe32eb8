// views_sidebar.hpp — the collapsible sidebar left of the board: "All tickets" and the
// board's saved views (BoardConfig::views, a name and a query each).
//
// Clicking a view puts its query in the filter bar (so the URL's hash keeps it, and a link
// with that query shows the view selected). "Save current view" names the filter being
// applied; the pencil renames the selected view, × deletes it after asking. Saving,
// renaming and deleting are "config" changes: stored, synced and undoable like any other.
#pragma once

#include <vector>

#include "app/app.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

inline constexpr float kViewsSidebarWidth = 200.0f;

void DrawViewsSidebar(const App& app, UiState& ui, std::vector<Request>& requests);

}  // namespace tackboard
