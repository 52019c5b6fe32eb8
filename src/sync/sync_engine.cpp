#include "sync/sync_engine.hpp"

#include <algorithm>
#include <unordered_set>

#include "core/board.hpp"
#include "core/ticket_json.hpp"
#include "sync/merge.hpp"

namespace tackboard {

using nlohmann::json;

namespace {
const std::string kNotApplied = "not applied here: ";
const char* const kBoardSettings = "board settings";
}  // namespace

const char* ToString(SyncStatus::State state) {
    switch (state) {
        case SyncStatus::State::Off: return "off";
        case SyncStatus::State::Idle: return "idle";
        case SyncStatus::State::Syncing: return "syncing";
        case SyncStatus::State::Waiting: return "waiting";
        case SyncStatus::State::Offline: return "offline";
    }
    return "off";
}

SyncEngine::SyncEngine(App& app, Transport& transport, SyncEnvironment env)
    : app_(app), transport_(transport), env_(std::move(env)) {}

Status SyncEngine::Configure(const SyncSettings& settings, const std::string& state_directory) {
    ++generation_;
    if (adapter_) retired_.push_back(std::move(adapter_));
    settings_ = settings;
    store_.reset();
    watching_ = false;
    again_ = false;
    attempt_ = 0;
    status_ = SyncStatus{};
    refused_clocks_.clear();
    config_refused_.reset();
    identity_asked_ = false;
    if (!settings.enabled()) {
        // No server vouches for the role any more: it is this device's choice again.
        if (app_.identity().from_server) {
            Identity local = app_.identity();
            local.from_server = false;
            app_.SetIdentity(std::move(local));
        }
        return Ok{};
    }
    std::vector<std::string> problems;
    std::string server = std::string(ToString(settings.kind)) + " " + settings.url + " " + settings.collection + " " +
                         settings.id_field;
    auto store = SyncStore::Open(state_directory, server, problems);
    for (auto& problem : problems) app_.AddNotice(problem);
    if (!store) {
        status_.last_error = "cannot keep sync state: " + store.error().message;
        return store.error();
    }
    store_.emplace(std::move(store.value()));
    adapter_ = MakeAdapter(settings, transport_);
    status_.warning = adapter_->Warning();
    status_.state = online_ ? SyncStatus::State::Idle : SyncStatus::State::Offline;
    counted_revision_ = ~0ull;
    CountPending();
    if (online_) StartRound();
    return Ok{};
}

void SyncEngine::SyncNow() {
    if (!adapter_) return;
    if (status_.state == SyncStatus::State::Syncing) {
        again_ = true;
        return;
    }
    StartRound();  // even when offline: the user asked, and the browser may be wrong
}

void SyncEngine::LocalChanged() {
    if (!adapter_) return;
    Millis due = env_.now() + kAfterLocalEdit;
    if (status_.state == SyncStatus::State::Syncing) {
        again_ = true;
    } else if (status_.state == SyncStatus::State::Idle && (next_round_at_ == 0 || due < next_round_at_)) {
        next_round_at_ = due;
    }
}

void SyncEngine::SetOnline(bool online) {
    if (online == online_) return;
    online_ = online;
    if (!adapter_) return;
    if (!online) {
        if (status_.state != SyncStatus::State::Syncing) status_.state = SyncStatus::State::Offline;
        return;
    }
    attempt_ = 0;  // back online: catch up now, not after the backoff
    if (status_.state != SyncStatus::State::Syncing) StartRound();
}

void SyncEngine::Tick() {
    if (!adapter_) return;
    CountPending();
    if (status_.state == SyncStatus::State::Syncing || status_.state == SyncStatus::State::Offline) return;
    Millis now = env_.now();
    if (status_.state == SyncStatus::State::Waiting) {
        if (now >= status_.retry_at) StartRound();
        return;
    }
    if (next_round_at_ != 0 && now >= next_round_at_) StartRound();
}

void SyncEngine::Probe(const SyncSettings& settings, std::function<void(Result<ServerInfo>)> done) {
    std::shared_ptr<SyncAdapter> adapter = MakeAdapter(settings, transport_);
    if (!adapter) return done(Error{"choose a server kind and enter its address first"});
    // The adapter lives until its answer arrives.
    adapter->Probe([adapter, done](Result<ServerInfo> info) { done(std::move(info)); });
}

void SyncEngine::StartRound() {
    if (!adapter_ || status_.state == SyncStatus::State::Syncing) return;
    status_.state = SyncStatus::State::Syncing;
    status_.received = 0;
    status_.sent = 0;
    next_round_at_ = 0;
    conflict_rounds_ = 0;
    again_ = false;
    config_changed_ = false;
    if (identity_asked_) return Pull();
    AskIdentity();
}

void SyncEngine::AskIdentity() {
    unsigned generation = generation_;
    adapter_->WhoAmI([this, generation](Result<std::optional<Identity>> who) {
        if (generation != generation_) return;
        if (!who) return Fail(who.error().message);  // a 401 says why here, and the round waits
        identity_asked_ = true;
        const Identity& now = app_.identity();
        Identity next = now;
        if (who.value()) next = *who.value();
        else next.from_server = false;  // a server without roles: the device's choice stands
        if (next.name != now.name || next.role != now.role || next.from_server != now.from_server)
            app_.SetIdentity(std::move(next));
        counted_revision_ = ~0ull;  // a lead's configuration may no longer be ours to send
        Pull();
    });
}

void SyncEngine::Pull() {
    unsigned generation = generation_;
    std::string checkpoint = store_->checkpoint();
    adapter_->Pull(checkpoint, [this, generation, checkpoint](Result<PullPage> page) {
        if (generation != generation_) return;
        if (!page) return Fail(page.error().message);
        PullPage& p = page.value();
        Status received = p.complete ? ReceiveCompleteList(p.docs) : Receive(p.docs);
        if (!received) return Fail(received.error().message);
        if (auto saved = store_->SetCheckpoint(p.checkpoint); !saved) return Fail(saved.error().message);
        Persist();
        if (p.more && p.checkpoint != checkpoint) return Pull();
        PlanPush();
        if (config_changed_) {
            // Tickets that did not fit the old configuration may fit the new one.
            config_changed_ = false;
            std::vector<std::string> misfits;
            for (const auto& [id, why] : status_.refused)
                if (why.rfind(kNotApplied, 0) == 0) misfits.push_back(id);
            for (const std::string& id : misfits) status_.refused.erase(id);
            if (!misfits.empty()) return Resolve(std::move(misfits));
        }
        Push();
    });
}

Status SyncEngine::Receive(const std::vector<RemoteDoc>& docs) {
    std::vector<Ticket> to_apply;
    std::vector<std::pair<std::string, Ticket>> bases;  // rev, server version
    std::vector<std::string> merged_ids;                // merges the server has yet to get
    // The configuration first: tickets of the same page may use a status it adds.
    for (const RemoteDoc& doc : docs)
        if (doc.config)
            if (auto received = ReceiveConfig(doc); !received) return received;
    for (const RemoteDoc& doc : docs) {
        if (doc.config) continue;
        const SyncBase* base = store_->Find(doc.id);
        if (base && base->rev == doc.rev) continue;  // our own push coming back, or seen already
        const Ticket* local = app_.board().Find(doc.id);
        if (doc.ticket.is_null()) {
            // Deleted on the server by something that kept no body. An unchanged local
            // ticket follows; a locally edited one is kept and will be sent back.
            if (!local) continue;
            Ticket known = base ? base->ticket : *local;
            if (!store_->NeedsPush(*local))
                if (auto gone = app_.ReceiveDeletion(doc.id); !gone) return gone;
            if (auto kept = store_->Remember(doc.rev, known); !kept) return kept;
            continue;
        }
        auto remote = TicketFromJson(doc.ticket, "");
        if (!remote) {
            status_.refused[doc.id] = "the server's version is unreadable: " + remote.error().Describe();
            continue;
        }
        Ticket& server = remote.value();
        if (doc.deleted) server.deleted = true;
        if (!local || !store_->NeedsPush(*local)) {
            to_apply.push_back(server);
        } else {
            auto merged = MergeTicket(base ? &base->ticket : nullptr, *local, server);
            if (!merged) {
                status_.refused[doc.id] = "cannot merge with the server's version: " + merged.error().message;
                continue;
            }
            json merged_json = TicketToJson(merged.value().ticket);
            if (merged_json != TicketToJson(*local)) to_apply.push_back(merged.value().ticket);
            if (merged_json != TicketToJson(server)) merged_ids.push_back(doc.id);
        }
        bases.emplace_back(doc.rev, std::move(server));
    }
    std::unordered_set<std::string> not_applied;
    if (!to_apply.empty() && !app_.ReceiveSynced(to_apply)) {
        // One ticket that does not fit this board (an unknown status...) must not hold
        // back the others: apply them one by one and report the misfits.
        for (const Ticket& t : to_apply) {
            if (auto one = app_.ReceiveSynced({t}); !one) {
                status_.refused[t.id] = kNotApplied + one.error().Describe();
                not_applied.insert(t.id);
            }
        }
    }
    status_.received += to_apply.size() - not_applied.size();
    for (auto& [rev, server] : bases) {
        if (not_applied.count(server.id)) continue;  // fetched again next time
        if (auto kept = store_->Remember(rev, server); !kept) return kept;
    }
    for (const std::string& id : merged_ids)
        if (!not_applied.count(id))
            if (auto marked = store_->MarkMerged(id); !marked) return marked;
    return Ok{};
}

Status SyncEngine::ReceiveConfig(const RemoteDoc& doc) {
    const ConfigBase* base = store_->config_base();
    if (base && base->rev == doc.rev) return Ok{};
    // Removed on the server: ours goes back next push.
    if (doc.deleted || !doc.ticket.is_object()) return store_->RememberConfig(doc.rev, nullptr);
    auto parsed = ConfigFromJson(doc.ticket, "");
    if (!parsed) {
        status_.refused[kBoardSettings] = "the server's board settings are unreadable: " + parsed.error().Describe();
        return Ok{};
    }
    const json remote = ConfigToJson(parsed.value());
    const json local = ConfigToJson(app_.board().config());
    json merged = remote;
    // A board nobody configured here simply takes the team's settings.
    if (base || local != ConfigToJson(DefaultConfig())) {
        MergedConfig m = MergeConfig(base && base->config.is_object() ? &base->config : nullptr, local, remote);
        merged = std::move(m.config);
        if (!m.overridden.empty()) {
            std::string parts;
            for (const std::string& part : m.overridden) parts += (parts.empty() ? "" : ", ") + part;
            app_.AddNotice("Board settings were changed here and on another device at the same time: " + parts +
                           ". Where both edited an entry, the other device's version was kept.");
        }
    }
    if (merged != local) {
        if (auto applied = app_.ReceiveConfig(merged); !applied) {
            // The server's settings remove something tickets here still use, say.
            status_.refused[kBoardSettings] = kNotApplied + applied.error().Describe();
            config_refused_ = local;
            return Ok{};
        }
        config_changed_ = true;
    }
    status_.refused.erase(kBoardSettings);
    config_refused_.reset();
    return store_->RememberConfig(doc.rev, remote);
}

bool SyncEngine::ConfigNeedsPush() const {
    if (!adapter_ || !adapter_->KeepsConfig() || !store_) return false;
    if (!CanEditSettings(app_.identity().role)) return false;  // only a lead shapes the board
    const json local = ConfigToJson(app_.board().config());
    if (config_refused_ && *config_refused_ == local) return false;
    const ConfigBase* base = store_->config_base();
    return !base || base->config != local;
}

Status SyncEngine::ReceiveCompleteList(const std::vector<RemoteDoc>& docs) {
    if (auto received = Receive(docs); !received) return received;
    // A REST list is the whole collection: a synced ticket missing from it was deleted
    // on the server. Forgetting its base makes a locally edited one be sent as new.
    std::unordered_set<std::string> present;
    for (const RemoteDoc& doc : docs) present.insert(doc.id);
    std::vector<std::string> gone;
    for (const auto& [id, base] : store_->bases())
        if (!present.count(id)) gone.push_back(id);
    for (const std::string& id : gone) {
        const Ticket* local = app_.board().Find(id);
        if (local && !store_->NeedsPush(*local))
            if (auto deleted = app_.ReceiveDeletion(id); !deleted) return deleted;
        if (auto forgotten = store_->Forget(id); !forgotten) return forgotten;
    }
    return Ok{};
}

bool SyncEngine::Refused(const Ticket& ticket) const {
    auto it = refused_clocks_.find(ticket.id);
    return it != refused_clocks_.end() && it->second == ticket.clocks;
}

// The tickets to send this round, found once: a scan per batch would make a first upload
// of n tickets cost n²/batch checks. Edits made during the round go in the next one.
void SyncEngine::PlanPush() {
    outbox_.clear();
    for (const Ticket& t : app_.board().tickets())
        if (store_->NeedsPush(t) && !Refused(t)) outbox_.push_back(t.id);
}

void SyncEngine::Push() {
    std::vector<PushDoc> docs;
    auto versions = std::make_shared<std::map<std::string, Ticket>>();
    // The configuration leads, so a device pulling the batch knows a new status before
    // the tickets that use it.
    auto sent_config = std::make_shared<json>();
    if (ConfigNeedsPush()) {
        *sent_config = ConfigToJson(app_.board().config());
        const ConfigBase* base = store_->config_base();
        docs.push_back(PushDoc{kConfigDocId, base ? base->rev : "", false, *sent_config, true});
    }
    while (!outbox_.empty() && docs.size() < kPushBatch) {
        const std::string id = std::move(outbox_.front());
        outbox_.pop_front();
        const Ticket* t = app_.board().Find(id);
        if (!t || !store_->NeedsPush(*t) || Refused(*t) || versions->count(id)) continue;
        const SyncBase* base = store_->Find(id);
        docs.push_back(PushDoc{id, base ? base->rev : "", t->deleted, TicketToJson(*t), false});
        versions->emplace(id, *t);
    }
    if (docs.empty()) return FinishRound();
    unsigned generation = generation_;
    adapter_->Push(std::move(docs), [this, generation, versions, sent_config](Result<std::vector<PushResult>> results) {
        if (generation != generation_) return;
        if (!results) return Fail(results.error().message);
        std::vector<std::string> conflicts;
        std::size_t answered = 0;
        bool config_answered = sent_config->is_null();
        for (const PushResult& r : results.value()) {
            if (r.id == kConfigDocId && !sent_config->is_null()) {
                config_answered = true;
                if (r.kind == PushResult::Kind::Stored) {
                    if (auto kept = store_->RememberConfig(r.rev, *sent_config); !kept) return Fail(kept.error().message);
                    status_.refused.erase(kBoardSettings);
                } else if (r.kind == PushResult::Kind::Conflict) {
                    conflicts.push_back(r.id);
                } else {
                    status_.refused[kBoardSettings] = "the server refused them: " + r.reason;
                    config_refused_ = *sent_config;
                }
                continue;
            }
            auto sent = versions->find(r.id);
            if (sent == versions->end()) continue;
            ++answered;
            switch (r.kind) {
                case PushResult::Kind::Stored:
                    if (auto kept = store_->Remember(r.rev, sent->second); !kept) return Fail(kept.error().message);
                    status_.refused.erase(r.id);
                    refused_clocks_.erase(r.id);
                    ++status_.sent;
                    if (status_.pending > 0) --status_.pending;  // counted afresh when the board changes
                    break;
                case PushResult::Kind::Conflict:
                    conflicts.push_back(r.id);
                    outbox_.push_back(r.id);  // sent again once merged (Resolve)
                    break;
                case PushResult::Kind::Refused:
                    status_.refused[r.id] = "the server refused it: " + r.reason;
                    refused_clocks_[r.id] = sent->second.clocks;
                    // Kept here, not sent again until it changes: the user must hear of it.
                    app_.AddNotice("The server refused your change to \"" + sent->second.title + "\" (" + r.reason +
                                   "). It is kept on this device only.");
                    break;
            }
        }
        Persist();
        if (answered < versions->size() || !config_answered)
            return Fail("sending changes: the server did not answer for every ticket sent");
        if (!conflicts.empty()) {
            if (++conflict_rounds_ > kMaxConflictRounds)
                return Fail("ticket " + conflicts.front() + " keeps changing on the server while we merge; trying again later");
            return Resolve(std::move(conflicts));
        }
        Push();
    });
}

// Conflicts: fetch the server's versions one by one, merge them in, push again.
void SyncEngine::Resolve(std::vector<std::string> ids) {
    if (ids.empty()) return Push();
    std::string id = ids.back();
    ids.pop_back();
    unsigned generation = generation_;
    adapter_->Fetch(id, [this, generation, id, ids = std::move(ids)](Result<RemoteDoc> doc) mutable {
        if (generation != generation_) return;
        if (!doc) return Fail(doc.error().message);
        if (doc.value().rev.empty()) {
            // The server has no such document (any more): send ours as new.
            Status forgotten = id == kConfigDocId ? store_->RememberConfig("", nullptr) : store_->Forget(id);
            if (!forgotten) return Fail(forgotten.error().message);
        } else if (auto merged = Receive({doc.value()}); !merged) {
            return Fail(merged.error().message);
        }
        Persist();
        Resolve(std::move(ids));
    });
}

void SyncEngine::FinishRound() {
    status_.state = online_ ? SyncStatus::State::Idle : SyncStatus::State::Offline;
    status_.last_synced = env_.now();
    status_.last_error.clear();
    attempt_ = 0;
    counted_revision_ = ~0ull;
    CountPending();
    next_round_at_ = adapter_->CanWatch() ? 0 : env_.now() + settings_.interval_seconds * 1000;
    if (on_round_done) on_round_done();
    if (again_ || status_.pending > 0) {
        // Edits made during the round (or a SyncNow): another round, right away.
        again_ = false;
        next_round_at_ = env_.now();
        if (status_.pending > 0 && status_.pending == status_.refused.size()) next_round_at_ = 0;
    }
    if (adapter_->CanWatch() && online_) StartWatch();
}

void SyncEngine::StartWatch() {
    if (watching_ || !store_) return;
    watching_ = true;
    unsigned generation = generation_;
    adapter_->Watch(store_->checkpoint(), [this, generation](Result<FeedNews> news) {
        if (generation != generation_) return;
        watching_ = false;
        if (!news) {
            // The feed failed; a normal round will tell whether the server is gone.
            next_round_at_ = env_.now() + settings_.interval_seconds * 1000;
            return;
        }
        if (status_.state != SyncStatus::State::Idle) return;  // a round restarts the watch when it ends
        if (news.value().revs.empty()) return StartWatch();      // timed out quietly: keep listening
        if (OnlyOwnChanges(news.value())) {
            // Our own pushes coming back: nothing to pull, move past them.
            if (auto saved = store_->SetCheckpoint(news.value().checkpoint); !saved) return Fail(saved.error().message);
            Persist();
            return StartWatch();
        }
        SyncNow();
    });
}

bool SyncEngine::OnlyOwnChanges(const FeedNews& news) const {
    if (!news.complete) return false;
    for (const auto& [id, rev] : news.revs) {
        const SyncBase* base = store_->Find(id);
        if (!base || base->rev != rev) return false;
    }
    return true;
}

void SyncEngine::Fail(const std::string& why) {
    ++attempt_;
    Millis delay = kFirstRetry;
    for (int i = 1; i < attempt_ && delay < kLongestRetry; ++i) delay *= 2;
    delay = std::min(delay, kLongestRetry);
    delay = static_cast<Millis>(delay * (0.5 + env_.random()));
    status_.last_error = why;
    status_.retry_at = env_.now() + delay;
    status_.state = online_ ? SyncStatus::State::Waiting : SyncStatus::State::Offline;
    again_ = false;
    counted_revision_ = ~0ull;
    CountPending();
    if (on_round_done) on_round_done();
}

void SyncEngine::Persist() {
    if (env_.data_changed) env_.data_changed();
}

void SyncEngine::CountPending() {
    if (!store_ || counted_revision_ == app_.revision()) return;
    counted_revision_ = app_.revision();
    std::size_t pending = 0;
    for (const Ticket& t : app_.board().tickets())
        if (store_->NeedsPush(t)) ++pending;
    if (ConfigNeedsPush()) ++pending;
    status_.pending = pending;
}

}  // namespace tackboard
