// ticket_links.cpp — the Links section of the ticket panel (see ticket_links.hpp).
#include "ui/ticket_links.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/utf8.hpp"
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/suggest_field.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

constexpr std::size_t kMaxFound = 8;

struct KindName {
    LinkKind kind;
    const char* name;  // how the panel says it, translated where drawn
};
// In the order the kind menu offers them.
constexpr KindName kKindNames[] = {
    {LinkKind::RelatesTo, TrNoop("relates to")},     {LinkKind::Blocks, TrNoop("blocks")},
    {LinkKind::BlockedBy, TrNoop("is blocked by")},  {LinkKind::DuplicateOf, TrNoop("duplicate of")},
    {LinkKind::DuplicatedBy, TrNoop("duplicated by")},
};

const char* KindName(LinkKind kind) {
    for (const auto& k : kKindNames)
        if (k.kind == kind) return Tr(k.name);
    return ToString(kind);
}

char LowerChar(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Whether `id` ends with `lower_end` (lower case), ignoring case.
bool IdEndsWith(std::string_view id, std::string_view lower_end) {
    if (id.size() < lower_end.size()) return false;
    id.remove_prefix(id.size() - lower_end.size());
    return std::equal(id.begin(), id.end(), lower_end.begin(), [](char a, char b) { return LowerChar(a) == b; });
}

// What the row of a ticket says: "#XFQE7  Printer offline".
std::string TicketLine(const Ticket& t) { return ShortId(t.id) + "  " + t.title; }

const std::vector<std::string>& Found(const App& app, const Ticket& from, UiState::TicketPanel::LinkSearch& search) {
    if (search.found_for != search.text || search.found_revision != app.revision()) {
        search.found = FindLinkTargets(app, from, search.text, kMaxFound);
        search.found_for = search.text;
        search.found_revision = app.revision();
    }
    return search.found;
}

// The field that adds a link of the chosen kind to the ticket taken from its list.
SuggestCallbacks LinkSuggestions(const App& app, const Ticket& from, UiState::TicketPanel::LinkSearch& search,
                                 std::vector<Request>& requests) {
    return {[&app, &from, &search](const std::string&, int) {
                SuggestList list;
                for (const std::string& id : Found(app, from, search)) {
                    const Ticket* t = app.board().Find(id);
                    const StatusDef* status = app.board().config().FindStatus(t->status);
                    list.rows.push_back({TicketLine(*t), status ? TrName(status->name) : t->status});
                }
                return list;
            },
            [&app, &from, &search, &requests](const std::string&, int, int row) {
                const std::vector<std::string>& found = Found(app, from, search);
                requests.push_back(ChangeRequest{
                    {{"op", "link"}, {"id", from.id}, {"kind", search.kind}, {"target", found.at(static_cast<std::size_t>(row))}}});
                return SuggestEdit{};  // cleared, ready for the next link
            }};
}

void DrawLinkedTickets(const Board& board, const Ticket& ticket, UiState& ui, std::vector<Request>& requests) {
    const Theme& theme = CurrentTheme();
    const float kind_width = 110.0f;
    const float button = ImGui::GetFrameHeight();
    for (const Link& link : ticket.links) {
        const std::string kind = ToString(link.kind);
        ImGui::PushStyleColor(ImGuiCol_Text, theme.text_muted);
        ImGui::TextUnformatted(KindName(link.kind));
        ImGui::PopStyleColor();
        ImGui::SameLine(kind_width);
        const Ticket* target = board.Find(link.target);
        std::string line = target ? TicketLine(*target) : ShortId(link.target);
        if (target && target->deleted) line += std::string("  ") + Tr("(deleted)");
        const std::string id = kind + "-" + link.target;
        float width = ImGui::GetContentRegionAvail().x - button - ImGui::GetStyle().ItemSpacing.x;
        ImGui::PushID(id.c_str());
        if (ImGui::Selectable((line + "##link-" + id).c_str(), false, 0, ImVec2(width, 0)) && target && !target->deleted)
            OpenTicket(ui, link.target);
        if (ImGui::IsItemHovered() && target) ImGui::SetTooltip("%s", target->title.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton((std::string(icons::kTimes) + "##unlink-" + id).c_str()))
            requests.push_back(ChangeRequest{{{"op", "unlink"}, {"id", ticket.id}, {"kind", kind}, {"target", link.target}}});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Remove this link"));
        ImGui::PopID();
    }
}

void DrawAddLink(const App& app, const Ticket& ticket, UiState& ui, std::vector<Request>& requests) {
    auto& search = ui.panel.link;
    LinkKind kind = LinkKind::RelatesTo;
    ParseLinkKind(search.kind, kind);
    ImGui::SetNextItemWidth(120.0f);
    if (BeginRecordedCombo("##link-kind", KindName(kind))) {
        for (const auto& k : kKindNames) {
            std::string label = std::string(Tr(k.name)) + "##link-kind-" + ToString(k.kind);
            if (ImGui::Selectable(label.c_str(), k.kind == kind)) search.kind = ToString(k.kind);
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    SuggestField("link-search", Tr("Add link: ticket id or words"), search.text, search.field,
                 LinkSuggestions(app, ticket, search, requests));
    if (search.field.active && !Trimmed(search.text).empty() && Found(app, ticket, search).empty()) {
        ImGui::TextDisabled("%s", Tr("No ticket found."));
        TheItemRegistry().RecordLastItem("link-search-empty");
    }
}

}  // namespace

std::vector<std::string> FindLinkTargets(const App& app, const Ticket& from, std::string_view typed, std::size_t limit) {
    std::vector<std::string> out;
    const std::string text = Trimmed(typed);
    if (text.empty()) return out;
    auto add = [&](const Ticket& t) {
        if (out.size() < limit && t.id != from.id && !t.deleted && std::find(out.begin(), out.end(), t.id) == out.end())
            out.push_back(t.id);
    };
    std::string id_part = text[0] == '#' ? text.substr(1) : text;
    for (char& c : id_part) c = LowerChar(c);
    const bool id_like = id_part.size() >= 3 && std::all_of(id_part.begin(), id_part.end(), [](char c) {
                             return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '_';
                         });
    if (id_like)
        for (const Ticket& t : app.board().tickets())
            if (IdEndsWith(t.id, id_part)) add(t);
    if (text[0] == '#') return out;  // an id, not words
    if (auto rows = app.Query(text))
        for (std::size_t row : rows.value()) {
            if (out.size() == limit) break;
            add(app.board().tickets()[row]);
        }
    return out;
}

void DrawTicketLinks(const App& app, const Ticket& ticket, UiState& ui, std::vector<Request>& requests) {
    ImGui::Separator();
    ImGui::TextUnformatted(Format(Tr("Links (%d)"), static_cast<int>(ticket.links.size())).c_str());
    DrawLinkedTickets(app.board(), ticket, ui, requests);
    ImGui::BeginDisabled(app.read_only());
    DrawAddLink(app, ticket, ui, requests);
    ImGui::EndDisabled();
}

}  // namespace tackboard
