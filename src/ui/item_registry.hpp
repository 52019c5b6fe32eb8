// item_registry.hpp — where each labelled ImGui item was drawn in the last rendered frame.
//
// Fed by ImGui's test-engine hooks (ImGui is compiled with IMGUI_ENABLE_TEST_ENGINE), so
// every Button, InputText, Selectable... is recorded with its label and screen rectangle,
// clipped to its window. Custom widgets (cards) call RecordLastItem() themselves.
// `tackboard.uiRect(label)` reads it so browser tests click the real canvas. Text fields
// are also kept apart (TextFieldAt), so a tap on one can show a phone's keyboard.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tackboard {

struct ItemRect {
    float x = 0, y = 0, w = 0, h = 0;  // in ImGui coordinates (CSS pixels of the canvas)
};

class ItemRegistry {
public:
    void BeginFrame() {
        items_.clear();
        text_fields_.clear();
    }
    void Record(const char* label, ItemRect rect);
    void RecordLastItem(const std::string& label);  // the item ImGui drew last
    // A text field (InputText), with the ImGui ID of the root window it was drawn in.
    void RecordTextField(ItemRect rect, unsigned int root_window);

    // Finds an item by its full label ("Save##editor"), its visible part ("Save"), or
    // its id part ("editor").
    std::optional<ItemRect> Find(const std::string& label) const;
    // Every label recorded this frame that starts with `prefix`, sorted.
    std::vector<std::string> Labels(const std::string& prefix) const;
    // Whether a text field of that root window was drawn at (x, y).
    bool TextFieldAt(float x, float y, unsigned int root_window) const;

    void Enable();  // switches the ImGui hooks on for the current context

private:
    struct TextField {
        ItemRect rect;
        unsigned int root_window = 0;
    };
    std::unordered_map<std::string, ItemRect> items_;
    std::vector<TextField> text_fields_;
};

ItemRegistry& TheItemRegistry();

}  // namespace tackboard
