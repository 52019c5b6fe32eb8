// board.hpp — the ticket model and the board configuration (see DESIGN.md "Core model").
//
// Plain data: no ImGui, no Emscripten. The Board is changed only through changes
// (change.hpp), which validate first and then apply; everything here is read access
// and bookkeeping.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace tackboard {

using Millis = std::int64_t;  // Unix time in milliseconds

enum class StatusCategory { Todo, Active, Waiting, Done };

struct StatusDef {
    std::string id;    // stable key stored in tickets ("in_progress")
    std::string name;  // shown in the UI ("In progress")
    StatusCategory category = StatusCategory::Todo;
    int wip_limit = 0;  // 0: no limit
};

struct PriorityDef {
    std::string id;
    std::string name;
    std::uint32_t colour = 0xFF808080;  // ABGR, as ImGui packs colours
};

struct TicketTypeDef {
    std::string id;
    std::string name;
};

struct BoardConfig {
    std::vector<StatusDef> statuses;  // in column order
    std::vector<PriorityDef> priorities;  // most urgent first
    std::vector<TicketTypeDef> types;
    std::string default_type;
    std::string default_priority;

    const StatusDef* FindStatus(const std::string& id) const;
    const PriorityDef* FindPriority(const std::string& id) const;
    const TicketTypeDef* FindType(const std::string& id) const;
};

// What a small support team starts with; editable later (settings issue).
BoardConfig DefaultConfig();

struct Ticket {
    std::string id;
    std::string type;
    std::string title;
    std::string description;  // markdown
    std::string status;
    std::string priority;
    std::string assignee;
    std::string requester;
    std::vector<std::string> labels;
    Millis created = 0;
    Millis updated = 0;
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

    // Tickets of one status in display order (newest first). Rebuilt lazily after changes.
    const std::vector<std::size_t>& Column(const std::string& status_id) const;

    // Mutation, for change.cpp only.
    Ticket& Insert(Ticket ticket);
    Ticket* FindMutable(const std::string& id);
    void MarkChanged() { columns_dirty_ = true; }

private:
    void RebuildColumns() const;

    BoardConfig config_;
    std::vector<Ticket> tickets_;
    std::unordered_map<std::string, std::size_t> index_;
    mutable std::unordered_map<std::string, std::vector<std::size_t>> columns_;
    mutable bool columns_dirty_ = true;
};

}  // namespace tackboard
