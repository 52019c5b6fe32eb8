// similar.cpp — duplicate detection and knowledge suggestions (see similar.hpp).
#include "core/similar.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/search_index.hpp"
#include "core/text_fold.hpp"

namespace tackboard {

namespace {

// Below this many documents holding a token it is never skipped as common: on a small
// board every word is in a sizeable fraction of the tickets, and walking short postings
// costs nothing anyway.
constexpr std::size_t kCommonFloor = 100;
constexpr std::size_t kMaxDescriptionTokens = 256;

struct QueryToken {
    std::string_view text;
    double weight = 1;
};

// Distinct tokens of the title and the description, a title token at title_weight.
std::vector<QueryToken> QueryTokens(const std::string& title, const std::string& description, double title_weight) {
    std::vector<std::string_view> title_tokens, description_tokens;
    TokenizeViews(title, title_tokens);
    TokenizeViews(description, description_tokens);
    std::vector<QueryToken> out;
    std::unordered_map<std::string_view, std::size_t> seen;
    for (std::string_view token : title_tokens)
        if (seen.emplace(token, out.size()).second) out.push_back({token, title_weight});
    std::size_t from_description = 0;
    for (std::string_view token : description_tokens) {
        if (from_description == kMaxDescriptionTokens) break;
        auto [it, added] = seen.emplace(token, out.size());
        if (added) {
            out.push_back({token, 1.0});
            ++from_description;
        } else {
            out[it->second].weight = std::max(out[it->second].weight, 1.0);
        }
    }
    return out;
}

// Score of every document holding a query token, as a share of the query's weight.
// Only documents in `touched` have non-zero entries in `scores`.
struct Scores {
    std::vector<float> scores;
    std::vector<std::uint32_t> touched;
    double total = 0;  // weight of all query tokens the index knows (and does not skip)
};

Scores ScoreDocuments(const SearchIndex& index, std::string_view title, std::string_view description,
                      const SimilarOptions& options) {
    Scores out;
    std::string folded_title = FoldText(title), folded_description = FoldText(description);
    std::vector<QueryToken> tokens = QueryTokens(folded_title, folded_description, options.title_weight);
    const std::size_t documents = index.doc_count();
    if (documents == 0 || tokens.empty()) return out;
    const double common = std::max(options.common_fraction * static_cast<double>(documents),
                                   static_cast<double>(kCommonFloor));
    out.scores.assign(documents, 0.0f);
    for (const QueryToken& token : tokens) {
        // A lone CJK character is looked up as a prefix, like the filter bar does: the
        // index holds it inside bigrams.
        std::vector<std::uint32_t> docs = index.MatchWord(token.text, IsSingleCjkChar(token.text));
        if (docs.empty() || static_cast<double>(docs.size()) > common) continue;
        double weight = token.weight * std::log(static_cast<double>(documents) / static_cast<double>(docs.size()));
        if (weight <= 0) continue;
        out.total += weight;
        for (std::uint32_t doc : docs) {
            if (doc >= documents) continue;
            if (out.scores[doc] == 0.0f) out.touched.push_back(doc);
            out.scores[doc] += static_cast<float>(weight);
        }
    }
    return out;
}

template <class Keep>
std::vector<SimilarTicket> BestMatches(const Board& board, const SearchIndex& index, std::string_view title,
                                       std::string_view description, const SimilarOptions& options, Keep keep) {
    Scores scores = ScoreDocuments(index, title, description, options);
    std::vector<SimilarTicket> out;
    if (scores.total <= 0 || options.limit == 0) return out;
    const std::vector<Ticket>& tickets = board.tickets();
    for (std::uint32_t doc : scores.touched) {
        double share = scores.scores[doc] / scores.total;
        if (share + 1e-6 < options.min_score || doc >= tickets.size()) continue;
        const Ticket& t = tickets[doc];
        if (t.deleted || (!options.exclude_id.empty() && t.id == options.exclude_id) || !keep(t)) continue;
        out.push_back({doc, std::min(share, 1.0)});
    }
    auto better = [&](const SimilarTicket& a, const SimilarTicket& b) {
        if (a.score != b.score) return a.score > b.score;
        const Ticket& x = tickets[a.position];
        const Ticket& y = tickets[b.position];
        if (x.updated != y.updated) return x.updated > y.updated;
        return a.position < b.position;
    };
    std::size_t keep_count = std::min(options.limit, out.size());
    std::partial_sort(out.begin(), out.begin() + static_cast<long>(keep_count), out.end(), better);
    out.resize(keep_count);
    return out;
}

// Status id -> whether its category is Done.
std::unordered_map<std::string, bool> DoneStatuses(const BoardConfig& config) {
    std::unordered_map<std::string, bool> done;
    for (const StatusDef& s : config.statuses) done.emplace(s.id, s.category == StatusCategory::Done);
    return done;
}

bool IsDone(const std::unordered_map<std::string, bool>& done, const std::string& status) {
    auto it = done.find(status);
    return it != done.end() && it->second;
}

}  // namespace

std::vector<SimilarTicket> FindSimilar(const Board& board, const SearchIndex& index, std::string_view title,
                                       std::string_view description, Millis now, const SimilarOptions& options) {
    auto done = DoneStatuses(board.config());
    return BestMatches(board, index, title, description, options, [&](const Ticket& t) {
        return !IsDone(done, t.status) || t.updated >= now - options.recent;
    });
}

std::vector<SimilarTicket> FindKnowledge(const Board& board, const SearchIndex& index, std::string_view title,
                                         std::string_view description, const SimilarOptions& options) {
    auto done = DoneStatuses(board.config());
    return BestMatches(board, index, title, description, options, [&](const Ticket& t) {
        return IsDone(done, t.status) && (!options.knowledge_only || IsKnowledgeArticle(t));
    });
}

bool IsKnowledgeArticle(const Ticket& ticket) {
    auto flag = ticket.extra.find("knowledge");
    if (flag != ticket.extra.end() && flag->is_boolean() && flag->get<bool>()) return true;
    return std::any_of(ticket.labels.begin(), ticket.labels.end(),
                       [](const std::string& label) { return FoldText(label) == "knowledge-base"; });
}

long LastPublicComment(const Ticket& ticket) {
    for (std::size_t i = ticket.comments.size(); i-- > 0;) {
        const Comment& c = ticket.comments[i];
        if (!c.internal && c.body.find_first_not_of(" \t\r\n") != std::string::npos) return static_cast<long>(i);
    }
    return -1;
}

}  // namespace tackboard
