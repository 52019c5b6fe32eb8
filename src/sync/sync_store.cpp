#include "sync/sync_store.hpp"

#include "core/ticket_json.hpp"

namespace tackboard {

using nlohmann::json;

Result<SyncStore> SyncStore::Open(const std::string& directory, const std::string& server,
                                  std::vector<std::string>& problems) {
    Journal::Loaded loaded;
    auto journal = Journal::Open(directory, loaded, 1);
    if (!journal) return journal.error();
    for (auto& problem : loaded.problems) problems.push_back("sync state: " + problem);
    SyncStore store(std::move(journal.value()));
    for (const json& record : loaded.changes) {
        ++store.records_;
        if (!record.is_object()) continue;
        if (auto it = record.find("server"); it != record.end() && it->is_string()) {
            store.server_ = it->get<std::string>();
            store.checkpoint_.clear();
            store.bases_.clear();
            store.merged_.clear();
            store.config_base_.reset();
        } else if (auto config_rev = record.find("config_rev"); config_rev != record.end() && config_rev->is_string() &&
                                                                  record.contains("config")) {
            store.config_base_ = ConfigBase{config_rev->get<std::string>(), record["config"]};
        } else if (auto merged = record.find("merged"); merged != record.end() && merged->is_string()) {
            store.merged_.insert(merged->get<std::string>());
        } else if (auto cp = record.find("checkpoint"); cp != record.end() && cp->is_string()) {
            store.checkpoint_ = cp->get<std::string>();
        } else if (auto gone = record.find("forget"); gone != record.end() && gone->is_string()) {
            store.bases_.erase(gone->get<std::string>());
            store.merged_.erase(gone->get<std::string>());
        } else if (record.contains("ticket") && record.contains("rev") && record["rev"].is_string()) {
            auto ticket = TicketFromJson(record["ticket"], "/ticket");
            if (!ticket) {
                problems.push_back("sync state: a stored ticket version is unreadable (" +
                                   ticket.error().Describe() + "); it will be fetched again");
                continue;
            }
            std::string id = ticket.value().id;
            store.merged_.erase(id);
            store.bases_[id] = SyncBase{record["rev"].get<std::string>(), std::move(ticket.value())};
        }
    }
    if (store.server_ != server) {
        // A new server: start over, and say so in the journal so a reload agrees.
        store.server_ = server;
        store.checkpoint_.clear();
        store.bases_.clear();
        store.merged_.clear();
        store.config_base_.reset();
        store.journal_.DeleteSegmentsBefore(store.journal_.StartNewSegment() + 1);
        store.records_ = 0;
        if (auto written = store.Append(json{{"server", server}}); !written) return written.error();
    }
    return store;
}

const SyncBase* SyncStore::Find(const std::string& id) const {
    auto it = bases_.find(id);
    return it == bases_.end() ? nullptr : &it->second;
}

bool SyncStore::NeedsPush(const Ticket& ticket) const {
    return Differs(ticket, Find(ticket.id)) || merged_.count(ticket.id) > 0;
}

Status SyncStore::MarkMerged(const std::string& id) {
    if (!merged_.insert(id).second) return Ok{};
    return Append(json{{"merged", id}});
}

bool SyncStore::Differs(const Ticket& ticket, const SyncBase* base) {
    return !base || !SameVersion(ticket, base->ticket);
}

bool SyncStore::SameVersion(const Ticket& a, const Ticket& b) {
    if (a.clocks != b.clocks || a.deleted != b.deleted) return false;
    auto conflicts = [](const Ticket& t) {
        auto it = t.extra.find("conflicts");
        return it == t.extra.end() ? json() : *it;
    };
    return conflicts(a) == conflicts(b);
}

Status SyncStore::Append(const json& record) {
    ++records_;
    return journal_.Append(record);
}

Status SyncStore::Remember(const std::string& rev, const Ticket& ticket) {
    bases_[ticket.id] = SyncBase{rev, ticket};
    merged_.erase(ticket.id);
    if (auto done = Append(json{{"rev", rev}, {"ticket", TicketToJson(ticket)}}); !done) return done;
    return CompactIfNeeded();
}

Status SyncStore::Forget(const std::string& id) {
    merged_.erase(id);
    if (bases_.erase(id) == 0) return Ok{};
    return Append(json{{"forget", id}});
}

Status SyncStore::SetCheckpoint(const std::string& checkpoint) {
    if (checkpoint == checkpoint_) return Ok{};
    checkpoint_ = checkpoint;
    return Append(json{{"checkpoint", checkpoint}});
}

Status SyncStore::RememberConfig(const std::string& rev, const json& config) {
    config_base_ = ConfigBase{rev, config};
    if (auto done = Append(json{{"config_rev", rev}, {"config", config}}); !done) return done;
    return CompactIfNeeded();
}

Status SyncStore::CompactIfNeeded() {
    if (records_ < 1000 || records_ < 2 * (bases_.size() + 2)) return Ok{};
    // Write the live records into new segments, then drop the old ones: a crash in
    // between leaves both, and replaying both gives the same state.
    int last_old = journal_.StartNewSegment();
    records_ = 0;
    if (auto done = Append(json{{"server", server_}}); !done) return done;
    if (!checkpoint_.empty())
        if (auto done = Append(json{{"checkpoint", checkpoint_}}); !done) return done;
    for (const auto& [id, base] : bases_)
        if (auto done = Append(json{{"rev", base.rev}, {"ticket", TicketToJson(base.ticket)}}); !done) return done;
    for (const std::string& id : merged_)
        if (auto done = Append(json{{"merged", id}}); !done) return done;
    if (config_base_)
        if (auto done = Append(json{{"config_rev", config_base_->rev}, {"config", config_base_->config}}); !done) return done;
    journal_.DeleteSegmentsBefore(last_old + 1);
    return Ok{};
}

}  // namespace tackboard
