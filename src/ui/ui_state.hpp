// ui_state.hpp — what the UI remembers between frames (not the model: that is the Board).
//
// Panels read the Board (const) and this state, and push Requests; the main window hands
// the requests to the App and writes each outcome back here (an error under the form,
// a closed dialog).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/import.hpp"

namespace tackboard {

struct CreateTicketRequest {
    nlohmann::json fields;
};
struct MoveTicketRequest {  // a card dropped on another column
    std::string id;
    std::string status;
};
struct ChangeRequest {  // any change record (core/change.hpp), from the ticket panel
    nlohmann::json change;
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
    std::size_t matches = 0;
    std::string applied_text;     // what `columns` was computed for
    std::uint64_t applied_revision = ~0ull;
    std::unordered_map<std::string, std::vector<std::size_t>> columns;  // status id -> rows, board order
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

struct UiState {
    bool export_requested = false;  // the platform downloads the board as a file
    bool export_csv_requested = false;
    std::string download_path;  // a stored file (quarantined) the platform offers as a download
    ImportDialog import;
    std::string board_message;      // why the last move was refused, until dismissed
    BoardFilter filter;
    NewTicketForm new_ticket;
    std::string selected_ticket;  // id, empty when none
    // The ticket shown in the side panel (opened by clicking a card), and its inputs.
    struct TicketPanel {
        std::string id;
        std::string comment;
        bool internal = false;
        std::string reopen_reason;
        std::string message;  // why the last change from the panel was refused
    } panel;
};

}  // namespace tackboard
