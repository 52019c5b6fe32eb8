// read_trello.cpp — a Trello board JSON export ("Menu → Print, export and share →
// Export as JSON") read into an ImportSource (see import_source.hpp).
//
// Handled:
//   - statuses: the names of the open lists, left to right (`pos`, a number or a numeric
//     string; array order when any list has no usable `pos`)
//   - cards: name, description (markdown), list, labels (a nameless label by its colour),
//     first member as assignee, due, created (the timestamp inside the card's ObjectId),
//     dateLastActivity as updated, shortUrl
//   - checklists (top-level "checklists" by idCard, or the card's idChecklists), appended
//     to the description as markdown task lists, checklists and items in `pos` order
//   - comments: "commentCard" actions, oldest first
// Skipped with a reason: archived cards, cards in an archived or missing list, cards
// without an id or a name.
// Not imported (a note says so): attachments, custom fields. Trello puts at most 1000
// actions in an export, so a big board's older comments are not in the file at all.
#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>

#include "core/utf8.hpp"
#include "io/import_source.hpp"
#include "io/source_dates.hpp"
#include "io/source_text.hpp"

namespace tackboard {

namespace {

using nlohmann::json;

constexpr std::size_t kTrelloActionLimit = 1000;
constexpr std::size_t kShortNameCodePoints = 40;  // longer names are left out of "card 3 ..."

bool JsonTrue(const json& object, const char* key) {
    const json* value = JsonMember(object, key);
    return value && value->is_boolean() && value->get<bool>();
}

// Trello's `pos` is a number in exports, but a string ("16384") in some API answers.
std::optional<double> Position(const json& item) {
    const json* pos = JsonMember(item, "pos");
    if (!pos) return std::nullopt;
    if (pos->is_number()) return pos->get<double>();
    if (!pos->is_string()) return std::nullopt;
    const std::string& text = pos->get_ref<const std::string&>();
    // Parsed as a JSON number: locale-free, and Emscripten's libc++ has no from_chars for double.
    json number = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!number.is_number()) return std::nullopt;
    return number.get<double>();
}

// Sorts by `pos` when every item has a usable one, else leaves array order: a partial
// order would be a guess.
void SortByPos(std::vector<const json*>& items) {
    bool all_have_pos = std::all_of(items.begin(), items.end(), [](const json* o) { return Position(*o).has_value(); });
    if (all_have_pos)
        std::stable_sort(items.begin(), items.end(),
                         [](const json* a, const json* b) { return *Position(*a) < *Position(*b); });
}

// The objects of a JSON array (other elements dropped), in `pos` order.
std::vector<const json*> ObjectsInPosOrder(const json* array) {
    std::vector<const json*> objects;
    if (!array) return objects;
    for (const json& item : *array)
        if (item.is_object()) objects.push_back(&item);
    SortByPos(objects);
    return objects;
}

struct TrelloList {
    std::string name;
    bool closed = false;
};

// Everything a card refers to by id, indexed once for the whole board.
struct BoardIndex {
    std::vector<std::string> statuses;  // open list names, left to right
    std::map<std::string, TrelloList> lists;
    std::map<std::string, std::string> labels;                        // id -> name, or colour when nameless
    std::map<std::string, std::string> members;                       // id -> full name, or username
    std::map<std::string, const json*> checklists;                    // id -> checklist
    std::map<std::string, std::vector<const json*>> card_checklists;  // card id -> its checklists
    std::map<std::string, std::vector<ImportedComment>> comments;     // card id -> comments
};

void IndexLabels(const json* labels, BoardIndex& index) {
    if (!labels) return;
    for (const json& label : *labels) {
        std::string id = JsonString(label, "id");
        std::string name = std::string(TrimSpace(JsonString(label, "name")));
        if (name.empty()) name = JsonString(label, "color");  // Trello shows a nameless label as its colour
        if (!id.empty() && !name.empty()) index.labels.emplace(id, name);
    }
}

std::string MemberName(const json& member) {
    std::string name = std::string(TrimSpace(JsonString(member, "fullName")));
    return name.empty() ? JsonString(member, "username") : name;
}

void IndexComments(const json* actions, BoardIndex& index) {
    if (!actions) return;
    for (const json& action : *actions) {
        if (JsonString(action, "type") != "commentCard") continue;
        const json* data = JsonMember(action, "data");
        const json* card = data ? JsonMember(*data, "card") : nullptr;
        std::string card_id = card ? JsonString(*card, "id") : "";
        std::string text = data ? JsonString(*data, "text") : "";
        if (card_id.empty() || TrimSpace(text).empty()) continue;
        ImportedComment comment;
        const json* creator = JsonMember(action, "memberCreator");
        if (creator) comment.author = MemberName(*creator);
        if (comment.author.empty()) {
            auto member = index.members.find(JsonString(action, "idMemberCreator"));
            if (member != index.members.end()) comment.author = member->second;
        }
        comment.at = ParseSourceDateTime(JsonString(action, "date")).value_or(0);
        comment.body = std::move(text);
        index.comments[card_id].push_back(std::move(comment));
    }
    for (auto& [card_id, comments] : index.comments) SortOldestFirst(comments);  // exports list newest first
}

BoardIndex IndexBoard(const json& board) {
    BoardIndex index;
    for (const json* list : ObjectsInPosOrder(JsonArray(board, "lists"))) {
        TrelloList entry{std::string(TrimSpace(JsonString(*list, "name"))), JsonTrue(*list, "closed")};
        if (!entry.closed && !entry.name.empty()) AppendUnique(index.statuses, entry.name);
        std::string id = JsonString(*list, "id");
        if (!id.empty()) index.lists.emplace(id, std::move(entry));
    }
    IndexLabels(JsonArray(board, "labels"), index);
    if (const json* members = JsonArray(board, "members"))
        for (const json& member : *members) {
            std::string id = JsonString(member, "id");
            if (!id.empty()) index.members.emplace(id, MemberName(member));
        }
    if (const json* checklists = JsonArray(board, "checklists"))
        for (const json& checklist : *checklists) {
            if (!checklist.is_object()) continue;
            std::string id = JsonString(checklist, "id");
            if (!id.empty()) index.checklists.emplace(id, &checklist);
            std::string card_id = JsonString(checklist, "idCard");
            if (!card_id.empty()) index.card_checklists[card_id].push_back(&checklist);
        }
    IndexComments(JsonArray(board, "actions"), index);
    return index;
}

int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The first 8 hex digits of a Mongo ObjectId (Trello's ids) are its creation time in
// seconds: the only creation date a card has in the export.
Millis ObjectIdTime(std::string_view id) {
    if (id.size() < 8) return 0;
    Millis seconds = 0;
    for (char c : id.substr(0, 8)) {
        int digit = HexDigit(c);
        if (digit < 0) return 0;
        seconds = seconds * 16 + digit;
    }
    return seconds * 1000;
}

// "### Before go-live\n- [x] Order toner\n- [ ] Call vendor" for each of the card's
// checklists, whether linked from the checklist (idCard) or from the card (idChecklists).
std::string ChecklistMarkdown(const json& card, const std::string& card_id, const BoardIndex& index) {
    std::vector<const json*> checklists;
    auto add = [&checklists](const json* checklist) {
        if (std::find(checklists.begin(), checklists.end(), checklist) == checklists.end())
            checklists.push_back(checklist);
    };
    if (auto it = index.card_checklists.find(card_id); it != index.card_checklists.end())
        for (const json* checklist : it->second) add(checklist);
    if (const json* ids = JsonArray(card, "idChecklists"))
        for (const json& id : *ids)
            if (id.is_string())
                if (auto it = index.checklists.find(id.get<std::string>()); it != index.checklists.end())
                    add(it->second);
    SortByPos(checklists);

    std::string markdown;
    for (const json* checklist : checklists) {
        if (!markdown.empty()) markdown += "\n\n";
        markdown += "### " + std::string(TrimSpace(JsonString(*checklist, "name")));
        for (const json* item : ObjectsInPosOrder(JsonArray(*checklist, "checkItems"))) {
            markdown += JsonString(*item, "state") == "complete" ? "\n- [x] " : "\n- [ ] ";
            markdown += TrimSpace(JsonString(*item, "name"));
        }
    }
    return markdown;
}

std::vector<std::string> CardLabels(const json& card, const BoardIndex& index) {
    std::vector<std::string> labels;
    const json* ids = JsonArray(card, "idLabels");
    if (!ids) return labels;
    for (const json& id : *ids) {
        if (!id.is_string()) continue;
        auto it = index.labels.find(id.get<std::string>());
        if (it != index.labels.end()) AppendUnique(labels, it->second);
    }
    return labels;
}

std::string CardAssignee(const json& card, const BoardIndex& index) {
    const json* ids = JsonArray(card, "idMembers");
    if (!ids) return {};
    for (const json& id : *ids) {
        if (!id.is_string()) continue;
        auto it = index.members.find(id.get<std::string>());
        if (it != index.members.end() && !it->second.empty()) return it->second;
    }
    return {};
}

// Why `card` cannot be imported, or "" when it can. Fills `ticket` as it goes.
std::string ReadCard(const json& card, const BoardIndex& index, std::set<std::string>& seen_ids,
                     ImportedTicket& ticket) {
    if (!card.is_object()) return "not a card object";
    if (JsonTrue(card, "closed")) return "archived card";
    ticket.source_id = JsonString(card, "id");
    if (ticket.source_id.empty()) return "no card id";
    if (!seen_ids.insert(ticket.source_id).second) return "duplicate card id " + ticket.source_id;
    auto list = index.lists.find(JsonString(card, "idList"));
    if (list == index.lists.end()) return "its list is missing";
    if (list->second.closed) return "its list '" + list->second.name + "' is archived";
    ticket.title = std::string(TrimSpace(JsonString(card, "name")));
    if (ticket.title.empty()) return "no title";

    std::string reason;
    if (!ReadDateMember(card, "due", ticket.due, reason) ||
        !ReadDateMember(card, "dateLastActivity", ticket.updated, reason))
        return reason;
    ticket.created = ObjectIdTime(ticket.source_id);
    ticket.status = list->second.name;
    ticket.description = JsonString(card, "desc");
    std::string checklists = ChecklistMarkdown(card, ticket.source_id, index);
    if (!checklists.empty()) ticket.description += (ticket.description.empty() ? "" : "\n\n") + checklists;
    ticket.labels = CardLabels(card, index);
    ticket.assignee = CardAssignee(card, index);
    ticket.url = JsonString(card, "shortUrl");
    if (ticket.url.empty()) ticket.url = JsonString(card, "url");
    if (auto it = index.comments.find(ticket.source_id); it != index.comments.end()) ticket.comments = it->second;
    return {};
}

// `card 3 "Printer jam"`: the name helps the user find the card, when it is short.
std::string CardWhere(const json& card, std::size_t index) {
    std::string where = "card " + std::to_string(index + 1);
    std::string name = std::string(TrimSpace(JsonString(card, "name")));
    if (!name.empty() && CountCodePoints(name) <= kShortNameCodePoints) where += " \"" + name + "\"";
    return where;
}

bool HasItems(const json& object, const char* key) {
    const json* array = JsonArray(object, key);
    return array && !array->empty();
}

}  // namespace

Result<ImportSource> ReadTrelloBoard(const json& board) {
    const json* cards = JsonArray(board, "cards");
    if (!JsonArray(board, "lists") || !cards) return Error{"not a Trello board export: no 'lists' and 'cards'"};

    BoardIndex index = IndexBoard(board);
    ImportSource source;
    source.format = "Trello board";
    source.statuses = index.statuses;

    std::set<std::string> seen_ids;
    bool attachments = false;
    for (std::size_t i = 0; i < cards->size(); ++i) {
        const json& card = (*cards)[i];
        ImportedTicket ticket;
        ticket.where = CardWhere(card, i);
        std::string reason = ReadCard(card, index, seen_ids, ticket);
        if (!reason.empty()) {
            source.skipped.push_back({ticket.where, reason});
            continue;
        }
        attachments = attachments || HasItems(card, "attachments");
        source.tickets.push_back(std::move(ticket));
    }

    if (attachments) source.notes.push_back("attachments are not imported");
    if (HasItems(board, "customFields")) source.notes.push_back("custom fields are not imported");
    const json* actions = JsonArray(board, "actions");
    if (actions && actions->size() >= kTrelloActionLimit)
        source.notes.push_back("Trello exports only the board's last 1000 actions: older comments are not in the file");
    return source;
}

}  // namespace tackboard
