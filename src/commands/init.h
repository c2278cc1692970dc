// `l10n init`: reads an existing Hugo site and proposes its l10n.toml: the
// languages and layout from the site config and the content tree, and the
// front matter keys and shortcode parameters whose values read as prose,
// each with the counts that justify it, so a maintainer can review the guess.
// A site translated with hugo-gettext has its choices in the [i18n] section
// of the Hugo config; init converts them rather than guessing, and names each
// setting it cannot express.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "site/config.h"
#include "base/error.h"

namespace l10n {

// How the values of one front matter key or shortcode parameter look.
struct ValueCounts {
  std::size_t values = 0;  // every value seen but empty ones
  std::size_t empty = 0;   // empty strings: placeholders, nothing to translate
  std::size_t text = 0;    // values that read as text: prose, or one capitalised word
  std::size_t prose = 0;   // values of several words that are not URLs, paths or CSS classes
  // Most values read as text and some are real prose.
  bool proposed() const { return prose > 0 && text * 2 > values; }
};

struct KeyUse {
  std::string key;  // a frontMatter.keys pattern: "title", "menu.*.name", "blocks[].title"
  ValueCounts counts;
  std::string excluded;  // why it is left out whatever its values: "a taxonomy", "a technical name"
  bool proposed() const { return excluded.empty() && counts.proposed(); }
};

struct ParamUse {
  std::string shortcode;
  ParamSpec param;
  ValueCounts counts;
  std::string excluded;
  // The hugo-gettext setting that names it: its translators translate it
  // today, whatever its values look like.
  std::string configured;
  bool proposed() const { return !configured.empty() || (excluded.empty() && counts.proposed()); }
};

struct SiteScan {
  std::string root;
  std::string source = "en";
  std::vector<std::string> languages;
  Layout layout = Layout::Filename;
  std::string source_dir = "content";
  std::string target_dir;             // empty with the filename layout: beside the source
  std::string catalog_dir = "po";
  std::vector<std::string> include = {"**/*.md"}, exclude;
  std::string domain = "content";
  std::vector<CatalogGroup> groups;   // [[catalogs.group]]: hugo-gettext's other content domains
  // [data]: hugo-gettext's [i18n.data] and excludedDataKeys.
  std::vector<std::string> data_files, data_exclude_keys;
  std::string project;                // Project-Id-Version; empty: l10n's default
  int keep = 80;
  // The hugo-gettext section converted ("[i18n] in config.toml"), empty when
  // the site has none, and one line per setting that l10n.toml cannot hold.
  std::string migrated_from;
  std::vector<std::string> not_converted;
  // Where each guess came from, for the comments: "defaultContentLanguage in hugo.toml".
  std::string source_note, languages_note, layout_note;
  std::vector<std::string> config_files;  // the site config files read
  std::size_t pages = 0;
  std::vector<Diagnostic> skipped;    // pages that could not be read
  std::vector<KeyUse> front_matter;   // sorted: most values first
  std::vector<ParamUse> shortcode_params;
};

// Does one value read as prose (several words, not a URL, path or class
// list), or at least as text?
bool is_prose(std::string_view value);
bool is_text(std::string_view value);

// Scans the site at `root`: site config files (hugo.*, config.*,
// config/_default/{hugo,config,languages,module,i18n}.*) with their content
// mounts and hugo-gettext section, the content tree and every source page. Taxonomy keys (tags, categories and the site's own) are left
// out: their terms are in URLs. Throws Error for an unreadable site config.
SiteScan scan_site(const std::string& root);

// The l10n.toml text for a scan, with the evidence in comments.
std::string render_config(const SiteScan& scan);

}  // namespace l10n
