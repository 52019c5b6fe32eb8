#include "ui/field_editor.hpp"

#include <imgui.h>

#include <cstdlib>

#include "core/dates.hpp"
#include "ui/i18n.hpp"
#include "ui/widgets.hpp"

namespace tackboard {

using nlohmann::json;

namespace {

std::string TextOf(const json& values, const std::string& id) {
    auto it = values.find(id);
    return it != values.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void Choice(const FieldDef& f, const std::vector<std::string>& options, const std::vector<std::string>& labels,
            json& values, const std::string& widget_id) {
    std::string current = TextOf(values, f.id);
    std::string shown = "—";
    for (std::size_t i = 0; i < options.size(); ++i)
        if (options[i] == current) shown = labels[i];
    ImGui::SetNextItemWidth(-1);
    if (BeginRecordedCombo(widget_id.c_str(), shown.c_str())) {
        if (ImGui::Selectable("—", current.empty())) values.erase(f.id);
        for (std::size_t i = 0; i < options.size(); ++i)
            if (ImGui::Selectable(labels[i].c_str(), options[i] == current)) values[f.id] = options[i];
        ImGui::EndCombo();
    }
}

}  // namespace

void DrawTypeFields(const TicketTypeDef& type, const BoardConfig& config, json& values) {
    for (const FieldDef& f : type.fields) {
        std::string label = std::string(TrName(f.name)) + (f.required ? " *" : "");
        std::string widget_id = "##field-" + f.id;
        if (f.kind != FieldKind::Checkbox) ImGui::TextUnformatted(label.c_str());
        switch (f.kind) {
            case FieldKind::Text:
            case FieldKind::LongText:
            case FieldKind::Number:
            case FieldKind::Date: {
                std::string text = TextOf(values, f.id);
                const char* hint = f.kind == FieldKind::Date ? Tr("YYYY-MM-DD") : f.kind == FieldKind::Number ? "0" : "";
                ImGui::SetNextItemWidth(-1);
                if (InputString(widget_id.c_str(), text, hint, f.kind == FieldKind::LongText ? 70.0f : 0.0f))
                    values[f.id] = text;
                break;
            }
            case FieldKind::Select:
                Choice(f, f.options, f.options, values, widget_id);
                break;
            case FieldKind::Member: {
                std::vector<std::string> ids, names;
                for (const auto& m : config.members) ids.push_back(m.id), names.push_back(m.name);
                Choice(f, ids, names, values, widget_id);
                break;
            }
            case FieldKind::MultiSelect: {
                json& chosen = values[f.id];
                if (!chosen.is_array()) chosen = json::array();
                for (const auto& option : f.options) {
                    bool on = std::find(chosen.begin(), chosen.end(), option) != chosen.end();
                    if (ImGui::Checkbox((option + widget_id + "-" + option).c_str(), &on)) {
                        if (on) chosen.push_back(option);
                        else chosen.erase(std::remove(chosen.begin(), chosen.end(), option), chosen.end());
                    }
                    ImGui::SameLine();
                }
                ImGui::NewLine();
                break;
            }
            case FieldKind::Checkbox: {
                bool on = values.value(f.id, false);
                if (ImGui::Checkbox((label + widget_id).c_str(), &on)) values[f.id] = on;
                break;
            }
        }
    }
}

std::string CollectTypeFields(const TicketTypeDef& type, const json& values, json& out) {
    for (const FieldDef& f : type.fields) {
        auto it = values.find(f.id);
        if (it == values.end()) continue;
        const json& v = *it;
        if (v.is_string() && v.get_ref<const std::string&>().empty()) continue;
        if (v.is_array() && v.empty()) continue;
        std::string key = "fields." + f.id;
        if (f.kind == FieldKind::Date) {
            auto ms = ParseIsoDate(v.get<std::string>());
            if (!ms) return Format(Tr("'%s' must be a date like 2026-12-31"), TrName(f.name));
            out[key] = *ms;
        } else if (f.kind == FieldKind::Number) {
            const std::string& text = v.get_ref<const std::string&>();
            char* end = nullptr;
            double number = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end) return Format(Tr("'%s' must be a number"), TrName(f.name));
            out[key] = number;
        } else {
            out[key] = v;
        }
    }
    return {};
}

json EditValuesOf(const TicketTypeDef& type, const json& stored) {
    json values = json::object();
    for (const FieldDef& f : type.fields) {
        auto it = stored.find(f.id);
        if (it == stored.end() || it->is_null()) continue;
        if (f.kind == FieldKind::Date && it->is_number_integer()) values[f.id] = FormatIsoDate(it->get<Millis>());
        else if (f.kind == FieldKind::Number && it->is_number()) {
            std::string text = it->dump();  // 3 stays "3", 2.5 stays "2.5"
            values[f.id] = text;
        } else values[f.id] = *it;
    }
    return values;
}

}  // namespace tackboard
