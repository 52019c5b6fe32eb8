#include "ui/new_ticket_dialog.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <optional>
#include <string_view>

#include "core/similar.hpp"
#include "ui/board_panel.hpp"
#include "ui/field_editor.hpp"
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {
using nlohmann::json;

constexpr const char* kPopupId = "New ticket##dialog";
constexpr std::size_t kMaxSimilar = 5;
constexpr std::size_t kMaxAnswers = 3;
constexpr std::size_t kExcerptBytes = 160;  // of an answer's comment: about two lines of the dialog
constexpr float kMinTitleWidth = 180.0f;    // a row's title beside its buttons, else they go below

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

// What the form gives for the new ticket; nothing when a field of its type cannot be
// read (the refusal is then shown under the form).
std::optional<json> FormFields(const BoardConfig& config, UiState& ui) {
    const NewTicketForm& form = ui.new_ticket;
    json fields = {{"type", form.type}, {"title", form.title}, {"priority", form.priority}, {"description", form.description}};
    std::string problem;
    if (const TicketTypeDef* type = config.FindType(form.type)) problem = CollectTypeFields(*type, form.fields, fields);
    if (problem.empty()) return fields;
    OnTicketRefused(ui, problem);
    return std::nullopt;
}

const StatusDef* FirstDoneStatus(const BoardConfig& config) {
    for (const auto& s : config.statuses)
        if (s.category == StatusCategory::Done) return &s;
    return nullptr;
}

// --- suggestions: similar tickets and possible answers -------------------------------

// Finds them again when the text or the board changed since the last time (never per
// frame: each search walks the index). A ticket is listed once: as an answer when it
// has one, else as a possible duplicate.
void UpdateSuggestions(const App& app, NewTicketForm& form) {
    if (form.suggested_revision == app.revision() && form.suggested_title == form.title &&
        form.suggested_description == form.description)
        return;
    form.suggested_title = form.title;
    form.suggested_description = form.description;
    form.suggested_revision = app.revision();
    form.similar.clear();
    form.answers.clear();
    const Board& board = app.board();
    const auto& tickets = board.tickets();

    SimilarOptions options;
    options.limit = kMaxAnswers;
    options.knowledge_only = true;
    auto take_answers = [&](const std::vector<SimilarTicket>& found) {
        for (const SimilarTicket& s : found) {
            const Ticket& t = tickets[s.position];
            if (form.answers.size() == kMaxAnswers) return;
            // An answer is a public comment, or an article's own text.
            bool has_answer = LastPublicComment(t) >= 0 || (IsKnowledgeArticle(t) && !t.description.empty());
            if (has_answer && std::find(form.answers.begin(), form.answers.end(), t.id) == form.answers.end())
                form.answers.push_back(t.id);
        }
    };
    take_answers(FindKnowledge(board, app.index(), form.title, form.description, options));
    if (form.answers.size() < kMaxAnswers) {
        options.knowledge_only = false;
        options.limit = kMaxAnswers + form.answers.size();
        take_answers(FindKnowledge(board, app.index(), form.title, form.description, options));
    }

    SimilarOptions similar;
    similar.limit = kMaxSimilar + form.answers.size();
    for (const SimilarTicket& s : FindSimilar(board, app.index(), form.title, form.description, app.Now(), similar)) {
        const std::string& id = tickets[s.position].id;
        if (form.similar.size() < kMaxSimilar && std::find(form.answers.begin(), form.answers.end(), id) == form.answers.end())
            form.similar.push_back(id);
    }
}

// What an answer row quotes: the ticket's last public comment, or an article's text.
std::string AnswerExcerpt(const Ticket& t) {
    long comment = LastPublicComment(t);
    return Excerpt(comment >= 0 ? std::string_view(t.comments[comment].body) : std::string_view(t.description),
                   kExcerptBytes);
}

void SectionHeading(const Fonts& fonts, const std::string& text, const char* id) {
    ImGui::Spacing();
    ImGui::PushFont(fonts.strong);
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentTheme().text_muted);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    TheItemRegistry().RecordLastItem(text + "##" + id);
}

enum class RowAction { None, Open, Duplicate };

// One suggested ticket: its short id (in a column `id_width` wide, the same for every
// row), the title cut to fit, its status, and the two buttons at the right when a
// readable title still fits beside them, else on the line below (a phone); then the
// answer's excerpt when there is one. Found by tests as "suggested-<id>", "open-<id>",
// "duplicate-of-<id>" and "answer-<id>".
RowAction DrawTicketRow(const Ticket& t, const BoardConfig& config, float id_width, const std::string& excerpt) {
    const Theme& theme = CurrentTheme();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float gap = style.ItemSpacing.x;
    const float buttons = ImGui::CalcTextSize(Tr("Open")).x + ImGui::CalcTextSize(Tr("Duplicate of this")).x +
                          4 * style.FramePadding.x + gap;
    const float width = ImGui::GetContentRegionAvail().x;
    const bool beside = width - buttons - gap >= kMinTitleWidth;
    const float text_width = beside ? width - buttons - gap : width;

    const StatusDef* status = config.FindStatus(t.status);
    const char* status_text = status ? TrName(status->name) : t.status.c_str();
    const float status_width = ImGui::CalcTextSize(status_text).x;
    const float title_room = std::max(text_width - id_width - status_width - gap, 40.0f);

    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(text_width, ImGui::GetTextLineHeight()));
    TheItemRegistry().RecordLastItem(t.title + "##suggested-" + t.id);
    if (ImGui::IsItemHovered() && ImGui::CalcTextSize(t.title.c_str()).x > title_room)
        ImGui::SetTooltip("%s", t.title.c_str());
    draw->AddText(at, theme.text_muted, ShortId(t.id).c_str());
    TextEllipsis(draw, ImVec2(at.x + id_width, at.y), theme.text, t.title.c_str(), title_room);
    // Right-aligned against the buttons, so the statuses of the rows line up.
    draw->AddText(ImVec2(at.x + text_width - status_width, at.y), theme.text_muted, status_text);

    RowAction action = RowAction::None;
    if (beside) ImGui::SameLine(0, gap);
    else ImGui::Indent(id_width);
    if (ImGui::SmallButton(TrId("Open", ("open-" + t.id).c_str()))) action = RowAction::Open;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", Tr("Show this ticket; your draft is kept, New ticket brings it back"));
    ImGui::SameLine();
    if (ImGui::SmallButton(TrId("Duplicate of this", ("duplicate-of-" + t.id).c_str()))) action = RowAction::Duplicate;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", Tr("Create the new ticket closed, linked as a duplicate of this one"));
    if (!beside) ImGui::Unindent(id_width);

    if (!excerpt.empty()) {
        ImGui::Indent(id_width);
        ImGui::PushStyleColor(ImGuiCol_Text, theme.text_muted);
        ImGui::TextWrapped("%s", excerpt.c_str());
        ImGui::PopStyleColor();
        TheItemRegistry().RecordLastItem(excerpt + "##answer-" + t.id);
        ImGui::Unindent(id_width);
    }
    return action;
}

// The two lists under the form; nothing at all when nothing matches.
void DrawSuggestions(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    NewTicketForm& form = ui.new_ticket;
    const Board& board = app.board();
    const BoardConfig& config = board.config();
    float id_width = 0;
    for (const auto* ids : {&form.similar, &form.answers})
        for (const std::string& id : *ids) id_width = std::max(id_width, ImGui::CalcTextSize(ShortId(id).c_str()).x);
    id_width += ImGui::GetStyle().ItemSpacing.x;

    std::string opened, duplicate_of;
    auto rows = [&](const std::vector<std::string>& ids, bool answers) {
        for (const std::string& id : ids) {
            const Ticket* t = board.Find(id);
            if (!t || t->deleted) continue;
            RowAction action = DrawTicketRow(*t, config, id_width, answers ? AnswerExcerpt(*t) : std::string());
            if (action == RowAction::Open) opened = id;
            if (action == RowAction::Duplicate) duplicate_of = id;
        }
    };
    if (!form.similar.empty()) {
        SectionHeading(fonts, Tr("Similar tickets"), "similar-heading");
        rows(form.similar, false);
    }
    if (!form.answers.empty()) {
        SectionHeading(fonts, std::string(icons::kLightbulb) + " " + Tr("Maybe this answers it"), "answers-heading");
        rows(form.answers, true);
    }

    if (!duplicate_of.empty()) {
        if (auto fields = FormFields(config, ui)) {
            if (const StatusDef* done = FirstDoneStatus(config)) (*fields)["status"] = done->id;
            requests.push_back(CreateTicketRequest{std::move(*fields), duplicate_of});
        }
    } else if (!opened.empty()) {
        form.kept = true;
        ImGui::CloseCurrentPopup();
        OpenTicket(ui, opened);
        ui.board.scroll_to = opened;
        ui.list.scroll_to = opened;
    }
}
}  // namespace

void OpenNewTicketDialog(const Board& board, UiState& ui) {
    NewTicketForm& form = ui.new_ticket;
    const bool draft = form.kept;
    if (!draft) {
        form = NewTicketForm{};
        form.type = board.config().default_type;
        form.priority = board.config().default_priority;
    }
    form.kept = false;
    form.error.clear();
    form.open_requested = true;
    form.focus_title = true;
    form.title_cursor_to_end = draft;
}

void DrawNewTicketDialog(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    NewTicketForm& form = ui.new_ticket;
    if (form.open_requested) {
        ImGui::OpenPopup(kPopupId);
        form.open_requested = false;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    // Height 0: fit the content, error line and suggestions included, but no taller than
    // the screen (it scrolls then). Narrower on a phone, all of it on screen.
    ImGui::SetNextWindowSize(ImVec2(std::min(520.0f, viewport->Size.x - 16.0f), 0), ImGuiCond_Always);
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(FLT_MAX, std::max(viewport->Size.y - 16.0f, 200.0f)));
    if (!ImGui::BeginPopupModal(kPopupId, nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar))
        return;
    // Suggestions make it taller while it is open: its bottom (the Create button) stays on
    // screen, the dialog moving up only as far as needed.
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    const float bottom = viewport->Pos.y + viewport->Size.y - 8.0f;
    if (pos.y + size.y > bottom) ImGui::SetWindowPos(ImVec2(pos.x, std::max(viewport->Pos.y + 8.0f, bottom - size.y)));

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

    const Board& board = app.board();
    const auto& config = board.config();
    DefCombo(Tr("Type"), "##new-type", config.types, form.type);

    ImGui::TextUnformatted(Tr("Title"));
    ImGui::SetNextItemWidth(-1);
    if (form.focus_title) {
        ImGui::SetKeyboardFocusHere();
        form.focus_title = false;
    }
    bool submit = InputString("##new-title", form.title, Tr("What is the problem?"), 0.0f,
                              ImGuiInputTextFlags_EnterReturnsTrue, &form.title_cursor_to_end);

    DefCombo(Tr("Priority"), "##new-priority", config.priorities, form.priority);

    // The type's own fields: the form adapts when the type changes.
    if (const TicketTypeDef* type = config.FindType(form.type)) DrawTypeFields(*type, config, form.fields);

    ImGui::TextUnformatted(Tr("Description"));
    InputString("##new-description", form.description, nullptr, 110.0f);

    UpdateSuggestions(app, form);
    DrawSuggestions(app, fonts, ui, requests);

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
        if (auto fields = FormFields(config, ui)) requests.push_back(CreateTicketRequest{std::move(*fields)});
    } else if (cancel) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

Result<std::string> CreateAsDuplicate(App& app, const json& fields, const std::string& original) {
    return app.CreateTicket(fields, [&original](const std::string& id) {
        return json::array({{{"op", "link"}, {"id", id}, {"kind", "duplicate_of"}, {"target", original}}});
    });
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
