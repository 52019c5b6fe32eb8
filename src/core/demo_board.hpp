// demo_board.hpp — a realistic sample board for first runs, demos and screenshots.
//
// MakeDemoBoard writes a Tackboard JSON document (the shape BoardToJson writes and
// io/import reads losslessly) of a small support team: members with skills and
// capacity, the default types and priorities, labels, and about 300 tickets spread over
// the eight weeks before `now`, each with the history a real ticket would have (created,
// triaged, assigned, answered, internal notes, waiting on the requester, resolved,
// sometimes reopened, rated, closed, marked as a duplicate). Ticket texts are in English,
// French, Swedish and Chinese, mixed on the board.
//
// Deterministic: the same seed and `now` give the same document, byte for byte. Nothing
// lies after `now`, so the tickets still open are the recent ones and some are overdue.
#pragma once

#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "core/board.hpp"

namespace tackboard {

struct DemoBoardOptions {
    std::uint64_t seed = 1;
    Millis now = 0;              // the instant the board is "as of" (Unix ms)
    std::size_t tickets = 300;
    int weeks = 8;               // how far back the oldest ticket goes
};

// The configuration the demo board uses (DefaultConfig plus a team and more labels).
BoardConfig DemoBoardConfig();

nlohmann::json MakeDemoBoard(const DemoBoardOptions& options);

}  // namespace tackboard
