// import.hpp — from a file's bytes to a checked import the user can preview.
//
// PlanImport reads a file of any supported kind (Tackboard JSON, Trello board JSON,
// GitHub issues JSON, Jira CSV, plain CSV), decides how the source's words map onto
// this board (status "Doing" -> "In progress", a new status "QA", member "Ann Lee"...)
// and builds one `import` change record (core/change.hpp). Nothing changes until that
// record is executed, and executing it adds every ticket or none. The plan carries
// what the preview shows: counts, the mapping, skipped records with reasons, notes.
//
// Bytes are checked first: UTF-8 (with or without BOM) is read as is, UTF-16 with a BOM
// is converted, anything else that is not UTF-8 is refused with the offset of the first
// bad byte, because guessing an 8-bit code page would garble names silently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/result.hpp"
#include "io/import_source.hpp"

namespace tackboard {

struct ImportMapping {
    std::string what;  // "status", "type", "priority", "assignee", "label"
    std::string from;  // the source's word ("Doing"; "(open)" for GitHub's state)
    std::string to;    // the name on this board
    bool added = false;        // added to this board's settings by the import
    std::size_t tickets = 0;   // imported tickets using it
};

struct ImportPlan {
    std::string format;   // "Tackboard", "Trello board", "GitHub issues", "Jira CSV", "CSV"
    nlohmann::json change;  // the import record; null when the file adds nothing
    std::size_t tickets = 0;
    std::size_t comments = 0;
    std::vector<ImportMapping> mappings;
    std::vector<SkippedRecord> skipped;
    std::vector<std::string> notes;
    std::uint64_t board_revision = 0;  // the board's revision it was planned against (ImportRequest)
};

struct ImportRequest {
    std::string_view bytes;
    // "" to detect; "json" or "csv" to insist on one family (tackboard.importJson /
    // importCsv), or one exact kind: "tackboard", "trello", "github", "jira", "plain-csv".
    std::string expect;
    std::string actor;  // who imports, for the tickets' "created" history
    Millis now = 0;
    std::function<std::string()> new_id;  // fresh ticket ids
    std::uint64_t board_revision = 0;     // copied into the plan, so a stale one can be refused
};

Result<ImportPlan> PlanImport(const Board& board, const ImportRequest& request);

// The same, in slices, so a page can draw its progress between them: reading and parsing
// the file is one slice, then each Step converts up to `tickets` more. The board and the
// request's bytes must stay alive and unchanged until Take().
class ImportPlanner {
public:
    ImportPlanner(const Board& board, ImportRequest request);
    ~ImportPlanner();
    ImportPlanner(ImportPlanner&&) noexcept;
    ImportPlanner& operator=(ImportPlanner&&) noexcept;

    bool Step(std::size_t tickets = 1000);  // true once the plan (or why there is none) is ready
    double progress() const;                // 0 to 1
    Result<ImportPlan> Take();              // finishes what is left first

private:
    struct State;
    std::unique_ptr<State> state_;
};

// The bytes as UTF-8 text (BOM removed), or why they are not text we can read.
Result<std::string> DecodeImportText(std::string_view bytes);

// The board's tickets as CSV in the columns ReadPlainCsv reads back.
std::string BoardToCsv(const Board& board);

// The preview as JSON (tackboard.previewImport): everything but the change record.
nlohmann::json ImportPlanToJson(const ImportPlan& plan);

}  // namespace tackboard
