// field_editor.hpp — the adaptive part of ticket forms: one widget per field of the
// ticket's type (text, long text, number, choice, multiple choice, date, checkbox,
// member), required ones marked. Used by the new-ticket dialog and the ticket editor.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/board.hpp"

namespace tackboard {

// Draws the fields of `type`; `values` holds what is being edited (dates as "YYYY-MM-DD"
// text, numbers as text) keyed by field id.
void DrawTypeFields(const TicketTypeDef& type, const BoardConfig& config, nlohmann::json& values);

// Converts edited values to what core stores ("fields.<id>": value), adding them to
// `out`; returns an error message naming the field when a value cannot be converted.
std::string CollectTypeFields(const TicketTypeDef& type, const nlohmann::json& values, nlohmann::json& out);

// The other way: a ticket's stored field values as DrawTypeFields edits them.
nlohmann::json EditValuesOf(const TicketTypeDef& type, const nlohmann::json& stored);

}  // namespace tackboard
