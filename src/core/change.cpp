#include "core/change.hpp"

#include "core/ticket_json.hpp"

namespace tackboard {

using nlohmann::json;

namespace {

// Fields a user may set directly, and how each is checked.
enum class FieldKind { Text, RequiredText, Type, Status, Priority, Labels };
struct EditableField {
    const char* name;
    FieldKind kind;
};
constexpr EditableField kEditable[] = {
    {"title", FieldKind::RequiredText}, {"description", FieldKind::Text}, {"assignee", FieldKind::Text},
    {"requester", FieldKind::Text},     {"type", FieldKind::Type},        {"status", FieldKind::Status},
    {"priority", FieldKind::Priority},  {"labels", FieldKind::Labels},
};

const EditableField* FindEditable(const std::string& name) {
    for (const auto& f : kEditable)
        if (name == f.name) return &f;
    return nullptr;
}

std::string Trim(const std::string& s) {
    auto begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return {};
    auto end = s.find_last_not_of(" \t\r\n");
    return s.substr(begin, end - begin + 1);
}

// Checks one field value; returns the value to store (trimmed text) or an error.
Result<json> CheckField(const BoardConfig& config, const EditableField& field, const json& value,
                        const std::string& path) {
    const std::string where = path + "/" + field.name;
    if (field.kind == FieldKind::Labels) {
        if (!value.is_array()) return Error{"labels must be a list of strings", where};
        json out = json::array();
        for (const auto& label : value) {
            if (!label.is_string()) return Error{"labels must be a list of strings", where};
            auto text = Trim(label.get<std::string>());
            if (!text.empty()) out.push_back(text);
        }
        return out;
    }
    if (!value.is_string()) return Error{std::string("'") + field.name + "' must be text", where};
    auto text = field.kind == FieldKind::Text ? value.get<std::string>() : Trim(value.get<std::string>());
    switch (field.kind) {
        case FieldKind::RequiredText:
            if (text.empty()) return Error{std::string("'") + field.name + "' cannot be empty", where};
            break;
        case FieldKind::Type:
            if (!config.FindType(text)) return Error{"unknown ticket type '" + text + "'", where};
            break;
        case FieldKind::Status:
            if (!config.FindStatus(text)) return Error{"unknown status '" + text + "'", where};
            break;
        case FieldKind::Priority:
            if (!config.FindPriority(text)) return Error{"unknown priority '" + text + "'", where};
            break;
        default:
            break;
    }
    return json(text);
}

// Checks every key of a {field: value} object; returns the cleaned object.
Result<json> CheckFields(const BoardConfig& config, const json& fields, const std::string& path) {
    if (!fields.is_object()) return Error{"expected an object of fields", path};
    json clean = json::object();
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const auto* field = FindEditable(it.key());
        if (!field) return Error{"unknown field '" + it.key() + "'", path + "/" + it.key()};
        auto checked = CheckField(config, *field, it.value(), path);
        if (!checked) return checked.error();
        clean[it.key()] = std::move(checked.value());
    }
    return clean;
}

void SetField(Ticket& t, const std::string& name, const json& value) {
    if (name == "labels") {
        t.labels = value.get<std::vector<std::string>>();
        return;
    }
    const auto& text = value.get_ref<const std::string&>();
    if (name == "title") t.title = text;
    else if (name == "description") t.description = text;
    else if (name == "assignee") t.assignee = text;
    else if (name == "requester") t.requester = text;
    else if (name == "type") t.type = text;
    else if (name == "status") t.status = text;
    else if (name == "priority") t.priority = text;
}

Status ApplyCreate(Board& board, const json& change) {
    auto it = change.find("ticket");
    if (it == change.end()) return Error{"a create change needs a ticket", "/ticket"};
    auto ticket = TicketFromJson(*it, "/ticket");
    if (!ticket) return ticket.error();
    if (board.Find(ticket.value().id)) return Error{"a ticket with id " + ticket.value().id + " already exists", "/ticket/id"};
    // Re-check the user-settable fields against this board's config.
    json editable = TicketToJson(ticket.value());
    for (const auto& f : kEditable) {
        auto checked = CheckField(board.config(), f, editable[f.name], "/ticket");
        if (!checked) return checked.error();
    }
    board.Insert(std::move(ticket.value()));
    return Ok{};
}

Status ApplyUpdate(Board& board, const json& change) {
    auto id = change.find("id");
    if (id == change.end() || !id->is_string()) return Error{"an update change needs a ticket id", "/id"};
    Ticket* ticket = board.FindMutable(id->get<std::string>());
    if (!ticket) return Error{"no ticket with id " + id->get<std::string>(), "/id"};
    auto set = change.find("set");
    if (set == change.end()) return Error{"an update change needs fields to set", "/set"};
    auto clean = CheckFields(board.config(), *set, "/set");
    if (!clean) return clean.error();
    for (auto f = clean.value().begin(); f != clean.value().end(); ++f) SetField(*ticket, f.key(), f.value());
    auto at = change.find("at");
    if (at != change.end() && at->is_number_integer()) ticket->updated = at->get<Millis>();
    board.MarkChanged();
    return Ok{};
}

}  // namespace

Result<json> MakeCreate(const Board& board, const json& fields, const std::string& new_id, Millis now,
                        const Actor& by) {
    const auto& config = board.config();
    json defaults = {{"type", config.default_type},
                     {"status", config.statuses.empty() ? "" : config.statuses.front().id},
                     {"priority", config.default_priority},
                     {"title", ""}};
    if (!fields.is_object()) return Error{"a new ticket must be an object of fields", ""};
    json merged = defaults;
    merged.update(fields);
    auto clean = CheckFields(config, merged, "");
    if (!clean) return clean.error();
    json ticket = clean.value();
    ticket["id"] = new_id;
    ticket["created"] = now;
    ticket["updated"] = now;
    return json{{"op", "create"}, {"at", now}, {"by", by.name}, {"ticket", std::move(ticket)}};
}

Result<json> MakeUpdate(const Board& board, const std::string& id, const json& patch, Millis now, const Actor& by) {
    if (!board.Find(id)) return Error{"no ticket with id " + id, ""};
    auto clean = CheckFields(board.config(), patch, "");
    if (!clean) return clean.error();
    return json{{"op", "update"}, {"at", now}, {"by", by.name}, {"id", id}, {"set", std::move(clean.value())}};
}

Status ApplyChange(Board& board, const json& change) {
    if (!change.is_object()) return Error{"a change must be a JSON object", ""};
    auto op = change.find("op");
    if (op == change.end() || !op->is_string()) return Error{"a change needs an 'op'", "/op"};
    if (*op == "create") return ApplyCreate(board, change);
    if (*op == "update") return ApplyUpdate(board, change);
    return Error{"unknown change '" + op->get<std::string>() + "'", "/op"};
}

}  // namespace tackboard
