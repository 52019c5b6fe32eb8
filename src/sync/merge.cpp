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

    // Earlier conflicts merge as a set: kept while either side still has them, unless
    // the base had one and a side dropped it — someone resolved it there. Plus this
    // merge's own, once each, in a fixed order.
    void ConflictList() {
        auto entries = [](const json& side) {
            std::set<std::string> set;
            if (side.is_array())
                for (const auto& c : side) set.insert(c.dump());
            return set;
        };
        const auto in_b = entries(Member(base, "conflicts"));
        const auto in_l = entries(Member(local, "conflicts"));
        const auto in_r = entries(Member(remote, "conflicts"));
        std::set<std::string> kept;
        for (const auto* side : {&in_l, &in_r})
            for (const auto& c : *side)
                if ((in_l.count(c) && in_r.count(c)) || !in_b.count(c)) kept.insert(c);
        for (const auto& c : conflicts) kept.insert(json{{"field", c.field}, {"value", c.value}, {"clock", c.clock}}.dump());
        json list = json::array();
        for (const auto& c : kept) list.push_back(json::parse(c, nullptr, false));
        if (!list.empty()) out["conflicts"] = std::move(list);
    }
};

}  // namespace

Result<MergedTicket> MergeTicket(const Ticket* base, const Ticket& local, const Ticket& remote) {
    if (local.id != remote.id) return Error{"cannot merge tickets " + local.id + " and " + remote.id};
    json b = base ? TicketToJson(*base) : json::object();
    json l = TicketToJson(local), r = TicketToJson(remote);
    Merger m{b, l, r, base != nullptr, json::object(), {}};
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

// --- the configuration ------------------------------------------------------------

namespace {

bool SameMember(const json* a, const json* b) { return (!a && !b) || (a && b && *a == *b); }

// Three-way choice over possibly absent values (absent: removed, or never there).
const json* Choose(const json* b, const json* l, const json* r, bool& both_changed) {
    if (SameMember(l, r)) return l;
    if (SameMember(l, b)) return r;
    if (SameMember(r, b)) return l;
    both_changed = true;
    return r ? r : l;  // the server's version; an edit beats a removal
}

const json* MemberOf(const json* object, const std::string& key) {
    if (!object || !object->is_object()) return nullptr;
    auto it = object->find(key);
    return it == object->end() ? nullptr : &*it;
}

// Entries of a list by their key: (key, entry) in list order.
std::vector<std::pair<std::string, const json*>> Keyed(const json* list, const char* key) {
    std::vector<std::pair<std::string, const json*>> out;
    if (!list || !list->is_array()) return out;
    for (const json& entry : *list)
        if (const json* k = MemberOf(&entry, key); k && k->is_string()) out.emplace_back(k->get<std::string>(), &entry);
    return out;
}

json MergeKeyedList(const json* b, const json* l, const json* r, const char* key, const char* what,
                    std::vector<std::string>& overridden) {
    auto bl = Keyed(b, key), ll = Keyed(l, key), rl = Keyed(r, key);
    auto find = [](const auto& list, const std::string& k) -> const json* {
        for (const auto& [id, entry] : list)
            if (id == k) return entry;
        return nullptr;
    };
    // The server's order, with what only this side has after the entry it follows here.
    std::vector<std::string> order;
    for (const auto& [id, entry] : rl) order.push_back(id);
    std::size_t next = 0;  // where an entry only this side has goes
    for (const auto& [id, entry] : ll) {
        auto at = std::find(order.begin(), order.end(), id);
        if (at == order.end()) at = order.insert(order.begin() + static_cast<std::ptrdiff_t>(next), id);
        next = static_cast<std::size_t>(at - order.begin()) + 1;
    }
    json out = json::array();
    for (const std::string& id : order) {
        bool both = false;
        const json* remote = find(rl, id);
        const json* chosen = Choose(find(bl, id), find(ll, id), remote, both);
        if (both)
            overridden.push_back(std::string(what) + " " + id +
                                 (chosen == remote ? "" : " (removed elsewhere, kept since it was edited here)"));
        if (chosen) out.push_back(*chosen);
    }
    return out;
}

// A list of plain values (transitions): kept when both sides have it, or when one side
// added it; gone when one side removed it.
json MergeSet(const json* b, const json* l, const json* r) {
    auto has = [](const json* list, const json& v) {
        return list && list->is_array() && std::find(list->begin(), list->end(), v) != list->end();
    };
    json out = json::array();
    auto consider = [&](const json& v) {
        if (has(&out, v)) return;
        if ((has(l, v) && has(r, v)) || !has(b, v)) out.push_back(v);
    };
    for (const json* side : {r, l})
        if (side && side->is_array())
            for (const json& v : *side) consider(v);
    return out;
}

}  // namespace

MergedConfig MergeConfig(const json* base, const json& local, const json& remote) {
    struct List {
        const char* name;
        const char* key;
        const char* what;  // one entry, as the user is told
    };
    static const List kLists[] = {{"statuses", "id", "status"},  {"priorities", "id", "priority"},
                                  {"types", "id", "type"},        {"members", "id", "member"},
                                  {"labels", "name", "label"},    {"views", "name", "view"}};
    MergedConfig out{json::object(), {}};
    std::set<std::string> keys;
    for (const json* side : {&local, &remote})
        if (side->is_object())
            for (auto it = side->begin(); it != side->end(); ++it) keys.insert(it.key());
    for (const std::string& key : keys) {
        const json *b = MemberOf(base, key), *l = MemberOf(&local, key), *r = MemberOf(&remote, key);
        const List* list = nullptr;
        for (const List& candidate : kLists)
            if (key == candidate.name) list = &candidate;
        if (list) {
            out.config[key] = MergeKeyedList(b, l, r, list->key, list->what, out.overridden);
        } else if (key == "transitions") {
            out.config[key] = MergeSet(b, l, r);
        } else {
            bool both = false;
            if (const json* chosen = Choose(b, l, r, both)) out.config[key] = *chosen;
            if (both) out.overridden.push_back(key);
        }
    }
    return out;
}

}  // namespace tackboard
