// import.cpp — see import.hpp. Sections:
//   [SECTION] bytes to text
//   [SECTION] mapping the source's words onto the board
//   [SECTION] tickets from other tools
//   [SECTION] Tackboard files
//   [SECTION] entry point, preview JSON, CSV export
#include "io/import.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_set>

#include "core/change.hpp"
#include "core/dates.hpp"
#include "core/sprints.hpp"
#include "core/text_fold.hpp"
#include "core/ticket_json.hpp"
#include "core/utf8.hpp"
#include "io/csv.hpp"

namespace tackboard {

using nlohmann::json;

// [SECTION] bytes to text -------------------------------------------------------------

namespace {

// Spreadsheets save "Unicode text" as UTF-16 with a byte order mark.
Result<std::string> FromUtf16(std::string_view bytes, bool little_endian) {
    std::string out;
    out.reserve(bytes.size());
    auto unit = [&](std::size_t i) {
        auto lo = static_cast<unsigned char>(bytes[i + (little_endian ? 0 : 1)]);
        auto hi = static_cast<unsigned char>(bytes[i + (little_endian ? 1 : 0)]);
        return static_cast<std::uint32_t>(hi << 8 | lo);
    };
    for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
        std::uint32_t cp = unit(i);
        if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < bytes.size()) {
            std::uint32_t low = unit(i + 2);
            if (low >= 0xDC00 && low < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                i += 2;
            }
        }
        if (cp >= 0xD800 && cp < 0xE000)
            return Error{"the file says it is UTF-16 but has a broken character at byte " + std::to_string(i)};
        AppendUtf8(cp, out);
    }
    return out;
}

std::size_t FirstInvalidUtf8(std::string_view text) {
    // Binary search would not find the first; walk in blocks and narrow down.
    std::size_t good = 0;
    const std::size_t block = 4096;
    while (good < text.size()) {
        std::size_t end = std::min(text.size(), good + block);
        // Do not cut a sequence: extend to the next lead byte.
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
        if (!IsValidUtf8(text.substr(good, end - good))) {
            for (std::size_t n = good; n < end; ++n) {
                std::size_t len = 1;
                while (n + len < end && (static_cast<unsigned char>(text[n + len]) & 0xC0) == 0x80) ++len;
                if (!IsValidUtf8(text.substr(n, len))) return n;
                n += len - 1;
            }
            return good;
        }
        good = end;
    }
    return text.size();
}

}  // namespace

Result<std::string> DecodeImportText(std::string_view bytes) {
    if (bytes.empty()) return Error{"the file is empty"};
    if (bytes.size() >= 2 && bytes[0] == '\xFF' && bytes[1] == '\xFE') return FromUtf16(bytes, true);
    if (bytes.size() >= 2 && bytes[0] == '\xFE' && bytes[1] == '\xFF') return FromUtf16(bytes, false);
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (bytes.substr(0, std::min<std::size_t>(bytes.size(), 8192)).find('\0') != std::string_view::npos)
        return Error{"this is not a text file (it contains NUL bytes); export JSON or CSV from the other tool"};
    if (!IsValidUtf8(bytes)) {
        std::size_t at = FirstInvalidUtf8(bytes);
        std::size_t line = 1 + std::count(bytes.begin(), bytes.begin() + at, '\n');
        return Error{"the file is not UTF-8 text (bad byte at offset " + std::to_string(at) + ", line " +
                     std::to_string(line) + "); save or export it as UTF-8 and import it again"};
    }
    return std::string(bytes);
}

// [SECTION] mapping the source's words onto the board ---------------------------------

namespace {

std::string Key(std::string_view text) { return FoldText(text); }

std::string Slug(std::string_view name) {
    std::string slug;
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) slug += static_cast<char>(std::tolower(u));
        else if (!slug.empty() && slug.back() != '_') slug += '_';
    }
    while (!slug.empty() && slug.back() == '_') slug.pop_back();
    return slug;
}

// A fresh id for a new setting: its slug, or `fallback`, made unique with a number.
std::string FreshId(std::string_view name, const std::string& fallback, const std::function<bool(const std::string&)>& taken) {
    std::string base = Slug(name);
    if (base.empty()) base = fallback;
    std::string id = base;
    for (int n = 2; taken(id); ++n) id = base + "_" + std::to_string(n);
    return id;
}

bool HasWord(const std::string& folded, std::initializer_list<const char*> words) {
    return std::any_of(words.begin(), words.end(), [&](const char* w) { return folded.find(w) != std::string::npos; });
}

StatusCategory GuessCategory(const std::string& folded) {
    if (HasWord(folded, {"done", "closed", "resolved", "complete", "fixed", "finished", "shipped", "released", "cancel"}))
        return StatusCategory::Done;
    if (HasWord(folded, {"wait", "hold", "blocked", "pending", "paused"})) return StatusCategory::Waiting;
    if (HasWord(folded, {"progress", "doing", "review", "test", "qa", "develop", "working", "started"}))
        return StatusCategory::Active;
    return StatusCategory::Todo;
}

constexpr std::uint32_t kLabelPalette[] = {0xFF4FA3F5, 0xFF8E6CEF, 0xFFC9A227, 0xFF2DB37A,
                                           0xFF3B3BE0, 0xFFD0A040, 0xFF7C9C2E, 0xFFB05FC0};

// Decides, once per distinct source word, where it goes, and adds settings as needed.
class Mapper {
public:
    Mapper(BoardConfig& config, std::vector<ImportMapping>& out) : config_(config), out_(out) {
        free_assignees_ = config.members.empty();
    }

    std::string Status(const std::string& name, bool closed) {
        std::string from = !name.empty() ? name : closed ? "(closed)" : "(open)";
        return Remember("status", from, [&](ImportMapping& m) {
            const StatusDef* found = name.empty() ? FirstOf(closed ? StatusCategory::Done : StatusCategory::Todo)
                                                  : FindByWord(config_.statuses, name);
            if (!found) found = MatchStatusWord(Key(name));
            if (found) return Use(m, found->id, found->name);
            StatusDef s;
            s.id = FreshId(name, "status", [&](const std::string& id) { return config_.FindStatus(id) != nullptr; });
            s.name = name;
            s.category = GuessCategory(Key(name));
            // After the last column of the same stage of work (to do, active, waiting, done),
            // so the board still reads left to right from new to finished.
            auto rank = [](StatusCategory c) { return static_cast<int>(c); };
            auto at = config_.statuses.begin();
            for (auto it = config_.statuses.begin(); it != config_.statuses.end(); ++it)
                if (rank(it->category) <= rank(s.category)) at = it + 1;
            config_.statuses.insert(at, s);
            AllowMoves(s.id);
            return Add(m, s.id, s.name);
        });
    }

    std::string Type(const std::string& name) {
        return Remember("type", name.empty() ? "(none)" : name, [&](ImportMapping& m) {
            if (name.empty()) return Use(m, config_.default_type, NameOfType(config_.default_type));
            if (const TicketTypeDef* t = FindByWord(config_.types, name)) return Use(m, t->id, t->name);
            static const std::map<std::string, std::string> words = {
                {"defect", "bug"}, {"story", "feature"}, {"user story", "feature"}, {"new feature", "feature"},
                {"improvement", "feature"}, {"enhancement", "feature"}, {"task", "support"}, {"sub-task", "support"},
                {"subtask", "support"}, {"question", "support"}, {"problem", "incident"}, {"service request", "support"}};
            if (auto w = words.find(Key(name)); w != words.end())
                if (const TicketTypeDef* t = config_.FindType(w->second)) return Use(m, t->id, t->name);
            TicketTypeDef t;
            t.id = FreshId(name, "type", [&](const std::string& id) { return config_.FindType(id) != nullptr; });
            t.name = name;
            config_.types.push_back(t);
            return Add(m, t.id, t.name);
        });
    }

    // Priorities carry response targets, so the import never invents one: unknown words
    // go to the nearest level, or the default.
    std::string Priority(const std::string& name) {
        return Remember("priority", name.empty() ? "(none)" : name, [&](ImportMapping& m) {
            const auto& list = config_.priorities;
            if (const PriorityDef* p = FindByWord(list, name)) return Use(m, p->id, p->name);
            const std::string k = Key(name);
            const PriorityDef* chosen = config_.FindPriority(config_.default_priority);
            int last = static_cast<int>(list.size()) - 1;
            if (HasWord(k, {"highest", "blocker", "critical", "urgent", "p0", "p1", "emergency"})) chosen = &list.front();
            else if (HasWord(k, {"high", "major", "p2"})) chosen = &list[std::min(1, last)];
            else if (HasWord(k, {"low", "minor", "trivial", "p4", "p5"})) chosen = &list.back();
            if (!chosen) chosen = &list.front();
            return Use(m, chosen->id, chosen->name);
        });
    }

    std::string Assignee(const std::string& name) {
        if (name.empty()) return {};
        return Remember("assignee", name, [&](ImportMapping& m) {
            if (const MemberDef* member = FindByWord(config_.members, name)) return Use(m, member->id, member->name);
            if (free_assignees_) return Use(m, name, name);  // the board has no member list: names as written
            MemberDef member;
            member.id = FreshId(name, "member", [&](const std::string& id) { return config_.FindMember(id) != nullptr; });
            member.name = name;
            config_.members.push_back(member);
            return Add(m, member.id, member.name);
        });
    }

    std::string Label(const std::string& name) {
        return Remember("label", name, [&](ImportMapping& m) {
            for (const auto& l : config_.labels)
                if (Key(l.name) == Key(name)) return Use(m, l.name, l.name);
            std::uint32_t colour = kLabelPalette[config_.labels.size() % std::size(kLabelPalette)];
            config_.labels.push_back({name, colour});
            return Add(m, name, name);
        });
    }

private:
    template <class Decide>
    std::string Remember(const char* what, const std::string& from, Decide decide) {
        auto key = std::string(what) + '\x1f' + from;
        auto it = seen_.find(key);
        if (it == seen_.end()) {
            out_.push_back({what, from, {}, false, 0});
            std::string id = decide(out_.back());
            it = seen_.emplace(key, std::make_pair(out_.size() - 1, id)).first;
        }
        ++out_[it->second.first].tickets;
        return it->second.second;
    }
    static std::string Use(ImportMapping& m, const std::string& id, const std::string& name) {
        m.to = name;
        return id;
    }
    static std::string Add(ImportMapping& m, const std::string& id, const std::string& name) {
        m.added = true;
        return Use(m, id, name);
    }

    // The setting whose id or name is `name`, ignoring case and accents.
    template <class Def>
    static const Def* FindByWord(const std::vector<Def>& list, const std::string& name) {
        const std::string key = Key(name);
        for (const auto& d : list)
            if (Key(d.id) == key || Key(d.name) == key) return &d;
        return nullptr;
    }
    const StatusDef* FirstOf(StatusCategory category) const {
        for (const auto& s : config_.statuses)
            if (s.category == category) return &s;
        return config_.statuses.empty() ? nullptr : &config_.statuses.front();
    }
    // The usual names other tools give their columns.
    const StatusDef* MatchStatusWord(const std::string& k) const {
        static const std::map<std::string, StatusCategory> words = {
            {"to do", StatusCategory::Todo},          {"todo", StatusCategory::Todo},
            {"open", StatusCategory::Todo},           {"backlog", StatusCategory::Todo},
            {"doing", StatusCategory::Active},        {"in progress", StatusCategory::Active},
            {"done", StatusCategory::Done},           {"complete", StatusCategory::Done},
            {"completed", StatusCategory::Done},      {"waiting for customer", StatusCategory::Waiting},
            {"on hold", StatusCategory::Waiting}};
        auto w = words.find(k);
        if (w == words.end()) return nullptr;
        for (const auto& s : config_.statuses)
            if (s.category == w->second) return &s;
        return nullptr;
    }
    // A workflow with explicit transitions must let tickets into and out of a new column.
    void AllowMoves(const std::string& id) {
        if (config_.transitions.empty()) return;
        for (const auto& s : config_.statuses) {
            if (s.id == id) continue;
            config_.transitions.push_back({s.id, id});
            config_.transitions.push_back({id, s.id});
        }
    }
    std::string NameOfType(const std::string& id) const {
        const TicketTypeDef* t = config_.FindType(id);
        return t ? t->name : id;
    }

    BoardConfig& config_;
    std::vector<ImportMapping>& out_;
    std::map<std::string, std::pair<std::size_t, std::string>> seen_;  // what\x1ffrom -> (mapping, id)
    bool free_assignees_ = false;
};

}  // namespace

// [SECTION] tickets from other tools ------------------------------------------------

namespace {

// Tickets already imported from the same source are recognised by their source id.
std::string SourceKey(const std::string& format, const std::string& id) { return format + '\x1f' + id; }

std::unordered_set<std::string> ImportedSourceKeys(const Board& board) {
    std::unordered_set<std::string> keys;
    for (const auto& t : board.tickets()) {
        auto it = t.extra.find("source");
        if (it == t.extra.end() || !it->is_object()) continue;
        const json& s = *it;
        if (s.contains("format") && s["format"].is_string() && s.contains("id") && s["id"].is_string())
            keys.insert(SourceKey(s["format"].get<std::string>(), s["id"].get<std::string>()));
    }
    return keys;
}

// Why an imported ticket cannot be kept as it is, or "" when it can.
std::string TooLong(const ImportedTicket& t) {
    if (CountCodePoints(t.title) > kMaxTitleChars)
        return "the title is longer than " + std::to_string(kMaxTitleChars) + " characters";
    if (t.description.size() > kMaxTextBytes) return "the description is longer than 1 MiB";
    for (const auto& c : t.comments)
        if (c.body.size() > kMaxTextBytes) return "a comment is longer than 1 MiB";
    return {};
}

Ticket ToTicket(const ImportedTicket& in, Mapper& map, const ImportSource& source, const ImportRequest& request) {
    Ticket t;
    t.id = request.new_id();
    t.title = in.title;
    t.description = in.description;
    t.status = map.Status(in.status, in.closed);
    t.type = map.Type(in.type);
    t.priority = map.Priority(in.priority);
    t.assignee = map.Assignee(in.assignee);
    t.requester = in.requester;
    for (const auto& label : in.labels) {
        std::string name = map.Label(label);
        if (std::find(t.labels.begin(), t.labels.end(), name) == t.labels.end()) t.labels.push_back(name);
    }
    t.due = in.due;
    t.created = in.created ? in.created : request.now;
    t.updated = std::max(t.created, in.updated);
    t.resolved_at = in.resolved;
    for (std::size_t i = 0; i < in.comments.size(); ++i) {
        const auto& c = in.comments[i];
        Comment comment{t.id + "-c" + std::to_string(i + 1), c.author, c.at ? c.at : t.created, c.body, false};
        // The first answer from someone other than the requester is the first response.
        if (!t.first_response_at && !c.author.empty() && c.author != in.requester) t.first_response_at = comment.at;
        t.updated = std::max(t.updated, comment.at);
        t.comments.push_back(std::move(comment));
    }
    t.history.push_back(HistoryEntry{t.created, in.requester.empty() ? request.actor : in.requester, "created",
                                     nullptr, t.title, "imported from " + source.format});
    json origin = {{"format", source.format}, {"id", in.source_id}};
    if (!in.url.empty()) origin["url"] = in.url;
    t.extra["source"] = std::move(origin);
    return t;
}

// Turns another tool's tickets into this board's, a slice at a time (see ImportPlanner).
class SourceConverter {
public:
    SourceConverter(const Board& board, ImportSource source, const ImportRequest& request)
        : board_(board), source_(std::move(source)), request_(request), config_(board.config()),
          map_(config_, plan_.mappings), already_(ImportedSourceKeys(board)) {
        plan_.format = source_.format;
        plan_.skipped = std::move(source_.skipped);
        plan_.notes = std::move(source_.notes);
        // Columns in the source's order, even those no ticket uses yet.
        for (const auto& name : source_.statuses) map_.Status(name, false);
        for (auto& m : plan_.mappings) m.tickets = 0;
    }

    // Converts up to `count` more tickets; true once all are done.
    bool Step(std::size_t count) {
        for (std::size_t end = std::min(next_ + count, source_.tickets.size()); next_ < end; ++next_)
            Convert(source_.tickets[next_]);
        return next_ == source_.tickets.size();
    }
    double progress() const { return source_.tickets.empty() ? 1.0 : double(next_) / source_.tickets.size(); }

    ImportPlan Finish() {
        plan_.tickets = tickets_.size();
        if (tickets_.empty()) return std::move(plan_);
        plan_.change = json{{"op", "import"}, {"source", source_.format}, {"tickets", std::move(tickets_)}};
        if (ConfigToJson(config_) != ConfigToJson(board_.config())) plan_.change["config"] = ConfigToJson(config_);
        return std::move(plan_);
    }

private:
    void Convert(const ImportedTicket& in) {
        if (auto why = WhySkip(in); !why.empty()) {
            plan_.skipped.push_back({in.where, std::move(why)});
            return;
        }
        Ticket t = ToTicket(in, map_, source_, request_);
        plan_.comments += t.comments.size();
        tickets_.push_back(TicketToJson(t));
    }

    std::string WhySkip(const ImportedTicket& in) {
        if (!in.source_id.empty()) {
            if (board_.Find(in.source_id)) return "already on this board";  // a board's own export read back
            if (already_.count(SourceKey(source_.format, in.source_id))) return "already imported";
            if (!in_file_.insert(in.source_id).second) return "the id " + in.source_id + " appears twice in the file";
        }
        if (in.title.empty()) return "no title";
        return TooLong(in);
    }

    const Board& board_;
    ImportSource source_;
    const ImportRequest& request_;
    ImportPlan plan_;
    BoardConfig config_;
    Mapper map_;
    std::unordered_set<std::string> already_;
    std::unordered_set<std::string> in_file_;
    json tickets_ = json::array();
    std::size_t next_ = 0;
};

}  // namespace

// [SECTION] Tackboard files ---------------------------------------------------------

namespace {

// The file's board goes in whole when this board has no tickets; otherwise its tickets
// join this board, which keeps its own settings plus what those tickets need.
Result<ImportPlan> PlanFromTackboard(const Board& board, const Board& file) {
    ImportPlan plan;
    plan.format = "Tackboard";
    const bool replace = board.tickets().empty();
    BoardConfig config = replace ? file.config() : board.config();
    const BoardConfig& theirs = file.config();
    std::set<std::string> added_here;
    auto add_missing = [&](const char* what, const std::string& id, auto find_ours, auto find_theirs, auto& list) {
        if (id.empty() || (config.*find_ours)(id)) return;
        auto* def = (theirs.*find_theirs)(id);
        if (!def) return;
        list.push_back(*def);
        plan.mappings.push_back({what, def->name, def->name, true, 0});
        added_here.insert(std::string(what) + ":" + id);
    };

    std::unordered_set<std::string> taken;
    json tickets = json::array();
    std::size_t dropped_links = 0;
    std::unordered_set<std::string> importing;
    for (const auto& t : file.tickets())
        if (!board.Find(t.id)) importing.insert(t.id);
    for (std::size_t i = 0; i < file.tickets().size(); ++i) {
        Ticket t = file.tickets()[i];
        const std::string where = "ticket " + std::to_string(i + 1) + " (" + t.id + ")";
        if (board.Find(t.id)) {
            plan.skipped.push_back({where, board.Find(t.id)->deleted ? "already on this board (deleted)" : "already on this board"});
            continue;
        }
        if (!replace) {
            add_missing("status", t.status, &BoardConfig::FindStatus, &BoardConfig::FindStatus, config.statuses);
            add_missing("type", t.type, &BoardConfig::FindType, &BoardConfig::FindType, config.types);
            add_missing("priority", t.priority, &BoardConfig::FindPriority, &BoardConfig::FindPriority, config.priorities);
            if (!config.members.empty())
                add_missing("assignee", t.assignee, &BoardConfig::FindMember, &BoardConfig::FindMember, config.members);
        }
        auto kept = std::remove_if(t.links.begin(), t.links.end(), [&](const Link& l) { return !importing.count(l.target); });
        dropped_links += t.links.end() - kept;
        t.links.erase(kept, t.links.end());
        plan.comments += t.comments.size();
        tickets.push_back(TicketToJson(t));
    }
    if (dropped_links)
        plan.notes.push_back(std::to_string(dropped_links) + " link" + (dropped_links == 1 ? "" : "s") +
                             " to tickets not in this import were left out");
    if (replace) plan.notes.push_back("the board takes the file's settings (statuses, types, priorities, members)");
    else plan.notes.push_back("this board keeps its settings; what the imported tickets need is added");
    plan.tickets = tickets.size();
    if (tickets.empty()) return plan;
    plan.change = json{{"op", "import"}, {"source", "a Tackboard file"}, {"tickets", std::move(tickets)}};
    if (ConfigToJson(config) != ConfigToJson(board.config())) plan.change["config"] = ConfigToJson(config);
    return plan;
}

bool LooksLikeTackboard(std::string_view text) {
    std::string_view head = text.substr(0, 512);
    return head.find("\"format\"") != std::string_view::npos && head.find("\"tackboard\"") != std::string_view::npos;
}

}  // namespace

// [SECTION] entry point, preview JSON, CSV export -----------------------------------

namespace {

bool Expects(const std::string& expect, const char* family, const char* kind) {
    return expect.empty() || expect == family || expect == kind;
}

// What reading a file gives: a finished plan (Tackboard files) or another tool's tickets.
struct FileRead {
    std::optional<ImportPlan> plan;
    std::optional<ImportSource> source;
};

Result<FileRead> Read(Result<ImportSource> source) {
    if (!source) return source.error();
    return FileRead{std::nullopt, std::move(source.value())};
}
Result<FileRead> Read(Result<ImportPlan> plan) {
    if (!plan) return plan.error();
    return FileRead{std::move(plan.value()), std::nullopt};
}

Result<FileRead> ReadJsonFile(const Board& board, const std::string& text, const ImportRequest& request) {
    const std::string& expect = request.expect;
    if (LooksLikeTackboard(text) && Expects(expect, "json", "tackboard")) {
        auto file = BoardFromJsonText(text);
        if (!file) return Error{"this Tackboard file cannot be read: " + file.error().Describe()};
        return Read(PlanFromTackboard(board, file.value()));
    }
    json parsed = json::parse(text, nullptr, false);
    if (parsed.is_discarded()) return Error{DescribeJsonSyntaxError(text)};
    if (parsed.is_object() && parsed.contains("lists") && parsed.contains("cards") && Expects(expect, "json", "trello")) {
        return Read(ReadTrelloBoard(parsed));
    }
    if (parsed.is_array() && Expects(expect, "json", "github")) {
        return Read(ReadGitHubIssues(parsed));
    }
    if (parsed.is_object() && parsed.contains("format") && Expects(expect, "json", "tackboard")) {
        auto file = BoardFromJson(parsed);
        if (!file) return Error{"this Tackboard file cannot be read: " + file.error().Describe()};
        return Read(PlanFromTackboard(board, file.value()));
    }
    if (expect == "trello") return Error{"not a Trello board export: no 'lists' and 'cards'"};
    if (expect == "github") return Error{"expected a JSON array of issues, as the GitHub REST API returns"};
    if (expect == "tackboard") return Error{"this is not a Tackboard file ('format' is not \"tackboard\")"};
    return Error{"this JSON is none of the files Tackboard imports (a Tackboard export, a Trello board export, "
                 "or GitHub issues as the REST API returns them)"};
}

Result<FileRead> ReadCsvFile(const std::string& text, const ImportRequest& request) {
    auto table = ParseCsv(text);
    if (!table) return Error{"this CSV cannot be read: " + table.error().Describe()};
    bool jira = LooksLikeJiraCsv(table.value());
    if (request.expect == "jira" && !jira) return Error{"no 'Issue key' and 'Summary' columns: not a Jira CSV export"};
    return Read(jira && request.expect != "plain-csv" ? ReadJiraCsv(table.value()) : ReadPlainCsv(table.value()));
}

}  // namespace

namespace {
Result<FileRead> ReadImportFile(const Board& board, const ImportRequest& request) {
    auto text = DecodeImportText(request.bytes);
    if (!text) return text.error();
    const std::string& s = text.value();
    auto first = s.find_first_not_of(" \t\r\n");
    bool json_text = first != std::string::npos && (s[first] == '{' || s[first] == '[');
    const std::string& expect = request.expect;
    bool wants_json = expect == "json" || expect == "tackboard" || expect == "trello" || expect == "github";
    bool wants_csv = expect == "csv" || expect == "jira" || expect == "plain-csv";
    if (json_text && wants_csv) return Error{"this file is JSON, not CSV"};
    if (!json_text && wants_json) {
        return Error{first == std::string::npos ? "the file is empty"
                                                : "this file is not JSON (it does not start with '{' or '[')"};
    }
    return json_text ? ReadJsonFile(board, s, request) : ReadCsvFile(s, request);
}
}  // namespace

struct ImportPlanner::State {
    const Board& board;
    ImportRequest request;
    std::optional<Result<ImportPlan>> done;
    std::unique_ptr<SourceConverter> converter;
};

ImportPlanner::ImportPlanner(const Board& board, ImportRequest request)
    : state_(std::make_unique<State>(State{board, std::move(request), std::nullopt, nullptr})) {}
ImportPlanner::~ImportPlanner() = default;
ImportPlanner::ImportPlanner(ImportPlanner&&) noexcept = default;
ImportPlanner& ImportPlanner::operator=(ImportPlanner&&) noexcept = default;

bool ImportPlanner::Step(std::size_t tickets) {
    State& st = *state_;
    if (st.done) return true;
    if (!st.converter) {
        auto read = ReadImportFile(st.board, st.request);
        if (!read) st.done = Result<ImportPlan>(read.error());
        else if (read.value().plan) st.done = Result<ImportPlan>(std::move(*read.value().plan));
        else st.converter = std::make_unique<SourceConverter>(st.board, std::move(*read.value().source), st.request);
        return st.done.has_value();
    }
    if (st.converter->Step(tickets)) {
        st.done = Result<ImportPlan>(st.converter->Finish());
        st.converter.reset();
    }
    return st.done.has_value();
}

double ImportPlanner::progress() const {
    if (state_->done) return 1.0;
    // Reading the file is about a quarter of the work; converting the tickets the rest.
    return state_->converter ? 0.25 + 0.75 * state_->converter->progress() : 0.0;
}

Result<ImportPlan> ImportPlanner::Take() {
    while (!Step()) {}
    Result<ImportPlan> out = std::move(*state_->done);
    state_->done.reset();
    if (out) out.value().board_revision = state_->request.board_revision;
    return out;
}

Result<ImportPlan> PlanImport(const Board& board, const ImportRequest& request) {
    return ImportPlanner(board, request).Take();
}

json ImportPlanToJson(const ImportPlan& plan) {
    json out = {{"format", plan.format}, {"tickets", plan.tickets}, {"comments", plan.comments}};
    json& mappings = out["mappings"] = json::array();
    for (const auto& m : plan.mappings)
        mappings.push_back({{"what", m.what}, {"from", m.from}, {"to", m.to}, {"added", m.added}, {"tickets", m.tickets}});
    json& skipped = out["skipped"] = json::array();
    for (const auto& s : plan.skipped) skipped.push_back({{"where", s.where}, {"reason", s.reason}});
    out["notes"] = plan.notes;
    return out;
}

namespace {
std::string IsoTime(Millis ms) {
    if (!ms) return {};
    std::string date = FormatIsoDate(ms);
    Millis in_day = ((ms % kMillisPerDay) + kMillisPerDay) % kMillisPerDay;
    char time[16];
    std::snprintf(time, sizeof time, "T%02d:%02d:%02dZ", static_cast<int>(in_day / 3600000),
                  static_cast<int>(in_day / 60000 % 60), static_cast<int>(in_day / 1000 % 60));
    return date + time;
}
}  // namespace

std::string BoardToCsv(const Board& board) {
    const BoardConfig& c = board.config();
    std::string out;
    AppendCsvRow(out, {"Id", "Type", "Title", "Description", "Status", "Priority", "Assignee", "Requester", "Labels",
                       "Due", "Created", "Updated", "Resolved", "Sprint"});
    const LoadedSprints sprints = SprintsOf(c);
    for (const auto& t : board.tickets()) {
        if (t.deleted) continue;
        const StatusDef* status = c.FindStatus(t.status);
        const TicketTypeDef* type = c.FindType(t.type);
        const PriorityDef* priority = c.FindPriority(t.priority);
        const MemberDef* assignee = c.FindMember(t.assignee);
        std::string labels;
        for (const auto& l : t.labels) labels += (labels.empty() ? "" : ", ") + l;
        const Sprint* sprint = FindSprint(sprints.sprints, t.sprint);
        AppendCsvRow(out, {t.id, type ? type->name : t.type, t.title, t.description, status ? status->name : t.status,
                           priority ? priority->name : t.priority, assignee ? assignee->name : t.assignee,
                           t.requester, labels, t.due ? FormatIsoDate(t.due) : std::string(), IsoTime(t.created),
                           IsoTime(t.updated), IsoTime(t.resolved_at), sprint ? sprint->name : t.sprint});
    }
    return out;
}

}  // namespace tackboard
