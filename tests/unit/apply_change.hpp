// apply_change.hpp — applying change records to a bare Board in unit tests: each helper
// fails the test (with the refusal's reason) when core refuses what it was given.
//
//   Create(board, "t1", {{"title", "Printer jams"}});
//   json inverse = Apply(board, {{"op", "update"}, {"id", "t1"}, {"set", {{"status", "triage"}}}});
#pragma once

#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/change.hpp"

namespace tackboard::test {

inline const Actor kMe{"me"};

// Applies a record stamped `at` by "me"; returns its inverse.
inline nlohmann::json Apply(Board& board, nlohmann::json change, Millis at = 100) {
    change["at"] = at;
    change["by"] = "me";
    auto applied = ApplyChange(board, change);
    REQUIRE_MESSAGE(applied.ok(), (applied.ok() ? "" : applied.error().Describe()));
    return applied.value().inverse;
}

// Creates ticket `id` from `fields` (defaults from the board's configuration) at time 10.
inline std::string Create(Board& board, const std::string& id, nlohmann::json fields = {{"title", "Printer jams"}}) {
    auto change = MakeCreate(board, fields, id, 10, kMe);
    REQUIRE_MESSAGE(change.ok(), (change.ok() ? "" : change.error().Describe()));
    Apply(board, change.value(), 10);
    return id;
}

}  // namespace tackboard::test
