// suggest_field.hpp — a one-line text field with a list of suggestions under it: the filter
// bar's autocomplete and the ticket panel's link search share it.
//
// While the list shows, the field keeps the keyboard: Up/Down move the highlight, Tab or
// Enter take the highlighted row, Esc closes the list until the text changes; a click takes
// any row. What the rows are and what taking one does are the caller's (two functions).
// Without a list, the field behaves as any InputText (Enter and Esc give up the keyboard).
// Rows are recorded in the item registry as "<text>##<id>-row-<n>" for tests.
#pragma once

#include <climits>
#include <functional>
#include <string>
#include <vector>

namespace tackboard {

struct SuggestRow {
    std::string text;    // the row
    std::string detail;  // muted, at its right; may be empty
};

struct SuggestList {
    std::vector<SuggestRow> rows;
    std::size_t anchor = 0;  // byte of the text the list is drawn under (the word it completes)
};

// The field's text and cursor (bytes) after a row is taken.
struct SuggestEdit {
    std::string text;
    int cursor = 0;
};

// What the field remembers between frames.
struct SuggestFieldState {
    bool active = false;  // it had the keyboard last frame
    int cursor = 0;       // where its cursor was (bytes)
    int highlighted = 0;
    bool dismissed = false;     // Esc closed the list...
    std::string dismissed_for;  // ...while the text was this
    bool focus = false;         // take the keyboard next frame...
    int place_cursor = -1;      // ...with the cursor there (bytes; INT_MAX: at the end), or -1
    SuggestEdit pending;        // a taken row's edit, written into the field while it is active
    bool has_pending = false;
};

struct SuggestCallbacks {
    std::function<SuggestList(const std::string& text, int cursor)> list;
    std::function<SuggestEdit(const std::string& text, int cursor, int row)> take;
};

// Draws the field (width from SetNextItemWidth) and, while it has the keyboard, its list.
// Returns true when the text changed (typed or a row taken).
bool SuggestField(const char* id, const char* hint, std::string& text, SuggestFieldState& state,
                  const SuggestCallbacks& callbacks);

}  // namespace tackboard
