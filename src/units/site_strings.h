// Text outside the pages that a translated site needs too, as hugo-gettext
// extracts it: Hugo's string table (i18n/en.*) and the site title, description
// and menu names in the site config.
#pragma once

#include <vector>

#include "units/rules.h"
#include "base/source_text.h"
#include "data/structured.h"
#include "units/unit.h"

namespace l10n {

// Units of a string table. Each entry's ID becomes its msgctxt, since two IDs
// with the same English text may need different translations.
std::vector<Unit> string_table_units(const SourceText& src, DataFormat format);

// Units of a site config file: title, params.description, menu entry names,
// also under languages.<source>.
std::vector<Unit> site_config_units(const SourceText& src, DataFormat format, const UnitRules& rules);

}  // namespace l10n
