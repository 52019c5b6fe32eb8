#include "ui/board_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

const char* TypeIcon(const std::string& type_id) {
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

void DrawCard(const Board& board, const std::vector<std::size_t>& rows, const Ticket& ticket, const Fonts& fonts,
              UiState& ui) {
    const Theme& t = CurrentTheme();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 min = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    std::string id_label = "##card-" + ticket.id;
    // Pressed means clicked and released on the card: a drag to another column is not a click.
    bool clicked = ImGui::InvisibleButton(id_label.c_str(), ImVec2(width, t.card_height));
    TheItemRegistry().RecordLastItem(ticket.title + id_label);
    bool hovered = ImGui::IsItemHovered();
    if (clicked) ClickCard(board, rows, ticket, ui);
    // Drag the card onto another column to move it (the columns accept the drop).
    if (ImGui::BeginDragDropSource()) {
        ImGui::SetDragDropPayload(kTicketPayload, ticket.id.c_str(), ticket.id.size() + 1);
        ImGui::TextUnformatted(ticket.title.c_str());
        ImGui::EndDragDropSource();
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
    draw->AddText(ImVec2(min.x + pad, min.y + 10), t.text_muted, TypeIcon(ticket.type));
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

    const float meta_y = max.y - 28;
    std::string meta = priority ? priority->name : ticket.priority;
    if (!ticket.assignee.empty()) meta += std::string("  ") + icons::kUser + " " + ticket.assignee;
    draw->AddCircleFilled(ImVec2(min.x + pad + 5, meta_y + 8), 4.5f, priority_colour);
    TextEllipsis(draw, ImVec2(min.x + pad + 16, meta_y), t.text_muted, meta.c_str(), width - pad * 2 - 90);
    std::string short_id = ShortId(ticket.id);
    ImVec2 id_size = ImGui::CalcTextSize(short_id.c_str());
    draw->AddText(ImVec2(max.x - pad - id_size.x, meta_y), t.text_muted, short_id.c_str());
}

void DrawColumn(const Board& board, const StatusDef& status, const Fonts& fonts, UiState& ui, ImVec2 size,
                std::vector<Request>& requests) {
    const Theme& t = CurrentTheme();
    const auto& rows = StatusRows(board, ui.filter, status.id);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, t.column_bg);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10, 10));
    ImGui::BeginChild(("column-" + status.id).c_str(), size, false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);

    // Header: name, count, and WIP limit when set (red once over it).
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(status.name.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    bool over_limit = status.wip_limit > 0 && static_cast<int>(rows.size()) > status.wip_limit;
    std::string count = status.wip_limit > 0 ? std::to_string(rows.size()) + " / " + std::to_string(status.wip_limit)
                                             : std::to_string(rows.size());
    ImGui::PushStyleColor(ImGuiCol_Text, over_limit ? t.danger : t.text_muted);
    ImGui::TextUnformatted(count.c_str());
    ImGui::PopStyleColor();
    ImGui::Spacing();

    // Cards: only the visible ones are drawn, so a column of 100k costs what 10 cost.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, t.card_gap));
    ImGui::BeginChild(("cards-" + status.id).c_str(), ImVec2(0, 0), false);
    if (rows.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, t.text_muted);
        ImGui::TextUnformatted("No tickets");
        ImGui::PopStyleColor();
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), t.card_height + t.card_gap);
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
            DrawCard(board, rows, board.tickets()[rows[i]], fonts, ui);
    clipper.End();
    ImGui::EndChild();
    ImGui::PopStyleVar();

    ImGui::EndChild();
    TheItemRegistry().RecordLastItem("column:" + status.name);  // the whole column
    if (ImGui::BeginDragDropTarget()) {
        if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload(kTicketPayload)) {
            std::string id(static_cast<const char*>(payload->Data));
            // Dragging one card of a selection moves the whole selection.
            std::vector<std::string> dragged = IsSelected(ui, id) ? ui.selection : std::vector<std::string>{id};
            MoveTicketRequest move{{}, status.id};
            for (const auto& d : dragged)
                if (const Ticket* ticket = board.Find(d); ticket && ticket->status != status.id) move.ids.push_back(d);
            if (!move.ids.empty()) requests.push_back(std::move(move));
        }
        ImGui::EndDragDropTarget();
    }
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

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
    std::string count = std::to_string(ui.selection.size()) + " selected";
    ImGui::TextUnformatted(count.c_str());
    TheItemRegistry().RecordLastItem(count + "##bulk");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(150);
    if (BeginRecordedCombo("##bulk-move", "Move to…")) {
        for (const auto& s : config.statuses)
            if (ImGui::Selectable((s.name + "##bulk-move").c_str())) {
                MoveTicketRequest move{{}, s.id};
                for (const auto& id : ui.selection)
                    if (board.Find(id)->status != s.id) move.ids.push_back(id);
                if (!move.ids.empty()) requests.push_back(std::move(move));
            }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(150);
    if (BeginRecordedCombo("##bulk-assign", "Assign to…")) {
        auto assign = [&](const std::string& member) {
            json change = BulkUpdate(ui.selection, [&](const std::string& id) {
                return board.Find(id)->assignee == member ? json() : json{{"assignee", member}};
            });
            if (!change.is_null()) requests.push_back(ChangeRequest{std::move(change)});
        };
        if (ImGui::Selectable("Nobody##bulk-assign")) assign("");
        for (const auto& m : config.members)
            if (ImGui::Selectable((m.name + "##bulk-assign").c_str())) assign(m.id);
        if (config.members.empty() && TypedValue("bulk-assignee", ui.bulk_assignee, "Name", "Assign"))
            assign(ui.bulk_assignee);  // no member list: names as typed
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(150);
    if (BeginRecordedCombo("##bulk-label", "Add label…")) {
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
        if (TypedValue("bulk-new-label", ui.bulk_label, "New label", "Add")) {
            label_all(ui.bulk_label);
            ui.bulk_label.clear();
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::Button("Clear selection##bulk")) ui.selection.clear();
}

}  // namespace

void DrawWipConfirm(UiState& ui, std::vector<Request>& requests) {
    auto& confirm = ui.wip_confirm;
    if (confirm.open_requested) {
        ImGui::OpenPopup("Over the WIP limit##wip");
        confirm.open_requested = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal("Over the WIP limit##wip", nullptr,
                                ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings))
        return;
    ImGui::TextUnformatted(confirm.message.c_str());
    TheItemRegistry().RecordLastItem("wip-message");
    if (PrimaryButton("Move anyway##wip")) {
        MoveTicketRequest move = confirm.move;
        move.confirmed = true;
        requests.push_back(std::move(move));
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel##wip") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
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
        if (ImGui::SmallButton("OK##board-message")) ui.board_message.clear();
    }
    DrawBulkBar(board, ui, requests);
    ImGui::BeginChild("board", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    // Columns share the width; below a readable minimum the board scrolls sideways.
    const auto& statuses = board.config().statuses;
    float count = static_cast<float>(statuses.size());
    ImVec2 avail = ImGui::GetContentRegionAvail();
    float fitted = std::floor((avail.x - t.column_gap * (count - 1)) / count);
    bool scrolls = fitted < t.column_min_width;
    ImVec2 size(scrolls ? t.column_min_width : fitted,
                avail.y - (scrolls ? ImGui::GetStyle().ScrollbarSize + 4 : 0));
    bool first = true;
    for (const auto& status : statuses) {
        if (!first) ImGui::SameLine(0, t.column_gap);
        first = false;
        DrawColumn(board, status, fonts, ui, size, requests);
    }
    ImGui::EndChild();
}

}  // namespace tackboard
