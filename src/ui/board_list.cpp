// board_list.cpp — the boards kept in this browser (board_list.hpp).
#include "ui/board_list.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/text_fold.hpp"
#include "core/utf8.hpp"
#include "ui/i18n.hpp"

namespace tackboard {

Result<BoardList> BoardListFromJson(const nlohmann::json& json) {
    if (!json.is_object()) return Error{"the list of boards is not a JSON object"};
    BoardList list;
    list.current = json.value("current", std::string());
    list.demo = json.value("demo", false);
    list.undo_ms = json.value("undo_ms", Millis{0});
    auto boards = json.find("boards");
    if (boards == json.end() || !boards->is_array()) return Error{"the list of boards has no \"boards\" array"};
    for (std::size_t i = 0; i < boards->size(); ++i) {
        const nlohmann::json& item = (*boards)[i];
        auto id = item.find("id");
        if (!item.is_object() || id == item.end() || !id->is_string() || id->get<std::string>().empty())
            return Error{"a board without an id", "/boards/" + std::to_string(i)};
        BoardEntry entry{id->get<std::string>(), item.value("name", std::string()), 0};
        auto deleted = item.find("deleted_at");
        if (deleted != item.end() && deleted->is_number()) entry.deleted_at = deleted->get<Millis>();
        list.boards.push_back(std::move(entry));
    }
    return list;
}

std::vector<const BoardEntry*> LiveBoards(const BoardList& list) {
    std::vector<const BoardEntry*> out;
    for (const BoardEntry& b : list.boards)
        if (b.deleted_at == 0) out.push_back(&b);
    return out;
}

const BoardEntry* FindBoard(const BoardList& list, std::string_view id) {
    for (const BoardEntry& b : list.boards)
        if (b.id == id) return &b;
    return nullptr;
}

std::vector<const BoardEntry*> UndoableDeletions(const BoardList& list, Millis now) {
    std::vector<const BoardEntry*> out;
    for (const BoardEntry& b : list.boards)
        if (b.deleted_at != 0 && now < b.deleted_at + list.undo_ms) out.push_back(&b);
    std::stable_sort(out.begin(), out.end(),
                     [](const BoardEntry* a, const BoardEntry* b) { return a->deleted_at > b->deleted_at; });
    return out;
}

Result<std::string> CheckBoardName(const BoardList& list, std::string_view name, std::string_view renaming) {
    std::string trimmed = ToValidUtf8(name);
    const char* space = " \t\r\n";
    trimmed.erase(0, std::min(trimmed.size(), trimmed.find_first_not_of(space)));
    trimmed.erase(trimmed.find_last_not_of(space) + 1);
    if (trimmed.empty()) return Error{TrNoop("Give the board a name.")};
    if (CountCodePoints(trimmed) > kMaxBoardName) return Error{TrNoop("A board's name can be at most 80 characters.")};
    // The first board has no stored name: it is called "My board" in whichever language.
    const std::string folded = FoldText(trimmed);
    for (const BoardEntry* b : LiveBoards(list)) {
        if (b->id == renaming) continue;
        if (FoldText(b->name) == folded) return Error{TrNoop("Another board already has this name.")};
    }
    return trimmed;
}

Status CheckBoardDeletion(const BoardList& list, std::string_view id) {
    const BoardEntry* board = FindBoard(list, id);
    if (!board || board->deleted_at != 0) return Error{TrNoop("There is no such board.")};
    if (LiveBoards(list).size() < 2) return Error{TrNoop("This is the only board: make another before deleting it.")};
    return Ok{};
}

Result<nlohmann::json> BoardAction(const BoardList& list, std::string_view action, std::string_view id,
                                   std::string_view name, Millis now) {
    nlohmann::json request = {{"action", action}};
    if (list.demo != (action == "leaveDemo")) {
        if (list.demo) return Error{TrNoop("The demo board is not kept: leave the demo to work on your own boards.")};
        return Error{TrNoop("This page is not the demo.")};
    }
    const BoardEntry* board = id.empty() ? nullptr : FindBoard(list, id);
    if (action == "switch" || action == "rename") {
        if (!board || board->deleted_at != 0) return Error{TrNoop("There is no such board.")};
        request["id"] = id;
    }
    if (action == "create" || action == "rename") {
        auto checked = CheckBoardName(list, name, action == "rename" ? id : std::string_view());
        if (!checked) return checked.error();
        request["name"] = checked.value();
    } else if (action == "delete") {
        if (auto deletable = CheckBoardDeletion(list, id); !deletable) return deletable.error();
        request["id"] = id;
    } else if (action == "undoDelete") {
        auto undoable = UndoableDeletions(list, now);
        if (std::none_of(undoable.begin(), undoable.end(), [&](const BoardEntry* b) { return b->id == id; }))
            return Error{TrNoop("This board can no longer be brought back.")};
        request["id"] = id;
    } else if (action != "switch" && action != "importBoard" && action != "leaveDemo") {
        return Error{"unknown board action \"" + std::string(action) +
                     "\" (expected switch, create, rename, delete, undoDelete, importBoard or leaveDemo)"};
    }
    return request;
}

}  // namespace tackboard
