// Writing a Catalog as PO text, byte for byte what msgcat writes.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "po/catalog.h"

namespace l10n {

// Where text goes as it is made, a piece at a time and in order, so that a
// large catalog's text need not be held whole (extract streams it to a temp
// file, or only compares it with the file there).
class TextSink {
 public:
  virtual void write(std::string_view text) = 0;

 protected:
  ~TextSink() = default;
};

// The sink that keeps the whole text.
struct StringSink final : TextSink {
  std::string text;
  void write(std::string_view piece) override { text += piece; }
};

// Text made in slices of `slice` items on every core, a few slices at a
// time, and written into `out` in order, so that it is never held whole:
// `make(begin, end, text)` appends the text of items [begin, end).
void write_in_slices(std::size_t items, std::size_t slice, TextSink& out,
                     const std::function<void(std::size_t, std::size_t, std::string&)>& make);

// The PO text gettext's msgcat would write for `cat`.
std::string format_po(const Catalog& cat);
// The same text into `out`, a few thousand entries at a time.
void format_po(const Catalog& cat, TextSink& out);
// The same text from libgettextpo's own writer: format_po uses it for what
// its in-process writer does not cover (format flags, other charsets).
std::string format_po_gettext(const Catalog& cat);
// Why a file named `file` cannot be named in a "#:" reference line (a
// control character, a newline above all, would end the line and let the
// rest of the name be read as PO entries; U+2068/U+2069 delimit a name with
// spaces; a PO file is UTF-8), or nullopt. Names with spaces can: gettext
// (0.22 and later) encloses them in U+2068 … U+2069, and so does format_po.
std::optional<std::string> reference_problem(std::string_view file);

// The pieces of format_po's text, for po/keep.h, which writes only the
// entries that changed. Whether format_po writes `cat` itself (UTF-8, no
// format flags; else libgettextpo does, and the pieces below do not apply).
bool formats_itself(const Catalog& cat);
// The header of `cat` as the entry (msgid "") format_po writes for it.
Message header_message(const Catalog& cat);
// One entry as format_po writes it inside a file: no blank line before it,
// no line break after its last line.
std::string format_entry(const Message& m);
// Whether format_entry(m), read again, gives a message with the content of
// `read` (same_content), seen without writing it; nullopt where only a
// reading tells (comments on several lines, odd file names, a repeated
// reference).
std::optional<bool> reads_back_as(const Message& m, const Message& read);

// format_po, written atomically (temp file + rename). The entries that
// read as they do in the file it replaces keep their bytes there (po/keep.h).
void write_po(const std::string& fs_path, const Catalog& cat);

}  // namespace l10n
