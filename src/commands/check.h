// `l10n check`: text left in the source language (or any language other than
// the page's) in target-language pages and PO translations. Each unit the
// extractor would find is split into sentences and identified
// (language_id.h); a unit is reported when it, or a sentence of it, is not in
// the page's language. docs/check-report.md describes the rules and the reports.
#pragma once

#include <string>
#include <vector>

#include "site/config.h"
#include "base/error.h"
#include "base/progress.h"

namespace l10n {

struct CheckOptions {
  std::vector<std::string> languages;  // empty: every configured language
  int jobs = 0;                        // 0: one per core
  std::string dict_dir = "/usr/share/hunspell";
  ProgressFn progress;                 // called as each page is checked
};

enum class FindingKind {
  Unit,          // a whole page unit is not in the page's language
  Sentence,      // one sentence of a unit is not (the unit is mixed)
  PoMsgstr,      // a PO translation is in another language
  PoIdentical,   // a PO translation repeats its msgid although there is text to translate
  Unreadable,    // a spot of a page that cannot be read (broken front matter, an unclosed call);
                 // the rest of the page is checked all the same
  Cited,         // source-language text that is the title of a cited work (the text of a link
                 // to another site, an emphasized title): shown, but not counted as a finding
};

const char* finding_kind_name(FindingKind kind);

struct Finding {
  FindingKind kind = FindingKind::Unit;
  std::string language;        // what the text should be in: "nl"
  std::string found;           // what it is in: "en"
  double confidence = 0;       // in [0, 1]
  std::string path;            // page or PO file, relative to the root (or as given)
  int line = 0, col = 0;       // where the fragment starts
  std::string unit;            // unit kind: "heading", "paragraph", "msgstr", …
  std::string fragment;        // the offending text
  std::string text;            // the whole unit (or msgstr)
  std::string counterpart;     // the source-language text, when known
  std::string fix_path;        // where to fix it: the PO entry, or the page itself
  int fix_line = 0;
  std::string msgid, msgctxt;  // the PO entry's identity, when fix_path is a PO file
  // Links for a reviewer, empty when the site configures none (`[report]`):
  std::string page_url;        // the page on the site
  std::string fix_url;         // fix_path:fix_line in the repository's web view
  std::string weblate_url;     // the PO entry in Weblate
};

struct PageResult {
  std::string language;
  std::string path;            // the target page
  std::string source;          // its source page; empty for a page without one
  bool from_merge = false;     // listed in the merge manifest
  int units = 0;               // units holding words to identify
  int flagged = 0;             // units with at least one finding
};

struct CatalogResult {
  std::string language;
  std::string path;
  int messages = 0, translated = 0, fuzzy = 0, untranslated = 0;
  int flagged = 0;             // translated messages with a finding
};

struct LanguageSummary {
  std::string language;
  int pages = 0, units = 0, flagged_units = 0, findings = 0;
  int cited = 0;  // Cited findings, which `findings` leaves out
  int po_messages = 0, po_translated = 0, po_fuzzy = 0, po_untranslated = 0, po_flagged = 0;
  double po_coverage() const { return po_messages ? 100.0 * po_translated / po_messages : 0; }
};

struct CheckReport {
  std::string source_language = "en";
  std::vector<Finding> findings;     // by path, then line
  std::vector<PageResult> pages;     // by language, then path
  std::vector<CatalogResult> catalogs;
  std::vector<Diagnostic> errors;    // pages or catalogs that could not be read
  double seconds = 0;                // wall time of the identification
  std::vector<LanguageSummary> summary() const;
  int units() const;
  // The findings that count (for --max-findings and the exit status): all
  // but the cited titles.
  std::size_t counted_findings() const;
};

// Checks the site's target-language pages (each source page's target, and
// pages written by hand in the target tree) and its PO files.
CheckReport check_site(const Config& cfg, const CheckOptions& options);

// Checks Markdown pages (files, or directories searched for *.md) that should
// be in `language`, with no site config: default front matter keys, and the
// usual text parameters of shortcodes (text, title, …).
CheckReport check_pages(const std::string& language, const std::vector<std::string>& paths, const CheckOptions& options,
                        const std::string& source_language = "en");

// Findings accepted in a baseline (a JSON report written earlier): the same
// path, fragment and language are not counted again.
std::vector<Finding> subtract_baseline(const std::vector<Finding>& findings, const std::string& baseline_json_path);

}  // namespace l10n
