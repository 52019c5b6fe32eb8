#include "io/report_json.hpp"

#include "core/dates.hpp"
#include "core/duration_bins.hpp"

namespace tackboard {

namespace {

using nlohmann::json;

json StatsJson(const DurationStats& s) {
    return {{"count", s.count}, {"medianMs", s.median}, {"p90Ms", s.p90}, {"meanMs", s.mean}};
}

json CountsJson(const Breakdown::Counts& counts) {
    json out = json::array();
    for (const auto& [value, n] : counts) out.push_back(json::array({value, n}));
    return out;
}

}  // namespace

json DashboardToJson(const Dashboard& d) {
    const Report& r = d.report;
    json out = {{"period", {{"from", FormatIsoDate(d.period.from)}, {"to", FormatIsoDate(d.period.to - 1)}}},
                {"bucket", d.bucket == Bucket::Day ? "day" : "week"},
                {"created", r.created},
                {"resolved", r.resolved},
                {"reopened", r.reopened},
                {"resolutionRate", r.resolution_rate},
                {"reopenedRate", r.reopened_rate},
                {"firstResponse", StatsJson(r.first_response)},
                {"resolution", StatsJson(r.resolution)},
                {"sla",
                 {{"responses", d.sla.responses},
                  {"responsesMet", d.sla.responses_met},
                  {"resolutions", d.sla.resolutions},
                  {"resolutionsMet", d.sla.resolutions_met}}}};
    json comments = json::array();
    for (const SatisfactionComment& c : r.comments)
        comments.push_back({{"ticket", c.ticket_id}, {"at", c.at}, {"score", c.score}, {"text", c.text}});
    out["satisfaction"] = {{"rated", r.rated}, {"mean", r.satisfaction_mean}, {"counts", r.satisfaction}, {"comments", comments}};
    json volume = json::array();
    for (const VolumePoint& p : r.volume)
        volume.push_back({{"date", FormatIsoDate(p.start)},
                          {"created", p.created},
                          {"resolved", p.resolved},
                          {"firstResponseMedianMs", p.first_response_median},
                          {"resolutionMedianMs", p.resolution_median},
                          {"rated", p.rated},
                          {"satisfactionMean", p.satisfaction_mean}});
    out["volume"] = std::move(volume);
    json dates = json::array();
    for (Millis at : d.flow.at) dates.push_back(FormatIsoDate(at - 1));  // each bucket's last day
    out["flow"] = {{"statuses", d.flow.statuses},
                   {"dates", dates},
                   {"counts", d.flow.counts},
                   {"wip", d.flow.wip},
                   {"leadTime", StatsJson(d.flow.lead_time)},
                   {"cycleTime", StatsJson(d.flow.cycle_time)},
                   {"leadTimeBins", BinDurations(d.flow.lead_times).counts},
                   {"cycleTimeBins", BinDurations(d.flow.cycle_times).counts}};
    out["backlog"] = d.backlog;
    json people = json::array();
    for (const PersonReport& p : d.people)
        people.push_back({{"member", p.member}, {"handled", p.handled}, {"resolved", p.resolved}, {"resolutionMedianMs", p.resolution.median}});
    out["people"] = std::move(people);
    out["breakdown"] = {{"type", CountsJson(d.breakdown.by_type)},
                        {"priority", CountsJson(d.breakdown.by_priority)},
                        {"label", CountsJson(d.breakdown.by_label)},
                        {"requester", CountsJson(d.breakdown.by_requester)}};
    return out;
}

}  // namespace tackboard
