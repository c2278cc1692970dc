#include "base/source_text.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <optional>
#include <thread>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/files.h"
#include "base/tr.h"
#include "base/words.h"
#include "base/parallel.h"

namespace l10n {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (const char* p = text.data(); const void* nl = std::memchr(p, '\n', text.data() + text.size() - p);) {
    p = static_cast<const char*>(nl) + 1;
    starts_.push_back(static_cast<std::size_t>(p - text.data()));
  }
}

LineIndex::LineIndex(std::string_view text, std::vector<std::size_t> starts) : text_(text), starts_(std::move(starts)) {}

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

namespace {

// Eight bytes at a time (base/words.h): pages are mostly ASCII, and most
// ASCII needs no look.
constexpr std::uint64_t kOnes = byte_times(1), kHighs = kHighBits;

// Whether a word holds a byte past ASCII, a NUL or a CR.
bool needs_a_look(std::uint64_t w) { return (w & kHighs) || zero_bytes(w) || zero_bytes(w ^ (kOnes * '\r')); }

// The byte at s[i], past ASCII or a NUL or CR, is where the text is no
// longer plain: its length when it is valid UTF-8 or a CR of a CRLF, 0 when not.
std::size_t special_length(std::string_view s, std::size_t i, bool nul_cr_invalid) {
  char c = s[i];
  if (static_cast<unsigned char>(c) < 0x80) {
    if (!nul_cr_invalid || (c != '\0' && c != '\r')) return 1;
    return c == '\r' && i + 1 < s.size() && s[i + 1] == '\n' ? 1 : 0;
  }
  char32_t cp = 0;
  std::size_t len = decode_code_point(s, i, cp);
  // Overlong forms, surrogates and values past U+10FFFF are invalid too.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
    return 0;
  return len;
}

// A high bit in each byte of w that is '\n', and in no other: unlike
// zero_bytes, every newline of the word is wanted, not just the first.
std::uint64_t newline_bytes(std::uint64_t w) {
  constexpr std::uint64_t kLows = ~kHighs;
  std::uint64_t x = w ^ (kOnes * '\n');
  return ~(((x & kLows) + kLows) | x) & kHighs;
}

// What SourceText needs of its bytes, in one pass over them: the offset
// where each line starts, up to the first byte that is not UTF-8 or is a NUL
// or a lone CR, and that byte's offset (npos when there is none).
struct Scan {
  std::vector<std::size_t> starts;
  std::size_t invalid = std::string_view::npos;
};

template <bool kLineStarts>
Scan scan_text(std::string_view s) {
  Scan out;
  // Lines of Markdown and YAML run to some 60 bytes: room for most without growing.
  if constexpr (kLineStarts) {
    out.starts.reserve(s.size() / 32 + 2);
    out.starts.push_back(0);
  }
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t w = load_word(s.data() + i);
      if (!needs_a_look(w)) {
        if constexpr (kLineStarts)
          for (std::uint64_t nl = newline_bytes(w); nl; nl &= nl - 1) out.starts.push_back(i + byte_index(nl) + 1);
        i += 8;
        continue;
      }
    }
    if (kLineStarts && s[i] == '\n') out.starts.push_back(i + 1);
    std::size_t len = special_length(s, i, true);
    if (len == 0) {
      out.invalid = i;
      return out;
    }
    i += len;
  }
  return out;
}

}  // namespace

std::size_t find_text_fault(std::string_view bytes) { return scan_text<false>(bytes).invalid; }

std::string text_fault_message(std::string_view bytes, std::size_t at) {
  if (bytes[at] == '\0') return tr("NUL byte in a text file");
  if (bytes[at] == '\r')
    return tr("carriage return without a line feed (old Mac line ending): save the file with LF or CRLF line endings");
  return format(tr("invalid UTF-8 (byte 0x%02X)"), static_cast<unsigned char>(bytes[at]));
}

std::size_t find_invalid_utf8(std::string_view s) {
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    if (i + 8 <= n && (load_word(s.data() + i) & kHighs) == 0) {
      i += 8;
      continue;
    }
    std::size_t len = special_length(s, i, false);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

SourceText::SourceText(std::string path, std::string bytes) : SourceText(std::move(path), FileBytes{std::move(bytes), nullptr}) {}

SourceText::SourceText(std::string path, FileBytes bytes)
    : path_(std::move(path)), storage_(std::move(bytes)), bytes_(storage_.view()), lines_(bytes_, {}) {
  has_bom_ = bytes_.size() >= 3 && bytes_.compare(0, 3, "\xEF\xBB\xBF") == 0;
  // Markdown reads a lone CR as a line end and a NUL as U+FFFD (three bytes):
  // the offsets and lines of the other readers would no longer match it.
  Scan scan = scan_text<true>(bytes_);
  lines_ = LineIndex(bytes_, std::move(scan.starts));
  if (scan.invalid != std::string::npos) fail(scan.invalid, text_fault_message(bytes_, scan.invalid));
}

SourceText SourceText::load(const std::string& fs_path, std::string display_path) {
  FileBytes data = load_file(fs_path, display_path);
  return SourceText(std::move(display_path), std::move(data));
}

void SourceText::fail(std::size_t offset, std::string message) const {
  LineCol lc = at(offset);
  throw Error(path_, lc.line, lc.col, std::move(message));
}

}  // namespace l10n
