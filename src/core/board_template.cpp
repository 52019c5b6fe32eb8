// board_template.cpp — board templates: files, built-ins, preview and apply (board_template.hpp).
#include "core/board_template.hpp"

#include <algorithm>
#include <map>

#include "core/config_check.hpp"
#include "core/helpdesk_settings.hpp"
#include "core/settings_edit.hpp"
#include "core/ticket_json.hpp"

namespace tackboard {

namespace {

using nlohmann::json;

bool IsHelpdeskKey(const std::string& key) {
    for (const char* k : kTemplateHelpdeskKeys)
        if (key == k) return true;
    return false;
}

// The helpdesk sections of `extra`, nothing else of it.
json HelpdeskPart(const json& extra) {
    json out = json::object();
    if (!extra.is_object()) return out;
    for (auto it = extra.begin(); it != extra.end(); ++it)
        if (IsHelpdeskKey(it.key())) out[it.key()] = it.value();
    return out;
}

// A field kind this version does not know, named before the configuration is read (which
// would say less): "/config/types/1/fields/2/kind".
Status CheckFieldKinds(const json& config) {
    auto types = config.find("types");
    if (types == config.end() || !types->is_array()) return Ok{};
    for (std::size_t i = 0; i < types->size(); ++i) {
        const json& type = (*types)[i];
        if (!type.is_object()) continue;
        auto fields = type.find("fields");
        if (fields == type.end() || !fields->is_array()) continue;
        for (std::size_t j = 0; j < fields->size(); ++j) {
            const json& field = (*fields)[j];
            if (!field.is_object()) continue;
            auto kind = field.find("kind");
            if (kind == field.end()) continue;
            FieldKind parsed;
            const std::string text = kind->is_string() ? kind->get<std::string>() : kind->dump();
            if (!kind->is_string() || !ParseFieldKind(text, parsed))
                return Error{"the field \"" + field.value("name", field.value("id", std::string("?"))) + "\" of the type \"" +
                                 type.value("name", type.value("id", std::string("?"))) + "\" is of a kind this version does not know: \"" +
                                 text + "\"",
                             "/config/types/" + std::to_string(i) + "/fields/" + std::to_string(j) + "/kind"};
        }
    }
    return Ok{};
}

const char* kBuiltIns[] = {
    R"json({"format": "tackboard-template", "version": 1, "name": "IT support desk",
 "description": "Requests and incidents from colleagues: triage, work, wait for the requester, resolve. Response and resolution targets in office hours.",
 "config": {
  "statuses": [
   {"id": "new", "name": "New", "category": "todo"},
   {"id": "triage", "name": "Triage", "category": "todo"},
   {"id": "in_progress", "name": "In progress", "category": "active", "wip_limit": 10},
   {"id": "waiting", "name": "Waiting on requester", "category": "waiting"},
   {"id": "resolved", "name": "Resolved", "category": "done"},
   {"id": "closed", "name": "Closed", "category": "done"}],
  "transitions": [
   {"from": "new", "to": "triage"}, {"from": "new", "to": "in_progress"}, {"from": "triage", "to": "in_progress"},
   {"from": "triage", "to": "closed"}, {"from": "in_progress", "to": "waiting"}, {"from": "waiting", "to": "in_progress"},
   {"from": "in_progress", "to": "resolved"}, {"from": "waiting", "to": "resolved"}, {"from": "resolved", "to": "closed"},
   {"from": "resolved", "to": "in_progress"}],
  "priorities": [
   {"id": "urgent", "name": "Urgent", "colour": 4282072032, "response_minutes": 30, "resolution_minutes": 240},
   {"id": "high", "name": "High", "colour": 4280978672, "response_minutes": 120, "resolution_minutes": 1440},
   {"id": "normal", "name": "Normal", "colour": 4291862592, "response_minutes": 480, "resolution_minutes": 4320},
   {"id": "low", "name": "Low", "colour": 4287664272, "response_minutes": 1440, "resolution_minutes": 14400}],
  "types": [
   {"id": "support", "name": "Support request", "icon": "life_ring", "fields": [
     {"id": "category", "name": "Category", "kind": "select", "options": ["Access", "Hardware", "Software", "Network", "Other"]},
     {"id": "device", "name": "Device or asset tag", "kind": "text"}]},
   {"id": "incident", "name": "Incident", "icon": "bolt", "fields": [
     {"id": "impact", "name": "Impact", "kind": "select", "options": ["One person", "One team", "Everyone"], "required": true},
     {"id": "started", "name": "Started at", "kind": "date"},
     {"id": "services", "name": "Affected services", "kind": "multi_select", "options": ["Email", "VPN", "Website", "Phones", "Files"]}]},
   {"id": "access", "name": "Access request", "icon": "user", "fields": [
     {"id": "system", "name": "System", "kind": "text", "required": true},
     {"id": "manager_ok", "name": "Approved by manager", "kind": "checkbox"}]},
   {"id": "change", "name": "Change request", "icon": "exchange", "fields": [
     {"id": "planned_for", "name": "Planned for", "kind": "date", "required": true},
     {"id": "risk", "name": "Risk", "kind": "select", "options": ["Low", "Medium", "High"], "required": true},
     {"id": "rollback", "name": "Rollback plan", "kind": "long_text"}]}],
  "labels": [{"name": "hardware", "colour": 4287523055}, {"name": "network", "colour": 4291404327},
             {"name": "access", "colour": 4281185146}, {"name": "vip", "colour": 4282072032}],
  "default_type": "support",
  "default_priority": "normal",
  "sla": {"calendar": {"time_zone": "Europe/Stockholm", "working_days": ["mon", "tue", "wed", "thu", "fri"],
                       "hours": ["08:00-17:00"]},
          "policies": [{"priority": "urgent", "type": "incident", "response_minutes": 15, "resolution_minutes": 120}],
          "warn_percent": 80},
  "routing": {"mode": "least_loaded"},
  "triage": {"rules": [{"keywords": ["outage", "down", "not working"], "set_priority": "urgent", "set_type": "incident"},
                       {"keywords": ["password", "login", "account"], "set_type": "access", "add_labels": ["access"]}]}
 }})json",
    R"json({"format": "tackboard-template", "version": 1, "name": "Software bugs & features",
 "description": "A product team's tracker: bugs and feature requests from report to release, with severity and the version they were found in.",
 "config": {
  "statuses": [
   {"id": "backlog", "name": "Backlog", "category": "todo"},
   {"id": "ready", "name": "Ready", "category": "todo"},
   {"id": "in_progress", "name": "In progress", "category": "active", "wip_limit": 6},
   {"id": "review", "name": "In review", "category": "active", "wip_limit": 4},
   {"id": "blocked", "name": "Blocked", "category": "waiting"},
   {"id": "released", "name": "Released", "category": "done"},
   {"id": "wont_do", "name": "Won't do", "category": "done"}],
  "transitions": [],
  "priorities": [
   {"id": "critical", "name": "Critical", "colour": 4282072032, "response_minutes": 60, "resolution_minutes": 1440},
   {"id": "high", "name": "High", "colour": 4280978672, "response_minutes": 480, "resolution_minutes": 7200},
   {"id": "normal", "name": "Normal", "colour": 4291862592, "response_minutes": 1440, "resolution_minutes": 0},
   {"id": "low", "name": "Low", "colour": 4287664272, "response_minutes": 0, "resolution_minutes": 0}],
  "types": [
   {"id": "bug", "name": "Bug", "icon": "bug", "fields": [
     {"id": "steps", "name": "Steps to reproduce", "kind": "long_text", "required": true},
     {"id": "severity", "name": "Severity", "kind": "select", "options": ["Minor", "Major", "Critical"], "required": true},
     {"id": "version", "name": "Found in version", "kind": "text"},
     {"id": "platforms", "name": "Platforms", "kind": "multi_select", "options": ["Web", "Windows", "macOS", "Linux", "Android", "iOS"]}]},
   {"id": "feature", "name": "Feature request", "icon": "lightbulb", "fields": [
     {"id": "use_case", "name": "Use case", "kind": "long_text", "required": true},
     {"id": "value", "name": "Business value", "kind": "select", "options": ["Low", "Medium", "High"]},
     {"id": "estimate", "name": "Estimate (days)", "kind": "number"}]},
   {"id": "task", "name": "Task", "icon": "wrench", "fields": [
     {"id": "estimate", "name": "Estimate (days)", "kind": "number"}]},
   {"id": "question", "name": "Question", "icon": "question", "fields": []}],
  "labels": [{"name": "frontend", "colour": 4283215696}, {"name": "backend", "colour": 4287523055},
             {"name": "regression", "colour": 4282072032}, {"name": "docs", "colour": 4281185146}],
  "default_type": "bug",
  "default_priority": "normal",
  "sla": {"calendar": {"time_zone": "UTC", "working_days": ["mon", "tue", "wed", "thu", "fri"], "hours": ["09:00-17:00"]},
          "policies": [{"priority": "critical", "type": "bug", "response_minutes": 30, "resolution_minutes": 480}],
          "warn_percent": 75},
  "routing": {"mode": "round_robin"},
  "triage": {"rules": [{"keywords": ["crash", "error", "broken", "regression"], "set_type": "bug"},
                       {"keywords": ["would be nice", "please add", "feature"], "set_type": "feature", "set_priority": "low"}]}
 }})json",
    R"json({"format": "tackboard-template", "version": 1, "name": "HR / facilities requests",
 "description": "Requests from staff to HR and the office team: onboarding, equipment, rooms and repairs, with approvals and office-hours targets.",
 "config": {
  "statuses": [
   {"id": "submitted", "name": "Submitted", "category": "todo"},
   {"id": "approval", "name": "Awaiting approval", "category": "waiting"},
   {"id": "in_progress", "name": "In progress", "category": "active"},
   {"id": "scheduled", "name": "Scheduled", "category": "waiting"},
   {"id": "done", "name": "Done", "category": "done"},
   {"id": "declined", "name": "Declined", "category": "done"}],
  "transitions": [
   {"from": "submitted", "to": "approval"}, {"from": "submitted", "to": "in_progress"}, {"from": "submitted", "to": "declined"},
   {"from": "approval", "to": "in_progress"}, {"from": "approval", "to": "declined"}, {"from": "in_progress", "to": "scheduled"},
   {"from": "scheduled", "to": "in_progress"}, {"from": "in_progress", "to": "done"}, {"from": "scheduled", "to": "done"},
   {"from": "done", "to": "in_progress"}],
  "priorities": [
   {"id": "urgent", "name": "Urgent", "colour": 4282072032, "response_minutes": 120, "resolution_minutes": 1440},
   {"id": "normal", "name": "Normal", "colour": 4291862592, "response_minutes": 960, "resolution_minutes": 7200},
   {"id": "low", "name": "Low", "colour": 4287664272, "response_minutes": 2880, "resolution_minutes": 19200}],
  "types": [
   {"id": "onboarding", "name": "Onboarding", "icon": "user", "fields": [
     {"id": "employee", "name": "New employee", "kind": "text", "required": true},
     {"id": "start_date", "name": "Start date", "kind": "date", "required": true},
     {"id": "needs", "name": "Needs", "kind": "multi_select", "options": ["Laptop", "Phone", "Badge", "Desk", "Accounts"]}]},
   {"id": "facilities", "name": "Facilities issue", "icon": "building", "fields": [
     {"id": "location", "name": "Location", "kind": "text", "required": true},
     {"id": "issue", "name": "Kind of issue", "kind": "select", "options": ["Heating or cooling", "Lighting", "Cleaning", "Repair", "Other"]}]},
   {"id": "equipment", "name": "Equipment request", "icon": "box", "fields": [
     {"id": "item", "name": "Item", "kind": "text", "required": true},
     {"id": "quantity", "name": "Quantity", "kind": "number"},
     {"id": "cost_centre", "name": "Cost centre", "kind": "text"}]},
   {"id": "hr_question", "name": "HR question", "icon": "question", "fields": [
     {"id": "topic", "name": "Topic", "kind": "select", "options": ["Pay", "Leave", "Benefits", "Policy", "Other"]},
     {"id": "confidential", "name": "Confidential", "kind": "checkbox"}]}],
  "labels": [{"name": "office", "colour": 4291404327}, {"name": "remote", "colour": 4283215696},
             {"name": "confidential", "colour": 4282072032}],
  "default_type": "facilities",
  "default_priority": "normal",
  "sla": {"calendar": {"time_zone": "Europe/Stockholm", "working_days": ["mon", "tue", "wed", "thu", "fri"],
                       "hours": ["09:00-12:00", "13:00-16:00"]},
          "warn_percent": 80},
  "routing": {"mode": "least_loaded"}
 }})json",
};

// The configuration tickets move under while a template is applied: every status, type
// and priority of both (the template's version where both have one), every move allowed,
// no field required. The template's final configuration then replaces it.
BoardConfig Passage(const BoardConfig& old, const BoardConfig& next) {
    BoardConfig c = next;
    c.transitions.clear();
    for (const StatusDef& s : old.statuses)
        if (!c.FindStatus(s.id)) c.statuses.push_back(s);
    for (const TicketTypeDef& t : old.types)
        if (!c.FindType(t.id)) c.types.push_back(t);
    for (const PriorityDef& p : old.priorities)
        if (!c.FindPriority(p.id)) c.priorities.push_back(p);
    for (const LabelDef& l : old.labels)
        if (std::none_of(c.labels.begin(), c.labels.end(), [&](const LabelDef& k) { return k.name == l.name; }))
            c.labels.push_back(l);
    for (TicketTypeDef& t : c.types)
        for (FieldDef& f : t.fields) f.required = false;
    return c;
}

// The board's configuration with the template's setup in place: members, views and the
// settings a template does not carry stay the board's.
BoardConfig WithTemplate(const BoardConfig& board, const BoardTemplate& tpl) {
    BoardConfig c = tpl.config;
    c.members = board.members;
    c.views = board.views;
    c.extra = json::object();
    if (board.extra.is_object())
        for (auto it = board.extra.begin(); it != board.extra.end(); ++it)
            if (!IsHelpdeskKey(it.key())) c.extra[it.key()] = it.value();
    json helpdesk = HelpdeskPart(tpl.config.extra);
    for (auto it = helpdesk.begin(); it != helpdesk.end(); ++it) c.extra[it.key()] = it.value();
    return c;
}

std::string StatusTarget(const BoardConfig& next, const BoardConfig& old, const std::string& status) {
    if (next.FindStatus(status)) return status;
    const StatusDef* was = old.FindStatus(status);
    if (was)
        for (const StatusDef& s : next.statuses)
            if (s.category == was->category) return s.id;
    return next.statuses.front().id;
}

// The ticket updates and comments of applying, and the preview's counts, from one pass.
struct Plan {
    json updates = json::array();
    json comments = json::array();
    TemplatePreview preview;
};

void CountMove(TemplatePreview& preview, TemplateMove::What what, const std::string& from, const std::string& to) {
    for (TemplateMove& m : preview.moves)
        if (m.what == what && m.from == from && m.to == to) {
            ++m.tickets;
            return;
        }
    preview.moves.push_back({what, from, to, 1});
}

Plan PlanApply(const Board& board, const BoardConfig& next, Millis now, const std::string& author,
               const std::function<std::string()>& new_comment_id) {
    Plan plan;
    const BoardConfig& old = board.config();
    auto name_of = [](const auto* def, const std::string& id) { return def ? def->name : id; };
    for (const Ticket& t : board.tickets()) {
        if (t.deleted) continue;
        const std::string type = next.FindType(t.type) ? t.type : next.default_type;
        json changes = MoveTicketToType(t, old, next, type, now, author, new_comment_id);
        json& set = changes[0]["set"];
        // Keep only what differs: a type the template also has may leave the values as they are.
        for (auto it = set.begin(); it != set.end();) {
            const std::string key = it.key();
            json current = key == "type" ? json(t.type) : nullptr;
            if (key.rfind("fields.", 0) == 0) {
                auto held = t.fields.find(key.substr(7));
                if (held != t.fields.end()) current = *held;
            }
            if (current == it.value()) it = set.erase(it);
            else ++it;
        }
        if (type != t.type) CountMove(plan.preview, TemplateMove::What::Type, name_of(old.FindType(t.type), t.type), name_of(next.FindType(type), type));
        const std::string status = StatusTarget(next, old, t.status);
        if (status != t.status) {
            set["status"] = status;
            CountMove(plan.preview, TemplateMove::What::Status, name_of(old.FindStatus(t.status), t.status),
                      name_of(next.FindStatus(status), status));
        }
        if (!next.FindPriority(t.priority)) {
            set["priority"] = next.default_priority;
            CountMove(plan.preview, TemplateMove::What::Priority, name_of(old.FindPriority(t.priority), t.priority),
                      name_of(next.FindPriority(next.default_priority), next.default_priority));
        }
        const bool changed = !set.empty() || changes.size() > 1;
        if (!changed) continue;
        ++plan.preview.tickets_changed;
        if (!set.empty()) plan.updates.push_back(changes[0]);
        for (std::size_t i = 1; i < changes.size(); ++i) plan.comments.push_back(changes[i]);
    }
    plan.preview.comments = plan.comments.size();
    return plan;
}

}  // namespace

Result<BoardTemplate> ParseTemplate(std::string_view text) {
    json value = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) {
        Error syntax = DescribeJsonSyntaxError(text);
        return Error{"this is not a template file: " + syntax.message, syntax.path};
    }
    if (!value.is_object()) return Error{"this is not a template file: it must be a JSON object", ""};
    auto format = value.find("format");
    if (format == value.end() || !format->is_string() || format->get<std::string>() != kTemplateFormat) {
        if (format != value.end() && format->is_string() && format->get<std::string>() == "tackboard")
            return Error{"this is a Tackboard board, not a template: import it from the board's menu instead", "/format"};
        return Error{std::string("this is not a Tackboard template ('format' is not \"") + kTemplateFormat + "\")", "/format"};
    }
    auto version = value.find("version");
    if (version == value.end() || !version->is_number_integer() || version->get<long long>() < 1)
        return Error{"'version' must be a whole number from 1", "/version"};
    if (version->get<long long>() > kTemplateVersion)
        return Error{"made by a newer Tackboard (template version " + std::to_string(version->get<long long>()) +
                         "); this version reads version " + std::to_string(kTemplateVersion),
                     "/version"};
    BoardTemplate out;
    auto name = value.find("name");
    if (name == value.end() || !name->is_string() || name->get<std::string>().empty())
        return Error{"a template needs a name", "/name"};
    out.name = name->get<std::string>();
    if (auto description = value.find("description"); description != value.end()) {
        if (!description->is_string()) return Error{"'description' must be text", "/description"};
        out.description = description->get<std::string>();
    }
    auto config = value.find("config");
    if (config == value.end() || !config->is_object()) return Error{"a template needs a configuration object", "/config"};
    if (auto kinds = CheckFieldKinds(*config); !kinds) return kinds.error();
    json usable = *config;
    usable.erase("members");  // the team's own, never taken from a file
    usable.erase("views");
    auto parsed = ConfigFromJson(usable, "/config");
    if (!parsed) return parsed.error();
    out.config = std::move(parsed.value());
    // Only the helpdesk settings travel with a template; other members are not read.
    out.config.extra = HelpdeskPart(out.config.extra);
    LoadedHelpdeskSettings helpdesk = HelpdeskSettingsOf(out.config);
    if (!helpdesk.problems.empty()) {
        const Error& first = helpdesk.problems.front();
        return first;  // its path starts at "/config/<section>"
    }
    return out;
}

json TemplateToJson(const BoardTemplate& board_template) {
    json config = ConfigToJson(board_template.config);
    config.erase("members");
    config.erase("views");
    return json{{"format", kTemplateFormat},
                {"version", kTemplateVersion},
                {"name", board_template.name},
                {"description", board_template.description},
                {"config", std::move(config)}};
}

BoardTemplate TemplateFromBoard(const BoardConfig& config, std::string name, std::string description) {
    BoardTemplate out;
    out.name = std::move(name);
    out.description = std::move(description);
    out.config = config;
    out.config.members.clear();
    out.config.views.clear();
    out.config.extra = HelpdeskPart(config.extra);
    return out;
}

TemplatePreview PreviewTemplate(const Board& board, const BoardTemplate& board_template) {
    const BoardConfig next = WithTemplate(board.config(), board_template);
    return PlanApply(board, next, 0, "", [] { return std::string("preview"); }).preview;
}

Result<json> ApplyTemplateChange(const Board& board, const BoardTemplate& board_template, Millis now,
                                 const std::string& author, const std::function<std::string()>& new_comment_id) {
    const BoardConfig next = WithTemplate(board.config(), board_template);
    if (auto usable = CheckConfig(next); !usable) return usable.error();
    Plan plan = PlanApply(board, next, now, author, new_comment_id);
    json final_config = {{"op", "config"}, {"config", ConfigToJson(next)}};
    if (plan.updates.empty() && plan.comments.empty()) return final_config;
    json changes = json::array({{{"op", "config"}, {"config", ConfigToJson(Passage(board.config(), next))}}});
    for (json& u : plan.updates) changes.push_back(std::move(u));
    for (json& c : plan.comments) changes.push_back(std::move(c));
    changes.push_back(std::move(final_config));
    return json{{"op", "batch"}, {"changes", std::move(changes)}};
}

const std::vector<BoardTemplate>& BuiltInTemplates() {
    static const std::vector<BoardTemplate> templates = [] {
        static const char* const kKeys[] = {"it_support", "software", "hr_facilities"};
        std::vector<BoardTemplate> out;
        for (std::size_t i = 0; i < std::size(kBuiltIns); ++i) {
            auto parsed = ParseTemplate(kBuiltIns[i]);
            if (!parsed) continue;  // board_template_test checks each one reads
            parsed.value().key = kKeys[i];
            out.push_back(std::move(parsed.value()));
        }
        return out;
    }();
    return templates;
}

}  // namespace tackboard
