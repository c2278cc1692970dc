#include "po/linebreak.h"

#include <unilbrk.h>
#include <unistring/version.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace l10n {

namespace {

// The classes of Unicode's UAX #14 that the characters broken here fall
// into, as libunistring applies them: characters of a class break alike
// before and after any other. (Its SY, "/", breaks as IS does, and PO as PR.)
// The first eleven are printable ASCII's; GL (no-break spaces), B2 (the em
// dash) and IN (the ellipsis) come with the characters past ASCII.
enum Class : std::uint8_t { CP, CL, IS, EX, QU, HY, BA, OP, NU, AL, PR, GL, B2, IN, kClasses, kUnknown = 0xff };

constexpr std::array<std::uint8_t, 128> kAsciiClass = [] {
  std::array<std::uint8_t, 128> c{};
  c.fill(AL);
  for (int ch = 0; ch < ' '; ++ch) c[static_cast<std::size_t>(ch)] = kUnknown;
  c[0x7f] = kUnknown;
  for (char ch : std::string_view(")]")) c[static_cast<unsigned char>(ch)] = CP;
  c['}'] = CL;
  for (char ch : std::string_view(",./:;")) c[static_cast<unsigned char>(ch)] = IS;
  c['!'] = c['?'] = EX;
  c['"'] = c['\''] = QU;
  c['-'] = HY;
  c['|'] = BA;
  c['('] = c['['] = c['{'] = OP;
  for (char ch = '0'; ch <= '9'; ++ch) c[static_cast<unsigned char>(ch)] = NU;
  c['$'] = c['%'] = c['+'] = c['\\'] = PR;
  return c;
}();

// Characters past ASCII that are one column wide and break as one of the
// classes above, in the blocks documentation text draws on: Latin (with
// Latin-1's signs and Vietnamese), Greek, Cyrillic, general punctuation,
// currency signs, letterlike symbols, number forms and arrows. Read off
// libunistring 1.0 (Unicode 14); linebreak_test holds every code point below
// kTableEnd to it, so a character missing here is one that breaks otherwise
// (combining marks, zero-width and format characters, the soft hyphen,
// mandatory breaks, ...) and leaves the text to libunistring.
constexpr char32_t kTableEnd = 0x2200;
constexpr int kTableVersion = 0x010000;  // _libunistring_version of 1.0

struct Range {
  char32_t first, last;
  Class cls;
};
constexpr Range kRanges[] = {
    {0x00A0, 0x00A0, GL}, {0x00A1, 0x00A1, OP}, {0x00A2, 0x00A5, PR}, {0x00A6, 0x00AA, AL}, {0x00AB, 0x00AB, QU},
    {0x00AC, 0x00AC, AL}, {0x00AE, 0x00AF, AL}, {0x00B0, 0x00B1, PR}, {0x00B2, 0x00B3, AL}, {0x00B5, 0x00BA, AL},
    {0x00BB, 0x00BB, QU}, {0x00BC, 0x00BE, AL}, {0x00BF, 0x00BF, OP}, {0x00C0, 0x024F, AL}, {0x0370, 0x037D, AL},
    {0x037E, 0x037E, IS}, {0x037F, 0x0482, AL}, {0x048A, 0x052F, AL}, {0x1E00, 0x1EFF, AL}, {0x2000, 0x2006, BA},
    {0x2007, 0x2007, GL}, {0x2008, 0x200A, BA}, {0x2010, 0x2010, BA}, {0x2011, 0x2011, GL}, {0x2012, 0x2013, BA},
    {0x2014, 0x2014, B2}, {0x2015, 0x2017, AL}, {0x2018, 0x2019, QU}, {0x201A, 0x201A, OP}, {0x201B, 0x201D, QU},
    {0x201E, 0x201E, OP}, {0x201F, 0x201F, QU}, {0x2020, 0x2023, AL}, {0x2024, 0x2026, IN}, {0x2027, 0x2027, BA},
    {0x202F, 0x202F, GL}, {0x2030, 0x2037, PR}, {0x2038, 0x2038, AL}, {0x2039, 0x203A, QU}, {0x203B, 0x203B, AL},
    {0x203E, 0x2043, AL}, {0x2044, 0x2044, IS}, {0x2045, 0x2045, OP}, {0x2046, 0x2046, CL}, {0x204A, 0x2055, AL},
    {0x2056, 0x2056, BA}, {0x2057, 0x2057, AL}, {0x2058, 0x205B, BA}, {0x205C, 0x205C, AL}, {0x205D, 0x205F, BA},
    {0x20A0, 0x20CF, PR}, {0x2100, 0x2102, AL}, {0x2103, 0x2103, PR}, {0x2104, 0x2108, AL}, {0x2109, 0x2109, PR},
    {0x210A, 0x2115, AL}, {0x2116, 0x2116, PR}, {0x2117, 0x21FF, AL},
};

constexpr std::array<std::uint8_t, kTableEnd> kWideClass = [] {
  std::array<std::uint8_t, kTableEnd> c{};
  c.fill(kUnknown);
  for (const Range& r : kRanges)
    for (char32_t cp = r.first; cp <= r.last; ++cp) c[cp] = r.cls;
  return c;
}();

// Between the last character that is not a space (the row) and the next
// one (the column): 'b' a break may go there, 's' only when spaces come
// between them (after the spaces), '.' never. linebreak_test holds this
// table to libunistring's answers.
constexpr std::array<std::string_view, kClasses> kPairs = {
    "....sssbssssbs",  // CP
    "....sssbbbssbs",  // CL
    "....sssbsbbsbs",  // IS
    "....sssbbbbsbs",  // EX
    "....sss.ssssss",  // QU
    "....sssbsbbbbs",  // HY
    "....sssbbbbbbs",  // BA
    "..............",  // OP
    "....ssssssssbs",  // NU
    "....ssssssssbs",  // AL
    "....ssssssbsbs",  // PR
    "....ssssssssss",  // GL
    "....sssbbbbs.s",  // B2
    "....sssbbbbsbs",  // IN
};

// The table above is libunistring 1.0's; another version may have moved a
// character to another class, and then its own rules are asked.
bool wide_table_holds() {
  static const bool holds = _libunistring_version == kTableVersion;
  return holds;
}

// The character at s[i]: its class (kUnknown for a space, which the caller
// tells apart first, and for any character not known here) and its length
// in bytes.
struct Char {
  std::uint8_t cls;
  std::uint8_t length;
};

Char char_at(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {kAsciiClass[b0], 1};
  if (!wide_table_holds()) return {kUnknown, 1};
  const auto more = [&](std::size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80
               ? static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3f)
               : char32_t{0xffffffff};
  };
  char32_t cp;
  std::uint8_t length;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    const char32_t c1 = more(1);
    if (c1 > 0x3f) return {kUnknown, 1};
    cp = (static_cast<char32_t>(b0 & 0x1f) << 6) | c1;
    length = 2;
  } else if (b0 >= 0xe0 && b0 <= 0xe2) {
    const char32_t c1 = more(1), c2 = more(2);
    if (c1 > 0x3f || c2 > 0x3f) return {kUnknown, 1};
    cp = (static_cast<char32_t>(b0 & 0x0f) << 12) | (c1 << 6) | c2;
    if (cp < 0x800) return {kUnknown, 1};  // overlong
    length = 3;
  } else {
    return {kUnknown, 1};
  }
  return {cp < kTableEnd ? kWideClass[cp] : std::uint8_t{kUnknown}, length};
}

// u8_possible_linebreaks, one character at a time: a break before a
// character only after another that is not a space (none at the start of
// the text), as kPairs says.
class PossibleBreaks {
 public:
  // cls: the character's class, or kUnknown for a space.
  bool before(std::uint8_t cls, bool space) {
    if (space) {
      spaces_ = true;
      return false;
    }
    bool possible = false;
    if (last_ != kUnknown) {
      const char pair = kPairs[last_][cls];
      possible = pair == 'b' || (pair == 's' && spaces_);
    }
    last_ = cls;
    spaces_ = false;
    return possible;
  }

 private:
  std::uint8_t last_ = kUnknown;  // the class of the last character that is not a space
  bool spaces_ = false;
};

bool printable_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= ' ' && c <= '~'; });
}

void libunistring_linebreaks(std::string_view s, int width, int start_column, const char* overrides, char* breaks) {
  ulc_width_linebreaks(s.data(), s.size(), width, start_column, 0, overrides, "UTF-8", breaks);
}

}  // namespace

void width_linebreaks(std::string_view s, int width, int start_column, const char* overrides, char* breaks) {
  if (s.empty()) return;
  // libunistring's greedy fit (u8_width_linebreaks), each character known
  // here one column wide: a piece of text runs from one possible break to
  // the next, and a break goes before a piece that would pass the width.
  // One pass: the rules' answer for each character is used as it is found;
  // a character not known here hands the whole text to libunistring.
  PossibleBreaks possible;
  char* last_break = nullptr;  // the start of the current piece, if it may break
  int column = start_column, piece = 0;
  for (std::size_t i = 0; i < s.size();) {
    const bool space = s[i] == ' ';
    const Char c = space ? Char{kUnknown, 1} : char_at(s, i);
    if (!space && c.cls == kUnknown) return libunistring_linebreaks(s, width, start_column, overrides, breaks);
    const char rule = possible.before(c.cls, space) ? UC_BREAK_POSSIBLE : UC_BREAK_PROHIBITED;
    const char here = overrides[i] != UC_BREAK_UNDEFINED ? overrides[i] : rule;
    std::fill(breaks + i, breaks + i + c.length, static_cast<char>(UC_BREAK_PROHIBITED));
    if (here == UC_BREAK_POSSIBLE) {
      if (last_break && column + piece > width) {
        *last_break = UC_BREAK_POSSIBLE;
        column = 0;
      }
      last_break = &breaks[i];
      column += piece;
      piece = 0;
    }
    ++piece;
    i += c.length;
  }
  if (last_break && column + piece > width) *last_break = UC_BREAK_POSSIBLE;
}

std::optional<bool> any_linebreak(std::string_view s, int width, int start_column, const char* overrides) {
  // Greedy fitting puts no break in text that fits, and at least one (the
  // last place it may) in text that does not.
  if (printable_ascii(s)) {
    if (start_column + static_cast<int>(s.size()) <= width) return false;
    PossibleBreaks possible;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const bool space = s[i] == ' ';
      if (possible.before(kAsciiClass[static_cast<unsigned char>(s[i])], space) &&
          overrides[i] == UC_BREAK_UNDEFINED)
        return true;
    }
    return false;
  }
  PossibleBreaks possible;
  bool may_break = false;
  int columns = 0;
  for (std::size_t i = 0; i < s.size(); ++columns) {
    const bool space = s[i] == ' ';
    const Char c = space ? Char{kUnknown, 1} : char_at(s, i);
    if (!space && c.cls == kUnknown) return std::nullopt;
    may_break |= possible.before(c.cls, space) && overrides[i] == UC_BREAK_UNDEFINED;
    i += c.length;
  }
  return start_column + columns > width && may_break;
}

}  // namespace l10n
