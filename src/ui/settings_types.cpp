// settings_types.cpp — the "Types & fields" settings tab (settings_types.hpp).
//
// [SECTION] helpers   names typed and applied on Enter or when left, changes pushed
// [SECTION] types     the list, adding, the selected type's icon, name, default, deletion
// [SECTION] fields    the form's fields in order; a kind or choices change as a draft
// [SECTION] preview   the new-ticket form of the type as people will see it
#include "ui/settings_types.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/settings_edit.hpp"
#include "core/ticket_json.hpp"
#include "ui/board_panel.hpp"
#include "ui/field_editor.hpp"
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/item_registry.hpp"
#include "ui/locale_format.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

namespace {

using nlohmann::json;

// =============================================================================
// [SECTION] helpers
// =============================================================================

struct Frame {
    const App& app;
    const Fonts& fonts;
    TypeSettingsState& s;
    std::vector<Request>& requests;
    bool writable;
};

constexpr std::pair<FieldKind, const char*> kKinds[] = {
    {FieldKind::Text, TrNoop("Text")},
    {FieldKind::LongText, TrNoop("Long text")},
    {FieldKind::Number, TrNoop("Number")},
    {FieldKind::Select, TrNoop("Single choice")},
    {FieldKind::MultiSelect, TrNoop("Multiple choice")},
    {FieldKind::Date, TrNoop("Date")},
    {FieldKind::Checkbox, TrNoop("Checkbox")},
    {FieldKind::Member, TrNoop("Member")},
};

const char* KindName(FieldKind kind) {
    for (const auto& [k, name] : kKinds)
        if (k == kind) return Tr(name);
    return "";
}


// Comments a settings edit adds get their ids from the App (App::Execute names comments
// without one), so the records are built with a stand-in that is taken out here.

std::string Author(const App& app) { return app.identity().name.empty() ? "me" : app.identity().name; }

void Push(Frame& f, Result<json> change) {
    if (!change) {
        f.s.message = AsSentence(change.error().message);
        return;
    }
    f.s.message.clear();
    f.requests.push_back(ChangeRequest{std::move(change.value()), ChangeSource::Settings});
}

// A name field applied when Enter is pressed or the field is left; true with `out` set then.
bool NameField(Frame& f, const char* id, const std::string& key, const std::string& current, float width, std::string& out) {
    std::string text = f.s.editing_key == key ? f.s.editing_text : current;
    ImGui::SetNextItemWidth(width);
    InputString(id, text);
    if (ImGui::IsItemActive()) {
        f.s.editing_key = key;
        f.s.editing_text = text;
    }
    if (ImGui::IsItemDeactivated() && f.s.editing_key == key) {
        f.s.editing_key.clear();
        if (text != current) {
            out = text;
            return true;
        }
    }
    return false;
}

void Heading(const Fonts& fonts, const char* text) {
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

// =============================================================================
// [SECTION] types
// =============================================================================

void DrawTypeList(Frame& f, const TicketTypeDef*& selected) {
    const BoardConfig& config = f.app.board().config();
    Heading(f.fonts, Tr("Ticket types"));
    for (const TicketTypeDef& t : config.types) {
        std::string label = std::string(TypeIcon(config, t.id)) + " " + TrName(t.name);
        if (t.id == config.default_type) label += std::string(" (") + Tr("default") + ")";
        if (ImGui::Selectable((label + "##type-" + t.id).c_str(), selected == &t)) {
            f.s.selected = t.id;
            f.s.draft_of.clear();
            f.s.confirm_delete.clear();
            f.s.preview_values = json::object();
        }
    }
    ImGui::Spacing();
    ImGui::SetNextItemWidth(-1);
    const bool enter = InputString("##new-type", f.s.new_type, Tr("New type name"), 0.0f, ImGuiInputTextFlags_EnterReturnsTrue);
    if ((ImGui::Button(TrLabel("Add type##add-type")) || enter) && !f.s.new_type.empty()) {
        auto change = AddTypeChange(f.app.board(), f.s.new_type, "ticket");
        if (change) {
            auto parsed = ConfigFromJson(change.value()["config"], "");
            if (parsed) f.s.selected = parsed.value().types.back().id;
            f.s.new_type.clear();
        }
        Push(f, std::move(change));
    }
}

void DrawTypeHeader(Frame& f, const TicketTypeDef& type) {
    const Board& board = f.app.board();
    const BoardConfig& config = board.config();
    // The icon: a small combo of glyphs, recorded as "type-icon" and "icon-<name>".
    ImGui::SetNextItemWidth(ImGui::GetFrameHeight() * 2.2f);
    if (BeginRecordedCombo("##type-icon", TypeIcon(config, type.id))) {
        for (const char* name : kTypeIcons) {
            if (ImGui::Selectable((std::string(icons::ForType(name)) + "##icon-" + name).c_str(), type.icon == name)) {
                BoardConfig next = config;
                for (TicketTypeDef& t : next.types)
                    if (t.id == type.id) t.icon = name;
                Push(f, json{{"op", "config"}, {"config", ConfigToJson(next)}});
            }
        }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("The icon shown with this type"));
    ImGui::SameLine();
    std::string name;
    if (NameField(f, "##type-name", "type-name:" + type.id, type.name, -1, name))
        Push(f, RenameTypeChange(board, type.id, name));
    if (type.id == config.default_type) {
        ImGui::TextDisabled("%s", Tr("New tickets get this type"));
    } else if (ImGui::Button(TrLabel("Make default##type-default"))) {
        BoardConfig next = config;
        next.default_type = type.id;
        Push(f, json{{"op", "config"}, {"config", ConfigToJson(next)}});
    }
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Delete type…##type-delete"))) {
        f.s.confirm_delete = "type";
        f.s.move_to.clear();
    }
    if (f.s.confirm_delete != "type") return;

    // Deleting: its tickets, if any, go to another type with their values kept.
    const std::size_t tickets = TicketsOfType(board, type.id);
    if (config.types.size() < 2) {
        ErrorText(Tr("A board needs at least one ticket type."), "type-delete-message");
    } else if (tickets == 0) {
        ImGui::TextWrapped("%s", Format(Tr("No ticket is of the type \"%s\". Delete it?"), TrName(type.name)).c_str());
    } else {
        ImGui::TextWrapped("%s", Format(Tr("%s of the type \"%s\" will move to:"),
                                        Counted(static_cast<long long>(tickets), "%s ticket", "%s tickets").c_str(),
                                        TrName(type.name)).c_str());
        const TicketTypeDef* target = config.FindType(f.s.move_to);
        ImGui::SetNextItemWidth(220);
        if (BeginRecordedCombo("##type-move-to", target ? TrName(target->name) : Tr("Choose a type"))) {
            for (const TicketTypeDef& t : config.types)
                if (t.id != type.id && ImGui::Selectable((std::string(TrName(t.name)) + "##move-to-" + t.id).c_str(), t.id == f.s.move_to))
                    f.s.move_to = t.id;
            ImGui::EndCombo();
        }
        ImGui::TextDisabled("%s", Tr("Values with no field of the same name there are kept as internal comments."));
    }
    const bool ready = config.types.size() > 1 && (tickets == 0 || config.FindType(f.s.move_to));
    ImGui::BeginDisabled(!ready);
    if (ImGui::Button(TrLabel("Delete##type-delete-confirm"))) {
        Push(f, DeleteTypeChange(board, type.id, f.s.move_to, f.app.Now(), Author(f.app), nullptr));
        f.s.confirm_delete.clear();
        f.s.selected.clear();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Cancel##type-delete-cancel"))) f.s.confirm_delete.clear();
}

// =============================================================================
// [SECTION] fields
// =============================================================================

// "4 tickets hold a value: 3 convert, 1 will be kept as an internal comment."
std::string EffectText(const FieldChangeEffect& effect) {
    if (effect.holding == 0) return Tr("No ticket holds a value in this field: nothing to convert.");
    const auto holding = static_cast<long long>(effect.holding);
    return Format(TrCount(holding, "%s ticket holds a value: %s convert, %s kept as an internal comment.",
                          "%s tickets hold a value: %s convert, %s kept as an internal comment."),
                  FormatNumber(holding).c_str(), FormatNumber(static_cast<long long>(effect.converted)).c_str(),
                  FormatNumber(static_cast<long long>(effect.kept_as_comment)).c_str());
}

// Starts changing `field`'s kind or choices. Each choice remembers what it was, so that
// one renamed in the draft is a rename for the tickets holding it, not a removal.
void StartDraft(Frame& f, const FieldDef& field) {
    f.s.draft_of = field.id;
    f.s.draft = field;
    f.s.draft_origin = field.options;
    f.s.new_option.clear();
}

// The draft's choices renamed from the field's: old name -> new name.
OptionRenames DraftRenames(const TypeSettingsState& s) {
    OptionRenames renamed;
    for (std::size_t i = 0; i < s.draft.options.size() && i < s.draft_origin.size(); ++i)
        if (!s.draft_origin[i].empty() && s.draft_origin[i] != s.draft.options[i])
            renamed[s.draft_origin[i]] = s.draft.options[i];
    return renamed;
}

// The choices of the draft: rename, reorder, remove, add.
void DrawOptions(Frame& f) {
    std::vector<std::string>& options = f.s.draft.options;
    std::vector<std::string>& origin = f.s.draft_origin;
    origin.resize(options.size());  // kept beside the options through every edit below
    for (std::size_t i = 0; i < options.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const std::string n = std::to_string(i);
        ImGui::SetNextItemWidth(180);
        InputString(("##option-" + n).c_str(), options[i]);
        ImGui::SameLine();
        ImGui::BeginDisabled(i == 0);
        if (ImGui::Button((std::string(icons::kArrowUp) + "##option-up-" + n).c_str())) {
            std::swap(options[i], options[i - 1]);
            std::swap(origin[i], origin[i - 1]);
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(i + 1 == options.size());
        if (ImGui::Button((std::string(icons::kArrowDown) + "##option-down-" + n).c_str())) {
            std::swap(options[i], options[i + 1]);
            std::swap(origin[i], origin[i + 1]);
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        bool removed = ImGui::Button((std::string(icons::kTimes) + "##option-remove-" + n).c_str());
        ImGui::PopID();
        if (removed) {
            options.erase(options.begin() + static_cast<long>(i));
            origin.erase(origin.begin() + static_cast<long>(i));
            break;
        }
    }
    ImGui::SetNextItemWidth(180);
    const bool enter = InputString("##new-option", f.s.new_option, Tr("New choice"), 0.0f, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button(TrLabel("Add choice##add-option")) || enter) && !f.s.new_option.empty()) {
        options.push_back(f.s.new_option);
        origin.emplace_back();
        f.s.new_option.clear();
    }
}

// The kind or choices being changed: what it will do to the tickets' values, then Apply.
void DrawDraft(Frame& f, const TicketTypeDef& type, const FieldDef& field) {
    ImGui::Indent();
    if (IsChoice(f.s.draft.kind)) DrawOptions(f);
    // A choice emptied is a choice removed.
    for (std::size_t i = f.s.draft.options.size(); i-- > 0;)
        if (f.s.draft.options[i].empty()) {
            f.s.draft.options.erase(f.s.draft.options.begin() + static_cast<long>(i));
            if (i < f.s.draft_origin.size()) f.s.draft_origin.erase(f.s.draft_origin.begin() + static_cast<long>(i));
        }
    const OptionRenames renamed = DraftRenames(f.s);
    const bool changed = f.s.draft.kind != field.kind || f.s.draft.options != field.options;
    const bool missing_options = IsChoice(f.s.draft.kind) && f.s.draft.options.empty();
    if (missing_options) ErrorText(Tr("A choice needs at least one option: add them above."));
    else if (changed) {
        const std::string effect = EffectText(FieldChangeEffectOf(f.app.board(), type.id, f.s.draft, renamed));
        ImGui::TextWrapped("%s", effect.c_str());
        TheItemRegistry().RecordLastItem(effect + "##field-change-effect");
    }
    ImGui::BeginDisabled(!changed || missing_options);
    if (PrimaryButton(TrLabel("Apply##field-apply"))) {
        FieldDef next = field;
        next.kind = f.s.draft.kind;
        next.options = IsChoice(next.kind) ? f.s.draft.options : std::vector<std::string>{};
        Push(f, ChangeFieldChange(f.app.board(), type.id, next, f.app.Now(), Author(f.app), nullptr, renamed));
        f.s.draft_of.clear();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(TrLabel("Cancel##field-cancel"))) f.s.draft_of.clear();
    ImGui::Unindent();
}

void DrawField(Frame& f, const TicketTypeDef& type, std::size_t index) {
    const FieldDef& field = type.fields[index];
    const Board& board = f.app.board();
    const std::string& id = field.id;
    ImGui::PushID(id.c_str());
    // The name and the kind share what the buttons of the row leave.
    const ImGuiStyle& style = ImGui::GetStyle();
    auto button_width = [&](const char* text) { return ImGui::CalcTextSize(text, nullptr, true).x + style.FramePadding.x * 2; };
    const float buttons = button_width(icons::kArrowUp) * 2 + ImGui::GetFrameHeight() + style.ItemInnerSpacing.x +
                          ImGui::CalcTextSize(Tr("Required")).x + button_width(TrLabel("Choices…##field-options")) +
                          button_width(icons::kTimes) + style.ItemSpacing.x * 6;
    const float flexible = std::max(160.0f, ImGui::GetContentRegionAvail().x - buttons);
    ImGui::BeginDisabled(index == 0);
    if (ImGui::Button((std::string(icons::kArrowUp) + "##field-up-" + id).c_str())) Push(f, MoveFieldChange(board, type.id, id, -1));
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(index + 1 == type.fields.size());
    if (ImGui::Button((std::string(icons::kArrowDown) + "##field-down-" + id).c_str())) Push(f, MoveFieldChange(board, type.id, id, 1));
    ImGui::EndDisabled();
    ImGui::SameLine();
    std::string name;
    if (NameField(f, ("##field-name-" + id).c_str(), "field-name:" + id, field.name, flexible * 0.5f, name))
        Push(f, RenameFieldChange(board, type.id, id, name));
    ImGui::SameLine();
    const bool drafting = f.s.draft_of == id;
    const FieldKind shown = drafting ? f.s.draft.kind : field.kind;
    ImGui::SetNextItemWidth(flexible * 0.5f);
    if (BeginRecordedCombo(("##field-kind-" + id).c_str(), KindName(shown))) {
        for (const auto& [kind, label] : kKinds)
            if (ImGui::Selectable((std::string(Tr(label)) + "##kind-" + ToString(kind)).c_str(), kind == shown)) {
                if (!drafting) StartDraft(f, field);
                f.s.draft.kind = kind;
            }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    bool required = field.required;
    if (ImGui::Checkbox((std::string(Tr("Required")) + "##field-required-" + id).c_str(), &required)) {
        FieldDef next = field;
        next.required = required;
        Push(f, ChangeFieldChange(board, type.id, next, f.app.Now(), Author(f.app), nullptr));
    }
    if (IsChoice(field.kind) && !drafting) {
        ImGui::SameLine();
        if (ImGui::Button((std::string(Tr("Choices…")) + "##field-options-" + id).c_str())) StartDraft(f, field);
    }
    ImGui::SameLine();
    if (ImGui::Button((std::string(icons::kTimes) + "##field-delete-" + id).c_str())) f.s.confirm_delete = "field:" + id;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr("Delete this field"));
    if (drafting) DrawDraft(f, type, field);
    if (f.s.confirm_delete == "field:" + id) {
        ImGui::Indent();
        const std::size_t holding = TicketsHoldingField(board, type.id, id);
        ImGui::TextWrapped("%s", holding == 0 ? Format(Tr("Delete the field \"%s\"? No ticket holds a value in it."), TrName(field.name)).c_str()
                                              : Format(TrCount(static_cast<long long>(holding),
                                                               "Delete the field \"%s\"? %s ticket holds a value: it is kept as an internal comment.",
                                                               "Delete the field \"%s\"? %s tickets hold a value: each is kept as an internal comment."),
                                                       TrName(field.name), FormatNumber(static_cast<long long>(holding)).c_str())
                                                    .c_str());
        if (ImGui::Button(TrLabel("Delete field##field-delete-confirm"))) {
            Push(f, DeleteFieldChange(board, type.id, id, f.app.Now(), Author(f.app), nullptr));
            f.s.confirm_delete.clear();
        }
        ImGui::SameLine();
        if (ImGui::Button(TrLabel("Cancel##field-delete-cancel"))) f.s.confirm_delete.clear();
        ImGui::Unindent();
    }
    ImGui::PopID();
}

void DrawFields(Frame& f, const TicketTypeDef& type) {
    Heading(f.fonts, Tr("Fields, in form order"));
    if (type.fields.empty()) ImGui::TextDisabled("%s", Tr("This type has no fields of its own yet."));
    for (std::size_t i = 0; i < type.fields.size(); ++i) DrawField(f, type, i);
    if (f.s.draft_of.size() && std::none_of(type.fields.begin(), type.fields.end(), [&](const FieldDef& d) { return d.id == f.s.draft_of; }))
        f.s.draft_of.clear();
    ImGui::Spacing();
    ImGui::SetNextItemWidth(220);
    const bool enter = InputString("##new-field", f.s.new_field, Tr("New field name"), 0.0f, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button(TrLabel("Add field##add-field")) || enter) && !f.s.new_field.empty()) {
        auto change = AddFieldChange(f.app.board(), type.id, f.s.new_field, FieldKind::Text);
        if (change) f.s.new_field.clear();
        Push(f, std::move(change));
    }
    ImGui::TextDisabled("%s", Tr("A new field is text; pick another kind in its row."));
}

// =============================================================================
// [SECTION] preview
// =============================================================================

void DrawPreview(Frame& f, const TicketTypeDef& type) {
    Heading(f.fonts, Tr("Form preview"));
    ImGui::TextWrapped("%s", Tr("The new-ticket form of this type, as requesters and agents see it. Try it: nothing is saved."));
    TicketTypeDef shown = type;
    if (!f.s.draft_of.empty())
        for (FieldDef& d : shown.fields)
            if (d.id == f.s.draft_of && !(IsChoice(f.s.draft.kind) && f.s.draft.options.empty())) {
                d.kind = f.s.draft.kind;
                d.options = f.s.draft.options;
            }
    ImGui::Separator();
    ImGui::TextUnformatted((std::string(Tr("Title")) + " *").c_str());
    ImGui::SetNextItemWidth(-1);
    InputString("##preview-title", f.s.preview_title);
    ImGui::PushID("type-preview");
    DrawTypeFields(shown, f.app.board().config(), f.s.preview_values);
    ImGui::PopID();
}

}  // namespace

void DrawTypeSettings(const App& app, const Fonts& fonts, UiState& ui, std::vector<Request>& requests) {
    const bool writable = CanEditSettings(app.identity().role) && !app.read_only();
    Frame f{app, fonts, ui.type_settings, requests, writable};
    const BoardConfig& config = app.board().config();
    const TicketTypeDef* selected = config.FindType(f.s.selected);
    if (!selected) selected = &config.types.front();

    ImGui::TextDisabled("%s", Tr("Tickets keep their values by field id: renaming a type or a field changes no ticket."));
    if (!f.s.message.empty()) ErrorText(f.s.message, "type-settings-message");
    const ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV;
    if (!ImGui::BeginTable("types-layout", 3, flags)) return;
    ImGui::TableSetupColumn("types", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("fields", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn("preview", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::BeginDisabled(!writable);
    DrawTypeList(f, selected);
    ImGui::TableSetColumnIndex(1);
    DrawTypeHeader(f, *selected);
    ImGui::Separator();
    DrawFields(f, *selected);
    ImGui::EndDisabled();
    ImGui::TableSetColumnIndex(2);
    DrawPreview(f, *selected);
    ImGui::EndTable();
}

}  // namespace tackboard
