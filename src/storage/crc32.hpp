// crc32.hpp — CRC-32 (IEEE 802.3, as zlib's crc32) for journal line checksums.
// Hand-written because zlib is not available to the Emscripten build (ports are frozen).
#pragma once

#include <cstdint>
#include <string_view>

namespace tackboard {

std::uint32_t Crc32(std::string_view bytes);

}  // namespace tackboard
