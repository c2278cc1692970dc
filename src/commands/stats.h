// `l10n stats`: how much of the site is translated, per language, per catalog
// and per page, counted the way translators see it (Weblate's "translated",
// "needs editing" and "not translated") plus the words of the source text.
#pragma once

#include <string>
#include <vector>

#include "site/config.h"
#include "base/error.h"

namespace l10n {

struct Coverage {
  std::size_t translated = 0, fuzzy = 0, untranslated = 0;  // messages (catalogs) or units (pages)
  std::size_t words = 0;             // words of the source text (msgids), all of them
  std::size_t translated_words = 0;  // of those, in translated messages
  std::size_t fuzzy_words = 0;

  std::size_t total() const { return translated + fuzzy + untranslated; }
  // Translated share of the messages, 0..100; 100 when there is nothing to translate.
  double percent() const;
  Coverage& operator+=(const Coverage& other);
};

struct CatalogStats {
  std::string domain;
  std::string path;     // catalog_dir/<lang>/<domain>.po, relative to the root
  bool exists = true;   // false: no PO yet; every message of the POT counts as untranslated
  Coverage coverage;    // the catalog's live (not obsolete) entries
};

struct PageStats {
  std::string path;   // the source page, string table or site config file
  Coverage coverage;  // its units; a text used twice counts twice
};

struct LanguageStats {
  std::string language;
  Coverage total;  // the sum of the catalogs
  std::vector<CatalogStats> catalogs;
  std::vector<PageStats> pages;
};

struct StatsReport {
  std::string source;
  std::vector<LanguageStats> languages;
  std::vector<Diagnostic> errors;  // unreadable pages or catalogs
};

struct StatsOptions {
  std::vector<std::string> languages;  // empty: every configured language
  int jobs = 0;                        // 0: one thread per core
};

StatsReport compute_stats(const Config& cfg, const StatsOptions& options = {});

// Words as Weblate counts them: runs of characters between white space that
// hold at least one letter or digit.
std::size_t count_words(std::string_view text);

// The report as an aligned table, and as JSON (docs/stats.md).
std::string stats_text(const StatsReport& report);
std::string stats_json(const StatsReport& report);

}  // namespace l10n
