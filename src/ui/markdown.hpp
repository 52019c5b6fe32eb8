// markdown.hpp — ticket descriptions and comments as markdown, parsed by md4c into a flat
// list of blocks of styled spans that markdown_view.hpp draws. No ImGui here, so the
// parsing is tested natively (tests/unit/markdown_test.cpp).
//
// Dialect: CommonMark plus GitHub's strikethrough, task lists and bare http(s) URLs as
// links. Raw HTML is never interpreted: "<script>" stays the text "<script>".
// Handled:  headings, paragraphs, emphasis/strong/strike/code spans, links and images
//           (an image is its alt text linking to its source), nested and ordered lists,
//           task lists, block quotes (as a depth on each block inside), fenced and indented
//           code, rules, hard breaks, entities.
// Not yet:  tables (not enabled), link titles, HTML entities beyond the common ones (an
//           unknown "&name;" is kept as written).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tackboard {

struct MdSpan {
    std::string text;  // valid UTF-8; empty for a line break
    bool bold = false;
    bool italic = false;
    bool code = false;
    bool strike = false;
    bool line_break = false;  // a hard break: what follows starts a new line
    std::string link_url;     // non-empty inside a link
};

enum class MdBlockKind { Paragraph, Heading, ListItem, Code, Rule };
enum class MdTask { None, Unchecked, Checked };

struct MdBlock {
    MdBlockKind kind = MdBlockKind::Paragraph;
    int heading_level = 0;  // 1..6 for a Heading
    // Lists and quotes contain other blocks, so they are depths on every block rather than
    // kinds: a paragraph continuing a list item has list_depth > 0 and kind Paragraph.
    int list_depth = 0;   // 1 for an item of a top-level list
    int quote_depth = 0;  // 1 inside one ">"
    // ListItem only: the marker.
    bool ordered = false;
    int number = 0;  // ordered items: as numbered in the source ("3." starts at 3)
    MdTask task = MdTask::None;
    // Code only: the language after the fence ("cpp"), and the text (one span, lines
    // ending in '\n', nothing inside parsed as markdown).
    std::string code_language;
    std::vector<MdSpan> spans;
};

std::vector<MdBlock> ParseMarkdown(std::string_view text);

// Whether a link may be opened in a browser tab: http, https and mailto only, so a
// "javascript:" or "data:" link in a ticket cannot run anything.
bool IsOpenableUrl(std::string_view url);

}  // namespace tackboard
