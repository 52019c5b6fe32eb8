// routing.cpp — workload and assignee choice (see routing.hpp).
#include "core/routing.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/text_fold.hpp"

namespace tackboard {

const MemberLoad* Workload::Find(std::string_view member) const {
    for (const MemberLoad& m : members)
        if (m.member == member) return &m;
    return nullptr;
}

Workload ComputeWorkload(const Board& board) {
    const BoardConfig& config = board.config();
    std::vector<const std::string*> done;  // ids of Done statuses: a few, compared faster than hashed
    for (const StatusDef& s : config.statuses)
        if (s.category == StatusCategory::Done) done.push_back(&s.id);
    std::unordered_map<std::string, std::size_t> member_row;
    Workload load;
    for (const MemberDef& m : config.members) {
        if (!member_row.emplace(m.id, load.members.size()).second) continue;  // a repeated id counts once
        load.members.push_back({m.id, 0, m.capacity, 0});
    }
    for (const Ticket& t : board.tickets()) {
        if (t.deleted) continue;
        if (std::any_of(done.begin(), done.end(), [&](const std::string* id) { return *id == t.status; })) continue;
        if (t.assignee.empty()) {
            ++load.unassigned;
        } else if (auto row = member_row.find(t.assignee); row != member_row.end()) {
            ++load.members[row->second].open;
        } else {
            ++load.others;
        }
    }
    for (MemberLoad& m : load.members) m.ratio = static_cast<double>(m.open) / std::max(m.capacity, 1);
    return load;
}

namespace {

std::string Joined(const std::vector<std::string>& items, const char* separator = ", ") {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

struct Candidate {
    std::size_t order;  // position in config.members
    MemberLoad load;
    std::vector<std::string> skills;  // the member's skills that match the ticket
};

}  // namespace

std::optional<RoutingChoice> ChooseAssignee(const Ticket& ticket, const BoardConfig& config, const Workload& workload,
                                            RoutingMode mode, std::string_view last_assigned) {
    if (config.members.empty()) return std::nullopt;
    std::vector<std::string> wanted;  // folded type and labels
    if (!ticket.type.empty()) wanted.push_back(FoldText(ticket.type));
    for (const std::string& label : ticket.labels) wanted.push_back(FoldText(label));

    std::vector<Candidate> all, skilled;
    for (std::size_t i = 0; i < config.members.size(); ++i) {
        const MemberDef& m = config.members[i];
        const MemberLoad* known = workload.Find(m.id);
        Candidate c{i, known ? *known : MemberLoad{m.id, 0, m.capacity, 0}, {}};
        c.load.capacity = m.capacity;  // the config being routed with decides
        c.load.ratio = static_cast<double>(c.load.open) / std::max(m.capacity, 1);
        for (const std::string& skill : m.skills)
            if (std::find(wanted.begin(), wanted.end(), FoldText(skill)) != wanted.end()) c.skills.push_back(skill);
        if (!c.skills.empty()) skilled.push_back(c);
        all.push_back(std::move(c));
    }

    std::vector<Candidate>* pool = skilled.empty() ? &all : &skilled;
    std::vector<Candidate> open;
    for (const Candidate& c : *pool)
        if (!c.load.full()) open.push_back(c);
    bool all_full = open.empty();
    if (all_full) open = *pool;

    const Candidate* chosen = nullptr;
    if (mode == RoutingMode::LeastLoaded) {
        chosen = &*std::min_element(open.begin(), open.end(), [](const Candidate& a, const Candidate& b) {
            if (a.load.ratio != b.load.ratio) return a.load.ratio < b.load.ratio;
            if (a.load.open != b.load.open) return a.load.open < b.load.open;
            return a.order < b.order;
        });
    } else {
        // The first candidate after the cursor in config order, wrapping around; from the
        // start when the cursor is not a member.
        std::size_t start = 0;
        for (std::size_t i = 0; i < config.members.size(); ++i)
            if (config.members[i].id == last_assigned) start = i + 1;
        auto after = std::find_if(open.begin(), open.end(), [&](const Candidate& c) { return c.order >= start; });
        chosen = after != open.end() ? &*after : &open.front();
    }

    std::vector<std::string> parts;
    if (mode == RoutingMode::RoundRobin) parts.push_back("round robin");
    if (!skilled.empty()) {
        parts.push_back("skills: " + Joined(chosen->skills));
    } else {
        std::vector<std::string> needs;
        if (!ticket.type.empty()) needs.push_back(ticket.type);
        needs.insert(needs.end(), ticket.labels.begin(), ticket.labels.end());
        parts.push_back(needs.empty() ? "no type or labels to match skills, any member"
                                      : "no member has skills for " + Joined(needs) + ", any member");
    }
    if (all_full) parts.push_back(skilled.empty() ? "everyone is at capacity" : "everyone with these skills is at capacity");
    parts.push_back("load " + std::to_string(chosen->load.open) + "/" + std::to_string(chosen->load.capacity));
    return RoutingChoice{chosen->load.member, Joined(parts, "; ")};
}

}  // namespace tackboard
