// Markdown body -> translatable units, with cmark-gfm for the block structure.
// Shortcode calls are masked before parsing, as Hugo replaces them with
// placeholders before Goldmark sees the page: a call spanning lines, or one
// whose `>}}` starts a line, cannot turn into a block quote or split a table.
#pragma once

#include <string_view>
#include <vector>

#include "units/shortcode.h"
#include "base/source_text.h"
#include "units/unit.h"

namespace l10n {

// Units of the Markdown body `body` of `src`, in source order. Units made
// only of shortcode calls, code, URLs or punctuation are left out.
std::vector<Unit> markdown_units(const SourceText& src, Span body, const ShortcodeScan& shortcodes);

// Does `text` hold anything to translate once code spans, shortcode calls,
// URLs, e-mail addresses, HTML tags and link targets are set aside?
bool has_translatable_text(std::string_view text);

// A URL, a site path or an anchor: a value to leave alone, not text.
bool looks_like_url(std::string_view v);

}  // namespace l10n
