// couch_adapter.hpp — sync with anything speaking the CouchDB replication protocol
// subset: CouchDB 3.x (and Cloudant), pouchdb-server, serve.py's /couch/ routes.
//
// One document per ticket: {"_id": ticket id, "_rev", "kind": "ticket", ...the ticket as
// core/ticket_json writes it}, and one for the board's configuration: {"_id":
// "tackboard-config", "kind": "config", "config": {...}}. Documents of any other kind
// (other applications sharing the database, design documents) are left alone. Deleted tickets are pushed as
// "_deleted": true tombstones that keep their body, so a delete is still restorable on
// every device. Pull: GET _changes?since=&include_docs=true&limit=; push: POST
// _bulk_docs; a stale _rev comes back as a per-document conflict (409 semantics).
// The database is created on first use when the server lets us (PUT /db). Who the token
// belongs to is the server's _session (beside the database: its URL's parent).
#pragma once

#include "sync/adapter.hpp"
#include "sync/sync_settings.hpp"
#include "sync/transport.hpp"

namespace tackboard {

class CouchAdapter : public SyncAdapter {
public:
    static constexpr int kPageSize = 500;
    static constexpr int kWatchSeconds = 25;

    CouchAdapter(SyncSettings settings, Transport& transport) : settings_(std::move(settings)), transport_(transport) {}

    void Probe(std::function<void(Result<ServerInfo>)> done) override;
    void Pull(const std::string& checkpoint, std::function<void(Result<PullPage>)> done) override;
    bool CanWatch() const override { return true; }
    bool KeepsConfig() const override { return true; }
    void Watch(const std::string& checkpoint, std::function<void(Result<FeedNews>)> done) override;
    void Push(std::vector<PushDoc> docs, std::function<void(Result<std::vector<PushResult>>)> done) override;
    void Fetch(const std::string& id, std::function<void(Result<RemoteDoc>)> done) override;
    // GET <server>/_session: userCtx.name and its roles (RoleFromCouchRoles).
    void WhoAmI(std::function<void(Result<std::optional<Identity>>)> done) override;

private:
    HttpRequest Request(std::string method, const std::string& path) const;
    // Creates the database when it is missing, then runs `next`.
    void EnsureDatabase(std::function<void(Status)> next);

    SyncSettings settings_;
    Transport& transport_;
    bool database_checked_ = false;
};

// Turns one CouchDB document into a RemoteDoc; false for documents that are not tickets.
bool RemoteDocFromCouch(const nlohmann::json& doc, RemoteDoc& out);
// The server's _session address for a database address: "https://h/couch/db" gives
// "https://h/couch/_session".
std::string SessionUrl(const std::string& database_url);
// A _session answer as an identity; nullopt when it names nobody (an admin party, or a
// server that keeps no users); an Error when it is not a _session answer at all.
Result<std::optional<Identity>> IdentityFromSession(const nlohmann::json& answer);

}  // namespace tackboard
