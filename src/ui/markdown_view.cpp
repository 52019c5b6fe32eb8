// markdown_view.cpp — MdBlocks laid out into positioned text fragments and shapes
// (bullets, boxes, bars, backgrounds), then the visible ones drawn; and the cache of
// parsed and laid-out texts.
//
// [SECTION] Line breaking (which characters may end a line)
// [SECTION] Layout
// [SECTION] Drawing
// [SECTION] Cache and entry points
#define IMGUI_DEFINE_MATH_OPERATORS
#include "ui/markdown_view.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // RenderCheckMark, ImVec2 operators

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <memory>

#include "core/text_fold.hpp"  // NextCodePoint
#include "ui/item_registry.hpp"

namespace tackboard {

namespace {

// Metrics in CSS pixels, like the rest of the UI.
constexpr float kListIndent = 22.0f;
constexpr float kQuoteIndent = 14.0f;
constexpr float kQuoteBarWidth = 3.0f;
constexpr float kBlockGap = 8.0f;
constexpr float kItemGap = 3.0f;
constexpr float kHeadingGap = 6.0f;  // more room above a heading
constexpr float kCodePadding = 8.0f;
constexpr float kLineSpacing = 4.0f;  // between the wrapped lines of a block
constexpr float kItalicSlant = 0.2f;  // no italic font: glyphs are sheared by this much
constexpr int kTabSpaces = 4;


// =============================================================================
// [SECTION] Line breaking
// =============================================================================

// Chinese, Japanese and Korean text has no spaces: a line may end between any two of
// these characters. (Like text_fold's CJK class, plus CJK punctuation and full-width forms.)
bool IsCjk(char32_t cp) {
    return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
           (cp >= 0x20000 && cp <= 0x3FFFF);
}

// Closing punctuation stays on the line of the character before it (。 never starts a line).
bool NoBreakBefore(char32_t cp) {
    switch (cp) {
        case 0x3001: case 0x3002: case 0x3009: case 0x300B: case 0x300D: case 0x300F: case 0x3011: case 0x3015:
        case 0xFF01: case 0xFF09: case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B: case 0xFF1F:
        case '.': case ',': case ';': case ':': case '!': case '?': case ')':
            return true;
        default:
            return false;
    }
}

// =============================================================================
// [SECTION] Layout
// =============================================================================

struct Fragment {
    ImVec2 pos;  // top left, relative to the layout's origin
    float width = 0;
    std::string_view text;  // empty for a tab
    const MdSpan* span = nullptr;
    ImFont* font = nullptr;
    float size = 0;
    ImU32 colour = 0;
    bool link = false;             // an openable link
    bool code_background = false;  // inline code (a code block has one background of its own)
};

struct Shape {
    enum class Kind { FilledRect, Line, Dot, Ring, Square, Box, CheckedBox, Number };
    Kind kind = Kind::Line;
    ImVec2 a, b;  // corners of its box (ends of a Line); a Number ends at b.x
    ImU32 colour = 0;
    float rounding = 0;
    int number = 0;
    ImFont* font = nullptr;
    float size = 0;
};

struct Layout {
    std::vector<Fragment> fragments;
    std::vector<Shape> shapes;
    float width = 0, height = 0;
};

// What a layout depends on besides the blocks: a new width, a rebuilt font atlas (HiDPI
// change, Chinese glyphs added) or another theme (colours are laid out) lays out again.
struct LayoutKey {
    float width = -1;
    const Theme* theme = nullptr;
    const ImFont* body = nullptr;
    float body_size = 0;
    int glyphs = 0;
    float scale = 0;
    bool operator==(const LayoutKey&) const = default;
};

LayoutKey KeyFor(const Fonts& fonts, float width) {
    const ImFont* body = fonts.body ? fonts.body : ImGui::GetFont();
    return {width, &CurrentTheme(), body, body->FontSize, body->Glyphs.Size, ImGui::GetIO().FontGlobalScale};
}

struct CachedText {
    std::string text;
    std::vector<MdBlock> blocks;  // the layout points into these: never copied or moved
    LayoutKey key;
    Layout layout;
    int last_frame = 0;
};

struct TextStyle {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
    float size = 0;
    ImU32 colour = 0;
    ImU32 link_colour = 0;
    bool code_block = false;  // spaces kept, lines end at '\n'
};

// Places the spans of one block line by line. Text is cut into units that must not be
// split across lines (a word, even when its letters are in spans of different styles; a
// CJK character with the punctuation after it); a unit wider than the whole line is cut
// between characters.
class InlineLayout {
public:
    InlineLayout(Layout& out, const TextStyle& style, float x_min, float x_max, float y)
        : out_(out), style_(style), x_min_(x_min), x_max_(std::max(x_max, x_min + 1.0f)), x_(x_min), y_(y) {}

    void Add(const MdSpan& span) {
        if (span.line_break) {
            FlushUnit();
            NewLine();
            return;
        }
        std::string_view text = span.text;
        for (std::size_t pos = 0; pos < text.size();) {
            std::size_t start = pos;
            char32_t cp = NextCodePoint(text, pos);
            std::string_view ch = text.substr(start, pos - start);
            if (cp == '\n') {  // code blocks only; their last line ends in one too
                FlushUnit();
                if (pos < text.size()) NewLine();
            } else if (cp == ' ' || cp == '\t') {
                FlushUnit();
                AddSpace(span, ch, cp == '\t');
            } else {
                if (break_after_ && !NoBreakBefore(cp)) FlushUnit();
                AppendToUnit(span, ch);
                break_after_ = IsCjk(cp);
            }
        }
    }

    float Finish() {  // the bottom of the last line
        FlushUnit();
        return y_ + style_.size;
    }

private:
    struct Piece {
        std::string_view text;
        const MdSpan* span;
        float width;
    };

    ImFont* FontOf(const MdSpan& span) const { return span.bold ? style_.bold : style_.regular; }
    bool IsLink(const MdSpan& span) const { return !span.link_url.empty() && IsOpenableUrl(span.link_url); }

    float Measure(const MdSpan& span, std::string_view text) const {
        return FontOf(span)->CalcTextSizeA(style_.size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
    }

    void AppendToUnit(const MdSpan& span, std::string_view ch) {
        if (!unit_.empty() && unit_.back().span == &span &&
            unit_.back().text.data() + unit_.back().text.size() == ch.data()) {
            unit_.back().text = std::string_view(unit_.back().text.data(), unit_.back().text.size() + ch.size());
            return;
        }
        unit_.push_back({ch, &span, 0});
    }

    void FlushUnit() {
        break_after_ = false;
        if (unit_.empty()) return;
        float width = 0;
        for (auto& piece : unit_) width += piece.width = Measure(*piece.span, piece.text);
        if (x_ + width > x_max_ && !line_empty_) NewLine();
        if (x_ + width <= x_max_) {
            for (const auto& piece : unit_) Place(piece);
        } else {
            for (const auto& piece : unit_)
                for (std::size_t pos = 0; pos < piece.text.size();) {
                    std::size_t start = pos;
                    NextCodePoint(piece.text, pos);
                    std::string_view ch = piece.text.substr(start, pos - start);
                    float w = Measure(*piece.span, ch);
                    if (x_ + w > x_max_ && !line_empty_) NewLine();
                    Place({ch, piece.span, w});
                }
        }
        unit_.clear();
    }

    void AddSpace(const MdSpan& span, std::string_view ch, bool tab) {
        if (line_empty_ && !style_.code_block) return;  // wrapped lines do not start with a space
        float width = tab ? kTabSpaces * Measure(span, " ") : Measure(span, ch);
        if (x_ + width > x_max_) return NewLine();
        Place({tab ? std::string_view() : ch, &span, width});
    }

    void Place(const Piece& piece) {
        if (!out_.fragments.empty()) {
            Fragment& last = out_.fragments.back();
            if (last.span == piece.span && last.pos.y == y_ && !piece.text.empty() && !last.text.empty() &&
                last.text.data() + last.text.size() == piece.text.data()) {
                last.text = std::string_view(last.text.data(), last.text.size() + piece.text.size());
                last.width += piece.width;
                x_ += piece.width;
                return;
            }
        }
        const MdSpan& span = *piece.span;
        Fragment f;
        f.pos = ImVec2(x_, y_);
        f.width = piece.width;
        f.text = piece.text;
        f.span = piece.span;
        f.font = FontOf(span);
        f.size = style_.size;
        f.link = IsLink(span);
        f.colour = f.link ? style_.link_colour : style_.colour;
        f.code_background = span.code && !style_.code_block;
        out_.fragments.push_back(f);
        x_ += piece.width;
        line_empty_ = false;
    }

    void NewLine() {
        x_ = x_min_;
        y_ += style_.size + kLineSpacing;
        line_empty_ = true;
    }

    Layout& out_;
    const TextStyle& style_;
    float x_min_, x_max_, x_, y_;
    bool line_empty_ = true;
    bool break_after_ = false;  // the unit ends with a CJK character: a line may end here
    std::vector<Piece> unit_;
};

// The bullet, number or task box left of a list item's first line.
void AddMarker(Layout& out, const MdBlock& item, float x0, float y, const TextStyle& style, const Theme& theme) {
    const float mid_y = y + style.size * 0.55f;
    const float left = x0 - kListIndent;
    Shape s;
    s.colour = style.colour;
    if (item.task != MdTask::None) {
        float side = std::round(style.size * 0.8f);
        s.kind = item.task == MdTask::Checked ? Shape::Kind::CheckedBox : Shape::Kind::Box;
        s.a = ImVec2(left + 3, std::round(mid_y - side / 2));
        s.b = s.a + ImVec2(side, side);
        s.colour = item.task == MdTask::Checked ? theme.accent : theme.text_muted;
    } else if (item.ordered) {
        s.kind = Shape::Kind::Number;
        s.number = item.number;
        s.a = ImVec2(left, y);
        s.b = ImVec2(x0 - 6, y + style.size);
        s.font = style.regular;
        s.size = style.size;
    } else {
        // Depth tells nested lists apart, as browsers do: disc, circle, square.
        const int style_index = (item.list_depth - 1) % 3;
        const float cx = left + kListIndent * 0.45f;
        s.kind = style_index == 0 ? Shape::Kind::Dot : style_index == 1 ? Shape::Kind::Ring : Shape::Kind::Square;
        const float half = s.kind == Shape::Kind::Square ? 2.3f : 2.6f;
        s.a = ImVec2(cx - half, mid_y - half);
        s.b = ImVec2(cx + half, mid_y + half);
    }
    out.shapes.push_back(s);
}

Layout LayOut(const std::vector<MdBlock>& blocks, const Fonts& fonts, float width) {
    const Theme& theme = CurrentTheme();
    ImFont* body = fonts.body ? fonts.body : ImGui::GetFont();
    ImFont* strong = fonts.strong ? fonts.strong : body;
    ImFont* heading = fonts.heading ? fonts.heading : strong;
    const float scale = ImGui::GetIO().FontGlobalScale;
    auto size_of = [&](ImFont* font) { return font->FontSize * scale; };

    Layout out;
    out.width = width;
    float y = 0;
    const MdBlock* previous = nullptr;
    for (const MdBlock& block : blocks) {
        float gap = 0;
        if (previous) {
            gap = block.list_depth > 0 && previous->list_depth > 0 ? kItemGap : kBlockGap;
            if (block.kind == MdBlockKind::Heading) gap += kHeadingGap;
        }
        y += gap;
        const float top = y;
        const float x0 = block.quote_depth * kQuoteIndent + block.list_depth * kListIndent;
        TextStyle style;
        style.colour = block.quote_depth > 0 ? theme.text_muted : theme.text;
        style.link_colour = theme.accent;
        switch (block.kind) {
            case MdBlockKind::Rule: {
                const float mid = std::round(y + 6);
                out.shapes.push_back({Shape::Kind::Line, ImVec2(x0, mid), ImVec2(width, mid), theme.card_border});
                y += 12;
                break;
            }
            case MdBlockKind::Code: {
                const std::size_t background = out.shapes.size();
                out.shapes.push_back({Shape::Kind::FilledRect, ImVec2(x0, y), ImVec2(width, y), theme.code_bg, 4.0f});
                style.regular = style.bold = body;
                style.size = size_of(body);
                style.code_block = true;
                InlineLayout lines(out, style, x0 + kCodePadding, width - kCodePadding, y + kCodePadding);
                for (const auto& span : block.spans) lines.Add(span);
                y = lines.Finish() + kCodePadding;
                out.shapes[background].b.y = y;
                break;
            }
            default: {
                const bool big = block.kind == MdBlockKind::Heading && block.heading_level <= 2;
                style.regular = block.kind == MdBlockKind::Heading ? (big ? heading : strong) : body;
                style.bold = big ? heading : strong;
                style.size = size_of(style.regular);
                if (block.kind == MdBlockKind::ListItem) AddMarker(out, block, x0, y, style, theme);
                InlineLayout text(out, style, x0, width, y);
                for (const auto& span : block.spans) text.Add(span);
                y = text.Finish();
                if (block.kind == MdBlockKind::Heading && block.heading_level == 1) {
                    y = std::round(y + 4);
                    out.shapes.push_back({Shape::Kind::Line, ImVec2(x0, y), ImVec2(width, y), theme.card_border});
                    y += 2;
                }
                break;
            }
        }
        // One bar per quote level, joined to the bar of the block above when that is in
        // the same quote.
        for (int level = 1; level <= block.quote_depth; ++level) {
            const float from = previous && previous->quote_depth >= level ? top - gap : top;
            const float x = (level - 1) * kQuoteIndent;
            out.shapes.push_back(
                {Shape::Kind::FilledRect, ImVec2(x, from), ImVec2(x + kQuoteBarWidth, y), theme.quote_bar});
        }
        previous = &block;
    }
    out.height = y;
    return out;
}

// =============================================================================
// [SECTION] Drawing
// =============================================================================

struct MarkdownViewState {
    std::function<void(const std::string&)> link_opener;
    std::vector<std::unique_ptr<CachedText>> cache;  // see Cached()
};

MarkdownViewState& ViewState() {
    static MarkdownViewState state;
    return state;
}

// The interactive part: an invisible button over each visible piece of a link. Returns
// the URL under the mouse (every piece of it is then underlined), if any.
const std::string* DrawLinks(const Layout& layout, std::size_t first, std::size_t end, ImVec2 origin) {
    const std::string* hovered = nullptr;
    for (std::size_t i = first; i < end; ++i) {
        const Fragment& f = layout.fragments[i];
        if (!f.link) continue;
        ImGui::SetCursorScreenPos(origin + f.pos);
        ImGui::PushID(static_cast<int>(i));
        const bool clicked = ImGui::InvisibleButton("##link", ImVec2(std::max(f.width, 1.0f), f.size));
        ImGui::PopID();
        const std::string& url = f.span->link_url;
        TheItemRegistry().RecordLastItem("link " + url);
        if (ImGui::IsItemHovered()) {
            hovered = &url;
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            ImGui::SetTooltip("%s", url.c_str());
        }
        if (clicked && ViewState().link_opener) ViewState().link_opener(url);
    }
    return hovered;
}

void DrawShape(ImDrawList* draw, const Shape& s, ImVec2 origin) {
    const ImVec2 a = origin + s.a;
    const ImVec2 b = origin + s.b;
    switch (s.kind) {
        case Shape::Kind::FilledRect: draw->AddRectFilled(a, b, s.colour, s.rounding); break;
        case Shape::Kind::Line: draw->AddLine(a, b, s.colour, 1.0f); break;
        case Shape::Kind::Dot: draw->AddCircleFilled((a + b) * 0.5f, (b.x - a.x) * 0.5f, s.colour, 12); break;
        case Shape::Kind::Ring: draw->AddCircle((a + b) * 0.5f, (b.x - a.x) * 0.5f, s.colour, 12, 1.2f); break;
        case Shape::Kind::Square: draw->AddRectFilled(a, b, s.colour); break;
        case Shape::Kind::Box: draw->AddRect(a, b, s.colour, 3.0f, 0, 1.3f); break;
        case Shape::Kind::CheckedBox: {
            draw->AddRectFilled(a, b, s.colour, 3.0f);
            const float pad = std::max(2.0f, (b.x - a.x) / 6.0f);
            ImGui::RenderCheckMark(draw, a + ImVec2(pad, pad), CurrentTheme().accent_text, b.x - a.x - 2 * pad);
            break;
        }
        case Shape::Kind::Number: {
            char text[16];
            std::snprintf(text, sizeof text, "%d.", s.number);
            const float w = s.font->CalcTextSizeA(s.size, FLT_MAX, 0.0f, text).x;
            draw->AddText(s.font, s.size, ImVec2(b.x - w, a.y), s.colour, text);
            break;
        }
    }
}

void DrawFragment(ImDrawList* draw, const Fragment& f, ImVec2 origin, bool hovered_link) {
    const ImVec2 p = origin + f.pos;
    const MdSpan& span = *f.span;
    if (f.code_background)
        draw->AddRectFilled(p - ImVec2(2, 1), p + ImVec2(f.width + 2, f.size + 1), CurrentTheme().code_bg, 3.0f);
    if (!f.text.empty()) {
        const int first_vertex = draw->VtxBuffer.Size;
        draw->AddText(f.font, f.size, p, f.colour, f.text.data(), f.text.data() + f.text.size());
        if (span.italic) {
            const float baseline = p.y + f.font->Ascent * f.size / f.font->FontSize;
            for (int v = first_vertex; v < draw->VtxBuffer.Size; ++v)
                draw->VtxBuffer[v].pos.x += (baseline - draw->VtxBuffer[v].pos.y) * kItalicSlant;
        }
    }
    if (span.strike) {
        const float y = std::round(p.y + f.size * 0.55f);
        draw->AddLine(ImVec2(p.x, y), ImVec2(p.x + f.width, y), f.colour, 1.0f);
    }
    if (hovered_link) {
        const float y = std::round(p.y + f.size + 1);
        draw->AddLine(ImVec2(p.x, y), ImVec2(p.x + f.width, y), f.colour, 1.0f);
    }
}

// Draws at the cursor and leaves the cursor below, as one item the size of the text.
void DrawLayout(const Layout& layout, const void* id) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 size(layout.width, layout.height);
    if (ImGui::IsRectVisible(size)) {
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const float clip_top = draw->GetClipRectMin().y - origin.y;
        const float clip_bottom = draw->GetClipRectMax().y - origin.y;
        // Fragments go down the page in order: those in view are found by bisection, so a
        // long text costs per frame what its visible part does.
        const auto& fragments = layout.fragments;
        const std::size_t first = std::partition_point(fragments.begin(), fragments.end(), [&](const Fragment& f) {
                                      return f.pos.y + f.size < clip_top;
                                  }) - fragments.begin();
        const std::size_t end = std::partition_point(fragments.begin() + first, fragments.end(), [&](const Fragment& f) {
                                    return f.pos.y <= clip_bottom;
                                }) - fragments.begin();
        ImGui::PushID(id);
        const std::string* hovered = DrawLinks(layout, first, end, origin);
        ImGui::PopID();
        for (const Shape& s : layout.shapes) {
            if (std::max(s.a.y, s.b.y) >= clip_top && std::min(s.a.y, s.b.y) <= clip_bottom) DrawShape(draw, s, origin);
        }
        for (std::size_t i = first; i < end; ++i) {
            const Fragment& f = fragments[i];
            DrawFragment(draw, f, origin, f.link && hovered && *hovered == f.span->link_url);
        }
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(size);
}

// =============================================================================
// [SECTION] Cache and entry points
// =============================================================================

// Texts drawn in this or the last frame stay, however many; of the others, this many.
constexpr std::size_t kKeptOldTexts = 16;
CachedText& Cached(std::string_view text, int frame) {
    auto& cache = ViewState().cache;
    for (auto& entry : cache)
        if (entry->text.size() == text.size() && entry->text == text) {
            entry->last_frame = frame;
            return *entry;
        }
    auto entry = std::make_unique<CachedText>();
    entry->text = text;
    entry->blocks = ParseMarkdown(text);
    entry->last_frame = frame;
    cache.push_back(std::move(entry));
    CachedText& added = *cache.back();
    std::size_t recent = 0;
    for (const auto& e : cache) recent += e->last_frame >= frame - 1;
    while (cache.size() > recent + kKeptOldTexts) {
        auto oldest = std::min_element(cache.begin(), cache.end(),
                                       [](const auto& a, const auto& b) { return a->last_frame < b->last_frame; });
        cache.erase(oldest);
    }
    return added;
}

}  // namespace

void DrawMarkdownText(std::string_view text, const Fonts& fonts, float wrap_width) {
    CachedText& entry = Cached(text, ImGui::GetFrameCount());
    const LayoutKey key = KeyFor(fonts, wrap_width);
    if (!(entry.key == key)) {
        entry.layout = LayOut(entry.blocks, fonts, wrap_width);
        entry.key = key;
    }
    DrawLayout(entry.layout, &entry);
}

void SetLinkOpener(std::function<void(const std::string& url)> opener) { ViewState().link_opener = std::move(opener); }

}  // namespace tackboard
