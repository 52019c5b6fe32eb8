// csv_test.cpp — CSV reading and writing (src/io/csv.cpp): line ends, quoting, delimiter
// detection, short and long rows, errors with their line, header lookup, and a random
// write-then-read round trip for both delimiters.
#include <doctest/doctest.h>

#include <random>

#include "../common/csv_line_ends.hpp"
#include "io/csv.hpp"

using namespace tackboard;

namespace {

using Rows = std::vector<std::vector<std::string>>;

CsvTable Parsed(std::string_view text) {
    Result<CsvTable> result = ParseCsv(text);
    if (!result) FAIL("unexpected error: " << result.error().Describe());
    return result.value();
}

Error Failed(std::string_view text) {
    Result<CsvTable> result = ParseCsv(text);
    if (result) FAIL("parsed, but an error was expected");
    return result.error();
}

}  // namespace

TEST_CASE("a byte order mark is skipped and CRLF, LF and lone CR all end a record") {
    for (const char* text : {"\xEF\xBB\xBFid,title\r\n1,a\r\n2,b\r\n", "id,title\n1,a\n2,b", "id,title\r1,a\r2,b\r"}) {
        CAPTURE(text);
        CsvTable t = Parsed(text);
        CHECK(t.delimiter == ',');
        CHECK(t.header == std::vector<std::string>{"id", "title"});
        CHECK(t.rows == Rows{{"1", "a"}, {"2", "b"}});
        CHECK(t.row_lines == std::vector<int>{2, 3});
    }
    CsvTable mixed = Parsed("a\r\n1\n2\r3");
    CHECK(mixed.rows == Rows{{"1"}, {"2"}, {"3"}});
    CHECK(mixed.row_lines == std::vector<int>{2, 3, 4});
    // Only a leading BOM is one; elsewhere it is text.
    CHECK(Parsed("a\n\xEF\xBB\xBFx").rows == Rows{{"\xEF\xBB\xBFx"}});
}

TEST_CASE("quoted fields: delimiters, doubled quotes, embedded line ends kept as they are") {
    CsvTable t = Parsed("title,notes\r\n\"a, b\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",\"lone\rcr\"\r\n\"\",x\r\n");
    CHECK(t.rows == Rows{{"a, b", "say \"hi\""}, {"two\r\nlines", "lone\rcr"}, {"", "x"}});
    // Rows start on the physical line a text editor shows, line ends in quotes included.
    CHECK(t.row_lines == std::vector<int>{2, 3, 6});  // the lone CR in quotes is a line end too

    CsvTable multi = Parsed("a,b\n\"1\n2\n3\",x\ny,z\n");
    CHECK(multi.rows == Rows{{"1\n2\n3", "x"}, {"y", "z"}});
    CHECK(multi.row_lines == std::vector<int>{2, 5});

    // Quotes inside an unquoted field are text, as spreadsheets read them.
    CHECK(Parsed("a,b\n5\" disk,x\"y\"\n").rows == Rows{{"5\" disk", "x\"y\""}});
    // Only a quote that opens the field quotes it: a leading space makes it plain text.
    CHECK(Parsed("a,b\n \"x\",y\n").rows == Rows{{" \"x\"", "y"}});
    // Non-ASCII text passes through untouched.
    CHECK(Parsed("名前,ville\n中文,\"Göteborg, é\"\n").rows == Rows{{"中文", "Göteborg, é"}});
}

TEST_CASE("the delimiter is ';' only when the header has more semicolons than commas, outside quotes") {
    CsvTable semi = Parsed("id;title;due\n1;\"a;b\";2026-01-01\n");
    CHECK(semi.delimiter == ';');
    CHECK(semi.header == std::vector<std::string>{"id", "title", "due"});
    CHECK(semi.rows == Rows{{"1", "a;b", "2026-01-01"}});

    CHECK(Parsed("a;b,c\n").delimiter == ',');  // tie
    CHECK(Parsed("a\n1;2\n").delimiter == ',');  // none: one column
    CHECK(Parsed("a;b;c,d\n").delimiter == ';');
    CHECK(Parsed("a;\"x,y,z\";b\n").delimiter == ';');  // commas inside quotes do not count
    CHECK(Parsed("\"p;q;r\",s\n").delimiter == ',');
    // Only the header decides; rows full of semicolons do not.
    CsvTable commas = Parsed("a,b\n1;2;3;4,5\n");
    CHECK(commas.delimiter == ',');
    CHECK(commas.rows == Rows{{"1;2;3;4", "5"}});
    // Blank lines before the header are skipped, also for detection.
    CHECK(Parsed("\r\n\na;b\n1;2\n").header == std::vector<std::string>{"a", "b"});
}

TEST_CASE("header names are trimmed, empty and repeated names are kept") {
    CsvTable t = Parsed("  Title , Due date ,,Title\n1,2,3,4\n");
    CHECK(t.header == std::vector<std::string>{"Title", "Due date", "", "Title"});
    CHECK(Parsed("\" quoted \",b\n").header == std::vector<std::string>{"quoted", "b"});
    // Values are never trimmed.
    CHECK(Parsed("a,b\n  x ,\" y \"\n").rows == Rows{{"  x ", " y "}});
}

TEST_CASE("short rows are padded, long rows are an error unless the extra fields are empty") {
    CsvTable t = Parsed("a,b,c\n1\n1,2\n,\n");
    CHECK(t.rows == Rows{{"1", "", ""}, {"1", "2", ""}, {"", "", ""}});

    // Excel writes trailing delimiters; empty extra fields carry nothing and are dropped.
    CsvTable trailing = Parsed("a,b\r\n1,2,,,\r\n3,4,\"\"\r\n,,\r\n");
    CHECK(trailing.rows == Rows{{"1", "2"}, {"3", "4"}, {"", ""}});

    Error long_row = Failed("a,b\n1,2\n\n\"x\ny\",2,3\n");
    CHECK(long_row.message == "line 4 has 3 fields but the header has 2");
    CHECK(long_row.path == "line 4");
    CHECK(long_row.Describe() == "line 4: line 4 has 3 fields but the header has 2");
    // A non-empty field after empty ones is still data that has no column.
    CHECK(Failed("a,b\n1,2,,x\n").message == "line 2 has 4 fields but the header has 2");
    CHECK(Failed("a,b\n1,2, \n").path == "line 2");
}

TEST_CASE("empty lines are skipped; a line of spaces is a row") {
    CsvTable t = Parsed("a,b\n\n1,2\r\n\r\n\r\r3,4\n\n\n");
    CHECK(t.rows == Rows{{"1", "2"}, {"3", "4"}});
    CHECK(t.row_lines == std::vector<int>{3, 7});
    CHECK(Parsed("a,b\n  \n").rows == Rows{{"  ", ""}});
    CHECK(Parsed("a\n\"\"\n").rows == Rows{{""}});  // a quoted empty field is not a blank line
}

TEST_CASE("errors: empty file, quote never closed, text after a closing quote") {
    for (const char* empty : {"", "\xEF\xBB\xBF", "\n\n", "\xEF\xBB\xBF\r\n\r\n\r"}) {
        CAPTURE(empty);
        Error e = Failed(empty);
        CHECK(e.message == "the file is empty");
        CHECK(e.path.empty());
    }

    Error open = Failed("a,b\n1,2\n3,\"never\nclosed,\n\n");
    CHECK(open.message == "a quoted field that starts on line 3 is never closed");
    CHECK(open.path == "line 3");
    CHECK(Failed("\"header").path == "line 1");

    Error after = Failed("a,b\n\"x\ny\"z,1\n");
    CHECK(after.Describe() == "line 3: unexpected character after a closing quote");
    CHECK(after.path == "line 3");
    CHECK(Failed("\"abc\"x,b\n").Describe() == "line 1: unexpected character after a closing quote");
    CHECK(Failed("a,b\n\"abc\" ,b\n").path == "line 2");  // a space counts too
    // The delimiter, a line end or the end of the text may follow.
    CHECK(Parsed("a;b\n\"x\";\"y\"").rows == Rows{{"x", "y"}});
}

TEST_CASE("Column finds a header without case and surrounding spaces; the first of duplicates") {
    CsvTable t = Parsed("Id, Summary ,Due Date,summary\n");
    CHECK(t.Column("id") == 0);
    CHECK(t.Column("SUMMARY") == 1);
    CHECK(t.Column("  due date ") == 2);
    CHECK(t.Column("due") == -1);
    CHECK(t.Column("") == -1);
    t.header.push_back("  Extra ");  // tables built by hand are trimmed too
    CHECK(t.Column("extra") == 4);
    // Case folding is ASCII only: other letters must match exactly.
    CsvTable accents = Parsed("Échéance,échéance\n");
    CHECK(accents.Column("échéance") == 1);
}

TEST_CASE("AppendCsvRow quotes only what needs it and ends rows with CRLF") {
    std::string out;
    AppendCsvRow(out, {"plain", "a,b", "say \"hi\"", "two\nlines", "cr\r", " lead", "trail ", "", "é中"});
    CHECK(out == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",\" lead\",\"trail \",,é中\r\n");

    out.clear();
    AppendCsvRow(out, {"a;b", "c", ""}, ';');
    CHECK(out == "\"a;b\";c;\r\n");

    // The other candidate delimiter is quoted too, so a header like "Notes; remarks" in a
    // ',' file cannot make the reader pick ';'.
    out.clear();
    AppendCsvRow(out, {"Notes; remarks"});
    CHECK(out == "\"Notes; remarks\"\r\n");
    CHECK(Parsed(out).header == std::vector<std::string>{"Notes; remarks"});

    // A lone empty field would be a blank line, and a leading U+FEFF a byte order mark.
    out.clear();
    AppendCsvRow(out, {""});
    CHECK(out == "\"\"\r\n");
    out.clear();
    AppendCsvRow(out, {"\xEF\xBB\xBFx", "y"});
    CHECK(out == "\"\xEF\xBB\xBFx\",y\r\n");
    CHECK(Parsed(out).header[0] == "\xEF\xBB\xBFx");
}

TEST_CASE("random tables written with AppendCsvRow read back equal, for both delimiters") {
    const std::vector<std::string> pieces = {"a", "Z", "0", " ", ",", ";", "\"", "\"\"", "\r", "\n",
                                             "\r\n", "é", "中", "x y", "\t", "\xEF\xBB\xBF"};
    std::mt19937 rng(20260310);
    auto random_field = [&] {
        std::string field;
        for (int n = static_cast<int>(rng() % 7); n > 0; --n) field += pieces[rng() % pieces.size()];
        return field;
    };
    for (char delimiter : {',', ';'}) {
        for (int round = 0; round < 300; ++round) {
            std::size_t width = 1 + rng() % 5;
            std::vector<std::string> header(width);
            for (auto& name : header) name = random_field();
            Rows rows(rng() % 12, std::vector<std::string>(width));
            for (auto& row : rows)
                for (auto& field : row) field = random_field();

            std::string text;
            AppendCsvRow(text, header, delimiter);
            std::vector<int> lines;
            for (const auto& row : rows) {
                lines.push_back(CountLineEnds(text) + 1);
                AppendCsvRow(text, row, delimiter);
            }
            CAPTURE(text);
            CsvTable t = Parsed(text);
            // One column has no delimiter to detect; then ',' is read, with the same result.
            CHECK(t.delimiter == (width > 1 ? delimiter : ','));
            std::vector<std::string> trimmed;
            for (const auto& name : header) {
                std::string_view s = name;
                while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
                while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
                trimmed.emplace_back(s);
            }
            CHECK(t.header == trimmed);
            CHECK(t.rows == rows);
            CHECK(t.row_lines == lines);
        }
    }
}
