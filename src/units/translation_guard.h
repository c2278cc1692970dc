// Whether a translation can go into a page without breaking it, and how it is
// written there. A translator's slip (a dropped shortcode call, a changed link
// target, a leading "#" that turns a paragraph into a heading) must cost one
// untranslated unit, not a broken page.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "units/rules.h"
#include "units/unit.h"

namespace l10n {

// Why `msgstr` cannot replace `unit`, or nullopt when it can.
std::optional<std::string> refuse_translation(const Unit& unit, std::string_view msgstr, const UnitRules& rules);

// The bytes that replace unit.span: continuation lines get the container's
// prefix, structured values are quoted and escaped for their format,
// shortcode parameters keep valid quoting.
std::string render_translation(const Unit& unit, std::string_view msgstr);

}  // namespace l10n
