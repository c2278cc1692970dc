#include "base/glob.h"

#include <algorithm>
#include <string>
#include <vector>

namespace l10n {

namespace {

// The code point at s[i] (a lone invalid byte counts as itself); advances i.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  if (i + len > s.size()) len = 1;
  char32_t cp = len == 1 ? b : b & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

// The end of the class starting at pattern[i] == '[' (just past its ']'), or
// npos when it is not closed and the '[' is a literal.
std::size_t class_end(std::string_view pat, std::size_t i) {
  std::size_t j = i + 1;
  if (j < pat.size() && (pat[j] == '!' || pat[j] == '^')) ++j;
  if (j < pat.size() && pat[j] == ']') ++j;  // a leading ']' is a member
  for (; j < pat.size(); ++j) {
    if (pat[j] == '\\') ++j;
    else if (pat[j] == ']') return j + 1;
  }
  return std::string_view::npos;
}

// Does code point c belong to the class pat[i, end) ("[…]")?
bool class_matches(std::string_view pat, std::size_t i, std::size_t end, char32_t c) {
  ++i;
  bool negated = i < end && (pat[i] == '!' || pat[i] == '^');
  if (negated) ++i;
  bool found = false;
  while (i < end - 1) {
    if (pat[i] == '\\' && i + 1 < end - 1) ++i;
    char32_t lo = next_code_point(pat, i);
    char32_t hi = lo;
    if (i + 1 < end - 1 && pat[i] == '-') {
      ++i;
      if (pat[i] == '\\' && i + 1 < end - 1) ++i;
      hi = next_code_point(pat, i);
    }
    if (lo <= c && c <= hi) found = true;
  }
  return found != negated;
}

// One path segment against one pattern segment (no '/', no braces). `*`
// backtracks only to its latest occurrence, so this is O(|pat| * |seg|) at worst.
bool match_segment(std::string_view pat, std::string_view seg) {
  std::size_t p = 0, s = 0;
  std::size_t star_p = std::string_view::npos, star_s = 0;
  while (s < seg.size()) {
    if (p < pat.size()) {
      char c = pat[p];
      if (c == '*') {
        while (p < pat.size() && pat[p] == '*') ++p;
        star_p = p;
        star_s = s;
        continue;
      }
      std::size_t s_next = s;
      char32_t sc = next_code_point(seg, s_next);
      bool ok = false;
      std::size_t p_next = p + 1;
      if (c == '?') {
        ok = true;
      } else if (std::size_t e = c == '[' ? class_end(pat, p) : std::string_view::npos;
                 e != std::string_view::npos) {
        ok = class_matches(pat, p, e, sc);
        p_next = e;
      } else {
        if (c == '\\' && p + 1 < pat.size()) ++p;
        p_next = p;
        ok = next_code_point(pat, p_next) == sc;
      }
      if (ok) {
        p = p_next;
        s = s_next;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    next_code_point(seg, star_s);
    s = star_s;
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t slash = s.find('/', start);
    parts.push_back(s.substr(start, slash - start));
    if (slash == std::string_view::npos) return parts;
    start = slash + 1;
  }
}

// A pattern without braces: `**` segments match any number of path segments,
// with the same single-backtrack scheme as `*` within a segment.
bool match_segments(std::string_view pattern, std::string_view path) {
  auto pat = split(pattern);
  auto segs = split(path);
  std::size_t p = 0, s = 0;
  std::size_t star_p = std::string_view::npos, star_s = 0;
  while (s < segs.size()) {
    if (p < pat.size()) {
      if (pat[p] == "**") {
        star_p = ++p;
        star_s = s;
        continue;
      }
      if (match_segment(pat[p], segs[s])) {
        ++p;
        ++s;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    s = ++star_s;
  }
  while (p < pat.size() && pat[p] == "**") ++p;
  return p == pat.size();
}

// The first top-level `{…}` holding a comma: its offsets and the offsets of
// its commas. Returns false when the pattern has none.
bool find_braces(std::string_view pat, std::size_t& open, std::vector<std::size_t>& commas,
                 std::size_t& close) {
  for (std::size_t i = 0; i < pat.size(); ++i) {
    if (pat[i] == '\\') { ++i; continue; }
    if (pat[i] != '{') continue;
    commas.clear();
    int depth = 0;
    for (std::size_t j = i; j < pat.size(); ++j) {
      char c = pat[j];
      if (c == '\\') ++j;
      else if (c == '{') ++depth;
      else if (c == ',' && depth == 1) commas.push_back(j);
      else if (c == '}' && --depth == 0) {
        if (commas.empty()) break;  // "{x}" is literal text
        open = i;
        close = j;
        return true;
      }
    }
  }
  return false;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  std::size_t open = 0, close = 0;
  std::vector<std::size_t> commas;
  if (!find_braces(pattern, open, commas, close)) return match_segments(pattern, path);
  commas.push_back(close);
  std::string_view prefix = pattern.substr(0, open);
  std::string_view suffix = pattern.substr(close + 1);
  std::size_t start = open + 1;
  for (std::size_t comma : commas) {
    std::string alternative;
    alternative.reserve(prefix.size() + (comma - start) + suffix.size());
    alternative.append(prefix).append(pattern.substr(start, comma - start)).append(suffix);
    if (glob_match(alternative, path)) return true;
    start = comma + 1;
  }
  return false;
}

bool any_glob_matches(const std::vector<std::string>& patterns, std::string_view path) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return glob_match(p, path); });
}

}  // namespace l10n
