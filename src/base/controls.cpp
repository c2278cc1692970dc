#include "base/controls.h"

#include <unicode/uchar.h>

#include <cstdio>

#include "base/source_text.h"

namespace l10n {

bool is_display_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||                // C0, DEL, C1: terminal escapes
         cp == 0x061C || cp == 0x200E || cp == 0x200F ||           // bidi marks
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||  // bidi embeddings, overrides, isolates
         cp == 0x2028 || cp == 0x2029;                             // line breaks to a terminal or a script
}

std::string visible_controls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    std::size_t n = decode_code_point(s, i, cp);
    char buf[16];
    if (n == 0 || cp < 0x20 || cp == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(s[i]));
      out += buf;
      ++i;
      continue;
    }
    if (is_display_control(cp)) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(s, i, n);
    }
    i += n;
  }
  return out;
}

std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    std::size_t n = decode_code_point(s, i, cp);
    if (n == 0) {
      ++width, ++i;
      continue;
    }
    i += n;
    auto c = static_cast<UChar32>(cp);
    int category = u_charType(c);
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR) continue;
    int east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    width += (east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

}  // namespace l10n
