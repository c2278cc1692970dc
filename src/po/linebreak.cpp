#include "po/linebreak.h"

#include <unilbrk.h>
#include <unistring/version.h>

#include <array>
#include <cstdint>

#include "base/source_text.h"

namespace l10n {

namespace {

// The classes of Unicode's UAX #14 that the characters broken here fall
// into, as libunistring applies them: characters of a class break alike
// before and after any other. (Its SY, "/", breaks as IS does, and PO as PR.)
// The first eleven are printable ASCII's; GL (no-break spaces), B2 (the em
// dash) and IN (the ellipsis) come with the characters past ASCII. SP (the
// space) and kUnknown (any character not broken here) are no rows of the
// pair table: the space only marks that spaces came between two others.
enum Class : std::uint8_t { CP, CL, IS, EX, QU, HY, BA, OP, NU, AL, PR, GL, B2, IN, kClasses, SP, kUnknown = 0xff };

constexpr std::array<std::uint8_t, 128> kAsciiClass = [] {
  std::array<std::uint8_t, 128> c{};
  c.fill(AL);
  for (int ch = 0; ch < ' '; ++ch) c[static_cast<std::size_t>(ch)] = kUnknown;
  c[0x7f] = kUnknown;
  c[' '] = SP;
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
// kTableEnd to it (and each one here to one column, as uc_width counts it),
// so a character missing here is one that breaks otherwise
// (combining marks, zero-width and format characters, the soft hyphen,
// mandatory breaks, ...) and leaves the text to libunistring.
constexpr char32_t kTableEnd = 0x2200;
constexpr int kRulesVersion = 0x010000;  // _libunistring_version of 1.0

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

constexpr std::array<std::uint8_t, kTableEnd> kPastAsciiClass = [] {
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

// kPairs as the loop reads it: kBreak[row][column] >> spaces & 1, where
// spaces is 1 when spaces came between; row kClasses is the start of the
// text, where no break goes.
constexpr auto kBreak = [] {
  std::array<std::array<std::uint8_t, kClasses>, kClasses + 1> t{};
  for (std::size_t row = 0; row < kClasses; ++row)
    for (std::size_t col = 0; col < kClasses; ++col)
      t[row][col] = kPairs[row][col] == 'b' ? 3 : kPairs[row][col] == 's' ? 2 : 0;
  return t;
}();

// The classes and kPairs are libunistring 1.0's. Later versions add rules
// that look past the next character (LB15c, LB20a, LB25 in current gnulib)
// and move characters between classes: with any other version loaded,
// libunistring breaks all text itself.
bool rules_hold() {
  static const bool holds = _libunistring_version == kRulesVersion;
  return holds;
}

// The class of the character past ASCII that starts at s[i], and its length
// in bytes; kUnknown when it is not in the table (or not UTF-8 in its
// shortest form: the table's characters take two bytes below U+0800, three
// from there on).
std::uint8_t past_ascii_class(std::string_view s, std::size_t i, std::size_t& length) {
  char32_t cp = 0;
  length = decode_code_point(s, i, cp);
  if (length != (cp < 0x800 ? 2u : 3u) || cp >= kTableEnd) return kUnknown;
  return kPastAsciiClass[cp];
}

// The class of the character at s[i] (SP for a space), and its length.
std::uint8_t class_at(std::string_view s, std::size_t i, std::size_t& length) {
  const auto b = static_cast<unsigned char>(s[i]);
  length = 1;
  return b < 0x80 ? kAsciiClass[b] : past_ascii_class(s, i, length);
}

// Letters, digits and most signs (AL, NU): no break goes between two of
// them, so a run of them is taken whole.
constexpr bool in_run(std::uint8_t cls) { return cls == AL || cls == NU; }
static_assert(kPairs[AL][AL] == 's' && kPairs[AL][NU] == 's' && kPairs[NU][AL] == 's' && kPairs[NU][NU] == 's');

// u8_possible_linebreaks, one character at a time: a break before a
// character only after another that is not a space (none at the start of
// the text), as kPairs says. Text with a character it does not know goes
// to libunistring whole.
class PossibleBreaks {
 public:
  explicit PossibleBreaks(std::string_view s) : s_(s) {}

  // The character at i: whether the rules allow a break before it, its
  // length in bytes and its columns (one); false when it is not known here.
  // When it starts a run (in_run), the run comes with it (`length` and
  // `columns` cover it): there is no break inside.
  bool next(std::size_t i, bool& possible, std::size_t& length, int& columns) {
    std::uint8_t cls = class_at(s_, i, length);
    columns = 1;
    if (cls == SP) {
      spaces_ = 1;
      possible = false;
      return true;
    }
    if (cls == kUnknown) return false;
    possible = (kBreak[last_][cls] >> spaces_) & 1;
    spaces_ = 0;
    for (std::size_t j = i + length, n; in_run(cls) && j < s_.size(); j += n) {
      const std::uint8_t following = class_at(s_, j, n);
      if (!in_run(following)) break;
      cls = following;
      length += n;
      ++columns;
    }
    last_ = cls;
    return true;
  }

 private:
  std::string_view s_;
  std::uint8_t last_ = kClasses;  // the class of the last character that is not a space
  std::uint8_t spaces_ = 0;       // whether spaces came after it
};

void libunistring_linebreaks(std::string_view s, int width, int start_column, const char* overrides, char* breaks) {
  ulc_width_linebreaks(s.data(), s.size(), width, start_column, 0, overrides, "UTF-8", breaks);
}

}  // namespace

void width_linebreaks(std::string_view s, int width, int start_column, const char* overrides, char* breaks) {
  if (s.empty()) return;
  // libunistring's greedy fit (u8_width_linebreaks), each character known
  // here one column wide: a piece of text runs from one possible break to
  // the next, and a break goes before a piece that would pass the width.
  // One pass: the rules' answer for each character is used as it is found.
  // Overrides only forbid breaks, so a character where the rules allow
  // none needs no look at its override.
  if (!rules_hold()) {
    libunistring_linebreaks(s, width, start_column, overrides, breaks);
    return;
  }
  std::fill(breaks, breaks + s.size(), static_cast<char>(UC_BREAK_PROHIBITED));
  PossibleBreaks rules(s);
  char* last_break = nullptr;  // the start of the current piece, if it may break
  int column = start_column, piece = 0;
  for (std::size_t i = 0, length; i < s.size(); i += length) {
    bool possible;
    int columns;
    if (!rules.next(i, possible, length, columns)) {
      libunistring_linebreaks(s, width, start_column, overrides, breaks);
      return;
    }
    if (possible && overrides[i] == UC_BREAK_UNDEFINED) {
      if (last_break && column + piece > width) {
        *last_break = UC_BREAK_POSSIBLE;
        column = 0;
      }
      last_break = &breaks[i];
      column += piece;
      piece = 0;
    }
    piece += columns;
  }
  if (last_break && column + piece > width) *last_break = UC_BREAK_POSSIBLE;
}

std::optional<bool> any_linebreak(std::string_view s, int width, int start_column, const char* overrides) {
  // Greedy fitting puts no break in text that fits, and at least one (the
  // last place it may) in text that does not. No character is wider in
  // columns than in bytes, so text that fits in bytes fits.
  if (start_column + static_cast<int>(s.size()) <= width) return false;
  if (!rules_hold()) return std::nullopt;
  PossibleBreaks rules(s);
  bool may_break = false;
  int total = 0;
  for (std::size_t i = 0, length; i < s.size(); i += length) {
    bool possible;
    int columns;
    if (!rules.next(i, possible, length, columns)) return std::nullopt;
    may_break |= possible && overrides[i] == UC_BREAK_UNDEFINED;
    total += columns;
  }
  return start_column + total > width && may_break;
}

}  // namespace l10n
