// Reading PO/POT text into a Catalog: a strict parser of our own that keeps
// each entry's line for diagnostics downstream.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/source_text.h"
#include "po/catalog.h"

namespace l10n {

// What a reader keeps of each entry after the header: everything; all but
// the extracted comments and references, which describe the sources and which
// an update takes from the template anyway; or only what merging
// translations needs (msgctxt, msgid, msgstr, flags, the line). The comments
// and references are much of a large catalog.
enum class PoContent { Everything, NoSourceComments, Translations };
// Reads a PO/POT file. Throws Error("path:line: …") for syntax errors,
// duplicate entries, a charset other than UTF-8.
Catalog read_po(const std::string& fs_path, const std::string& display_path,
                PoContent keep = PoContent::Everything);
// Where each entry lies in the text it was read from: from the start of its
// first line (a comment, or its first keyword) to the end of its last, without
// that line's line break. The blank lines and stray "#~" lines between
// entries belong to none. An entry's bytes can then be kept (po/keep.h).
struct EntrySpans {
  std::optional<Span> header;
  std::vector<Span> messages;  // one per Catalog::messages, in its order
};

// The same for text already read; with `spans`, noting where each entry lies.
Catalog parse_po(const SourceText& src, PoContent keep = PoContent::Everything, EntrySpans* spans = nullptr);

// Reads a translation catalog a block at a time, holding neither the file
// nor its entries: `take` gets each entry after the header, in file order,
// with what PoContent::Translations keeps; the header comes back in a
// Catalog without messages. The header must come first (gettext writes it
// there) and must not be empty (require_header_entry). read_po's checks
// apply, but for one that needs every entry: two with the same msgctxt and
// msgid are the taker's to find (duplicate_entry). `block_size`: how much
// is read at a time (tests make it small, to end blocks everywhere).
Catalog read_po_entries(const std::string& fs_path, const std::string& display_path,
                        const std::function<void(Message&&)>& take, std::size_t block_size = std::size_t{1} << 20);

// The error for an entry at `line` whose msgctxt and msgid are those of the
// entry at `first_line`.
Error duplicate_entry(const std::string& display_path, int line, int first_line);

// Throws Error(display_path) when `cat` has no header entry, or an empty
// one. A translation catalog always has one (its Language, its charset), so
// a file without it (0 bytes, only comments: truncated, or cleared by
// mistake) is refused rather than read as "no translations", which would
// make merge remove every page of the language. A template may lack it.
void require_header_entry(const Catalog& cat, const std::string& display_path);

}  // namespace l10n
