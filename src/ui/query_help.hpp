// query_help.hpp — the filter bar's "?" button and the popup it opens: the query language
// (docs/query-language.md) in a few lines, and examples (query_examples.hpp) that a click
// puts in the filter, which the filter bar then runs.
//
// The popup hangs under the button, as wide as the screen allows (a phone's too), and
// scrolls when taller than the screen. It closes on a click outside, Esc, Close, or when
// an example is taken. The command palette's "Query help" opens it (BoardFilter::help_requested).
// Test ids: the button "##filter-help", the heading "query-help-heading", each example
// "<query>##query-example-<n>" (n from 0, in QueryExamples() order), Close "Close##query-help".
#pragma once

#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

// The room the button takes on the filter bar's row, spacing before it included.
float QueryHelpButtonWidth();
// The button, on the current line, and the popup when it is open.
void DrawQueryHelp(const Fonts& fonts, BoardFilter& filter);

}  // namespace tackboard
