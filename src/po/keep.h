// Keeping the bytes of the PO entries a run leaves as they were. Weblate
// writes PO files through translate-toolkit, which wraps lines its own way
// (77 columns, and breaks in URLs and Markdown links where gettext has none),
// reorders header fields and so on; rewriting every entry in msgcat's layout
// would answer each Weblate commit with a reformatting commit.
#pragma once

#include <string>

#include "base/source_text.h"
#include "po/catalog.h"
#include "po/reader.h"
#include "po/writer.h"

namespace l10n {

// `fresh` (format_po's text for the catalog that replaces `old`, the file's
// current bytes) with each entry that reads the same as an entry of `old`
// (the header included) in `old`'s bytes; entries that differ stay as
// format_po wrote them. The blank lines between two entries kept side by
// side, and what comes before the first and after the last, are kept too.
// A file with CRLF line breaks or a BOM keeps them throughout. When `old` is
// not a PO file that reads cleanly, `fresh` comes back as it is.
std::string keep_unchanged_entries(std::string old, std::string fresh);

// keep_unchanged_entries(old, format_po(cat)), with the same bytes, but
// writing only the entries that do not read as they do in `old`: after an
// extract that changed little, most of the text is `old`'s.
std::string format_po_keeping(const Catalog& cat, std::string old);

// A PO file's text read (PoContent::Everything) with where each of its
// entries lies: the old side of format_po_keeping, for a caller that reads
// the file anyway (extract updates from `cat`, then writes over `text`).
struct PoText {
  SourceText text;
  Catalog cat;
  EntrySpans spans;
};
// Throws Error as parse_po does.
PoText read_po_text(SourceText text);
// format_po_keeping over a file already read ...
std::string format_po_keeping(const Catalog& cat, const PoText& old);
// ... and into `out`, a piece at a time (po/writer.h).
void format_po_keeping(const Catalog& cat, const PoText& old, TextSink& out);

}  // namespace l10n
