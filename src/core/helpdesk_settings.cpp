#include "core/helpdesk_settings.hpp"

namespace tackboard {

namespace {

constexpr const char* kTriageKey = "triage";
constexpr const char* kRoutingKey = "routing";
constexpr const char* kSlaKey = "sla";

// Reads one section of config.extra with `parse`, leaving `target` at its default when
// the section is absent or does not read (then the problem is noted, under the section's path).
template <class T, class Parse>
void ReadSection(const BoardConfig& config, const char* key, T& target, std::vector<Error>& problems, Parse parse) {
    if (!config.extra.is_object()) return;
    auto it = config.extra.find(key);
    if (it == config.extra.end()) return;
    Result<T> read = parse(*it);
    if (read) {
        target = std::move(read.value());
        return;
    }
    Error error = read.error();
    error.path = "/config/" + std::string(key) + error.path;
    problems.push_back(std::move(error));
}

}  // namespace

LoadedHelpdeskSettings HelpdeskSettingsOf(const BoardConfig& config) {
    LoadedHelpdeskSettings out;
    ReadSection(config, kTriageKey, out.settings.triage, out.problems,
                [&](const nlohmann::json& v) { return ParseTriageSettings(v, config); });
    ReadSection(config, kRoutingKey, out.settings.routing, out.problems,
                [](const nlohmann::json& v) { return ParseRoutingSettings(v); });
    ReadSection(config, kSlaKey, out.settings.sla, out.problems,
                [&](const nlohmann::json& v) { return ParseSlaSettings(v, config); });
    ReadSection(config, kAutomationKey, out.settings.rules, out.problems,
                [&](const nlohmann::json& v) { return ParseRules(v, config); });
    ReadSection(config, "canned", out.settings.canned, out.problems,
                [](const nlohmann::json& v) { return ParseCannedSettings(v); });
    return out;
}

Result<RoutingSettings> ParseRoutingSettings(const nlohmann::json& value) {
    if (!value.is_object()) return Error{"routing settings must be an object like {\"mode\": \"least_loaded\"}"};
    RoutingSettings out;
    auto mode = value.find("mode");
    if (mode == value.end()) return out;
    if (*mode == "least_loaded") out.mode = RoutingMode::LeastLoaded;
    else if (*mode == "round_robin") out.mode = RoutingMode::RoundRobin;
    else return Error{"unknown routing mode " + mode->dump() + " (expected \"least_loaded\" or \"round_robin\")", "/mode"};
    return out;
}

nlohmann::json ToJson(const RoutingSettings& settings) {
    return {{"mode", settings.mode == RoutingMode::RoundRobin ? "round_robin" : "least_loaded"}};
}

std::string LastAssignedMember(const Board& board) {
    const Ticket* newest = nullptr;
    for (const Ticket& t : board.tickets())
        if (!t.deleted && !t.assignee.empty() && (!newest || t.created >= newest->created)) newest = &t;
    return newest ? newest->assignee : std::string();
}

}  // namespace tackboard
