// markdown.cpp — md4c's callbacks (enter/leave block, enter/leave span, text) folded into
// the flat MdBlock list of markdown.hpp.
#include "ui/markdown.hpp"

#include <md4c.h>

#include <utility>

#include "core/utf8.hpp"

namespace tackboard {

namespace {

constexpr unsigned kDialect = MD_DIALECT_COMMONMARK | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS |
                              MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_NOHTML;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// A code point named by an entity; the ones that cannot be text become U+FFFD.
void AppendEntityCodePoint(char32_t cp, std::string& out) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        out += kReplacement;  // as CommonMark says for &#0; and code points that cannot be
    } else {
        AppendUtf8(cp, out);
    }
}

// `entity` is what md4c recognised: "&name;", "&#123;" or "&#x7B;". The named ones people
// actually type; any other is shown as written rather than guessed at.
void AppendEntity(std::string_view entity, std::string& out) {
    if (entity.size() >= 4 && entity[1] == '#') {
        bool hex = entity[2] == 'x' || entity[2] == 'X';
        char32_t cp = 0;
        for (char c : entity.substr(hex ? 3 : 2, entity.size() - (hex ? 4 : 3))) {
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0 || digit >= (hex ? 16 : 10)) return void(out += entity);
            cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(digit);
            if (cp > 0x10FFFF) cp = 0x110000;  // stays out of range however many digits follow
        }
        return AppendEntityCodePoint(cp, out);
    }
    static constexpr std::pair<std::string_view, char32_t> kNamed[] = {
        {"&amp;", '&'},       {"&lt;", '<'},         {"&gt;", '>'},         {"&quot;", '"'},
        {"&apos;", '\''},     {"&nbsp;", 0xA0},      {"&copy;", 0xA9},      {"&reg;", 0xAE},
        {"&trade;", 0x2122},  {"&hellip;", 0x2026},  {"&mdash;", 0x2014},   {"&ndash;", 0x2013},
        {"&lsquo;", 0x2018},  {"&rsquo;", 0x2019},   {"&ldquo;", 0x201C},   {"&rdquo;", 0x201D},
        {"&laquo;", 0xAB},    {"&raquo;", 0xBB},     {"&euro;", 0x20AC},    {"&middot;", 0xB7},
        {"&times;", 0xD7},    {"&deg;", 0xB0},       {"&rarr;", 0x2192},    {"&larr;", 0x2190},
    };
    for (const auto& [name, cp] : kNamed)
        if (entity == name) return AppendEntityCodePoint(cp, out);
    out += entity;
}

// An md4c attribute (a link's href) as plain text: its entities decoded.
std::string AttributeText(const MD_ATTRIBUTE& attribute) {
    std::string out;
    for (int i = 0; attribute.substr_offsets[i] < attribute.size; ++i) {
        std::string_view part(attribute.text + attribute.substr_offsets[i],
                              attribute.substr_offsets[i + 1] - attribute.substr_offsets[i]);
        if (attribute.substr_types[i] == MD_TEXT_ENTITY) AppendEntity(part, out);
        else if (attribute.substr_types[i] == MD_TEXT_NULLCHAR) out += kReplacement;
        else out += part;
    }
    return out;
}

struct Builder {
    struct List {
        bool ordered = false;
        int next_number = 1;
    };

    std::vector<MdBlock> blocks;
    bool open = false;  // blocks.back() takes the text that arrives
    std::vector<List> lists;
    int quote_depth = 0;
    int bold = 0, italic = 0, code = 0, strike = 0;
    std::vector<std::string> links;  // innermost last

    void Close() { open = false; }

    MdBlock& Push(MdBlockKind kind) {
        MdBlock& b = blocks.emplace_back();
        b.kind = kind;
        b.list_depth = static_cast<int>(lists.size());
        b.quote_depth = quote_depth;
        return b;
    }

    // A block whose text follows. A list item's first paragraph (loose lists wrap it in
    // <p>) is the item's own text, not a block of its own.
    MdBlock& OpenText(MdBlockKind kind) {
        if (open && kind == MdBlockKind::Paragraph && blocks.back().kind == MdBlockKind::ListItem &&
            blocks.back().spans.empty())
            return blocks.back();
        MdBlock& b = Push(kind);
        open = true;
        return b;
    }

    void AddText(std::string_view text) {
        if (!open) OpenText(MdBlockKind::Paragraph);  // text after a nested list in a tight item
        auto& spans = blocks.back().spans;
        MdSpan style;
        style.bold = bold > 0;
        style.italic = italic > 0;
        style.code = code > 0 || blocks.back().kind == MdBlockKind::Code;
        style.strike = strike > 0;
        if (!links.empty()) style.link_url = links.back();
        MdSpan* last = spans.empty() ? nullptr : &spans.back();
        if (last && !last->line_break && last->bold == style.bold && last->italic == style.italic &&
            last->code == style.code && last->strike == style.strike && last->link_url == style.link_url) {
            last->text += text;
            return;
        }
        style.text = text;
        spans.push_back(std::move(style));
    }

    void AddLineBreak() {
        if (!open) return;
        MdSpan br;
        br.line_break = true;
        blocks.back().spans.push_back(std::move(br));
    }
};

int EnterBlock(MD_BLOCKTYPE type, void* detail, void* userdata) {
    Builder& b = *static_cast<Builder*>(userdata);
    switch (type) {
        case MD_BLOCK_QUOTE:
            b.Close();
            ++b.quote_depth;
            break;
        case MD_BLOCK_UL:
            b.Close();
            b.lists.push_back({false, 0});
            break;
        case MD_BLOCK_OL:
            b.Close();
            b.lists.push_back({true, static_cast<int>(static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start)});
            break;
        case MD_BLOCK_LI: {
            b.Close();
            const auto* li = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
            MdBlock& item = b.Push(MdBlockKind::ListItem);
            Builder::List& list = b.lists.back();
            item.ordered = list.ordered;
            if (list.ordered) item.number = list.next_number++;
            if (li->is_task) item.task = li->task_mark == ' ' ? MdTask::Unchecked : MdTask::Checked;
            b.open = true;  // its text arrives directly (tight list) or in a <p> (loose)
            break;
        }
        case MD_BLOCK_HR:
            b.Close();
            b.Push(MdBlockKind::Rule);
            break;
        case MD_BLOCK_H:
            b.OpenText(MdBlockKind::Heading).heading_level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
            break;
        case MD_BLOCK_CODE: {
            const auto* code = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
            std::string language = code->lang.text ? AttributeText(code->lang) : std::string();
            b.Close();  // a fence right after "- " still gets a block of its own
            b.OpenText(MdBlockKind::Code).code_language = std::move(language);
            break;
        }
        case MD_BLOCK_P:
        case MD_BLOCK_HTML:  // not produced with MD_FLAG_NOHTML
            b.OpenText(MdBlockKind::Paragraph);
            break;
        default:  // the document, and tables (not enabled)
            break;
    }
    return 0;
}

int LeaveBlock(MD_BLOCKTYPE type, void*, void* userdata) {
    Builder& b = *static_cast<Builder*>(userdata);
    b.Close();
    if (type == MD_BLOCK_QUOTE) --b.quote_depth;
    if (type == MD_BLOCK_UL || type == MD_BLOCK_OL) b.lists.pop_back();
    return 0;
}

int EnterSpan(MD_SPANTYPE type, void* detail, void* userdata) {
    Builder& b = *static_cast<Builder*>(userdata);
    switch (type) {
        case MD_SPAN_EM: ++b.italic; break;
        case MD_SPAN_STRONG: ++b.bold; break;
        case MD_SPAN_CODE: ++b.code; break;
        case MD_SPAN_DEL: ++b.strike; break;
        case MD_SPAN_A: b.links.push_back(AttributeText(static_cast<MD_SPAN_A_DETAIL*>(detail)->href)); break;
        // Images are not loaded (no network from a ticket): the alt text links to it.
        case MD_SPAN_IMG: b.links.push_back(AttributeText(static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src)); break;
        default: break;
    }
    return 0;
}

int LeaveSpan(MD_SPANTYPE type, void*, void* userdata) {
    Builder& b = *static_cast<Builder*>(userdata);
    switch (type) {
        case MD_SPAN_EM: --b.italic; break;
        case MD_SPAN_STRONG: --b.bold; break;
        case MD_SPAN_CODE: --b.code; break;
        case MD_SPAN_DEL: --b.strike; break;
        case MD_SPAN_A:
        case MD_SPAN_IMG: b.links.pop_back(); break;
        default: break;
    }
    return 0;
}

int Text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* userdata) {
    Builder& b = *static_cast<Builder*>(userdata);
    std::string_view view(text, size);
    switch (type) {
        case MD_TEXT_NULLCHAR: b.AddText(kReplacement); break;
        case MD_TEXT_BR: b.AddLineBreak(); break;
        case MD_TEXT_SOFTBR: b.AddText(" "); break;
        case MD_TEXT_ENTITY: {
            std::string decoded;
            AppendEntity(view, decoded);
            b.AddText(decoded);
            break;
        }
        default: b.AddText(view); break;  // normal text, code, and HTML shown as text
    }
    return 0;
}

}  // namespace

std::vector<MdBlock> ParseMarkdown(std::string_view text) {
    // md4c passes bytes through; repaired first so every span is valid UTF-8.
    std::string valid = ToValidUtf8(text);
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = kDialect;
    parser.enter_block = EnterBlock;
    parser.leave_block = LeaveBlock;
    parser.enter_span = EnterSpan;
    parser.leave_span = LeaveSpan;
    parser.text = Text;
    Builder builder;
    md_parse(valid.data(), static_cast<MD_SIZE>(valid.size()), &parser, &builder);
    return std::move(builder.blocks);
}

bool IsOpenableUrl(std::string_view url) {
    auto starts_with = [&](std::string_view scheme) {
        if (url.size() < scheme.size()) return false;
        for (std::size_t i = 0; i < scheme.size(); ++i) {
            char c = url[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c != scheme[i]) return false;
        }
        return true;
    };
    return starts_with("https://") || starts_with("http://") || starts_with("mailto:");
}

}  // namespace tackboard
