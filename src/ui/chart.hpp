// chart.hpp — the reports' charts, drawn with ImGui's draw lists (Debian has no ImPlot):
// one small module every chart of the dashboard goes through.
//
//   Chart chart{"volume", ChartKind::Bars, ChartUnit::Count, {"Nov 2", "Nov 3"},
//               {{"Created", {12, 9}}, {"Resolved", {10, 11}}}};
//   DrawChart(chart, ImVec2(width, 220));
//
// Kinds: Line (one line per series), Bars (grouped bars), StackedArea (series on top of
// each other: a cumulative flow diagram), Histogram (one series, bars touching). Each has
// a y axis from 0 with round ticks, x labels thinned out to fit, a legend when there is
// more than one series, and colours from the current theme (light or dark).
//
// Hovering shows a guide and a tooltip with the point's exact values. For browser tests,
// the item registry gets:
//   "chart:<id>"                   the whole chart;
//   "chart-point:<id>:<i>"         the column of point i (hover its centre);
//   "chart-tooltip:<id>:<text>"    while point i is hovered: the tooltip's lines joined by " | "
//                                  (tackboard.uiLabels("chart-tooltip:<id>:") reads it).
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace tackboard {

enum class ChartKind { Line, Bars, StackedArea, Histogram };
// How values are written on the axis and in the tooltip.
enum class ChartUnit {
    Count,  // 1,234
    Hours,  // durations given in hours: "3.5 h"
    Score,  // 4.2 (satisfaction, 1..5)
};

struct ChartSeries {
    std::string name;           // as shown in the legend and tooltip (already translated)
    std::vector<double> values;  // one per x label
};

struct Chart {
    std::string id;  // stable, for the registry: "volume", "flow"
    ChartKind kind = ChartKind::Line;
    ChartUnit unit = ChartUnit::Count;
    std::vector<std::string> x_labels;  // one per point
    std::vector<ChartSeries> series;
    // Points whose value is not known (no resolution that day): not drawn on a line, "—"
    // in the tooltip. Indexed like values; empty: all known.
    std::vector<std::vector<bool>> known;
};

// The colour of series `i` in the current theme (also for legends drawn elsewhere).
ImU32 SeriesColour(std::size_t i);
// A value as the chart's unit writes it.
std::string FormatChartValue(double value, ChartUnit unit);
// Draws the chart in `size` at the cursor (a width ≤ 0 takes the available width).
// Returns the hovered point, or -1.
int DrawChart(const Chart& chart, ImVec2 size);

}  // namespace tackboard
