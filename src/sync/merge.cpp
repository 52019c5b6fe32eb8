#include "sync/merge.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/ticket_json.hpp"

namespace tackboard {

using nlohmann::json;

namespace {

// Members merged as something other than a plain value.
const std::set<std::string> kStructured = {"id", "fields", "links", "comments", "history", "clocks", "conflicts",
                                           "created", "updated", "first_response_at", "resolved_at"};

const json kAbsent = json();  // a member a version does not have

const json& Member(const json& object, const std::string& key) {
    auto it = object.find(key);
    return it == object.end() ? kAbsent : *it;
}

Hlc ClockOf(const json& ticket, const std::string& field) {
    Hlc stamp;
    const json& clocks = Member(ticket, "clocks");
    if (clocks.is_object())
        if (auto it = clocks.find(field); it != clocks.end() && it->is_string()) Hlc::Parse(it->get<std::string>(), stamp);
    return stamp;
}

// Does `a` win over `b`? Later clock first; equal clocks (or none) by the value's text,
// so both replicas decide alike whatever order they see the two versions in.
bool Wins(const json& a_value, const Hlc& a_clock, const json& b_value, const Hlc& b_clock) {
    if (!(a_clock == b_clock)) return b_clock < a_clock;
    return b_value.dump() < a_value.dump();
}

struct Merger {
    const json& base;
    const json& local;
    const json& remote;
    bool has_base;
    json out = json::object();
    std::vector<FieldConflict> conflicts;

    // One value, three-way. `field` names its clock ("title", "fields.environment").
    json Value(const json& b, const json& l, const json& r, const std::string& field) {
        if (l == r) return l;
        if (has_base && l == b) return r;
        if (has_base && r == b) return l;
        Hlc lc = ClockOf(local, field), rc = ClockOf(remote, field);
        bool local_wins = Wins(l, lc, r, rc);
        const json& loser = local_wins ? r : l;
        conflicts.push_back({field, loser, (local_wins ? rc : lc).ToString()});
        return local_wins ? l : r;
    }

    void Plain(const std::string& key) {
        json v = Value(Member(base, key), Member(local, key), Member(remote, key), key);
        if (!v.is_null()) out[key] = std::move(v);
    }

    void CustomFields() {
        const json& b = Member(base, "fields");
        const json& l = Member(local, "fields");
        const json& r = Member(remote, "fields");
        std::set<std::string> keys;
        for (const json* side : {&l, &r})
            if (side->is_object())
                for (auto it = side->begin(); it != side->end(); ++it) keys.insert(it.key());
        json merged = json::object();
        for (const auto& k : keys) {
            json v = Value(b.is_object() ? Member(b, k) : kAbsent, l.is_object() ? Member(l, k) : kAbsent,
                           r.is_object() ? Member(r, k) : kAbsent, "fields." + k);
            if (!v.is_null()) merged[k] = std::move(v);
        }
        if (!merged.empty()) out["fields"] = std::move(merged);
    }

    // Elements keyed by `key_of`: added on either side are kept, removed on one side (and
    // present in the base) are dropped; an element changed on both sides merges as a value.
    template <class KeyOf>
    json Set(const std::string& member, KeyOf key_of) {
        auto index = [&](const json& list) {
            std::map<std::string, json> by_key;
            if (list.is_array())
                for (const auto& e : list) by_key.emplace(key_of(e), e);
            return by_key;
        };
        auto b = index(Member(base, member)), l = index(Member(local, member)), r = index(Member(remote, member));
        std::set<std::string> keys;
        for (auto* side : {&l, &r})
            for (const auto& [k, _] : *side) keys.insert(k);
        json merged = json::array();
        for (const auto& k : keys) {
            bool in_b = b.count(k), in_l = l.count(k), in_r = r.count(k);
            if (in_l && in_r) merged.push_back(Value(in_b ? b[k] : kAbsent, l[k], r[k], member));
            else if (!in_b) merged.push_back(in_l ? l[k] : r[k]);  // added on one side
            else if ((in_l ? l[k] : r[k]) != b[k]) merged.push_back(in_l ? l[k] : r[k]);  // edited beats removed
        }
        return merged;
    }

    void Comments() {
        json merged = Set("comments", [](const json& c) { return c.value("id", c.dump()); });
        std::stable_sort(merged.begin(), merged.end(), [](const json& a, const json& b) {
            return std::make_pair(a.value("at", Millis{0}), a.value("id", std::string())) <
                   std::make_pair(b.value("at", Millis{0}), b.value("id", std::string()));
        });
        if (!merged.empty()) out["comments"] = std::move(merged);
    }

    void Links() {
        json merged = Set("links", [](const json& l) { return l.value("kind", "") + '\x1f' + l.value("target", ""); });
        if (!merged.empty()) out["links"] = std::move(merged);
    }

    // What happened on either side happened: a union, in time order.
    void History() {
        std::vector<json> entries;
        std::set<std::string> seen;
        for (const json* side : {&Member(local, "history"), &Member(remote, "history")})
            if (side->is_array())
                for (const auto& e : *side)
                    if (seen.insert(e.dump()).second) entries.push_back(e);
        std::stable_sort(entries.begin(), entries.end(), [](const json& a, const json& b) {
            Millis at_a = a.value("at", Millis{0}), at_b = b.value("at", Millis{0});
            return at_a != at_b ? at_a < at_b : a.dump() < b.dump();
        });
        if (!entries.empty()) out["history"] = std::move(entries);
    }

    void Clocks() {
        json merged = json::object();
        for (const json* side : {&Member(local, "clocks"), &Member(remote, "clocks")})
            if (side->is_object())
                for (auto it = side->begin(); it != side->end(); ++it) {
                    Hlc stamp;
                    if (!it->is_string() || !Hlc::Parse(it->get<std::string>(), stamp)) continue;
                    Hlc other;
                    if (merged.contains(it.key())) Hlc::Parse(merged[it.key()].get<std::string>(), other);
                    if (merged.contains(it.key()) && !(other < stamp)) continue;
                    merged[it.key()] = *it;
                }
        if (!merged.empty()) out["clocks"] = std::move(merged);
    }

    void Times() {
        auto at = [&](const json& t, const char* key) { return Member(t, key).is_number_integer() ? Member(t, key).get<Millis>() : 0; };
        auto earliest = [&](const char* key) {
            Millis a = at(local, key), b = at(remote, key);
            Millis v = !a ? b : !b ? a : std::min(a, b);
            if (v) out[key] = v;
        };
        earliest("created");
        earliest("first_response_at");
        out["updated"] = std::max(at(local, "updated"), at(remote, "updated"));
        // Resolved when the merged status is: the time of the side whose status won.
        const json& status = Member(out, "status");
        Millis resolved = 0;
        if (Member(local, "status") == status) resolved = std::max(resolved, at(local, "resolved_at"));
        if (Member(remote, "status") == status) resolved = std::max(resolved, at(remote, "resolved_at"));
        if (resolved) out["resolved_at"] = resolved;
    }

    // Earlier conflicts from either side, plus this merge's, once each, in a fixed order.
    void ConflictList() {
        std::vector<json> list;
        std::set<std::string> seen;
        auto add = [&](const json& c) {
            if (seen.insert(c.dump()).second) list.push_back(c);
        };
        for (const json* side : {&Member(local, "conflicts"), &Member(remote, "conflicts")})
            if (side->is_array())
                for (const auto& c : *side) add(c);
        for (const auto& c : conflicts) add(json{{"field", c.field}, {"value", c.value}, {"clock", c.clock}});
        std::sort(list.begin(), list.end(), [](const json& a, const json& b) { return a.dump() < b.dump(); });
        if (!list.empty()) out["conflicts"] = std::move(list);
    }
};

}  // namespace

Result<MergedTicket> MergeTicket(const Ticket* base, const Ticket& local, const Ticket& remote) {
    if (local.id != remote.id) return Error{"cannot merge tickets " + local.id + " and " + remote.id};
    json b = base ? TicketToJson(*base) : json::object();
    json l = TicketToJson(local), r = TicketToJson(remote);
    Merger m{b, l, r, base != nullptr};
    m.out["id"] = local.id;
    std::set<std::string> keys;
    for (const json* side : {&l, &r})
        for (auto it = side->begin(); it != side->end(); ++it)
            if (!kStructured.count(it.key())) keys.insert(it.key());
    for (const auto& key : keys) m.Plain(key);
    m.CustomFields();
    m.Comments();
    m.Links();
    m.History();
    m.Clocks();
    m.Times();
    std::sort(m.conflicts.begin(), m.conflicts.end(),
              [](const FieldConflict& a, const FieldConflict& b) { return a.field < b.field; });
    m.ConflictList();
    auto ticket = TicketFromJson(m.out, "");
    if (!ticket) return Error{"the merged ticket " + local.id + " is not valid: " + ticket.error().Describe()};
    return MergedTicket{std::move(ticket.value()), std::move(m.conflicts)};
}

std::vector<FieldConflict> ConflictsOf(const Ticket& ticket) {
    std::vector<FieldConflict> out;
    auto it = ticket.extra.find("conflicts");
    if (it == ticket.extra.end() || !it->is_array()) return out;
    for (const auto& c : *it)
        if (c.is_object() && c.contains("field") && c["field"].is_string())
            out.push_back({c["field"].get<std::string>(), c.value("value", json()), c.value("clock", std::string())});
    return out;
}

}  // namespace tackboard
