// reports.cpp — see reports.hpp. The per-figure functions here are the reference: dashboard.cpp
// works out the same figures in one pass (and must agree with them exactly).
#include "core/reports.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_set>

namespace tackboard {

namespace {

bool In(Millis at, ReportPeriod period) { return at >= period.from && at < period.to; }

class Durations {
public:
    explicit Durations(const CompiledCalendar* calendar) : calendar_(calendar) {}
    Millis Between(Millis from, Millis to) const { return report_detail::TimeBetween(calendar_, from, to); }

private:
    const CompiledCalendar* calendar_;
};

bool IsDone(const std::unordered_set<std::string>& done, const nlohmann::json& status) {
    return status.is_string() && done.count(status.get<std::string>()) > 0;
}

std::unordered_set<std::string> StatusesOf(const BoardConfig& config, StatusCategory category) {
    std::vector<std::string> ids = StatusIds(config, category);
    return {ids.begin(), ids.end()};
}

// Calls `f(entry)` for each move into a Done status from one that is not, in the period.
template <class F>
void ForEachResolution(const Ticket& t, const std::unordered_set<std::string>& done, ReportPeriod period, F f) {
    for (const HistoryEntry& h : t.history)
        if (h.field == "status" && In(h.at, period) && !IsDone(done, h.old_value) && IsDone(done, h.new_value)) f(h);
}

}  // namespace

namespace report_detail {

namespace {

constexpr Millis kDay = 86'400'000;

Millis FloorDiv(Millis a, Millis b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

Millis BucketStart(Millis at, Bucket bucket) {
    const Millis day = FloorDiv(at, kDay);
    if (bucket == Bucket::Day) return day * kDay;
    const Millis weekday = ((day + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday: Monday is 0
    return (day - weekday) * kDay;
}

Millis BucketLength(Bucket bucket) { return bucket == Bucket::Day ? kDay : 7 * kDay; }

std::vector<Millis> BucketStarts(ReportPeriod period, Bucket bucket) {
    std::vector<Millis> out;
    if (period.to > period.from)
        for (Millis start = BucketStart(period.from, bucket); start < period.to; start += BucketLength(bucket))
            out.push_back(start);
    return out;
}

Millis TimeBetween(const CompiledCalendar* calendar, Millis from, Millis to) {
    if (to <= from) return 0;
    if (!calendar || calendar->always_open()) return to - from;
    return std::max<Millis>(0, calendar->BusinessClock(to) - calendar->BusinessClock(from));
}

}  // namespace report_detail

using report_detail::BucketLength;
using report_detail::BucketStart;
using report_detail::BucketStarts;

std::string ValueAt(const Ticket& ticket, const char* field, Millis at) {
    const std::string name = field;
    const HistoryEntry* first = nullptr;
    const HistoryEntry* last = nullptr;
    for (const HistoryEntry& h : ticket.history) {
        if (h.field != field) continue;
        if (!first || h.at < first->at) first = &h;
        if (h.at <= at && (!last || h.at >= last->at)) last = &h;
    }
    auto text = [](const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : std::string(); };
    if (last) return text(last->new_value);
    if (first) return text(first->old_value);
    if (name == "status") return ticket.status;
    if (name == "priority") return ticket.priority;
    if (name == "type") return ticket.type;
    return ticket.assignee;
}

FlowReport ComputeFlow(const Board& board, const std::vector<std::size_t>& positions, ReportPeriod period, Bucket bucket) {
    FlowReport out;
    const BoardConfig& config = board.config();
    const auto done = StatusesOf(config, StatusCategory::Done);
    const auto active = StatusesOf(config, StatusCategory::Active);
    std::vector<char> is_active;  // by position in out.statuses
    for (const StatusDef& s : config.statuses) {
        out.statuses.push_back(s.id);
        is_active.push_back(active.count(s.id) > 0);
    }
    static const std::string kNone;
    std::vector<const HistoryEntry*> moves;
    for (Millis start : BucketStarts(period, bucket)) out.at.push_back(std::min(start + BucketLength(bucket), period.to));
    out.counts.assign(out.at.size(), std::vector<std::size_t>(out.statuses.size(), 0));
    out.wip.assign(out.at.size(), 0);
    const std::vector<Ticket>& tickets = board.tickets();
    for (std::size_t pos : positions) {
        if (pos >= tickets.size() || tickets[pos].deleted) continue;
        const Ticket& t = tickets[pos];
        // One walk through the ticket's moves and the bucket ends together (ValueAt at
        // each end, without reading the history again for each).
        moves.clear();
        for (const HistoryEntry& h : t.history)
            if (h.field == "status") moves.push_back(&h);
        std::stable_sort(moves.begin(), moves.end(), [](const HistoryEntry* a, const HistoryEntry* b) { return a->at < b->at; });
        const nlohmann::json* status = nullptr;
        if (!moves.empty()) status = &moves.front()->old_value;
        std::size_t next = 0;
        const nlohmann::json* looked_up = nullptr;  // the status whose column `column` is
        long column = -1;
        bool looked_up_any = false;
        for (std::size_t i = 0; i < out.at.size(); ++i) {
            if (t.created >= out.at[i]) continue;  // not there yet
            while (next < moves.size() && moves[next]->at <= out.at[i] - 1) status = &moves[next++]->new_value;
            if (!looked_up_any || status != looked_up) {
                const std::string& id = status ? (status->is_string() ? status->get_ref<const std::string&>() : kNone) : t.status;
                auto it = std::find(out.statuses.begin(), out.statuses.end(), id);
                column = it == out.statuses.end() ? -1 : static_cast<long>(it - out.statuses.begin());
                looked_up = status;
                looked_up_any = true;
            }
            if (column < 0) continue;
            ++out.counts[i][static_cast<std::size_t>(column)];
            out.wip[i] += is_active[static_cast<std::size_t>(column)];
        }
        ForEachResolution(t, done, period, [&](const HistoryEntry& resolved) {
            out.lead_times.push_back(std::max<Millis>(0, resolved.at - t.created));
            for (const HistoryEntry& h : t.history)  // the first time it was being worked on
                if (h.field == "status" && h.at <= resolved.at && h.new_value.is_string() &&
                    active.count(h.new_value.get<std::string>())) {
                    out.cycle_times.push_back(resolved.at - h.at);
                    break;
                }
        });
    }
    out.lead_time = StatsOf(out.lead_times);
    out.cycle_time = StatsOf(out.cycle_times);
    return out;
}

namespace {

// The ticket as it was at `at`: history up to then, the status, priority and type then,
// no first response yet if it came later.
// Only what ComputeSla reads is copied (a whole ticket, with its comments, costs more
// than the clocks).
Ticket AsOf(const Ticket& t, Millis at) {
    Ticket then;
    then.id = t.id;
    then.created = t.created;
    then.updated = std::min(t.updated, at);
    then.resolved_at = t.resolved_at <= at ? t.resolved_at : 0;
    then.first_response_at = t.first_response_at;
    for (const HistoryEntry& h : t.history)
        if (h.field == "status" && h.at <= at) then.history.push_back(h);
    then.status = ValueAt(t, "status", at);
    then.priority = ValueAt(t, "priority", at);
    then.type = ValueAt(t, "type", at);
    if (then.first_response_at > at) then.first_response_at = 0;
    return then;
}

Breakdown::Counts Sorted(const std::map<std::string, std::size_t>& counts) {
    Breakdown::Counts out(counts.begin(), counts.end());
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return out;
}

}  // namespace

SlaCompliance ComputeSlaCompliance(const Board& board, const std::vector<std::size_t>& positions, ReportPeriod period,
                                   const SlaSettings& sla) {
    SlaCompliance out;
    if (!sla.enabled) return out;
    const BoardConfig& config = board.config();
    const auto done = StatusesOf(config, StatusCategory::Done);
    const std::vector<Ticket>& tickets = board.tickets();
    for (std::size_t pos : positions) {
        if (pos >= tickets.size() || tickets[pos].deleted) continue;
        const Ticket& t = tickets[pos];
        if (t.first_response_at && In(t.first_response_at, period)) {
            const SlaClock clock = ComputeSla(AsOf(t, t.first_response_at), config, sla, t.first_response_at).response;
            if (clock.budget > 0) {
                ++out.responses;
                out.responses_met += !clock.breached;
            }
        }
        ForEachResolution(t, done, period, [&](const HistoryEntry& resolved) {
            const SlaClock clock = ComputeSla(AsOf(t, resolved.at), config, sla, resolved.at).resolution;
            if (clock.budget <= 0) return;
            ++out.resolutions;
            out.resolutions_met += !clock.breached;
        });
    }
    return out;
}

Breakdown ComputeBreakdown(const Board& board, const std::vector<std::size_t>& positions, ReportPeriod period) {
    std::map<std::string, std::size_t> type, priority, label, requester;
    const std::vector<Ticket>& tickets = board.tickets();
    for (std::size_t pos : positions) {
        if (pos >= tickets.size() || tickets[pos].deleted || !In(tickets[pos].created, period)) continue;
        const Ticket& t = tickets[pos];
        ++type[ValueAt(t, "type", t.created)];
        ++priority[ValueAt(t, "priority", t.created)];
        for (const std::string& l : t.labels) ++label[l];
        ++requester[t.requester];
    }
    return {Sorted(type), Sorted(priority), Sorted(label), Sorted(requester)};
}

BacklogAges ComputeBacklogAges(const Board& board, const std::vector<std::size_t>& positions, Millis at) {
    BacklogAges out{};
    const auto done = StatusesOf(board.config(), StatusCategory::Done);
    const std::vector<Ticket>& tickets = board.tickets();
    for (std::size_t pos : positions) {
        if (pos >= tickets.size() || tickets[pos].deleted || tickets[pos].created >= at) continue;
        const Ticket& t = tickets[pos];
        if (done.count(ValueAt(t, "status", at - 1))) continue;
        const Millis age = at - t.created;
        std::size_t i = 0;
        while (i < std::size(kBacklogAgeBounds) && age >= kBacklogAgeBounds[i]) ++i;
        ++out[i];
    }
    return out;
}

std::vector<PersonReport> ComputePeople(const Board& board, const std::vector<std::size_t>& positions,
                                        ReportPeriod period, const CompiledCalendar* calendar) {
    const BoardConfig& config = board.config();
    const auto done = StatusesOf(config, StatusCategory::Done);
    const Durations durations(calendar);
    std::vector<PersonReport> out;
    std::vector<std::vector<Millis>> times;
    for (const MemberDef& m : config.members) out.push_back({m.id, 0, 0, {}});
    times.resize(out.size());
    auto person = [&](const std::string& id) -> std::size_t {
        for (std::size_t i = 0; i < out.size(); ++i)
            if (out[i].member == id) return i;
        out.push_back({id, 0, 0, {}});
        times.emplace_back();
        return out.size() - 1;
    };
    const std::vector<Ticket>& tickets = board.tickets();
    for (std::size_t pos : positions) {
        if (pos >= tickets.size() || tickets[pos].deleted || tickets[pos].created >= period.to) continue;
        const Ticket& t = tickets[pos];
        std::unordered_set<std::string> holders;
        holders.insert(ValueAt(t, "assignee", std::max(period.from, t.created)));
        for (const HistoryEntry& h : t.history)
            if (h.field == "assignee" && In(h.at, period) && h.new_value.is_string()) holders.insert(h.new_value.get<std::string>());
        holders.erase("");
        for (const std::string& who : holders) ++out[person(who)].handled;
        ForEachResolution(t, done, period, [&](const HistoryEntry& resolved) {
            const std::string who = ValueAt(t, "assignee", resolved.at);
            if (who.empty()) return;
            const std::size_t i = person(who);
            ++out[i].resolved;
            times[i].push_back(durations.Between(t.created, resolved.at));
        });
    }
    for (std::size_t i = 0; i < out.size(); ++i) out[i].resolution = StatsOf(std::move(times[i]));
    // Members in configuration order, then the others by id.
    std::sort(out.begin() + static_cast<long>(config.members.size()), out.end(),
              [](const PersonReport& a, const PersonReport& b) { return a.member < b.member; });
    return out;
}

DurationStats StatsOf(std::vector<Millis> durations) {
    DurationStats out;
    out.count = durations.size();
    if (durations.empty()) return out;
    std::sort(durations.begin(), durations.end());
    const std::size_t n = durations.size();
    out.median = n % 2 ? durations[n / 2] : (durations[n / 2 - 1] + durations[n / 2]) / 2;
    out.p90 = durations[(9 * n + 9) / 10 - 1];  // nearest rank: ceil(0.9 n)
    long double sum = 0;
    for (Millis d : durations) sum += static_cast<long double>(d);
    out.mean = static_cast<Millis>(sum / static_cast<long double>(n));
    return out;
}

Report ComputeReport(const Board& board, const std::vector<std::size_t>& positions, ReportPeriod period,
                     const CompiledCalendar* calendar, Bucket bucket) {
    Report report;
    const auto done = StatusesOf(board.config(), StatusCategory::Done);
    const Durations durations(calendar);
    for (Millis start : BucketStarts(period, bucket)) report.volume.push_back({start});
    auto index = [&](Millis at) {
        return static_cast<std::size_t>((BucketStart(at, bucket) - report.volume.front().start) / BucketLength(bucket));
    };
    // Per bucket, for the trends.
    std::vector<std::vector<Millis>> responses(report.volume.size()), resolutions(report.volume.size());
    std::vector<long long> score_sums(report.volume.size(), 0);

    std::vector<Millis> all_responses, all_resolutions;
    long long score_sum = 0;
    const std::vector<Ticket>& tickets = board.tickets();
    for (std::size_t pos : positions) {
        if (pos >= tickets.size()) continue;
        const Ticket& t = tickets[pos];
        if (t.deleted) continue;
        if (In(t.created, period)) {
            ++report.created;
            ++report.volume[index(t.created)].created;
        }
        if (t.first_response_at && In(t.first_response_at, period)) {
            const Millis d = durations.Between(t.created, t.first_response_at);
            all_responses.push_back(d);
            responses[index(t.first_response_at)].push_back(d);
        }
        const HistoryEntry* scored = nullptr;  // the last score recorded in the period
        for (const HistoryEntry& h : t.history) {
            if (!In(h.at, period)) continue;
            if (h.field == "status") {
                const bool was_done = IsDone(done, h.old_value), is_done = IsDone(done, h.new_value);
                if (!was_done && is_done) {
                    ++report.resolved;
                    const Millis d = durations.Between(t.created, h.at);
                    all_resolutions.push_back(d);
                    const std::size_t i = index(h.at);
                    ++report.volume[i].resolved;
                    resolutions[i].push_back(d);
                } else if (was_done && !is_done) {
                    ++report.reopened;
                }
            } else if (h.field == "satisfaction" && h.new_value.is_number_integer()) {
                scored = &h;  // a 0 takes the score back
            }
        }
        const int score = scored ? scored->new_value.get<int>() : 0;
        if (score >= 1 && score <= 5) {
            ++report.rated;
            ++report.satisfaction[static_cast<std::size_t>(score - 1)];
            score_sum += score;
            const std::size_t i = index(scored->at);
            ++report.volume[i].rated;
            score_sums[i] += score;
            for (const Comment& c : t.comments)  // recorded with the score, in the requester's name
                if (c.at == scored->at && !c.internal && (t.requester.empty() || c.author == t.requester))
                    report.comments.push_back({t.id, scored->at, score, c.body});
        }
    }
    report.first_response = StatsOf(std::move(all_responses));
    report.resolution = StatsOf(std::move(all_resolutions));
    if (report.created) report.resolution_rate = static_cast<double>(report.resolved) / static_cast<double>(report.created);
    if (report.resolved) report.reopened_rate = static_cast<double>(report.reopened) / static_cast<double>(report.resolved);
    if (report.rated) report.satisfaction_mean = static_cast<double>(score_sum) / static_cast<double>(report.rated);
    for (std::size_t i = 0; i < report.volume.size(); ++i) {
        VolumePoint& p = report.volume[i];
        p.first_response_median = StatsOf(std::move(responses[i])).median;
        p.resolution_median = StatsOf(std::move(resolutions[i])).median;
        if (p.rated) p.satisfaction_mean = static_cast<double>(score_sums[i]) / static_cast<double>(p.rated);
    }
    std::sort(report.comments.begin(), report.comments.end(),
              [](const SatisfactionComment& a, const SatisfactionComment& b) { return a.at > b.at; });
    return report;
}

}  // namespace tackboard
