// csv_line_ends.hpp — test helper shared by csv_test and the CSV fuzz target.
#pragma once

#include <string_view>

// Line ends as the CSV reader counts them: CRLF, lone CR and lone LF are one each.
inline int CountLineEnds(std::string_view text) {
    int count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        count += text[i] == '\r' || text[i] == '\n';
    }
    return count;
}
