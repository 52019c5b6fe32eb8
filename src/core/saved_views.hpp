// saved_views.hpp — editing the board's saved views (BoardConfig::views): the lists the
// views sidebar turns into a "config" change. Pure: the caller applies the result.
//
// Names are trimmed and must be unique, ignoring case ("Urgent" and "urgent " are one name).
#pragma once

#include <string>
#include <vector>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

// The views with `view` added at the end; or why not (an empty name or query, a name taken).
Result<std::vector<SavedView>> AddView(const std::vector<SavedView>& views, SavedView view);
// The views with the one named `name` called `new_name`, in its place.
Result<std::vector<SavedView>> RenameView(const std::vector<SavedView>& views, const std::string& name,
                                          std::string new_name);
// The views without the one named `name` (unchanged when there is none).
std::vector<SavedView> RemoveView(const std::vector<SavedView>& views, const std::string& name);

// The first view whose query is `query` (ignoring surrounding spaces), or null.
const SavedView* FindViewByQuery(const std::vector<SavedView>& views, const std::string& query);

}  // namespace tackboard
