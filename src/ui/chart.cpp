// chart.cpp — see chart.hpp.
//
// [SECTION] colours and numbers
// [SECTION] layout: legend, axis, x labels
// [SECTION] the four kinds
// [SECTION] hover: guide, tooltip, registry
#include "ui/chart.hpp"

#include <imgui_internal.h>  // the window's clip rectangle

#include <algorithm>
#include <cmath>

#include "ui/i18n.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/theme.hpp"

namespace tackboard {

// [SECTION] colours and numbers ------------------------------------------------------

ImU32 SeriesColour(std::size_t i) {
    // Distinct hues that stay apart for the common colour-vision deficiencies (blue,
    // orange, green…), lighter on the dark theme to keep their contrast on its cards.
    static const ImU32 kLight[] = {IM_COL32(37, 99, 235, 255),  IM_COL32(234, 88, 12, 255),  IM_COL32(22, 163, 74, 255),
                                   IM_COL32(147, 51, 234, 255), IM_COL32(202, 138, 4, 255),  IM_COL32(13, 148, 136, 255),
                                   IM_COL32(219, 39, 119, 255), IM_COL32(100, 116, 139, 255)};
    static const ImU32 kDark[] = {IM_COL32(96, 165, 250, 255),  IM_COL32(251, 146, 60, 255), IM_COL32(74, 222, 128, 255),
                                  IM_COL32(192, 132, 252, 255), IM_COL32(250, 204, 21, 255), IM_COL32(45, 212, 191, 255),
                                  IM_COL32(244, 114, 182, 255), IM_COL32(148, 163, 184, 255)};
    const std::size_t n = std::size(kLight);
    return CurrentTheme().dark ? kDark[i % n] : kLight[i % n];
}

std::string FormatChartValue(double value, ChartUnit unit) {
    switch (unit) {
        case ChartUnit::Count: return FormatNumber(static_cast<long long>(std::llround(value)));
        case ChartUnit::Hours: return Format(Tr("%s h"), FormatDecimal(value, value < 10 ? 1 : 0).c_str());
        case ChartUnit::Score: return FormatDecimal(value, 1);
    }
    return {};
}

namespace {

// Registers a rectangle as the window shows it (nothing when scrolled out of view).
void RecordClipped(const std::string& label, ImVec2 min, ImVec2 max) {
    ImRect r(min, max);
    r.ClipWith(GImGui->CurrentWindow->ClipRect);
    TheItemRegistry().Record(label.c_str(), {r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight()});
}

ImU32 WithAlpha(ImU32 colour, int alpha) { return (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT); }

// A round step (1, 2 or 5 times a power of ten) giving about four ticks up to `max`.
double TickStep(double max, ChartUnit unit) {
    if (max <= 0) return 1;
    const double raw = max / 4;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    double step = power;
    for (double f : {1.0, 2.0, 5.0, 10.0})
        if (f * power >= raw) {
            step = f * power;
            break;
        }
    if (unit == ChartUnit::Count) step = std::max(step, 1.0);  // no "0.5 tickets"
    return step;
}

bool Known(const Chart& chart, std::size_t s, std::size_t i) {
    return s >= chart.known.size() || i >= chart.known[s].size() || chart.known[s][i];
}

double Value(const Chart& chart, std::size_t s, std::size_t i) {
    const auto& v = chart.series[s].values;
    return i < v.size() && Known(chart, s, i) ? v[i] : 0.0;
}

std::size_t PointCount(const Chart& chart) { return chart.x_labels.size(); }

// The highest value drawn: of the sums for a stacked chart.
double MaxValue(const Chart& chart) {
    double max = 0;
    for (std::size_t i = 0; i < PointCount(chart); ++i) {
        double sum = 0;
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
            if (chart.kind == ChartKind::StackedArea) sum += Value(chart, s, i);
            else max = std::max(max, Value(chart, s, i));
        }
        max = std::max(max, sum);
    }
    return max;
}

// [SECTION] layout: legend, axis, x labels ----------------------------------------------

struct Plot {
    ImVec2 min, max;  // the plotting area
    double top = 1;    // the value at max.y... min.y
    std::size_t points = 0;
    float Slot() const { return (max.x - min.x) / static_cast<float>(std::max<std::size_t>(points, 1)); }
    float X(std::size_t i) const { return min.x + Slot() * (static_cast<float>(i) + 0.5f); }
    float Y(double v) const { return max.y - static_cast<float>(v / top) * (max.y - min.y); }
};

// The series' names with their colours, left to right; returns the height used.
float DrawLegend(ImDrawList* draw, const Chart& chart, ImVec2 at, float width) {
    if (chart.series.size() < 2) return 0;
    const float line = ImGui::GetTextLineHeight();
    float x = at.x, y = at.y;
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        const char* name = chart.series[s].name.c_str();
        const float w = line * 0.8f + 4 + ImGui::CalcTextSize(name).x + 14;
        if (x > at.x && x + w > at.x + width) {  // wraps
            x = at.x;
            y += line + 2;
        }
        const float box = line * 0.6f;
        draw->AddRectFilled(ImVec2(x, y + (line - box) / 2), ImVec2(x + box, y + (line + box) / 2), SeriesColour(s), 2);
        draw->AddText(ImVec2(x + box + 4, y), CurrentTheme().text_muted, name);
        x += w;
    }
    return y + line + 6 - at.y;
}

void DrawAxes(ImDrawList* draw, const Chart& chart, const Plot& plot, double step) {
    const Theme& theme = CurrentTheme();
    const float line = ImGui::GetTextLineHeight();
    for (double v = 0; v <= plot.top + step / 2; v += step) {
        const float y = plot.Y(v);
        draw->AddLine(ImVec2(plot.min.x, y), ImVec2(plot.max.x, y), WithAlpha(theme.text_muted, v == 0 ? 140 : 40));
        const std::string label = FormatChartValue(v, chart.unit);
        const float w = ImGui::CalcTextSize(label.c_str()).x;
        draw->AddText(ImVec2(plot.min.x - w - 6, y - line / 2), theme.text_muted, label.c_str());
    }
    // As many x labels as fit side by side, evenly spaced, the last one always shown.
    float widest = 0;
    for (const auto& label : chart.x_labels) widest = std::max(widest, ImGui::CalcTextSize(label.c_str()).x);
    const std::size_t n = PointCount(chart);
    const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((widest + 10) / std::max(plot.Slot(), 1.0f))));
    for (std::size_t i = 0; i < n; ++i) {
        if (i % every != 0 && i + 1 != n) continue;
        if (i + 1 == n && n > 1 && i % every != 0 && (i % every) * plot.Slot() < widest + 10) continue;  // too close to the one before
        const char* label = chart.x_labels[i].c_str();
        const float w = ImGui::CalcTextSize(label).x;
        const float x = std::clamp(plot.X(i) - w / 2, plot.min.x - 4, plot.max.x - w + 4);
        draw->AddText(ImVec2(x, plot.max.y + 4), theme.text_muted, label);
    }
}

// [SECTION] the four kinds --------------------------------------------------------------

void DrawBars(ImDrawList* draw, const Chart& chart, const Plot& plot) {
    const std::size_t series = std::max<std::size_t>(chart.series.size(), 1);
    const bool touching = chart.kind == ChartKind::Histogram;
    const float group = plot.Slot() * (touching ? 1.0f : 0.8f);
    const float bar = group / static_cast<float>(series);
    for (std::size_t i = 0; i < plot.points; ++i) {
        const float left = plot.X(i) - group / 2;
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
            const double v = Value(chart, s, i);
            if (v <= 0) continue;
            const float x0 = left + bar * static_cast<float>(s) + (touching ? 0.5f : 0.0f);
            const float x1 = x0 + std::max(1.0f, bar - (touching ? 1.0f : (bar > 4 ? 1.0f : 0.0f)));
            draw->AddRectFilled(ImVec2(x0, plot.Y(v)), ImVec2(x1, plot.max.y), SeriesColour(s), bar > 6 ? 2.0f : 0.0f,
                                ImDrawFlags_RoundCornersTop);
        }
    }
}

void DrawLines(ImDrawList* draw, const Chart& chart, const Plot& plot) {
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        const ImU32 colour = SeriesColour(s);
        bool have_last = false;
        ImVec2 last;
        for (std::size_t i = 0; i < plot.points; ++i) {
            if (!Known(chart, s, i)) {
                have_last = false;  // a gap, not a dive to zero
                continue;
            }
            const ImVec2 p(plot.X(i), plot.Y(Value(chart, s, i)));
            if (have_last) draw->AddLine(last, p, colour, 2.0f);
            if (plot.points <= 40 || !have_last) draw->AddCircleFilled(p, 3.0f, colour);
            last = p;
            have_last = true;
        }
    }
}

void DrawStacked(ImDrawList* draw, const Chart& chart, const Plot& plot) {
    // Adjacent quads, anti-aliased, would leave faint seams between them.
    const ImDrawListFlags flags = draw->Flags;
    draw->Flags &= ~ImDrawListFlags_AntiAliasedFill;
    std::vector<double> below(plot.points, 0.0);
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        const ImU32 colour = SeriesColour(s);
        std::vector<double> above(plot.points);
        for (std::size_t i = 0; i < plot.points; ++i) above[i] = below[i] + Value(chart, s, i);
        if (plot.points == 1) {  // one bucket: a stacked bar
            const float half = plot.Slot() * 0.3f;
            draw->AddRectFilled(ImVec2(plot.X(0) - half, plot.Y(above[0])), ImVec2(plot.X(0) + half, plot.Y(below[0])),
                                WithAlpha(colour, 200));
        }
        for (std::size_t i = 0; i + 1 < plot.points; ++i) {
            // Vertical sides and straight top/bottom: a convex quad.
            const float x0 = plot.X(i), x1 = plot.X(i + 1);
            draw->AddQuadFilled(ImVec2(x0, plot.Y(below[i])), ImVec2(x0, plot.Y(above[i])), ImVec2(x1, plot.Y(above[i + 1])),
                                ImVec2(x1, plot.Y(below[i + 1])), WithAlpha(colour, 200));
            draw->AddLine(ImVec2(x0, plot.Y(above[i])), ImVec2(x1, plot.Y(above[i + 1])), colour, 1.5f);
        }
        below = std::move(above);
    }
    draw->Flags = flags;
}

// [SECTION] hover: guide, tooltip, registry ---------------------------------------------

std::vector<std::string> TooltipLines(const Chart& chart, std::size_t i) {
    std::vector<std::string> lines{chart.x_labels[i]};
    double total = 0;
    // A stack reads top down, as drawn.
    const bool stacked = chart.kind == ChartKind::StackedArea;
    for (std::size_t k = 0; k < chart.series.size(); ++k) {
        const std::size_t s = stacked ? chart.series.size() - 1 - k : k;
        const bool known = Known(chart, s, i);
        total += Value(chart, s, i);
        const std::string value = known ? FormatChartValue(Value(chart, s, i), chart.unit) : "—";
        lines.push_back(chart.series[s].name.empty() ? value : Format(Tr("%s: %s"), chart.series[s].name.c_str(), value.c_str()));
    }
    if (stacked && chart.series.size() > 1) lines.push_back(Format(Tr("Total: %s"), FormatChartValue(total, chart.unit).c_str()));
    return lines;
}

void DrawHover(ImDrawList* draw, const Chart& chart, const Plot& plot, std::size_t i) {
    const Theme& theme = CurrentTheme();
    const float x = plot.X(i);
    if (chart.kind == ChartKind::Bars || chart.kind == ChartKind::Histogram)
        draw->AddRectFilled(ImVec2(x - plot.Slot() / 2, plot.min.y), ImVec2(x + plot.Slot() / 2, plot.max.y),
                            WithAlpha(theme.text_muted, 30));
    else
        draw->AddLine(ImVec2(x, plot.min.y), ImVec2(x, plot.max.y), WithAlpha(theme.text_muted, 160));
    const std::vector<std::string> lines = TooltipLines(chart, i);
    ImGui::BeginTooltip();
    std::string joined;
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (k == 0) {
            ImGui::TextUnformatted(lines[0].c_str());
        } else {
            // The series' colour beside its line (the stack is listed top down).
            const std::size_t s = chart.kind == ChartKind::StackedArea ? chart.series.size() - k : k - 1;
            if (s < chart.series.size() && (chart.series.size() > 1)) {
                ImGui::ColorButton("##swatch", ImGui::ColorConvertU32ToFloat4(SeriesColour(s)),
                                   ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoBorder,
                                   ImVec2(ImGui::GetTextLineHeight() * 0.6f, ImGui::GetTextLineHeight() * 0.6f));
                ImGui::SameLine();
            }
            ImGui::TextUnformatted(lines[k].c_str());
        }
        joined += (k ? " | " : "") + lines[k];
    }
    ImGui::EndTooltip();
    RecordClipped("chart-tooltip:" + chart.id + ":" + joined, ImVec2(x - plot.Slot() / 2, plot.min.y),
                  ImVec2(x + plot.Slot() / 2, plot.max.y));
}

}  // namespace

int DrawChart(const Chart& chart, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Theme& theme = CurrentTheme();
    if (size.x <= 0) size.x = ImGui::GetContentRegionAvail().x;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(("##chart-" + chart.id).c_str(), size);
    const bool hovered = ImGui::IsItemHovered();
    TheItemRegistry().RecordLastItem("chart:" + chart.id);

    const float line = ImGui::GetTextLineHeight();
    const float legend = DrawLegend(draw, chart, origin, size.x);
    const double max = MaxValue(chart);
    // Scores run from 1 to 5: the axis always ends at 5, so two charts compare at a glance.
    const bool score = chart.unit == ChartUnit::Score;
    const double step = score ? 1.0 : TickStep(max, chart.unit);
    Plot plot;
    plot.points = PointCount(chart);
    plot.top = score ? 5.0 : std::max(step, std::ceil(max / step) * step);
    float axis_width = 0;
    for (double v = 0; v <= plot.top + step / 2; v += step)
        axis_width = std::max(axis_width, ImGui::CalcTextSize(FormatChartValue(v, chart.unit).c_str()).x);
    plot.min = ImVec2(origin.x + axis_width + 10, origin.y + legend + line / 2);
    plot.max = ImVec2(origin.x + size.x - 8, origin.y + size.y - line - 6);
    if (plot.max.x - plot.min.x < 20 || plot.max.y - plot.min.y < 20) return -1;

    bool any_known = false, any_value = false;
    for (std::size_t s = 0; s < chart.series.size(); ++s)
        for (std::size_t i = 0; i < plot.points; ++i)
            if (Known(chart, s, i)) {
                any_known = true;
                any_value = any_value || Value(chart, s, i) != 0;
            }
    DrawAxes(draw, chart, plot, step);
    // A line of known zeros says something (no work in progress); empty bars and stacks do not.
    if (!any_known || (chart.kind != ChartKind::Line && !any_value)) {
        const char* empty = Tr("Nothing in this period");
        const ImVec2 w = ImGui::CalcTextSize(empty);
        draw->AddText(ImVec2((plot.min.x + plot.max.x - w.x) / 2, (plot.min.y + plot.max.y - w.y) / 2), theme.text_muted, empty);
    } else if (chart.kind == ChartKind::Line) DrawLines(draw, chart, plot);
    else if (chart.kind == ChartKind::StackedArea) DrawStacked(draw, chart, plot);
    else DrawBars(draw, chart, plot);

    for (std::size_t i = 0; i < plot.points; ++i)
        RecordClipped("chart-point:" + chart.id + ":" + std::to_string(i), ImVec2(plot.X(i) - plot.Slot() / 2, plot.min.y),
                      ImVec2(plot.X(i) + plot.Slot() / 2, plot.max.y));
    if (!hovered || plot.points == 0) return -1;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (mouse.x < plot.min.x || mouse.x >= plot.max.x) return -1;
    const std::size_t i = std::min(plot.points - 1, static_cast<std::size_t>((mouse.x - plot.min.x) / plot.Slot()));
    DrawHover(draw, chart, plot, i);
    return static_cast<int>(i);
}

}  // namespace tackboard
