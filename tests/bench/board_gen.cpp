#include "board_gen.hpp"

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "core/dates.hpp"
#include "core/ids.hpp"

namespace tackboard {

namespace {

// Words per language; titles and descriptions are drawn from one language per ticket.
const std::vector<std::vector<std::string>> kWords = {
    {"printer", "network", "password", "reset", "laptop", "screen", "email", "invoice", "cannot", "login", "slow",
     "error", "crash", "update", "server", "access", "request", "broken", "vpn", "wifi", "license", "report",
     "customer", "billing", "outage", "backup", "install", "phone", "meeting", "room", "account", "locked"},
    {"imprimante", "réseau", "mot", "passe", "réinitialiser", "ordinateur", "écran", "courriel", "facture",
     "impossible", "connexion", "lent", "erreur", "panne", "mise", "jour", "serveur", "accès", "demande", "cassé",
     "licence", "rapport", "client", "facturation", "sauvegarde", "téléphone", "réunion", "salle", "compte", "bloqué"},
    {"skrivare", "nätverk", "lösenord", "återställ", "dator", "skärm", "e-post", "faktura", "kan", "inte", "logga",
     "långsam", "fel", "krasch", "uppdatering", "server", "åtkomst", "begäran", "trasig", "licens", "rapport",
     "kund", "driftstopp", "säkerhetskopia", "telefon", "möte", "rum", "konto", "låst", "göteborg"},
    {"打印机", "网络", "密码", "重置", "电脑", "屏幕", "邮件", "发票", "无法", "登录", "很慢", "错误", "崩溃",
     "更新", "服务器", "访问", "请求", "损坏", "许可证", "报告", "客户", "账单", "宕机", "备份", "安装", "电话",
     "会议", "房间", "账户", "锁定"},
};
const char* const kMembers[] = {"ana", "bo", "li", "sam", "marie", "sven", "wei", "noor"};
const char* const kRequesters[] = {"claire@example.org", "erik@example.se", "zhang@example.cn", "tom@example.com",
                                   "amélie@example.fr", "åsa@example.se", "liu@example.cn", "kate@example.com"};

std::string Sentence(std::mt19937& rng, const std::vector<std::string>& words, int count, bool cjk) {
    std::string out;
    for (int i = 0; i < count; ++i) {
        if (i && !cjk) out += ' ';
        out += words[rng() % words.size()];
    }
    return out;
}

}  // namespace

std::vector<std::size_t> BenchSizes(int argc, char** argv) {
    std::vector<std::size_t> sizes;
    for (int i = 1; i < argc; ++i) sizes.push_back(std::strtoul(argv[i], nullptr, 10));
    if (sizes.empty()) sizes = {10000, 100000};
    return sizes;
}

Board GenerateBoard(const GeneratedBoardOptions& options) {
    BoardConfig config = DefaultConfig();
    for (const char* m : kMembers) config.members.push_back({m, m, {}, 12});
    Board board(config);
    std::mt19937 rng(options.seed);
    UlidGenerator ids;
    const Millis year = 365 * kMillisPerDay;
    const auto& statuses = config.statuses;
    for (std::size_t n = 0; n < options.tickets; ++n) {
        Ticket t;
        Millis created = options.now - year + static_cast<Millis>((static_cast<double>(n) / options.tickets) * year);
        RandomBytes random;
        for (auto& b : random) b = static_cast<std::uint8_t>(rng());
        t.id = ids.Next(created, random);
        std::size_t language = rng() % kWords.size();
        bool cjk = language == 3;
        const auto& words = kWords[language];
        const auto& type = config.types[rng() % config.types.size()];
        t.type = type.id;
        t.title = Sentence(rng, words, 4 + rng() % 5, cjk);
        t.description = Sentence(rng, words, 25, cjk);
        t.status = statuses[rng() % statuses.size()].id;
        t.priority = config.priorities[(rng() % 10) < 1 ? 0 : 1 + rng() % 3].id;
        t.assignee = rng() % 5 ? kMembers[rng() % 8] : "";
        t.requester = kRequesters[rng() % 8];
        for (int l = rng() % 3; l > 0; --l) t.labels.push_back(config.labels[rng() % config.labels.size()].name);
        if (rng() % 10 < 3) t.due = created + static_cast<Millis>(rng() % 30) * kMillisPerDay;
        // Required fields of the type, so generated tickets pass validation like real ones.
        for (const auto& f : type.fields) {
            if (!f.required) continue;
            if (f.kind == FieldKind::Select) t.fields[f.id] = f.options[rng() % f.options.size()];
            else if (f.kind == FieldKind::Date) t.fields[f.id] = created + 7 * kMillisPerDay;
            else t.fields[f.id] = Sentence(rng, words, 6, cjk);
        }
        t.created = created;
        t.updated = created + static_cast<Millis>(rng() % 5) * kMillisPerDay;
        t.history.push_back({created, t.requester, "created", nullptr, t.title, ""});
        if (t.status != "new") t.history.push_back({t.updated, t.assignee, "status", "new", t.status, ""});
        for (int c = rng() % 3; c > 0; --c) {
            Comment comment{ids.Next(t.updated, random), t.assignee.empty() ? "ana" : t.assignee, t.updated,
                            Sentence(rng, words, 12, cjk), rng() % 4 == 0};
            if (!comment.internal && t.first_response_at == 0) t.first_response_at = comment.at;
            t.comments.push_back(std::move(comment));
        }
        if (config.FindStatus(t.status)->category == StatusCategory::Done) {
            t.resolved_at = t.updated;
            if (rng() % 3 == 0) t.satisfaction = 1 + rng() % 5;
        }
        board.Insert(std::move(t));
    }
    return board;
}

}  // namespace tackboard
