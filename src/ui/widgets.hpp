// widgets.hpp — small drawing helpers shared by the panels.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/board.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

// The start of a text on one line: runs of white space as one space, cut at a character
// boundary after about `max_bytes`, with "…" when cut.
std::string Excerpt(std::string_view text, std::size_t max_bytes);

// A refusal or error message in the theme's danger colour, wrapped to the available
// width. With `registry_id` the text is recorded in the item registry (tests read it).
void ErrorText(const std::string& message, const char* registry_id = nullptr);

// A filled accent button (the one main action of a form or toolbar).
bool PrimaryButton(const char* label, ImVec2 size = ImVec2(0, 0));

// InputText over a std::string (grows as needed). `height` > 0 makes it multi-line.
// `cursor_to_end`, when set, puts the cursor after the text (no selection) the next
// time the field is edited, and is cleared.
bool InputString(const char* label, std::string& text, const char* hint = nullptr, float height = 0.0f,
                 ImGuiInputTextFlags flags = 0, bool* cursor_to_end = nullptr);

// ImGui::BeginCombo that also records the closed combo in the item registry (1.86 has
// no test-engine hook for combos). End with ImGui::EndCombo() when it returns true.
bool BeginRecordedCombo(const char* id, const char* preview);

// Core's messages start in lower case to read well after a path; shown alone they
// become a sentence.
std::string AsSentence(std::string message);

// Draws text clipped to `max_width`, ending with "…" when it does not fit.
void TextEllipsis(ImDrawList* draw, ImVec2 pos, ImU32 colour, const char* text, float max_width);

// A button drawn as the PrimaryButton while `active` (one choice of a two-state toggle).
bool ToggleButton(const char* label, bool active);

// A ticket as people quote it: "#" and the last five characters of its id ("#XFQE7").
std::string ShortId(const std::string& ticket_id);

// The live tickets one status shows (positions in board.tickets(), board order): the
// filter's matches while a filter applies, else the whole column. Board and list read it.
const std::vector<std::size_t>& StatusRows(const Board& board, const BoardFilter& filter,
                                           const std::string& status_id);

// Selects a ticket and opens its side panel (keeping the panel's inputs if already open).
void OpenTicket(UiState& ui, const std::string& ticket_id);

// A ticket as markdown for the clipboard (Ctrl+C on a card): title, one line of facts
// in the UI's language, the description.
std::string TicketAsMarkdown(const Ticket& ticket, const BoardConfig& config);

}  // namespace tackboard
