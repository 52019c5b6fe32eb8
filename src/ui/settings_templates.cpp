// settings_templates.cpp — the "Templates" settings tab (settings_templates.hpp).
//
// A template is picked (a built-in's "Apply…", or a file), its preview says what will
// happen to the tickets, and "Apply template" pushes the one change (core/board_template.hpp)
// that the view's undo takes back whole.
#include "ui/settings_templates.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>

#include "core/board_template.hpp"
#include "platform/template_files_web.hpp"
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

using nlohmann::json;

// The built-ins' names and descriptions as the UI shows them (their content is English).
struct BuiltInText {
    const char* key;
    const char* name;
    const char* description;
};
constexpr BuiltInText kBuiltInTexts[] = {
    {"it_support", TrNoop("IT support desk"),
     TrNoop("Requests and incidents from colleagues: triage, work, wait for the requester, resolve. Response and resolution targets in office hours.")},
    {"software", TrNoop("Software bugs & features"),
     TrNoop("A product team's tracker: bugs and feature requests from report to release, with severity and the version they were found in.")},
    {"hr_facilities", TrNoop("HR / facilities requests"),
     TrNoop("Requests from staff to HR and the office team: onboarding, equipment, rooms and repairs, with approvals and office-hours targets.")},
};

std::string NameOf(const BoardTemplate& t) {
    for (const BuiltInText& text : kBuiltInTexts)
        if (t.key == text.key) return Tr(text.name);
    return t.name;
}
std::string DescriptionOf(const BoardTemplate& t) {
    for (const BuiltInText& text : kBuiltInTexts)
        if (t.key == text.key) return Tr(text.description);
    return t.description;
}


const BoardTemplate* Pending(const TemplateSettingsState& s) {
    if (s.pending_key == "file") return s.file_template ? &*s.file_template : nullptr;
    for (const BoardTemplate& t : BuiltInTemplates())
        if (t.key == s.pending_key) return &t;
    return nullptr;
}

// "my-board-template.json" from the board's name.
std::string TemplateFileName(const UiState& ui) {
    std::string name;
    for (const BoardEntry& b : ui.boards.list.boards)
        if (b.id == ui.boards.list.current) name = b.name;
    if (name.empty()) name = Tr("My board");
    std::string out;
    for (unsigned char c : name) {
        if (std::isalnum(c) || c >= 0x80) out += static_cast<char>(c >= 0x80 ? c : std::tolower(c));
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return (out.empty() ? std::string("board") : out) + "-template.json";
}

std::string MoveText(const TemplateMove& m) {
    const std::string tickets = Counted(static_cast<long long>(m.tickets), "%s ticket", "%s tickets");
    const char* format = m.what == TemplateMove::What::Status ? Tr("Status \"%s\" becomes \"%s\": %s")
                         : m.what == TemplateMove::What::Type ? Tr("Type \"%s\" becomes \"%s\": %s")
                                                              : Tr("Priority \"%s\" becomes \"%s\": %s");
    return Format(format, TrName(m.from), TrName(m.to), tickets.c_str());
}

// What applying the pending template will do, and the buttons that apply or cancel it.
void DrawPreview(const App& app, const Fonts& fonts, TemplateSettingsState& s, std::vector<Request>& requests) {
    const BoardTemplate* tpl = Pending(s);
    if (!tpl) return;
    ImGui::Separator();
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(Format(Tr("Apply \"%s\"?"), NameOf(*tpl).c_str()).c_str());
    ImGui::PopFont();
    ImGui::TextWrapped("%s", Tr("It replaces the statuses, transitions, priorities, ticket types, labels and helpdesk settings (SLA, automation, canned answers, triage, routing). Members and saved views stay."));
    const TemplatePreview preview = PreviewTemplate(app.board(), *tpl);
    if (preview.moves.empty() && preview.comments == 0) ImGui::TextWrapped("%s", Tr("No ticket needs to change."));
    for (auto what : {TemplateMove::What::Status, TemplateMove::What::Type, TemplateMove::What::Priority})
        for (const TemplateMove& m : preview.moves)
            if (m.what == what) ImGui::BulletText("%s", MoveText(m).c_str());
    if (preview.comments > 0)
        ImGui::BulletText("%s", Format(Tr("Values no field of the new type can hold, kept as internal comments: %s"),
                                       FormatNumber(static_cast<long long>(preview.comments)).c_str())
                                    .c_str());
    TheItemRegistry().RecordLastItem("template-preview");
    ImGui::TextDisabled("%s", Tr("One change: Ctrl+Z undoes all of it."));
    if (PrimaryButton(TrLabel("Apply template##template-confirm"))) {
        const std::string author = app.identity().name.empty() ? "me" : app.identity().name;
        auto change = ApplyTemplateChange(app.board(), *tpl, app.Now(), author, nullptr);
        if (!change) {
            s.file_error = AsSentence(change.error().message);
        } else {
                    requests.push_back(ChangeRequest{std::move(change.value()), ChangeSource::Settings});
            s.applied = Format(Tr("\"%s\" was applied. Ctrl+Z undoes it."), NameOf(*tpl).c_str());
        }
        s.pending_key.clear();
    }
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Cancel##template-cancel"))) s.pending_key.clear();
}

}  // namespace

void DrawTemplateSettings(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    TemplateSettingsState& s = ui.template_settings;
    if (s.file_arrived) {  // a file chosen with "Import a template file…"
        s.file_arrived = false;
        s.applied.clear();
        s.file_template.reset();
        if (s.file_error.empty()) {
            auto parsed = ParseTemplate(s.file_text);
            if (parsed) {
                s.file_template = std::move(parsed.value());
                s.pending_key = "file";
            } else {
                s.file_error = Format(Tr("%s cannot be used: %s"), s.file_name.c_str(), AsSentence(parsed.error().Describe()).c_str());
                s.pending_key.clear();
            }
        }
        s.file_text.clear();
    }

    ImGui::TextWrapped("%s", Tr("A template is a board's whole setup: statuses, transitions, priorities, ticket types with their fields, labels and helpdesk settings. Tickets that no longer fit are moved, and nothing is lost."));
    if (!s.applied.empty()) {
        ImGui::TextWrapped("%s %s", icons::kCheck, s.applied.c_str());
        TheItemRegistry().RecordLastItem("template-applied");
    }
    ImGui::Spacing();
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(Tr("Built-in templates"));
    ImGui::PopFont();
    for (const BoardTemplate& t : BuiltInTemplates()) {
        ImGui::PushID(t.key.c_str());
        ImGui::PushFont(fonts.strong);
        ImGui::TextUnformatted(NameOf(t).c_str());
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::TextDisabled("%s", Format(Tr("%s statuses, %s ticket types"), FormatNumber(static_cast<long long>(t.config.statuses.size())).c_str(),
                                         FormatNumber(static_cast<long long>(t.config.types.size())).c_str())
                                      .c_str());
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(300.0f, ImGui::GetContentRegionAvail().x - 160.0f));
        ImGui::TextWrapped("%s", DescriptionOf(t).c_str());
        ImGui::PopTextWrapPos();
        if (ImGui::Button(TrId("Apply…", ("template-apply-" + t.key).c_str()))) {
            s.pending_key = t.key;
            s.applied.clear();
            s.file_error.clear();
        }
        ImGui::PopID();
        if (s.pending_key == t.key) DrawPreview(app, fonts, s, requests);
        ImGui::Spacing();
    }
    ImGui::Separator();
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(Tr("Template files"));
    ImGui::PopFont();
    if (ImGui::Button(TrLabel("Export settings as a template##template-export"))) {
        const std::string name = TemplateFileName(ui);
        DownloadTemplateFile(name, TemplateToJson(TemplateFromBoard(app.board().config(), name.substr(0, name.size() - 14))).dump(2));
    }
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Import a template file…##template-import"))) {
        s.file_error.clear();
        s.applied.clear();
        PickTemplateFile();
    }
    if (!s.file_error.empty()) ErrorText(s.file_error, "template-file-message");
    if (s.pending_key == "file") DrawPreview(app, fonts, s, requests);
}

}  // namespace tackboard
