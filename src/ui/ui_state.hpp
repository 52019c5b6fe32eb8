// ui_state.hpp — what the UI remembers between frames (not the model: that is the Board).
//
// Panels read the Board (const) and this state, and push Requests; the main window hands
// the requests to the App and writes each outcome back here (an error under the form,
// a closed dialog).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace tackboard {

struct CreateTicketRequest {
    nlohmann::json fields;
};
struct DismissNoticesRequest {};
using Request = std::variant<CreateTicketRequest, DismissNoticesRequest>;

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

struct UiState {
    NewTicketForm new_ticket;
    std::string selected_ticket;  // id, empty when none
};

}  // namespace tackboard
