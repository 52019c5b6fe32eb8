// settings_edit.hpp — board settings edits that reach into tickets, as change records.
//
// Most settings edits are a plain configuration change ("config", change.hpp). Two are
// not, because tickets hold what they change:
//   - deleting a status that holds tickets moves those tickets to another status first;
//   - changing a custom field's kind (or a select field's options) converts the values
//     tickets hold; a value that cannot be converted is not dropped silently: it is kept
//     on its ticket as an internal comment naming the field and the old value.
//   - renaming or deleting a label renames or removes it on the tickets too; deleting a
//     priority moves its tickets to another; deleting a member unassigns their tickets.
// Each is one record (a "batch"), applied, journaled, synced and undone as one step.
// Also here: the checks a settings editor shows before storing (duplicate status names,
// statuses the transition matrix makes unreachable).
#pragma once

#include <functional>
#include <map>
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

// The record that renames label `from` to `to` in the configuration and on every live
// ticket that carries it (a ticket that already has `to` keeps it once). Refused for an
// unknown label, an empty new name, or one another label already has.
Result<nlohmann::json> RenameLabelChange(const Board& board, std::string_view from, std::string_view to);

// The record that deletes label `name` from the configuration and from every live ticket.
Result<nlohmann::json> DeleteLabelChange(const Board& board, std::string_view name);

// The record that deletes priority `priority_id`, its live tickets moved to `move_to`
// first. The default priority, when it was this one, becomes `move_to`; SLA policies
// ("sla" in the configuration) naming it go with it. Refused for the last priority.
Result<nlohmann::json> DeletePriorityChange(const Board& board, std::string_view priority_id, std::string_view move_to);

// The record that deletes member `member_id`; their live tickets become unassigned.
Result<nlohmann::json> DeleteMemberChange(const Board& board, std::string_view member_id);

// A target duration as a lead types it: "30m", "4h", "2d", "1h 30m", "90" (minutes);
// a day is 24 hours. Units may also be written as words or in the UI's other languages:
// "4 hours", "2 jours", "3 dagar", "8 timmar", "2天", "4小时", "30分钟" (letter case
// aside). Empty (or "0") is 0: no target. Refused: other units, negative or fractional
// amounts, more than ten years.
Result<int> ParseDurationMinutes(std::string_view text);
// The same written back: 90 -> "1h 30m", 2880 -> "2d", 0 -> "".
std::string FormatDurationMinutes(int minutes);

// One value of a field converted from `from` to `to` (kinds and options). What has no
// faithful conversion (the text "soon" to a date, an option no longer offered) is left
// out of `value` and said in words in `lost`, for the ticket to keep as a comment.
struct FieldConversion {
    nlohmann::json value;  // null: the field is cleared
    std::string lost;      // empty when everything was converted
};
// Single or multiple choice: the kinds that have options.
inline bool IsChoice(FieldKind kind) { return kind == FieldKind::Select || kind == FieldKind::MultiSelect; }

// Choices renamed in the same change, old name -> new name: a value holding the old one
// gets the new one (between choice kinds) instead of being lost with the old option.
using OptionRenames = std::map<std::string, std::string>;
FieldConversion ConvertFieldValue(const nlohmann::json& value, const FieldDef& from, const FieldDef& to,
                                  const BoardConfig& config, const OptionRenames& renamed = {});

// The record that replaces field `changed.id` of type `type_id` by `changed` (its kind,
// options, name, required), converting what live tickets of that type hold. Each value
// that could not be converted becomes an internal comment on its ticket, with an id from
// `new_comment_id` (none when it is null or gives "": App::Execute names it then),
// written by `author` at `now`.
Result<nlohmann::json> ChangeFieldChange(const Board& board, std::string_view type_id, const FieldDef& changed,
                                         Millis now, const std::string& author,
                                         const std::function<std::string()>& new_comment_id,
                                         const OptionRenames& renamed = {});

// --- ticket types and their fields ---------------------------------------------------
// Tickets store type and field ids, so renaming is a configuration change only; deleting
// reaches into tickets and never drops a value silently: what no longer has a home is kept
// on its ticket as an internal comment naming the field and the value.

// An id made from a name ("Operating system" -> "operating_system"), accents and letter
// case aside, not one of `taken` ("operating_system_2" when it is).
std::string IdFromName(std::string_view name, const std::vector<std::string>& taken, std::string_view fallback);

// What changing a field as `changed` would do to the values live tickets of `type_id`
// hold (the preview before ChangeFieldChange): how many hold one, how many keep or
// convert it, and how many would have (part of) it kept as an internal comment.
struct FieldChangeEffect {
    std::size_t holding = 0;
    std::size_t converted = 0;  // kept or converted whole
    std::size_t kept_as_comment = 0;
};
FieldChangeEffect FieldChangeEffectOf(const Board& board, std::string_view type_id, const FieldDef& changed,
                                      const OptionRenames& renamed = {});

// The number of live tickets of `type_id` holding a value in `field_id` (the preview
// before deleting it).
std::size_t TicketsHoldingField(const Board& board, std::string_view type_id, std::string_view field_id);
// The number of live tickets of `type_id`.
std::size_t TicketsOfType(const Board& board, std::string_view type_id);

// A new type called `name` (an id made from it), with no fields yet.
Result<nlohmann::json> AddTypeChange(const Board& board, std::string_view name, std::string_view icon);
// A new field called `name` of `kind` at the end of the type's form (choices need options).
Result<nlohmann::json> AddFieldChange(const Board& board, std::string_view type_id, std::string_view name, FieldKind kind,
                                      const std::vector<std::string>& options = {});
// Renames: configuration only. Refused for an empty name or one another type (field of
// the same type) already has, letter case and accents aside.
Result<nlohmann::json> RenameTypeChange(const Board& board, std::string_view type_id, std::string_view name);
Result<nlohmann::json> RenameFieldChange(const Board& board, std::string_view type_id, std::string_view field_id,
                                         std::string_view name);
// The field moved `by` places in its type's form (-1: up); refused past either end.
Result<nlohmann::json> MoveFieldChange(const Board& board, std::string_view type_id, std::string_view field_id, int by);

// The record that deletes a field from its type: each live ticket holding a value keeps it
// as an internal comment (ids from `new_comment_id`, by `author` at `now`), and the value
// is cleared. Undo puts the field and the values back.
Result<nlohmann::json> DeleteFieldChange(const Board& board, std::string_view type_id, std::string_view field_id,
                                         Millis now, const std::string& author,
                                         const std::function<std::string()>& new_comment_id);

// The record that deletes a ticket type. With live tickets of that type it needs
// `move_to` (another type): each ticket takes that type, its values converted into the
// field of the same id or name (ConvertFieldValue), and what finds no field or does not
// convert is kept as an internal comment. Refused for the last type, and without
// `move_to` while tickets have the type. The default type becomes `move_to` (or the first
// type left).
Result<nlohmann::json> DeleteTypeChange(const Board& board, std::string_view type_id, std::string_view move_to,
                                        Millis now, const std::string& author,
                                        const std::function<std::string()>& new_comment_id);

// The changes that move `ticket` to type `to` (of `config`) with its field values: an
// "update" setting type and fields, then "comment" records for what could not be kept as
// a value. Shared by DeleteTypeChange and board templates (board_template.hpp).
nlohmann::json MoveTicketToType(const Ticket& ticket, const BoardConfig& from, const BoardConfig& to_config,
                                const std::string& to, Millis now, const std::string& author,
                                const std::function<std::string()>& new_comment_id);

}  // namespace tackboard
