#include <catch2/catch.hpp>

#include <string>

#include "base/siphash.h"

using namespace l10n;

TEST_CASE("siphash24 gives the reference vectors", "[siphash]") {
  // The SipHash paper's key 00 01 … 0f over messages 00 01 … (n-1) bytes long.
  std::string key, msg;
  for (int i = 0; i < 16; ++i) key += static_cast<char>(i);
  CHECK(siphash24(key, "") == 0x726fdb47dd0e0e31ull);
  for (int i = 0; i < 15; ++i) msg += static_cast<char>(i);
  CHECK(siphash24(key, msg) == 0xa129ca6149be45e5ull);
}

TEST_CASE("siphash24 names a unit as Weblate does", "[siphash]") {
  // Weblate's own test: calculate_hash("Message") == 8445691827737211251,
  // the unsigned hash less 2**63.
  CHECK(siphash24("Weblate Sip Hash", "Message") == 8445691827737211251ull + (1ull << 63));
}
