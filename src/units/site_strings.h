// Text outside the pages that a translated site needs too, as hugo-gettext
// extracts it: Hugo's string table (i18n/en.*) and the site title, description
// and menu names in the site config.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
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

// Units of a data file: its string values with text, those of
// rules.data_keys when it names any, never those of rules.data_exclude_keys.
std::vector<Unit> data_file_units(const SourceText& src, DataFormat format, const UnitRules& rules);

// A root site config (hugo.toml, config.yaml) cannot get a twin per language,
// so its translations go to the file Hugo merges under languages.<lang>
// (config/_default/languages.<lang>.toml): the title and the translatable
// params, and the whole menus with their names translated, since a
// language's menus replace the site's. `units` are the file's
// (site_config_units) and `translations[i]` the accepted translation of
// units[i], if any; other values are the source's. Written in TOML whatever
// the source format.
std::string language_config(const SourceText& src, DataFormat format, const UnitRules& rules,
                            const std::vector<Unit>& units,
                            const std::vector<std::optional<std::string_view>>& translations, std::string_view lang);

}  // namespace l10n
