// app.hpp — the application object: owns the Board and its Journal, turns requests from
// the UI and the JS API into change records (core/change.hpp), keeps undo/redo, and
// knows what the user must be told.
//
// Platform-free so it runs in native tests: the clock, the entropy and "data changed,
// please persist" (the IDBFS flush on the web) are passed in.
#pragma once

#include <functional>
#include <set>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/board.hpp"
#include "core/change.hpp"
#include "core/helpdesk_settings.hpp"
#include "core/hlc.hpp"
#include "core/ids.hpp"
#include "core/query.hpp"
#include "core/result.hpp"
#include "core/roles.hpp"
#include "core/rules.hpp"
#include "core/search_index.hpp"
#include "io/import.hpp"
#include "storage/journal.hpp"

namespace tackboard {

struct AppEnvironment {
    std::function<Millis()> now;
    std::function<RandomBytes()> random;
    std::function<void()> data_changed;  // called after each change is in the journal
    // Called with each change record once applied and journaled (the web shell passes it
    // to other tabs of the same board).
    std::function<void(const nlohmann::json&)> committed;
    // Another tab writes this board: refuse changes, only follow theirs (see Follow).
    bool read_only = false;
};

// Something an automation rule asked to tell the team (a "notify" action), for the
// notification centre. The ticket also keeps it as an internal note.
struct RuleNotification {
    Millis at = 0;
    std::string ticket_id;
    std::string rule;  // the rule's name
    std::string message;
};

// What the "saved" indicator shows; fed by the platform's flush (IDBFS on the web).
struct SaveState {
    enum class Kind { Saved, Saving, Failed } kind = Kind::Saved;
    std::string reason;  // why saving failed, in plain words
};

class App {
public:
    App(std::string data_directory, AppEnvironment environment);

    const Board& board() const { return board_; }
    // Goes up with every applied change; views cache what they derive from the board by it.
    std::uint64_t revision() const { return revision_; }
    // Goes up with every change of the board's configuration (statuses, helpdesk settings…).
    std::uint64_t config_revision() const { return config_revision_; }
    // The time as the app's environment tells it (a test clock in tests).
    Millis Now() const { return env_.now(); }
    // Ids of the tickets the latest change touched (so a view one revision behind can
    // update just those).
    const std::vector<std::string>& last_touched() const { return last_touched_; }

    Result<std::string> CreateTicket(const nlohmann::json& fields);  // returns the new id
    // The same, with the changes `follow_ups` makes for the new id (a link to another
    // ticket...) in one change with the create: one undo step, all or nothing.
    Result<std::string> CreateTicket(const nlohmann::json& fields,
                                     const std::function<nlohmann::json(const std::string& id)>& follow_ups);
    Status UpdateTicket(const std::string& id, const nlohmann::json& patch);
    // Automation (core/rules.hpp): after each of the user's own changes (not undo, redo,
    // sync or another tab's) the board's enabled rules run on what it changed, each
    // action journaled and synced as a change by "rule:<name>". The user's change and
    // what the rules did to it are one undo step.
    //
    // The time-triggered rules (due dates, SLA at risk or breached, idle tickets): one
    // pass now. The platform calls it every minute and when the test clock moves. What it
    // does is nobody's edit, so it is not undoable (like a colleague's synced change).
    // Returns how many rule firings were applied.
    Result<std::size_t> RunTimedRules();
    // Newest last; at most kMaxNotifications are kept (this session only: the tickets keep
    // them as internal notes). `notifications_total()` counts all ever added, so a view can
    // tell new ones from seen ones.
    const std::vector<RuleNotification>& notifications() const { return notifications_; }
    std::uint64_t notifications_total() const { return notifications_total_; }
    static constexpr std::size_t kMaxNotifications = 200;
    // Any change record without its stamps ("at", "by", "hlc" are added here; a comment
    // without an id gets one). See core/change.hpp for the operations.
    Status Execute(nlohmann::json change);

    // Reads a file to import (any kind io/import.hpp knows; `expect` as in ImportRequest)
    // and says what importing it would do, changing nothing: the preview.
    Result<ImportPlan> PlanImport(std::string_view bytes, const std::string& expect = {});
    // The same in slices (a page draws progress between them); `bytes` must outlive it,
    // and the board must not change until its Take().
    ImportPlanner PlanImportInSlices(std::string_view bytes, const std::string& expect = {});
    // Applies a previewed import: every ticket or none, one undo step; refused when the
    // board changed since the preview (its mapping may no longer hold). A large import is
    // followed by a snapshot so the next start does not replay it from the journal.
    Status Import(ImportPlan plan);
    static constexpr std::size_t kSnapshotAfterImport = 1000;

    // The sample board (core/demo_board.hpp) as of Now(), imported like a Tackboard file:
    // one undo step. Refused unless the board has no tickets at all (the sample brings its
    // own settings, which replace the board's only then). Returns how many were added.
    Result<std::size_t> LoadDemo();
    // The first-run welcome (ui/welcome_panel.hpp) once "Start empty" was chosen: a marker
    // file beside the journal, so it holds for this board's storage on this device (it is
    // not the team's data: not journaled, synced or undone).
    bool welcome_dismissed() const { return welcome_dismissed_; }
    void DismissWelcome();

    // Tickets matching a query (docs/query-language.md), as positions in board().tickets()
    // in the query's order. Unknown statuses, types or priorities are reported as errors.
    Result<std::vector<std::size_t>> Query(std::string_view text) const;
    const SearchIndex& index() const { return index_; }
    // The board's helpdesk settings (core/helpdesk_settings.hpp): triage, routing, SLA,
    // rules, canned answers; read again after the configuration changes.
    const LoadedHelpdeskSettings& helpdesk() const;

    // Writes a snapshot of the whole board and drops journal segments no snapshot
    // generation needs, so loading stays fast and storage stays small. CompactIfNeeded
    // does it only once enough changes piled up since the last snapshot.
    Status Compact();
    Status CompactIfNeeded(std::size_t min_changes = kCompactAfterChanges);
    static constexpr std::size_t kCompactAfterChanges = 2000;
    std::size_t changes_since_snapshot() const { return changes_since_snapshot_; }

    bool read_only() const { return env_.read_only; }

    // Who works at this device and in which role (core/roles.hpp). Changes made from now
    // on are recorded under the identity's name ("me" while it has none). Kept in a file
    // beside the journal (like the welcome marker: this device's, not the team's data, so
    // not journaled, synced or undone) and read again at the next start.
    const Identity& identity() const { return identity_; }
    void SetIdentity(Identity identity);
    // The user's own choice of name and role on this device: refused while a sync server
    // names the user (its role is enforced there; another token changes it), and for a
    // name IdentityNameProblem refuses.
    Status ChooseIdentity(const std::string& name, Role role);
    // Small files of this device's own (what a requester has seen of their requests...),
    // beside the journal under `name` (letters, digits, '-' and '.'): never journaled,
    // synced or undone. Reading a missing file gives nullopt.
    std::optional<std::string> ReadDeviceFile(const std::string& name) const;
    Status WriteDeviceFile(const std::string& name, const std::string& text);
    // A read-only app applies a change made by the writing tab. Changes it already has
    // (at or below the newest clock stamp it has seen) are skipped, so a change that
    // arrives both through storage and through a message is applied once.
    Status Follow(const nlohmann::json& change);
    // A tab that just took over writing stores a change it had followed but which the
    // closed writer may not have saved in time; changes storage already has are skipped.
    Status Adopt(const nlohmann::json& change);

    // Tickets from the sync server, already merged with the local versions by the sync
    // engine, replace or join the local ones: journaled and passed to other tabs like any
    // change, but not undoable (undo takes back the user's own edits, not a colleague's).
    Status ReceiveSynced(const std::vector<Ticket>& tickets);
    // Marks a ticket deleted because the server deleted it (a tombstone without a body).
    Status ReceiveDeletion(const std::string& id);
    // The board's configuration from the sync server, already merged (sync/merge.hpp).
    Status ReceiveConfig(const nlohmann::json& config);

    bool CanUndo() const { return !undo_.empty(); }
    bool CanRedo() const { return !redo_.empty(); }
    Status Undo();
    Status Redo();

    // Problems met while loading (skipped journal lines, unreadable storage) and while
    // writing; the UI shows them until dismissed.
    const std::vector<std::string>& notices() const { return notices_; }
    void DismissNotices() { notices_.clear(); }
    void AddNotice(std::string notice) { notices_.push_back(std::move(notice)); }
    bool storage_available() const { return journal_.has_value(); }
    // Damaged files set aside in quarantine/ while loading (paths), offered for download.
    const std::vector<std::string>& quarantined() const { return quarantined_; }

    const SaveState& save_state() const { return save_state_; }
    void SetSaveState(SaveState state) { save_state_ = std::move(state); }

private:
    enum class Origin { User, Undo, Redo, Sync };
    Status Commit(nlohmann::json change, Origin origin);
    // Stamps (with `by` as the author), applies, reindexes, passes to other tabs and
    // journals one record; an Applied with a null inverse when it changed nothing.
    Result<Applied> Record(nlohmann::json& change, const std::string& by);
    ApplyRecord RecordAsRule();
    RuleContext RuleContextNow() const;
    void KeepOutcome(const RuleRun& run);
    void NameNewComments(nlohmann::json& change);
    void Reindex(const nlohmann::json& change, const Applied& applied);
    void Store(const nlohmann::json& change);
    // Applies a change made elsewhere (keeping its stamps) unless it is not newer than
    // what this app has; `applied` tells whether it was.
    Status ApplyNewer(const nlohmann::json& change, bool& applied);
    std::string DeviceId(const std::string& data_directory);

    void LoadSnapshot(int& first_segment);
    void LoadIdentity();

    std::string directory_;
    AppEnvironment env_;
    Board board_;
    SearchIndex index_;  // free-text index over board_.tickets(), kept up to date per change
    mutable LoadedHelpdeskSettings helpdesk_;  // as of helpdesk_revision_ (a config_revision_)
    mutable std::uint64_t helpdesk_revision_ = ~0ull;
    std::uint64_t config_revision_ = 0;  // goes up with every change to the configuration
    std::optional<Journal> journal_;
    UlidGenerator ids_;
    HlcClock clock_;
    Actor actor_{"me"};
    Identity identity_;
    std::vector<nlohmann::json> undo_;  // inverse records, newest last
    std::vector<nlohmann::json> redo_;
    std::size_t changes_since_snapshot_ = 0;
    std::uint64_t revision_ = 0;
    std::vector<std::string> last_touched_;
    std::vector<std::string> notices_;
    std::vector<RuleNotification> notifications_;
    std::uint64_t notifications_total_ = 0;
    std::set<std::string> rule_errors_told_;
    TimedSchedule timed_;        // the timed passes: which tickets to read when; kept up to date by Reindex
    OpenTickets open_tickets_;   // what a timed pass that reads everything reads; kept up to date by Reindex
    std::vector<std::string> quarantined_;
    SaveState save_state_;
    bool welcome_dismissed_ = false;
};

}  // namespace tackboard
