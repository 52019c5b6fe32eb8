// ticket_json.hpp — Tickets, board configuration and whole boards <-> Tackboard JSON.
//
// Lossless: fields this version does not know are kept (Ticket::extra, BoardConfig::extra,
// the board's own extra) and written back. Versioned: BoardFromJson migrates older
// versions (version 1 had no configuration and fewer ticket fields). Reading never trusts
// its input: every value's type is checked and a bad one is reported with its JSON path,
// because this runs on journal lines and imported files.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

inline constexpr int kSchemaVersion = 2;

nlohmann::json TicketToJson(const Ticket& ticket);
Result<Ticket> TicketFromJson(const nlohmann::json& value, const std::string& path);

nlohmann::json ConfigToJson(const BoardConfig& config);
Result<BoardConfig> ConfigFromJson(const nlohmann::json& value, const std::string& path);

// The whole board (what `tackboard.exportJson()` returns, and what import reads).
nlohmann::json BoardToJson(const Board& board);
// BoardToJson(board).dump(), without building the whole document in memory first.
std::string BoardToJsonText(const Board& board);
Result<Board> BoardFromJson(const nlohmann::json& value);
// The same from text, without building the whole document in memory first (large boards).
Result<Board> BoardFromJsonText(std::string_view text);
// "not valid JSON near byte 120 (at '...')" for text that does not parse.
Error DescribeJsonSyntaxError(std::string_view text);

nlohmann::json HistoryToJson(const HistoryEntry& entry);

}  // namespace tackboard
