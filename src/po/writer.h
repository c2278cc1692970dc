// Writing a Catalog as PO text, byte for byte what msgcat writes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "po/catalog.h"

namespace l10n {

// The PO text gettext's msgcat would write for `cat`.
std::string format_po(const Catalog& cat);
// The same text from libgettextpo's own writer: format_po uses it for what
// its in-process writer does not cover (format flags, other charsets).
std::string format_po_gettext(const Catalog& cat);
// Why a file named `file` cannot be named in a "#:" reference line (a
// control character, a newline above all, would end the line and let the
// rest of the name be read as PO entries; U+2068/U+2069 delimit a name with
// spaces; a PO file is UTF-8), or nullopt. Names with spaces can: gettext
// (0.22 and later) encloses them in U+2068 … U+2069, and so does format_po.
std::optional<std::string> reference_problem(std::string_view file);

// format_po, written atomically (temp file + rename). The entries that
// read as they do in the file it replaces keep their bytes there (po/keep.h).
void write_po(const std::string& fs_path, const Catalog& cat);

}  // namespace l10n
