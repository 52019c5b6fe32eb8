// board_template.hpp — a board's whole setup as a shareable JSON file, and the three
// built-in ones.
//
//   {"format": "tackboard-template", "version": 1, "name": "...", "description": "...",
//    "config": {statuses, transitions, priorities, types, labels, default_type,
//               default_priority, and the helpdesk's sla, automation, canned, triage,
//               routing}}
//
// Members and saved views are the team's own: a template neither carries nor replaces
// them. Applying a template is one change (a batch): the new configuration, and each live
// ticket whose status, type or priority the template does not have moved to one it has
// (status: the first of the same category, else the first; type: the template's default,
// its values converted or kept as internal comments; priority: the default). Nothing is
// lost and one undo restores everything. PreviewTemplate says what applying would do.
//
//   auto parsed = ParseTemplate(text);          // refused with a plain reason and a path
//   auto preview = PreviewTemplate(board, parsed.value());
//   app.Execute(ApplyTemplateChange(board, parsed.value(), now, me, ids).value());
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

inline constexpr int kTemplateVersion = 1;
inline constexpr const char* kTemplateFormat = "tackboard-template";
// The helpdesk settings a template carries (kept in BoardConfig::extra).
inline constexpr const char* kTemplateHelpdeskKeys[] = {"sla", "automation", "canned", "triage", "routing"};

struct BoardTemplate {
    std::string key;  // built-ins: "it_support", "software", "hr_facilities"; empty for files
    std::string name;
    std::string description;
    BoardConfig config;  // without members and views
};

// Reads a template file. Refused, with a message and where (a JSON path), when the text
// is not JSON, not a template, made by a newer version, names a field kind this version
// does not know, or holds a configuration that is not usable (config_check.hpp, and the
// helpdesk sections as helpdesk_settings.hpp reads them).
Result<BoardTemplate> ParseTemplate(std::string_view text);
nlohmann::json TemplateToJson(const BoardTemplate& board_template);
// The board's setup as a template (its members, views and other settings left out).
BoardTemplate TemplateFromBoard(const BoardConfig& config, std::string name, std::string description = {});

// What applying a template does to the board's tickets.
struct TemplateMove {
    enum class What { Status, Type, Priority } what = What::Status;
    std::string from, to;  // names as the board and the template show them
    std::size_t tickets = 0;
};
struct TemplatePreview {
    std::vector<TemplateMove> moves;  // one per (from, to), in board order
    std::size_t tickets_changed = 0;
    std::size_t comments = 0;  // values kept as internal comments
};
TemplatePreview PreviewTemplate(const Board& board, const BoardTemplate& board_template);

// The one record that applies `board_template` to `board` (see the top of this file).
// Comments get ids from `new_comment_id`, by `author` at `now`.
Result<nlohmann::json> ApplyTemplateChange(const Board& board, const BoardTemplate& board_template, Millis now,
                                           const std::string& author,
                                           const std::function<std::string()>& new_comment_id);

// IT support desk, Software bugs & features, HR / facilities requests. Their names and
// descriptions are English (the UI translates them); statuses, types and the rest of the
// content are English too, as a team would then rename them.
const std::vector<BoardTemplate>& BuiltInTemplates();

}  // namespace tackboard
