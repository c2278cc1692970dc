// A content page read into its translatable units: front matter values,
// Markdown blocks and shortcode text parameters, in source order.
#pragma once

#include <optional>
#include <vector>

#include "base/error.h"
#include "units/rules.h"
#include "units/shortcode.h"
#include "base/source_text.h"
#include "data/structured.h"
#include "units/unit.h"

namespace l10n {

struct Page {
  std::optional<FrontMatter> front_matter;
  Span body;                // the Markdown after the front matter
  ShortcodeScan shortcodes;
  std::vector<Unit> units;  // sorted by span.begin; spans never overlap
};

// Throws Error(file:line:col) for broken front matter or shortcodes.
Page read_page(const SourceText& src, const UnitRules& rules);

// A page as a reviewer's tool reads it: whatever it holds. Each spot that
// stops read_page (or is not UTF-8) is noted and its line blanked, keeping
// every other byte where it was, and the page is read again; after a few
// spots the front matter goes whole. `text` is what was read in the end.
struct LenientPage {
  SourceText text;
  Page page;
  std::vector<Diagnostic> problems;  // in the order they were met
};
LenientPage read_page_leniently(const std::string& path, std::string bytes, const UnitRules& rules);

}  // namespace l10n
