// markdown_view.hpp — draws parsed markdown (markdown.hpp) with Dear ImGui.
//
// ImGui 1.86 has no rich text, so the blocks are laid out here word by word (Latin text
// wraps at spaces, a run of Chinese characters between any two of them) into positioned
// fragments, then drawn with the window's draw list; only the fragments in view are drawn.
// Shown:    headings (the heading font for levels 1-2, the bold font below), bold (the bold
//           font), italic (slanted glyphs: no italic font is loaded), strike, inline code on
//           a tinted background, links in the accent colour (underlined when hovered, the
//           URL in a tooltip, opened by a click through SetLinkOpener), bullets by depth,
//           numbers, task boxes, code blocks in a frame, quotes with a bar, rules.
// Not yet:  a monospace font for code (the body font is used), selecting text to copy it,
//           keyboard navigation to links.
//
// Each link is recorded in the item registry as "link <url>" for the browser tests.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ui/markdown.hpp"
#include "ui/theme.hpp"

namespace tackboard {

// Draws markdown text at the cursor, `wrap_width` wide, and moves the cursor below. The
// parse and the layout are kept for the texts drawn in the last frames (and a few more),
// so a long description is not parsed every frame.
void DrawMarkdownText(std::string_view text, const Fonts& fonts, float wrap_width);

// How a clicked link is opened (the web platform opens a new browser tab). Only http(s)
// and mailto links are passed on (IsOpenableUrl). Unset: links show but do not open.
void SetLinkOpener(std::function<void(const std::string& url)> opener);

}  // namespace tackboard
