// What the libFuzzer targets share: the input as a page, and the config the
// targets read pages with (the corpus sites' kind of settings).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "site/config.h"
#include "base/error.h"
#include "base/source_text.h"

namespace l10n::fuzz {

// The input as a page; nullopt when it is not UTF-8 (rejected with an Error).
inline std::optional<SourceText> page_text(const std::uint8_t* data, std::size_t size) {
  try {
    return SourceText("fuzz.md", std::string(reinterpret_cast<const char*>(data), size));
  } catch (const Error&) {
    return std::nullopt;
  }
}

inline const Config& config() {
  static const Config cfg = parse_config(
      "languages = [\"nl\"]\n"
      "[frontMatter]\n"
      "keys = [\"title\", \"linkTitle\", \"description\", \"menu.*.name\", \"tags\",\n"
      "        \"content_blocks[].heading.title\", \"hero.*\"]\n"
      "[shortcodes]\n"
      "button = [\"text\"]\n"
      "rich-list = [\"listTitle\"]\n"
      "steps-bar = [0, 1]\n",
      "fuzz.toml", ".");
  return cfg;
}

// A broken invariant: print it and abort, so libFuzzer saves the input.
// Control bytes are shown escaped, a NUL would end the message.
[[noreturn]] inline void fail(const std::string& what) {
  std::string shown;
  for (unsigned char c : what) {
    if (c >= 0x20 || c == '\n') {
      shown.push_back(static_cast<char>(c));
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      shown += buf;
    }
  }
  std::fprintf(stderr, "invariant broken: %s\n", shown.c_str());
  std::abort();
}

inline void expect(bool ok, const std::string& what) {
  if (!ok) fail(what);
}

inline bool span_within(Span s, std::size_t begin, std::size_t end) {
  return s.begin <= s.end && s.begin >= begin && s.end <= end;
}

}  // namespace l10n::fuzz
