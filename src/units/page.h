// A content page read into its translatable units: front matter values,
// Markdown blocks and shortcode text parameters, in source order.
#pragma once

#include <optional>
#include <vector>

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

}  // namespace l10n
