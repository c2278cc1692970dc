// `l10n extract`: the site's source pages and strings -> a POT per catalog
// domain, and every target language's PO brought up to date from it.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/key_index.h"
#include "base/progress.h"
#include "po/catalog.h"
#include "site/config.h"
#include "site/sources.h"

namespace l10n {

struct ExtractOptions {
  int jobs = 0;               // 0: one thread per core
  bool keep_obsolete = true;  // keep removed entries as #~ in the PO files
  ProgressFn progress;        // called as each source file is read
};

struct CatalogSummary {
  std::string domain;
  std::string pot_path;          // relative to the root
  std::size_t messages = 0;
  std::size_t references = 0;
};

struct ExtractReport {
  std::size_t pages = 0;
  std::size_t units = 0;
  std::vector<CatalogSummary> catalogs;
  std::vector<std::string> written;    // files whose bytes changed
  std::vector<std::string> unchanged;  // files already up to date
  // A broken source stops the run before any write; a broken PO file is an
  // error for its language only, whose catalogs are left as they are while
  // the template and the other languages are written.
  std::vector<Diagnostic> errors;
  bool written_nothing() const { return written.empty() && unchanged.empty(); }
};

// Builds the POT of one domain from units, in source order; identical
// (msgctxt, msgid) pairs become one entry with all their references.
Catalog build_template(const Config& cfg, const std::vector<const SourceUnits*>& sources,
                       const std::string& creation_date);

// The same, one source at a time, for sources read as they come (the
// template keeps what it needs of each; the units can go).
class TemplateBuilder {
 public:
  explicit TemplateBuilder(const Config& cfg);
  TemplateBuilder(const TemplateBuilder&) = delete;  // the index views its own messages
  TemplateBuilder& operator=(const TemplateBuilder&) = delete;
  void add(const SourceUnits& source);
  Catalog finish(const std::string& creation_date);

 private:
  const Config& cfg_;
  std::deque<Message> messages_;
  KeyIndex<MessageKey, MessageKeyHash> index_;  // numbers messages_ in order; views their strings
};

ExtractReport run_extract(const Config& cfg, const ExtractOptions& options);

// "YYYY-MM-DD HH:MM+0000" for now, or for $SOURCE_DATE_EPOCH when set.
std::string gettext_timestamp();

}  // namespace l10n
