#include "ui/sync_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

constexpr const char* kDialog = "Sync with a server###sync-dialog";

// ImGui edits C strings; the settings hold std::string.
bool InputString(const char* label, std::string& value, ImGuiInputTextFlags flags = 0) {
    char buffer[1024];
    std::strncpy(buffer, value.c_str(), sizeof buffer - 1);
    buffer[sizeof buffer - 1] = '\0';
    if (!ImGui::InputText(label, buffer, sizeof buffer, flags)) return false;
    value = buffer;
    return true;
}

// What the indicator says, and in which colour.
std::string IndicatorText(const SyncView& view, ImU32& colour) {
    const SyncStatus& s = view.status;
    colour = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    switch (s.state) {
        case SyncStatus::State::Off: return Tr("Sync off");
        case SyncStatus::State::Syncing:
            // A first download or upload of a big board takes a while: show it moving.
            if (s.received + s.sent >= 1000)
                return Format(Tr("Syncing… %s"), FormatNumber(s.received + s.sent).c_str());
            return Tr("Syncing…");
        case SyncStatus::State::Offline:
            return s.pending ? Format(Tr("Offline, %s to send"), FormatNumber(s.pending).c_str()) : Tr("Offline");
        case SyncStatus::State::Waiting:
            colour = CurrentTheme().danger;
            return Tr("Sync failed");
        case SyncStatus::State::Idle:
            if (s.pending) return Format(Tr("%s to send"), FormatNumber(s.pending).c_str());
            return Format(Tr("Synced %s"), AgoText(s.last_synced, view.now).c_str());
    }
    return {};
}

void DrawStatusLines(const SyncView& view) {
    const SyncStatus& s = view.status;
    if (!view.available) {
        ImGui::TextWrapped("%s", Tr("Another tab of this board syncs it; this tab follows that tab."));
        return;
    }
    if (s.state == SyncStatus::State::Off) {
        ImGui::TextWrapped("%s", Tr("Sync is off: this board stays in this browser and no request is ever made."));
        return;
    }
    ImGui::Text("%s", s.last_synced ? Format(Tr("Last synced: %s"), AgoText(s.last_synced, view.now).c_str()).c_str()
                                    : Tr("Not synced yet"));
    ImGui::Text("%s", Format(Tr("Changes to send: %s"), FormatNumber(s.pending).c_str()).c_str());
    if (s.state == SyncStatus::State::Syncing && (s.received || s.sent))
        ImGui::Text("%s", Format(Tr("Received %s, sent %s"), FormatNumber(s.received).c_str(),
                                 FormatNumber(s.sent).c_str()).c_str());
    if (s.state == SyncStatus::State::Offline)
        ImGui::TextWrapped("%s", Tr("The browser is offline. Changes are kept and sent when the network is back."));
    if (!s.last_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().danger);
        ImGui::TextWrapped("%s", Format(Tr("Last error: %s"), s.last_error.c_str()).c_str());
        ImGui::PopStyleColor();
        if (s.state == SyncStatus::State::Waiting && s.retry_at > view.now)
            ImGui::Text("%s", Format(Tr("Trying again in %d s"), static_cast<int>((s.retry_at - view.now + 999) / 1000)).c_str());
    }
    if (!s.warning.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().warning_text);
        ImGui::TextWrapped("%s %s", icons::kWarning, s.warning.c_str());
        ImGui::PopStyleColor();
    }
    if (!s.refused.empty()) {
        ImGui::TextWrapped("%s", Format(TrCount(static_cast<long long>(s.refused.size()), "%s ticket not synced:",
                                                "%s tickets not synced:"),
                                        FormatNumber(s.refused.size()).c_str()).c_str());
        int shown = 0;
        for (const auto& [id, why] : s.refused) {
            if (++shown > 5) break;
            ImGui::BulletText("%s: %s", id.c_str(), why.c_str());
        }
    }
}

void DrawForm(SyncView& view) {
    SyncSettings& d = view.draft;
    int kind = static_cast<int>(d.kind);
    ImGui::TextUnformatted(Tr("Server"));
    ImGui::RadioButton(TrLabel("Off##sync-kind"), &kind, static_cast<int>(SyncSettings::Kind::Off));
    ImGui::SameLine();
    ImGui::RadioButton(TrLabel("CouchDB##sync-kind"), &kind, static_cast<int>(SyncSettings::Kind::CouchDb));
    ImGui::SameLine();
    ImGui::RadioButton(TrLabel("REST endpoint##sync-kind"), &kind, static_cast<int>(SyncSettings::Kind::Rest));
    d.kind = static_cast<SyncSettings::Kind>(kind);
    if (d.kind == SyncSettings::Kind::Off) return;

    ImGui::SetNextItemWidth(-1);
    InputString(TrLabel("##sync-url"), d.url);
    TheItemRegistry().RecordLastItem("sync-url");
    ImGui::TextDisabled("%s", d.kind == SyncSettings::Kind::CouchDb
                                  ? Tr("The database's address, e.g. https://couch.example.org/helpdesk")
                                  : Tr("The server's address, e.g. https://example.org/api"));
    ImGui::SetNextItemWidth(-1);
    InputString(TrLabel("##sync-token"), d.token, ImGuiInputTextFlags_Password);
    TheItemRegistry().RecordLastItem("sync-token");
    ImGui::TextDisabled("%s", Tr("Token (sent as a bearer token), or user:password; kept in this browser only"));
    if (d.kind == SyncSettings::Kind::Rest) {
        ImGui::SetNextItemWidth(200);
        InputString(TrLabel("Collection path##sync-collection"), d.collection);
        ImGui::SetNextItemWidth(200);
        InputString(TrLabel("Id field##sync-id-field"), d.id_field);
        static const char* kStyles[] = {TrNoop("ETag and If-Match"), TrNoop("Version field"),
                                        TrNoop("None (last writer wins)")};
        int style = static_cast<int>(d.concurrency);
        ImGui::SetNextItemWidth(200);
        if (ImGui::BeginCombo(TrLabel("Concurrency##sync-concurrency"), Tr(kStyles[style]))) {
            for (int i = 0; i < 3; ++i)
                if (ImGui::Selectable(Tr(kStyles[i]), i == style)) d.concurrency = static_cast<SyncSettings::Concurrency>(i);
            ImGui::EndCombo();
        }
        if (d.concurrency == SyncSettings::Concurrency::Version) {
            ImGui::SetNextItemWidth(200);
            InputString(TrLabel("Version field##sync-version-field"), d.version_field);
        }
        ImGui::SetNextItemWidth(200);
        ImGui::InputInt(TrLabel("Check every (seconds)##sync-interval"), &d.interval_seconds);
    }
}

}  // namespace

const char* RoleName(Role role) {
    switch (role) {
        case Role::Requester: return Tr("requester");
        case Role::Agent: return Tr("agent");
        case Role::Lead: return Tr("lead");
    }
    return "";
}

std::optional<Identity> DrawIdentitySection(const Identity& me, IdentityForm& form, const char* id) {
    const std::string suffix = std::string("##") + id;
    if (me.from_server) {
        ImGui::TextWrapped("%s", Format(Tr("Signed in by the server as %s (%s)."), me.name.c_str(), RoleName(me.role)).c_str());
        TheItemRegistry().RecordLastItem(std::string("signed-in-") + id);
        return std::nullopt;
    }
    if (!form.loaded) {
        form.name = me.name;
        form.role = me.role;
        form.loaded = true;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().text_muted);
    ImGui::TextWrapped("%s", Tr("On a board kept only in this browser roles are a convenience, not a protection."));
    ImGui::PopStyleColor();
    TheItemRegistry().RecordLastItem(std::string("local-roles-") + id);
    ImGui::SetNextItemWidth(std::min(260.0f, ImGui::GetContentRegionAvail().x));
    InputString(("##identity-name-" + std::string(id)).c_str(), form.name, Tr("Your name or e-mail"));
    TheItemRegistry().RecordLastItem(std::string("identity-name-") + id);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(140);
    if (BeginRecordedCombo(("##identity-role-" + std::string(id)).c_str(), RoleName(form.role))) {
        for (Role role : {Role::Requester, Role::Agent, Role::Lead})
            if (ImGui::Selectable((std::string(RoleName(role)) + "###role-" + ToString(role) + "-" + id).c_str(), role == form.role))
                form.role = role;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    std::optional<Identity> chosen;
    if (ImGui::Button(TrId("Use", ("use-identity-" + std::string(id)).c_str()))) {
        std::string name = form.name;
        name.erase(0, name.find_first_not_of(" \t"));
        name.erase(name.find_last_not_of(" \t") + 1);
        if (auto problem = IdentityNameProblem(name)) {
            form.error = AsSentence(*problem);
        } else {
            form.error.clear();
            form.name = name;
            chosen = Identity{name, form.role, false};
        }
    }
    if (!form.error.empty()) ErrorText(form.error, ("identity-error" + suffix).c_str());
    return chosen;
}

std::string AgoText(Millis then, Millis now) {
    if (then <= 0) return Tr("never");
    Millis seconds = (now - then) / 1000;
    if (seconds < 45) return Tr("just now");
    if (seconds < 3600) return Format(Tr("%d min ago"), static_cast<int>((seconds + 30) / 60));
    if (seconds < 24 * 3600) return Format(Tr("%d h ago"), static_cast<int>(seconds / 3600));
    return FormatDate(then, CurrentLanguage());
}

bool DrawSyncIndicator(SyncView& view) {
    ImU32 colour = 0;
    std::string text = IndicatorText(view, colour);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    bool clicked = ImGui::Button((std::string(icons::kRefresh) + " " + text + "###sync").c_str());
    ImGui::PopStyleColor();
    TheItemRegistry().RecordLastItem("Sync");
    if (ImGui::IsItemHovered()) {
        const SyncStatus& s = view.status;
        ImGui::SetTooltip("%s", s.last_error.empty() ? Tr("Sync settings and status") : s.last_error.c_str());
    }
    if (clicked) {
        view.open = true;
        view.draft = view.settings;
        view.form_error.clear();
        view.probe_result.clear();  // DrawSyncDialog opens the popup, at its own ID level
    }
    return view.status.state == SyncStatus::State::Syncing;
}

bool DrawSyncDialog(SyncView& view) {
    if (view.open && !ImGui::IsPopupOpen(kDialog)) ImGui::OpenPopup(kDialog);
    ImGui::SetNextWindowSize(ImVec2(560, 0), ImGuiCond_Appearing);
    bool open = true;
    if (!ImGui::BeginPopupModal(kDialog, &open, ImGuiWindowFlags_AlwaysAutoResize)) {
        view.open = false;
        return false;
    }
    DrawStatusLines(view);
    ImGui::Separator();
    ImGui::TextUnformatted(Tr("Who you are"));
    if (auto chosen = DrawIdentitySection(view.identity, view.identity_form, "sync")) view.set_identity = chosen;
    ImGui::Separator();
    ImGui::BeginDisabled(!view.available);
    DrawForm(view);
    ImGui::Spacing();
    if (!view.form_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().danger);
        ImGui::TextWrapped("%s", view.form_error.c_str());
        ImGui::PopStyleColor();
    }
    if (view.probing) ImGui::TextUnformatted(Tr("Testing…"));
    else if (!view.probe_result.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, view.probe_ok ? CurrentTheme().ok : CurrentTheme().danger);
        ImGui::TextWrapped("%s", view.probe_result.c_str());
        ImGui::PopStyleColor();
    }
    bool server = view.draft.kind != SyncSettings::Kind::Off;
    ImGui::BeginDisabled(!server || view.probing);
    if (ImGui::Button(TrLabel("Test connection##sync"))) view.probe = true;
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (PrimaryButton(TrLabel("Save##sync"))) view.save = true;
    ImGui::SameLine();
    ImGui::BeginDisabled(!view.settings.enabled());
    if (ImGui::Button(TrLabel("Sync now##sync"))) view.sync_now = true;
    ImGui::EndDisabled();
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Close##sync")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
        view.open = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
    if (!open) view.open = false;
    return view.probing || view.status.state == SyncStatus::State::Syncing;
}

}  // namespace tackboard
