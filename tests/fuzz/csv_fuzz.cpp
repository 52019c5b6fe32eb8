// csv_fuzz.cpp — fuzz target for the CSV reader and writer (src/io/csv.cpp).
//
// Any input (repaired to valid UTF-8 first, as callers must) either parses or fails with
// an error naming a line; a parsed table keeps the shape the header promises; and writing
// the table with AppendCsvRow then parsing it again gives back the same table:
//   - header and rows: always exact. The parsed header is already trimmed, and the writer
//     quotes everything the reader would otherwise change (delimiters of either kind,
//     quotes, line ends, edge spaces, a leading U+FEFF, a row that is one empty field).
//   - delimiter: exact only with two or more columns. One column has no delimiter in the
//     header to detect, so it reads back as ','; the fields are the same either way.
//   - row_lines: not compared; blank lines and line-end styles of the input are not kept.
// Built with libFuzzer (csv_fuzz) or with fuzz_driver.cpp (csv_fuzz_smoke); see README.md.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/utf8.hpp"
#include "../common/csv_line_ends.hpp"
#include "io/csv.hpp"

using namespace tackboard;

namespace {

#define FUZZ_CHECK(condition)                                                                  \
    do {                                                                                       \
        if (!(condition)) {                                                                    \
            std::fprintf(stderr, "csv_fuzz: check failed at line %d: %s\n", __LINE__, #condition); \
            std::abort();                                                                      \
        }                                                                                      \
    } while (false)

bool OnlyLineEndsAfterBom(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    return text.find_first_not_of("\r\n") == std::string_view::npos;
}

void CheckError(std::string_view text, const Error& error) {
    if (error.message == "the file is empty") {
        FUZZ_CHECK(error.path.empty());
        FUZZ_CHECK(OnlyLineEndsAfterBom(text));
        return;
    }
    FUZZ_CHECK(!OnlyLineEndsAfterBom(text));
    FUZZ_CHECK(error.path.starts_with("line "));
    int line = std::atoi(error.path.c_str() + 5);
    FUZZ_CHECK(line >= 1 && line <= CountLineEnds(text) + 1);
}

void CheckShape(std::string_view text, const CsvTable& table) {
    FUZZ_CHECK(table.delimiter == ',' || table.delimiter == ';');
    FUZZ_CHECK(!table.header.empty());
    for (const std::string& name : table.header)
        FUZZ_CHECK(name.empty() || (name.front() != ' ' && name.back() != ' '));
    FUZZ_CHECK(table.rows.size() == table.row_lines.size());
    int previous = 1;  // the header's line or later
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        FUZZ_CHECK(table.rows[i].size() == table.header.size());
        FUZZ_CHECK(table.row_lines[i] > previous);  // each row starts after a line end
        previous = table.row_lines[i];
    }
    FUZZ_CHECK(previous <= CountLineEnds(text) + 1);
}

void CheckRoundTrip(const CsvTable& table) {
    std::string written;
    AppendCsvRow(written, table.header, table.delimiter);
    for (const auto& row : table.rows) AppendCsvRow(written, row, table.delimiter);
    Result<CsvTable> again = ParseCsv(written);
    if (!again) std::fprintf(stderr, "csv_fuzz: reparse failed: %s\n", again.error().Describe().c_str());
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.value().header == table.header);
    FUZZ_CHECK(again.value().rows == table.rows);
    if (table.header.size() > 1) FUZZ_CHECK(again.value().delimiter == table.delimiter);
    // Writing is a fixed point: a one-column table written with either delimiter has no
    // delimiter in it, and both are always quoted inside fields.
    std::string rewritten;
    AppendCsvRow(rewritten, again.value().header, again.value().delimiter);
    for (const auto& row : again.value().rows) AppendCsvRow(rewritten, row, again.value().delimiter);
    FUZZ_CHECK(rewritten == written);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view raw(reinterpret_cast<const char*>(data), size);
    std::string repaired;
    std::string_view text = raw;
    if (!IsValidUtf8(raw)) {
        repaired = ToValidUtf8(raw);
        text = repaired;
    }
    Result<CsvTable> parsed = ParseCsv(text);
    if (!parsed) {
        CheckError(text, parsed.error());
        return 0;
    }
    CheckShape(text, parsed.value());
    CheckRoundTrip(parsed.value());
    return 0;
}
