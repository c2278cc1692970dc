// A fast hash of bytes for the indexes a run builds in memory (KeyIndex,
// the catalog's keys). std::hash<std::string_view> (libstdc++'s
// _Hash_bytes) takes eight bytes a step, each step waiting for the last
// one's multiply: on a steady extract of a large site, whose keys are whole
// paragraphs hashed several times each (template, update, keep), it was 3%
// of the CPU. This takes 32 bytes a step in two independent lanes, each a
// 64x64->128-bit multiply folded to 64 bits (as wyhash does).
//
// Not for anything stored or compared across runs, and nothing written may
// depend on its values: the indexes keep their keys in the order they came.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace l10n {

namespace hash_detail {

// Odd constants with bits spread evenly (wyhash's).
constexpr std::uint64_t kP0 = 0xa0761d6478bd642full, kP1 = 0xe7037ed1a0b428dbull, kP2 = 0x8ebc6af09c88c6e3ull;

// The product's two halves folded together: every bit of each input moves
// many bits of the result.
inline std::uint64_t fold_multiply(std::uint64_t a, std::uint64_t b) {
  const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

// Native byte order: the values never leave the process.
inline std::uint64_t load8(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}
inline std::uint64_t load4(const char* p) {
  std::uint32_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

}  // namespace hash_detail

inline std::uint64_t hash_bytes(std::string_view s, std::uint64_t seed = 0) {
  using namespace hash_detail;
  const char* p = s.data();
  std::size_t n = s.size();
  std::uint64_t h = seed ^ kP0, a = 0, b = 0;
  if (n <= 16) {
    // Short keys: two loads that may overlap, covering every byte.
    if (n >= 8) {
      a = load8(p);
      b = load8(p + n - 8);
    } else if (n >= 4) {
      a = load4(p);
      b = load4(p + n - 4);
    } else if (n > 0) {
      a = static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) << 16 |
          static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 | static_cast<unsigned char>(p[n - 1]);
    }
  } else {
    std::uint64_t h2 = h;
    for (; n > 32; p += 32, n -= 32) {
      h = fold_multiply(load8(p) ^ kP1, load8(p + 8) ^ h);
      h2 = fold_multiply(load8(p + 16) ^ kP2, load8(p + 24) ^ h2);
    }
    h = fold_multiply(h ^ kP1, h2 ^ kP2);  // not h ^ h2, which is 0 when neither lane ran
    if (n > 16) h = fold_multiply(load8(p) ^ kP1, load8(p + 8) ^ h);
    // The last 16 bytes, which may overlap the ones just taken: the key is
    // longer than 16, so they are inside it.
    a = load8(p + n - 16);
    b = load8(p + n - 8);
  }
  return fold_multiply(kP1 ^ s.size(), fold_multiply(a ^ kP1, b ^ h));
}

}  // namespace l10n
