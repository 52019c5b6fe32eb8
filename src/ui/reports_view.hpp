// reports_view.hpp — the reports dashboard (#view=reports): for the last 7, 30 or 90 days
// or custom dates, and for what the filter bar shows, the figures of core/dashboard.hpp
// as tiles, charts (chart.hpp) and tables: created vs resolved, response and resolution
// time trends, cumulative flow, WIP, lead and cycle times, backlog age, volume by type,
// priority, label and requester, people, satisfaction and its comments.
//
// Every chart has a CSV button (io/report_csv.hpp); "PNG" saves the dashboard as drawn.
// The figures are worked out again when the board, the filter, the period or the minute
// changes, not every frame.
#pragma once

#include <string>
#include <vector>

#include "app/app.hpp"
#include "core/result.hpp"
#include "ui/theme.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

// The last `days` UTC days, today included: [midnight `days` − 1 days ago, tomorrow's midnight).
ReportPeriod LastDays(int days, Millis now);
// By day up to 31 days, by week beyond.
Bucket AutoBucket(ReportPeriod period);
// Two dates written YYYY-MM-DD, both included, at most ten years apart. The refusal's
// message is English, a Tr() key.
Result<ReportPeriod> CustomPeriod(const std::string& from, const std::string& to);
// The period the view shows: its last N days as of `now`, or its custom dates.
ReportPeriod ChosenPeriod(const ReportsViewState& view, Millis now);
// What the filter shows (all tickets when no filter applies), as positions in board.tickets().
std::vector<std::size_t> FilteredPositions(const Board& board, const BoardFilter& filter);

void DrawReportsView(const App& app, const Fonts& fonts, UiState& ui);

}  // namespace tackboard
