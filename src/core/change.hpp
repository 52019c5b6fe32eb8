// change.hpp — the only way tickets change.
//
// A change is a small JSON record, the same in memory, in the journal and (later) on
// the sync wire:
//   {"op":"create", "at":<ms>, "by":"<actor>", "ticket":{...complete ticket...}}
//   {"op":"update", "at":<ms>, "by":"<actor>", "id":"<ticket id>", "set":{field: value}}
// Make*() turn what a user typed into a complete record (defaults filled, input checked,
// unknown field names refused so a typo is not silently kept). ApplyChange() validates
// a record against the board and applies it; live edits and journal replay both use it,
// so a replayed board is the board the user saw.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

struct Actor {
    std::string name;  // who makes the change ("me" until members exist)
};

// `fields` is what the user gave: title is required; type, status, priority, description,
// assignee, requester, labels are optional and default from the board config.
Result<nlohmann::json> MakeCreate(const Board& board, const nlohmann::json& fields, const std::string& new_id,
                                  Millis now, const Actor& by);
Result<nlohmann::json> MakeUpdate(const Board& board, const std::string& id, const nlohmann::json& patch,
                                  Millis now, const Actor& by);

Status ApplyChange(Board& board, const nlohmann::json& change);

}  // namespace tackboard
