// `l10n import`: adopts a site's existing hand-made translations. Each
// target-language page is aligned with its source page (align.h) and what the
// alignment finds seeds the language's PO: confident pairs as translations,
// weak ones and merged or split units as fuzzy, target text still in the
// source language as untranslated. Existing translations stay unless asked.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "site/config.h"
#include "base/error.h"
#include "base/progress.h"
#include "base/source_text.h"

namespace l10n {

// Whether a target page's text is still in the source language.
using SourceLanguageTest = std::function<bool(std::string_view text)>;

struct ImportOptions {
  std::string language;        // must be one of the config's languages
  bool overwrite = false;      // replace translations the PO already has
  bool dry_run = false;        // align and report, write nothing
  int jobs = 0;
  // Unset: what `l10n check` reports as a whole unit in the source language
  // (source_language_test).
  ProgressFn progress;          // called as each source page is done
  SourceLanguageTest still_source;
  // PO files made by another tool (hugo-gettext, po4a, Transifex, Crowdin):
  // when given, their translations are carried over instead of pages aligned.
  std::vector<std::string> po_files;
};

// The test `l10n check` applies: the unit as a whole is not in `language`
// but in another one (the config's glossary terms are never evidence).
SourceLanguageTest source_language_test(const Config& cfg, const std::string& language);

enum class ImportStatus {
  Aligned,     // a confident 1:1 pair: imported as a translation
  Fuzzy,       // a weak pair, a merge or a split: imported as fuzzy
  Unmatched,   // no counterpart in the target page
  SourceLeft,  // the counterpart is still in the source language
};

// What became of an import in the PO.
enum class PoAction {
  None,       // nothing to import (Unmatched, SourceLeft)
  Imported,   // the PO now has it
  Same,       // the PO already had exactly this
  Kept,       // the PO has another translation, kept (no --overwrite)
  Conflict,   // the same msgid got another translation elsewhere, which won
};

struct UnitImport {
  std::size_t unit = 0;           // index among the source page's units
  int line = 0;                   // the source unit's line
  std::vector<std::size_t> target_units;  // indices among the target page's units; empty when Unmatched
  std::vector<int> target_lines;          // their lines
  ImportStatus status = ImportStatus::Unmatched;
  double score = 0;               // the alignment's pair score
  std::string msgctxt, msgid;
  std::string msgstr;             // what is imported; empty for Unmatched and SourceLeft
  std::string note;               // why it is fuzzy
  PoAction po = PoAction::None;
};

struct PageImport {
  std::string source, target;     // relative to the root
  std::vector<UnitImport> units;  // one per source unit, in order
  std::vector<int> extra_lines;   // target units with no source counterpart
  std::size_t count(ImportStatus status) const;
};

// What became of the translations in other tools' PO files.
struct CarryOver {
  std::size_t carried = 0;   // an l10n message with the same msgid got the translation
  std::size_t fuzzy = 0;     // one equal but for re-rendered Markdown got it as fuzzy, with #|
  std::size_t kept = 0;      // the l10n message had a translation already (no --overwrite)
  std::size_t pairs = 0;     // translations read from the files (entries and shortcode parameters)
  // Unmatched translations kept as obsolete entries ("#~") of the main
  // catalog: extract revives one when a page brings its text back.
  std::size_t kept_for_later = 0;
  std::vector<Diagnostic> unmatched;  // entries, or parameters, not used, and why
};

struct ImportReport {
  CarryOver carry_over;                // with ImportOptions::po_files
  std::vector<PageImport> pages;       // source pages that have a target page
  std::size_t pages_without_target = 0;
  std::vector<std::string> written;    // catalogs whose bytes changed
  std::vector<Diagnostic> warnings;    // target pages that could not be read
  std::vector<Diagnostic> errors;      // when not empty, nothing was written
  std::size_t count(PoAction action) const;
};

// Aligns one source page with its translation, both named in the result by
// their SourceText paths. Throws Error for a page that cannot be read.
PageImport import_page(const SourceText& source, const SourceText& target, const Config& cfg,
                       const SourceLanguageTest& still_source);

// Aligns every page pair, then writes the POT and the language's PO as
// `l10n extract` does, with the imported translations added.
ImportReport run_import(const Config& cfg, const ImportOptions& options);

const char* import_status_name(ImportStatus status);

}  // namespace l10n
