// markdown_test.cpp — ParseMarkdown (src/ui/markdown.cpp): md4c's output as MdBlocks.
#include "ui/markdown.hpp"

#include <doctest/doctest.h>

#include <string>

#include "core/utf8.hpp"

using namespace tackboard;

namespace {

// The block's text with hard breaks as '\n', for compact checks.
std::string Joined(const MdBlock& block) {
    std::string out;
    for (const auto& s : block.spans) out += s.line_break ? std::string("\n") : s.text;
    return out;
}

}  // namespace

TEST_CASE("empty and blank input give no blocks") {
    CHECK(ParseMarkdown("").empty());
    CHECK(ParseMarkdown("   \n\n \t\n").empty());
}

TEST_CASE("headings carry their level; paragraphs join soft breaks with a space") {
    auto blocks = ParseMarkdown("# Title\n\n### Third\n\nfirst line\nsecond line\n\nSetext\n---\n");
    REQUIRE(blocks.size() == 4);
    CHECK(blocks[0].kind == MdBlockKind::Heading);
    CHECK(blocks[0].heading_level == 1);
    CHECK(Joined(blocks[0]) == "Title");
    CHECK(blocks[1].heading_level == 3);
    CHECK(blocks[2].kind == MdBlockKind::Paragraph);
    CHECK(Joined(blocks[2]) == "first line second line");
    CHECK(blocks[3].kind == MdBlockKind::Heading);
    CHECK(blocks[3].heading_level == 2);
}

TEST_CASE("hard breaks become line-break spans") {
    auto blocks = ParseMarkdown("one  \ntwo\\\nthree");
    REQUIRE(blocks.size() == 1);
    CHECK(Joined(blocks[0]) == "one\ntwo\nthree");
    CHECK(blocks[0].spans[1].line_break);
    CHECK(blocks[0].spans[1].text.empty());
}

TEST_CASE("emphasis nests: bold, italic, both, strike") {
    auto blocks = ParseMarkdown("a **b *c* d** ~~e~~ _f_");
    REQUIRE(blocks.size() == 1);
    const auto& s = blocks[0].spans;
    REQUIRE(s.size() == 8);
    CHECK((s[0].text == "a " && !s[0].bold && !s[0].italic));
    CHECK((s[1].text == "b " && s[1].bold && !s[1].italic));
    CHECK((s[2].text == "c" && s[2].bold && s[2].italic));
    CHECK((s[3].text == " d" && s[3].bold && !s[3].italic));
    CHECK((s[5].text == "e" && s[5].strike && !s[5].bold));
    CHECK((s[7].text == "f" && s[7].italic));
}

TEST_CASE("inline code is literal") {
    auto blocks = ParseMarkdown("run `make **all**` now");
    REQUIRE(blocks[0].spans.size() == 3);
    CHECK(blocks[0].spans[1].code);
    CHECK(blocks[0].spans[1].text == "make **all**");
    CHECK_FALSE(blocks[0].spans[1].bold);
}

TEST_CASE("fenced code blocks keep newlines and are not parsed") {
    auto blocks = ParseMarkdown("```cpp\nint x = 1; // **not bold**\n\n  - not a list\n<b>&amp;\n```\nafter");
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0].kind == MdBlockKind::Code);
    CHECK(blocks[0].code_language == "cpp");
    REQUIRE(blocks[0].spans.size() == 1);
    CHECK(blocks[0].spans[0].code);
    CHECK(blocks[0].spans[0].text == "int x = 1; // **not bold**\n\n  - not a list\n<b>&amp;\n");
    CHECK(Joined(blocks[1]) == "after");
}

TEST_CASE("indented code blocks too") {
    auto blocks = ParseMarkdown("text\n\n    indented\n      more\n");
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[1].kind == MdBlockKind::Code);
    CHECK(Joined(blocks[1]) == "indented\n  more\n");
}

TEST_CASE("bullet lists nest with depth") {
    auto blocks = ParseMarkdown("- one\n- two\n  - inner\n    - deepest\n- three\n\nafter");
    REQUIRE(blocks.size() == 6);
    CHECK(blocks[0].kind == MdBlockKind::ListItem);
    CHECK_FALSE(blocks[0].ordered);
    CHECK(blocks[0].list_depth == 1);
    CHECK(Joined(blocks[0]) == "one");
    CHECK(blocks[2].list_depth == 2);
    CHECK(Joined(blocks[2]) == "inner");
    CHECK(blocks[3].list_depth == 3);
    CHECK(blocks[4].list_depth == 1);
    CHECK(Joined(blocks[4]) == "three");
    CHECK(blocks[5].kind == MdBlockKind::Paragraph);
    CHECK(blocks[5].list_depth == 0);
}

TEST_CASE("ordered lists keep their start number; loose items keep their text in the item") {
    auto blocks = ParseMarkdown("3. three\n\n4. four\n\n   continued\n5. five");
    REQUIRE(blocks.size() == 4);
    CHECK(blocks[0].ordered);
    CHECK(blocks[0].number == 3);
    CHECK(Joined(blocks[0]) == "three");
    CHECK(blocks[1].number == 4);
    CHECK(Joined(blocks[1]) == "four");
    CHECK(blocks[2].kind == MdBlockKind::Paragraph);  // the item's second paragraph
    CHECK(blocks[2].list_depth == 1);
    CHECK(Joined(blocks[2]) == "continued");
    CHECK(blocks[3].number == 5);
}

TEST_CASE("an empty list item still gives its marker") {
    auto blocks = ParseMarkdown("-\n- b");
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0].kind == MdBlockKind::ListItem);
    CHECK(blocks[0].spans.empty());
}

TEST_CASE("task lists") {
    auto blocks = ParseMarkdown("- [ ] todo\n- [x] done\n- [X] also done\n- plain");
    REQUIRE(blocks.size() == 4);
    CHECK(blocks[0].task == MdTask::Unchecked);
    CHECK(Joined(blocks[0]) == "todo");
    CHECK(blocks[1].task == MdTask::Checked);
    CHECK(blocks[2].task == MdTask::Checked);
    CHECK(blocks[3].task == MdTask::None);
}

TEST_CASE("links, autolinks and images") {
    auto blocks = ParseMarkdown("See [the **docs**](https://example.com/a?b=1&amp;c=2) or <https://x.org>, "
                                "https://bare.example.com/path and ![logo](https://img.example/l.png).");
    REQUIRE(blocks.size() == 1);
    const auto& s = blocks[0].spans;
    CHECK(s[1].text == "the ");
    CHECK(s[1].link_url == "https://example.com/a?b=1&c=2");
    CHECK((s[2].text == "docs" && s[2].bold && s[2].link_url == "https://example.com/a?b=1&c=2"));
    bool angle = false, bare = false, image = false;
    for (const auto& span : s) {
        angle |= span.text == "https://x.org" && span.link_url == "https://x.org";
        bare |= span.text == "https://bare.example.com/path" && span.link_url == "https://bare.example.com/path";
        image |= span.text == "logo" && span.link_url == "https://img.example/l.png";
    }
    CHECK(angle);
    CHECK(bare);
    CHECK(image);
}

TEST_CASE("only web and mail links may be opened") {
    CHECK(IsOpenableUrl("https://example.com"));
    CHECK(IsOpenableUrl("HTTP://example.com"));
    CHECK(IsOpenableUrl("mailto:help@example.com"));
    CHECK_FALSE(IsOpenableUrl("javascript:alert(1)"));
    CHECK_FALSE(IsOpenableUrl("JavaScript:alert(1)"));
    CHECK_FALSE(IsOpenableUrl("data:text/html,hi"));
    CHECK_FALSE(IsOpenableUrl("/relative"));
    CHECK_FALSE(IsOpenableUrl(""));
}

TEST_CASE("quotes give a depth to the blocks inside") {
    auto blocks = ParseMarkdown("> quoted\n> > nested\n\n> - item\n\nplain");
    REQUIRE(blocks.size() == 4);
    CHECK(blocks[0].quote_depth == 1);
    CHECK(Joined(blocks[0]) == "quoted");
    CHECK(blocks[1].quote_depth == 2);
    CHECK(blocks[2].kind == MdBlockKind::ListItem);
    CHECK(blocks[2].quote_depth == 1);
    CHECK(blocks[3].quote_depth == 0);
}

TEST_CASE("rules") {
    auto blocks = ParseMarkdown("above\n\n---\n\nbelow");
    REQUIRE(blocks.size() == 3);
    CHECK(blocks[1].kind == MdBlockKind::Rule);
    CHECK(blocks[1].spans.empty());
}

TEST_CASE("raw HTML is shown as text, never interpreted") {
    auto blocks = ParseMarkdown("<script>alert(1)</script>\n\nhi <b>there</b> <img src=x onerror=alert(1)>");
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0].kind == MdBlockKind::Paragraph);
    CHECK(Joined(blocks[0]) == "<script>alert(1)</script>");
    CHECK(Joined(blocks[1]) == "hi <b>there</b> <img src=x onerror=alert(1)>");
    for (const auto& s : blocks[1].spans) CHECK_FALSE(s.bold);
}

TEST_CASE("entities are decoded; unknown ones kept as written") {
    auto blocks = ParseMarkdown("&amp; &lt;b&gt; &quot;q&quot; a&nbsp;b &#233; &#x4E2D; &#0; &bogus; &copy;");
    REQUIRE(blocks.size() == 1);
    CHECK(Joined(blocks[0]) == "& <b> \"q\" a\xC2\xA0" "b \xC3\xA9 \xE4\xB8\xAD \xEF\xBF\xBD &bogus; \xC2\xA9");
    CHECK(IsValidUtf8(Joined(blocks[0])));
}

TEST_CASE("French, Swedish and Chinese text stays intact") {
    std::string text = "# Problème d'accès\n\nSkrivaren på **våning två** är trasig.\n\n服务器*宕机*了，请尽快处理。";
    auto blocks = ParseMarkdown(text);
    REQUIRE(blocks.size() == 3);
    CHECK(Joined(blocks[0]) == "Problème d'accès");
    CHECK(Joined(blocks[1]) == "Skrivaren på våning två är trasig.");
    CHECK(blocks[1].spans[1].bold);
    CHECK(Joined(blocks[2]) == "服务器宕机了，请尽快处理。");
    CHECK(blocks[2].spans[1].italic);
    CHECK(blocks[2].spans[1].text == "宕机");
}

TEST_CASE("invalid UTF-8 is repaired, so spans are always valid") {
    auto blocks = ParseMarkdown(std::string("bad \xFF\xC3 bytes and a nul \0 here", 30));
    REQUIRE(blocks.size() == 1);
    CHECK(IsValidUtf8(Joined(blocks[0])));
}

TEST_CASE("very long input (100 KB) parses") {
    std::string text;
    while (text.size() < 100 * 1024) text += "Line with **bold**, `code` and [a link](https://example.com).\n\n- item\n";
    text += std::string(20000, '*') + "\n\n" + std::string(20000, '[');  // pathological delimiters
    auto blocks = ParseMarkdown(text);
    CHECK(blocks.size() > 1000);
    CHECK(blocks.back().kind == MdBlockKind::Paragraph);
}
