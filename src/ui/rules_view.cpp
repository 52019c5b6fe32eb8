#include "ui/rules_view.hpp"

namespace tackboard {

void DrawRulesView(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    (void)app, (void)fonts, (void)ui, (void)requests;
}

}  // namespace tackboard
