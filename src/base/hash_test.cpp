#include "base/hash.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <unordered_set>

namespace l10n {

TEST_CASE("hash_bytes depends on every byte and on the length", "[hash]") {
  std::mt19937 rng(7);
  // Each length a step of the hash takes apart (short loads, one and two
  // lanes, the overlapping tail): a byte changed anywhere changes the hash.
  for (std::size_t n = 0; n <= 100; ++n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += static_cast<char>(rng());
    const std::uint64_t h = hash_bytes(s);
    CHECK(hash_bytes(s) == h);
    CHECK(hash_bytes(s, 1) != h);
    CHECK(hash_bytes(s + '\0') != h);
    for (std::size_t i = 0; i < n; ++i)
      for (int bit = 0; bit < 8; ++bit) {
        std::string t = s;
        t[i] = static_cast<char>(t[i] ^ (1 << bit));
        if (hash_bytes(t) == h) FAIL_CHECK("length " << n << ": byte " << i << " bit " << bit << " does not count");
      }
  }
}

TEST_CASE("hash_bytes spreads keys that differ little over all 64 bits", "[hash]") {
  // Keys alike but for a number, as a site's are alike but for a word:
  // neither the whole hash nor its low 20 bits (a KeyIndex slot) may cluster.
  std::unordered_set<std::uint64_t> whole;
  std::vector<int> low(1 << 20, 0);
  constexpr int kKeys = 200000;
  for (int i = 0; i < kKeys; ++i) {
    const std::uint64_t h = hash_bytes("Paragraph number " + std::to_string(i) + " of the page.");
    whole.insert(h);
    ++low[h & ((1 << 20) - 1)];
  }
  CHECK(whole.size() == kKeys);
  int most = 0;
  for (int c : low) most = std::max(most, c);
  CHECK(most <= 8);  // 200,000 keys in a million slots: a fair hash puts at most a few in one
}

}  // namespace l10n
