#include "ui/widgets.hpp"

#include <imgui_internal.h>

#include "ui/i18n.hpp"
#include "ui/locale_format.hpp"
#include "ui/item_registry.hpp"
#include "ui/theme.hpp"

namespace tackboard {

std::string Excerpt(std::string_view text, std::size_t max_bytes) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (out.size() >= max_bytes && (static_cast<unsigned char>(c) & 0xC0) != 0x80) return out + "\xe2\x80\xa6";
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

void ErrorText(const std::string& message, const char* registry_id) {
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().danger);
    ImGui::TextWrapped("%s", message.c_str());
    ImGui::PopStyleColor();
    if (registry_id) TheItemRegistry().RecordLastItem(message + "##" + registry_id);
}

bool PrimaryButton(const char* label, ImVec2 size) {
    const Theme& t = CurrentTheme();
    ImGui::PushStyleColor(ImGuiCol_Button, t.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, t.accent_hover);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, t.accent_active);
    ImGui::PushStyleColor(ImGuiCol_Text, t.accent_text);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
    bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(4);
    return pressed;
}

namespace {
struct StringEdit {
    std::string* text;
    bool* cursor_to_end;
};

int EditString(ImGuiInputTextCallbackData* data) {
    auto* edit = static_cast<StringEdit*>(data->UserData);
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        edit->text->resize(static_cast<std::size_t>(data->BufTextLen));
        data->Buf = edit->text->data();
    } else if (data->EventFlag == ImGuiInputTextFlags_CallbackAlways && edit->cursor_to_end && *edit->cursor_to_end) {
        // A field focused from code starts with everything selected; keep what was typed.
        data->CursorPos = data->SelectionStart = data->SelectionEnd = data->BufTextLen;
        *edit->cursor_to_end = false;
    }
    return 0;
}
}  // namespace

bool InputString(const char* label, std::string& text, const char* hint, float height, ImGuiInputTextFlags flags,
                 bool* cursor_to_end) {
    flags |= ImGuiInputTextFlags_CallbackResize;
    if (cursor_to_end) flags |= ImGuiInputTextFlags_CallbackAlways;
    StringEdit edit{&text, cursor_to_end};
    if (height > 0)
        return ImGui::InputTextMultiline(label, text.data(), text.capacity() + 1, ImVec2(-1, height), flags, EditString,
                                         &edit);
    return ImGui::InputTextWithHint(label, hint ? hint : "", text.data(), text.capacity() + 1, flags, EditString,
                                    &edit);
}

std::string AsSentence(std::string message) {
    if (!message.empty() && message[0] >= 'a' && message[0] <= 'z') message[0] = static_cast<char>(message[0] - 'a' + 'A');
    return message;
}

bool BeginRecordedCombo(const char* id, const char* preview) {
    bool open = ImGui::BeginCombo(id, preview);
    if (!open) TheItemRegistry().RecordLastItem(id);
    return open;
}

void TextEllipsis(ImDrawList* draw, ImVec2 pos, ImU32 colour, const char* text, float max_width) {
    ImFont* font = ImGui::GetFont();
    float size = ImGui::GetFontSize();
    const char* end = text + strlen(text);
    if (font->CalcTextSizeA(size, FLT_MAX, 0.0f, text, end).x <= max_width) {
        draw->AddText(font, size, pos, colour, text, end);
        return;
    }
    const char* ellipsis = "\xe2\x80\xa6";
    float room = max_width - font->CalcTextSizeA(size, FLT_MAX, 0.0f, ellipsis).x;
    const char* cut = text;
    // Walk UTF-8 characters until the next one would not fit.
    while (cut < end) {
        unsigned int c;
        int len = ImTextCharFromUtf8(&c, cut, end);
        if (font->CalcTextSizeA(size, FLT_MAX, 0.0f, text, cut + len).x > room) break;
        cut += len;
    }
    draw->AddText(font, size, pos, colour, text, cut);
    float used = font->CalcTextSizeA(size, FLT_MAX, 0.0f, text, cut).x;
    draw->AddText(font, size, ImVec2(pos.x + used, pos.y), colour, ellipsis);
}

bool ToggleButton(const char* label, bool active) { return active ? PrimaryButton(label) : ImGui::Button(label); }

std::string ShortId(const std::string& ticket_id) {
    return "#" + (ticket_id.size() > 5 ? ticket_id.substr(ticket_id.size() - 5) : ticket_id);
}

const std::vector<std::size_t>& StatusRows(const Board& board, const BoardFilter& filter,
                                           const std::string& status_id) {
    static const std::vector<std::size_t> kNone;
    if (!filter.active) return board.Column(status_id);
    auto kept = filter.columns.find(status_id);
    return kept == filter.columns.end() ? kNone : kept->second;
}

void OpenTicket(UiState& ui, const std::string& ticket_id) {
    ui.selected_ticket = ticket_id;
    if (ui.panel.id != ticket_id) {
        ui.panel = {};
        ui.panel.id = ticket_id;
    }
}

std::string TicketAsMarkdown(const Ticket& t, const BoardConfig& config) {
    // In the UI's language, as the user reads the board: the names of the built-in
    // configuration translated (TrName), dates in the locale's form.
    auto name_of = [](const auto* def, const std::string& id) { return std::string(def ? TrName(def->name) : id.c_str()); };
    std::string facts = ShortId(t.id) + " · " + name_of(config.FindType(t.type), t.type) + " · " +
                        name_of(config.FindStatus(t.status), t.status) + " · " +
                        name_of(config.FindPriority(t.priority), t.priority);
    if (!t.assignee.empty())
        facts += " · " + Format(Tr("assigned to %s"), name_of(config.FindMember(t.assignee), t.assignee).c_str());
    if (!t.requester.empty()) facts += " · " + Format(Tr("requested by %s"), t.requester.c_str());
    if (t.due) facts += " · " + Format(Tr("due %s"), FormatDate(t.due).c_str());
    if (!t.labels.empty()) {
        std::string labels;
        for (const auto& l : t.labels) labels += (labels.empty() ? "" : " ") + l;
        facts += " · " + Format(Tr("labels: %s"), labels.c_str());
    }
    std::string text = "## " + t.title + "\n\n" + facts + "\n";
    if (!t.description.empty()) text += "\n" + t.description + "\n";
    return text;
}

}  // namespace tackboard
