// query.hpp — the filter bar's query language (user guide: docs/query-language.md).
//
//   status:open assignee:me prio:>=high -label:spam "out of office" (vpn OR wifi) sort:-updated
//   sprint:current  sprint:"Sprint 12"  sprint:none   (core/sprints.hpp; current: the open sprint on today's date)
//
// Use: ParseQuery reads the text alone (syntax errors say "column N: ..." with N counted
// in characters from 1); CheckQuery, optionally, reports values the board does not know
// (status:in_prgress) which would otherwise just match nothing; RunQuery evaluates a parsed
// query: words, phrases and labels through the SearchIndex's postings, the other fields
// as a predicate per ticket over the index's compact per-ticket facts (phrases are then
// verified in the ticket's text); TicketMatcher tests one ticket at a time without the
// index, with the same answers (automation rules). QueryFieldNames and QueryKeywords
// feed the filter bar's autocomplete (query_complete.hpp).
// Nothing here reads the clock: "now" comes in QueryContext.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

class SearchIndex;

enum class QueryField { Text, Phrase, Status, Assignee, Priority, Type, Label, Requester, Due, Created, Updated, Is, Has, Sprint };
enum class QueryCompare { Equal, Less, LessOrEqual, Greater, GreaterOrEqual };

// One leaf of a query: a bare word, a "quoted phrase" or a field:value term.
struct QueryTerm {
    QueryField field = QueryField::Text;
    QueryCompare compare = QueryCompare::Equal;
    // Text/Phrase: folded (a phrase's spaces collapsed); otherwise as typed, unquoted.
    std::string value;
    bool quoted = false;    // status:"closed" names that status, not the keyword
    bool prefix = false;    // Text: the word being typed; its last token matches as a prefix
    bool relative = false;  // dates: `amount` is a duration (3d), not an instant
    Millis amount = 0;
    int column = 0;        // where the term starts (1-based, in characters)
    int value_column = 0;  // where its value starts
};

struct QueryNode {
    enum class Kind { Term, And, Or, Not };
    Kind kind = Kind::Term;
    std::size_t term = 0;                // Term: index into Query::terms
    std::vector<std::size_t> children;   // And/Or: two or more nodes; Not: one
};

enum class SortKey { Created, Updated, Priority, Due, Title };
struct QuerySort {
    SortKey key = SortKey::Created;
    bool descending = false;
};

struct Query {
    std::vector<QueryTerm> terms;
    std::vector<QueryNode> nodes;
    long root = -1;               // index into nodes; -1: no filter
    std::vector<QuerySort> sort;  // in order of importance; empty: newest created first
    bool shows_deleted = false;   // is:deleted appears, so deleted tickets are not hidden
};

struct SlaSettings;

struct QueryContext {
    std::string me;  // member id of whoever is looking, for assignee:me
    Millis now = 0;  // for relative dates, is:overdue, is:breached
    // The board's SLA settings (core/sla.hpp) for is:breached and is:at-risk; without them,
    // or when they are off, those compare a ticket's age with its priority's targets.
    const SlaSettings* sla = nullptr;
};

Result<Query> ParseQuery(std::string_view text);
// Unknown status, priority or type values, as "column N: unknown status 'x' (...)".
Status CheckQuery(const Query& query, const BoardConfig& config);
// Positions in board.tickets() of the matching tickets, in the query's order. The index
// must be up to date with board.tickets() (document i = ticket i).
std::vector<std::size_t> RunQuery(const Query& query, const Board& board, const SearchIndex& index,
                                  const QueryContext& context);

// A query compiled for testing tickets one at a time, without a SearchIndex: automation
// rules (rules.hpp) ask about the one ticket that just changed, or about each ticket of
// a timed pass. Matches gives the answer RunQuery gives for that ticket: free text is
// folded and tokenized as the index does, over the same fields (title, description,
// comments, requester, labels); deleted tickets match only when the query has
// is:deleted. Values are resolved against `config` when compiling: compile again after
// the configuration changes. Copies share the compiled form (cheap to copy).
class TicketMatcher {
public:
    TicketMatcher();  // no condition: every ticket that is not deleted
    TicketMatcher(const Query& query, const BoardConfig& config);
    // `board` is read only for is:blocked (whether the blockers are finished).
    bool Matches(const Ticket& ticket, const Board& board, const QueryContext& context) const;

private:
    struct Compiled;
    std::shared_ptr<const Compiled> compiled_;
};

// The same, compiling on each call: for a one-off question.
bool QueryMatchesTicket(const Query& query, const Ticket& ticket, const Board& board, const QueryContext& context);

// The language's own words, for completion (query_complete.hpp): every field name
// ("status", "assignee", "prio", ..., "sort"), and the keyword values a field takes
// ("status" -> open, closed, done...; "is", "has", "sort"; empty for the others).
std::vector<std::string_view> QueryFieldNames();
std::vector<std::string_view> QueryKeywords(std::string_view field);

}  // namespace tackboard
