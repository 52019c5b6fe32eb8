// search_index_test.cpp — the free-text index (src/core/search_index.cpp).
#include <doctest/doctest.h>

#include <random>

#include "core/search_index.hpp"

using namespace tackboard;

namespace {
using Docs = std::vector<std::uint32_t>;

Ticket MakeTicket(std::string title, std::string description = "") {
    Ticket t;
    t.title = std::move(title);
    t.description = std::move(description);
    return t;
}

std::vector<Ticket> SampleTickets() {
    std::vector<Ticket> tickets;
    tickets.push_back(MakeTicket("VPN drops every hour", "Since Monday the VPN disconnects."));
    tickets.push_back(MakeTicket("Imprimante en panne au Café", "L'imprimante du 2e étage ne répond plus."));
    tickets.push_back(MakeTicket("Skrivaren i Göteborg fungerar inte", "Åtgärda snarast."));
    tickets.push_back(MakeTicket("服务器宕机了", "数据库连接失败"));
    Ticket t = MakeTicket("Password reset");
    t.requester = "alice@example.com";
    t.labels = {"access", "vip"};
    t.comments.push_back(Comment{"c1", "bob", 10, "Tried the self-service portal", false});
    t.assignee = "carol";  // not indexed: assignee is a field filter
    tickets.push_back(t);
    return tickets;
}
}  // namespace

TEST_CASE("whole words are found in title and description, folded") {
    SearchIndex index;
    index.Build(SampleTickets());
    CHECK(index.doc_count() == 5);
    CHECK(index.MatchWord("vpn", false) == Docs{0});
    CHECK(index.MatchWord("cafe", false) == Docs{1});
    CHECK(index.MatchWord("repond", false) == Docs{1});
    CHECK(index.MatchWord("goteborg", false) == Docs{2});
    CHECK(index.MatchWord("atgarda", false) == Docs{2});
    CHECK(index.MatchWord("vp", false).empty());
    CHECK(index.MatchWord("nothing", false).empty());
}

TEST_CASE("comments, requester and labels are indexed; assignee is not") {
    SearchIndex index;
    index.Build(SampleTickets());
    CHECK(index.MatchWord("portal", false) == Docs{4});
    CHECK(index.MatchWord("alice", false) == Docs{4});
    CHECK(index.MatchWord("example", false) == Docs{4});
    CHECK(index.MatchWord("vip", false) == Docs{4});
    CHECK(index.MatchWord("carol", false).empty());
}

TEST_CASE("prefix lookups find every word starting with the text, docs sorted and unique") {
    SearchIndex index;
    std::vector<Ticket> tickets = {MakeTicket("printer jams"), MakeTicket("print server down"),
                                   MakeTicket("prior approval"), MakeTicket("printing printer printed")};
    index.Build(tickets);
    CHECK(index.MatchWord("print", true) == Docs{0, 1, 3});
    CHECK(index.MatchWord("pri", true) == Docs{0, 1, 2, 3});
    CHECK(index.MatchWord("printer", true) == Docs{0, 3});
    CHECK(index.MatchWord("printers", true).empty());
    CHECK(index.MatchWord("print", false) == Docs{1});
    std::vector<std::uint64_t> bits;
    index.MarkWord("pri", true, bits);
    REQUIRE(bits.size() == 1);
    CHECK(bits[0] == 0b1111);
}

TEST_CASE("CJK is found by bigrams, and a single character wherever it sits") {
    SearchIndex index;
    index.Build(SampleTickets());
    CHECK(index.MatchWord("宕机", false) == Docs{3});
    CHECK(index.MatchWord("机了", false) == Docs{3});
    CHECK(index.MatchWord("宕", true) == Docs{3});  // start of a bigram
    CHECK(index.MatchWord("了", true) == Docs{3});  // end of the run
    CHECK(index.MatchWord("库", true) == Docs{3});  // middle of the description's run
    CHECK(index.MatchWord("了机", false).empty());
}

TEST_CASE("updating a ticket replaces its words: the old word no longer finds it, the new one does") {
    SearchIndex index;
    std::vector<Ticket> tickets = SampleTickets();
    index.Build(tickets);
    tickets[0].title = "Wifi drops every hour";
    index.Update(0, tickets[0]);
    CHECK(index.MatchWord("wifi", false) == Docs{0});
    CHECK(index.MatchWord("vpn", false) == Docs{0});  // still in the description
    tickets[0].description = "Since Monday.";
    index.Update(0, tickets[0]);
    CHECK(index.MatchWord("vpn", false).empty());
    CHECK(index.MatchWord("wif", true) == Docs{0});  // new word, found by prefix too

    tickets[2].title = "Skrivaren i Malmö";
    index.Update(2, tickets[2]);
    CHECK(index.MatchWord("goteborg", false).empty());
    CHECK(index.MatchWord("malmo", false) == Docs{2});
}

TEST_CASE("new tickets are added by Update; Remove forgets one without renumbering the others") {
    SearchIndex index;
    std::vector<Ticket> tickets = SampleTickets();
    index.Build(tickets);
    index.Update(7, MakeTicket("VPN certificate expired"));  // gap: 5 and 6 stay empty
    CHECK(index.doc_count() == 8);
    CHECK(index.MatchWord("vpn", false) == Docs{0, 7});
    index.Update(5, MakeTicket("VPN again"));  // inserted in the middle of the postings
    CHECK(index.MatchWord("vpn", false) == Docs{0, 5, 7});
    index.Remove(0);
    CHECK(index.MatchWord("vpn", false) == Docs{5, 7});
    CHECK(index.MatchWord("hour", false).empty());
    index.Remove(42);  // unknown: nothing happens
    CHECK(index.MatchWord("certificate", false) == Docs{7});
}

TEST_CASE("prefix lookups see new words before and after they are merged into the sorted list") {
    SearchIndex index;
    index.Build({MakeTicket("alpha")});
    for (std::uint32_t doc = 1; doc <= 3000; ++doc) {  // enough new words to force merges
        index.Update(doc, MakeTicket("zeta" + std::to_string(doc)));
        if (doc == 5) CHECK(index.MatchWord("zeta", true).size() == 5);
    }
    CHECK(index.MatchWord("zeta", true).size() == 3000);
    CHECK(index.MatchWord("zeta299", true) == Docs{299, 2990, 2991, 2992, 2993, 2994, 2995, 2996, 2997, 2998, 2999});
    CHECK(index.MatchWord("alp", true) == Docs{0});
    CHECK(index.term_count() == 3001);
}

TEST_CASE("incremental updates give the same answers as a bulk build") {
    std::mt19937 rng(3);
    const char* words[] = {"vpn", "café", "Göteborg", "printer", "print", "宕机", "服务器", "reset", "a", "é"};
    auto random_text = [&] {
        std::string text;
        for (int i = rng() % 6; i > 0; --i) text += std::string(words[rng() % std::size(words)]) + " ";
        return text;
    };
    std::vector<Ticket> tickets(60);
    SearchIndex incremental;
    for (int step = 0; step < 600; ++step) {
        std::uint32_t doc = rng() % tickets.size();
        tickets[doc].title = random_text();
        tickets[doc].description = random_text();
        incremental.Update(doc, tickets[doc]);
    }
    for (std::uint32_t doc = 0; doc < tickets.size(); ++doc) incremental.Update(doc, tickets[doc]);
    SearchIndex built;
    built.Build(tickets);
    for (const char* probe : {"vpn", "cafe", "goteborg", "print", "pri", "宕机", "服务", "宕", "reset", "a", "e", "x"})
        for (bool prefix : {false, true}) {
            CAPTURE(probe);
            CHECK(incremental.MatchWord(probe, prefix) == built.MatchWord(probe, prefix));
        }
    CHECK(built.MemoryBytes() > 0);
}

TEST_CASE("whole labels are looked up exactly, folded") {
    SearchIndex index;
    std::vector<Ticket> tickets = SampleTickets();
    tickets[0].labels = {"Needs info", "Réseau"};
    index.Build(tickets);
    auto docs = [&](std::string_view label) {
        std::vector<std::uint64_t> bits;
        index.MarkLabel(label, bits);
        return bits.empty() ? 0 : bits[0];
    };
    CHECK(docs("needs info") == 0b00001);
    CHECK(docs("reseau") == 0b00001);
    CHECK(docs("vip") == 0b10000);
    CHECK(docs("needs") == 0);
    CHECK(index.MatchWord("needs", false) == Docs{0});  // each word of a label is a word too
    tickets[0].labels = {"vip"};
    index.Update(0, tickets[0]);
    CHECK(docs("needs info") == 0);
    CHECK(docs("vip") == 0b10001);
}

TEST_CASE("facts keep each ticket's filterable values, with strings as shared symbols") {
    SearchIndex index;
    std::vector<Ticket> tickets = SampleTickets();
    tickets[1].status = "in_progress";
    tickets[1].assignee = "carol";
    tickets[1].due = 77;
    tickets[1].first_response_at = 5;
    index.Build(tickets);
    const DocFacts& facts = index.facts()[1];
    CHECK(facts.present);
    CHECK(index.symbols()[facts.status] == "in_progress");
    CHECK(facts.assignee == index.facts()[4].assignee);  // both carol: one symbol
    CHECK(index.facts()[0].assignee == 0);             // symbol 0 is ""
    CHECK(facts.due == 77);
    CHECK(facts.responded);
    CHECK(index.facts()[4].label_count == 2);
    // The title's folded first bytes order like the titles.
    CHECK(index.facts()[1].title_key[0] < index.facts()[0].title_key[0]);  // "imprimante" < "vpn"
    tickets[1].deleted = true;
    index.Update(1, tickets[1]);
    CHECK(index.facts()[1].deleted);
    index.Remove(1);
    CHECK_FALSE(index.facts()[1].present);
}
