// query_test.cpp — the query language (src/core/query.cpp): parsing, every field,
// free text through the index, boolean structure, sorting, errors, completion.
#include <doctest/doctest.h>

#include <fstream>
#include <random>

#include "core/dates.hpp"
#include "core/query.hpp"
#include "core/query_complete.hpp"
#include "core/search_index.hpp"
#include "core/sla.hpp"
#include "core/text_fold.hpp"
#include "core/utf8.hpp"

using namespace tackboard;

namespace {

constexpr Millis kHour = 3600000;
constexpr Millis kDay = 24 * kHour;
const Millis kNow = *ParseIsoDate("2026-03-10") + 12 * kHour;  // 2026-03-10 12:00 UTC

BoardConfig TeamConfig() {
    BoardConfig config = DefaultConfig();
    config.members = {{"alice", "Alice Martin", {}, 10}, {"bob", "Bob Stone", {}, 10}};
    return config;
}

struct Spec {
    const char* id;
    const char* title;
    const char* status;
    const char* priority;
    const char* type;
    const char* assignee;
    Millis created_ago;
    Millis updated_ago;
};

// Default order (newest created first): t4 t7 [t6 deleted] t8 t2 t1 t3 t5.
class Desk {
public:
    Desk() : board_(TeamConfig()) {
        Add({"t1", "VPN drops every hour", "new", "high", "support", "alice", 10 * kDay, 1 * kDay}, [](Ticket& t) {
            t.labels = {"network"};
            t.due = kNow + 2 * kDay;
            t.requester = "Jean Dupont <jean@example.fr>";
            t.links = {{LinkKind::BlockedBy, "ghost"}};  // a blocker that does not exist does not block
        });
        Add({"t2", "Imprimante en panne au Café", "in_progress", "normal", "bug", "bob", 5 * kDay, 3 * kDay},
            [](Ticket& t) {
                t.description = "L'imprimante du 2e étage ne répond plus.";
                t.labels = {"hardware"};
                t.requester = "Amélie Poulain";
            });
        Add({"t3", "Skrivaren i Göteborg fungerar inte", "waiting", "low", "support", "", 20 * kDay, 15 * kDay},
            [](Ticket& t) {
                t.due = kNow - 1 * kDay;
                t.labels = {"Needs info"};
            });
        Add({"t4", "服务器宕机了", "triage", "urgent", "incident", "alice", 1 * kHour, 1 * kHour}, [](Ticket& t) {
            t.description = "数据库连接失败";
            t.labels = {"network", "vip"};
        });
        Add({"t5", "Password reset", "resolved", "high", "support", "bob", 30 * kDay, 2 * kHour}, [](Ticket& t) {
            t.description = "The user is out of\n  office until Monday.";
            t.labels = {"access", "spam"};
            t.due = kNow - 5 * kDay;  // past, but done: not overdue
            t.comments.push_back(Comment{"c1", "bob", 0, "Tried the self-service portal", false});
        });
        Add({"t6", "Spam: win a prize", "closed", "low", "support", "", 2 * kDay, 2 * kDay}, [](Ticket& t) {
            t.labels = {"spam"};
            t.deleted = true;
        });
        Add({"t7", "Office move planning", "new", "normal", "change", "", 1 * kDay, 1 * kDay}, [](Ticket& t) {
            t.description = "Move printers to the new office";
            t.links = {{LinkKind::BlockedBy, "t3"}};  // t3 is waiting: blocks
            t.first_response_at = kNow - 20 * kHour;
        });
        Add({"t8", "Laptop blocked by t5", "new", "normal", "support", "", 3 * kDay, 3 * kDay}, [](Ticket& t) {
            t.links = {{LinkKind::BlockedBy, "t5"}};  // t5 is resolved: no longer blocks
            t.due = kNow + 10 * kDay;
            t.first_response_at = kNow - 3 * kDay + kHour;  // exactly 3 days old: not breached
        });
        index_.Build(board_.tickets());
    }

    template <class Edit>
    void Add(const Spec& spec, Edit edit) {
        Ticket t;
        t.id = spec.id;
        t.title = spec.title;
        t.status = spec.status;
        t.priority = spec.priority;
        t.type = spec.type;
        t.assignee = spec.assignee;
        t.created = kNow - spec.created_ago;
        t.updated = kNow - spec.updated_ago;
        edit(t);
        board_.Insert(std::move(t));
    }

    // The ids of the matching tickets, in order, space separated.
    std::string Find(std::string_view text, std::string me = "alice", const SlaSettings* sla = nullptr) const {
        Result<Query> query = ParseQuery(text);
        REQUIRE_MESSAGE(query.ok(), query.error().message);
        std::string out;
        for (std::size_t pos : RunQuery(query.value(), board_, index_, QueryContext{me, kNow, sla}))
            out += (out.empty() ? "" : " ") + board_.tickets()[pos].id;
        return out;
    }

    void Retitle(const std::string& id, const std::string& title) {
        board_.FindMutable(id)->title = title;
        index_.Update(static_cast<std::uint32_t>(board_.IndexOf(id)), *board_.Find(id));
    }

    const Board& board() const { return board_; }

private:
    Board board_;
    SearchIndex index_;
};

std::string ErrorOf(std::string_view text) {
    Result<Query> query = ParseQuery(text);
    return query.ok() ? "(parsed)" : query.error().message;
}

std::string CheckErrorOf(std::string_view text) {
    Result<Query> query = ParseQuery(text);
    REQUIRE(query.ok());
    Status status = CheckQuery(query.value(), TeamConfig());
    return status.ok() ? "(ok)" : status.error().message;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("an empty query lists every ticket that is not deleted, newest created first") {
    Desk desk;
    CHECK(desk.Find("") == "t4 t7 t8 t2 t1 t3 t5");
    CHECK(desk.Find("   ") == "t4 t7 t8 t2 t1 t3 t5");
}

TEST_CASE("status: by category keyword, by id or by name, ignoring case") {
    Desk desk;
    CHECK(desk.Find("status:open") == "t4 t7 t8 t2 t1 t3");
    CHECK(desk.Find("status:closed") == "t5");
    CHECK(desk.Find("status:done") == "t5");
    CHECK(desk.Find("status:todo") == "t4 t7 t8 t1");
    CHECK(desk.Find("status:active") == "t2");
    CHECK(desk.Find("status:waiting") == "t3");
    CHECK(desk.Find("status:in_progress") == "t2");
    CHECK(desk.Find("status:IN_PROGRESS") == "t2");
    CHECK(desk.Find("status:\"In progress\"") == "t2");
    CHECK(desk.Find("status:triage") == "t4");
    CHECK(desk.Find("Status:New") == "t7 t8 t1");
    // Quoted, a keyword names the status itself: "closed" is only the Closed column.
    CHECK(desk.Find("status:\"resolved\"") == "t5");
    CHECK(desk.Find("status:\"closed\"") == "");
    CHECK(desk.Find("status:\"closed\" is:deleted") == "t6");
    CHECK(desk.Find("status:nonsense") == "");
}

TEST_CASE("assignee: me, none, a member id or name") {
    Desk desk;
    CHECK(desk.Find("assignee:me") == "t4 t1");
    CHECK(desk.Find("assignee:me", "bob") == "t2 t5");
    CHECK(desk.Find("assignee:me", "") == "");  // nobody is signed in: not "unassigned"
    CHECK(desk.Find("assignee:none") == "t7 t8 t3");
    CHECK(desk.Find("assignee:bob") == "t2 t5");
    CHECK(desk.Find("assignee:BOB") == "t2 t5");
    CHECK(desk.Find("assignee:\"Bob Stone\"") == "t2 t5");
    CHECK(desk.Find("assignee:carol") == "");
}

TEST_CASE("prio: exact, or compared by urgency (the order of the board's priorities)") {
    Desk desk;
    CHECK(desk.Find("prio:high") == "t1 t5");
    CHECK(desk.Find("priority:High") == "t1 t5");
    CHECK(desk.Find("prio:>=high") == "t4 t1 t5");
    CHECK(desk.Find("prio:>high") == "t4");
    CHECK(desk.Find("prio:<=normal") == "t7 t8 t2 t3");
    CHECK(desk.Find("prio:<normal") == "t3");
    CHECK(desk.Find("prio:=urgent") == "t4");
    CHECK(desk.Find("prio:>=Urgent") == "t4");
    CHECK(desk.Find("prio:>=whenever") == "");
}

TEST_CASE("type:, label: and requester:, ignoring case and accents") {
    Desk desk;
    CHECK(desk.Find("type:bug") == "t2");
    CHECK(desk.Find("type:\"Change request\"") == "t7");
    CHECK(desk.Find("type:INCIDENT") == "t4");
    CHECK(desk.Find("label:network") == "t4 t1");
    CHECK(desk.Find("label:NetWork") == "t4 t1");
    CHECK(desk.Find("label:net") == "");  // labels match whole
    CHECK(desk.Find("label:\"needs info\"") == "t3");
    CHECK(desk.Find("label:\"NEEDS INFO\" OR label:vip") == "t4 t3");
    CHECK(desk.Find("requester:jean") == "t1");
    CHECK(desk.Find("requester:example.fr") == "t1");
    CHECK(desk.Find("requester:amelie") == "t2");
    CHECK(desk.Find("requester:AMÉLIE") == "t2");
}

TEST_CASE("due: relative amounts count from now and include overdue; dates are UTC midnight") {
    Desk desk;
    CHECK(desk.Find("due:<3d") == "t1 t3 t5");
    CHECK(desk.Find("due:3d") == "t1 t3 t5");  // no operator: within
    CHECK(desk.Find("due:>3d") == "t8");
    CHECK(desk.Find("due:<49h") == "t1 t3 t5");
    CHECK(desk.Find("due:<47h") == "t3 t5");
    CHECK(desk.Find("due:<2w") == "t8 t1 t3 t5");
    CHECK(desk.Find("due:>2026-03-15") == "t8");
    CHECK(desk.Find("due:<2026-03-10") == "t3 t5");
    CHECK(desk.Find("due:2026-03-12") == "t1");  // during that day
    CHECK(desk.Find("due:>=2026-03-12") == "t8 t1");
    CHECK(desk.Find("-due:<3d") == "t4 t7 t8 t2");  // negation includes tickets without a due date
}

TEST_CASE("created: and updated: with amounts read as ages, or absolute dates") {
    Desk desk;
    CHECK(desk.Find("created:<1w") == "t4 t7 t8 t2");
    CHECK(desk.Find("created:>2w") == "t3 t5");
    CHECK(desk.Find("created:>2026-03-01") == "t4 t7 t8 t2");
    CHECK(desk.Find("created:<2026-03-01") == "t1 t3 t5");
    CHECK(desk.Find("updated:<12h") == "t4 t5");
    CHECK(desk.Find("updated:>2d") == "t8 t2 t3");
    CHECK(desk.Find("updated:<1w") == "t4 t7 t8 t2 t1 t5");
    CHECK(desk.Find("updated:<=1d") == "t4 t7 t1 t5");  // exactly one day old counts
    CHECK(desk.Find("updated:<1d") == "t4 t5");
}

TEST_CASE("is: overdue, unassigned, blocked, breached, open, closed") {
    Desk desk;
    CHECK(desk.Find("is:overdue") == "t3");
    CHECK(desk.Find("is:unassigned") == "t7 t8 t3");
    CHECK(desk.Find("is:blocked") == "t7");
    // t4: urgent, no first response after an hour (30 min target); t2, t1, t3: past their
    // resolution targets; t8 is exactly at its 3-day target, t7 answered and young.
    CHECK(desk.Find("is:breached") == "t4 t2 t1 t3");
    CHECK(desk.Find("is:open") == "t4 t7 t8 t2 t1 t3");
    CHECK(desk.Find("is:closed") == "t5");
    CHECK(desk.Find("IS:OVERDUE") == "t3");
}

TEST_CASE("is:at-risk; with SLA settings, is:breached and is:at-risk follow the SLA clocks") {
    Desk desk;
    // Without SLA settings, by age: t8 is 72 of its 72 hours old (at the target, not past
    // it: past 80 %); t4, t2, t1, t3 are past theirs, so not "at risk" any more.
    CHECK(desk.Find("is:at-risk") == "t8");
    CHECK(desk.Find("is:at-risk OR is:breached") == "t4 t8 t2 t1 t3");
    auto settings = [](int normal_resolution_minutes) {
        nlohmann::json value = {
            {"policies", {{{"priority", "normal"}, {"response_minutes", 0}, {"resolution_minutes", normal_resolution_minutes}}}}};
        Result<SlaSettings> sla = ParseSlaSettings(value, DefaultConfig());
        REQUIRE_MESSAGE(sla.ok(), sla.error().Describe());
        return sla.value();
    };
    // A Normal ticket has 4 days by policy: t8, 3 days in, is at 75 %: neither.
    SlaSettings four_days = settings(4 * 24 * 60);
    CHECK(desk.Find("is:at-risk", "alice", &four_days).find("t8") == std::string::npos);
    CHECK(desk.Find("is:breached", "alice", &four_days).find("t8") == std::string::npos);
    // 3.5 days: 86 %, at risk. t4 (urgent, unanswered after an hour of 30 minutes) is late either way.
    SlaSettings three_and_a_half = settings(84 * 60);
    CHECK(desk.Find("is:at-risk", "alice", &three_and_a_half).find("t8") != std::string::npos);
    CHECK(desk.Find("is:breached", "alice", &three_and_a_half).find("t4") != std::string::npos);
    // 2 days: t8 is late.
    SlaSettings two_days = settings(2 * 24 * 60);
    CHECK(desk.Find("is:breached", "alice", &two_days).find("t8") != std::string::npos);
    CHECK(desk.Find("is:at-risk", "alice", &two_days).find("t8") == std::string::npos);
    // Settings that are off change nothing.
    SlaSettings off = two_days;
    off.enabled = false;
    CHECK(desk.Find("is:at-risk", "alice", &off) == "t8");
}

TEST_CASE("has: due, assignee, labels") {
    Desk desk;
    CHECK(desk.Find("has:due") == "t8 t1 t3 t5");
    CHECK(desk.Find("has:assignee") == "t4 t2 t1 t5");
    CHECK(desk.Find("has:labels") == "t4 t2 t1 t3 t5");
    CHECK(desk.Find("-has:labels") == "t7 t8");
}

TEST_CASE("deleted tickets are left out of every query unless is:deleted is asked for") {
    Desk desk;
    CHECK(desk.Find("label:spam") == "t5");
    CHECK(desk.Find("prize") == "");
    CHECK(desk.Find("status:closed") == "t5");
    CHECK(desk.Find("is:deleted") == "t6");
    CHECK(desk.Find("prize is:deleted") == "t6");
    CHECK(desk.Find("label:spam is:deleted") == "t6");
    CHECK(desk.Find("-is:deleted") == "t4 t7 t8 t2 t1 t3 t5");
    CHECK(desk.Find("label:spam OR is:deleted") == "t6 t5");  // is:deleted present: the query decides
}

TEST_CASE("free text is folded like the index: French, Swedish, Chinese") {
    Desk desk;
    CHECK(desk.Find("cafe") == "t2");
    CHECK(desk.Find("CAFÉ ") == "t2");
    CHECK(desk.Find("imprimante repond") == "t2");
    CHECK(desk.Find("étage") == "t2");
    CHECK(desk.Find("goteborg") == "t3");
    CHECK(desk.Find("GÖTEBORG") == "t3");
    CHECK(desk.Find("宕机") == "t4");
    CHECK(desk.Find("服务器宕机") == "t4");
    CHECK(desk.Find("服务器宕机了") == "t4");
    CHECK(desk.Find("宕") == "t4");   // one character: found inside the bigrams
    CHECK(desk.Find("了 ") == "t4");  // even at the end of a run, and not being typed
    CHECK(desk.Find("宕机 失败") == "t4");
    CHECK(desk.Find("机宕") == "");
    CHECK(desk.Find("portal") == "t5");  // comments are searched
    CHECK(desk.Find("jean") == "t1");    // and the requester
    CHECK(desk.Find("vip") == "t4");     // and labels
    CHECK(desk.Find("alice") == "");     // not the assignee
}

TEST_CASE("the last bare word is a prefix while it is being typed") {
    Desk desk;
    CHECK(desk.Find("impr") == "t2");
    CHECK(desk.Find("impr ") == "");  // a space after it: the word is complete
    CHECK(desk.Find("impr panne") == "");
    CHECK(desk.Find("panne impr") == "t2");
    CHECK(desk.Find("printer") == "t7");  // "printers"
    CHECK(desk.Find("printer office") == "");
    CHECK(desk.Find("status:new offi") == "t7");
    CHECK(desk.Find("offi status:new") == "t7");   // still the last bare word
    CHECK(desk.Find("offi status:new ") == "");    // the space: the query is complete
    CHECK(desk.Find("offi \"move\"") == "t7");
    CHECK(desk.Find("offi\u3000") == "");         // an ideographic space counts too
    CHECK(desk.Find("-offi") == "t4 t7 t8 t2 t1 t3 t5");  // negated words match whole
    CHECK(desk.Find("offi -move") == "");  // the last bare word is the negated one: offi is whole
    Result<Query> q = ParseQuery("vpn wif");
    REQUIRE(q.ok());
    REQUIRE(q.value().terms.size() == 2);
    CHECK_FALSE(q.value().terms[0].prefix);
    CHECK(q.value().terms[1].prefix);
}

TEST_CASE("quoted phrases must appear as they are, as whole words, across line breaks") {
    Desk desk;
    CHECK(desk.Find("\"out of office\"") == "t5");  // "out of\n  office" in the text
    CHECK(desk.Find("\"Out Of  Office\"") == "t5");
    CHECK(desk.Find("\"office out\"") == "");
    CHECK(desk.Find("\"of office\"") == "t5");
    CHECK(desk.Find("\"out of off\"") == "");
    CHECK(desk.Find("\"printers to the\"") == "t7");
    CHECK(desk.Find("\"printer\"") == "");  // a phrase is never a prefix
    CHECK(desk.Find("\"en panne au café\"") == "t2");
    CHECK(desk.Find("\"panne en\"") == "");
    CHECK(desk.Find("\"宕机了\"") == "t4");
    CHECK(desk.Find("\"服务器 宕机\"") == "");  // no space in the text
    CHECK(desk.Find("\"self-service\"") == "t5");
    CHECK(desk.Find("\"self service\"") == "");
    CHECK(desk.Find("\"\"") == "t4 t7 t8 t2 t1 t3 t5");  // nothing to look for
}

TEST_CASE("'-' negates any term or group") {
    Desk desk;
    CHECK(desk.Find("-label:spam") == "t4 t7 t8 t2 t1 t3");
    CHECK(desk.Find("-\"out of office\"") == "t4 t7 t8 t2 t1 t3");
    CHECK(desk.Find("-status:open") == "t5");
    CHECK(desk.Find("-vpn status:new") == "t7 t8");
    CHECK(desk.Find("-(label:network OR label:hardware)") == "t7 t8 t3 t5");
    CHECK(desk.Find("--label:spam") == "t5");
    CHECK(desk.Find("vpn - hour") == "t1");  // a lone '-' is punctuation
}

TEST_CASE("OR between terms and groups; AND binds tighter; parentheses group") {
    Desk desk;
    CHECK(desk.Find("label:network OR label:hardware") == "t4 t2 t1");
    // network OR (hardware AND high)
    CHECK(desk.Find("label:network OR label:hardware prio:high") == "t4 t1");
    CHECK(desk.Find("(label:network OR label:hardware) prio:normal") == "t2");
    CHECK(desk.Find("label:network prio:urgent OR type:bug") == "t4 t2");
    CHECK(desk.Find("label:network AND prio:high") == "t1");
    CHECK(desk.Find("vpn OR cafe OR goteborg") == "t2 t1 t3");
    CHECK(desk.Find("(vpn OR 宕机) (assignee:me)") == "t4 t1");
    CHECK(desk.Find("((is:overdue))") == "t3");
    CHECK(desk.Find("vpn or cafe") == "");  // lower-case "or" is a word

    Result<Query> q = ParseQuery("a b OR c");
    REQUIRE(q.ok());
    const Query& query = q.value();
    const QueryNode& root = query.nodes[static_cast<std::size_t>(query.root)];
    REQUIRE(root.kind == QueryNode::Kind::Or);
    REQUIRE(root.children.size() == 2);
    CHECK(query.nodes[root.children[0]].kind == QueryNode::Kind::And);
    CHECK(query.nodes[root.children[1]].kind == QueryNode::Kind::Term);
}

TEST_CASE("sort: by created, updated, priority, due, title; '-' for descending") {
    Desk desk;
    CHECK(desk.Find("sort:created") == "t5 t3 t1 t2 t8 t7 t4");
    CHECK(desk.Find("sort:-created") == "t4 t7 t8 t2 t1 t3 t5");
    // Ties (t7/t1 one day, t8/t2 three days) fall back to newest created first.
    CHECK(desk.Find("sort:-updated") == "t4 t5 t7 t1 t8 t2 t3");
    CHECK(desk.Find("sort:updated") == "t3 t8 t2 t7 t1 t5 t4");
    CHECK(desk.Find("sort:priority") == "t4 t1 t5 t7 t8 t2 t3");
    CHECK(desk.Find("sort:-priority") == "t3 t7 t8 t2 t1 t5 t4");
    CHECK(desk.Find("sort:due") == "t5 t3 t1 t8 t4 t7 t2");  // no due date: last
    CHECK(desk.Find("sort:-due") == "t8 t1 t3 t5 t4 t7 t2");  // still last
    CHECK(desk.Find("sort:title") == "t2 t8 t7 t5 t3 t1 t4");
    CHECK(desk.Find("sort:-title") == "t4 t1 t3 t5 t7 t8 t2");
    CHECK(desk.Find("sort:priority sort:-updated") == "t4 t5 t1 t7 t8 t2 t3");
    CHECK(desk.Find("status:open sort:prio") == "t4 t1 t7 t8 t2 t3");
    CHECK(desk.Find("sort:due is:open") == "t3 t1 t8 t4 t7 t2");
}

TEST_CASE("sorting many tickets agrees with a plain comparison, ties and missing values included") {
    Board board(TeamConfig());
    std::mt19937 rng(5);
    const char* titles[] = {"Éclair", "eclair", "Zebra crossing broken", "zebra crossing broken too",
                            "Ça ne marche pas", "ca ne marche pas du tout", "服务器", "A very long title that shares its start",
                            "A very long title that shares its start, then differs"};
    const char* priorities[] = {"urgent", "high", "normal", "low", "whenever"};
    for (int i = 0; i < 600; ++i) {
        Ticket t;
        t.id = "id" + std::to_string(1000 + rng() % 9000) + "-" + std::to_string(i);
        t.title = titles[rng() % std::size(titles)];
        t.priority = priorities[rng() % std::size(priorities)];
        t.status = "new";
        t.created = kNow - static_cast<Millis>(rng() % 50) * kHour;  // many equal times
        t.updated = kNow - static_cast<Millis>(rng() % 1000000) * 1000;
        t.due = rng() % 3 == 0 ? 0 : kNow + static_cast<Millis>(rng() % 20) * kDay;
        board.Insert(std::move(t));
    }
    SearchIndex index;
    index.Build(board.tickets());
    const BoardConfig& config = board.config();
    auto compare = [&](const Ticket& a, const Ticket& b, const QuerySort& key) {
        auto ordered = [&](auto x, auto y) {
            int c = x < y ? -1 : y < x ? 1 : 0;
            return key.descending ? -c : c;
        };
        switch (key.key) {
            case SortKey::Created: return ordered(a.created, b.created);
            case SortKey::Updated: return ordered(a.updated, b.updated);
            case SortKey::Due:
                if (a.due == 0 || b.due == 0) return int{a.due == 0} - int{b.due == 0};
                return ordered(a.due, b.due);
            case SortKey::Priority: {
                int ra = config.PriorityRank(a.priority), rb = config.PriorityRank(b.priority);
                if (ra < 0 || rb < 0) return int{ra < 0} - int{rb < 0};
                return ordered(ra, rb);
            }
            case SortKey::Title: return ordered(FoldText(a.title), FoldText(b.title));
        }
        return 0;
    };
    for (const char* text : {"", "sort:created", "sort:-updated", "sort:updated", "sort:due", "sort:-due",
                             "sort:priority", "sort:-priority", "sort:title", "sort:-title",
                             "sort:priority sort:title", "sort:-title sort:due", "sort:due sort:-priority"}) {
        CAPTURE(text);
        Result<Query> query = ParseQuery(text);
        REQUIRE(query.ok());
        std::vector<std::size_t> expected(board.tickets().size());
        for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = i;
        std::sort(expected.begin(), expected.end(), [&](std::size_t x, std::size_t y) {
            const Ticket& a = board.tickets()[x];
            const Ticket& b = board.tickets()[y];
            for (const QuerySort& key : query.value().sort)
                if (int c = compare(a, b, key)) return c < 0;
            if (a.created != b.created) return a.created > b.created;
            return a.id > b.id;
        });
        CHECK(RunQuery(query.value(), board, index, QueryContext{"", kNow}) == expected);
    }
}

TEST_CASE("editing a ticket: the index follows, the old word no longer finds it") {
    Desk desk;
    CHECK(desk.Find("vpn") == "t1");
    desk.Retitle("t1", "Wi-Fi drops every hour in Västerås");
    CHECK(desk.Find("vpn") == "");
    CHECK(desk.Find("wifi") == "");
    CHECK(desk.Find("wi fi") == "t1");
    CHECK(desk.Find("vasteras") == "t1");
    CHECK(desk.Find("\"wi-fi drops\"") == "t1");
    desk.Retitle("t2", "打印机坏了");
    CHECK(desk.Find("打印机") == "t2");
    CHECK(desk.Find("café") == "");
}

TEST_CASE("parse errors name the column (in characters) and what was expected") {
    CHECK(ErrorOf("status:") == "column 8: expected a value after 'status:'");
    CHECK(ErrorOf("is:overdue status: open") == "column 19: expected a value after 'status:'");
    CHECK(ErrorOf("vpn stauts:open") ==
          "column 5: unknown field 'stauts' (expected one of status, assignee, prio, priority, type, label, "
          "requester, due, created, updated, is, has, sprint, sort)");
    CHECK(ErrorOf("宕机 stauts:x").starts_with("column 4: unknown field 'stauts'"));
    CHECK(ErrorOf("(vpn OR wifi") == "column 13: expected ')' to close the '(' at column 1");
    CHECK(ErrorOf("a (b (c)") == "column 9: expected ')' to close the '(' at column 3");
    CHECK(ErrorOf("vpn)") == "column 4: unexpected ')' (there is no '(' to close)");
    CHECK(ErrorOf("()") == "column 2: expected a search term before ')'");
    CHECK(ErrorOf("is:overdu") ==
          "column 4: unknown value 'overdu' for 'is:' (expected one of overdue, unassigned, blocked, breached, at-risk, "
          "open, closed, deleted)");
    CHECK(ErrorOf("has:x") == "column 5: unknown value 'x' for 'has:' (expected one of due, assignee, labels)");
    CHECK(ErrorOf("due:<2026-13-01") ==
          "column 6: bad date '2026-13-01' for 'due:<' (expected YYYY-MM-DD or an amount like 12h, 3d, 2w)");
    CHECK(ErrorOf("created:>3x").starts_with("column 10: bad date '3x' for 'created:>'"));
    CHECK(ErrorOf("updated:2026-02-30").starts_with("column 9: bad date '2026-02-30'"));
    CHECK(ErrorOf("due:soon").starts_with("column 5: bad date 'soon'"));
    CHECK(ErrorOf("prio:>=") == "column 8: expected a value after 'prio:>='");
    CHECK(ErrorOf("sort:size") ==
          "column 6: unknown sort 'size' (expected one of created, updated, priority, due, title, with '-' before "
          "it for descending order)");
    CHECK(ErrorOf("x -sort:title") == "column 3: '-' cannot go before 'sort:' (for descending order write sort:-updated)");
    CHECK(ErrorOf("sort:") == "column 6: expected a value after 'sort:'");
    CHECK(ErrorOf("OR vpn") == "column 1: expected a search term before 'OR'");
    CHECK(ErrorOf("vpn OR") == "column 7: expected a search term after 'OR'");
    CHECK(ErrorOf("vpn OR OR wifi") == "column 8: expected a search term after 'OR'");
    CHECK(ErrorOf("AND vpn") == "column 1: expected a search term before 'AND'");
    CHECK(ErrorOf("vpn AND") == "column 8: expected a search term after 'AND'");
    CHECK(ErrorOf("\"out of office") == "column 15: expected '\"' to close the quote at column 1");
    CHECK(ErrorOf("label:\"out") == "column 11: expected '\"' to close the quote at column 7");
    CHECK(ErrorOf("sort:title OR vpn") == "column 12: expected a search term before 'OR'");
    std::string deep(40, '(');
    CHECK(ErrorOf(deep + "vpn" + std::string(40, ')')) ==
          "column 33: too deeply nested (at most 32 levels of '(' and '-')");
    CHECK(ErrorOf(std::string(40, '-') + "vpn").starts_with("column 33: too deeply nested"));
    CHECK(ErrorOf(std::string(32, '(') + "vpn" + std::string(32, ')')) == "(parsed)");
}

TEST_CASE("CheckQuery names values the board does not know") {
    CHECK(CheckErrorOf("status:in_prgress").starts_with(
        "column 8: unknown status 'in_prgress' (expected one of open, closed, done, todo, active, waiting, new, "
        "triage, in_progress"));
    CHECK(CheckErrorOf("vpn prio:>=hihg") == "column 12: unknown priority 'hihg' (expected one of urgent, high, normal, low)");
    CHECK(CheckErrorOf("type:bugg").starts_with("column 6: unknown type 'bugg' (expected one of support, bug"));
    CHECK(CheckErrorOf("status:open status:\"In progress\" prio:High type:\"Bug\" assignee:zed label:new") == "(ok)");
}

TEST_CASE("only tickets the index knows are listed: it must follow the board") {
    Desk desk;
    SearchIndex partial;
    partial.Build(desk.board().tickets());
    partial.Remove(static_cast<std::uint32_t>(desk.board().IndexOf("t4")));
    Result<Query> all = ParseQuery("");
    REQUIRE(all.ok());
    std::vector<std::size_t> rows = RunQuery(all.value(), desk.board(), partial, QueryContext{"alice", kNow});
    CHECK(rows.size() == 6);  // t4 removed, t6 deleted
    SearchIndex empty;
    CHECK(RunQuery(all.value(), desk.board(), empty, QueryContext{"alice", kNow}).empty());
}

TEST_CASE("random queries never crash the parser or the engine") {
    Desk desk;
    SearchIndex index;
    index.Build(desk.board().tickets());
    std::mt19937 rng(11);
    const char* pieces[] = {"status:", "open", "(", ")", "\"", "-", "OR", "AND", " ", "prio:>=", "high", "宕",
                            "é", "sort:", "title", "due:<", "3d", "is:", "blocked", ":", "\xFF", "label:"};
    for (int round = 0; round < 3000; ++round) {
        std::string text;
        for (int i = rng() % 8; i > 0; --i) text += pieces[rng() % std::size(pieces)];
        Result<Query> query = ParseQuery(text);
        if (!query.ok()) {
            CHECK(query.error().message.starts_with("column "));
            CHECK(IsValidUtf8(query.error().message));
            continue;
        }
        (void)CheckQuery(query.value(), desk.board().config());
        (void)RunQuery(query.value(), desk.board(), index, QueryContext{"alice", kNow});
        (void)CompleteQueryAt(text, rng() % (text.size() + 1), desk.board().config());
    }
}

TEST_CASE("every filter in the user guide's tables parses and names known values") {
    std::ifstream guide(TACKBOARD_SOURCE_DIR "/docs/query-language.md");
    REQUIRE(guide);
    std::string line;
    int checked = 0;
    while (std::getline(guide, line)) {
        if (!line.starts_with("| `")) continue;
        std::string cell = line.substr(1, line.find('|', 1) - 1);
        for (std::size_t open = cell.find('`'); open != std::string::npos; open = cell.find('`', open + 1)) {
            std::size_t close = cell.find('`', open + 1);
            std::string filter = cell.substr(open + 1, close - open - 1);
            open = close;
            CAPTURE(filter);
            Result<Query> query = ParseQuery(filter);
            REQUIRE(query.ok());
            CHECK(CheckQuery(query.value(), TeamConfig()).ok());
            ++checked;
        }
    }
    CHECK(checked > 40);
}

// --- TicketMatcher: one ticket at a time, without the index ---------------------

namespace {

// Every ticket on which TicketMatcher and RunQuery disagree, as "id: matcher says X".
std::string Disagreements(const Board& board, const SearchIndex& index, const Query& query,
                          const QueryContext& context) {
    std::vector<std::size_t> rows = RunQuery(query, board, index, context);
    std::vector<bool> listed(board.tickets().size());
    for (std::size_t pos : rows) listed[pos] = true;
    TicketMatcher matcher(query, board.config());
    std::string out;
    for (std::size_t pos = 0; pos < board.tickets().size(); ++pos) {
        const Ticket& t = board.tickets()[pos];
        bool matches = matcher.Matches(t, board, context);
        if (matches != listed[pos]) out += t.id + (matches ? ": matcher yes " : ": matcher no ");
        if (QueryMatchesTicket(query, t, board, context) != matches) out += t.id + ": one-off call differs ";
    }
    return out;
}

}  // namespace

TEST_CASE("TicketMatcher agrees with RunQuery on every ticket, for every kind of term") {
    Desk desk;
    SearchIndex index;
    index.Build(desk.board().tickets());
    const char* queries[] = {
        "", "status:open", "status:closed", "status:todo", "status:active", "status:waiting", "status:in_progress",
        "status:\"In progress\"", "status:\"closed\" is:deleted", "status:nonsense", "assignee:me", "assignee:none",
        "assignee:BOB", "assignee:\"Bob Stone\"", "assignee:carol", "prio:high", "prio:>=high", "prio:>high",
        "prio:<=normal", "prio:<normal", "prio:>=whenever", "prio:whenever", "type:bug", "type:\"Change request\"",
        "label:network", "label:\"needs info\"", "label:net", "requester:jean", "requester:AMÉLIE", "due:<3d",
        "due:3d", "due:>3d", "due:2026-03-12", "due:>=2026-03-12", "-due:<3d", "created:<1w", "created:>2w",
        "created:2026-03-05", "updated:<=1d", "updated:>2d", "is:overdue", "is:unassigned", "is:blocked",
        "is:breached", "is:open", "is:closed", "is:deleted", "has:due", "has:assignee", "has:labels", "-has:labels",
        "label:spam", "prize", "prize is:deleted", "label:spam OR is:deleted", "-is:deleted", "cafe", "CAFÉ ",
        "imprimante repond", "étage", "GÖTEBORG", "宕机", "服务器宕机了", "宕", "了 ", "宕机 失败", "机宕", "portal",
        "jean", "vip", "alice", "impr", "impr ", "printer", "printer office", "offi status:new", "-offi",
        "offi -move", "\"out of office\"", "\"Out Of  Office\"", "\"office out\"", "\"out of off\"",
        "\"printers to the\"", "\"printer\"", "\"en panne au café\"", "\"宕机了\"", "\"服务器 宕机\"",
        "\"self-service\"", "\"self service\"", "\"!!\"", "-\"out of office\"", "-(label:network OR label:hardware)",
        "--label:spam", "vpn - hour", "label:network OR label:hardware prio:high", "(vpn OR 宕机) (assignee:me)",
        "((is:overdue))", "vpn or cafe", "status:open sort:prio", "sort:due is:open"};
    for (const char* text : queries) {
        CAPTURE(text);
        Result<Query> query = ParseQuery(text);
        REQUIRE(query.ok());
        for (const char* me : {"alice", "bob", ""}) {
            CAPTURE(me);
            CHECK(Disagreements(desk.board(), index, query.value(), QueryContext{me, kNow}) == "");
        }
    }
}

TEST_CASE("TicketMatcher agrees with RunQuery on random queries over a varied board") {
    Board board(TeamConfig());
    std::mt19937 rng(23);
    const char* words[] = {"VPN", "vpn-gateway", "Café", "imprimante", "printer", "printers", "out of office",
                           "服务器宕机", "宕", "Göteborg", "self-service", "wifi", "Wi-Fi", "ipv6"};
    const char* statuses[] = {"new", "triage", "in_progress", "waiting", "resolved", "closed", "gone"};
    const char* priorities[] = {"urgent", "high", "normal", "low", "whenever"};
    const char* people[] = {"", "alice", "bob", "carol"};
    auto text = [&](int count) {
        std::string out;
        for (int i = 0; i < count; ++i) out += std::string(i ? " " : "") + words[rng() % std::size(words)];
        return out;
    };
    for (int i = 0; i < 300; ++i) {
        Ticket t;
        t.id = "r" + std::to_string(i);
        t.title = text(1 + static_cast<int>(rng() % 4));
        if (rng() % 2) t.description = text(static_cast<int>(rng() % 8));
        if (rng() % 4 == 0) t.comments.push_back(Comment{"c", "bob", kNow, text(3), false});
        if (rng() % 3 == 0) t.requester = people[rng() % std::size(people)];
        if (rng() % 2) t.labels.push_back(rng() % 2 ? "Network" : "vip");
        t.status = statuses[rng() % std::size(statuses)];
        t.priority = priorities[rng() % std::size(priorities)];
        t.type = rng() % 2 ? "support" : "bug";
        t.assignee = people[rng() % std::size(people)];
        t.created = kNow - static_cast<Millis>(rng() % 400) * kHour;
        t.updated = t.created + static_cast<Millis>(rng() % 100) * kHour;
        t.due = rng() % 2 ? 0 : kNow + (static_cast<Millis>(rng() % 200) - 100) * kHour;
        if (rng() % 3 == 0) t.first_response_at = t.created + kHour;
        if (rng() % 5 == 0) t.links.push_back({LinkKind::BlockedBy, "r" + std::to_string(rng() % 300)});
        t.deleted = rng() % 15 == 0;
        board.Insert(std::move(t));
    }
    SearchIndex index;
    index.Build(board.tickets());
    const char* pieces[] = {"status:open ", "status:waiting ", "prio:>=high ", "assignee:me ", "label:network ",
                            "-", "(", ")", " OR ", "vpn", "vpn ", "caf", "\"out of office\" ", "\"wi-fi\" ", "宕",
                            "is:blocked ", "is:breached ", "is:overdue ", "due:<2d ", "updated:>3d ", "printer",
                            "requester:bo ", "type:bug ", "has:labels ", "is:deleted ", "goteborg ", "self ", "ipv"};
    int compared = 0;
    for (int round = 0; round < 1500; ++round) {
        std::string q;
        for (int i = 1 + static_cast<int>(rng() % 5); i > 0; --i) q += pieces[rng() % std::size(pieces)];
        Result<Query> query = ParseQuery(q);
        if (!query.ok()) continue;
        CAPTURE(q);
        CHECK(Disagreements(board, index, query.value(), QueryContext{"alice", kNow}) == "");
        ++compared;
    }
    CHECK(compared > 500);
}

TEST_CASE("TicketMatcher without a query matches every live ticket; copies share the compiled form") {
    Desk desk;
    TicketMatcher all;
    int live = 0;
    for (const Ticket& t : desk.board().tickets()) live += all.Matches(t, desk.board(), QueryContext{"", kNow});
    CHECK(live == 7);  // t6 is deleted
    Result<Query> query = ParseQuery("label:network");
    REQUIRE(query.ok());
    TicketMatcher network(query.value(), desk.board().config());
    TicketMatcher copy = network;
    CHECK(copy.Matches(*desk.board().Find("t1"), desk.board(), QueryContext{"", kNow}));
    CHECK_FALSE(copy.Matches(*desk.board().Find("t2"), desk.board(), QueryContext{"", kNow}));
}

TEST_CASE("sprint: by name or id, current (by the open sprint's dates), none (the backlog)") {
    BoardConfig config = TeamConfig();
    config.extra["sprints"] = nlohmann::json::array(
        {{{"id", "s11"}, {"name", "Sprint 11"}, {"start", "2026-02-16"}, {"end", "2026-03-01"}, {"closed_at", kNow - 9 * kDay}},
         {{"id", "s12"}, {"name", "Sprint 12"}, {"start", "2026-03-02"}, {"end", "2026-03-15"}},
         {{"id", "s13"}, {"name", "Sprint 13"}, {"start", "2026-03-16"}, {"end", "2026-03-29"}}});
    Board board(config);
    const char* sprints[] = {"s12", "s11", "", "s13"};
    for (int i = 0; i < 4; ++i) {
        Ticket t;
        t.id = "p" + std::to_string(i);
        t.title = "Planned " + std::to_string(i);
        t.status = "new";
        t.priority = "normal";
        t.type = "support";
        t.created = kNow - (10 - i) * kDay;
        t.updated = t.created;
        t.sprint = sprints[i];
        board.Insert(std::move(t));
    }
    SearchIndex index;
    index.Build(board.tickets());
    auto find = [&](std::string_view text, Millis now = kNow) {
        Result<Query> query = ParseQuery(text);
        REQUIRE_MESSAGE(query.ok(), query.error().message);
        CHECK(CheckQuery(query.value(), board.config()).ok());
        std::string out;
        for (std::size_t pos : RunQuery(query.value(), board, index, QueryContext{"alice", now}))
            out += (out.empty() ? "" : " ") + board.tickets()[pos].id;
        CHECK(Disagreements(board, index, query.value(), QueryContext{"alice", now}) == "");
        return out;
    };
    CHECK(find("sprint:\"Sprint 12\"") == "p0");
    CHECK(find("sprint:\"SPRINT 13\"") == "p3");
    CHECK(find("sprint:s11") == "p1");
    CHECK(find("sprint:current") == "p0");
    CHECK(find("sprint:current", kNow + 7 * kDay) == "p3");    // 2026-03-17: Sprint 13's days
    CHECK(find("sprint:current", kNow + 30 * kDay) == "");     // no sprint runs then
    CHECK(find("sprint:current", kNow - 15 * kDay) == "");     // Sprint 11's days, but it is closed
    CHECK(find("sprint:none") == "p2");
    CHECK(find("-sprint:none") == "p3 p1 p0");
    CHECK(find("sprint:s12 OR sprint:s13") == "p3 p0");

    Result<Query> unknown = ParseQuery("sprint:\"Sprint 99\"");
    REQUIRE(unknown.ok());
    Status checked = CheckQuery(unknown.value(), board.config());
    REQUIRE_FALSE(checked.ok());
    CHECK(checked.error().message ==
          "column 8: unknown sprint 'Sprint 99' (expected one of current, none, \"Sprint 11\", \"Sprint 12\", \"Sprint 13\")");

    QueryCompletion completion = CompleteQueryAt("sprint:spr", 10, board.config());
    Strings inserts;
    for (const auto& s : completion.suggestions) inserts.push_back(s.insert);
    // Open sprints first (by start), then the closed one; names with spaces are quoted.
    CHECK(inserts == Strings{"\"Sprint 12\"", "\"Sprint 13\"", "\"Sprint 11\""});
    completion = CompleteQueryAt("sprint:c", 8, board.config());
    REQUIRE_FALSE(completion.suggestions.empty());
    CHECK(completion.suggestions[0].insert == "current");
}
