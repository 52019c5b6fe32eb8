#include "ui/new_ticket_dialog.hpp"

#include <imgui.h>

#include <algorithm>

#include "ui/board_panel.hpp"
#include "ui/field_editor.hpp"
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {
constexpr const char* kPopupId = "New ticket##dialog";

// A labelled combo over config definitions (types, priorities) storing the chosen id.
template <class Def>
void DefCombo(const char* label, const char* id, const std::vector<Def>& defs, std::string& chosen) {
    ImGui::TextUnformatted(label);
    const Def* current = nullptr;
    for (const auto& d : defs)
        if (d.id == chosen) current = &d;
    ImGui::SetNextItemWidth(-1);
    if (BeginRecordedCombo(id, current ? TrName(current->name) : "")) {
        for (const auto& d : defs)
            if (ImGui::Selectable(NameLabel(d.name).c_str(), &d == current)) chosen = d.id;
        ImGui::EndCombo();
    }
}
}  // namespace

void OpenNewTicketDialog(const Board& board, UiState& ui) {
    NewTicketForm& form = ui.new_ticket;
    form = NewTicketForm{};
    form.type = board.config().default_type;
    form.priority = board.config().default_priority;
    form.open_requested = true;
    form.focus_title = true;
}

void DrawNewTicketDialog(const Board& board, const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    NewTicketForm& form = ui.new_ticket;
    if (form.open_requested) {
        ImGui::OpenPopup(kPopupId);
        form.open_requested = false;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    // Height 0: fit the content, error line included. Narrower on a phone, all of it on screen.
    ImGui::SetNextWindowSize(ImVec2(std::min(520.0f, viewport->Size.x - 16.0f), 0), ImGuiCond_Always);
    if (!ImGui::BeginPopupModal(kPopupId, nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar))
        return;

    if (form.close_requested) {
        form = NewTicketForm{};
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted(Tr("New ticket"));
    ImGui::PopFont();
    ImGui::Spacing();

    const auto& config = board.config();
    DefCombo(Tr("Type"), "##new-type", config.types, form.type);

    ImGui::TextUnformatted(Tr("Title"));
    ImGui::SetNextItemWidth(-1);
    if (form.focus_title) {
        ImGui::SetKeyboardFocusHere();
        form.focus_title = false;
    }
    bool submit = InputString("##new-title", form.title, Tr("What is the problem?"), 0.0f,
                              ImGuiInputTextFlags_EnterReturnsTrue);

    DefCombo(Tr("Priority"), "##new-priority", config.priorities, form.priority);

    // The type's own fields: the form adapts when the type changes.
    if (const TicketTypeDef* type = config.FindType(form.type)) DrawTypeFields(*type, config, form.fields);

    ImGui::TextUnformatted(Tr("Description"));
    InputString("##new-description", form.description, nullptr, 110.0f);

    if (!form.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().danger);
        ImGui::TextWrapped("%s %s", icons::kWarning, form.error.c_str());
        TheItemRegistry().RecordLastItem(form.error + "##new-ticket-error");
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    submit |= PrimaryButton(TrLabel("Create##new-ticket"), ImVec2(110, 0));
    ImGui::SameLine();
    bool cancel = ImGui::Button(TrLabel("Cancel##new-ticket"), ImVec2(100, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));

    if (submit) {
        nlohmann::json fields = {
            {"type", form.type}, {"title", form.title}, {"priority", form.priority}, {"description", form.description}};
        std::string problem;
        if (const TicketTypeDef* type = config.FindType(form.type)) problem = CollectTypeFields(*type, form.fields, fields);
        if (problem.empty()) requests.push_back(CreateTicketRequest{std::move(fields)});
        else OnTicketRefused(ui, problem);
    } else if (cancel) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void OnTicketCreated(UiState& ui, const std::string& new_id) {
    // The popup can only be closed from inside its Begin/End: do it next frame.
    ui.new_ticket.close_requested = true;
    ui.selected_ticket = new_id;
}

void OnTicketRefused(UiState& ui, const std::string& reason) {
    ui.new_ticket.error = AsSentence(reason);
    ui.new_ticket.focus_title = true;
}

}  // namespace tackboard
