// roles.hpp — who the person at this device is on the board: a requester (submits and
// follows their own requests), an agent (works tickets) or a lead (also shapes the
// board: settings and rules).
//
//   Identity me = app.identity();
//   if (!CanEditSettings(me.role)) { /* settings shown read-only, with WhyReadOnly */ }
//
// On a local board the role is a convenience chosen on this device (the UI says so).
// When a sync server names the user (serve.py --users, or CouchDB's _session roles) the
// server's answer wins and the server enforces it; `from_server` tells which.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tackboard {

enum class Role { Requester, Agent, Lead };

struct Identity {
    std::string name;  // empty: nobody named yet ("me" in history)
    Role role = Role::Lead;  // a local board's owner may do everything
    bool from_server = false;
};

const char* ToString(Role role);  // "requester", "agent", "lead"
std::optional<Role> ParseRole(const std::string& text);
// The role a CouchDB userCtx.roles list grants: "lead" or "_admin" → lead, "agent" →
// agent, "requester" → requester (the most powerful present wins); none of them → agent.
Role RoleFromCouchRoles(const std::vector<std::string>& roles);

inline bool CanEditSettings(Role role) { return role == Role::Lead; }
inline bool CanWorkTickets(Role role) { return role != Role::Requester; }

// Why `name` cannot name a person on this device (empty, over 120 bytes, control
// characters), in plain words; nullopt when it can. Leading and trailing spaces are the
// caller's to trim.
std::optional<std::string> IdentityNameProblem(const std::string& name);

nlohmann::json ToJson(const Identity& identity);
// Missing members take their defaults; an unknown role is refused (nullopt).
std::optional<Identity> IdentityFromJson(const nlohmann::json& value);

}  // namespace tackboard
