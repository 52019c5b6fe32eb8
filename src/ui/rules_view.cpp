#include "ui/rules_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "core/routing.hpp"
#include "core/rules.hpp"
#include "core/triage.hpp"
#include "core/ticket_json.hpp"
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

using nlohmann::json;

constexpr std::size_t kPreviewRows = 20;

// The kinds as the settings name them, with the words the UI shows (translated with Tr).
struct Kind {
    const char* key;
    const char* label;
};
constexpr Kind kTriggers[] = {
    {"created", TrNoop("When a ticket is created")},
    {"field_changed", TrNoop("When a field changes")},
    {"status_entered", TrNoop("When a ticket enters a status")},
    {"due", TrNoop("Before the due date")},
    {"sla_at_risk", TrNoop("When the SLA is at risk")},
    {"sla_breached", TrNoop("When the SLA is breached")},
    {"idle", TrNoop("When a ticket is idle")},
};
constexpr Kind kActions[] = {
    {"set_field", TrNoop("Set a field")},        {"assign", TrNoop("Assign")},
    {"add_label", TrNoop("Add a label")},        {"add_comment", TrNoop("Add a comment")},
    {"move", TrNoop("Move to a status")},        {"raise_priority", TrNoop("Raise the priority")},
    {"notify", TrNoop("Notify")},
};

template <std::size_t N>
const char* KindLabel(const Kind (&kinds)[N], const std::string& key) {
    for (const Kind& k : kinds)
        if (key == k.key) return Tr(k.label);
    return key.c_str();
}

std::string StringOf(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}
int IntOf(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<int>() : 0;
}

std::string StatusName(const BoardConfig& config, const std::string& id) {
    const StatusDef* s = config.FindStatus(id);
    return s ? TrName(s->name) : id;
}
std::string MemberName(const BoardConfig& config, const std::string& id) {
    if (id == kAutoAssign) return Tr("whoever routing picks");
    const MemberDef* m = config.FindMember(id);
    return m ? m->name : id;
}

// "When a field changes: priority", "Before the due date: 60 min".
std::string TriggerSummary(const json& trigger, const BoardConfig& config) {
    const std::string kind = StringOf(trigger, "kind");
    std::string text = KindLabel(kTriggers, kind);
    if (kind == "field_changed") text += ": " + StringOf(trigger, "field");
    if (kind == "status_entered") text += ": " + StatusName(config, StringOf(trigger, "status"));
    if (kind == "due")
        text += ": " + (IntOf(trigger, "minutes") == 0 ? std::string(Tr("overdue"))
                                                       : Format(Tr("%s min before"), FormatNumber(IntOf(trigger, "minutes")).c_str()));
    if (kind == "idle") text += ": " + Counted(IntOf(trigger, "days"), "%s day", "%s days");
    return text;
}

std::string ActionSummary(const json& action, const BoardConfig& config) {
    const std::string kind = StringOf(action, "kind");
    std::string text = KindLabel(kActions, kind);
    if (kind == "set_field") {
        auto value = action.find("value");
        text += ": " + StringOf(action, "field") + " = " +
                (value == action.end() ? std::string() : value->is_string() ? value->get<std::string>() : value->dump());
    }
    if (kind == "assign") text += ": " + MemberName(config, StringOf(action, "member"));
    if (kind == "add_label") text += ": " + StringOf(action, "label");
    if (kind == "move") text += ": " + StatusName(config, StringOf(action, "status"));
    if (kind == "add_comment" || kind == "notify") {
        std::string body = StringOf(action, kind == "notify" ? "message" : "body");
        if (body.size() > 60) body = body.substr(0, 57) + "…";  // (cut at a byte: shown, not stored)
        text += ": \"" + body + "\"";
    }
    return text;
}

std::string ActionsSummary(const json& actions, const BoardConfig& config) {
    std::string text;
    if (!actions.is_array()) return text;
    for (const json& a : actions) text += (text.empty() ? "" : "; ") + ActionSummary(a, config);
    return text;
}

// The rules as the configuration keeps them, also when they do not read (then none run,
// and the view lists them to be fixed or deleted).
json StoredRules(const BoardConfig& config) {
    auto automation = config.extra.find(kAutomationKey);
    if (automation == config.extra.end() || !automation->is_object()) return json::array();
    auto rules = automation->find("rules");
    if (rules == automation->end() || !rules->is_array()) return json::array();
    json out = json::array();
    for (const json& rule : *rules)
        if (rule.is_object()) out.push_back(rule);
    return out;
}

// A refusal of ParseRules in words: "Rule 2, action 1: say which label to add" rather
// than its JSON path.
std::string Explain(const Error& error, const json& rules) {
    std::string where;
    std::size_t rule = 0, action = 0;
    const std::string& path = error.path;
    if (std::sscanf(path.c_str(), "/rules/%zu", &rule) == 1) {
        std::string name = rule < rules.size() ? StringOf(rules[rule], "name") : std::string();
        where = name.empty() ? Format(Tr("Rule %d"), static_cast<int>(rule + 1)) : "\"" + name + "\"";
        const std::string rest = path.substr(path.find('/', 7) == std::string::npos ? path.size() : path.find('/', 7));
        if (std::sscanf(rest.c_str(), "/actions/%zu", &action) == 1)
            where += ", " + Format(Tr("action %d"), static_cast<int>(action + 1));
        else if (rest.rfind("/trigger", 0) == 0) where += ", " + std::string(Tr("when"));
        else if (rest.rfind("/condition", 0) == 0) where += ", " + std::string(Tr("filter"));
    }
    return AsSentence(where.empty() ? error.message : where + ": " + error.message);
}

// Stores `rules` (the whole list) when it reads; else says why, naming the rule and field.
bool SaveRules(const App& app, const json& rules, RulesViewState& view, std::vector<Request>& requests) {
    const BoardConfig& config = app.board().config();
    json automation = {{"rules", rules}};
    if (auto checked = ParseRules(automation, config); !checked) {
        view.message = Explain(checked.error(), rules);
        return false;
    }
    json whole = ConfigToJson(config);
    whole[kAutomationKey] = std::move(automation);
    view.message.clear();
    requests.push_back(ChangeRequest{{{"op", "config"}, {"config", std::move(whole)}}, ChangeSource::Rules});
    return true;
}

RuleContext PreviewContext(const App& app) {
    RuleContext context;
    context.now = app.Now();
    const RoutingMode mode = app.helpdesk().settings.routing.mode;
    context.route = [mode](const Ticket& t, const Board& board) {
        auto choice = ChooseAssignee(t, board.config(), ComputeWorkload(board), mode, LastAssignedMember(board));
        return choice ? choice->member : std::string();
    };
    return context;
}

// The dry run: which tickets the rule would act on now and what it would do to the first few.
void DryRun(const App& app, const json& rule_json, RulesViewState& view) {
    const Board& board = app.board();
    view.preview_of = StringOf(rule_json, "name");
    view.preview_rows.clear();
    view.preview_matches = 0;
    const json one_rule = json::array({rule_json});
    auto parsed = ParseRules(json{{"rules", one_rule}}, board.config());
    if (!parsed) {
        view.message = Explain(parsed.error(), one_rule);
        view.preview_of.clear();
        return;
    }
    const HelpdeskSettings& settings = app.helpdesk().settings;
    const RuleSettings& one = parsed.value();
    const RuleContext context = PreviewContext(app);
    const SlaFlagList sla = ReadsSla(one) ? SlaFlagsOf(board, settings.sla, context.now) : SlaFlagList{};
    auto preview = PreviewRule(one.rules[0], board, context, sla, kPreviewRows);
    if (!preview) {
        view.message = AsSentence(preview.error().Describe());
        view.preview_of.clear();
        return;
    }
    view.message.clear();
    view.preview_matches = preview.value().tickets.size();
    const std::string actions = ActionsSummary(rule_json.value("actions", json::array()), board.config());
    for (const RuleFiring& firing : preview.value().firings) {
        const Ticket* t = board.Find(firing.ticket_id);
        std::string what = firing.change.is_null() ? std::string(Tr("nothing to do")) : actions;
        for (const std::string& skipped : firing.skipped) what += "  (" + Format(Tr("skipped: %s"), skipped.c_str()) + ")";
        view.preview_rows.emplace_back(t ? t->title : firing.ticket_id, std::move(what));
    }
}

void OpenEditor(RulesViewState& view, json draft, int index) {
    view.draft = std::move(draft);
    view.editing = index;
    view.saving = false;
    view.message.clear();
}

json NewRuleDraft(const json& rules) {
    // A fresh, unused id and name.
    int n = 1;
    auto taken = [&](const std::string& key, const std::string& value) {
        for (const json& r : rules)
            if (StringOf(r, key.c_str()) == value) return true;
        return false;
    };
    while (taken("id", "rule-" + std::to_string(n)) || taken("name", Format(Tr("Rule %d"), n))) ++n;
    return {{"id", "rule-" + std::to_string(n)},
            {"name", Format(Tr("Rule %d"), n)},
            {"enabled", true},
            {"trigger", {{"kind", "created"}}},
            {"condition", ""},
            {"actions", json::array({{{"kind", "add_label"}, {"label", ""}}})}};
}

// --- the editor --------------------------------------------------------------------

std::string& StringRef(json& object, const char* key) {
    if (!object.contains(key) || !object[key].is_string()) object[key] = "";
    return object[key].get_ref<std::string&>();
}

void IntField(const char* label, json& object, const char* key, int minimum) {
    int value = IntOf(object, key);
    ImGui::SetNextItemWidth(120);
    if (ImGui::InputInt(label, &value)) object[key] = std::max(minimum, value);
}

// A new kind's parameters, filled with something that reads (the user changes them).
json WithDefaults(const std::string& kind, const BoardConfig& config) {
    json object = {{"kind", kind}};
    const std::string first_status = config.statuses.empty() ? std::string() : config.statuses.front().id;
    if (kind == "field_changed") object["field"] = "priority";
    if (kind == "status_entered" || kind == "move") object["status"] = first_status;
    if (kind == "due") object["minutes"] = 60;
    if (kind == "idle") object["days"] = 3;
    if (kind == "set_field") object.update({{"field", "priority"}, {"value", ""}});
    if (kind == "assign") object["member"] = kAutoAssign;
    if (kind == "add_label") object["label"] = "";
    if (kind == "add_comment") object.update({{"body", ""}, {"internal", true}});
    if (kind == "notify") object["message"] = "";
    return object;
}

template <std::size_t N>
void KindCombo(const char* id, const Kind (&kinds)[N], json& object, const BoardConfig& config) {
    const std::string current = StringOf(object, "kind");
    ImGui::SetNextItemWidth(260);
    if (!BeginRecordedCombo(("##" + std::string(id)).c_str(), KindLabel(kinds, current))) return;
    for (const Kind& k : kinds)
        if (ImGui::Selectable((std::string(Tr(k.label)) + "##" + id + "-" + k.key).c_str(), current == k.key) &&
            current != k.key)
            object = WithDefaults(k.key, config);  // the old kind's parameters do not apply
    ImGui::EndCombo();
}

// A combo over (id, shown name) pairs, writing the chosen id into object[key].
void ChoiceCombo(const char* id, json& object, const char* key, const std::vector<std::pair<std::string, std::string>>& choices) {
    const std::string current = StringOf(object, key);
    std::string shown = current;
    for (const auto& [value, name] : choices)
        if (value == current) shown = name;
    ImGui::SetNextItemWidth(220);
    if (!BeginRecordedCombo(("##" + std::string(id)).c_str(), shown.c_str())) return;
    for (const auto& [value, name] : choices)
        if (ImGui::Selectable((name + "##" + id + "-" + value).c_str(), value == current)) object[key] = value;
    ImGui::EndCombo();
}

std::vector<std::pair<std::string, std::string>> StatusChoices(const BoardConfig& config) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const StatusDef& s : config.statuses) out.emplace_back(s.id, TrName(s.name));
    return out;
}

// Fields a rule can watch (as history names them) or set.
std::vector<std::pair<std::string, std::string>> FieldChoices(const BoardConfig& config, bool settable) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const char* core : {"status", "assignee", "priority", "type", "labels", "title", "description", "due", "requester",
                             "comment", "link"}) {
        const std::string id = core;
        if (settable && (id == "status" || id == "assignee" || id == "labels" || id == "comment" || id == "link")) continue;
        out.emplace_back(id, id);
    }
    for (const TicketTypeDef& type : config.types)
        for (const FieldDef& f : type.fields)
            if (std::none_of(out.begin(), out.end(), [&](const auto& c) { return c.first == "fields." + f.id; }))
                out.emplace_back("fields." + f.id, std::string(TrName(f.name)) + " (" + TrName(type.name) + ")");
    return out;
}

void DrawTriggerEditor(json& trigger, const BoardConfig& config) {
    if (!trigger.is_object()) trigger = {{"kind", "created"}};
    KindCombo("rule-trigger", kTriggers, trigger, config);
    const std::string kind = StringOf(trigger, "kind");
    ImGui::SameLine();
    if (kind == "field_changed") ChoiceCombo("rule-trigger-field", trigger, "field", FieldChoices(config, false));
    if (kind == "status_entered") ChoiceCombo("rule-trigger-status", trigger, "status", StatusChoices(config));
    if (kind == "due") IntField(Tr("minutes before (0: once overdue)"), trigger, "minutes", 0);
    if (kind == "idle") IntField(Tr("days without a change"), trigger, "days", 1);
    if (kind != "field_changed" && kind != "status_entered" && kind != "due" && kind != "idle") ImGui::NewLine();
}

void DrawActionEditor(json& action, int i, const BoardConfig& config) {
    const std::string n = std::to_string(i);
    KindCombo(("rule-action-" + n).c_str(), kActions, action, config);
    const std::string kind = StringOf(action, "kind");
    ImGui::SameLine();
    if (kind == "set_field") {
        ChoiceCombo(("rule-action-field-" + n).c_str(), action, "field", FieldChoices(config, true));
        ImGui::SameLine();
        if (!action.contains("value") || !action["value"].is_string()) action["value"] = "";
        ImGui::SetNextItemWidth(200);
        InputString(("##rule-action-value-" + n).c_str(), action["value"].get_ref<std::string&>(), Tr("value (an id for priority, type)"));
    } else if (kind == "assign") {
        std::vector<std::pair<std::string, std::string>> members{{kAutoAssign, Tr("whoever routing picks")}};
        for (const MemberDef& m : config.members) members.emplace_back(m.id, m.name);
        ChoiceCombo(("rule-action-member-" + n).c_str(), action, "member", members);
    } else if (kind == "add_label") {
        ImGui::SetNextItemWidth(200);
        InputString(("##rule-action-label-" + n).c_str(), StringRef(action, "label"), Tr("label"));
    } else if (kind == "move") {
        ChoiceCombo(("rule-action-status-" + n).c_str(), action, "status", StatusChoices(config));
    } else if (kind == "add_comment") {
        bool internal = action.value("internal", true);
        if (ImGui::Checkbox(TrId("internal note", ("rule-action-internal-" + n).c_str()), &internal)) action["internal"] = internal;
        ImGui::SetNextItemWidth(-40);
        InputString(("##rule-action-body-" + n).c_str(), StringRef(action, "body"), Tr("the comment (markdown)"), 60);
    } else if (kind == "notify") {
        ImGui::SetNextItemWidth(-40);
        InputString(("##rule-action-message-" + n).c_str(), StringRef(action, "message"), Tr("the message"));
    } else {
        ImGui::NewLine();
    }
}

void DrawEditor(const App& app, RulesViewState& view, std::vector<Request>& requests) {
    const BoardConfig& config = app.board().config();
    json& draft = view.draft;
    ImGui::Separator();
    ImGui::TextUnformatted(view.editing < 0 ? Tr("New rule") : Tr("Edit rule"));
    ImGui::SetNextItemWidth(320);
    InputString("##rule-name", StringRef(draft, "name"), Tr("name (shown in history)"));
    ImGui::SameLine();
    bool enabled = draft.value("enabled", true);
    if (ImGui::Checkbox(TrId("enabled", "rule-enabled-draft"), &enabled)) draft["enabled"] = enabled;

    // A timed rule knows what it already did by its name in history: renamed, it would act
    // again on tickets the old name acted on.
    if (view.editing >= 0) {
        const json stored = StoredRules(config);
        if (view.editing < static_cast<int>(stored.size()) && stored[view.editing].is_object()) {
            const json& before = stored[view.editing];
            const std::string old_name = before.value("name", std::string()), kind =
                before.contains("trigger") && before["trigger"].is_object() ? before["trigger"].value("kind", std::string()) : "";
            const bool timed = kind == "due" || kind == "sla_at_risk" || kind == "sla_breached" || kind == "idle";
            if (timed && draft.value("name", std::string()) != old_name) {
                ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().warning_text);
                ImGui::TextWrapped("%s", Format(Tr("Renamed, this rule will act again on tickets \"%s\" already acted on (history knows rules by name)."),
                                                old_name.c_str()).c_str());
                ImGui::PopStyleColor();
                TheItemRegistry().RecordLastItem("rule-rename-warning");
            }
        }
    }
    DrawTriggerEditor(draft["trigger"], config);
    ImGui::SetNextItemWidth(-1);
    InputString("##rule-condition", StringRef(draft, "condition"),
                Tr("only tickets matching this filter, e.g. priority:urgent type:incident (empty: all)"));
    ImGui::TextDisabled("%s", Tr("Then:"));
    if (!draft.contains("actions") || !draft["actions"].is_array()) draft["actions"] = json::array();
    json& actions = draft["actions"];
    int remove = -1;
    for (int i = 0; i < static_cast<int>(actions.size()); ++i) {
        ImGui::PushID(i);
        DrawActionEditor(actions[i], i, config);
        ImGui::SameLine(ImGui::GetContentRegionMax().x - 26);
        if (ImGui::SmallButton((std::string(icons::kTimes) + "##rule-action-remove-" + std::to_string(i)).c_str())) remove = i;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Remove this action"));
        ImGui::PopID();
    }
    if (remove >= 0) actions.erase(actions.begin() + remove);
    if (ImGui::SmallButton(TrLabel("+ Add an action##rule-add-action"))) actions.push_back({{"kind", "add_label"}, {"label", ""}});

    ImGui::Spacing();
    if (PrimaryButton(TrLabel("Save##rule-save"))) {
        json rules = StoredRules(config);
        if (view.editing >= 0 && view.editing < static_cast<int>(rules.size())) rules[view.editing] = draft;
        else rules.push_back(draft);
        view.saving = SaveRules(app, rules, view, requests);
    }
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Dry run##rule-dry-run-draft"))) DryRun(app, draft, view);
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Cancel##rule-cancel"))) view.draft = nullptr;
}

void DrawPreview(const RulesViewState& view) {
    if (view.preview_of.empty()) return;
    ImGui::Separator();
    std::string heading = Format(Tr("Dry run of \"%s\": %s"), view.preview_of.c_str(),
                                 Counted(static_cast<long long>(view.preview_matches), "%s ticket", "%s tickets").c_str());
    ImGui::TextUnformatted(heading.c_str());
    TheItemRegistry().RecordLastItem("rule-preview-count " + std::to_string(view.preview_matches));
    ImGui::TextDisabled("%s", Tr("Nothing was changed."));
    for (const auto& [title, what] : view.preview_rows) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s — %s", title.c_str(), what.c_str());
        TheItemRegistry().RecordLastItem("rule-preview:" + title);
    }
    if (view.preview_matches > view.preview_rows.size())
        ImGui::TextDisabled("%s", Format(Tr("and %s more"),
                                         FormatNumber(static_cast<long long>(view.preview_matches - view.preview_rows.size())).c_str())
                                      .c_str());
}

// --- the other helpdesk settings, as JSON ---------------------------------------------

struct SettingsSection {
    const char* key;    // the configuration member
    const char* title;  // translated with Tr
    const char* help;
};
constexpr SettingsSection kSections[] = {
    {"triage", TrNoop("Triage words"),
     TrNoop("Words in a new ticket's title or description that suggest its priority, type and labels.")},
    {"routing", TrNoop("Routing"), TrNoop("\"least_loaded\" (skills, then the lowest load for the capacity) or \"round_robin\".")},
    {"sla", TrNoop("SLA and business hours"),
     TrNoop("Targets per priority (and type) in business minutes; the calendar's time zone, working hours and holidays.")},
    {"canned", TrNoop("Canned answers"),
     TrNoop("Replies with {requester}, {ticket.id}, {ticket.title}, {agent} and {status}, one body per language.")},
};

// The section as stored, or what applies when it is not (the defaults), as indented JSON.
std::string SectionText(const App& app, const char* key) {
    const BoardConfig& config = app.board().config();
    if (auto it = config.extra.find(key); it != config.extra.end()) return it->dump(2);
    const HelpdeskSettings& s = app.helpdesk().settings;
    const std::string k = key;
    json value = k == "triage" ? ToJson(s.triage) : k == "routing" ? ToJson(s.routing) : k == "sla" ? ToJson(s.sla)
                                                                                        : ToJson(s.canned);
    return value.dump(2);
}

Status CheckSection(const std::string& key, const json& value, const BoardConfig& config) {
    auto status = [](const auto& result) -> Status {
        if (!result) return result.error();
        return Ok{};
    };
    if (key == "triage") return status(ParseTriageSettings(value, config));
    if (key == "routing") return status(ParseRoutingSettings(value));
    if (key == "sla") return status(ParseSlaSettings(value, config));
    return status(ParseCannedSettings(value));
}

void DrawSettingsSection(const App& app, int i, RulesViewState::Section& section, std::vector<Request>& requests) {
    const SettingsSection& what = kSections[i];
    const std::string stored = SectionText(app, what.key);
    if (section.loaded != stored) {  // changed elsewhere (undo, sync): show it, unless being edited
        if (section.text == section.loaded) section.text = stored;
        section.loaded = stored;
    }
    const std::string id = std::string("settings-") + what.key;
    if (!ImGui::CollapsingHeader(TrId(what.title, id.c_str()))) return;
    ImGui::TextDisabled("%s", Tr(what.help));
    if (InputString(("##" + id + "-text").c_str(), section.text, nullptr, 220)) section.saved = false;
    ImGui::BeginDisabled(section.text == section.loaded || app.read_only());
    if (PrimaryButton(TrId("Save", (id + "-save").c_str()))) {
        const BoardConfig& config = app.board().config();
        json value = json::parse(section.text, nullptr, false);
        Status checked = value.is_discarded() ? Status(DescribeJsonSyntaxError(section.text)) : CheckSection(what.key, value, config);
        if (!checked) {
            section.message = AsSentence(checked.error().Describe());
        } else {
            json whole = ConfigToJson(config);
            whole[what.key] = std::move(value);
            section.message.clear();
            section.saved = true;
            requests.push_back(ChangeRequest{{{"op", "config"}, {"config", std::move(whole)}}, ChangeSource::Rules});
        }
    }
    ImGui::SameLine();
    if (ImGui::Button(TrId("Revert", (id + "-revert").c_str()))) {
        section.text = section.loaded;
        section.message.clear();
    }
    ImGui::EndDisabled();
    if (section.saved && section.text == section.loaded) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", Tr("Saved"));
    }
    if (!section.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().danger);
        ImGui::TextWrapped("%s", section.message.c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem(id + "-message");
    }
}

}  // namespace

void DrawRulesView(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    RulesViewState& view = ui.rules;
    const BoardConfig& config = app.board().config();
    const bool writable = !app.read_only();
    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted(Tr("Automation rules"));
    ImGui::PopFont();
    ImGui::TextDisabled("%s", Tr("When something happens to a ticket that matches the filter, the actions run, in this order. "
                                 "History names the rule as the author of what it did."));
    ImGui::BeginChild("rules-scroll", ImVec2(0, 0), false);
    // Rules that do not read run not at all: say so, with where the problem is.
    for (const Error& problem : ui.helpdesk.loaded->problems)
        if (problem.path.rfind(std::string("/config/") + kAutomationKey, 0) == 0) {
            ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().danger);
            ImGui::TextWrapped("%s", Format(Tr("The rules in the configuration do not read, so none of them run: %s"),
                                            problem.Describe().c_str()).c_str());
            ImGui::PopStyleColor();
            TheItemRegistry().RecordLastItem("rules-problem");
        }

    const json rules = StoredRules(config);
    ImGui::BeginDisabled(!writable);
    if (PrimaryButton(TrLabel("New rule##rules-new"))) OpenEditor(view, NewRuleDraft(rules), -1);
    ImGui::EndDisabled();
    if (!view.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().danger);
        ImGui::TextWrapped("%s", view.message.c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem("rule-message");
    }
    if (rules.empty()) ImGui::TextDisabled("%s", Tr("No rules yet. A rule can, for example, raise the priority of tickets whose SLA is breached."));

    // One row per rule: on/off, name, when, condition, then; reorder, edit, dry run, delete.
    int move_from = -1, move_to = -1, remove = -1, toggle = -1;
    if (!rules.empty() && ImGui::BeginTable("rules-table", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                                                 ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(Tr("On"), ImGuiTableColumnFlags_WidthFixed, 36);
        ImGui::TableSetupColumn(Tr("Rule"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(Tr("When"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn(Tr("Then"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        // The row's buttons: two arrows and three words, as long as the language makes them.
        const ImGuiStyle& style = ImGui::GetStyle();
        const float buttons = ImGui::CalcTextSize((std::string(Tr("Edit")) + Tr("Dry run") + Tr("Delete")).c_str()).x +
                              2 * ImGui::GetFontSize() + 5 * (2 * style.FramePadding.x + style.ItemSpacing.x) + 8;
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, buttons);
        ImGui::TableHeadersRow();
        for (int i = 0; i < static_cast<int>(rules.size()); ++i) {
            const json& rule = rules[i];
            const std::string name = StringOf(rule, "name");
            ImGui::PushID(i);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            bool enabled = rule.value("enabled", true);
            ImGui::BeginDisabled(!writable);
            if (ImGui::Checkbox(("##rule-enabled:" + name).c_str(), &enabled)) toggle = i;
            ImGui::EndDisabled();
            TheItemRegistry().RecordLastItem("rule-enabled:" + name + (enabled ? " on" : " off"));
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", name.c_str());
            TheItemRegistry().RecordLastItem("rule-row:" + name);
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", TriggerSummary(rule.value("trigger", json::object()), config).c_str());
            if (std::string condition = StringOf(rule, "condition"); !condition.empty())
                ImGui::TextDisabled("%s", Format(Tr("if %s"), condition.c_str()).c_str());
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", ActionsSummary(rule.value("actions", json::array()), config).c_str());
            ImGui::TableNextColumn();
            ImGui::BeginDisabled(!writable || i == 0);
            if (ImGui::SmallButton((std::string(icons::kArrowUp) + "##rule-up:" + name).c_str())) move_from = i, move_to = i - 1;
            ImGui::EndDisabled();
            ImGui::SameLine();
            ImGui::BeginDisabled(!writable || i + 1 == static_cast<int>(rules.size()));
            if (ImGui::SmallButton((std::string(icons::kArrowDown) + "##rule-down:" + name).c_str())) move_from = i, move_to = i + 1;
            ImGui::EndDisabled();
            ImGui::SameLine();
            ImGui::BeginDisabled(!writable);
            if (ImGui::SmallButton((std::string(Tr("Edit")) + "##rule-edit:" + name).c_str())) OpenEditor(view, rule, i);
            ImGui::EndDisabled();
            ImGui::SameLine();
            if (ImGui::SmallButton((std::string(Tr("Dry run")) + "##rule-dry-run:" + name).c_str())) DryRun(app, rule, view);
            ImGui::SameLine();
            ImGui::BeginDisabled(!writable);
            if (ImGui::SmallButton((std::string(Tr("Delete")) + "##rule-delete:" + name).c_str())) remove = i;
            ImGui::EndDisabled();
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    // Each of these stores the whole list again: one undoable configuration change.
    if (toggle >= 0 || move_from >= 0 || remove >= 0) {
        json changed = rules;
        if (toggle >= 0) changed[toggle]["enabled"] = !rules[toggle].value("enabled", true);
        if (move_from >= 0) std::swap(changed[move_from], changed[move_to]);
        if (remove >= 0) {
            changed.erase(changed.begin() + remove);
            if (view.editing == remove) view.draft = nullptr;
        }
        SaveRules(app, changed, view, requests);
    }
    if (writable && !view.draft.is_null()) DrawEditor(app, view, requests);
    DrawPreview(view);

    ImGui::Spacing();
    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted(Tr("Helpdesk settings"));
    ImGui::PopFont();
    ImGui::TextDisabled("%s", Tr("Saved with the board's configuration: synced, exported and undone like it."));
    for (int i = 0; i < 4; ++i) DrawSettingsSection(app, i, view.sections[i], requests);
    ImGui::EndChild();
}

void OnRulesSaved(UiState& ui, const Status& done) {
    RulesViewState& view = ui.rules;
    if (!done) {
        view.message = AsSentence(done.error().Describe());
        view.saving = false;
        return;
    }
    view.message.clear();
    if (view.saving) view.draft = nullptr;
    view.saving = false;
}

}  // namespace tackboard
