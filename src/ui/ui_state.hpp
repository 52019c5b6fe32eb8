// ui_state.hpp — what the UI remembers between frames (not the model: that is the Board).
//
// Panels read the Board (const) and this state, and push Requests; the main window hands
// the requests to the App and writes each outcome back here (an error under the form,
// a closed dialog).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/board_template.hpp"
#include "core/dashboard.hpp"
#include "core/helpdesk_settings.hpp"
#include "core/reminders.hpp"
#include "core/routing.hpp"
#include "core/sprints.hpp"
#include "io/import.hpp"
#include "ui/board_list.hpp"
#include "ui/suggest_field.hpp"
#include "ui/sync_panel.hpp"

namespace tackboard {

struct CreateTicketRequest {
    nlohmann::json fields;
    // Not empty: the new ticket is a duplicate of this one, linked to it in the same
    // change (one undo step; see CreateAsDuplicate in new_ticket_dialog.hpp).
    std::string duplicate_of;
};
struct MoveTicketRequest {  // cards dropped on another column (or "Move to" for a selection)
    std::vector<std::string> ids;
    std::string status;
    bool confirmed = false;  // the user accepted going over the column's WIP limit
    // The update records of a drop at a place (status, rank, a swimlane's field; see
    // PlaceTickets in core/rank.hpp). Empty: a plain move to `status`.
    nlohmann::json changes = nlohmann::json::array();
};
// Where a change was asked for: a refusal is told there.
enum class ChangeSource { Panel, Views, Triage, Rules, Settings, Sprints };
struct ChangeRequest {  // any change record (core/change.hpp), from the ticket panel by default
    nlohmann::json change;
    ChangeSource source = ChangeSource::Panel;
};
struct DismissNoticesRequest {};
struct UndoRequest {};
struct RedoRequest {};
struct PlanImportRequest {};   // read the chosen file and preview it
struct ApplyImportRequest {};  // import what the preview shows
using Request = std::variant<CreateTicketRequest, MoveTicketRequest, ChangeRequest, DismissNoticesRequest, UndoRequest,
                             RedoRequest, PlanImportRequest, ApplyImportRequest>;

struct NewTicketForm {
    bool open_requested = false;  // set by the button; the dialog opens its popup
    bool focus_title = false;
    bool close_requested = false;  // after a successful create
    std::string type;
    std::string priority;
    std::string title;
    std::string description;
    // Values of the type's own fields, by field id; dates and numbers as typed.
    nlohmann::json fields = nlohmann::json::object();
    std::string error;  // why the last "Create" was refused
    // Set aside (not discarded) while the user reads a suggested ticket: the next "New
    // ticket" brings the draft back instead of an empty form.
    bool kept = false;
    bool title_cursor_to_end = false;  // a draft brought back: focus its title without selecting it
    // Tickets like the one being written, found again only when the title, the
    // description or the board changes (ids, best first).
    std::string suggested_title, suggested_description;
    std::uint64_t suggested_revision = ~0ull;
    std::vector<std::string> similar;  // open or recent tickets: possible duplicates
    std::vector<std::string> answers;  // resolved tickets that may answer it, articles first
};

// The filter bar: the query typed, and the columns it leaves (cached per board revision).
struct BoardFilter {
    std::string text;
    std::string error;            // syntax error or unknown value, with its column
    bool active = false;          // a valid, non-empty filter is applied
    bool focus_requested = false;  // "/" pressed
    bool capturing = false;        // typing after "/" until the field has the keyboard
    bool input_active = false;     // the field had the keyboard last frame
    bool cursor_to_end = false;    // keep the captured text unselected when the field activates
    bool help_requested = false;   // open the query language's help popup (query_help.hpp)
    SuggestFieldState suggest;     // the field and its autocomplete list
    std::size_t matches = 0;
    std::string applied_text;     // what `columns` was computed for
    std::uint64_t applied_revision = ~0ull;
    std::unordered_map<std::string, std::vector<std::size_t>> columns;  // status id -> rows, board order
};

// The list view: its sort (as the table's headers last reported it) and the rows it
// shows, sorted once per (board revision, filter, sort) rather than every frame.
struct ListViewState {
    int sort_column = -1;  // a ListColumn (list_view.cpp); -1 until the table reports its sort
    bool ascending = true;
    std::vector<std::size_t> rows;          // positions in board.tickets(), in display order
    std::uint64_t rows_revision = ~0ull;    // the board revision `rows` was computed for
    std::string rows_filter;                // the filter text `rows` was computed for
    int rows_sort_column = -1;              // the sort `rows` was computed for
    bool rows_ascending = true;
    std::string scroll_to;  // a ticket id to bring into view next frame, empty when none
    int drawn_frame = -1;   // ImGui frame last drawn in: shown again, it scrolls to the selection
};

// Importing a file: chosen in the browser, read, checked (the preview), then applied.
// Long steps are announced one frame before they run, so their progress text is on
// screen while they work.
struct ImportDialog {
    enum class Stage { Closed, Reading, Checking, Preview, Applying, Done, Failed };
    Stage stage = Stage::Closed;
    bool pick_requested = false;  // the platform opens the browser's file chooser
    std::string file_name;
    std::size_t file_bytes = 0;
    double read_fraction = 0;  // while the browser reads the file
    std::string bytes;         // the file, until the import is applied or cancelled
    int frames_shown = 0;      // frames drawn in the current stage
    std::optional<ImportPlanner> planner;  // while checking: works a slice per frame
    double check_fraction = 0;
    std::optional<ImportPlan> plan;
    std::string error;   // why the file cannot be imported, or why applying failed
    std::string result;  // "12 tickets imported from Trello board."
};

// The board's swimlanes: one horizontal lane per value of a field, cached per board
// revision, filter and field (grouping 100k tickets is not a per-frame job).
enum class Swimlanes { None, Assignee, Priority, Type, Label };
// Each choice's name in links (#lanes=assignee, platform/web_app.hpp RouteOf) and in the
// ids of the choice's items ("swimlane-assignee").
inline constexpr std::pair<Swimlanes, const char*> kSwimlaneKeys[] = {{Swimlanes::None, "none"},
                                                                      {Swimlanes::Assignee, "assignee"},
                                                                      {Swimlanes::Priority, "priority"},
                                                                      {Swimlanes::Type, "type"},
                                                                      {Swimlanes::Label, "label"}};
inline const char* SwimlanesKey(Swimlanes field) {
    for (const auto& [choice, key] : kSwimlaneKeys)
        if (choice == field) return key;
    return "none";
}
// None for a name it does not know (a hand-written or outdated link).
inline Swimlanes SwimlanesFromKey(std::string_view key) {
    for (const auto& [choice, name] : kSwimlaneKeys)
        if (key == name) return choice;
    return Swimlanes::None;
}
struct BoardLanes {
    struct Lane {
        std::string key;   // the field's value ("" : unassigned / no label)
        std::string name;  // as shown
        std::size_t count = 0;
        std::unordered_map<std::string, std::vector<std::size_t>> columns;  // status id -> rows, column order
    };
    std::vector<Lane> lanes;
    std::uint64_t revision = ~0ull;
    std::string filter;
    Swimlanes field = Swimlanes::None;
};
struct BoardView {
    Swimlanes swimlanes = Swimlanes::None;
    std::vector<std::string> collapsed;  // keys of the folded lanes
    BoardLanes lanes;
    std::string scroll_to;    // a card to bring into view (j/k, arrows), empty when none
    std::string drag_lane;    // the lane key the dragged card was taken from
    // The lane the selected card was picked in (a card with several labels is in several
    // lanes): j/k and the arrows move on from there. Empty: the first lane holding it.
    std::string selected_lane;
};

// The board's helpdesk settings (App::helpdesk(), kept there per revision) and the app's
// clock for this frame; set by DrawMainWindow before anything is drawn.
struct HelpdeskState {
    const LoadedHelpdeskSettings* loaded = nullptr;
    Millis now = 0;
};

// The helpdesk views drawn instead of the board or the list (triage_view.hpp, rules_view.hpp).
enum class HelpdeskView { None, Triage, Workload, Rules, Reports, Settings, Request, Sprints };
struct TriageViewState {
    std::uint64_t revision = ~0ull;  // what the rest was computed for
    std::string filter;
    std::vector<std::size_t> queue;  // positions in board.tickets(), in triage order
    Workload workload;
    std::string last_assigned;  // round robin's cursor
    std::unordered_map<std::string, TriageSuggestion> suggestions;  // by ticket id, filled as rows show
    std::string message;  // what the last action could not do
};

// The automation rules view (rules_view.hpp).
struct RulesViewState {
    // The rule in the editor, in the settings' JSON shape (core/rules.hpp); null: closed.
    nlohmann::json draft;
    int editing = -1;      // its position in the list; -1: a new rule
    bool saving = false;   // saved: the editor closes once the change is applied
    std::string message;   // why the last save was refused
    // The last dry run: which rule, how many tickets it would act on, and the first few
    // with what it would do to each.
    std::string preview_of;
    std::size_t preview_matches = 0;
    std::vector<std::pair<std::string, std::string>> preview_rows;  // ticket title, what would happen
    // The other helpdesk settings (triage words, routing, SLA and calendar, canned answers)
    // as JSON text, each edited and checked on its own.
    struct Section {
        std::string text;
        std::string loaded;  // the text as last read from the configuration
        std::string message;  // why the last save was refused
        bool saved = false;   // "Saved" shown until the text is edited again
    };
    Section sections[4];
};

// The reports dashboard (reports_view.hpp): the period picked, the figures for it and the
// filter, and what the platform is asked to download.
struct ReportsViewState {
    int days = 30;  // the last 7, 30 or 90 days (today included); 0: the custom dates
    bool custom_open = false;        // the custom dates' fields are shown
    std::string from_text, to_text;  // the custom dates as typed (YYYY-MM-DD, both included)
    ReportPeriod custom;             // the custom dates as last applied
    std::string message;             // why the custom dates were refused
    int bucket = -1;                 // -1: by day up to 31 days, by week beyond; else a Bucket
    // What `dashboard` was computed for.
    std::uint64_t revision = ~0ull;
    std::string filter;
    ReportPeriod period;
    Bucket computed_bucket = Bucket::Day;
    Millis computed_minute = -1;  // the app's clock, in minutes (backlog ages move with it)
    DashboardCache cache;  // each ticket's share of the figures: an edit reads one ticket again
    const Dashboard* dashboard = nullptr;  // in `cache`, valid until its next Get
    Workload workload;  // current load per member (people's table), when it was last in view
    std::uint64_t workload_revision = ~0ull;
    double compute_ms = 0;  // how long the last refresh took (shown on hover, and to tests)
    // A chart's CSV to download (name and text), taken by the platform.
    std::string download_name, download_text;
    bool snapshot_requested = false;  // the platform saves the canvas as a PNG after the frame
};

// The board settings editor (settings_view.hpp).
struct SettingsViewState {
    // The text field being typed in ("status-name:<id>", "priority-response:<id>"...) and
    // its text: applied on Enter or when the field is left, never per keystroke.
    std::string editing_key, editing_text;
    std::string field_key, field_error;  // a field's refused edit, said next to it
    std::string message;                 // why the last settings change was refused
    // A deletion that needs an answer first: what ("status", "priority", "label",
    // "member"), which, and where its tickets go.
    struct Deletion {
        std::string kind, id, move_to;
        bool open_requested = false;
    } deletion;
    std::string new_holiday;  // the holiday being typed ("2026-12-24" or "2026-12-24..2026-12-31 Name")
    std::string new_label, new_member;  // names typed for "Add label" / "Add member"
    // Live tickets per priority, label and member ("priority:<id>", "label:<name>",
    // "member:<id>"), counted again only when the board changes.
    std::unordered_map<std::string, std::size_t> counts;
    std::uint64_t counted_revision = ~0ull;
};

// The notification centre (notification_centre.hpp): the bell's count, the list, and what
// the browser was told. Seen and told items are keyed "<kind>:<ticket id>" (reminders) and
// by notifications_total() (rule notifications).
struct NotificationCentreState {
    bool open_requested = false;  // the bell was clicked; the centre opens its popup
    bool visible = false;         // the popup was drawn last frame
    float anchor_x = 0, anchor_y = 0;  // below the bell
    // Reminders (core/reminders.hpp), again when the board changes or a minute passes on
    // the app's clock: with an SLA that is a ComputeSla per open ticket, not a frame's work.
    std::vector<Reminder> reminders;
    const void* app = nullptr;  // the App they were computed for (a following tab may open another)
    std::uint64_t revision = ~0ull;
    Millis computed_at = 0;
    Millis change_seen_at = 0;  // when the board was first seen changed since then (0: not)
    std::uint64_t seen_total = 0;               // rule notifications seen: up to this total
    std::unordered_set<std::string> seen;       // reminders seen
    std::size_t unseen_reminders = 0;
    // Browser notifications, served by the platform: it asks for permission when
    // `permission_requested` and keeps `permission` as the browser says it ("default",
    // "granted", "denied", "unsupported"; empty until read).
    bool permission_requested = false;
    std::string permission;
    std::uint64_t told_total = 0;            // rule notifications told: up to this total
    std::unordered_set<std::string> told;    // reminders told (each once per session)
    bool reminders_to_tell = false;          // reminders changed since they were last told
};

// The requester's view (request_view.hpp): the request form, the requests' inputs, and
// what this device has seen and told of each request (kept in a device file).
struct RequestViewState {
    NewTicketForm form;           // type, title, description, the type's fields; suggestions
    std::string sent;             // the title of the request just sent ("Your request … was sent")
    std::string open;             // the request shown unfolded (its id)
    std::string comment;          // being written on the unfolded request
    std::string reopen_reason;
    bool reopening = false;       // "Reopen…" was clicked: the reason's field is shown
    int rating = 0;               // 1..5; 0: none picked
    std::string rating_remark;
    std::string message;          // why the last action on the unfolded request was refused
    IdentityForm identity;        // the name asked first, and the local role switch
    // Per request id: {"answers": n, "done": bool} seen in this view, and the same as told
    // by a browser notification ("told_answers", "told_done"). Loaded once per App.
    nlohmann::json seen = nlohmann::json::object();
    const void* seen_app = nullptr;
    bool seen_dirty = false;      // to be written to the device file
};

// The "Types & fields" settings tab (settings_types.hpp).
struct TypeSettingsState {
    std::string selected;  // the type shown, by id (empty: the first)
    std::string editing_key, editing_text;  // a name being typed ("type-name", "field-name:<id>", "option:<i>")
    std::string new_type, new_field, new_option;
    // The field whose kind or choices are being changed, as it would become; applied with
    // "Apply" after the effect on the tickets' values is shown.
    std::string draft_of;  // field id; empty: none
    FieldDef draft;
    std::vector<std::string> draft_origin;  // per draft option, the option it was ("" for one added)
    std::string confirm_delete;  // "type" or "field:<id>", waiting for its confirmation
    std::string move_to;         // where a deleted type's tickets go
    std::string preview_title;  // what the form preview holds (never stored)
    nlohmann::json preview_values = nlohmann::json::object();
    std::string message;  // why the last edit was refused here
};

// The "Templates" settings tab (settings_templates.hpp): a template picked (built-in or
// from a file), waiting for "Apply" after its preview.
struct TemplateSettingsState {
    std::string pending_key;    // a built-in's key, or "file"
    std::string file_name;      // the file picked
    std::string file_text;      // its text, read next frame (tb_api "templateFile")
    bool file_arrived = false;
    std::string file_error;     // why the file was refused
    std::optional<BoardTemplate> file_template;  // the file, read and checked
    std::string applied;        // what the last apply did, until another action
};

// The sprints view (sprints_view.hpp), and the "Add to sprint" dialog that cards, the
// ticket panel and the list open.
struct SprintsViewState {
    std::string selected;  // the sprint shown in detail (its id); empty: the first listed
    bool creating = false;  // the sprint form is open: "New sprint" or "Edit…"
    std::string editing;    // the sprint the form edits (its id); empty: a new sprint
    std::string name, start, end, goal;  // the form, dates as typed (YYYY-MM-DD)
    std::string form_error;              // why the last create or edit was refused
    std::string message;                 // what the last action did, or why it was refused
    bool message_is_error = false;
    std::uint64_t message_revision = ~0ull;  // the board's revision when it was first shown
    std::string pending;                 // said once the change waiting in the requests is applied
    bool pending_closes_form = false;    // the create form's: closes once applied
    bool pending_from_picker = false;    // the "Add to sprint" dialog's: a refusal is told on the board
    // The selected sprint's tickets by outcome and its burndown, computed again when the
    // board, the sprint or the day changes (the burndown reads every ticket's history).
    struct Figures {
        std::uint64_t revision = ~0ull;
        std::string sprint;
        Millis day = -1;
        SprintReport tally;
        std::vector<BurndownDay> burndown;
    } figures;
    // "Add tickets by query…": the query, its matches (counted again when the text or the
    // board changes) and why it does not run.
    bool adding = false;
    std::string query, query_error, query_for;
    std::vector<std::string> query_ids;
    std::uint64_t query_revision = ~0ull;
    // "Close sprint…": the dialog, and where the unfinished tickets go ("": the backlog).
    bool close_requested = false;
    std::string close_next;
    bool delete_requested = false;  // "Delete…": the confirmation
    // "Add to sprint" from a card, the ticket panel or the list: the tickets it is for.
    struct Picker {
        std::vector<std::string> ids;
        bool open_requested = false;
    } picker;
};

struct UiState {
    TypeSettingsState type_settings;
    TemplateSettingsState template_settings;
    BoardView board;  // swimlanes, folded lanes, scroll target
    bool export_requested = false;  // the platform downloads the board as a file
    bool export_csv_requested = false;
    std::string download_path;  // a stored file (quarantined) the platform offers as a download
    ImportDialog import;
    SyncView sync;  // the sync indicator and dialog (filled and served by the platform)
    std::string board_message;      // why the last move was refused, until dismissed
    bool demo_mode = false;  // ?demo=1: the sample board in throwaway storage (welcome_panel.hpp)
    BoardFilter filter;
    ListViewState list;     // the list view's sort, cached rows and scroll target
    bool list_mode = false;  // the tickets as a sortable list instead of the board's columns
    HelpdeskView helpdesk_view = HelpdeskView::None;  // when set, drawn instead of the board or list
    TriageViewState triage;
    RulesViewState rules;
    ReportsViewState reports;
    SprintsViewState sprints;
    SettingsViewState settings;
    NotificationCentreState notifications;
    HelpdeskState helpdesk;
    NewTicketForm new_ticket;
    RequestViewState request;  // the requester's view (request_view.hpp)
    // The command palette (Ctrl+K): every action by name, and the keyboard-shortcut sheet ('?').
    struct CommandPalette {
        bool open = false;
        bool focus_input = false;  // until the input has the keyboard (what is typed before goes into `text`)
        std::string text;
        int highlighted = 0;  // row of the visible commands that Enter runs
        bool sheet_open = false;
    } palette;
    // The saved views sidebar (views_sidebar.hpp).
    struct ViewsSidebar {
        bool collapsed = false;
        bool naming = false;  // "Save current view" asks for a name
        std::string name;
        std::string renaming;  // the view being renamed (its name), empty when none
        std::string new_name;
        bool focus_field = false;     // the name field takes the keyboard when it appears
        std::string confirm_delete;   // the view waiting for "Delete?" to be answered
        std::string message;          // why the last change of the views was refused
        float buttons_width = 80.0f;  // the selected view's two buttons, as last drawn
    } views;
    // The boards of this browser (boards_menu.hpp): the list as the page shell keeps it, and
    // the menu's dialogs. Changing the list is the shell's work: `action` is handed to it.
    struct BoardsMenu {
        BoardList list;
        bool known = false;             // the shell has told the list
        enum class Naming { None, Create, Rename } naming = Naming::None;
        bool naming_requested = false;  // open the name dialog next frame
        std::string name;
        bool focus_field = false;
        std::string message;         // why the name or the action was refused
        std::string confirm_delete;  // the board waiting for "Delete?" to be answered
        bool confirm_requested = false;
        std::string action;  // JSON for the shell, sent after the frame; empty when none
    } boards;
    bool narrow = false;  // the window was narrower than a desktop's last frame (main_window)
    std::string selected_ticket;  // id, empty when none
    // Cards picked with Ctrl+click (toggle) or Shift+click (a run in one column), in the
    // order picked; bulk actions and dragging act on all of them.
    std::vector<std::string> selection;
    std::string selection_anchor;  // where a Shift+click run starts
    // A move that would put a column over its WIP limit waits for the user's word.
    struct WipConfirm {
        MoveTicketRequest move;
        std::string message;  // "In progress allows 10 tickets and has 10. Move 2 more anyway?"
        bool open_requested = false;
    } wip_confirm;
    // What the bulk bar is about to assign or add.
    std::string bulk_assignee;
    std::string bulk_label;
    // The ticket shown in the side panel (opened by clicking a card), and its inputs.
    struct TicketPanel {
        std::string id;
        std::string comment;
        bool internal = false;
        std::string reopen_reason;
        // Satisfaction told by the requester of a resolved ticket: the score picked (1..5;
        // 0: none yet) and what they said, recorded together.
        int rating = 0;
        std::string rating_comment;
        std::string message;  // why the last change from the panel was refused
        // Adding a link (ticket_links.hpp): its kind, what is typed, and the tickets it finds,
        // searched again only when the text or the board changes.
        struct LinkSearch {
            std::string kind = "relates_to";
            std::string text;
            SuggestFieldState field;
            std::vector<std::string> found;  // ticket ids, best first
            std::string found_for;
            std::uint64_t found_revision = ~0ull;
        } link;
        // Editing the ticket's text fields, people, labels, due date and type fields:
        // the values being typed, saved together as one update.
        struct Editor {
            bool open = false;
            bool saving = false;  // a save was requested; closes the editor when it is applied
            std::string title, description, assignee, requester, labels, due;
            nlohmann::json fields = nlohmann::json::object();  // as field_editor.hpp edits them
        } editor;
    } panel;
};

// The view shown ("board", "list", "triage", "workload", "rules", "reports", "settings"), as the URL and the palette name it.
inline std::string ViewKey(const UiState& ui) {
    if (ui.helpdesk_view == HelpdeskView::Triage) return "triage";
    if (ui.helpdesk_view == HelpdeskView::Workload) return "workload";
    if (ui.helpdesk_view == HelpdeskView::Rules) return "rules";
    if (ui.helpdesk_view == HelpdeskView::Reports) return "reports";
    if (ui.helpdesk_view == HelpdeskView::Settings) return "settings";
    if (ui.helpdesk_view == HelpdeskView::Request) return "request";
    if (ui.helpdesk_view == HelpdeskView::Sprints) return "sprints";
    return ui.list_mode ? "list" : "board";
}
inline void ShowView(UiState& ui, std::string_view key) {
    ui.list_mode = key == "list";
    ui.helpdesk_view = key == "triage"     ? HelpdeskView::Triage
                       : key == "workload" ? HelpdeskView::Workload
                       : key == "rules"    ? HelpdeskView::Rules
                       : key == "reports"  ? HelpdeskView::Reports
                       : key == "settings" ? HelpdeskView::Settings
                       : key == "request"  ? HelpdeskView::Request
                       : key == "sprints"  ? HelpdeskView::Sprints
                                           : HelpdeskView::None;
}

}  // namespace tackboard
