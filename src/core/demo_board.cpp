// demo_board.cpp — see demo_board.hpp.
//
// [SECTION] randomness (our own, so every platform draws the same numbers)
// [SECTION] texts: the team, the requesters, the scenarios, in four languages
// [SECTION] one ticket's life
// [SECTION] the board
#include "core/demo_board.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/ticket_json.hpp"

namespace tackboard {

namespace {

using nlohmann::json;

constexpr Millis kMinute = 60'000;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;

// [SECTION] randomness ---------------------------------------------------------------

// splitmix64: tiny, and unlike <random>'s distributions the same everywhere.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t Next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // 0 <= result < n
    std::uint64_t Below(std::uint64_t n) { return n ? Next() % n : 0; }
    Millis Between(Millis lo, Millis hi) { return hi <= lo ? lo : lo + static_cast<Millis>(Below(static_cast<std::uint64_t>(hi - lo))); }
    bool Chance(int percent) { return static_cast<int>(Below(100)) < percent; }
    // Index into `weights`, drawn in proportion to them.
    std::size_t Weighted(std::initializer_list<int> weights) {
        int total = 0;
        for (int w : weights) total += w;
        int pick = static_cast<int>(Below(static_cast<std::uint64_t>(total)));
        std::size_t i = 0;
        for (int w : weights) {
            if (pick < w) return i;
            pick -= w;
            ++i;
        }
        return 0;
    }
    RandomBytes Bytes() {
        RandomBytes out{};
        std::uint64_t a = Next(), b = Next();
        for (int i = 0; i < 8; ++i) out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(a >> (8 * i));
        out[8] = static_cast<std::uint8_t>(b);
        out[9] = static_cast<std::uint8_t>(b >> 8);
        return out;
    }

private:
    std::uint64_t state_;
};

// [SECTION] texts ------------------------------------------------------------------

enum Lang { kEn, kFr, kSv, kZh, kLangs };
using Phrase = std::array<const char*, kLangs>;

struct Scenario {
    const char* type;
    const char* label;
    const char* category;  // the support type's "category" field, or the services of an incident
    int weight;
    Phrase title, description, reply;
};

const Scenario kScenarios[] = {
    {"support", "access", "Access", 14,
     {"Password reset needed", "Réinitialisation du mot de passe", "Behöver återställa lösenordet", "需要重置密码"},
     {"I forgot my password after the holidays and the self-service reset link has expired. Can you reset it?",
      "J'ai oublié mon mot de passe après les vacances et le lien de réinitialisation a expiré. Pouvez-vous le réinitialiser ?",
      "Jag har glömt mitt lösenord efter semestern och återställningslänken har gått ut. Kan ni hjälpa mig?",
      "假期后忘记了密码，自助重置链接已经过期。能帮我重置吗？"},
     {"I have sent a new reset link to your phone; it is valid for 30 minutes.",
      "Je vous ai envoyé un nouveau lien sur votre téléphone, valable 30 minutes.",
      "Jag har skickat en ny återställningslänk till din telefon, den gäller i 30 minuter.",
      "已向您的手机发送新的重置链接，30分钟内有效。"}},
    {"support", "access", "Access", 8,
     {"Account locked after changing phone", "Compte bloqué après changement de téléphone",
      "Kontot låst efter byte av telefon", "换手机后账号被锁定"},
     {"I got a new phone and now the authenticator app asks for a code I do not have. My account is locked.",
      "J'ai un nouveau téléphone et l'application d'authentification demande un code que je n'ai pas. Mon compte est bloqué.",
      "Jag har fått en ny telefon och nu vill autentiseringsappen ha en kod som jag inte har. Mitt konto är låst.",
      "我换了新手机，验证器应用要求输入我没有的验证码，账号被锁定了。"},
     {"I have removed the old device; please sign in again and register the new phone.",
      "J'ai supprimé l'ancien appareil ; reconnectez-vous et enregistrez le nouveau téléphone.",
      "Jag har tagit bort den gamla enheten. Logga in igen och registrera den nya telefonen.",
      "已删除旧设备，请重新登录并绑定新手机。"}},
    {"support", "network", "Network", 10,
     {"VPN disconnects every few minutes", "Le VPN se déconnecte toutes les quelques minutes",
      "VPN kopplar ner hela tiden", "VPN 每隔几分钟就断开"},
     {"Since this morning the VPN drops every five minutes when I work from home. Colleagues have the same problem.",
      "Depuis ce matin, le VPN se coupe toutes les cinq minutes en télétravail. Mes collègues ont le même problème.",
      "Sedan i morse tappar VPN:en anslutningen var femte minut när jag jobbar hemifrån. Kollegorna har samma problem.",
      "从今天早上开始，在家办公时 VPN 每五分钟断一次。同事也遇到同样的问题。"},
     {"We see packet loss on the VPN gateway. Could you try the backup server vpn2 in the meantime?",
      "Nous constatons des pertes de paquets sur la passerelle VPN. Pouvez-vous essayer le serveur de secours vpn2 en attendant ?",
      "Vi ser paketförluster på VPN-gatewayen. Kan du prova reservservern vpn2 så länge?",
      "VPN 网关出现丢包，请先尝试备用服务器 vpn2。"}},
    {"support", "hardware", "Hardware", 9,
     {"Printer on the second floor jams", "L'imprimante du deuxième étage bourre", "Skrivaren på plan två fastnar",
      "二楼打印机卡纸"},
     {"The printer by the kitchen jams on every double-sided job and shows error 13.B2.",
      "L'imprimante près de la cuisine bourre à chaque impression recto verso et affiche l'erreur 13.B2.",
      "Skrivaren vid köket får pappersstopp vid varje dubbelsidig utskrift och visar fel 13.B2.",
      "茶水间旁边的打印机每次双面打印都会卡纸，显示错误 13.B2。"},
     {"A technician is on the way; please use the printer in room 214 until then.",
      "Un technicien arrive ; utilisez l'imprimante de la salle 214 en attendant.",
      "En tekniker är på väg. Använd skrivaren i rum 214 så länge.", "技术人员正在路上，请先使用 214 室的打印机。"}},
    {"support", "billing", "Other", 9,
     {"Invoice shows the wrong VAT rate", "Mauvais taux de TVA sur la facture", "Fel momssats på fakturan",
      "发票税率错误"},
     {"Invoice 2026-1187 charges 25% VAT but we are exempt. Please send a corrected invoice.",
      "La facture 2026-1187 applique 25 % de TVA alors que nous sommes exonérés. Merci d'envoyer une facture corrigée.",
      "Faktura 2026-1187 har 25 % moms men vi är momsbefriade. Skicka gärna en rättad faktura.",
      "发票 2026-1187 按 25% 收取增值税，但我们是免税的。请重新开具正确的发票。"},
     {"Thanks, I have asked accounting to issue a credit note and a corrected invoice.",
      "Merci, j'ai demandé à la comptabilité d'émettre un avoir et une facture corrigée.",
      "Tack, jag har bett ekonomi att skicka en kreditnota och en rättad faktura.",
      "谢谢，已请财务部开具红字发票和更正后的发票。"}},
    {"support", "onboarding", "Access", 7,
     {"New hire starting Monday needs a laptop and accounts", "Nouvelle arrivée lundi : ordinateur et comptes",
      "Nyanställd börjar på måndag – dator och konton", "新员工周一入职，需要电脑和账号"},
     {"Maria joins the sales team on Monday. She needs a laptop, email, CRM access and a badge.",
      "Maria rejoint l'équipe commerciale lundi. Il lui faut un ordinateur, une adresse e-mail, un accès au CRM et un badge.",
      "Maria börjar på säljavdelningen på måndag. Hon behöver dator, e-post, CRM-behörighet och passerkort.",
      "Maria 周一加入销售部，需要笔记本电脑、邮箱、CRM 权限和门禁卡。"},
     {"The laptop is being prepared; the accounts will be ready on Friday afternoon.",
      "L'ordinateur est en préparation ; les comptes seront prêts vendredi après-midi.",
      "Datorn förbereds och kontona är klara på fredag eftermiddag.", "电脑正在准备中，账号将在周五下午开通。"}},
    {"support", "email", "Software", 8,
     {"Shared mailbox missing in Outlook", "Boîte partagée absente dans Outlook", "Delad brevlåda saknas i Outlook",
      "Outlook 中共享邮箱不见了"},
     {"The support@ shared mailbox disappeared from my Outlook after the update yesterday.",
      "La boîte partagée support@ a disparu de mon Outlook après la mise à jour d'hier.",
      "Den delade brevlådan support@ försvann från Outlook efter gårdagens uppdatering.",
      "昨天更新之后，support@ 共享邮箱从我的 Outlook 中消失了。"},
     {"I have re-added your permissions; restart Outlook and it should appear within an hour.",
      "J'ai rétabli vos droits ; redémarrez Outlook, elle devrait réapparaître d'ici une heure.",
      "Jag har lagt tillbaka din behörighet. Starta om Outlook så dyker den upp inom en timme.",
      "已重新添加权限，请重启 Outlook，一小时内应会出现。"}},
    {"support", "hardware", "Hardware", 6,
     {"Laptop battery drains in an hour", "La batterie du portable se vide en une heure",
      "Laptopens batteri tar slut på en timme", "笔记本电池一小时就没电"},
     {"My laptop battery goes from full to empty in about an hour, even when idle.",
      "La batterie de mon portable se vide en une heure environ, même au repos.",
      "Batteriet i min laptop går från fullt till tomt på ungefär en timme, även när den står still.",
      "笔记本电脑即使闲置，电池也只能撑一个小时左右。"},
     {"The battery health report shows 41%. I have ordered a replacement.",
      "Le diagnostic indique 41 % de capacité. J'ai commandé une batterie de remplacement.",
      "Batterirapporten visar 41 %. Jag har beställt ett nytt batteri.", "电池健康报告显示只剩 41%，已订购新电池。"}},
    {"bug", "software", "", 5,
     {"Export to PDF crashes the expense app", "L'export PDF fait planter l'application de notes de frais",
      "Export till PDF kraschar utläggsappen", "报销应用导出 PDF 时崩溃"},
     {"Clicking Export to PDF on a report with more than 20 receipts closes the app without a message.",
      "Cliquer sur Exporter en PDF pour un rapport de plus de 20 justificatifs ferme l'application sans message.",
      "När jag klickar på Exportera till PDF för en rapport med fler än 20 kvitton stängs appen utan felmeddelande.",
      "报销单超过 20 张票据时，点击导出 PDF，应用会直接关闭，没有任何提示。"},
     {"Reproduced with 21 receipts; the developers have a fix in testing.",
      "Reproduit avec 21 justificatifs ; les développeurs testent un correctif.",
      "Återskapat med 21 kvitton. Utvecklarna testar en rättning.", "已用 21 张票据复现，开发人员正在测试修复。"}},
    {"bug", "billing", "", 4,
     {"Customer portal shows a blank invoice page", "Le portail client affiche une page de facture vide",
      "Kundportalen visar en tom fakturasida", "客户门户的发票页面空白"},
     {"Customers report that the invoice page of the portal stays blank in Safari.",
      "Des clients signalent que la page des factures du portail reste blanche dans Safari.",
      "Kunder rapporterar att fakturasidan i portalen är tom i Safari.", "客户反映在 Safari 中打开门户的发票页面是空白的。"},
     {"Confirmed in Safari 17: a script fails to load. Workaround: use another browser.",
      "Confirmé sous Safari 17 : un script ne se charge pas. Contournement : utiliser un autre navigateur.",
      "Bekräftat i Safari 17, ett skript laddas inte. Tillfällig lösning: använd en annan webbläsare.",
      "已在 Safari 17 中确认，有一个脚本加载失败。临时办法：换用其他浏览器。"}},
    {"incident", "email", "Email", 3,
     {"Email not arriving for the whole office", "Plus aucun e-mail reçu dans tout le bureau",
      "E-post kommer inte fram till kontoret", "整个办公室收不到邮件"},
     {"Nobody has received external email since 9:40. Sending still works.",
      "Personne ne reçoit d'e-mails externes depuis 9 h 40. L'envoi fonctionne encore.",
      "Ingen har fått extern e-post sedan 9.40. Att skicka fungerar fortfarande.",
      "从 9:40 开始，所有人都收不到外部邮件，发送仍然正常。"},
     {"The mail filter queue is stuck; we are restarting it and mail will be delivered in order.",
      "La file du filtre anti-spam est bloquée ; nous la redémarrons et les messages seront livrés dans l'ordre.",
      "Kön i e-postfiltret har fastnat. Vi startar om den och posten levereras i tur och ordning.",
      "邮件过滤队列卡住了，正在重启，邮件会按顺序送达。"}},
    {"support", "network", "Network", 6,
     {"Wi-Fi keeps dropping in meeting room B", "Le Wi-Fi coupe dans la salle de réunion B", "Wi-Fi tappar i mötesrum B",
      "B 会议室 Wi-Fi 经常掉线"},
     {"Video calls in meeting room B freeze because the Wi-Fi drops several times an hour.",
      "Les visioconférences dans la salle B se figent car le Wi-Fi coupe plusieurs fois par heure.",
      "Videomöten i mötesrum B fryser eftersom wifi tappar flera gånger i timmen.",
      "B 会议室的 Wi-Fi 每小时断好几次，视频会议经常卡住。"},
     {"The access point in room B was on an old firmware; I have updated it.",
      "La borne de la salle B avait un ancien firmware ; je l'ai mise à jour.",
      "Accesspunkten i rum B hade gammal firmware, jag har uppdaterat den.", "B 会议室的无线接入点固件过旧，已完成升级。"}},
    {"feature", "software", "", 3,
     {"Single sign-on for the expense app", "Authentification unique pour l'application de notes de frais",
      "Enkel inloggning för utläggsappen", "报销应用支持单点登录"},
     {"Could the expense app use our company login instead of a separate password?",
      "L'application de notes de frais pourrait-elle utiliser la connexion de l'entreprise au lieu d'un mot de passe séparé ?",
      "Kan utläggsappen använda företagets inloggning i stället för ett eget lösenord?",
      "报销应用能否使用公司统一账号登录，而不是单独的密码？"},
     {"Good idea; we have added it to next month's roadmap review.",
      "Bonne idée ; nous l'examinerons à la revue de la feuille de route le mois prochain.",
      "Bra idé, vi tar upp det på planeringsmötet nästa månad.", "好建议，已列入下个月的规划评审。"}},
    {"change", "network", "", 2,
     {"Upgrade the firewall firmware", "Mettre à jour le firmware du pare-feu", "Uppgradera brandväggens firmware",
      "升级防火墙固件"},
     {"The firewall vendor released a security update. Plan the upgrade in the Thursday evening window.",
      "Le fournisseur du pare-feu a publié une mise à jour de sécurité. Planifier la mise à jour jeudi soir.",
      "Leverantören har släppt en säkerhetsuppdatering. Planera uppgraderingen till torsdag kväll.",
      "防火墙厂商发布了安全更新，请安排在周四晚上的维护窗口升级。"},
     {"Upgrade scheduled for Thursday 19:00; expected downtime is ten minutes.",
      "Mise à jour prévue jeudi à 19 h ; interruption estimée à dix minutes.",
      "Uppgraderingen är planerad till torsdag 19.00, beräknat avbrott tio minuter.", "已安排周四 19:00 升级，预计中断十分钟。"}},
    {"support", "software", "Software", 6,
     {"Licence request for the design tool", "Demande de licence pour l'outil de design", "Licens till designverktyget",
      "申请设计软件许可证"},
     {"I need a licence for the design tool for the new brochure project.",
      "J'ai besoin d'une licence de l'outil de design pour le projet de brochure.",
      "Jag behöver en licens till designverktyget för det nya broschyrprojektet.", "新宣传册项目需要一个设计软件的许可证。"},
     {"Your manager approved it; the licence is assigned to your account.",
      "Votre responsable a validé ; la licence est attribuée à votre compte.",
      "Din chef har godkänt, licensen är kopplad till ditt konto.", "经理已批准，许可证已分配到您的账号。"}},
};

const Phrase kFixed[] = {
    {"This should be fixed now. Let us know if it happens again.",
     "Cela devrait être réglé. Dites-nous si le problème revient.", "Nu ska det fungera. Hör av dig om det händer igen.",
     "问题应该已经解决，如再次出现请告诉我们。"},
    {"Done, closing this ticket. Thanks for your patience.",
     "C'est fait, je clôture le ticket. Merci de votre patience.", "Klart, jag stänger ärendet. Tack för ditt tålamod.",
     "已处理完毕，关闭此工单。感谢您的耐心。"},
};
const Phrase kAskMore = {"Could you send a screenshot of the error and the time it happened?",
                         "Pouvez-vous envoyer une capture d'écran de l'erreur et l'heure à laquelle elle s'est produite ?",
                         "Kan du skicka en skärmbild av felet och när det hände?", "能否发一张错误截图，并告诉我们发生的时间？"};
const Phrase kAnswer = {"Screenshot attached. It happened at 10:15 and again after lunch.",
                        "Capture jointe. C'est arrivé à 10 h 15 et de nouveau après le déjeuner.",
                        "Skärmbild bifogad. Det hände 10.15 och igen efter lunch.", "截图已附上，10:15 发生过一次，午饭后又出现了。"};
const Phrase kNotes[] = {
    {"Checked the logs: same error as last week.", "Journaux vérifiés : même erreur que la semaine dernière.",
     "Kollat loggarna: samma fel som förra veckan.", "查看了日志：与上周的错误相同。"},
    {"Asked the vendor for an ETA.", "Délai demandé au fournisseur.", "Har frågat leverantören om leveranstid.",
     "已向供应商询问预计时间。"},
};
const Phrase kAgain = {"It is happening again since this morning.", "Le problème est revenu depuis ce matin.",
                       "Det har hänt igen sedan i morse.", "从今天早上开始又出现了。"};
const Phrase kPraise = {"Quick and friendly, thank you!", "Rapide et efficace, merci !", "Snabbt och trevligt, tack!",
                        "处理得又快又好，谢谢！"};
const Phrase kComplaint = {"It took far too long to get an answer.", "La réponse a mis beaucoup trop de temps.",
                           "Det tog alldeles för lång tid att få svar.", "等了太久才得到回复。"};
const Phrase kSameAs = {"This is the same issue as an earlier ticket; we follow it up there.",
                        "Même problème qu'un ticket précédent ; nous le suivons là-bas.",
                        "Samma problem som ett tidigare ärende; vi följer upp det där.", "与之前的工单是同一个问题，将在那里继续跟进。"};
const Phrase kSteps = {"1. Open the page\n2. Click the button\n3. Nothing happens or the app closes",
                       "1. Ouvrir la page\n2. Cliquer sur le bouton\n3. Rien ne se passe ou l'application se ferme",
                       "1. Öppna sidan\n2. Klicka på knappen\n3. Inget händer eller appen stängs",
                       "1. 打开页面\n2. 点击按钮\n3. 没有反应或应用关闭"};

const std::array<std::array<const char*, 6>, kLangs> kRequesters = {{
    {"John Miller", "Emma Clarke", "Raj Patel", "Olivia Brown", "Tom Hughes", "Grace Kim"},
    {"Sophie Martin", "Lucas Bernard", "Camille Dubois", "Hugo Lefèvre", "Chloé Moreau", "Julien Petit"},
    {"Lars Berg", "Karin Nilsson", "Johan Ek", "Sara Lindström", "Anders Holm", "Emma Sjöberg"},
    {"张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊"},
}};

const char* const kLead = "maja";  // triages, closes duplicates and resolved tickets

// [SECTION] one ticket's life ----------------------------------------------------------

// Writes a ticket's history as it happens, never past `now`: a ticket whose next step
// would lie in the future simply stays where it is.
class Life {
public:
    Life(Ticket& t, const BoardConfig& config, Millis now) : t_(t), config_(config), now_(now), at_(t.created) {}

    Millis at() const { return at_; }
    // Moves the clock on; false (and nothing moves) when that would pass `now`.
    bool Wait(Millis delay) {
        if (at_ + delay > now_) return false;
        at_ += std::max<Millis>(delay, 1);
        return true;
    }
    void Set(const std::string& by, const std::string& field, const std::string& value, const std::string& note = {}) {
        json old_value = Current(field);
        Record(by, field, old_value, value, note);
        if (field == "status") {
            const StatusDef* s = config_.FindStatus(value);
            const bool done = s && s->category == StatusCategory::Done;
            if (done && !t_.resolved_at) t_.resolved_at = at_;
            if (!done) t_.resolved_at = 0;
            t_.status = value;
        } else if (field == "assignee") {
            t_.assignee = value;
        } else if (field == "priority") {
            t_.priority = value;
        }
    }
    void Comment(const std::string& author, const std::string& body, bool internal) {
        tackboard::Comment c{t_.id + "-c" + std::to_string(t_.comments.size() + 1), author, at_, body, internal};
        if (!internal && !t_.first_response_at && author != t_.requester) t_.first_response_at = at_;
        Record(author, "comment", nullptr, json{{"id", c.id}, {"internal", internal}}, {});
        t_.comments.push_back(std::move(c));
    }
    void Rate(int score, const std::string& remark) {
        Record(t_.requester, "satisfaction", t_.satisfaction, score, {});
        t_.satisfaction = score;
        if (!remark.empty()) Comment(t_.requester, remark, false);
    }
    void Record(const std::string& by, const std::string& field, json old_value, json new_value, const std::string& note) {
        t_.history.push_back(HistoryEntry{at_, by, field, std::move(old_value), std::move(new_value), note});
        t_.updated = std::max(t_.updated, at_);
    }

private:
    json Current(const std::string& field) const {
        if (field == "status") return t_.status;
        if (field == "assignee") return t_.assignee;
        if (field == "priority") return t_.priority;
        return nullptr;
    }
    Ticket& t_;
    const BoardConfig& config_;
    Millis now_;
    Millis at_;
};

std::string MemberName(const BoardConfig& config, const std::string& id) {
    const MemberDef* m = config.FindMember(id);
    return m ? m->name : id;
}

// Someone whose skills cover the ticket's label, else its type, else anyone.
std::string PickAssignee(const BoardConfig& config, const Scenario& s, Rng& rng) {
    std::vector<const MemberDef*> skilled;
    for (const char* wanted : {s.label, s.type}) {
        for (const auto& m : config.members)
            if (std::find(m.skills.begin(), m.skills.end(), wanted) != m.skills.end()) skilled.push_back(&m);
        if (!skilled.empty()) break;
    }
    if (skilled.empty())
        for (const auto& m : config.members) skilled.push_back(&m);
    return skilled[rng.Below(skilled.size())]->id;
}

// A working-hours instant of the day `day_start` (UTC; the team sits in Europe).
Millis OfficeHours(Millis day_start, Rng& rng) { return day_start + 7 * kHour + rng.Between(0, 9 * kHour); }

json Fields(const Scenario& s, Lang lang, Millis created, Rng& rng) {
    json f = json::object();
    const std::string type = s.type;
    if (type == "support") f["category"] = s.category;
    if (type == "bug") {
        f["steps"] = kSteps[lang];
        f["environment"] = rng.Chance(50) ? "Windows 11, Edge" : "macOS 14, Safari 17";
        f["severity"] = std::array{"Minor", "Major", "Critical"}[rng.Weighted({5, 4, 1})];
    }
    if (type == "incident") {
        f["impact"] = std::array{"One team", "Everyone"}[rng.Below(2)];
        f["services"] = json::array({s.category});
        f["started"] = created - rng.Between(5 * kMinute, 40 * kMinute);
    }
    if (type == "feature") {
        f["use_case"] = s.description[lang];
        f["value"] = std::array{"Low", "Medium", "High"}[rng.Weighted({3, 5, 2})];
    }
    if (type == "change") {
        f["planned_for"] = created + rng.Between(2, 8) * kDay;
        f["risk"] = std::array{"Low", "Medium", "High"}[rng.Weighted({3, 5, 1})];
        f["rollback"] = "Reinstall the previous firmware from the backup image.";
    }
    return f;
}

// The rest of a ticket's life after it was created: triage, assignment, answers,
// waiting, resolution, reopening, rating, closing. Stops wherever `now` is reached.
void Live(Ticket& t, const Scenario& s, Lang lang, const BoardConfig& config, Millis now, Rng& rng) {
    Life life(t, config, now);
    const std::string lead = MemberName(config, kLead);
    const PriorityDef* prio = config.FindPriority(t.priority);
    const Millis respond = prio && prio->response_minutes ? prio->response_minutes * kMinute : 8 * kHour;
    const Millis resolve = prio && prio->resolution_minutes ? prio->resolution_minutes * kMinute : 3 * kDay;

    // The latest tickets partly still wait for triage.
    if (now - t.created < 2 * kDay && rng.Chance(35)) return;
    if (!life.Wait(rng.Between(5 * kMinute, 90 * kMinute))) return;
    life.Set(lead, "status", "triage");
    if (rng.Chance(8) && t.priority == "normal") life.Set(lead, "priority", "high", "affects several people");
    if (!life.Wait(rng.Between(5 * kMinute, 2 * kHour))) return;
    const std::string assignee = PickAssignee(config, s, rng);
    const std::string agent = MemberName(config, assignee);
    life.Set(lead, "assignee", assignee);
    // Feature requests wait in the backlog; a few tickets stall before anyone starts.
    if (std::string(s.type) == "feature" && rng.Chance(60)) return;
    if (rng.Chance(4)) return;
    if (!life.Wait(rng.Between(2 * kMinute, 30 * kMinute))) return;
    life.Set(agent, "status", "in_progress");
    // Most answers meet the response target; about one in six does not.
    const Millis answer_in = rng.Chance(84) ? rng.Between(respond / 10, respond * 9 / 10) : rng.Between(respond, respond * 3);
    if (!life.Wait(answer_in)) return;
    life.Comment(agent, s.reply[lang], false);
    if (rng.Chance(35)) {
        if (!life.Wait(rng.Between(10 * kMinute, 4 * kHour))) return;
        life.Comment(agent, kNotes[rng.Below(2)][lang], true);
    }
    if (rng.Chance(30)) {
        if (!life.Wait(rng.Between(10 * kMinute, 2 * kHour))) return;
        life.Comment(agent, kAskMore[lang], false);
        life.Set(agent, "status", "waiting");
        if (rng.Chance(8)) return;  // the requester never came back (yet)
        if (!life.Wait(rng.Between(2 * kHour, 2 * kDay))) return;
        life.Comment(t.requester, kAnswer[lang], false);
        life.Set(agent, "status", "in_progress");
    }
    if (rng.Chance(6)) return;  // stuck: will turn up as overdue
    const Millis fix_in = rng.Chance(80) ? rng.Between(resolve / 8, resolve * 9 / 10) : rng.Between(resolve, resolve * 2);
    if (!life.Wait(fix_in)) return;
    life.Comment(agent, kFixed[rng.Below(2)][lang], false);
    life.Set(agent, "status", "resolved");
    if (rng.Chance(7)) {
        if (!life.Wait(rng.Between(1 * kHour, 2 * kDay))) return;
        life.Comment(t.requester, kAgain[lang], false);
        life.Set(t.requester, "status", "in_progress", "reopened by the requester");
        if (!life.Wait(rng.Between(1 * kHour, resolve))) return;
        life.Comment(agent, kFixed[0][lang], false);
        life.Set(agent, "status", "resolved");
    }
    if (rng.Chance(55)) {
        if (!life.Wait(rng.Between(30 * kMinute, 2 * kDay))) return;
        const int score = 5 - static_cast<int>(rng.Weighted({45, 30, 12, 8, 5}));
        const bool remark = rng.Chance(60);
        life.Rate(score, !remark ? "" : score >= 4 ? kPraise[lang] : score <= 2 ? kComplaint[lang] : "");
    }
    if (!life.Wait(rng.Between(3 * kDay, 5 * kDay))) return;
    life.Set(lead, "status", "closed", "closed after three days without reply");
}

// A second report of what an earlier ticket already covers: answered, linked, closed.
void LiveAsDuplicate(Ticket& t, Ticket& original, Lang lang, const BoardConfig& config, Millis now, Rng& rng) {
    Life life(t, config, now);
    const std::string lead = MemberName(config, kLead);
    if (!life.Wait(rng.Between(10 * kMinute, 3 * kHour))) return;
    life.Set(lead, "status", "triage");
    life.Comment(lead, kSameAs[lang], false);
    t.links.push_back({LinkKind::DuplicateOf, original.id});
    original.links.push_back({LinkKind::DuplicatedBy, t.id});
    life.Record(lead, "link", nullptr, std::string(ToString(LinkKind::DuplicateOf)) + " " + original.id, {});
    original.history.push_back(HistoryEntry{life.at(), lead, "link", nullptr,
                                            std::string(ToString(LinkKind::DuplicatedBy)) + " " + t.id, ""});
    original.updated = std::max(original.updated, life.at());
    life.Set(lead, "status", "closed", "duplicate");
}

}  // namespace

// [SECTION] the board ------------------------------------------------------------------

BoardConfig DemoBoardConfig() {
    BoardConfig c = DefaultConfig();
    // Six people carry more work at once than the default limit a new board starts with.
    for (auto& s : c.statuses)
        if (s.id == "in_progress") s.wip_limit = 30;
    c.members = {
        {"ana", "Ana Souza", {"access", "onboarding", "support"}, 12},
        {"erik", "Erik Lindqvist", {"network", "hardware", "incident"}, 10},
        {"claire", "Claire Dubois", {"billing", "email", "support"}, 10},
        {"wei", "Li Wei", {"software", "bug", "email"}, 8},
        {"sam", "Sam Carter", {"network", "hardware", "change", "feature"}, 8},
        {"maja", "Maja Holm", {"access", "incident", "vip"}, 6},
    };
    c.labels.push_back({"onboarding", 0xFF6FBF4A});
    c.labels.push_back({"email", 0xFFD08A3C});
    c.labels.push_back({"software", 0xFFB05FC0});
    return c;
}

nlohmann::json MakeDemoBoard(const DemoBoardOptions& options) {
    Rng rng(options.seed ^ 0x7461636B626F6172ull);  // "tackboar"
    const BoardConfig config = DemoBoardConfig();
    const Millis now = options.now;
    const Millis start_day = (now - options.weeks * 7 * kDay) / kDay * kDay;

    // Creation instants first, in order, so ids (ULIDs) sort like creation times.
    std::vector<Millis> created;
    created.reserve(options.tickets);
    while (created.size() < options.tickets) {
        const Millis day = start_day + rng.Between(0, (now - start_day) / kDay + 1) * kDay;
        const int weekday = static_cast<int>((day / kDay + 3) % 7);  // 0 = Monday (1970-01-01 was a Thursday)
        if (weekday >= 5 && rng.Chance(85)) continue;                 // few tickets at weekends
        const Millis at = OfficeHours(day, rng);
        if (at < now - 10 * kMinute) created.push_back(at);
    }
    std::sort(created.begin(), created.end());

    std::vector<int> weights;
    for (const auto& s : kScenarios) weights.push_back(s.weight);
    int total_weight = 0;
    for (int w : weights) total_weight += w;

    UlidGenerator ids;
    std::vector<Ticket> tickets;
    std::vector<std::size_t> scenario_of;
    tickets.reserve(created.size());
    for (Millis at : created) {
        std::size_t si = 0;
        for (int pick = static_cast<int>(rng.Below(static_cast<std::uint64_t>(total_weight))); pick >= weights[si]; ++si)
            pick -= weights[si];
        const Scenario& s = kScenarios[si];
        const Lang lang = static_cast<Lang>(rng.Weighted({40, 20, 20, 20}));

        Ticket t;
        t.id = ids.Next(at, rng.Bytes());
        t.type = s.type;
        t.title = s.title[lang];
        t.description = s.description[lang];
        t.status = "new";
        const std::string type = s.type;
        t.priority = type == "incident" ? std::array{"urgent", "high"}[rng.Below(2)]
                                        : std::array{"urgent", "high", "normal", "low"}[rng.Weighted({4, 18, 58, 20})];
        t.requester = kRequesters[lang][rng.Below(kRequesters[lang].size())];
        t.labels.push_back(s.label);
        if (rng.Chance(6)) t.labels.push_back("vip");
        t.fields = Fields(s, lang, at, rng);
        t.created = t.updated = at;
        if (const PriorityDef* p = config.FindPriority(t.priority); p && (type != "support" || rng.Chance(45)))
            t.due = at + std::max<Millis>(p->resolution_minutes, 60) * kMinute;
        t.history.push_back(HistoryEntry{at, t.requester, "created", nullptr, t.title, ""});

        // A second report of a recent ticket of the same kind becomes its duplicate.
        long original = -1;
        if (rng.Chance(5))
            for (long j = static_cast<long>(tickets.size()) - 1; j >= 0 && tickets[j].created > at - 2 * kDay; --j)
                if (scenario_of[j] == si && tickets[j].links.empty()) {
                    original = j;
                    break;
                }
        if (original >= 0) {
            t.due = 0;
            LiveAsDuplicate(t, tickets[static_cast<std::size_t>(original)], lang, config, now, rng);
        } else {
            Live(t, s, lang, config, now, rng);
        }
        tickets.push_back(std::move(t));
        scenario_of.push_back(si);
    }

    // Links to duplicates were written into their originals afterwards.
    for (auto& t : tickets)
        std::stable_sort(t.history.begin(), t.history.end(),
                         [](const HistoryEntry& a, const HistoryEntry& b) { return a.at < b.at; });

    json out = {{"format", "tackboard"}, {"version", kSchemaVersion}, {"config", ConfigToJson(config)}};
    json& list = out["tickets"] = json::array();
    for (const auto& t : tickets) list.push_back(TicketToJson(t));
    return out;
}

}  // namespace tackboard
