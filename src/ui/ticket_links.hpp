// ticket_links.hpp — the Links section of the ticket panel.
//
// Lists the tickets this one is linked to, by kind (click one to open it, × removes the
// link), and adds links: pick the kind, type an id ("#XFQE7", or the whole id) or words
// (the filter's query language), take one of the eight tickets found with the keyboard or
// the mouse. Adding and removing are "link"/"unlink" changes (core/change.hpp): kept on
// both tickets, one undo step each.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/app.hpp"
#include "ui/ui_state.hpp"

namespace tackboard {

// The tickets a link from `from` could go to, best first: those whose id ends with what is
// typed (with or without "#", any case), then what the text finds as a query. Never `from`
// itself nor deleted tickets; at most `limit`.
std::vector<std::string> FindLinkTargets(const App& app, const Ticket& from, std::string_view typed, std::size_t limit);

void DrawTicketLinks(const App& app, const Ticket& ticket, UiState& ui, std::vector<Request>& requests);

}  // namespace tackboard
