#include <catch2/catch.hpp>

#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>
#include <unistring/version.h>

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

// One character of each class past ASCII (GL, B2, IN), and the space.
const std::vector<std::string> kWideOnes = {"\u00a0", "\u2014", "\u2026", " "};

// The rules of po/linebreak.cpp were read off libunistring 1.0; with another
// version all text goes to libunistring.
const bool kRulesInUse = _libunistring_version == 0x010000;

std::string utf8(char32_t cp) {
  std::uint8_t bytes[6];
  const int n = u8_uctomb(bytes, cp, sizeof bytes);
  return std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(n));
}

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
void each_string(const std::vector<std::string>& alphabet, std::size_t length, Fn fn) {
  std::vector<std::string> level = {""};
  for (std::size_t n = 1; n <= length; ++n) {
    std::vector<std::string> next;
    for (const std::string& s : level)
      for (const std::string& c : alphabet) next.push_back(s + c);
    for (const std::string& s : next) fn(s);
    level = std::move(next);
  }
}

std::vector<std::string> characters(const std::string& ascii) {
  std::vector<std::string> out;
  for (char c : ascii) out.emplace_back(1, c);
  return out;
}

bool same_breaks(const std::string& s, int width = 0, int start = 0) {
  const std::vector<char> none(s.size(), UC_BREAK_UNDEFINED);
  return ours(s, width, start, none) == libunistring(s, width, start, none);
}

}  // namespace

TEST_CASE("width_linebreaks breaks printable ASCII as libunistring does", "[linebreak]") {
  // Width 0 turns every possible break into a break: the rules laid bare,
  // for every pair of classes, with and without spaces between.
  std::size_t differ = 0;
  each_string(characters(kOneOfEach), 5, [&](const std::string& s) {
    if (!same_breaks(s) && ++differ <= 5) FAIL_CHECK("differs on [" << s << "]");
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

TEST_CASE("width_linebreaks breaks the classes past ASCII as libunistring does", "[linebreak]") {
  // Every pair and triple of classes, with up to two spaces between.
  std::vector<std::string> alphabet = characters(kOneOfEach);
  alphabet.insert(alphabet.end(), kWideOnes.begin(), kWideOnes.end() - 1);
  std::size_t differ = 0;
  each_string(alphabet, 4, [&](const std::string& s) {
    if (!same_breaks(s) && ++differ <= 5) FAIL_CHECK("differs on [" << s << "]");
  });
  CHECK(differ == 0);
}

TEST_CASE("width_linebreaks breaks every character below U+2200 as libunistring does", "[linebreak]") {
  // Each code point beside one character of each class, before and after,
  // with and without spaces, between two of them, and beside itself. The
  // table's characters are the ones any_linebreak has an answer for on a
  // line too long to fit (on one that fits it answers for any text); the
  // others go to libunistring, and agree by that.
  std::vector<std::string> others = characters(")},!\"-|(0a$");
  others.insert(others.end(), kWideOnes.begin(), kWideOnes.end() - 1);
  std::vector<std::string> known;
  std::size_t differ = 0;
  for (char32_t cp = 0x80; cp < 0x2200; ++cp) {
    const std::string c = utf8(cp);
    const std::vector<char> none(c.size(), UC_BREAK_UNDEFINED);
    std::string line;
    for (int n = 0; n < 40; ++n) line += c + " ";
    const std::vector<char> line_overrides(line.size(), UC_BREAK_UNDEFINED);
    if (any_linebreak(line, 10, 0, line_overrides.data()).has_value()) {
      known.push_back(c);
      if (uc_width(cp, "UTF-8") != 1) FAIL_CHECK("U+" << std::hex << static_cast<unsigned>(cp) << " is not one column");
    }
    bool same = same_breaks(c + c) && same_breaks(c + " " + c);
    for (const std::string& r : others) {
      for (const char* spaces : {"", " ", "  "})
        same = same && same_breaks(r + spaces + c) && same_breaks(c + spaces + r);
      for (const std::string& q : others) same = same && same_breaks(r + c + q);
    }
    if (!same && ++differ <= 5) FAIL_CHECK("differs around U+" << std::hex << static_cast<unsigned>(cp));
  }
  CHECK(differ == 0);
  if (!kRulesInUse) {
    CHECK(known.empty());
    return;
  }
  // Latin, Greek, Cyrillic, punctuation, currency signs, arrows; not the
  // combining marks, the C1 controls, the soft hyphen, ...
  CHECK(known.size() > 1500);
  CHECK(known.size() < 2000);
  // Two characters past ASCII side by side: each of the table's characters
  // beside each that is not a letter (the punctuation and signs, where the
  // classes differ) and beside a few letters.
  std::vector<std::string> signs;
  for (const std::string& c : known) {
    ucs4_t cp = 0;
    u8_mbtouc(&cp, reinterpret_cast<const std::uint8_t*>(c.data()), c.size());
    if (cp < 0xc0 || (cp >= 0x2000 && cp < 0x2100) || cp == 0x37e) signs.push_back(c);
  }
  for (const char* letter : {"\u00e9", "\u0153", "\u03b1", "\u0436", "\u1ea1", "\u2192"}) signs.emplace_back(letter);
  for (const std::string& c : known)
    for (const std::string& d : signs)
      if (!(same_breaks(c + d) && same_breaks(d + c) && same_breaks(c + " " + d)) && ++differ <= 5)
        FAIL_CHECK("differs on [" << c << d << "]");
  CHECK(differ == 0);
}

TEST_CASE("width_linebreaks counts a column for each character past ASCII, and breaks between whole characters",
          "[linebreak]") {
  // Text as a PO writer passes it: words of accented letters, quotes, dashes
  // and signs, escapes that forbid a break inside them, overrides on the
  // bytes after a character's first; a character now and then that the
  // table does not know (combining accent, CJK, soft hyphen).
  const std::vector<std::string> pieces = {"caf\u00e9", "na\u00efve", "stra\u00dfe", "\u00ab", "\u00bb", "\u201cq\u201d",
                                           "\u2018s\u2019", "\u2013", "\u2014", "\u2026", "\u00a0", "\u20ac5",
                                           "\u00bfqu\u00e9?", "\u03b1\u03b2", "\u0436\u0443\u043a", "\u2192", "(x)",
                                           "a-b", "12.5", "$3", "\\n", "\\\""};
  const std::vector<std::string> rare = {"e\u0301", "\u65e5\u672c", "soft\u00adhyphen", "\u200b"};
  std::mt19937 rng(7);
  std::size_t here = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    std::vector<char> overrides;
    const bool with_rare = i % 10 == 0;
    for (int n = static_cast<int>(rng() % 40); n > 0; --n) {
      const std::string& p = with_rare && rng() % 8 == 0 ? rare[rng() % rare.size()] : pieces[rng() % pieces.size()];
      for (std::size_t k = 0; k < p.size(); ++k) {
        const bool later_byte = (static_cast<unsigned char>(p[k]) & 0xc0) == 0x80;
        const bool escape_tail = k > 0 && p[k - 1] == '\\';
        overrides.push_back(later_byte || escape_tail ? UC_BREAK_PROHIBITED
                                                      : (rng() % 20 == 0 ? UC_BREAK_PROHIBITED : UC_BREAK_UNDEFINED));
      }
      s += p;
      if (rng() % 3 == 0) {
        s += ' ';
        overrides.push_back(UC_BREAK_UNDEFINED);
      }
    }
    const int width = static_cast<int>(rng() % 80), start = static_cast<int>(rng() % 20);
    INFO("[" << s << "] width " << width << " from " << start);
    const std::vector<char> expected = libunistring(s, width, start, overrides);
    REQUIRE(ours(s, width, start, overrides) == expected);
    const std::optional<bool> any = any_linebreak(s, width, start, overrides.data());
    if (any) {
      ++here;
      REQUIRE(*any == (std::find(expected.begin(), expected.end(), UC_BREAK_POSSIBLE) != expected.end()));
    }
  }
  if (kRulesInUse) CHECK(here > 15000);
}

TEST_CASE("width_linebreaks leaves other text to libunistring", "[linebreak]") {
  for (const std::string s : {"Café au lait, naïve—straße «quoted» text", "tab\there", "日本語のテキスト、とても長い",
                              "e\u0301t\u00e9 \u00ad soft"}) {
    const std::vector<char> none(s.size(), UC_BREAK_UNDEFINED);
    CHECK(ours(s, 10, 3, none) == libunistring(s, 10, 3, none));
  }
  const std::string cjk = "日本語のテキスト、とても長い text that goes on and on past the width";
  const std::vector<char> none(cjk.size(), UC_BREAK_UNDEFINED);
  CHECK_FALSE(any_linebreak(cjk, 20, 0, none.data()).has_value());
}

TEST_CASE("any_linebreak tells whether printable ASCII would be broken", "[linebreak]") {
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
    const std::optional<bool> answer = any_linebreak(s, width, start, overrides.data());
    if (kRulesInUse) REQUIRE(answer == std::optional<bool>(any));
    else REQUIRE((!answer || *answer == any));
  }
  CHECK(broken > 1000);
  CHECK(broken < 19000);
}
