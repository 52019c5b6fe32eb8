// sprints.cpp — sprint definitions, planning, closing and burndown (sprints.hpp).
//
// [SECTION] reading and writing the "sprints" member
// [SECTION] finding sprints
// [SECTION] change records
// [SECTION] burndown
#include "core/sprints.hpp"

#include <algorithm>
#include <set>

#include "core/dates.hpp"
#include "core/text_fold.hpp"
#include "core/ticket_json.hpp"
#include "core/utf8.hpp"

namespace tackboard {

using nlohmann::json;

namespace {

std::string Quoted(const std::string& name) { return "\"" + name + "\""; }

Result<std::vector<std::string>> IdList(const json& value, const std::string& where) {
    std::vector<std::string> out;
    if (!value.is_array()) return Error{"must be a list of ticket ids", where};
    for (const json& id : value) {
        if (!id.is_string()) return Error{"must be a list of ticket ids", where};
        out.push_back(id.get<std::string>());
    }
    return out;
}

Result<Millis> ReadDay(const json& object, const char* key, const std::string& path) {
    const std::string where = path + "/" + key;
    auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return Error{std::string("'") + key + "' must be a date like 2026-12-31", where};
    auto day = ParseIsoDate(Trimmed(it->get<std::string>()));
    if (!day) return Error{"'" + it->get<std::string>() + "' is not a date like 2026-12-31", where};
    return *day;
}

Result<Sprint> ReadSprint(const json& v, const std::string& path) {
    if (!v.is_object()) return Error{"a sprint must be an object", path};
    Sprint s;
    auto text = [&](const char* key, std::string& out) -> Status {
        auto it = v.find(key);
        if (it == v.end() || it->is_null()) return Ok{};
        if (!it->is_string()) return Error{std::string("'") + key + "' must be text", path + "/" + key};
        out = it->get<std::string>();
        return Ok{};
    };
    for (auto [key, out] : {std::pair{"id", &s.id}, {"name", &s.name}, {"goal", &s.goal}})
        if (auto read = text(key, *out); !read) return read.error();
    s.name = Trimmed(s.name);
    if (s.id.empty()) return Error{"a sprint needs an id", path + "/id"};
    if (s.name.empty()) return Error{"a sprint needs a name", path + "/name"};
    auto start = ReadDay(v, "start", path);
    if (!start) return start.error();
    auto end = ReadDay(v, "end", path);
    if (!end) return end.error();
    s.start = start.value();
    s.end = end.value();
    if (s.end < s.start)
        return Error{"sprint " + Quoted(s.name) + " ends (" + FormatIsoDate(s.end) + ") before it starts (" +
                         FormatIsoDate(s.start) + ")",
                     path + "/end"};
    if (auto closed = v.find("closed_at"); closed != v.end() && !closed->is_null()) {
        if (!closed->is_number_integer() || closed->get<Millis>() < 0)
            return Error{"'closed_at' must be a time in milliseconds (0: open)", path + "/closed_at"};
        s.closed_at = closed->get<Millis>();
    }
    if (auto report = v.find("report"); report != v.end() && !report->is_null()) {
        const std::string where = path + "/report";
        if (!report->is_object()) return Error{"'report' must be an object", where};
        for (auto [key, out] : {std::pair{"done", &s.report.done}, {"not_done", &s.report.not_done}})
            if (auto ids = report->find(key); ids != report->end()) {
                auto list = IdList(*ids, where + "/" + key);
                if (!list) return list.error();
                *out = std::move(list.value());
            }
        if (auto moved = report->find("moved_to"); moved != report->end() && !moved->is_null()) {
            if (!moved->is_string()) return Error{"'moved_to' must be a sprint id or empty", where + "/moved_to"};
            s.report.moved_to = moved->get<std::string>();
        }
    }
    return s;
}

json SprintToJson(const Sprint& s) {
    json out = {{"id", s.id},
                {"name", s.name},
                {"start", FormatIsoDate(s.start)},
                {"end", FormatIsoDate(s.end)},
                {"goal", s.goal},
                {"closed_at", s.closed_at}};
    if (s.closed())
        out["report"] = {{"done", s.report.done}, {"not_done", s.report.not_done}, {"moved_to", s.report.moved_to}};
    return out;
}

// The whole configuration with `sprints` as its sprint list, as a "config" record.
json ConfigRecord(const Board& board, const std::vector<Sprint>& sprints) {
    json config = ConfigToJson(board.config());
    config[kSprintsKey] = SprintsToJson(sprints);
    return json{{"op", "config"}, {"config", std::move(config)}};
}

// The board's sprints, or why they cannot be edited (a list that does not read).
Result<std::vector<Sprint>> EditableSprints(const Board& board) {
    LoadedSprints loaded = SprintsOf(board.config());
    if (loaded.problem)
        return Error{"the board's sprint list does not read (" + loaded.problem->message + "); fix it first",
                     loaded.problem->path};
    return std::move(loaded.sprints);
}

bool IsDoneStatus(const BoardConfig& config, const std::string& status) {
    const StatusDef* s = config.FindStatus(status);
    return s && s->category == StatusCategory::Done;
}

}  // namespace

// [SECTION] reading and writing the "sprints" member ------------------------------------

bool Sprint::Covers(Millis instant) const { return instant >= start && instant < end + kMillisPerDay; }

LoadedSprints SprintsOf(const BoardConfig& config) {
    LoadedSprints out;
    if (!config.extra.is_object()) return out;
    auto it = config.extra.find(kSprintsKey);
    if (it == config.extra.end() || it->is_null()) return out;
    auto parsed = ParseSprints(*it);
    if (parsed) {
        out.sprints = std::move(parsed.value());
    } else {
        Error e = parsed.error();
        e.path = "/config/" + std::string(kSprintsKey) + e.path;
        out.problem = std::move(e);
    }
    return out;
}

Result<std::vector<Sprint>> ParseSprints(const json& list) {
    if (!list.is_array()) return Error{"sprints must be a list", ""};
    std::vector<Sprint> out;
    std::set<std::string> ids, names;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string path = "/" + std::to_string(i);
        auto sprint = ReadSprint(list[i], path);
        if (!sprint) return sprint.error();
        Sprint& s = sprint.value();
        if (!ids.insert(s.id).second) return Error{"two sprints have the id " + Quoted(s.id), path + "/id"};
        if (!names.insert(FoldText(s.name)).second)
            return Error{"two sprints are called " + Quoted(s.name) + "; give each its own name", path + "/name"};
        out.push_back(std::move(s));
    }
    return out;
}

json SprintsToJson(const std::vector<Sprint>& sprints) {
    json out = json::array();
    for (const Sprint& s : sprints) out.push_back(SprintToJson(s));
    return out;
}

// [SECTION] finding sprints -------------------------------------------------------------

const Sprint* FindSprint(const std::vector<Sprint>& sprints, std::string_view id) {
    for (const Sprint& s : sprints)
        if (s.id == id) return &s;
    return nullptr;
}

const Sprint* FindSprintByName(const std::vector<Sprint>& sprints, std::string_view name) {
    const std::string wanted = FoldText(Trimmed(name));
    for (const Sprint& s : sprints)
        if (FoldText(s.name) == wanted) return &s;
    return nullptr;
}

const Sprint* CurrentSprint(const std::vector<Sprint>& sprints, Millis now) {
    const Sprint* best = nullptr;
    for (const Sprint& s : sprints)
        if (!s.closed() && s.Covers(now) && (!best || s.start < best->start)) best = &s;
    return best;
}

std::vector<const Sprint*> SprintsInOrder(const std::vector<Sprint>& sprints) {
    std::vector<const Sprint*> out;
    for (const Sprint& s : sprints) out.push_back(&s);
    std::stable_sort(out.begin(), out.end(), [](const Sprint* a, const Sprint* b) {
        if (a->closed() != b->closed()) return !a->closed();
        if (a->closed()) return a->closed_at > b->closed_at;
        return a->start < b->start;
    });
    return out;
}

std::string NewSprintId(const std::vector<Sprint>& sprints, Millis now) {
    std::string digits;
    for (unsigned long long n = static_cast<unsigned long long>(std::max<Millis>(now, 0)); n || digits.empty(); n /= 36)
        digits.insert(digits.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[n % 36]);
    std::string id = "sp-" + digits;
    for (int extra = 2; FindSprint(sprints, id); ++extra) id = "sp-" + digits + "-" + std::to_string(extra);
    return id;
}

Status CheckSprintToJoin(const BoardConfig& config, std::string_view sprint_id) {
    if (sprint_id.empty()) return Ok{};
    LoadedSprints loaded = SprintsOf(config);
    if (loaded.problem) return Error{"the board's sprint list does not read: " + loaded.problem->message};
    const Sprint* s = FindSprint(loaded.sprints, sprint_id);
    if (!s) return Error{"there is no sprint with id " + Quoted(std::string(sprint_id))};
    if (s->closed())
        return Error{"sprint " + Quoted(s->name) +
                     " is closed: its tickets are its record now; plan the ticket into an open sprint or the backlog"};
    return Ok{};
}

// [SECTION] change records --------------------------------------------------------------

namespace {

// Checks a draft against the other sprints (`self`: the one being edited, else empty).
Result<Sprint> SprintFromDraft(const std::vector<Sprint>& sprints, const SprintDraft& draft, std::string_view self) {
    Sprint s;
    s.name = Trimmed(draft.name);
    s.goal = Trimmed(draft.goal);
    if (s.name.empty()) return Error{"give the sprint a name", "/name"};
    for (const Sprint& other : sprints)
        if (other.id != self && FoldText(other.name) == FoldText(s.name))
            return Error{"there is already a sprint called " + Quoted(other.name) + "; choose another name", "/name"};
    auto start = ParseIsoDate(Trimmed(draft.start));
    if (!start) return Error{"the start " + Quoted(draft.start) + " is not a date; write it like 2026-12-31", "/start"};
    auto end = ParseIsoDate(Trimmed(draft.end));
    if (!end) return Error{"the end " + Quoted(draft.end) + " is not a date; write it like 2026-12-31", "/end"};
    if (*end < *start)
        return Error{"the sprint ends (" + FormatIsoDate(*end) + ") before it starts (" + FormatIsoDate(*start) + ")",
                     "/end"};
    s.start = *start;
    s.end = *end;
    return s;
}

}  // namespace

Result<json> CreateSprintChange(const Board& board, const SprintDraft& draft, const std::string& new_id) {
    auto sprints = EditableSprints(board);
    if (!sprints) return sprints.error();
    auto made = SprintFromDraft(sprints.value(), draft, {});
    if (!made) return made.error();
    if (new_id.empty() || FindSprint(sprints.value(), new_id)) return Error{"the new sprint's id is taken: " + Quoted(new_id)};
    made.value().id = new_id;
    sprints.value().push_back(std::move(made.value()));
    return ConfigRecord(board, sprints.value());
}

Result<json> EditSprintChange(const Board& board, std::string_view sprint_id, const SprintDraft& draft) {
    auto sprints = EditableSprints(board);
    if (!sprints) return sprints.error();
    auto it = std::find_if(sprints.value().begin(), sprints.value().end(), [&](const Sprint& s) { return s.id == sprint_id; });
    if (it == sprints.value().end()) return Error{"there is no sprint with id " + Quoted(std::string(sprint_id))};
    if (it->closed()) return Error{"sprint " + Quoted(it->name) + " is closed; its dates and goal are kept as they were"};
    auto made = SprintFromDraft(sprints.value(), draft, sprint_id);
    if (!made) return made.error();
    it->name = made.value().name;
    it->goal = made.value().goal;
    it->start = made.value().start;
    it->end = made.value().end;
    return ConfigRecord(board, sprints.value());
}

Result<json> DeleteSprintChange(const Board& board, std::string_view sprint_id) {
    auto sprints = EditableSprints(board);
    if (!sprints) return sprints.error();
    const auto removed = std::erase_if(sprints.value(), [&](const Sprint& s) { return s.id == sprint_id; });
    if (removed == 0) return Error{"there is no sprint with id " + Quoted(std::string(sprint_id))};
    json changes = json::array();
    for (const Ticket& t : board.tickets())
        if (!t.deleted && t.sprint == sprint_id)
            changes.push_back({{"op", "update"}, {"id", t.id}, {"set", {{"sprint", ""}}}});
    changes.push_back(ConfigRecord(board, sprints.value()));
    return json{{"op", "batch"}, {"changes", std::move(changes)}};
}

Result<SprintPlanning> AddToSprintChange(const Board& board, const std::vector<std::string>& ticket_ids,
                                         std::string_view sprint_id) {
    if (auto joinable = CheckSprintToJoin(board.config(), sprint_id); !joinable) return joinable.error();
    SprintPlanning out;
    json changes = json::array();
    std::set<std::string> seen;
    for (const std::string& id : ticket_ids) {
        if (!seen.insert(id).second) continue;
        const Ticket* t = board.Find(id);
        if (!t) return Error{"there is no ticket with id " + id};
        if (t->deleted) return Error{"ticket " + Quoted(t->title) + " is deleted; restore it first"};
        if (t->sprint == sprint_id) {
            ++out.skipped;
            continue;
        }
        changes.push_back({{"op", "update"}, {"id", id}, {"set", {{"sprint", std::string(sprint_id)}}}});
        ++out.added;
    }
    if (!changes.empty()) out.change = json{{"op", "batch"}, {"changes", std::move(changes)}};
    return out;
}

SprintReport TallySprint(const Board& board, std::string_view sprint_id) {
    SprintReport out;
    for (const Ticket& t : board.tickets()) {
        if (t.deleted || t.sprint != sprint_id) continue;
        (IsDoneStatus(board.config(), t.status) ? out.done : out.not_done).push_back(t.id);
    }
    return out;
}

Result<json> CloseSprintChange(const Board& board, std::string_view sprint_id, std::string_view next_id, Millis now) {
    auto sprints = EditableSprints(board);
    if (!sprints) return sprints.error();
    auto it = std::find_if(sprints.value().begin(), sprints.value().end(), [&](const Sprint& s) { return s.id == sprint_id; });
    if (it == sprints.value().end()) return Error{"there is no sprint with id " + Quoted(std::string(sprint_id))};
    if (it->closed()) return Error{"sprint " + Quoted(it->name) + " is already closed"};
    if (next_id == sprint_id) return Error{"the unfinished tickets must go to another sprint or the backlog"};
    if (!next_id.empty())
        if (auto joinable = CheckSprintToJoin(board.config(), next_id); !joinable) return joinable.error();

    SprintReport report = TallySprint(board, sprint_id);
    report.moved_to = std::string(next_id);
    json changes = json::array();
    for (const std::string& id : report.not_done)
        changes.push_back({{"op", "update"}, {"id", id}, {"set", {{"sprint", report.moved_to}}}});
    it->closed_at = now > 0 ? now : 1;  // 0 means open
    it->report = std::move(report);
    changes.push_back(ConfigRecord(board, sprints.value()));
    return json{{"op", "batch"}, {"changes", std::move(changes)}};
}

// [SECTION] burndown --------------------------------------------------------------------

namespace {

// A ticket's value of `field` at `instant`, replayed from its history: the value before
// the first recorded change is that change's old value (or the current one when the field
// never changed).
std::string ValueAt(const Ticket& t, const std::string& field, const std::string& current, Millis instant) {
    std::string value = current;
    bool first = true;
    for (const HistoryEntry& h : t.history) {
        if (h.field != field) continue;
        if (first) {
            value = h.old_value.is_string() ? h.old_value.get<std::string>() : std::string();
            first = false;
        }
        if (h.at > instant) break;
        value = h.new_value.is_string() ? h.new_value.get<std::string>() : std::string();
    }
    return value;
}

}  // namespace

std::vector<BurndownDay> Burndown(const Board& board, const Sprint& sprint, Millis now) {
    std::vector<BurndownDay> days;
    Millis last = std::min(sprint.end, now - (now % kMillisPerDay + kMillisPerDay) % kMillisPerDay);
    if (sprint.closed()) last = std::min(last, sprint.closed_at - (sprint.closed_at % kMillisPerDay));
    if (last < sprint.start) return days;
    // Only tickets that were ever in the sprint can count.
    std::vector<const Ticket*> members;
    for (const Ticket& t : board.tickets()) {
        if (t.deleted) continue;
        bool ever = t.sprint == sprint.id;
        for (const HistoryEntry& h : t.history)
            if (h.field == "sprint" && (h.old_value == sprint.id || h.new_value == sprint.id)) ever = true;
        if (ever) members.push_back(&t);
    }
    for (Millis day = sprint.start; day <= last; day += kMillisPerDay) {
        Millis instant = day + kMillisPerDay - 1;
        if (sprint.closed()) instant = std::min(instant, sprint.closed_at - 1);  // before the close moved them
        instant = std::min(instant, now);
        int remaining = 0;
        for (const Ticket* t : members) {
            if (t->created > instant) continue;
            if (ValueAt(*t, "sprint", t->sprint, instant) != sprint.id) continue;
            if (!IsDoneStatus(board.config(), ValueAt(*t, "status", t->status, instant))) ++remaining;
        }
        days.push_back({day, remaining, 0});
    }
    const double scope = days.front().remaining;
    const double span = static_cast<double>((sprint.end - sprint.start) / kMillisPerDay);
    for (BurndownDay& d : days) {
        const double done_share = span > 0 ? static_cast<double>((d.day - sprint.start) / kMillisPerDay) / span : 1;
        d.ideal = scope * (1 - done_share);
    }
    return days;
}

}  // namespace tackboard
