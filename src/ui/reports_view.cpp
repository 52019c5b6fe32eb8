// reports_view.cpp — see reports_view.hpp.
//
// [SECTION] period and figures
// [SECTION] header: period, grouping, PNG
// [SECTION] tiles
// [SECTION] charts
// [SECTION] tables: breakdown, people, comments
#include "ui/reports_view.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>

#include "core/dates.hpp"
#include "core/duration_bins.hpp"
#include "io/report_csv.hpp"
#include "ui/chart.hpp"
#include "ui/i18n.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/ticket_panel.hpp"  // kNarrowScreen
#include "ui/widgets.hpp"

namespace tackboard {

namespace {
constexpr Millis kDay = kReportDay;
constexpr Millis kHourMs = 3'600'000;
}  // namespace

// [SECTION] period and figures ---------------------------------------------------------

ReportPeriod LastDays(int days, Millis now) {
    const Millis today = now / kDay * kDay - (now % kDay < 0 ? kDay : 0);
    return {today - static_cast<Millis>(days - 1) * kDay, today + kDay};
}

Bucket AutoBucket(ReportPeriod period) { return period.to - period.from > 31 * kDay ? Bucket::Week : Bucket::Day; }

std::vector<std::size_t> FilteredPositions(const Board& board, const BoardFilter& filter) {
    std::vector<std::size_t> out;
    if (!filter.active) {
        out.resize(board.tickets().size());
        for (std::size_t i = 0; i < out.size(); ++i) out[i] = i;
        return out;
    }
    for (const auto& [status, rows] : filter.columns) out.insert(out.end(), rows.begin(), rows.end());
    std::sort(out.begin(), out.end());
    return out;
}

Result<ReportPeriod> CustomPeriod(const std::string& from_text, const std::string& to_text) {
    const auto from = ParseIsoDate(from_text), to = ParseIsoDate(to_text);
    if (!from || !to) return Error{TrNoop("Write both dates as YYYY-MM-DD, e.g. 2026-11-02.")};
    if (*to < *from) return Error{TrNoop("The end date is before the start date.")};
    if (*to - *from > 3660 * kDay) return Error{TrNoop("Choose at most ten years.")};
    return ReportPeriod{*from, *to + kDay};  // both days included
}

ReportPeriod ChosenPeriod(const ReportsViewState& view, Millis now) {
    return view.days > 0 ? LastDays(view.days, now) : view.custom;
}

namespace {

void Refresh(const App& app, const UiState& ui, ReportsViewState& view) {
    const Millis now = ui.helpdesk.now;
    const ReportPeriod period = ChosenPeriod(view, now);
    const Bucket bucket = view.bucket < 0 ? AutoBucket(period) : static_cast<Bucket>(view.bucket);
    const Millis minute = now / 60'000;
    if (view.dashboard && view.revision == app.revision() && view.filter == ui.filter.applied_text && view.period.from == period.from &&
        view.period.to == period.to && view.computed_bucket == bucket && view.computed_minute == minute)
        return;
    const auto start = std::chrono::steady_clock::now();
    const SlaSettings& sla = ui.helpdesk.loaded->settings.sla;
    view.dashboard = &view.cache.Get(app.board(), FilteredPositions(app.board(), ui.filter), period, bucket, &sla,
                                     app.config_revision(), now);
    view.compute_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    view.revision = app.revision();
    view.filter = ui.filter.applied_text;
    view.period = period;
    view.computed_bucket = bucket;
    view.computed_minute = minute;
}

double Hours(Millis ms) { return static_cast<double>(ms) / static_cast<double>(kHourMs); }

// "3.5 h", "2.1 d": a duration as a tile shows it.
std::string Duration(Millis ms) {
    if (ms >= 2 * kDay) return Format(Tr("%s d"), FormatDecimal(static_cast<double>(ms) / static_cast<double>(kDay), 1).c_str());
    return FormatChartValue(Hours(ms), ChartUnit::Hours);
}

std::string Percent(double share) { return FormatDecimal(share * 100, share * 100 < 10 ? 1 : 0) + " %"; }

std::string BucketLabel(Millis start, Bucket bucket) {
    const std::string day = FormatShortDate(start);
    return bucket == Bucket::Week ? Format(Tr("week of %s"), day.c_str()) : day;
}

std::string StatusName(const BoardConfig& config, const std::string& id) {
    const StatusDef* s = config.FindStatus(id);
    return s ? TrName(s->name) : id;
}

std::string MemberName(const BoardConfig& config, const std::string& id) {
    const MemberDef* m = config.FindMember(id);
    return m ? m->name : id;
}

// [SECTION] header: period, grouping, PNG ---------------------------------------------

void ApplyCustomDates(ReportsViewState& view) {
    auto period = CustomPeriod(view.from_text, view.to_text);
    if (!period) {
        view.message = Tr(period.error().message.c_str());
        return;
    }
    view.message.clear();
    view.custom = period.value();
    view.days = 0;
}

void DrawHeader(const Fonts& fonts, UiState& ui, ReportsViewState& view) {
    ImGui::PushFont(fonts.strong);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr("Reports"));
    ImGui::PopFont();
    ImGui::SameLine(0, 16);
    struct Choice {
        const char* label;
        int days;
    };
    for (const Choice& c : {Choice{TrLabel("7 days##report-days-7"), 7}, Choice{TrLabel("30 days##report-days-30"), 30},
                            Choice{TrLabel("90 days##report-days-90"), 90}}) {
        if (ToggleButton(c.label, view.days == c.days)) {
            view.days = c.days;
            view.custom_open = false;
            view.message.clear();
        }
        ImGui::SameLine(0, 0);
    }
    if (ToggleButton(TrLabel("Custom…##report-custom"), view.days == 0)) {
        view.custom_open = !view.custom_open;
        if (view.from_text.empty()) {  // start from what is shown
            view.from_text = FormatIsoDate(view.period.from);
            view.to_text = FormatIsoDate(view.period.to - 1);
        }
    }
    ImGui::SameLine(0, 16);
    if (ToggleButton(TrLabel("By day##report-by-day"), view.computed_bucket == Bucket::Day)) view.bucket = static_cast<int>(Bucket::Day);
    ImGui::SameLine(0, 0);
    if (ToggleButton(TrLabel("By week##report-by-week"), view.computed_bucket == Bucket::Week)) view.bucket = static_cast<int>(Bucket::Week);
    ImGui::SameLine(0, 16);
    if (ImGui::Button(TrLabel("Save as PNG##report-png"))) view.snapshot_requested = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Download the dashboard as it is drawn, as a picture"));
    ImGui::SameLine(0, 16);
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().text_muted);
    const std::string shown = FormatDate(view.period.from) + " – " + FormatDate(view.period.to - 1);
    ImGui::TextUnformatted(shown.c_str());
    ImGui::PopStyleColor();
    TheItemRegistry().RecordLastItem("report-period " + FormatIsoDate(view.period.from) + " " + FormatIsoDate(view.period.to - 1));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", Format(Tr("Worked out in %s ms"), FormatDecimal(view.compute_ms, 1).c_str()).c_str());
    if (ui.filter.active) {
        ImGui::SameLine(0, 16);
        ImGui::TextUnformatted(Format(Tr("Filtered: %s"), ui.filter.applied_text.c_str()).c_str());
        TheItemRegistry().RecordLastItem("report-filtered");
    }
    if (view.custom_open || view.days == 0) {
        ImGui::TextUnformatted(Tr("From"));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::CalcTextSize("0000-00-00").x + 24);
        InputString("##report-from", view.from_text, "YYYY-MM-DD");
        ImGui::SameLine();
        ImGui::TextUnformatted(Tr("to"));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::CalcTextSize("0000-00-00").x + 24);
        InputString("##report-to", view.to_text, "YYYY-MM-DD");
        ImGui::SameLine();
        if (ImGui::Button(TrLabel("Show##report-apply"))) ApplyCustomDates(view);
        if (!view.message.empty()) {
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().danger);
            ImGui::TextUnformatted(view.message.c_str());
            ImGui::PopStyleColor();
            TheItemRegistry().RecordLastItem("report-message");
        }
    }
}

// [SECTION] tiles -----------------------------------------------------------------------

struct Tile {
    const char* key;      // for the registry: "report-figure:<key> <value>"
    const char* caption;  // translated
    std::string value;
    std::string detail;  // a second, muted line
};

void DrawTiles(const Fonts& fonts, const std::vector<Tile>& tiles) {
    const float width = ImGui::GetContentRegionAvail().x;
    const int columns = std::max(1, std::min(static_cast<int>(tiles.size()), static_cast<int>(width / 150)));
    if (!ImGui::BeginTable("report-tiles", columns, ImGuiTableFlags_SizingStretchSame)) return;
    for (const Tile& tile : tiles) {
        ImGui::TableNextColumn();
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().text_muted);
        ImGui::TextUnformatted(tile.caption);
        ImGui::PopStyleColor();
        ImGui::PushFont(fonts.heading);
        ImGui::TextUnformatted(tile.value.c_str());
        ImGui::PopFont();
        TheItemRegistry().RecordLastItem(std::string("report-figure:") + tile.key + " " + tile.value);
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().text_muted);
        ImGui::TextUnformatted(tile.detail.empty() ? " " : tile.detail.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::EndTable();
}

std::vector<Tile> TilesOf(const Dashboard& d) {
    const Report& r = d.report;
    std::vector<Tile> tiles;
    auto stats = [](const DurationStats& s) {
        return s.count ? Format(Tr("p90 %s · mean %s"), Duration(s.p90).c_str(), Duration(s.mean).c_str()) : std::string();
    };
    tiles.push_back({"created", Tr("Created"), FormatNumber(static_cast<long long>(r.created)), ""});
    tiles.push_back({"resolved", Tr("Resolved"), FormatNumber(static_cast<long long>(r.resolved)),
                     Format(Tr("%s reopened"), FormatNumber(static_cast<long long>(r.reopened)).c_str())});
    tiles.push_back({"resolution-rate", Tr("Resolution rate"), r.created ? Percent(r.resolution_rate) : "—",
                     Format(Tr("reopened: %s"), r.resolved ? Percent(r.reopened_rate).c_str() : "—")});
    tiles.push_back({"first-response", Tr("First response (median)"), r.first_response.count ? Duration(r.first_response.median) : "—",
                     stats(r.first_response)});
    tiles.push_back({"resolution-time", Tr("Resolution time (median)"), r.resolution.count ? Duration(r.resolution.median) : "—",
                     stats(r.resolution)});
    const SlaCompliance& sla = d.sla;
    tiles.push_back({"sla", Tr("Within SLA"),
                     sla.responses ? Percent(static_cast<double>(sla.responses_met) / static_cast<double>(sla.responses)) : "—",
                     Format(Tr("resolutions: %s"),
                            sla.resolutions ? Percent(static_cast<double>(sla.resolutions_met) / static_cast<double>(sla.resolutions)).c_str()
                                            : "—")});
    tiles.push_back({"satisfaction", Tr("Satisfaction"), r.rated ? FormatDecimal(r.satisfaction_mean, 1) + " / 5" : "—",
                     Counted(static_cast<long long>(r.rated), "%s rating", "%s ratings")});
    return tiles;
}

// [SECTION] charts ----------------------------------------------------------------------

// A section's title with its CSV button at the right.
void SectionHeader(const char* title, const char* csv_key, ReportsViewState& view, const std::string& csv_name,
                   const std::function<std::string()>& csv) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(title);
    const char* label = TrLabel("CSV##csv");
    const float button = ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    // (SameLine's offset counts from a table column's start; SetCursorPosX from the window's.)
    ImGui::SameLine();
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetContentRegionMax().x - button));
    if (ImGui::SmallButton(label)) {
        view.download_name = "tackboard-" + csv_name + "-" + FormatIsoDate(view.period.from) + "-" +
                             FormatIsoDate(view.period.to - 1) + ".csv";
        view.download_text = csv();
    }
    TheItemRegistry().RecordLastItem(std::string("report-csv:") + csv_key);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Download these figures as CSV"));
}

// A card of the dashboard's grid: its header, then what `draw` puts in it.
template <class Draw>
void Card(const char* title, const char* csv_key, ReportsViewState& view, const std::string& csv_name,
          const std::function<std::string()>& csv, Draw draw) {
    ImGui::TableNextColumn();
    ImGui::PushID(csv_key);
    SectionHeader(title, csv_key, view, csv_name, csv);
    draw();
    ImGui::Spacing();
    ImGui::PopID();
}

constexpr float kChartHeight = 210;

std::vector<std::string> BucketLabels(const std::vector<VolumePoint>& volume, Bucket bucket) {
    std::vector<std::string> out;
    for (const VolumePoint& p : volume) out.push_back(BucketLabel(p.start, bucket));
    return out;
}

Chart VolumeChart(const Dashboard& d) {
    Chart c{"volume", ChartKind::Bars, ChartUnit::Count, BucketLabels(d.report.volume, d.bucket), {{Tr("Created"), {}}, {Tr("Resolved"), {}}}, {}};
    for (const VolumePoint& p : d.report.volume) {
        c.series[0].values.push_back(static_cast<double>(p.created));
        c.series[1].values.push_back(static_cast<double>(p.resolved));
    }
    return c;
}

Chart TrendChart(const Dashboard& d) {
    Chart c{"times", ChartKind::Line, ChartUnit::Hours, BucketLabels(d.report.volume, d.bucket),
            {{Tr("First response"), {}}, {Tr("Resolution"), {}}}, {}};
    c.known.resize(2);
    for (const VolumePoint& p : d.report.volume) {
        c.series[0].values.push_back(Hours(p.first_response_median));
        c.series[1].values.push_back(Hours(p.resolution_median));
        // A median of 0 means none in that bucket (an answer in under a millisecond is not a thing).
        c.known[0].push_back(p.first_response_median > 0);
        c.known[1].push_back(p.resolution_median > 0);
    }
    return c;
}

std::vector<std::string> FlowLabels(const FlowReport& flow, const Dashboard& d) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < flow.at.size(); ++i)
        out.push_back(i < d.report.volume.size() ? BucketLabel(d.report.volume[i].start, d.bucket) : FormatShortDate(flow.at[i] - 1));
    return out;
}

Chart FlowChart(const Dashboard& d, const BoardConfig& config) {
    Chart c{"flow", ChartKind::StackedArea, ChartUnit::Count, FlowLabels(d.flow, d), {}, {}};
    for (std::size_t s = 0; s < d.flow.statuses.size(); ++s) {
        ChartSeries series{StatusName(config, d.flow.statuses[s]), {}};
        for (const auto& counts : d.flow.counts) series.values.push_back(static_cast<double>(counts[s]));
        c.series.push_back(std::move(series));
    }
    return c;
}

Chart WipChart(const Dashboard& d) {
    Chart c{"wip", ChartKind::Line, ChartUnit::Count, FlowLabels(d.flow, d), {{Tr("In progress"), {}}}, {}};
    for (std::size_t n : d.flow.wip) c.series[0].values.push_back(static_cast<double>(n));
    return c;
}

std::vector<std::string> DurationBinLabels() {
    static const char* const kLabels[] = {TrNoop("< 1 h"), TrNoop("1–4 h"),   TrNoop("4–24 h"),  TrNoop("1–3 d"),
                                          TrNoop("3–7 d"), TrNoop("1–2 wk"), TrNoop("2–4 wk"), TrNoop("4 wk +")};
    std::vector<std::string> out;
    for (const char* label : kLabels) out.push_back(Tr(label));
    return out;
}

Chart LeadCycleChart(const Dashboard& d) {
    Chart c{"lead-cycle", ChartKind::Bars, ChartUnit::Count, DurationBinLabels(), {{Tr("Lead time"), {}}, {Tr("Cycle time"), {}}}, {}};
    const DurationBins lead = BinDurations(d.flow.lead_times), cycle = BinDurations(d.flow.cycle_times);
    for (std::size_t i = 0; i < kDurationBinCount; ++i) {
        c.series[0].values.push_back(static_cast<double>(lead.counts[i]));
        c.series[1].values.push_back(static_cast<double>(cycle.counts[i]));
    }
    return c;
}

Chart BacklogChart(const Dashboard& d) {
    std::vector<std::string> labels = {Tr("< 1 d"), Tr("1–3 d"), Tr("3–7 d"), Tr("1–4 wk"), Tr("4 wk +")};
    Chart c{"backlog", ChartKind::Histogram, ChartUnit::Count, std::move(labels), {{Tr("Open"), {}}}, {}};
    for (std::size_t n : d.backlog) c.series[0].values.push_back(static_cast<double>(n));
    return c;
}

Chart SatisfactionChart(const Dashboard& d) {
    Chart c{"satisfaction", ChartKind::Bars, ChartUnit::Count, {"1/5", "2/5", "3/5", "4/5", "5/5"}, {{Tr("Ratings"), {}}}, {}};
    for (std::size_t n : d.report.satisfaction) c.series[0].values.push_back(static_cast<double>(n));
    return c;
}

Chart SatisfactionTrend(const Dashboard& d) {
    Chart c{"satisfaction-trend", ChartKind::Line, ChartUnit::Score, BucketLabels(d.report.volume, d.bucket), {{Tr("Mean score"), {}}}, {}};
    c.known.resize(1);
    for (const VolumePoint& p : d.report.volume) {
        c.series[0].values.push_back(p.satisfaction_mean);
        c.known[0].push_back(p.rated > 0);
    }
    return c;
}

// [SECTION] tables: breakdown, people, comments ----------------------------------------

void DrawCounts(const char* title, const Breakdown::Counts& counts, const char* key, float bar_width,
                const std::function<std::string(const std::string&)>& name) {
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().text_muted);
    ImGui::TextUnformatted(title);
    ImGui::PopStyleColor();
    if (counts.empty()) {
        ImGui::TextUnformatted("—");
        return;
    }
    const std::size_t most = counts.front().second;
    const std::size_t shown = std::min<std::size_t>(counts.size(), 6);
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& [value, n] = counts[i];
        const std::string label = value.empty() ? std::string(Tr("(none)")) : name(value);
        const std::string figure = FormatNumber(static_cast<long long>(n));
        // A bar as long as the count (the largest fills it), level with the text after it.
        const float line = ImGui::GetTextLineHeight(), width = bar_width;
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(width, line));
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->AddRectFilled(ImVec2(at.x, at.y + 2), ImVec2(at.x + width, at.y + line - 2), CurrentTheme().column_bg, 3);
        draw->AddRectFilled(ImVec2(at.x, at.y + 2),
                            ImVec2(at.x + width * static_cast<float>(n) / static_cast<float>(std::max<std::size_t>(most, 1)), at.y + line - 2),
                            SeriesColour(0), 3);
        ImGui::SameLine();
        ImGui::TextUnformatted((figure + "  " + label).c_str());
        TheItemRegistry().RecordLastItem(std::string("report-count:") + key + ":" + value + " " + figure);
    }
    if (counts.size() > shown)
        ImGui::TextDisabled("%s", Format(Tr("and %s more"), FormatNumber(static_cast<long long>(counts.size() - shown)).c_str()).c_str());
}

void DrawPeople(const Dashboard& d, const Workload& workload, const BoardConfig& config) {
    std::size_t most = 0;
    for (const PersonReport& p : d.people) most = std::max(most, p.handled);
    if (!ImGui::BeginTable("report-people", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) return;
    ImGui::TableSetupColumn(Tr("Member"), ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn(Tr("Handled"), ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn(Tr("Resolved"), ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn(Tr("Median resolution"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn(Tr("Open / capacity"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableHeadersRow();
    for (const PersonReport& p : d.people) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(MemberName(config, p.member).c_str());
        if (most > 0 && p.handled == most) {  // who handled the most this period
            ImGui::SameLine();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(CurrentTheme().ok), "%s", Tr("most handled"));
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(FormatNumber(static_cast<long long>(p.handled)).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(FormatNumber(static_cast<long long>(p.resolved)).c_str());
        TheItemRegistry().RecordLastItem("report-person:" + p.member + " " + std::to_string(p.handled) + " " + std::to_string(p.resolved));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(p.resolution.count ? Duration(p.resolution.median).c_str() : "—");
        ImGui::TableNextColumn();
        if (const MemberLoad* load = workload.Find(p.member))
            ImGui::TextUnformatted((FormatNumber(load->open) + " / " + FormatNumber(load->capacity)).c_str());
        else
            ImGui::TextUnformatted("—");
    }
    ImGui::EndTable();
}

void DrawComments(const Dashboard& d, const Board& board, UiState& ui) {
    if (d.report.comments.empty()) {
        ImGui::TextDisabled("%s", Tr("No comments with the ratings in this period."));
        return;
    }
    const std::size_t shown = std::min<std::size_t>(d.report.comments.size(), 12);
    for (std::size_t i = 0; i < shown; ++i) {
        const SatisfactionComment& c = d.report.comments[i];
        const Ticket* t = board.Find(c.ticket_id);
        ImGui::PushID(static_cast<int>(i));
        std::string head = std::to_string(c.score) + "/5 · " + FormatDate(c.at) + " · " + (t ? t->title : ShortId(c.ticket_id));
        if (ImGui::Selectable(head.c_str()) && t) OpenTicket(ui, t->id);
        TheItemRegistry().RecordLastItem("report-comment:" + c.ticket_id);
        ImGui::Indent();
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().text_muted);
        ImGui::TextWrapped("%s", c.text.c_str());
        ImGui::PopStyleColor();
        ImGui::Unindent();
        ImGui::PopID();
    }
}

}  // namespace

void DrawReportsView(const App& app, const Fonts& fonts, UiState& ui) {
    ReportsViewState& view = ui.reports;
    Refresh(app, ui, view);
    const Dashboard& d = *view.dashboard;
    const BoardConfig& config = app.board().config();
    DrawHeader(fonts, ui, view);
    ImGui::BeginChild("reports-scroll", ImVec2(0, 0), false);
    ImGui::PushID("summary");
    SectionHeader(Tr("Figures of the period"), "summary", view, "summary", [&] { return SummaryCsv(d); });
    ImGui::PopID();
    DrawTiles(fonts, TilesOf(d));
    ImGui::Spacing();
    const int columns = ImGui::GetContentRegionAvail().x < kNarrowScreen ? 1 : 2;
    if (ImGui::BeginTable("report-grid", columns, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_PadOuterX)) {
        auto chart = [](const Chart& c) { return [c] { DrawChart(c, ImVec2(0, kChartHeight)); }; };
        Card(Tr("Created and resolved"), "volume", view, "volume", [&] { return VolumeCsv(d.report); }, chart(VolumeChart(d)));
        Card(Tr("First response and resolution time (median)"), "times", view, "times", [&] { return VolumeCsv(d.report); },
             chart(TrendChart(d)));
        Card(Tr("Cumulative flow"), "flow", view, "flow", [&] { return FlowCsv(d.flow); }, chart(FlowChart(d, config)));
        Card(Tr("Work in progress"), "wip", view, "wip", [&] { return FlowCsv(d.flow); }, chart(WipChart(d)));
        Card(Tr("Lead and cycle time"), "lead-cycle", view, "lead-cycle-time", [&] { return DurationsCsv(d.flow); }, chart(LeadCycleChart(d)));
        Card(Tr("Open tickets by age"), "backlog", view, "backlog-age", [&] { return BacklogCsv(d.backlog); }, chart(BacklogChart(d)));
        Card(Tr("Satisfaction"), "satisfaction", view, "satisfaction", [&] { return SatisfactionCsv(d.report); }, chart(SatisfactionChart(d)));
        Card(Tr("Satisfaction trend"), "satisfaction-trend", view, "satisfaction-trend", [&] { return VolumeCsv(d.report); },
             chart(SatisfactionTrend(d)));
        Card(Tr("Created by type, priority, label and requester"), "breakdown", view, "breakdown",
             [&] { return BreakdownCsv(d.breakdown); }, [&] {
                 // Two by two, each list in its own group so both of a row start level.
                 const float half = ImGui::GetContentRegionAvail().x / 2, bar = half * 0.4f;
                 auto type = [&](const std::string& id) {
                     const TicketTypeDef* t = config.FindType(id);
                     return t ? std::string(TrName(t->name)) : id;
                 };
                 auto priority = [&](const std::string& id) {
                     const PriorityDef* p = config.FindPriority(id);
                     return p ? std::string(TrName(p->name)) : id;
                 };
                 auto same = [](const std::string& v) { return v; };
                 auto side_by_side = [half](auto&& draw_left, auto&& draw_right) {
                     const float left = ImGui::GetCursorPosX();
                     ImGui::BeginGroup();
                     draw_left();
                     ImGui::EndGroup();
                     ImGui::SameLine();
                     ImGui::SetCursorPosX(left + half);
                     ImGui::BeginGroup();
                     draw_right();
                     ImGui::EndGroup();
                 };
                 side_by_side([&] { DrawCounts(Tr("Type"), d.breakdown.by_type, "type", bar, type); },
                              [&] { DrawCounts(Tr("Priority"), d.breakdown.by_priority, "priority", bar, priority); });
                 ImGui::Spacing();
                 side_by_side([&] { DrawCounts(Tr("Label"), d.breakdown.by_label, "label", bar, same); },
                              [&] { DrawCounts(Tr("Requester"), d.breakdown.by_requester, "requester", bar, same); });
             });
        Card(Tr("People"), "people", view, "people", [&] { return PeopleCsv(d.people); },
             [&] {
                 // The current load is a pass over the board: only when the table is in view.
                 const ImVec2 at = ImGui::GetCursorScreenPos();
                 if (view.workload_revision != app.revision() && ImGui::IsRectVisible(at, ImVec2(at.x + 1, at.y + 200))) {
                     view.workload = ComputeWorkload(app.board());
                     view.workload_revision = app.revision();
                 }
                 DrawPeople(d, view.workload, config);
             });
        Card(Tr("What requesters said"), "comments", view, "satisfaction-comments", [&] { return SatisfactionCommentsCsv(d.report); },
             [&] { DrawComments(d, app.board(), ui); });
        ImGui::EndTable();
    }
    ImGui::EndChild();
}

}  // namespace tackboard
