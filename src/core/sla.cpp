// sla.cpp — see sla.hpp.
//
// [SECTION] Settings JSON
// [SECTION] Status phases
// [SECTION] Clocks
#include "core/sla.hpp"

#include <algorithm>
#include <limits>

namespace tackboard {

using nlohmann::json;

// [SECTION] Settings JSON ----------------------------------------------------------------

namespace {

constexpr int kMaxTargetMinutes = 10 * 365 * 24 * 60;

template <class Def>
std::string KnownIds(const std::vector<Def>& defs) {
    std::string out;
    for (const Def& def : defs) out += (out.empty() ? "" : ", ") + def.id;
    return out.empty() ? "none defined" : out;
}

Result<std::string> ReadText(const json& object, const char* key, const std::string& path) {
    auto it = object.find(key);
    if (it == object.end()) return std::string();
    if (!it->is_string()) return Error{"must be text", path + "/" + key};
    return it->get<std::string>();
}

Result<int> ReadMinutes(const json& object, const char* key, const std::string& path) {
    auto it = object.find(key);
    if (it == object.end()) return Error{std::string("\"") + key + "\" is missing (0 for no target)", path};
    if (!it->is_number_integer() || *it < 0 || *it > kMaxTargetMinutes)
        return Error{"must be a whole number of minutes from 0 (no target) to 5256000 (ten years)", path + "/" + key};
    return it->get<int>();
}

Result<SlaPolicy> ParsePolicy(const json& value, const BoardConfig& config, const std::string& path) {
    if (!value.is_object()) return Error{"a policy is an object with priority, type, response_minutes, resolution_minutes", path};
    SlaPolicy policy;
    Result<std::string> priority = ReadText(value, "priority", path);
    if (!priority) return priority.error();
    policy.priority = priority.value();
    if (policy.priority.empty()) return Error{"a policy needs a priority (" + KnownIds(config.priorities) + ")", path};
    if (!config.FindPriority(policy.priority))
        return Error{"unknown priority \"" + policy.priority + "\" (" + KnownIds(config.priorities) + ")", path + "/priority"};
    Result<std::string> type = ReadText(value, "type", path);
    if (!type) return type.error();
    policy.type = type.value();
    if (!policy.type.empty() && !config.FindType(policy.type))
        return Error{"unknown type \"" + policy.type + "\" (" + KnownIds(config.types) + ")", path + "/type"};
    Result<int> response = ReadMinutes(value, "response_minutes", path);
    if (!response) return response.error();
    Result<int> resolution = ReadMinutes(value, "resolution_minutes", path);
    if (!resolution) return resolution.error();
    policy.response_minutes = response.value();
    policy.resolution_minutes = resolution.value();
    return policy;
}

Status ParsePolicies(const json& value, const BoardConfig& config, std::vector<SlaPolicy>& out) {
    if (!value.is_array()) return Error{"must be a list of policies", "/policies"};
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string path = "/policies/" + std::to_string(i);
        Result<SlaPolicy> policy = ParsePolicy(value[i], config, path);
        if (!policy) return policy.error();
        for (std::size_t j = 0; j < out.size(); ++j)
            if (out[j].priority == policy.value().priority && out[j].type == policy.value().type)
                return Error{"a second policy for priority \"" + out[j].priority + "\" and " +
                                 (out[j].type.empty() ? std::string("any type") : "type \"" + out[j].type + "\"") +
                                 " (the first is /policies/" + std::to_string(j) + ")",
                             path};
        out.push_back(policy.value());
    }
    return Ok{};
}

Status ParseCalendarInto(const json& value, CompiledCalendar& out) {
    if (value.is_null()) return Ok{};
    Result<BusinessCalendar> calendar = ParseBusinessCalendar(value);
    if (!calendar) return Error{calendar.error().message, "/calendar" + calendar.error().path};
    Result<CompiledCalendar> compiled = CompileCalendar(calendar.value());
    if (!compiled) return Error{compiled.error().message, "/calendar" + compiled.error().path};
    out = compiled.value();
    return Ok{};
}

}  // namespace

Result<SlaSettings> ParseSlaSettings(const json& value, const BoardConfig& config) {
    if (!value.is_object()) return Error{"SLA settings must be a JSON object"};
    SlaSettings settings;
    settings.enabled = true;
    if (auto it = value.find("enabled"); it != value.end()) {
        if (!it->is_boolean()) return Error{"must be true or false", "/enabled"};
        settings.enabled = it->get<bool>();
    }
    if (auto it = value.find("calendar"); it != value.end())
        if (Status ok = ParseCalendarInto(*it, settings.calendar); !ok) return ok.error();
    if (auto it = value.find("policies"); it != value.end())
        if (Status ok = ParsePolicies(*it, config, settings.policies); !ok) return ok.error();
    if (auto it = value.find("warn_percent"); it != value.end()) {
        if (!it->is_number_integer() || *it < 1 || *it > 100)
            return Error{"must be a whole number from 1 to 100", "/warn_percent"};
        settings.warn_percent = it->get<int>();
    }
    return settings;
}

json ToJson(const SlaSettings& settings) {
    json policies = json::array();
    for (const SlaPolicy& p : settings.policies) {
        json policy = {{"priority", p.priority}};
        if (!p.type.empty()) policy["type"] = p.type;
        policy["response_minutes"] = p.response_minutes;
        policy["resolution_minutes"] = p.resolution_minutes;
        policies.push_back(policy);
    }
    return json{{"enabled", settings.enabled},
                {"calendar", settings.calendar.always_open() ? json(nullptr) : ToJson(settings.calendar.source())},
                {"policies", policies},
                {"warn_percent", settings.warn_percent}};
}

const SlaPolicy* FindSlaPolicy(const SlaSettings& settings, const std::string& priority, const std::string& type) {
    const SlaPolicy* any_type = nullptr;
    for (const SlaPolicy& policy : settings.policies) {
        if (policy.priority != priority) continue;
        if (policy.type == type && !type.empty()) return &policy;
        if (policy.type.empty() && !any_type) any_type = &policy;
    }
    return any_type;
}

SlaTargets SlaTargetsFor(const Ticket& ticket, const BoardConfig& config, const SlaSettings& settings) {
    if (const SlaPolicy* policy = FindSlaPolicy(settings, ticket.priority, ticket.type))
        return {policy->response_minutes, policy->resolution_minutes};
    if (const PriorityDef* priority = config.FindPriority(ticket.priority))
        return {priority->response_minutes, priority->resolution_minutes};
    return {};
}

// [SECTION] Status phases -----------------------------------------------------------------

namespace {

StatusCategory CategoryOf(const BoardConfig& config, const std::string& status) {
    const StatusDef* def = config.FindStatus(status);
    return def ? def->category : StatusCategory::Active;  // unknown: counted, not hidden
}

const std::string* StatusValue(const json& value) { return value.is_string() ? value.get_ptr<const std::string*>() : nullptr; }

// Without status history: open since created, in the present status since when it
// most likely began (see sla.hpp).
template <class Visit>
void VisitWithoutHistory(const Ticket& ticket, StatusCategory now_in, Millis start, Millis end, Visit&& visit) {
    Millis since = start;
    if (now_in == StatusCategory::Done) since = ticket.resolved_at ? ticket.resolved_at : ticket.updated;
    else if (now_in == StatusCategory::Waiting) since = ticket.updated;
    since = std::clamp(since, start, end);
    visit(start, since, StatusCategory::Active);
    visit(since, end, now_in);
}

bool IsStatusChange(const HistoryEntry& entry) {
    return entry.field.size() == 6 && entry.field == "status" && entry.new_value.is_string();
}

// Calls visit(from, to, category) for consecutive stretches from start (created) to end,
// in order; stretches may be empty. Out-of-order entries are held at the time reached.
template <class Visit>
void VisitPhases(const Ticket& ticket, const BoardConfig& config, Millis start, Millis end, Visit&& visit) {
    Millis at = start;
    StatusCategory category = StatusCategory::Active;
    bool any = false;
    for (const HistoryEntry& entry : ticket.history) {
        if (!IsStatusChange(entry)) continue;
        if (!any) {  // the status before the first change is its old value
            const std::string* initial = StatusValue(entry.old_value);
            category = initial ? CategoryOf(config, *initial) : StatusCategory::Active;
            any = true;
        }
        const Millis when = std::clamp(entry.at, at, end);
        visit(at, when, category);
        at = when;
        category = CategoryOf(config, *StatusValue(entry.new_value));
    }
    if (any) visit(at, end, category);
    else VisitWithoutHistory(ticket, CategoryOf(config, ticket.status), start, end, visit);
}

// [SECTION] Clocks ---------------------------------------------------------------------------

// The business clock at phase boundaries: consecutive counted phases share one, so
// each is read once.
class ClockReader {
public:
    explicit ClockReader(const CompiledCalendar& calendar) : calendar_(calendar) {}
    const CompiledCalendar& calendar() const { return calendar_; }
    Millis At(Millis instant) {
        if (instant != last_at_) last_at_ = instant, last_clock_ = calendar_.BusinessClock(instant);
        return last_clock_;
    }

private:
    const CompiledCalendar& calendar_;
    Millis last_at_ = std::numeric_limits<Millis>::min();
    Millis last_clock_ = 0;
};

// Business time counted so far, and the instant it reached the budget.
struct Tally {
    Millis budget = 0;
    Millis elapsed = 0;
    Millis reached_budget_at = 0;

    // A counted stretch from instant `from`, whose business clock runs from clock_from to clock_to.
    void Count(const CompiledCalendar& calendar, Millis from, Millis clock_from, Millis clock_to) {
        const Millis part = clock_to - clock_from;
        if (part <= 0) return;
        if (budget > 0 && elapsed < budget && elapsed + part >= budget)
            reached_budget_at = calendar.InstantAt(clock_from + (budget - elapsed), from);
        elapsed += part;
    }
};

SlaClock Finish(const Tally& tally, bool completed, bool waiting, ClockReader& clock_reader, Millis end,
                int warn_percent) {
    SlaClock clock;
    if (tally.budget <= 0) return clock;
    clock.budget = tally.budget;
    clock.elapsed_business = tally.elapsed;
    clock.remaining = tally.budget - tally.elapsed;
    clock.completed = completed;
    clock.breached = completed ? tally.elapsed > tally.budget : tally.elapsed >= tally.budget;
    clock.met = completed && !clock.breached;
    clock.paused = !completed && waiting;
    clock.at_risk = !completed && !clock.breached && tally.elapsed * 100 >= tally.budget * warn_percent;
    if (clock.breached) clock.target_at = tally.reached_budget_at;
    else if (!completed && !waiting)
        clock.target_at = clock_reader.calendar().InstantAt(clock_reader.At(end) + clock.remaining, end);
    return clock;
}

bool Counts(StatusCategory category) {
    return category == StatusCategory::Todo || category == StatusCategory::Active;
}

}  // namespace

SlaState ComputeSla(const Ticket& ticket, const BoardConfig& config, const SlaSettings& settings, Millis now) {
    if (!settings.enabled || ticket.created == 0) return {};
    const SlaTargets targets = SlaTargetsFor(ticket, config, settings);
    if (targets.response_minutes <= 0 && targets.resolution_minutes <= 0) return {};
    const CompiledCalendar& calendar = settings.calendar;
    ClockReader clock(calendar);
    // Within the calendar's years, so that no difference of instants can overflow.
    const Millis start = std::clamp(ticket.created, kCalendarStart, kCalendarEnd);
    const Millis end = std::clamp(now, start, kCalendarEnd);
    Tally response{targets.response_minutes * 60'000LL}, resolution{targets.resolution_minutes * 60'000LL};
    // The response clock stops at the first response or, without one, at the first Done.
    const bool responded = ticket.first_response_at != 0;
    const Millis response_end = responded ? ticket.first_response_at : std::numeric_limits<Millis>::max();
    bool response_done = responded && response_end <= end;
    StatusCategory last = StatusCategory::Active;
    VisitPhases(ticket, config, start, end, [&](Millis from, Millis to, StatusCategory category) {
        last = category;
        if (category == StatusCategory::Done && !responded) response_done = true;
        if (!Counts(category) || to <= from) return;
        const Millis clock_from = clock.At(from), clock_to = clock.At(to);
        resolution.Count(calendar, from, clock_from, clock_to);
        const bool response_running = responded ? from < response_end : !response_done;
        if (!response_running) return;
        const Millis clock_stop = to <= response_end ? clock_to : calendar.BusinessClock(response_end);
        response.Count(calendar, from, clock_from, clock_stop);
    });
    SlaState state;
    const bool waiting = last == StatusCategory::Waiting;
    state.response = Finish(response, response_done || responded, waiting, clock, end, settings.warn_percent);
    state.resolution = Finish(resolution, last == StatusCategory::Done, waiting, clock, end, settings.warn_percent);
    return state;
}

}  // namespace tackboard
