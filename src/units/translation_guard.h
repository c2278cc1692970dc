// Whether a translation can go into a page without breaking it, and how it is
// written there. A translator's slip (a dropped shortcode call, a changed link
// target, a leading "#" that turns a paragraph into a heading) must cost one
// untranslated unit, not a broken page.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "units/rules.h"
#include "units/unit.h"

namespace l10n {

// Something a translation must keep as the source has it: `key` is what is
// compared, `shown` what a refusal quotes.
struct GuardToken {
  std::string key;
  std::string shown;
  std::size_t pos = 0;  // where it is in its text: a refusal names the first
  bool operator<(const GuardToken& o) const { return key < o.key; }
  bool operator==(const GuardToken& o) const { return key == o.key; }
};

// What the check of a translation reads of the unit's source text, worked
// out once: merge checks one unit's translations in every language, and the
// source's side was most of that work.
struct SourceGuard {
  std::vector<GuardToken> placeholders, raw_html, link_targets, code_spans;
  std::optional<std::vector<GuardToken>> shortcode_keys;  // nullopt: the source's calls are broken
  std::string first_marker;  // the block marker of the source's first line
};
SourceGuard guard_source(const Unit& unit, const UnitRules& rules);

// Why `msgstr` cannot replace `unit`, or nullopt when it can.
std::optional<std::string> refuse_translation(const Unit& unit, std::string_view msgstr, const UnitRules& rules);
std::optional<std::string> refuse_translation(const Unit& unit, const SourceGuard& source, std::string_view msgstr,
                                              const UnitRules& rules);

// The bytes that replace unit.span: continuation lines get the container's
// prefix, structured values are quoted and escaped for their format,
// shortcode parameters keep valid quoting.
std::string render_translation(const Unit& unit, std::string_view msgstr);

}  // namespace l10n
