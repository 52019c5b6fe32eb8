// query_examples.cpp — the examples of query_examples.hpp. Every query must parse and name
// only values of the built-in configuration (tests/unit/query_help_test.cpp checks both).
#include "ui/query_examples.hpp"

#include "ui/i18n.hpp"

namespace tackboard {

namespace {

constexpr QueryExample kExamples[] = {
    {"status:open assignee:me", TrNoop("My open tickets")},
    {"prio:>=high -label:spam", TrNoop("High priority or more urgent, not labelled spam")},
    {"type:bug is:unassigned", TrNoop("Bugs nobody is assigned to")},
    {"due:<3d", TrNoop("Due within 3 days, or already overdue")},
    {"is:overdue", TrNoop("Past their due date and not finished")},
    {"created:<1w", TrNoop("Created in the last week")},
    {"updated:>2d is:open", TrNoop("Open, and not updated for more than 2 days")},
    {"created:>2026-01-01", TrNoop("Created since January 1st, 2026")},
    {"\"out of office\" OR vpn", TrNoop("The exact phrase “out of office”, or the word vpn")},
    {"(label:network OR label:hardware) -is:blocked", TrNoop("Labelled network or hardware, and not blocked")},
    {"requester:example.com", TrNoop("Sent by a requester at example.com")},
    {"status:open sort:-updated", TrNoop("Open tickets, most recently updated first")},
};

}  // namespace

std::span<const QueryExample> QueryExamples() { return kExamples; }

}  // namespace tackboard
