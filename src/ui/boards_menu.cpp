// boards_menu.cpp — several boards in one browser (boards_menu.hpp).
#include "ui/boards_menu.hpp"

#include <imgui.h>

#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

constexpr const char* kMenu = "boards-menu";
constexpr const char* kNamePopup = "Board name##boards-name";
constexpr const char* kDeletePopup = "Delete board?##boards-delete";

using Menu = UiState::BoardsMenu;

void StartNaming(Menu& boards, Menu::Naming naming, std::string name) {
    boards.naming = naming;
    boards.naming_requested = true;
    boards.name = std::move(name);
    boards.focus_field = true;
    boards.message.clear();
}

const BoardEntry* CurrentBoard(const Menu& boards) { return FindBoard(boards.list, boards.list.current); }

void DrawMenuItems(const App& app, UiState& ui) {
    Menu& boards = ui.boards;
    const Millis now = app.Now();
    if (boards.list.demo) {
        ImGui::TextDisabled("%s", Tr("Demo — changes are not kept"));
        if (ImGui::Selectable(TrLabel("Leave the demo##boards-leave-demo")))
            RequestBoardAction(ui, "leaveDemo", "", "", now);
        return;
    }
    const auto live = LiveBoards(boards.list);
    for (const BoardEntry* board : live) {
        const bool current = board->id == boards.list.current;
        std::string label = BoardDisplayName(boards, *board) + "##board-" + board->id;
        if (ImGui::Selectable(label.c_str(), current) && !current) RequestBoardAction(ui, "switch", board->id, "", now);
        TheItemRegistry().RecordLastItem("board:" + board->id + " " + BoardDisplayName(boards, *board));
    }
    ImGui::Separator();
    if (ImGui::Selectable(TrLabel("New board…##boards-new"))) StartNaming(boards, Menu::Naming::Create, "");
    const BoardEntry* current = CurrentBoard(boards);
    if (ImGui::Selectable(TrLabel("Rename this board…##boards-rename"), false, current ? 0 : ImGuiSelectableFlags_Disabled))
        StartNaming(boards, Menu::Naming::Rename, BoardDisplayName(boards, *current));
    const bool deletable = current && CheckBoardDeletion(boards.list, current->id).ok();
    if (ImGui::Selectable(TrLabel("Delete this board…##boards-delete"), false, deletable ? 0 : ImGuiSelectableFlags_Disabled)) {
        boards.confirm_delete = current->id;
        boards.confirm_requested = true;
    }
    if (!deletable && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", Tr("This is the only board: make another before deleting it."));
    ImGui::Separator();
    if (ImGui::Selectable(TrLabel("Export this board (Tackboard JSON)##boards-export"))) ui.export_requested = true;
    if (ImGui::Selectable(TrLabel("Import a board from a file…##boards-import"))) RequestBoardAction(ui, "importBoard", "", "", now);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("A Tackboard JSON export (or any file Import reads) becomes a new board"));
}

void DrawNameDialog(UiState& ui) {
    Menu& boards = ui.boards;
    if (boards.naming_requested) {
        ImGui::OpenPopup(kNamePopup);
        boards.naming_requested = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(400.0f, ImGui::GetMainViewport()->Size.x - 20), 0), ImGuiCond_Always);
    if (!ImGui::BeginPopupModal(kNamePopup, nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar)) return;
    const bool creating = boards.naming == Menu::Naming::Create;
    ImGui::TextUnformatted(creating ? Tr("New board") : Tr("Rename the board"));
    if (boards.focus_field) {
        ImGui::SetKeyboardFocusHere();
        boards.focus_field = false;
    }
    ImGui::SetNextItemWidth(-1);
    bool confirmed = InputString("##boards-name-field", boards.name, Tr("Name of the board"), 0.0f,
                                 ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    if (!boards.message.empty()) ErrorText(boards.message, "boards-message");
    confirmed |= PrimaryButton(creating ? TrLabel("Create##boards-name-ok") : TrLabel("Rename##boards-name-ok"));
    ImGui::SameLine();
    bool close = ImGui::Button(TrLabel("Cancel##boards-name-cancel")) ||
                 ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    if (confirmed) {
        const BoardEntry* current = CurrentBoard(boards);
        close = RequestBoardAction(ui, creating ? "create" : "rename", creating || !current ? "" : current->id, boards.name,
                                   0);
    }
    if (close) {
        boards.naming = Menu::Naming::None;
        boards.message.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void DrawDeleteDialog(const App& app, UiState& ui) {
    Menu& boards = ui.boards;
    if (boards.confirm_requested) {
        ImGui::OpenPopup(kDeletePopup);
        boards.confirm_requested = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(420.0f, ImGui::GetMainViewport()->Size.x - 20), 0), ImGuiCond_Always);
    if (!ImGui::BeginPopupModal(kDeletePopup, nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar)) return;
    const BoardEntry* board = FindBoard(boards.list, boards.confirm_delete);
    const std::size_t tickets = app.board().tickets().size();
    const long long seconds = boards.list.undo_ms / 1000;
    ImGui::TextWrapped("%s", Format(Tr("Delete the board \"%s\" and its %s tickets? You can undo this for %lld seconds."),
                                    board ? BoardDisplayName(boards, *board).c_str() : "?",
                                    FormatNumber(tickets).c_str(), seconds)
                                 .c_str());
    TheItemRegistry().RecordLastItem("boards-delete-question");
    if (!boards.message.empty()) ErrorText(boards.message);
    ImGui::Spacing();
    bool close = false;
    if (PrimaryButton(TrLabel("Delete##boards-delete-confirm")))
        close = RequestBoardAction(ui, "delete", boards.confirm_delete, "", app.Now());
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Cancel##boards-delete-cancel")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        close = true;
    if (close) {
        boards.confirm_delete.clear();
        boards.message.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// "Board "X" deleted. Undo" at the bottom of the window while it can still be undone.
void DrawUndoBar(const App& app, UiState& ui) {
    const Millis now = app.Now();
    const auto deleted = UndoableDeletions(ui.boards.list, now);
    if (deleted.empty()) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x / 2, viewport->Pos.y + viewport->Size.y - 16),
                            ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.97f);
    ImGui::Begin("##boards-undo-bar", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    for (const BoardEntry* board : deleted) {
        const long long left = (board->deleted_at + ui.boards.list.undo_ms - now + 999) / 1000;
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(Format(Tr("Board \"%s\" deleted (%lld s to undo)."), BoardDisplayName(ui.boards, *board).c_str(),
                                      left)
                                   .c_str());
        TheItemRegistry().RecordLastItem("board-deleted:" + board->id);
        ImGui::SameLine();
        if (PrimaryButton((std::string(TrLabel("Undo##boards-undo")) + "-" + board->id).c_str()))
            RequestBoardAction(ui, "undoDelete", board->id, "", now);
    }
    ImGui::End();
}

}  // namespace

std::string BoardDisplayName(const Menu& boards, const BoardEntry& board) {
    if (boards.list.demo) return Tr("Demo board");
    return board.name.empty() ? Tr("My board") : board.name;
}

bool RequestBoardAction(UiState& ui, std::string_view action, std::string_view id, std::string_view name, Millis now) {
    auto request = BoardAction(ui.boards.list, action, id, name, now);
    if (!request) {
        ui.boards.message = Tr(request.error().message.c_str());
        return false;
    }
    ui.boards.message.clear();
    ui.boards.action = request.value().dump();
    return true;
}

void DrawBoardsButton(const App& app, UiState& ui) {
    Menu& boards = ui.boards;
    const BoardEntry* current = CurrentBoard(boards);
    std::string name = boards.list.demo ? Tr("Demo board") : current ? BoardDisplayName(boards, *current) : "…";
    if (ImGui::Button((name + " " + icons::kCaretDown + "###boards-button").c_str())) ImGui::OpenPopup(kMenu);
    TheItemRegistry().RecordLastItem("current board: " + name);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Boards: switch, make a new one, rename, delete, export, import"));
    if (!ImGui::BeginPopup(kMenu)) return;
    if (boards.known) DrawMenuItems(app, ui);
    ImGui::EndPopup();
}

void DrawBoardsDialogs(const App& app, UiState& ui) {
    DrawNameDialog(ui);
    DrawDeleteDialog(app, ui);
    DrawUndoBar(app, ui);
}

}  // namespace tackboard
