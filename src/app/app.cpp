#include "app/app.hpp"

#include <cctype>
#include <cstdio>

#include "core/demo_board.hpp"
#include "core/routing.hpp"
#include "core/ticket_json.hpp"
#include "storage/snapshot.hpp"

namespace tackboard {

using nlohmann::json;

namespace {
constexpr std::size_t kUndoDepth = 500;
constexpr const char* kWelcomeMarker = "/welcome-dismissed";
constexpr const char* kIdentityFile = "identity.json";

bool FileExists(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f) std::fclose(f);
    return f != nullptr;
}
}  // namespace

App::App(std::string data_directory, AppEnvironment environment)
    : directory_(std::move(data_directory)), env_(std::move(environment)) {
    welcome_dismissed_ = FileExists(directory_ + kWelcomeMarker);
    LoadIdentity();
    int first_segment = 1;
    LoadSnapshot(first_segment);
    Journal::Loaded loaded;
    auto journal = Journal::Open(directory_, loaded, first_segment);
    if (!journal) {
        notices_.push_back("Your tickets cannot be saved on this device (" + journal.error().message +
                           "). Changes stay in this tab only.");
        clock_.set_node(EncodeUlid(0, env_.random()).substr(10));
        return;
    }
    journal_ = std::move(journal.value());
    clock_.set_node(DeviceId(directory_));
    for (auto& problem : loaded.problems) notices_.push_back("While loading: " + problem);
    for (const auto& segment : loaded.damaged) {
        auto copy = QuarantineCopy(directory_, segment);
        if (copy) quarantined_.push_back(copy.value());
        notices_.push_back(copy ? "A copy of the damaged journal file is kept as " + copy.value() +
                                      "; download it below to inspect or recover what was skipped."
                                : "The damaged journal file could not be copied aside (" + copy.error().message + ").");
    }
    std::size_t index = 0;
    for (const auto& change : loaded.changes) {
        ++index;
        Hlc stamp;
        if (change.contains("hlc") && change["hlc"].is_string() && Hlc::Parse(change["hlc"].get<std::string>(), stamp))
            clock_.Observe(stamp);
        if (auto applied = ApplyChange(board_, change); !applied)
            notices_.push_back("While loading: change " + std::to_string(index) + " could not be applied (" +
                               applied.error().Describe() + ")");
    }
    index_.Build(board_.tickets());
    open_tickets_.Rebuild(board_);
    changes_since_snapshot_ = loaded.changes.size();
    if (env_.read_only) {
        notices_.push_back("Tackboard is open in another tab: this tab shows the board read-only and follows "
                           "the changes made there. It takes over when that tab is closed.");
        return;
    }
    // A long journal makes every start slow, and a damaged one must not be read again:
    // fold it into a snapshot now, while loading.
    if (auto compacted = loaded.damaged.empty() ? CompactIfNeeded() : Compact(); !compacted)
        notices_.push_back("Could not write a snapshot of the board: " + compacted.error().message);
}

// The newest readable snapshot becomes the board; the journal is then read from the
// first segment it does not cover. Damaged snapshots are set aside and reported.
void App::LoadSnapshot(int& first_segment) {
    auto snapshots = LoadSnapshots(directory_);
    if (!snapshots) {
        notices_.push_back("The saved board could not be read (" + snapshots.error().message +
                           "). Showing what the change journal still holds.");
        return;
    }
    for (const auto& problem : snapshots.value().problems) notices_.push_back("While loading: " + problem);
    for (const auto& path : snapshots.value().quarantined) quarantined_.push_back(path);
    // (The problems already say which damaged file went to quarantine/ and what was used.)
    if (auto& snapshot = snapshots.value().snapshot) {
        board_ = std::move(snapshot->board);
        first_segment = static_cast<int>(snapshot->journal_segment) + 1;
        // Later stamps must exceed the snapshot's, even if this device's clock went back.
        for (const auto& t : board_.tickets())
            for (const auto& [field, stamp] : t.clocks) clock_.Observe(stamp);
    }
}

Status App::Compact() {
    if (!journal_) return Error{"storage is not available"};
    int covered = journal_->StartNewSegment();
    if (auto written = WriteSnapshot(directory_, EncodeSnapshot(board_, static_cast<std::uint64_t>(covered)));
        !written)
        return written;
    journal_->DeleteSegmentsBefore(static_cast<int>(OldestSegmentNeeded(directory_)));
    changes_since_snapshot_ = 0;
    if (env_.data_changed) env_.data_changed();
    return Ok{};
}

Status App::CompactIfNeeded(std::size_t min_changes) {
    if (!journal_ || changes_since_snapshot_ < min_changes) return Ok{};
    return Compact();
}

Result<std::size_t> App::LoadDemo() {
    if (!board_.tickets().empty())
        return Error{"the demo board can only be loaded into an empty board (this one has tickets)"};
    const std::string text = MakeDemoBoard({/*seed=*/1, Now()}).dump();
    auto plan = PlanImport(text, "tackboard");
    if (!plan) return plan.error();
    plan.value().change["source"] = "the demo board";
    const std::size_t tickets = plan.value().tickets;
    if (auto done = Import(std::move(plan.value())); !done) return done.error();
    return tickets;
}

void App::DismissWelcome() {
    welcome_dismissed_ = true;
    // Where storage is unavailable the choice holds for this session only.
    if (std::FILE* f = std::fopen((directory_ + kWelcomeMarker).c_str(), "wb")) {
        std::fputs("dismissed\n", f);
        std::fclose(f);
        if (env_.data_changed) env_.data_changed();
    }
}

// A random id for this device's clock stamps, kept beside the journal so it survives reloads.
std::string App::DeviceId(const std::string& data_directory) {
    std::string path = data_directory + "/device-id";
    char buffer[64] = {};
    if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
        std::size_t n = std::fread(buffer, 1, sizeof buffer - 1, f);
        std::fclose(f);
        std::string id(buffer, n);
        if (id.size() == 16) return id;
    }
    std::string id = EncodeUlid(0, env_.random()).substr(10);  // the 16 random characters
    if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fwrite(id.data(), 1, id.size(), f);
        std::fclose(f);
    }
    return id;
}

Status App::Commit(json change, Origin origin) {
    if (env_.read_only)
        return Error{"this board is being edited in another tab; this tab only follows it until that tab closes"};
    auto applied = Record(change, actor_.name);
    if (!applied) return applied.error();
    if (applied.value().inverse.is_null()) return Ok{};  // nothing changed: nothing to store or undo

    // The rules this change triggers; undoing the change takes back what they did.
    const RuleSettings& rules = helpdesk().settings.rules;
    std::vector<ChangeEvent> events;
    if (origin == Origin::User && !rules.rules.empty()) events = EventsFromApplied(change, applied.value(), board_);
    json inverse = std::move(applied.value().inverse);
    if (!events.empty()) {
        RuleRun run = RunCascade(rules, board_, std::move(events), RuleContextNow(), RecordAsRule());
        KeepOutcome(run);
        if (!run.inverses.empty()) {
            json changes = json::array();
            for (auto it = run.inverses.rbegin(); it != run.inverses.rend(); ++it) changes.push_back(std::move(*it));
            changes.push_back(std::move(inverse));
            inverse = {{"op", "batch"}, {"changes", std::move(changes)}, {"undo", true}};
        }
    }
    if (origin == Origin::Sync) {
        // Not undoable; the user's own undo steps stay (they set fields, which still works).
    } else if (origin == Origin::Undo) {
        redo_.push_back(std::move(inverse));
    } else {
        if (origin == Origin::User) redo_.clear();
        undo_.push_back(std::move(inverse));
        if (undo_.size() > kUndoDepth) undo_.erase(undo_.begin());
    }
    return Ok{};
}

Result<Applied> App::Record(json& change, const std::string& by) {
    Millis now = env_.now();
    change["at"] = now;
    change["by"] = by;
    change["hlc"] = clock_.Tick(now).ToString();
    auto applied = ApplyChange(board_, change);
    if (!applied || applied.value().inverse.is_null()) return applied;
    Reindex(change, applied.value());
    if (env_.committed) env_.committed(change);
    Store(change);
    return applied;
}

// A rule's record keeps its author ("rule:<name>") and is stored like any change.
ApplyRecord App::RecordAsRule() {
    return [this](const json& record) {
        json change = record;
        const std::string by = change.value("by", std::string("rule"));
        return Record(change, by);
    };
}

RuleContext App::RuleContextNow() const {
    RuleContext context;
    context.now = env_.now();
    context.route = [this](const Ticket& ticket, const Board& board) {
        auto choice = ChooseAssignee(ticket, board.config(), ComputeWorkload(board), helpdesk().settings.routing.mode,
                                     LastAssignedMember(board));
        return choice ? choice->member : std::string();
    };
    return context;
}

// Notifications go to the notification centre; refusals become notices, once each (a
// timed rule refused now is tried again on every pass).
void App::KeepOutcome(const RuleRun& run) {
    const auto& rules = helpdesk().settings.rules.rules;
    auto name_of = [&](std::size_t i) { return i < rules.size() ? rules[i].name : std::string(); };
    for (const RuleFiring& firing : run.fired)
        for (const std::string& message : firing.notifications) {
            notifications_.push_back({env_.now(), firing.ticket_id, name_of(firing.rule), message});
            ++notifications_total_;
        }
    if (notifications_.size() > kMaxNotifications)
        notifications_.erase(notifications_.begin(),
                             notifications_.begin() + static_cast<long>(notifications_.size() - kMaxNotifications));
    for (const RuleError& error : run.errors) {
        const Ticket* t = board_.Find(error.ticket_id);
        std::string notice = "The rule \"" + name_of(error.rule) + "\" could not act on \"" +
                             (t ? t->title : error.ticket_id) + "\": " + error.error.Describe();
        if (rule_errors_told_.insert(notice).second) notices_.push_back(std::move(notice));
    }
    if (run.depth_limited)
        if (std::string notice = "Automation rules kept triggering each other; the chain was stopped after " +
                                 std::to_string(kMaxCascadeDepth) + " steps. Check the rules' conditions.";
            rule_errors_told_.insert(notice).second)
            notices_.push_back(std::move(notice));
}

Result<std::size_t> App::RunTimedRules() {
    if (env_.read_only) return std::size_t{0};  // the writing tab runs them (once, not once per tab)
    const HelpdeskSettings& settings = helpdesk().settings;
    if (!HasTimedRules(settings.rules)) return std::size_t{0};
    // Only the tickets whose timed rules may answer differently since the last pass are
    // read: changed ones, and those whose due window, idle spell or SLA warning or target
    // has come (TimedSchedule). A pass that reads everything (the first, or after the
    // rules changed) reads only the open tickets, before anything is applied.
    RuleContext context = RuleContextNow();
    context.open = &open_tickets_.positions();
    RuleRun run = timed_.Run(settings.rules, settings.sla, board_, context, RecordAsRule());
    KeepOutcome(run);
    return run.fired.size();
}

// Appends an applied change to the journal and asks the platform to persist it.
void App::Store(const json& change) {
    ++changes_since_snapshot_;
    if (journal_) {
        if (auto written = journal_->Append(change); !written) {
            // The edit stays on screen; the user is told it is not stored.
            save_state_ = {SaveState::Kind::Failed, written.error().message};
            return;
        }
    }
    if (env_.data_changed) env_.data_changed();
}

namespace {
bool ChangesConfig(const json& change) {
    const std::string op = change.value("op", "");
    if (op == "config") return true;
    if (op == "import") return change.contains("config");
    if (op == "batch" && change.contains("changes") && change["changes"].is_array())
        for (const auto& sub : change["changes"])
            if (sub.is_object() && ChangesConfig(sub)) return true;
    return false;
}
}  // namespace

// After a change is applied: the index follows the tickets it touched, views see a new revision.
void App::Reindex(const json& change, const Applied& applied) {
    ++revision_;
    last_touched_ = applied.touched;
    if (ChangesConfig(change)) {  // facts depend on the configuration: index everything afresh
        ++config_revision_;
        index_.Build(board_.tickets());
        open_tickets_.Rebuild(board_);  // the done statuses may have changed
        timed_.Clear();                 // and the rules, and what their conditions mean
        return;
    }
    open_tickets_.Update(board_, applied.touched);
    timed_.Update(board_, applied.touched);
    for (const auto& id : applied.touched)
        if (long doc = board_.IndexOf(id); doc >= 0) index_.Update(static_cast<std::uint32_t>(doc), board_.tickets()[doc]);
}

Status App::ApplyNewer(const json& change, bool& applied_now) {
    applied_now = false;
    Hlc stamp;
    if (!change.is_object() || !change.contains("hlc") || !change["hlc"].is_string() ||
        !Hlc::Parse(change["hlc"].get<std::string>(), stamp))
        return Error{"a change from another tab needs a clock stamp"};
    const Hlc& seen = clock_.last();
    if (!(seen.wall < stamp.wall || (seen.wall == stamp.wall && seen.counter < stamp.counter))) return Ok{};
    clock_.Observe(stamp);
    auto applied = ApplyChange(board_, change);
    if (!applied) return applied.error();
    if (!applied.value().inverse.is_null()) Reindex(change, applied.value());
    applied_now = true;
    return Ok{};
}

Status App::ReceiveSynced(const std::vector<Ticket>& tickets) {
    if (tickets.empty()) return Ok{};
    json list = json::array();
    for (const Ticket& t : tickets) {
        // Later local edits must stamp after everything received, or they would lose.
        for (const auto& [field, stamp] : t.clocks) clock_.Observe(stamp);
        list.push_back(TicketToJson(t));
    }
    return Commit(json{{"op", "sync"}, {"tickets", std::move(list)}}, Origin::Sync);
}

Status App::ReceiveDeletion(const std::string& id) {
    const Ticket* t = board_.Find(id);
    if (!t || t->deleted) return Ok{};
    return Commit(json{{"op", "delete"}, {"id", id}, {"note", "deleted on the sync server"}}, Origin::Sync);
}

Status App::ReceiveConfig(const json& config) {
    return Commit(json{{"op", "config"}, {"config", config}, {"note", "from the sync server"}}, Origin::Sync);
}

Status App::Follow(const json& change) {
    if (!env_.read_only) return Error{"only a read-only tab follows another"};
    bool applied = false;
    return ApplyNewer(change, applied);
}

Status App::Adopt(const json& change) {
    if (env_.read_only) return Error{"a read-only tab cannot store changes"};
    bool applied = false;
    if (auto done = ApplyNewer(change, applied); !done || !applied) return done;
    Store(change);
    return Ok{};
}

Result<std::string> App::CreateTicket(const json& fields) { return CreateTicket(fields, nullptr); }

Result<std::string> App::CreateTicket(const json& fields, const std::function<json(const std::string& id)>& follow_ups) {
    Millis now = env_.now();
    std::string id = ids_.Next(now, env_.random());
    auto change = MakeCreate(board_, fields, id, now, actor_);
    if (!change) return change.error();
    json record = std::move(change.value());
    if (follow_ups) {
        json changes = json::array({std::move(record)});
        for (json& more : follow_ups(id)) changes.push_back(std::move(more));
        record = {{"op", "batch"}, {"changes", std::move(changes)}};
    }
    if (auto committed = Commit(std::move(record), Origin::User); !committed) return committed.error();
    return id;
}

Result<ImportPlan> App::PlanImport(std::string_view bytes, const std::string& expect) {
    return PlanImportInSlices(bytes, expect).Take();
}

ImportPlanner App::PlanImportInSlices(std::string_view bytes, const std::string& expect) {
    ImportRequest request{bytes, expect, actor_.name, env_.now(), {}, revision_};
    request.new_id = [this, now = request.now] { return ids_.Next(now, env_.random()); };
    return ImportPlanner(board_, std::move(request));
}

Status App::Import(ImportPlan plan) {
    if (plan.change.is_null()) return Error{"the file has no tickets to add"};
    if (plan.board_revision != revision_)
        return Error{"the board changed since the preview; choose the file again to see what it would do now"};
    if (auto done = Commit(std::move(plan.change), Origin::User); !done) return done;
    if (plan.tickets >= kSnapshotAfterImport) return Compact();
    return Ok{};
}

Status App::UpdateTicket(const std::string& id, const json& patch) {
    return Execute(json{{"op", "update"}, {"id", id}, {"set", patch}});
}

// Gives a new comment (also one inside a batch) its id.
void App::NameNewComments(json& change) {
    if (!change.is_object()) return;
    const std::string op = change.value("op", "");
    if (op == "comment" && change.contains("comment") && change["comment"].is_object() && !change["comment"].contains("id"))
        change["comment"]["id"] = ids_.Next(env_.now(), env_.random());
    if (op == "batch" && change.contains("changes") && change["changes"].is_array())
        for (json& inner : change["changes"]) NameNewComments(inner);
}

Status App::Execute(json change) {
    if (!change.is_object()) return Error{"a change must be a JSON object"};
    if (change.value("undo", false)) return Error{"undo records come from Undo(), not from outside"};
    NameNewComments(change);
    return Commit(std::move(change), Origin::User);
}

Result<std::vector<std::size_t>> App::Query(std::string_view text) const {
    auto query = ParseQuery(text);
    if (!query) return query.error();
    if (auto known = CheckQuery(query.value(), board_.config()); !known) return known.error();
    return RunQuery(query.value(), board_, index_, QueryContext{actor_.name, env_.now(), &helpdesk().settings.sla});
}

const LoadedHelpdeskSettings& App::helpdesk() const {
    if (helpdesk_revision_ != config_revision_) {
        helpdesk_ = HelpdeskSettingsOf(board_.config());
        helpdesk_revision_ = config_revision_;
    }
    return helpdesk_;
}

Status App::Undo() {
    if (undo_.empty()) return Error{"nothing to undo"};
    json inverse = std::move(undo_.back());
    undo_.pop_back();
    auto done = Commit(inverse, Origin::Undo);
    if (!done) undo_.push_back(std::move(inverse));  // keep it: the board did not change
    return done;
}

Status App::Redo() {
    if (redo_.empty()) return Error{"nothing to redo"};
    json again = std::move(redo_.back());
    redo_.pop_back();
    auto done = Commit(again, Origin::Redo);
    if (!done) redo_.push_back(std::move(again));
    return done;
}

void App::SetIdentity(Identity identity) {
    identity_ = std::move(identity);
    actor_.name = identity_.name.empty() ? "me" : identity_.name;
    // Where storage is unavailable it holds for this session only.
    if (auto saved = WriteDeviceFile(kIdentityFile, ToJson(identity_).dump()); !saved && storage_available())
        notices_.push_back("Who you are on this board could not be saved on this device (" + saved.error().message +
                           "); it holds until the page is closed.");
}

Status App::ChooseIdentity(const std::string& name, Role role) {
    if (identity_.from_server)
        return Error{"the sync server signs you in as " + identity_.name + " (" + ToString(identity_.role) +
                     "); to be someone else, sync with another token"};
    if (auto problem = IdentityNameProblem(name)) return Error{*problem};
    SetIdentity(Identity{name, role, false});
    return Ok{};
}

// An unreadable file leaves the default (a nameless lead, as on a fresh board) and says so.
void App::LoadIdentity() {
    auto text = ReadDeviceFile(kIdentityFile);
    if (!text) return;
    auto identity = IdentityFromJson(json::parse(*text, nullptr, false));
    if (!identity) {
        notices_.push_back("Who you are on this board could not be read on this device; choose your name and role again.");
        return;
    }
    identity_ = std::move(*identity);
    actor_.name = identity_.name.empty() ? "me" : identity_.name;
}

namespace {
bool DeviceFileNameOk(const std::string& name) {
    if (name.empty() || name[0] == '.') return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.' && c != '_') return false;
    return true;
}
}  // namespace

std::optional<std::string> App::ReadDeviceFile(const std::string& name) const {
    if (!DeviceFileNameOk(name)) return std::nullopt;
    std::FILE* f = std::fopen((directory_ + "/" + name).c_str(), "rb");
    if (!f) return std::nullopt;
    std::string text;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) text.append(buffer, n);
    std::fclose(f);
    return text;
}

Status App::WriteDeviceFile(const std::string& name, const std::string& text) {
    if (!DeviceFileNameOk(name)) return Error{"'" + name + "' is not a name for a file of this device"};
    // Written aside and renamed, so a crash in between leaves the old file whole.
    const std::string path = directory_ + "/" + name;
    const std::string part = path + ".part";
    std::FILE* f = std::fopen(part.c_str(), "wb");
    if (!f) return Error{"storage is not available"};
    bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    written = std::fclose(f) == 0 && written;
    if (!written || std::rename(part.c_str(), path.c_str()) != 0) {
        std::remove(part.c_str());
        return Error{"the file could not be written"};
    }
    if (env_.data_changed) env_.data_changed();
    return Ok{};
}

}  // namespace tackboard
