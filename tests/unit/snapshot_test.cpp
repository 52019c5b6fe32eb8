// snapshot_test.cpp — tests for storage/snapshot.cpp: exact round trips (every Ticket
// member, every kind of JSON value), damage of every kind (each byte cut, each bit
// flipped, payloads changed behind a valid checksum, newer versions, absurd lengths, bad
// enums, duplicate ids) and the two generations on disk (rotation, quarantine, recovery
// of an interrupted write). Not here: journal replay on top of a snapshot (the app's).
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/ticket_json.hpp"
#include "storage/crc32.hpp"
#include "storage/snapshot.hpp"
#include "temp_dir.hpp"

using namespace tackboard;
using nlohmann::json;

namespace {


// Puts a valid length and checksum back after the payload was changed, so the decoder's
// own checks (not the checksum) are what a test exercises.
std::string Reseal(std::string bytes) {
    std::uint64_t length = bytes.size() - kSnapshotHeaderBytes;
    std::uint32_t crc = Crc32(std::string_view(bytes).substr(kSnapshotHeaderBytes));
    for (int i = 0; i < 8; ++i) bytes[12 + i] = static_cast<char>(length >> (8 * i));
    for (int i = 0; i < 4; ++i) bytes[20 + i] = static_cast<char>(crc >> (8 * i));
    return bytes;
}

BoardConfig RichConfig() {
    BoardConfig c = DefaultConfig();
    c.members = {{"ana", "Ana Lövgren", {"bug", "network"}, 8}, {"wei", "王伟", {}, 12}, {"zoé", "Zoé Fèvre", {"vip"}, 3}};
    c.transitions = {{"new", "triage"}, {"triage", "in_progress"}, {"in_progress", "resolved"}, {"resolved", "closed"}};
    c.types[1].fields.push_back({"count", "Occurrences", FieldKind::Number, {}, false});
    c.types[1].fields.push_back({"seen", "Seen on", FieldKind::Date, {}, false});
    c.types[1].fields.push_back({"regression", "Regression", FieldKind::Checkbox, {}, false});
    c.types[1].fields.push_back({"owner", "Owner", FieldKind::Member, {}, false});
    c.types[1].fields.push_back({"platforms", "Platforms", FieldKind::MultiSelect, {"Linux", "macOS", "Windows"}, false});
    c.views.push_back({"Mes tickets — 我的", "assignee:me"});
    c.extra = {{"x_theme", "dark"}, {"x_limits", {{"max", 5}, {"list", {1, 2.5, nullptr}}}}};
    return c;
}

Ticket FullTicket() {
    Ticket t;
    t.id = "01ARYZ6S41TSV4RRFFQ69G5FAV";
    t.type = "bug";
    t.title = "Le serveur ne répond plus — skrivaren är trasig — 服务器宕机了";
    t.description = "**Étapes** :\n1. ouvrir\n2. 打开\n\tåäö ÅÄÖ";
    t.status = "in_progress";
    t.priority = "urgent";
    t.assignee = "ana";
    t.requester = "åsa@example.se";
    t.labels = {"network", "vip", "réseau"};
    t.due = 1795392000000LL;
    t.fields = {{"steps", "1. démarrer\n2. 启动"},
                {"environment", "Göteborg"},
                {"severity", "Critical"},
                {"count", -42},
                {"seen", 1795392000000LL},
                {"regression", true},
                {"owner", "wei"},
                {"platforms", {"Linux", "Windows"}},
                {"ratio", 0.1},
                {"huge", std::numeric_limits<std::uint64_t>::max()},
                {"smallest", std::numeric_limits<std::int64_t>::min()},
                {"tiny", 1e-300},
                {"minus_zero", -0.0},
                {"nothing", nullptr},
                {"nested", {{"a", {1, {{"b", false}}}}, {"", "empty key"}}}};
    t.links = {{LinkKind::Blocks, "01ARYZ6S41TSV4RRFFQ69G5FAW"},
               {LinkKind::DuplicateOf, "01ARYZ6S41TSV4RRFFQ69G5FAX"},
               {LinkKind::BlockedBy, "01ARYZ6S41TSV4RRFFQ69G5FAY"},
               {LinkKind::DuplicatedBy, "x"},
               {LinkKind::RelatesTo, ""}};
    t.comments = {{"c1", "ana", 5, "Je regarde ça — 我看看", true}, {"c2", "åsa@example.se", 6, "", false}};
    t.history = {{1, "åsa@example.se", "created", nullptr, "Le serveur", ""},
                 {5, "ana", "fields.platforms", json::array(), {"Linux", "Windows"}, "Ändrat"},
                 {6, "ana", "fields.nested", {{"a", 1}}, json::object(), "重新打开"},
                 {-7, "", "status", "new", "in_progress", ""}};
    t.satisfaction = 4;
    t.created = 1;
    t.updated = 6;
    t.first_response_at = 5;
    t.resolved_at = -1;
    t.clocks["status"] = Hlc{6, 2, "laptop-åsa"};
    t.clocks["title"] = Hlc{-3, 0xFFFFFFFFu, ""};
    t.clocks["fields.severity"] = Hlc{1795392000000LL, 0, "手机"};
    t.clocks["rank"] = Hlc{7, 0, "laptop-åsa"};
    t.rank = "a0V";
    t.extra = {{"x_from_the_future", {{"a", 1}, {"b", {"x", nullptr}}}},
               {"x_bytes", json::binary({1, 2, 3, 255}, 42)},
               {"x_plain_bytes", json::binary({0})}};
    return t;
}

// A new, low-priority support ticket: only what every ticket has.
Ticket PlainTicket(std::string id, std::string title) {
    Ticket plain;
    plain.id = std::move(id);
    plain.type = "support";
    plain.title = std::move(title);
    plain.status = "new";
    plain.priority = "low";
    return plain;
}

Board RichBoard() {
    Board board(RichConfig());
    board.SetExtra({{"x_exported_by", "Tackboard 9"}, {"x_counts", {7, -7, 7.5}}});
    board.Insert(FullTicket());
    board.Insert(PlainTicket("01ARYZ6S41TSV4RRFFQ69G5FAW", "Skrivaren på plan 3"));
    Ticket gone = FullTicket();
    gone.id = "01ARYZ6S41TSV4RRFFQ69G5FAZ";
    gone.title = "Supprimé";
    gone.deleted = true;
    gone.fields = json::object();
    board.Insert(gone);
    return board;
}

// A small snapshot for the exhaustive damage tests (every byte, every bit).
std::string SmallSnapshot() {
    BoardConfig config = DefaultConfig();
    config.members = {{"ana", "Ana", {}, 1}};
    Board board(config);
    Ticket t;
    t.id = "T1";
    t.type = "bug";
    t.title = "Écran — 屏幕";
    t.status = "new";
    t.priority = "high";
    t.fields = {{"steps", "x"}, {"n", 1.5}, {"list", {1, "a"}}};
    t.links = {{LinkKind::RelatesTo, "T2"}};
    t.comments = {{"c", "ana", 3, "ok", false}};
    t.history = {{3, "ana", "title", nullptr, {{"k", "v"}}, ""}};
    t.clocks["title"] = Hlc{3, 1, "n"};
    t.extra = {{"x", true}};
    board.Insert(t);
    return EncodeSnapshot(board, 5);
}

void CheckSameBoard(const Board& a, const Board& b) {
    CHECK(ConfigToJson(a.config()) == ConfigToJson(b.config()));
    CHECK(a.extra() == b.extra());
    REQUIRE(a.tickets().size() == b.tickets().size());
    for (std::size_t i = 0; i < a.tickets().size(); ++i) {
        const Ticket& x = a.tickets()[i];
        const Ticket& y = b.tickets()[i];
        CHECK(TicketToJson(x) == TicketToJson(y));
        CHECK(x.fields == y.fields);
        CHECK(x.extra == y.extra);
        CHECK(x.deleted == y.deleted);
        CHECK(x.clocks == y.clocks);
        CHECK(b.Find(y.id) == &y);
    }
}

}  // namespace

// --- codec ------------------------------------------------------------------------

TEST_CASE("a board with every field set survives a snapshot round trip exactly") {
    Board board = RichBoard();
    std::string bytes = EncodeSnapshot(board, 123456789012ULL);
    auto decoded = DecodeSnapshot(bytes);
    REQUIRE_MESSAGE(decoded.ok(), decoded.error().Describe());
    CHECK(decoded.value().journal_segment == 123456789012ULL);
    CheckSameBoard(board, decoded.value().board);

    // JSON equality treats 5 and 5u alike; the bytes do not, so encoding the decoded
    // board again must give the very same bytes (kinds of number, key order, subtypes).
    CHECK(EncodeSnapshot(decoded.value().board, 123456789012ULL) == bytes);

    const Ticket& t = decoded.value().board.tickets()[0];
    CHECK(t.fields["count"].is_number_integer());
    CHECK(t.fields["huge"].is_number_unsigned());
    CHECK(t.fields["huge"].get<std::uint64_t>() == std::numeric_limits<std::uint64_t>::max());
    CHECK(t.fields["smallest"].get<std::int64_t>() == std::numeric_limits<std::int64_t>::min());
    CHECK(std::signbit(t.fields["minus_zero"].get<double>()));
    CHECK(t.fields["ratio"].get<double>() == 0.1);
    CHECK(t.extra["x_bytes"].get_binary().subtype() == 42);
    CHECK_FALSE(t.extra["x_plain_bytes"].get_binary().has_subtype());
    CHECK(t.clocks.at("title") == Hlc{-3, 0xFFFFFFFFu, ""});
    CHECK(t.history[2].old_value == json{{"a", 1}});
    CHECK(t.history[1].old_value.is_array());
    CHECK(t.history[0].old_value.is_null());
    CHECK(t.resolved_at == -1);
    CHECK(t.rank == "a0V");
    CHECK(decoded.value().board.tickets()[2].deleted);
    CHECK(decoded.value().board.config().members[1].name == "王伟");
    CHECK(decoded.value().board.config().transitions.size() == 4);
    CHECK(decoded.value().board.config().extra["x_theme"] == "dark");
    CHECK(decoded.value().board.Column("in_progress").size() == 1);  // deleted one hidden
}

TEST_CASE("a version 1 snapshot (before ranks) still opens, its tickets unranked") {
    Board board(DefaultConfig());
    Ticket t;
    t.id = "01ARYZ6S41TSV4RRFFQ69G5FAV";
    t.type = "support";
    t.title = "Skrivaren";
    t.status = "new";
    t.priority = "low";
    board.Insert(t);
    std::string bytes = EncodeSnapshot(board, 7);
    // Version 3 ends each ticket with its rank and its sprint; empty ones are a zero byte each.
    REQUIRE(bytes.ends_with(std::string(2, '\0')));
    bytes.resize(bytes.size() - 2);
    bytes[8] = 1;
    auto decoded = DecodeSnapshot(Reseal(bytes));
    REQUIRE_MESSAGE(decoded.ok(), decoded.error().Describe());
    REQUIRE(decoded.value().board.tickets().size() == 1);
    CHECK(decoded.value().board.tickets()[0].title == "Skrivaren");
    CHECK(decoded.value().board.tickets()[0].rank.empty());
}

TEST_CASE("an empty board round-trips, and so does the default configuration") {
    Board board;
    auto decoded = DecodeSnapshot(EncodeSnapshot(board, 0));
    REQUIRE(decoded.ok());
    CHECK(decoded.value().journal_segment == 0);
    CHECK(decoded.value().board.tickets().empty());
    CHECK(ConfigToJson(decoded.value().board.config()) == ConfigToJson(DefaultConfig()));
}

TEST_CASE("a deleted ticket whose status the configuration no longer has is restored as it was") {
    // Configuration changes only check live tickets (change.cpp), so this state is real.
    Board board = RichBoard();
    Ticket old = FullTicket();
    old.id = "OLD";
    old.status = "retired_status";
    old.deleted = true;
    board.Insert(old);
    auto decoded = DecodeSnapshot(EncodeSnapshot(board, 1));
    REQUIRE_MESSAGE(decoded.ok(), decoded.error().Describe());
    CHECK(decoded.value().board.Find("OLD")->status == "retired_status");
}

TEST_CASE("values nested deeper than the binary form allows still round-trip") {
    json deep = "bottom";
    for (int i = 0; i < 1000; ++i) deep = json::array({deep, i});
    Board board = RichBoard();
    board.SetExtra({{"deep", deep}});
    auto decoded = DecodeSnapshot(EncodeSnapshot(board, 1));
    REQUIRE_MESSAGE(decoded.ok(), decoded.error().Describe());
    CHECK(decoded.value().board.extra()["deep"] == deep);
}

TEST_CASE("a snapshot cut short at any byte is an error, never a crash") {
    std::string bytes = SmallSnapshot();
    REQUIRE(DecodeSnapshot(bytes).ok());
    for (std::size_t size = 0; size < bytes.size(); ++size) {
        auto decoded = DecodeSnapshot(std::string_view(bytes).substr(0, size));
        REQUIRE_MESSAGE(!decoded.ok(), "size ", size);
        CHECK_FALSE(decoded.error().message.empty());
    }
    CHECK(DecodeSnapshot("").error().message == "the snapshot is damaged: the file is empty");
    CHECK(DecodeSnapshot(bytes.substr(0, 30)).error().message.find("cut short") != std::string::npos);
    CHECK(DecodeSnapshot(bytes.substr(0, 10)).error().message.find("header") != std::string::npos);
}

TEST_CASE("a payload cut short at any byte is refused by the decoder itself, checksum aside") {
    std::string bytes = SmallSnapshot();
    for (std::size_t size = kSnapshotHeaderBytes; size < bytes.size(); ++size) {
        auto decoded = DecodeSnapshot(Reseal(bytes.substr(0, size)));
        REQUIRE_MESSAGE(!decoded.ok(), "size ", size);
    }
}

TEST_CASE("every single-bit flip is detected") {
    std::string bytes = SmallSnapshot();
    for (std::size_t at = 0; at < bytes.size(); ++at)
        for (int bit = 0; bit < 8; ++bit) {
            std::string damaged = bytes;
            damaged[at] ^= static_cast<char>(1 << bit);
            REQUIRE_MESSAGE(!DecodeSnapshot(damaged).ok(), "byte ", at, " bit ", bit);
        }
}

TEST_CASE("damaged payloads with a valid checksum decode or fail cleanly, never crash") {
    // What a checksum cannot catch (a bug, a hostile file): the decoder's own bounds.
    std::string bytes = SmallSnapshot();
    for (std::size_t at = kSnapshotHeaderBytes; at < bytes.size(); ++at)
        for (unsigned char value : {0x00, 0x01, 0x07, 0x0A, 0x7F, 0x80, 0xFF}) {
            std::string damaged = bytes;
            damaged[at] = static_cast<char>(value);
            auto decoded = DecodeSnapshot(Reseal(damaged));
            if (!decoded.ok()) CHECK_FALSE(decoded.error().message.empty());
        }
}

TEST_CASE("header problems are reported in plain words") {
    std::string bytes = SmallSnapshot();
    CHECK(DecodeSnapshot("{\"format\":\"tackboard\"}").error().message.find("not a Tackboard snapshot") !=
          std::string::npos);

    std::string newer = bytes;
    newer[8] = 4;
    auto refused = DecodeSnapshot(newer);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message ==
          "this snapshot was written by a newer Tackboard (format version 4, this one reads up to 3); update "
          "Tackboard to open it");
    newer[8] = 0;
    newer[11] = 1;  // version 2^24: still "newer", not a crash or a misleading length error
    CHECK(DecodeSnapshot(newer).error().message.find("newer Tackboard") != std::string::npos);

    std::string zero = bytes;
    zero[8] = 0;
    CHECK(DecodeSnapshot(zero).error().message.find("version 0") != std::string::npos);

    CHECK(DecodeSnapshot(bytes + "x").error().message.find("1 unexpected bytes") != std::string::npos);

    std::string flipped = bytes;
    flipped[bytes.size() / 2] ^= 0x10;
    CHECK(DecodeSnapshot(flipped).error().message == "the snapshot is damaged: its checksum does not match its contents");
}

TEST_CASE("absurd counts and lengths are refused before anything is allocated") {
    BoardConfig config = DefaultConfig();
    std::string empty = EncodeSnapshot(Board(config), 1);
    // The ticket count is the last byte of a board without tickets.
    REQUIRE(empty.back() == 0);
    std::string many = empty.substr(0, empty.size() - 1);
    for (int i = 0; i < 9; ++i) many += '\xFF';
    many += '\x01';  // 2^63 and up
    auto decoded = DecodeSnapshot(Reseal(many));
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().message.find("number of tickets") != std::string::npos);

    std::string overflow = empty.substr(0, empty.size() - 1);
    for (int i = 0; i < 10; ++i) overflow += '\xFF';
    overflow += '\x01';
    CHECK(DecodeSnapshot(Reseal(overflow)).error().message.find("too large") != std::string::npos);

    // One ticket whose id claims to be 2^40 bytes long.
    Board one(config);
    Ticket t;
    t.id = "T";
    t.type = "bug";
    t.title = "x";
    t.status = "new";
    t.priority = "low";
    one.Insert(t);
    std::string bytes = EncodeSnapshot(one, 1);
    std::size_t id_at = empty.size();  // the same prefix, then the ticket
    REQUIRE(bytes[id_at] == 1);
    std::string longer = bytes.substr(0, id_at) + "\x80\x80\x80\x80\x80\x20" + bytes.substr(id_at + 1);
    auto refused = DecodeSnapshot(Reseal(longer));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("longer than the data left") != std::string::npos);
    CHECK(refused.error().path == "/tickets/0");
}

TEST_CASE("invalid enum values and duplicate ticket ids are errors") {
    Board board = RichBoard();
    board.FindMutable(board.tickets()[0].id)->links[0].kind = static_cast<LinkKind>(9);
    auto bad_link = DecodeSnapshot(EncodeSnapshot(board, 1));
    REQUIRE_FALSE(bad_link.ok());
    CHECK(bad_link.error().message.find("unknown link kind 9") != std::string::npos);
    CHECK(bad_link.error().path == "/tickets/0");

    Board twice = RichBoard();
    twice.Insert(twice.tickets()[1]);  // Insert itself does not check
    auto duplicate = DecodeSnapshot(EncodeSnapshot(twice, 1));
    REQUIRE_FALSE(duplicate.ok());
    CHECK(duplicate.error().Describe() ==
          "/tickets/3/id: the snapshot is damaged: ticket id '01ARYZ6S41TSV4RRFFQ69G5FAW' appears twice");
}

TEST_CASE("a configuration that does not pass ConfigFromJson is refused") {
    BoardConfig config = DefaultConfig();
    config.default_priority = "missing";
    auto decoded = DecodeSnapshot(EncodeSnapshot(Board(config), 1));
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().message.find("configuration is not usable") != std::string::npos);
    CHECK(decoded.error().path.rfind("/config", 0) == 0);
}

TEST_CASE("the journal segment can be read without decoding the board") {
    std::string bytes = EncodeSnapshot(RichBoard(), 77);
    auto segment = SnapshotJournalSegment(bytes);
    REQUIRE(segment.ok());
    CHECK(segment.value() == 77);
    bytes[bytes.size() - 3] ^= 1;
    CHECK_FALSE(SnapshotJournalSegment(bytes).ok());
}

// --- files --------------------------------------------------------------------------

TEST_CASE("no snapshot at all is a fresh board, not an error") {
    TempDir dir;
    auto loaded = LoadSnapshots(dir.str());
    REQUIRE(loaded.ok());
    CHECK_FALSE(loaded.value().snapshot.has_value());
    CHECK(loaded.value().problems.empty());
    CHECK(loaded.value().quarantined.empty());
    CHECK(OldestSegmentNeeded(dir.str()) == 1);
}

TEST_CASE("two generations are kept and the newest is loaded") {
    TempDir dir;
    Board board = RichBoard();
    REQUIRE(WriteSnapshot(dir.str(), EncodeSnapshot(board, 3)).ok());
    CHECK(OldestSegmentNeeded(dir.str()) == 1);  // no previous generation yet: keep every segment
    CHECK_FALSE(std::filesystem::exists(dir.path / "snapshot.prev.bin"));

    board.FindMutable(board.tickets()[1].id)->title = "Andra versionen";
    REQUIRE(WriteSnapshot(dir.str(), EncodeSnapshot(board, 7)).ok());
    CHECK(std::filesystem::exists(dir.path / "snapshot.prev.bin"));
    CHECK_FALSE(std::filesystem::exists(dir.path / "snapshot.tmp"));
    CHECK(OldestSegmentNeeded(dir.str()) == 4);  // segments 1..3 are inside snapshot.prev.bin

    auto loaded = LoadSnapshots(dir.str());
    REQUIRE(loaded.ok());
    REQUIRE(loaded.value().snapshot.has_value());
    CHECK(loaded.value().used_path == dir.str() + "/snapshot.bin");
    CHECK(loaded.value().snapshot->journal_segment == 7);
    CHECK(loaded.value().snapshot->board.tickets()[1].title == "Andra versionen");
    CHECK(loaded.value().problems.empty());
    CheckSameBoard(board, loaded.value().snapshot->board);

    REQUIRE(WriteSnapshot(dir.str(), EncodeSnapshot(board, 9)).ok());
    CHECK(OldestSegmentNeeded(dir.str()) == 8);
}

TEST_CASE("a damaged newest snapshot is quarantined and the previous one is used") {
    TempDir dir;
    Board board = RichBoard();
    REQUIRE(WriteSnapshot(dir.str(), EncodeSnapshot(board, 3)).ok());
    REQUIRE(WriteSnapshot(dir.str(), EncodeSnapshot(board, 7)).ok());
    std::string newest = ReadAll(dir.path / "snapshot.bin");
    std::string damaged = newest;
    damaged[damaged.size() / 2] ^= 0x04;
    WriteAll(dir.path / "snapshot.bin", damaged);

    auto loaded = LoadSnapshots(dir.str());
    REQUIRE_MESSAGE(loaded.ok(), loaded.error().message);
    REQUIRE(loaded.value().snapshot.has_value());
    CHECK(loaded.value().used_path == dir.str() + "/snapshot.prev.bin");
    CHECK(loaded.value().snapshot->journal_segment == 3);
    REQUIRE(loaded.value().quarantined.size() == 1);
    std::string moved = loaded.value().quarantined[0];
    CHECK(moved == dir.str() + "/quarantine/snapshot-1.bin");
    CHECK(ReadAll(moved) == damaged);  // kept byte for byte, for download
    CHECK_FALSE(std::filesystem::exists(dir.path / "snapshot.bin"));
    REQUIRE(loaded.value().problems.size() == 1);
    CHECK(loaded.value().problems[0].find("checksum") != std::string::npos);
    CHECK(loaded.value().problems[0].find(moved) != std::string::npos);
    // Segments after 3 are still needed: the journal rebuilds what the damaged one held.
    CHECK(OldestSegmentNeeded(dir.str()) == 4);

    // The next snapshot does not push the good previous one out.
    REQUIRE(WriteSnapshot(dir.str(), EncodeSnapshot(board, 8)).ok());
    CHECK(SnapshotJournalSegment(ReadAll(dir.path / "snapshot.prev.bin")).value() == 3);
    CHECK(SnapshotJournalSegment(ReadAll(dir.path / "snapshot.bin")).value() == 8);

    // A second damaged one gets the next number.
    WriteAll(dir.path / "snapshot.bin", "TKBSNAP");
    auto again = LoadSnapshots(dir.str());
    REQUIRE(again.ok());
    REQUIRE(again.value().quarantined.size() == 1);
    CHECK(again.value().quarantined[0] == dir.str() + "/quarantine/snapshot-2.bin");
}

TEST_CASE("when both generations are damaged the error names both and nothing is moved") {
    TempDir dir;
    REQUIRE(WriteSnapshot(dir.str(), EncodeSnapshot(RichBoard(), 1)).ok());
    REQUIRE(WriteSnapshot(dir.str(), EncodeSnapshot(RichBoard(), 3)).ok());
    REQUIRE(WriteSnapshot(dir.str(), EncodeSnapshot(RichBoard(), 7)).ok());  // replaces a snapshot.prev.bin
    std::string newest = ReadAll(dir.path / "snapshot.bin");
    WriteAll(dir.path / "snapshot.bin", newest.substr(0, newest.size() - 10));
    WriteAll(dir.path / "snapshot.prev.bin", "garbage");

    auto loaded = LoadSnapshots(dir.str());
    REQUIRE_FALSE(loaded.ok());
    const std::string& message = loaded.error().message;
    CHECK(message.find(dir.str() + "/snapshot.bin: the snapshot is damaged: it is cut short") != std::string::npos);
    CHECK(message.find(dir.str() + "/snapshot.prev.bin: this is not a Tackboard snapshot") != std::string::npos);
    CHECK(std::filesystem::exists(dir.path / "snapshot.bin"));
    CHECK(std::filesystem::exists(dir.path / "snapshot.prev.bin"));
    CHECK_FALSE(std::filesystem::exists(dir.path / "quarantine"));
    CHECK(OldestSegmentNeeded(dir.str()) == 1);

    // The app may set them aside explicitly once the user has decided.
    auto moved = QuarantineFile(dir.str(), dir.str() + "/snapshot.prev.bin");
    REQUIRE(moved.ok());
    CHECK(moved.value() == dir.str() + "/quarantine/snapshot.prev-1.bin");
    // In Emscripten's FS a file replaced by rename used to come back here as a ghost.
    CHECK_FALSE(std::filesystem::exists(dir.path / "snapshot.prev.bin"));
    CHECK(ReadAll(moved.value()) == "garbage");
}

TEST_CASE("a damaged only snapshot is an error, not a fresh board") {
    TempDir dir;
    REQUIRE(WriteSnapshot(dir.str(), EncodeSnapshot(RichBoard(), 3)).ok());
    WriteAll(dir.path / "snapshot.bin", "");
    auto loaded = LoadSnapshots(dir.str());
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().message.find("file is empty") != std::string::npos);
    CHECK(loaded.error().message.find("no previous snapshot") != std::string::npos);
}

TEST_CASE("a write interrupted between its two renames is completed on load") {
    TempDir dir;
    REQUIRE(WriteSnapshot(dir.str(), EncodeSnapshot(RichBoard(), 3)).ok());
    // As if the process died after snapshot.bin became snapshot.prev.bin.
    std::filesystem::rename(dir.path / "snapshot.bin", dir.path / "snapshot.prev.bin");
    WriteAll(dir.path / "snapshot.tmp", EncodeSnapshot(RichBoard(), 5));
    auto loaded = LoadSnapshots(dir.str());
    REQUIRE(loaded.ok());
    CHECK(loaded.value().snapshot->journal_segment == 5);
    CHECK(loaded.value().used_path == dir.str() + "/snapshot.bin");
    CHECK_FALSE(std::filesystem::exists(dir.path / "snapshot.tmp"));
    CHECK(loaded.value().problems.empty());
}

TEST_CASE("a half-written first snapshot is ignored: the board starts fresh from the journal") {
    TempDir dir;
    std::string bytes = EncodeSnapshot(RichBoard(), 3);
    WriteAll(dir.path / "snapshot.tmp", bytes.substr(0, bytes.size() / 2));
    auto loaded = LoadSnapshots(dir.str());
    REQUIRE(loaded.ok());
    CHECK_FALSE(loaded.value().snapshot.has_value());
    REQUIRE(WriteSnapshot(dir.str(), bytes).ok());  // overwrites the leftover
    CHECK(LoadSnapshots(dir.str()).value().snapshot->journal_segment == 3);
}

TEST_CASE("an unusable folder is an error, not a crash") {
    TempDir dir;
    WriteAll(dir.path / "file", "x");
    std::string inside_a_file = (dir.path / "file" / "sub").string();
    CHECK_FALSE(WriteSnapshot(inside_a_file, SmallSnapshot()).ok());
    CHECK(OldestSegmentNeeded(inside_a_file) == 1);
    auto loaded = LoadSnapshots(inside_a_file);
    REQUIRE(loaded.ok());
    CHECK_FALSE(loaded.value().snapshot.has_value());
}

TEST_CASE("a ticket's sprint round-trips; a version 2 snapshot (before sprints) opens with every ticket in the backlog") {
    Board board(DefaultConfig());
    Ticket t = PlainTicket("01ARYZ6S41TSV4RRFFQ69G5FAV", "Skrivaren");
    t.rank = "a0V";
    t.sprint = "sp-12";
    board.Insert(t);
    auto decoded = DecodeSnapshot(EncodeSnapshot(board, 3));
    REQUIRE_MESSAGE(decoded.ok(), decoded.error().Describe());
    CHECK(decoded.value().board.tickets()[0].sprint == "sp-12");
    CHECK(decoded.value().board.tickets()[0].rank == "a0V");

    // The same ticket as version 2 wrote it: the rank last, no sprint after it.
    board.FindMutable(t.id)->sprint.clear();
    std::string bytes = EncodeSnapshot(board, 3);
    REQUIRE(bytes.back() == '\0');
    bytes.pop_back();
    bytes[8] = 2;
    auto old = DecodeSnapshot(Reseal(bytes));
    REQUIRE_MESSAGE(old.ok(), old.error().Describe());
    CHECK(old.value().board.tickets()[0].rank == "a0V");
    CHECK(old.value().board.tickets()[0].sprint.empty());
}
