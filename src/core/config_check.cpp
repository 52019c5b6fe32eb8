#include "core/config_check.hpp"

#include <set>

namespace tackboard {

namespace {
// Every element has a non-empty, unique id (or name for labels).
template <class Def, class Key>
Status UniqueKeys(const std::vector<Def>& defs, const char* list, Key key) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < defs.size(); ++i) {
        const std::string& k = key(defs[i]);
        std::string where = std::string("/") + list + "/" + std::to_string(i);
        if (k.empty()) return Error{"an entry has an empty id", where};
        if (!seen.insert(k).second) return Error{"'" + k + "' appears twice", where};
    }
    return Ok{};
}
}  // namespace

Status CheckConfig(const BoardConfig& c) {
    auto id = [](const auto& d) -> const std::string& { return d.id; };
    if (c.statuses.empty()) return Error{"a board needs at least one status", "/statuses"};
    if (c.priorities.empty()) return Error{"a board needs at least one priority", "/priorities"};
    if (c.types.empty()) return Error{"a board needs at least one ticket type", "/types"};
    if (auto s = UniqueKeys(c.statuses, "statuses", id); !s) return s;
    if (auto s = UniqueKeys(c.priorities, "priorities", id); !s) return s;
    if (auto s = UniqueKeys(c.types, "types", id); !s) return s;
    if (auto s = UniqueKeys(c.members, "members", id); !s) return s;
    if (auto s = UniqueKeys(c.labels, "labels", [](const LabelDef& l) -> const std::string& { return l.name; }); !s)
        return s;
    for (std::size_t i = 0; i < c.statuses.size(); ++i)
        if (c.statuses[i].wip_limit < 0)
            return Error{"a WIP limit cannot be negative", "/statuses/" + std::to_string(i) + "/wip_limit"};
    for (std::size_t i = 0; i < c.transitions.size(); ++i) {
        const auto& t = c.transitions[i];
        std::string where = "/transitions/" + std::to_string(i);
        if (!c.FindStatus(t.from)) return Error{"transition from a status that does not exist: '" + t.from + "'", where};
        if (!c.FindStatus(t.to)) return Error{"transition to a status that does not exist: '" + t.to + "'", where};
    }
    for (std::size_t i = 0; i < c.types.size(); ++i) {
        std::string where = "/types/" + std::to_string(i) + "/fields";
        if (auto s = UniqueKeys(c.types[i].fields, "fields", id); !s) return Error{s.error().message, where};
        for (const auto& f : c.types[i].fields)
            if ((f.kind == FieldKind::Select || f.kind == FieldKind::MultiSelect) && f.options.empty())
                return Error{"the field '" + f.name + "' is a choice without options", where};
    }
    if (!c.FindType(c.default_type)) return Error{"the default type '" + c.default_type + "' does not exist", "/default_type"};
    if (!c.FindPriority(c.default_priority))
        return Error{"the default priority '" + c.default_priority + "' does not exist", "/default_priority"};
    return Ok{};
}

Status CheckTicketAgainstConfig(const Ticket& t, const BoardConfig& c, const std::string& path) {
    if (!c.FindStatus(t.status)) return Error{"unknown status '" + t.status + "'", path + "/status"};
    if (!c.FindType(t.type)) return Error{"unknown ticket type '" + t.type + "'", path + "/type"};
    if (!c.FindPriority(t.priority)) return Error{"unknown priority '" + t.priority + "'", path + "/priority"};
    return Ok{};
}

}  // namespace tackboard
