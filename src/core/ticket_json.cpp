#include "core/ticket_json.hpp"

#include <algorithm>
#include <set>
#include <string_view>

#include "core/config_check.hpp"
#include "core/rank.hpp"

namespace tackboard {

using nlohmann::json;

namespace {

// Reads typed members of one JSON object, remembering the first problem with its path.
// Missing optional members leave the output untouched (the struct's default).
class Reader {
public:
    Reader(const json& object, std::string path) : object_(object), path_(std::move(path)) {}

    bool failed() const { return failed_; }
    const Error& error() const { return error_; }
    const std::string& path() const { return path_; }

    const json* Get(const char* key, bool required) {
        auto it = object_.find(key);
        if (it == object_.end() || it->is_null()) {
            if (required) Fail(key, "is missing");
            return nullptr;
        }
        return &*it;
    }
    void String(const char* key, std::string& out, bool required = false) {
        if (const json* v = Get(key, required)) {
            if (v->is_string()) out = v->get<std::string>();
            else Fail(key, "must be a string");
        }
    }
    void Int(const char* key, std::int64_t& out) {
        if (const json* v = Get(key, false)) {
            if (v->is_number_integer()) out = v->get<std::int64_t>();
            else Fail(key, "must be a whole number");
        }
    }
    void Int(const char* key, int& out) {
        std::int64_t wide = out;
        Int(key, wide);
        out = static_cast<int>(wide);
    }
    void Bool(const char* key, bool& out) {
        if (const json* v = Get(key, false)) {
            if (v->is_boolean()) out = v->get<bool>();
            else Fail(key, "must be true or false");
        }
    }
    void Colour(const char* key, std::uint32_t& out) {
        std::int64_t wide = out;
        Int(key, wide);
        out = static_cast<std::uint32_t>(wide);
    }
    void Strings(const char* key, std::vector<std::string>& out) {
        const json* v = Get(key, false);
        if (!v) return;
        if (!v->is_array()) return Fail(key, "must be a list of strings");
        out.clear();
        for (const auto& item : *v) {
            if (!item.is_string()) return Fail(key, "must be a list of strings");
            out.push_back(item.get<std::string>());
        }
    }
    // A list of objects, each read by `read(element, element_path)`.
    template <class T, class ReadOne>
    void Objects(const char* key, std::vector<T>& out, ReadOne read) {
        const json* v = Get(key, false);
        if (!v) return;
        if (!v->is_array()) return Fail(key, "must be a list");
        out.clear();
        for (std::size_t i = 0; i < v->size() && !failed_; ++i) {
            std::string where = path_ + "/" + key + "/" + std::to_string(i);
            if (!(*v)[i].is_object()) {
                failed_ = true;
                error_ = Error{"must be an object", where};
                return;
            }
            Result<T> one = read((*v)[i], where);
            if (!one) {
                failed_ = true;
                error_ = one.error();
                return;
            }
            out.push_back(std::move(one.value()));
        }
    }
    void Fail(const char* key, const std::string& what) {
        if (failed_) return;
        failed_ = true;
        error_ = Error{std::string("'") + key + "' " + what, path_ + "/" + key};
    }
    void FailHere(const Error& error) {
        if (failed_) return;
        failed_ = true;
        error_ = error;
    }

private:
    const json& object_;
    std::string path_;
    Error error_ = {};
    bool failed_ = false;
};

// Copies the members of `value` whose names are not in `known` (sorted, see IsSorted below).
json Unknown(const json& value, const std::vector<std::string_view>& known) {
    json extra = json::object();
    for (auto it = value.begin(); it != value.end(); ++it)
        if (!std::binary_search(known.begin(), known.end(), std::string_view(it.key()))) extra[it.key()] = it.value();
    return extra;
}

std::vector<std::string_view> Sorted(std::initializer_list<std::string_view> names) {
    std::vector<std::string_view> out(names);
    std::sort(out.begin(), out.end());
    return out;
}

json WithExtra(const json& extra) { return extra.is_object() ? extra : json::object(); }

// --- tickets -------------------------------------------------------------------

json CommentToJson(const Comment& c) {
    return {{"id", c.id}, {"author", c.author}, {"at", c.at}, {"body", c.body}, {"internal", c.internal}};
}

Result<Comment> CommentFromJson(const json& v, const std::string& path) {
    Comment c;
    Reader r(v, path);
    r.String("id", c.id, true);
    r.String("author", c.author);
    r.Int("at", c.at);
    r.String("body", c.body);
    r.Bool("internal", c.internal);
    if (r.failed()) return r.error();
    return c;
}

Result<Link> LinkFromJson(const json& v, const std::string& path) {
    Link link;
    Reader r(v, path);
    std::string kind;
    r.String("kind", kind, true);
    r.String("target", link.target, true);
    if (r.failed()) return r.error();
    if (!ParseLinkKind(kind, link.kind)) return Error{"unknown link kind '" + kind + "'", path + "/kind"};
    return link;
}

Result<HistoryEntry> HistoryFromJson(const json& v, const std::string& path) {
    HistoryEntry h;
    Reader r(v, path);
    r.Int("at", h.at);
    r.String("by", h.by);
    r.String("field", h.field, true);
    r.String("note", h.note);
    if (r.failed()) return r.error();
    h.old_value = v.value("old", json());
    h.new_value = v.value("new", json());
    return h;
}

const std::vector<std::string_view> kTicketFields =
    Sorted({"id", "type", "title", "description", "status", "priority", "assignee", "requester", "labels", "due",
            "fields", "links", "comments", "history", "satisfaction", "created", "updated", "first_response_at",
            "resolved_at", "deleted", "clocks", "rank", "sprint"});

}  // namespace

json HistoryToJson(const HistoryEntry& h) {
    json out = {{"at", h.at}, {"by", h.by}, {"field", h.field}, {"old", h.old_value}, {"new", h.new_value}};
    if (!h.note.empty()) out["note"] = h.note;
    return out;
}

// Members at their default (empty text, 0, false, empty list) are left out: files and
// journal lines stay small, and reading fills the same defaults back in.
json TicketToJson(const Ticket& t) {
    json out = WithExtra(t.extra);
    out["id"] = t.id;
    out["type"] = t.type;
    out["title"] = t.title;
    if (!t.description.empty()) out["description"] = t.description;
    out["status"] = t.status;
    out["priority"] = t.priority;
    if (!t.assignee.empty()) out["assignee"] = t.assignee;
    if (!t.requester.empty()) out["requester"] = t.requester;
    if (!t.labels.empty()) out["labels"] = t.labels;
    if (t.due) out["due"] = t.due;
    if (t.fields.is_object() && !t.fields.empty()) out["fields"] = t.fields;
    if (!t.links.empty()) {
        json& links = out["links"] = json::array();
        for (const auto& l : t.links) links.push_back({{"kind", ToString(l.kind)}, {"target", l.target}});
    }
    if (!t.comments.empty()) {
        json& comments = out["comments"] = json::array();
        for (const auto& c : t.comments) comments.push_back(CommentToJson(c));
    }
    if (!t.history.empty()) {
        json& history = out["history"] = json::array();
        for (const auto& h : t.history) history.push_back(HistoryToJson(h));
    }
    if (t.satisfaction) out["satisfaction"] = t.satisfaction;
    out["created"] = t.created;
    out["updated"] = t.updated;
    if (t.first_response_at) out["first_response_at"] = t.first_response_at;
    if (t.resolved_at) out["resolved_at"] = t.resolved_at;
    if (t.deleted) out["deleted"] = true;
    if (!t.rank.empty()) out["rank"] = t.rank;
    if (!t.sprint.empty()) out["sprint"] = t.sprint;
    if (!t.clocks.empty()) {
        json& clocks = out["clocks"] = json::object();
        for (const auto& [field, stamp] : t.clocks) clocks[field] = stamp.ToString();
    }
    return out;
}

Result<Ticket> TicketFromJson(const json& value, const std::string& path) {
    if (!value.is_object()) return Error{"a ticket must be a JSON object", path};
    Ticket t;
    Reader r(value, path);
    r.String("id", t.id, true);
    r.String("type", t.type, true);
    r.String("title", t.title, true);
    r.String("description", t.description);
    r.String("status", t.status, true);
    r.String("priority", t.priority, true);
    r.String("assignee", t.assignee);
    r.String("requester", t.requester);
    r.Strings("labels", t.labels);
    r.Int("due", t.due);
    if (const json* f = r.Get("fields", false)) {
        if (f->is_object()) t.fields = *f;
        else r.Fail("fields", "must be an object");
    }
    r.Objects("links", t.links, LinkFromJson);
    r.Objects("comments", t.comments, CommentFromJson);
    r.Objects("history", t.history, HistoryFromJson);
    r.Int("satisfaction", t.satisfaction);
    r.Int("created", t.created);
    r.Int("updated", t.updated);
    r.Int("first_response_at", t.first_response_at);
    r.Int("resolved_at", t.resolved_at);
    r.Bool("deleted", t.deleted);
    r.String("rank", t.rank);
    r.String("sprint", t.sprint);  // absent in older files: the backlog
    if (const json* clocks = r.Get("clocks", false)) {
        if (!clocks->is_object()) r.Fail("clocks", "must be an object");
        else
            for (auto it = clocks->begin(); it != clocks->end(); ++it) {
                Hlc stamp;
                if (!it->is_string() || !Hlc::Parse(it->get<std::string>(), stamp)) {
                    r.FailHere(Error{"not a clock stamp", path + "/clocks/" + it.key()});
                    break;
                }
                t.clocks[it.key()] = stamp;
            }
    }
    if (r.failed()) return r.error();
    if (t.satisfaction < 0 || t.satisfaction > 5)
        return Error{"satisfaction must be between 1 and 5 (0: not rated)", path + "/satisfaction"};
    if (!t.rank.empty() && !IsValidRank(t.rank))
        return Error{"rank must be letters and digits, not ending in 0", path + "/rank"};
    t.extra = Unknown(value, kTicketFields);
    return t;
}

// --- configuration -------------------------------------------------------------

json ConfigToJson(const BoardConfig& c) {
    json out = WithExtra(c.extra);
    json statuses = json::array();
    for (const auto& s : c.statuses) {
        statuses.push_back({{"id", s.id}, {"name", s.name}, {"category", ToString(s.category)}, {"wip_limit", s.wip_limit}});
        if (s.colour != 0) statuses.back()["colour"] = s.colour;  // absent: automatic, as older files have it
    }
    out["statuses"] = std::move(statuses);
    json transitions = json::array();
    for (const auto& t : c.transitions) transitions.push_back({{"from", t.from}, {"to", t.to}});
    out["transitions"] = std::move(transitions);
    json priorities = json::array();
    for (const auto& p : c.priorities)
        priorities.push_back({{"id", p.id}, {"name", p.name}, {"colour", p.colour},
                              {"response_minutes", p.response_minutes}, {"resolution_minutes", p.resolution_minutes}});
    out["priorities"] = std::move(priorities);
    json types = json::array();
    for (const auto& t : c.types) {
        json fields = json::array();
        for (const auto& f : t.fields)
            fields.push_back({{"id", f.id}, {"name", f.name}, {"kind", ToString(f.kind)}, {"options", f.options},
                              {"required", f.required}});
        json type = {{"id", t.id}, {"name", t.name}, {"fields", std::move(fields)}};
        if (!t.icon.empty()) type["icon"] = t.icon;  // older versions read configurations without it
        types.push_back(std::move(type));
    }
    out["types"] = std::move(types);
    json labels = json::array();
    for (const auto& l : c.labels) labels.push_back({{"name", l.name}, {"colour", l.colour}});
    out["labels"] = std::move(labels);
    json members = json::array();
    for (const auto& m : c.members)
        members.push_back({{"id", m.id}, {"name", m.name}, {"skills", m.skills}, {"capacity", m.capacity}});
    out["members"] = std::move(members);
    json views = json::array();
    for (const auto& v : c.views) views.push_back({{"name", v.name}, {"query", v.query}});
    out["views"] = std::move(views);
    out["default_type"] = c.default_type;
    out["default_priority"] = c.default_priority;
    return out;
}

Result<BoardConfig> ConfigFromJson(const json& value, const std::string& path) {
    if (!value.is_object()) return Error{"the configuration must be a JSON object", path};
    BoardConfig c;
    Reader r(value, path);
    r.Objects("statuses", c.statuses, [](const json& v, const std::string& p) -> Result<StatusDef> {
        StatusDef s;
        Reader sr(v, p);
        std::string category = "todo";
        sr.String("id", s.id, true);
        sr.String("name", s.name, true);
        sr.String("category", category);
        sr.Int("wip_limit", s.wip_limit);
        sr.Colour("colour", s.colour);
        if (sr.failed()) return sr.error();
        if (!ParseStatusCategory(category, s.category))
            return Error{"category must be todo, active, waiting or done", p + "/category"};
        return s;
    });
    r.Objects("transitions", c.transitions, [](const json& v, const std::string& p) -> Result<TransitionDef> {
        TransitionDef t;
        Reader tr(v, p);
        tr.String("from", t.from, true);
        tr.String("to", t.to, true);
        if (tr.failed()) return tr.error();
        return t;
    });
    r.Objects("priorities", c.priorities, [](const json& v, const std::string& p) -> Result<PriorityDef> {
        PriorityDef d;
        Reader pr(v, p);
        pr.String("id", d.id, true);
        pr.String("name", d.name, true);
        pr.Colour("colour", d.colour);
        pr.Int("response_minutes", d.response_minutes);
        pr.Int("resolution_minutes", d.resolution_minutes);
        if (pr.failed()) return pr.error();
        return d;
    });
    r.Objects("types", c.types, [](const json& v, const std::string& p) -> Result<TicketTypeDef> {
        TicketTypeDef t;
        Reader tr(v, p);
        tr.String("id", t.id, true);
        tr.String("name", t.name, true);
        tr.String("icon", t.icon);
        tr.Objects("fields", t.fields, [](const json& fv, const std::string& fp) -> Result<FieldDef> {
            FieldDef f;
            Reader fr(fv, fp);
            std::string kind = "text";
            fr.String("id", f.id, true);
            fr.String("name", f.name, true);
            fr.String("kind", kind);
            fr.Strings("options", f.options);
            fr.Bool("required", f.required);
            if (fr.failed()) return fr.error();
            if (!ParseFieldKind(kind, f.kind)) return Error{"unknown field kind '" + kind + "'", fp + "/kind"};
            return f;
        });
        if (tr.failed()) return tr.error();
        return t;
    });
    r.Objects("labels", c.labels, [](const json& v, const std::string& p) -> Result<LabelDef> {
        LabelDef l;
        Reader lr(v, p);
        lr.String("name", l.name, true);
        lr.Colour("colour", l.colour);
        if (lr.failed()) return lr.error();
        return l;
    });
    r.Objects("members", c.members, [](const json& v, const std::string& p) -> Result<MemberDef> {
        MemberDef m;
        Reader mr(v, p);
        mr.String("id", m.id, true);
        mr.String("name", m.name, true);
        mr.Strings("skills", m.skills);
        mr.Int("capacity", m.capacity);
        if (mr.failed()) return mr.error();
        return m;
    });
    r.Objects("views", c.views, [](const json& v, const std::string& p) -> Result<SavedView> {
        SavedView s;
        Reader vr(v, p);
        vr.String("name", s.name, true);
        vr.String("query", s.query, true);
        if (vr.failed()) return vr.error();
        return s;
    });
    r.String("default_type", c.default_type, true);
    r.String("default_priority", c.default_priority, true);
    if (r.failed()) return r.error();
    static const auto kConfigFields = Sorted({"statuses", "transitions", "priorities", "types", "labels", "members",
                                              "views", "default_type", "default_priority"});
    c.extra = Unknown(value, kConfigFields);
    if (auto checked = CheckConfig(c); !checked) return Error{checked.error().message, path + checked.error().path};
    return c;
}

// --- whole boards -------------------------------------------------------------

namespace {
// Everything of a board file but its tickets (an empty list).
json BoardShellToJson(const Board& board) {
    json out = WithExtra(board.extra());
    out["format"] = "tackboard";
    out["version"] = kSchemaVersion;
    out["config"] = ConfigToJson(board.config());
    if (!board.config_history().empty()) {
        json& history = out["config_history"] = json::array();
        for (const auto& h : board.config_history()) history.push_back(HistoryToJson(h));
    }
    out["tickets"] = json::array();
    return out;
}
}  // namespace

json BoardToJson(const Board& board) {
    json out = BoardShellToJson(board);
    json& tickets = out["tickets"];
    for (const auto& t : board.tickets()) tickets.push_back(TicketToJson(t));
    return out;
}

namespace {

// Everything but the tickets: format, version (with migration), configuration, extras.
Result<Board> BoardShellFromJson(const json& value) {
    if (!value.is_object()) return Error{"a Tackboard file must be a JSON object", ""};
    if (value.value("format", "") != "tackboard")
        return Error{"this is not a Tackboard file ('format' is not \"tackboard\")", "/format"};
    auto version = value.find("version");
    if (version == value.end() || !version->is_number_integer()) return Error{"'version' must be a number", "/version"};
    int v = version->get<int>();
    if (v < 1) return Error{"unknown version " + std::to_string(v), "/version"};
    if (v > kSchemaVersion)
        return Error{"this file was written by a newer Tackboard (version " + std::to_string(v) +
                         "); update Tackboard to open it", "/version"};
    auto tickets = value.find("tickets");
    if (tickets == value.end() || !tickets->is_array()) return Error{"'tickets' must be a list", "/tickets"};

    // Version 1 had no configuration: it used what is now the default one.
    BoardConfig config = DefaultConfig();
    if (v >= 2) {
        auto c = value.find("config");
        if (c == value.end()) return Error{"'config' is missing", "/config"};
        auto parsed = ConfigFromJson(*c, "/config");
        if (!parsed) return parsed.error();
        config = std::move(parsed.value());
    }
    Board board(std::move(config));
    Reader r(value, "");
    std::vector<HistoryEntry> config_history;
    r.Objects("config_history", config_history, HistoryFromJson);
    if (r.failed()) return r.error();
    for (auto& h : config_history) board.RecordConfigChange(std::move(h));
    static const auto kBoardFields = Sorted({"format", "version", "config", "config_history", "tickets"});
    board.SetExtra(Unknown(value, kBoardFields));
    return board;
}

Status AddTicket(Board& board, Ticket ticket, const std::string& where) {
    // Deleted tickets may keep a status the configuration has since dropped (config
    // changes only check live tickets), so they are not held to it here either.
    if (!ticket.deleted)
        if (auto fits = CheckTicketAgainstConfig(ticket, board.config(), where); !fits) return fits.error();
    if (board.Find(ticket.id)) return Error{"ticket id " + ticket.id + " appears twice", where + "/id"};
    board.Insert(std::move(ticket));
    return Ok{};
}

// Collects the position and wording of the first syntax error (the DOM parser without
// exceptions only says that parsing failed).
struct SyntaxErrorFinder : nlohmann::json_sax<json> {
    std::string message;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception&) override {
        message = "not valid JSON near byte " + std::to_string(position) + " (at '" + last_token.substr(0, 20) + "')";
        return false;
    }
};

}  // namespace

Error DescribeJsonSyntaxError(std::string_view text) {
    SyntaxErrorFinder finder;
    json::sax_parse(text.begin(), text.end(), &finder, nlohmann::detail::input_format_t::json, true, false);
    return Error{finder.message.empty() ? "not valid JSON" : finder.message, ""};
}

std::string BoardToJsonText(const Board& board) {
    // The same document as BoardToJson(...).dump(), written ticket by ticket so the
    // whole board never exists as one JSON tree.
    std::string head = BoardShellToJson(board).dump(-1, ' ', false, json::error_handler_t::replace);
    const std::string empty_list = "\"tickets\":[]";
    std::size_t at = head.find(empty_list);
    std::string out = head.substr(0, at + empty_list.size() - 1);
    out.reserve(board.tickets().size() * 900);
    bool first = true;
    for (const auto& t : board.tickets()) {
        if (!first) out += ',';
        first = false;
        out += TicketToJson(t).dump(-1, ' ', false, json::error_handler_t::replace);
    }
    out += head.substr(at + empty_list.size() - 1);
    return out;
}

Result<Board> BoardFromJson(const json& value) {
    auto board = BoardShellFromJson(value);
    if (!board) return board;
    const json& tickets = value["tickets"];
    board.value().Reserve(tickets.size());
    for (std::size_t i = 0; i < tickets.size(); ++i) {
        std::string where = "/tickets/" + std::to_string(i);
        auto ticket = TicketFromJson(tickets[i], where);
        if (!ticket) return ticket.error();
        if (auto added = AddTicket(board.value(), std::move(ticket.value()), where); !added) return added.error();
    }
    return board;
}

Result<Board> BoardFromJsonText(std::string_view text) {
    // Each ticket is converted as soon as the parser completes it and then dropped from
    // the document, so a large board never exists twice in memory as a JSON tree.
    std::vector<Ticket> tickets;
    Error ticket_error;
    bool ticket_failed = false;
    bool in_tickets = false;
    auto on_event = [&](int depth, json::parse_event_t event, json& parsed) -> bool {
        if (depth == 1 && event == json::parse_event_t::key) in_tickets = parsed == "tickets";
        if (depth == 2 && in_tickets && event == json::parse_event_t::object_end && !ticket_failed) {
            auto ticket = TicketFromJson(parsed, "/tickets/" + std::to_string(tickets.size()));
            if (ticket) tickets.push_back(std::move(ticket.value()));
            else ticket_failed = true, ticket_error = ticket.error();
            return false;
        }
        return true;
    };
    json root = json::parse(text.begin(), text.end(), on_event, /*allow_exceptions=*/false);
    if (root.is_discarded()) return DescribeJsonSyntaxError(text);
    if (ticket_failed) return ticket_error;
    auto board = BoardShellFromJson(root);
    if (!board) return board;
    board.value().Reserve(tickets.size());
    for (std::size_t i = 0; i < tickets.size(); ++i)
        if (auto added = AddTicket(board.value(), std::move(tickets[i]), "/tickets/" + std::to_string(i)); !added)
            return added.error();
    return board;
}

}  // namespace tackboard
