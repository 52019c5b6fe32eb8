// welcome_panel.cpp — see welcome_panel.hpp.
#include "ui/welcome_panel.hpp"

#include <imgui.h>

#include <algorithm>

#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/import_dialog.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

constexpr float kCardWidth = 640.0f;
constexpr float kButtonWidth = 190.0f;

// One way to start: its button (`label` from TrLabel), and beside it (below it on a narrow
// card) what it does, wrapped at `wrap_x` (window coordinates).
bool Option(const char* label, const char* explanation, bool primary, float inner_width, float wrap_x) {
    const bool beside = inner_width >= 420.0f;
    const float button_width = beside ? kButtonWidth : inner_width;
    const bool pressed = primary ? PrimaryButton(label, ImVec2(button_width, 0)) : ImGui::Button(label, ImVec2(button_width, 0));
    if (beside) ImGui::SameLine(0, 16);
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().text_muted);
    ImGui::PushTextWrapPos(wrap_x);
    ImGui::TextUnformatted(explanation);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(0, 4));
    return pressed;
}

}  // namespace

bool WelcomeWanted(const App& app, const UiState& ui) {
    return app.board().tickets().empty() && !app.welcome_dismissed() && !app.read_only() && !ui.demo_mode &&
           ui.helpdesk_view == HelpdeskView::None;
}

// A card above the (empty) columns, as high as its content: the columns stay visible and
// usable below it. Drawn in two draw-list channels so the card's background, sized once
// the content is laid out, lies under the content.
void DrawWelcomePanel(const Fonts& fonts, WelcomeChoice& choice) {
    const Theme& t = CurrentTheme();
    const ImVec2 padding(24, 18);
    const float avail = ImGui::GetContentRegionAvail().x;
    const float width = std::min(kCardWidth, avail - 8.0f);
    const float inner = width - padding.x * 2;
    const ImVec2 local(ImGui::GetCursorPosX() + std::max(0.0f, (avail - width) / 2), ImGui::GetCursorPosY() + 4);
    const ImVec2 screen(ImGui::GetWindowPos().x + local.x - ImGui::GetScrollX(),
                        ImGui::GetWindowPos().y + local.y - ImGui::GetScrollY());
    const float wrap_x = local.x + padding.x + inner;

    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    ImGui::SetCursorPos(ImVec2(local.x + padding.x, local.y + padding.y));
    ImGui::BeginGroup();
    ImGui::PushFont(fonts.heading);
    ImGui::PushStyleColor(ImGuiCol_Text, t.accent);
    ImGui::TextUnformatted(icons::kTicket);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextUnformatted(Tr("Welcome to Tackboard"));
    ImGui::PopFont();
    ImGui::PushTextWrapPos(wrap_x);
    ImGui::TextUnformatted(Tr("This board has no tickets yet. How would you like to start?"));
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, 6));

    if (Option(TrLabel("Load a demo board##welcome-demo"),
               Tr("About 300 tickets of a support team over the last eight weeks, to try the board, triage and "
                  "reports. Undo (Ctrl+Z) takes them out again."),
               true, inner, wrap_x))
        choice = WelcomeChoice::LoadDemo;
    if (Option(TrLabel("Import…##welcome-import"),
               Tr("Add tickets from a file: Tackboard JSON, Trello board JSON, GitHub issues JSON, Jira CSV or CSV"),
               false, inner, wrap_x))
        choice = WelcomeChoice::Import;
    if (Option(TrLabel("Start empty##welcome-empty"),
               Tr("Create your own tickets. This welcome is not shown again for this board."), false, inner, wrap_x))
        choice = WelcomeChoice::StartEmpty;
    ImGui::EndGroup();
    const float bottom = ImGui::GetItemRectMax().y + padding.y - 4;

    draw->ChannelsSetCurrent(0);
    draw->AddRectFilled(screen, ImVec2(screen.x + width, bottom), t.card_bg, 8.0f);
    draw->AddRect(screen, ImVec2(screen.x + width, bottom), t.card_border, 8.0f);
    draw->ChannelsMerge();
    // Leave the card's space, and a gap, before the board below.
    ImGui::SetCursorPos(ImVec2(local.x - std::max(0.0f, (avail - width) / 2), local.y));
    ImGui::Dummy(ImVec2(avail, bottom - screen.y + 8));
}

void RunWelcomeChoice(App& app, UiState& ui, WelcomeChoice choice) {
    switch (choice) {
        case WelcomeChoice::None: return;
        case WelcomeChoice::StartEmpty: app.DismissWelcome(); return;
        case WelcomeChoice::Import: OpenImportDialog(ui); return;
        case WelcomeChoice::LoadDemo:
            if (auto loaded = app.LoadDemo(); !loaded)
                app.AddNotice(Format(Tr("The demo board could not be loaded: %s"), AsSentence(loaded.error().message).c_str()));
            return;
    }
}

std::string DemoBadgeText() { return std::string(icons::kWarning) + " " + Tr("Demo — changes are not kept"); }

void DrawDemoBadge() {
    const Theme& t = CurrentTheme();
    const std::string text = DemoBadgeText();
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 padding(8, 3);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(size.x + padding.x * 2, size.y + padding.y * 2));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImVec2(at.x + size.x + padding.x * 2, at.y + size.y + padding.y * 2), t.warning_bg, 4.0f);
    draw->AddText(ImVec2(at.x + padding.x, at.y + padding.y), t.warning_text, text.c_str());
    TheItemRegistry().RecordLastItem("Demo — changes are not kept##demo-badge");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", Tr("This is a demonstration board in throwaway storage: close the page and it is gone."));
}

}  // namespace tackboard
