// similar_test.cpp — duplicate detection and knowledge suggestions (src/core/similar.cpp):
// ranking in French, Swedish and Chinese, the minimum score, which tickets are
// candidates (open, recently closed, deleted, excluded), resolved answers and their
// last public comment.
#include <doctest/doctest.h>

#include <cmath>

#include "core/search_index.hpp"
#include "core/similar.hpp"

using namespace tackboard;

namespace {

constexpr Millis kHour = 3600000;
constexpr Millis kDay = 24 * kHour;
constexpr Millis kNow = 1773144000000;  // 2026-03-10 12:00 UTC

using Strings = std::vector<std::string>;

// 12 documents. "imprimante" is in fr, fr-old, fr-recent, fr-deleted; "panne" in fr,
// courant, fr-old, fr-deleted: both df 4.
class Desk {
public:
    Desk() {
        Add("fr", "Imprimante en panne au 3e étage", "L'imprimante ne répond plus depuis ce matin.", "new", 1 * kDay);
        Add("sv", "Skrivaren på plan 3 fungerar inte", "Den skriver inte ut något.", "in_progress", 2 * kDay);
        Add("zh", "打印机无法连接", "办公室的打印机无法连接到网络", "new", 1 * kDay);
        Add("vpn", "VPN drops every hour", "Since the update, the tunnel drops.", "new", 3 * kDay);
        Add("password", "Password reset for a new employee", "", "waiting", 1 * kDay);
        Add("courant", "Panne de courant au bureau", "Plus de lumière.", "new", 4 * kDay);
        Add("fr-old", "Imprimante en panne au 2e étage", "Elle affiche une erreur de toner.", "closed", 90 * kDay,
            [](Ticket& t) {
                t.comments = {{"c1", "bob", 0, "Remplacez la cartouche de toner, puis redémarrez.", false},
                              {"c2", "bob", 0, "Closed after calling the user.", true},
                              {"c3", "bob", 0, "   ", false}};
            });
        Add("fr-recent", "Imprimante bloquée", "Papier coincé.", "resolved", 2 * kDay);
        Add("fr-deleted", "Imprimante en panne", "", "new", 1 * kDay, [](Ticket& t) { t.deleted = true; });
        Add("zh-other", "服务器宕机了", "数据库连接失败", "new", 1 * kDay);
        Add("sv-kb", "Skrivaren i Göteborg skriver ut tomma sidor", "", "resolved", 200 * kDay, [](Ticket& t) {
            t.labels = {"Knowledge-Base"};
            t.comments = {{"c1", "eva", 0, "Starta om skrivaren och rensa kön.", false}};
        });
        Add("laptop", "Laptop fan is noisy", "", "new", 5 * kDay);
        index_.Build(board_.tickets());
    }

    template <class Edit = void (*)(Ticket&)>
    void Add(const char* id, const char* title, const char* description, const char* status, Millis updated_ago,
             Edit edit = [](Ticket&) {}) {
        Ticket t;
        t.id = id;
        t.title = title;
        t.description = description;
        t.status = status;
        t.type = "support";
        t.priority = "normal";
        t.created = kNow - updated_ago - kDay;
        t.updated = kNow - updated_ago;
        edit(t);
        board_.Insert(std::move(t));
    }

    Strings Similar(std::string_view title, std::string_view description = "", SimilarOptions options = {}) const {
        return Ids(FindSimilar(board_, index_, title, description, kNow, options));
    }
    Strings Knowledge(std::string_view title, std::string_view description = "", SimilarOptions options = {}) const {
        return Ids(FindKnowledge(board_, index_, title, description, options));
    }
    Strings Ids(const std::vector<SimilarTicket>& found) const {
        Strings out;
        for (const SimilarTicket& s : found) out.push_back(board_.tickets()[s.position].id);
        return out;
    }

    const Board& board() const { return board_; }
    const SearchIndex& index() const { return index_; }
    Board& mutable_board() { return board_; }

private:
    Board board_;
    SearchIndex index_;
};

}  // namespace

TEST_CASE("duplicates in French, Swedish and Chinese rank the matching ticket first") {
    Desk desk;
    // fr holds both words; fr-recent (closed 2 days ago: recent) and courant one each,
    // ties broken by the most recently updated. fr-old is closed and old, fr-deleted deleted.
    CHECK(desk.Similar("imprimante panne") == Strings{"fr", "fr-recent", "courant"});
    CHECK(desk.Similar("Imprimante en panne au 3e étage")[0] == "fr");
    CHECK(desk.Similar("IMPRIMANTE", "Elle est en PANNE")[0] == "fr");
    CHECK(desk.Similar("skrivaren fungerar") == Strings{"sv"});  // sv-kb: resolved long ago
    CHECK(desk.Similar("Skrivaren på plan 3")[0] == "sv");
    // zh-other shares only 连接 (数据库连接失败), about 27% of the weight: under the minimum.
    CHECK(desk.Similar("打印机连接") == Strings{"zh"});
    CHECK(desk.Similar("打印机").size() == 1);
    CHECK(desk.Similar("", "the vpn tunnel drops") == Strings{"vpn"});
}

TEST_CASE("scores are the share of the query's weight a ticket holds") {
    Desk desk;
    auto found = FindSimilar(desk.board(), desk.index(), "imprimante panne", "", kNow, {});
    REQUIRE(found.size() == 3);
    CHECK(found[0].score == doctest::Approx(1.0));
    CHECK(found[1].score == doctest::Approx(0.5));  // equal idf (df 4 each): half the weight
    CHECK(found[2].score == doctest::Approx(0.5));
    // A title word weighs twice a description word: "courant" in the title, "imprimante" below.
    // idf: courant log(12/1), imprimante log(12/4).
    found = FindSimilar(desk.board(), desk.index(), "courant", "imprimante", kNow, {});
    REQUIRE(found.size() >= 1);
    double courant = 2 * std::log(12.0), imprimante = std::log(3.0);
    CHECK(desk.board().tickets()[found[0].position].id == "courant");
    CHECK(found[0].score == doctest::Approx(courant / (courant + imprimante)));
}

TEST_CASE("unrelated tickets are not listed") {
    Desk desk;
    CHECK(desk.Similar("coffee machine broken").empty());
    CHECK(desk.Similar("").empty());
    CHECK(desk.Similar("!!! ???").empty());
    // Sharing one word among many telling ones is not enough: fr holds "imprimante" only,
    // about 23% of the weight ("vpn", "hour", "every" are rarer), under the 0.3 minimum.
    CHECK(desk.Similar("imprimante", "vpn every hour") == Strings{"vpn"});
    SimilarOptions strict;
    strict.min_score = 0.6;
    CHECK(desk.Similar("imprimante panne", "", strict) == Strings{"fr"});
    SimilarOptions loose;
    loose.min_score = 0.1;
    CHECK(desk.Similar("imprimante", "vpn every hour", loose) ==
          Strings{"vpn", "fr", "fr-recent"});  // fr updated 1 day ago, fr-recent 2
}

TEST_CASE("candidates: open or recently updated, live, not the one being edited") {
    Desk desk;
    SimilarOptions options;
    options.exclude_id = "fr";
    CHECK(desk.Similar("imprimante panne", "", options) == Strings{"fr-recent", "courant"});
    options = {};
    options.recent = 1 * kDay;  // fr-recent was closed 2 days ago
    CHECK(desk.Similar("imprimante panne", "", options) == Strings{"fr", "courant"});
    options.recent = 100 * kDay;  // fr-old (90 days) too
    CHECK(desk.Similar("imprimante panne", "", options) == Strings{"fr", "fr-old", "fr-recent", "courant"});
    options.limit = 2;
    CHECK(desk.Similar("imprimante panne", "", options) == Strings{"fr", "fr-old"});
    options.limit = 0;
    CHECK(desk.Similar("imprimante panne", "", options).empty());
}

TEST_CASE("an index updated after an edit is searched as it is now") {
    Desk desk;
    Board& board = desk.mutable_board();
    Ticket* laptop = board.FindMutable("laptop");
    laptop->title = "Imprimante et panne";
    SearchIndex index = desk.index();
    index.Update(static_cast<std::uint32_t>(board.IndexOf("laptop")), *laptop);
    auto found = FindSimilar(board, index, "imprimante panne", "", kNow, {});
    REQUIRE(found.size() == 4);
    CHECK(board.tickets()[found[0].position].id == "fr");  // same score, updated more recently
    CHECK(board.tickets()[found[1].position].id == "laptop");
}

TEST_CASE("knowledge suggestions: resolved tickets, matched with their answers") {
    Desk desk;
    CHECK(desk.Knowledge("imprimante panne") == Strings{"fr-old", "fr-recent"});
    // The answer is in a comment: the index holds comments, so it is found through it.
    CHECK(desk.Knowledge("toner") == Strings{"fr-old"});
    // "kön" is only in sv-kb's answer; sv also says "skrivaren" but is still open.
    CHECK(desk.Knowledge("Skrivaren", "Hur rensar man kön?") == Strings{"sv-kb"});
    CHECK(desk.Knowledge("打印机连接").empty());  // zh is open: not an answer yet

    SimilarOptions only_kb;
    only_kb.knowledge_only = true;
    CHECK(desk.Knowledge("imprimante panne", "", only_kb).empty());
    CHECK(desk.Knowledge("skrivaren", "", only_kb) == Strings{"sv-kb"});
    desk.mutable_board().FindMutable("fr-old")->extra["knowledge"] = true;
    CHECK(desk.Knowledge("imprimante panne", "", only_kb) == Strings{"fr-old"});

    const Board& board = desk.board();
    CHECK(IsKnowledgeArticle(*board.Find("sv-kb")));
    CHECK(IsKnowledgeArticle(*board.Find("fr-old")));
    CHECK_FALSE(IsKnowledgeArticle(*board.Find("fr-recent")));
    Ticket odd = *board.Find("fr-recent");
    odd.extra["knowledge"] = "yes";  // only true counts
    CHECK_FALSE(IsKnowledgeArticle(odd));
    odd.extra = nlohmann::json::array();  // not an object: no flag, no crash
    CHECK_FALSE(IsKnowledgeArticle(odd));

    // The likely answer: the last public comment with text (c2 is internal, c3 blank).
    CHECK(LastPublicComment(*board.Find("fr-old")) == 0);
    CHECK(LastPublicComment(*board.Find("sv-kb")) == 0);
    CHECK(LastPublicComment(*board.Find("fr-recent")) == -1);
}
