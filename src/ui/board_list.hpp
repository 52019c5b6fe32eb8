// board_list.hpp — the boards kept in this browser, as the page shell lists them.
//
// Each board is stored apart (its own IndexedDB database, mounted by tackboard-shell.js);
// the list of them — ids, names, which were deleted and can still be brought back — is
// the shell's (localStorage), handed to the app as JSON. This is the app's reading of
// that list and its checks before asking the shell to change it. ImGui-free, so tested
// natively (tests/unit/board_list_test.cpp).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

struct BoardEntry {
    std::string id;
    std::string name;       // empty for the first board, shown as "My board" in the UI's language
    Millis deleted_at = 0;  // when it was deleted (it is kept for the undo window), 0 if not
};

struct BoardList {
    std::string current;  // the board this page shows
    bool demo = false;    // the page shows the throwaway demo board (?demo=1), no board of the list
    Millis undo_ms = 0;   // how long a deleted board can be brought back
    std::vector<BoardEntry> boards;
};

constexpr std::size_t kMaxBoardName = 80;  // code points

// Reads the shell's JSON: {current, demo, undo_ms, boards: [{id, name, deleted_at}]}.
Result<BoardList> BoardListFromJson(const nlohmann::json& json);

// The boards not deleted, in the list's order.
std::vector<const BoardEntry*> LiveBoards(const BoardList& list);
const BoardEntry* FindBoard(const BoardList& list, std::string_view id);

// Deleted boards that can still be brought back at `now`, most recently deleted first.
std::vector<const BoardEntry*> UndoableDeletions(const BoardList& list, Millis now);

// The name as it would be stored (spaces around it removed), or why it cannot name a
// board: empty, too long, or the name of another live board (letter case aside).
// `renaming` is the board being renamed (its own name is allowed), empty for a new one.
// Messages are English; the UI shows them through Tr().
Result<std::string> CheckBoardName(const BoardList& list, std::string_view name, std::string_view renaming);

// Why the board cannot be deleted (it is the only one left, or unknown), or ok.
Status CheckBoardDeletion(const BoardList& list, std::string_view id);

// What the UI or the JS API asks of the shell, checked against the list at `now`:
//   switch {id} · create {name} · rename {id, name} · delete {id} · undoDelete {id}
//   · importBoard (a file becomes a new board) · leaveDemo
// Gives the request to hand to the shell ({"action", "id"?, "name"?}, the name trimmed),
// or why it cannot be done. The demo page keeps no boards: it can only be left.
Result<nlohmann::json> BoardAction(const BoardList& list, std::string_view action, std::string_view id,
                                   std::string_view name, Millis now);

}  // namespace tackboard
