// request_view.cpp — see request_view.hpp.
//
// [SECTION] My requests and their news (no ImGui)
// [SECTION] Actions: what the view asks of the App
// [SECTION] Who you are, and the top of the window
// [SECTION] Submit a request
// [SECTION] My requests
// [SECTION] The window
#include "ui/request_view.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // RenderArrow

#include <algorithm>
#include <optional>
#include <variant>

#include "core/change.hpp"
#include "core/similar.hpp"
#include "ui/field_editor.hpp"
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/markdown_view.hpp"
#include "ui/notification_centre.hpp"
#include "ui/sync_panel.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

using nlohmann::json;

constexpr const char* kSeenFile = "request-seen.json";
constexpr std::size_t kMaxSuggestions = 3;
constexpr std::size_t kExcerptBytes = 140;
constexpr float kTwoPanesWidth = 860.0f;  // narrower: the form above the list (a phone)

// -----------------------------------------------------------------------------
// [SECTION] My requests and their news (no ImGui)
// -----------------------------------------------------------------------------

bool IsMine(const Ticket& t, const std::string& me) { return !me.empty() && !t.deleted && t.requester == me; }

bool InDoneStatus(const Ticket& t, const BoardConfig& config) {
    const StatusDef* status = config.FindStatus(t.status);
    return status && status->category == StatusCategory::Done;
}

// A comment the requester may read and that comes from the team: public, not their own.
bool IsAnswer(const Ticket& t, const Comment& c) { return !c.internal && c.author != t.requester && !c.body.empty(); }

int AnswerCount(const Ticket& t) {
    return static_cast<int>(std::count_if(t.comments.begin(), t.comments.end(), [&](const Comment& c) { return IsAnswer(t, c); }));
}

const Comment* LatestAnswer(const Ticket& t) {
    for (auto it = t.comments.rbegin(); it != t.comments.rend(); ++it)
        if (IsAnswer(t, *it)) return &*it;
    return nullptr;
}

int SeenNumber(const json& seen, const std::string& id, const char* key) {
    auto entry = seen.find(id);
    if (entry == seen.end() || !entry->is_object()) return 0;
    auto value = entry->find(key);
    return value != entry->end() && value->is_number_integer() ? value->get<int>() : 0;
}

bool SeenFlag(const json& seen, const std::string& id, const char* key) {
    auto entry = seen.find(id);
    if (entry == seen.end() || !entry->is_object()) return false;
    auto value = entry->find(key);
    return value != entry->end() && value->is_boolean() && value->get<bool>();
}

// Sets seen[id][key] = value; true when that changed it.
bool Remember(json& seen, const std::string& id, const char* key, const json& value) {
    json& entry = seen[id];
    if (!entry.is_object()) entry = json::object();
    if (entry.value(key, json()) == value) return false;
    entry[key] = value;
    return true;
}

void LoadSeen(const App& app, RequestViewState& state) {
    if (state.seen_app == &app) return;
    state.seen_app = &app;
    state.seen_dirty = false;
    state.seen = json::object();
    if (auto text = app.ReadDeviceFile(kSeenFile)) {
        json parsed = json::parse(*text, nullptr, false);
        if (parsed.is_object()) state.seen = std::move(parsed);
    }
}

void SaveSeen(App& app, RequestViewState& state) {
    if (!state.seen_dirty) return;
    state.seen_dirty = false;
    // What was seen is a convenience: failing to keep it only brings the news back.
    (void)app.WriteDeviceFile(kSeenFile, state.seen.dump());
}

// A request back in an open status is no news; it may be resolved again later.
void ForgetReopened(const App& app, RequestViewState& state) {
    const std::string& me = app.identity().name;
    for (const Ticket& t : app.board().tickets()) {
        if (!IsMine(t, me) || InDoneStatus(t, app.board().config())) continue;
        if (SeenFlag(state.seen, t.id, "done")) state.seen_dirty |= Remember(state.seen, t.id, "done", false);
        if (SeenFlag(state.seen, t.id, "told_done")) state.seen_dirty |= Remember(state.seen, t.id, "told_done", false);
    }
}

void MarkSeen(const Ticket& t, const BoardConfig& config, RequestViewState& state) {
    state.seen_dirty |= Remember(state.seen, t.id, "answers", AnswerCount(t));
    state.seen_dirty |= Remember(state.seen, t.id, "done", InDoneStatus(t, config));
}

// My requests, newest first (positions in board.tickets()).
std::vector<std::size_t> MyRequests(const App& app) {
    std::vector<std::size_t> out;
    const auto& tickets = app.board().tickets();
    for (std::size_t i = 0; i < tickets.size(); ++i)
        if (IsMine(tickets[i], app.identity().name)) out.push_back(i);
    std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
        return tickets[a].created != tickets[b].created ? tickets[a].created > tickets[b].created : tickets[a].id > tickets[b].id;
    });
    return out;
}

}  // namespace

std::vector<RequestNews> RequestNewsOf(const App& app, const json& seen, bool told) {
    std::vector<RequestNews> out;
    const BoardConfig& config = app.board().config();
    for (std::size_t position : MyRequests(app)) {
        const Ticket& t = app.board().tickets()[position];
        int answers_known = SeenNumber(seen, t.id, "answers");
        bool done_known = SeenFlag(seen, t.id, "done");
        if (told) {  // what the view showed needs no notification either
            answers_known = std::max(answers_known, SeenNumber(seen, t.id, "told_answers"));
            done_known = done_known || SeenFlag(seen, t.id, "told_done");
        }
        RequestNews news{t.id, t.title, AnswerCount(t) > answers_known, InDoneStatus(t, config) && !done_known};
        if (news.answered || news.resolved) out.push_back(std::move(news));
    }
    return out;
}

std::vector<RequestNotice> TakeRequestNotices(App& app, RequestViewState& state) {
    LoadSeen(app, state);
    ForgetReopened(app, state);
    std::vector<RequestNotice> out;
    for (const RequestNews& news : RequestNewsOf(app, state.seen, true)) {
        const Ticket* t = app.board().Find(news.id);
        if (!t) continue;
        const Comment* answer = LatestAnswer(*t);
        if (out.size() < kMaxNoticesAtOnce) {
            RequestNotice notice;
            notice.title = news.answered ? Format(Tr("New answer to \"%s\""), t->title.c_str())
                                         : Format(Tr("\"%s\" was resolved"), t->title.c_str());
            notice.body = answer ? Excerpt(answer->body, kExcerptBytes) : std::string(Tr("Open Tackboard to see it."));
            notice.tag = "tackboard-request-" + t->id;
            out.push_back(std::move(notice));
        }
        state.seen_dirty |= Remember(state.seen, t->id, "told_answers", AnswerCount(*t));
        state.seen_dirty |= Remember(state.seen, t->id, "told_done", InDoneStatus(*t, app.board().config()));
    }
    SaveSeen(app, state);
    return out;
}

namespace {

// -----------------------------------------------------------------------------
// [SECTION] Actions: what the view asks of the App
// -----------------------------------------------------------------------------

struct Submit {
    json fields;
};
struct ChangeRequested {  // a comment, a reopen or a rating on the unfolded request
    json change;
};
struct UseIdentity {
    Identity identity;
};
using Action = std::variant<Submit, ChangeRequested, UseIdentity>;

void Apply(App& app, UiState& ui, const Action& action) {
    RequestViewState& view = ui.request;
    if (const auto* submit = std::get_if<Submit>(&action)) {
        auto created = app.CreateTicket(submit->fields);
        if (!created) {
            view.form.error = AsSentence(created.error().message);
            return;
        }
        view.sent = submit->fields.value("title", "");
        const std::string type = view.form.type;
        view.form = NewTicketForm{};
        view.form.type = type;
        view.open = created.value();
    } else if (const auto* change = std::get_if<ChangeRequested>(&action)) {
        auto done = app.Execute(change->change);
        view.message = done ? std::string() : AsSentence(done.error().message);
        if (!done) return;
        const std::string op = change->change.value("op", "");
        if (op == "comment") view.comment.clear();
        if (op == "reopen") {
            view.reopen_reason.clear();
            view.reopening = false;
        }
        if (op == "batch") {  // the rating
            view.rating = 0;
            view.rating_remark.clear();
        }
    } else if (const auto* choose = std::get_if<UseIdentity>(&action)) {
        auto done = app.ChooseIdentity(choose->identity.name, choose->identity.role);
        view.identity.error = done ? std::string() : AsSentence(done.error().message);
        ui.sync.identity_form.loaded = false;  // the sync dialog shows the new one
    }
}

void SectionTitle(const Fonts& fonts, const char* text, const char* id) {
    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
    TheItemRegistry().RecordLastItem(std::string(text) + "##" + id);
}

void Muted(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().text_muted);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

// A small coloured label after the previous item: "New answer", "Resolved".
void Badge(const char* text, ImU32 colour, const std::string& id) {
    ImGui::SameLine();
    const ImVec2 size = ImGui::CalcTextSize(text);
    const ImVec2 pad(6, 1);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + size.x + 2 * pad.x, at.y + size.y + 2 * pad.y), colour, 8.0f);
    ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + pad.x, at.y + pad.y), CurrentTheme().accent_text, text);
    ImGui::Dummy(ImVec2(size.x + 2 * pad.x, size.y + 2 * pad.y));
    TheItemRegistry().RecordLastItem(std::string(text) + "##" + id);
}

// -----------------------------------------------------------------------------
// [SECTION] Who you are, and the top of the window
// -----------------------------------------------------------------------------

void DrawTop(const App& app, const Fonts& fonts, UiState& ui, std::vector<Action>& actions) {
    const Theme& theme = CurrentTheme();
    ImGui::PushFont(fonts.heading);
    ImGui::PushStyleColor(ImGuiCol_Text, theme.accent);
    ImGui::TextUnformatted(icons::kTicket);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextUnformatted(Tr("Help requests"));
    ImGui::PopFont();
    TheItemRegistry().RecordLastItem("request-view-title");
    ImGui::SameLine(0, 16);
    DrawSyncIndicator(ui.sync);
    if (CanWorkTickets(app.identity().role)) {  // an agent or lead looking at the requester's side
        ImGui::SameLine();
        if (ImGui::Button(TrLabel("Back to the board##request"))) ShowView(ui, "board");
    }
    // Browser notifications: asked for only on this click.
    const std::string& permission = ui.notifications.permission;
    ImGui::SameLine();
    if (permission == "default" || permission.empty()) {
        if (ImGui::Button((std::string(icons::kBell) + " " + TrLabel("Allow browser notifications##request")).c_str()))
            ui.notifications.permission_requested = true;
        TheItemRegistry().RecordLastItem("Allow browser notifications");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Be told by the browser when your requests are answered or resolved, while this page is open"));
    } else if (permission == "granted") {
        ImGui::TextDisabled("%s %s", icons::kBell, Tr("Browser notifications are on"));
    } else if (permission == "denied") {
        ImGui::TextDisabled("%s %s", icons::kBell, Tr("The browser blocks notifications for this page"));
    }

    // Who you are.
    const Identity& me = app.identity();
    if (!me.from_server && !me.name.empty()) {
        ImGui::TextUnformatted(Format(Tr("You are %s (%s)."), me.name.c_str(), RoleName(me.role)).c_str());
    }
    if (auto chosen = DrawIdentitySection(me, ui.request.identity, "request")) actions.push_back(UseIdentity{*chosen});

    // Problems the user must hear of (a change the server refused...).
    if (!app.notices().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme.warning_text);
        for (const std::string& notice : app.notices()) ImGui::TextWrapped("%s %s", icons::kWarning, notice.c_str());
        ImGui::PopStyleColor();
    }
}

// The line at the top: which requests have news, each with a button to read it.
void DrawNewsLines(const App& app, UiState& ui) {
    for (const RequestNews& news : RequestNewsOf(app, ui.request.seen, false)) {
        const std::string text = news.answered ? Format(Tr("New answer to \"%s\""), news.title.c_str())
                                               : Format(Tr("\"%s\" was resolved"), news.title.c_str());
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().accent);
        ImGui::TextUnformatted((std::string(icons::kBell) + " " + text).c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem(text + "##news-" + news.id);
        ImGui::SameLine();
        if (ImGui::SmallButton(TrId("Read it", ("read-" + news.id).c_str()))) {
            ui.request.open = news.id;
            if (const Ticket* t = app.board().Find(news.id)) MarkSeen(*t, app.board().config(), ui.request);
        }
    }
}

// -----------------------------------------------------------------------------
// [SECTION] Submit a request
// -----------------------------------------------------------------------------

// Tickets that may already answer the request (knowledge articles, my resolved requests)
// and my own requests about the same thing, found again only when the text or the board
// changed. Another requester's ticket is never suggested: its text is theirs.
void UpdateSuggestions(const App& app, NewTicketForm& form) {
    if (form.suggested_revision == app.revision() && form.suggested_title == form.title &&
        form.suggested_description == form.description)
        return;
    form.suggested_title = form.title;
    form.suggested_description = form.description;
    form.suggested_revision = app.revision();
    form.similar.clear();
    form.answers.clear();
    if (form.title.size() + form.description.size() < 3) return;
    const Board& board = app.board();
    const std::string& me = app.identity().name;
    SimilarOptions options;
    options.limit = 20;  // the filters below drop some
    for (const SimilarTicket& s : FindKnowledge(board, app.index(), form.title, form.description, options)) {
        const Ticket& t = board.tickets()[s.position];
        bool readable = IsKnowledgeArticle(t) ? !t.description.empty() || LatestAnswer(t) : IsMine(t, me) && LatestAnswer(t);
        if (readable && form.answers.size() < kMaxSuggestions) form.answers.push_back(t.id);
    }
    for (const SimilarTicket& s : FindSimilar(board, app.index(), form.title, form.description, app.Now(), options)) {
        const Ticket& t = board.tickets()[s.position];
        if (IsMine(t, me) && form.similar.size() < kMaxSuggestions &&
            std::find(form.answers.begin(), form.answers.end(), t.id) == form.answers.end())
            form.similar.push_back(t.id);
    }
}

void DrawSuggestions(const App& app, const Fonts& fonts, RequestViewState& view) {
    const Board& board = app.board();
    NewTicketForm& form = view.form;
    if (!form.answers.empty()) {
        ImGui::Spacing();
        ImGui::PushFont(fonts.strong);
        ImGui::TextUnformatted((std::string(icons::kLightbulb) + " " + Tr("Maybe this answers it")).c_str());
        ImGui::PopFont();
        TheItemRegistry().RecordLastItem("request-answers-heading");
        for (const std::string& id : form.answers) {
            const Ticket* t = board.Find(id);
            if (!t) continue;
            const Comment* answer = LatestAnswer(*t);
            ImGui::BulletText("%s", t->title.c_str());
            TheItemRegistry().RecordLastItem(t->title + "##request-answer-" + id);
            ImGui::Indent();
            Muted(Excerpt(answer ? answer->body : t->description, kExcerptBytes));
            ImGui::Unindent();
        }
    }
    if (!form.similar.empty()) {
        ImGui::Spacing();
        ImGui::PushFont(fonts.strong);
        ImGui::TextUnformatted(Tr("You already asked about something similar"));
        ImGui::PopFont();
        TheItemRegistry().RecordLastItem("request-similar-heading");
        for (const std::string& id : form.similar) {
            const Ticket* t = board.Find(id);
            if (!t) continue;
            const StatusDef* status = board.config().FindStatus(t->status);
            ImGui::BulletText("%s  (%s)", t->title.c_str(), status ? TrName(status->name) : t->status.c_str());
            TheItemRegistry().RecordLastItem(t->title + "##request-similar-" + id);
            ImGui::SameLine();
            if (ImGui::SmallButton(TrId("Show", ("show-similar-" + id).c_str()))) view.open = id;
        }
    }
}

// What the form would submit; an error (shown under it) when something is missing.
std::optional<json> RequestFields(const App& app, NewTicketForm& form) {
    const BoardConfig& config = app.board().config();
    std::string title = form.title;
    title.erase(0, title.find_first_not_of(" \t\r\n"));
    title.erase(title.find_last_not_of(" \t\r\n") + 1);
    if (title.empty()) {
        form.error = Tr("Give your request a title: a few words saying what the problem is.");
        return std::nullopt;
    }
    json fields = {{"title", title},
                   {"description", form.description},
                   {"type", form.type},
                   {"priority", config.default_priority},
                   {"requester", app.identity().name}};
    if (const TicketTypeDef* type = config.FindType(form.type)) {
        std::vector<std::string> missing = MissingRequired(*type, form.fields);
        if (!missing.empty()) {
            form.error = Format(Tr("Fill in \"%s\": this kind of request needs it."), TrName(missing.front()));
            return std::nullopt;
        }
        if (std::string problem = CollectTypeFields(*type, form.fields, fields); !problem.empty()) {
            form.error = AsSentence(problem);
            return std::nullopt;
        }
    }
    form.error.clear();
    return fields;
}

void DrawSubmitForm(const App& app, const Fonts& fonts, RequestViewState& view, std::vector<Action>& actions) {
    const BoardConfig& config = app.board().config();
    NewTicketForm& form = view.form;
    if (!config.FindType(form.type)) form.type = config.default_type;
    SectionTitle(fonts, Tr("Submit a request"), "submit-heading");
    ImGui::Spacing();

    ImGui::TextUnformatted(Tr("What kind of request?"));
    const TicketTypeDef* type = config.FindType(form.type);
    ImGui::SetNextItemWidth(-1);
    if (BeginRecordedCombo("##request-type", type ? TrName(type->name) : "")) {
        for (const TicketTypeDef& t : config.types)
            if (ImGui::Selectable(NameLabel(t.name, "##request-type").c_str(), &t == type)) form.type = t.id;
        ImGui::EndCombo();
    }
    ImGui::TextUnformatted(Tr("Title"));
    ImGui::SetNextItemWidth(-1);
    InputString("##request-title", form.title, Tr("What is the problem?"));
    // The type's own fields: the same form as the team's new-ticket dialog.
    if (type) DrawTypeFields(*type, config, form.fields);
    ImGui::TextUnformatted(Tr("Description"));
    Muted(Tr("What happened, what you expected, what you tried"));  // a multi-line field shows no hint
    InputString("##request-description", form.description, nullptr, 110.0f);

    UpdateSuggestions(app, form);
    DrawSuggestions(app, fonts, view);

    if (!form.error.empty()) ErrorText(form.error, "request-error");
    ImGui::Spacing();
    if (PrimaryButton(TrLabel("Submit##request"), ImVec2(120, 0)))
        if (auto fields = RequestFields(app, form)) actions.push_back(Submit{std::move(*fields)});
    if (!view.sent.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().ok);
        ImGui::TextWrapped("%s %s", icons::kCheck,
                           Format(Tr("Your request \"%s\" was sent. You can follow it under My requests."), view.sent.c_str()).c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem("request-sent");
    }
}

// -----------------------------------------------------------------------------
// [SECTION] My requests
// -----------------------------------------------------------------------------

// What a requester may do to their request, as the agent side's change records: a
// comment in their name, a reopen with a reason, and the satisfaction batch (the score,
// and their remark as a public comment).
void DrawRequestActions(const Ticket& t, const BoardConfig& config, RequestViewState& view, std::vector<Action>& actions) {
    ImGui::Spacing();
    // (A multi-line field shows no hint: the line above says what it is for.)
    Muted(Tr("Add something, or answer a question from the team"));
    InputString("##request-comment", view.comment, nullptr, 60.0f);
    if (ImGui::Button(TrLabel("Add comment##request"))) {
        if (view.comment.find_first_not_of(" \t\r\n") == std::string::npos)
            view.message = Tr("Write your comment first.");
        else
            actions.push_back(ChangeRequested{{{"op", "comment"},
                                               {"id", t.id},
                                               {"comment", {{"author", t.requester}, {"body", view.comment}, {"internal", false}}}}});
    }
    if (!InDoneStatus(t, config)) return;

    ImGui::Separator();
    // Reopen: only with a reason, which the team reads in the history.
    if (!view.reopening) {
        if (ImGui::Button(TrLabel("Reopen…##request"))) view.reopening = true;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("The problem is back or was not solved: send it back to the team"));
    } else {
        ImGui::SetNextItemWidth(-110);
        InputString("##request-reopen-reason", view.reopen_reason, Tr("Why is it not solved?"));
        ImGui::SameLine();
        if (ImGui::Button(TrLabel("Reopen##request-confirm"))) {
            if (view.reopen_reason.find_first_not_of(" \t\r\n") == std::string::npos)
                view.message = Tr("Say why you reopen the request: the team needs to know what is still wrong.");
            else
                actions.push_back(ChangeRequested{{{"op", "reopen"}, {"id", t.id}, {"reason", view.reopen_reason}}});
        }
    }

    // Rating, like the satisfaction the team records on a resolved ticket.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(t.satisfaction ? Format(Tr("You rated the answer %d of 5"), t.satisfaction).c_str()
                                          : Tr("How well was it solved?"));
    const int shown = view.rating ? view.rating : t.satisfaction;
    for (int score = 1; score <= 5; ++score) {
        ImGui::SameLine();
        const std::string label = std::to_string(score) + "###request-rating-" + std::to_string(score);
        if (ToggleButton(label.c_str(), score == shown)) view.rating = score;
    }
    ImGui::SetNextItemWidth(-130);
    InputString("##request-rating-remark", view.rating_remark, Tr("A remark for the team (optional)"));
    ImGui::SameLine();
    ImGui::BeginDisabled(view.rating == 0);
    if (ImGui::Button(TrLabel("Send rating##request"))) {
        json changes = json::array({{{"op", "update"}, {"id", t.id}, {"set", {{"satisfaction", view.rating}}}}});
        if (view.rating_remark.find_first_not_of(" \t\r\n") != std::string::npos)
            changes.push_back({{"op", "comment"},
                               {"id", t.id},
                               {"comment", {{"author", t.requester}, {"body", view.rating_remark}, {"internal", false}}}});
        actions.push_back(ChangeRequested{{{"op", "batch"}, {"changes", std::move(changes)}}});
    }
    ImGui::EndDisabled();
}

// One request unfolded: what was asked, the public conversation, the actions. Internal
// notes are skipped here, whatever this board holds.
void DrawRequestBody(const Ticket& t, const BoardConfig& config, const Fonts& fonts, const SyncView& sync,
                     RequestViewState& view, std::vector<Action>& actions) {
    ImGui::Indent(12);
    if (!t.description.empty()) DrawMarkdownText(t.description, fonts, ImGui::GetContentRegionAvail().x);
    if (auto refused = sync.status.refused.find(t.id); refused != sync.status.refused.end())
        ErrorText(Format(Tr("Not sent: %s. Your change is kept on this device."), refused->second.c_str()),
                  ("request-refused-" + t.id).c_str());
    for (const Comment& c : t.comments) {
        if (c.internal) continue;
        const bool mine = c.author == t.requester;
        ImGui::PushStyleColor(ImGuiCol_Text, mine ? CurrentTheme().text_muted : CurrentTheme().accent);
        ImGui::TextUnformatted((mine ? Format(Tr("You · %s"), FormatDate(c.at).c_str())
                                     : Format(Tr("%s answered · %s"), c.author.c_str(), FormatDate(c.at).c_str()))
                                   .c_str());
        ImGui::PopStyleColor();
        DrawMarkdownText(c.body, fonts, ImGui::GetContentRegionAvail().x);
        TheItemRegistry().RecordLastItem(c.body + "##request-comment-" + c.id);
    }
    if (!view.message.empty()) ErrorText(view.message, "request-message");
    DrawRequestActions(t, config, view, actions);
    ImGui::Unindent(12);
}

void DrawMyRequests(const App& app, const Fonts& fonts, UiState& ui, std::vector<Action>& actions) {
    RequestViewState& view = ui.request;
    const Board& board = app.board();
    const BoardConfig& config = board.config();
    const std::vector<std::size_t> mine = MyRequests(app);
    SectionTitle(fonts, Format(Tr("My requests (%s)"), FormatNumber(static_cast<long long>(mine.size())).c_str()).c_str(),
                 "my-requests-heading");
    if (mine.empty()) Muted(Tr("You have not sent a request from this board yet."));
    const std::vector<RequestNews> news = RequestNewsOf(app, view.seen, false);
    for (std::size_t position : mine) {
        const Ticket& t = board.tickets()[position];
        ImGui::Separator();
        ImGui::PushID(t.id.c_str());
        const bool open = view.open == t.id;
        ImGui::PushFont(fonts.strong);
        // The fold arrow, drawn (the fonts have no triangles), then the title to click.
        const float arrow = ImGui::GetFontSize();
        ImGui::Dummy(ImVec2(arrow, ImGui::GetTextLineHeight()));
        const ImVec2 at = ImGui::GetItemRectMin();
        ImGui::RenderArrow(ImGui::GetWindowDrawList(), ImVec2(at.x, at.y + arrow * 0.15f), CurrentTheme().text_muted,
                           open ? ImGuiDir_Down : ImGuiDir_Right, 0.7f);
        ImGui::SameLine(0, 2);
        const std::string header = t.title + "##request-" + t.id;
        if (ImGui::Selectable(header.c_str(), open, 0, ImVec2(std::max(60.0f, ImGui::GetContentRegionAvail().x - 200), 0))) {
            view.open = open ? std::string() : t.id;
            if (!open) MarkSeen(t, config, view);  // unfolding it is reading it
            view.message.clear();
            view.reopening = false;
            view.rating = 0;
        }
        ImGui::PopFont();
        TheItemRegistry().RecordLastItem("request-" + t.id);
        auto item = std::find_if(news.begin(), news.end(), [&](const RequestNews& n) { return n.id == t.id; });
        if (item != news.end() && item->answered) Badge(Tr("New answer"), CurrentTheme().accent, "badge-answer-" + t.id);
        if (item != news.end() && item->resolved) Badge(Tr("Resolved"), CurrentTheme().ok, "badge-resolved-" + t.id);

        const StatusDef* status = config.FindStatus(t.status);
        const std::string status_name = status ? TrName(status->name) : t.status;
        ImGui::TextDisabled("%s", Format(Tr("%s · sent %s · status: %s"), ShortId(t.id).c_str(), FormatDate(t.created).c_str(),
                                         status_name.c_str()).c_str());
        TheItemRegistry().RecordLastItem(status_name + "##request-status-" + t.id);
        if (!open) {
            if (const Comment* answer = LatestAnswer(t)) Muted(Format(Tr("Answer: %s"), Excerpt(answer->body, kExcerptBytes).c_str()));
        } else {
            DrawRequestBody(t, config, fonts, ui.sync, view, actions);
        }
        ImGui::PopID();
    }
}

}  // namespace

// -----------------------------------------------------------------------------
// [SECTION] The window
// -----------------------------------------------------------------------------

bool RequestViewWanted(const App& app, const UiState& ui) {
    return app.identity().role == Role::Requester || ui.helpdesk_view == HelpdeskView::Request;
}

bool DrawRequestWindow(App& app, const Fonts& fonts, UiState& ui) {
    RequestViewState& view = ui.request;
    LoadSeen(app, view);
    ForgetReopened(app, view);
    std::vector<Action> actions;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("Tackboard##request", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    DrawTop(app, fonts, ui, actions);
    ImGui::Separator();
    if (app.identity().name.empty()) {
        // Requests are sent and found by their requester's name: it comes first.
        ImGui::Spacing();
        ImGui::TextWrapped("%s", Tr("To send and follow requests, enter your name or e-mail address above and click Use."));
    } else {
        DrawNewsLines(app, ui);
        const bool wide = ImGui::GetContentRegionAvail().x >= kTwoPanesWidth;
        if (wide) {
            const float form_width = std::max(360.0f, ImGui::GetContentRegionAvail().x * 0.42f);
            ImGui::BeginChild("request-form", ImVec2(form_width, 0), false);
            DrawSubmitForm(app, fonts, view, actions);
            ImGui::EndChild();
            ImGui::SameLine(0, 16);
            ImGui::BeginChild("my-requests", ImVec2(0, 0), false);
            DrawMyRequests(app, fonts, ui, actions);
            ImGui::EndChild();
        } else {
            ImGui::BeginChild("request-page", ImVec2(0, 0), false);
            DrawSubmitForm(app, fonts, view, actions);
            ImGui::Spacing();
            ImGui::Separator();
            DrawMyRequests(app, fonts, ui, actions);
            ImGui::EndChild();
        }
    }
    DrawSyncDialog(ui.sync);
    ImGui::End();

    for (const Action& action : actions) Apply(app, ui, action);
    SaveSeen(app, view);
    return !actions.empty();
}

}  // namespace tackboard
