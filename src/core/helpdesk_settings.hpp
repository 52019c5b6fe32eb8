// helpdesk_settings.hpp — the helpdesk's settings (triage keywords, routing, SLA,
// automation rules, canned answers) as the board's configuration keeps them.
//
//   HelpdeskSettingsOf(board.config()).settings.triage   // what SuggestTriage reads
//
// They are top-level members of the configuration that BoardConfig itself does not model
// ("triage", "routing", "sla", "automation", "canned"), kept in BoardConfig::extra: so they are journaled, exported,
// synced (merged as whole values, sync/merge.hpp MergeConfig) and undone with it, like any
// configuration. A member that is missing gives the default; one that does not read (a
// newer version's, or a hand-edited file's) also gives the default, and the problem is
// returned so the UI can say so instead of ignoring it silently.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/canned.hpp"
#include "core/result.hpp"
#include "core/routing.hpp"
#include "core/rules.hpp"
#include "core/sla.hpp"
#include "core/triage.hpp"

namespace tackboard {

struct RoutingSettings {
    RoutingMode mode = RoutingMode::LeastLoaded;
};

struct HelpdeskSettings {
    TriageSettings triage = DefaultTriageSettings();
    RoutingSettings routing;
    SlaSettings sla;  // off until the configuration has an "sla" member
    RuleSettings rules;  // "automation": {"rules": [...]} (rules.hpp); none by default
    CannedSettings canned = DefaultCannedSettings();
};

struct LoadedHelpdeskSettings {
    HelpdeskSettings settings;
    std::vector<Error> problems;  // sections that did not read; their defaults are used
};

LoadedHelpdeskSettings HelpdeskSettingsOf(const BoardConfig& config);

inline constexpr const char* kAutomationKey = "automation";  // where the rules are kept

// {"mode": "least_loaded" | "round_robin"}
Result<RoutingSettings> ParseRoutingSettings(const nlohmann::json& value);
nlohmann::json ToJson(const RoutingSettings& settings);

// Round robin's cursor: the assignee of the newest ticket that has one (empty: none yet).
std::string LastAssignedMember(const Board& board);

}  // namespace tackboard
