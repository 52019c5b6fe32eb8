// settings_view.cpp — the board settings editor (settings_view.hpp).
//
// [SECTION] edits        one change record per edit, fields applied on Enter or leave
// [SECTION] statuses     rows: drag to reorder, name, category, WIP limit, colour, delete
// [SECTION] transitions  the from x to matrix, unreachable statuses
// [SECTION] priorities   rows: drag, name, colour, target durations, delete (moves tickets)
// [SECTION] labels       rows: name (renamed on tickets), colour, delete (taken off tickets)
// [SECTION] members      rows: id, name, skills, capacity, delete (unassigns)
// [SECTION] calendar     time zone, business hours per weekday, holidays ("sla" member)
// [SECTION] deletion     the dialog that asks where tickets go
// [SECTION] view         the tabs, the read-only notice
#include "ui/settings_view.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // BeginDragDropTargetCustom: a whole row takes the drop

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>
#include <set>

#include "core/business_calendar.hpp"
#include "core/config_check.hpp"
#include "core/roles.hpp"
#include "core/settings_edit.hpp"
#include "core/text_fold.hpp"
#include "core/ticket_json.hpp"
#include "core/utf8.hpp"
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/settings_templates.hpp"
#include "ui/settings_types.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

using nlohmann::json;

// =============================================================================
// [SECTION] edits
// =============================================================================

// What one frame of the view works with.
struct Editor {
    const Board& board;
    SettingsViewState& view;
    std::vector<Request>& requests;
    bool writable;
};

void Send(Editor& e, json change) {
    e.view.message.clear();
    e.requests.push_back(ChangeRequest{std::move(change), ChangeSource::Settings});
}

// The whole configuration `next` as one change, after the checks core makes anyway (so
// the refusal is said next to the field rather than after the fact).
bool SendConfig(Editor& e, const BoardConfig& next, const std::string& field_key) {
    if (auto usable = CheckConfig(next); !usable) {
        e.view.field_key = field_key;
        e.view.field_error = AsSentence(usable.error().message);
        return false;
    }
    e.view.field_key.clear();
    Send(e, {{"op", "config"}, {"config", ConfigToJson(next)}});
    return true;
}

void SendResult(Editor& e, const Result<json>& change, const std::string& field_key) {
    if (!change) {
        e.view.field_key = field_key;
        e.view.field_error = AsSentence(change.error().message);
        return;
    }
    e.view.field_key.clear();
    Send(e, change.value());
}

void Refuse(Editor& e, const std::string& field_key, std::string message) {
    e.view.field_key = field_key;
    e.view.field_error = std::move(message);
}

// The refusal of the field `key`, in red beside it (on the same line).
void FieldError(const SettingsViewState& view, const std::string& key) {
    if (view.field_key != key || view.field_error.empty()) return;
    ImGui::SameLine();
    ErrorText(view.field_error, "settings-field-error");
}

// A text field whose text is applied on Enter or when the field is left, not while it is
// typed. True with `out` the text when there is something to apply.
bool CommitField(Editor& e, const std::string& key, const std::string& current, std::string& out, float width,
                 const char* hint = nullptr) {
    SettingsViewState& view = e.view;
    std::string text = view.editing_key == key ? view.editing_text : current;
    ImGui::SetNextItemWidth(width);
    const bool entered = InputString(("##" + key).c_str(), text, hint, 0.0f, ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::IsItemActive()) {
        view.editing_key = key;
        view.editing_text = text;
    }
    const bool left = ImGui::IsItemDeactivated() && view.editing_key == key;
    if (!entered && !left) return false;
    if (view.editing_key == key) view.editing_key.clear();
    if (text == current) {
        if (view.field_key == key) view.field_key.clear();
        return false;
    }
    out = std::move(text);
    return true;
}

// A whole number typed in a field: nullopt (and the refusal said) when it is not one.
std::optional<int> ReadCount(Editor& e, const std::string& key, const std::string& text, int max) {
    int value = 0;
    char rest = 0;
    const std::string trimmed = text.empty() ? "0" : text;
    if (std::sscanf(trimmed.c_str(), "%d %c", &value, &rest) != 1 || value < 0 || value > max) {
        Refuse(e, key, Format(Tr("Type a whole number from 0 to %d."), max));
        return std::nullopt;
    }
    return value;
}

// A colour square that opens a picker; the colour is applied once the picker is let go
// (not on every frame of a drag across it). True with `out` when there is one to apply.
bool ColourField(Editor& e, const std::string& key, std::uint32_t current, std::uint32_t& out) {
    SettingsViewState& view = e.view;
    const std::string pending_key = "colour:" + key;
    ImVec4 colour = ImGui::ColorConvertU32ToFloat4(view.editing_key == pending_key
                                                       ? static_cast<ImU32>(std::stoul(view.editing_text))
                                                       : static_cast<ImU32>(current));
    if (ImGui::ColorEdit4(("##" + key).c_str(), &colour.x,
                          ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_NoAlpha | ImGuiColorEditFlags_NoLabel)) {
        view.editing_key = pending_key;
        view.editing_text = std::to_string(ImGui::ColorConvertFloat4ToU32(colour) | 0xFF000000u);
    }
    TheItemRegistry().RecordLastItem(key);
    if (view.editing_key != pending_key || ImGui::IsAnyItemActive() || ImGui::IsMouseDown(ImGuiMouseButton_Left))
        return false;
    out = static_cast<std::uint32_t>(std::stoul(view.editing_text));
    view.editing_key.clear();
    return out != current;
}

// A drag handle (six dots) for the row `index` of `payload` rows; the row, from `row_top`
// to the handle's bottom across the table, takes drops. The move asked, or -1.
void DragHandle(Editor& e, const char* payload, const std::string& id, int index, float row_top, int& from, int& to) {
    const float size = ImGui::GetFrameHeight();
    ImGui::InvisibleButton(("##drag:" + id).c_str(), ImVec2(size * 0.6f, size));
    TheItemRegistry().RecordLastItem(std::string(payload) + "-drag:" + id);
    const ImVec2 min = ImGui::GetItemRectMin();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 dots = ImGui::IsItemHovered() ? CurrentTheme().text : CurrentTheme().text_muted;
    for (int row = 0; row < 3; ++row)
        for (int column = 0; column < 2; ++column)
            draw->AddCircleFilled(ImVec2(min.x + size * 0.18f + column * size * 0.24f, min.y + size * 0.3f + row * size * 0.2f),
                                  1.6f, dots);
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
    if (e.writable && ImGui::BeginDragDropSource()) {
        ImGui::SetDragDropPayload(payload, &index, sizeof(index));
        ImGui::TextUnformatted(id.c_str());
        ImGui::EndDragDropSource();
    }
    const ImGuiTable* table = ImGui::GetCurrentTable();
    const ImRect across = table ? table->OuterRect : ImGui::GetCurrentWindow()->WorkRect;
    const ImRect row(ImVec2(across.Min.x, row_top), ImVec2(across.Max.x, ImGui::GetItemRectMax().y));
    if (ImGui::BeginDragDropTargetCustom(row, ImGui::GetID(("##drop:" + id).c_str()))) {
        if (const ImGuiPayload* dropped = ImGui::AcceptDragDropPayload(payload)) {
            from = *static_cast<const int*>(dropped->Data);
            to = index;
        }
        ImGui::EndDragDropTarget();
    }
}

template <class T>
void MoveItem(std::vector<T>& items, int from, int to) {
    if (from < 0 || to < 0 || from == to || from >= static_cast<int>(items.size()) || to >= static_cast<int>(items.size()))
        return;
    T moved = std::move(items[from]);
    items.erase(items.begin() + from);
    items.insert(items.begin() + to, std::move(moved));
}

// An id made from a name ("Code review" -> "code_review"), not yet taken per `taken`.
std::string NewId(const std::string& name, const std::function<bool(const std::string&)>& taken, const char* fallback) {
    std::string base;
    for (char c : FoldText(name)) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) base += c;
        else if (!base.empty() && base.back() != '_') base += '_';
    }
    while (!base.empty() && base.back() == '_') base.pop_back();
    if (base.empty()) base = fallback;
    std::string id = base;
    for (int n = 2; taken(id); ++n) id = base + "_" + std::to_string(n);
    return id;
}

// "New status", "New status 2"... a name no entry has yet (letter case aside).
template <class T>
std::string NewName(const std::vector<T>& items, const char* base) {
    auto taken = [&](const std::string& name) {
        return std::any_of(items.begin(), items.end(), [&](const T& item) { return FoldText(item.name) == FoldText(name); });
    };
    std::string name = base;
    for (int n = 2; taken(name); ++n) name = std::string(base) + " " + std::to_string(n);
    return name;
}

void CountTickets(const App& app, SettingsViewState& view) {
    if (view.counted_revision == app.revision()) return;
    view.counts.clear();
    for (const Ticket& t : app.board().tickets()) {
        if (t.deleted) continue;
        ++view.counts["priority:" + t.priority];
        if (!t.assignee.empty()) ++view.counts["member:" + t.assignee];
        for (const std::string& label : t.labels) ++view.counts["label:" + label];
    }
    view.counted_revision = app.revision();
}

std::size_t CountOf(const SettingsViewState& view, const std::string& key) {
    auto it = view.counts.find(key);
    return it == view.counts.end() ? 0 : it->second;
}

void AskDeletion(SettingsViewState& view, const char* kind, const std::string& id, const std::string& move_to) {
    view.deletion = {kind, id, move_to, true};
}

bool BeginSettingsTable(const char* id, int columns) {
    return ImGui::BeginTable(id, columns, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit);
}

// =============================================================================
// [SECTION] statuses
// =============================================================================

constexpr std::pair<StatusCategory, const char*> kCategories[] = {{StatusCategory::Todo, TrNoop("To do")},
                                                                  {StatusCategory::Active, TrNoop("Active")},
                                                                  {StatusCategory::Waiting, TrNoop("Waiting")},
                                                                  {StatusCategory::Done, TrNoop("Done")}};

const char* CategoryName(StatusCategory category) {
    for (const auto& [c, name] : kCategories)
        if (c == category) return Tr(name);
    return "";
}

void RenameStatus(Editor& e, std::size_t index, const std::string& name, const std::string& key) {
    BoardConfig next = e.board.config();
    next.statuses[index].name = Trimmed(name);
    if (auto names = CheckStatusNames(next.statuses); !names) {
        const std::string& message = names.error().message;
        Refuse(e, key, message.rfind("a status needs", 0) == 0 ? std::string(Tr("A status needs a name."))
                                                                : Format(Tr("Another status is already called \"%s\"."),
                                                                         name.c_str()));
        return;
    }
    SendConfig(e, next, key);
}

void DeleteStatus(Editor& e, const StatusDef& status, const std::string& key) {
    const BoardConfig& config = e.board.config();
    if (config.statuses.size() < 2) {
        Refuse(e, key, Tr("A board needs at least one status: this is the last one. Add another before deleting it."));
        return;
    }
    if (e.board.Column(status.id).empty()) {
        SendResult(e, DeleteStatusChange(e.board, status.id, ""), key);
        return;
    }
    const std::string other = config.statuses[0].id == status.id ? config.statuses[1].id : config.statuses[0].id;
    AskDeletion(e.view, "status", status.id, other);
}

void DrawStatuses(Editor& e) {
    const BoardConfig& config = e.board.config();
    ImGui::TextDisabled("%s", Tr("The board's columns, left to right. Drag a row by its handle to move the column."));
    int from = -1, to = -1;
    if (BeginSettingsTable("settings-statuses", 7)) {
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFrameHeight() * 0.6f);
        ImGui::TableSetupColumn(Tr("Name"), ImGuiTableColumnFlags_WidthFixed, 200);
        ImGui::TableSetupColumn(Tr("Category"), ImGuiTableColumnFlags_WidthFixed, 130);
        ImGui::TableSetupColumn(Tr("WIP limit"), ImGuiTableColumnFlags_WidthFixed, 80);
        ImGui::TableSetupColumn(Tr("Colour"), ImGuiTableColumnFlags_WidthFixed, 86);
        ImGui::TableSetupColumn(Tr("Tickets"), ImGuiTableColumnFlags_WidthFixed, 60);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < config.statuses.size(); ++i) {
            const StatusDef& status = config.statuses[i];
            ImGui::PushID(status.id.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const float row_top = ImGui::GetCursorScreenPos().y;
            DragHandle(e, "status", status.id, static_cast<int>(i), row_top, from, to);

            ImGui::TableNextColumn();
            const std::string name_key = "status-name:" + status.id;
            std::string typed;
            // Built-in names read in the UI's language (TrName); what is typed is stored as typed.
            if (CommitField(e, name_key, TrName(status.name), typed, -1)) RenameStatus(e, i, typed, name_key);

            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            if (BeginRecordedCombo(("##status-category:" + status.id).c_str(), CategoryName(status.category))) {
                for (const auto& [category, name] : kCategories) {
                    if (ImGui::Selectable((std::string(Tr(name)) + "##category-" + ToString(category)).c_str(),
                                          category == status.category) &&
                        category != status.category) {
                        BoardConfig next = config;
                        next.statuses[i].category = category;
                        SendConfig(e, next, name_key);
                    }
                }
                ImGui::EndCombo();
            }

            ImGui::TableNextColumn();
            const std::string wip_key = "status-wip:" + status.id;
            if (CommitField(e, wip_key, status.wip_limit ? std::to_string(status.wip_limit) : "", typed, -1, "0"))
                if (auto limit = ReadCount(e, wip_key, typed, 100000)) {
                    BoardConfig next = config;
                    next.statuses[i].wip_limit = *limit;
                    SendConfig(e, next, wip_key);
                }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Most tickets this column should hold at a time; empty or 0: no limit"));

            ImGui::TableNextColumn();
            std::uint32_t colour = 0;
            if (ColourField(e, "status-colour:" + status.id, status.colour ? status.colour : CurrentTheme().text_muted, colour)) {
                BoardConfig next = config;
                next.statuses[i].colour = colour;
                SendConfig(e, next, name_key);
            }
            if (status.colour) {
                ImGui::SameLine();
                if (ImGui::SmallButton((std::string(icons::kTimes) + "##status-colour-reset:" + status.id).c_str())) {
                    BoardConfig next = config;
                    next.statuses[i].colour = 0;
                    SendConfig(e, next, name_key);
                }
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Back to the automatic colour"));
            }

            ImGui::TableNextColumn();
            const std::size_t count = e.board.Column(status.id).size();
            ImGui::TextUnformatted(FormatNumber(static_cast<long long>(count)).c_str());
            TheItemRegistry().RecordLastItem("status-count:" + status.id + "=" + std::to_string(count));

            ImGui::TableNextColumn();
            if (ImGui::SmallButton((std::string(Tr("Delete")) + "##status-delete:" + status.id).c_str()))
                DeleteStatus(e, status, name_key);
            for (const std::string& key : {name_key, wip_key}) FieldError(e.view, key);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (from >= 0) {
        BoardConfig next = config;
        MoveItem(next.statuses, from, to);
        SendConfig(e, next, "");
    }
    if (ImGui::Button(TrLabel("Add status##settings-add-status"))) {
        BoardConfig next = config;
        StatusDef added;
        added.name = NewName(config.statuses, Tr("New status"));
        added.id = NewId(added.name, [&](const std::string& id) { return config.FindStatus(id) != nullptr; }, "status");
        added.category = StatusCategory::Active;
        // A new column is reachable from every status once the matrix is not free.
        if (!next.transitions.empty())
            for (const StatusDef& s : config.statuses) {
                next.transitions.push_back({s.id, added.id});
                next.transitions.push_back({added.id, s.id});
            }
        next.statuses.push_back(std::move(added));
        SendConfig(e, next, "");
    }
}

// =============================================================================
// [SECTION] transitions
// =============================================================================

void DrawTransitions(Editor& e) {
    const BoardConfig& config = e.board.config();
    bool free = config.transitions.empty();
    if (ImGui::Checkbox(TrLabel("Any move is allowed (free)##settings-free"), &free)) {
        BoardConfig next = config;
        next.transitions.clear();
        if (!free)  // every move allowed, listed: the lead then unticks what the team may not do
            for (const StatusDef& a : config.statuses)
                for (const StatusDef& b : config.statuses)
                    if (a.id != b.id) next.transitions.push_back({a.id, b.id});
        SendConfig(e, next, "transitions");
    }
    FieldError(e.view, "transitions");
    if (free) {
        ImGui::TextDisabled("%s", Tr("Cards can be moved from any column to any other. Untick to choose the allowed moves."));
        return;
    }
    ImGui::TextDisabled("%s", Tr("Tick the moves the team may make: from the status on the left to the status on top."));
    const std::vector<std::string> unreachable = UnreachableStatuses(config);
    if (!unreachable.empty()) {
        std::string names;
        for (const std::string& name : unreachable) names += (names.empty() ? "" : ", ") + std::string(TrName(name));
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().danger);
        ImGui::TextWrapped("%s %s", icons::kWarning,
                           Format(Tr("No ticket can reach: %s. Allow a move into it, or keep it this way on purpose."),
                                  names.c_str()).c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem("settings-unreachable");
    }
    const int n = static_cast<int>(config.statuses.size());
    // As wide as its columns; the tab's own area scrolls sideways when they are many.
    if (!ImGui::BeginTable("settings-transitions", n + 1,
                           ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX))
        return;
    ImGui::TableSetupColumn(Tr("From \\ to"));
    for (const StatusDef& s : config.statuses) ImGui::TableSetupColumn(NameLabel(s.name, "##to").c_str());
    ImGui::TableHeadersRow();
    for (const StatusDef& from : config.statuses) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(TrName(from.name));
        for (const StatusDef& to : config.statuses) {
            ImGui::TableNextColumn();
            if (from.id == to.id) {
                ImGui::TextDisabled("—");
                continue;
            }
            bool allowed = config.TransitionAllowed(from.id, to.id);
            const std::string id = "move:" + from.id + ">" + to.id;
            if (ImGui::Checkbox(("##" + id).c_str(), &allowed)) {
                BoardConfig next = config;
                if (allowed) next.transitions.push_back({from.id, to.id});
                else std::erase_if(next.transitions, [&](const TransitionDef& t) { return t.from == from.id && t.to == to.id; });
                if (next.transitions.empty())  // an empty list would mean "every move allowed"
                    Refuse(e, "transitions", Tr("At least one move must stay allowed. To allow every move, tick \"Any move is allowed\"."));
                else SendConfig(e, next, "transitions");
            }
        }
    }
    ImGui::EndTable();
}

// =============================================================================
// [SECTION] priorities
// =============================================================================

// A target duration field ("4h"): applied when it reads, refused with the reason if not.
void TargetField(Editor& e, std::size_t index, bool response) {
    const BoardConfig& config = e.board.config();
    const PriorityDef& p = config.priorities[index];
    const std::string key = std::string(response ? "priority-response:" : "priority-resolution:") + p.id;
    std::string typed;
    if (!CommitField(e, key, FormatDurationMinutes(response ? p.response_minutes : p.resolution_minutes), typed, -1,
                     Tr("none")))
        return;
    auto minutes = ParseDurationMinutes(typed);
    if (!minutes) {
        Refuse(e, key, Format(Tr("\"%s\" is not a duration: write it like 30m, 4h or 2d."), typed.c_str()));
        return;
    }
    BoardConfig next = config;
    (response ? next.priorities[index].response_minutes : next.priorities[index].resolution_minutes) = minutes.value();
    SendConfig(e, next, key);
}

void DrawPriorities(Editor& e) {
    const BoardConfig& config = e.board.config();
    ImGui::TextDisabled("%s", Tr("Most urgent first. Targets like 30m, 4h or 2d; empty: no target. Drag a row to reorder."));
    int from = -1, to = -1;
    if (BeginSettingsTable("settings-priorities", 7)) {
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFrameHeight() * 0.6f);
        ImGui::TableSetupColumn(Tr("Name"), ImGuiTableColumnFlags_WidthFixed, 180);
        ImGui::TableSetupColumn(Tr("Colour"), ImGuiTableColumnFlags_WidthFixed, 50);
        ImGui::TableSetupColumn(Tr("First response"), ImGuiTableColumnFlags_WidthFixed, 110);
        ImGui::TableSetupColumn(Tr("Resolution"), ImGuiTableColumnFlags_WidthFixed, 110);
        ImGui::TableSetupColumn(Tr("Tickets"), ImGuiTableColumnFlags_WidthFixed, 60);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < config.priorities.size(); ++i) {
            const PriorityDef& p = config.priorities[i];
            ImGui::PushID(p.id.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            DragHandle(e, "priority", p.id, static_cast<int>(i), ImGui::GetCursorScreenPos().y, from, to);
            ImGui::TableNextColumn();
            const std::string name_key = "priority-name:" + p.id;
            std::string typed;
            if (CommitField(e, name_key, TrName(p.name), typed, -1)) {
                const std::string name = Trimmed(typed);
                if (name.empty()) Refuse(e, name_key, Tr("A priority needs a name."));
                else {
                    BoardConfig next = config;
                    next.priorities[i].name = name;
                    SendConfig(e, next, name_key);
                }
            }
            ImGui::TableNextColumn();
            std::uint32_t colour = 0;
            if (ColourField(e, "priority-colour:" + p.id, p.colour, colour)) {
                BoardConfig next = config;
                next.priorities[i].colour = colour;
                SendConfig(e, next, name_key);
            }
            ImGui::TableNextColumn();
            TargetField(e, i, true);
            ImGui::TableNextColumn();
            TargetField(e, i, false);
            ImGui::TableNextColumn();
            const std::size_t count = CountOf(e.view, "priority:" + p.id);
            ImGui::TextUnformatted(FormatNumber(static_cast<long long>(count)).c_str());
            ImGui::TableNextColumn();
            if (ImGui::SmallButton((std::string(Tr("Delete")) + "##priority-delete:" + p.id).c_str())) {
                if (config.priorities.size() < 2) Refuse(e, name_key, Tr("A board needs at least one priority: this is the last one."));
                else {
                    const std::string other = config.priorities[i == 0 ? 1 : i - 1].id;
                    if (count == 0) SendResult(e, DeletePriorityChange(e.board, p.id, other), name_key);
                    else AskDeletion(e.view, "priority", p.id, other);
                }
            }
            for (const std::string& key : {name_key, "priority-response:" + p.id, "priority-resolution:" + p.id})
                FieldError(e.view, key);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (from >= 0) {
        BoardConfig next = config;
        MoveItem(next.priorities, from, to);
        SendConfig(e, next, "");
    }
    if (ImGui::Button(TrLabel("Add priority##settings-add-priority"))) {
        BoardConfig next = config;
        PriorityDef added;
        added.name = NewName(config.priorities, Tr("New priority"));
        added.id = NewId(added.name, [&](const std::string& id) { return config.FindPriority(id) != nullptr; }, "priority");
        next.priorities.push_back(std::move(added));
        SendConfig(e, next, "");
    }
}

// =============================================================================
// [SECTION] labels
// =============================================================================

void DrawLabels(Editor& e) {
    const BoardConfig& config = e.board.config();
    ImGui::TextDisabled("%s", Tr("Renaming a label renames it on its tickets; deleting it takes it off them."));
    if (BeginSettingsTable("settings-labels", 4)) {
        ImGui::TableSetupColumn(Tr("Name"), ImGuiTableColumnFlags_WidthFixed, 200);
        ImGui::TableSetupColumn(Tr("Colour"), ImGuiTableColumnFlags_WidthFixed, 50);
        ImGui::TableSetupColumn(Tr("Tickets"), ImGuiTableColumnFlags_WidthFixed, 60);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < config.labels.size(); ++i) {
            const LabelDef& label = config.labels[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string key = "label-name:" + label.name;
            std::string typed;
            if (CommitField(e, key, label.name, typed, -1)) SendResult(e, RenameLabelChange(e.board, label.name, typed), key);
            ImGui::TableNextColumn();
            std::uint32_t colour = 0;
            if (ColourField(e, "label-colour:" + label.name, label.colour, colour)) {
                BoardConfig next = config;
                next.labels[i].colour = colour;
                SendConfig(e, next, key);
            }
            ImGui::TableNextColumn();
            const std::size_t count = CountOf(e.view, "label:" + label.name);
            ImGui::TextUnformatted(FormatNumber(static_cast<long long>(count)).c_str());
            ImGui::TableNextColumn();
            if (ImGui::SmallButton((std::string(Tr("Delete")) + "##label-delete:" + label.name).c_str())) {
                if (count == 0) SendResult(e, DeleteLabelChange(e.board, label.name), key);
                else AskDeletion(e.view, "label", label.name, "");
            }
            FieldError(e.view, key);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    std::string& name = e.view.new_label;
    ImGui::SetNextItemWidth(200);
    const bool entered = InputString("##settings-new-label", name, Tr("New label's name"), 0.0f, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Add label##settings-add-label")) || entered) {
        const std::string trimmed = Trimmed(name);
        const bool taken = std::any_of(config.labels.begin(), config.labels.end(),
                                       [&](const LabelDef& l) { return FoldText(l.name) == FoldText(trimmed); });
        if (trimmed.empty()) Refuse(e, "new-label", Tr("Type the new label's name first."));
        else if (taken) Refuse(e, "new-label", Format(Tr("There is already a label called \"%s\"."), trimmed.c_str()));
        else {
            BoardConfig next = config;
            next.labels.push_back({trimmed, 0xFF909090});
            if (SendConfig(e, next, "new-label")) name.clear();
        }
    }
    FieldError(e.view, "new-label");
}

// =============================================================================
// [SECTION] members
// =============================================================================

std::string JoinSkills(const std::vector<std::string>& skills) {
    std::string out;
    for (const std::string& s : skills) out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::vector<std::string> SplitSkills(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = text.find(',', start);
        std::string item = Trimmed(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
        if (comma == std::string::npos) return out;
        start = comma + 1;
    }
}

void DrawMembers(Editor& e) {
    const BoardConfig& config = e.board.config();
    ImGui::TextDisabled("%s", Tr("Who tickets can be assigned to. Skills: ticket types or labels they handle, separated by commas."));
    if (BeginSettingsTable("settings-members", 6)) {
        ImGui::TableSetupColumn(Tr("Id"), ImGuiTableColumnFlags_WidthFixed, 110);
        ImGui::TableSetupColumn(Tr("Name"), ImGuiTableColumnFlags_WidthFixed, 170);
        ImGui::TableSetupColumn(Tr("Skills"), ImGuiTableColumnFlags_WidthFixed, 200);
        ImGui::TableSetupColumn(Tr("Capacity"), ImGuiTableColumnFlags_WidthFixed, 70);
        ImGui::TableSetupColumn(Tr("Tickets"), ImGuiTableColumnFlags_WidthFixed, 60);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < config.members.size(); ++i) {
            const MemberDef& m = config.members[i];
            ImGui::PushID(m.id.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("%s", m.id.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("What tickets store as the assignee; it does not change"));
            ImGui::TableNextColumn();
            const std::string name_key = "member-name:" + m.id, skills_key = "member-skills:" + m.id,
                              capacity_key = "member-capacity:" + m.id;
            std::string typed;
            if (CommitField(e, name_key, m.name, typed, -1)) {
                if (Trimmed(typed).empty()) Refuse(e, name_key, Tr("A member needs a name."));
                else {
                    BoardConfig next = config;
                    next.members[i].name = Trimmed(typed);
                    SendConfig(e, next, name_key);
                }
            }
            ImGui::TableNextColumn();
            if (CommitField(e, skills_key, JoinSkills(m.skills), typed, -1, Tr("bug, network"))) {
                BoardConfig next = config;
                next.members[i].skills = SplitSkills(typed);
                SendConfig(e, next, skills_key);
            }
            ImGui::TableNextColumn();
            if (CommitField(e, capacity_key, std::to_string(m.capacity), typed, -1))
                if (auto capacity = ReadCount(e, capacity_key, typed, 10000)) {
                    BoardConfig next = config;
                    next.members[i].capacity = *capacity;
                    SendConfig(e, next, capacity_key);
                }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Open tickets they can carry; routing skips them when full"));
            ImGui::TableNextColumn();
            const std::size_t count = CountOf(e.view, "member:" + m.id);
            ImGui::TextUnformatted(FormatNumber(static_cast<long long>(count)).c_str());
            ImGui::TableNextColumn();
            if (ImGui::SmallButton((std::string(Tr("Delete")) + "##member-delete:" + m.id).c_str())) {
                if (count == 0) SendResult(e, DeleteMemberChange(e.board, m.id), name_key);
                else AskDeletion(e.view, "member", m.id, "");
            }
            for (const std::string& key : {name_key, skills_key, capacity_key}) FieldError(e.view, key);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    std::string& name = e.view.new_member;
    ImGui::SetNextItemWidth(200);
    const bool entered = InputString("##settings-new-member", name, Tr("New member's name"), 0.0f, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Add member##settings-add-member")) || entered) {
        const std::string trimmed = Trimmed(name);
        if (trimmed.empty()) Refuse(e, "new-member", Tr("Type the new member's name first."));
        else {
            BoardConfig next = config;
            MemberDef added;
            added.name = trimmed;
            added.id = NewId(trimmed, [&](const std::string& id) { return config.FindMember(id) != nullptr; }, "member");
            next.members.push_back(std::move(added));
            if (SendConfig(e, next, "new-member")) name.clear();
        }
    }
    FieldError(e.view, "new-member");
}

// =============================================================================
// [SECTION] calendar
// =============================================================================

constexpr const char* kWeekdays[] = {TrNoop("Monday"), TrNoop("Tuesday"),  TrNoop("Wednesday"), TrNoop("Thursday"),
                                     TrNoop("Friday"), TrNoop("Saturday"), TrNoop("Sunday")};
constexpr const char* kDayKeys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// The calendar the configuration's "sla" member holds: none (24x7), or as it reads.
struct StoredCalendar {
    bool present = false;
    BusinessCalendar calendar;
    std::string problem;  // it is there but does not read
};

StoredCalendar ReadCalendar(const BoardConfig& config) {
    StoredCalendar out;
    auto sla = config.extra.find("sla");
    if (sla == config.extra.end() || !sla->is_object()) return out;
    auto calendar = sla->find("calendar");
    if (calendar == sla->end() || calendar->is_null()) return out;
    out.present = true;
    auto parsed = ParseBusinessCalendar(*calendar);
    if (parsed) out.calendar = parsed.value();
    else out.problem = parsed.error().Describe();
    return out;
}

// Stores `calendar` in the "sla" member, every other SLA setting as it was. A board
// without SLA settings gets them switched off: the calendar alone turns nothing on.
void StoreCalendar(Editor& e, const BusinessCalendar& calendar, const std::string& key) {
    json written = ToJson(calendar);
    if (auto checked = ParseBusinessCalendar(written); !checked) return Refuse(e, key, AsSentence(checked.error().Describe()));
    if (auto compiled = CompileCalendar(calendar); !compiled) return Refuse(e, key, AsSentence(compiled.error().Describe()));
    BoardConfig next = e.board.config();
    auto sla = next.extra.find("sla");
    if (sla == next.extra.end() || !sla->is_object()) next.extra["sla"] = {{"enabled", false}};
    next.extra["sla"]["calendar"] = std::move(written);
    SendConfig(e, next, key);
}

std::string HoursText(const std::vector<WorkingHours>& hours) {
    std::string out;
    char part[32];
    for (const WorkingHours& h : hours) {
        std::snprintf(part, sizeof part, "%02d:%02d-%02d:%02d", h.start_minute / 60, h.start_minute % 60, h.end_minute / 60,
                      h.end_minute % 60);
        out += (out.empty() ? "" : ", ") + std::string(part);
    }
    return out;
}

// "09:00-12:00, 13:00-17:00" read the way the calendar's own JSON is read.
Result<std::vector<WorkingHours>> ParseHours(const std::string& text, int day) {
    json hours = json::array();
    for (const std::string& part : SplitSkills(text)) hours.push_back(part);
    auto parsed = ParseBusinessCalendar({{"working_days", {kDayKeys[day]}}, {"hours", hours}});
    if (!parsed) return Error{Tr("Write the hours like 09:00-17:00, or 09:00-12:00, 13:00-17:00.")};
    return parsed.value().week[day];
}

// "2026-12-25 Christmas" or "2026-12-24..2026-12-31 Office closed".
Result<Holiday> ParseHoliday(const std::string& text) {
    std::string rest = text;
    rest.erase(0, rest.find_first_not_of(' '));
    const std::size_t space = rest.find(' ');
    const std::string dates = rest.substr(0, space);
    std::string name = space == std::string::npos ? "" : rest.substr(space + 1);
    name.erase(0, name.find_first_not_of(' '));
    json holiday = {{"name", name}};
    if (const std::size_t dots = dates.find(".."); dots != std::string::npos) {
        holiday["from"] = dates.substr(0, dots);
        holiday["to"] = dates.substr(dots + 2);
    } else {
        holiday["date"] = dates;
    }
    auto parsed = ParseBusinessCalendar({{"holidays", {holiday}}});
    if (!parsed || parsed.value().holidays.empty())
        return Error{Tr("Write a holiday like 2026-12-25 Christmas, or 2026-12-24..2026-12-31 Office closed.")};
    return parsed.value().holidays.front();
}

void DrawCalendar(Editor& e) {
    const StoredCalendar stored = ReadCalendar(e.board.config());
    ImGui::TextDisabled("%s", Tr("SLA clocks count time only within these business hours, in the board's time zone."));
    if (!stored.problem.empty()) {
        ErrorText(Format(Tr("The calendar in the configuration does not read (%s); saving here replaces it."),
                         stored.problem.c_str()), "settings-calendar-problem");
    }
    if (!stored.present) {
        ImGui::TextUnformatted(Tr("No business calendar: every hour of every day counts (24x7)."));
        if (ImGui::Button(TrLabel("Use business hours##settings-calendar-on"))) StoreCalendar(e, BusinessCalendar{}, "calendar");
        FieldError(e.view, "calendar");
        return;
    }
    BusinessCalendar calendar = stored.calendar;

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr("Time zone"));
    ImGui::SameLine(160);
    ImGui::SetNextItemWidth(240);
    if (BeginRecordedCombo("##settings-time-zone", calendar.time_zone.c_str())) {
        for (std::string_view zone : KnownTimeZoneNames()) {
            const std::string name(zone);
            if (ImGui::Selectable((name + "##zone-" + name).c_str(), name == calendar.time_zone) && name != calendar.time_zone) {
                BusinessCalendar next = calendar;
                next.time_zone = name;
                StoreCalendar(e, next, "time-zone");
            }
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    std::string typed;
    if (CommitField(e, "time-zone-rule", "", typed, 340, Tr("or a POSIX rule: CET-1CEST,M3.5.0,M10.5.0/3"))) {
        if (auto zone = FindTimeZone(typed); !zone) Refuse(e, "time-zone", AsSentence(zone.error().message));
        else {
            BusinessCalendar next = calendar;
            next.time_zone = typed;
            StoreCalendar(e, next, "time-zone");
        }
    }
    FieldError(e.view, "time-zone");

    ImGui::Spacing();
    ImGui::TextUnformatted(Tr("Business hours"));
    for (int day = 0; day < 7; ++day) {
        const std::string key = std::string("hours:") + kDayKeys[day];
        bool working = !calendar.week[day].empty();
        if (ImGui::Checkbox((std::string(Tr(kWeekdays[day])) + "##day-" + kDayKeys[day]).c_str(), &working)) {
            BusinessCalendar next = calendar;
            next.week[day] = working ? OfficeWeek()[kMonday] : std::vector<WorkingHours>{};
            StoreCalendar(e, next, key);
        }
        ImGui::SameLine(160);
        if (!working) {
            ImGui::TextDisabled("%s", Tr("day off"));
        } else if (CommitField(e, key, HoursText(calendar.week[day]), typed, 240, "09:00-17:00")) {
            auto hours = ParseHours(typed, day);
            if (!hours) Refuse(e, key, hours.error().message);
            else {
                BusinessCalendar next = calendar;
                next.week[day] = hours.value();
                StoreCalendar(e, next, key);
            }
        }
        FieldError(e.view, key);
    }

    ImGui::Spacing();
    ImGui::TextUnformatted(Tr("Holidays"));
    if (calendar.holidays.empty()) ImGui::TextDisabled("%s", Tr("None yet."));
    for (std::size_t i = 0; i < calendar.holidays.size(); ++i) {
        const Holiday& h = calendar.holidays[i];
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::SmallButton((std::string(icons::kTimes) + "##holiday-delete:" + h.from).c_str())) {
            BusinessCalendar next = calendar;
            next.holidays.erase(next.holidays.begin() + static_cast<long>(i));
            StoreCalendar(e, next, "holiday");
        }
        ImGui::SameLine();
        ImGui::Text("%s%s%s  %s", h.from.c_str(), h.to.empty() ? "" : " – ", h.to.c_str(), h.name.c_str());
        ImGui::PopID();
    }
    ImGui::SetNextItemWidth(320);
    const bool entered = InputString("##settings-new-holiday", e.view.new_holiday, "2026-12-25 Christmas", 0.0f,
                                     ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Add holiday##settings-add-holiday")) || entered) {
        auto holiday = ParseHoliday(e.view.new_holiday);
        if (!holiday) Refuse(e, "holiday", holiday.error().message);
        else {
            BusinessCalendar next = calendar;
            next.holidays.push_back(holiday.value());
            std::sort(next.holidays.begin(), next.holidays.end(), [](const Holiday& a, const Holiday& b) { return a.from < b.from; });
            StoreCalendar(e, next, "holiday");
            if (e.view.field_key != "holiday") e.view.new_holiday.clear();
        }
    }
    FieldError(e.view, "holiday");
    ImGui::Spacing();
    if (ImGui::Button(TrLabel("Count every hour (24x7)##settings-calendar-off"))) {
        BoardConfig next = e.board.config();
        next.extra["sla"]["calendar"] = nullptr;
        SendConfig(e, next, "calendar");
    }
}

// =============================================================================
// [SECTION] deletion
// =============================================================================

void DrawDeletionDialog(Editor& e) {
    SettingsViewState::Deletion& d = e.view.deletion;
    const char* popup = "###settings-delete";
    if (d.open_requested) {
        ImGui::OpenPopup(popup);
        d.open_requested = false;
    }
    ImGui::SetNextWindowSize(ImVec2(460, 0));
    if (!ImGui::BeginPopupModal((std::string(Tr("Delete")) + popup).c_str(), nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    const BoardConfig& config = e.board.config();
    bool close = false;
    auto target_combo = [&](const auto& items, const auto& find) {
        const auto* current = find(d.move_to);
        ImGui::SetNextItemWidth(-1);
        if (BeginRecordedCombo("##settings-delete-move-to", current ? TrName(current->name) : "")) {
            for (const auto& item : items)
                if (item.id != d.id &&
                    ImGui::Selectable((std::string(TrName(item.name)) + "##move-to:" + item.id).c_str(), item.id == d.move_to))
                    d.move_to = item.id;
            ImGui::EndCombo();
        }
    };
    std::optional<Result<json>> change;
    const char* confirm = TrLabel("Delete##settings-delete-confirm");
    if (d.kind == "status" && config.FindStatus(d.id)) {
        const std::size_t count = e.board.Column(d.id).size();
        ImGui::TextWrapped("%s", Format(TrCount(count, "\"%s\" holds %s ticket. Move it to:", "\"%s\" holds %s tickets. Move them to:"),
                                        TrName(config.FindStatus(d.id)->name), FormatNumber(static_cast<long long>(count)).c_str())
                                     .c_str());
        target_combo(config.statuses, [&](const std::string& id) { return config.FindStatus(id); });
        confirm = TrLabel("Delete and move##settings-delete-confirm");
        if (PrimaryButton(confirm)) change = DeleteStatusChange(e.board, d.id, d.move_to);
    } else if (d.kind == "priority" && config.FindPriority(d.id)) {
        const std::size_t count = CountOf(e.view, "priority:" + d.id);
        ImGui::TextWrapped("%s", Format(TrCount(count, "\"%s\" is the priority of %s ticket. Give it instead:",
                                                "\"%s\" is the priority of %s tickets. Give them instead:"),
                                        TrName(config.FindPriority(d.id)->name), FormatNumber(static_cast<long long>(count)).c_str())
                                     .c_str());
        target_combo(config.priorities, [&](const std::string& id) { return config.FindPriority(id); });
        confirm = TrLabel("Delete and move##settings-delete-confirm");
        if (PrimaryButton(confirm)) change = DeletePriorityChange(e.board, d.id, d.move_to);
    } else if (d.kind == "label") {
        const std::size_t count = CountOf(e.view, "label:" + d.id);
        ImGui::TextWrapped("%s", Format(TrCount(count, "The label \"%s\" is on %s ticket. Delete it and take it off?",
                                                "The label \"%s\" is on %s tickets. Delete it and take it off them?"),
                                        d.id.c_str(), FormatNumber(static_cast<long long>(count)).c_str())
                                     .c_str());
        if (PrimaryButton(confirm)) change = DeleteLabelChange(e.board, d.id);
    } else if (d.kind == "member" && config.FindMember(d.id)) {
        const std::size_t count = CountOf(e.view, "member:" + d.id);
        ImGui::TextWrapped("%s", Format(TrCount(count, "%s is assigned %s ticket. Delete them from the board? The ticket becomes unassigned.",
                                                "%s is assigned %s tickets. Delete them from the board? The tickets become unassigned."),
                                        config.FindMember(d.id)->name.c_str(), FormatNumber(static_cast<long long>(count)).c_str())
                                     .c_str());
        if (PrimaryButton(confirm)) change = DeleteMemberChange(e.board, d.id);
    } else {
        close = true;  // deleted meanwhile (undo, sync)
    }
    if (change) {
        SendResult(e, *change, "delete");
        close = e.view.field_key != "delete";
    }
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Cancel##settings-delete-cancel")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) close = true;
    FieldError(e.view, "delete");
    if (close) {
        d = {};
        if (e.view.field_key == "delete") e.view.field_key.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// =============================================================================
// [SECTION] view
// =============================================================================

// A tab of the settings; its item is recorded as "settings-tab:<key>" for tests.
bool BeginTab(const char* english_label, const char* key) {
    const bool open = ImGui::BeginTabItem(TrId(english_label, (std::string("settings-tab-") + key).c_str()));
    TheItemRegistry().RecordLastItem(std::string("settings-tab:") + key);
    return open;
}

}  // namespace

void OnSettingsChanged(UiState& ui, const Status& done) {
    ui.settings.message = done ? std::string() : AsSentence(done.error().message);
}

void DrawSettingsView(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    SettingsViewState& view = ui.settings;
    const Identity& me = app.identity();
    const bool writable = CanEditSettings(me.role) && !app.read_only();
    Editor e{app.board(), view, requests, writable};
    CountTickets(app, view);

    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted(Tr("Board settings"));
    ImGui::PopFont();
    if (!CanEditSettings(me.role)) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().text_muted);
        ImGui::TextWrapped("%s %s", icons::kUser, Tr("Only a lead can change the board's settings."));
        TheItemRegistry().RecordLastItem("settings-read-only");
        if (!me.from_server) ImGui::TextWrapped("%s", Tr("On a board kept only in this browser, roles are a convenience, not a protection."));
        ImGui::PopStyleColor();
    } else {
        ImGui::TextDisabled("%s", Tr("Each change is saved at once and can be undone with Ctrl+Z."));
    }
    if (!view.message.empty()) ErrorText(view.message, "settings-message");

    // Each tab's body scrolls on its own; a read-only viewer can still switch tabs.
    auto tab = [&](const char* english_label, const char* key, const std::function<void()>& draw) {
        if (!BeginTab(english_label, key)) return;
        ImGui::BeginChild((std::string("settings-") + key + "-scroll").c_str(), ImVec2(0, 0), false,
                          ImGuiWindowFlags_HorizontalScrollbar);
        ImGui::BeginDisabled(!writable);
        draw();
        ImGui::EndDisabled();
        ImGui::EndChild();
        ImGui::EndTabItem();
    };
    if (ImGui::BeginTabBar("settings-tabs")) {
        tab(TrNoop("Statuses"), "statuses", [&] { DrawStatuses(e); });
        tab(TrNoop("Transitions"), "transitions", [&] { DrawTransitions(e); });
        tab(TrNoop("Types & fields"), "types", [&] {
            DrawTypeSettings(app, fonts, ui, requests);
        });
        tab(TrNoop("Priorities"), "priorities", [&] { DrawPriorities(e); });
        tab(TrNoop("Labels"), "labels", [&] { DrawLabels(e); });
        tab(TrNoop("Members"), "members", [&] { DrawMembers(e); });
        tab(TrNoop("Calendar"), "calendar", [&] { DrawCalendar(e); });
        tab(TrNoop("Templates"), "templates", [&] {
            DrawTemplateSettings(app, fonts, ui, requests);
        });
        ImGui::EndTabBar();
    }
    if (writable) DrawDeletionDialog(e);
}

}  // namespace tackboard
