// rules_view.hpp — the automation rules (core/rules.hpp) as a view beside the board:
// the list in order with enable/disable, reorder, a dry run, and an editor whose save is
// refused with the reason when a rule names what the board does not have.
#pragma once

#include <vector>

#include "app/app.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

void DrawRulesView(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests);
// The configuration change a rules edit asked for was applied (or refused: the view says why).
void OnRulesSaved(UiState& ui, const Status& done);

}  // namespace tackboard
