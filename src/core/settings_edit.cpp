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

namespace tackboard {

namespace {

using nlohmann::json;

std::string Trimmed(std::string_view text) {
    const char* space = " \t\r\n";
    const auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    return std::string(text.substr(first, text.find_last_not_of(space) - first + 1));
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

FieldConversion ConvertFieldValue(const json& value, const FieldDef& from, const FieldDef& to, const BoardConfig& config) {
    if (IsEmpty(value)) return {json(), ""};
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
            auto items = Items(value, from.kind, config);
            if (items.size() == 1)
                if (const std::string* option = MatchOption(to.options, items.front())) return {json(*option), ""};
            return lost();
        }
        case FieldKind::MultiSelect: {
            json kept = json::array();
            std::string missing;
            for (const std::string& item : Items(value, from.kind, config)) {
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
                               const std::string& author, const std::function<std::string()>& new_comment_id) {
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
        FieldConversion conversion = ConvertFieldValue(*held, *old_field, changed, next);
        if (conversion.value != *held)
            changes.push_back({{"op", "update"}, {"id", t.id}, {"set", {{"fields." + changed.id, conversion.value}}}});
        if (!conversion.lost.empty()) {
            std::string body = "\"" + changed.name + "\" became a " + KindWords(changed.kind) + " field. Its value \"" +
                               conversion.lost + "\" could not be converted, so it is kept here.";
            comments.push_back({{"op", "comment"},
                                {"id", t.id},
                                {"comment", {{"id", new_comment_id()}, {"author", author}, {"at", now}, {"body", body}, {"internal", true}}}});
        }
    }
    for (auto& comment : comments) changes.push_back(std::move(comment));
    if (changes.size() == 1) return std::move(changes[0]);
    return json{{"op", "batch"}, {"changes", std::move(changes)}};
}

}  // namespace tackboard
