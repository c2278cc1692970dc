// ASCII case, whatever the locale: the CLI sets LC_CTYPE from the user's
// environment for its messages, and std::tolower would follow it (a Turkish
// locale lowers 'I' to something other than 'i'). Keys, language codes, URL
// schemes and YAML words are ASCII by definition.
#pragma once

#include <string>
#include <string_view>

namespace l10n {

constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c; }
constexpr bool ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

}  // namespace l10n
