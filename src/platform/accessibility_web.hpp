// accessibility_web.hpp — what a screen reader can know of a board drawn on a canvas.
//
// The canvas is one opaque image to assistive technology. The shell keeps a visually
// hidden ARIA live region (#live in shell/index.html, role="status", aria-live="polite")
// and this file writes into it, in words, the selected ticket — title, status, priority,
// assignee — and where it sits (column and position, or row of the list), whenever that
// changes: j/k and the arrows, clicks, opening a ticket, or the ticket itself changing.
// Not handled: the rest of the UI (buttons, dialogs, fields) has no DOM counterpart.
#pragma once

#include <cstdint>
#include <string>

namespace tackboard {

class App;
struct UiState;

struct LiveRegion {
    std::string text;  // what the region says now
    // What `text` was worked out from: it is worked out again only when one changes.
    std::string ticket;
    std::uint64_t revision = ~0ull;
    std::string filter;
    bool list_mode = false;
};

// The sentence for the selection (empty when nothing is selected).
std::string DescribeSelection(const App& app, const UiState& ui);
// After a frame: updates the live region when the sentence changed.
void UpdateLiveRegion(LiveRegion& region, const App& app, const UiState& ui);

}  // namespace tackboard
