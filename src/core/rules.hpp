// rules.hpp — automation rules: "when <trigger>, for tickets matching <condition>, do
// <actions>", and escalation (the same rules, triggered by SLA risk or breach).
//
//   Result<RuleSettings> rules = ParseRules(json, board.config());  // refused with a reason and a path
//   RuleContext context{now, route};  // route: who "assign auto" picks (routing.hpp), or unset
//   // after a user's change was applied (not after sync or import: those were run where made):
//   RuleRun run = RunCascade(rules.value(), board, EventsFromApplied(change, applied, board), context, apply);
//   // a timed pass, with the SLA flags of each ticket (sla.hpp works them out):
//   RuleRun run = RunTimed(rules.value(), board, context, sla_flags, apply);
//   // the same every minute or so, reading only the tickets that may answer differently:
//   RuleRun run = timed_schedule.Run(rules.value(), sla_settings, board, context, apply);
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
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <utility>
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

// The live tickets that are not in a Done status, by position: all that timed passes
// look at. A board that has been used for a while is mostly done tickets, and reading
// each Ticket (some 500 bytes, out of cache at 100k) is most of what a pass costs; kept up
// to date from the ids each change touched, the set lets a pass read only the open ones.
//
//   OpenTickets open;
//   open.Rebuild(board);                        // after loading; after a configuration change
//   open.Update(board, applied.touched);        // after any other change
//   RuleContext context{now, route, &open.positions()};
class OpenTickets {
public:
    void Rebuild(const Board& board);
    // The touched tickets are read again, and so are tickets added since the last call.
    void Update(const Board& board, const std::vector<std::string>& touched);
    const std::vector<std::size_t>& positions() const;  // ascending

private:
    bool Open(const Ticket& t) const;
    std::vector<std::string> done_;  // the Done statuses as of the last Rebuild
    std::vector<char> open_;         // by position
    mutable std::vector<std::size_t> positions_;
    mutable bool stale_ = true;
};

struct RuleContext {
    Millis now = 0;
    // Resolves "assign auto": the member routing picks for the ticket, or "" for nobody.
    // Unset: such actions are skipped (and say so).
    std::function<std::string(const Ticket&, const Board&)> route;
    // When set: the positions of the live, open tickets (OpenTickets::positions(), up to
    // date with the board); timed passes read only those. Unset: every ticket is read.
    const std::vector<std::size_t>* open = nullptr;
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

// SlaFlagsOf for passes that come again (every minute): the same flags, but a ticket's
// clocks are worked out again only when they may read differently. Between changes to a
// ticket its flags move only when a running clock reaches its warning or its target, and
// both are fixed points of the business clock; so each ticket keeps its flags with the
// business-clock reading up to which they hold, and a pass reads the business clock once
// and compares. Worked out again: a ticket whose status, priority, type, history size,
// created / updated / first-response / resolved times or deleted flag differ from last
// time; a ticket with one of those times after `now` (dated in the future); every
// ticket when the settings or the board's statuses and priorities changed, or when
// `now` went back.
//
//   SlaFlagCache cache;  // kept beside the board, as long as it
//   const SlaFlagList& sla = cache.Flags(board, settings.sla, now);  // == SlaFlagsOf(board, settings.sla, now)
class SlaFlagCache {
public:
    // Valid until the next call.
    const SlaFlagList& Flags(const Board& board, const SlaSettings& sla, Millis now);
    // The same, reading only the tickets at `open` (OpenTickets::positions()): the others
    // are done or deleted, and have no flags.
    const SlaFlagList& Flags(const Board& board, const SlaSettings& sla, Millis now, const std::vector<std::size_t>& open);
    void Clear();
    // Tickets whose clocks the last call worked out (for tests and figures).
    std::size_t recomputed() const { return recomputed_; }

    // What a ticket's flags were worked out from.
    struct Key {
        Millis created = 0, updated = 0, first_response_at = 0, resolved_at = 0, last_history_at = 0;
        std::size_t history_size = 0;
        std::uint64_t text = 0;  // status, priority, type
        bool deleted = false;
        bool operator==(const Key&) const = default;
    };

private:
    struct Entry {
        Key key;
        bool known = false;
        Millis computed_at = 0;  // `now` of that pass: the flags hold from there on...
        Millis clock_limit = 0;  // ...while the business clock at `now` is below this
    };
    void Refresh(const Board& board, const SlaSettings& sla, Millis now, std::size_t pos, Millis clock_now,
                 bool in_calendar, const std::vector<std::string>& done);
    bool Prepare(const Board& board, const SlaSettings& sla);
    std::string settings_;  // what the flags of every ticket depend on, as text
    std::vector<std::size_t> flagged_;  // positions with a flag set, when reading only open ones
    std::vector<Entry> entries_;  // by ticket position, like flags_
    SlaFlagList flags_;
    std::size_t recomputed_ = 0;
};

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

// --- timed passes that come again ------------------------------------------------------

// RunTimed for passes that come again (every minute), reading only the tickets whose
// answer may differ from last time. Same firings, in the same order, as
// RunTimed(settings, board, context, SlaFlagsOf(board, sla, context.now), apply).
//
// Between changes to an open ticket, a timed rule can start to hold only at instants
// known in advance: the due window opens (due - minutes), the idle spell begins (updated
// + days), the SLA flags move (a running clock reaches its warning or its target: the
// calendar says when, as for SlaFlagCache). A rule that has fired for the occurrence, or
// whose condition is false, stays so until the ticket changes (firing writes history).
// So each ticket keeps the earliest instant it must be read again, in a min-heap, and a
// pass reads only: tickets whose instant has come; tickets changed since the last pass;
// tickets a rule was due on last pass (a refused record, or one with nothing to do, is
// tried again as RunTimed would); and, for rules whose condition reads the clock or other
// tickets (relative dates, is:overdue, is:breached, is:at-risk, is:blocked), each ticket
// on which the trigger holds and the rule has not fired yet. Everything is read again
// after Clear, when the rules, the Done statuses or (with SLA rules) the SLA settings,
// statuses and priorities differ from last time, when `now` goes back, or when the board
// has fewer tickets. Other configuration changes (what a condition's words mean) need Clear.
//
//   TimedSchedule timed;                      // kept beside the board, as long as it
//   timed.Update(board, applied.touched);     // after every change applied outside Run
//   timed.Clear();                            // after loading; after a configuration change
//   RuleRun run = timed.Run(rules, sla, board, context, apply);
// context.open (OpenTickets::positions()), when set, is read by a pass that reads
// everything, before anything is applied; tickets added to the board are noticed without Update.
class TimedSchedule {
public:
    // Tickets changed by a change applied to the board (Applied::touched).
    void Update(const Board& board, const std::vector<std::string>& touched);
    void Clear();
    // What EvaluateTimed would plan with the flags SlaFlagsOf gives now.
    std::vector<RuleFiring> Evaluate(const RuleSettings& settings, const SlaSettings& sla, const Board& board,
                                     const RuleContext& context);
    // One pass, applying through `apply` (as RunTimed); what it applies counts as changed.
    RuleRun Run(const RuleSettings& settings, const SlaSettings& sla, const Board& board, const RuleContext& context,
                const ApplyRecord& apply);
    // Tickets the last pass read (for tests and figures).
    std::size_t looked_at() const { return looked_at_; }

    struct Candidate {  // a timed rule due on a ticket
        std::size_t rule = 0;  // index into RuleSettings::rules
        std::size_t pos = 0;   // in board.tickets()
    };

private:
    struct Slot {
        Millis next = std::numeric_limits<Millis>::max();  // the instant of its live heap entry; max: none
        std::uint32_t seen = 0;  // the pass that last read it
        bool dirty = false;      // in dirty_
    };
    std::vector<Candidate> Collect(const RuleSettings& settings, const SlaSettings& sla, const Board& board,
                                   const RuleContext& context);
    void Learn(const RuleSettings& settings);
    std::vector<std::size_t> Pending(const Board& board, const RuleContext& context, bool everything);

    bool known_ = false;  // false: the next pass reads every ticket
    std::string signature_;  // the rules, done statuses and SLA settings the slots were worked out with
    Millis last_now_ = 0;
    std::uint32_t pass_ = 0;
    std::vector<Slot> slots_;  // by ticket position
    std::vector<std::uint32_t> dirty_;  // positions changed since the last pass
    std::vector<std::pair<Millis, std::uint32_t>> heap_;  // (instant, position), earliest on top; stale when the slot's next differs
    std::vector<std::size_t> timed_;     // the enabled timed rules, by index
    std::vector<std::string> actors_;    // their RuleActor
    std::vector<char> moving_;           // whether their condition can change with no change to the ticket
    std::size_t looked_at_ = 0;
};

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
