// csv.cpp — RFC 4180 CSV reading and writing (see csv.hpp for what is accepted).
//
// Reading is one pass over the input (after a look at the header line to pick the
// delimiter): unquoted fields are copied as one range, quoted fields as the ranges between
// quote characters, so a 50 MB file costs one allocation per field too long for the
// small-string buffer and nothing per character (about 0.1-0.3 s natively).
//
// [SECTION] Helpers
// [SECTION] Delimiter detection
// [SECTION] Record reader
// [SECTION] ParseCsv and CsvTable::Column
// [SECTION] Writing
#include "io/csv.hpp"

#include <array>
#include <cstddef>
#include <utility>

namespace tackboard {

namespace {

// -----------------------------------------------------------------------------
// [SECTION] Helpers
// -----------------------------------------------------------------------------

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view TrimSpaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualIgnoringAsciiCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
    return true;
}

bool IsLineEnd(char c) { return c == '\r' || c == '\n'; }

std::string LineLabel(int line) { return "line " + std::to_string(line); }

// -----------------------------------------------------------------------------
// [SECTION] Delimiter detection
// -----------------------------------------------------------------------------

// Counts ',' and ';' outside quotes in the record starting at `pos`; ';' only when it is
// strictly more frequent, so a one-column file or a tie stays ','. The delimiter is not
// known yet, so a quote opens a quoted section at the start of the record or right after
// either candidate. Tabs are not a candidate: tab-separated files are not supported (a
// TSV header has no ',' or ';' and reads as one column, which the importer reports).
char DetectDelimiter(std::string_view text, std::size_t pos) {
    int commas = 0, semicolons = 0;
    bool field_start = true;
    while (pos < text.size()) {
        char c = text[pos];
        if (field_start && c == '"') {
            // Skip to the closing quote; a doubled quote is two quotes in a row, so the
            // search simply continues after it.
            ++pos;
            for (;;) {
                std::size_t quote = text.find('"', pos);
                if (quote == std::string_view::npos) return semicolons > commas ? ';' : ',';
                pos = quote + 1;
                if (pos < text.size() && text[pos] == '"') {
                    ++pos;
                    continue;
                }
                break;
            }
            field_start = false;
            continue;
        }
        if (IsLineEnd(c)) break;
        field_start = c == ',' || c == ';';
        commas += c == ',';
        semicolons += c == ';';
        ++pos;
    }
    return semicolons > commas ? ';' : ',';
}

// -----------------------------------------------------------------------------
// [SECTION] Record reader
// -----------------------------------------------------------------------------

// Reads one physical record at a time and keeps the line count, including line ends
// inside quoted fields, so rows can name the line a user sees in a text editor.
class RecordReader {
public:
    enum class Step { Record, Blank, End, Failed };

    RecordReader(std::string_view text, std::size_t pos, int line, char delimiter)
        : text_(text), pos_(pos), line_(line), delimiter_(delimiter) {
        ends_unquoted_[static_cast<unsigned char>(delimiter)] = true;
        ends_unquoted_['\r'] = ends_unquoted_['\n'] = true;
        ends_quoted_['"'] = ends_quoted_['\r'] = ends_quoted_['\n'] = true;
    }

    // Appends the fields of the next record to `fields` (Record), or skips one empty line
    // (Blank). On Failed, error() says why.
    Step Next(std::vector<std::string>& fields) {
        if (pos_ == text_.size()) return Step::End;
        record_line_ = line_;
        if (IsLineEnd(text_[pos_])) {
            SkipLineEnd();
            return Step::Blank;
        }
        for (;;) {
            if (pos_ < text_.size() && text_[pos_] == '"') {
                fields.emplace_back();
                if (!ReadQuoted(fields.back())) return Step::Failed;
            } else {
                std::size_t start = pos_;
                while (pos_ < text_.size() && !ends_unquoted_[static_cast<unsigned char>(text_[pos_])]) ++pos_;
                // A quote after the first character is kept as text, as spreadsheets do.
                fields.emplace_back(text_.substr(start, pos_ - start));
            }
            if (pos_ == text_.size()) return Step::Record;
            if (text_[pos_] == delimiter_) {
                ++pos_;
                continue;
            }
            SkipLineEnd();
            return Step::Record;
        }
    }

    int record_line() const { return record_line_; }
    const Error& error() const { return error_; }

private:
    // Called at a '\r' or '\n': CRLF is one line end, a lone CR or LF is one too.
    void SkipLineEnd() {
        if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
    }

    // At the opening quote. Copies the ranges between quotes; leaves pos_ at the delimiter,
    // line end or end of text that must follow the closing quote.
    bool ReadQuoted(std::string& field) {
        int start_line = line_;
        ++pos_;
        std::size_t run = pos_;
        for (;;) {
            while (pos_ < text_.size() && !ends_quoted_[static_cast<unsigned char>(text_[pos_])]) ++pos_;
            if (pos_ == text_.size()) {
                std::string where = LineLabel(start_line);
                error_ = Error{"a quoted field that starts on " + where + " is never closed", where};
                return false;
            }
            if (text_[pos_] != '"') {
                // Line ends inside quotes are part of the value, kept byte for byte.
                SkipLineEnd();
                continue;
            }
            field.append(text_.substr(run, pos_ - run));
            ++pos_;
            if (pos_ < text_.size() && text_[pos_] == '"') {
                run = pos_;  // the second quote of a pair starts the next run
                ++pos_;
                continue;
            }
            break;
        }
        if (pos_ < text_.size() && text_[pos_] != delimiter_ && !IsLineEnd(text_[pos_])) {
            // `"abc"x`: guessing whether x belongs to the value would hide a broken export.
            error_ = Error{"unexpected character after a closing quote", LineLabel(line_)};
            return false;
        }
        return true;
    }

    std::string_view text_;
    std::size_t pos_;
    int line_;
    int record_line_ = 0;
    char delimiter_;
    std::array<bool, 256> ends_unquoted_{};
    std::array<bool, 256> ends_quoted_{};
    Error error_;
};

}  // namespace

// -----------------------------------------------------------------------------
// [SECTION] ParseCsv and CsvTable::Column
// -----------------------------------------------------------------------------

Result<CsvTable> ParseCsv(std::string_view text) {
    std::size_t pos = text.starts_with(kBom) ? kBom.size() : 0;
    int line = 1;
    // The header is the first record that is not a blank line; find it for detection.
    while (pos < text.size() && IsLineEnd(text[pos])) {
        if (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
        ++pos;
        ++line;
    }
    if (pos == text.size()) return Error{"the file is empty"};

    CsvTable table;
    table.delimiter = DetectDelimiter(text, pos);
    RecordReader reader(text, pos, line, table.delimiter);
    if (reader.Next(table.header) == RecordReader::Step::Failed) return reader.error();
    for (std::string& name : table.header) {
        std::string_view trimmed = TrimSpaces(name);
        if (trimmed.size() != name.size()) name = std::string(trimmed);
    }

    const std::size_t width = table.header.size();
    for (;;) {
        std::vector<std::string> row;
        row.reserve(width);
        RecordReader::Step step = reader.Next(row);
        if (step == RecordReader::Step::End) break;
        if (step == RecordReader::Step::Failed) return reader.error();
        if (step == RecordReader::Step::Blank) continue;
        if (row.size() > width) {
            // Trailing empty fields are tolerated: Excel writes a delimiter per column it
            // has ever seen used, and they carry no data.
            for (std::size_t i = width; i < row.size(); ++i) {
                if (row[i].empty()) continue;
                std::string where = LineLabel(reader.record_line());
                return Error{where + " has " + std::to_string(row.size()) + " fields but the header has " +
                                 std::to_string(width),
                             where};
            }
        }
        row.resize(width);
        table.rows.push_back(std::move(row));
        table.row_lines.push_back(reader.record_line());
    }
    return table;
}

int CsvTable::Column(std::string_view name) const {
    std::string_view wanted = TrimSpaces(name);
    for (std::size_t i = 0; i < header.size(); ++i)
        if (EqualIgnoringAsciiCase(TrimSpaces(header[i]), wanted)) return static_cast<int>(i);
    return -1;
}

// -----------------------------------------------------------------------------
// [SECTION] Writing
// -----------------------------------------------------------------------------

namespace {

// Beyond RFC 4180's delimiter/quote/CR/LF: both candidate delimiters, so that a file we
// write is detected with the delimiter it was written with; edge spaces and tabs, which
// many readers trim; and a leading U+FEFF, which a reader would take for a byte order mark
// when the field opens the file.
bool NeedsQuotes(std::string_view field, char delimiter) {
    if (field.empty()) return false;
    char first = field.front(), last = field.back();
    if (first == ' ' || first == '\t' || last == ' ' || last == '\t') return true;
    if (field.starts_with(kBom)) return true;
    for (char c : field)
        if (c == delimiter || c == ',' || c == ';' || c == '"' || c == '\r' || c == '\n') return true;
    return false;
}

void AppendQuoted(std::string& out, std::string_view field) {
    out += '"';
    for (;;) {
        std::size_t quote = field.find('"');
        if (quote == std::string_view::npos) break;
        out.append(field.substr(0, quote + 1));
        out += '"';
        field.remove_prefix(quote + 1);
    }
    out.append(field);
    out += '"';
}

}  // namespace

void AppendCsvRow(std::string& out, const std::vector<std::string>& fields, char delimiter) {
    // A row holding one empty field would be an empty line, which readers skip.
    if (fields.size() == 1 && fields[0].empty()) {
        out += "\"\"\r\n";
        return;
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += delimiter;
        if (NeedsQuotes(fields[i], delimiter)) AppendQuoted(out, fields[i]);
        else out += fields[i];
    }
    out += "\r\n";
}

}  // namespace tackboard
