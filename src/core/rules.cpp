// rules.cpp — automation rules (see rules.hpp).
//
// [SECTION] Vocabulary
// [SECTION] Reading settings
// [SECTION] Checking settings against the board
// [SECTION] Writing settings
// [SECTION] Events from applied changes
// [SECTION] Triggers, occurrences, conditions
// [SECTION] Planning a rule's actions
// [SECTION] Cascades and timed passes
// [SECTION] Dry run
#include "core/rules.hpp"

#include <algorithm>
#include <deque>
#include <limits>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "core/dates.hpp"
#include "core/text_fold.hpp"
#include "core/utf8.hpp"

namespace tackboard {

using nlohmann::json;

namespace {

// -----------------------------------------------------------------------------
// [SECTION] Vocabulary
// -----------------------------------------------------------------------------

// In enum order.
constexpr std::string_view kTriggerNames[] = {"created", "field_changed", "status_entered", "due",
                                              "sla_at_risk", "sla_breached", "idle"};
constexpr std::string_view kActionNames[] = {"set_field", "assign",         "add_label", "add_comment",
                                             "move",      "raise_priority", "notify"};
// Fields a change can be about, as history names them.
constexpr std::string_view kEventFields[] = {"title",    "description", "type",   "status",       "priority",
                                             "assignee", "requester",   "labels", "due",          "satisfaction",
                                             "comment",  "link"};
// Fields set_field may set: status and assignee have actions of their own.
constexpr std::string_view kSettableFields[] = {"title", "description", "type", "priority", "requester", "labels", "due"};

constexpr std::string_view kCustomPrefix = "fields.";

template <class Range>
std::string JoinNames(const Range& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

template <std::size_t N>
long IndexIn(const std::string_view (&names)[N], std::string_view value) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == value) return static_cast<long>(i);
    return -1;
}

template <class Def>
std::string Ids(const std::vector<Def>& defs) {
    std::string out;
    for (const Def& def : defs) out += (out.empty() ? "" : ", ") + def.id;
    return out;
}

std::string Trim(const std::string& s) {
    auto begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return {};
    return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool IsTimed(TriggerKind kind) {
    return kind == TriggerKind::Due || kind == TriggerKind::SlaAtRisk || kind == TriggerKind::SlaBreached ||
           kind == TriggerKind::Idle;
}

// -----------------------------------------------------------------------------
// [SECTION] Reading settings
// -----------------------------------------------------------------------------
//
// Reading checks shapes (a string where a string belongs); meanings (does that status
// exist) are CheckRule's, so rules built in code get the same checks.

Status ReadString(const json& object, const char* key, const std::string& path, std::string& out) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return Ok{};
    if (!it->is_string()) return Error{"'" + std::string(key) + "' must be text", path + "/" + key};
    out = ToValidUtf8(it->get<std::string>());
    return Ok{};
}

Status ReadInt(const json& object, const char* key, const std::string& path, int& out) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return Ok{};
    if (!it->is_number_integer() || it->get<long long>() < -1000000000 || it->get<long long>() > 1000000000)
        return Error{"'" + std::string(key) + "' must be a whole number", path + "/" + key};
    out = it->get<int>();
    return Ok{};
}

Status ReadBool(const json& object, const char* key, const std::string& path, bool& out) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return Ok{};
    if (!it->is_boolean()) return Error{"'" + std::string(key) + "' must be true or false", path + "/" + key};
    out = it->get<bool>();
    return Ok{};
}

// Reads `kind` as one of `names`; `what` names the list in the message ("trigger").
template <std::size_t N, class Enum>
Status ReadKind(const json& object, const std::string& path, const std::string_view (&names)[N], const char* what,
                Enum& out) {
    std::string kind;
    if (auto read = ReadString(object, "kind", path, kind); !read) return read;
    long index = IndexIn(names, kind);
    if (index < 0)
        return Error{(kind.empty() ? "say which " + std::string(what) : "unknown " + std::string(what) + " '" + kind + "'") +
                         " (expected one of " + JoinNames(names) + ")",
                     path + "/kind"};
    out = static_cast<Enum>(index);
    return Ok{};
}

Status ReadTrigger(const json& value, const std::string& path, RuleTrigger& trigger) {
    if (!value.is_object()) return Error{"a rule needs a trigger: {\"kind\": ...}", path};
    if (auto read = ReadKind(value, path, kTriggerNames, "trigger", trigger.kind); !read) return read;
    for (Status read : {ReadString(value, "field", path, trigger.field), ReadString(value, "status", path, trigger.status),
                        ReadInt(value, "minutes", path, trigger.minutes), ReadInt(value, "days", path, trigger.days)})
        if (!read) return read;
    return Ok{};
}

Status ReadAction(const json& value, const std::string& path, RuleAction& action) {
    if (!value.is_object()) return Error{"an action must be an object: {\"kind\": ...}", path};
    if (auto read = ReadKind(value, path, kActionNames, "action", action.kind); !read) return read;
    const char* text_key = action.kind == ActionKind::Notify ? "message" : "body";
    for (Status read : {ReadString(value, "field", path, action.field), ReadString(value, "member", path, action.member),
                        ReadString(value, "label", path, action.label), ReadString(value, text_key, path, action.text),
                        ReadBool(value, "internal", path, action.internal),
                        ReadString(value, "status", path, action.status)})
        if (!read) return read;
    if (auto v = value.find("value"); v != value.end()) action.value = *v;
    return Ok{};
}

Result<Rule> ReadRule(const json& value, const std::string& path) {
    if (!value.is_object()) return Error{"a rule must be an object", path};
    Rule rule;
    for (Status read : {ReadString(value, "id", path, rule.id), ReadString(value, "name", path, rule.name),
                        ReadBool(value, "enabled", path, rule.enabled),
                        ReadString(value, "condition", path, rule.condition)})
        if (!read) return read.error();
    auto trigger = value.find("trigger");
    if (trigger == value.end()) return Error{"a rule needs a trigger", path + "/trigger"};
    if (auto read = ReadTrigger(*trigger, path + "/trigger", rule.trigger); !read) return read.error();
    if (auto actions = value.find("actions"); actions != value.end() && !actions->is_null()) {
        if (!actions->is_array()) return Error{"'actions' must be a list", path + "/actions"};
        for (std::size_t i = 0; i < actions->size(); ++i) {
            RuleAction action;
            if (auto read = ReadAction((*actions)[i], path + "/actions/" + std::to_string(i), action); !read)
                return read.error();
            rule.actions.push_back(std::move(action));
        }
    }
    return rule;
}

// -----------------------------------------------------------------------------
// [SECTION] Checking settings against the board
// -----------------------------------------------------------------------------

Status CheckStatus(const std::string& id, const BoardConfig& config, const std::string& where) {
    if (config.FindStatus(id)) return Ok{};
    return Error{(id.empty() ? std::string("say which status") : "unknown status '" + id + "'") + " (expected one of " +
                     Ids(config.statuses) + ")",
                 where};
}

Status CheckMember(const std::string& id, const BoardConfig& config, bool allow_auto, const std::string& where) {
    std::string expected = std::string(allow_auto ? "auto or " : "") + "one of " + Ids(config.members);
    if (id.empty()) return Error{"say who: " + expected, where};
    if ((allow_auto && id == kAutoAssign) || config.members.empty() || config.FindMember(id)) return Ok{};
    return Error{"unknown member '" + id + "' (expected " + expected + ")", where};
}

// The definitions of custom field `id`, one per ticket type that has it.
std::vector<std::pair<const TicketTypeDef*, const FieldDef*>> CustomFieldDefs(const BoardConfig& config,
                                                                              std::string_view id) {
    std::vector<std::pair<const TicketTypeDef*, const FieldDef*>> defs;
    for (const TicketTypeDef& type : config.types)
        for (const FieldDef& field : type.fields)
            if (field.id == id) defs.push_back({&type, &field});
    return defs;
}

// `names`: the core fields allowed here.
template <std::size_t N>
Status CheckFieldName(const std::string& field, const std::string_view (&names)[N], const BoardConfig& config,
                      const std::string& where) {
    if (IndexIn(names, field) >= 0) return Ok{};
    if (field.starts_with(kCustomPrefix)) {
        if (!CustomFieldDefs(config, std::string_view(field).substr(kCustomPrefix.size())).empty()) return Ok{};
        return Error{"no ticket type has a field '" + field.substr(kCustomPrefix.size()) + "'", where};
    }
    if (field == "status") return Error{"the status is changed with a move action", where};
    if (field == "assignee") return Error{"the assignee is changed with an assign action", where};
    std::string hint = CustomFieldDefs(config, field).empty() ? "" : " (custom fields are written fields." + field + ")";
    if (field.empty()) return Error{"say which field (expected one of " + JoinNames(names) + ", or fields.<id>)", where};
    return Error{"unknown field '" + field + "'" +
                     (hint.empty() ? " (expected one of " + JoinNames(names) + ", or fields.<id> of a custom field)" : hint),
                 where};
}

Status CheckCustomValue(const TicketTypeDef& type, const FieldDef& f, const json& v, const BoardConfig& config,
                        const std::string& where) {
    auto bad = [&](const std::string& what) { return Error{"'" + f.name + "' of " + type.name + " " + what, where}; };
    if (v.is_null()) return f.required ? Status(bad("is required and cannot be cleared")) : Status(Ok{});
    switch (f.kind) {
        case FieldKind::Text:
        case FieldKind::LongText:
            if (!v.is_string()) return bad("must be text");
            break;
        case FieldKind::Number:
            if (!v.is_number()) return bad("must be a number");
            break;
        case FieldKind::Checkbox:
            if (!v.is_boolean()) return bad("must be true or false");
            break;
        case FieldKind::Date:
            if (!v.is_number_integer() || v.get<Millis>() < 0) return bad("must be a date (milliseconds)");
            break;
        case FieldKind::Select:
            if (!v.is_string() || !Contains(f.options, v.get<std::string>()))
                return bad("has no option " + v.dump() + " (expected one of " + JoinNames(f.options) + ")");
            break;
        case FieldKind::MultiSelect:
            if (!v.is_array()) return bad("must be a list of its options");
            for (const json& item : v)
                if (!item.is_string() || !Contains(f.options, item.get<std::string>()))
                    return bad("has no option " + item.dump() + " (expected one of " + JoinNames(f.options) + ")");
            break;
        case FieldKind::Member:
            if (!v.is_string()) return bad("must be a member");
            if (auto member = CheckMember(v.get<std::string>(), config, false, where); !member) return member;
            break;
    }
    return Ok{};
}

Status CheckSetValue(const std::string& field, const json& v, const BoardConfig& config, const std::string& where) {
    auto text = [&](bool required) -> Status {
        if (!v.is_string()) return Error{"'" + field + "' must be text", where};
        if (required && Trim(v.get<std::string>()).empty()) return Error{"'" + field + "' cannot be empty", where};
        return Ok{};
    };
    if (field == "title") return text(true);
    if (field == "description" || field == "requester") return text(false);
    if (field == "type") {
        if (!v.is_string() || !config.FindType(v.get<std::string>()))
            return Error{"unknown ticket type " + v.dump() + " (expected one of " + Ids(config.types) + ")", where};
        return Ok{};
    }
    if (field == "priority") {
        if (!v.is_string() || !config.FindPriority(v.get<std::string>()))
            return Error{"unknown priority " + v.dump() + " (expected one of " + Ids(config.priorities) + ")", where};
        return Ok{};
    }
    if (field == "labels") {
        bool ok = v.is_array() && std::all_of(v.begin(), v.end(), [](const json& label) {
                      return label.is_string() && !Trim(label.get<std::string>()).empty();
                  });
        return ok ? Status(Ok{}) : Status(Error{"labels must be a list of non-empty texts", where});
    }
    if (field == "due") {
        if (!v.is_null() && (!v.is_number_integer() || v.get<Millis>() < 0))
            return Error{"'due' must be a date in milliseconds, or null to clear it", where};
        return Ok{};
    }
    // A custom field: the value must suit it in every type that has it.
    for (auto [type, def] : CustomFieldDefs(config, std::string_view(field).substr(kCustomPrefix.size())))
        if (auto fits = CheckCustomValue(*type, *def, v, config, where); !fits) return fits;
    return Ok{};
}

Status CheckTrigger(const RuleTrigger& trigger, const BoardConfig& config, const std::string& path) {
    switch (trigger.kind) {
        case TriggerKind::FieldChanged: return CheckFieldName(trigger.field, kEventFields, config, path + "/field");
        case TriggerKind::StatusEntered: return CheckStatus(trigger.status, config, path + "/status");
        case TriggerKind::Due:
            if (trigger.minutes < 0)
                return Error{"'minutes' must be 0 (once overdue) or how long before the due time", path + "/minutes"};
            return Ok{};
        case TriggerKind::Idle:
            if (trigger.days <= 0) return Error{"an idle trigger needs 'days' of at least 1", path + "/days"};
            return Ok{};
        case TriggerKind::Created:
        case TriggerKind::SlaAtRisk:
        case TriggerKind::SlaBreached: return Ok{};
    }
    return Ok{};
}

Status CheckAction(RuleAction& action, const BoardConfig& config, const std::string& path) {
    switch (action.kind) {
        case ActionKind::SetField:
            if (auto name = CheckFieldName(action.field, kSettableFields, config, path + "/field"); !name) return name;
            return CheckSetValue(action.field, action.value, config, path + "/value");
        case ActionKind::Assign: return CheckMember(action.member, config, true, path + "/member");
        case ActionKind::AddLabel:
            action.label = Trim(action.label);
            if (action.label.empty()) return Error{"say which label to add", path + "/label"};
            return Ok{};
        case ActionKind::AddComment:
            if (Trim(action.text).empty()) return Error{"a comment cannot be empty", path + "/body"};
            if (action.text.size() > kMaxTextBytes) return Error{"a comment is longer than 1 MiB", path + "/body"};
            return Ok{};
        case ActionKind::Move: return CheckStatus(action.status, config, path + "/status");
        case ActionKind::RaisePriority: return Ok{};
        case ActionKind::Notify:
            if (Trim(action.text).empty()) return Error{"say what to notify", path + "/message"};
            return Ok{};
    }
    return Ok{};
}

// Parses the condition and compiles it into the rule's matcher.
Status CompileCondition(Rule& rule, const BoardConfig& config, const std::string& where) {
    if (Trim(rule.condition).empty()) {
        rule.matcher = TicketMatcher();
        return Ok{};
    }
    Result<Query> query = ParseQuery(rule.condition);
    if (!query) return Error{"the condition does not read: " + query.error().message, where};
    if (auto known = CheckQuery(query.value(), config); !known)
        return Error{"the condition names what the board does not have: " + known.error().message, where};
    for (const QueryTerm& term : query.value().terms)
        if (term.field == QueryField::Assignee && !term.quoted && FoldText(term.value) == "me")
            return Error{"the condition: column " + std::to_string(term.value_column) +
                             ": assignee:me means nobody in a rule (rules act as nobody); name the member",
                         where};
    // A saved condition is complete: its last word is a word, not the start of one being typed.
    for (QueryTerm& term : query.value().terms) term.prefix = false;
    rule.matcher = TicketMatcher(query.value(), config);
    return Ok{};
}

}  // namespace

Status CheckRule(Rule& rule, const BoardConfig& config, const std::string& path) {
    rule.id = Trim(rule.id);
    rule.name = Trim(rule.name);
    if (rule.id.empty()) return Error{"a rule needs an id", path + "/id"};
    if (rule.name.empty()) return Error{"a rule needs a name (history shows it)", path + "/name"};
    if (auto trigger = CheckTrigger(rule.trigger, config, path + "/trigger"); !trigger) return trigger;
    if (auto condition = CompileCondition(rule, config, path + "/condition"); !condition) return condition;
    if (rule.actions.empty()) return Error{"a rule needs at least one action", path + "/actions"};
    for (std::size_t i = 0; i < rule.actions.size(); ++i)
        if (auto action = CheckAction(rule.actions[i], config, path + "/actions/" + std::to_string(i)); !action)
            return action;
    return Ok{};
}

Status CheckRules(RuleSettings& settings, const BoardConfig& config) {
    for (std::size_t i = 0; i < settings.rules.size(); ++i) {
        const std::string path = "/rules/" + std::to_string(i);
        Rule& rule = settings.rules[i];
        if (auto checked = CheckRule(rule, config, path); !checked) return checked;
        for (std::size_t j = 0; j < i; ++j) {
            if (settings.rules[j].id == rule.id)
                return Error{"rule " + std::to_string(j) + " has the id '" + rule.id + "' already", path + "/id"};
            if (settings.rules[j].name == rule.name)
                return Error{"rule " + std::to_string(j) + " is named '" + rule.name +
                                 "' already (history tells rules apart by name)",
                             path + "/name"};
        }
    }
    return Ok{};
}

Result<RuleSettings> ParseRules(const json& value, const BoardConfig& config) {
    RuleSettings settings;
    if (value.is_null()) return settings;
    if (!value.is_object()) return Error{"automation settings must be an object: {\"rules\": [...]}", ""};
    auto rules = value.find("rules");
    if (rules != value.end() && !rules->is_null()) {
        if (!rules->is_array()) return Error{"'rules' must be a list", "/rules"};
        for (std::size_t i = 0; i < rules->size(); ++i) {
            auto rule = ReadRule((*rules)[i], "/rules/" + std::to_string(i));
            if (!rule) return rule.error();
            settings.rules.push_back(std::move(rule.value()));
        }
    }
    if (auto checked = CheckRules(settings, config); !checked) return checked.error();
    return settings;
}

// -----------------------------------------------------------------------------
// [SECTION] Writing settings
// -----------------------------------------------------------------------------

namespace {

json TriggerToJson(const RuleTrigger& trigger) {
    json out = {{"kind", kTriggerNames[static_cast<int>(trigger.kind)]}};
    switch (trigger.kind) {
        case TriggerKind::FieldChanged: out["field"] = trigger.field; break;
        case TriggerKind::StatusEntered: out["status"] = trigger.status; break;
        case TriggerKind::Due: out["minutes"] = trigger.minutes; break;
        case TriggerKind::Idle: out["days"] = trigger.days; break;
        default: break;
    }
    return out;
}

json ActionToJson(const RuleAction& action) {
    json out = {{"kind", kActionNames[static_cast<int>(action.kind)]}};
    switch (action.kind) {
        case ActionKind::SetField:
            out["field"] = action.field;
            out["value"] = action.value;
            break;
        case ActionKind::Assign: out["member"] = action.member; break;
        case ActionKind::AddLabel: out["label"] = action.label; break;
        case ActionKind::AddComment:
            out["body"] = action.text;
            out["internal"] = action.internal;
            break;
        case ActionKind::Move: out["status"] = action.status; break;
        case ActionKind::RaisePriority: break;
        case ActionKind::Notify: out["message"] = action.text; break;
    }
    return out;
}

}  // namespace

json ToJson(const RuleSettings& settings) {
    json rules = json::array();
    for (const Rule& rule : settings.rules) {
        json actions = json::array();
        for (const RuleAction& action : rule.actions) actions.push_back(ActionToJson(action));
        rules.push_back({{"id", rule.id},
                         {"name", rule.name},
                         {"enabled", rule.enabled},
                         {"trigger", TriggerToJson(rule.trigger)},
                         {"condition", rule.condition},
                         {"actions", std::move(actions)}});
    }
    return {{"rules", std::move(rules)}};
}

std::string RuleActor(const Rule& rule) { return "rule:" + rule.name; }

// -----------------------------------------------------------------------------
// [SECTION] Events from applied changes
// -----------------------------------------------------------------------------

namespace {

class EventCollector {
public:
    explicit EventCollector(const Board& board, std::string by) : board_(board), by_(std::move(by)) {}

    // Inverses say what changed: an "update" inverse holds the old value of each field
    // that changed, "uncomment" undoes an added comment, "delete" undoes a creation (or a
    // restore: the ticket's history tells which).
    void Read(const json& inverse) {
        if (!inverse.is_object()) return;
        std::string op = inverse.value("op", "");
        std::string id = inverse.value("id", "");
        if (op == "batch") {
            auto changes = inverse.find("changes");
            if (changes == inverse.end() || !changes->is_array()) return;
            for (auto it = changes->rbegin(); it != changes->rend(); ++it) Read(*it);  // undone last-first
        } else if (op == "update") {
            auto set = inverse.find("set");
            if (set == inverse.end() || !set->is_object()) return;
            ChangeEvent& e = For(id);
            for (auto f = set->begin(); f != set->end(); ++f) {
                if (f.key() == "status" && !Contains(e.fields, "status") && f->is_string()) e.old_status = f->get<std::string>();
                Add(e, f.key());
            }
        } else if (op == "uncomment") {
            Add(For(id), "comment");
        } else if (op == "link" || op == "unlink") {
            Add(For(id), "link");
            Add(For(inverse.value("target", "")), "link");
        } else if (op == "delete" && WasCreated(id)) {
            For(id).created = true;
        }
    }

    std::vector<ChangeEvent> Take() {
        std::vector<ChangeEvent> out;
        for (ChangeEvent& e : events_) {
            const Ticket* t = board_.Find(e.ticket_id);
            if (!t) continue;
            e.new_status = t->status;
            out.push_back(std::move(e));
        }
        return out;
    }

private:
    ChangeEvent& For(const std::string& id) {
        for (ChangeEvent& e : events_)
            if (e.ticket_id == id) return e;
        events_.push_back(ChangeEvent{id, false, {}, {}, {}, by_});
        return events_.back();
    }
    static void Add(ChangeEvent& e, const std::string& field) {
        if (!Contains(e.fields, field)) e.fields.push_back(field);
    }
    bool WasCreated(const std::string& id) const {
        const Ticket* t = board_.Find(id);
        if (!t) return false;
        for (auto it = t->history.rbegin(); it != t->history.rend(); ++it) {
            if (it->field == "created") return true;
            if (it->field == "deleted") return false;  // a restore
        }
        return false;
    }

    const Board& board_;
    std::string by_;
    std::vector<ChangeEvent> events_;
};

}  // namespace

std::vector<ChangeEvent> EventsFromApplied(const json& change, const Applied& applied, const Board& board) {
    if (!change.is_object()) return {};
    std::string op = change.value("op", "");
    if (op == "sync" || op == "import" || op == "config") return {};
    EventCollector collector(board, change.value("by", ""));
    collector.Read(applied.inverse);
    return collector.Take();
}

// -----------------------------------------------------------------------------
// [SECTION] Triggers, occurrences, conditions
// -----------------------------------------------------------------------------

namespace {

bool TriggerMatches(const RuleTrigger& trigger, const ChangeEvent& e) {
    switch (trigger.kind) {
        case TriggerKind::Created: return e.created;
        case TriggerKind::FieldChanged: return Contains(e.fields, trigger.field);
        case TriggerKind::StatusEntered:
            return (e.created || Contains(e.fields, "status")) && e.new_status == trigger.status;
        default: return false;  // timed
    }
}


// When the ticket was last opened: created, or moved out of a done status.
Millis LastOpened(const Ticket& t, const std::vector<std::string>& done) {
    Millis at = t.created;
    for (const HistoryEntry& h : t.history)
        if (h.field == "status" && h.old_value.is_string() && h.new_value.is_string() &&
            Contains(done, h.old_value.get<std::string>()) && !Contains(done, h.new_value.get<std::string>()))
            at = std::max(at, h.at);
    return at;
}

// The start of the timed trigger's current occurrence for a live, open ticket with these
// SLA flags, or nothing when the trigger does not hold now.
std::optional<Millis> Occurrence(const RuleTrigger& trigger, const Ticket& t, const SlaFlags& flags, Millis now,
                                 const std::vector<std::string>& done) {
    switch (trigger.kind) {
        case TriggerKind::Due: {
            if (t.due == 0) return std::nullopt;
            Millis start = t.due - Millis{trigger.minutes} * 60000;
            return now >= start ? std::optional(start) : std::nullopt;
        }
        case TriggerKind::Idle: {
            Millis start = t.updated + Millis{trigger.days} * kMillisPerDay;
            return now >= start ? std::optional(start) : std::nullopt;
        }
        case TriggerKind::SlaAtRisk:
            if (!flags.at_risk) return std::nullopt;
            return flags.at_risk_since ? flags.at_risk_since : LastOpened(t, done);
        case TriggerKind::SlaBreached:
            if (!flags.breached) return std::nullopt;
            return flags.breached_since ? flags.breached_since : LastOpened(t, done);
        default: return std::nullopt;
    }
}

// Where a Due or Idle trigger's occurrence starts (Occurrence holds from then on while
// the ticket does not change); never for the SLA triggers, which follow the flags.
Millis TriggerStart(const RuleTrigger& trigger, const Ticket& t) {
    constexpr Millis never = std::numeric_limits<Millis>::max();
    switch (trigger.kind) {
        case TriggerKind::Due: return t.due == 0 ? never : t.due - Millis{trigger.minutes} * 60000;
        case TriggerKind::Idle: return t.updated + Millis{trigger.days} * kMillisPerDay;
        default: return never;
    }
}

// A ticket's flags in a list by position; none past its end.
const SlaFlags& FlagsAt(const SlaFlagList& sla, std::size_t pos) {
    static const SlaFlags kNone;
    return pos < sla.size() ? sla[pos] : kNone;
}

// Whether `actor` wrote anything on the ticket at or after `since`: the rule has fired
// for this occurrence (see "Fired once" in rules.hpp).
bool FiredSince(const Ticket& t, const std::string& actor, Millis since) {
    return std::any_of(t.history.rbegin(), t.history.rend(),
                       [&](const HistoryEntry& h) { return h.at >= since && h.by == actor; });
}

bool ConditionHolds(const Rule& rule, const Ticket& t, const Board& board, Millis now) {
    return rule.matcher.Matches(t, board, QueryContext{"", now});
}

// A timed rule's test for one ticket, cheapest first. `actor` is RuleActor(rule).
bool TimedDue(const Rule& rule, const std::string& actor, const Ticket& t, std::size_t pos, const Board& board,
              Millis now, const SlaFlagList& sla, const std::vector<std::string>& done) {
    std::optional<Millis> since = Occurrence(rule.trigger, t, FlagsAt(sla, pos), now, done);
    // The condition before history: it reads the ticket at hand, history lives elsewhere.
    return since && ConditionHolds(rule, t, board, now) && !FiredSince(t, actor, *since);
}

// Status ids are short: compared inline rather than through memcmp, since this runs for
// every ticket of a pass.
bool SameText(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) return false;
    return true;
}

bool LiveAndOpen(const Ticket& t, const std::vector<std::string>& done) {
    return !t.deleted && std::none_of(done.begin(), done.end(), [&](const std::string& d) { return SameText(t.status, d); });
}

// -----------------------------------------------------------------------------
// [SECTION] Planning a rule's actions
// -----------------------------------------------------------------------------
//
// Field actions gather into one "update" (each field read as earlier actions left it);
// comments and notes follow, one "comment" record each.

json CurrentValue(const Ticket& t, const json& set, const std::string& field) {
    if (auto it = set.find(field); it != set.end()) return *it;
    if (field == "title") return t.title;
    if (field == "description") return t.description;
    if (field == "type") return t.type;
    if (field == "status") return t.status;
    if (field == "priority") return t.priority;
    if (field == "assignee") return t.assignee;
    if (field == "requester") return t.requester;
    if (field == "labels") return t.labels;
    if (field == "due") return t.due;
    if (field.starts_with(kCustomPrefix)) {
        auto it = t.fields.find(field.substr(kCustomPrefix.size()));
        return it == t.fields.end() ? json() : *it;
    }
    return json();
}

bool TypeHasField(const BoardConfig& config, const std::string& type_id, std::string_view field_id) {
    const TicketTypeDef* type = config.FindType(type_id);
    return type && std::any_of(type->fields.begin(), type->fields.end(),
                               [&](const FieldDef& f) { return f.id == field_id; });
}

std::string CommentId(const Rule& rule, const Ticket& t, Millis now, std::size_t& serial) {
    for (;;) {
        std::string id = "rule-" + rule.id + "-" + std::to_string(now) + "-" + std::to_string(serial++);
        if (std::none_of(t.comments.begin(), t.comments.end(), [&](const Comment& c) { return c.id == id; })) return id;
    }
}

RuleFiring Plan(const Rule& rule, std::size_t rule_index, const Ticket& t, const Board& board,
                const RuleContext& context) {
    const BoardConfig& config = board.config();
    const std::string actor = RuleActor(rule);
    RuleFiring firing{rule_index, t.id, nullptr, {}, {}};
    json set = json::object();
    json comments = json::array();
    std::size_t serial = 0;
    auto set_if_new = [&](const std::string& field, json value) {
        if (CurrentValue(t, set, field) != value) set[field] = std::move(value);
    };
    auto add_comment = [&](const std::string& body, bool internal) {
        comments.push_back({{"op", "comment"},
                            {"id", t.id},
                            {"comment", {{"id", CommentId(rule, t, context.now, serial)},
                                         {"author", actor},
                                         {"at", context.now},
                                         {"body", body},
                                         {"internal", internal}}}});
    };
    for (const RuleAction& action : rule.actions) {
        switch (action.kind) {
            case ActionKind::SetField: {
                if (action.field.starts_with(kCustomPrefix)) {
                    std::string type = CurrentValue(t, set, "type").get<std::string>();
                    if (!TypeHasField(config, type, std::string_view(action.field).substr(kCustomPrefix.size()))) {
                        firing.skipped.push_back("set " + action.field + ": the ticket's type (" + type + ") has no such field");
                        break;
                    }
                }
                set_if_new(action.field, action.field == "due" && action.value.is_null() ? json(0) : action.value);
                break;
            }
            case ActionKind::Assign: {
                std::string member = action.member;
                if (member == kAutoAssign) {
                    if (!context.route) {
                        firing.skipped.push_back("assign auto: no routing was given");
                        break;
                    }
                    member = context.route(t, board);
                    if (member.empty()) {
                        firing.skipped.push_back("assign auto: routing found nobody");
                        break;
                    }
                }
                set_if_new("assignee", member);
                break;
            }
            case ActionKind::AddLabel: {
                json labels = CurrentValue(t, set, "labels");
                if (std::find(labels.begin(), labels.end(), json(action.label)) != labels.end()) break;
                labels.push_back(action.label);
                set["labels"] = std::move(labels);
                break;
            }
            case ActionKind::Move: {
                std::string from = CurrentValue(t, set, "status").get<std::string>();
                if (from == action.status) break;
                if (!config.TransitionAllowed(from, action.status)) {
                    firing.skipped.push_back("move to " + action.status + ": not allowed from " + from +
                                             " by the board's workflow");
                    break;
                }
                set["status"] = action.status;
                break;
            }
            case ActionKind::RaisePriority: {
                std::string priority = CurrentValue(t, set, "priority").get<std::string>();
                int rank = config.PriorityRank(priority);
                if (rank < 0) firing.skipped.push_back("raise priority: '" + priority + "' is not a known priority");
                else if (rank > 0) set["priority"] = config.priorities[static_cast<std::size_t>(rank - 1)].id;
                break;  // already the most urgent: nothing to do
            }
            case ActionKind::AddComment: add_comment(action.text, action.internal); break;
            case ActionKind::Notify:
                firing.notifications.push_back(action.text);
                add_comment("Notified: " + action.text, true);
                break;
        }
    }
    json records = json::array();
    if (!set.empty()) records.push_back({{"op", "update"}, {"id", t.id}, {"set", std::move(set)}});
    for (json& c : comments) records.push_back(std::move(c));
    if (records.empty()) return firing;
    json change = records.size() == 1 ? std::move(records[0]) : json{{"op", "batch"}, {"changes", std::move(records)}};
    change["at"] = context.now;
    change["by"] = actor;
    firing.change = std::move(change);
    return firing;
}

// -----------------------------------------------------------------------------
// [SECTION] Cascades and timed passes
// -----------------------------------------------------------------------------

// One cascade: a queue of events, the (rule, ticket) pairs that have fired, the report.
class Cascade {
public:
    Cascade(const RuleSettings& settings, const Board& board, const RuleContext& context, const ApplyRecord& apply)
        : settings_(settings), board_(board), context_(context), apply_(apply) {}

    void Push(std::vector<ChangeEvent> events, int depth) {
        for (ChangeEvent& e : events) queue_.push_back({std::move(e), depth});
    }

    // Event-driven rules for everything queued, and for what they cause.
    void Drain() {
        while (!queue_.empty()) {
            auto [event, depth] = std::move(queue_.front());
            queue_.pop_front();
            if (depth >= kMaxCascadeDepth) {
                run_.depth_limited = true;
                continue;
            }
            for (std::size_t i = 0; i < settings_.rules.size(); ++i) {
                const Rule& rule = settings_.rules[i];
                if (rule.enabled && !IsTimed(rule.trigger.kind) && TriggerMatches(rule.trigger, event))
                    Fire(i, event.ticket_id, depth);
            }
        }
    }

    // Rule `i` on the ticket, if it has not fired for it in this cascade and its condition
    // holds now; what it causes is queued one level deeper.
    void Fire(std::size_t i, const std::string& ticket_id, int depth) {
        const Rule& rule = settings_.rules[i];
        if (fired_.count({i, ticket_id})) return;
        const Ticket* t = board_.Find(ticket_id);
        if (!t || t->deleted || !ConditionHolds(rule, *t, board_, context_.now)) return;
        fired_.insert({i, ticket_id});
        RuleFiring firing = Plan(rule, i, *t, board_, context_);
        if (firing.change.is_null()) return;
        Result<Applied> applied = apply_(firing.change);
        if (!applied) {
            run_.errors.push_back(RuleError{i, ticket_id, applied.error()});
            return;
        }
        if (!applied.value().inverse.is_null()) run_.inverses.push_back(applied.value().inverse);
        Push(EventsFromApplied(firing.change, applied.value(), board_), depth + 1);
        run_.fired.push_back(std::move(firing));
    }

    RuleRun Take() { return std::move(run_); }

private:
    const RuleSettings& settings_;
    const Board& board_;
    const RuleContext& context_;
    const ApplyRecord& apply_;
    std::deque<std::pair<ChangeEvent, int>> queue_;
    std::set<std::pair<std::size_t, std::string>> fired_;
    RuleRun run_;
};

using TimedCandidate = TimedSchedule::Candidate;

// One pass over the tickets, all of a ticket's rules while it is in cache (a Ticket is
// some 500 bytes: reading them is most of what a pass over 100k costs), cheap tests first.
std::vector<TimedCandidate> CollectTimed(const RuleSettings& settings, const Board& board, const RuleContext& context,
                                         const SlaFlagList& sla) {
    const Millis now = context.now;
    std::vector<std::size_t> timed;
    std::vector<std::string> actors;
    for (std::size_t i = 0; i < settings.rules.size(); ++i)
        if (settings.rules[i].enabled && IsTimed(settings.rules[i].trigger.kind)) {
            timed.push_back(i);
            actors.push_back(RuleActor(settings.rules[i]));
        }
    std::vector<TimedCandidate> out;
    if (timed.empty()) return out;
    const std::vector<std::string> done = StatusIds(board.config(), StatusCategory::Done);
    const std::vector<Ticket>& tickets = board.tickets();
    auto visit = [&](std::size_t pos) {
        const Ticket& t = tickets[pos];
        if (!LiveAndOpen(t, done)) return;
        for (std::size_t k = 0; k < timed.size(); ++k)
            if (TimedDue(settings.rules[timed[k]], actors[k], t, pos, board, now, sla, done))
                out.push_back({timed[k], pos});
    };
    if (context.open) {
        for (std::size_t pos : *context.open)
            if (pos < tickets.size()) visit(pos);
    } else {
        for (std::size_t pos = 0; pos < tickets.size(); ++pos) visit(pos);
    }
    return out;
}

// Applies what a pass found, each firing followed by its cascade. The triggers were read
// before any firing: a ticket idle for both of two rules gets both, though the first one's
// note ends the idle spell. Whether the ticket is still open, and the condition, are read
// again: an earlier rule may have closed it.
RuleRun FireTimed(const RuleSettings& settings, const Board& board, const RuleContext& context,
                  const std::vector<TimedCandidate>& candidates, const ApplyRecord& apply) {
    Cascade cascade(settings, board, context, apply);
    const std::vector<std::string> done = StatusIds(board.config(), StatusCategory::Done);
    for (const TimedCandidate& c : candidates) {
        if (!LiveAndOpen(board.tickets()[c.pos], done)) continue;
        cascade.Fire(c.rule, board.tickets()[c.pos].id, 0);
        cascade.Drain();
    }
    return cascade.Take();
}

}  // namespace

namespace {

// A ticket's flags from its two clocks: at risk or breached when either is; breached since
// the earliest missed target.
SlaFlags FlagsOfState(const SlaState& state) {
    SlaFlags flags;
    for (const SlaClock* clock : {&state.response, &state.resolution}) {
        if (clock->breached) {
            flags.breached = true;
            if (clock->target_at > 0 && (flags.breached_since == 0 || clock->target_at < flags.breached_since))
                flags.breached_since = clock->target_at;
        }
        flags.at_risk |= clock->at_risk;
    }
    return flags;
}

}  // namespace

SlaFlagList SlaFlagsOf(const Board& board, const SlaSettings& sla, Millis now) {
    SlaFlagList out;
    if (!sla.enabled) return out;
    const std::vector<std::string> done = StatusIds(board.config(), StatusCategory::Done);
    const std::vector<Ticket>& tickets = board.tickets();
    out.resize(tickets.size());
    for (std::size_t pos = 0; pos < tickets.size(); ++pos)
        if (LiveAndOpen(tickets[pos], done)) out[pos] = FlagsOfState(ComputeSla(tickets[pos], board.config(), sla, now));
    return out;
}

namespace {

constexpr Millis kNever = std::numeric_limits<Millis>::max();

void HashText(std::uint64_t& hash, const std::string& text) {  // FNV-1a; the ids are short
    for (char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    hash = (hash ^ 0xFFu) * 1099511628211ull;  // ends the field: "ab","c" differs from "a","bc"
}

SlaFlagCache::Key KeyOf(const Ticket& t) {
    SlaFlagCache::Key key;
    key.created = t.created;
    key.updated = t.updated;
    key.first_response_at = t.first_response_at;
    key.resolved_at = t.resolved_at;
    key.history_size = t.history.size();
    key.last_history_at = t.history.empty() ? 0 : t.history.back().at;
    key.deleted = t.deleted;
    std::uint64_t hash = 14695981039346656037ull;
    HashText(hash, t.status);
    HashText(hash, t.priority);
    HashText(hash, t.type);
    key.text = hash;
    return key;
}

// The settings and the parts of the configuration ComputeSla reads, as text.
std::string SlaSettingsKey(const BoardConfig& config, const SlaSettings& sla) {
    std::string key = ToJson(sla).dump();
    for (const StatusDef& s : config.statuses) key += "|" + s.id + ":" + ToString(s.category);
    for (const PriorityDef& p : config.priorities)
        key += "|" + p.id + ":" + std::to_string(p.response_minutes) + ":" + std::to_string(p.resolution_minutes);
    return key;
}

// Whether the clocks of a ticket read anything dated after `now` (a status change, the
// first response...): then they change when that time comes, and are not kept.
bool DatedAfter(const Ticket& t, Millis now) {
    if (t.created > now || t.updated > now || t.first_response_at > now || t.resolved_at > now) return true;
    return std::any_of(t.history.begin(), t.history.end(), [&](const HistoryEntry& h) { return h.at > now; });
}

// The business-clock reading at which a clock computed at `clock_now` first reads
// differently: a running clock (counting, not breached) reaches its warning share, then
// its budget. Completed and paused clocks read the same until the ticket changes.
Millis ClockLimit(const SlaClock& clock, Millis clock_now, int warn_percent) {
    if (clock.budget <= 0 || clock.completed || clock.paused || clock.breached) return kNever;
    Millis limit = clock_now + clock.remaining;  // breached once elapsed >= budget
    if (!clock.at_risk) {  // at risk once elapsed * 100 >= budget * warn_percent
        const Millis warn_at = (clock.budget * warn_percent + 99) / 100;
        limit = std::min(limit, clock_now + (warn_at - clock.elapsed_business));
    }
    return limit;
}

}  // namespace

void SlaFlagCache::Clear() {
    settings_.clear();
    entries_.clear();
    flags_.clear();
    recomputed_ = 0;
}

// Whether the flags can be kept: false when the SLA is off (then there are none).
bool SlaFlagCache::Prepare(const Board& board, const SlaSettings& sla) {
    recomputed_ = 0;
    if (!sla.enabled) {
        Clear();
        return false;
    }
    if (std::string settings = SlaSettingsKey(board.config(), sla); settings != settings_) {
        settings_ = std::move(settings);
        entries_.clear();
    }
    const std::size_t size = board.tickets().size();
    entries_.resize(size);
    flags_.resize(size);
    return true;
}

// One ticket's flags, worked out again when they may read differently.
void SlaFlagCache::Refresh(const Board& board, const SlaSettings& sla, Millis now, std::size_t pos, Millis clock_now,
                           bool in_calendar, const std::vector<std::string>& done) {
    const Ticket& t = board.tickets()[pos];
    Entry& entry = entries_[pos];
    const Key key = KeyOf(t);
    if (entry.known && entry.key == key && entry.computed_at <= now && clock_now < entry.clock_limit) return;
    ++recomputed_;
    entry.key = key;
    entry.known = true;
    if (!LiveAndOpen(t, done)) {  // no flags, whatever the time
        flags_[pos] = SlaFlags{};
        entry.computed_at = std::numeric_limits<Millis>::min();
        entry.clock_limit = kNever;
        return;
    }
    const SlaState state = ComputeSla(t, board.config(), sla, now);
    flags_[pos] = FlagsOfState(state);
    entry.computed_at = now;
    entry.clock_limit = !in_calendar || DatedAfter(t, now)
                            ? std::numeric_limits<Millis>::min()
                            : std::min(ClockLimit(state.response, clock_now, sla.warn_percent),
                                       ClockLimit(state.resolution, clock_now, sla.warn_percent));
}

const SlaFlagList& SlaFlagCache::Flags(const Board& board, const SlaSettings& sla, Millis now) {
    if (!Prepare(board, sla)) return flags_;
    flagged_.clear();
    // Past the calendar's years ComputeSla holds `now` at the end: nothing is kept there.
    const bool in_calendar = now > kCalendarStart && now < kCalendarEnd;
    const Millis clock_now = in_calendar ? sla.calendar.BusinessClock(now) : 0;
    const std::vector<std::string> done = StatusIds(board.config(), StatusCategory::Done);
    for (std::size_t pos = 0; pos < board.tickets().size(); ++pos) Refresh(board, sla, now, pos, clock_now, in_calendar, done);
    return flags_;
}

const SlaFlagList& SlaFlagCache::Flags(const Board& board, const SlaSettings& sla, Millis now,
                                       const std::vector<std::size_t>& open) {
    if (!Prepare(board, sla)) return flags_;
    // Tickets flagged last time that are no longer open lose their flags.
    for (std::size_t pos : flagged_)
        if (pos < flags_.size() && !std::binary_search(open.begin(), open.end(), pos)) {
            flags_[pos] = SlaFlags{};
            entries_[pos].known = false;
        }
    flagged_.clear();
    const bool in_calendar = now > kCalendarStart && now < kCalendarEnd;
    const Millis clock_now = in_calendar ? sla.calendar.BusinessClock(now) : 0;
    const std::vector<std::string> done = StatusIds(board.config(), StatusCategory::Done);
    for (std::size_t pos : open) {
        if (pos >= flags_.size()) continue;
        Refresh(board, sla, now, pos, clock_now, in_calendar, done);
        if (flags_[pos].at_risk || flags_[pos].breached) flagged_.push_back(pos);
    }
    return flags_;
}

// --- open tickets --------------------------------------------------------------------

bool OpenTickets::Open(const Ticket& t) const { return LiveAndOpen(t, done_); }

void OpenTickets::Rebuild(const Board& board) {
    done_ = StatusIds(board.config(), StatusCategory::Done);
    const std::vector<Ticket>& tickets = board.tickets();
    open_.assign(tickets.size(), 0);
    for (std::size_t pos = 0; pos < tickets.size(); ++pos) open_[pos] = Open(tickets[pos]);
    stale_ = true;
}

void OpenTickets::Update(const Board& board, const std::vector<std::string>& touched) {
    const std::vector<Ticket>& tickets = board.tickets();
    if (open_.size() > tickets.size()) return Rebuild(board);  // a different board
    for (std::size_t pos = open_.size(); pos < tickets.size(); ++pos) open_.push_back(Open(tickets[pos]));
    for (const std::string& id : touched)
        if (long pos = board.IndexOf(id); pos >= 0) open_[static_cast<std::size_t>(pos)] = Open(tickets[pos]);
    stale_ = true;
}

const std::vector<std::size_t>& OpenTickets::positions() const {
    if (stale_) {
        positions_.clear();
        for (std::size_t pos = 0; pos < open_.size(); ++pos)
            if (open_[pos]) positions_.push_back(pos);
        stale_ = false;
    }
    return positions_;
}

bool HasTimedRules(const RuleSettings& settings) {
    return std::any_of(settings.rules.begin(), settings.rules.end(),
                       [](const Rule& r) { return r.enabled && IsTimed(r.trigger.kind); });
}

bool ReadsSla(const RuleSettings& settings) {
    return std::any_of(settings.rules.begin(), settings.rules.end(), [](const Rule& r) {
        return r.enabled && (r.trigger.kind == TriggerKind::SlaAtRisk || r.trigger.kind == TriggerKind::SlaBreached);
    });
}

std::vector<RuleFiring> EvaluateOnChange(const RuleSettings& settings, const Board& board, const ChangeEvent& event,
                                         const RuleContext& context) {
    std::vector<RuleFiring> out;
    const Ticket* t = board.Find(event.ticket_id);
    if (!t || t->deleted) return out;
    for (std::size_t i = 0; i < settings.rules.size(); ++i) {
        const Rule& rule = settings.rules[i];
        if (!rule.enabled || IsTimed(rule.trigger.kind) || !TriggerMatches(rule.trigger, event) ||
            !ConditionHolds(rule, *t, board, context.now))
            continue;
        RuleFiring firing = Plan(rule, i, *t, board, context);
        if (!firing.change.is_null()) out.push_back(std::move(firing));
    }
    return out;
}

std::vector<RuleFiring> EvaluateTimed(const RuleSettings& settings, const Board& board, const RuleContext& context,
                                      const SlaFlagList& sla) {
    std::vector<RuleFiring> out;
    for (const TimedCandidate& c : CollectTimed(settings, board, context, sla)) {
        RuleFiring firing = Plan(settings.rules[c.rule], c.rule, board.tickets()[c.pos], board, context);
        if (!firing.change.is_null()) out.push_back(std::move(firing));
    }
    return out;
}

RuleRun RunCascade(const RuleSettings& settings, const Board& board, std::vector<ChangeEvent> events,
                   const RuleContext& context, const ApplyRecord& apply) {
    Cascade cascade(settings, board, context, apply);
    cascade.Push(std::move(events), 0);
    cascade.Drain();
    return cascade.Take();
}

RuleRun RunCascade(const RuleSettings& settings, Board& board, std::vector<ChangeEvent> events,
                   const RuleContext& context) {
    ApplyRecord apply = [&](const json& change) { return ApplyChange(board, change); };
    return RunCascade(settings, std::as_const(board), std::move(events), context, apply);
}

RuleRun RunTimed(const RuleSettings& settings, const Board& board, const RuleContext& context, const SlaFlagList& sla,
                 const ApplyRecord& apply) {
    return FireTimed(settings, board, context, CollectTimed(settings, board, context, sla), apply);
}

RuleRun RunTimed(const RuleSettings& settings, Board& board, const RuleContext& context, const SlaFlagList& sla) {
    ApplyRecord apply = [&](const json& change) { return ApplyChange(board, change); };
    return RunTimed(settings, std::as_const(board), context, sla, apply);
}

// -----------------------------------------------------------------------------
// [SECTION] Timed passes that come again
// -----------------------------------------------------------------------------

namespace {

// Whether a condition can change its answer while the ticket does not: it reads the clock
// (relative dates; is:overdue, is:breached, is:at-risk) or other tickets (is:blocked).
bool ConditionMoves(const Rule& rule) {
    if (Trim(rule.condition).empty()) return false;
    Result<Query> query = ParseQuery(rule.condition);
    if (!query) return true;  // cannot tell: read it every pass
    for (const QueryTerm& term : query.value().terms) {
        if (term.relative) return true;
        if (term.field == QueryField::Is) {
            const std::string value = FoldText(term.value);
            if (value != "open" && value != "closed" && value != "unassigned" && value != "deleted") return true;
        }
    }
    return false;
}

// The first instant at or after `now` when the flags of a ticket whose clocks read `state`
// may read differently: when a running clock reaches its warning or its target.
Millis FlagsMoveAt(const SlaState& state, const SlaSettings& sla, Millis now, Millis clock_now) {
    const Millis limit = std::min(ClockLimit(state.response, clock_now, sla.warn_percent),
                                  ClockLimit(state.resolution, clock_now, sla.warn_percent));
    return limit == kNever ? kNever : sla.calendar.InstantAt(limit, now);
}

}  // namespace

void TimedSchedule::Clear() {
    known_ = false;
    slots_.clear();
    dirty_.clear();
    heap_.clear();
}

void TimedSchedule::Update(const Board& board, const std::vector<std::string>& touched) {
    if (!known_) return;  // the next pass reads everything anyway
    if (board.tickets().size() < slots_.size()) return Clear();  // a different board
    for (const std::string& id : touched) {
        const long pos = board.IndexOf(id);
        if (pos < 0 || static_cast<std::size_t>(pos) >= slots_.size() || slots_[pos].dirty) continue;
        slots_[pos].dirty = true;
        dirty_.push_back(static_cast<std::uint32_t>(pos));
    }
}

// The timed rules and what is known of their conditions, after the settings changed.
void TimedSchedule::Learn(const RuleSettings& settings) {
    timed_.clear();
    actors_.clear();
    moving_.clear();
    for (std::size_t i = 0; i < settings.rules.size(); ++i) {
        const Rule& rule = settings.rules[i];
        if (!rule.enabled || !IsTimed(rule.trigger.kind)) continue;
        timed_.push_back(i);
        actors_.push_back(RuleActor(rule));
        moving_.push_back(ConditionMoves(rule));
    }
}

// Positions to read this pass, ascending: every open one, or the changed, the new and
// those whose instant has come.
std::vector<std::size_t> TimedSchedule::Pending(const Board& board, const RuleContext& context, bool everything) {
    const std::size_t size = board.tickets().size();
    std::vector<std::size_t> out;
    if (everything) {
        known_ = true;
        slots_.assign(size, Slot{});
        dirty_.clear();
        heap_.clear();
        if (context.open) {
            for (std::size_t pos : *context.open)
                if (pos < size) out.push_back(pos);
            if (!std::is_sorted(out.begin(), out.end())) std::sort(out.begin(), out.end());
        } else {
            for (std::size_t pos = 0; pos < size; ++pos) out.push_back(pos);
        }
        return out;
    }
    ++pass_;
    auto add = [&](std::size_t pos) {
        if (slots_[pos].seen == pass_) return;
        slots_[pos].seen = pass_;
        out.push_back(pos);
    };
    for (std::uint32_t pos : dirty_) {
        slots_[pos].dirty = false;
        add(pos);
    }
    dirty_.clear();
    const Millis now = context.now;
    while (!heap_.empty() && heap_.front().first <= now) {
        std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
        const auto [at, pos] = heap_.back();
        heap_.pop_back();
        if (slots_[pos].next != at) continue;  // stale: the ticket was read since, for another instant
        slots_[pos].next = kNever;
        add(pos);
    }
    for (std::size_t pos = slots_.size(); pos < size; ++pos) out.push_back(pos);  // new tickets
    slots_.resize(size);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<TimedSchedule::Candidate> TimedSchedule::Collect(const RuleSettings& settings, const SlaSettings& sla,
                                                             const Board& board, const RuleContext& context) {
    const Millis now = context.now;
    const std::vector<Ticket>& tickets = board.tickets();
    const std::vector<std::string> done = StatusIds(board.config(), StatusCategory::Done);
    const bool reads_sla = sla.enabled && ReadsSla(settings);
    std::string signature = ToJson(settings).dump();
    for (const std::string& d : done) signature += "|" + d;
    if (reads_sla) signature += "|" + SlaSettingsKey(board.config(), sla);
    const bool everything = !known_ || signature != signature_ || now < last_now_ || tickets.size() < slots_.size();
    if (signature != signature_) {
        signature_ = std::move(signature);
        Learn(settings);
    }
    last_now_ = now;
    const std::vector<std::size_t> pending = Pending(board, context, everything);
    looked_at_ = pending.size();

    // As SlaFlagCache: past the calendar's years nothing is kept.
    const bool in_calendar = now > kCalendarStart && now < kCalendarEnd;
    const Millis clock_now = reads_sla && in_calendar ? sla.calendar.BusinessClock(now) : 0;
    std::vector<Candidate> out;
    for (std::size_t pos : pending) {
        const Ticket& t = tickets[pos];
        Millis next = kNever;  // when to read this ticket again, if it does not change
        if (LiveAndOpen(t, done)) {
            SlaFlags flags;
            if (reads_sla) {
                const SlaState state = ComputeSla(t, board.config(), sla, now);
                flags = FlagsOfState(state);
                next = !in_calendar || DatedAfter(t, now) ? now : FlagsMoveAt(state, sla, now, clock_now);
            }
            for (std::size_t k = 0; k < timed_.size(); ++k) {
                const Rule& rule = settings.rules[timed_[k]];
                const std::optional<Millis> since = Occurrence(rule.trigger, t, flags, now, done);
                if (!since) {
                    next = std::min(next, TriggerStart(rule.trigger, t));
                    continue;
                }
                const bool holds = ConditionHolds(rule, t, board, now);
                // Fired, or a condition that cannot come to hold: nothing until the ticket changes.
                if ((!holds && !moving_[k]) || FiredSince(t, actors_[k], *since)) continue;
                if (holds) out.push_back({timed_[k], pos});
                next = now;  // due now (tried again if it is still due), or the condition may come to hold
            }
        }
        Slot& slot = slots_[pos];
        if (next != kNever && next != slot.next) {
            heap_.push_back({next, static_cast<std::uint32_t>(pos)});
            std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
        }
        slot.next = next;
    }
    // Entries left behind by tickets read before their instant: dropped once they are most of the heap.
    if (heap_.size() > 2 * slots_.size() + 1024) {
        heap_.clear();
        for (std::size_t pos = 0; pos < slots_.size(); ++pos)
            if (slots_[pos].next != kNever) heap_.push_back({slots_[pos].next, static_cast<std::uint32_t>(pos)});
        std::make_heap(heap_.begin(), heap_.end(), std::greater<>());
    }
    return out;
}

std::vector<RuleFiring> TimedSchedule::Evaluate(const RuleSettings& settings, const SlaSettings& sla,
                                                const Board& board, const RuleContext& context) {
    std::vector<RuleFiring> out;
    for (const Candidate& c : Collect(settings, sla, board, context)) {
        RuleFiring firing = Plan(settings.rules[c.rule], c.rule, board.tickets()[c.pos], board, context);
        if (!firing.change.is_null()) out.push_back(std::move(firing));
    }
    return out;
}

RuleRun TimedSchedule::Run(const RuleSettings& settings, const SlaSettings& sla, const Board& board,
                           const RuleContext& context, const ApplyRecord& apply) {
    const std::vector<Candidate> due = Collect(settings, sla, board, context);
    ApplyRecord noted = [&](const json& change) {
        Result<Applied> applied = apply(change);
        if (applied) Update(board, applied.value().touched);
        return applied;
    };
    return FireTimed(settings, board, context, due, noted);
}

// -----------------------------------------------------------------------------
// [SECTION] Dry run
// -----------------------------------------------------------------------------

Result<RulePreview> PreviewRule(Rule rule, const Board& board, const RuleContext& context, const SlaFlagList& sla,
                                std::size_t max_firings) {
    if (auto checked = CheckRule(rule, board.config(), ""); !checked) return checked.error();
    RulePreview preview;
    const std::vector<std::string> done = StatusIds(board.config(), StatusCategory::Done);
    const std::string actor = RuleActor(rule);
    bool timed = IsTimed(rule.trigger.kind);
    const std::vector<Ticket>& tickets = board.tickets();
    for (std::size_t pos = 0; pos < tickets.size(); ++pos) {
        const Ticket& t = tickets[pos];
        bool matches = timed ? LiveAndOpen(t, done) && TimedDue(rule, actor, t, pos, board, context.now, sla, done)
                             : !t.deleted && ConditionHolds(rule, t, board, context.now);
        if (!matches) continue;
        preview.tickets.push_back(pos);
        if (preview.firings.size() < max_firings) preview.firings.push_back(Plan(rule, 0, t, board, context));
    }
    return preview;
}

}  // namespace tackboard
