#include "po/linebreak.h"

#include <unilbrk.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace l10n {

namespace {

// The classes printable ASCII falls into for the line breaking rules of
// Unicode's UAX #14, as libunistring applies them: characters of a class
// break alike before and after any other. (Its SY, "/", breaks as IS does,
// and PO as PR.)
enum Class : std::uint8_t { CP, CL, IS, EX, QU, HY, BA, OP, NU, AL, PR, kClasses };

constexpr std::array<std::uint8_t, 128> kClassOf = [] {
  std::array<std::uint8_t, 128> c{};
  c.fill(AL);
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

// Between the last character that is not a space (the row) and the next
// one (the column): 'b' a break may go there, 's' only when spaces come
// between them (after the spaces), '.' never. linebreak_test holds this
// table to libunistring's answers.
constexpr std::array<std::string_view, kClasses> kPairs = {
    "....sssbsss",  // CP
    "....sssbbbs",  // CL
    "....sssbsbb",  // IS
    "....sssbbbb",  // EX
    "....sss.sss",  // QU
    "....sssbsbb",  // HY
    "....sssbbbb",  // BA
    "...........",  // OP
    "....sssssss",  // NU
    "....sssssss",  // AL
    "....ssssssb",  // PR
};

bool printable_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= ' ' && c <= '~'; });
}

// u8_possible_linebreaks on printable ASCII, one character at a time: a
// break before a character only after another that is not a space (none at
// the start of the text), as kPairs says.
class PossibleBreaks {
 public:
  bool before(char c) {
    if (c == ' ') {
      spaces_ = true;
      return false;
    }
    const int cls = kClassOf[static_cast<unsigned char>(c)];
    bool possible = false;
    if (last_ >= 0) {
      const char pair = kPairs[static_cast<std::size_t>(last_)][static_cast<std::size_t>(cls)];
      possible = pair == 'b' || (pair == 's' && spaces_);
    }
    last_ = cls;
    spaces_ = false;
    return possible;
  }

 private:
  int last_ = -1;  // the class of the last character that is not a space
  bool spaces_ = false;
};

}  // namespace

void width_linebreaks(std::string_view s, int width, int start_column, const char* overrides, char* breaks) {
  if (s.empty()) return;
  if (!printable_ascii(s)) {
    ulc_width_linebreaks(s.data(), s.size(), width, start_column, 0, overrides, "UTF-8", breaks);
    return;
  }
  // libunistring's greedy fit (u8_width_linebreaks), each character one
  // column wide: a piece of text runs from one possible break to the next,
  // and a break goes before a piece that would pass the width.
  // One pass: the rules' answer for each character is used as it is found.
  PossibleBreaks possible;
  char* last_break = nullptr;  // the start of the current piece, if it may break
  int column = start_column, piece = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char rule = possible.before(s[i]) ? UC_BREAK_POSSIBLE : UC_BREAK_PROHIBITED;
    const char here = overrides[i] != UC_BREAK_UNDEFINED ? overrides[i] : rule;
    breaks[i] = UC_BREAK_PROHIBITED;
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
  }
  if (last_break && column + piece > width) *last_break = UC_BREAK_POSSIBLE;
}

std::optional<bool> any_linebreak(std::string_view s, int width, int start_column, const char* overrides) {
  if (!printable_ascii(s)) return std::nullopt;
  // Greedy fitting puts no break in text that fits, and at least one (the
  // last place it may) in text that does not.
  if (start_column + static_cast<int>(s.size()) <= width) return false;
  PossibleBreaks possible;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (possible.before(s[i]) && overrides[i] == UC_BREAK_UNDEFINED) return true;
  return false;
}

}  // namespace l10n
