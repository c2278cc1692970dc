// A source file's bytes with what every parser needs around them: UTF-8
// validation, the BOM, and byte offset -> line:col mapping. Offsets everywhere
// in the library are byte offsets into SourceText::bytes (BOM included), so
// that merge can splice translations into the original bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/files.h"

namespace l10n {

// A half-open byte range [begin, end) into a SourceText's bytes.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  friend bool operator==(const Span&, const Span&) = default;
};

struct LineCol {
  int line = 1;  // 1-based
  int col = 1;   // 1-based, in code points
};

// Maps byte offsets to line:col. Lines end at '\n'; a "\r\n" ending counts once.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  // `starts`: where each line of `text` starts, 0 first, as the other
  // constructor finds them (for a caller that has scanned the text already).
  LineIndex(std::string_view text, std::vector<std::size_t> starts);
  LineCol at(std::size_t offset) const;
  int line(std::size_t offset) const;
  std::size_t line_start(int line) const;  // byte offset where 1-based `line` starts
  int line_count() const { return static_cast<int>(starts_.size()); }
  // Points the index at a copy of the same text (after its owner moved).
  void rebind(std::string_view text) { text_ = text; }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

class SourceText {
 public:
  // Throws Error(path:line:col) on invalid UTF-8.
  SourceText(std::string path, std::string bytes);
  // Reads the file (a large one is mapped: FileBytes in base/files.h);
  // throws Error when it cannot be read or is not UTF-8.
  static SourceText load(const std::string& fs_path, std::string display_path);
  // The line index views the bytes, so copies and moves re-point it.
  SourceText(const SourceText& o)
      : path_(o.path_), storage_(o.storage_), bytes_(storage_.view()), has_bom_(o.has_bom_), lines_(o.lines_) {
    lines_.rebind(bytes_);
  }
  SourceText(SourceText&& o) noexcept
      : path_(std::move(o.path_)),
        storage_(std::move(o.storage_)),
        bytes_(storage_.view()),
        has_bom_(o.has_bom_),
        lines_(std::move(o.lines_)) {
    lines_.rebind(bytes_);
  }
  SourceText& operator=(SourceText o) noexcept {
    path_ = std::move(o.path_);
    storage_ = std::move(o.storage_);
    bytes_ = storage_.view();
    has_bom_ = o.has_bom_;
    lines_ = std::move(o.lines_);
    lines_.rebind(bytes_);
    return *this;
  }

  const std::string& path() const { return path_; }
  std::string_view bytes() const { return bytes_; }
  // Bytes after a UTF-8 BOM, if any.
  std::size_t content_begin() const { return has_bom_ ? 3 : 0; }
  bool has_bom() const { return has_bom_; }
  const LineIndex& lines() const { return lines_; }
  LineCol at(std::size_t offset) const { return lines_.at(offset); }
  [[noreturn]] void fail(std::size_t offset, std::string message) const;
  // Whether the bytes are still those the file had when it was loaded: a
  // mapped file's may have changed under us since (MappedFile::unchanged),
  // and then what was made from them must not be used. True for bytes held.
  bool unchanged_on_disk() const { return !storage_.mapped || storage_.mapped->unchanged(); }

 private:
  SourceText(std::string path, FileBytes bytes);

  std::string path_;
  FileBytes storage_;
  std::string_view bytes_;  // storage_'s
  bool has_bom_ = false;
  LineIndex lines_;
};

// Where 1-based `line` starts in `text`, npos when it has fewer lines: a
// scan, for the odd line of a text that has no LineIndex.
std::size_t find_line_start(std::string_view text, int line);

// The offset of the first invalid UTF-8 byte, or npos when `text` is valid.
std::size_t find_invalid_utf8(std::string_view text);

// The first byte SourceText refuses in `bytes` (not UTF-8, a NUL, a CR that
// ends no line), npos when none, and SourceText's words for it: for a
// reader that takes a file a block at a time (cut after a line feed, so
// that no character or CRLF is split).
std::size_t find_text_fault(std::string_view bytes);
std::string text_fault_message(std::string_view bytes, std::size_t at);

// The code point at s[i] into `cp` and its length in bytes; 0 when the
// bytes there are not UTF-8.
std::size_t decode_code_point(std::string_view s, std::size_t i, char32_t& cp);

}  // namespace l10n
