// triage.hpp — the triage view's two halves: which tickets wait for triage (TriageQueue)
// and what the rules suggest for one of them (SuggestTriage).
//
//   TriageSettings settings = DefaultTriageSettings();   // or ParseTriageSettings(json, config)
//   for (std::size_t pos : TriageQueue(board, now)) {
//       const Ticket& t = board.tickets()[pos];
//       TriageSuggestion s = SuggestTriage(t, board.config(), settings);
//       // show s.priority / s.type / s.labels with their `because`; the agent accepts
//       // (the UI turns that into an "update" change) or picks something else
//   }
//
// Suggestions come from keyword rules over the title and description, plus a default
// priority per ticket type. Keywords are matched after folding case and accents
// (FoldText): a keyword in a Latin script matches whole words ("panne" finds "Panne du
// serveur", "down" does not find "download"; "out of service" is a phrase), a keyword
// with CJK characters matches anywhere ("宕机" inside "服务器宕机了": Chinese has no spaces).
// When several rules hit, the most urgent priority wins (BoardConfig::PriorityRank) and
// the type comes from the first rule, in rule order, that sets one. Nothing is
// suggested that the ticket already has.
//
// Settings JSON (where it is kept is the caller's choice, e.g. BoardConfig::extra["triage"]):
//   {"rules": [{"keywords": ["outage", "panne"], "set_priority": "urgent",
//               "set_type": "incident", "add_labels": ["security"]}, ...],
//    "type_priority": {"incident": "high", "feature": "low"}}
// Every member is optional except "keywords"; unknown members are ignored.
// Nothing here reads the clock: "now" is passed in.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

struct KeywordRule {
    std::vector<std::string> keywords;  // any one found triggers the rule; as the user wrote them
    std::string set_priority;           // priority id, or empty
    std::string set_type;               // type id, or empty
    std::vector<std::string> add_labels;
};

struct TriageSettings {
    std::vector<KeywordRule> rules;                    // in order: the first rule's type wins
    std::map<std::string, std::string> type_priority;  // type id -> priority id
};

// Rules in English, French, Swedish and Chinese for DefaultConfig()'s ids.
TriageSettings DefaultTriageSettings();
// Reads settings, refusing priority or type ids the board does not know, empty keyword
// lists, blank keywords or labels, and rules that do nothing; Error::path points at the
// value ("/rules/1/set_priority").
Result<TriageSettings> ParseTriageSettings(const nlohmann::json& value, const BoardConfig& config);
nlohmann::json ToJson(const TriageSettings& settings);

// Why something is suggested: a rule whose keywords were found, or the ticket type's
// default priority (rule == kFromType, keywords empty).
struct TriageHit {
    static constexpr std::size_t kFromType = static_cast<std::size_t>(-1);
    std::size_t rule = kFromType;       // index into TriageSettings::rules
    std::vector<std::string> keywords;  // the rule's keywords found, as written in the rule
};

struct TriageSuggestion {
    struct Label {
        std::string name;
        std::vector<TriageHit> because;
    };
    std::string priority;  // empty: nothing to suggest
    std::vector<TriageHit> priority_because;
    std::string type;  // empty: nothing to suggest
    std::vector<TriageHit> type_because;
    std::vector<Label> labels;  // to add, in rule order

    bool empty() const { return priority.empty() && type.empty() && labels.empty(); }
};

// The type's default priority applies to the suggested type when there is one.
// Costs tens of microseconds (every keyword of every rule is looked for): the view should
// keep suggestions per ticket revision rather than ask again every frame.
TriageSuggestion SuggestTriage(const Ticket& ticket, const BoardConfig& config, const TriageSettings& settings);

// Positions in board.tickets() of live tickets waiting for triage — status in the Todo
// category and no assignee — most urgent priority first (unknown priorities last), then
// oldest first (age is now - created; a creation time ahead of `now`, from a device whose
// clock runs fast, counts as age 0). One pass over the board plus a sort of the hits.
std::vector<std::size_t> TriageQueue(const Board& board, Millis now);

}  // namespace tackboard
