// notification_centre.cpp — see notification_centre.hpp.
//
// [SECTION] Reminders, seen and told: what the bell counts and the browser hears
// [SECTION] The bell
// [SECTION] The list
#include "ui/notification_centre.hpp"

#include <imgui.h>

#include <algorithm>

#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/sync_panel.hpp"  // AgoText
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

constexpr Millis kRecomputeEveryMs = 60'000;
// After a change, the reminders wait this long: a pass over a large board (~10-20 ms at
// 100k) then falls in a pause rather than on the frame that shows the edit, and a burst of
// edits costs one pass.
constexpr Millis kAfterChangeMs = 1'000;

// -----------------------------------------------------------------------------
// [SECTION] Reminders, seen and told
// -----------------------------------------------------------------------------

std::string KeyOf(const Board& board, const Reminder& r) {
    return std::string(ToString(r.kind)) + ":" + board.tickets()[r.ticket].id;
}

// While the list is on screen, what it shows counts as seen.
void MarkAllSeen(const App& app, NotificationCentreState& state) {
    state.seen_total = app.notifications_total();
    for (const Reminder& r : state.reminders) state.seen.insert(KeyOf(app.board(), r));
    state.unseen_reminders = 0;
}

const char* KindText(ReminderKind kind) {
    switch (kind) {
        case ReminderKind::SlaBreached: return Tr("SLA breached");
        case ReminderKind::Overdue: return Tr("Overdue");
        case ReminderKind::SlaAtRisk: return Tr("SLA at risk");
        case ReminderKind::DueSoon: return Tr("Due soon");
    }
    return "";
}

ImU32 KindColour(ReminderKind kind) {
    const Theme& theme = CurrentTheme();
    switch (kind) {
        case ReminderKind::SlaBreached:
        case ReminderKind::Overdue: return theme.danger;
        case ReminderKind::SlaAtRisk: return theme.warning_text;
        case ReminderKind::DueSoon: return theme.accent;
    }
    return theme.text;
}

// "in 20 min", "in 3 h", else the date; AgoText's counterpart.
std::string InText(Millis then, Millis now) {
    Millis minutes = (then - now + 59'999) / 60'000;
    if (minutes < 60) return Format(Tr("in %d min"), static_cast<int>(std::max<Millis>(minutes, 1)));
    if (minutes < 24 * 60) return Format(Tr("in %d h"), static_cast<int>(minutes / 60));
    return FormatDate(then);
}

// When a reminder's instant is, said from now: past ones "2 h ago", coming ones "in 2 h".
std::string WhenText(const Reminder& r, Millis now) { return r.at <= now ? AgoText(r.at, now) : InText(r.at, now); }

std::string TicketTitle(const Board& board, const std::string& id) {
    const Ticket* t = board.Find(id);
    return t ? t->title : id;
}

}  // namespace

bool RefreshNotifications(const App& app, NotificationCentreState& state, Millis now) {
    if (state.app != &app) {  // a following tab took over writing: its App counts from zero
        state.app = &app;
        state.revision = ~0ull;
        state.seen_total = state.told_total = 0;
    }
    const std::size_t before = UnseenCount(app, state);
    if (state.revision != app.revision() && state.change_seen_at == 0) state.change_seen_at = now;
    const bool first = state.revision == ~0ull;
    const bool stale = first || now < state.computed_at || now - state.computed_at >= kRecomputeEveryMs ||
                       (state.change_seen_at != 0 && (now < state.change_seen_at || now - state.change_seen_at >= kAfterChangeMs));
    if (stale) {
        state.revision = app.revision();
        state.computed_at = now;
        state.change_seen_at = 0;
        state.reminders = ComputeReminders(app.board(), app.helpdesk().settings.sla, now);
        state.reminders_to_tell = true;
        if (state.visible) {
            MarkAllSeen(app, state);
        } else {
            state.unseen_reminders = 0;
            for (const Reminder& r : state.reminders)
                state.unseen_reminders += !state.seen.contains(KeyOf(app.board(), r));
        }
    }
    // A frame when the bell's count changed, or when the open centre's list may have.
    return UnseenCount(app, state) != before || (stale && state.visible);
}

std::size_t UnseenCount(const App& app, const NotificationCentreState& state) {
    std::uint64_t total = app.notifications_total();
    return (total > state.seen_total ? total - state.seen_total : 0) + state.unseen_reminders;
}

std::vector<BrowserNotice> TakeBrowserNotices(const App& app, NotificationCentreState& state) {
    std::vector<BrowserNotice> out;
    if (state.permission != "granted") return out;
    const Board& board = app.board();
    std::size_t more = 0;
    auto add = [&](BrowserNotice notice) {
        if (out.size() < kMaxNoticesAtOnce) out.push_back(std::move(notice));
        else ++more;
    };
    // Rule notifications added since the last time, oldest first (those the app no longer
    // keeps are only counted).
    const std::vector<RuleNotification>& kept = app.notifications();
    const std::uint64_t total = app.notifications_total();
    if (total > state.told_total) {
        std::uint64_t fresh = total - state.told_total;
        std::size_t first = kept.size() - static_cast<std::size_t>(std::min<std::uint64_t>(fresh, kept.size()));
        more += static_cast<std::size_t>(fresh - (kept.size() - first));
        for (std::size_t i = first; i < kept.size(); ++i) {
            const RuleNotification& n = kept[i];
            add({n.message, TicketTitle(board, n.ticket_id) + " · " + Format(Tr("by rule %s"), n.rule.c_str()),
                 "tackboard-rule-" + std::to_string(total - (kept.size() - i))});
        }
    }
    state.told_total = std::max(state.told_total, total);
    if (state.reminders_to_tell) {
        state.reminders_to_tell = false;
        for (const Reminder& r : state.reminders) {
            std::string key = KeyOf(board, r);
            if (!state.told.insert(key).second) continue;
            add({r.title, std::string(KindText(r.kind)) + " · " + WhenText(r, app.Now()), "tackboard-" + key});
        }
    }
    if (more > 0)
        out.push_back({Format(TrCount(static_cast<long long>(more), "%s more notification", "%s more notifications"),
                              FormatNumber(static_cast<long long>(more)).c_str()),
                       Tr("See them all in Tackboard's notification centre."), "tackboard-more"});
    return out;
}

// -----------------------------------------------------------------------------
// [SECTION] The bell
// -----------------------------------------------------------------------------

void DrawNotificationButton(const App& app, UiState& ui) {
    NotificationCentreState& state = ui.notifications;
    RefreshNotifications(app, state, ui.helpdesk.now);
    const std::size_t unseen = UnseenCount(app, state);
    std::string label = icons::kBell;
    if (unseen > 0) label += " " + (unseen > 99 ? std::string("99+") : FormatNumber(static_cast<long long>(unseen)));
    ImGui::PushStyleColor(ImGuiCol_Text, unseen > 0 ? CurrentTheme().danger : CurrentTheme().text);
    const bool clicked = ImGui::Button((label + "###notifications").c_str());
    ImGui::PopStyleColor();
    TheItemRegistry().RecordLastItem("notifications-count " + std::to_string(unseen));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Notifications and reminders"));
    if (clicked) {
        state.open_requested = true;
        state.anchor_x = ImGui::GetItemRectMax().x;  // the list hangs from the bell's right edge
        state.anchor_y = ImGui::GetItemRectMax().y + 4;
    }
}

// -----------------------------------------------------------------------------
// [SECTION] The list
// -----------------------------------------------------------------------------

namespace {

// Asks for browser notifications, or says what the browser allows.
void DrawBrowserNotifications(NotificationCentreState& state) {
    const Theme& theme = CurrentTheme();
    const std::string& permission = state.permission;
    if (permission == "granted" || permission == "denied" || permission == "unsupported") {
        const char* text = permission == "granted" ? Tr("Browser notifications are on.")
                           : permission == "denied"
                               ? Tr("The browser blocks notifications from this page: allow them in its site settings.")
                               : Tr("This browser cannot show notifications.");
        ImGui::PushStyleColor(ImGuiCol_Text, permission == "granted" ? theme.text_muted : theme.warning_text);
        ImGui::TextWrapped("%s", text);
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem("notifications-browser:" + permission);
        return;
    }
    if (ImGui::Button(TrLabel("Show as browser notifications##notifications"))) state.permission_requested = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", Tr("While Tackboard is open, tell me of new reminders and rule notifications outside the page too"));
}

// One row of the table; a click opens the ticket. Returns whether it was clicked.
bool DrawRow(const char* what, ImU32 what_colour, const std::string& title, const std::string& detail,
             const std::string& when, const std::string& registry_label) {
    const Theme& theme = CurrentTheme();
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::PushID(registry_label.c_str());
    const bool clicked = ImGui::Selectable("##row", false, ImGuiSelectableFlags_SpanAllColumns);
    TheItemRegistry().RecordLastItem(registry_label);
    ImGui::PopID();
    ImGui::SameLine(0, 0);
    ImGui::PushStyleColor(ImGuiCol_Text, what_colour);
    ImGui::TextUnformatted(what);
    ImGui::PopStyleColor();
    ImGui::TableSetColumnIndex(1);
    ImGui::TextUnformatted(title.c_str());
    if (!detail.empty()) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, theme.text_muted);
        ImGui::TextUnformatted(detail.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::TableSetColumnIndex(2);
    ImGui::PushStyleColor(ImGuiCol_Text, theme.text_muted);
    ImGui::TextUnformatted(when.c_str());
    ImGui::PopStyleColor();
    return clicked;
}

}  // namespace

void DrawNotificationCentre(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    (void)requests;  // opening a ticket is the UI's own business
    NotificationCentreState& state = ui.notifications;
    if (state.open_requested) {
        state.open_requested = false;
        ImGui::OpenPopup("notification-centre");
        MarkAllSeen(app, state);
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float width = std::min(620.0f, viewport->WorkSize.x - 16);
    const float x = std::clamp(state.anchor_x - width, viewport->WorkPos.x + 8,
                               viewport->WorkPos.x + viewport->WorkSize.x - width - 8);
    ImGui::SetNextWindowPos(ImVec2(x, state.anchor_y), ImGuiCond_Appearing);
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    state.visible = ImGui::BeginPopup("notification-centre");
    if (!state.visible) return;
    if (UnseenCount(app, state) > 0) MarkAllSeen(app, state);  // arrived while open

    const Board& board = app.board();
    const Millis now = ui.helpdesk.now;
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(Tr("Notifications and reminders"));
    ImGui::PopFont();
    ImGui::Separator();

    const std::vector<RuleNotification>& notes = app.notifications();
    const std::vector<Reminder>& reminders = state.reminders;
    const int rows = static_cast<int>(notes.size() + reminders.size());
    if (rows == 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().text_muted);
        ImGui::TextUnformatted(Tr("Nothing needs your attention: no reminders, no rule notifications."));
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem("notifications-empty");
    } else {
        const ImGuiStyle& style = ImGui::GetStyle();
        const float row_height = ImGui::GetTextLineHeight() + style.CellPadding.y * 2;
        // As tall as its rows, up to 60 % of the screen; scrolled beyond.
        const float max_height = viewport->WorkSize.y * 0.6f;
        const bool scrolls = rows * row_height > max_height;
        if (ImGui::BeginTable("notification-list", 3, ImGuiTableFlags_RowBg | (scrolls ? ImGuiTableFlags_ScrollY : 0),
                              ImVec2(0, scrolls ? max_height : 0))) {
            ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthFixed, 130);
            ImGui::TableSetupColumn("ticket", ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableSetupColumn("when", ImGuiTableColumnFlags_WidthFixed, 100);
            std::string open;  // the ticket a click asked for
            ImGuiListClipper clipper;  // tens of thousands of overdue tickets are possible
            clipper.Begin(rows);
            while (clipper.Step())
                for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
                    if (row < static_cast<int>(notes.size())) {  // rule notifications, newest first
                        const RuleNotification& n = notes[notes.size() - 1 - row];
                        std::string title = TicketTitle(board, n.ticket_id);
                        if (DrawRow(n.message.c_str(), CurrentTheme().text, title,
                                    Format(Tr("by rule %s"), n.rule.c_str()), AgoText(n.at, now),
                                    "notification:" + title))
                            open = n.ticket_id;
                    } else {
                        const Reminder& r = reminders[row - notes.size()];
                        if (r.ticket >= board.tickets().size()) continue;
                        const std::string& id = board.tickets()[r.ticket].id;
                        if (DrawRow(KindText(r.kind), KindColour(r.kind), r.title, "", WhenText(r, now),
                                    std::string("reminder:") + ToString(r.kind) + ":" + r.title))
                            open = id;
                    }
                }
            clipper.End();
            ImGui::EndTable();
            if (!open.empty() && board.Find(open)) {
                OpenTicket(ui, open);
                ImGui::CloseCurrentPopup();
            }
        }
    }
    ImGui::Separator();
    DrawBrowserNotifications(state);
    ImGui::EndPopup();
}

}  // namespace tackboard
