#include "core/rank.hpp"

#include <algorithm>
#include <unordered_set>

namespace tackboard {

using nlohmann::json;

namespace {

constexpr std::string_view kDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr int kBase = 62;
constexpr std::size_t kMaxStoredRank = 1024;  // refused beyond: no rank this module makes gets near

int Digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    if (c >= 'a' && c <= 'z') return c - 'a' + 36;
    return -1;
}

// The fraction halfway between a and b (b empty: 1.0), as short as it can be. Requires
// a < b, neither ending in '0' (fractional-indexing's midpoint).
std::string Midpoint(std::string_view a, std::string_view b) {
    std::string prefix;
    if (!b.empty()) {
        // Skip the digits both share (a padded with zeros), keep them in front.
        std::size_t n = 0;
        while (n < b.size() && (n < a.size() ? a[n] : '0') == b[n]) ++n;
        prefix = b.substr(0, n);
        a = n < a.size() ? a.substr(n) : std::string_view();
        b = b.substr(n);
    }
    int da = a.empty() ? 0 : Digit(a[0]);
    int db = b.empty() ? kBase : Digit(b[0]);
    if (db - da > 1) return prefix + kDigits[(da + db) / 2];
    // Neighbouring first digits: b's first digit alone when b goes on (it is > a, < b),
    // else a's first digit followed by something above the rest of a.
    if (b.size() > 1) return prefix + b[0];
    return prefix + kDigits[da] + Midpoint(a.empty() ? a : a.substr(1), {});
}

void Spread(std::string_view before, std::string_view after, std::size_t count, std::vector<std::string>& out) {
    if (count == 0) return;
    std::string mid = Midpoint(before, after);
    std::size_t left = (count - 1) / 2;
    Spread(before, mid, left, out);
    out.push_back(mid);
    Spread(mid, after, count - 1 - left, out);
}

}  // namespace

std::string RankBetween(std::string_view before, std::string_view after) { return Midpoint(before, after); }

std::vector<std::string> RanksBetween(std::string_view before, std::string_view after, std::size_t count) {
    std::vector<std::string> out;
    out.reserve(count);
    Spread(before, after, count, out);
    return out;
}

// Each byte b of the id as two digits of 255 - b (a larger id sorts first), then 'z',
// above every digit used, so an id sorts after the longer ids it is a prefix of.
std::string ImplicitRank(const std::string& id) {
    std::string out;
    out.reserve(id.size() * 2 + 1);
    for (unsigned char c : id) {
        unsigned v = 255u - c;
        out += kDigits[v >> 4];
        out += kDigits[v & 15];
    }
    out += 'z';
    return out;
}

std::string OrderKey(const Ticket& ticket) { return ticket.rank.empty() ? ImplicitRank(ticket.id) : ticket.rank; }

namespace {
// ImplicitRank(id) compared with `rank` digit by digit, building nothing: <0, 0, >0.
int CompareWithImplicit(std::string_view rank, const std::string& id) {
    const std::size_t implicit_size = id.size() * 2 + 1;
    for (std::size_t k = 0; k < std::min(rank.size(), implicit_size); ++k) {
        char digit = 'z';
        if (k < id.size() * 2) {
            unsigned v = 255u - static_cast<unsigned char>(id[k / 2]);
            digit = kDigits[k % 2 == 0 ? v >> 4 : v & 15];
        }
        if (rank[k] != digit) return rank[k] < digit ? -1 : 1;
    }
    return rank.size() < implicit_size ? -1 : rank.size() > implicit_size ? 1 : 0;
}
}  // namespace

bool OrderedBefore(const Ticket& a, const Ticket& b) {
    int order = 0;
    if (a.rank.empty() && b.rank.empty()) order = 0;  // both implicit: the id order below
    else if (b.rank.empty()) order = CompareWithImplicit(a.rank, b.id);
    else if (a.rank.empty()) order = -CompareWithImplicit(b.rank, a.id);
    else order = a.rank.compare(b.rank);
    if (order != 0) return order < 0;
    return a.id > b.id;
}

bool IsValidRank(std::string_view rank) {
    if (rank.empty() || rank.size() > kMaxStoredRank || rank.back() == '0') return false;
    return std::all_of(rank.begin(), rank.end(), [](char c) { return Digit(c) >= 0; });
}

json PlaceTickets(const Board& board, const std::vector<std::size_t>& rows, std::size_t position,
                  const std::vector<std::string>& ids, const std::function<PlacementSet(const std::string&)>& set_for) {
    const auto& tickets = board.tickets();
    std::unordered_set<std::string> moving(ids.begin(), ids.end());
    // The cards staying put, and where among them the moved ones go.
    std::vector<std::size_t> rest;
    rest.reserve(rows.size());
    std::size_t at = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (moving.count(tickets[rows[i]].id)) continue;
        if (i < position) ++at;
        rest.push_back(rows[i]);
    }
    // Dropped where they already are, in the same order: no new ranks.
    bool same_order = rest.size() + ids.size() == rows.size();
    for (std::size_t i = 0; same_order && i < ids.size(); ++i) same_order = tickets[rows[at + i]].id == ids[i];

    json changes = json::array();
    auto add = [&](const std::string& id, json set) {
        if (!set.empty()) changes.push_back({{"op", "update"}, {"id", id}, {"set", std::move(set)}});
    };
    if (same_order) {
        for (const auto& id : ids) add(id, set_for(id));
        return changes;
    }

    // Fresh ranks for the moved cards, spread over a window of neighbours [lo, hi) that
    // starts empty and doubles until the ranks are short enough (at worst the column).
    auto key = [&](std::size_t i) { return OrderKey(tickets[rest[i]]); };
    std::size_t lo = at, hi = at;
    std::vector<std::string> fresh;
    for (std::size_t span = 0;; span = span ? span * 2 : 4) {
        lo = at - std::min(at, span);
        hi = std::min(rest.size(), at + span);
        bool whole = lo == 0 && hi == rest.size();
        std::string before = lo == 0 ? std::string() : key(lo - 1);
        std::string after = hi == rest.size() ? std::string() : key(hi);
        if (!whole && !before.empty() && !after.empty() && before >= after) continue;  // equal ranks (merged)
        fresh = RanksBetween(before, after, hi - lo + ids.size());
        bool short_enough = std::all_of(fresh.begin(), fresh.end(), [](const std::string& r) { return r.size() <= kMaxRankLength; });
        if (short_enough || whole) break;
    }
    std::size_t next = 0;
    for (std::size_t i = lo; i < at; ++i) add(tickets[rest[i]].id, {{"rank", fresh[next++]}});
    for (const auto& id : ids) {
        json set = set_for(id);
        set["rank"] = fresh[next++];
        add(id, std::move(set));
    }
    for (std::size_t i = at; i < hi; ++i) add(tickets[rest[i]].id, {{"rank", fresh[next++]}});
    return changes;
}

}  // namespace tackboard
