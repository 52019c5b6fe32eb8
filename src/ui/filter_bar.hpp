// filter_bar.hpp — the query box above the board (docs/query-language.md): filters every
// column as you type, shows syntax errors inline with their column, "/" focuses it.
#pragma once

#include "app/app.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

void DrawFilterBar(const App& app, const Fonts& fonts, UiState& ui);

}  // namespace tackboard
