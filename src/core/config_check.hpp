// config_check.hpp — is a board configuration usable, and does a ticket fit it?
//
// Shared by loading (ticket_json.cpp), configuration edits and ticket changes
// (change.cpp), so the same rules hold whichever way data arrives.
#pragma once

#include <string>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

// Unique, non-empty ids; at least one status, priority and type; transitions between
// existing statuses; defaults that exist; select fields with options.
Status CheckConfig(const BoardConfig& config);

// The ticket's status, type and priority exist in `config`. Paths are under `path`.
Status CheckTicketAgainstConfig(const Ticket& ticket, const BoardConfig& config, const std::string& path);

}  // namespace tackboard
