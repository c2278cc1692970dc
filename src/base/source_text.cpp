#include "base/source_text.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <thread>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/files.h"
#include "base/tr.h"
#include "base/parallel.h"

namespace l10n {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
}

int LineIndex::line(std::size_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return static_cast<int>(it - starts_.begin());
}

std::size_t find_line_start(std::string_view text, int line) {
  std::size_t b = 0;
  for (int l = 1; l < line; ++l) {
    b = text.find('\n', b);
    if (b == std::string_view::npos) return b;
    ++b;
  }
  return b;
}

std::size_t LineIndex::line_start(int line) const {
  if (line < 1) return 0;
  if (line > line_count()) return text_.size();
  return starts_[static_cast<std::size_t>(line - 1)];
}

LineCol LineIndex::at(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  int ln = line(offset);
  int col = 1;
  for (std::size_t i = starts_[static_cast<std::size_t>(ln - 1)]; i < offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
  return {ln, col};
}

std::size_t decode_code_point(std::string_view s, std::size_t i, char32_t& cp) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char lead = byte(i);
  std::size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  cp = n == 1 ? lead : lead & (0xFF >> (n + 1));
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  return n;
}

std::size_t find_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    // Eight bytes at a time through ASCII, which most text is.
    if (i + 8 <= n) {
      std::uint64_t eight;
      std::memcpy(&eight, p + i, 8);
      if ((eight & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = p[i];
    if (c < 0x80) { ++i; continue; }
    std::size_t len;
    unsigned int cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid too.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return i;
    i += len;
  }
  return std::string_view::npos;
}

SourceText::SourceText(std::string path, std::string bytes)
    : path_(std::move(path)), bytes_(std::move(bytes)), lines_(bytes_) {
  has_bom_ = bytes_.size() >= 3 && bytes_.compare(0, 3, "\xEF\xBB\xBF") == 0;
  if (auto bad = find_invalid_utf8(bytes_); bad != std::string_view::npos)
    fail(bad, format(tr("invalid UTF-8 (byte 0x%02X)"), static_cast<unsigned char>(bytes_[bad])));
  // Markdown reads a lone CR as a line end and a NUL as U+FFFD (three bytes):
  // the offsets and lines of the other readers would no longer match it.
  // (A loop of our own: find_first_of calls memchr on its two characters
  // for every byte of the file.)
  auto nul_or_cr = [](char c) { return c == '\0' || c == '\r'; };
  for (auto it = std::find_if(bytes_.begin(), bytes_.end(), nul_or_cr); it != bytes_.end();
       it = std::find_if(it + 1, bytes_.end(), nul_or_cr)) {
    const auto i = static_cast<std::size_t>(it - bytes_.begin());
    if (*it == '\0') fail(i, tr("NUL byte in a text file"));
    if (i + 1 == bytes_.size() || bytes_[i + 1] != '\n')
      fail(i, tr("carriage return without a line feed (old Mac line ending): save the file with LF or CRLF line endings"));
  }
}

SourceText SourceText::load(const std::string& fs_path, std::string display_path) {
  std::string data = read_file(fs_path, display_path);
  return SourceText(std::move(display_path), std::move(data));
}

void SourceText::fail(std::size_t offset, std::string message) const {
  LineCol lc = at(offset);
  throw Error(path_, lc.line, lc.col, std::move(message));
}

}  // namespace l10n
