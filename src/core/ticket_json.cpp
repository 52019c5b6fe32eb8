#include "core/ticket_json.hpp"

namespace tackboard {

using nlohmann::json;

namespace {

// Field names written by this version; anything else goes to Ticket::extra.
const char* const kKnownFields[] = {"id",       "type",      "title",  "description", "status", "priority",
                                    "assignee", "requester", "labels", "created",     "updated"};

bool IsKnownField(const std::string& key) {
    for (const char* k : kKnownFields)
        if (key == k) return true;
    return false;
}

struct Reader {
    const json& object;
    const std::string& path;
    Error error = {};
    bool failed = false;

    void String(const char* key, std::string& out, bool required) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) {
            if (required) Fail(key, "is missing");
            return;
        }
        if (!it->is_string()) return Fail(key, "must be a string");
        out = it->get<std::string>();
    }
    void Time(const char* key, Millis& out) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) return;
        if (!it->is_number_integer()) return Fail(key, "must be a time in milliseconds");
        out = it->get<Millis>();
    }
    void Strings(const char* key, std::vector<std::string>& out) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) return;
        if (!it->is_array()) return Fail(key, "must be a list of strings");
        for (const auto& v : *it) {
            if (!v.is_string()) return Fail(key, "must be a list of strings");
            out.push_back(v.get<std::string>());
        }
    }
    void Fail(const char* key, const char* what) {
        if (failed) return;
        failed = true;
        error = Error{std::string("'") + key + "' " + what, path + "/" + key};
    }
};

}  // namespace

json TicketToJson(const Ticket& t) {
    json out = t.extra.is_object() ? t.extra : json::object();
    out["id"] = t.id;
    out["type"] = t.type;
    out["title"] = t.title;
    out["description"] = t.description;
    out["status"] = t.status;
    out["priority"] = t.priority;
    out["assignee"] = t.assignee;
    out["requester"] = t.requester;
    out["labels"] = t.labels;
    out["created"] = t.created;
    out["updated"] = t.updated;
    return out;
}

Result<Ticket> TicketFromJson(const json& value, const std::string& path) {
    if (!value.is_object()) return Error{"a ticket must be a JSON object", path};
    Ticket t;
    Reader r{value, path};
    r.String("id", t.id, true);
    r.String("type", t.type, true);
    r.String("title", t.title, true);
    r.String("description", t.description, false);
    r.String("status", t.status, true);
    r.String("priority", t.priority, true);
    r.String("assignee", t.assignee, false);
    r.String("requester", t.requester, false);
    r.Strings("labels", t.labels);
    r.Time("created", t.created);
    r.Time("updated", t.updated);
    if (r.failed) return r.error;
    for (auto it = value.begin(); it != value.end(); ++it)
        if (!IsKnownField(it.key())) t.extra[it.key()] = it.value();
    return t;
}

json BoardToJson(const Board& board) {
    json tickets = json::array();
    for (const auto& t : board.tickets()) tickets.push_back(TicketToJson(t));
    return json{{"format", "tackboard"}, {"version", kSchemaVersion}, {"tickets", std::move(tickets)}};
}

}  // namespace tackboard
