// views_sidebar.cpp — the saved views sidebar (see views_sidebar.hpp).
#include "ui/views_sidebar.hpp"

#include <imgui.h>

#include "core/saved_views.hpp"
#include "core/ticket_json.hpp"
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

constexpr const char* kDeletePopup = "Delete view?##views-delete";
constexpr float kCollapsedWidth = 30.0f;

using Sidebar = UiState::ViewsSidebar;

// Stores the edited list of views: the whole configuration, as a config change does.
void PushViews(const BoardConfig& config, std::vector<SavedView> views, std::vector<Request>& requests) {
    BoardConfig changed = config;
    changed.views = std::move(views);
    requests.push_back(ChangeRequest{{{"op", "config"}, {"config", ConfigToJson(changed)}}, ChangeSource::Views});
}

bool FilterIsEmpty(const BoardFilter& filter) { return filter.text.find_first_not_of(" \t") == std::string::npos; }

// One view: selected while the filter is its query; a click applies it.
bool ViewRow(const std::string& name, const std::string& query, bool selected, const std::string& id, float width) {
    bool clicked = ImGui::Selectable(NameLabel(name, "##view-" + id).c_str(), selected, 0, ImVec2(width, 0));
    if (selected) TheItemRegistry().RecordLastItem("active view: " + name);
    if (ImGui::IsItemHovered() && !query.empty()) ImGui::SetTooltip("%s\n%s", TrName(name), query.c_str());
    return clicked;
}

// A one-line name field with its confirm and cancel buttons; returns true when confirmed.
bool NameField(const char* id, std::string& text, bool& focus, bool& cancelled) {
    const float button = ImGui::GetFrameHeight();
    if (focus) {
        ImGui::SetKeyboardFocusHere();
        focus = false;
    }
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - 2 * (button + ImGui::GetStyle().ItemSpacing.x));
    bool confirmed = InputString(id, text, Tr("Name of the view"), 0.0f,
                                 ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    cancelled = ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    ImGui::SameLine();
    confirmed |= ImGui::Button((std::string(icons::kCheck) + id + "-save").c_str(), ImVec2(button, 0));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Save"));
    ImGui::SameLine();
    cancelled |= ImGui::Button((std::string(icons::kTimes) + id + "-cancel").c_str(), ImVec2(button, 0));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Cancel"));
    return confirmed;
}

void DrawRename(const BoardConfig& config, Sidebar& views, std::vector<Request>& requests) {
    bool cancelled = false;
    if (NameField("##view-rename", views.new_name, views.focus_field, cancelled)) {
        auto renamed = RenameView(config.views, views.renaming, views.new_name);
        if (!renamed) {
            views.message = AsSentence(renamed.error().message);
            views.focus_field = true;  // Enter took the keyboard: give it back to correct the name
            return;
        }
        PushViews(config, std::move(renamed.value()), requests);
        views.renaming.clear();
        views.message.clear();
    } else if (cancelled) {
        views.renaming.clear();
        views.message.clear();
    }
}

// The selected view's pencil and ×, at the right of its row.
void RowButtons(const SavedView& view, Sidebar& views, bool writable) {
    ImGui::BeginDisabled(!writable);
    ImGui::SameLine();
    const float left = ImGui::GetCursorScreenPos().x;
    if (ImGui::SmallButton((std::string(icons::kPencil) + "##view-rename-button").c_str())) {
        views.renaming = view.name;
        views.new_name = view.name;
        views.focus_field = true;
        views.naming = false;
    }
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", Tr("Rename this view"));
    ImGui::SameLine(0, 2);
    if (ImGui::SmallButton((std::string(icons::kTimes) + "##view-delete-button").c_str())) {
        views.confirm_delete = view.name;
        ImGui::OpenPopup(kDeletePopup);
    }
    views.buttons_width = ImGui::GetItemRectMax().x - left;  // the row leaves this much room next frame
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", Tr("Delete this view"));
    ImGui::EndDisabled();
}

void DrawDeleteConfirm(const BoardConfig& config, Sidebar& views, std::vector<Request>& requests) {
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(380, 0), ImGuiCond_Always);
    if (!ImGui::BeginPopupModal(kDeletePopup, nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar))
        return;
    ImGui::TextWrapped(Tr("Delete the view \"%s\"? Undo (Ctrl+Z) brings it back."), views.confirm_delete.c_str());
    TheItemRegistry().RecordLastItem("views-delete-question");
    ImGui::Spacing();
    bool close = false;
    if (PrimaryButton(TrLabel("Delete##views-delete-confirm"))) {
        PushViews(config, RemoveView(config.views, views.confirm_delete), requests);
        close = true;
    }
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Cancel##views-delete-confirm")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        close = true;
    if (close) {
        views.confirm_delete.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// "Save current view": offered while a filter applies that no view has yet.
void DrawSaveCurrent(const BoardConfig& config, UiState& ui, bool writable, std::vector<Request>& requests) {
    Sidebar& views = ui.views;
    if (!views.naming) {
        bool savable = writable && ui.filter.active && !FindViewByQuery(config.views, ui.filter.applied_text);
        ImGui::BeginDisabled(!savable);
        if (ImGui::Button(TrLabel("Save current view##views-save"), ImVec2(-1, 0))) {
            views.naming = true;
            views.name.clear();
            views.focus_field = true;
            views.renaming.clear();
        }
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("%s", Tr("Keep the filter in the bar as a view, under a name"));
        return;
    }
    bool cancelled = false;
    if (NameField("##view-name", views.name, views.focus_field, cancelled)) {
        auto added = AddView(config.views, {views.name, ui.filter.applied_text});
        if (!added) {
            views.message = AsSentence(added.error().message);
            views.focus_field = true;
            return;
        }
        PushViews(config, std::move(added.value()), requests);
        views.naming = false;
        views.message.clear();
    } else if (cancelled) {
        views.naming = false;
        views.message.clear();
    }
}

void DrawCollapsed(Sidebar& views) {
    ImGui::BeginChild("views-sidebar-collapsed", ImVec2(kCollapsedWidth, 0), false);
    if (ImGui::Button("\xc2\xbb##views-expand", ImVec2(-1, 0))) views.collapsed = false;  // »
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Show the saved views"));
    ImGui::EndChild();
}

}  // namespace

void DrawViewsSidebar(const App& app, UiState& ui, std::vector<Request>& requests) {
    Sidebar& views = ui.views;
    if (views.collapsed) return DrawCollapsed(views);
    const BoardConfig& config = app.board().config();
    const Theme& theme = CurrentTheme();
    const bool writable = !app.read_only();
    ImGui::BeginChild("views-sidebar", ImVec2(kViewsSidebarWidth, 0), false);

    ImGui::PushStyleColor(ImGuiCol_Text, theme.text_muted);
    ImGui::TextUnformatted(Tr("Views"));
    ImGui::PopStyleColor();
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::GetFrameHeight());
    if (ImGui::SmallButton("\xc2\xab##views-collapse")) views.collapsed = true;  // «
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Hide the saved views"));
    ImGui::Separator();

    const float full = ImGui::GetContentRegionAvail().x;
    const SavedView* selected = FilterIsEmpty(ui.filter) ? nullptr : FindViewByQuery(config.views, ui.filter.text);
    if (ViewRow(Tr("All tickets"), "", FilterIsEmpty(ui.filter), "all", full)) ui.filter.text.clear();
    for (std::size_t i = 0; i < config.views.size(); ++i) {
        const SavedView& view = config.views[i];
        if (view.name == views.renaming) {
            DrawRename(config, views, requests);
            continue;
        }
        const bool is_selected = &view == selected;
        const float buttons = is_selected ? views.buttons_width + ImGui::GetStyle().ItemSpacing.x : 0.0f;
        if (ViewRow(view.name, view.query, is_selected, std::to_string(i), full - buttons)) ui.filter.text = view.query;
        if (is_selected) RowButtons(view, views, writable);
    }
    DrawDeleteConfirm(config, views, requests);

    ImGui::Spacing();
    DrawSaveCurrent(config, ui, writable, requests);
    if (!views.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme.danger);
        ImGui::TextWrapped("%s", views.message.c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem(views.message + "##views-message");
    }
    ImGui::EndChild();
}

}  // namespace tackboard
