// search_index.cpp — the free-text inverted index (see search_index.hpp for the layout).
#include "core/search_index.hpp"

#include <algorithm>
#include <bit>

#include "core/text_fold.hpp"

namespace tackboard {

namespace {

// New terms wait unsorted until there are this many: a prefix lookup scans them
// linearly (a few microseconds), and merging them into the sorted list copies the whole
// list (about a millisecond at 100k tickets), so an edit pays that once per this many
// new words.
constexpr std::size_t kMaxPendingTerms = 1024;

// Whole labels are terms starting with a control character, which no token contains,
// so they never meet a word lookup.
constexpr char kLabelMark = '\x1F';

std::uint32_t HashText(std::string_view text) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
    return static_cast<std::uint32_t>(h ^ (h >> 32));
}

void InsertSorted(std::vector<std::uint32_t>& docs, std::uint32_t doc) {
    if (docs.empty() || docs.back() < doc) {  // new tickets are appended: the usual case
        docs.push_back(doc);
        return;
    }
    auto it = std::lower_bound(docs.begin(), docs.end(), doc);
    if (it == docs.end() || *it != doc) docs.insert(it, doc);
}

void EraseSorted(std::vector<std::uint32_t>& docs, std::uint32_t doc) {
    auto it = std::lower_bound(docs.begin(), docs.end(), doc);
    if (it != docs.end() && *it == doc) docs.erase(it);
}

template <class T>
std::size_t VectorBytes(const std::vector<T>& v) {
    return v.capacity() * sizeof(T);
}

}  // namespace

std::string_view SearchIndex::TermText(TermId term) const {
    return std::string_view(term_arena_).substr(term_offsets_[term], term_offsets_[term + 1] - term_offsets_[term]);
}

SearchIndex::TermId SearchIndex::FindTerm(std::string_view text) const {
    if (slots_.empty()) return kNoTerm;
    std::uint32_t hash = HashText(text);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot& slot = slots_[i];
        if (slot.term == kNoTerm) return kNoTerm;
        if (slot.hash == hash && TermText(slot.term) == text) return slot.term;
    }
}

SearchIndex::TermId SearchIndex::FindOrAddTerm(std::string_view text) {
    if ((term_count() + 1) * 2 > slots_.size()) Rehash(std::max<std::size_t>(1024, slots_.size() * 2));
    std::uint32_t hash = HashText(text);
    std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    for (;; i = (i + 1) & mask) {
        const Slot& slot = slots_[i];
        if (slot.term == kNoTerm) break;
        if (slot.hash == hash && TermText(slot.term) == text) return slot.term;
    }
    TermId term = static_cast<TermId>(term_count());
    term_arena_.append(text);
    term_offsets_.push_back(static_cast<std::uint32_t>(term_arena_.size()));
    postings_.emplace_back();
    pending_terms_.push_back(term);
    slots_[i] = Slot{hash, term};
    return term;
}

void SearchIndex::Rehash(std::size_t slot_count) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(slot_count, Slot{});
    std::size_t mask = slot_count - 1;
    for (const Slot& slot : old) {
        if (slot.term == kNoTerm) continue;
        std::size_t i = slot.hash & mask;
        while (slots_[i].term != kNoTerm) i = (i + 1) & mask;
        slots_[i] = slot;
    }
}

void SearchIndex::SortPendingTerms() {
    if (pending_terms_.empty()) return;
    auto by_text = [this](TermId a, TermId b) { return TermText(a) < TermText(b); };
    std::sort(pending_terms_.begin(), pending_terms_.end(), by_text);
    // Binary-search each new term's place rather than std::merge: O(new * log(all))
    // text comparisons instead of O(all), so an edit that triggers this stays around a
    // millisecond at 100k tickets. Then one pass of copying integers.
    std::vector<TermId> merged;
    merged.reserve(sorted_terms_.size() + pending_terms_.size());
    auto from = sorted_terms_.begin();
    for (TermId term : pending_terms_) {
        auto to = std::lower_bound(from, sorted_terms_.end(), term, by_text);
        merged.insert(merged.end(), from, to);
        merged.push_back(term);
        from = to;
    }
    merged.insert(merged.end(), from, sorted_terms_.end());
    sorted_terms_ = std::move(merged);
    pending_terms_.clear();
}

void SearchIndex::CollectTerms(const Ticket& ticket, std::vector<TermId>& out) {
    out.clear();
    // Each field on its own, so no bigram spans the end of the title and the description.
    auto add = [&](const std::string& text) {
        if (text.empty()) return;
        fold_buffer_.clear();
        AppendFolded(text, fold_buffer_);
        token_buffer_.clear();
        TokenizeViews(fold_buffer_, token_buffer_, TokenMode::Index);
        for (std::string_view token : token_buffer_) out.push_back(FindOrAddTerm(token));
    };
    add(ticket.title);
    add(ticket.description);
    for (const Comment& comment : ticket.comments) add(comment.body);
    add(ticket.requester);
    for (const std::string& label : ticket.labels) {
        add(label);
        fold_buffer_.assign(1, kLabelMark);
        AppendFolded(label, fold_buffer_);
        out.push_back(FindOrAddTerm(fold_buffer_));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

std::uint32_t SearchIndex::Intern(const std::string& text) {
    auto [it, added] = symbol_ids_.try_emplace(text, static_cast<std::uint32_t>(symbols_.size()));
    if (added) symbols_.push_back(text);
    return it->second;
}

DocFacts SearchIndex::MakeFacts(const Ticket& ticket) {
    DocFacts facts;
    facts.created = ticket.created;
    facts.updated = ticket.updated;
    facts.due = ticket.due;
    facts.status = Intern(ticket.status);
    facts.priority = Intern(ticket.priority);
    facts.type = Intern(ticket.type);
    facts.assignee = Intern(ticket.assignee);
    facts.label_count = static_cast<std::uint32_t>(ticket.labels.size());
    fold_buffer_.clear();
    AppendFolded(ticket.title, fold_buffer_);
    for (std::size_t i = 0; i < 16; ++i) {
        auto byte = static_cast<std::uint64_t>(i < fold_buffer_.size() ? static_cast<unsigned char>(fold_buffer_[i]) : 0);
        facts.title_key[i / 8] = facts.title_key[i / 8] << 8 | byte;
    }
    facts.responded = ticket.first_response_at != 0;
    facts.deleted = ticket.deleted;
    facts.present = true;
    return facts;
}

void SearchIndex::Build(const std::vector<Ticket>& tickets) {
    *this = SearchIndex();
    // Headroom for new tickets: growing these vectors moves every document's row, which
    // would make one ticket creation cost milliseconds at 100k.
    std::size_t capacity = tickets.size() + tickets.size() / 4 + 64;
    doc_terms_.reserve(capacity);
    facts_.reserve(capacity);
    doc_terms_.resize(tickets.size());
    for (const Ticket& ticket : tickets) facts_.push_back(MakeFacts(ticket));
    std::vector<std::uint32_t> doc_frequency;
    for (std::size_t doc = 0; doc < tickets.size(); ++doc) {
        CollectTerms(tickets[doc], term_buffer_);
        doc_terms_[doc].assign(term_buffer_.begin(), term_buffer_.end());  // exact capacity
        doc_frequency.resize(term_count());
        for (TermId term : term_buffer_) ++doc_frequency[term];
    }
    // Exact-size postings: growing them by push_back would waste up to half the memory.
    for (TermId term = 0; term < term_count(); ++term) postings_[term].reserve(doc_frequency[term]);
    for (std::size_t doc = 0; doc < tickets.size(); ++doc)
        for (TermId term : doc_terms_[doc]) postings_[term].push_back(static_cast<std::uint32_t>(doc));
    SortPendingTerms();
}

void SearchIndex::Update(std::uint32_t doc, const Ticket& ticket) {
    if (doc >= doc_terms_.size()) {
        doc_terms_.resize(std::size_t{doc} + 1);
        facts_.resize(std::size_t{doc} + 1);
    }
    facts_[doc] = MakeFacts(ticket);
    CollectTerms(ticket, term_buffer_);
    const std::vector<TermId>& old_terms = doc_terms_[doc];
    // Both lists are sorted: walk them together and touch only the terms that differ.
    std::size_t i = 0, j = 0;
    while (i < old_terms.size() || j < term_buffer_.size()) {
        if (j == term_buffer_.size() || (i < old_terms.size() && old_terms[i] < term_buffer_[j])) {
            EraseSorted(postings_[old_terms[i++]], doc);
        } else if (i == old_terms.size() || term_buffer_[j] < old_terms[i]) {
            InsertSorted(postings_[term_buffer_[j++]], doc);
        } else {
            ++i, ++j;
        }
    }
    doc_terms_[doc].assign(term_buffer_.begin(), term_buffer_.end());
    if (pending_terms_.size() > kMaxPendingTerms) SortPendingTerms();
}

void SearchIndex::Remove(std::uint32_t doc) {
    if (doc >= doc_terms_.size()) return;
    for (TermId term : doc_terms_[doc]) EraseSorted(postings_[term], doc);
    doc_terms_[doc] = {};
    facts_[doc] = DocFacts{};
}

template <class Visit>
void SearchIndex::ForEachMatchingTerm(std::string_view token, bool prefix, Visit visit) const {
    if (!prefix) {
        TermId term = FindTerm(token);
        if (term != kNoTerm) visit(term);
        return;
    }
    auto it = std::lower_bound(sorted_terms_.begin(), sorted_terms_.end(), token,
                               [this](TermId term, std::string_view text) { return TermText(term) < text; });
    for (; it != sorted_terms_.end() && TermText(*it).starts_with(token); ++it) visit(*it);
    for (TermId term : pending_terms_)
        if (TermText(term).starts_with(token)) visit(term);
}

void SearchIndex::MarkWord(std::string_view folded_token, bool prefix, std::vector<std::uint64_t>& bits) const {
    std::size_t words = (doc_count() + 63) / 64;
    if (bits.size() < words) bits.resize(words, 0);
    ForEachMatchingTerm(folded_token, prefix, [&](TermId term) {
        for (std::uint32_t doc : postings_[term]) bits[doc >> 6] |= std::uint64_t{1} << (doc & 63);
    });
}

void SearchIndex::MarkLabel(std::string_view folded_label, std::vector<std::uint64_t>& bits) const {
    std::string key(1, kLabelMark);
    key += folded_label;
    MarkWord(key, false, bits);
}

std::vector<std::uint32_t> SearchIndex::MatchWord(std::string_view folded_token, bool prefix) const {
    std::vector<TermId> terms;
    ForEachMatchingTerm(folded_token, prefix, [&](TermId term) { terms.push_back(term); });
    if (terms.empty()) return {};
    if (terms.size() == 1) return postings_[terms[0]];
    std::vector<std::uint64_t> bits;
    MarkWord(folded_token, prefix, bits);
    std::vector<std::uint32_t> docs;
    for (std::size_t w = 0; w < bits.size(); ++w)
        for (std::uint64_t word = bits[w]; word != 0; word &= word - 1)
            docs.push_back(static_cast<std::uint32_t>(w * 64 + static_cast<unsigned>(std::countr_zero(word))));
    return docs;
}

std::size_t SearchIndex::MemoryBytes() const {
    std::size_t bytes = term_arena_.capacity() + VectorBytes(term_offsets_) + VectorBytes(slots_) +
                        VectorBytes(sorted_terms_) + VectorBytes(pending_terms_) + VectorBytes(postings_) +
                        VectorBytes(doc_terms_) + VectorBytes(facts_);
    constexpr std::size_t kMallocOverhead = 16;
    for (const auto& docs : postings_) bytes += VectorBytes(docs) + (docs.capacity() ? kMallocOverhead : 0);
    for (const auto& terms : doc_terms_) bytes += VectorBytes(terms) + (terms.capacity() ? kMallocOverhead : 0);
    return bytes;
}

}  // namespace tackboard
