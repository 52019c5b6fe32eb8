// source_dates.cpp — ISO 8601 and Jira date parsing for the import readers (see
// source_dates.hpp for what is accepted and why times without a zone are UTC).
#include "io/source_dates.hpp"

#include <algorithm>

#include "core/dates.hpp"
#include "io/source_text.hpp"

namespace tackboard {

namespace {

constexpr Millis kMillisPerSecond = 1000;
constexpr Millis kMillisPerMinute = 60 * kMillisPerSecond;
constexpr Millis kMillisPerHour = 60 * kMillisPerMinute;

// Reads a date/time left to right; every step fails (returns false) without throwing.
class Cursor {
public:
    explicit Cursor(std::string_view text) : text_(text) {}

    bool Done() const { return pos_ == text_.size(); }

    bool Eat(char c) {
        if (Done() || AsciiLower(text_[pos_]) != AsciiLower(c)) return false;
        ++pos_;
        return true;
    }
    // Up to `max` decimal digits, as many as there are; returns how many were read.
    int DigitRun(int max, int& out) {
        out = 0;
        int count = 0;
        while (count < max && !Done() && text_[pos_] >= '0' && text_[pos_] <= '9') {
            out = out * 10 + (text_[pos_] - '0');
            ++pos_;
            ++count;
        }
        return count;
    }
    bool Digits(int min, int max, int& out) { return DigitRun(max, out) >= min; }
    std::string_view Letters() {
        std::size_t start = pos_;
        while (!Done() && AsciiLower(text_[pos_]) >= 'a' && AsciiLower(text_[pos_]) <= 'z') ++pos_;
        return text_.substr(start, pos_ - start);
    }
    // A word such as "AM", ignoring case.
    bool EatWord(std::string_view word) {
        if (!EqualsIgnoreAsciiCase(text_.substr(pos_, word.size()), word)) return false;
        pos_ += word.size();
        return true;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

// Days since the epoch, or nullopt for a date that does not exist (2024-02-30).
std::optional<long long> CheckedDays(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    long long days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    int y;
    unsigned m, d;
    CivilFromDays(days, y, m, d);
    if (y != year || static_cast<int>(m) != month || static_cast<int>(d) != day) return std::nullopt;
    return days;
}

// "HH:MM[:SS[.fff]]" after the date; milliseconds since midnight.
std::optional<Millis> ParseIsoTime(Cursor& in) {
    int hour, minute, second = 0;
    if (!in.Digits(2, 2, hour) || !in.Eat(':') || !in.Digits(2, 2, minute)) return std::nullopt;
    if (in.Eat(':') && !in.Digits(2, 2, second)) return std::nullopt;
    Millis fraction = 0;
    if (in.Eat('.') || in.Eat(',')) {
        int digit, kept = 0;
        if (!in.Digits(1, 1, digit)) return std::nullopt;
        do {
            if (kept++ < 3) fraction = fraction * 10 + digit;  // finer than milliseconds is dropped
        } while (in.Digits(1, 1, digit));
        for (; kept < 3; ++kept) fraction *= 10;
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    return hour * kMillisPerHour + minute * kMillisPerMinute + second * kMillisPerSecond + fraction;
}

// "Z", "+02:00", "+0200", "+02" or nothing (UTC); the offset to subtract, in ms.
std::optional<Millis> ParseZone(Cursor& in) {
    if (in.Done() || in.Eat('Z')) return 0;
    int sign = in.Eat('+') ? 1 : in.Eat('-') ? -1 : 0;
    if (sign == 0) return std::nullopt;
    int hours, minutes = 0;
    if (!in.Digits(2, 2, hours)) return std::nullopt;
    if (in.Eat(':')) {
        if (!in.Digits(2, 2, minutes)) return std::nullopt;
    } else if (!in.Done() && !in.Digits(2, 2, minutes)) {
        return std::nullopt;
    }
    if (hours > 23 || minutes > 59) return std::nullopt;
    return sign * (hours * kMillisPerHour + minutes * kMillisPerMinute);
}

std::optional<Millis> ParseIso(std::string_view text) {
    Cursor in(text);
    int year, month, day;
    if (!in.Digits(4, 4, year) || !in.Eat('-') || !in.Digits(2, 2, month) || !in.Eat('-') || !in.Digits(2, 2, day))
        return std::nullopt;
    std::optional<long long> days = CheckedDays(year, month, day);
    if (!days) return std::nullopt;
    Millis at = *days * kMillisPerDay;
    if (in.Done()) return at;
    if (!in.Eat('T') && !in.Eat(' ')) return std::nullopt;
    std::optional<Millis> time = ParseIsoTime(in);
    if (!time) return std::nullopt;
    std::optional<Millis> offset = ParseZone(in);
    if (!offset || !in.Done()) return std::nullopt;
    return at + *time - *offset;
}

int EnglishMonth(std::string_view name) {
    static constexpr std::string_view kMonths[12] = {"january",   "february", "march",    "april",
                                                     "may",       "june",     "july",     "august",
                                                     "september", "october",  "november", "december"};
    for (int i = 0; i < 12; ++i)
        if (EqualsIgnoreAsciiCase(name, kMonths[i].substr(0, 3)) || EqualsIgnoreAsciiCase(name, kMonths[i]))
            return i + 1;
    return 0;
}

// Jira: "15/Jan/24 10:20 AM", "15/Jan/2024 10:20 PM", "15/Jan/24".
std::optional<Millis> ParseJira(std::string_view text) {
    Cursor in(text);
    int day, year;
    if (!in.Digits(1, 2, day) || !in.Eat('/')) return std::nullopt;
    int month = EnglishMonth(in.Letters());
    if (month == 0 || !in.Eat('/')) return std::nullopt;
    int year_digits = in.DigitRun(4, year);
    if (year_digits == 2)
        year += 2000;  // Jira's "24" is 2024
    else if (year_digits != 4)
        return std::nullopt;
    std::optional<long long> days = CheckedDays(year, month, day);
    if (!days) return std::nullopt;
    Millis at = *days * kMillisPerDay;
    if (in.Done()) return at;
    int hour, minute;
    if (!in.Eat(' ') || !in.Digits(1, 2, hour) || !in.Eat(':') || !in.Digits(2, 2, minute) || !in.Eat(' '))
        return std::nullopt;
    bool pm = in.EatWord("PM");
    if (!pm && !in.EatWord("AM")) return std::nullopt;
    if (!in.Done() || hour < 1 || hour > 12 || minute > 59) return std::nullopt;
    hour = hour % 12 + (pm ? 12 : 0);  // 12:xx AM is just after midnight, 12:xx PM just after noon
    return at + hour * kMillisPerHour + minute * kMillisPerMinute;
}

}  // namespace

std::optional<Millis> ParseSourceDateTime(std::string_view text) {
    text = TrimSpace(text);
    if (text.size() >= 5 && text[4] == '-') return ParseIso(text);
    return ParseJira(text);
}

std::string NotADateReason(std::string_view what, std::string_view value) {
    return std::string(what) + " '" + Abbreviate(value, 40) + "' is not a date (use YYYY-MM-DD)";
}

bool ReadDateText(std::string_view text, std::string_view what, Millis& out, std::string& reason) {
    out = 0;
    if (TrimSpace(text).empty()) return true;
    std::optional<Millis> at = ParseSourceDateTime(text);
    if (!at) {
        reason = NotADateReason(what, TrimSpace(text));
        return false;
    }
    out = *at;
    return true;
}

bool ReadDateMember(const nlohmann::json& object, const char* key, Millis& out, std::string& reason) {
    out = 0;
    const nlohmann::json* value = JsonMember(object, key);
    if (!value) return true;
    if (!value->is_string()) {
        reason = NotADateReason(key, JsonAsText(*value));
        return false;
    }
    return ReadDateText(value->get<std::string>(), key, out, reason);
}

void SortOldestFirst(std::vector<ImportedComment>& comments) {
    std::stable_sort(comments.begin(), comments.end(),
                     [](const ImportedComment& a, const ImportedComment& b) { return a.at < b.at; });
}

}  // namespace tackboard
