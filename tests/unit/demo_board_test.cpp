// Tests for core/demo_board.cpp: the sample board is deterministic, consistent with its
// own configuration, in four languages, in time order, and imports whole into an empty
// board (through App, as the welcome panel and tackboard.loadDemo do).
#include <doctest/doctest.h>

#include <set>

#include "app/app.hpp"
#include "core/demo_board.hpp"
#include "core/reports.hpp"
#include "core/ticket_json.hpp"
#include "temp_dir.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

constexpr Millis kNow = 1'796'464'800'000;  // Saturday 5 December 2026, 10:00 UTC
constexpr Millis kDay = 24 * 3'600'000;

json Demo(std::uint64_t seed = 7) { return MakeDemoBoard({seed, kNow}); }

Board Read(const json& doc) {
    auto board = BoardFromJson(doc);
    REQUIRE_MESSAGE(board.ok(), board.error().Describe());
    return std::move(board.value());
}

bool HasCjk(const std::string& s) {
    for (unsigned char c : s)
        if (c >= 0xE4 && c <= 0xE9) return true;  // lead bytes of U+4E00..U+9FFF
    return false;
}

}  // namespace

TEST_CASE("the same seed and instant give the same board; another seed another one") {
    CHECK(Demo(7).dump() == Demo(7).dump());
    CHECK(Demo(7).dump() != Demo(8).dump());
}

TEST_CASE("about 300 tickets, everything they use is in the configuration") {
    Board board = Read(Demo());
    const BoardConfig& c = board.config();
    CHECK(board.tickets().size() == 300);
    CHECK(c.members.size() >= 4);
    std::set<std::string> ids;
    for (const Ticket& t : board.tickets()) {
        INFO(t.id);
        CHECK(ids.insert(t.id).second);
        CHECK(c.FindStatus(t.status));
        CHECK(c.FindPriority(t.priority));
        CHECK(c.FindType(t.type));
        if (!t.assignee.empty()) CHECK(c.FindMember(t.assignee));
        for (const auto& label : t.labels) {
            bool known = false;
            for (const auto& l : c.labels) known = known || l.name == label;
            CHECK(known);
        }
        for (const auto& link : t.links) {
            const Ticket* other = board.Find(link.target);
            REQUIRE(other);
            CHECK(std::find(other->links.begin(), other->links.end(), Link{Reverse(link.kind), t.id}) != other->links.end());
        }
    }
}

TEST_CASE("texts in English, French, Swedish and Chinese") {
    Board board = Read(Demo());
    std::set<std::string> seen;
    for (const Ticket& t : board.tickets()) {
        if (HasCjk(t.title)) seen.insert("zh");
        if (t.title.find("Password reset") != std::string::npos || t.title.find("Invoice") != std::string::npos ||
            t.title.find("VPN disconnects") != std::string::npos)
            seen.insert("en");
        if (t.title.find("Réinitialisation") != std::string::npos || t.title.find("facture") != std::string::npos ||
            t.title.find("imprimante") != std::string::npos)
            seen.insert("fr");
        if (t.title.find("lösenordet") != std::string::npos || t.title.find("fakturan") != std::string::npos ||
            t.title.find("Skrivaren") != std::string::npos)
            seen.insert("sv");
    }
    CHECK(seen == std::set<std::string>{"en", "fr", "sv", "zh"});
}

TEST_CASE("times are in order and none lies after now") {
    Board board = Read(Demo());
    Millis oldest = kNow;
    for (const Ticket& t : board.tickets()) {
        INFO(t.id);
        oldest = std::min(oldest, t.created);
        CHECK(t.created > 0);
        CHECK(t.created <= t.updated);
        CHECK(t.updated <= kNow);
        if (t.first_response_at) CHECK(t.created <= t.first_response_at);
        if (t.resolved_at) {
            CHECK(t.first_response_at);
            CHECK(t.first_response_at <= t.resolved_at);
            CHECK(t.resolved_at <= kNow);
        }
        Millis last = t.created;
        for (const auto& h : t.history) {
            CHECK(h.at >= last);
            last = h.at;
        }
        CHECK(last <= kNow);
        for (const auto& c : t.comments) CHECK((c.at >= t.created && c.at <= kNow));
    }
    CHECK(oldest >= kNow - 57 * kDay);
    CHECK(oldest <= kNow - 49 * kDay);
}

TEST_CASE("imports whole into an empty board, as one undoable step, with figures worth reporting") {
    TempDir dir;
    Millis clock = kNow;
    unsigned char entropy = 1;
    App app(dir.str(), AppEnvironment{[&] { return clock += 1000; },
                                      [&] {
                                          RandomBytes r;
                                          r.fill(entropy++);
                                          return r;
                                      },
                                      nullptr});
    const json doc = Demo();
    auto plan = app.PlanImport(doc.dump(), "tackboard");
    REQUIRE_MESSAGE(plan.ok(), plan.error().Describe());
    CHECK(plan.value().skipped.empty());
    CHECK(plan.value().tickets == 300);
    REQUIRE(app.Import(plan.value()).ok());
    REQUIRE(app.board().tickets().size() == 300);
    // Lossless: history, comments, response and resolution times, scores come through.
    for (std::size_t i = 0; i < 300; ++i) {
        const json& theirs = doc["tickets"][i];
        json ours = TicketToJson(app.board().tickets()[i]);
        ours.erase("clocks");
        CHECK(ours == theirs);
    }
    CHECK(app.board().config().members.size() == DemoBoardConfig().members.size());

    std::vector<std::size_t> all(300);
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    Report r = ComputeReport(app.board(), all, {kNow - 60 * kDay, kNow + 1}, nullptr);
    CHECK(r.created == 300);
    CHECK(r.resolved > 150);
    CHECK(r.resolved < 300);
    CHECK(r.reopened > 0);
    CHECK(r.rated > 50);
    CHECK(r.satisfaction_mean > 3.0);
    CHECK(r.first_response.count > 200);
    std::size_t open = 0, overdue = 0, duplicates = 0, waiting = 0, internal = 0;
    for (const Ticket& t : app.board().tickets()) {
        const bool done = t.status == "resolved" || t.status == "closed";
        open += !done;
        overdue += !done && t.due && t.due < kNow;
        waiting += t.status == "waiting";
        for (const auto& l : t.links) duplicates += l.kind == LinkKind::DuplicateOf;
        for (const auto& c : t.comments) internal += c.internal;
    }
    CHECK(open > 20);
    CHECK(overdue > 0);
    CHECK(duplicates > 0);
    CHECK(waiting > 0);
    CHECK(internal > 20);

    REQUIRE(app.Undo().ok());
    std::size_t live = 0;
    for (const Ticket& t : app.board().tickets()) live += !t.deleted;
    CHECK(live == 0);
}
