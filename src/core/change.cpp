#include "core/change.hpp"

#include <algorithm>
#include <deque>
#include <set>

#include "core/config_check.hpp"
#include "core/rank.hpp"
#include "core/sprints.hpp"
#include "core/ticket_json.hpp"
#include "core/utf8.hpp"

namespace tackboard {

using nlohmann::json;

namespace {

// --- what every record carries ------------------------------------------------

struct Meta {
    Millis at = 0;
    std::string by;
    Hlc hlc;
    bool undo = false;
    std::string note;
};

Result<Meta> ReadMeta(const json& change) {
    Meta m;
    if (auto at = change.find("at"); at != change.end()) {
        if (!at->is_number_integer()) return Error{"'at' must be a time in milliseconds", "/at"};
        m.at = at->get<Millis>();
    }
    if (auto by = change.find("by"); by != change.end() && by->is_string()) m.by = by->get<std::string>();
    if (auto hlc = change.find("hlc"); hlc != change.end()) {
        if (!hlc->is_string() || !Hlc::Parse(hlc->get<std::string>(), m.hlc)) return Error{"'hlc' is not a clock stamp", "/hlc"};
    }
    if (auto undo = change.find("undo"); undo != change.end() && undo->is_boolean()) m.undo = undo->get<bool>();
    if (auto note = change.find("note"); note != change.end() && note->is_string()) m.note = ToValidUtf8(note->get<std::string>());
    return m;
}

json Inverse(const char* op, const Meta& m, json body) {
    body["op"] = op;
    body["undo"] = true;
    (void)m;
    return body;
}

std::string Trim(const std::string& s) {
    auto begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return {};
    auto end = s.find_last_not_of(" \t\r\n");
    return s.substr(begin, end - begin + 1);
}

Result<Ticket*> FindTicket(Board& board, const json& change, bool allow_deleted) {
    auto id = change.find("id");
    if (id == change.end() || !id->is_string()) return Error{"the change needs a ticket id", "/id"};
    Ticket* t = board.FindMutable(id->get<std::string>());
    if (!t) return Error{"no ticket with id " + id->get<std::string>(), "/id"};
    if (t->deleted && !allow_deleted) return Error{"ticket " + t->id + " is deleted; restore it first", "/id"};
    return t;
}

void Record(Ticket& t, const Meta& m, const std::string& field, json old_value, json new_value,
            const std::string& note = {}) {
    t.history.push_back(HistoryEntry{m.at, m.by, field, std::move(old_value), std::move(new_value),
                                     note.empty() ? m.note : note});
    if (!m.hlc.empty()) t.clocks[field] = m.hlc;
    if (m.at > t.updated) t.updated = m.at;
}

// --- field values -------------------------------------------------------------

const char* const kPlainFields[] = {"title",  "description", "type", "status",       "priority", "assignee",
                                    "requester", "labels",   "due",  "satisfaction", "sprint"};
// Not settable by users: only restored by undo records.
const char* const kUndoOnlyFields[] = {"resolved_at", "first_response_at"};

bool IsOneOf(const std::string& name, const auto& list) {
    return std::any_of(std::begin(list), std::end(list), [&](const char* f) { return name == f; });
}

json GetField(const Ticket& t, const std::string& name) {
    if (name == "title") return t.title;
    if (name == "description") return t.description;
    if (name == "type") return t.type;
    if (name == "status") return t.status;
    if (name == "priority") return t.priority;
    if (name == "assignee") return t.assignee;
    if (name == "requester") return t.requester;
    if (name == "labels") return t.labels;
    if (name == "due") return t.due;
    if (name == "satisfaction") return t.satisfaction;
    if (name == "resolved_at") return t.resolved_at;
    if (name == "first_response_at") return t.first_response_at;
    if (name == "rank") return t.rank;
    if (name == "sprint") return t.sprint;
    if (name.rfind("fields.", 0) == 0) {
        auto it = t.fields.find(name.substr(7));
        return it == t.fields.end() ? json() : *it;
    }
    return json();
}

void SetField(Ticket& t, const std::string& name, const json& v) {
    if (name == "title") t.title = v.get<std::string>();
    else if (name == "description") t.description = v.get<std::string>();
    else if (name == "type") t.type = v.get<std::string>();
    else if (name == "status") t.status = v.get<std::string>();
    else if (name == "priority") t.priority = v.get<std::string>();
    else if (name == "assignee") t.assignee = v.get<std::string>();
    else if (name == "requester") t.requester = v.get<std::string>();
    else if (name == "labels") t.labels = v.get<std::vector<std::string>>();
    else if (name == "due") t.due = v.get<Millis>();
    else if (name == "satisfaction") t.satisfaction = v.get<int>();
    else if (name == "resolved_at") t.resolved_at = v.get<Millis>();
    else if (name == "first_response_at") t.first_response_at = v.get<Millis>();
    else if (name == "rank") t.rank = v.get<std::string>();
    else if (name == "sprint") t.sprint = v.get<std::string>();
    else if (name.rfind("fields.", 0) == 0) {
        if (v.is_null()) t.fields.erase(name.substr(7));
        else t.fields[name.substr(7)] = v;
    }
}

bool IsEmptyValue(const json& v) {
    return v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) || (v.is_array() && v.empty());
}

Result<json> CheckText(const json& v, const std::string& name, const std::string& where, bool trim) {
    if (!v.is_string()) return Error{"'" + name + "' must be text", where};
    std::string text = ToValidUtf8(v.get_ref<const std::string&>());
    if (trim) text = Trim(text);
    if (text.size() > kMaxTextBytes) return Error{"'" + name + "' is longer than 1 MiB", where};
    return json(std::move(text));
}

Result<json> CheckCustomField(const FieldDef& f, const json& v, const BoardConfig& config, const std::string& where) {
    if (v.is_null()) return v;  // clearing; required-ness is checked by the caller
    auto bad = [&](const std::string& what) { return Error{"'" + f.name + "' " + what, where}; };
    switch (f.kind) {
        case FieldKind::Text:
        case FieldKind::LongText:
            return CheckText(v, f.name, where, f.kind == FieldKind::Text);
        case FieldKind::Number:
            if (!v.is_number()) return bad("must be a number");
            return v;
        case FieldKind::Checkbox:
            if (!v.is_boolean()) return bad("must be true or false");
            return v;
        case FieldKind::Date:
            if (!v.is_number_integer() || v.get<Millis>() < 0) return bad("must be a date (milliseconds)");
            return v;
        case FieldKind::Select:
            if (!v.is_string()) return bad("must be one of its options");
            if (v.get_ref<const std::string&>().empty()) return json();
            if (std::find(f.options.begin(), f.options.end(), v.get<std::string>()) == f.options.end())
                return bad("has no option '" + v.get<std::string>() + "'");
            return v;
        case FieldKind::MultiSelect: {
            if (!v.is_array()) return bad("must be a list of its options");
            for (const auto& item : v)
                if (!item.is_string() ||
                    std::find(f.options.begin(), f.options.end(), item.get<std::string>()) == f.options.end())
                    return bad("has no option " + item.dump());
            return v;
        }
        case FieldKind::Member:
            if (!v.is_string()) return bad("must be a member");
            if (!v.get_ref<const std::string&>().empty() && !config.members.empty() &&
                !config.FindMember(v.get<std::string>()))
                return bad("refers to an unknown member '" + v.get<std::string>() + "'");
            return v;
    }
    return v;
}

const FieldDef* FindFieldDef(const TicketTypeDef* type, const std::string& id) {
    if (!type) return nullptr;
    for (const auto& f : type->fields)
        if (f.id == id) return &f;
    return nullptr;
}

// Checks one settable field; `type_id` is the ticket's type after the change.
Result<json> CheckField(const BoardConfig& config, const std::string& type_id, const std::string& name,
                        const json& v, bool undo, const std::string& path) {
    const std::string where = path + "/" + name;
    if (name == "title") {
        auto text = CheckText(v, name, where, true);
        if (!text) return text;
        const auto& s = text.value().get_ref<const std::string&>();
        if (s.empty()) return Error{"'title' cannot be empty", where};
        if (CountCodePoints(s) > kMaxTitleChars)
            return Error{"'title' is longer than " + std::to_string(kMaxTitleChars) + " characters", where};
        return text;
    }
    if (name == "description") return CheckText(v, name, where, false);
    if (name == "requester") return CheckText(v, name, where, true);
    if (name == "assignee") {
        auto text = CheckText(v.is_null() ? json("") : v, name, where, true);
        if (!text) return text;
        const auto& s = text.value().get_ref<const std::string&>();
        if (!s.empty() && !config.members.empty() && !config.FindMember(s))
            return Error{"unknown member '" + s + "'", where};
        return text;
    }
    if (name == "type" || name == "status" || name == "priority") {
        if (!v.is_string()) return Error{"'" + name + "' must be text", where};
        std::string id = Trim(v.get<std::string>());
        bool known = name == "type" ? config.FindType(id) != nullptr
                     : name == "status" ? config.FindStatus(id) != nullptr
                                        : config.FindPriority(id) != nullptr;
        if (!known) return Error{"unknown " + std::string(name == "type" ? "ticket type" : name) + " '" + id + "'", where};
        return json(id);
    }
    if (name == "labels") {
        if (!v.is_array()) return Error{"labels must be a list of strings", where};
        json out = json::array();
        std::set<std::string> seen;
        for (const auto& label : v) {
            if (!label.is_string()) return Error{"labels must be a list of strings", where};
            std::string text = Trim(ToValidUtf8(label.get<std::string>()));
            if (!text.empty() && seen.insert(text).second) out.push_back(text);
        }
        return out;
    }
    if (name == "due") {
        if (v.is_null()) return json(0);
        if (!v.is_number_integer() || v.get<Millis>() < 0) return Error{"'due' must be a date in milliseconds", where};
        return v;
    }
    if (name == "rank") {  // "" puts the card back in the newest-first order
        if (!v.is_string() || (!v.get_ref<const std::string&>().empty() && !IsValidRank(v.get_ref<const std::string&>())))
            return Error{"'rank' must be letters and digits, not ending in 0 (see core/rank.hpp)", where};
        return v;
    }
    if (name == "sprint") {  // core/sprints.hpp; an undo may put a ticket back into a closed sprint
        if (!v.is_string()) return Error{"'sprint' must be a sprint id (empty: the backlog)", where};
        std::string id = Trim(v.get<std::string>());
        if (!undo)
            if (auto joinable = CheckSprintToJoin(config, id); !joinable) return Error{joinable.error().message, where};
        return json(id);
    }
    if (name == "satisfaction") {
        if (!v.is_number_integer() || v.get<int>() < 0 || v.get<int>() > 5)
            return Error{"'satisfaction' must be a score from 1 to 5 (0: not rated)", where};
        return v;
    }
    if (IsOneOf(name, kUndoOnlyFields)) {
        if (!undo) return Error{"'" + name + "' is set by Tackboard, not directly", where};
        if (!v.is_number_integer()) return Error{"'" + name + "' must be a time", where};
        return v;
    }
    if (name.rfind("fields.", 0) == 0) {
        std::string id = name.substr(7);
        const FieldDef* def = FindFieldDef(config.FindType(type_id), id);
        if (!def) {
            // Values of fields the type no longer has are kept, and may be restored or cleared.
            if (undo || v.is_null()) return v;
            const TicketTypeDef* type = config.FindType(type_id);
            return Error{"the type " + (type ? type->name : type_id) + " has no field '" + id + "'", where};
        }
        // An undo puts back what the field held, also after its kind or options changed
        // (settings_edit.hpp converts values; undoing that restores the originals).
        if (undo) return v;
        return CheckCustomField(*def, v, config, where);
    }
    return Error{"unknown field '" + name + "'", where};
}

Error MissingError(const TicketTypeDef& type, const std::vector<std::string>& missing, const std::string& path) {
    std::string names;
    for (const auto& n : missing) names += (names.empty() ? "" : ", ") + n;
    bool vowel = !type.name.empty() && std::string("AEIOUaeiou").find(type.name[0]) != std::string::npos;
    return Error{(vowel ? "an " : "a ") + type.name + " needs: " + names, path};
}

bool IsDone(const BoardConfig& config, const std::string& status) {
    const StatusDef* s = config.FindStatus(status);
    return s && s->category == StatusCategory::Done;
}

// --- operations ---------------------------------------------------------------

Result<Applied> ApplyCreate(Board& board, const json& change, const Meta& m) {
    auto it = change.find("ticket");
    if (it == change.end()) return Error{"a create change needs a ticket", "/ticket"};
    auto parsed = TicketFromJson(*it, "/ticket");
    if (!parsed) return parsed.error();
    Ticket ticket = std::move(parsed.value());
    if (ticket.id.empty()) return Error{"a ticket needs an id", "/ticket/id"};
    if (board.Find(ticket.id)) return Error{"a ticket with id " + ticket.id + " already exists", "/ticket/id"};
    if (!ticket.links.empty() || !ticket.comments.empty())
        return Error{"links and comments are added after the ticket exists", "/ticket"};
    const BoardConfig& config = board.config();
    if (auto fits = CheckTicketAgainstConfig(ticket, config, "/ticket"); !fits) return fits.error();
    for (const char* name : kPlainFields) {
        auto checked = CheckField(config, ticket.type, name, GetField(ticket, name), false, "/ticket");
        if (!checked) return checked.error();
        SetField(ticket, name, checked.value());
    }
    for (auto f = ticket.fields.begin(); f != ticket.fields.end(); ++f) {
        auto checked = CheckField(config, ticket.type, "fields." + f.key(), f.value(), false, "/ticket");
        if (!checked) return checked.error();
        f.value() = checked.value();
    }
    const TicketTypeDef& type = *config.FindType(ticket.type);
    if (auto missing = MissingRequired(type, ticket.fields); !missing.empty())
        return MissingError(type, missing, "/ticket/fields");

    ticket.history.clear();
    ticket.created = ticket.created ? ticket.created : m.at;
    ticket.updated = ticket.created;
    ticket.resolved_at = IsDone(config, ticket.status) ? ticket.created : 0;
    ticket.deleted = false;
    Record(ticket, m, "created", nullptr, ticket.title);
    if (!m.hlc.empty())
        for (const char* name : kPlainFields) ticket.clocks[name] = m.hlc;
    std::string id = ticket.id;
    board.Insert(std::move(ticket));
    return Applied{Inverse("delete", m, {{"id", id}}), {id}};
}

Result<Applied> ApplyUpdate(Board& board, const json& change, const Meta& m) {
    auto found = FindTicket(board, change, m.undo);
    if (!found) return found.error();
    Ticket& t = *found.value();
    auto set = change.find("set");
    if (set == change.end() || !set->is_object() || set->empty())
        return Error{"an update needs an object of fields to set", "/set"};
    const BoardConfig& config = board.config();

    std::string type_id = t.type;
    if (auto type = set->find("type"); type != set->end() && type->is_string()) type_id = Trim(type->get<std::string>());
    json clean = json::object();
    for (auto f = set->begin(); f != set->end(); ++f) {
        auto checked = CheckField(config, type_id, f.key(), f.value(), m.undo, "/set");
        if (!checked) return checked.error();
        clean[f.key()] = std::move(checked.value());
    }

    // Required custom fields: cannot be cleared, and a new type brings its own.
    if (!m.undo) {
        json fields_after = t.fields;
        for (auto f = clean.begin(); f != clean.end(); ++f)
            if (f.key().rfind("fields.", 0) == 0) fields_after[f.key().substr(7)] = f.value();
        const TicketTypeDef& type = *config.FindType(type_id);
        auto missing = MissingRequired(type, fields_after);
        bool type_changed = type_id != t.type;
        std::vector<std::string> blocking;
        for (const auto& name : missing) {
            bool cleared_now = false;
            for (const auto& f : type.fields)
                if (f.name == name && clean.contains("fields." + f.id)) cleared_now = true;
            if (type_changed || cleared_now) blocking.push_back(name);
        }
        if (!blocking.empty()) return MissingError(type, blocking, "/set");
    }

    // Workflow: the move must be allowed; entering or leaving "done" stamps resolved_at.
    if (auto status = clean.find("status"); status != clean.end() && *status != t.status) {
        const std::string& to = status->get_ref<const std::string&>();
        if (!m.undo && !config.TransitionAllowed(t.status, to))
            return Error{"moving from '" + config.FindStatus(t.status)->name + "' to '" + config.FindStatus(to)->name +
                             "' is not allowed by this board's workflow", "/set/status"};
        if (!clean.contains("resolved_at")) {
            bool was_done = IsDone(config, t.status), done = IsDone(config, to);
            if (!was_done && done) clean["resolved_at"] = m.at;
            if (was_done && !done) clean["resolved_at"] = 0;
        }
    }

    json inverse_set = json::object();
    for (auto f = clean.begin(); f != clean.end(); ++f) {
        json old_value = GetField(t, f.key());
        if (old_value == f.value()) continue;
        inverse_set[f.key()] = old_value;
        SetField(t, f.key(), f.value());
        std::string note;
        if (f.key() == "status" && IsDone(config, old_value.get<std::string>()) && !IsDone(config, t.status))
            note = m.note.empty() ? "reopened" : "reopened: " + m.note;
        // resolved_at follows the status; a rank is where the card sits, not a fact of the
        // ticket: both keep a clock for merges but no history entry of their own.
        if (f.key() != "resolved_at" && f.key() != "rank") Record(t, m, f.key(), old_value, f.value(), note);
        else if (!m.hlc.empty()) t.clocks[f.key()] = m.hlc;
    }
    if (inverse_set.empty()) return Applied{nullptr, {}};
    board.MarkTicketChanged(t.id);
    return Applied{Inverse("update", m, {{"id", t.id}, {"set", std::move(inverse_set)}}), {t.id}};
}

Result<Applied> ApplyReopen(Board& board, const json& change, const Meta& m) {
    auto found = FindTicket(board, change, false);
    if (!found) return found.error();
    Ticket& t = *found.value();
    const BoardConfig& config = board.config();
    if (!IsDone(config, t.status)) return Error{"only a resolved or closed ticket can be reopened", "/id"};
    auto reason = change.find("reason");
    std::string why = reason != change.end() && reason->is_string() ? Trim(ToValidUtf8(reason->get<std::string>())) : "";
    if (why.empty()) return Error{"say why the ticket is reopened", "/reason"};
    std::string target;
    if (auto status = change.find("status"); status != change.end() && status->is_string()) target = status->get<std::string>();
    else
        for (const auto& s : config.statuses)
            if (s.category != StatusCategory::Done && config.TransitionAllowed(t.status, s.id)) {
                target = s.id;
                break;
            }
    if (IsDone(config, target) || !config.FindStatus(target))
        return Error{"reopen to a status that is not done", "/status"};
    json update = {{"op", "update"}, {"id", t.id}, {"set", {{"status", target}}}, {"note", why}};
    Meta with_reason = m;
    with_reason.note = why;
    return ApplyUpdate(board, update, with_reason);
}

Result<Applied> ApplyComment(Board& board, const json& change, const Meta& m) {
    auto found = FindTicket(board, change, m.undo);
    if (!found) return found.error();
    Ticket& t = *found.value();
    auto c = change.find("comment");
    if (c == change.end() || !c->is_object()) return Error{"a comment change needs a comment", "/comment"};
    Comment comment;
    comment.id = c->value("id", "");
    comment.author = ToValidUtf8(c->value("author", m.by));
    comment.at = c->contains("at") && (*c)["at"].is_number_integer() ? (*c)["at"].get<Millis>() : m.at;
    auto body = CheckText(c->value("body", json()), "comment", "/comment/body", false);
    if (!body) return body.error();
    comment.body = body.value().get<std::string>();
    comment.internal = c->value("internal", false);
    if (comment.id.empty()) return Error{"a comment needs an id", "/comment/id"};
    if (Trim(comment.body).empty()) return Error{"a comment cannot be empty", "/comment/body"};
    for (const auto& existing : t.comments)
        if (existing.id == comment.id) return Error{"comment " + comment.id + " already exists", "/comment/id"};

    json inverse = {{"id", t.id}, {"comment_id", comment.id}};
    // The first public answer from someone other than the requester is the first response.
    if (!comment.internal && t.first_response_at == 0 && comment.author != t.requester) {
        inverse["first_response_at"] = 0;
        t.first_response_at = comment.at;
    }
    Record(t, m, "comment", nullptr, json{{"id", comment.id}, {"internal", comment.internal}});
    t.comments.push_back(std::move(comment));
    return Applied{Inverse("uncomment", m, std::move(inverse)), {t.id}};
}

Result<Applied> ApplyUncomment(Board& board, const json& change, const Meta& m) {
    auto found = FindTicket(board, change, m.undo);
    if (!found) return found.error();
    Ticket& t = *found.value();
    std::string comment_id = change.value("comment_id", "");
    auto it = std::find_if(t.comments.begin(), t.comments.end(), [&](const Comment& c) { return c.id == comment_id; });
    if (it == t.comments.end()) return Error{"no comment " + comment_id + " on ticket " + t.id, "/comment_id"};
    json removed = {{"id", it->id}, {"author", it->author}, {"at", it->at}, {"body", it->body}, {"internal", it->internal}};
    json inverse = {{"id", t.id}, {"comment", removed}};
    if (auto restore = change.find("first_response_at"); m.undo && restore != change.end() && restore->is_number_integer())
        t.first_response_at = restore->get<Millis>();
    Record(t, m, "comment", json{{"id", comment_id}}, nullptr);
    t.comments.erase(it);
    return Applied{Inverse("comment", m, std::move(inverse)), {t.id}};
}

// Does `from` reach `to` by following links of `kind`?
bool Reaches(const Board& board, const std::string& from, const std::string& to, LinkKind kind) {
    std::set<std::string> seen{from};
    std::deque<std::string> queue{from};
    while (!queue.empty()) {
        const Ticket* t = board.Find(queue.front());
        queue.pop_front();
        if (!t) continue;
        for (const auto& link : t->links) {
            if (link.kind != kind) continue;
            if (link.target == to) return true;
            if (seen.insert(link.target).second) queue.push_back(link.target);
        }
    }
    return false;
}

struct LinkRequest {
    Ticket* source;
    Ticket* target;
    LinkKind kind;
};

Result<LinkRequest> ReadLink(Board& board, const json& change, const Meta& m) {
    auto found = FindTicket(board, change, m.undo);
    if (!found) return found.error();
    std::string kind_text = change.value("kind", "");
    LinkKind kind;
    if (!ParseLinkKind(kind_text, kind))
        return Error{"unknown link kind '" + kind_text + "' (expected duplicate_of, duplicated_by, relates_to, blocks or blocked_by)", "/kind"};
    std::string target_id = change.value("target", "");
    Ticket* target = board.FindMutable(target_id);
    if (!target) return Error{"no ticket with id " + target_id + " to link to", "/target"};
    if (target == found.value()) return Error{"a ticket cannot be linked to itself", "/target"};
    return LinkRequest{found.value(), target, kind};
}

Result<Applied> ApplyLink(Board& board, const json& change, const Meta& m) {
    auto request = ReadLink(board, change, m);
    if (!request) return request.error();
    auto [source, target, kind] = request.value();
    if (target->deleted) return Error{"ticket " + target->id + " is deleted", "/target"};
    Link forward{kind, target->id};
    if (std::find(source->links.begin(), source->links.end(), forward) != source->links.end())
        return Error{"these tickets are already linked this way", "/target"};
    // "A blocks B" with "B blocks ... A" already there would be a cycle; same for duplicates.
    auto [edge, from, to] = kind == LinkKind::Blocks       ? std::tuple{LinkKind::Blocks, target, source}
                            : kind == LinkKind::BlockedBy  ? std::tuple{LinkKind::Blocks, source, target}
                            : kind == LinkKind::DuplicateOf ? std::tuple{LinkKind::DuplicateOf, target, source}
                            : kind == LinkKind::DuplicatedBy ? std::tuple{LinkKind::DuplicateOf, source, target}
                                                             : std::tuple{LinkKind::RelatesTo, source, source};
    if (edge != LinkKind::RelatesTo && Reaches(board, from->id, to->id, edge))
        return Error{"this link would make a circle (" + std::string(ToString(kind)) + ")", "/target"};
    source->links.push_back(forward);
    target->links.push_back(Link{Reverse(kind), source->id});
    Record(*source, m, "link", nullptr, std::string(ToString(kind)) + " " + target->id);
    Record(*target, m, "link", nullptr, std::string(ToString(Reverse(kind))) + " " + source->id);
    return Applied{Inverse("unlink", m, {{"id", source->id}, {"kind", ToString(kind)}, {"target", target->id}}),
                   {source->id, target->id}};
}

Result<Applied> ApplyUnlink(Board& board, const json& change, const Meta& m) {
    auto request = ReadLink(board, change, m);
    if (!request) return request.error();
    auto [source, target, kind] = request.value();
    Link forward{kind, target->id}, backward{Reverse(kind), source->id};
    auto it = std::find(source->links.begin(), source->links.end(), forward);
    if (it == source->links.end()) return Error{"these tickets are not linked this way", "/target"};
    source->links.erase(it);
    if (auto back = std::find(target->links.begin(), target->links.end(), backward); back != target->links.end())
        target->links.erase(back);
    Record(*source, m, "link", std::string(ToString(kind)) + " " + target->id, nullptr);
    Record(*target, m, "link", std::string(ToString(Reverse(kind))) + " " + source->id, nullptr);
    return Applied{Inverse("link", m, {{"id", source->id}, {"kind", ToString(kind)}, {"target", target->id}}),
                   {source->id, target->id}};
}

Result<Applied> ApplyDeleted(Board& board, const json& change, const Meta& m, bool deleted) {
    auto found = FindTicket(board, change, true);
    if (!found) return found.error();
    Ticket& t = *found.value();
    if (t.deleted == deleted) return Error{deleted ? "the ticket is already deleted" : "the ticket is not deleted", "/id"};
    // Deleting a status, type or priority moves only live tickets; a deleted one that used
    // it would come back as a ticket no column shows and no configuration edit accepts.
    if (!deleted)
        if (auto fits = CheckTicketAgainstConfig(t, board.config(), ""); !fits)
            return Error{"ticket " + t.id + " cannot be restored: " + fits.error().message + "; add it back to the board first",
                         "/id"};
    t.deleted = deleted;
    Record(t, m, "deleted", !deleted, deleted);
    board.MarkTicketChanged(t.id);
    return Applied{Inverse(deleted ? "restore" : "delete", m, {{"id", t.id}}), {t.id}};
}

Result<Applied> ApplyConfig(Board& board, const json& change, const Meta& m) {
    auto c = change.find("config");
    if (c == change.end()) return Error{"a config change needs a configuration", "/config"};
    auto parsed = ConfigFromJson(*c, "/config");
    if (!parsed) return parsed.error();
    // Every live ticket must still fit: a status, type or priority in use cannot vanish.
    std::size_t misfits = 0;
    Error first;
    for (const auto& t : board.tickets()) {
        if (t.deleted) continue;
        if (auto fits = CheckTicketAgainstConfig(t, parsed.value(), ""); !fits) {
            if (misfits++ == 0) first = fits.error();
        }
    }
    if (misfits)
        return Error{std::to_string(misfits) + " ticket" + (misfits == 1 ? " uses " : "s use ") +
                         "what this configuration removes (first: " + first.message + "); move them first",
                     "/config"};
    json old_config = ConfigToJson(board.config());
    json new_config = ConfigToJson(parsed.value());
    // Board-level history names the parts of the configuration that changed.
    std::vector<std::string> parts;
    for (auto it = new_config.begin(); it != new_config.end(); ++it)
        if (!old_config.contains(it.key()) || old_config[it.key()] != it.value()) parts.push_back(it.key());
    for (auto it = old_config.begin(); it != old_config.end(); ++it)
        if (!new_config.contains(it.key())) parts.push_back(it.key());
    if (parts.empty()) return Applied{nullptr, {}};
    board.ReplaceConfig(std::move(parsed.value()));
    board.RecordConfigChange(HistoryEntry{m.at, m.by, "config", json(parts), nullptr, m.undo ? "undo" : m.note});
    return Applied{Inverse("config", m, {{"config", std::move(old_config)}}), {}};
}

// Sub-changes share the batch's stamps unless they carry their own.
json WithBatchMeta(const json& sub, const json& batch) {
    json out = sub;
    if (!out.is_object()) return out;
    for (const char* key : {"at", "by", "hlc", "undo"})
        if (!out.contains(key) && batch.contains(key)) out[key] = batch[key];
    return out;
}

// All or nothing: the first refused sub-change undoes the ones before it.
Result<Applied> ApplyBatch(Board& board, const json& change, const Meta& m) {
    auto list = change.find("changes");
    if (list == change.end() || !list->is_array() || list->empty())
        return Error{"a batch needs a list of changes", "/changes"};
    json inverses = json::array();
    std::vector<std::string> touched;
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto applied = ApplyChange(board, WithBatchMeta((*list)[i], change));
        if (!applied) {
            for (auto it = inverses.rbegin(); it != inverses.rend(); ++it)
                (void)ApplyChange(board, WithBatchMeta(*it, change));
            const Error& e = applied.error();
            return Error{e.message, "/changes/" + std::to_string(i) + e.path};
        }
        if (!applied.value().inverse.is_null()) inverses.push_back(std::move(applied.value().inverse));
        for (auto& id : applied.value().touched) touched.push_back(std::move(id));
    }
    if (inverses.empty()) return Applied{nullptr, std::move(touched)};
    std::reverse(inverses.begin(), inverses.end());
    return Applied{Inverse("batch", m, {{"changes", std::move(inverses)}}), std::move(touched)};
}

// Checks one imported ticket against the configuration it will live under.
Status CheckImported(const Ticket& t, const BoardConfig& config, const std::string& path) {
    if (t.id.empty()) return Error{"a ticket needs an id", path + "/id"};
    if (auto fits = CheckTicketAgainstConfig(t, config, path); !fits) return fits.error();
    for (const char* name : {"title", "description", "requester", "labels"}) {
        auto checked = CheckField(config, t.type, name, GetField(t, name), true, path);
        if (!checked) return checked.error();
    }
    for (const auto& c : t.comments)
        if (c.body.size() > kMaxTextBytes) return Error{"a comment is longer than 1 MiB", path + "/comments"};
    return Ok{};
}

// Tickets arriving whole (from a Tackboard file or another tool, see io/import.hpp):
// their history, comments, links and clocks are kept as they are. Everything is checked
// before anything changes, so an import is applied completely or not at all.
Result<Applied> ApplyImport(Board& board, const json& change, const Meta& m) {
    auto list = change.find("tickets");
    if (list == change.end() || !list->is_array()) return Error{"an import needs a list of tickets", "/tickets"};
    BoardConfig config = board.config();
    json old_config;
    if (auto c = change.find("config"); c != change.end()) {
        auto parsed = ConfigFromJson(*c, "/config");
        if (!parsed) return parsed.error();
        config = std::move(parsed.value());
        for (const auto& t : board.tickets())
            if (!t.deleted)
                if (auto fits = CheckTicketAgainstConfig(t, config, ""); !fits)
                    return Error{"the imported configuration does not fit ticket " + t.id + ": " + fits.error().message,
                                 "/config"};
        old_config = ConfigToJson(board.config());
    }
    std::vector<Ticket> tickets;
    tickets.reserve(list->size());
    std::unordered_map<std::string, std::size_t> ids;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string path = "/tickets/" + std::to_string(i);
        auto parsed = TicketFromJson((*list)[i], path);
        if (!parsed) return parsed.error();
        Ticket& t = parsed.value();
        if (auto fits = CheckImported(t, config, path); !fits) return fits.error();
        if (board.Find(t.id)) return Error{"a ticket with id " + t.id + " already exists", path + "/id"};
        if (!ids.emplace(t.id, i).second) return Error{"the id " + t.id + " appears twice", path + "/id"};
        if (!t.created) t.created = m.at;
        if (t.updated < t.created) t.updated = t.created;
        if (!t.resolved_at && IsDone(config, t.status)) t.resolved_at = t.updated;
        if (t.clocks.empty() && !m.hlc.empty())
            for (const char* name : kPlainFields) t.clocks[name] = m.hlc;
        tickets.push_back(std::move(t));
    }
    // Links stay two-sided only when both ends arrive together.
    for (std::size_t i = 0; i < tickets.size(); ++i)
        for (const auto& link : tickets[i].links)
            if (!ids.count(link.target))
                return Error{"links to " + link.target + ", which is not in the import",
                             "/tickets/" + std::to_string(i) + "/links"};

    if (!old_config.is_null()) board.ReplaceConfig(std::move(config));
    json inverses = json::array();
    std::vector<std::string> touched;
    touched.reserve(tickets.size());
    board.Reserve(board.tickets().size() + tickets.size());
    for (auto& t : tickets) {
        touched.push_back(t.id);
        if (!t.deleted) inverses.push_back(Inverse("delete", m, {{"id", t.id}}));
        board.Insert(std::move(t));
    }
    std::string source = change.value("source", std::string("a file"));
    board.RecordConfigChange(HistoryEntry{m.at, m.by, "import", json(touched.size()), nullptr,
                                          m.note.empty() ? "imported from " + source : m.note});
    if (!old_config.is_null()) inverses.push_back(Inverse("config", m, {{"config", std::move(old_config)}}));
    if (inverses.empty()) return Applied{nullptr, std::move(touched)};
    return Applied{Inverse("batch", m, {{"changes", std::move(inverses)}}), std::move(touched)};
}

// A conflict kept by a sync merge (sync/merge.hpp) settled in the editor: "use" puts the
// kept value back (an ordinary update, with its history), otherwise the kept value is
// dismissed. Either way the entry leaves the list; "unresolve" (the inverse) puts it back.
json* ConflictList(Ticket& t) {
    auto it = t.extra.find("conflicts");
    return it == t.extra.end() || !it->is_array() ? nullptr : &*it;
}

Result<Applied> ApplyResolve(Board& board, const json& change, const Meta& m) {
    auto found = FindTicket(board, change, m.undo);
    if (!found) return found.error();
    Ticket& t = *found.value();
    auto conflict = change.find("conflict");
    if (conflict == change.end() || !conflict->is_object()) return Error{"say which conflict to resolve", "/conflict"};
    json* list = ConflictList(t);
    auto entry = list ? std::find(list->begin(), list->end(), *conflict) : json::iterator();
    if (!list || entry == list->end()) return Error{"ticket " + t.id + " has no such conflict (resolved already?)", "/conflict"};
    json inverses = json::array();
    if (change.value("use", false)) {
        json update = {{"op", "update"}, {"id", t.id}, {"set", {{conflict->value("field", ""), conflict->value("value", json())}}}};
        auto applied = ApplyUpdate(board, update, m);
        if (!applied) return applied.error();
        if (!applied.value().inverse.is_null()) inverses.push_back(std::move(applied.value().inverse));
        list = ConflictList(t);
        entry = std::find(list->begin(), list->end(), *conflict);
    }
    list->erase(entry);
    if (list->empty()) t.extra.erase("conflicts");
    Record(t, m, "conflicts", *conflict, nullptr, change.value("use", false) ? "kept value used" : "kept value dismissed");
    inverses.insert(inverses.begin(), Inverse("unresolve", m, {{"id", t.id}, {"conflict", *conflict}}));
    return Applied{Inverse("batch", m, {{"changes", std::move(inverses)}}), {t.id}};
}

Result<Applied> ApplyUnresolve(Board& board, const json& change, const Meta& m) {
    auto found = FindTicket(board, change, true);
    if (!found) return found.error();
    Ticket& t = *found.value();
    auto conflict = change.find("conflict");
    if (conflict == change.end() || !conflict->is_object()) return Error{"say which conflict to restore", "/conflict"};
    if (!ConflictList(t)) t.extra["conflicts"] = json::array();
    ConflictList(t)->push_back(*conflict);
    Record(t, m, "conflicts", nullptr, *conflict);
    return Applied{Inverse("resolve", m, {{"id", t.id}, {"conflict", *conflict}}), {t.id}};
}

// Tickets from the sync server, already merged with the local versions by the sync
// engine (sync/merge.hpp): each replaces the local ticket whole, or is added. Checked
// like imported tickets, except that links may point at tickets still on their way.
Result<Applied> ApplySync(Board& board, const json& change, const Meta& m) {
    auto list = change.find("tickets");
    if (list == change.end() || !list->is_array()) return Error{"a sync change needs a list of tickets", "/tickets"};
    std::vector<Ticket> tickets;
    tickets.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string path = "/tickets/" + std::to_string(i);
        auto parsed = TicketFromJson((*list)[i], path);
        if (!parsed) return parsed.error();
        if (auto fits = CheckImported(parsed.value(), board.config(), path); !fits) return fits.error();
        tickets.push_back(std::move(parsed.value()));
    }
    json old_versions = json::array();
    json inverses = json::array();
    std::vector<std::string> touched;
    for (auto& t : tickets) {
        touched.push_back(t.id);
        if (Ticket* existing = board.FindMutable(t.id)) {
            old_versions.push_back(TicketToJson(*existing));
            *existing = std::move(t);
        } else {
            inverses.push_back(Inverse("delete", m, {{"id", t.id}}));
            board.Insert(std::move(t));
        }
    }
    board.MarkChanged();
    if (!old_versions.empty()) inverses.push_back(Inverse("sync", m, {{"tickets", std::move(old_versions)}}));
    if (inverses.empty()) return Applied{nullptr, std::move(touched)};
    return Applied{Inverse("batch", m, {{"changes", std::move(inverses)}}), std::move(touched)};
}

}  // namespace

Result<Applied> ApplyChange(Board& board, const json& change) {
    if (!change.is_object()) return Error{"a change must be a JSON object", ""};
    auto op = change.find("op");
    if (op == change.end() || !op->is_string()) return Error{"a change needs an 'op'", "/op"};
    auto meta = ReadMeta(change);
    if (!meta) return meta.error();
    const Meta& m = meta.value();
    const std::string& name = op->get_ref<const std::string&>();
    if (name == "create") return ApplyCreate(board, change, m);
    if (name == "update") return ApplyUpdate(board, change, m);
    if (name == "reopen") return ApplyReopen(board, change, m);
    if (name == "comment") return ApplyComment(board, change, m);
    if (name == "uncomment") return ApplyUncomment(board, change, m);
    if (name == "link") return ApplyLink(board, change, m);
    if (name == "unlink") return ApplyUnlink(board, change, m);
    if (name == "delete") return ApplyDeleted(board, change, m, true);
    if (name == "restore") return ApplyDeleted(board, change, m, false);
    if (name == "config") return ApplyConfig(board, change, m);
    if (name == "batch") return ApplyBatch(board, change, m);
    if (name == "import") return ApplyImport(board, change, m);
    if (name == "sync") return ApplySync(board, change, m);
    if (name == "resolve") return ApplyResolve(board, change, m);
    if (name == "unresolve") return ApplyUnresolve(board, change, m);
    return Error{"unknown change '" + name + "'", "/op"};
}

Result<json> MakeCreate(const Board& board, const json& fields, const std::string& new_id, Millis now,
                        const Actor& by) {
    const auto& config = board.config();
    if (!fields.is_object()) return Error{"a new ticket must be an object of fields", ""};
    json ticket = {{"type", config.default_type},
                   {"status", config.statuses.front().id},
                   {"priority", config.default_priority},
                   {"title", ""},
                   {"fields", json::object()}};
    for (auto f = fields.begin(); f != fields.end(); ++f) {
        const std::string& key = f.key();
        if (key.rfind("fields.", 0) == 0) ticket["fields"][key.substr(7)] = f.value();
        else if (key == "fields" && f->is_object()) ticket["fields"].update(*f);
        else if (IsOneOf(key, kPlainFields)) ticket[key] = f.value();
        else return Error{"unknown field '" + key + "'", "/" + key};
    }
    // Type-check the values a user gave before TicketFromJson, to name the field plainly.
    for (const char* name : kPlainFields)
        if (ticket.contains(name)) {
            auto checked = CheckField(config, ticket["type"].is_string() ? ticket["type"].get<std::string>() : "",
                                      name, ticket[name], false, "");
            if (!checked) return checked.error();
            ticket[name] = checked.value();
        }
    ticket["id"] = new_id;
    ticket["created"] = now;
    ticket["updated"] = now;
    return json{{"op", "create"}, {"at", now}, {"by", by.name}, {"ticket", std::move(ticket)}};
}

std::vector<std::string> MissingRequired(const TicketTypeDef& type, const json& values) {
    std::vector<std::string> missing;
    for (const auto& f : type.fields) {
        if (!f.required) continue;
        auto it = values.find(f.id);
        if (it == values.end() || IsEmptyValue(*it)) missing.push_back(f.name);
    }
    return missing;
}

}  // namespace tackboard
