// item_registry.hpp — where each labelled ImGui item was drawn in the last rendered frame.
//
// Fed by ImGui's test-engine hooks (ImGui is compiled with IMGUI_ENABLE_TEST_ENGINE), so
// every Button, InputText, Selectable... is recorded with its label and screen rectangle,
// clipped to its window. Custom widgets (cards) call RecordLastItem() themselves.
// `tackboard.uiRect(label)` reads it so browser tests click the real canvas.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

namespace tackboard {

struct ItemRect {
    float x = 0, y = 0, w = 0, h = 0;  // in ImGui coordinates (CSS pixels of the canvas)
};

class ItemRegistry {
public:
    void BeginFrame() { items_.clear(); }
    void Record(const char* label, ItemRect rect);
    void RecordLastItem(const std::string& label);  // the item ImGui drew last

    // Finds an item by its full label ("Save##editor"), its visible part ("Save"), or
    // its id part ("editor").
    std::optional<ItemRect> Find(const std::string& label) const;

    void Enable();  // switches the ImGui hooks on for the current context

private:
    std::unordered_map<std::string, ItemRect> items_;
};

ItemRegistry& TheItemRegistry();

}  // namespace tackboard
