// Updating a translation catalog to a new template: the job of
// `msgmerge --previous`, with the same decisions, but with a bounded fuzzy
// search (po/fuzzy.h) on every core instead of msgmerge's near-quadratic
// one. docs/update.md explains.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "po/catalog.h"

namespace l10n {

struct UpdateOptions {
  // Fills Language and Plural-Forms when the old catalog lacks them ("nl").
  std::string language;
  // Keep translations whose msgid left the template as "#~" entries.
  bool keep_obsolete = true;
  // A changed msgid takes the closest old translation, marked fuzzy, only
  // when similarity() is above this (gettext's FUZZY_THRESHOLD).
  double fuzzy_threshold = 0.6;
  // Threads for the searches (0: one per core); the output is the same
  // whatever the number.
  int jobs = 0;
};

// The messages of `pot` with the translations of `old_po`. Translations are
// also looked up in `same_language_others` (other catalogs of the language,
// like msgmerge's compendia), so a paragraph moved between catalogs keeps its
// translation.
Catalog update_catalog(const Catalog& old_po, const Catalog& pot, const UpdateOptions& opt,
                       const std::vector<const Catalog*>& same_language_others = {});
// The same, taking the template's strings instead of copying them, for the
// last catalog made from it: `pot` is left empty.
Catalog update_catalog(const Catalog& old_po, Catalog&& pot, const UpdateOptions& opt,
                       const std::vector<const Catalog*>& same_language_others = {});

// Throws Error at the line of the PO's "Language:" header field when it names
// another language than `lang` ("nl_NL" is not "nl"; case and "-" versus
// "_" do not count). A missing or empty Language is no contradiction:
// update_catalog fills it in.
void check_language(const Catalog& po, const std::string& fs_path, const std::string& display_path,
                    std::string_view lang);

// gettext's fstrcmp: 2 * (length of the longest common byte subsequence) /
// (|a| + |b|), in [0, 1]. Returns 0 early once the result is known to be
// below `lower_bound`. (In src/po/fuzzy.cpp, with the search that uses it.)
double similarity(std::string_view a, std::string_view b, double lower_bound = 0.0);

// Whether the catalogs would write the same PO text, POT-Creation-Date aside.
bool same_messages(const Catalog& a, const Catalog& b);

}  // namespace l10n
