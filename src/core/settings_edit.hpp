// settings_edit.hpp — board settings edits that reach into tickets, as change records.
//
// Most settings edits are a plain configuration change ("config", change.hpp). Two are
// not, because tickets hold what they change:
//   - deleting a status that holds tickets moves those tickets to another status first;
//   - changing a custom field's kind (or a select field's options) converts the values
//     tickets hold; a value that cannot be converted is not dropped silently: it is kept
//     on its ticket as an internal comment naming the field and the old value.
// Each is one record (a "batch"), applied, journaled, synced and undone as one step.
// Also here: the checks a settings editor shows before storing (duplicate status names,
// statuses the transition matrix makes unreachable).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

// An empty status name, or two statuses with the same name (letter case and accents
// aside), with where: "/statuses/3/name".
Status CheckStatusNames(const std::vector<StatusDef>& statuses);

// Names of the statuses no ticket can be moved into under the transition matrix: no
// allowed move leads to them, and new tickets do not start there (the first column).
// An empty matrix (every move allowed) leaves none. A warning, not an error.
std::vector<std::string> UnreachableStatuses(const BoardConfig& config);

// The record that deletes `status_id` from the board's configuration, its live tickets
// moved to `move_to` first (whatever the transition matrix says: the team asked for it),
// and the moves' transitions into and out of the deleted status dropped. Refused for an
// unknown status, a target that is the same or unknown, or the last status left.
Result<nlohmann::json> DeleteStatusChange(const Board& board, std::string_view status_id, std::string_view move_to);

// One value of a field converted from `from` to `to` (kinds and options). What has no
// faithful conversion (the text "soon" to a date, an option no longer offered) is left
// out of `value` and said in words in `lost`, for the ticket to keep as a comment.
struct FieldConversion {
    nlohmann::json value;  // null: the field is cleared
    std::string lost;      // empty when everything was converted
};
FieldConversion ConvertFieldValue(const nlohmann::json& value, const FieldDef& from, const FieldDef& to,
                                  const BoardConfig& config);

// The record that replaces field `changed.id` of type `type_id` by `changed` (its kind,
// options, name, required), converting what live tickets of that type hold. Each value
// that could not be converted becomes an internal comment on its ticket, with an id from
// `new_comment_id`, written by `author` at `now`.
Result<nlohmann::json> ChangeFieldChange(const Board& board, std::string_view type_id, const FieldDef& changed,
                                         Millis now, const std::string& author,
                                         const std::function<std::string()>& new_comment_id);

}  // namespace tackboard
