#include "core/reports.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>

namespace tackboard {

namespace {

constexpr Millis kDay = 86'400'000;

bool In(Millis at, ReportPeriod period) { return at >= period.from && at < period.to; }

Millis FloorDiv(Millis a, Millis b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// The bucket an instant falls in: its UTC day, or the Monday that starts its week.
Millis BucketStart(Millis at, Bucket bucket) {
    const Millis day = FloorDiv(at, kDay);
    if (bucket == Bucket::Day) return day * kDay;
    const Millis weekday = ((day + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday: Monday is 0
    return (day - weekday) * kDay;
}

Millis BucketLength(Bucket bucket) { return bucket == Bucket::Day ? kDay : 7 * kDay; }

class Durations {
public:
    explicit Durations(const CompiledCalendar* calendar) : calendar_(calendar) {}
    Millis Between(Millis from, Millis to) const {
        if (to <= from) return 0;
        if (!calendar_ || calendar_->always_open()) return to - from;
        return std::max<Millis>(0, calendar_->BusinessClock(to) - calendar_->BusinessClock(from));
    }

private:
    const CompiledCalendar* calendar_;
};

bool IsDone(const std::unordered_set<std::string>& done, const nlohmann::json& status) {
    return status.is_string() && done.count(status.get<std::string>()) > 0;
}

}  // namespace

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
    std::unordered_set<std::string> done;
    for (const StatusDef& s : board.config().statuses)
        if (s.category == StatusCategory::Done) done.insert(s.id);
    const Durations durations(calendar);

    // Every bucket of the period, empty ones too.
    if (period.to > period.from)
        for (Millis start = BucketStart(period.from, bucket); start < period.to; start += BucketLength(bucket))
            report.volume.push_back({start, 0, 0});
    auto point = [&](Millis at) -> VolumePoint& {
        const std::size_t i = static_cast<std::size_t>((BucketStart(at, bucket) - report.volume.front().start) /
                                                       BucketLength(bucket));
        return report.volume[i];
    };

    std::vector<Millis> first_responses, resolutions;
    long long score_sum = 0;
    const std::vector<Ticket>& tickets = board.tickets();
    for (std::size_t pos : positions) {
        if (pos >= tickets.size()) continue;
        const Ticket& t = tickets[pos];
        if (t.deleted) continue;
        if (In(t.created, period)) {
            ++report.created;
            ++point(t.created).created;
        }
        if (t.first_response_at && In(t.first_response_at, period))
            first_responses.push_back(durations.Between(t.created, t.first_response_at));
        int score = 0;  // the last score recorded in the period
        for (const HistoryEntry& h : t.history) {
            if (!In(h.at, period)) continue;
            if (h.field == "status") {
                const bool was_done = IsDone(done, h.old_value), is_done = IsDone(done, h.new_value);
                if (!was_done && is_done) {
                    ++report.resolved;
                    ++point(h.at).resolved;
                    resolutions.push_back(durations.Between(t.created, h.at));
                } else if (was_done && !is_done) {
                    ++report.reopened;
                }
            } else if (h.field == "satisfaction" && h.new_value.is_number_integer()) {
                score = h.new_value.get<int>();  // 0: the score was taken back
            }
        }
        if (score >= 1 && score <= 5) {
            ++report.rated;
            ++report.satisfaction[static_cast<std::size_t>(score - 1)];
            score_sum += score;
        }
    }
    report.first_response = StatsOf(std::move(first_responses));
    report.resolution = StatsOf(std::move(resolutions));
    if (report.created) report.resolution_rate = static_cast<double>(report.resolved) / static_cast<double>(report.created);
    if (report.resolved) report.reopened_rate = static_cast<double>(report.reopened) / static_cast<double>(report.resolved);
    if (report.rated) report.satisfaction_mean = static_cast<double>(score_sum) / static_cast<double>(report.rated);
    return report;
}

}  // namespace tackboard
