// rules.hpp — automation rules: "when <trigger>, for tickets matching <condition>, do
// <actions>", and escalation (the same rules, triggered by SLA risk or breach).
//
//   Result<RuleSettings> rules = ParseRules(json, board.config());  // refused with a reason and a path
//   RuleContext context{now, route};  // route: who "assign auto" picks (routing.hpp), or unset
//   // after a user's change was applied (not after sync or import: those were run where made):
//   RuleRun run = RunCascade(rules.value(), board, EventsFromApplied(change, applied, board), context, apply);
//   // every minute or so, with the SLA flags of each ticket (sla.hpp works them out):
//   RuleRun run = RunTimed(rules.value(), board, context, sla_flags, apply);
//   // the settings panel's dry run: which tickets, and what would be done to each
//   Result<RulePreview> preview = PreviewRule(rule, board, context, sla_flags);
//
// Triggers: a ticket was created; a field changed (as named in history: "priority",
// "labels", "comment", "link", "fields.severity"); a status was entered (also by being
// created in it); or, checked by timed passes, the due time is N minutes away or past, the
// SLA is at risk or breached, nothing changed for N days. Timed triggers leave deleted and
// done tickets alone. The condition is a query (query.hpp) the ticket must match at the
// time, after what earlier rules did; `assignee:me` is refused (rules act as nobody).
//
// Actions: set a field, assign (a member, or "auto": RuleContext::route decides), add a
// label, add a comment (internal by default), move to a status (if the workflow allows
// it), raise the priority one step (BoardConfig::priorities, most urgent first), notify.
// A notification is returned for the app to show and also kept on the ticket as an
// internal note "Notified: <message>", so it is in history like every other action.
// Actions that would change nothing (label already there) are left out; actions that
// cannot run (move not allowed from here) are left out and said why in `skipped`.
//
// What a rule writes: one change record per firing, in change.hpp's format (a "batch"
// when it does several things, so it is applied whole or not at all), with "by":
// "rule:<name>" — history shows the rule's name as the author of every action. Callers
// applying records through their own path (journal, undo, sync outbox) keep that "by"
// and may add an "hlc". Rule names are unique, since history tells rules apart by name.
//
// Loops: applying a rule's record raises events of its own, which may trigger further
// rules (a cascade). Within one cascade a rule fires at most once per ticket, so A (label
// when the priority changes) and B (raise the priority when labelled) end after one turn
// each; events deeper than kMaxCascadeDepth are dropped (RuleRun::depth_limited) as a
// second fence. Earlier rules act first and later rules see their effects.
//
// Fired once: a timed rule fires once per occurrence. An occurrence has a start — the
// moment the due window opened (due - minutes), the ticket became idle (updated + days),
// the SLA flag was raised (SlaFlags::*_since, else the ticket's last opening) — and the
// rule counts as fired when the ticket's history holds an entry by "rule:<name>" at or
// after that start. History is written by ApplyChange, so this survives journal replay
// and sync like any change; nothing else is stored. Moving the due date, a new idle spell
// or a new SLA deadline starts a new occurrence. Renaming a rule forgets what it did.
// Run timed passes on one device (the writer): two devices would each fire once.
//
// Settings JSON (where it is kept is the caller's choice, e.g. BoardConfig::extra["automation"]):
//   {"rules": [{"id": "r1", "name": "Escalate breaches", "enabled": true,
//               "trigger": {"kind": "sla_breached"},
//               "condition": "status:open -label:escalated",
//               "actions": [{"kind": "raise_priority"}, {"kind": "assign", "member": "lead"},
//                           {"kind": "add_label", "label": "escalated"},
//                           {"kind": "notify", "message": "SLA breached"}]}]}
//   trigger kinds: created | field_changed {"field"} | status_entered {"status"} |
//                  due {"minutes": 0 = overdue} | sla_at_risk | sla_breached | idle {"days"}
//   action kinds:  set_field {"field", "value"} | assign {"member": id or "auto"} |
//                  add_label {"label"} | add_comment {"body", "internal": true} |
//                  move {"status"} | raise_priority | notify {"message"}
// "enabled" (default true) and "condition" (default: every ticket) are optional; unknown
// members are ignored.
// Nothing here reads the clock: "now" comes in RuleContext.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/change.hpp"
#include "core/query.hpp"
#include "core/result.hpp"
#include "core/sla.hpp"

namespace tackboard {

// --- settings ---------------------------------------------------------------------

enum class TriggerKind { Created, FieldChanged, StatusEntered, Due, SlaAtRisk, SlaBreached, Idle };

struct RuleTrigger {
    TriggerKind kind = TriggerKind::Created;
    std::string field;   // FieldChanged: as in history ("priority", "labels", "comment", "fields.severity")
    std::string status;  // StatusEntered: a status id
    int minutes = 0;     // Due: fire this long before the due time; 0: once it is overdue
    int days = 0;        // Idle: nothing changed for this many days (at least 1)
};

enum class ActionKind { SetField, Assign, AddLabel, AddComment, Move, RaisePriority, Notify };

inline constexpr const char* kAutoAssign = "auto";  // Assign: routing picks the member

struct RuleAction {
    ActionKind kind = ActionKind::AddLabel;
    std::string field;     // SetField: as in update records ("priority", "fields.severity"); not status/assignee
    nlohmann::json value;  // SetField
    std::string member;    // Assign: a member id, or kAutoAssign
    std::string label;     // AddLabel
    std::string text;      // AddComment: the body (markdown); Notify: the message
    bool internal = true;  // AddComment: an internal note; false: a public answer (counts as first response)
    std::string status;    // Move: a status id
};

struct Rule {
    std::string id;    // stable key
    std::string name;  // unique; history shows "rule:<name>"
    bool enabled = true;
    RuleTrigger trigger;
    std::string condition;            // query text; empty: every ticket
    std::vector<RuleAction> actions;  // in order; at least one
    TicketMatcher matcher;            // the condition, compiled by CheckRules (ParseRules calls it)
};

struct RuleSettings {
    std::vector<Rule> rules;  // in order: earlier rules act first
};

// Reads and checks settings. Refused, with Error::path at the value
// ("/rules/2/actions/0/status"): unknown status, priority, type or member ids (members are
// checked when the board has some, as ApplyChange does), unknown field names (core
// fields, or "fields.<id>" of a field some ticket type defines), values a field cannot
// take, a condition that does not parse or names unknown values (the query's column is
// in the message), no actions, duplicate ids or names, idle days < 1, negative minutes.
Result<RuleSettings> ParseRules(const nlohmann::json& value, const BoardConfig& config);
// The same checks for settings built in code or edited in the UI; compiles each rule's
// condition into Rule::matcher. Run again after the board's configuration changes.
Status CheckRules(RuleSettings& settings, const BoardConfig& config);
// One rule; error paths start with `path` ("/rules/2").
Status CheckRule(Rule& rule, const BoardConfig& config, const std::string& path);
nlohmann::json ToJson(const RuleSettings& settings);

// "rule:<name>": the author of everything a rule does.
std::string RuleActor(const Rule& rule);

// --- events ------------------------------------------------------------------------

// What happened to one ticket in an applied change.
struct ChangeEvent {
    std::string ticket_id;
    bool created = false;
    // Fields whose value changed, named as in history: "status", "labels", "fields.severity",
    // "comment" (a comment was added), "link" (a link was added or removed).
    std::vector<std::string> fields;
    std::string old_status;  // when "status" changed (or the ticket was created: empty)
    std::string new_status;  // the status it entered
    std::string by;          // the change's author ("rule:<name>" for rules)
};

// The events of a change ApplyChange has just applied to `board` (read after it). Built
// from the returned inverse, which holds exactly what changed: update -> fields (with the
// old status), comment added -> "comment", link -> "link", create -> created; batches
// are followed. One event per ticket, in the order first touched. Sync, import and
// configuration changes give none: rules ran on the device where the change was made.
std::vector<ChangeEvent> EventsFromApplied(const nlohmann::json& change, const Applied& applied, const Board& board);

// --- evaluation --------------------------------------------------------------------

struct RuleContext {
    Millis now = 0;
    // Resolves "assign auto": the member routing picks for the ticket, or "" for nobody.
    // Unset: such actions are skipped (and say so).
    std::function<std::string(const Ticket&, const Board&)> route;
};

// SLA state of one ticket, worked out by the caller (sla.hpp). The *_since times are when
// the current spell began (the warning time, the deadline): a rule fires once per spell.
// 0 when unknown: the spell is taken to begin when the ticket was last opened (created,
// or moved out of a done status).
struct SlaFlags {
    bool at_risk = false;
    bool breached = false;
    Millis at_risk_since = 0;
    Millis breached_since = 0;
};
// By ticket position in Board::tickets(); positions past the end are neither.
using SlaFlagList = std::vector<SlaFlags>;

// The flags of every ticket from its SLA clocks (sla.hpp): at risk or breached when either
// clock is; breached_since is the earliest missed target, at_risk_since is left unknown.
// Empty when the SLA is off. One ComputeSla per live, open ticket.
SlaFlagList SlaFlagsOf(const Board& board, const SlaSettings& sla, Millis now);

// Whether any enabled rule is time-triggered, and whether one reads SLA flags (so a caller
// can skip the pass, or the SLA clocks).
bool HasTimedRules(const RuleSettings& settings);
bool ReadsSla(const RuleSettings& settings);

// One rule acting on one ticket.
struct RuleFiring {
    std::size_t rule = 0;  // index into RuleSettings::rules
    std::string ticket_id;
    nlohmann::json change;                   // the record to apply; null when nothing is left to do
    std::vector<std::string> notifications;  // Notify messages, for the app to show
    std::vector<std::string> skipped;        // actions left out, and why
};

// Rules whose trigger is this event and whose condition the ticket (in `board`, as it is
// now) matches, in order, each planned against the same state; enabled rules only. Pure:
// RunCascade applies them one by one instead, so later rules see earlier effects.
std::vector<RuleFiring> EvaluateOnChange(const RuleSettings& settings, const Board& board, const ChangeEvent& event,
                                         const RuleContext& context);
// Timed rules due now (trigger holds, not yet fired for this occurrence, condition
// matches), by ticket position then rule order. One pass over the tickets, cheap tests
// first: deleted/done, then the trigger's numbers, then history, then the condition.
std::vector<RuleFiring> EvaluateTimed(const RuleSettings& settings, const Board& board, const RuleContext& context,
                                      const SlaFlagList& sla);

// --- applying ----------------------------------------------------------------------

// Applies one record to the board given alongside it (and, in the app, journals it,
// records undo, queues it for sync), returning what ApplyChange returned.
using ApplyRecord = std::function<Result<Applied>(const nlohmann::json& change)>;

inline constexpr int kMaxCascadeDepth = 8;

struct RuleError {
    std::size_t rule = 0;
    std::string ticket_id;
    Error error;  // ApplyChange's refusal
};

struct RuleRun {
    std::vector<RuleFiring> fired;          // applied, in order
    std::vector<nlohmann::json> inverses;   // of each applied record that changed something, in order
    std::vector<RuleError> errors;          // refused records (the rule then counts as fired for that ticket)
    bool depth_limited = false;             // events past kMaxCascadeDepth were dropped
};

// Runs the event-driven rules for `events` and for whatever their actions cause, through
// `apply`, which must apply to `board` (read after each record).
RuleRun RunCascade(const RuleSettings& settings, const Board& board, std::vector<ChangeEvent> events,
                   const RuleContext& context, const ApplyRecord& apply);
// The same, applying with ApplyChange.
RuleRun RunCascade(const RuleSettings& settings, Board& board, std::vector<ChangeEvent> events,
                   const RuleContext& context);
// One timed pass: EvaluateTimed's firings, each applied and followed by its cascade. The
// ticket must still be open and match the condition when its turn comes (earlier firings
// may have changed it); the trigger is not read again.
RuleRun RunTimed(const RuleSettings& settings, const Board& board, const RuleContext& context,
                 const SlaFlagList& sla, const ApplyRecord& apply);
RuleRun RunTimed(const RuleSettings& settings, Board& board, const RuleContext& context, const SlaFlagList& sla);

// --- dry run -----------------------------------------------------------------------

struct RulePreview {
    // Positions in board.tickets(): for a timed rule, the tickets it would act on in a pass
    // now; for an event rule, the tickets its condition matches (what the event would find).
    std::vector<std::size_t> tickets;
    // What it would do to the first tickets (up to `max_firings`), change null when
    // nothing; `rule` is 0.
    std::vector<RuleFiring> firings;
};

// Checks `rule` (it may be unsaved, disabled or not yet compiled) and previews it. Changes nothing.
Result<RulePreview> PreviewRule(Rule rule, const Board& board, const RuleContext& context, const SlaFlagList& sla,
                                std::size_t max_firings = 50);

}  // namespace tackboard
