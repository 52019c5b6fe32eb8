#include <doctest/doctest.h>

#include "core/canned.hpp"
#include "core/helpdesk_settings.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {

json OneResponse(json body) {
    return {{"responses", {{{"id", "hi"}, {"name", "Hi"}, {"bodies", {{"en", std::move(body)}}}}}}};
}

Ticket SampleTicket() {
    Ticket t;
    t.id = "01HZZZZZZZZZZZZZZZZZABCDE";
    t.title = "Printer jams";
    t.requester = "Ana";
    t.status = "new";
    return t;
}

}  // namespace

TEST_CASE("canned responses round-trip through JSON") {
    CannedSettings defaults = DefaultCannedSettings();
    Result<CannedSettings> read = ParseCannedSettings(ToJson(defaults));
    REQUIRE(read.ok());
    REQUIRE(read.value().responses.size() == defaults.responses.size());
    CHECK(read.value().responses[1].name == defaults.responses[1].name);
    CHECK(read.value().responses[1].bodies == defaults.responses[1].bodies);
}

TEST_CASE("canned responses that do not read are refused with the offending path") {
    auto refused = [](const json& value) {
        Result<CannedSettings> read = ParseCannedSettings(value);
        REQUIRE_FALSE(read.ok());
        return read.error();
    };
    CHECK(refused(json::array()).message.find("object") != std::string::npos);
    CHECK(refused(json::object()).path == "/responses");

    Error no_name = refused({{"responses", {{{"id", "a"}, {"bodies", {{"en", "x"}}}}}}});
    CHECK(no_name.path == "/responses/0/name");

    Error no_body = refused({{"responses", {{{"id", "a"}, {"name", "A"}, {"bodies", json::object()}}}}});
    CHECK(no_body.path == "/responses/0/bodies");
    CHECK(no_body.message.find("no body") != std::string::npos);

    Error typo = refused(OneResponse("Dear {ticket.titel}"));
    CHECK(typo.path == "/responses/0/bodies/en");
    CHECK(typo.message.find("{ticket.titel}") != std::string::npos);
    CHECK(typo.message.find("{ticket.title}") != std::string::npos);  // the known ones are listed
    CHECK(typo.message.find("{requester}") != std::string::npos);

    CHECK(refused(OneResponse("Dear {requester")).message.find("unbalanced") != std::string::npos);
    CHECK(refused(OneResponse("Dear requester}")).message.find("unbalanced") != std::string::npos);
    CHECK(refused(OneResponse("Dear {req{uester}")).message.find("unbalanced") != std::string::npos);

    json twice = {{"responses",
                   {{{"id", "a"}, {"name", "A"}, {"bodies", {{"en", "x"}}}}, {{"id", "a"}, {"name", "B"}, {"bodies", {{"en", "y"}}}}}}};
    Error duplicate = refused(twice);
    CHECK(duplicate.path == "/responses/1/id");
    CHECK(duplicate.message.find("duplicate") != std::string::npos);
}

TEST_CASE("doubled braces are literal braces") {
    Result<CannedSettings> read = ParseCannedSettings(OneResponse("use {{json}} as {requester}"));
    REQUIRE(read.ok());
    CHECK(Expand(read.value().responses[0], "en", SampleTicket(), DefaultConfig(), "me", "#ABCDE") == "use {json} as Ana");
}

TEST_CASE("every placeholder expands, in each language, with fallback to English then the first body") {
    CannedResponse r{"all", "All", {}};
    const std::string all = "{requester}|{ticket.id}|{ticket.title}|{agent}|{status}";
    for (const char* code : {"en", "fr", "sv", "zh"}) r.bodies[code] = std::string(code) + ":" + all;
    const Ticket t = SampleTicket();
    const BoardConfig config = DefaultConfig();
    for (const char* code : {"en", "fr", "sv", "zh"})
        CHECK(Expand(r, code, t, config, "Bo", "#ABCDE") == std::string(code) + ":Ana|#ABCDE|Printer jams|Bo|New");

    r.bodies.erase("sv");
    CHECK(Expand(r, "sv", t, config, "Bo", "#ABCDE").rfind("en:", 0) == 0);
    r.bodies.erase("en");
    CHECK(Expand(r, "sv", t, config, "Bo", "#ABCDE").rfind("fr:", 0) == 0);  // the first left
    CHECK(Expand(CannedResponse{}, "en", t, config, "Bo", "#ABCDE").empty());
}

TEST_CASE("missing values expand to nothing, never to the raw placeholder") {
    CannedResponse r{"all", "All", {{"en", "[{requester}][{ticket.id}][{ticket.title}][{agent}][{status}][{nope}]"}}};
    Ticket bare;
    CHECK(Expand(r, "en", bare, DefaultConfig(), "", "") == "[][][][][][]");
    bare.status = "gone";  // a status the configuration no longer has: its id
    CHECK(Expand(r, "en", bare, DefaultConfig(), "", "").find("[gone]") != std::string::npos);
}

TEST_CASE("the default responses are complete in four languages and use only known placeholders") {
    CannedSettings defaults = DefaultCannedSettings();
    CHECK(defaults.responses.size() >= 3);
    CHECK(ParseCannedSettings(ToJson(defaults)).ok());
    for (const CannedResponse& r : defaults.responses) {
        CHECK_FALSE(r.id.empty());
        CHECK_FALSE(r.name.empty());
        for (const char* code : {"en", "fr", "sv", "zh"}) {
            auto it = r.bodies.find(code);
            REQUIRE_MESSAGE(it != r.bodies.end(), r.id << " lacks " << code);
            std::string text = Expand(r, code, SampleTicket(), DefaultConfig(), "Bo", "#ABCDE");
            CHECK(text.find('{') == std::string::npos);
            CHECK(text.find("Ana") != std::string::npos);
        }
    }
}

TEST_CASE("the board configuration's \"canned\" member is read, else the defaults, with the problem") {
    BoardConfig config = DefaultConfig();
    LoadedHelpdeskSettings absent = HelpdeskSettingsOf(config);
    CHECK(absent.problems.empty());
    CHECK(absent.settings.canned.responses.size() == DefaultCannedSettings().responses.size());

    config.extra["canned"] = OneResponse("Hi {requester}");
    LoadedHelpdeskSettings read = HelpdeskSettingsOf(config);
    CHECK(read.problems.empty());
    REQUIRE(read.settings.canned.responses.size() == 1);
    CHECK(read.settings.canned.responses[0].id == "hi");

    config.extra["canned"] = OneResponse("Hi {ticket.titel}");
    LoadedHelpdeskSettings bad = HelpdeskSettingsOf(config);
    REQUIRE(bad.problems.size() == 1);
    CHECK(bad.problems[0].path == "/config/canned/responses/0/bodies/en");
    CHECK(bad.settings.canned.responses.size() == DefaultCannedSettings().responses.size());
}
