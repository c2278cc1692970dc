// `l10n merge`: the per-language content trees Hugo builds. Each unit with a
// usable translation is replaced in place; every other byte is the source's.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/progress.h"
#include "site/config.h"

namespace l10n {

struct MergeOptions {
  std::vector<std::string> languages;  // empty: every configured language
  int keep = -1;                       // % translated to write a page; -1: the config's
  bool use_fuzzy = false;              // use fuzzy translations too
  bool dry_run = false;                // compute and report, write nothing
  int jobs = 0;
  ProgressFn progress;                 // called as each source file is done for each language
};

// A translation that was not used because it would break the page.
struct Refusal {
  std::string page;      // source page path
  int page_line = 0;
  std::string po_path;   // where to fix it
  int po_line = 0;
  std::string reason;
};

enum class PageAction { Written, Unchanged, BelowThreshold, Removed, HandWritten };

struct PageOutcome {
  std::string language;
  std::string source;  // source page (or data file) path
  std::string target;  // output path
  PageAction action = PageAction::Unchanged;
  std::size_t units = 0, translated = 0;
};

struct MergeReport {
  std::vector<PageOutcome> pages;
  std::vector<Refusal> refusals;
  std::vector<Diagnostic> warnings;  // manifest lines ignored, files not removed
  // A broken source file stops the run before any write; a language whose
  // catalogs cannot be read is left as it is while the others are written.
  std::vector<Diagnostic> errors;
  bool changed() const;            // would a write or a removal happen?
  bool written_nothing() const { return pages.empty(); }
};

MergeReport run_merge(const Config& cfg, const MergeOptions& options);

}  // namespace l10n
