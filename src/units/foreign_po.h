// Translations made with another tool (hugo-gettext, po4a, Transifex,
// Crowdin), read as l10n's own units: their msgids may hold whole shortcode
// calls, and the Markdown as that tool re-rendered it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "units/rules.h"

namespace l10n {

struct CarriedPair {
  std::string msgid, msgstr;
};

// What one translated entry of another tool's PO gives: the entry itself,
// and each text parameter of its shortcode calls paired with the same
// parameter of the same call in the msgstr. `problem` says why no pair came
// of its calls: a msgstr whose calls are not the msgid's (dropped, added,
// renamed, other fixed parameters) is never used.
struct ForeignPairs {
  std::vector<CarriedPair> pairs;
  std::string problem;
};
ForeignPairs foreign_pairs(std::string_view msgid, std::string_view msgstr, const UnitRules& rules);

// The text with its line breaks and runs of white space as one space: a
// paragraph another tool joined or wrapped again is the same paragraph.
std::string spaced_text(std::string_view text);

// The text with what other tools re-render left out, for near matches:
// runs of white space (soft line breaks) as one space, emphasis markers, a
// leading heading or list marker, backslash escapes.
std::string loose_text(std::string_view text);

}  // namespace l10n
