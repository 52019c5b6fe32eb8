// source_dates.hpp — reading the dates other trackers write, for the import readers.
//
// Accepted (leading/trailing spaces ignored):
//   ISO 8601 as trackers and spreadsheets write it: "2024-01-15", "2024-01-15T10:20",
//   "2024-01-15T10:20:30Z", "2024-01-15T10:20:30.123Z" (any number of fraction digits,
//   milliseconds kept), "2024-01-15T10:20:30+02:00" (also "+0200" and "+02"), and a space
//   instead of the "T" ("2024-01-15 10:20", "2024-01-15 10:20:30").
//   Jira's default export format: "15/Jan/24 10:20 AM", "15/Jan/2024 10:20 PM", and the
//   date alone "15/Jan/24". English month names (three letters or in full), any case;
//   a two-digit year is 20YY.
// A time without a zone is UTC: the files carry no zone, and guessing the importing
// machine's zone would make the same file import differently in two places.
// Impossible dates and times ("2024-02-30", "25:00", "13:00 PM") are rejected.
// Not accepted: week dates, ordinal dates, Jira formats changed by an admin.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/board.hpp"
#include "io/import_source.hpp"

namespace tackboard {

std::optional<Millis> ParseSourceDateTime(std::string_view text);

// The reason a record is skipped for a bad date, in one wording for every reader:
// "due date 'next week' is not a date (use YYYY-MM-DD)".
std::string NotADateReason(std::string_view what, std::string_view value);

// A date field of a record. Empty text (a blank cell) is "unknown": `out` = 0, true.
// Text that does not parse gives false and the skip reason in `reason`; a record is
// skipped rather than imported without its date, so the user sees what was lost.
bool ReadDateText(std::string_view text, std::string_view what, Millis& out, std::string& reason);
// Same for the member `key` of a JSON object; missing or null is "unknown", and a
// value that is not a string (a number, an object) is not a date.
bool ReadDateMember(const nlohmann::json& object, const char* key, Millis& out, std::string& reason);

// Oldest first, as ImportedTicket::comments wants; stable, so comments without a date
// (0) come first in the order the source gave them.
void SortOldestFirst(std::vector<ImportedComment>& comments);

}  // namespace tackboard
