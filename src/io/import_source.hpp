// import_source.hpp — what the readers of other tools' files produce.
//
// Each reader (Trello board JSON, GitHub issues JSON, Jira CSV, plain CSV) turns a file
// into an ImportSource: the tickets as that tool described them, in that tool's words
// (status "Doing", priority "Highest", assignee "Ann Lee"). Mapping those words onto
// this board's statuses, types, priorities, labels and members is done afterwards by
// import.hpp, which shows the mapping in the preview before anything is applied.
//
// Readers never guess silently: a record they cannot use goes to `skipped` with its
// position and the reason; a file that is not the claimed format at all is an Error.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/result.hpp"
#include "io/csv.hpp"

namespace tackboard {

struct ImportedComment {
    std::string author;  // display name or login, as the source gives it
    Millis at = 0;
    std::string body;  // markdown
};

struct ImportedTicket {
    std::string where;      // position for messages: "line 12" (CSV), `card 3 "Printer jam"`, "issue #41"
    std::string source_id;  // the ticket's id in the source ("41", Trello card id, "PROJ-7")
    std::string url;        // link back to the source, when it has one
    std::string title;
    std::string description;  // markdown
    std::string status;       // the source's status / list name; empty when unknown
    bool closed = false;      // the source says it is finished: GitHub "closed", a CSV Resolved date
    std::string type;         // source issue type name ("Bug"); empty when none
    std::string priority;     // source priority name ("Highest"); empty when none
    std::string assignee;     // display name or login; first one when the source has several
    std::string requester;    // reporter / author
    std::vector<std::string> labels;
    Millis created = 0, updated = 0, due = 0, resolved = 0;  // 0: unknown
    std::vector<ImportedComment> comments;  // oldest first
};

struct SkippedRecord {
    std::string where;   // as ImportedTicket::where
    std::string reason;  // plain words: "no title", "archived card"
};

struct ImportSource {
    std::string format;  // shown to the user: "Trello board", "GitHub issues", "Jira CSV", "CSV"
    // Status names in the source's own order (Trello lists left to right), so new
    // columns keep that order; statuses met only on tickets are added after, in order met.
    std::vector<std::string> statuses;
    std::vector<ImportedTicket> tickets;  // in source order
    std::vector<SkippedRecord> skipped;
    std::vector<std::string> notes;  // what was left out, e.g. "column 'Sprint' is not imported"
};

// Readers. The file is parsed once by the caller (import.cpp), which also picks the
// reader from the structure; each reader still checks the shape it needs and says
// plainly what is wrong ("not a Trello board export: no 'lists'").
Result<ImportSource> ReadTrelloBoard(const nlohmann::json& board);
Result<ImportSource> ReadGitHubIssues(const nlohmann::json& issues);
Result<ImportSource> ReadJiraCsv(const CsvTable& table);
Result<ImportSource> ReadPlainCsv(const CsvTable& table);

// True when the header has Jira's export columns ("Issue key" and "Summary").
bool LooksLikeJiraCsv(const CsvTable& table);

}  // namespace tackboard
