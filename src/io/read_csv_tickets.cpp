// read_csv_tickets.cpp — tickets from CSV tables (already parsed by csv.hpp) read into
// an ImportSource: Jira's export and plain spreadsheets (ours or hand-made).
//
// [SECTION] Columns: finding header columns by name, notes for the unused ones
// [SECTION] Rows: one reader for both formats, told which columns mean what
// [SECTION] Jira CSV ("Export Excel CSV (all fields)")
// [SECTION] Plain CSV
//
// Both readers: header names compared without case and surrounding spaces; every other
// named column gives a note "column 'X' is not imported" (one per name, 20 at most);
// statuses in the order first met; a date cell that does not parse skips the row with
// the reason, rather than importing the ticket without it. Positions are "line N" (the
// file line where the row starts, so quoted newlines do not shift it).
// Jira specifics: multi-value fields repeat a column under one name ("Labels", "Labels",
// "Comment", ...); all of them are read. A comment cell is "15/Jan/24 10:20 AM;author;body".
// `closed` is set when the row has a Resolved date (or, for Jira, Status Category "Done").
#include <initializer_list>
#include <optional>
#include <set>

#include "io/import_source.hpp"
#include "io/source_dates.hpp"
#include "io/source_text.hpp"

namespace tackboard {

namespace {

// -----------------------------------------------------------------------------
// [SECTION] Columns: finding header columns by name, notes for the unused ones
// -----------------------------------------------------------------------------

constexpr std::size_t kMaxColumnNotes = 20;

// The header, remembering which columns a reader took, so the rest can be reported.
class Columns {
public:
    explicit Columns(const CsvTable& table) : header_(table.header), used_(table.header.size(), false) {}

    // The first column named like the first of `names` present (synonyms, most specific
    // first); marks it used. -1 when none is there.
    int Take(std::initializer_list<std::string_view> names) {
        for (std::string_view name : names)
            for (std::size_t i = 0; i < header_.size(); ++i)
                if (Named(i, name)) {
                    used_[i] = true;
                    return static_cast<int>(i);
                }
        return -1;
    }
    // Every column named `name` (Jira repeats a column for each value); marks them used.
    std::vector<int> TakeAll(std::string_view name) {
        std::vector<int> found;
        for (std::size_t i = 0; i < header_.size(); ++i)
            if (Named(i, name)) {
                used_[i] = true;
                found.push_back(static_cast<int>(i));
            }
        return found;
    }

    // "column 'Sprint' is not imported" for each distinct unused name, then, past the
    // cap, one "... and N more columns".
    void AddNotes(std::vector<std::string>& notes) const {
        std::vector<std::string> names;
        for (std::size_t i = 0; i < header_.size(); ++i) {
            std::string_view name = TrimSpace(header_[i]);
            if (used_[i] || name.empty()) continue;
            bool seen = false;
            for (const std::string& earlier : names) seen = seen || EqualsIgnoreAsciiCase(earlier, name);
            if (!seen) names.emplace_back(name);
        }
        for (std::size_t i = 0; i < names.size() && i < kMaxColumnNotes; ++i)
            notes.push_back("column '" + names[i] + "' is not imported");
        if (names.size() > kMaxColumnNotes) {
            std::size_t more = names.size() - kMaxColumnNotes;
            notes.push_back("... and " + std::to_string(more) + (more == 1 ? " more column" : " more columns"));
        }
    }

private:
    bool Named(std::size_t i, std::string_view name) const {
        return EqualsIgnoreAsciiCase(TrimSpace(header_[i]), name);
    }

    const std::vector<std::string>& header_;
    std::vector<bool> used_;
};

std::string_view Cell(const std::vector<std::string>& row, int column) {
    if (column < 0 || static_cast<std::size_t>(column) >= row.size()) return {};
    return row[column];
}

std::string TrimmedCell(const std::vector<std::string>& row, int column) {
    return std::string(TrimSpace(Cell(row, column)));
}

// -----------------------------------------------------------------------------
// [SECTION] Rows: one reader for both formats, told which columns mean what
// -----------------------------------------------------------------------------

// What a format calls things: column positions (-1: absent) and the words of its
// skip reasons.
struct RowLayout {
    int title = -1, id = -1, description = -1, status = -1, type = -1, priority = -1;
    int assignee = -1, requester = -1, created = -1, updated = -1, resolved = -1, due = -1;
    int status_category = -1;  // Jira: "Done" means finished
    std::vector<int> labels;
    bool split_labels = false;  // one cell holds a list ("a, b; c") instead of one label per column
    std::vector<int> comments;  // Jira comment cells

    const char* no_title = "no title";
    const char* id_name = "id";        // "duplicate id X"
    const char* missing_id = nullptr;  // reason when the id is required and empty
};

// "15/Jan/24 10:20 AM;5b10a2844c20165700ede21g;Printer fixed; toner replaced": the body
// is everything after the second ';'. A cell whose date does not parse is kept whole as
// the body, so no text is lost.
ImportedComment JiraComment(std::string_view cell) {
    ImportedComment comment;
    std::size_t first = cell.find(';');
    std::size_t second = first == std::string_view::npos ? first : cell.find(';', first + 1);
    std::optional<Millis> at =
        second == std::string_view::npos ? std::nullopt : ParseSourceDateTime(cell.substr(0, first));
    if (!at) {
        comment.body = std::string(TrimSpace(cell));
        return comment;
    }
    comment.at = *at;
    comment.author = std::string(TrimSpace(cell.substr(first + 1, second - first - 1)));
    comment.body = std::string(TrimSpace(cell.substr(second + 1)));
    return comment;
}

// Why `row` cannot be imported, or "" when it can. Fills `ticket` as it goes.
std::string ReadRow(const std::vector<std::string>& row, const RowLayout& layout, std::set<std::string>& seen_ids,
                    ImportedTicket& ticket) {
    ticket.title = TrimmedCell(row, layout.title);
    if (ticket.title.empty()) return layout.no_title;
    ticket.source_id = TrimmedCell(row, layout.id);
    if (ticket.source_id.empty() && layout.missing_id) return layout.missing_id;
    if (!ticket.source_id.empty() && !seen_ids.insert(ticket.source_id).second)
        return std::string("duplicate ") + layout.id_name + " " + ticket.source_id;
    std::string reason;
    if (!ReadDateText(Cell(row, layout.created), "created date", ticket.created, reason) ||
        !ReadDateText(Cell(row, layout.updated), "updated date", ticket.updated, reason) ||
        !ReadDateText(Cell(row, layout.resolved), "resolved date", ticket.resolved, reason) ||
        !ReadDateText(Cell(row, layout.due), "due date", ticket.due, reason))
        return reason;

    ticket.description = std::string(Cell(row, layout.description));
    ticket.status = TrimmedCell(row, layout.status);
    ticket.type = TrimmedCell(row, layout.type);
    ticket.priority = TrimmedCell(row, layout.priority);
    ticket.assignee = TrimmedCell(row, layout.assignee);
    ticket.requester = TrimmedCell(row, layout.requester);
    ticket.closed = ticket.resolved != 0 || EqualsIgnoreAsciiCase(TrimmedCell(row, layout.status_category), "Done");
    for (int column : layout.labels) {
        if (layout.split_labels) {
            for (std::string& label : SplitLabelList(Cell(row, column))) AppendUnique(ticket.labels, std::move(label));
        } else if (std::string label = TrimmedCell(row, column); !label.empty()) {
            AppendUnique(ticket.labels, std::move(label));
        }
    }
    for (int column : layout.comments)
        if (!TrimSpace(Cell(row, column)).empty()) ticket.comments.push_back(JiraComment(Cell(row, column)));
    SortOldestFirst(ticket.comments);
    return {};
}

ImportSource ReadRows(const CsvTable& table, const RowLayout& layout, const Columns& columns, std::string format) {
    ImportSource source;
    source.format = std::move(format);
    std::set<std::string> seen_ids;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        // Without row_lines (a hand-built table), assume one line per row after the header.
        int line = i < table.row_lines.size() ? table.row_lines[i] : static_cast<int>(i) + 2;
        ImportedTicket ticket;
        ticket.where = "line " + std::to_string(line);
        std::string reason = ReadRow(table.rows[i], layout, seen_ids, ticket);
        if (!reason.empty()) {
            source.skipped.push_back({ticket.where, reason});
            continue;
        }
        if (!ticket.status.empty()) AppendUnique(source.statuses, ticket.status);
        source.tickets.push_back(std::move(ticket));
    }
    columns.AddNotes(source.notes);
    return source;
}

}  // namespace

// -----------------------------------------------------------------------------
// [SECTION] Jira CSV ("Export Excel CSV (all fields)")
// -----------------------------------------------------------------------------

bool LooksLikeJiraCsv(const CsvTable& table) { return table.Column("Issue key") >= 0 && table.Column("Summary") >= 0; }

Result<ImportSource> ReadJiraCsv(const CsvTable& table) {
    Columns columns(table);
    RowLayout layout;
    layout.title = columns.Take({"Summary"});
    if (layout.title < 0) return Error{"no 'Summary' column: not a Jira CSV export"};
    layout.id = columns.Take({"Issue key"});
    if (layout.id < 0) return Error{"no 'Issue key' column: not a Jira CSV export"};
    columns.Take({"Issue id"});  // Jira's internal number; the key is what people know
    layout.type = columns.Take({"Issue Type"});
    layout.status = columns.Take({"Status"});
    layout.status_category = columns.Take({"Status Category"});
    layout.priority = columns.Take({"Priority"});
    layout.assignee = columns.Take({"Assignee"});
    layout.requester = columns.Take({"Reporter"});
    layout.created = columns.Take({"Created"});
    layout.updated = columns.Take({"Updated"});
    layout.resolved = columns.Take({"Resolved"});
    layout.due = columns.Take({"Due Date"});
    layout.description = columns.Take({"Description"});
    layout.labels = columns.TakeAll("Labels");
    layout.comments = columns.TakeAll("Comment");
    layout.no_title = "no summary";
    layout.id_name = "issue key";
    layout.missing_id = "no issue key";
    return ReadRows(table, layout, columns, "Jira CSV");
}

// -----------------------------------------------------------------------------
// [SECTION] Plain CSV
// -----------------------------------------------------------------------------

Result<ImportSource> ReadPlainCsv(const CsvTable& table) {
    Columns columns(table);
    RowLayout layout;
    layout.title = columns.Take({"Title", "Summary", "Subject", "Name"});
    if (layout.title < 0) return Error{"no title column: the header needs one of Title, Summary, Subject or Name"};
    layout.id = columns.Take({"Id", "Key"});  // "ID" too: names are compared without case
    layout.description = columns.Take({"Description", "Body", "Details"});
    layout.status = columns.Take({"Status", "State", "Column", "List"});
    layout.type = columns.Take({"Type", "Issue Type", "Kind"});
    layout.priority = columns.Take({"Priority"});
    layout.assignee = columns.Take({"Assignee", "Owner", "Assigned to"});
    layout.requester = columns.Take({"Requester", "Reporter", "Author", "Requested by"});
    int labels = columns.Take({"Labels", "Tags"});
    if (labels >= 0) layout.labels = {labels};
    layout.split_labels = true;
    layout.due = columns.Take({"Due", "Due date"});
    layout.created = columns.Take({"Created", "Created at"});
    layout.updated = columns.Take({"Updated", "Updated at"});
    layout.resolved = columns.Take({"Resolved", "Resolved at"});
    return ReadRows(table, layout, columns, "CSV");
}

}  // namespace tackboard
