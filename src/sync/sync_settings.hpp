// sync_settings.hpp — which server a board syncs with, and how to talk to it.
//
// Kept on this device only (data/<board>/sync/settings.json): never in the board's
// journal, its exports or the documents sent to the server, because the token is a
// secret and another device may use another server. Also the small HTTP helpers every
// adapter shares: the Authorization header and failures said in plain words.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "sync/adapter.hpp"
#include "sync/transport.hpp"

namespace tackboard {

struct SyncSettings {
    enum class Kind { Off, CouchDb, Rest };
    // How a REST server detects that an edit starts from an old version.
    enum class Concurrency {
        ETag,     // ETag on reads, If-Match on writes, 412 when stale
        Version,  // a number in each item, sent back on writes, 409/412 when stale
        None,     // nothing: last writer wins per field, and the UI warns about it
    };

    Kind kind = Kind::Off;
    std::string url;    // CouchDB: the database ("https://couch.example.org/helpdesk"); REST: the base URL
    std::string token;  // bearer token, or "user:password" for basic auth; empty: none
    // REST only.
    std::string collection = "/tickets";  // path of the collection under url
    std::string id_field = "id";
    Concurrency concurrency = Concurrency::ETag;
    std::string version_field = "version";
    int interval_seconds = 30;  // how often to look for changes when the server has no change feed

    bool enabled() const { return kind != Kind::Off && !url.empty(); }
    // Another server (or another database on it): what was synced before means nothing there.
    bool SameServer(const SyncSettings& other) const;
};

nlohmann::json SyncSettingsToJson(const SyncSettings& settings);
Result<SyncSettings> SyncSettingsFromJson(const nlohmann::json& value);
const char* ToString(SyncSettings::Kind kind);
const char* ToString(SyncSettings::Concurrency concurrency);

// The adapter for the settings' kind; null when sync is off.
std::unique_ptr<SyncAdapter> MakeAdapter(const SyncSettings& settings, Transport& transport);

// "Bearer <token>", or "Basic <base64>" when the token is "user:password"; empty without a token.
std::string AuthorizationHeader(const std::string& token);
// Joins a base URL and a path with exactly one slash between them.
std::string JoinUrl(const std::string& base, const std::string& path);
// Percent-encodes a document id or a query value.
std::string UrlEncode(const std::string& text);

// Why a request failed, for the user: "401: the server refused the token", "no answer
// from the server (offline, wrong address, or CORS refused — …)", "500: <server's reason>".
// `what` names the request ("pulling changes").
std::string DescribeFailure(const HttpResponse& response, const std::string& what);
// The body as JSON, or an Error saying the server sent something else (an HTML error
// page, a truncated answer).
Result<nlohmann::json> ParseBody(const HttpResponse& response, const std::string& what);

}  // namespace tackboard
