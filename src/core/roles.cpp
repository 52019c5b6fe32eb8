// roles.cpp — see roles.hpp.
#include "core/roles.hpp"

#include <algorithm>

namespace tackboard {

const char* ToString(Role role) {
    switch (role) {
        case Role::Requester: return "requester";
        case Role::Agent: return "agent";
        case Role::Lead: return "lead";
    }
    return "agent";
}

std::optional<Role> ParseRole(const std::string& text) {
    for (Role role : {Role::Requester, Role::Agent, Role::Lead})
        if (text == ToString(role)) return role;
    return std::nullopt;
}

Role RoleFromCouchRoles(const std::vector<std::string>& roles) {
    auto has = [&](const char* name) { return std::find(roles.begin(), roles.end(), name) != roles.end(); };
    if (has("lead") || has("_admin")) return Role::Lead;
    if (has("agent")) return Role::Agent;
    if (has("requester")) return Role::Requester;
    return Role::Agent;
}

std::optional<std::string> IdentityNameProblem(const std::string& name) {
    if (name.find_first_not_of(" \t") == std::string::npos) return "enter your name or e-mail address";
    if (name.size() > 120) return "a name can be at most 120 characters long";
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f) return "a name cannot hold line breaks or control characters";
    return std::nullopt;
}

nlohmann::json ToJson(const Identity& identity) {
    return {{"name", identity.name}, {"role", ToString(identity.role)}, {"from_server", identity.from_server}};
}

std::optional<Identity> IdentityFromJson(const nlohmann::json& value) {
    if (!value.is_object()) return std::nullopt;
    Identity out;
    if (auto it = value.find("name"); it != value.end() && it->is_string()) out.name = it->get<std::string>();
    if (auto it = value.find("role"); it != value.end()) {
        if (!it->is_string()) return std::nullopt;
        auto role = ParseRole(it->get<std::string>());
        if (!role) return std::nullopt;
        out.role = *role;
    }
    if (auto it = value.find("from_server"); it != value.end() && it->is_boolean()) out.from_server = it->get<bool>();
    return out;
}

}  // namespace tackboard
