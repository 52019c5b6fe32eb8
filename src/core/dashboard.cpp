#include "core/dashboard.hpp"

#include <algorithm>

namespace tackboard {

Dashboard ComputeDashboard(const Board& board, const std::vector<std::size_t>& positions, ReportPeriod period,
                           Bucket bucket, const SlaSettings* sla, Millis now) {
    const bool sla_on = sla && sla->enabled;
    const CompiledCalendar* calendar = sla_on ? &sla->calendar : nullptr;
    Dashboard out;
    out.period = period;
    out.bucket = bucket;
    out.report = ComputeReport(board, positions, period, calendar, bucket);
    out.flow = ComputeFlow(board, positions, period, bucket);
    out.backlog = ComputeBacklogAges(board, positions, std::min(period.to, now));
    out.people = ComputePeople(board, positions, period, calendar);
    if (sla_on) out.sla = ComputeSlaCompliance(board, positions, period, *sla);
    out.breakdown = ComputeBreakdown(board, positions, period);
    return out;
}

}  // namespace tackboard
