#include "core/board.hpp"

#include <algorithm>

#include "core/rank.hpp"

namespace tackboard {

namespace {
template <class Def>
const Def* FindById(const std::vector<Def>& defs, const std::string& id) {
    auto it = std::find_if(defs.begin(), defs.end(), [&](const Def& d) { return d.id == id; });
    return it == defs.end() ? nullptr : &*it;
}

FieldDef Field(const char* id, const char* name, FieldKind kind, bool required,
               std::vector<std::string> options = {}) {
    return FieldDef{id, name, kind, std::move(options), required};
}
}  // namespace

const StatusDef* BoardConfig::FindStatus(const std::string& id) const { return FindById(statuses, id); }
const PriorityDef* BoardConfig::FindPriority(const std::string& id) const { return FindById(priorities, id); }
const TicketTypeDef* BoardConfig::FindType(const std::string& id) const { return FindById(types, id); }
const MemberDef* BoardConfig::FindMember(const std::string& id) const { return FindById(members, id); }

int BoardConfig::PriorityRank(const std::string& id) const {
    for (std::size_t i = 0; i < priorities.size(); ++i)
        if (priorities[i].id == id) return static_cast<int>(i);
    return -1;
}

bool BoardConfig::TransitionAllowed(const std::string& from, const std::string& to) const {
    if (transitions.empty() || from == to) return true;
    return std::any_of(transitions.begin(), transitions.end(),
                       [&](const TransitionDef& t) { return t.from == from && t.to == to; });
}

std::vector<std::string> StatusIds(const BoardConfig& config, StatusCategory category) {
    std::vector<std::string> ids;
    for (const StatusDef& s : config.statuses)
        if (s.category == category) ids.push_back(s.id);
    return ids;
}

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
    // Targets in minutes: first response / resolution.
    c.priorities = {
        {"urgent", "Urgent", 0xFF3B3BE0, 30, 4 * 60},
        {"high", "High", 0xFF2A8CF0, 2 * 60, 24 * 60},
        {"normal", "Normal", 0xFFD0A040, 8 * 60, 3 * 24 * 60},
        {"low", "Low", 0xFF909090, 24 * 60, 10 * 24 * 60},
    };
    c.types = {
        {"support", "Support request",
         {Field("category", "Category", FieldKind::Select, false,
                {"Access", "Hardware", "Software", "Network", "Other"})}},
        {"bug", "Bug",
         {Field("steps", "Steps to reproduce", FieldKind::LongText, true),
          Field("environment", "Environment", FieldKind::Text, false),
          Field("severity", "Severity", FieldKind::Select, false, {"Minor", "Major", "Critical"})}},
        {"feature", "Feature request",
         {Field("use_case", "Use case", FieldKind::LongText, false),
          Field("value", "Business value", FieldKind::Select, false, {"Low", "Medium", "High"})}},
        {"incident", "Incident",
         {Field("impact", "Impact", FieldKind::Select, true, {"One person", "One team", "Everyone"}),
          Field("started", "Started at", FieldKind::Date, false),
          Field("services", "Affected services", FieldKind::MultiSelect, false,
                {"Email", "VPN", "Website", "Phones", "Files"})}},
        {"change", "Change request",
         {Field("planned_for", "Planned for", FieldKind::Date, true),
          Field("risk", "Risk", FieldKind::Select, true, {"Low", "Medium", "High"}),
          Field("rollback", "Rollback plan", FieldKind::LongText, false)}},
    };
    c.labels = {{"billing", 0xFF4FA3F5}, {"hardware", 0xFF8E6CEF}, {"network", 0xFFC9A227},
                {"access", 0xFF2DB37A}, {"vip", 0xFF3B3BE0}};
    c.views = {{"My open tickets", "assignee:me status:open sort:-updated"},
               {"Unassigned", "is:unassigned status:open sort:created"},
               {"Urgent and high", "prio:>=high status:open"}};
    c.default_type = "support";
    c.default_priority = "normal";
    return c;
}

Board::Board(BoardConfig config) : config_(std::move(config)) {}

const Ticket* Board::Find(const std::string& id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &tickets_[it->second];
}

long Board::IndexOf(const std::string& id) const {
    auto it = index_.find(id);
    return it == index_.end() ? -1 : static_cast<long>(it->second);
}

Ticket* Board::FindMutable(const std::string& id) {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &tickets_[it->second];
}

Ticket& Board::Insert(Ticket ticket) {
    index_[ticket.id] = tickets_.size();
    tickets_.push_back(std::move(ticket));
    MarkRowChanged(tickets_.size() - 1);
    return tickets_.back();
}

void Board::MarkTicketChanged(const std::string& id) {
    long row = IndexOf(id);
    if (row < 0) columns_dirty_ = true;
    else MarkRowChanged(static_cast<std::size_t>(row));
}

void Board::MarkRowChanged(std::size_t row) {
    if (columns_dirty_) return;  // everything is sorted anew anyway
    if (changed_rows_.size() < kMendLimit) {
        changed_rows_.push_back(row);
    } else {
        columns_dirty_ = true;
        changed_rows_.clear();
    }
}

const std::vector<std::size_t>& Board::Column(const std::string& status_id) const {
    if (columns_dirty_) RebuildColumns();
    else if (!changed_rows_.empty()) MendColumns();
    static const std::vector<std::size_t> kEmpty;
    auto it = columns_.find(status_id);
    return it == columns_.end() ? kEmpty : it->second;
}

// Takes each changed ticket out of the column it was in and puts it back where it now
// sorts. Columns stay sorted by a total order (OrderedBefore), so this gives exactly
// what RebuildColumns would.
void Board::MendColumns() const {
    auto before = [&](std::size_t a, std::size_t b) { return OrderedBefore(tickets_[a], tickets_[b]); };
    for (std::size_t row : changed_rows_) {
        for (auto& [status, rows] : columns_)
            if (auto it = std::find(rows.begin(), rows.end(), row); it != rows.end()) {
                rows.erase(it);
                break;
            }
        const Ticket& t = tickets_[row];
        if (t.deleted) continue;
        auto& rows = columns_[t.status];
        rows.insert(std::lower_bound(rows.begin(), rows.end(), row, before), row);
    }
    changed_rows_.clear();
}

void Board::RebuildColumns() const {
    changed_rows_.clear();
    columns_.clear();
    for (const auto& s : config_.statuses) columns_[s.id];
    for (std::size_t i = 0; i < tickets_.size(); ++i)
        if (!tickets_[i].deleted) columns_[tickets_[i].status].push_back(i);
    // By rank (core/rank.hpp); cards never placed by hand newest first, and ULIDs sort
    // by creation time, so that is a reverse sort by id.
    for (auto& [status, rows] : columns_)
        std::sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) { return OrderedBefore(tickets_[a], tickets_[b]); });
    columns_dirty_ = false;
}

// --- names of enums, as stored in JSON ---------------------------------------

namespace {
template <class E, std::size_t N>
bool ParseEnum(const std::string& text, const char* const (&names)[N], E& out) {
    for (std::size_t i = 0; i < N; ++i)
        if (text == names[i]) {
            out = static_cast<E>(i);
            return true;
        }
    return false;
}
const char* const kCategoryNames[] = {"todo", "active", "waiting", "done"};
const char* const kFieldKindNames[] = {"text", "long_text", "number", "select", "multi_select", "date", "checkbox", "member"};
const char* const kLinkKindNames[] = {"duplicate_of", "duplicated_by", "relates_to", "blocks", "blocked_by"};
}  // namespace

const char* ToString(StatusCategory c) { return kCategoryNames[static_cast<int>(c)]; }
const char* ToString(FieldKind k) { return kFieldKindNames[static_cast<int>(k)]; }
const char* ToString(LinkKind k) { return kLinkKindNames[static_cast<int>(k)]; }
bool ParseStatusCategory(const std::string& t, StatusCategory& out) { return ParseEnum(t, kCategoryNames, out); }
bool ParseFieldKind(const std::string& t, FieldKind& out) { return ParseEnum(t, kFieldKindNames, out); }
bool ParseLinkKind(const std::string& t, LinkKind& out) { return ParseEnum(t, kLinkKindNames, out); }

LinkKind Reverse(LinkKind kind) {
    switch (kind) {
        case LinkKind::DuplicateOf: return LinkKind::DuplicatedBy;
        case LinkKind::DuplicatedBy: return LinkKind::DuplicateOf;
        case LinkKind::Blocks: return LinkKind::BlockedBy;
        case LinkKind::BlockedBy: return LinkKind::Blocks;
        case LinkKind::RelatesTo: return LinkKind::RelatesTo;
    }
    return LinkKind::RelatesTo;
}

}  // namespace tackboard
