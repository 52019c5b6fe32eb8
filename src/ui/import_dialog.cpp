#include "ui/import_dialog.hpp"

#include <imgui.h>

#include <string>

#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {
constexpr const char* kPopupId = "Import##dialog";
using Stage = ImportDialog::Stage;

std::string SizeText(std::size_t bytes) {
    if (bytes < 1024) return Counted(static_cast<long long>(bytes), "%s byte", "%s bytes");
    if (bytes < 1024 * 1024) return Format(Tr("%s KB"), FormatDecimal(bytes / 1024.0, 0).c_str());
    return Format(Tr("%s MB"), FormatDecimal(bytes / (1024.0 * 1024.0), 1).c_str());
}

void ProgressLine(const char* what, float fraction) {
    ImGui::TextUnformatted(what);
    ImGui::ProgressBar(fraction < 0 ? 0.0f : fraction, ImVec2(-1, 0), fraction < 0 ? "" : nullptr);
}

void DrawMappings(const ImportPlan& plan) {
    if (plan.mappings.empty()) return;
    ImGui::Spacing();
    ImGui::TextUnformatted(Tr("How the file's values map onto this board"));
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
    float height = std::min(8.0f, static_cast<float>(plan.mappings.size()) + 1) * ImGui::GetTextLineHeightWithSpacing() + 8;
    if (!ImGui::BeginTable("import-mappings", 4, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(Tr("What"), ImGuiTableColumnFlags_WidthFixed, 80);
    ImGui::TableSetupColumn(Tr("In the file"));
    ImGui::TableSetupColumn(Tr("On this board"));
    ImGui::TableSetupColumn(Tr("Tickets"), ImGuiTableColumnFlags_WidthFixed, 60);
    ImGui::TableHeadersRow();
    for (const auto& m : plan.mappings) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(Tr(m.what.c_str()));  // "status", "type"… (translations.cpp has them)
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(m.from.c_str());
        ImGui::TableNextColumn();
        std::string to = m.to + (m.added ? std::string("  ") + Tr("(new)") : "");
        ImGui::TextUnformatted(to.c_str());
        TheItemRegistry().RecordLastItem("map " + m.what + ": " + m.from + " -> " + to);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(FormatNumber(m.tickets).c_str());
    }
    ImGui::EndTable();
}

void DrawSkippedAndNotes(const ImportPlan& plan) {
    const Theme& t = CurrentTheme();
    if (!plan.skipped.empty()) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, t.danger);
        std::string head = Format(Tr("%s will be skipped"), Counted(plan.skipped.size(), "%s record", "%s records").c_str());
        ImGui::TextUnformatted(head.c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem(head);
        float rows = std::min(6.0f, static_cast<float>(plan.skipped.size()));
        ImGui::BeginChild("import-skipped", ImVec2(0, rows * ImGui::GetTextLineHeightWithSpacing() + 8), true);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(plan.skipped.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const auto& s = plan.skipped[i];
                std::string line = s.where + ": " + s.reason;
                ImGui::TextUnformatted(line.c_str());
                TheItemRegistry().RecordLastItem("skipped " + line);
            }
        ImGui::EndChild();
    }
    for (const auto& note : plan.notes) {
        ImGui::PushStyleColor(ImGuiCol_Text, t.text_muted);
        ImGui::TextWrapped("%s", note.c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem("note " + note);
    }
}

void DrawPreview(ImportDialog& dialog, bool& cancel) {
    const ImportPlan& plan = *dialog.plan;
    std::string summary = plan.format + " · " + dialog.file_name + " · " + SizeText(dialog.file_bytes);
    ImGui::TextUnformatted(summary.c_str());
    TheItemRegistry().RecordLastItem("import-summary");
    std::string counts = Format(Tr("%s and %s will be added"), Counted(plan.tickets, "%s ticket", "%s tickets").c_str(),
                                Counted(plan.comments, "%s comment", "%s comments").c_str());
    ImGui::TextUnformatted(counts.c_str());
    TheItemRegistry().RecordLastItem("import-counts");
    DrawMappings(plan);
    DrawSkippedAndNotes(plan);
    ImGui::Spacing();
    ImGui::Separator();
    if (plan.tickets > 0) {
        std::string label = Format(Tr("Import %s"), Counted(plan.tickets, "%s ticket", "%s tickets").c_str()) + "##import-apply";
        if (PrimaryButton(label.c_str())) {
            dialog.stage = Stage::Applying;
            dialog.frames_shown = 0;
        }
        ImGui::SameLine();
    }
    if (ImGui::Button(TrLabel("Cancel##import-cancel"))) cancel = true;
}

}  // namespace

void OpenImportDialog(UiState& ui) {
    ui.import = ImportDialog{};
    ui.import.pick_requested = true;
}

void DrawImportDialog(const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    ImportDialog& dialog = ui.import;
    if (dialog.stage == Stage::Closed) return;
    if (!ImGui::IsPopupOpen(kPopupId)) ImGui::OpenPopup(kPopupId);
    ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(620, 0), ImGuiCond_Always);
    if (!ImGui::BeginPopupModal(kPopupId, nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar))
        return;
    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted(Tr("Import tickets"));
    ImGui::PopFont();
    ImGui::Spacing();

    bool close = false;
    switch (dialog.stage) {
        case Stage::Closed:
            break;
        case Stage::Reading:
            ProgressLine(Format(Tr("Reading %s (%s)…"), dialog.file_name.c_str(), SizeText(dialog.file_bytes).c_str()).c_str(),
                         static_cast<float>(dialog.read_fraction));
            break;
        case Stage::Checking:
            ProgressLine(Format(Tr("Checking %s (%s)…"), dialog.file_name.c_str(), SizeText(dialog.file_bytes).c_str()).c_str(),
                         static_cast<float>(dialog.check_fraction));
            // A slice of the check per frame, from the second one (the first shows the message).
            if (dialog.frames_shown++ >= 1) requests.push_back(PlanImportRequest{});
            if (ImGui::Button(TrLabel("Cancel##import-stop"))) close = true;
            break;
        case Stage::Preview:
            DrawPreview(dialog, close);
            break;
        case Stage::Applying:
            ProgressLine(Format(Tr("Adding %s…"), Counted(dialog.plan->tickets, "%s ticket", "%s tickets").c_str()).c_str(), -1);
            if (dialog.frames_shown++ == 1) requests.push_back(ApplyImportRequest{});
            break;
        case Stage::Done:
            ImGui::TextWrapped("%s %s", icons::kCheck, dialog.result.c_str());
            TheItemRegistry().RecordLastItem("import-result");
            if (PrimaryButton(TrLabel("Close##import-close"))) close = true;
            break;
        case Stage::Failed:
            ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().danger);
            ImGui::TextWrapped("%s %s", icons::kWarning, dialog.error.c_str());
            ImGui::PopStyleColor();
            TheItemRegistry().RecordLastItem("import-error");
            ImGui::TextUnformatted(Tr("Nothing was changed."));
            if (ImGui::Button(TrLabel("Close##import-close"))) close = true;
            break;
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) &&
        (dialog.stage == Stage::Checking || dialog.stage == Stage::Preview || dialog.stage == Stage::Done ||
         dialog.stage == Stage::Failed))
        close = true;
    if (close) {
        dialog = ImportDialog{};
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace tackboard
