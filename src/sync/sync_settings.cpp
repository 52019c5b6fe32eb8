#include "sync/sync_settings.hpp"

#include <cctype>
#include <string_view>

#include "sync/couch_adapter.hpp"
#include "sync/rest_adapter.hpp"

namespace tackboard {

using nlohmann::json;

namespace {

struct KindName {
    SyncSettings::Kind kind;
    const char* name;
};
constexpr KindName kKinds[] = {
    {SyncSettings::Kind::Off, "off"}, {SyncSettings::Kind::CouchDb, "couchdb"}, {SyncSettings::Kind::Rest, "rest"}};

struct ConcurrencyName {
    SyncSettings::Concurrency concurrency;
    const char* name;
};
constexpr ConcurrencyName kConcurrencies[] = {{SyncSettings::Concurrency::ETag, "etag"},
                                              {SyncSettings::Concurrency::Version, "version"},
                                              {SyncSettings::Concurrency::None, "none"}};

std::string Base64(const std::string& bytes) {
    static const char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        unsigned n = (unsigned char)bytes[i] << 16 | (unsigned char)bytes[i + 1] << 8 | (unsigned char)bytes[i + 2];
        out += {kDigits[n >> 18], kDigits[(n >> 12) & 63], kDigits[(n >> 6) & 63], kDigits[n & 63]};
    }
    if (i + 1 == bytes.size()) {
        unsigned n = (unsigned char)bytes[i] << 16;
        out += {kDigits[n >> 18], kDigits[(n >> 12) & 63], '=', '='};
    } else if (i + 2 == bytes.size()) {
        unsigned n = (unsigned char)bytes[i] << 16 | (unsigned char)bytes[i + 1] << 8;
        out += {kDigits[n >> 18], kDigits[(n >> 12) & 63], kDigits[(n >> 6) & 63], '='};
    }
    return out;
}

// The server's own reason, when its error body has one (CouchDB: {"error","reason"});
// `with_code`: a bare error code ("unauthorized") too, when it gives nothing better.
std::string ServerReason(const std::string& body, bool with_code = true) {
    json parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) return {};
    for (const char* key : {"reason", "message", "error"}) {
        if (!with_code && std::string_view(key) == "error") break;
        if (auto it = parsed.find(key); it != parsed.end() && it->is_string() && !it->get<std::string>().empty())
            return it->get<std::string>();
    }
    return {};
}

}  // namespace

bool SyncSettings::SameServer(const SyncSettings& other) const {
    return kind == other.kind && url == other.url && collection == other.collection && id_field == other.id_field;
}

const char* ToString(SyncSettings::Kind kind) {
    for (const auto& k : kKinds)
        if (k.kind == kind) return k.name;
    return "off";
}

const char* ToString(SyncSettings::Concurrency concurrency) {
    for (const auto& c : kConcurrencies)
        if (c.concurrency == concurrency) return c.name;
    return "etag";
}

json SyncSettingsToJson(const SyncSettings& s) {
    return json{{"kind", ToString(s.kind)},       {"url", s.url},
                {"token", s.token},               {"collection", s.collection},
                {"id_field", s.id_field},         {"concurrency", ToString(s.concurrency)},
                {"version_field", s.version_field}, {"interval_seconds", s.interval_seconds}};
}

Result<SyncSettings> SyncSettingsFromJson(const json& value) {
    if (!value.is_object()) return Error{"sync settings must be a JSON object"};
    SyncSettings s;
    auto text = [&](const char* key, std::string& out) -> Status {
        auto it = value.find(key);
        if (it == value.end()) return Ok{};
        if (!it->is_string()) return Error{"must be text", std::string("/") + key};
        out = it->get<std::string>();
        return Ok{};
    };
    std::string kind = "off", concurrency = "etag";
    for (auto [key, out] : {std::pair{"kind", &kind}, {"url", &s.url}, {"token", &s.token},
                            {"collection", &s.collection}, {"id_field", &s.id_field},
                            {"concurrency", &concurrency}, {"version_field", &s.version_field}})
        if (auto done = text(key, *out); !done) return done.error();
    bool known = false;
    for (const auto& k : kKinds)
        if (kind == k.name) s.kind = k.kind, known = true;
    if (!known) return Error{"unknown server kind \"" + kind + "\" (couchdb, rest or off)", "/kind"};
    known = false;
    for (const auto& c : kConcurrencies)
        if (concurrency == c.name) s.concurrency = c.concurrency, known = true;
    if (!known) return Error{"unknown concurrency \"" + concurrency + "\" (etag, version or none)", "/concurrency"};
    if (auto it = value.find("interval_seconds"); it != value.end()) {
        if (!it->is_number_integer() || *it < 5 || *it > 86400)
            return Error{"must be a whole number of seconds from 5 to 86400", "/interval_seconds"};
        s.interval_seconds = it->get<int>();
    }
    if (s.kind != SyncSettings::Kind::Off) {
        if (s.url.rfind("http://", 0) != 0 && s.url.rfind("https://", 0) != 0)
            return Error{"the server address must start with http:// or https://", "/url"};
        if (s.id_field.empty()) return Error{"the id field cannot be empty", "/id_field"};
    }
    return s;
}

std::unique_ptr<SyncAdapter> MakeAdapter(const SyncSettings& settings, Transport& transport) {
    if (!settings.enabled()) return nullptr;
    if (settings.kind == SyncSettings::Kind::CouchDb) return std::make_unique<CouchAdapter>(settings, transport);
    return std::make_unique<RestAdapter>(settings, transport);
}

std::string AuthorizationHeader(const std::string& token) {
    if (token.empty()) return {};
    if (token.find(':') != std::string::npos) return "Basic " + Base64(token);
    return "Bearer " + token;
}

std::string JoinUrl(const std::string& base, const std::string& path) {
    if (path.empty()) return base;
    bool base_slash = !base.empty() && base.back() == '/';
    bool path_slash = path.front() == '/';
    if (base_slash && path_slash) return base + path.substr(1);
    if (!base_slash && !path_slash) return base + "/" + path;
    return base + path;
}

std::string UrlEncode(const std::string& text) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string DescribeFailure(const HttpResponse& response, const std::string& what) {
    const std::string prefix = what.empty() ? "" : what + ": ";
    if (response.status == 0)
        return prefix +
               "no answer from the server (offline, a wrong address, or CORS refused — the server must allow this "
               "origin and the If-Match/Authorization headers)" +
               (response.failure.empty() ? "" : " [" + response.failure + "]");
    std::string reason = ServerReason(response.body);
    std::string code = std::to_string(response.status) + ": ";
    switch (response.status) {
        case 401: {
            // "this token is not known to this server": says which of the two it is.
            std::string why = ServerReason(response.body, false);
            return prefix + code + "the server refused the token (or needs one)" + (why.empty() ? "" : " — " + why);
        }
        case 403: return prefix + code + "the token is not allowed to do this" + (reason.empty() ? "" : " — " + reason);
        case 404: return prefix + code + "not found — check the address" + (reason.empty() ? "" : " (" + reason + ")");
        case 413: return prefix + code + "the server refused a request this large";
        default: break;
    }
    if (!reason.empty()) return prefix + code + reason;
    return prefix + code + (response.status >= 500 ? "the server failed" : "the server refused the request");
}

Result<json> ParseBody(const HttpResponse& response, const std::string& what) {
    json parsed = json::parse(response.body, nullptr, false);
    if (parsed.is_discarded()) {
        std::string start = response.body.substr(0, 40);
        for (char& c : start)
            if (c == '\n' || c == '\r') c = ' ';
        bool html = start.find('<') != std::string::npos;
        return Error{what + ": the server answered " + (html ? "with a web page" : "with something") +
                     " that is not JSON" + (response.body.empty() ? " (an empty body)" : " (\"" + start + "…\")")};
    }
    return parsed;
}

std::string HttpResponse::Header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
        if (key.size() != name.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < key.size() && same; ++i)
            same = std::tolower((unsigned char)key[i]) == std::tolower((unsigned char)name[i]);
        if (same) return value;
    }
    return {};
}

}  // namespace tackboard
