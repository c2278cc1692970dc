// Writing a Catalog as PO text, byte for byte what msgcat writes.
#pragma once

#include <string>

#include "po/catalog.h"

namespace l10n {

// The PO text gettext's msgcat would write for `cat`.
std::string format_po(const Catalog& cat);
// The same text from libgettextpo's own writer: format_po uses it for what
// its in-process writer does not cover (format flags, other charsets).
std::string format_po_gettext(const Catalog& cat);
// format_po, written atomically (temp file + rename).
void write_po(const std::string& fs_path, const Catalog& cat);

}  // namespace l10n
