// canned.cpp — canned responses (canned.hpp).
//
// [SECTION] Placeholders: one walk over a body, used to check it and to expand it
// [SECTION] JSON
// [SECTION] Defaults
// [SECTION] Expansion
#include "core/canned.hpp"

#include <algorithm>
#include <functional>
#include <set>

namespace tackboard {

namespace {

using nlohmann::json;


// ---------------------------------------------------------------------------------
// [SECTION] Placeholders
// ---------------------------------------------------------------------------------

bool IsKnownPlaceholder(std::string_view name) {
    return std::any_of(std::begin(kCannedPlaceholders), std::end(kCannedPlaceholders),
                       [&](const char* known) { return name == known; });
}

std::string KnownPlaceholders() {
    std::string out;
    for (const char* known : kCannedPlaceholders) out += (out.empty() ? "{" : ", {") + std::string(known) + "}";
    return out;
}

// Walks `body`, handing literal text to `text` and each {name} to `placeholder`. A brace
// that is not closed (or not opened) is handed on as text and is the problem returned.
std::optional<Error> Walk(std::string_view body, const std::function<void(std::string_view)>& text,
                          const std::function<void(std::string_view)>& placeholder) {
    std::optional<Error> problem;
    std::size_t pos = 0;
    while (pos < body.size()) {
        std::size_t brace = body.find_first_of("{}", pos);
        if (brace == std::string_view::npos) {
            text(body.substr(pos));
            break;
        }
        text(body.substr(pos, brace - pos));
        if (brace + 1 < body.size() && body[brace + 1] == body[brace]) {  // "{{" or "}}": a literal brace
            text(body.substr(brace, 1));
            pos = brace + 2;
            continue;
        }
        std::size_t close = body[brace] == '{' ? body.find_first_of("{}", brace + 1) : std::string_view::npos;
        if (close == std::string_view::npos || body[close] != '}') {
            if (!problem)
                problem = Error{"unbalanced '" + std::string(1, body[brace]) + "' at character " + std::to_string(brace) +
                                " (write {{ or }} for a literal brace)"};
            text(body.substr(brace, 1));
            pos = brace + 1;
            continue;
        }
        placeholder(body.substr(brace + 1, close - brace - 1));
        pos = close + 1;
    }
    return problem;
}

std::optional<Error> CheckBody(std::string_view body) {
    std::optional<Error> unknown;
    std::optional<Error> unbalanced = Walk(body, [](std::string_view) {}, [&](std::string_view name) {
        if (!unknown && !IsKnownPlaceholder(name))
            unknown = Error{"unknown placeholder {" + std::string(name) + "} (known: " + KnownPlaceholders() + ")"};
    });
    return unbalanced ? unbalanced : unknown;
}

// ---------------------------------------------------------------------------------
// [SECTION] JSON
// ---------------------------------------------------------------------------------

// A non-empty string member, or the error naming it.
Result<std::string> RequiredText(const json& object, const char* key, const std::string& path) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_string() || it->get<std::string>().empty())
        return Error{std::string("a canned response needs a \"") + key + "\" (non-empty text)", path + "/" + key};
    return it->get<std::string>();
}

Result<CannedResponse> ParseResponse(const json& value, const std::string& path) {
    if (!value.is_object()) return Error{"a canned response must be an object with \"id\", \"name\" and \"bodies\"", path};
    CannedResponse out;
    Result<std::string> id = RequiredText(value, "id", path);
    if (!id) return id.error();
    Result<std::string> name = RequiredText(value, "name", path);
    if (!name) return name.error();
    out.id = id.value();
    out.name = name.value();
    auto bodies = value.find("bodies");
    if (bodies == value.end() || !bodies->is_object() || bodies->empty())
        return Error{"canned response \"" + out.name + "\" has no body (expected \"bodies\": {\"en\": \"...\"})",
                     path + "/bodies"};
    for (auto it = bodies->begin(); it != bodies->end(); ++it) {
        const std::string body_path = path + "/bodies/" + it.key();
        if (it.key().empty()) return Error{"a body needs a language code such as \"en\"", body_path};
        if (!it->is_string()) return Error{"a body must be text", body_path};
        std::string body = it->get<std::string>();
        if (std::optional<Error> problem = CheckBody(body)) return Error{problem->message, body_path};
        out.bodies[it.key()] = std::move(body);
    }
    return out;
}

}  // namespace

Result<CannedSettings> ParseCannedSettings(const json& value) {
    if (!value.is_object()) return Error{"canned responses must be an object like {\"responses\": [...]}"};
    auto responses = value.find("responses");
    if (responses == value.end()) return Error{"canned responses need a \"responses\" list", "/responses"};
    if (!responses->is_array()) return Error{"\"responses\" must be a list", "/responses"};
    CannedSettings out;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < responses->size(); ++i) {
        const std::string path = "/responses/" + std::to_string(i);
        Result<CannedResponse> response = ParseResponse((*responses)[i], path);
        if (!response) return response.error();
        if (!ids.insert(response.value().id).second)
            return Error{"duplicate canned response id \"" + response.value().id + "\"", path + "/id"};
        out.responses.push_back(std::move(response.value()));
    }
    return out;
}

json ToJson(const CannedSettings& settings) {
    json responses = json::array();
    for (const CannedResponse& r : settings.responses) {
        json bodies = json::object();
        for (const auto& [language, body] : r.bodies) bodies[language] = body;
        responses.push_back({{"id", r.id}, {"name", r.name}, {"bodies", std::move(bodies)}});
    }
    return {{"responses", std::move(responses)}};
}

// ---------------------------------------------------------------------------------
// [SECTION] Defaults
// ---------------------------------------------------------------------------------

// Data, not UI strings: a team edits them in the configuration like any response.
// A sign-off line ends in two spaces, markdown's hard break, so {agent} shows on its own line.
CannedSettings DefaultCannedSettings() {
    CannedSettings out;
    out.responses.push_back(
        {"looking-into-it",
         "We are looking into it",
         {{"en", "Hello {requester},\n\nThank you for your message. We are looking into it ({ticket.id}) and will get "
                 "back to you as soon as we know more.\n\nBest regards,  \n{agent}"},
          {"fr", "Bonjour {requester},\n\nMerci pour votre message. Nous examinons votre demande ({ticket.id}) et "
                 "reviendrons vers vous dès que nous en saurons plus.\n\nCordialement,  \n{agent}"},
          {"sv", "Hej {requester},\n\nTack för ditt meddelande. Vi tittar på ärendet ({ticket.id}) och återkommer så "
                 "snart vi vet mer.\n\nVänliga hälsningar,  \n{agent}"},
          {"zh", "{requester}，您好：\n\n感谢您的来信。我们正在处理您的工单（{ticket.id}），有进展后会尽快回复您。\n\n此致  \n{agent}"}}});
    out.responses.push_back(
        {"more-details",
         "Please send more details",
         {{"en", "Hello {requester},\n\nTo help with \"{ticket.title}\" we need a few more details:\n\n- what you were "
                 "doing when it happened\n- the exact error message, or a screenshot\n- when it started\n\nThank you,  \n{agent}"},
          {"fr", "Bonjour {requester},\n\nPour traiter « {ticket.title} », nous avons besoin de quelques précisions :\n\n"
                 "- ce que vous faisiez à ce moment-là\n- le message d'erreur exact, ou une capture d'écran\n- depuis "
                 "quand cela se produit\n\nMerci,  \n{agent}"},
          {"sv", "Hej {requester},\n\nFör att hjälpa till med ”{ticket.title}” behöver vi lite mer information:\n\n- vad "
                 "du gjorde när det hände\n- det exakta felmeddelandet, eller en skärmbild\n- när det började\n\nTack,  \n{agent}"},
          {"zh", "{requester}，您好：\n\n为了处理“{ticket.title}”，我们需要更多信息：\n\n- 问题发生时您正在进行的操作\n"
                 "- 完整的错误信息或截图\n- 问题开始出现的时间\n\n谢谢！  \n{agent}"}}});
    out.responses.push_back(
        {"resolved-confirm",
         "Resolved — please confirm",
         {{"en", "Hello {requester},\n\nWe believe {ticket.id} is resolved (status: {status}). Could you confirm that "
                 "everything works for you? If not, just reply and we will reopen it.\n\nBest regards,  \n{agent}"},
          {"fr", "Bonjour {requester},\n\nNous pensons que {ticket.id} est résolu (statut : {status}). Pouvez-vous "
                 "confirmer que tout fonctionne ? Sinon, répondez simplement et nous le rouvrirons.\n\nCordialement,  \n{agent}"},
          {"sv", "Hej {requester},\n\nVi tror att {ticket.id} är löst (status: {status}). Kan du bekräfta att allt "
                 "fungerar? Om inte, svara bara så öppnar vi ärendet igen.\n\nVänliga hälsningar,  \n{agent}"},
          {"zh", "{requester}，您好：\n\n我们认为 {ticket.id} 已解决（状态：{status}）。请确认一切是否正常。如仍有问题，"
                 "请直接回复，我们会重新打开工单。\n\n此致  \n{agent}"}}});
    out.responses.push_back(
        {"password-reset",
         "Password reset steps",
         {{"en", "Hello {requester},\n\nTo reset your password:\n\n1. Open the sign-in page and choose **Forgot "
                 "password**.\n2. Enter your work e-mail address.\n3. Follow the link in the e-mail you receive (it is "
                 "valid for one hour).\n4. Choose a new password of at least 12 characters.\n\nIf the e-mail does not "
                 "arrive within 10 minutes, reply to this ticket ({ticket.id}).\n\n{agent}"},
          {"fr", "Bonjour {requester},\n\nPour réinitialiser votre mot de passe :\n\n1. Ouvrez la page de connexion et "
                 "choisissez **Mot de passe oublié**.\n2. Saisissez votre adresse e-mail professionnelle.\n3. Suivez le "
                 "lien de l'e-mail reçu (valable une heure).\n4. Choisissez un nouveau mot de passe d'au moins 12 "
                 "caractères.\n\nSi l'e-mail n'arrive pas dans les 10 minutes, répondez à ce ticket ({ticket.id}).\n\n{agent}"},
          {"sv", "Hej {requester},\n\nSå återställer du ditt lösenord:\n\n1. Öppna inloggningssidan och välj **Glömt "
                 "lösenord**.\n2. Ange din e-postadress på jobbet.\n3. Följ länken i e-postmeddelandet du får (den gäller "
                 "i en timme).\n4. Välj ett nytt lösenord på minst 12 tecken.\n\nOm e-postmeddelandet inte kommer inom 10 "
                 "minuter, svara på det här ärendet ({ticket.id}).\n\n{agent}"},
          {"zh", "{requester}，您好：\n\n重置密码的步骤如下：\n\n1. 打开登录页面，选择 **忘记密码**。\n2. 输入您的工作邮箱地址。\n"
                 "3. 点击收到的邮件中的链接（一小时内有效）。\n4. 设置一个至少 12 个字符的新密码。\n\n如果 10 分钟内没有收到邮件，"
                 "请回复此工单（{ticket.id}）。\n\n{agent}"}}});
    return out;
}

// ---------------------------------------------------------------------------------
// [SECTION] Expansion
// ---------------------------------------------------------------------------------

const std::string& CannedBody(const CannedResponse& response, std::string_view language) {
    static const std::string kNone;
    for (std::string_view code : {language, std::string_view("en")}) {
        auto it = response.bodies.find(std::string(code));
        if (it != response.bodies.end()) return it->second;
    }
    return response.bodies.empty() ? kNone : response.bodies.begin()->second;
}

std::string Expand(const CannedResponse& response, std::string_view language, const Ticket& ticket,
                   const BoardConfig& config, std::string_view agent, std::string_view short_id) {
    const StatusDef* status = config.FindStatus(ticket.status);
    const std::map<std::string_view, std::string_view> values = {
        {"requester", ticket.requester},
        {"ticket.id", short_id},
        {"ticket.title", ticket.title},
        {"agent", agent},
        {"status", status ? std::string_view(status->name) : std::string_view(ticket.status)},
    };
    std::string out;
    // A hand-built response may hold what parsing refuses: unknown names become nothing,
    // stray braces stay as text.
    Walk(CannedBody(response, language), [&](std::string_view text) { out += text; },
         [&](std::string_view name) {
             auto it = values.find(name);
             if (it != values.end()) out += it->second;
         });
    return out;
}

}  // namespace tackboard
