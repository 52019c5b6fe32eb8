#include <doctest/doctest.h>

#include "core/roles.hpp"

using namespace tackboard;

TEST_CASE("roles read back, and unknown roles are refused") {
    for (Role role : {Role::Requester, Role::Agent, Role::Lead}) CHECK(ParseRole(ToString(role)) == role);
    CHECK_FALSE(ParseRole("admin"));
    CHECK_FALSE(ParseRole(""));

    Identity alice{"alice", Role::Requester, true};
    auto back = IdentityFromJson(ToJson(alice));
    REQUIRE(back);
    CHECK(back->name == "alice");
    CHECK(back->role == Role::Requester);
    CHECK(back->from_server);
    CHECK_FALSE(IdentityFromJson({{"name", "x"}, {"role", "boss"}}));
    CHECK_FALSE(IdentityFromJson("lead"));
    auto plain = IdentityFromJson(nlohmann::json::object());
    REQUIRE(plain);
    CHECK(plain->role == Role::Lead);
}

TEST_CASE("CouchDB roles map to the most powerful role present") {
    CHECK(RoleFromCouchRoles({"_admin"}) == Role::Lead);
    CHECK(RoleFromCouchRoles({"requester", "lead"}) == Role::Lead);
    CHECK(RoleFromCouchRoles({"requester", "agent"}) == Role::Agent);
    CHECK(RoleFromCouchRoles({"requester"}) == Role::Requester);
    CHECK(RoleFromCouchRoles({}) == Role::Agent);
    CHECK(CanEditSettings(Role::Lead));
    CHECK_FALSE(CanEditSettings(Role::Agent));
    CHECK_FALSE(CanWorkTickets(Role::Requester));
}

TEST_CASE("a person's name: something printable and not too long") {
    CHECK_FALSE(IdentityNameProblem("alice@example.org"));
    CHECK_FALSE(IdentityNameProblem("李华"));
    CHECK(IdentityNameProblem("") == "enter your name or e-mail address");
    CHECK(IdentityNameProblem("   ") == "enter your name or e-mail address");
    CHECK(IdentityNameProblem(std::string(121, 'a')) == "a name can be at most 120 characters long");
    CHECK(IdentityNameProblem("alice\nbob") == "a name cannot hold line breaks or control characters");
}
