// csv.hpp — RFC 4180 CSV reading and writing, for import and export.
//
// Reading accepts what spreadsheets and trackers really write: an optional UTF-8 byte
// order mark, CRLF, LF or lone CR line ends, quoted fields with doubled quotes and
// embedded line ends (kept byte for byte), and ',' or ';' as the delimiter (detected from
// the header line, outside quotes; ';' only when strictly more frequent, so ',' wins a
// tie). Tab-separated files are not supported. The first record is the header; its names
// are trimmed of spaces, and empty or repeated names are kept for readers to judge. A
// quote inside an unquoted field is kept as text, as spreadsheets do. Rows shorter than
// the header are padded with empty fields; longer rows are errors naming the line, because
// guessing would shift every later column, except that extra fields which are all empty
// are dropped (Excel writes trailing delimiters). A quote left open at the end of the file
// and text between a closing quote and the delimiter ("abc"x) are errors too. Blank lines
// (no characters at all) are skipped; a file with nothing else is "the file is empty".
//
// Writing quotes a field only when it needs it (delimiter, quote, CR or LF, or leading
// or trailing space), ends lines with CRLF as RFC 4180 says, and never writes a BOM. So
// that what it writes reads back the same, it also quotes a field holding either ',' or
// ';' (the reader detects the delimiter), one with an edge tab or a leading U+FEFF, and
// a row that is a single empty field (written as "", not as a blank line).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace tackboard {

struct CsvTable {
    char delimiter = ',';
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;  // each exactly header.size() fields
    std::vector<int> row_lines;                  // 1-based line where each row starts, counting
                                                 // line ends inside quoted fields too

    // Position of the first header column with this name, compared without ASCII case and
    // surrounding spaces; -1 if absent.
    int Column(std::string_view name) const;
};

// `text` must be valid UTF-8 (callers check first). Errors carry the line in `path`
// as "line N"; only "the file is empty" has no path.
Result<CsvTable> ParseCsv(std::string_view text);

void AppendCsvRow(std::string& out, const std::vector<std::string>& fields, char delimiter = ',');

}  // namespace tackboard
