// dashboard.cpp — see dashboard.hpp. Every figure from one walk per ticket.
//
// [SECTION] Pass: what one computation reads from the configuration (status codes, buckets)
// [SECTION] Sorted durations: medians and p90 that survive removals
// [SECTION] Reading one ticket: its part of every figure
// [SECTION] Totals: parts added and taken away, and the Dashboard made of them
// [SECTION] ComputeDashboard
// [SECTION] DashboardCache
//
// A ticket's part (FixedPart and its lists, read through a PartView) is what it adds to
// each figure for one period and bucket:
// whether it was created in it and in which bucket, its first response, its resolutions
// (each with its lead and cycle time, its owner then and its SLA verdict), its score, the
// flow columns it sits in from bucket to bucket, who held it, and what the breakdown
// counts. Totals add parts (weight +1) and take them away (weight -1); the Dashboard is
// read off the totals. ComputeDashboard reads every ticket into the totals once;
// DashboardCache keeps each ticket's part and swaps it when the ticket changes; medians
// and p90s come from durations kept sorted (SortedDurations), the flow's counts from
// per-bucket differences, and the lists kept in ticket order (lead and cycle times,
// comments) are gathered again only when a part holding some changed.
//
// Where the time goes (100k tickets): a full pass is bound by memory, one or two cache
// misses per ticket for its history; a refresh by reading a few fields of every Ticket to
// find the changed ones (the key), about 2 ms in wasm. No Ticket field is copied into a
// part as a string: names are counted as small numbers (Names).
//
// reports.cpp's functions are the reference: each rule here is theirs, repeated in a form
// that reads the history once (ValueAt becomes a binary search in the field's entries
// sorted by time; status ids become small codes looked up once per call).
#include "core/dashboard.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <optional>
#include <string>
#include <unordered_map>

namespace tackboard {

namespace {

using nlohmann::json;

const std::string kNoText;

const std::string& Text(const json& value) {
    return value.is_string() ? value.get_ref<const std::string&>() : kNoText;
}

// [SECTION] Pass ---------------------------------------------------------------------------

// What reports.cpp asks of a status value, answered once per distinct value: its column
// in the flow (first status with that id; -1: none), whether IsDone / an Active status
// (only for text values), and whether the text ValueAt returns for it is a Done id (a
// value that is not text reads as "").
struct StatusCode {
    int column = -1;
    bool done = false;
    bool active = false;
    bool done_text = false;
};

class Pass {
public:
    // Copies the configuration and the SLA settings: a cache keeps its Pass between calls.
    Pass(const BoardConfig& config, ReportPeriod period, Bucket bucket, const SlaSettings* sla)
        : config_(config), period_(period), bucket_(bucket) {
        if (sla && sla->enabled) sla_ = *sla;
        starts_ = report_detail::BucketStarts(period, bucket);
        for (Millis start : starts_) ends_.push_back(std::min(start + report_detail::BucketLength(bucket), period.to));
        for (const StatusDef& s : config_.statuses) {
            std::size_t i = 0;
            while (i < texts_.size() && texts_[i] != s.id) ++i;
            if (i == texts_.size()) {
                texts_.push_back(s.id);
                codes_.push_back({static_cast<int>(&s - config_.statuses.data()), false, false, false});
            }
            codes_[i].done |= s.category == StatusCategory::Done;
            codes_[i].active |= s.category == StatusCategory::Active;
            codes_[i].done_text = codes_[i].done;
        }
        codes_.push_back({});  // unknown text
        StatusCode none = codes_[CodeOfText(kNoText)];  // not text: reads as ""
        none.done = none.active = false;
        codes_.push_back(none);
        for (const StatusDef& s : config_.statuses) column_active_.push_back(codes_[CodeOfText(s.id)].active);
    }

    const BoardConfig& config() const { return config_; }
    ReportPeriod period() const { return period_; }
    const SlaSettings* sla() const { return sla_ ? &*sla_ : nullptr; }  // null when off
    const std::vector<Millis>& starts() const { return starts_; }
    const std::vector<Millis>& ends() const { return ends_; }  // the flow's bucket ends
    const std::vector<char>& column_active() const { return column_active_; }

    bool In(Millis at) const { return at >= period_.from && at < period_.to; }
    std::size_t BucketOf(Millis at) const {  // for instants in the period
        return static_cast<std::size_t>((report_detail::BucketStart(at, bucket_) - starts_.front()) /
                                        report_detail::BucketLength(bucket_));
    }
    Millis Between(Millis from, Millis to) const {
        return report_detail::TimeBetween(sla_ ? &sla_->calendar : nullptr, from, to);
    }

    std::size_t CodeOfText(const std::string& text) const {
        for (std::size_t i = 0; i < texts_.size(); ++i)
            if (texts_[i].size() == text.size() && std::memcmp(texts_[i].data(), text.data(), text.size()) == 0) return i;
        return texts_.size();
    }
    const StatusCode& Code(const json& value) const {
        return codes_[value.is_string() ? CodeOfText(value.get_ref<const std::string&>()) : texts_.size() + 1];
    }
    const StatusCode& CodeOf(const std::string& text) const { return codes_[CodeOfText(text)]; }

private:
    BoardConfig config_;
    ReportPeriod period_;
    Bucket bucket_;
    std::optional<SlaSettings> sla_;  // when enabled
    std::vector<Millis> starts_, ends_;
    std::vector<std::string> texts_;  // distinct status ids, board order
    std::vector<StatusCode> codes_;   // by texts_ index, then unknown text, then not text
    std::vector<char> column_active_;
};

// Strings counted by name (assignees, types, priorities, labels, requesters) as small
// numbers, so parts hold no strings.
class Names {
public:
    int Intern(const std::string& name) {
        if (last_ >= 0 && names_[static_cast<std::size_t>(last_)] == name) return last_;
        auto [it, added] = index_.try_emplace(name, static_cast<int>(names_.size()));
        if (added) names_.push_back(name);
        return last_ = it->second;
    }
    int Find(const std::string& name) const {
        auto it = index_.find(name);
        return it == index_.end() ? -1 : it->second;
    }
    const std::string& operator[](std::size_t i) const { return names_[i]; }
    std::size_t size() const { return names_.size(); }

private:
    std::unordered_map<std::string, int> index_;
    std::vector<std::string> names_;
    int last_ = -1;
};

// [SECTION] Sorted durations ---------------------------------------------------------------

// Durations kept sorted; what is added and taken away in between is merged in one pass
// (Settle), so that a few changes cost a copy, not a sort. Stats() == StatsOf(the values):
// the mean divides the exact sum, which StatsOf's long double sum also is (durations are
// not negative and their total stays far below 2^64).
class SortedDurations {
public:
    void Change(Millis d, long long weight) {
        for (; weight > 0; --weight) added_.push_back(d), sum_ += d;
        for (; weight < 0; ++weight) removed_.push_back(d), sum_ -= d;
    }
    void Settle() {
        if (added_.empty() && removed_.empty()) return;
        std::sort(added_.begin(), added_.end());
        if (values_.empty() && removed_.empty()) {
            values_.swap(added_);
            return;
        }
        std::sort(removed_.begin(), removed_.end());
        merged_.clear();
        std::merge(values_.begin(), values_.end(), added_.begin(), added_.end(), std::back_inserter(merged_));
        values_.clear();
        std::set_difference(merged_.begin(), merged_.end(), removed_.begin(), removed_.end(), std::back_inserter(values_));
        added_.clear();
        removed_.clear();
    }
    DurationStats Stats() const {  // settled
        DurationStats out;
        const std::size_t n = out.count = values_.size();
        if (!n) return out;
        out.median = Median();
        out.p90 = values_[(9 * n + 9) / 10 - 1];
        out.mean = static_cast<Millis>(static_cast<long double>(sum_) / static_cast<long double>(n));
        return out;
    }
    Millis Median() const {
        const std::size_t n = values_.size();
        if (!n) return 0;
        return n % 2 ? values_[n / 2] : (values_[n / 2 - 1] + values_[n / 2]) / 2;
    }

private:
    std::vector<Millis> values_, added_, removed_, merged_;
    __int128 sum_ = 0;
};

// [SECTION] Reading one ticket ---------------------------------------------------------------

struct ResolutionPart {
    Millis business = 0;  // created -> resolved (report, people)
    Millis lead = 0;      // wall-clock (flow)
    Millis cycle = 0;     // first Active -> resolved, when has_cycle
    std::int32_t bucket = 0;
    std::int32_t person = -1;  // who had it then (Names index); -1: nobody, or not counted for people
    std::int8_t sla = 0;       // 0: no target, 1: met, 2: missed
    bool has_cycle = false;
};

// From `bucket` on (to the next segment), the ticket sits in flow column `column` (-1: none).
struct FlowSegment {
    std::int32_t bucket = 0;
    std::int32_t column = -1;
};

// What the backlog needs of a ticket at any instant: open when its status then is not
// Done. Before its first move that is `initial_done`, after its last `final_done`; in
// between, the history is read again (rare: only moves after `now` put it there).
struct BacklogFacts {
    Millis created = 0;
    Millis first_move_at = 0, last_move_at = 0;
    bool live = false;  // not deleted: a deleted ticket counts nowhere
    bool any_move = false;
    bool initial_done = false, final_done = false;
};

// The fixed-size part; the lists live beside it (TicketReader, or the cache's arenas).
struct FixedPart {
    BacklogFacts backlog;
    std::int32_t created_bucket = -1;
    std::int32_t response_bucket = -1;
    Millis response = 0;
    std::int8_t response_sla = 0;
    std::int32_t reopened = 0;
    std::int32_t score = 0;  // 1..5 when rated in the period
    std::int32_t score_bucket = 0;
    Millis score_at = 0;
    std::int32_t type = -1, priority = -1, requester = -1;  // breakdown (created in the period)
};

template <class T>
struct Span {
    const T* data = nullptr;
    std::size_t size = 0;
    const T* begin() const { return data; }
    const T* end() const { return data + size; }
};

struct PartView {
    const FixedPart* fixed = nullptr;
    Span<ResolutionPart> resolutions;
    Span<FlowSegment> segments;
    Span<std::int32_t> holders;   // people who had it in the period, once each
    Span<std::int32_t> labels;    // breakdown
    Span<std::uint32_t> comments;  // indexes into Ticket::comments said with the score
};

// One field's history entries, in history order and stably sorted by time (ValueAt's
// "last change at or before, else the first change's old value" is then a binary search).
class Timeline {
public:
    void Clear() { entries_.clear(), sorted_.clear(), in_order_ = true; }
    void Add(const HistoryEntry& h) {
        if (!entries_.empty() && h.at < entries_.back()->at) in_order_ = false;
        entries_.push_back(&h);
    }
    void Sort() {
        if (in_order_) return;
        sorted_ = entries_;
        std::stable_sort(sorted_.begin(), sorted_.end(), [](const HistoryEntry* a, const HistoryEntry* b) { return a->at < b->at; });
    }
    const std::vector<const HistoryEntry*>& entries() const { return entries_; }  // history order
    const std::vector<const HistoryEntry*>& sorted() const { return in_order_ ? entries_ : sorted_; }
    bool empty() const { return entries_.empty(); }

    // The value at `at`, as ValueAt reads it; `now_value` when the field has no history.
    const json* ValueAt(Millis at) const {
        const auto& s = sorted();
        auto it = std::upper_bound(s.begin(), s.end(), at, [](Millis x, const HistoryEntry* h) { return x < h->at; });
        return it != s.begin() ? &(*(it - 1))->new_value : &s.front()->old_value;
    }
    const std::string& TextAt(Millis at, const std::string& now_value) const {
        return entries_.empty() ? now_value : Text(*ValueAt(at));
    }

private:
    std::vector<const HistoryEntry*> entries_, sorted_;
    bool in_order_ = true;
};

class TicketReader {
public:
    TicketReader(const Pass& pass, Names& people, Names& words) : pass_(pass), people_(people), words_(words) {}

    void Read(const Ticket& t);
    PartView View() const {
        return {&fixed_, {resolutions_.data(), resolutions_.size()}, {segments_.data(), segments_.size()},
                {holders_.data(), holders_.size()}, {labels_.data(), labels_.size()},
                {comments_.data(), comments_.size()}};
    }

private:
    void ReadFlow(const Ticket& t);
    void ReadPeople(const Ticket& t);
    std::int8_t SlaVerdict(const Ticket& t, Millis at, bool response);

    const Pass& pass_;
    Names& people_;
    Names& words_;
    FixedPart fixed_;
    std::vector<ResolutionPart> resolutions_;
    std::vector<FlowSegment> segments_;
    std::vector<std::int32_t> holders_, labels_;
    std::vector<std::uint32_t> comments_;
    Timeline status_, assignee_, priority_, type_;
    Ticket then_;  // the ticket as it was, for ComputeSla; reused so no call allocates
};

enum class Field { Other, Status, Assignee, Priority, Type, Satisfaction };

Field FieldOf(const std::string& name) {
    switch (name.size()) {
        case 4: return name == "type" ? Field::Type : Field::Other;
        case 6: return name == "status" ? Field::Status : Field::Other;
        case 8: return name == "assignee" ? Field::Assignee : name == "priority" ? Field::Priority : Field::Other;
        case 12: return name == "satisfaction" ? Field::Satisfaction : Field::Other;
        default: return Field::Other;
    }
}

void TicketReader::Read(const Ticket& t) {
    fixed_ = FixedPart{};
    resolutions_.clear();
    segments_.clear();
    holders_.clear();
    labels_.clear();
    comments_.clear();
    BacklogFacts& backlog = fixed_.backlog;
    backlog.created = t.created;
    if (t.deleted) return;
    backlog.live = true;
    const ReportPeriod period = pass_.period();

    status_.Clear(), assignee_.Clear(), priority_.Clear(), type_.Clear();
    const HistoryEntry* scored = nullptr;  // the last score recorded in the period
    for (const HistoryEntry& h : t.history) {
        switch (FieldOf(h.field)) {
            case Field::Status: status_.Add(h); break;
            case Field::Assignee: assignee_.Add(h); break;
            case Field::Priority: priority_.Add(h); break;
            case Field::Type: type_.Add(h); break;
            case Field::Satisfaction:
                if (pass_.In(h.at) && h.new_value.is_number_integer()) scored = &h;  // a 0 takes the score back
                break;
            case Field::Other: break;
        }
    }
    status_.Sort(), assignee_.Sort(), priority_.Sort(), type_.Sort();

    if (pass_.In(t.created)) fixed_.created_bucket = static_cast<std::int32_t>(pass_.BucketOf(t.created));
    if (t.first_response_at && pass_.In(t.first_response_at)) {
        fixed_.response_bucket = static_cast<std::int32_t>(pass_.BucketOf(t.first_response_at));
        fixed_.response = pass_.Between(t.created, t.first_response_at);
        if (pass_.sla()) fixed_.response_sla = SlaVerdict(t, t.first_response_at, true);
    }

    // Resolutions and reopenings, in history order (ForEachResolution).
    const bool for_people = t.created < period.to;  // ComputePeople skips later tickets
    for (const HistoryEntry* h : status_.entries()) {
        if (!pass_.In(h->at)) continue;
        const bool was_done = pass_.Code(h->old_value).done, is_done = pass_.Code(h->new_value).done;
        if (was_done && !is_done) ++fixed_.reopened;
        if (was_done || !is_done) continue;
        ResolutionPart r;
        r.business = pass_.Between(t.created, h->at);
        r.lead = std::max<Millis>(0, h->at - t.created);
        for (const HistoryEntry* e : status_.entries())  // the first time it was being worked on
            if (e->at <= h->at && pass_.Code(e->new_value).active) {
                r.cycle = h->at - e->at;
                r.has_cycle = true;
                break;
            }
        r.bucket = static_cast<std::int32_t>(pass_.BucketOf(h->at));
        if (for_people)
            if (const std::string& who = assignee_.TextAt(h->at, t.assignee); !who.empty()) r.person = people_.Intern(who);
        if (pass_.sla()) r.sla = SlaVerdict(t, h->at, false);
        resolutions_.push_back(r);
    }

    const int score = scored ? scored->new_value.get<int>() : 0;
    if (score >= 1 && score <= 5) {
        fixed_.score = score;
        fixed_.score_at = scored->at;
        fixed_.score_bucket = static_cast<std::int32_t>(pass_.BucketOf(scored->at));
        for (std::size_t i = 0; i < t.comments.size(); ++i) {  // recorded with the score, in the requester's name
            const Comment& c = t.comments[i];
            if (c.at == scored->at && !c.internal && (t.requester.empty() || c.author == t.requester))
                comments_.push_back(static_cast<std::uint32_t>(i));
        }
    }

    if (pass_.In(t.created)) {
        fixed_.type = words_.Intern(type_.TextAt(t.created, t.type));
        fixed_.priority = words_.Intern(priority_.TextAt(t.created, t.priority));
        for (const std::string& l : t.labels) labels_.push_back(words_.Intern(l));
        fixed_.requester = words_.Intern(t.requester);
    }

    if (!status_.empty()) {
        const HistoryEntry* last = status_.sorted().back();
        const HistoryEntry* first = status_.sorted().front();
        backlog.any_move = true;
        backlog.first_move_at = first->at;
        backlog.initial_done = pass_.Code(first->old_value).done_text;
        backlog.last_move_at = last->at;
        backlog.final_done = pass_.Code(last->new_value).done_text;
    } else {
        backlog.final_done = pass_.CodeOf(t.status).done_text;
    }
    ReadFlow(t);
    if (for_people) ReadPeople(t);
}

// The flow column at each bucket end (its status an instant before), as segments: the
// buckets where it changes are found by binary search rather than visiting every bucket.
void TicketReader::ReadFlow(const Ticket& t) {
    const std::vector<Millis>& ends = pass_.ends();
    const auto& moves = status_.sorted();
    const std::size_t n = ends.size();
    auto first_end_after = [&](Millis at) {
        return static_cast<std::size_t>(std::upper_bound(ends.begin(), ends.end(), at) - ends.begin());
    };
    std::size_t b = first_end_after(t.created);  // there from the first bucket ending after its creation
    if (b >= n) return;
    std::size_t k = 0;  // moves made before the end of bucket b
    auto column = [&] {
        if (k) return pass_.Code(moves[k - 1]->new_value).column;
        return moves.empty() ? pass_.CodeOf(t.status).column : pass_.Code(moves.front()->old_value).column;
    };
    while (k < moves.size() && moves[k]->at < ends[b]) ++k;
    int col = column();
    segments_.push_back({static_cast<std::int32_t>(b), col});
    while (k < moves.size()) {
        b = first_end_after(moves[k]->at);
        if (b >= n) break;
        while (k < moves.size() && moves[k]->at < ends[b]) ++k;
        if (const int c = column(); c != col) {
            segments_.push_back({static_cast<std::int32_t>(b), c});
            col = c;
        }
    }
}

// Who had it at some moment of the period: its assignee at the start (or at creation),
// and everyone it was assigned to during it.
void TicketReader::ReadPeople(const Ticket& t) {
    const ReportPeriod period = pass_.period();
    auto hold = [&](const std::string& who) {
        if (who.empty()) return;
        const std::int32_t i = people_.Intern(who);
        if (std::find(holders_.begin(), holders_.end(), i) == holders_.end()) holders_.push_back(i);
    };
    hold(assignee_.TextAt(std::max(period.from, t.created), t.assignee));
    for (const HistoryEntry* h : assignee_.entries())
        if (pass_.In(h->at) && h->new_value.is_string()) hold(h->new_value.get_ref<const std::string&>());
}

// ComputeSla on the ticket as it was at `at` (reports.cpp's AsOf): built in then_, whose
// strings and history entries are reused. Only status changes with a text value are
// copied (the only ones ComputeSla reads); unused entries are left with an empty field.
std::int8_t TicketReader::SlaVerdict(const Ticket& t, Millis at, bool response) {
    then_.created = t.created;
    then_.updated = std::min(t.updated, at);
    then_.resolved_at = t.resolved_at <= at ? t.resolved_at : 0;
    then_.first_response_at = t.first_response_at > at ? 0 : t.first_response_at;
    std::size_t k = 0;
    for (const HistoryEntry* h : status_.entries()) {
        if (h->at > at || !h->new_value.is_string()) continue;
        if (k == then_.history.size()) then_.history.push_back(HistoryEntry{0, "", "", std::string(), std::string(), ""});
        HistoryEntry& e = then_.history[k];
        e.at = h->at;
        e.field = "status";
        e.new_value.get_ref<std::string&>() = h->new_value.get_ref<const std::string&>();
        if (k == 0) {  // the status before the first change
            if (!h->old_value.is_string()) e.old_value = nullptr;
            else if (e.old_value.is_string()) e.old_value.get_ref<std::string&>() = h->old_value.get_ref<const std::string&>();
            else e.old_value = h->old_value;
        }
        ++k;
    }
    for (std::size_t i = k; i < then_.history.size(); ++i) then_.history[i].field.clear();
    then_.status = status_.TextAt(at, t.status);
    then_.priority = priority_.TextAt(at, t.priority);
    then_.type = type_.TextAt(at, t.type);
    const SlaState state = ComputeSla(then_, pass_.config(), *pass_.sla(), at);
    const SlaClock& clock = response ? state.response : state.resolution;
    if (clock.budget <= 0) return 0;
    return clock.breached ? 2 : 1;
}

// Whether the ticket's status at `at` is a Done id, as done.count(ValueAt(t, "status", at))
// reads it (the same walk, without making the string).
bool DoneAt(const Pass& pass, const Ticket& t, Millis at) {
    const HistoryEntry* first = nullptr;
    const HistoryEntry* last = nullptr;
    for (const HistoryEntry& h : t.history) {
        if (FieldOf(h.field) != Field::Status) continue;
        if (!first || h.at < first->at) first = &h;
        if (h.at <= at && (!last || h.at >= last->at)) last = &h;
    }
    if (last) return pass.Code(last->new_value).done_text;
    if (first) return pass.Code(first->old_value).done_text;
    return pass.CodeOf(t.status).done_text;
}

// The backlog column of a ticket at `at` (0..4), or -1 when it is not in the backlog then.
int BacklogClass(const Pass& pass, const BacklogFacts& p, const Ticket& t, Millis at) {
    if (!p.live || p.created >= at) return -1;
    const Millis before = at - 1;  // the status an instant before
    const bool done = !p.any_move || before >= p.last_move_at ? p.final_done
                      : before < p.first_move_at              ? p.initial_done
                                                              : DoneAt(pass, t, before);
    if (done) return -1;
    const Millis age = at - p.created;
    int i = 0;
    while (i < static_cast<int>(std::size(kBacklogAgeBounds)) && age >= kBacklogAgeBounds[i]) ++i;
    return i;
}

// [SECTION] Totals ---------------------------------------------------------------------------

// What the dashboard is made of: counts and durations summed over the tickets' parts.
class Totals {
public:
    explicit Totals(const Pass& pass)
        : buckets_(pass.starts().size()), columns_(pass.config().statuses.size()),
          vol_created_(buckets_), vol_resolved_(buckets_), vol_rated_(buckets_), vol_score_(buckets_),
          bucket_responses_(buckets_), bucket_resolutions_(buckets_), flow_diff_((buckets_ + 1) * columns_) {}

    void Apply(const PartView& p, long long w);
    void ApplyBacklog(int column, long long w) {
        if (column >= 0) backlog_[static_cast<std::size_t>(column)] += w;
    }
    // Everything but the lists kept in ticket order (lead and cycle times, comments), which
    // the caller puts in `out` before.
    void Fill(const Pass& pass, const Names& people, const Names& words, Dashboard& out, bool breakdown);

private:
    template <class V>
    static void Grow(V& v, std::size_t i) {
        if (i >= v.size()) v.resize(i + 1);
    }
    Breakdown::Counts Sorted(const std::vector<long long>& counts, const Names& words) const;

    std::size_t buckets_, columns_;
    long long created_ = 0, resolved_ = 0, reopened_ = 0, rated_ = 0, score_sum_ = 0;
    std::array<long long, 5> satisfaction_{};
    std::vector<long long> vol_created_, vol_resolved_, vol_rated_, vol_score_;
    SortedDurations responses_, resolutions_, lead_, cycle_;
    std::vector<SortedDurations> bucket_responses_, bucket_resolutions_;
    std::vector<long long> flow_diff_;  // [bucket][column]: changes of the count from that bucket on
    std::array<long long, 5> backlog_{};
    std::vector<long long> handled_, person_resolved_;  // by Names index
    std::vector<SortedDurations> person_times_;
    long long sla_responses_ = 0, sla_responses_met_ = 0, sla_resolutions_ = 0, sla_resolutions_met_ = 0;
    std::vector<long long> by_type_, by_priority_, by_label_, by_requester_;  // by Names index
};

void Totals::Apply(const PartView& view, long long w) {
    const FixedPart& p = *view.fixed;
    if (!p.backlog.live || w == 0) return;
    if (p.created_bucket >= 0) {
        created_ += w;
        vol_created_[static_cast<std::size_t>(p.created_bucket)] += w;
    }
    if (p.response_bucket >= 0) {
        responses_.Change(p.response, w);
        bucket_responses_[static_cast<std::size_t>(p.response_bucket)].Change(p.response, w);
        if (p.response_sla) {
            sla_responses_ += w;
            if (p.response_sla == 1) sla_responses_met_ += w;
        }
    }
    reopened_ += p.reopened * w;
    for (const ResolutionPart& r : view.resolutions) {
        resolved_ += w;
        resolutions_.Change(r.business, w);
        vol_resolved_[static_cast<std::size_t>(r.bucket)] += w;
        bucket_resolutions_[static_cast<std::size_t>(r.bucket)].Change(r.business, w);
        lead_.Change(r.lead, w);
        if (r.has_cycle) cycle_.Change(r.cycle, w);
        if (r.person >= 0) {
            const auto i = static_cast<std::size_t>(r.person);
            Grow(person_resolved_, i);
            Grow(person_times_, i);
            person_resolved_[i] += w;
            person_times_[i].Change(r.business, w);
        }
        if (r.sla) {
            sla_resolutions_ += w;
            if (r.sla == 1) sla_resolutions_met_ += w;
        }
    }
    if (p.score) {
        rated_ += w;
        satisfaction_[static_cast<std::size_t>(p.score - 1)] += w;
        score_sum_ += p.score * w;
        vol_rated_[static_cast<std::size_t>(p.score_bucket)] += w;
        vol_score_[static_cast<std::size_t>(p.score_bucket)] += p.score * w;
    }
    for (std::size_t i = 0; i < view.segments.size; ++i) {
        const FlowSegment& s = view.segments.data[i];
        if (s.column < 0) continue;
        const std::size_t until = i + 1 < view.segments.size ? static_cast<std::size_t>(view.segments.data[i + 1].bucket) : buckets_;
        flow_diff_[static_cast<std::size_t>(s.bucket) * columns_ + static_cast<std::size_t>(s.column)] += w;
        flow_diff_[until * columns_ + static_cast<std::size_t>(s.column)] -= w;
    }
    for (std::int32_t who : view.holders) {
        Grow(handled_, static_cast<std::size_t>(who));
        handled_[static_cast<std::size_t>(who)] += w;
    }
    auto count = [&](std::vector<long long>& counts, std::int32_t name) {
        if (name < 0) return;
        Grow(counts, static_cast<std::size_t>(name));
        counts[static_cast<std::size_t>(name)] += w;
    };
    count(by_type_, p.type);
    count(by_priority_, p.priority);
    for (std::int32_t l : view.labels) count(by_label_, l);
    count(by_requester_, p.requester);
}

// Most first, ties by name (reports.cpp: a std::map by name, stable-sorted by count).
Breakdown::Counts Totals::Sorted(const std::vector<long long>& counts, const Names& words) const {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < counts.size(); ++i)
        if (counts[i] > 0) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return counts[a] != counts[b] ? counts[a] > counts[b] : words[a] < words[b];
    });
    Breakdown::Counts out;
    out.reserve(order.size());
    for (std::size_t i : order) out.emplace_back(words[i], static_cast<std::size_t>(counts[i]));
    return out;
}

void Totals::Fill(const Pass& pass, const Names& people, const Names& words, Dashboard& out, bool breakdown) {
    auto size = [](long long v) { return static_cast<std::size_t>(v); };
    for (SortedDurations* d : {&responses_, &resolutions_, &lead_, &cycle_}) d->Settle();
    for (auto* list : {&bucket_responses_, &bucket_resolutions_, &person_times_})
        for (SortedDurations& d : *list) d.Settle();

    Report& r = out.report;
    r.created = size(created_);
    r.resolved = size(resolved_);
    r.reopened = size(reopened_);
    r.resolution_rate = r.created ? static_cast<double>(r.resolved) / static_cast<double>(r.created) : 0;
    r.reopened_rate = r.resolved ? static_cast<double>(r.reopened) / static_cast<double>(r.resolved) : 0;
    r.first_response = responses_.Stats();
    r.resolution = resolutions_.Stats();
    r.rated = size(rated_);
    r.satisfaction_mean = r.rated ? static_cast<double>(score_sum_) / static_cast<double>(r.rated) : 0;
    for (std::size_t i = 0; i < 5; ++i) r.satisfaction[i] = size(satisfaction_[i]);
    r.volume.resize(buckets_);
    for (std::size_t i = 0; i < buckets_; ++i) {
        VolumePoint& v = r.volume[i];
        v.start = pass.starts()[i];
        v.created = size(vol_created_[i]);
        v.resolved = size(vol_resolved_[i]);
        v.first_response_median = bucket_responses_[i].Median();
        v.resolution_median = bucket_resolutions_[i].Median();
        v.rated = size(vol_rated_[i]);
        v.satisfaction_mean = v.rated ? static_cast<double>(vol_score_[i]) / static_cast<double>(v.rated) : 0;
    }

    FlowReport& f = out.flow;
    f.statuses.clear();
    for (const StatusDef& s : pass.config().statuses) f.statuses.push_back(s.id);
    f.at = pass.ends();
    f.counts.assign(buckets_, std::vector<std::size_t>(columns_, 0));
    f.wip.assign(buckets_, 0);
    std::vector<long long> running(columns_, 0);
    for (std::size_t i = 0; i < buckets_; ++i)
        for (std::size_t c = 0; c < columns_; ++c) {
            running[c] += flow_diff_[i * columns_ + c];
            f.counts[i][c] = size(running[c]);
            if (pass.column_active()[c]) f.wip[i] += size(running[c]);
        }
    f.lead_time = lead_.Stats();
    f.cycle_time = cycle_.Stats();

    for (std::size_t i = 0; i < 5; ++i) out.backlog[i] = size(backlog_[i]);

    // Members in configuration order (a repeated id counts on its first row), then the
    // others by id.
    out.people.clear();
    std::vector<char> member(people.size(), 0);
    for (const MemberDef& m : pass.config().members) {
        PersonReport row{m.id, 0, 0, {}};
        const int i = people.Find(m.id);
        const bool first = std::find_if(pass.config().members.data(), &m, [&](const MemberDef& o) { return o.id == m.id; }) == &m;
        if (i >= 0 && first) {
            const auto at = static_cast<std::size_t>(i);
            member[at] = 1;
            if (at < handled_.size()) row.handled = size(handled_[at]);
            if (at < person_resolved_.size()) row.resolved = size(person_resolved_[at]);
            if (at < person_times_.size()) row.resolution = person_times_[at].Stats();
        }
        out.people.push_back(std::move(row));
    }
    const std::size_t members = out.people.size();
    for (std::size_t i = 0; i < people.size(); ++i) {
        if (member[i]) continue;
        const long long handled = i < handled_.size() ? handled_[i] : 0;
        const long long resolved = i < person_resolved_.size() ? person_resolved_[i] : 0;
        if (handled <= 0 && resolved <= 0) continue;
        out.people.push_back({people[i], size(handled), size(resolved), i < person_times_.size() ? person_times_[i].Stats() : DurationStats{}});
    }
    std::sort(out.people.begin() + static_cast<long>(members), out.people.end(),
              [](const PersonReport& a, const PersonReport& b) { return a.member < b.member; });

    out.sla = {};
    if (pass.sla())
        out.sla = {size(sla_responses_), size(sla_responses_met_), size(sla_resolutions_), size(sla_resolutions_met_)};
    if (breakdown)
        out.breakdown = {Sorted(by_type_, words), Sorted(by_priority_, words), Sorted(by_label_, words),
                         Sorted(by_requester_, words)};
}

// The lists kept in ticket order, from one ticket's part (as the per-figure functions
// append them while walking `positions`).
void AppendOrdered(const PartView& p, const Ticket& t, Dashboard& out) {
    for (const ResolutionPart& r : p.resolutions) {
        out.flow.lead_times.push_back(r.lead);
        if (r.has_cycle) out.flow.cycle_times.push_back(r.cycle);
    }
    for (std::uint32_t c : p.comments)
        out.report.comments.push_back({t.id, p.fixed->score_at, p.fixed->score, t.comments[c].body});
}

void SortComments(std::vector<SatisfactionComment>& comments) {  // newest first, as ComputeReport sorts them
    std::sort(comments.begin(), comments.end(),
              [](const SatisfactionComment& a, const SatisfactionComment& b) { return a.at > b.at; });
}

Millis BacklogInstant(ReportPeriod period, Millis now) { return std::min(period.to, now); }

// A pass waits for memory: each ticket's history is elsewhere on the heap. Reading a few
// words of the next tickets first (their status, the ends of their history, the value of
// the last entry), several at once, lets those waits overlap, where reading one ticket
// at a time waits for each in turn: about 15 % off a pass.
// `position_at(i)` for i in [from, to) are the tickets to read ahead.
constexpr std::size_t kReadAhead = 16;
template <class PositionAt>
Millis ReadAhead(const std::vector<Ticket>& tickets, std::size_t from, std::size_t to, PositionAt position_at) {
    Millis sum = 0;
    for (std::size_t i = from; i < to; ++i) {
        const std::size_t pos = position_at(i);
        if (pos >= tickets.size()) continue;
        const std::vector<HistoryEntry>& h = tickets[pos].history;
        sum += static_cast<Millis>(tickets[pos].status.size() + tickets[pos].assignee.size());
        if (h.empty()) continue;
        sum += h.front().at + h.back().at;
        const json& last = h.back().new_value;
        if (last.is_string()) sum += static_cast<Millis>(last.get_ref<const std::string&>().size());
    }
    return sum;
}

}  // namespace

// [SECTION] ComputeDashboard -------------------------------------------------------------------

Dashboard ComputeDashboard(const Board& board, const std::vector<std::size_t>& positions, ReportPeriod period,
                           Bucket bucket, const SlaSettings* sla, Millis now) {
    const Pass pass(board.config(), period, bucket, sla);
    Names people, words;
    TicketReader reader(pass, people, words);
    Totals totals(pass);
    Dashboard out;
    out.period = period;
    out.bucket = bucket;
    const Millis backlog_at = BacklogInstant(period, now);
    const std::vector<Ticket>& tickets = board.tickets();
    volatile Millis touched = 0;  // (so that the reads ahead are made)
    for (std::size_t i = 0; i < positions.size(); ++i) {
        if (i % kReadAhead == 0)
            touched = touched + ReadAhead(tickets, i, std::min(positions.size(), i + kReadAhead),
                                          [&](std::size_t j) { return positions[j]; });
        const std::size_t pos = positions[i];
        if (pos >= tickets.size()) continue;
        const Ticket& t = tickets[pos];
        reader.Read(t);
        const PartView part = reader.View();
        totals.Apply(part, 1);
        totals.ApplyBacklog(BacklogClass(pass, part.fixed->backlog, t, backlog_at), 1);
        AppendOrdered(part, t, out);
    }
    SortComments(out.report.comments);
    totals.Fill(pass, people, words, out, true);
    return out;
}

// [SECTION] DashboardCache ---------------------------------------------------------------------

namespace {

// What a ticket's part depends on, as far as can be told from a few neighbouring fields
// of the Ticket itself (see dashboard.hpp): reading each ticket's history or strings from
// the heap, or even all of its fields, would cost more than everything else a refresh does.
// Kept as a 64-bit hash of created, updated, first_response_at, resolved_at, the number of
// history entries and comments, satisfaction and deleted: 8 bytes a ticket to compare.
using TicketKey = std::uint64_t;

TicketKey KeyOf(const Ticket& t) {
    std::uint64_t hash = 0x243F6A8885A308D3ull;
    auto mix = [&](std::uint64_t v) {
        hash = (hash ^ v) * 0x9E3779B97F4A7C15ull;
        hash ^= hash >> 32;
    };
    mix(static_cast<std::uint64_t>(t.created));
    mix(static_cast<std::uint64_t>(t.updated));
    mix(static_cast<std::uint64_t>(t.first_response_at));
    mix(static_cast<std::uint64_t>(t.resolved_at));
    mix(static_cast<std::uint64_t>(t.history.size()) | static_cast<std::uint64_t>(t.comments.size()) << 40);
    mix(static_cast<std::uint64_t>(static_cast<std::uint32_t>(t.satisfaction)) << 1 | (t.deleted ? 1u : 0u));
    return hash;
}

struct Range {
    std::uint32_t first = 0, count = 0;
};

// Lists of every ticket's parts end to end; a ticket read again gets a new range at the
// end, and the old one is garbage until the arena is compacted.
template <class T>
struct Arena {
    std::vector<T> items;
    std::size_t live = 0;
    Range Add(Span<T> list) {
        Range r{static_cast<std::uint32_t>(items.size()), static_cast<std::uint32_t>(list.size)};
        items.insert(items.end(), list.begin(), list.end());
        live += list.size;
        return r;
    }
    void Drop(Range r) { live -= r.count; }
    Span<T> Of(Range r) const { return {items.data() + r.first, r.count}; }
    bool Wasteful() const { return items.size() > 4096 && items.size() > 3 * live; }
};

}  // namespace

struct DashboardCache::State {
    // A ticket's part, kept by position; the lists are ranges of the arenas.
    struct Slot {
        FixedPart fixed;
        Range resolutions, segments, holders, labels, comments;
    };

    // What the totals were computed for.
    bool valid = false;
    ReportPeriod period;
    Bucket bucket = Bucket::Day;
    std::uint64_t revision = 0;
    std::string config_key;
    Millis backlog_at = 0;
    std::size_t board_size = 0;

    std::unique_ptr<Pass> pass;
    Names people, words;
    std::unique_ptr<Totals> totals;
    std::vector<std::size_t> positions;
    // By ticket position. What every refresh reads for every ticket is kept apart from the
    // parts, in small arrays, so that a refresh reads little memory.
    std::vector<TicketKey> keys;
    std::vector<char> read;             // whether keys and slots hold the ticket's part
    // Where its part's resolutions and comments are (the lists kept in ticket order are
    // gathered from these, without visiting the slots).
    struct OrderedRanges {
        Range resolutions, comments;
    };
    std::vector<OrderedRanges> ordered;
    std::vector<std::uint32_t> weights;  // times in `positions`, as counted in the totals
    std::vector<BacklogFacts> backlog_facts;
    std::vector<std::int8_t> backlog;   // backlog column as counted (-1: none)
    std::vector<Slot> slots;
    Arena<ResolutionPart> resolutions;
    Arena<FlowSegment> segments;
    Arena<std::int32_t> holders, labels;
    Arena<std::uint32_t> comments;
    Dashboard dashboard;
    std::size_t recomputed = 0;

    void Resize(std::size_t n) {
        keys.resize(n), read.resize(n), ordered.resize(n), weights.resize(n), backlog_facts.resize(n), backlog.resize(n, -1), slots.resize(n);
    }
    PartView View(std::size_t pos) const {
        const Slot& s = slots[pos];
        return {&s.fixed, resolutions.Of(s.resolutions), segments.Of(s.segments), holders.Of(s.holders),
                labels.Of(s.labels), comments.Of(s.comments)};
    }
    bool Ordered(std::size_t pos) const { return ordered[pos].resolutions.count || ordered[pos].comments.count; }
    void AppendOrdered(std::size_t pos, const Ticket& t, Dashboard& out) const;
    void Store(std::size_t pos, const TicketReader& reader);
    void Compact();
};

void DashboardCache::State::Store(std::size_t pos, const TicketReader& reader) {
    Slot& s = slots[pos];
    if (read[pos]) {
        resolutions.Drop(s.resolutions), segments.Drop(s.segments), holders.Drop(s.holders);
        labels.Drop(s.labels), comments.Drop(s.comments);
    }
    const PartView v = reader.View();
    s.fixed = *v.fixed;
    s.resolutions = resolutions.Add(v.resolutions);
    s.segments = segments.Add(v.segments);
    s.holders = holders.Add(v.holders);
    s.labels = labels.Add(v.labels);
    s.comments = comments.Add(v.comments);
    backlog_facts[pos] = v.fixed->backlog;
    ordered[pos] = {s.resolutions, s.comments};
    read[pos] = 1;
}

void DashboardCache::State::Compact() {
    auto compact = [&](auto& arena, Range Slot::*range) {
        if (!arena.Wasteful()) return false;
        std::remove_reference_t<decltype(arena.items)> kept;
        kept.reserve(arena.live);
        for (std::size_t pos = 0; pos < slots.size(); ++pos) {
            if (!read[pos]) continue;
            Range& r = slots[pos].*range;
            const std::uint32_t first = static_cast<std::uint32_t>(kept.size());
            kept.insert(kept.end(), arena.items.begin() + r.first, arena.items.begin() + r.first + r.count);
            r.first = first;
        }
        arena.items.swap(kept);
        return true;
    };
    const bool resolutions_moved = compact(resolutions, &Slot::resolutions);
    const bool comments_moved = compact(comments, &Slot::comments);
    compact(segments, &Slot::segments);
    compact(holders, &Slot::holders);
    compact(labels, &Slot::labels);
    if (resolutions_moved || comments_moved)
        for (std::size_t pos = 0; pos < slots.size(); ++pos) ordered[pos] = {slots[pos].resolutions, slots[pos].comments};
}

void DashboardCache::State::AppendOrdered(std::size_t pos, const Ticket& t, Dashboard& out) const {
    const OrderedRanges& r = ordered[pos];
    for (const ResolutionPart& part : resolutions.Of(r.resolutions)) {
        out.flow.lead_times.push_back(part.lead);
        if (part.has_cycle) out.flow.cycle_times.push_back(part.cycle);
    }
    for (std::uint32_t c : comments.Of(r.comments)) {
        const FixedPart& fixed = slots[pos].fixed;
        out.report.comments.push_back({t.id, fixed.score_at, fixed.score, t.comments[c].body});
    }
}

namespace {

// The parts of the configuration the figures read, and whether the SLA counts: a change
// there outside settings_revision still recomputes everything.
std::string ConfigKey(const BoardConfig& config, const SlaSettings* sla) {
    std::string key = sla && sla->enabled ? "sla|" : "-|";
    for (const StatusDef& s : config.statuses) key += s.id + ":" + ToString(s.category) + "|";
    for (const MemberDef& m : config.members) key += m.id + "|";
    for (const PriorityDef& p : config.priorities)
        key += p.id + ":" + std::to_string(p.response_minutes) + ":" + std::to_string(p.resolution_minutes) + "|";
    return key;
}

}  // namespace

DashboardCache::DashboardCache() : state_(std::make_unique<State>()) {}
DashboardCache::~DashboardCache() = default;
DashboardCache::DashboardCache(DashboardCache&&) noexcept = default;
DashboardCache& DashboardCache::operator=(DashboardCache&&) noexcept = default;

std::size_t DashboardCache::recomputed() const { return state_->recomputed; }

const Dashboard& DashboardCache::Get(const Board& board, const std::vector<std::size_t>& positions, ReportPeriod period,
                                     Bucket bucket, const SlaSettings* sla, std::uint64_t settings_revision, Millis now) {
    State& s = *state_;
    const std::vector<Ticket>& tickets = board.tickets();
    const std::size_t n = tickets.size();
    std::string config_key = ConfigKey(board.config(), sla);
    const bool same = s.valid && s.period.from == period.from && s.period.to == period.to && s.bucket == bucket &&
                      s.revision == settings_revision && s.config_key == config_key && n >= s.slots.size();
    if (!same) {  // everything anew
        State fresh;
        fresh.valid = true;
        fresh.period = period;
        fresh.bucket = bucket;
        fresh.revision = settings_revision;
        fresh.config_key = std::move(config_key);
        fresh.pass = std::make_unique<Pass>(board.config(), period, bucket, sla);
        fresh.totals = std::make_unique<Totals>(*fresh.pass);
        fresh.dashboard.period = period;
        fresh.dashboard.bucket = bucket;
        s = std::move(fresh);
    }
    s.recomputed = 0;
    const Pass& pass = *s.pass;
    Totals& totals = *s.totals;
    const Millis backlog_at = BacklogInstant(period, now);
    const bool backlog_moved = same && backlog_at != s.backlog_at;
    s.backlog_at = backlog_at;
    s.Resize(n);

    // How often each ticket is shown now (a position beyond the board counts once it exists).
    const bool positions_changed = !same || positions != s.positions;
    const bool weights_changed = positions_changed || n != s.board_size;
    s.board_size = n;
    std::vector<std::uint32_t> weights;
    if (weights_changed) {
        weights.assign(n, 0);
        for (std::size_t pos : positions)
            if (pos < n) ++weights[pos];
        if (positions_changed) s.positions = positions;
    }

    TicketReader reader(pass, s.people, s.words);
    bool ordered_changed = positions_changed, breakdown_changed = !same;
    volatile Millis touched = 0;  // (so that the reads ahead are made)
    for (std::size_t pos = 0; pos < n; ++pos) {
        if (!same && pos % kReadAhead == 0)  // every ticket is read: see ReadAhead
            touched = touched + ReadAhead(tickets, pos, std::min(n, pos + kReadAhead), [](std::size_t j) { return j; });
        const std::uint32_t old_weight = s.weights[pos];
        const std::uint32_t weight = weights_changed ? weights[pos] : old_weight;
        if (weight == 0 && old_weight == 0) continue;
        const Ticket& t = tickets[pos];
        bool reread = false;
        if (weight > 0) {
            const TicketKey key = KeyOf(t);
            reread = !s.read[pos] || key != s.keys[pos];
            if (reread) s.keys[pos] = key;
        }
        if (!reread && weight == old_weight) {
            if (backlog_moved) {  // only the ages depend on `now`: no history is read
                const int column = BacklogClass(pass, s.backlog_facts[pos], t, backlog_at);
                if (column != s.backlog[pos]) {
                    totals.ApplyBacklog(s.backlog[pos], -static_cast<long long>(weight));
                    totals.ApplyBacklog(column, weight);
                    s.backlog[pos] = static_cast<std::int8_t>(column);
                }
            }
            continue;
        }
        // Take the old part away, add the new one (its backlog column at the new instant).
        if (s.read[pos]) {
            totals.Apply(s.View(pos), -static_cast<long long>(old_weight));
            totals.ApplyBacklog(s.backlog[pos], -static_cast<long long>(old_weight));
            ordered_changed |= s.Ordered(pos);
            breakdown_changed |= s.slots[pos].fixed.created_bucket >= 0;
        }
        if (reread) {
            reader.Read(t);
            s.Store(pos, reader);
            ++s.recomputed;
        }
        s.weights[pos] = weight;
        s.backlog[pos] = static_cast<std::int8_t>(BacklogClass(pass, s.backlog_facts[pos], t, backlog_at));
        totals.Apply(s.View(pos), weight);
        totals.ApplyBacklog(s.backlog[pos], weight);
        ordered_changed |= s.Ordered(pos);
        breakdown_changed |= s.slots[pos].fixed.created_bucket >= 0;
    }
    s.Compact();

    Dashboard& out = s.dashboard;
    if (ordered_changed) {  // in `positions` order, as the per-figure functions list them
        out.flow.lead_times.clear();
        out.flow.cycle_times.clear();
        out.report.comments.clear();
        for (std::size_t pos : positions)
            if (pos < n && s.Ordered(pos)) s.AppendOrdered(pos, tickets[pos], out);
        SortComments(out.report.comments);
    }
    totals.Fill(pass, s.people, s.words, out, breakdown_changed);
    return out;
}

}  // namespace tackboard
