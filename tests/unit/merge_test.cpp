// Tests for sync/merge.cpp: three-way merges of one ticket.
#include <doctest/doctest.h>

#include "core/change.hpp"
#include "core/ticket_json.hpp"
#include "sync/merge.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

// A base ticket and two replicas edited through real change records, each stamped by
// its own device's clock, as the app would.
struct Replicas {
    Board base_board, local_board, remote_board;
    HlcClock local_clock{"local-device"}, remote_clock{"remote-device"};
    Millis now = 1'800'000'000'000;

    Replicas() {
        json create = {{"op", "create"}, {"at", now}, {"by", "ann"}, {"hlc", Hlc{now, 0, "origin"}.ToString()},
                       {"ticket",
                        {{"id", "T1"}, {"type", "bug"}, {"title", "Printer jams"}, {"status", "new"},
                         {"priority", "normal"}, {"description", "Tray 2"}, {"fields", {{"steps", "Print"}}}}}};
        for (Board* b : {&base_board, &local_board, &remote_board}) REQUIRE(ApplyChange(*b, create).ok());
    }
    void Edit(Board& board, HlcClock& clock, json change, Millis at) {
        change["at"] = at;
        change["by"] = &board == &local_board ? "local" : "remote";
        change["hlc"] = clock.Tick(at).ToString();
        auto applied = ApplyChange(board, change);
        REQUIRE_MESSAGE(applied.ok(), applied.error().Describe());
    }
    void Local(json change, Millis at) { Edit(local_board, local_clock, std::move(change), at); }
    void Remote(json change, Millis at) { Edit(remote_board, remote_clock, std::move(change), at); }
    const Ticket& base() const { return *base_board.Find("T1"); }
    const Ticket& local() const { return *local_board.Find("T1"); }
    const Ticket& remote() const { return *remote_board.Find("T1"); }

    MergedTicket Merge() {
        auto one = MergeTicket(&base(), local(), remote());
        auto other = MergeTicket(&base(), remote(), local());
        REQUIRE_MESSAGE(one.ok(), one.error().Describe());
        REQUIRE(other.ok());
        // Symmetric: both replicas end with the same ticket.
        CHECK(TicketToJson(one.value().ticket) == TicketToJson(other.value().ticket));
        return one.value();
    }
};

json Set(const char* field, json value) { return {{"op", "update"}, {"id", "T1"}, {"set", {{field, std::move(value)}}}}; }

}  // namespace

TEST_CASE("different fields changed on each side: both changes kept, no conflict") {
    Replicas r;
    r.Local(Set("title", "Printer jams on floor 2"), r.now + 1000);
    r.Remote(Set("status", "in_progress"), r.now + 2000);
    r.Remote(Set("fields.environment", "HP LaserJet"), r.now + 3000);
    auto merged = r.Merge();
    CHECK(merged.ticket.title == "Printer jams on floor 2");
    CHECK(merged.ticket.status == "in_progress");
    CHECK(merged.ticket.fields["environment"] == "HP LaserJet");
    CHECK(merged.ticket.fields["steps"] == "Print");
    CHECK(merged.new_conflicts.empty());
    CHECK(ConflictsOf(merged.ticket).empty());
    // Both sides' history is there, in time order.
    REQUIRE(merged.ticket.history.size() == 4);
    CHECK(merged.ticket.history[1].field == "title");
    CHECK(merged.ticket.history[2].field == "status");
}

TEST_CASE("the same field changed differently: the later stamp wins, the other value is kept as a conflict") {
    Replicas r;
    r.Local(Set("title", "Printer jams (local)"), r.now + 5000);
    r.Remote(Set("title", "Printer jams (remote)"), r.now + 2000);
    auto merged = r.Merge();
    CHECK(merged.ticket.title == "Printer jams (local)");
    REQUIRE(merged.new_conflicts.size() == 1);
    CHECK(merged.new_conflicts[0].field == "title");
    CHECK(merged.new_conflicts[0].value == "Printer jams (remote)");
    auto kept = ConflictsOf(merged.ticket);
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].value == "Printer jams (remote)");
    CHECK(merged.ticket.clocks["title"] == r.local().clocks.at("title"));
}

TEST_CASE("the same change on both sides is no conflict") {
    Replicas r;
    r.Local(Set("priority", "urgent"), r.now + 1000);
    r.Remote(Set("priority", "urgent"), r.now + 4000);
    auto merged = r.Merge();
    CHECK(merged.ticket.priority == "urgent");
    CHECK(merged.new_conflicts.empty());
}

TEST_CASE("comments added on both sides are all kept; one removed on one side is removed") {
    Replicas r;
    json first = {{"op", "comment"}, {"id", "T1"}, {"comment", {{"id", "c1"}, {"author", "ann"}, {"at", r.now + 10}, {"body", "Seen"}}}};
    for (Board* b : {&r.base_board, &r.local_board, &r.remote_board}) {
        json c = first;
        c["at"] = r.now + 10;
        c["hlc"] = Hlc{r.now + 10, 0, "origin"}.ToString();
        REQUIRE(ApplyChange(*b, c).ok());
    }
    r.Local({{"op", "comment"}, {"id", "T1"}, {"comment", {{"id", "c2"}, {"author", "ann"}, {"at", r.now + 2000}, {"body", "Local"}}}},
            r.now + 2000);
    r.Remote({{"op", "comment"}, {"id", "T1"}, {"comment", {{"id", "c3"}, {"author", "bob"}, {"at", r.now + 1000}, {"body", "Remote"}}}},
             r.now + 1000);
    r.Remote({{"op", "uncomment"}, {"id", "T1"}, {"comment_id", "c1"}}, r.now + 3000);
    auto merged = r.Merge();
    REQUIRE(merged.ticket.comments.size() == 2);
    CHECK(merged.ticket.comments[0].id == "c3");  // in time order
    CHECK(merged.ticket.comments[1].id == "c2");
}

TEST_CASE("delete on one side, edit on the other: the later stamp decides, the edit is not lost") {
    Replicas r;
    r.Local({{"op", "delete"}, {"id", "T1"}}, r.now + 1000);
    r.Remote(Set("title", "Still a problem"), r.now + 2000);
    auto merged = r.Merge();
    CHECK(merged.ticket.deleted);
    CHECK(merged.ticket.title == "Still a problem");
}

TEST_CASE("custom fields merge key by key") {
    Replicas r;
    r.Local(Set("fields.severity", "Major"), r.now + 1000);
    r.Remote(Set("fields.environment", "Windows 11"), r.now + 1000);
    r.Remote(Set("fields.steps", "Print twice"), r.now + 1500);
    auto merged = r.Merge();
    CHECK(merged.ticket.fields["severity"] == "Major");
    CHECK(merged.ticket.fields["environment"] == "Windows 11");
    CHECK(merged.ticket.fields["steps"] == "Print twice");
    CHECK(merged.new_conflicts.empty());
}

TEST_CASE("no common base: every differing field is a conflict, decided the same way on both sides") {
    Replicas r;
    r.Local(Set("title", "Made here"), r.now + 1000);
    r.Remote(Set("title", "Made there"), r.now + 1000);  // same wall time: the node id breaks the tie
    auto one = MergeTicket(nullptr, r.local(), r.remote());
    auto other = MergeTicket(nullptr, r.remote(), r.local());
    REQUIRE((one.ok() && other.ok()));
    CHECK(TicketToJson(one.value().ticket) == TicketToJson(other.value().ticket));
    CHECK(one.value().ticket.title == "Made there");  // "remote-device" > "local-device"
    CHECK(ConflictsOf(one.value().ticket).size() == 1);
}

TEST_CASE("conflicts already on a ticket survive later merges, once each") {
    Replicas r;
    r.Local(Set("title", "A"), r.now + 2000);
    r.Remote(Set("title", "B"), r.now + 1000);
    auto first = r.Merge();
    // Both replicas take the merged ticket; then the remote edits something else.
    Board merged_board;
    REQUIRE(ApplyChange(merged_board, {{"op", "import"}, {"at", r.now}, {"tickets", {TicketToJson(first.ticket)}}}).ok());
    const Ticket& agreed = *merged_board.Find("T1");
    Ticket remote = agreed;
    remote.priority = "high";
    remote.clocks["priority"] = Hlc{r.now + 9000, 0, "remote-device"};
    auto second = MergeTicket(&agreed, agreed, remote);
    REQUIRE(second.ok());
    CHECK(second.value().ticket.priority == "high");
    CHECK(ConflictsOf(second.value().ticket).size() == 1);
}

TEST_CASE("tickets with different ids are not merged") {
    Ticket a, b;
    a.id = "A";
    b.id = "B";
    CHECK_FALSE(MergeTicket(nullptr, a, b).ok());
}

// --- the board's configuration ---------------------------------------------------------

namespace {
json StatusEntry(const std::string& id, const std::string& name) {
    return {{"id", id}, {"name", name}, {"category", "todo"}, {"wip_limit", 0}};
}
json Names(const json& list) {
    json out = json::array();
    for (const json& e : list) out.push_back(e.value("name", ""));
    return out;
}
}  // namespace

TEST_CASE("configurations merge entry by entry: additions and edits from both sides are kept") {
    json base = ConfigToJson(DefaultConfig());
    json local = base, remote = base;
    local["statuses"][0]["name"] = "Inbox";                  // renamed here
    local["statuses"].push_back(StatusEntry("qa", "QA"));    // added here
    remote["statuses"].push_back(StatusEntry("ux", "UX"));   // added there
    remote["statuses"].erase(remote["statuses"].begin() + 3);  // removed there ("waiting")
    remote["default_priority"] = "high";
    MergedConfig merged = MergeConfig(&base, local, remote);
    CHECK(merged.overridden.empty());
    CHECK(Names(merged.config["statuses"]) == json{"Inbox", "Triage", "In progress", "Resolved", "Closed", "QA", "UX"});
    CHECK(merged.config["default_priority"] == "high");
    CHECK(ConfigFromJson(merged.config, "").ok());
}

TEST_CASE("an entry changed on both sides takes the server's version, and says so") {
    json base = ConfigToJson(DefaultConfig());
    json local = base, remote = base;
    local["statuses"][1]["name"] = "Sorting";
    remote["statuses"][1]["name"] = "Sorting out";
    local["members"] = json::array({{{"id", "ana"}, {"name", "Ana"}, {"skills", json::array()}, {"capacity", 5}}});
    remote["statuses"].erase(remote["statuses"].begin() + 2);  // "in_progress" removed there...
    local["statuses"][2]["wip_limit"] = 3;                     // ...while edited here: the edit stays
    MergedConfig merged = MergeConfig(&base, local, remote);
    CHECK(Names(merged.config["statuses"])[1] == "Sorting out");
    CHECK(merged.overridden == std::vector<std::string>{"status triage", "status in_progress (removed elsewhere, kept since it was edited here)"});
    CHECK(Names(merged.config["statuses"]) == json{"New", "Sorting out", "In progress", "Waiting", "Resolved", "Closed"});
    CHECK(merged.config["statuses"][2]["wip_limit"] == 3);
    CHECK(merged.config["members"].size() == 1);  // added here only
}

TEST_CASE("transitions merge as a set: one side's removal sticks, additions from both stay") {
    json base = ConfigToJson(DefaultConfig());
    base["transitions"] = json::array({{{"from", "new"}, {"to", "triage"}}, {{"from", "triage"}, {"to", "closed"}}});
    json local = base, remote = base;
    local["transitions"].erase(local["transitions"].begin() + 1);
    remote["transitions"].push_back({{"from", "triage"}, {"to", "in_progress"}});
    MergedConfig merged = MergeConfig(&base, local, remote);
    CHECK(merged.config["transitions"] ==
          json::array({{{"from", "new"}, {"to", "triage"}}, {{"from", "triage"}, {"to", "in_progress"}}}));
}

TEST_CASE("sprint: moved on both sides, the later clock wins and the other is kept as a conflict; one side alone merges cleanly") {
    json sprints = json::array({{{"id", "s1"}, {"name", "Sprint 1"}, {"start", "2027-01-04"}, {"end", "2027-01-15"}},
                                {{"id", "s2"}, {"name", "Sprint 2"}, {"start", "2027-01-18"}, {"end", "2027-01-29"}}});
    auto with_sprints = [&](Board& board) {
        BoardConfig config = board.config();
        config.extra["sprints"] = sprints;
        REQUIRE(ApplyChange(board, {{"op", "config"}, {"at", 1}, {"config", ConfigToJson(config)}}).ok());
    };
    {
        Replicas r;
        for (Board* b : {&r.base_board, &r.local_board, &r.remote_board}) with_sprints(*b);
        r.Local(Set("sprint", "s1"), r.now + 1000);
        r.Remote(Set("title", "Printer jams again"), r.now + 2000);
        auto merged = r.Merge();
        CHECK(merged.ticket.sprint == "s1");
        CHECK(merged.ticket.title == "Printer jams again");
        CHECK(merged.new_conflicts.empty());
        CHECK(merged.ticket.clocks.count("sprint"));
    }
    {
        Replicas r;
        for (Board* b : {&r.base_board, &r.local_board, &r.remote_board}) with_sprints(*b);
        r.Local(Set("sprint", "s1"), r.now + 1000);
        r.Remote(Set("sprint", "s2"), r.now + 2000);
        auto merged = r.Merge();
        CHECK(merged.ticket.sprint == "s2");
        REQUIRE(merged.new_conflicts.size() == 1);
        CHECK(merged.new_conflicts[0].field == "sprint");
        CHECK(merged.new_conflicts[0].value == "s1");
        // Both sides' history entries are kept.
        int entries = 0;
        for (const auto& h : merged.ticket.history) entries += h.field == "sprint";
        CHECK(entries == 2);
    }
}
