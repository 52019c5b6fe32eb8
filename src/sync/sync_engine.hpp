// sync_engine.hpp — keeps a board and a server in step: pull, merge, push.
//
// One round: pull the server's changes since the checkpoint (page by page) and merge
// each into the local ticket (merge.hpp, base = the version both last agreed on, kept
// by sync_store.hpp); then push every ticket that differs from its base. A push refused
// because the server moved on (409/412) fetches that version, merges and pushes again.
// Failures wait with exponential backoff and jitter; going offline pauses, coming back
// catches up. Rounds start on demand (SyncNow: the button, tackboard.sync()), soon after
// a local edit, when the server's change feed reports something (a long poll), and
// periodically for servers without a feed.
//
// Roles: the first round after Configure asks the server who the token belongs to; a
// server that names the user sets the app's identity (from_server), one without roles
// leaves the identity chosen on this device. Only a lead's device sends the board's
// configuration; a ticket the server refuses (403: not this role's to change) stays on
// the device, is named in status().refused and the app's notices, and is not sent again
// until it changes.
//
// Platform-free and single-threaded: the Transport calls back later on the same thread
// (or at once, in tests), and Tick() — called from the main loop — starts due work.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "sync/adapter.hpp"
#include "sync/sync_settings.hpp"
#include "sync/sync_store.hpp"
#include "sync/transport.hpp"

namespace tackboard {

struct SyncStatus {
    enum class State {
        Off,      // no server configured: no request is ever made
        Idle,     // in step as of last_synced
        Syncing,  // a round is running
        Waiting,  // the last round failed; the next starts at retry_at
        Offline,  // the browser says there is no network; resumes when it is back
    };
    State state = State::Off;
    Millis last_synced = 0;
    Millis retry_at = 0;
    std::size_t pending = 0;  // tickets with changes the server has not acknowledged
    std::string last_error;   // plain words; cleared by the next successful round
    std::string warning;      // from the adapter, e.g. a server that cannot detect conflicts
    // Tickets the server or this board refused (id → why); retried once they change.
    std::map<std::string, std::string> refused;
    std::size_t received = 0;  // tickets pulled and sent in the current or last round
    std::size_t sent = 0;
};

const char* ToString(SyncStatus::State state);

struct SyncEnvironment {
    std::function<Millis()> now;
    std::function<double()> random;      // uniform in [0, 1), for the backoff's jitter
    std::function<void()> data_changed;  // sync state written: persist it (IDBFS flush)
};

class SyncEngine {
public:
    static constexpr std::size_t kPushBatch = 200;
    static constexpr int kMaxConflictRounds = 5;
    static constexpr Millis kFirstRetry = 1000;
    static constexpr Millis kLongestRetry = 5 * 60 * 1000;
    static constexpr Millis kAfterLocalEdit = 800;  // edits made together go in one push

    SyncEngine(App& app, Transport& transport, SyncEnvironment env);

    // Starts syncing with `settings`, keeping what was synced under `state_directory`;
    // settings with sync off stop it. A round starts at once.
    Status Configure(const SyncSettings& settings, const std::string& state_directory);
    const SyncSettings& settings() const { return settings_; }

    void SyncNow();
    void LocalChanged();  // the board changed here: push it soon
    void SetOnline(bool online);
    void Tick();          // starts whatever is due

    const SyncStatus& status() const { return status_; }
    // Called after every round, successful or not (resolves the JS API's sync() promise).
    std::function<void()> on_round_done;

    // Tries `settings` without keeping them: "reached, 1 234 tickets" or why not.
    void Probe(const SyncSettings& settings, std::function<void(Result<ServerInfo>)> done);

private:
    void StartRound();
    // Who the server says we are (SyncAdapter::WhoAmI), once per Configure: the app's
    // identity follows it; then the pull.
    void AskIdentity();
    void Pull();
    void PlanPush();
    void Push();
    void Resolve(std::vector<std::string> ids);
    void FinishRound();
    void Fail(const std::string& why);
    void StartWatch();
    bool OnlyOwnChanges(const FeedNews& news) const;
    // Merges server versions into the board and records them as bases.
    Status Receive(const std::vector<RemoteDoc>& docs);
    Status ReceiveCompleteList(const std::vector<RemoteDoc>& docs);
    // The board's configuration document, merged into the local configuration.
    Status ReceiveConfig(const RemoteDoc& doc);
    bool ConfigNeedsPush() const;
    void Persist();
    void CountPending();
    bool Refused(const Ticket& ticket) const;

    App& app_;
    Transport& transport_;
    SyncEnvironment env_;
    SyncSettings settings_;
    std::unique_ptr<SyncAdapter> adapter_;
    // Adapters replaced while a request of theirs was in flight: kept so its callback
    // finds them alive (the generation check then ignores the answer).
    std::vector<std::unique_ptr<SyncAdapter>> retired_;
    std::optional<SyncStore> store_;
    SyncStatus status_;
    unsigned generation_ = 0;  // bumped by Configure: answers to older requests are dropped
    bool online_ = true;
    bool again_ = false;        // SyncNow during a round: run another one after it
    bool watching_ = false;
    int attempt_ = 0;           // failed rounds in a row
    int conflict_rounds_ = 0;
    Millis next_round_at_ = 0;  // 0: none planned
    std::uint64_t counted_revision_ = ~0ull;
    // Clocks of refused tickets when they were refused: unchanged tickets are not retried.
    std::map<std::string, std::map<std::string, Hlc>> refused_clocks_;
    // The local configuration when the server's could not be applied to it, or refused
    // it: not sent again until it changes.
    std::optional<nlohmann::json> config_refused_;
    std::deque<std::string> outbox_;  // ids to send in this round's remaining batches
    bool config_changed_ = false;  // this round applied the server's configuration
    bool identity_asked_ = false;  // the server answered who we are since Configure
};

}  // namespace tackboard
