// search_index.hpp — the index behind the filter bar (see query.hpp).
//
// An inverted index over each ticket's title, description, comment bodies, requester
// and labels, folded and tokenized by text_fold.hpp. Each whole label is also a term of
// its own, so label:x is a lookup too rather than a pass over every ticket.
//
// It also keeps, per document, the few values that filters and sorting read (DocFacts):
// the query engine reads those compact rows instead of striding through ~500-byte Ticket
// structs, which is what a pass over 100k tickets costs most.
//
// Documents are ticket positions in Board::tickets() (the index does not know ticket
// ids): after a ticket changes call Update for its position, after a bulk load Build.
//
// Layout, chosen for 100k tickets in a browser tab:
//   - a term dictionary: term text in one append-only arena, an open-addressing hash for
//     exact lookups, and the term ids sorted by text for prefix lookups (terms added since
//     the last sort wait in a short unsorted list, merged once it grows);
//   - per term, the sorted list of documents containing it (postings);
//   - per document, its sorted term ids, so Update touches only the terms that changed.
// Terms whose postings become empty stay in the dictionary until the next Build.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/board.hpp"

namespace tackboard {

// A ticket's values that filters and sorting read. Strings (status, priority, type, assignee) are symbols:
// indexes into SearchIndex::symbols(), symbol 0 being the empty string.
struct DocFacts {
    Millis created = 0;
    Millis updated = 0;
    Millis due = 0;
    std::uint32_t status = 0;
    std::uint32_t priority = 0;
    std::uint32_t type = 0;
    std::uint32_t assignee = 0;
    std::uint32_t label_count = 0;
    // The folded title's first 16 bytes, big-endian, so comparing these integers orders
    // like comparing the titles (sort:title without reading 100k titles).
    std::uint64_t title_key[2] = {0, 0};
    bool responded = false;  // first_response_at is set
    bool deleted = false;
    bool present = false;  // false for numbers never indexed or removed
};

class SearchIndex {
public:
    // Replaces everything with `tickets` (document i = tickets[i]).
    void Build(const std::vector<Ticket>& tickets);
    // Replaces what is indexed for `doc` (adds it when new).
    void Update(std::uint32_t doc, const Ticket& ticket);
    // Forgets `doc`; other documents keep their numbers.
    void Remove(std::uint32_t doc);

    // Documents containing the token (folded, as from Tokenize), sorted; with `prefix`,
    // documents containing any token that starts with it.
    std::vector<std::uint32_t> MatchWord(std::string_view folded_token, bool prefix) const;
    // Same, as bits set in `bits` (bit d of bits[d / 64]); `bits` is grown as needed.
    // The query engine intersects these.
    void MarkWord(std::string_view folded_token, bool prefix, std::vector<std::uint64_t>& bits) const;
    // Documents with a label whose folded form is exactly `folded_label`, as bits.
    void MarkLabel(std::string_view folded_label, std::vector<std::uint64_t>& bits) const;

    // Facts of each document, by number; see DocFacts.
    const std::vector<DocFacts>& facts() const { return facts_; }
    // Text of each symbol used in facts (a few dozen: statuses, priorities, types, people).
    const std::vector<std::string>& symbols() const { return symbols_; }

    // One past the highest document number seen.
    std::size_t doc_count() const { return facts_.size(); }
    std::size_t term_count() const { return term_offsets_.size() - 1; }
    // Approximate heap bytes held, for benchmarks.
    std::size_t MemoryBytes() const;

private:
    using TermId = std::uint32_t;
    struct Slot {
        std::uint32_t hash = 0;
        TermId term = kNoTerm;
    };
    static constexpr TermId kNoTerm = 0xFFFFFFFF;

    std::string_view TermText(TermId term) const;
    TermId FindTerm(std::string_view text) const;
    TermId FindOrAddTerm(std::string_view text);
    void Rehash(std::size_t slot_count);
    void SortPendingTerms();
    // The sorted, deduplicated term ids of `ticket`, adding new terms.
    void CollectTerms(const Ticket& ticket, std::vector<TermId>& out);
    DocFacts MakeFacts(const Ticket& ticket);
    std::uint32_t Intern(const std::string& text);
    template <class Visit>
    void ForEachMatchingTerm(std::string_view token, bool prefix, Visit visit) const;

    std::string term_arena_;                                // all term texts, back to back
    std::vector<std::uint32_t> term_offsets_{0};            // term t is [offsets[t], offsets[t+1])
    std::vector<Slot> slots_;                               // hash table over term ids
    std::vector<TermId> sorted_terms_;                      // by text, for prefix lookups
    std::vector<TermId> pending_terms_;                     // added since the last sort
    std::vector<std::vector<std::uint32_t>> postings_;      // by term: sorted documents
    std::vector<std::vector<TermId>> doc_terms_;            // by document: sorted terms
    std::vector<DocFacts> facts_;                           // by document
    std::vector<std::string> symbols_{""};
    std::unordered_map<std::string, std::uint32_t> symbol_ids_{{"", 0}};

    // Scratch buffers reused between calls (no allocation per ticket in steady state).
    std::string fold_buffer_;
    std::vector<std::string_view> token_buffer_;
    std::vector<TermId> term_buffer_;
};

}  // namespace tackboard
