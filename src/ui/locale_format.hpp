// locale_format.hpp — dates and numbers as the UI language writes them.
//
//   FormatNumber(1234)       en "1,234"   fr "1 234" (narrow no-break space)   sv "1 234" (no-break space)   zh "1,234"
//   FormatDecimal(2.5, 1)    en "2.5"     fr "2,5"    sv "2,5"    zh "2.5"
//   FormatDate(ms)           en "Nov 23, 2026"   fr "23 nov. 2026"   sv "23 nov. 2026"   zh "2026年11月23日"
//   FormatShortDate(ms)      en "Nov 23"         fr "23 nov."        sv "23 nov."        zh "11月23日"
// Dates are the UTC day (as core/dates.hpp). Forms keep ISO dates ("2026-11-23") for what
// is typed in; these are for what is only read. Pure C++: native tests link it.
#pragma once

#include <string>

#include "core/board.hpp"
#include "ui/i18n.hpp"

namespace tackboard {

std::string FormatNumber(long long value, Language language);
std::string FormatDecimal(double value, int decimals, Language language);
std::string FormatDate(Millis ms, Language language);
std::string FormatShortDate(Millis ms, Language language);

// A count with its noun in the current language: Counted(3, "%s ticket", "%s tickets")
// is "3 tickets", "3 ärenden", "3 个工单" (the forms are Tr() keys; see TrCount).
std::string Counted(long long n, const char* one, const char* other);

// The same in the current UI language.
inline std::string FormatNumber(long long value) { return FormatNumber(value, CurrentLanguage()); }
inline std::string FormatDecimal(double value, int decimals) { return FormatDecimal(value, decimals, CurrentLanguage()); }
inline std::string FormatDate(Millis ms) { return FormatDate(ms, CurrentLanguage()); }
inline std::string FormatShortDate(Millis ms) { return FormatShortDate(ms, CurrentLanguage()); }

}  // namespace tackboard
