// report_json.hpp — the dashboard's figures as JSON, for window.tackboard.report() (the
// same figures the charts draw and the CSVs list). Durations in milliseconds, dates as
// YYYY-MM-DD (UTC), rates as fractions.
//
//   {"period": {"from": "2026-11-06", "to": "2026-12-05"}, "bucket": "day",
//    "created": 12, "resolved": 9, "reopened": 1, "resolutionRate": 0.75, "reopenedRate": 0.11,
//    "firstResponse": {"count", "medianMs", "p90Ms", "meanMs"}, "resolution": {...},
//    "sla": {"responses", "responsesMet", "resolutions", "resolutionsMet"},
//    "satisfaction": {"rated", "mean", "counts": [n1..n5], "comments": [{"ticket", "at", "score", "text"}]},
//    "volume": [{"date", "created", "resolved", "firstResponseMedianMs", "resolutionMedianMs", "rated", "satisfactionMean"}],
//    "flow": {"statuses", "dates", "counts", "wip", "leadTime", "cycleTime", "leadTimeBins", "cycleTimeBins"},
//    "backlog": [n per age bin], "people": [{"member", "handled", "resolved", "resolutionMedianMs"}],
//    "breakdown": {"type": [["incident", 3], ...], "priority", "label", "requester"}}
#pragma once

#include <nlohmann/json.hpp>

#include "core/dashboard.hpp"

namespace tackboard {

nlohmann::json DashboardToJson(const Dashboard& dashboard);

}  // namespace tackboard
