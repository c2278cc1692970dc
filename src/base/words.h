// Text eight bytes at a time: the SWAR tricks the scanners of source text
// and PO files share. The first byte of a word is its lowest on any
// machine, so that bit order is text order.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace l10n {

inline std::uint64_t load_word(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  return w;
}

// `c` in every byte.
constexpr std::uint64_t byte_times(unsigned char c) { return 0x0101010101010101ull * c; }
constexpr std::uint64_t kHighBits = byte_times(0x80);

// A high bit in each byte of w that is zero; a byte above a zero byte may be
// marked too, so only the lowest mark is exact (all the callers ask).
constexpr std::uint64_t zero_bytes(std::uint64_t w) { return (w - byte_times(1)) & ~w & kHighBits; }

// The offset in its word of the first byte marked in `mask`.
inline std::size_t byte_index(std::uint64_t mask) { return static_cast<std::size_t>(std::countr_zero(mask)) / 8; }

}  // namespace l10n
