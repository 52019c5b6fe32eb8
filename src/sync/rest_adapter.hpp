// rest_adapter.hpp — sync with a plain REST collection: json-server, serve.py's
// /api/tickets, or any server with `GET/POST /tickets` and `GET/PUT /tickets/{id}`.
//
// One item per ticket, the ticket as core/ticket_json writes it, its id under the
// settings' id_field. How a stale edit is caught depends on the server (settings'
// concurrency):
//   - ETag:    the rev is the item's ETag (serve.py: `"<version>"`, also the item's
//              version field in lists); writes send `If-Match: "<rev>"`, 412 = conflict.
//   - Version: the rev is the item's version field; writes send it back in the body and
//              the server answers 409 (or 412) when it moved on.
//   - None:    nothing is checked; the rev is a hash of the item as the server holds it,
//              so the engine still notices changes. Concurrent edits cannot be caught:
//              the last writer wins per field, and Warning() says so.
//
// Supported:
//   - Pull lists the whole collection every time (PullPage::complete, so the engine sees
//     items deleted on the server). `?since=` is not used: generic servers (json-server)
//     take unknown query parameters as filters and would answer an empty list.
//   - Push: POST for new tickets, PUT for known ones, at most kMaxInFlight at once. Our
//     deletes are soft: a deleted ticket is PUT with "deleted": true, never HTTP DELETEd.
//   - Conflicts: 409, 412, 428 (serve.py: If-Match missing), and 404 on a PUT (the item
//     is gone: the engine fetches, finds nothing and sends ours as new). A POST that
//     fails with 5xx is checked with a GET: json-server answers 500 to a duplicate id,
//     which happens when the answer to an earlier POST was lost.
//   - Garbage (an HTML page, truncated JSON, wrong types) is an Error in plain words.
// Not supported: paged collections (`_page`, Link headers), PATCH, collections wrapped
// in an object ({"items": [...]}).
#pragma once

#include <memory>
#include <string>

#include "sync/adapter.hpp"
#include "sync/sync_settings.hpp"
#include "sync/transport.hpp"

namespace tackboard {

class RestAdapter : public SyncAdapter {
public:
    static constexpr int kMaxInFlight = 6;

    RestAdapter(SyncSettings settings, Transport& transport) : settings_(std::move(settings)), transport_(transport) {}

    void Probe(std::function<void(Result<ServerInfo>)> done) override;
    void Pull(const std::string& checkpoint, std::function<void(Result<PullPage>)> done) override;
    void Push(std::vector<PushDoc> docs, std::function<void(Result<std::vector<PushResult>>)> done) override;
    void Fetch(const std::string& id, std::function<void(Result<RemoteDoc>)> done) override;
    std::string Warning() const override;
    // GET <url>/me: {"name", "role"} (serve.py --users); 404: a server without roles.
    void WhoAmI(std::function<void(Result<std::optional<Identity>>)> done) override;

private:
    struct PushRun;
    // `path` under the collection ("" for the collection itself).
    HttpRequest Request(std::string method, const std::string& path) const;
    // The whole collection, as RemoteDocs of the items that are tickets.
    void List(const std::string& what, std::function<void(Result<std::vector<RemoteDoc>>)> done);
    // Sends as many of the run's documents as may be in flight, and calls back when all are done.
    void Advance(const std::shared_ptr<PushRun>& run);
    // One document: its result, or an Error when the push as a whole must be retried later.
    void PushOne(PushDoc doc, std::function<void(Result<PushResult>)> done);
    // After a failed POST: does the item exist now? Then it is a conflict.
    void CheckCreated(const std::string& id, const HttpResponse& failed, std::function<void(Result<PushResult>)> done);
    // One item → RemoteDoc; false for items that are not tickets. `etag`: the ETag header
    // of a single-item answer (empty for lists).
    bool FromItem(const nlohmann::json& item, const std::string& etag, RemoteDoc& out) const;
    nlohmann::json ToItem(const PushDoc& doc) const;
    // The rev of a write's answer (ETag header, returned item or hash of what was sent).
    Result<std::string> StoredRev(const HttpResponse& response, const nlohmann::json& sent, const std::string& what) const;

    SyncSettings settings_;
    Transport& transport_;
};

// The rev of a server without versions: a hash of the item's canonical JSON ("h-" + 16 hex).
std::string ContentRev(const nlohmann::json& item);
// The opaque tag of an ETag header value: `W/"abc"` and `"abc"` give `abc`.
std::string EtagValue(const std::string& header);
// A /me answer as an identity; nullopt when it names nobody (a server without users).
Result<std::optional<Identity>> IdentityFromMe(const nlohmann::json& answer);

}  // namespace tackboard
