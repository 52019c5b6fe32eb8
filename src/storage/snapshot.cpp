// snapshot.cpp — encoding, decoding and the two on-disk generations of board snapshots.
//
// [SECTION] payload layout
// [SECTION] writing bytes
// [SECTION] reading bytes (bounds-checked; the first problem wins)
// [SECTION] tickets
// [SECTION] header and whole snapshots
// [SECTION] files: write, rotate, load, quarantine
//
// Not here: the board model (core/board.hpp) and journal replay (the caller's).
#include "storage/snapshot.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>

#include "core/ticket_json.hpp"
#include "storage/crc32.hpp"

namespace tackboard {

using nlohmann::json;

namespace {

// [SECTION] payload layout ------------------------------------------------------------
//
// Version 1 payload:
//   journal_segment  u64 fixed (first, so SnapshotJournalSegment needs no decoding)
//   config           value: ConfigToJson(config), read back through ConfigFromJson
//   board extra      value
//   ticket count     varint, then per ticket, in this order:
//     id type title description status priority assignee requester   strings
//     labels         varint n, n strings
//     due            svarint
//     fields         value
//     links          varint n, n x (kind u8, target string)
//     comments       varint n, n x (id, author, at svarint, body, internal u8)
//     history        varint n, n x (at svarint, by, field, old value, new value, note)
//     satisfaction created updated first_response_at resolved_at   svarints
//     deleted        u8 (0 or 1)
//     clocks         varint n, n x (field string, wall svarint, counter varint, node string)
//     extra          value
// Version 2: the same, each ticket followed by its rank (string).
// Version 3: the same, each ticket's rank followed by its sprint (string; empty: backlog).
// Older versions are read with the newer members at their defaults (migrated, not refused).
// string: varint byte length, then the bytes. svarint: zigzag LEB128. value: one tag
// byte (Tag below), then the tag's content.

constexpr char kMagic[8] = {'T', 'K', 'B', 'S', 'N', 'A', 'P', '\x1A'};  // ^Z: stops text tools early

enum Tag : std::uint8_t {
    kNull = 0,
    kFalse = 1,
    kTrue = 2,
    kInt = 3,       // svarint
    kUnsigned = 4,  // varint
    kDouble = 5,    // 8 bytes, IEEE bits
    kString = 6,
    kArray = 7,     // varint count, values
    kObject = 8,    // varint count, (key string, value) pairs in key order
    kBinary = 9,    // string of bytes, u8 has_subtype, varint subtype when it has one
    kJsonText = 10  // string: JSON text, for what is nested deeper than kMaxDepth
};

// Values nested deeper go as JSON text (whose parser is not recursive), so decoding
// recursion stays bounded whatever a damaged or hostile file claims.
constexpr int kMaxDepth = 128;

// Fewest bytes each element can take, to refuse counts the remaining bytes cannot hold
// before anything is allocated for them.
constexpr std::size_t kMinTicketBytes = 22;  // 8 strings + 14 one-byte members (layout above)
constexpr std::size_t kMinLinkBytes = 2;
constexpr std::size_t kMinCommentBytes = 5;
constexpr std::size_t kMinHistoryBytes = 6;
constexpr std::size_t kMinClockBytes = 4;
constexpr std::size_t kMinEntryBytes = 2;  // object member: key + value

constexpr std::uint8_t kMaxLinkKind = static_cast<std::uint8_t>(LinkKind::BlockedBy);

const char* const kCurrentName = "snapshot.bin";
const char* const kPreviousName = "snapshot.prev.bin";
const char* const kTempName = "snapshot.tmp";

// [SECTION] writing bytes ---------------------------------------------------------------

class Writer {
public:
    std::string& out() { return out_; }

    void Byte(std::uint8_t b) { out_.push_back(static_cast<char>(b)); }
    void Fixed(std::uint64_t v, int bytes) {
        char buffer[8];
        for (int i = 0; i < bytes; ++i) buffer[i] = static_cast<char>(v >> (8 * i));
        out_.append(buffer, bytes);
    }
    void Varint(std::uint64_t v) {
        char buffer[10];
        int n = 0;
        for (; v >= 0x80; v >>= 7) buffer[n++] = static_cast<char>(v | 0x80);
        buffer[n++] = static_cast<char>(v);
        out_.append(buffer, n);
    }
    // Zigzag, so small negative numbers stay short too.
    void Signed(std::int64_t v) { Varint((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63)); }
    void String(std::string_view s) {
        Varint(s.size());
        out_.append(s.data(), s.size());
    }

    void Value(const json& v, int depth) {
        if (depth >= kMaxDepth && (v.is_array() || v.is_object())) {
            Byte(kJsonText);
            String(v.dump(-1, ' ', false, json::error_handler_t::replace));
            return;
        }
        switch (v.type()) {
            case json::value_t::null:
            case json::value_t::discarded: Byte(kNull); break;
            case json::value_t::boolean: Byte(v.get<bool>() ? kTrue : kFalse); break;
            case json::value_t::number_integer:
                Byte(kInt);
                Signed(v.get<std::int64_t>());
                break;
            case json::value_t::number_unsigned:
                Byte(kUnsigned);
                Varint(v.get<std::uint64_t>());
                break;
            case json::value_t::number_float: {
                double d = v.get<double>();
                std::uint64_t bits;
                std::memcpy(&bits, &d, sizeof bits);
                Byte(kDouble);
                Fixed(bits, 8);
                break;
            }
            case json::value_t::string:
                Byte(kString);
                String(*v.get_ptr<const std::string*>());
                break;
            case json::value_t::array:
                Byte(kArray);
                Varint(v.size());
                for (const json& item : v) Value(item, depth + 1);
                break;
            case json::value_t::object:
                Byte(kObject);
                Varint(v.size());
                for (auto it = v.begin(); it != v.end(); ++it) {
                    String(it.key());
                    Value(it.value(), depth + 1);
                }
                break;
            case json::value_t::binary: {
                const auto& bin = v.get_binary();
                Byte(kBinary);
                String(std::string_view(reinterpret_cast<const char*>(bin.data()), bin.size()));
                Byte(bin.has_subtype() ? 1 : 0);
                if (bin.has_subtype()) Varint(bin.subtype());
                break;
            }
        }
    }

private:
    std::string out_;
};

// [SECTION] reading bytes ---------------------------------------------------------------

// Every read checks the bytes left. On the first problem the reader records it, jumps to
// the end and from then on returns zeros and empties: callers check failed() once per
// ticket instead of after every member, and nothing is allocated from a bad length.
class Reader {
public:
    // `offset`: where `bytes` starts in the whole snapshot, for byte positions in errors.
    Reader(std::string_view bytes, std::size_t offset)
        : begin_(bytes.data()), p_(bytes.data()), end_(bytes.data() + bytes.size()), offset_(offset) {}

    bool failed() const { return failed_; }
    const std::string& problem() const { return problem_; }
    std::size_t remaining() const { return static_cast<std::size_t>(end_ - p_); }

    void Fail(const std::string& what) {
        if (failed_) return;
        failed_ = true;
        problem_ = what + " (byte " + std::to_string(offset_ + (p_ - begin_)) + ")";
        p_ = end_;
    }

    std::uint8_t Byte() {
        if (p_ == end_) return Fail("the data ends too early"), 0;
        return static_cast<std::uint8_t>(*p_++);
    }
    std::uint64_t Fixed64() {
        if (remaining() < 8) return Fail("the data ends too early"), 0;
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(p_[i])) << (8 * i);
        p_ += 8;
        return v;
    }
    std::uint64_t Varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p_ == end_) return Fail("the data ends too early"), 0;
            std::uint8_t b = static_cast<std::uint8_t>(*p_++);
            // The tenth byte may only hold the top bit of a 64-bit number.
            if (shift == 63 && b > 1) return Fail("a number is too large"), 0;
            v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
            if (!(b & 0x80)) return v;
        }
        return Fail("a number is too large"), 0;
    }
    std::int64_t Signed() {
        std::uint64_t v = Varint();
        return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
    }
    int Int(const char* what) {
        std::int64_t v = Signed();
        if (v < INT_MIN || v > INT_MAX) return Fail(std::string(what) + " is out of range"), 0;
        return static_cast<int>(v);
    }
    bool Bool(const char* what) {
        std::uint8_t b = Byte();
        if (b > 1) Fail(std::string(what) + " is neither true nor false");
        return b == 1;
    }
    std::string_view Bytes() {
        std::uint64_t n = Varint();
        if (n > remaining()) return Fail("a text is longer than the data left"), std::string_view();
        std::string_view s(p_, static_cast<std::size_t>(n));
        p_ += n;
        return s;
    }
    void String(std::string& out) {
        std::string_view s = Bytes();
        out.assign(s.data(), s.size());
    }
    std::string String() { return std::string(Bytes()); }
    // A list length, refused when even the smallest elements would not fit in what is left.
    std::size_t Count(std::size_t min_element_bytes, const char* what) {
        std::uint64_t n = Varint();
        if (n > remaining() / min_element_bytes)
            return Fail(std::string("the number of ") + what + " (" + std::to_string(n) + ") is larger than the data left"), 0;
        return static_cast<std::size_t>(n);
    }

    json Value(int depth) {
        std::uint8_t tag = Byte();
        switch (tag) {
            case kNull: return nullptr;
            case kFalse: return false;
            case kTrue: return true;
            case kInt: return json(Signed());
            case kUnsigned: return json(Varint());
            case kDouble: {
                std::uint64_t bits = Fixed64();
                double d;
                std::memcpy(&d, &bits, sizeof d);
                return d;
            }
            case kString: {
                json s(json::value_t::string);
                String(*s.get_ptr<std::string*>());
                return s;
            }
            case kArray: {
                if (depth + 1 > kMaxDepth) return Fail("values are nested too deeply"), nullptr;
                std::size_t n = Count(1, "list items");
                json a(json::value_t::array);
                auto& items = *a.get_ptr<json::array_t*>();
                items.reserve(n);
                for (std::size_t i = 0; i < n && !failed_; ++i) items.push_back(Value(depth + 1));
                return a;
            }
            case kObject: {
                if (depth + 1 > kMaxDepth) return Fail("values are nested too deeply"), nullptr;
                std::size_t n = Count(kMinEntryBytes, "object members");
                json o(json::value_t::object);
                auto& members = *o.get_ptr<json::object_t*>();
                for (std::size_t i = 0; i < n && !failed_; ++i) {
                    std::string key = String();
                    // Keys were written in map order, so the end is the right hint.
                    members.emplace_hint(members.end(), std::move(key), Value(depth + 1));
                    if (members.size() != i + 1) Fail("an object has the same member twice");
                }
                return o;
            }
            case kBinary: {
                std::string_view bytes = Bytes();
                std::vector<std::uint8_t> content(bytes.begin(), bytes.end());
                if (Bool("a binary value's subtype flag")) return json::binary(std::move(content), Varint());
                return json::binary(std::move(content));
            }
            case kJsonText: {
                std::string_view text = Bytes();
                json parsed = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
                if (parsed.is_discarded()) return Fail("a deeply nested value is not valid JSON"), nullptr;
                return parsed;
            }
            default: return Fail("unknown value type " + std::to_string(tag)), nullptr;
        }
    }

private:
    const char* begin_;
    const char* p_;
    const char* end_;
    std::size_t offset_;
    bool failed_ = false;
    std::string problem_;
};

// [SECTION] tickets ---------------------------------------------------------------------

void WriteTicket(Writer& w, const Ticket& t) {
    for (const std::string* s : {&t.id, &t.type, &t.title, &t.description, &t.status, &t.priority, &t.assignee,
                                 &t.requester})
        w.String(*s);
    w.Varint(t.labels.size());
    for (const auto& label : t.labels) w.String(label);
    w.Signed(t.due);
    w.Value(t.fields, 0);
    w.Varint(t.links.size());
    for (const auto& link : t.links) {
        w.Byte(static_cast<std::uint8_t>(link.kind));
        w.String(link.target);
    }
    w.Varint(t.comments.size());
    for (const auto& c : t.comments) {
        w.String(c.id);
        w.String(c.author);
        w.Signed(c.at);
        w.String(c.body);
        w.Byte(c.internal ? 1 : 0);
    }
    w.Varint(t.history.size());
    for (const auto& h : t.history) {
        w.Signed(h.at);
        w.String(h.by);
        w.String(h.field);
        w.Value(h.old_value, 0);
        w.Value(h.new_value, 0);
        w.String(h.note);
    }
    for (Millis m : {Millis{t.satisfaction}, t.created, t.updated, t.first_response_at, t.resolved_at}) w.Signed(m);
    w.Byte(t.deleted ? 1 : 0);
    w.Varint(t.clocks.size());
    for (const auto& [field, stamp] : t.clocks) {
        w.String(field);
        w.Signed(stamp.wall);
        w.Varint(stamp.counter);
        w.String(stamp.node);
    }
    w.Value(t.extra, 0);
    w.String(t.rank);
    w.String(t.sprint);
}

// Reads one ticket of a `version` snapshot; on failure r.failed() is set and `t` is partly filled.
void ReadTicket(Reader& r, Ticket& t, std::uint32_t version) {
    for (std::string* s : {&t.id, &t.type, &t.title, &t.description, &t.status, &t.priority, &t.assignee,
                           &t.requester})
        r.String(*s);
    std::size_t labels = r.Count(1, "labels");
    t.labels.resize(labels);
    for (auto& label : t.labels) r.String(label);
    t.due = r.Signed();
    t.fields = r.Value(0);
    std::size_t links = r.Count(kMinLinkBytes, "links");
    t.links.resize(links);
    for (auto& link : t.links) {
        std::uint8_t kind = r.Byte();
        if (kind > kMaxLinkKind) r.Fail("unknown link kind " + std::to_string(kind));
        link.kind = static_cast<LinkKind>(kind);
        r.String(link.target);
    }
    std::size_t comments = r.Count(kMinCommentBytes, "comments");
    t.comments.resize(comments);
    for (auto& c : t.comments) {
        r.String(c.id);
        r.String(c.author);
        c.at = r.Signed();
        r.String(c.body);
        c.internal = r.Bool("a comment's internal flag");
    }
    std::size_t history = r.Count(kMinHistoryBytes, "history entries");
    t.history.resize(history);
    for (auto& h : t.history) {
        h.at = r.Signed();
        r.String(h.by);
        r.String(h.field);
        h.old_value = r.Value(0);
        h.new_value = r.Value(0);
        r.String(h.note);
    }
    t.satisfaction = r.Int("satisfaction");
    t.created = r.Signed();
    t.updated = r.Signed();
    t.first_response_at = r.Signed();
    t.resolved_at = r.Signed();
    t.deleted = r.Bool("the deleted flag");
    std::size_t clocks = r.Count(kMinClockBytes, "clock stamps");
    for (std::size_t i = 0; i < clocks && !r.failed(); ++i) {
        std::string field = r.String();
        Hlc stamp;
        stamp.wall = r.Signed();
        std::uint64_t counter = r.Varint();
        if (counter > UINT32_MAX) r.Fail("a clock counter is out of range");
        stamp.counter = static_cast<std::uint32_t>(counter);
        r.String(stamp.node);
        t.clocks.emplace_hint(t.clocks.end(), std::move(field), std::move(stamp));
        if (t.clocks.size() != i + 1) r.Fail("a field has two clock stamps");
    }
    t.extra = r.Value(0);
    if (version >= 2) r.String(t.rank);
    if (version >= 3) r.String(t.sprint);
}

// [SECTION] header and whole snapshots --------------------------------------------------

std::uint64_t LoadLittleEndian(std::string_view bytes, std::size_t at, int count) {
    std::uint64_t v = 0;
    for (int i = 0; i < count; ++i) v |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(bytes[at + i])) << (8 * i);
    return v;
}

Error Damaged(const std::string& what, std::string path = {}) {
    return Error{"the snapshot is damaged: " + what, std::move(path)};
}

// The payload, once magic, version, length and checksum are right. The version is
// checked before the length because a newer format may lay out the rest differently.
Result<std::string_view> CheckedPayload(std::string_view bytes) {
    const std::string_view magic(kMagic, sizeof kMagic);
    if (bytes.empty()) return Damaged("the file is empty");
    if (bytes.substr(0, magic.size()) != magic.substr(0, bytes.size()))
        return Error{"this is not a Tackboard snapshot (it does not start with TKBSNAP)"};
    if (bytes.size() < kSnapshotHeaderBytes)
        return Damaged("it is cut short inside its header (" + std::to_string(bytes.size()) + " of " +
                       std::to_string(kSnapshotHeaderBytes) + " bytes)");
    std::uint32_t version = static_cast<std::uint32_t>(LoadLittleEndian(bytes, 8, 4));
    if (version > kSnapshotVersion)
        return Error{"this snapshot was written by a newer Tackboard (format version " + std::to_string(version) +
                     ", this one reads up to " + std::to_string(kSnapshotVersion) + "); update Tackboard to open it"};
    if (version == 0) return Damaged("unknown format version 0");
    std::uint64_t length = LoadLittleEndian(bytes, 12, 8);
    std::uint32_t crc = static_cast<std::uint32_t>(LoadLittleEndian(bytes, 20, 4));
    std::uint64_t present = bytes.size() - kSnapshotHeaderBytes;
    if (length > present)
        return Damaged("it is cut short (" + std::to_string(present) + " of " + std::to_string(length) +
                       " payload bytes present)");
    if (length < present)
        return Damaged(std::to_string(present - length) + " unexpected bytes follow its end");
    std::string_view payload = bytes.substr(kSnapshotHeaderBytes);
    if (Crc32(payload) != crc) return Damaged("its checksum does not match its contents");
    return payload;
}

}  // namespace

std::string EncodeSnapshot(const Board& board, std::uint64_t journal_segment) {
    Writer w;
    // One allocation for a typical board (~600 bytes a ticket with a comment or two):
    // growing a string of tens of MB copies it each time.
    w.out().reserve(kSnapshotHeaderBytes + 64 * 1024 + board.tickets().size() * 640);
    w.out().append(kMagic, sizeof kMagic);
    w.Fixed(kSnapshotVersion, 4);
    w.Fixed(0, 8);  // payload length and checksum, filled in below
    w.Fixed(0, 4);
    w.Fixed(journal_segment, 8);
    w.Value(ConfigToJson(board.config()), 0);
    w.Value(board.extra(), 0);
    w.Varint(board.tickets().size());
    for (const Ticket& t : board.tickets()) WriteTicket(w, t);

    std::string& out = w.out();
    std::string_view payload = std::string_view(out).substr(kSnapshotHeaderBytes);
    std::uint64_t length = payload.size();
    std::uint32_t crc = Crc32(payload);
    for (int i = 0; i < 8; ++i) out[12 + i] = static_cast<char>(length >> (8 * i));
    for (int i = 0; i < 4; ++i) out[20 + i] = static_cast<char>(crc >> (8 * i));
    return std::move(out);
}

Result<std::uint64_t> SnapshotJournalSegment(std::string_view bytes) {
    auto payload = CheckedPayload(bytes);
    if (!payload) return payload.error();
    Reader r(payload.value(), kSnapshotHeaderBytes);
    std::uint64_t segment = r.Fixed64();
    if (r.failed()) return Damaged(r.problem());
    return segment;
}

Result<DecodedSnapshot> DecodeSnapshot(std::string_view bytes) {
    auto payload = CheckedPayload(bytes);
    if (!payload) return payload.error();
    Reader r(payload.value(), kSnapshotHeaderBytes);
    std::uint64_t segment = r.Fixed64();
    json config_json = r.Value(0);
    json board_extra = r.Value(0);
    if (r.failed()) return Damaged(r.problem());
    auto config = ConfigFromJson(config_json, "/config");
    if (!config) return Damaged("its configuration is not usable: " + config.error().message, config.error().path);

    const auto version = static_cast<std::uint32_t>(LoadLittleEndian(bytes, 8, 4));
    DecodedSnapshot out{Board(std::move(config.value())), segment};
    out.board.SetExtra(std::move(board_extra));
    std::size_t count = r.Count(kMinTicketBytes, "tickets");
    out.board.Reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        Ticket t;
        ReadTicket(r, t, version);
        if (r.failed()) return Damaged(r.problem(), "/tickets/" + std::to_string(i));
        if (out.board.Find(t.id))
            return Damaged("ticket id '" + t.id + "' appears twice", "/tickets/" + std::to_string(i) + "/id");
        out.board.Insert(std::move(t));
    }
    if (r.failed()) return Damaged(r.problem());
    if (r.remaining()) return Damaged(std::to_string(r.remaining()) + " unexpected bytes after the last ticket");
    return out;
}

// [SECTION] files: write, rotate, load, quarantine --------------------------------------

namespace {

std::string Join(const std::string& directory, const char* name) { return directory + "/" + name; }

bool Exists(const std::string& path) {
    struct stat info;
    return stat(path.c_str(), &info) == 0;
}

Result<std::string> ReadWholeFile(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return Error{"cannot open " + path + ": " + std::strerror(errno)};
    // One read of the known size: snapshots are tens of MB and growing a string by
    // chunks would copy them several times.
    struct stat info;
    std::string data;
    bool ok = fstat(fileno(f), &info) == 0;
    if (ok) {
        data.resize(static_cast<std::size_t>(info.st_size));
        ok = std::fread(data.data(), 1, data.size(), f) == data.size();
    }
    int err = errno;
    std::fclose(f);
    if (!ok) return Error{"cannot read " + path + ": " + (err ? std::strerror(err) : "it changed while being read")};
    return data;
}

// Best effort: makes the renames themselves durable on filesystems that need it.
void SyncDirectory(const std::string& directory) {
    int fd = open(directory.c_str(), O_RDONLY);
    if (fd < 0) return;
    fsync(fd);
    close(fd);
}

}  // namespace

Status WriteSnapshot(const std::string& directory, std::string_view bytes) {
    const std::string temp = Join(directory, kTempName);
    const std::string current = Join(directory, kCurrentName);
    const std::string previous = Join(directory, kPreviousName);

    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f) return Error{"cannot open " + temp + " for writing: " + std::strerror(errno)};
    bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    written = written && std::fflush(f) == 0;
    written = written && fsync(fileno(f)) == 0;
    int err = errno;
    written = std::fclose(f) == 0 && written;
    if (!written) {
        std::remove(temp.c_str());
        return Error{"cannot write " + temp + ": " + std::strerror(err)};
    }
    // No rename here replaces an existing file: Emscripten 3.1.6's FS.rename leaves a
    // replaced file in its name cache, where it leaks its contents and reappears as a
    // ghost once the new file is moved away. So the old snapshot.prev.bin is removed first.
    // A crash at any step leaves a loadable state: snapshot.bin alone (the previous
    // generation is back at the next write), or snapshot.prev.bin and a complete
    // snapshot.tmp, which LoadSnapshots puts back in place.
    if (Exists(current)) {
        if (std::remove(previous.c_str()) != 0 && errno != ENOENT)
            return Error{"cannot remove " + previous + ": " + std::strerror(errno)};
        if (std::rename(current.c_str(), previous.c_str()) != 0)
            return Error{"cannot rename " + current + " to " + previous + ": " + std::strerror(errno)};
    }
    if (std::rename(temp.c_str(), current.c_str()) != 0)
        return Error{"cannot rename " + temp + " to " + current + ": " + std::strerror(errno)};
    SyncDirectory(directory);
    return Ok{};
}

namespace {
// A free numbered name for `path` in directory/quarantine/ (created when needed).
// Numbered rather than timestamped: core code takes no clock, and numbers sort.
Result<std::string> QuarantineName(const std::string& directory, const std::string& path) {
    const std::string folder = Join(directory, "quarantine");
    if (mkdir(folder.c_str(), 0755) != 0 && errno != EEXIST)
        return Error{"cannot create folder " + folder + ": " + std::strerror(errno)};
    std::string name = path.substr(path.find_last_of('/') + 1);
    std::size_t dot = name.find_last_of('.');
    std::string stem = name.substr(0, dot), extension = dot == std::string::npos ? "" : name.substr(dot);
    for (int n = 1;; ++n) {
        std::string target = folder + "/" + stem + "-" + std::to_string(n) + extension;
        if (!Exists(target)) return target;
    }
}
}  // namespace

Result<std::string> QuarantineFile(const std::string& directory, const std::string& path) {
    auto target = QuarantineName(directory, path);
    if (!target) return target;
    if (std::rename(path.c_str(), target.value().c_str()) != 0)
        return Error{"cannot move " + path + " to " + target.value() + ": " + std::strerror(errno)};
    return target;
}

Result<std::string> QuarantineCopy(const std::string& directory, const std::string& path) {
    auto data = ReadWholeFile(path);
    if (!data) return data.error();
    auto target = QuarantineName(directory, path);
    if (!target) return target;
    std::FILE* f = std::fopen(target.value().c_str(), "wb");
    if (!f) return Error{"cannot create " + target.value() + ": " + std::strerror(errno)};
    bool written = std::fwrite(data.value().data(), 1, data.value().size(), f) == data.value().size();
    written = std::fclose(f) == 0 && written;
    if (!written) return Error{"cannot write " + target.value() + ": " + std::strerror(errno)};
    return target;
}

Result<LoadedSnapshot> LoadSnapshots(const std::string& directory) {
    const std::string temp = Join(directory, kTempName);
    const std::string current = Join(directory, kCurrentName);
    const std::string previous = Join(directory, kPreviousName);

    // Finish a WriteSnapshot interrupted between its renames. A snapshot.tmp that does not
    // check out is a write cut short, not data: it is ignored and overwritten next time.
    if (!Exists(current) && Exists(temp)) {
        auto data = ReadWholeFile(temp);
        if (data && SnapshotJournalSegment(data.value())) std::rename(temp.c_str(), current.c_str());
    }

    LoadedSnapshot out;
    std::vector<std::string> failures;  // "<path>: <why>", one per unusable file
    auto use = [&](const std::string& path) {
        auto data = ReadWholeFile(path);
        if (!data) return failures.push_back(data.error().message), false;
        auto decoded = DecodeSnapshot(data.value());
        if (!decoded) return failures.push_back(path + ": " + decoded.error().Describe()), false;
        out.snapshot = std::move(decoded.value());
        out.used_path = path;
        return true;
    };

    if (Exists(current) && use(current)) return out;
    bool current_damaged = !failures.empty();
    if (Exists(previous) && use(previous)) {
        if (current_damaged) {
            // Out of the rotation, or the next WriteSnapshot would make it the fallback.
            auto moved = QuarantineFile(directory, current);
            if (moved) {
                out.quarantined.push_back(moved.value());
                out.problems.push_back("The newest snapshot could not be read (" + failures[0] + "); it was moved to " +
                                       moved.value() + " and the previous snapshot was used instead.");
            } else {
                out.problems.push_back("The newest snapshot could not be read (" + failures[0] +
                                       ") and could not be set aside (" + moved.error().message +
                                       "); the previous snapshot was used instead.");
            }
        }
        return out;
    }
    if (failures.empty()) return out;  // no snapshot yet: a fresh board
    if (!Exists(previous)) failures.push_back(previous + ": there is no previous snapshot to fall back on");
    std::string message = "No snapshot of the board could be read, so it was not loaded; the files were left in place:";
    for (const auto& failure : failures) message += "\n- " + failure;
    return Error{message};
}

std::uint64_t OldestSegmentNeeded(const std::string& directory) {
    auto data = ReadWholeFile(Join(directory, kPreviousName));
    if (!data) return 1;
    auto segment = SnapshotJournalSegment(data.value());
    return segment ? segment.value() + 1 : 1;
}

}  // namespace tackboard
