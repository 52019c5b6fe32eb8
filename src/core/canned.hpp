// canned.hpp — canned responses: comment templates with placeholders, in several languages.
//
//   CannedSettings canned = HelpdeskSettingsOf(board.config()).settings.canned;  // helpdesk_settings.hpp
//   std::string text = Expand(canned.responses[0], "fr", ticket, board.config(), "me", "#XFQE7");
//
// Kept in the board configuration as the top-level member "canned" (BoardConfig::extra),
// so they are journaled, exported and synced like the helpdesk settings:
//
//   {"responses": [{"id": "details", "name": "Please send more details",
//                   "bodies": {"en": "Hello {requester}, ...", "fr": "Bonjour {requester}, ..."}}]}
//
// Placeholders: {requester}, {ticket.id}, {ticket.title}, {agent}, {status}. "{{" and "}}"
// write a literal brace. A body is chosen by language code, else "en", else the first.
// A placeholder whose value is missing expands to nothing, never to its raw text.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

struct CannedResponse {
    std::string id;
    std::string name;
    std::map<std::string, std::string> bodies;  // language code ("en", "fr", "sv", "zh") -> markdown
};

struct CannedSettings {
    std::vector<CannedResponse> responses;
};

// The placeholders a body may use, in the order messages list them.
inline constexpr const char* kCannedPlaceholders[] = {"requester", "ticket.id", "ticket.title", "agent", "status"};

// Refuses (with the offending value's path) a response without id, name or body, a
// duplicate id, an unknown placeholder and unbalanced braces.
Result<CannedSettings> ParseCannedSettings(const nlohmann::json& value);
nlohmann::json ToJson(const CannedSettings& settings);

// A few everyday answers, each in English, French, Swedish and Simplified Chinese.
CannedSettings DefaultCannedSettings();


// The body for `language` (else "en", else the first), or empty when there is none.
const std::string& CannedBody(const CannedResponse& response, std::string_view language);

// The body for `language` with its placeholders filled from the ticket. `short_id` is the
// ticket's id as the UI shows it ({ticket.id}); `agent` is who writes the comment.
std::string Expand(const CannedResponse& response, std::string_view language, const Ticket& ticket,
                   const BoardConfig& config, std::string_view agent, std::string_view short_id);

}  // namespace tackboard
