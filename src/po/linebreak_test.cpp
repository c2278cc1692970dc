#include <catch2/catch.hpp>

#include <unilbrk.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "po/linebreak.h"

using namespace l10n;

namespace {

// One character of each class of printable ASCII (po/linebreak.cpp), and
// the space.
const std::string kOneOfEach = ")},!\"-|(0a$ ";

std::vector<char> ours(const std::string& s, int width, int start, const std::vector<char>& overrides) {
  std::vector<char> breaks(s.size());
  width_linebreaks(s, width, start, overrides.data(), breaks.data());
  return breaks;
}

std::vector<char> libunistring(const std::string& s, int width, int start, const std::vector<char>& overrides) {
  std::vector<char> breaks(s.size());
  ulc_width_linebreaks(s.data(), s.size(), width, start, 0, overrides.data(), "UTF-8", breaks.data());
  return breaks;
}

// Every string of up to `length` characters from `alphabet`.
template <class Fn>
void each_string(const std::string& alphabet, std::size_t length, Fn fn) {
  std::vector<std::string> level = {""};
  for (std::size_t n = 1; n <= length; ++n) {
    std::vector<std::string> next;
    for (const std::string& s : level)
      for (char c : alphabet) next.push_back(s + c);
    for (const std::string& s : next) fn(s);
    level = std::move(next);
  }
}

}  // namespace

TEST_CASE("width_linebreaks breaks printable ASCII as libunistring does", "[linebreak]") {
  // Width 0 turns every possible break into a break: the rules laid bare,
  // for every pair of classes, with and without spaces between.
  std::size_t differ = 0;
  each_string(kOneOfEach, 5, [&](const std::string& s) {
    const std::vector<char> none(s.size(), UC_BREAK_UNDEFINED);
    if (ours(s, 0, 0, none) != libunistring(s, 0, 0, none)) {
      if (++differ <= 5) FAIL_CHECK("differs on [" << s << "]");
    }
  });
  CHECK(differ == 0);

  // Every printable character, in lines to fit, with escapes that forbid a
  // break inside them, as the PO writer passes.
  std::mt19937 rng(3);
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    std::vector<char> overrides;
    for (int n = static_cast<int>(rng() % 200); n > 0; --n) {
      const bool escape = rng() % 10 == 0;
      s += rng() % 5 == 0 ? ' ' : static_cast<char>('!' + rng() % 94);
      overrides.push_back(UC_BREAK_UNDEFINED);
      if (escape) {
        s += static_cast<char>('a' + rng() % 26);
        overrides.push_back(UC_BREAK_PROHIBITED);
      }
    }
    const int width = static_cast<int>(rng() % 80), start = static_cast<int>(rng() % 20);
    INFO("[" << s << "] width " << width << " from " << start);
    REQUIRE(ours(s, width, start, overrides) == libunistring(s, width, start, overrides));
  }
}

TEST_CASE("width_linebreaks leaves other text to libunistring", "[linebreak]") {
  for (const std::string s : {"Café au lait, naïve—straße «quoted» text", "tab\there", "日本語のテキスト、とても長い"}) {
    const std::vector<char> none(s.size(), UC_BREAK_UNDEFINED);
    CHECK(ours(s, 10, 3, none) == libunistring(s, 10, 3, none));
  }
}

TEST_CASE("any_linebreak tells whether printable ASCII would be broken, and leaves other text alone", "[linebreak]") {
  std::mt19937 rng(5);
  std::size_t broken = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    std::vector<char> overrides;
    for (int n = static_cast<int>(rng() % 120); n > 0; --n) {
      // Few places to break, so that long text without one comes up too.
      s += rng() % 12 == 0 ? ' ' : static_cast<char>(rng() % 4 == 0 ? '!' + rng() % 94 : 'a' + rng() % 26);
      overrides.push_back(rng() % 8 == 0 ? UC_BREAK_PROHIBITED : UC_BREAK_UNDEFINED);
    }
    const int width = static_cast<int>(rng() % 80), start = static_cast<int>(rng() % 20);
    const std::vector<char> breaks = libunistring(s, width, start, overrides);
    const bool any = std::find(breaks.begin(), breaks.end(), UC_BREAK_POSSIBLE) != breaks.end();
    broken += any;
    INFO("[" << s << "] width " << width << " from " << start);
    REQUIRE(any_linebreak(s, width, start, overrides.data()) == std::optional<bool>(any));
  }
  CHECK(broken > 1000);
  CHECK(broken < 19000);
  const std::string cafe = "Café au lait, naïve text that goes on and on and on past the width";
  const std::vector<char> none(cafe.size(), UC_BREAK_UNDEFINED);
  CHECK_FALSE(any_linebreak(cafe, 20, 0, none.data()).has_value());
}
