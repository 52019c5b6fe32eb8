// similar.hpp — "has this been asked before?": tickets like the one being written.
//
//   // while the new-ticket form is typed (cheap enough for every keystroke):
//   for (SimilarTicket s : FindSimilar(board, index, title, description, now, {}))
//       board.tickets()[s.position] ... s.score       // possible duplicates
//   // at submission: resolved tickets whose answer may already solve it
//   for (SimilarTicket s : FindKnowledge(board, index, title, description, {})) {
//       const Ticket& t = board.tickets()[s.position];
//       long c = LastPublicComment(t);                  // show t.comments[c] as the likely answer
//   }
//
// Scoring goes through the SearchIndex's postings, never through the tickets' text: the
// folded title and description are tokenized (TokenizeViews, so CJK by bigrams), each
// distinct token found in the index weighs idf = log(N / df) (rare words count more;
// N = documents in the index, df = documents holding the token), times title_weight when
// it comes from the title. A ticket's score is the weight of the tokens it holds divided
// by the weight of all query tokens the index knows, so 1 means "holds every word that
// matters" and scores compare across queries. Tokens found in more than common_fraction
// of the documents (and in more than 100) are skipped: they say little and their postings
// are long. Only the first 256 distinct words of the description are looked up, so
// pasting a whole log stays fast. Words match whole: a half-typed last word counts once
// complete (a short prefix would walk much of the index). A ticket is indexed with its
// title, description, comments, requester and labels, so a resolution comment counts for
// knowledge suggestions. About a millisecond at 100k tickets.
//
// Candidates are live tickets other than options.exclude_id scoring at least
// options.min_score; FindSimilar keeps those open (status category not Done; an unknown
// status counts as open) or updated within options.recent of now; FindKnowledge keeps
// those in a Done status, and with options.knowledge_only only those marked as knowledge
// articles (IsKnowledgeArticle). Best first: score, then most recently updated.
// The index must be up to date with board.tickets() (document i = ticket i).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/board.hpp"

namespace tackboard {

class SearchIndex;

struct SimilarOptions {
    std::size_t limit = 5;
    std::string exclude_id;                       // the ticket being edited, if any
    Millis recent = 30LL * 24 * 60 * 60 * 1000;   // FindSimilar: closed tickets newer than this still count
    bool knowledge_only = false;                  // FindKnowledge: only IsKnowledgeArticle tickets
    double min_score = 0.3;                       // share of the query's weight a ticket must hold
    double title_weight = 2.0;                    // a title token against a description token
    double common_fraction = 0.10;                // tokens in more of the documents are skipped
};

struct SimilarTicket {
    std::size_t position = 0;  // in board.tickets()
    double score = 0;          // 0..1, see above
};

std::vector<SimilarTicket> FindSimilar(const Board& board, const SearchIndex& index, std::string_view title,
                                       std::string_view description, Millis now, const SimilarOptions& options);
// Resolved answers are useful at any age, so no `now` here (options.recent is not used).
std::vector<SimilarTicket> FindKnowledge(const Board& board, const SearchIndex& index, std::string_view title,
                                         std::string_view description, const SimilarOptions& options);

// Marked as a knowledge article: the label "knowledge-base" (any case) or
// ticket.extra["knowledge"] == true (set by tools that import articles).
bool IsKnowledgeArticle(const Ticket& ticket);
// Index in ticket.comments of the last public (not internal), non-empty comment: the
// likely answer on a resolved ticket. -1 when there is none.
long LastPublicComment(const Ticket& ticket);

}  // namespace tackboard
