// adapter.hpp — what the sync engine needs from a server, whatever its protocol.
//
// The engine (sync_engine.hpp) decides what to pull, merge and push; an adapter turns
// that into the requests of one protocol — CouchDB (couch_adapter.hpp) or a plain REST
// collection (rest_adapter.hpp) — and the answers back into documents. Documents carry
// tickets as core/ticket_json writes them; `rev` is the server's opaque version of a
// document (a CouchDB _rev, a REST ETag or version number), passed back untouched.
//
// Every call is asynchronous and calls back exactly once. Failures come back as an Error
// whose message is meant for the user ("401: the server refused the token").
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "core/roles.hpp"

namespace tackboard {

// The document holding the board's configuration, on servers that keep one.
inline constexpr const char* kConfigDocId = "tackboard-config";

struct RemoteDoc {
    std::string id;
    std::string rev;
    bool deleted = false;     // a tombstone: the ticket was deleted on the server
    nlohmann::json ticket;    // the ticket; null for a tombstone that kept no body
    bool config = false;      // not a ticket: `ticket` holds the board's configuration
};

struct PullPage {
    std::vector<RemoteDoc> docs;
    std::string checkpoint;  // where the next pull starts
    bool more = false;       // pull again at once: this page was not the last
    // The page holds every document on the server (a REST list), so a document the
    // client synced before and that is missing here was deleted there.
    bool complete = false;
};

// What a long poll on the change feed saw after the checkpoint.
struct FeedNews {
    std::vector<std::pair<std::string, std::string>> revs;  // (id, rev) of each change
    std::string checkpoint;  // after those changes
    bool complete = false;   // `revs` lists every change up to `checkpoint`
};

struct PushDoc {
    std::string id;
    std::string base_rev;  // the version this edit starts from; empty for a new document
    bool deleted = false;
    nlohmann::json ticket;
    bool config = false;  // `ticket` is the board's configuration (id kConfigDocId)
};

struct PushResult {
    enum class Kind { Stored, Conflict, Refused };
    std::string id;
    Kind kind = Kind::Refused;
    std::string rev;     // Stored: the new version
    std::string reason;  // Refused: why, in plain words
};

struct ServerInfo {
    std::size_t tickets = 0;
    std::string summary;  // "CouchDB 3.3.3, database tackboard"
};

class SyncAdapter {
public:
    virtual ~SyncAdapter() = default;

    // Reaches the server and counts its tickets: the "Test connection" button.
    virtual void Probe(std::function<void(Result<ServerInfo>)> done) = 0;
    // Documents changed after `checkpoint` (empty: from the beginning).
    virtual void Pull(const std::string& checkpoint, std::function<void(Result<PullPage>)> done) = 0;
    // Waits (a long poll) until the server has changes after `checkpoint`, or a timeout
    // (no revs). Adapters without a change feed answer at once with nothing, and the
    // engine falls back to polling.
    virtual bool CanWatch() const { return false; }
    virtual void Watch(const std::string& checkpoint, std::function<void(Result<FeedNews>)> done) {
        (void)checkpoint;
        done(FeedNews{});
    }
    // Stores documents; one result per document, in any order.
    virtual void Push(std::vector<PushDoc> docs, std::function<void(Result<std::vector<PushResult>>)> done) = 0;
    // The current version of one document, after a push met a conflict. A document the
    // server does not have comes back as a RemoteDoc with an empty rev.
    virtual void Fetch(const std::string& id, std::function<void(Result<RemoteDoc>)> done) = 0;
    // Who the server says the token belongs to, and in which role (serve.py --users,
    // CouchDB's _session). nullopt: the server keeps no users or roles (no such route, or
    // it names nobody), so the identity chosen on this device stands.
    virtual void WhoAmI(std::function<void(Result<std::optional<Identity>>)> done) { done(std::optional<Identity>{}); }
    // Whether the server keeps the board's configuration as a document (kConfigDocId)
    // next to the tickets; a REST collection of tickets has no place for it.
    virtual bool KeepsConfig() const { return false; }
    // Shown beside the sync status, e.g. when the server cannot detect concurrent edits.
    virtual std::string Warning() const { return {}; }
};

}  // namespace tackboard
