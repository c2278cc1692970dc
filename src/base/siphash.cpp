#include "base/siphash.h"

#include <bit>
#include <cstring>
#include <stdexcept>

namespace l10n {

namespace {

std::uint64_t le64(const char* p, std::size_t n) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

struct State {
  std::uint64_t v0, v1, v2, v3;
  void round() {
    v0 += v1; v1 = std::rotl(v1, 13); v1 ^= v0; v0 = std::rotl(v0, 32);
    v2 += v3; v3 = std::rotl(v3, 16); v3 ^= v2;
    v0 += v3; v3 = std::rotl(v3, 21); v3 ^= v0;
    v2 += v1; v1 = std::rotl(v1, 17); v1 ^= v2; v2 = std::rotl(v2, 32);
  }
  void absorb(std::uint64_t m) {
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }
};

}  // namespace

std::uint64_t siphash24(std::string_view key, std::string_view data) {
  if (key.size() != 16) throw std::invalid_argument("siphash24: the key is 16 bytes");
  std::uint64_t k0 = le64(key.data(), 8), k1 = le64(key.data() + 8, 8);
  State s{k0 ^ 0x736f6d6570736575ull, k1 ^ 0x646f72616e646f6dull, k0 ^ 0x6c7967656e657261ull,
          k1 ^ 0x7465646279746573ull};
  std::size_t whole = data.size() - data.size() % 8;
  for (std::size_t i = 0; i < whole; i += 8) s.absorb(le64(data.data() + i, 8));
  s.absorb(le64(data.data() + whole, data.size() - whole) | (static_cast<std::uint64_t>(data.size() & 0xff) << 56));
  s.v2 ^= 0xff;
  for (int i = 0; i < 4; ++i) s.round();
  return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

}  // namespace l10n
