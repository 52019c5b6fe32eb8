#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/reminders.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

constexpr Millis kMinute = 60'000;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kNow = 1'796'634'000'000;  // 2026-12-07 09:00 UTC, a Monday

// A ticket as the tests need it; by default a fresh (10 minutes old) normal one, whose
// SLA (8 h to respond) is far off.
struct Spec {
    std::string title;
    Millis due = 0;
    std::string priority = "normal";
    Millis created = kNow - 10 * kMinute;
    std::string status = "new";
    bool deleted = false;
    Millis first_response_at = 0;
};

struct Desk {
    Board board{DefaultConfig()};

    void Add(const Spec& spec) {
        Ticket t;
        t.id = "T" + std::to_string(board.tickets().size() + 1);
        t.type = "support";
        t.title = spec.title;
        t.status = spec.status;
        t.priority = spec.priority;
        t.due = spec.due;
        t.created = t.updated = spec.created;
        t.deleted = spec.deleted;
        t.first_response_at = spec.first_response_at;
        board.Insert(std::move(t));
    }
};

SlaSettings Sla24x7() {
    Result<SlaSettings> sla = ParseSlaSettings(json{{"enabled", true}}, DefaultConfig());
    REQUIRE_MESSAGE(sla.ok(), sla.error().Describe());
    return sla.value();
}

// "kind:title" of each reminder, in order.
std::vector<std::string> Names(const std::vector<Reminder>& reminders) {
    std::vector<std::string> out;
    for (const Reminder& r : reminders) out.push_back(std::string(ToString(r.kind)) + ":" + r.title);
    return out;
}

}  // namespace

TEST_CASE("due dates: overdue, due soon, far off or none") {
    Desk desk;
    desk.Add({.title = "No due date"});
    desk.Add({.title = "Far future", .due = kNow + 48 * kHour});
    desk.Add({.title = "Tomorrow morning", .due = kNow + 23 * kHour});
    desk.Add({.title = "In two hours", .due = kNow + 2 * kHour});
    desk.Add({.title = "Two hours late", .due = kNow - 2 * kHour});
    desk.Add({.title = "Due this instant", .due = kNow});
    desk.Add({.title = "Exactly a day away", .due = kNow + 24 * kHour});
    std::vector<Reminder> list = ComputeReminders(desk.board, SlaSettings{}, kNow);
    CHECK(Names(list) == std::vector<std::string>{"overdue:Two hours late", "overdue:Due this instant",
                                                  "due-soon:In two hours", "due-soon:Tomorrow morning",
                                                  "due-soon:Exactly a day away"});
    CHECK(list[0].at == kNow - 2 * kHour);
    CHECK(list[0].ticket == 4);  // its position in board.tickets()
    CHECK(list[2].at == kNow + 2 * kHour);

    SUBCASE("a shorter horizon") {
        CHECK(Names(ComputeReminders(desk.board, SlaSettings{}, kNow, 3 * kHour)) ==
              std::vector<std::string>{"overdue:Two hours late", "overdue:Due this instant", "due-soon:In two hours"});
    }
    SUBCASE("time passing turns due soon into overdue") {
        CHECK(Names(ComputeReminders(desk.board, SlaSettings{}, kNow + 3 * kHour))[2] == "overdue:In two hours");
    }
}

TEST_CASE("done and deleted tickets have no reminders") {
    Desk desk;
    desk.Add({.title = "Resolved", .due = kNow - kHour, .status = "resolved"});
    desk.Add({.title = "Closed", .due = kNow + kHour, .status = "closed"});
    desk.Add({.title = "Deleted", .due = kNow - kHour, .deleted = true});
    desk.Add({.title = "Waiting still counts", .due = kNow - kHour, .status = "waiting"});
    CHECK(Names(ComputeReminders(desk.board, SlaSettings{}, kNow)) ==
          std::vector<std::string>{"overdue:Waiting still counts"});
    // Nor SLA reminders: a done ticket's clocks are complete, a deleted one is gone.
    desk.Add({.title = "Old resolved", .priority = "high", .created = kNow - 5 * kHour, .status = "resolved"});
    desk.Add({.title = "Old deleted", .priority = "high", .created = kNow - 5 * kHour, .deleted = true});
    CHECK(Names(ComputeReminders(desk.board, Sla24x7(), kNow)) ==
          std::vector<std::string>{"overdue:Waiting still counts"});
}

TEST_CASE("SLA at risk and breached, 24x7: High has 120 minutes to respond") {
    Desk desk;
    desk.Add({.title = "Fresh high", .priority = "high", .created = kNow - 30 * kMinute});// 30 of 120: fine
    desk.Add({.title = "High at 100 min", .priority = "high", .created = kNow - 100 * kMinute});// past 80 % (96 min): at risk
    desk.Add({.title = "High at 3 h", .priority = "high", .created = kNow - 3 * kHour});// missed an hour ago
    desk.Add({.title = "Normal at 3 h", .created = kNow - 3 * kHour});// 180 of 480: fine
    SUBCASE("off: no SLA reminders") { CHECK(ComputeReminders(desk.board, SlaSettings{}, kNow).empty()); }
    SUBCASE("on") {
        std::vector<Reminder> list = ComputeReminders(desk.board, Sla24x7(), kNow);
        REQUIRE(Names(list) == std::vector<std::string>{"breached:High at 3 h", "at-risk:High at 100 min"});
        CHECK(list[0].at == kNow - kHour);             // created + 120 min
        CHECK(list[1].at == kNow + 20 * kMinute);      // created + 120 min, still ahead
    }
    SUBCASE("answered in time: the response clock stops, resolution (24 h) runs on") {
        Desk answered;
        answered.Add({.title = "High at 3 h", .priority = "high", .created = kNow - 3 * kHour,
                      .first_response_at = kNow - 2 * kHour});
        CHECK(ComputeReminders(answered.board, Sla24x7(), kNow).empty());
    }
}

TEST_CASE("most pressing first: breached, overdue, at risk, due soon; then by instant") {
    Desk desk;
    desk.Add({.title = "Due soon", .due = kNow + kHour});
    desk.Add({.title = "At risk", .priority = "high", .created = kNow - 100 * kMinute});
    desk.Add({.title = "Overdue", .due = kNow - kHour});
    desk.Add({.title = "Breached lately", .priority = "high", .created = kNow - 150 * kMinute});  // target was 30 min ago
    desk.Add({.title = "Breached long ago", .priority = "high", .created = kNow - 5 * kHour}); // 3 h ago
    desk.Add({.title = "Late both ways", .due = kNow - 10 * kHour, .priority = "urgent", .created = kNow - 2 * kHour});  // urgent: 30 min to respond
    CHECK(Names(ComputeReminders(desk.board, Sla24x7(), kNow)) ==
          std::vector<std::string>{"breached:Breached long ago", "breached:Late both ways", "breached:Breached lately",
                                   "overdue:Late both ways", "overdue:Overdue", "at-risk:At risk", "due-soon:Due soon"});
}

TEST_CASE("100k tickets without an SLA: one pass over the due dates") {
    Desk desk;
    desk.board.Reserve(100'000);
    for (int i = 0; i < 100'000; ++i)  // one in ten with a due date, half of those past
        desk.Add({.title = "Ticket " + std::to_string(i), .due = i % 10 ? 0 : kNow + (i % 20 ? 1 : -1) * kHour});
    auto start = std::chrono::steady_clock::now();
    std::vector<Reminder> list = ComputeReminders(desk.board, SlaSettings{}, kNow);
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    CHECK(list.size() == 10'000);
    CHECK(list.front().kind == ReminderKind::Overdue);
    CHECK(list.back().kind == ReminderKind::DueSoon);
    MESSAGE("100k tickets: " << ms << " ms");
    CHECK(ms < 100);  // ~1-2 ms here; generous for a loaded machine
}
