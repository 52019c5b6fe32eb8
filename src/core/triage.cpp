// triage.cpp — triage suggestions and the triage queue (see triage.hpp).
//
// [SECTION] Default rules
// [SECTION] Reading and writing settings
// [SECTION] Matching keywords
// [SECTION] Suggestions
// [SECTION] The queue
#include "core/triage.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "core/text_fold.hpp"
#include "core/utf8.hpp"

namespace tackboard {

// --- [SECTION] Default rules ------------------------------------------------------

TriageSettings DefaultTriageSettings() {
    TriageSettings s;
    // English, French, Swedish, Chinese. Swedish nouns are listed with their definite
    // form too ("skrivare", "skrivaren"): Latin keywords match whole words only.
    s.rules = {
        {{"outage", "down", "offline", "service unavailable", "panne", "hors service", "coupure", "driftstopp",
          "avbrott", "ligger nere", "宕机", "停机", "服务中断"},
         "urgent", "incident", {}},
        {{"urgent", "asap", "emergency", "critical", "urgence", "critique", "brådskande", "akut", "kritisk", "紧急",
          "加急"},
         "urgent", "", {}},
        {{"security", "phishing", "malware", "virus", "hacked", "breach", "sécurité", "hameçonnage", "piratage",
          "säkerhet", "nätfiske", "intrång", "安全", "钓鱼", "病毒", "入侵"},
         "high", "", {"security"}},
        {{"invoice", "billing", "refund", "payment", "facture", "facturation", "remboursement", "paiement",
          "faktura", "fakturan", "fakturering", "återbetalning", "betalning", "发票", "账单", "退款", "付款"},
         "", "", {"billing"}},
        {{"password", "login", "locked out", "access denied", "mot de passe", "accès refusé", "identifiant",
          "lösenord", "lösenordet", "inloggning", "behörighet", "密码", "登录", "权限"},
         "", "", {"access"}},
        {{"vpn", "wifi", "wi-fi", "network", "internet", "réseau", "nätverk", "nätverket", "网络", "断网"},
         "", "", {"network"}},
        {{"printer", "laptop", "screen", "keyboard", "imprimante", "ordinateur", "écran", "clavier", "skrivare",
          "skrivaren", "dator", "datorn", "skärm", "skärmen", "tangentbord", "打印机", "电脑", "显示器", "键盘"},
         "", "", {"hardware"}},
        {{"error", "crash", "crashes", "bug", "exception", "erreur", "plantage", "bogue", "fel", "felmeddelande",
          "krasch", "kraschar", "错误", "崩溃", "闪退"},
         "", "bug", {}},
        {{"feature request", "would be nice", "suggestion", "demande de fonctionnalité", "ce serait bien",
          "önskemål", "förslag", "功能请求", "建议"},
         "", "feature", {}},
    };
    s.type_priority = {{"incident", "high"}, {"feature", "low"}};
    return s;
}

// --- [SECTION] Reading and writing settings --------------------------------------------

namespace {

// One JSON Pointer reference token (RFC 6901: '~' -> "~0", '/' -> "~1").
std::string PointerToken(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

bool IsBlank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

template <class Def>
std::string KnownIds(const std::vector<Def>& defs) {
    std::string out;
    for (const Def& def : defs) out += (out.empty() ? "" : ", ") + def.id;
    return out.empty() ? "none" : out;
}

Result<std::string> ReadPriority(const nlohmann::json& value, const BoardConfig& config, const std::string& path) {
    if (!value.is_string()) return Error{"must be a priority id (text)", path};
    std::string id = value.get<std::string>();
    if (id.empty()) return id;  // "no change"
    if (!config.FindPriority(id))
        return Error{"unknown priority '" + ToValidUtf8(id) + "' (known: " + KnownIds(config.priorities) + ")", path};
    return id;
}

Result<std::string> ReadType(const nlohmann::json& value, const BoardConfig& config, const std::string& path) {
    if (!value.is_string()) return Error{"must be a ticket type id (text)", path};
    std::string id = value.get<std::string>();
    if (id.empty()) return id;
    if (!config.FindType(id))
        return Error{"unknown ticket type '" + ToValidUtf8(id) + "' (known: " + KnownIds(config.types) + ")", path};
    return id;
}

// A list of non-blank strings, trimmed and repaired to valid UTF-8. `what` names one item.
Result<std::vector<std::string>> ReadTexts(const nlohmann::json& value, const std::string& path, const char* what) {
    if (!value.is_array()) return Error{std::string("must be a list of ") + what + "s", path};
    std::vector<std::string> out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const nlohmann::json& item = value[i];
        std::string where = path + "/" + std::to_string(i);
        if (!item.is_string()) return Error{std::string("each ") + what + " must be text", where};
        std::string text = Trimmed(ToValidUtf8(item.get<std::string>()));
        if (IsBlank(text)) return Error{std::string("a ") + what + " cannot be blank", where};
        out.push_back(std::move(text));
    }
    return out;
}

Result<KeywordRule> ReadRule(const nlohmann::json& value, const BoardConfig& config, const std::string& path) {
    if (!value.is_object()) return Error{"a rule must be a JSON object", path};
    KeywordRule rule;
    auto keywords = value.find("keywords");
    if (keywords == value.end()) return Error{"a rule needs 'keywords'", path + "/keywords"};
    Result<std::vector<std::string>> words = ReadTexts(*keywords, path + "/keywords", "keyword");
    if (!words) return words.error();
    rule.keywords = std::move(words.value());
    if (rule.keywords.empty()) return Error{"a rule needs at least one keyword", path + "/keywords"};
    std::vector<std::string_view> tokens;
    for (std::size_t i = 0; i < rule.keywords.size(); ++i) {
        std::string folded = FoldText(rule.keywords[i]);
        tokens.clear();
        TokenizeViews(folded, tokens);
        if (tokens.empty())
            return Error{"keyword '" + rule.keywords[i] + "' has no letters or digits to look for",
                         path + "/keywords/" + std::to_string(i)};
    }
    if (auto it = value.find("set_priority"); it != value.end()) {
        Result<std::string> id = ReadPriority(*it, config, path + "/set_priority");
        if (!id) return id.error();
        rule.set_priority = std::move(id.value());
    }
    if (auto it = value.find("set_type"); it != value.end()) {
        Result<std::string> id = ReadType(*it, config, path + "/set_type");
        if (!id) return id.error();
        rule.set_type = std::move(id.value());
    }
    if (auto it = value.find("add_labels"); it != value.end()) {
        Result<std::vector<std::string>> labels = ReadTexts(*it, path + "/add_labels", "label");
        if (!labels) return labels.error();
        rule.add_labels = std::move(labels.value());
    }
    if (rule.set_priority.empty() && rule.set_type.empty() && rule.add_labels.empty())
        return Error{"a rule must set a priority or a type, or add a label", path};
    return rule;
}

}  // namespace

Result<TriageSettings> ParseTriageSettings(const nlohmann::json& value, const BoardConfig& config) {
    if (!value.is_object()) return Error{"triage settings must be a JSON object", ""};
    TriageSettings settings;
    if (auto rules = value.find("rules"); rules != value.end()) {
        if (!rules->is_array()) return Error{"'rules' must be a list", "/rules"};
        for (std::size_t i = 0; i < rules->size(); ++i) {
            Result<KeywordRule> rule = ReadRule((*rules)[i], config, "/rules/" + std::to_string(i));
            if (!rule) return rule.error();
            settings.rules.push_back(std::move(rule.value()));
        }
    }
    if (auto types = value.find("type_priority"); types != value.end()) {
        if (!types->is_object()) return Error{"'type_priority' must be an object of type id: priority id", "/type_priority"};
        for (auto it = types->begin(); it != types->end(); ++it) {
            std::string path = "/type_priority/" + PointerToken(it.key());
            if (!config.FindType(it.key()))
                return Error{"unknown ticket type '" + ToValidUtf8(it.key()) + "' (known: " + KnownIds(config.types) + ")",
                             path};
            Result<std::string> id = ReadPriority(it.value(), config, path);
            if (!id) return id.error();
            if (!id.value().empty()) settings.type_priority[it.key()] = std::move(id.value());
        }
    }
    return settings;
}

nlohmann::json ToJson(const TriageSettings& settings) {
    nlohmann::json rules = nlohmann::json::array();
    for (const KeywordRule& rule : settings.rules) {
        nlohmann::json r = {{"keywords", rule.keywords}};
        if (!rule.set_priority.empty()) r["set_priority"] = rule.set_priority;
        if (!rule.set_type.empty()) r["set_type"] = rule.set_type;
        if (!rule.add_labels.empty()) r["add_labels"] = rule.add_labels;
        rules.push_back(std::move(r));
    }
    nlohmann::json types = nlohmann::json::object();
    for (const auto& [type, priority] : settings.type_priority) types[type] = priority;
    return {{"rules", std::move(rules)}, {"type_priority", std::move(types)}};
}

// --- [SECTION] Matching keywords ------------------------------------------------------

namespace {

bool HasCjk(std::string_view folded) {
    for (std::size_t pos = 0; pos < folded.size();)
        if (ClassifyChar(NextCodePoint(folded, pos)) == CharClass::Cjk) return true;
    return false;
}

// A ticket's title and description, folded and split once, then asked about each keyword.
class TicketText {
public:
    explicit TicketText(const Ticket& ticket) {
        // A newline between the fields so no CJK substring spans them, and an empty token
        // (which no keyword has) so no phrase does.
        AppendFolded(ticket.title, folded_);
        std::size_t title_end = folded_.size();
        folded_ += '\n';
        AppendFolded(ticket.description, folded_);
        std::string_view all(folded_);
        TokenizeViews(all.substr(0, title_end), tokens_);
        tokens_.emplace_back();
        TokenizeViews(all.substr(title_end), tokens_);
        by_text_.reserve(tokens_.size());
        for (std::size_t i = 0; i < tokens_.size(); ++i) by_text_.push_back({tokens_[i], i});
        std::sort(by_text_.begin(), by_text_.end());
    }

    // Not const: reuses scratch buffers, as it runs for every keyword of every rule.
    bool Contains(const std::string& keyword) {
        keyword_.clear();
        AppendFolded(keyword, keyword_);
        if (HasCjk(keyword_)) return folded_.find(keyword_) != std::string::npos;
        words_.clear();
        TokenizeViews(keyword_, words_);
        if (words_.empty()) return false;
        auto first = std::lower_bound(by_text_.begin(), by_text_.end(), std::pair{words_[0], std::size_t{0}});
        for (; first != by_text_.end() && first->first == words_[0]; ++first) {
            std::size_t at = first->second;
            if (at + words_.size() > tokens_.size()) break;  // positions ascend within equal tokens
            if (std::equal(words_.begin() + 1, words_.end(), tokens_.begin() + static_cast<long>(at) + 1)) return true;
        }
        return false;
    }

private:
    std::string folded_;
    std::vector<std::string_view> tokens_;                          // views into folded_
    std::vector<std::pair<std::string_view, std::size_t>> by_text_;  // (token, position), sorted
    std::string keyword_;
    std::vector<std::string_view> words_;
};

bool HasLabel(const Ticket& ticket, const std::string& label) {
    std::string wanted = FoldText(label);
    return std::any_of(ticket.labels.begin(), ticket.labels.end(),
                       [&](const std::string& have) { return FoldText(have) == wanted; });
}

}  // namespace

// --- [SECTION] Suggestions -----------------------------------------------------------------

TriageSuggestion SuggestTriage(const Ticket& ticket, const BoardConfig& config, const TriageSettings& settings) {
    TicketText text(ticket);
    std::vector<TriageHit> hits;  // matching rules, in rule order
    for (std::size_t r = 0; r < settings.rules.size(); ++r) {
        TriageHit hit{r, {}};
        for (const std::string& keyword : settings.rules[r].keywords)
            if (text.Contains(keyword)) hit.keywords.push_back(keyword);
        if (!hit.keywords.empty()) hits.push_back(std::move(hit));
    }

    TriageSuggestion out;
    auto typed = std::find_if(hits.begin(), hits.end(),
                              [&](const TriageHit& hit) { return !settings.rules[hit.rule].set_type.empty(); });
    if (typed != hits.end() && settings.rules[typed->rule].set_type != ticket.type) {
        out.type = settings.rules[typed->rule].set_type;
        out.type_because.push_back(*typed);
    }
    const std::string& type = out.type.empty() ? ticket.type : out.type;

    // Candidates for the priority: every rule that sets one, and the (suggested) type's
    // default. The most urgent wins; priorities the board does not know never do.
    std::string best;
    int best_rank = -1;
    auto consider = [&](const std::string& priority) {
        int rank = config.PriorityRank(priority);
        if (rank >= 0 && (best_rank < 0 || rank < best_rank)) {
            best = priority;
            best_rank = rank;
        }
    };
    for (const TriageHit& hit : hits) consider(settings.rules[hit.rule].set_priority);
    auto type_default = settings.type_priority.find(type);
    if (type_default != settings.type_priority.end()) consider(type_default->second);
    if (best_rank >= 0 && best != ticket.priority) {
        out.priority = best;
        for (const TriageHit& hit : hits)
            if (settings.rules[hit.rule].set_priority == best) out.priority_because.push_back(hit);
        if (type_default != settings.type_priority.end() && type_default->second == best)
            out.priority_because.push_back(TriageHit{});
    }

    for (const TriageHit& hit : hits)
        for (const std::string& label : settings.rules[hit.rule].add_labels) {
            if (HasLabel(ticket, label)) continue;
            std::string folded = FoldText(label);
            auto same = std::find_if(out.labels.begin(), out.labels.end(),
                                     [&](const TriageSuggestion::Label& l) { return FoldText(l.name) == folded; });
            if (same == out.labels.end()) out.labels.push_back({label, {hit}});
            else if (same->because.back().rule != hit.rule) same->because.push_back(hit);
        }
    return out;
}

// --- [SECTION] The queue -----------------------------------------------------------

std::vector<std::size_t> TriageQueue(const Board& board, Millis now) {
    const BoardConfig& config = board.config();
    std::vector<const std::string*> todo;  // ids of statuses in the Todo category (a handful)
    for (const StatusDef& s : config.statuses)
        if (s.category == StatusCategory::Todo) todo.push_back(&s.id);
    // Ranks looked up once per priority id, not once per ticket.
    std::unordered_map<std::string, int> ranks;
    for (std::size_t i = 0; i < config.priorities.size(); ++i) ranks.emplace(config.priorities[i].id, static_cast<int>(i));
    const int unknown_rank = static_cast<int>(config.priorities.size());

    struct Entry {
        int rank;
        Millis age;
        std::size_t pos;
    };
    std::vector<Entry> entries;
    const std::vector<Ticket>& tickets = board.tickets();
    for (std::size_t pos = 0; pos < tickets.size(); ++pos) {
        const Ticket& t = tickets[pos];
        if (t.deleted || !t.assignee.empty()) continue;
        if (std::none_of(todo.begin(), todo.end(), [&](const std::string* id) { return *id == t.status; })) continue;
        auto rank = ranks.find(t.priority);
        entries.push_back({rank == ranks.end() ? unknown_rank : rank->second, std::max<Millis>(0, now - t.created), pos});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        if (a.rank != b.rank) return a.rank < b.rank;
        if (a.age != b.age) return a.age > b.age;
        return a.pos < b.pos;
    });
    std::vector<std::size_t> out;
    out.reserve(entries.size());
    for (const Entry& e : entries) out.push_back(e.pos);
    return out;
}

}  // namespace tackboard
