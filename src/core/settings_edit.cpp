// settings_edit.cpp — settings edits that reach into tickets (settings_edit.hpp).
#include "core/settings_edit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <set>

#include "core/config_check.hpp"
#include "core/dates.hpp"
#include "core/text_fold.hpp"
#include "core/ticket_json.hpp"
#include "core/utf8.hpp"

namespace tackboard {

namespace {

using nlohmann::json;

json InternalComment(const std::string& ticket, std::string body, Millis now, const std::string& author,
                     const std::function<std::string()>& new_comment_id) {
    json comment = {{"author", author}, {"at", now}, {"body", std::move(body)}, {"internal", true}};
    // Without an id, App::Execute names the comment (the UI has no id generator).
    if (std::string id = new_comment_id ? new_comment_id() : std::string(); !id.empty()) comment["id"] = std::move(id);
    return {{"op", "comment"}, {"id", ticket}, {"comment", std::move(comment)}};
}

bool IsEmpty(const json& v) {
    return v.is_null() || (v.is_string() && Trimmed(v.get_ref<const std::string&>()).empty()) || (v.is_array() && v.empty());
}

const char* KindWords(FieldKind kind) {
    switch (kind) {
        case FieldKind::Text: return "text";
        case FieldKind::LongText: return "long text";
        case FieldKind::Number: return "number";
        case FieldKind::Select: return "single choice";
        case FieldKind::MultiSelect: return "multiple choice";
        case FieldKind::Date: return "date";
        case FieldKind::Checkbox: return "checkbox";
        case FieldKind::Member: return "member";
    }
    return "field";
}

std::string NumberText(const json& v) {
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    return v.dump();  // the shortest text that reads back as the same double
}

// A held value as a person reads it; `kind` is the field's kind when it was stored.
std::string ValueText(const json& v, FieldKind kind, const BoardConfig& config) {
    if (v.is_string()) {
        if (kind == FieldKind::Member)
            if (const MemberDef* m = config.FindMember(v.get<std::string>())) return m->name;
        return v.get<std::string>();
    }
    if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
    if (v.is_number_integer() && kind == FieldKind::Date) return FormatIsoDate(v.get<Millis>());
    if (v.is_number()) return NumberText(v);
    if (v.is_array()) {
        std::string out;
        for (const auto& item : v) out += (out.empty() ? "" : ", ") + ValueText(item, FieldKind::Text, config);
        return out;
    }
    return v.dump();
}

// The option of `options` that `text` names, letter case and accents aside.
const std::string* MatchOption(const std::vector<std::string>& options, std::string_view text) {
    const std::string wanted = FoldText(Trimmed(text));
    for (const auto& option : options)
        if (FoldText(option) == wanted) return &option;
    return nullptr;
}

std::vector<std::string> Items(const json& v, FieldKind kind, const BoardConfig& config) {
    std::vector<std::string> items;
    if (v.is_array()) {
        for (const auto& item : v) items.push_back(ValueText(item, FieldKind::Text, config));
        return items;
    }
    std::string text = ValueText(v, kind, config);
    std::size_t start = 0;
    for (;;) {  // "VPN, Mail" -> VPN | Mail
        const std::size_t comma = text.find(',', start);
        std::string item = Trimmed(std::string_view(text).substr(start, comma - start));
        if (!item.empty()) items.push_back(std::move(item));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return items;
}

std::optional<double> ParseNumber(std::string_view text) {
    const std::string trimmed = Trimmed(text);
    if (trimmed.empty()) return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(trimmed.c_str(), &end);
    if (end != trimmed.c_str() + trimmed.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<bool> ParseYesNo(std::string_view text) {
    static const std::set<std::string> yes = {"yes", "y", "true", "1", "x", "on", "oui", "ja", "是"};
    static const std::set<std::string> no = {"no", "n", "false", "0", "off", "non", "nej", "否"};
    const std::string folded = FoldText(Trimmed(text));
    if (yes.count(folded)) return true;
    if (no.count(folded)) return false;
    return std::nullopt;
}

json NumberValue(double d) {
    if (std::floor(d) == d && std::fabs(d) < 9e15) return json(static_cast<long long>(d));
    return json(d);
}

}  // namespace

Status CheckStatusNames(const std::vector<StatusDef>& statuses) {
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        const std::string where = "/statuses/" + std::to_string(i) + "/name";
        if (Trimmed(statuses[i].name).empty()) return Error{"a status needs a name", where};
        for (std::size_t j = 0; j < i; ++j)
            if (FoldText(Trimmed(statuses[j].name)) == FoldText(Trimmed(statuses[i].name)))
                return Error{"two statuses are called \"" + Trimmed(statuses[i].name) + "\"", where};
    }
    return Ok{};
}

std::vector<std::string> UnreachableStatuses(const BoardConfig& config) {
    if (config.transitions.empty() || config.statuses.empty()) return {};
    std::set<std::string> reached = {config.statuses.front().id};
    std::deque<std::string> queue = {config.statuses.front().id};
    while (!queue.empty()) {
        const std::string from = queue.front();
        queue.pop_front();
        for (const TransitionDef& t : config.transitions)
            if (t.from == from && reached.insert(t.to).second) queue.push_back(t.to);
    }
    std::vector<std::string> out;
    for (const StatusDef& s : config.statuses)
        if (!reached.count(s.id)) out.push_back(s.name);
    return out;
}

Result<json> DeleteStatusChange(const Board& board, std::string_view status_id, std::string_view move_to) {
    const BoardConfig& config = board.config();
    const std::string id(status_id), target(move_to);
    if (!config.FindStatus(id)) return Error{"there is no status \"" + id + "\""};
    if (config.statuses.size() < 2) return Error{"a board needs at least one status: this is the last"};
    if (target == id) return Error{"tickets cannot be moved to the status being deleted"};
    BoardConfig final_config = config;
    std::erase_if(final_config.statuses, [&](const StatusDef& s) { return s.id == id; });
    std::erase_if(final_config.transitions, [&](const TransitionDef& t) { return t.from == id || t.to == id; });
    json changes = json::array();
    for (const Ticket& t : board.tickets()) {
        if (t.deleted || t.status != id) continue;
        if (changes.empty()) {
            if (!config.FindStatus(target)) return Error{"there is no status \"" + target + "\" to move its tickets to"};
            // The moves are the team's decision, not a step of the workflow: they are made
            // under a free matrix, which the final configuration then replaces.
            BoardConfig free = config;
            free.transitions.clear();
            changes.push_back({{"op", "config"}, {"config", ConfigToJson(free)}});
        }
        changes.push_back({{"op", "update"}, {"id", t.id}, {"set", {{"status", target}}}});
    }
    changes.push_back({{"op", "config"}, {"config", ConfigToJson(final_config)}});
    return json{{"op", "batch"}, {"changes", std::move(changes)}};
}

namespace {

// `changes` (ticket updates) then the configuration `next`, as one record; the
// configuration alone when no ticket changes.
json ConfigBatch(json changes, const BoardConfig& next) {
    json config = {{"op", "config"}, {"config", ConfigToJson(next)}};
    if (changes.empty()) return config;
    changes.push_back(std::move(config));
    return json{{"op", "batch"}, {"changes", std::move(changes)}};
}

// The record that sets each live ticket's labels to what `relabel` makes of them, where
// that differs, then the configuration `next`. Labels are applied first and then the
// configuration, so undo puts the configuration back before the tickets.
json RelabelBatch(const Board& board, const BoardConfig& next,
                  const std::function<std::vector<std::string>(const std::vector<std::string>&)>& relabel) {
    json changes = json::array();
    for (const Ticket& t : board.tickets()) {
        if (t.deleted) continue;
        std::vector<std::string> labels = relabel(t.labels);
        if (labels != t.labels) changes.push_back({{"op", "update"}, {"id", t.id}, {"set", {{"labels", labels}}}});
    }
    return ConfigBatch(std::move(changes), next);
}

std::vector<LabelDef>::iterator FindLabel(std::vector<LabelDef>& labels, const std::string& name) {
    return std::find_if(labels.begin(), labels.end(), [&](const LabelDef& l) { return l.name == name; });
}

}  // namespace

namespace {

// Minutes in the unit a lead wrote after an amount (lower case), or 0 for no unit we know.
int MinutesPerUnit(const std::string& unit) {
    static const std::pair<const char*, int> kUnits[] = {
        {"m", 1},      {"min", 1},       {"mins", 1},     {"minute", 1},   {"minutes", 1},   {"mn", 1},
        {"minut", 1},  {"minuter", 1},   {"分", 1},       {"分钟", 1},     {"h", 60},        {"hr", 60},
        {"hrs", 60},   {"hour", 60},     {"hours", 60},   {"heure", 60},   {"heures", 60},   {"t", 60},
        {"tim", 60},   {"timme", 60},    {"timmar", 60},  {"时", 60},      {"小时", 60},     {"d", 1440},
        {"day", 1440}, {"days", 1440},   {"j", 1440},     {"jour", 1440},  {"jours", 1440},  {"dag", 1440},
        {"dagar", 1440}, {"天", 1440},   {"日", 1440},
    };
    for (const auto& [name, minutes] : kUnits)
        if (unit == name) return minutes;
    return 0;
}

}  // namespace

Result<int> ParseDurationMinutes(std::string_view text) {
    const std::string input = Trimmed(text);
    constexpr long long kMaxMinutes = 5256000;  // ten years, as SLA policies allow
    long long total = 0;
    std::size_t i = 0;
    while (i < input.size()) {
        if (input[i] == ' ') {
            ++i;
            continue;
        }
        if (input[i] < '0' || input[i] > '9')
            return Error{"write a duration like 30m, 4h or 2d (m: minutes, h: hours, d: days)"};
        long long amount = 0;
        while (i < input.size() && input[i] >= '0' && input[i] <= '9') {
            amount = amount * 10 + (input[i++] - '0');
            if (amount > kMaxMinutes) return Error{"a target can be at most ten years"};
        }
        while (i < input.size() && input[i] == ' ') ++i;
        // The unit: everything up to the next space or digit ("h", "jours", "小时").
        std::string unit;
        while (i < input.size() && input[i] != ' ' && (input[i] < '0' || input[i] > '9')) {
            const char c = input[i++];
            unit += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        }
        const long long per = unit.empty() ? 1 : MinutesPerUnit(unit);
        if (per == 0) return Error{"write a duration like 30m, 4h or 2d (m: minutes, h: hours, d: days)"};
        total += amount * per;
        if (total > kMaxMinutes) return Error{"a target can be at most ten years"};
    }
    return static_cast<int>(total);
}

std::string FormatDurationMinutes(int minutes) {
    if (minutes <= 0) return {};
    std::string out;
    auto part = [&](int amount, const char* unit) {
        if (amount > 0) out += (out.empty() ? "" : " ") + std::to_string(amount) + unit;
    };
    part(minutes / (24 * 60), "d");
    part(minutes / 60 % 24, "h");
    part(minutes % 60, "m");
    return out;
}

Result<json> RenameLabelChange(const Board& board, std::string_view from, std::string_view to) {
    const std::string old_name(from), new_name = Trimmed(to);
    BoardConfig next = board.config();
    auto label = FindLabel(next.labels, old_name);
    if (label == next.labels.end()) return Error{"there is no label \"" + old_name + "\""};
    if (new_name.empty()) return Error{"a label needs a name"};
    if (new_name == old_name) return Error{"the label is already called \"" + new_name + "\""};
    for (const LabelDef& other : next.labels)
        if (other.name != old_name && FoldText(other.name) == FoldText(new_name))
            return Error{"there is already a label called \"" + other.name + "\""};
    label->name = new_name;
    return RelabelBatch(board, next, [&](const std::vector<std::string>& labels) {
        std::vector<std::string> out;
        for (const std::string& l : labels) {
            const std::string& kept = l == old_name ? new_name : l;
            if (std::find(out.begin(), out.end(), kept) == out.end()) out.push_back(kept);
        }
        return out;
    });
}

Result<json> DeleteLabelChange(const Board& board, std::string_view name) {
    const std::string label(name);
    BoardConfig next = board.config();
    auto found = FindLabel(next.labels, label);
    if (found == next.labels.end()) return Error{"there is no label \"" + label + "\""};
    next.labels.erase(found);
    return RelabelBatch(board, next, [&](std::vector<std::string> labels) {
        std::erase(labels, label);
        return labels;
    });
}

Result<json> DeletePriorityChange(const Board& board, std::string_view priority_id, std::string_view move_to) {
    const BoardConfig& config = board.config();
    const std::string id(priority_id), target(move_to);
    if (!config.FindPriority(id)) return Error{"there is no priority \"" + id + "\""};
    if (config.priorities.size() < 2) return Error{"a board needs at least one priority: this is the last"};
    if (target == id) return Error{"tickets cannot be moved to the priority being deleted"};
    if (!config.FindPriority(target)) return Error{"there is no priority \"" + target + "\" to move its tickets to"};
    BoardConfig next = config;
    std::erase_if(next.priorities, [&](const PriorityDef& p) { return p.id == id; });
    if (next.default_priority == id) next.default_priority = target;
    // SLA policies for the deleted priority would make the SLA settings unreadable.
    if (auto sla = next.extra.find("sla"); sla != next.extra.end() && sla->is_object())
        if (auto policies = sla->find("policies"); policies != sla->end() && policies->is_array()) {
            json kept = json::array();
            for (const json& policy : *policies)
                if (!policy.is_object() || policy.value("priority", std::string()) != id) kept.push_back(policy);
            *policies = std::move(kept);
        }
    json changes = json::array();
    for (const Ticket& t : board.tickets())
        if (!t.deleted && t.priority == id)
            changes.push_back({{"op", "update"}, {"id", t.id}, {"set", {{"priority", target}}}});
    return ConfigBatch(std::move(changes), next);
}

Result<json> DeleteMemberChange(const Board& board, std::string_view member_id) {
    const std::string id(member_id);
    if (!board.config().FindMember(id)) return Error{"there is no member \"" + id + "\""};
    BoardConfig next = board.config();
    std::erase_if(next.members, [&](const MemberDef& m) { return m.id == id; });
    json changes = json::array();
    for (const Ticket& t : board.tickets())
        if (!t.deleted && t.assignee == id) changes.push_back({{"op", "update"}, {"id", t.id}, {"set", {{"assignee", ""}}}});
    return ConfigBatch(std::move(changes), next);
}

FieldConversion ConvertFieldValue(const json& value, const FieldDef& from, const FieldDef& to, const BoardConfig& config,
                                  const OptionRenames& renamed) {
    if (IsEmpty(value)) return {json(), ""};
    // The choices held, under their new names where they were renamed.
    auto choices = [&]() {
        std::vector<std::string> items = Items(value, from.kind, config);
        if (IsChoice(from.kind))
            for (std::string& item : items)
                if (auto to_name = renamed.find(item); to_name != renamed.end()) item = to_name->second;
        return items;
    };
    const std::string text = ValueText(value, from.kind, config);
    auto lost = [&]() { return FieldConversion{json(), text}; };
    switch (to.kind) {
        case FieldKind::Text:
        case FieldKind::LongText:
            return {json(text), ""};
        case FieldKind::Number: {
            if (value.is_number() && from.kind != FieldKind::Date) return {value, ""};
            if (value.is_boolean()) return {json(value.get<bool>() ? 1 : 0), ""};
            if (from.kind == FieldKind::Date || from.kind == FieldKind::Member) return lost();
            auto items = Items(value, from.kind, config);
            if (items.size() != 1) return lost();
            if (auto number = ParseNumber(items.front())) return {NumberValue(*number), ""};
            return lost();
        }
        case FieldKind::Checkbox: {
            if (value.is_boolean()) return {value, ""};
            if (value.is_number() && from.kind != FieldKind::Date) return {json(value.get<double>() != 0), ""};
            if (value.is_string() && from.kind != FieldKind::Member)
                if (auto yes = ParseYesNo(value.get<std::string>())) return {json(*yes), ""};
            return lost();
        }
        case FieldKind::Date: {
            if (value.is_number_integer() && from.kind == FieldKind::Date) return {value, ""};
            if (value.is_string() && from.kind != FieldKind::Member)
                if (auto day = ParseIsoDate(Trimmed(value.get<std::string>()))) return {json(*day), ""};
            return lost();
        }
        case FieldKind::Select: {
            auto items = choices();
            if (items.size() == 1)
                if (const std::string* option = MatchOption(to.options, items.front())) return {json(*option), ""};
            return lost();
        }
        case FieldKind::MultiSelect: {
            json kept = json::array();
            std::string missing;
            for (const std::string& item : choices()) {
                const std::string* option = MatchOption(to.options, item);
                if (option && std::find(kept.begin(), kept.end(), *option) == kept.end()) kept.push_back(*option);
                else if (!option) missing += (missing.empty() ? "" : ", ") + item;
            }
            return {kept.empty() ? json() : kept, missing};
        }
        case FieldKind::Member: {
            if (!value.is_string()) return lost();
            const std::string wanted = FoldText(Trimmed(value.get<std::string>()));
            for (const MemberDef& m : config.members)
                if (FoldText(m.id) == wanted || FoldText(m.name) == wanted) return {json(m.id), ""};
            if (config.members.empty() && from.kind == FieldKind::Member) return {value, ""};
            return lost();
        }
    }
    return lost();
}

Result<json> ChangeFieldChange(const Board& board, std::string_view type_id, const FieldDef& changed, Millis now,
                               const std::string& author, const std::function<std::string()>& new_comment_id,
                               const OptionRenames& renamed) {
    const BoardConfig& config = board.config();
    const std::string type(type_id);
    const TicketTypeDef* def = config.FindType(type);
    if (!def) return Error{"there is no ticket type \"" + type + "\""};
    auto old_field = std::find_if(def->fields.begin(), def->fields.end(), [&](const FieldDef& f) { return f.id == changed.id; });
    if (old_field == def->fields.end()) return Error{"the type \"" + def->name + "\" has no field \"" + changed.id + "\""};
    BoardConfig next = config;
    for (TicketTypeDef& t : next.types)
        if (t.id == type)
            for (FieldDef& f : t.fields)
                if (f.id == changed.id) f = changed;
    if (auto usable = CheckConfig(next); !usable) return usable.error();

    json changes = json::array({{{"op", "config"}, {"config", ConfigToJson(next)}}});
    json comments = json::array();
    for (const Ticket& t : board.tickets()) {
        if (t.deleted || t.type != type) continue;
        auto held = t.fields.find(changed.id);
        if (held == t.fields.end()) continue;
        FieldConversion conversion = ConvertFieldValue(*held, *old_field, changed, next, renamed);
        if (conversion.value != *held)
            changes.push_back({{"op", "update"}, {"id", t.id}, {"set", {{"fields." + changed.id, conversion.value}}}});
        if (!conversion.lost.empty()) {
            std::string body = "\"" + changed.name + "\" became a " + KindWords(changed.kind) + " field. Its value \"" +
                               conversion.lost + "\" could not be converted, so it is kept here.";
            comments.push_back(InternalComment(t.id, std::move(body), now, author, new_comment_id));
        }
    }
    for (auto& comment : comments) changes.push_back(std::move(comment));
    if (changes.size() == 1) return std::move(changes[0]);
    return json{{"op", "batch"}, {"changes", std::move(changes)}};
}

// --- ticket types and their fields -------------------------------------------------------

namespace {

TicketTypeDef* FindTypeIn(BoardConfig& config, std::string_view id) {
    for (TicketTypeDef& t : config.types)
        if (t.id == id) return &t;
    return nullptr;
}

const FieldDef* FindFieldIn(const TicketTypeDef* type, std::string_view id) {
    if (!type) return nullptr;
    for (const FieldDef& f : type->fields)
        if (f.id == id) return &f;
    return nullptr;
}

json ConfigRecord(const BoardConfig& config) { return json{{"op", "config"}, {"config", ConfigToJson(config)}}; }

// The configuration as a change would leave it, refused when it is not usable.
Result<json> CheckedConfigRecord(const BoardConfig& config) {
    if (auto usable = CheckConfig(config); !usable) return usable.error();
    return ConfigRecord(config);
}

bool SameName(std::string_view a, std::string_view b) { return FoldText(Trimmed(a)) == FoldText(Trimmed(b)); }


// The configuration with no required field: tickets may change type in a batch before the
// final configuration (which may require fields they do not have) replaces it.
BoardConfig WithoutRequired(BoardConfig config) {
    for (TicketTypeDef& t : config.types)
        for (FieldDef& f : t.fields) f.required = false;
    return config;
}

}  // namespace

std::string IdFromName(std::string_view name, const std::vector<std::string>& taken, std::string_view fallback) {
    std::string base;
    for (char c : FoldText(Trimmed(name))) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (word) base += c;
        else if (!base.empty() && base.back() != '_') base += '_';
    }
    while (!base.empty() && base.back() == '_') base.pop_back();
    if (base.empty()) base = std::string(fallback);
    auto used = [&](const std::string& id) { return std::find(taken.begin(), taken.end(), id) != taken.end(); };
    std::string id = base;
    for (int n = 2; used(id); ++n) id = base + "_" + std::to_string(n);
    return id;
}

FieldChangeEffect FieldChangeEffectOf(const Board& board, std::string_view type_id, const FieldDef& changed,
                                      const OptionRenames& renamed) {
    FieldChangeEffect effect;
    const BoardConfig& config = board.config();
    const FieldDef* old_field = FindFieldIn(config.FindType(std::string(type_id)), changed.id);
    if (!old_field) return effect;
    for (const Ticket& t : board.tickets()) {
        if (t.deleted || t.type != type_id) continue;
        auto held = t.fields.find(changed.id);
        if (held == t.fields.end() || IsEmpty(*held)) continue;
        ++effect.holding;
        if (ConvertFieldValue(*held, *old_field, changed, config, renamed).lost.empty()) ++effect.converted;
        else ++effect.kept_as_comment;
    }
    return effect;
}

std::size_t TicketsHoldingField(const Board& board, std::string_view type_id, std::string_view field_id) {
    std::size_t count = 0;
    for (const Ticket& t : board.tickets()) {
        if (t.deleted || t.type != type_id) continue;
        auto held = t.fields.find(std::string(field_id));
        if (held != t.fields.end() && !IsEmpty(*held)) ++count;
    }
    return count;
}

std::size_t TicketsOfType(const Board& board, std::string_view type_id) {
    std::size_t count = 0;
    for (const Ticket& t : board.tickets())
        if (!t.deleted && t.type == type_id) ++count;
    return count;
}

Result<json> AddTypeChange(const Board& board, std::string_view name, std::string_view icon) {
    BoardConfig next = board.config();
    const std::string clean = Trimmed(name);
    if (clean.empty()) return Error{"a ticket type needs a name"};
    std::vector<std::string> taken;
    for (const TicketTypeDef& t : next.types) {
        if (SameName(t.name, clean)) return Error{"there is already a type called \"" + t.name + "\""};
        taken.push_back(t.id);
    }
    TicketTypeDef type;
    type.id = IdFromName(clean, taken, "type");
    type.name = clean;
    type.icon = std::string(icon);
    next.types.push_back(std::move(type));
    return CheckedConfigRecord(next);
}

Result<json> AddFieldChange(const Board& board, std::string_view type_id, std::string_view name, FieldKind kind,
                            const std::vector<std::string>& options) {
    BoardConfig next = board.config();
    TicketTypeDef* type = FindTypeIn(next, type_id);
    if (!type) return Error{"there is no ticket type \"" + std::string(type_id) + "\""};
    const std::string clean = Trimmed(name);
    if (clean.empty()) return Error{"a field needs a name"};
    std::vector<std::string> taken;
    for (const FieldDef& f : type->fields) {
        if (SameName(f.name, clean)) return Error{"the type \"" + type->name + "\" already has a field called \"" + f.name + "\""};
        taken.push_back(f.id);
    }
    FieldDef field;
    field.id = IdFromName(clean, taken, "field");
    field.name = clean;
    field.kind = kind;
    field.options = options;
    type->fields.push_back(std::move(field));
    return CheckedConfigRecord(next);
}

Result<json> RenameTypeChange(const Board& board, std::string_view type_id, std::string_view name) {
    BoardConfig next = board.config();
    TicketTypeDef* type = FindTypeIn(next, type_id);
    if (!type) return Error{"there is no ticket type \"" + std::string(type_id) + "\""};
    const std::string clean = Trimmed(name);
    if (clean.empty()) return Error{"a ticket type needs a name"};
    for (const TicketTypeDef& t : next.types)
        if (t.id != type_id && SameName(t.name, clean)) return Error{"there is already a type called \"" + t.name + "\""};
    type->name = clean;
    return CheckedConfigRecord(next);
}

Result<json> RenameFieldChange(const Board& board, std::string_view type_id, std::string_view field_id, std::string_view name) {
    BoardConfig next = board.config();
    TicketTypeDef* type = FindTypeIn(next, type_id);
    if (!type) return Error{"there is no ticket type \"" + std::string(type_id) + "\""};
    const std::string clean = Trimmed(name);
    if (clean.empty()) return Error{"a field needs a name"};
    FieldDef* renamed = nullptr;
    for (FieldDef& f : type->fields) {
        if (f.id == field_id) renamed = &f;
        else if (SameName(f.name, clean))
            return Error{"the type \"" + type->name + "\" already has a field called \"" + f.name + "\""};
    }
    if (!renamed) return Error{"the type \"" + type->name + "\" has no field \"" + std::string(field_id) + "\""};
    renamed->name = clean;
    return CheckedConfigRecord(next);
}

Result<json> MoveFieldChange(const Board& board, std::string_view type_id, std::string_view field_id, int by) {
    BoardConfig next = board.config();
    TicketTypeDef* type = FindTypeIn(next, type_id);
    if (!type) return Error{"there is no ticket type \"" + std::string(type_id) + "\""};
    auto& fields = type->fields;
    auto it = std::find_if(fields.begin(), fields.end(), [&](const FieldDef& f) { return f.id == field_id; });
    if (it == fields.end()) return Error{"the type \"" + type->name + "\" has no field \"" + std::string(field_id) + "\""};
    const long from = it - fields.begin();
    const long to = from + by;
    if (to < 0 || to >= static_cast<long>(fields.size())) return Error{"the field cannot move further"};
    FieldDef moved = std::move(fields[from]);
    fields.erase(fields.begin() + from);
    fields.insert(fields.begin() + to, std::move(moved));
    return CheckedConfigRecord(next);
}

Result<json> DeleteFieldChange(const Board& board, std::string_view type_id, std::string_view field_id, Millis now,
                               const std::string& author, const std::function<std::string()>& new_comment_id) {
    const BoardConfig& config = board.config();
    BoardConfig next = config;
    TicketTypeDef* type = FindTypeIn(next, type_id);
    if (!type) return Error{"there is no ticket type \"" + std::string(type_id) + "\""};
    const FieldDef* field = FindFieldIn(config.FindType(std::string(type_id)), field_id);
    if (!field) return Error{"the type \"" + type->name + "\" has no field \"" + std::string(field_id) + "\""};
    std::erase_if(type->fields, [&](const FieldDef& f) { return f.id == field_id; });
    auto record = CheckedConfigRecord(next);
    if (!record) return record;
    json changes = json::array({std::move(record.value())});
    json comments = json::array();
    const std::string key(field_id);
    for (const Ticket& t : board.tickets()) {
        if (t.deleted || t.type != type_id) continue;
        auto held = t.fields.find(key);
        if (held == t.fields.end()) continue;
        changes.push_back({{"op", "update"}, {"id", t.id}, {"set", {{"fields." + key, nullptr}}}});
        if (IsEmpty(*held)) continue;
        comments.push_back(InternalComment(t.id,
                                           "The field \"" + field->name + "\" was deleted. Its value \"" +
                                               ValueText(*held, field->kind, config) + "\" is kept here.",
                                           now, author, new_comment_id));
    }
    for (auto& comment : comments) changes.push_back(std::move(comment));
    if (changes.size() == 1) return std::move(changes[0]);
    return json{{"op", "batch"}, {"changes", std::move(changes)}};
}

json MoveTicketToType(const Ticket& ticket, const BoardConfig& from, const BoardConfig& to_config, const std::string& to,
                      Millis now, const std::string& author, const std::function<std::string()>& new_comment_id) {
    json changes = json::array();
    const TicketTypeDef* old_type = from.FindType(ticket.type);
    const TicketTypeDef* new_type = to_config.FindType(to);
    const std::string new_name = new_type ? new_type->name : to;
    json set = {{"type", to}};
    std::set<std::string> filled;
    std::vector<std::string> kept;
    for (auto held = ticket.fields.begin(); held != ticket.fields.end(); ++held) {
        FieldDef old_field;
        if (const FieldDef* def = FindFieldIn(old_type, held.key())) old_field = *def;
        else old_field = FieldDef{held.key(), held.key(), FieldKind::Text, {}, false};
        const FieldDef* target = FindFieldIn(new_type, held.key());
        if (!target && new_type)
            for (const FieldDef& f : new_type->fields)
                if (SameName(f.name, old_field.name)) target = &f;
        if (!target || target->id != held.key()) set["fields." + held.key()] = nullptr;
        if (IsEmpty(held.value())) continue;
        const std::string text = ValueText(held.value(), old_field.kind, from);
        if (!target || filled.count(target->id)) {
            kept.push_back("\"" + old_field.name + "\" has no place in the type " + new_name + ". Its value \"" + text +
                           "\" is kept here.");
            continue;
        }
        FieldConversion conversion = ConvertFieldValue(held.value(), old_field, *target, to_config);
        filled.insert(target->id);
        set["fields." + target->id] = conversion.value;
        if (!conversion.lost.empty())
            kept.push_back("\"" + target->name + "\" is a " + KindWords(target->kind) + " field in the type " + new_name +
                           ". The value \"" + conversion.lost + "\" could not be converted, so it is kept here.");
    }
    changes.push_back({{"op", "update"}, {"id", ticket.id}, {"set", std::move(set)}});
    for (std::string& body : kept) changes.push_back(InternalComment(ticket.id, std::move(body), now, author, new_comment_id));
    return changes;
}

Result<json> DeleteTypeChange(const Board& board, std::string_view type_id, std::string_view move_to, Millis now,
                              const std::string& author, const std::function<std::string()>& new_comment_id) {
    const BoardConfig& config = board.config();
    const std::string id(type_id), target(move_to);
    const TicketTypeDef* type = config.FindType(id);
    if (!type) return Error{"there is no ticket type \"" + id + "\""};
    if (config.types.size() < 2) return Error{"a board needs at least one ticket type: this is the last"};
    BoardConfig final_config = config;
    std::erase_if(final_config.types, [&](const TicketTypeDef& t) { return t.id == id; });
    if (final_config.default_type == id)
        final_config.default_type = config.FindType(target) && target != id ? target : final_config.types.front().id;
    const std::size_t tickets = TicketsOfType(board, id);
    json changes = json::array();
    if (tickets > 0) {
        if (target.empty())
            return Error{std::to_string(tickets) + (tickets == 1 ? " ticket is" : " tickets are") + " of the type \"" +
                         type->name + "\": choose a type to move " + (tickets == 1 ? "it" : "them") + " to"};
        if (target == id) return Error{"tickets cannot be moved to the type being deleted"};
        if (!config.FindType(target)) return Error{"there is no ticket type \"" + target + "\" to move its tickets to"};
        // The moved tickets may lack what the target type requires: they move under a
        // configuration without required fields, which the final one then replaces.
        changes.push_back(ConfigRecord(WithoutRequired(config)));
        json comments = json::array();
        for (const Ticket& t : board.tickets()) {
            if (t.deleted || t.type != id) continue;
            for (json& change : MoveTicketToType(t, config, config, target, now, author, new_comment_id))
                (change.value("op", "") == "comment" ? comments : changes).push_back(std::move(change));
        }
        for (json& comment : comments) changes.push_back(std::move(comment));
    }
    auto record = CheckedConfigRecord(final_config);
    if (!record) return record;
    changes.push_back(std::move(record.value()));
    if (changes.size() == 1) return std::move(changes[0]);
    return json{{"op", "batch"}, {"changes", std::move(changes)}};
}

}  // namespace tackboard
