// board.hpp — the ticket model and the board configuration (see DESIGN.md "Core model").
//
// Plain data: no ImGui, no Emscripten. The Board is changed only through changes
// (change.hpp), which validate first and then apply; everything here is read access
// and bookkeeping.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/hlc.hpp"

namespace tackboard {

using Millis = std::int64_t;  // Unix time in milliseconds; 0 means "not set"

// --- configuration -----------------------------------------------------------

enum class StatusCategory { Todo, Active, Waiting, Done };

struct StatusDef {
    std::string id;    // stable key stored in tickets ("in_progress")
    std::string name;  // shown in the UI ("In progress")
    StatusCategory category = StatusCategory::Todo;
    int wip_limit = 0;  // 0: no limit
    std::uint32_t colour = 0;  // ABGR like PriorityDef; 0: automatic (the board's own look)
};

struct TransitionDef {
    std::string from;  // status id
    std::string to;
};

enum class FieldKind { Text, LongText, Number, Select, MultiSelect, Date, Checkbox, Member };

struct FieldDef {
    std::string id;    // key in Ticket::fields ("environment")
    std::string name;  // label in the form ("Environment")
    FieldKind kind = FieldKind::Text;
    std::vector<std::string> options;  // Select / MultiSelect
    bool required = false;
};

struct TicketTypeDef {
    std::string id;
    std::string name;
    std::vector<FieldDef> fields;  // in form order
    // One of kTypeIcons ("bug", "question"...); empty or unknown: the default ticket icon.
    std::string icon;
};

// The icons a ticket type may show, by the short name the configuration stores.
inline constexpr const char* kTypeIcons[] = {"ticket", "bug",  "question", "bolt",     "wrench", "star",
                                             "box",    "user", "building", "lightbulb", "exchange", "life_ring"};

struct PriorityDef {
    std::string id;
    std::string name;
    std::uint32_t colour = 0xFF808080;  // ABGR, as ImGui packs colours
    int response_minutes = 0;           // target first response; 0: none
    int resolution_minutes = 0;         // target resolution; 0: none
};

struct LabelDef {
    std::string name;
    std::uint32_t colour = 0xFF909090;
};

struct MemberDef {
    std::string id;  // what tickets store as assignee
    std::string name;
    std::vector<std::string> skills;  // type ids or labels this member handles
    int capacity = 10;                // open tickets they can carry
};

struct SavedView {
    std::string name;
    std::string query;
};

struct BoardConfig {
    std::vector<StatusDef> statuses;      // in column order
    std::vector<TransitionDef> transitions;  // empty: every move is allowed
    std::vector<PriorityDef> priorities;  // most urgent first
    std::vector<TicketTypeDef> types;
    std::vector<LabelDef> labels;
    std::vector<MemberDef> members;
    std::vector<SavedView> views;
    std::string default_type;
    std::string default_priority;
    nlohmann::json extra = nlohmann::json::object();  // unknown settings, kept

    const StatusDef* FindStatus(const std::string& id) const;
    const PriorityDef* FindPriority(const std::string& id) const;
    const TicketTypeDef* FindType(const std::string& id) const;
    const MemberDef* FindMember(const std::string& id) const;
    // Position in `priorities` (0 = most urgent), or -1.
    int PriorityRank(const std::string& id) const;
    bool TransitionAllowed(const std::string& from, const std::string& to) const;
};

// What a small support team starts with; editable later (settings issue).
BoardConfig DefaultConfig();

// The ids of the statuses of one category, in board order (e.g. the Done ones).
std::vector<std::string> StatusIds(const BoardConfig& config, StatusCategory category);

// --- tickets ---------------------------------------------------------------------

struct Comment {
    std::string id;
    std::string author;
    Millis at = 0;
    std::string body;  // markdown
    bool internal = false;  // internal notes are not shown to requesters
};

// Links are stored on both tickets: A blocks B is kept as {blocks, B} on A and
// {blocked_by, A} on B, so either side answers "what is linked" without a scan.
enum class LinkKind { DuplicateOf, DuplicatedBy, RelatesTo, Blocks, BlockedBy };

struct Link {
    LinkKind kind = LinkKind::RelatesTo;
    std::string target;  // ticket id
    bool operator==(const Link&) const = default;
};

struct HistoryEntry {
    Millis at = 0;
    std::string by;
    std::string field;  // "status", "title", "comment", "link", "fields.environment", ...
    nlohmann::json old_value;
    nlohmann::json new_value;
    std::string note;  // e.g. the reason given when reopening
};

struct Ticket {
    std::string id;
    std::string type;
    std::string title;
    std::string description;  // markdown
    std::string status;
    std::string priority;
    std::string assignee;   // member id, or empty
    std::string requester;
    std::vector<std::string> labels;
    Millis due = 0;
    nlohmann::json fields = nlohmann::json::object();  // custom fields of the type, by field id
    std::vector<Link> links;
    std::vector<Comment> comments;
    std::vector<HistoryEntry> history;
    int satisfaction = 0;  // 1..5, 0 when not rated
    Millis created = 0;
    Millis updated = 0;
    Millis first_response_at = 0;
    Millis resolved_at = 0;
    bool deleted = false;  // deleted tickets are kept (restorable) but hidden
    // Place in its column when moved by hand (core/rank.hpp); empty: newest first.
    std::string rank;
    // The sprint it is planned into (an id of core/sprints.hpp); empty: the backlog.
    std::string sprint;
    // Hybrid-logical-clock stamp of the last write to each field, for merges.
    std::map<std::string, Hlc> clocks;
    // Fields this version does not know (written by a newer version or another tool):
    // kept and written back unchanged so nothing is lost on a round trip.
    nlohmann::json extra = nlohmann::json::object();
};

class Board {
public:
    explicit Board(BoardConfig config = DefaultConfig());

    const BoardConfig& config() const { return config_; }
    const std::vector<Ticket>& tickets() const { return tickets_; }
    const Ticket* Find(const std::string& id) const;
    // Position of a ticket in tickets(), or -1.
    long IndexOf(const std::string& id) const;

    // Live (not deleted) tickets of one status in display order: by rank, cards never
    // moved by hand newest first (core/rank.hpp). Brought up to date lazily after changes:
    // the few tickets that changed are moved to their place, or everything is sorted anew
    // after a larger change (sorting 100k tickets is too slow for every edit).
    const std::vector<std::size_t>& Column(const std::string& status_id) const;

    // Mutation, for change.cpp only.
    Ticket& Insert(Ticket ticket);
    void Reserve(std::size_t tickets) {
        tickets_.reserve(tickets);
        index_.reserve(tickets);
    }
    Ticket* FindMutable(const std::string& id);
    BoardConfig& MutableConfig() { return config_; }
    void ReplaceConfig(BoardConfig config) {
        config_ = std::move(config);
        columns_dirty_ = true;
    }

    // Who changed the configuration when, and which parts (old_value: list of part names).
    const std::vector<HistoryEntry>& config_history() const { return config_history_; }
    void RecordConfigChange(HistoryEntry entry) { config_history_.push_back(std::move(entry)); }

    // Top-level members of a Tackboard file this version does not know, kept.
    const nlohmann::json& extra() const { return extra_; }
    void SetExtra(nlohmann::json extra) { extra_ = std::move(extra); }
    // Something changed that may move any ticket between or within columns.
    void MarkChanged() { columns_dirty_ = true; }
    // One ticket's status, rank or deleted flag may have changed.
    void MarkTicketChanged(const std::string& id);

private:
    void MarkRowChanged(std::size_t row);
    void RebuildColumns() const;
    void MendColumns() const;
    // Beyond this many changed tickets, sorting everything again is cheaper than mending.
    static constexpr std::size_t kMendLimit = 16;

    BoardConfig config_;
    nlohmann::json extra_ = nlohmann::json::object();
    std::vector<HistoryEntry> config_history_;
    std::vector<Ticket> tickets_;
    std::unordered_map<std::string, std::size_t> index_;
    mutable std::unordered_map<std::string, std::vector<std::size_t>> columns_;
    mutable bool columns_dirty_ = true;
    mutable std::vector<std::size_t> changed_rows_;  // to mend in columns_ (when not dirty)
};

const char* ToString(StatusCategory category);
const char* ToString(FieldKind kind);
const char* ToString(LinkKind kind);
bool ParseStatusCategory(const std::string& text, StatusCategory& out);
bool ParseFieldKind(const std::string& text, FieldKind& out);
bool ParseLinkKind(const std::string& text, LinkKind& out);
LinkKind Reverse(LinkKind kind);

}  // namespace tackboard
