// board_panel.cpp — the kanban (what it does: board_panel.hpp).
//
// [SECTION] cards and drops   cards, the drop line, where a drop lands and what it changes
// [SECTION] swimlanes         grouping into lanes (cached), lane headers and cells
// [SECTION] bulk bar and toolbar
#include "ui/board_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include "core/rank.hpp"

#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/sprints_view.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

const char* TypeIcon(const BoardConfig& config, const std::string& type_id) {
    if (const TicketTypeDef* type = config.FindType(type_id); type && !type->icon.empty()) return icons::ForType(type->icon);
    if (type_id == "support") return icons::kLifeRing;
    if (type_id == "bug") return icons::kBug;
    if (type_id == "feature") return icons::kLightbulb;
    if (type_id == "incident") return icons::kBolt;
    if (type_id == "change") return icons::kExchange;
    return icons::kTicket;
}

namespace {

using nlohmann::json;
constexpr const char* kTicketPayload = "TICKET";

bool IsSelected(const UiState& ui, const std::string& id) {
    return std::find(ui.selection.begin(), ui.selection.end(), id) != ui.selection.end();
}

// Plain click: this card alone, its panel opens. Ctrl+click: in or out of the selection.
// Shift+click: the run of cards in this column from the last plain or Ctrl click.
void ClickCard(const Board& board, const std::vector<std::size_t>& rows, const Ticket& ticket, UiState& ui) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl || io.KeySuper) {
        if (ui.selection.empty() && !ui.selected_ticket.empty()) ui.selection.push_back(ui.selected_ticket);
        auto it = std::find(ui.selection.begin(), ui.selection.end(), ticket.id);
        if (it != ui.selection.end()) ui.selection.erase(it);
        else ui.selection.push_back(ticket.id);
        ui.selection_anchor = ticket.id;
        return;
    }
    if (io.KeyShift && !ui.selection_anchor.empty()) {
        auto position = [&](const std::string& id) {
            for (std::size_t i = 0; i < rows.size(); ++i)
                if (board.tickets()[rows[i]].id == id) return static_cast<long>(i);
            return -1L;
        };
        long from = position(ui.selection_anchor), to = position(ticket.id);
        if (from >= 0 && to >= 0) {
            ui.selection.clear();
            for (long i = std::min(from, to); i <= std::max(from, to); ++i) ui.selection.push_back(board.tickets()[rows[i]].id);
            return;
        }
    }
    ui.selection = {ticket.id};
    ui.selection_anchor = ticket.id;
    OpenTicket(ui, ticket.id);
}

// "3 h", "45 min", "2 d": how long is left on an SLA clock, rounded down.
std::string ShortDuration(Millis ms) {
    const Millis minutes = std::max<Millis>(ms, 0) / 60000;
    if (minutes < 60) return Format(Tr("%d min"), static_cast<int>(minutes));
    if (minutes < 48 * 60) return Format(Tr("%d h"), static_cast<int>(minutes / 60));
    return Format(Tr("%d d"), static_cast<int>(minutes / (24 * 60)));
}

struct SlaBadge {
    std::string text;
    ImU32 colour;
    std::string tooltip;
    const char* state;  // "running", "at-risk", "late" or "paused", for tests
};

// The SLA clock that matters on a card: the first response until one was given, then
// resolution. Nothing when the board has no SLA or the ticket no running target.
std::optional<SlaBadge> SlaBadgeFor(const Ticket& ticket, const BoardConfig& config, const HelpdeskState& helpdesk) {
    const SlaSettings& sla = helpdesk.loaded->settings.sla;
    if (!sla.enabled) return std::nullopt;
    SlaState clocks = ComputeSla(ticket, config, sla, helpdesk.now);
    bool response = clocks.response.budget > 0 && !clocks.response.completed;
    const SlaClock& clock = response ? clocks.response : clocks.resolution;
    if (clock.budget <= 0 || clock.completed) return std::nullopt;
    const Theme& t = CurrentTheme();
    const char* what = response ? Tr("First response") : Tr("Resolution");
    if (clock.breached)
        return SlaBadge{std::string(icons::kClock) + " " + Tr("late"), t.danger,
                        Format(Tr("%s: SLA target missed by %s"), what, ShortDuration(-clock.remaining).c_str()), "late"};
    std::string left = ShortDuration(clock.remaining);
    std::string tooltip = clock.paused ? Format(Tr("%s: %s left, paused while waiting"), what, left.c_str())
                                       : Format(Tr("%s: %s left"), what, left.c_str());
    const char* state = clock.paused ? "paused" : clock.at_risk ? "at-risk" : "running";
    return SlaBadge{std::string(icons::kClock) + " " + left, clock.at_risk ? t.warning_text : t.text_muted, tooltip, state};
}

// `lane`: the key of the swimlane the card is drawn in (a drag remembers where it came from).
void DrawCard(const Board& board, const std::vector<std::size_t>& rows, const Ticket& ticket, const std::string& lane,
              const Fonts& fonts, UiState& ui) {
    const Theme& t = CurrentTheme();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 min = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    std::string id_label = "##card-" + ticket.id;
    // Pressed means clicked and released on the card: a drag to another column is not a click.
    bool clicked = ImGui::InvisibleButton(id_label.c_str(), ImVec2(width, t.card_height));
    TheItemRegistry().RecordLastItem(ticket.title + id_label);
    bool hovered = ImGui::IsItemHovered();
    if (clicked) {
        ClickCard(board, rows, ticket, ui);
        ui.board.selected_lane = lane;
    }
    // Drag the card to a place in its column, another column or another lane (AcceptDrop).
    if (ImGui::BeginDragDropSource()) {
        ImGui::SetDragDropPayload(kTicketPayload, ticket.id.c_str(), ticket.id.size() + 1);
        ui.board.drag_lane = lane;
        ImGui::TextUnformatted(ticket.title.c_str());
        ImGui::EndDragDropSource();
    }
    if (ImGui::BeginPopupContextItem()) {  // right-click: for the selection when the card is in it
        if (ImGui::Selectable(TrLabel("Add to sprint…##card-menu")))
            OpenAddToSprint(ui, IsSelected(ui, ticket.id) && ui.selection.size() > 1 ? ui.selection
                                                                                     : std::vector<std::string>{ticket.id});
        ImGui::EndPopup();
    }
    bool selected = ui.selected_ticket == ticket.id || IsSelected(ui, ticket.id);

    ImVec2 max(min.x + width, min.y + t.card_height);
    draw->AddRectFilled(min, max, hovered ? t.card_hover : t.card_bg, 6.0f);
    draw->AddRect(min, max, selected ? t.accent : t.card_border, 6.0f, 0, selected ? 2.0f : 1.0f);
    const PriorityDef* priority = board.config().FindPriority(ticket.priority);
    ImU32 priority_colour = priority ? priority->colour : t.card_border;
    draw->AddRectFilled(min, ImVec2(min.x + 4, max.y), priority_colour, 6.0f, ImDrawFlags_RoundCornersLeft);

    const float pad = 12.0f;
    ImGui::PushFont(fonts.strong);
    draw->AddText(ImVec2(min.x + pad, min.y + 10), t.text_muted, TypeIcon(board.config(), ticket.type));
    // The title on up to two lines, wrapped at words; "…" when even that is not enough.
    const float title_width = width - pad * 2 - 22;
    const char* title = ticket.title.c_str();
    const char* title_end = title + ticket.title.size();
    ImFont* font = ImGui::GetFont();
    const char* wrap = font->CalcWordWrapPositionA(ImGui::GetFontSize() / font->FontSize, title, title_end, title_width);
    if (wrap <= title) wrap = title_end;  // a single word longer than the line
    ImVec2 title_pos(min.x + pad + 22, min.y + 10);
    if (wrap >= title_end) {
        TextEllipsis(draw, title_pos, t.text, title, title_width);
    } else {
        draw->AddText(font, ImGui::GetFontSize(), title_pos, t.text, title, wrap);
        while (wrap < title_end && (*wrap == ' ' || *wrap == '\n')) ++wrap;
        TextEllipsis(draw, ImVec2(title_pos.x, title_pos.y + ImGui::GetTextLineHeight() + 2), t.text, wrap, title_width);
    }
    ImGui::PopFont();

    // Bottom line: priority and assignee, then the SLA clock when one runs, and the short
    // id at the right. When both names do not fit, the assignee keeps its room: the dot and
    // the bar already show the priority.
    const float meta_y = max.y - 28;
    std::string short_id = ShortId(ticket.id);
    ImVec2 id_size = ImGui::CalcTextSize(short_id.c_str());
    float right = max.x - pad - id_size.x;
    draw->AddText(ImVec2(right, meta_y), t.text_muted, short_id.c_str());
    if (auto sla = SlaBadgeFor(ticket, board.config(), ui.helpdesk)) {
        ImVec2 size = ImGui::CalcTextSize(sla->text.c_str());
        right -= size.x + 10;
        draw->AddText(ImVec2(right, meta_y), sla->colour, sla->text.c_str());
        ImVec2 sla_max(right + size.x, meta_y + size.y);
        TheItemRegistry().Record(("sla:" + ticket.title).c_str(), {right, meta_y, size.x, size.y});
        TheItemRegistry().Record(("sla:" + ticket.title + " " + sla->state).c_str(), {right, meta_y, size.x, size.y});
        if (hovered && ImGui::IsMouseHoveringRect(ImVec2(right, meta_y), sla_max))
            ImGui::SetTooltip("%s", sla->tooltip.c_str());
    }
    const float meta_x = min.x + pad + 16;
    const float meta_width = right - 8 - meta_x;
    std::string meta = priority ? TrName(priority->name) : ticket.priority;
    if (!ticket.assignee.empty()) {
        const MemberDef* member = board.config().FindMember(ticket.assignee);
        std::string who = std::string(icons::kUser) + " " + (member ? member->name : ticket.assignee);
        std::string both = meta + "  " + who;
        meta = ImGui::CalcTextSize(both.c_str()).x <= meta_width ? both : who;
    }
    draw->AddCircleFilled(ImVec2(min.x + pad + 5, meta_y + 8), 4.5f, priority_colour);
    TextEllipsis(draw, ImVec2(meta_x, meta_y), t.text_muted, meta.c_str(), meta_width);
}

// [SECTION] cards and drops --------------------------------------------------------

float CardPitch() {
    const Theme& t = CurrentTheme();
    return t.card_height + t.card_gap;
}

// Where a run of cards was drawn, to place a drop among them.
struct CardsArea {
    float first_y = 0;  // screen y of the first card's top, as scrolled
    ImVec2 min, max;    // the visible rectangle
};

// Scrolls the current window so the card `ui.board.scroll_to` (j/k, arrows) is in view,
// when it is among `rows`, whose first card's top is at `first_local_y` (window content).
void ScrollToCard(const Board& board, const std::vector<std::size_t>& rows, float first_local_y, const UiState& ui) {
    if (ui.board.scroll_to.empty()) return;
    const auto& tickets = board.tickets();
    auto found = std::find_if(rows.begin(), rows.end(), [&](std::size_t r) { return tickets[r].id == ui.board.scroll_to; });
    if (found == rows.end()) return;
    float top = first_local_y + static_cast<float>(found - rows.begin()) * CardPitch();
    float bottom = top + CurrentTheme().card_height;
    float pad = ImGui::GetStyle().WindowPadding.y;
    float view_top = ImGui::GetScrollY(), view_height = ImGui::GetWindowHeight();
    if (top < view_top + pad) ImGui::SetScrollY(top - pad);
    else if (bottom > view_top + view_height - pad) ImGui::SetScrollY(bottom - view_height + pad);
}

// The cards of a column, or of one lane's part of it, in a child window of `size`. Only
// the visible ones are drawn, so a column of 100k costs what 10 cost.
CardsArea DrawCards(const Board& board, const std::vector<std::size_t>& rows, const std::string& lane,
                    const std::string& child_id, ImVec2 size, bool say_empty, const Fonts& fonts, UiState& ui) {
    const Theme& t = CurrentTheme();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, t.card_gap));
    ImGui::BeginChild(child_id.c_str(), size, false);
    ImVec2 pos = ImGui::GetWindowPos(), extent = ImGui::GetWindowSize();
    CardsArea area{ImGui::GetCursorScreenPos().y, pos, ImVec2(pos.x + extent.x, pos.y + extent.y)};
    ScrollToCard(board, rows, ImGui::GetCursorPosY(), ui);
    if (rows.empty() && say_empty) {
        ImGui::PushStyleColor(ImGuiCol_Text, t.text_muted);
        ImGui::TextUnformatted(Tr("No tickets"));
        ImGui::PopStyleColor();
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), CardPitch());
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
            DrawCard(board, rows, board.tickets()[rows[i]], lane, fonts, ui);
    clipper.End();
    ImGui::EndChild();
    ImGui::PopStyleVar();
    return area;
}

// Where a card dragged over `area` would land: before the card under the mouse's upper
// half, after it from its middle on.
std::size_t DropPosition(const CardsArea& area, std::size_t count) {
    float y = ImGui::GetMousePos().y - area.first_y + CardPitch() / 2;
    if (y <= 0) return 0;
    return std::min(count, static_cast<std::size_t>(y / CardPitch()));
}

// The line in the gap where the card will land; red when the workflow forbids the move.
void DrawDropLine(const CardsArea& area, std::size_t position, bool allowed) {
    const Theme& t = CurrentTheme();
    float y = area.first_y + static_cast<float>(position) * CardPitch() - t.card_gap / 2;
    y = std::clamp(y, area.min.y + 3, area.max.y - 3);
    ImU32 colour = allowed ? t.accent : t.danger;
    float left = area.min.x + 6, right = area.max.x - 6;
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    draw->PushClipRect(area.min, area.max);
    draw->AddLine(ImVec2(left, y), ImVec2(right, y), colour, 3.0f);
    draw->AddCircleFilled(ImVec2(left, y), 4.5f, colour);
    draw->AddCircleFilled(ImVec2(right, y), 4.5f, colour);
    draw->PopClipRect();
}

// What a drop lands in: a column and, with swimlanes, one lane of it.
struct DropTarget {
    const StatusDef* status = nullptr;
    Swimlanes field = Swimlanes::None;
    std::string lane;  // the lane's value of `field`
};

// What a card dropped into `target` changes besides its place: its status, and the
// lane's field. Between label lanes the label of the lane it came from is swapped for
// the new lane's (the "No label" lane only takes the old one away).
json PlacementFor(const Ticket& t, const DropTarget& target, const std::string& from_lane) {
    json set = json::object();
    if (t.status != target.status->id) set["status"] = target.status->id;
    const std::string& key = target.lane;
    switch (target.field) {
        case Swimlanes::None: break;
        case Swimlanes::Assignee:
            if (t.assignee != key) set["assignee"] = key;
            break;
        case Swimlanes::Priority:
            if (t.priority != key) set["priority"] = key;
            break;
        case Swimlanes::Type:
            if (t.type != key) set["type"] = key;
            break;
        case Swimlanes::Label: {
            std::vector<std::string> labels = t.labels;
            if (from_lane != key) std::erase(labels, from_lane);
            if (!key.empty() && std::find(labels.begin(), labels.end(), key) == labels.end()) labels.push_back(key);
            if (labels != t.labels) set["labels"] = labels;
            break;
        }
    }
    return set;
}

// Puts the dropped card (or the selection it belongs to: dragging one selected card moves
// them all) at `position` among `rows` of `target`.
void Drop(const Board& board, const std::vector<std::size_t>& rows, std::size_t position, const Ticket& dragged,
          const DropTarget& target, UiState& ui, std::vector<Request>& requests) {
    std::vector<std::string> ids = IsSelected(ui, dragged.id) ? ui.selection : std::vector<std::string>{dragged.id};
    const std::string from_lane = ui.board.drag_lane;
    MoveTicketRequest move{ids, target.status->id};
    move.changes = PlaceTickets(board, rows, position, ids, [&](const std::string& id) {
        return PlacementFor(*board.Find(id), target, from_lane);
    });
    if (!move.changes.empty()) requests.push_back(std::move(move));
}

// Makes the last item (a column or a lane's cell) take dropped cards: the drop line
// while one hovers, and on release the request that puts it (or the selection it
// belongs to) at that place. Refusals (workflow, required fields) come back from the
// App as the board message.
void AcceptDrop(const Board& board, const std::vector<std::size_t>& rows, const CardsArea& area,
                const DropTarget& target, UiState& ui, std::vector<Request>& requests) {
    if (!ImGui::BeginDragDropTarget()) return;
    const ImGuiPayload* payload = ImGui::AcceptDragDropPayload(
        kTicketPayload, ImGuiDragDropFlags_AcceptBeforeDelivery | ImGuiDragDropFlags_AcceptNoDrawDefaultRect);
    const Ticket* dragged = payload ? board.Find(static_cast<const char*>(payload->Data)) : nullptr;
    if (dragged) {
        std::size_t position = DropPosition(area, rows.size());
        DrawDropLine(area, position, board.config().TransitionAllowed(dragged->status, target.status->id));
        if (payload->IsDelivery()) Drop(board, rows, position, *dragged, target, ui, requests);
    }
    ImGui::EndDragDropTarget();
}

// A folded lane's header takes cards too: each goes into that lane and keeps its column,
// at the top of the lane's cell there.
void AcceptDropOnFoldedLane(const Board& board, const BoardLanes::Lane& lane, Swimlanes field, UiState& ui,
                            std::vector<Request>& requests) {
    if (!ImGui::BeginDragDropTarget()) return;
    const ImGuiPayload* payload = ImGui::AcceptDragDropPayload(
        kTicketPayload, ImGuiDragDropFlags_AcceptBeforeDelivery | ImGuiDragDropFlags_AcceptNoDrawDefaultRect);
    const Ticket* dragged = payload ? board.Find(static_cast<const char*>(payload->Data)) : nullptr;
    const StatusDef* status = dragged ? board.config().FindStatus(dragged->status) : nullptr;
    if (status) {
        ImGui::GetForegroundDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), CurrentTheme().accent,
                                                4.0f, 0, 3.0f);
        if (payload->IsDelivery()) {
            static const std::vector<std::size_t> kNoRows;
            auto cell = lane.columns.find(status->id);
            Drop(board, cell == lane.columns.end() ? kNoRows : cell->second, 0, *dragged, DropTarget{status, field, lane.key},
                 ui, requests);
        }
    }
    ImGui::EndDragDropTarget();
}

// Name, count, and WIP limit when set (red once over it). A status given a colour in the
// settings shows it as a dot before its name; without one the header looks as it always did.
void DrawColumnHeader(const StatusDef& status, std::size_t count, const Fonts& fonts) {
    const Theme& t = CurrentTheme();
    if (status.colour != 0) {
        const float size = ImGui::GetTextLineHeight();
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + size * 0.35f, at.y + size * 0.5f), size * 0.3f, status.colour);
        ImGui::Dummy(ImVec2(size * 0.7f, size));
        TheItemRegistry().RecordLastItem("column-colour:" + status.name);
        ImGui::SameLine(0, 4);
    }
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(TrName(status.name));
    ImGui::PopFont();
    ImGui::SameLine();
    bool over_limit = status.wip_limit > 0 && static_cast<int>(count) > status.wip_limit;
    std::string text = status.wip_limit > 0 ? FormatNumber(count) + " / " + FormatNumber(status.wip_limit)
                                            : FormatNumber(count);
    ImGui::PushStyleColor(ImGuiCol_Text, over_limit ? t.danger : t.text_muted);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
}

void DrawColumn(const Board& board, const StatusDef& status, const Fonts& fonts, UiState& ui, ImVec2 size,
                std::vector<Request>& requests) {
    const Theme& t = CurrentTheme();
    const auto& rows = StatusRows(board, ui.filter, status.id);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, t.column_bg);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10, 10));
    ImGui::BeginChild(("column-" + status.id).c_str(), size, false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    DrawColumnHeader(status, rows.size(), fonts);
    ImGui::Spacing();
    CardsArea area = DrawCards(board, rows, {}, "cards-" + status.id, ImVec2(0, 0), true, fonts, ui);
    ImGui::EndChild();
    TheItemRegistry().RecordLastItem("column:" + status.name);  // the whole column takes drops
    AcceptDrop(board, rows, area, DropTarget{&status, Swimlanes::None, {}}, ui, requests);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

// [SECTION] swimlanes ---------------------------------------------------------------

// The lane values of one ticket: a card with several labels is in each label's lane.
template <class Visit>
void ForEachLaneKey(const Ticket& t, Swimlanes field, Visit&& visit) {
    switch (field) {
        case Swimlanes::None: break;
        case Swimlanes::Assignee: visit(t.assignee); break;
        case Swimlanes::Priority: visit(t.priority); break;
        case Swimlanes::Type: visit(t.type); break;
        case Swimlanes::Label:
            if (t.labels.empty()) visit(std::string());
            for (const auto& label : t.labels) visit(label);
            break;
    }
}

// Groups the shown cards into lanes: the configured values first, in their order (so an
// empty lane still takes drops), then values only tickets have, sorted, then "Unassigned"
// or "No label". Done again only when the board, the filter or the field changes.
void RefreshLanes(const Board& board, const BoardFilter& filter, BoardView& view) {
    BoardLanes& cache = view.lanes;
    if (cache.field == view.swimlanes && cache.revision == filter.applied_revision && cache.filter == filter.applied_text)
        return;
    cache = BoardLanes{};
    cache.field = view.swimlanes;
    cache.revision = filter.applied_revision;
    cache.filter = filter.applied_text;
    const BoardConfig& config = board.config();
    std::unordered_map<std::string, std::size_t> index;
    auto add_lane = [&](const std::string& key, const std::string& name) {
        if (index.emplace(key, cache.lanes.size()).second) cache.lanes.push_back(BoardLanes::Lane{key, name, 0, {}});
    };
    const char* none = nullptr;
    switch (view.swimlanes) {
        case Swimlanes::None: return;
        case Swimlanes::Assignee:
            for (const auto& m : config.members) add_lane(m.id, m.name);
            none = Tr("Unassigned");
            break;
        case Swimlanes::Priority:
            for (const auto& p : config.priorities) add_lane(p.id, p.name);
            break;
        case Swimlanes::Type:
            for (const auto& type : config.types) add_lane(type.id, type.name);
            break;
        case Swimlanes::Label:
            for (const auto& l : config.labels) add_lane(l.name, l.name);
            none = Tr("No label");
            break;
    }
    const auto& tickets = board.tickets();
    std::set<std::string> others;
    for (const auto& status : config.statuses)
        for (std::size_t row : StatusRows(board, filter, status.id))
            ForEachLaneKey(tickets[row], view.swimlanes, [&](const std::string& key) {
                if (!key.empty() && !index.count(key)) others.insert(key);
            });
    for (const auto& key : others) add_lane(key, key);
    if (none) add_lane("", none);
    for (const auto& status : config.statuses)
        for (std::size_t row : StatusRows(board, filter, status.id))
            ForEachLaneKey(tickets[row], view.swimlanes, [&](const std::string& key) {
                auto it = index.find(key);
                if (it == index.end()) return;
                BoardLanes::Lane& lane = cache.lanes[it->second];
                lane.columns[status.id].push_back(row);
                ++lane.count;
            });
}

std::string CollapseKey(Swimlanes field, const std::string& lane) {
    return std::to_string(static_cast<int>(field)) + ":" + lane;
}

// One lane: a header that folds it, then a row of cells, one per column, each scrolling
// its own cards (at most kLaneCards high) and taking drops.
constexpr float kLaneCards = 3.5f;

void DrawLane(const Board& board, const BoardLanes::Lane& lane, const Fonts& fonts, UiState& ui, float column_width,
              std::vector<Request>& requests) {
    const Theme& t = CurrentTheme();
    const auto& statuses = board.config().statuses;
    const Swimlanes field = ui.board.swimlanes;
    auto& collapsed = ui.board.collapsed;
    const std::string fold_key = CollapseKey(field, lane.key);
    bool folded = std::find(collapsed.begin(), collapsed.end(), fold_key) != collapsed.end();

    // The selected card's lane opens and scrolls into view (j/k, arrows): the lane it was
    // picked in, else the first lane holding it.
    bool has_target = false;
    if (!ui.board.scroll_to.empty() && (ui.board.selected_lane.empty() || ui.board.selected_lane == lane.key))
        for (const auto& [status, rows] : lane.columns)
            for (std::size_t row : rows)
                if (board.tickets()[row].id == ui.board.scroll_to) has_target = true;
    if (has_target) ui.board.selected_lane = lane.key;
    if (has_target && folded) {
        std::erase(collapsed, fold_key);
        folded = false;
    }
    const float lane_top = ImGui::GetCursorPosY();

    std::string header = TrName(lane.name) + std::string("  (") + FormatNumber(lane.count) + ")###lane-" + lane.key;
    ImGui::SetNextItemOpen(!folded);
    bool open = ImGui::CollapsingHeader(header.c_str());
    TheItemRegistry().RecordLastItem("lane:" + lane.name);
    if (open == folded) {  // clicked: fold or unfold
        if (open) std::erase(collapsed, fold_key);
        else collapsed.push_back(fold_key);
    }
    if (!open) {
        AcceptDropOnFoldedLane(board, lane, field, ui, requests);
        return;
    }

    std::size_t tallest = 0;
    for (const auto& [status, rows] : lane.columns) tallest = std::max(tallest, rows.size());
    // An empty lane stays low, but tall enough to drop a card into.
    float cards = tallest == 0 ? 0.5f : std::min(static_cast<float>(tallest), kLaneCards);
    float height = cards * CardPitch() - t.card_gap;
    static const std::vector<std::size_t> kNoRows;
    bool first = true;
    for (const auto& status : statuses) {
        if (!first) ImGui::SameLine(0, t.column_gap);
        first = false;
        auto cell = lane.columns.find(status.id);
        const auto& rows = cell == lane.columns.end() ? kNoRows : cell->second;
        ImGui::PushStyleColor(ImGuiCol_ChildBg, t.column_bg);
        CardsArea area = DrawCards(board, rows, lane.key, "cell-" + status.id, ImVec2(column_width, height), false,
                                   fonts, ui);
        TheItemRegistry().RecordLastItem("cell:" + lane.name + "/" + status.name);
        AcceptDrop(board, rows, area, DropTarget{&status, field, lane.key}, ui, requests);
        ImGui::PopStyleColor();
    }
    if (has_target) {  // bring the whole lane into the lanes' view
        float bottom = ImGui::GetCursorPosY();
        float view_top = ImGui::GetScrollY(), view_height = ImGui::GetWindowHeight();
        if (lane_top < view_top) ImGui::SetScrollY(lane_top);
        else if (bottom > view_top + view_height) ImGui::SetScrollY(std::min(lane_top, bottom - view_height));
    }
    ImGui::Spacing();
}

// The board in swimlanes: the column headers stay on top, the lanes scroll below them.
void DrawLanes(const Board& board, const Fonts& fonts, UiState& ui, ImVec2 column_size, std::vector<Request>& requests) {
    const Theme& t = CurrentTheme();
    const auto& statuses = board.config().statuses;
    RefreshLanes(board, ui.filter, ui.board);
    const float count = static_cast<float>(statuses.size());
    const float width = column_size.x * count + t.column_gap * (count - 1);
    const float header_height = ImGui::GetTextLineHeightWithSpacing() + 16;
    bool first = true;
    for (const auto& status : statuses) {
        if (!first) ImGui::SameLine(0, t.column_gap);
        first = false;
        ImGui::PushStyleColor(ImGuiCol_ChildBg, t.column_bg);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10, 8));
        ImGui::BeginChild(("lane-head-" + status.id).c_str(), ImVec2(column_size.x, header_height), false,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        DrawColumnHeader(status, StatusRows(board, ui.filter, status.id).size(), fonts);
        ImGui::EndChild();
        TheItemRegistry().RecordLastItem("column:" + status.name);
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    }
    // Wide enough for the columns and the lanes' own scrollbar, which stays out of them.
    float lanes_height = column_size.y - header_height - ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("lanes", ImVec2(width + ImGui::GetStyle().ScrollbarSize, lanes_height), false);
    for (std::size_t i = 0; i < ui.board.lanes.lanes.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        DrawLane(board, ui.board.lanes.lanes[i], fonts, ui, column_size.x, requests);
        ImGui::PopID();
    }
    ImGui::EndChild();
}

// [SECTION] bulk bar and toolbar ------------------------------------------------------

json BulkUpdate(const std::vector<std::string>& ids, const std::function<json(const std::string&)>& set_for) {
    json changes = json::array();
    for (const auto& id : ids)
        if (json set = set_for(id); !set.is_null()) changes.push_back({{"op", "update"}, {"id", id}, {"set", set}});
    return changes.empty() ? json() : json{{"op", "batch"}, {"changes", std::move(changes)}};
}

// A text field and its button inside a combo: true (and the combo closes) when a
// non-empty value is submitted with Enter or the button.
bool TypedValue(const char* id, std::string& text, const char* hint, const char* button) {
    ImGui::SetNextItemWidth(140);
    bool enter = InputString((std::string("##") + id).c_str(), text, hint, 0.0f, ImGuiInputTextFlags_EnterReturnsTrue);
    bool pressed = ImGui::Button((std::string(button) + "##" + id).c_str());
    if (!(enter || pressed) || text.empty()) return false;
    ImGui::CloseCurrentPopup();
    return true;
}

// Shown while several cards are selected: move, assign or label them all as one change
// (one undo step; nothing changes if any of them refuses).
void DrawBulkBar(const Board& board, UiState& ui, std::vector<Request>& requests) {
    // Forget cards that are gone (deleted elsewhere, or undone).
    std::erase_if(ui.selection, [&](const std::string& id) {
        const Ticket* t = board.Find(id);
        return !t || t->deleted;
    });
    if (ui.selection.size() < 2) return;
    const BoardConfig& config = board.config();
    std::string count = Format(Tr("%s selected"), FormatNumber(ui.selection.size()).c_str());
    ImGui::TextUnformatted(count.c_str());
    TheItemRegistry().RecordLastItem(count + "##bulk");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(150);
    if (BeginRecordedCombo("##bulk-move", Tr("Move to…"))) {
        for (const auto& s : config.statuses)
            if (ImGui::Selectable(NameLabel(s.name, "##bulk-move").c_str())) {
                MoveTicketRequest move{{}, s.id};
                for (const auto& id : ui.selection)
                    if (board.Find(id)->status != s.id) move.ids.push_back(id);
                if (!move.ids.empty()) requests.push_back(std::move(move));
            }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(150);
    if (BeginRecordedCombo("##bulk-assign", Tr("Assign to…"))) {
        auto assign = [&](const std::string& member) {
            json change = BulkUpdate(ui.selection, [&](const std::string& id) {
                return board.Find(id)->assignee == member ? json() : json{{"assignee", member}};
            });
            if (!change.is_null()) requests.push_back(ChangeRequest{std::move(change)});
        };
        if (ImGui::Selectable(TrLabel("Nobody##bulk-assign"))) assign("");
        for (const auto& m : config.members)
            if (ImGui::Selectable((m.name + "##bulk-assign").c_str())) assign(m.id);
        if (config.members.empty() && TypedValue("bulk-assignee", ui.bulk_assignee, Tr("Name"), Tr("Assign")))
            assign(ui.bulk_assignee);  // no member list: names as typed
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(150);
    if (BeginRecordedCombo("##bulk-label", Tr("Add label…"))) {
        auto label_all = [&](const std::string& label) {
            json change = BulkUpdate(ui.selection, [&](const std::string& id) {
                std::vector<std::string> labels = board.Find(id)->labels;
                if (std::find(labels.begin(), labels.end(), label) != labels.end()) return json();
                labels.push_back(label);
                return json{{"labels", labels}};
            });
            if (!change.is_null()) requests.push_back(ChangeRequest{std::move(change)});
        };
        for (const auto& l : config.labels)
            if (ImGui::Selectable((l.name + "##bulk-label").c_str())) label_all(l.name);
        if (TypedValue("bulk-new-label", ui.bulk_label, Tr("New label"), Tr("Add"))) {
            label_all(ui.bulk_label);
            ui.bulk_label.clear();
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Add to sprint…##bulk"))) OpenAddToSprint(ui, ui.selection);
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Clear selection##bulk"))) ui.selection.clear();
}

const char* SwimlaneName(Swimlanes field) {
    switch (field) {
        case Swimlanes::None: return Tr("None");
        case Swimlanes::Assignee: return Tr("Assignee");
        case Swimlanes::Priority: return Tr("Priority");
        case Swimlanes::Type: return Tr("Type");
        case Swimlanes::Label: return Tr("Label");
    }
    return "";
}

// "Swimlanes: none / assignee / priority / type / label" (items "swimlane-none"...).
void DrawSwimlaneChoice(UiState& ui) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr("Swimlanes:"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(130);
    if (BeginRecordedCombo("##swimlanes", SwimlaneName(ui.board.swimlanes))) {
        for (const auto& [field, key] : kSwimlaneKeys) {
            std::string id = std::string("swimlane-") + key;
            if (ImGui::Selectable(TrId(SwimlaneName(field), id.c_str()), field == ui.board.swimlanes))
                ui.board.swimlanes = field;
        }
        ImGui::EndCombo();
    }
}

// With the columns scrolling sideways, brings the column of `ui.board.scroll_to` into view.
void ScrollToColumn(const Board& board, const UiState& ui, float column_width) {
    const Ticket* target = board.Find(ui.board.scroll_to);
    if (!target) return;
    const auto& statuses = board.config().statuses;
    const float gap = CurrentTheme().column_gap;
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        if (statuses[i].id != target->status) continue;
        float left = static_cast<float>(i) * (column_width + gap);
        float view = ImGui::GetScrollX(), width = ImGui::GetWindowWidth();
        if (left < view) ImGui::SetScrollX(left);
        else if (left + column_width > view + width) ImGui::SetScrollX(left + column_width - width);
    }
}

}  // namespace

void DrawWipConfirm(UiState& ui, std::vector<Request>& requests) {
    auto& confirm = ui.wip_confirm;
    if (confirm.open_requested) {
        ImGui::OpenPopup(TrLabel("Over the WIP limit##wip"));
        confirm.open_requested = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(TrLabel("Over the WIP limit##wip"), nullptr,
                                ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings))
        return;
    ImGui::TextUnformatted(confirm.message.c_str());
    TheItemRegistry().RecordLastItem("wip-message");
    if (PrimaryButton(TrLabel("Move anyway##wip"))) {
        MoveTicketRequest move = confirm.move;
        move.confirmed = true;
        requests.push_back(std::move(move));
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Cancel##wip")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        confirm = {};
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void DrawBoardPanel(const Board& board, const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    const Theme& t = CurrentTheme();
    if (!ui.board_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, t.danger);
        ImGui::TextUnformatted((std::string(icons::kWarning) + " " + ui.board_message).c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem(ui.board_message + "##board-message");
        ImGui::SameLine();
        if (ImGui::SmallButton(TrLabel("OK##board-message"))) ui.board_message.clear();
    }
    DrawSwimlaneChoice(ui);
    DrawBulkBar(board, ui, requests);  // its own line: beside the choice it would not fit a narrow board
    ImGui::BeginChild("board", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    // Columns share the width; below a readable minimum the board scrolls sideways.
    const auto& statuses = board.config().statuses;
    float count = static_cast<float>(statuses.size());
    ImVec2 avail = ImGui::GetContentRegionAvail();
    float fitted = std::floor((avail.x - t.column_gap * (count - 1)) / count);
    bool scrolls = fitted < t.column_min_width;
    ImVec2 size(scrolls ? t.column_min_width : fitted,
                avail.y - (scrolls ? ImGui::GetStyle().ScrollbarSize + 4 : 0));
    ScrollToColumn(board, ui, size.x);
    if (ui.board.swimlanes == Swimlanes::None) {
        bool first = true;
        for (const auto& status : statuses) {
            if (!first) ImGui::SameLine(0, t.column_gap);
            first = false;
            DrawColumn(board, status, fonts, ui, size, requests);
        }
    } else {
        DrawLanes(board, fonts, ui, size, requests);
    }
    ImGui::EndChild();
    ui.board.scroll_to.clear();  // asked once: the scroll itself happens next frame
}

}  // namespace tackboard
