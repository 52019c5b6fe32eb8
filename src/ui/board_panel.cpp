#include "ui/board_panel.hpp"

#include <imgui.h>

#include <cmath>
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

constexpr const char* kTicketPayload = "TICKET";

void DrawCard(const Board& board, const Ticket& ticket, const Fonts& fonts, UiState& ui) {
    const Theme& t = LightTheme();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 min = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    std::string id_label = "##card-" + ticket.id;
    // Pressed means clicked and released on the card: a drag to another column is not a click.
    bool clicked = ImGui::InvisibleButton(id_label.c_str(), ImVec2(width, t.card_height));
    TheItemRegistry().RecordLastItem(ticket.title + id_label);
    bool hovered = ImGui::IsItemHovered();
    if (clicked) {
        ui.selected_ticket = ticket.id;
        if (ui.panel.id != ticket.id) {
            ui.panel = {};
            ui.panel.id = ticket.id;
        }
    }
    // Drag the card onto another column to move it (the columns accept the drop).
    if (ImGui::BeginDragDropSource()) {
        ImGui::SetDragDropPayload(kTicketPayload, ticket.id.c_str(), ticket.id.size() + 1);
        ImGui::TextUnformatted(ticket.title.c_str());
        ImGui::EndDragDropSource();
    }
    bool selected = ui.selected_ticket == ticket.id;

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
    std::string short_id = "#" + ticket.id.substr(ticket.id.size() - 5);
    ImVec2 id_size = ImGui::CalcTextSize(short_id.c_str());
    draw->AddText(ImVec2(max.x - pad - id_size.x, meta_y), t.text_muted, short_id.c_str());
}

void DrawColumn(const Board& board, const StatusDef& status, const Fonts& fonts, UiState& ui, ImVec2 size,
                std::vector<Request>& requests) {
    const Theme& t = LightTheme();
    static const std::vector<std::size_t> kNone;
    const auto* filtered = ui.filter.active ? &ui.filter.columns : nullptr;
    const auto& rows = !filtered ? board.Column(status.id)
                                 : (filtered->count(status.id) ? filtered->at(status.id) : kNone);
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
            DrawCard(board, board.tickets()[rows[i]], fonts, ui);
    clipper.End();
    ImGui::EndChild();
    ImGui::PopStyleVar();

    ImGui::EndChild();
    TheItemRegistry().RecordLastItem("column:" + status.name);  // the whole column
    if (ImGui::BeginDragDropTarget()) {
        if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload(kTicketPayload)) {
            std::string id(static_cast<const char*>(payload->Data));
            const Ticket* ticket = board.Find(id);
            if (ticket && ticket->status != status.id) requests.push_back(MoveTicketRequest{id, status.id});
        }
        ImGui::EndDragDropTarget();
    }
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

}  // namespace

void DrawBoardPanel(const Board& board, const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    const Theme& t = LightTheme();
    if (!ui.board_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, t.danger);
        ImGui::TextUnformatted((std::string(icons::kWarning) + " " + ui.board_message).c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem(ui.board_message + "##board-message");
        ImGui::SameLine();
        if (ImGui::SmallButton("OK##board-message")) ui.board_message.clear();
    }
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
