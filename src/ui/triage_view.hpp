// triage_view.hpp — the helpdesk's two working views beside the board and the list:
//
//   Triage:   new (to-do) tickets nobody has taken, most urgent and oldest first, each
//             with what the triage rules suggest (priority, type, labels, and the words
//             that suggest it: core/triage.hpp) and the member routing would give it
//             (core/routing.hpp). "Accept" applies the suggestion, "Assign to …" the
//             routing; both are ordinary undoable updates, and the ticket's panel (a
//             click on its title) changes anything by hand.
//   Workload: open tickets per member against their capacity, plus the unassigned ones.
//
// Triage follows the filter bar; the workload is the whole board's. Both are computed once per board
// revision; suggestions only for the rows on screen (~25 µs each), kept until the board
// changes, so 100k tickets cost what a screenful costs.
#pragma once

#include <vector>

#include "app/app.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

void DrawTriageView(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests);
void DrawWorkloadView(const App& app, const Fonts& fonts, UiState& ui);

}  // namespace tackboard
