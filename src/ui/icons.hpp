// icons.hpp — Fork Awesome glyphs used by the UI, as UTF-8 strings.
//
// The icon font is subset at build time to exactly the code points listed in
// assets/icon-codepoints.txt; tests/unit/icons_test.cpp checks that every icon here is in
// that list, so an icon added here without its code point fails the tests, not the eye.
#pragma once

#include <string_view>

namespace tackboard::icons {

inline constexpr const char* kPlus = "\xef\x81\xa7";  // U+F067
inline constexpr const char* kTicket = "\xef\x85\x85";  // U+F145
inline constexpr const char* kBug = "\xef\x86\x88";  // U+F188
inline constexpr const char* kLightbulb = "\xef\x83\xab";  // U+F0EB
inline constexpr const char* kBolt = "\xef\x83\xa7";  // U+F0E7
inline constexpr const char* kExchange = "\xef\x83\xac";  // U+F0EC
inline constexpr const char* kLifeRing = "\xef\x87\x8d";  // U+F1CD
inline constexpr const char* kCheck = "\xef\x80\x8c";  // U+F00C
inline constexpr const char* kRefresh = "\xef\x80\xa1";  // U+F021
inline constexpr const char* kSearch = "\xef\x80\x82";  // U+F002
inline constexpr const char* kUndo = "\xef\x83\xa2";  // U+F0E2
inline constexpr const char* kRedo = "\xef\x80\x9e";  // U+F01E
inline constexpr const char* kWarning = "\xef\x81\xb1";  // U+F071
inline constexpr const char* kUser = "\xef\x80\x87";  // U+F007
inline constexpr const char* kInbox = "\xef\x80\x9c";  // U+F01C
inline constexpr const char* kTimes = "\xef\x80\x8d";  // U+F00D
inline constexpr const char* kPencil = "\xef\x81\x80";  // U+F040
inline constexpr const char* kGlobe = "\xef\x82\xac";  // U+F0AC
inline constexpr const char* kClock = "\xef\x80\x97";  // U+F017
inline constexpr const char* kBell = "\xef\x83\xb3";  // U+F0F3
inline constexpr const char* kArrowUp = "\xef\x81\xa2";  // U+F062
inline constexpr const char* kArrowDown = "\xef\x81\xa3";  // U+F063
inline constexpr const char* kCaretDown = "\xef\x83\x97";  // U+F0D7
// Ticket type icons (BoardConfig kTypeIcons; ForType below).
inline constexpr const char* kQuestion = "\xef\x84\xa8";  // U+F128
inline constexpr const char* kWrench = "\xef\x82\xad";  // U+F0AD
inline constexpr const char* kStar = "\xef\x80\x85";  // U+F005
inline constexpr const char* kCube = "\xef\x86\xb2";  // U+F1B2
inline constexpr const char* kBuilding = "\xef\x86\xad";  // U+F1AD
inline constexpr const char* kCog = "\xef\x80\x93";  // U+F013
inline constexpr const char* kBars = "\xef\x83\x89";  // U+F0C9

// The glyph of a ticket type's icon name (TicketTypeDef::icon); the ticket for an empty or
// unknown name.
inline const char* ForType(const std::string_view name) {
    struct Named {
        const char* name;
        const char* glyph;
    };
    static constexpr Named kNamed[] = {{"bug", kBug},         {"question", kQuestion}, {"bolt", kBolt},
                                       {"wrench", kWrench},   {"star", kStar},         {"box", kCube},
                                       {"user", kUser},       {"building", kBuilding}, {"lightbulb", kLightbulb},
                                       {"exchange", kExchange}, {"life_ring", kLifeRing}};
    for (const Named& n : kNamed)
        if (name == n.name) return n.glyph;
    return kTicket;
}

}  // namespace tackboard::icons
