// command_palette.cpp — the Ctrl+K palette and the '?' shortcut sheet (command_palette.hpp).
//
// [SECTION] Commands: what the palette offers right now, built each frame it is open
// [SECTION] Palette: the modal, its field, keys and rows
// [SECTION] Shortcut sheet
#include "ui/command_palette.hpp"

#include <SDL_scancode.h>  // the SDL backend gives ImGui 1.86 keys as SDL scancodes
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharToUtf8

#include <algorithm>
#include <functional>
#include <string>

#include "core/text_fold.hpp"
#include "ui/i18n.hpp"
#include "ui/import_dialog.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/new_ticket_dialog.hpp"
#include "ui/theme.hpp"
#include "ui/ticket_panel.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

constexpr const char* kPaletteId = "Commands##palette-popup";
constexpr const char* kSheetId = "Keyboard shortcuts##sheet-popup";
constexpr std::size_t kMaxTicketRows = 8;
constexpr int kMaxVisibleRows = 12;

// ---------------------------------------------------------------------------------
// [SECTION] Commands
// ---------------------------------------------------------------------------------

struct Command {
    std::string name;  // what is shown and matched: "Move selected ticket to Triage"
    std::string id;    // unique per frame; the row's ImGui id is "##palette-<id>"
    std::string keys;  // its shortcut, shown at the right ("Ctrl+Z"), or empty
    bool enabled = true;
    bool matched_by_query = false;  // a "Go to ticket" row: the query found it, not its name
    std::function<void()> run;
};

// The tickets a move acts on: the bulk selection, else the selected (or open) ticket.
std::vector<std::string> MoveTargets(const Board& board, const UiState& ui) {
    if (ui.selection.size() >= 2) return ui.selection;
    for (const std::string* id : {&ui.selected_ticket, &ui.panel.id}) {
        const Ticket* t = board.Find(*id);
        if (t && !t->deleted) return {*id};
    }
    return {};
}

void AddMoveCommands(const App& app, UiState& ui, std::vector<Request>& requests, std::vector<Command>& out) {
    const Board& board = app.board();
    std::vector<std::string> ids = MoveTargets(board, ui);
    if (ids.empty() || app.read_only()) return;
    for (const StatusDef& status : board.config().statuses) {
        bool all_there = true, allowed = true;
        for (const std::string& id : ids) {
            const Ticket* t = board.Find(id);
            if (!t) continue;
            all_there &= t->status == status.id;
            allowed &= t->status == status.id || board.config().TransitionAllowed(t->status, status.id);
        }
        if (all_there) continue;  // nothing would move
        std::string name = ids.size() == 1 ? Format(Tr("Move selected ticket to %s"), TrName(status.name))
                           : Format(Tr("Move %s selected tickets to %s"), FormatNumber(ids.size()).c_str(), TrName(status.name));
        out.push_back({name, "move-" + status.id, "", allowed,
                       false, [&requests, ids, status] { requests.push_back(MoveTicketRequest{ids, status.id}); }});
    }
}

// Up to kMaxTicketRows tickets the typed text finds (free words search titles), once it
// has two characters or more; nothing while the text is not a valid query.
void AddTicketCommands(const App& app, UiState& ui, std::vector<Command>& out) {
    const std::string& text = ui.palette.text;
    std::size_t characters = 0;
    for (std::size_t pos = 0; pos < text.size(); ++characters) NextCodePoint(text, pos);
    if (characters < 2 || text.find_first_not_of(' ') == std::string::npos) return;
    auto rows = app.Query(text);
    if (!rows) return;
    std::size_t shown = 0;
    for (std::size_t row : rows.value()) {
        const Ticket& t = app.board().tickets()[row];
        if (t.deleted) continue;
        std::string id = t.id;
        out.push_back({Format(Tr("Go to ticket: %s"), t.title.c_str()), "goto-" + id, ShortId(id), true, true,
                       [&ui, id] { OpenTicket(ui, id); }});
        if (++shown == kMaxTicketRows) break;
    }
}

// One "Insert canned answer" per canned response, usable while a ticket's panel is open.
void AddCannedCommands(const Board& board, UiState& ui, std::vector<Command>& out) {
    const Ticket* open = board.Find(ui.panel.id);
    const bool usable = open && !open->deleted;
    for (const CannedResponse& response : ui.helpdesk.loaded->settings.canned.responses)
        out.push_back({Format(Tr("Insert canned answer: %s"), response.name.c_str()), "canned-" + response.id, "", usable,
                       false, [&board, &ui, response] { InsertCannedResponse(board, ui, response); }});
}

std::vector<Command> Commands(const App& app, UiState& ui, std::vector<Request>& requests) {
    const Board& board = app.board();
    const bool writable = !app.read_only();
    std::vector<Command> out;
    out.push_back({Tr("New ticket"), "new", "n", writable, false, [&board, &ui] { OpenNewTicketDialog(board, ui); }});
    out.push_back({Tr("Import…"), "import", "", writable, false, [&ui] { OpenImportDialog(ui); }});
    out.push_back({Tr("Export as Tackboard JSON"), "export-json", "", true, false, [&ui] { ui.export_requested = true; }});
    out.push_back({Tr("Export as CSV"), "export-csv", "", true, false, [&ui] { ui.export_csv_requested = true; }});
    for (const auto& view : {std::pair{"Board view", "board"}, {"List view", "list"}, {"Triage view", "triage"},
                             {"Workload view", "workload"}, {"Automation rules", "rules"},
                             {"Reports", "reports"}, {"Sprints", "sprints"}, {"Board settings", "settings"}}) {
        const char* key = view.second;
        if (ViewKey(ui) != key) out.push_back({Tr(view.first), key, "", true, false, [&ui, key] { ShowView(ui, key); }});
    }
    // What requesters see (request_view.hpp); "Back to the board" there returns.
    out.push_back({Tr("Requester's view"), "request", "", true, false, [&ui] { ShowView(ui, "request"); }});
    out.push_back({Tr("Undo"), "undo", "Ctrl+Z", app.CanUndo(), false, [&requests] { requests.push_back(UndoRequest{}); }});
    out.push_back({Tr("Redo"), "redo", "Ctrl+Shift+Z", app.CanRedo(), false, [&requests] { requests.push_back(RedoRequest{}); }});
    out.push_back({Tr("Filter tickets"), "filter", "/", true, false, [&ui] {
                       ui.filter.focus_requested = true;
                       ui.filter.cursor_to_end = true;
                   }});
    if (!ui.filter.text.empty())
        out.push_back({Tr("Clear filter"), "clear-filter", "", true, false, [&ui] { ui.filter.text.clear(); }});
    // A saved view is its query in the filter (the filter bar runs it on its next frame).
    for (const SavedView& view : board.config().views) {
        std::string query = view.query;
        out.push_back({Format(Tr("View: %s"), TrName(view.name)), "view-" + view.name, "", true, false,
                       [&ui, query] { ui.filter.text = query; }});
    }
    AddMoveCommands(app, ui, requests, out);
    if (const Ticket* open = board.Find(ui.panel.id); open && !open->deleted) {
        out.push_back({Tr("Edit ticket"), "edit", "e", writable && !ui.panel.editor.open, false,
                       [&board, &ui] { OpenTicketEditor(board, ui); }});
        out.push_back({Tr("Close ticket panel"), "close-panel", "Esc", true, false, [&ui] { ui.panel = {}; }});
    }
    AddCannedCommands(board, ui, out);
    out.push_back({Tr("Keyboard shortcuts"), "shortcuts", "?", true, false, [&ui] { ui.palette.sheet_open = true; }});
    out.push_back({Tr("Query help"), "query-help", "", true, false, [&ui] { ui.filter.help_requested = true; }});
    // The UI language (its name in itself, so it is found in any language).
    for (Language language : kLanguages)
        if (language != CurrentLanguage())
            out.push_back({Format(Tr("Language: %s"), LanguageName(language)), std::string("language-") + LanguageCode(language),
                           "", true, false, [language] { SetLanguage(language); }});
    AddTicketCommands(app, ui, out);
    return out;
}

// Every word of the typed text is in the name, ignoring case and accents.
bool Matches(const std::string& folded_name, const std::vector<std::string>& folded_words) {
    return std::all_of(folded_words.begin(), folded_words.end(),
                       [&](const std::string& w) { return folded_name.find(w) != std::string::npos; });
}

// Every word starts a word of the name: "board" is "Board view" before "Export as Tackboard JSON".
bool MatchesWordStarts(const std::string& folded_name, const std::vector<std::string>& folded_words) {
    return std::all_of(folded_words.begin(), folded_words.end(), [&](const std::string& w) {
        for (auto at = folded_name.find(w); at != std::string::npos; at = folded_name.find(w, at + 1))
            if (at == 0 || folded_name[at - 1] == ' ') return true;
        return false;
    });
}

std::vector<std::string> Words(const std::string& text) {
    std::vector<std::string> words;
    std::string folded = FoldText(text);
    for (std::size_t start = 0; start < folded.size();) {
        std::size_t end = folded.find(' ', start);
        if (end == std::string::npos) end = folded.size();
        if (end > start) words.push_back(folded.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

// ---------------------------------------------------------------------------------
// [SECTION] Palette
// ---------------------------------------------------------------------------------

// The next enabled row from `from` in `step` direction (wrapping), or `from` when none is.
int NextEnabled(const std::vector<const Command*>& rows, int from, int step) {
    const int n = static_cast<int>(rows.size());
    for (int i = 1; i <= n; ++i) {
        int row = ((from + step * i) % n + n) % n;
        if (rows[row]->enabled) return row;
    }
    return from;
}

void ClosePalette(UiState::CommandPalette& palette) {
    palette.open = false;
    palette.focus_input = false;
    palette.text.clear();
    palette.highlighted = 0;
    ImGui::CloseCurrentPopup();
}

// The field, focused on open. Until it has the keyboard (a frame or two), what is typed
// goes into the text here so no character is lost; `focus_input` is then cleared by
// InputString as it puts the cursor after that text.
bool DrawInput(UiState::CommandPalette& palette) {
    bool changed = false;
    ImGuiIO& io = ImGui::GetIO();
    if (palette.focus_input) {
        for (ImWchar c : io.InputQueueCharacters) {
            if (c < 0x20) continue;
            char utf8[5] = {};
            ImTextCharToUtf8(utf8, c);
            palette.text += utf8;
            changed = true;
        }
        io.InputQueueCharacters.resize(0);
        ImGui::SetKeyboardFocusHere();
    }
    ImGui::SetNextItemWidth(-1);
    changed |= InputString("##palette-input", palette.text, Tr("Type a command or a ticket title…"), 0.0f, 0,
                           &palette.focus_input);
    // Clicked elsewhere in the palette (not on a row being pressed): the keyboard comes back.
    if (!ImGui::IsItemActive() && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) palette.focus_input = true;
    return changed;
}

// One row: the name, and its shortcut (or the ticket's id) at the right, muted.
bool DrawRow(const Command& command, bool highlighted) {
    ImGuiSelectableFlags flags = ImGuiSelectableFlags_DontClosePopups;
    if (!command.enabled) flags |= ImGuiSelectableFlags_Disabled;
    bool pressed = ImGui::Selectable((command.name + "##palette-" + command.id).c_str(), highlighted, flags);
    if (!command.keys.empty()) {
        ImVec2 size = ImGui::CalcTextSize(command.keys.c_str());
        ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();  // the row with its spacing
        ImVec2 pos(max.x - size.x - ImGui::GetStyle().FramePadding.x, min.y + (max.y - min.y - size.y) * 0.5f);
        ImGui::GetWindowDrawList()->AddText(pos, CurrentTheme().text_muted, command.keys.c_str());
    }
    return pressed;
}

}  // namespace

void OpenCommandPalette(UiState& ui) {
    ui.palette = UiState::CommandPalette{.open = true, .focus_input = true, .sheet_open = ui.palette.sheet_open};
}

void DrawCommandPalette(const App& app, UiState& ui, std::vector<Request>& requests) {
    UiState::CommandPalette& palette = ui.palette;
    const ImGuiIO& io = ImGui::GetIO();
    bool toggle = (io.KeyCtrl || io.KeySuper) && ImGui::IsKeyPressed(SDL_SCANCODE_K, false);
    if (toggle && !palette.open && !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) {
        OpenCommandPalette(ui);
        toggle = false;
    }
    if (!palette.open) return;
    if (!ImGui::IsPopupOpen(kPaletteId)) ImGui::OpenPopup(kPaletteId);
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    // Centred, its top fixed a little above the middle so it does not jump as rows come and go.
    ImGui::SetNextWindowPos(ImVec2(viewport->GetCenter().x, viewport->Pos.y + viewport->Size.y * 0.18f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(std::min(620.0f, viewport->Size.x - 40), 0), ImGuiCond_Always);
    if (!ImGui::BeginPopupModal(kPaletteId, nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar)) {
        palette.open = false;  // closed from elsewhere
        return;
    }
    if (DrawInput(palette)) palette.highlighted = 0;

    std::vector<Command> commands = Commands(app, ui, requests);
    std::vector<std::string> words = Words(palette.text);
    // Names that match at word starts first, then the others, then the tickets found.
    std::vector<const Command*> rows, weaker, tickets;
    for (const Command& c : commands) {
        std::string name = FoldText(c.name);
        if (c.matched_by_query) tickets.push_back(&c);
        else if (MatchesWordStarts(name, words)) rows.push_back(&c);
        else if (Matches(name, words)) weaker.push_back(&c);
    }
    rows.insert(rows.end(), weaker.begin(), weaker.end());
    rows.insert(rows.end(), tickets.begin(), tickets.end());

    // The highlighted row: kept in range and on an enabled command; Up/Down move it.
    const int count = static_cast<int>(rows.size());
    palette.highlighted = std::clamp(palette.highlighted, 0, std::max(count - 1, 0));
    if (count > 0 && !rows[palette.highlighted]->enabled) palette.highlighted = NextEnabled(rows, palette.highlighted, 1);
    bool scroll = false;
    if (count > 0 && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) {
        palette.highlighted = NextEnabled(rows, palette.highlighted, 1);
        scroll = true;
    }
    if (count > 0 && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) {
        palette.highlighted = NextEnabled(rows, palette.highlighted, -1);
        scroll = true;
    }
    const Command* chosen = nullptr;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false)) {
        if (count > 0 && rows[palette.highlighted]->enabled) chosen = rows[palette.highlighted];
        else palette.focus_input = true;  // Enter took the keyboard from the field: give it back
    }

    ImGui::Spacing();
    if (rows.empty()) {
        ImGui::TextDisabled("%s", Tr("No command or ticket matches."));
        TheItemRegistry().RecordLastItem("palette-empty");
    } else {
        float row_height = ImGui::GetTextLineHeightWithSpacing();
        float height = std::min(count, kMaxVisibleRows) * row_height;
        ImGui::BeginChild("##palette-rows", ImVec2(0, height), false);
        for (int i = 0; i < count; ++i) {
            if (DrawRow(*rows[i], i == palette.highlighted) && rows[i]->enabled) chosen = rows[i];
            if (scroll && i == palette.highlighted) ImGui::SetScrollHereY();
        }
        ImGui::EndChild();
    }
    ImGui::Separator();
    ImGui::TextDisabled("%s", Tr("↑↓ choose   Enter run   Esc close"));

    if (chosen) chosen->run();
    if (chosen || toggle || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) ClosePalette(palette);
    ImGui::EndPopup();
}

// ---------------------------------------------------------------------------------
// [SECTION] Shortcut sheet
// ---------------------------------------------------------------------------------

namespace {

struct Shortcut {
    const char* keys;  // empty: a heading row
    const char* what;
};

// Every shortcut of the app, as the sheet lists them.
constexpr Shortcut kShortcuts[] = {
    {"", TrNoop("Anywhere")},
    {TrNoop("Ctrl+K  or  Cmd+K"), TrNoop("Command palette: every action by name")},
    {"?", TrNoop("This list of shortcuts")},
    {"n", TrNoop("New ticket")},
    {"/", TrNoop("Filter tickets")},
    {"Ctrl+Z", TrNoop("Undo")},
    {TrNoop("Ctrl+Shift+Z  or  Ctrl+Y"), TrNoop("Redo")},
    {"Esc", TrNoop("Close the dialog, or the ticket panel")},
    {"", TrNoop("Board and list")},
    {"j  /  k", TrNoop("Next / previous ticket")},
    {TrNoop("Arrow keys"), TrNoop("Move the selection between cards and columns")},
    {"Enter", TrNoop("Open the selected ticket")},
    {"e", TrNoop("Edit the open ticket")},
    {TrNoop("Ctrl+click"), TrNoop("Add a card to the selection, or take it out")},
    {TrNoop("Shift+click"), TrNoop("Select a run of cards in a column")},
    {"Ctrl+C", TrNoop("Copy the selected ticket as markdown")},
    {"", TrNoop("Command palette")},
    {TrNoop("Up  /  Down"), TrNoop("Choose a command")},
    {"Enter", TrNoop("Run it")},
    {"Esc", TrNoop("Close the palette")},
};

// '?' typed while no text field has the keyboard and no dialog is open: the character, so
// it works on every layout (Shift+/ on a US keyboard, Shift++ on a Swedish one).
bool QuestionMarkTyped() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
        return false;
    for (ImWchar c : io.InputQueueCharacters)
        if (c == '?') {
            io.InputQueueCharacters.resize(0);
            return true;
        }
    return false;
}

void DrawShortcutTable() {
    const Theme& t = CurrentTheme();
    if (!ImGui::BeginTable("##shortcuts", 2, ImGuiTableFlags_RowBg)) return;
    ImGui::TableSetupColumn(Tr("Keys"), ImGuiTableColumnFlags_WidthFixed, 190);
    ImGui::TableSetupColumn(Tr("What they do"), ImGuiTableColumnFlags_WidthStretch);
    for (const Shortcut& s : kShortcuts) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (!*s.keys) {  // a heading: muted, on the dialog's own background
            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(ImGuiCol_PopupBg));
            ImGui::Spacing();
            ImGui::PushStyleColor(ImGuiCol_Text, t.text_muted);
            ImGui::TextUnformatted(Tr(s.what));
            ImGui::PopStyleColor();
            continue;
        }
        ImGui::PushStyleColor(ImGuiCol_Text, t.accent);
        ImGui::TextUnformatted(Tr(s.keys));
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(Tr(s.what));
        TheItemRegistry().RecordLastItem(std::string("shortcut ") + s.keys + ": " + s.what);
    }
    ImGui::EndTable();
}

}  // namespace

void DrawShortcutSheet(UiState& ui) {
    bool& open = ui.palette.sheet_open;
    if (!open && QuestionMarkTyped()) open = true;
    if (!open) return;
    if (!ImGui::IsPopupOpen(kSheetId)) ImGui::OpenPopup(kSheetId);
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(560, 0), ImGuiCond_Always);
    if (!ImGui::BeginPopupModal(kSheetId, nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar)) {
        open = false;
        return;
    }
    ImGui::TextUnformatted(Tr("Keyboard shortcuts"));
    TheItemRegistry().RecordLastItem("Keyboard shortcuts##sheet-heading");
    ImGui::Spacing();
    DrawShortcutTable();
    ImGui::Spacing();
    if (PrimaryButton(TrLabel("Close##sheet"), ImVec2(100, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
        open = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace tackboard
