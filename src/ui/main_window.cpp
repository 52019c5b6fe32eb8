#include "ui/main_window.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "ui/board_panel.hpp"
#include "ui/boards_menu.hpp"
#include "ui/command_palette.hpp"
#include "ui/filter_bar.hpp"
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/import_dialog.hpp"
#include "ui/item_registry.hpp"
#include "ui/list_view.hpp"
#include "ui/locale_format.hpp"
#include "ui/new_ticket_dialog.hpp"
#include "ui/notification_centre.hpp"
#include "ui/reports_view.hpp"
#include "ui/request_view.hpp"
#include "ui/rules_view.hpp"
#include "ui/settings_view.hpp"
#include "ui/sprints_view.hpp"
#include "ui/ticket_panel.hpp"
#include "ui/triage_view.hpp"
#include "ui/views_sidebar.hpp"
#include "ui/welcome_panel.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

struct SaveIndicator {
    std::string text;
    ImU32 colour;
};

SaveIndicator SaveIndicatorOf(SaveState::Kind kind, const std::string& reason, bool read_only) {
    const Theme& t = CurrentTheme();
    if (read_only) return {Tr("Read-only: open in another tab"), t.text_muted};
    switch (kind) {
        case SaveState::Kind::Saved: return {std::string(icons::kCheck) + " " + Tr("Saved"), t.ok};
        case SaveState::Kind::Saving: return {std::string(icons::kRefresh) + " " + Tr("Saving…"), t.text_muted};
        case SaveState::Kind::Failed: break;
    }
    return {std::string(icons::kWarning) + " " + Format(Tr("Not saved: %s"), reason.c_str()), t.danger};
}

// The width the save indicator keeps at the toolbar's right end. "Saved" and "Saving…"
// alternate with every edit, so both fit in it: the toolbar must not jump while typing.
float SaveIndicatorWidth(const SaveState& state, bool read_only) {
    auto width = [&](SaveState::Kind kind) {
        return ImGui::CalcTextSize(SaveIndicatorOf(kind, state.reason, read_only).text.c_str()).x;
    };
    if (read_only || state.kind != SaveState::Kind::Failed)
        return std::max(width(SaveState::Kind::Saved), width(SaveState::Kind::Saving));
    const ImGuiStyle& style = ImGui::GetStyle();  // and the "Export now" button after it
    return width(SaveState::Kind::Failed) + style.ItemSpacing.x + ImGui::CalcTextSize(Tr("Export now")).x +
           style.FramePadding.x * 2;
}

void DrawSaveIndicator(const SaveState& state, bool read_only) {
    const auto [text, colour] = SaveIndicatorOf(state.kind, state.reason, read_only);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    TheItemRegistry().RecordLastItem(text + "##save-state");
}

// Toolbar items go on the line of the previous one while they fit, and on a new line
// when they do not (a phone's narrow screen). `label` as passed to the button.
void NextInToolbar(const char* label, float spacing = -1.0f) {
    const ImGuiStyle& style = ImGui::GetStyle();
    float width = ImGui::CalcTextSize(label, nullptr, true).x + style.FramePadding.x * 2;
    float gap = spacing < 0 ? style.ItemSpacing.x : spacing;
    float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + gap + width <= right) ImGui::SameLine(0, spacing);
}

// Buttons, and Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y while no text field has the keyboard
// (a text field has its own undo).
void DrawUndoRedo(const App& app, std::vector<Request>& requests) {
    NextInToolbar("XXX");  // an icon button
    ImGui::BeginDisabled(!app.CanUndo());
    if (ImGui::Button((std::string(icons::kUndo) + "##undo").c_str())) requests.push_back(UndoRequest{});
    TheItemRegistry().RecordLastItem("Undo");
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", Tr("Undo (Ctrl+Z)"));
    ImGui::SameLine();
    ImGui::BeginDisabled(!app.CanRedo());
    if (ImGui::Button((std::string(icons::kRedo) + "##redo").c_str())) requests.push_back(RedoRequest{});
    TheItemRegistry().RecordLastItem("Redo");
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", Tr("Redo (Ctrl+Shift+Z)"));

    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || !io.KeyCtrl || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z), false)) {
        if (io.KeyShift) requests.push_back(RedoRequest{});
        else requests.push_back(UndoRequest{});
    } else if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y), false)) {
        requests.push_back(RedoRequest{});
    }
}

// The globe and the language's code; its menu lists each language in itself.
void DrawLanguageMenu() {
    std::string code = LanguageCode(CurrentLanguage());
    for (char& c : code) c = static_cast<char>(c - 'a' + 'A');
    if (ImGui::Button((std::string(icons::kGlobe) + " " + code + "###language").c_str())) ImGui::OpenPopup("language-menu");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Language"));
    if (!ImGui::BeginPopup("language-menu")) return;
    for (Language language : kLanguages) {
        std::string label = std::string(LanguageName(language)) + "##lang-" + LanguageCode(language);
        if (ImGui::Selectable(label.c_str(), language == CurrentLanguage())) SetLanguage(language);
    }
    ImGui::EndPopup();
}

void DrawTopBar(App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    const Theme& t = CurrentTheme();
    ImGui::PushFont(fonts.heading);
    ImGui::PushStyleColor(ImGuiCol_Text, t.accent);
    ImGui::TextUnformatted(icons::kTicket);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Tackboard");
    // The open board's name, where the app's name was: the page's title says Tackboard,
    // and a toolbar that fits one line on a laptop matters more.
    ImGui::SameLine(0, 10);
    float line_y = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(line_y - 3);
    DrawBoardsButton(app, ui);
    NextInToolbar((std::string(icons::kPlus) + "  " + TrLabel("New ticket##toolbar")).c_str());
    ImGui::BeginDisabled(app.read_only());  // another tab writes this board
    if (PrimaryButton((std::string(icons::kPlus) + "  " + TrLabel("New ticket##toolbar")).c_str()))
        OpenNewTicketDialog(app.board(), ui);
    ImGui::EndDisabled();
    DrawUndoRedo(app, requests);
    NextInToolbar(TrLabel("Import##toolbar"));
    ImGui::BeginDisabled(app.read_only());
    if (ImGui::Button(TrLabel("Import##toolbar"))) OpenImportDialog(ui);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", Tr("Add tickets from a file: Tackboard JSON, Trello board JSON, GitHub issues JSON, Jira CSV or CSV"));
    NextInToolbar(TrLabel("Export##toolbar"));
    if (ImGui::Button(TrLabel("Export##toolbar"))) ImGui::OpenPopup("export-menu");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Download the board as a file"));
    if (ImGui::BeginPopup("export-menu")) {
        if (ImGui::Selectable(TrLabel("Tackboard JSON (everything)##export-json"))) ui.export_requested = true;
        if (ImGui::Selectable(TrLabel("CSV (tickets, for spreadsheets)##export-csv"))) ui.export_csv_requested = true;
        ImGui::EndPopup();
    }
    // The view: the board's columns, one sortable list of the same tickets, the triage
    // queue, or the members' workload.
    NextInToolbar((std::string(Tr("Board")) + Tr("List")).c_str(), 16);
    if (ToggleButton(TrLabel("Board##view"), ViewKey(ui) == "board")) ShowView(ui, "board");
    ImGui::SameLine(0, 0);
    if (ToggleButton(TrLabel("List##view"), ViewKey(ui) == "list")) ShowView(ui, "list");
    NextInToolbar((std::string(Tr("Triage")) + Tr("Workload") + Tr("Rules") + Tr("Reports") + Tr("Sprints")).c_str(), 20);
    if (ToggleButton(TrLabel("Triage##view"), ViewKey(ui) == "triage")) ShowView(ui, "triage");
    ImGui::SameLine(0, 0);
    if (ToggleButton(TrLabel("Workload##view"), ViewKey(ui) == "workload")) ShowView(ui, "workload");
    ImGui::SameLine(0, 0);
    if (ToggleButton(TrLabel("Rules##view"), ViewKey(ui) == "rules")) ShowView(ui, "rules");
    ImGui::SameLine(0, 0);
    if (ToggleButton(TrLabel("Reports##view"), ViewKey(ui) == "reports")) ShowView(ui, "reports");
    ImGui::SameLine(0, 0);
    if (ToggleButton(TrLabel("Sprints##view"), ViewKey(ui) == "sprints")) ShowView(ui, "sprints");
    // Settings and the palette as icons (named in their tooltips and for tests and screen
    // readers), so the English toolbar keeps to one line on a 1400 px screen.
    NextInToolbar("XX", 8);
    if (ToggleButton((std::string(icons::kCog) + "##view-settings").c_str(), ViewKey(ui) == "settings")) ShowView(ui, "settings");
    TheItemRegistry().RecordLastItem(TrLabel("Settings##view"));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Board settings: statuses, transitions, priorities, labels, members, calendar"));
    NextInToolbar("XX", 8);
    if (ImGui::Button((std::string(icons::kBars) + "##palette").c_str())) OpenCommandPalette(ui);
    TheItemRegistry().RecordLastItem(TrLabel("Commands (Ctrl+K)##palette"));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Commands (Ctrl+K)"));
    NextInToolbar("XX 99", 8);
    DrawNotificationButton(app, ui);
    NextInToolbar("XX ZH");               // the globe and a language code
    DrawLanguageMenu();
    NextInToolbar("XX Synced 12 min ago");  // about as wide as the sync indicator gets
    DrawSyncIndicator(ui.sync);
    if (ui.demo_mode) {
        NextInToolbar(DemoBadgeText().c_str());
        DrawDemoBadge();
    }

    // Right side: ticket count and the save indicator.
    std::size_t tickets = app.board().tickets().size();
    std::string count = Format(TrCount(tickets, "%s ticket", "%s tickets"), FormatNumber(tickets).c_str());
    const SaveState& save = app.save_state();
    constexpr float kGap = 16;  // between the toolbar and the count, and the count and the indicator
    float right = ImGui::GetWindowContentRegionMax().x;
    // At the right end of the line, or on a line of their own when the toolbar left no room.
    float right_start = right - SaveIndicatorWidth(save, app.read_only()) - ImGui::CalcTextSize(count.c_str()).x - kGap;
    float row_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
    // The toolbar's last row (it wraps on narrow screens), as the first row sits: its
    // buttons start 3 px above line_y, the count 2 px below.
    const float last_row_y = ImGui::GetItemRectMin().y - ImGui::GetWindowPos().y + ImGui::GetScrollY() + 3;
    if (row_end + kGap <= right_start) {
        ImGui::SameLine(right_start);
        ImGui::SetCursorPosY(last_row_y + 2);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, t.text_muted);
    ImGui::TextUnformatted(count.c_str());
    ImGui::PopStyleColor();
    TheItemRegistry().RecordLastItem(count + "##ticket-count");
    ImGui::SameLine(0, kGap);
    DrawSaveIndicator(save, app.read_only());
    // Changes that cannot be stored stay in this tab: offer to take them out as a file.
    if (save.kind == SaveState::Kind::Failed && !app.read_only()) {
        ImGui::SameLine();
        if (PrimaryButton(TrLabel("Export now##save-failed"))) ui.export_requested = true;
    }
}

// A card to move the selection to, and the swimlane it is in (empty without lanes).
struct CardPlace {
    std::string id;
    std::string lane;
};

// With swimlanes, the board reads lane by lane: `down` moves within the selected card's
// cell and on into the same column of the next (or previous) lane that has cards there;
// `right` moves to the nearest column of the same lane that has cards.
CardPlace NeighbourInLanes(const Board& board, const UiState& ui, int down, int right) {
    const auto& lanes = ui.board.lanes.lanes;
    const auto& statuses = board.config().statuses;
    static const std::vector<std::size_t> kNone;
    auto cell = [&](std::size_t lane, std::size_t column) -> const std::vector<std::size_t>& {
        auto it = lanes[lane].columns.find(statuses[column].id);
        return it == lanes[lane].columns.end() ? kNone : it->second;
    };
    auto place = [&](std::size_t lane, std::size_t row) { return CardPlace{board.tickets()[row].id, lanes[lane].key}; };
    // Where the selected card is: its lane (the one it was picked in when it is in several).
    long at_lane = -1, at_column = -1, at_row = -1;
    for (std::size_t l = 0; l < lanes.size(); ++l) {
        if (at_lane >= 0 && lanes[l].key != ui.board.selected_lane) continue;
        for (std::size_t c = 0; c < statuses.size(); ++c) {
            const auto& rows = cell(l, c);
            for (std::size_t i = 0; i < rows.size(); ++i)
                if (board.tickets()[rows[i]].id == ui.selected_ticket) {
                    at_lane = static_cast<long>(l), at_column = static_cast<long>(c), at_row = static_cast<long>(i);
                }
        }
    }
    if (at_lane < 0) {  // nothing selected yet: the first card of the first lane
        for (std::size_t l = 0; l < lanes.size(); ++l)
            for (std::size_t c = 0; c < statuses.size(); ++c)
                if (!cell(l, c).empty()) return place(l, cell(l, c).front());
        return {};
    }
    if (right != 0) {
        for (long c = at_column + right; c >= 0 && c < static_cast<long>(statuses.size()); c += right)
            if (!cell(at_lane, c).empty()) return place(at_lane, cell(at_lane, c).front());
        return {};
    }
    const auto& rows = cell(at_lane, at_column);
    long next = at_row + down;
    if (next >= 0 && next < static_cast<long>(rows.size())) return place(at_lane, rows[next]);
    for (long l = at_lane + down; l >= 0 && l < static_cast<long>(lanes.size()); l += down) {
        const auto& other = cell(l, at_column);
        if (!other.empty()) return place(l, down > 0 ? other.front() : other.back());
    }
    return {};
}

// The card next to the selected one: `down` rows within its column, `right` columns across
// (the first card there). Empty when there is none.
CardPlace Neighbour(const Board& board, const UiState& ui, int down, int right) {
    if (!ui.list_mode && ui.board.swimlanes != Swimlanes::None) return NeighbourInLanes(board, ui, down, right);
    if (ui.list_mode) {  // the list's own order; it has no columns to move across
        const auto& rows = ui.list.rows;
        if (rows.empty() || right != 0) return {};
        long at = -1;
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (board.tickets()[rows[i]].id == ui.selected_ticket) at = static_cast<long>(i);
        long next = at < 0 ? 0 : at + down;
        if (next < 0 || next >= static_cast<long>(rows.size())) return {};
        return {board.tickets()[rows[next]].id, {}};
    }
    const auto& statuses = board.config().statuses;
    const Ticket* current = board.Find(ui.selected_ticket);
    long column = 0, row = -1;
    if (current && !current->deleted) {
        for (std::size_t i = 0; i < statuses.size(); ++i)
            if (statuses[i].id == current->status) column = static_cast<long>(i);
        const auto& rows = StatusRows(board, ui.filter, current->status);
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (board.tickets()[rows[i]].id == current->id) row = static_cast<long>(i);
    }
    if (right != 0 || row < 0) {
        // Across: the nearest column in that direction that has cards (with nothing
        // selected yet: the first card of the board).
        long step = row < 0 ? 1 : right;
        for (long c = row < 0 ? 0 : column + right; c >= 0 && c < static_cast<long>(statuses.size()); c += step) {
            const auto& rows = StatusRows(board, ui.filter, statuses[c].id);
            if (!rows.empty()) return {board.tickets()[rows.front()].id, {}};
        }
        return {};
    }
    const auto& rows = StatusRows(board, ui.filter, current->status);
    long next = row + down;
    if (next < 0 || next >= static_cast<long>(rows.size())) return {};
    return {board.tickets()[rows[next]].id, {}};
}

// Shortcuts while no text field has the keyboard and no popup is open. Letters are read
// as typed characters (layout-independent, like "/"): n new ticket, e edit, j/k next and
// previous card. Keys: arrows move between cards and columns, Enter opens the selected
// card, Esc closes the panel, then clears the selection.
void HandleKeyboardShortcuts(const App& app, UiState& ui) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyAlt || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) return;
    const Board& board = app.board();
    if (io.KeyCtrl) {  // Ctrl+C on a selected card: the ticket as markdown, for mail or chat
        const Ticket* t = board.Find(ui.selected_ticket);
        if (t && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_C), false))
            ImGui::SetClipboardText(TicketAsMarkdown(*t, board.config()).c_str());
        return;
    }
    auto select = [&](const CardPlace& place) {
        if (place.id.empty()) return;
        const std::string& id = place.id;
        ui.board.selected_lane = place.lane;
        ui.selected_ticket = id;
        ui.list.scroll_to = id;  // the list brings it into view
        ui.board.scroll_to = id;  // and so does the board
        ui.selection = {id};
        ui.selection_anchor = id;
        if (!ui.panel.id.empty()) OpenTicket(ui, id);  // an open panel follows the selection
    };
    for (ImWchar c : io.InputQueueCharacters) {
        if (c == 'e' && !ui.panel.id.empty() && !ui.panel.editor.open && !app.read_only()) {
            OpenTicketEditor(board, ui);
            io.InputQueueCharacters.resize(0);  // the editor's fields must not receive the 'e'
            return;
        }
        if (c == 'n' && !app.read_only()) {
            OpenNewTicketDialog(board, ui);
            io.InputQueueCharacters.resize(0);  // nor the title field the 'n'
            return;
        }
        if (c == 'j') select(Neighbour(board, ui, 1, 0));
        if (c == 'k') select(Neighbour(board, ui, -1, 0));
    }
    auto pressed = [](ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); };
    if (pressed(ImGuiKey_DownArrow)) select(Neighbour(board, ui, 1, 0));
    if (pressed(ImGuiKey_UpArrow)) select(Neighbour(board, ui, -1, 0));
    if (pressed(ImGuiKey_RightArrow)) select(Neighbour(board, ui, 0, 1));
    if (pressed(ImGuiKey_LeftArrow)) select(Neighbour(board, ui, 0, -1));
    if ((pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter)) && board.Find(ui.selected_ticket))
        OpenTicket(ui, ui.selected_ticket);
    if (pressed(ImGuiKey_Escape)) {
        if (!ui.panel.id.empty()) ui.panel = {};
        else ui.selection.clear();
    }
}

void DrawNotices(const App& app, UiState& ui, std::vector<Request>& requests) {
    if (app.notices().empty()) return;
    const Theme& t = CurrentTheme();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, t.warning_bg);
    float height = ImGui::GetTextLineHeightWithSpacing() * (app.notices().size() + 1) + 20;
    ImGui::BeginChild("notices", ImVec2(0, height), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    for (const auto& notice : app.notices()) ImGui::TextWrapped("%s %s", icons::kWarning, notice.c_str());
    // Damaged files set aside while loading: the user can take them away to inspect them.
    for (const auto& path : app.quarantined()) {
        std::string name = path.substr(path.find_last_of('/') + 1);
        if (ImGui::SmallButton((Format(Tr("Download %s"), name.c_str()) + "##quarantined").c_str())) ui.download_path = path;
        ImGui::SameLine();
    }
    if (ImGui::SmallButton(TrLabel("Dismiss##notices"))) requests.push_back(DismissNoticesRequest{});
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

// One slice of checking the file per frame, so its progress bar moves and the page answers.
void PlanImport(App& app, ImportDialog& dialog) {
    if (!dialog.planner) dialog.planner = app.PlanImportInSlices(dialog.bytes);
    // Slices until about two frames' worth of time is spent, then the frame is drawn.
    auto start = std::chrono::steady_clock::now();
    bool done = false;
    while (!done && std::chrono::steady_clock::now() - start < std::chrono::milliseconds(30))
        done = dialog.planner->Step(200);
    dialog.check_fraction = dialog.planner->progress();
    if (!done) return;
    auto plan = dialog.planner->Take();
    dialog.planner.reset();
    dialog.frames_shown = 0;
    if (!plan) {
        dialog.error = AsSentence(plan.error().Describe());
        dialog.stage = ImportDialog::Stage::Failed;
        return;
    }
    dialog.plan = std::move(plan.value());
    dialog.stage = ImportDialog::Stage::Preview;
}

void ApplyImport(App& app, ImportDialog& dialog) {
    dialog.frames_shown = 0;
    if (!dialog.plan) return;
    const std::size_t tickets = dialog.plan->tickets;
    const std::string format = dialog.plan->format;
    auto done = app.Import(std::move(*dialog.plan));
    dialog.plan.reset();
    if (!done) {
        dialog.error = AsSentence(done.error().Describe());
        dialog.stage = ImportDialog::Stage::Failed;
        return;
    }
    dialog.result = Format(TrCount(tickets, "%s ticket imported from %s. Undo (Ctrl+Z) takes it out again.",
                                   "%s tickets imported from %s. Undo (Ctrl+Z) takes them out again."),
                           FormatNumber(tickets).c_str(), format.c_str());
    dialog.bytes.clear();
    dialog.bytes.shrink_to_fit();
    dialog.stage = ImportDialog::Stage::Done;
}

// Moves cards to a column: one change (one undo step) however many; over the column's WIP
// limit only once the user said so.
void Move(App& app, UiState& ui, const MoveTicketRequest& move) {
    const StatusDef* target = app.board().config().FindStatus(move.status);
    if (!target || move.ids.empty()) return;
    // Cards reordered within the column (a drop at a place) do not count against its limit.
    std::size_t entering = std::count_if(move.ids.begin(), move.ids.end(), [&](const std::string& id) {
        const Ticket* t = app.board().Find(id);
        return t && t->status != move.status;
    });
    std::size_t after = app.board().Column(move.status).size() + entering;
    if (!move.confirmed && entering > 0 && target->wip_limit > 0 && after > static_cast<std::size_t>(target->wip_limit)) {
        std::size_t now = app.board().Column(move.status).size();
        ui.wip_confirm.move = move;
        ui.wip_confirm.message = Format(Tr("%s allows %s tickets at a time and has %s. Move %s more anyway?"),
                                        TrName(target->name), FormatNumber(target->wip_limit).c_str(),
                                        FormatNumber(now).c_str(), FormatNumber(entering).c_str());
        ui.wip_confirm.open_requested = true;
        return;
    }
    nlohmann::json changes = move.changes;
    if (changes.empty())
        for (const auto& id : move.ids)
            changes.push_back({{"op", "update"}, {"id", id}, {"set", {{"status", move.status}}}});
    if (changes.empty()) return;
    auto moved = changes.size() == 1 ? app.Execute(changes[0]) : app.Execute({{"op", "batch"}, {"changes", changes}});
    ui.board_message = moved ? std::string() : AsSentence(moved.error().message);
    ui.wip_confirm = {};
}

void Run(App& app, UiState& ui, const Request& request) {
    if (const auto* create = std::get_if<CreateTicketRequest>(&request)) {
        auto created = create->duplicate_of.empty() ? app.CreateTicket(create->fields)
                                                    : CreateAsDuplicate(app, create->fields, create->duplicate_of);
        if (created) OnTicketCreated(ui, created.value());
        else OnTicketRefused(ui, created.error().message);
    } else if (const auto* move = std::get_if<MoveTicketRequest>(&request)) {
        Move(app, ui, *move);
    } else if (const auto* change = std::get_if<ChangeRequest>(&request)) {
        std::string op = change->change.value("op", "");
        auto done = app.Execute(change->change);
        if (change->source == ChangeSource::Views) {
            ui.views.message = done ? std::string() : AsSentence(done.error().message);
            return;
        }
        if (change->source == ChangeSource::Triage) {
            if (!done) ui.triage.message = AsSentence(done.error().message);
            return;
        }
        if (change->source == ChangeSource::Rules) {
            OnRulesSaved(ui, done);
            return;
        }
        if (change->source == ChangeSource::Sprints) {
            OnSprintsChanged(ui, done);
            return;
        }
        if (change->source == ChangeSource::Settings) {
            OnSettingsChanged(ui, done);
            return;
        }
        ui.panel.message = done ? std::string() : AsSentence(done.error().message);
        if (done && op == "comment") ui.panel.comment.clear();
        if (done && op == "reopen") ui.panel.reopen_reason.clear();
        if (done && op == "delete") ui.panel = {};
        if (ui.panel.editor.saving) {  // the editor's save: close it once applied, keep it open if refused
            ui.panel.editor.saving = false;
            if (done) ui.panel.editor = {};
        }
    } else if (std::holds_alternative<DismissNoticesRequest>(request)) {
        app.DismissNotices();
    } else if (std::holds_alternative<UndoRequest>(request)) {
        app.Undo();  // refused only when there is nothing to undo: the button is disabled then
    } else if (std::holds_alternative<RedoRequest>(request)) {
        app.Redo();
    } else if (std::holds_alternative<PlanImportRequest>(request)) {
        PlanImport(app, ui.import);
    } else if (std::holds_alternative<ApplyImportRequest>(request)) {
        ApplyImport(app, ui.import);
    }
}

}  // namespace

bool DrawMainWindow(App& app, const Fonts& fonts, UiState& ui) {
    std::vector<Request> requests;
    WelcomeChoice welcome = WelcomeChoice::None;
    ui.helpdesk.now = app.Now();
    ui.helpdesk.loaded = &app.helpdesk();
    // A requester (or anyone at #view=request) sees the requester's side instead.
    if (RequestViewWanted(app, ui)) return DrawRequestWindow(app, fonts, ui);
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("Tackboard##main", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    DrawTopBar(app, fonts, ui, requests);
    ImGui::Spacing();
    DrawNotices(app, ui, requests);
    DrawFilterBar(app, fonts, ui);
    HandleKeyboardShortcuts(app, ui);
    ImGui::Spacing();
    // The saved views, the board, and beside it the open ticket's panel. A narrow screen
    // (a phone) folds the views when it becomes narrow, and shows an open ticket alone.
    const bool narrow = ImGui::GetContentRegionAvail().x < kNarrowScreen;
    if (narrow && !ui.narrow) ui.views.collapsed = true;
    ui.narrow = narrow;
    bool panel_open = app.board().Find(ui.panel.id) != nullptr;
    if (!(narrow && panel_open)) {
        DrawViewsSidebar(app, ui, requests);
        ImGui::SameLine(0, 12);
        ImGui::BeginChild("board-area", ImVec2(panel_open ? -kTicketPanelWidth - 12 : 0, 0), false,
                          ImGuiWindowFlags_NoScrollbar);
        if (WelcomeWanted(app, ui)) DrawWelcomePanel(fonts, welcome);  // above the empty columns
        if (ui.helpdesk_view == HelpdeskView::Triage) DrawTriageView(app, fonts, ui, requests);
        else if (ui.helpdesk_view == HelpdeskView::Workload) DrawWorkloadView(app, fonts, ui);
        else if (ui.helpdesk_view == HelpdeskView::Rules) DrawRulesView(app, fonts, ui, requests);
        else if (ui.helpdesk_view == HelpdeskView::Reports) DrawReportsView(app, fonts, ui);
        else if (ui.helpdesk_view == HelpdeskView::Sprints) DrawSprintsView(app, fonts, ui, requests);
        else if (ui.helpdesk_view == HelpdeskView::Settings) DrawSettingsView(app, fonts, ui, requests);
        else if (ui.list_mode) DrawListView(app.board(), fonts, ui, requests);
        else DrawBoardPanel(app.board(), fonts, ui, requests);
        ImGui::EndChild();
        ImGui::SameLine(0, 12);
    }
    if (panel_open) DrawTicketPanel(app, fonts, ui, requests, narrow ? ImGui::GetContentRegionAvail().x : kTicketPanelWidth);
    DrawNewTicketDialog(app, fonts, ui, requests);
    DrawImportDialog(fonts, ui, requests);
    DrawCommandPalette(app, ui, requests);
    DrawNotificationCentre(app, fonts, ui, requests);
    DrawShortcutSheet(ui);
    DrawWipConfirm(ui, requests);
    DrawAddToSprintDialog(app, ui, requests);
    DrawSyncDialog(ui.sync);
    DrawBoardsDialogs(app, ui);
    ImGui::End();

    for (const auto& request : requests) Run(app, ui, request);
    RunWelcomeChoice(app, ui, welcome);
    return !requests.empty() || welcome != WelcomeChoice::None;
}

}  // namespace tackboard
