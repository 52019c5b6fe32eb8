// ticket_json.hpp — Ticket <-> JSON, lossless (unknown fields kept in Ticket::extra).
//
// Reading never trusts its input: every value's type is checked and a bad one is
// reported with its JSON path, because this runs on journal lines and imported files.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

nlohmann::json TicketToJson(const Ticket& ticket);
Result<Ticket> TicketFromJson(const nlohmann::json& value, const std::string& path);

// The whole board as Tackboard JSON (what `tackboard.exportJson()` returns).
inline constexpr int kSchemaVersion = 1;
nlohmann::json BoardToJson(const Board& board);

}  // namespace tackboard
