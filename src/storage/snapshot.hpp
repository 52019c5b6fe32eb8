// snapshot.hpp — the whole board in a compact, versioned, checksummed binary form, and
// the two generations of it kept on disk beside the journal (DESIGN.md "Storage").
//
// Why binary: nlohmann reads ~30 MB/s in wasm, so a 100k-ticket board stored as JSON
// cannot open in under ~2 s (TOOLCHAIN.md "Measured: JSON parsing cost").
//
// Bytes (all integers little-endian):
//   magic    8 bytes  "TKBSNAP\x1A"
//   version  u32      kSnapshotVersion; a larger one is refused ("written by a newer Tackboard")
//   length   u64      payload bytes that follow
//   crc      u32      CRC-32 (storage/crc32.hpp) of the payload
//   payload  journal segment (u64), configuration, board extra, then the tickets, in
//            LEB128 varints, length-prefixed UTF-8 strings and a small tagged encoding of
//            JSON values (layout in snapshot.cpp). Every Ticket member round-trips.
//
// Files under one directory: snapshot.bin (newest), snapshot.prev.bin (the one before),
// snapshot.tmp (being written), quarantine/ (damaged snapshots moved out of the rotation).
//
// Handles: any damaged input (truncated, flipped bits, absurd lengths, bad enums,
// duplicate ids) is an Error in plain words, never a crash or an over-read, and no count
// is allocated for that the bytes left could not hold; an interrupted write (crash
// between the renames) is completed on load.
// Does not: check tickets against the configuration (a snapshot restores exactly what the
// board held), validate UTF-8 (the checksum already says the bytes are the ones written),
// delete journal segments (the caller does, below OldestSegmentNeeded), or roll the journal
// to a new segment after a snapshot (the caller must, so that journal_segment is exact).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/board.hpp"
#include "core/result.hpp"

namespace tackboard {

// 2 added each ticket's rank (core/rank.hpp), 3 its sprint (core/sprints.hpp); versions 1
// and 2 are still read.
inline constexpr std::uint32_t kSnapshotVersion = 3;
inline constexpr std::size_t kSnapshotHeaderBytes = 24;  // magic, version, length, crc

struct DecodedSnapshot {
    Board board;
    // The last journal segment whose changes the snapshot includes: replay the ones after.
    std::uint64_t journal_segment = 0;
};

std::string EncodeSnapshot(const Board& board, std::uint64_t journal_segment);
Result<DecodedSnapshot> DecodeSnapshot(std::string_view bytes);
// Checks the header and checksum only and returns the journal segment, without building
// the board: cheap enough to ask of the previous generation before deleting segments.
Result<std::uint64_t> SnapshotJournalSegment(std::string_view bytes);

// --- files -------------------------------------------------------------------------

// Writes `bytes` to directory/snapshot.tmp and syncs it, then rotates: snapshot.bin
// becomes snapshot.prev.bin (the older one is dropped) and snapshot.tmp becomes
// snapshot.bin. The directory must exist (Journal::Open creates it). On the web the next
// syncfs stores both snapshot.bin and snapshot.prev.bin (IDBFS goes by path), so one
// snapshot costs about twice its size in IndexedDB writes.
Status WriteSnapshot(const std::string& directory, std::string_view bytes);

struct LoadedSnapshot {
    std::optional<DecodedSnapshot> snapshot;  // empty: no snapshot yet, start a fresh board
    std::string used_path;                    // the file `snapshot` was read from
    std::vector<std::string> quarantined;     // where damaged files were moved (offer them for download)
    std::vector<std::string> problems;        // plain-words reports to show the user
};

// The newest snapshot that decodes. A damaged snapshot.bin is moved to quarantine/ and
// snapshot.prev.bin is used instead. When no file is usable the result is an Error
// naming every file and why, and nothing is moved: starting from an empty board would
// silently lose everything, so that is left to the user (see QuarantineFile).
Result<LoadedSnapshot> LoadSnapshots(const std::string& directory);

// Moves `path` to directory/quarantine/ under a new numbered name; returns that name.
Result<std::string> QuarantineFile(const std::string& directory, const std::string& path);
// The same, leaving `path` in place (a journal segment whose good lines still count).
Result<std::string> QuarantineCopy(const std::string& directory, const std::string& path);

// Journal segments numbered below the result may be deleted. Only what the previous
// generation already covers is released, so a damaged newest snapshot can still be
// rebuilt from snapshot.prev.bin and the journal. 1 (keep all) while there is no
// readable previous generation.
std::uint64_t OldestSegmentNeeded(const std::string& directory);

}  // namespace tackboard
