#include "core/board.hpp"

#include <algorithm>

namespace tackboard {

namespace {
template <class Def>
const Def* FindById(const std::vector<Def>& defs, const std::string& id) {
    auto it = std::find_if(defs.begin(), defs.end(), [&](const Def& d) { return d.id == id; });
    return it == defs.end() ? nullptr : &*it;
}
}  // namespace

const StatusDef* BoardConfig::FindStatus(const std::string& id) const { return FindById(statuses, id); }
const PriorityDef* BoardConfig::FindPriority(const std::string& id) const { return FindById(priorities, id); }
const TicketTypeDef* BoardConfig::FindType(const std::string& id) const { return FindById(types, id); }

BoardConfig DefaultConfig() {
    BoardConfig c;
    c.statuses = {
        {"new", "New", StatusCategory::Todo, 0},
        {"triage", "Triage", StatusCategory::Todo, 0},
        {"in_progress", "In progress", StatusCategory::Active, 10},
        {"waiting", "Waiting", StatusCategory::Waiting, 0},
        {"resolved", "Resolved", StatusCategory::Done, 0},
        {"closed", "Closed", StatusCategory::Done, 0},
    };
    c.priorities = {
        {"urgent", "Urgent", 0xFF3B3BE0},
        {"high", "High", 0xFF2A8CF0},
        {"normal", "Normal", 0xFFD0A040},
        {"low", "Low", 0xFF909090},
    };
    c.types = {
        {"support", "Support request"},
        {"bug", "Bug"},
        {"feature", "Feature request"},
        {"incident", "Incident"},
        {"change", "Change request"},
    };
    c.default_type = "support";
    c.default_priority = "normal";
    return c;
}

Board::Board(BoardConfig config) : config_(std::move(config)) {}

const Ticket* Board::Find(const std::string& id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &tickets_[it->second];
}

Ticket* Board::FindMutable(const std::string& id) {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &tickets_[it->second];
}

Ticket& Board::Insert(Ticket ticket) {
    index_[ticket.id] = tickets_.size();
    tickets_.push_back(std::move(ticket));
    columns_dirty_ = true;
    return tickets_.back();
}

const std::vector<std::size_t>& Board::Column(const std::string& status_id) const {
    if (columns_dirty_) RebuildColumns();
    static const std::vector<std::size_t> kEmpty;
    auto it = columns_.find(status_id);
    return it == columns_.end() ? kEmpty : it->second;
}

void Board::RebuildColumns() const {
    columns_.clear();
    for (const auto& s : config_.statuses) columns_[s.id];
    for (std::size_t i = 0; i < tickets_.size(); ++i) columns_[tickets_[i].status].push_back(i);
    // ULIDs sort by creation time: newest first is a reverse sort by id.
    for (auto& [status, rows] : columns_)
        std::sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) { return tickets_[a].id > tickets_[b].id; });
    columns_dirty_ = false;
}

}  // namespace tackboard
