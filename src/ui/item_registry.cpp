#include "ui/item_registry.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

namespace tackboard {

namespace {
// The visible label without icon glyphs (Private Use Area) and surrounding spaces, so
// "<icon>  New ticket" is found as "New ticket".
std::string PlainText(const std::string& visible) {
    std::string out;
    for (std::size_t i = 0; i < visible.size();) {
        unsigned char c = static_cast<unsigned char>(visible[i]);
        bool private_use = c == 0xEE || (c == 0xEF && i + 1 < visible.size() &&
                                          static_cast<unsigned char>(visible[i + 1]) < 0xA4);
        if (private_use && i + 2 < visible.size()) {
            i += 3;
            continue;
        }
        out += visible[i++];
    }
    auto begin = out.find_first_not_of(' ');
    auto end = out.find_last_not_of(' ');
    return begin == std::string::npos ? std::string() : out.substr(begin, end - begin + 1);
}
}  // namespace

ItemRegistry& TheItemRegistry() {
    static ItemRegistry registry;
    return registry;
}

void ItemRegistry::Record(const char* label, ItemRect rect) {
    if (!label || !*label || rect.w <= 0 || rect.h <= 0) return;
    std::string full = label;
    items_[full] = rect;
    auto hashes = full.find("##");
    std::string visible = PlainText(full.substr(0, hashes));
    if (!visible.empty()) items_.emplace(visible, rect);
    if (hashes != std::string::npos) {
        auto id = full.find_first_not_of('#', hashes);
        if (id == std::string::npos) return;
        // "Enregistrer###Save##editor" (i18n.hpp TrLabel): the part after "###" is the
        // English label, found like any other ("Save##editor", "Save", "editor").
        if (full.compare(hashes, 3, "###") == 0) Record(full.c_str() + id, rect);
        else items_.emplace(full.substr(id), rect);
    }
}

void ItemRegistry::RecordLastItem(const std::string& label) {
    ImGuiContext& g = *GImGui;
    if (g.CurrentWindow->Hidden) return;  // see the hook below
    ImRect r = g.LastItemData.Rect;
    r.ClipWith(g.CurrentWindow->ClipRect);
    Record(label.c_str(), {r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight()});
}

void ItemRegistry::RecordTextField(ItemRect rect, unsigned int root_window) {
    if (rect.w > 0 && rect.h > 0) text_fields_.push_back({rect, root_window});
}

bool ItemRegistry::TextFieldAt(float x, float y, unsigned int root_window) const {
    for (const TextField& field : text_fields_) {
        const ItemRect& r = field.rect;
        if (field.root_window == root_window && x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h) return true;
    }
    return false;
}

std::optional<ItemRect> ItemRegistry::Find(const std::string& label) const {
    auto it = items_.find(label);
    if (it == items_.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> ItemRegistry::Labels(const std::string& prefix) const {
    std::vector<std::string> out;
    for (const auto& [label, rect] : items_)
        if (label.compare(0, prefix.size(), prefix) == 0) out.push_back(label);
    std::sort(out.begin(), out.end());
    return out;
}

void ItemRegistry::Enable() { GImGui->TestEngineHookItems = true; }

}  // namespace tackboard

// --- ImGui test-engine hooks (all four must exist when IMGUI_ENABLE_TEST_ENGINE is set) ---

void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, const ImRect&, ImGuiID) {}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID, const char* label, ImGuiItemStatusFlags) {
    // A window's first frame is drawn hidden, to measure it, often elsewhere (a combo's
    // list is placed once its size is known): its items are not on screen yet.
    if (ctx->CurrentWindow->Hidden) return;
    ImRect r = ctx->LastItemData.Rect;
    r.ClipWith(ctx->CurrentWindow->ClipRect);
    tackboard::ItemRect rect{r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight()};
    tackboard::TheItemRegistry().Record(label, rect);
    // InputText (and InputInt, which is one) marks its item Inputable.
    if (ctx->LastItemData.InFlags & ImGuiItemFlags_Inputable)
        tackboard::TheItemRegistry().RecordTextField(rect, ctx->CurrentWindow->RootWindow->ID);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
