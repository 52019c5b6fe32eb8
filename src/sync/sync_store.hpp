// sync_store.hpp — what this device last agreed on with the server, kept on disk.
//
// For every ticket the last sync exchanged: the server's version (rev) and the ticket as
// it was then — the base of the next three-way merge (merge.hpp). Plus the checkpoint
// where the next pull starts. The outbox is not stored separately: a ticket whose clocks
// or conflict list differ from its base (or that has no base) has changes to send, and
// tickets live in the board's journal, so unsent edits survive reloads and crashes.
//
// Stored as a journal (storage/journal.hpp) of records under <board>/sync/state/:
//   {"server": identity}          everything before it belonged to another server
//   {"checkpoint": text}
//   {"rev", "ticket"}             a new base
//   {"forget": id}                the server no longer has this document
//   {"merged": id}                the local version merges in changes the server lacks
//   {"config_rev", "config"}      the board configuration as last agreed (servers that
//                                 keep one, see SyncAdapter::KeepsConfig)
// rewritten whole once superseded records outnumber live ones.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/board.hpp"
#include "core/result.hpp"
#include "storage/journal.hpp"

namespace tackboard {

struct SyncBase {
    std::string rev;
    Ticket ticket;
};

struct ConfigBase {
    std::string rev;
    nlohmann::json config;  // as core/ticket_json's ConfigToJson writes it
};

class SyncStore {
public:
    // `server` identifies the server the board syncs with; when it differs from the one
    // stored, the old bases are dropped (another server knows nothing of them).
    static Result<SyncStore> Open(const std::string& directory, const std::string& server,
                                  std::vector<std::string>& problems);

    const SyncBase* Find(const std::string& id) const;
    const std::string& checkpoint() const { return checkpoint_; }
    std::size_t size() const { return bases_.size(); }
    const std::unordered_map<std::string, SyncBase>& bases() const { return bases_; }

    Status Remember(const std::string& rev, const Ticket& ticket);
    Status Forget(const std::string& id);
    Status SetCheckpoint(const std::string& checkpoint);
    const ConfigBase* config_base() const { return config_base_ ? &*config_base_ : nullptr; }
    Status RememberConfig(const std::string& rev, const nlohmann::json& config);

    // Does the ticket have changes the server has not got? Local edits move a clock; a
    // merge may combine both sides without moving one (two comments under one "comment"
    // clock), so merges that differ from the server's version are marked explicitly.
    bool NeedsPush(const Ticket& ticket) const;
    Status MarkMerged(const std::string& id);
    static bool Differs(const Ticket& ticket, const SyncBase* base);
    // The same version of a ticket: same clocks, deletion and conflict list.
    static bool SameVersion(const Ticket& a, const Ticket& b);

private:
    explicit SyncStore(Journal journal) : journal_(std::move(journal)) {}
    Status Append(const nlohmann::json& record);
    Status CompactIfNeeded();

    Journal journal_;
    std::string server_;
    std::string checkpoint_;
    std::unordered_map<std::string, SyncBase> bases_;
    std::unordered_set<std::string> merged_;  // see NeedsPush
    std::optional<ConfigBase> config_base_;
    std::size_t records_ = 0;  // in the journal, superseded ones included
};

}  // namespace tackboard
