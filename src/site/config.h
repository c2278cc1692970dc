// l10n.toml: the site's localization settings. Every name here is public
// contract (scripts and docs depend on them).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "units/rules.h"

namespace l10n {

enum class Layout { Directory, Filename };

// A catalog of its own for the pages its globs take, as hugo-gettext's
// [i18n.content.<domain>] (the blog in one catalog, the manual in another):
// [[catalogs.group]] with domain, include and exclude, globs relative to
// sourceDir. A page goes to the first group that takes it.
struct CatalogGroup {
  std::string domain;
  std::vector<std::string> include, exclude;
};

// Where a reviewer follows a finding to, as URL templates (`[report]` in
// l10n.toml); an empty template gives no link.
struct ReportLinks {
  // The repository's web view of a file at a line, "{path}" and "{line}"
  // filled in: "https://github.com/o/r/blob/main/{path}#L{line}".
  std::string repository;
  // A unit in Weblate, "{lang}", "{domain}" (the PO file's domain, often
  // the component's slug) and "{checksum}" (Weblate's id of the message)
  // filled in: "https://hosted.weblate.org/translate/proj/{domain}/{lang}/?checksum={checksum}".
  std::string weblate;
  // The site's address; empty: the baseURL of the Hugo site config.
  std::string base_url;
};

// The site's settings. Its UnitRules (source language, front matter keys,
// shortcode parameters) are what reading pages takes; the rest is for the
// commands.
struct Config : UnitRules {
  std::string root;                        // the site root on disk
  std::string config_path;                 // root/l10n.toml, empty when absent
  std::vector<std::string> languages;      // target languages
  Layout layout = Layout::Directory;
  std::string source_dir = "content/en";   // relative to root
  std::string target_dir = "content/{lang}";
  std::vector<std::string> include = {"**/*.md"};
  std::vector<std::string> exclude;
  // Catalogs: <catalog_dir>/<domain>.pot and <catalog_dir>/<lang>/<domain>.po.
  std::string catalog_dir = "po";
  std::string domain = "content";
  bool split_sections = false;             // one catalog per top-level section
  // Pages a group takes are the site's pages too, whether or not include
  // and exclude (which choose the pages of `domain`) select them.
  std::vector<CatalogGroup> catalog_groups;
  int keep = 80;                           // merge: minimum % translated to write a page
  std::vector<std::string> glossary;       // check: terms never translated
  ReportLinks links;                       // check: where findings link to
  std::vector<std::string> data_files;     // globs under data/ of data files to translate
  std::string project;                     // Project-Id-Version; defaults to the root's name
  // The folders may lie outside the root: only when the user named the
  // config on the command line. A committed l10n.toml is untrusted input.
  bool paths_outside_root = false;

  // "content/{lang}" with the language filled in, as Hugo names it.
  std::string target_dir_for(std::string_view lang) const;
};

// A gettext language code as Hugo names the language: "pt_BR" -> "pt-br".
// Catalogs keep the gettext code (po/pt_BR/), outputs take Hugo's.
std::string hugo_language(std::string_view gettext_code);

// `requested` with every language of the config when it is empty; throws
// Error naming the config for a language it does not configure.
std::vector<std::string> chosen_languages(const Config& cfg, const std::vector<std::string>& requested);

// Where a config comes from: the site's own l10n.toml (committed, so as
// untrusted as the pages), or a file the user named with --config.
enum class ConfigOrigin { Site, NamedByUser };

// Reads <root>/l10n.toml; a site without one gets the defaults (sourceDir
// "content/<source>" when that directory exists, else "content" with the
// filename layout). Unknown keys and wrong types throw Error(file:line:col).
Config load_config(const std::string& root);
// The same with the config file named explicitly (`--config`), which may
// live outside the site, e.g. for a site that is not yours to write into;
// its sourceDir, targetDir and catalog dir may then lie outside the root.
Config load_config(const std::string& root, const std::string& config_file);
// Parses config text; `display_path` names it in errors.
Config parse_config(std::string_view text, const std::string& display_path, const std::string& root,
                    ConfigOrigin origin = ConfigOrigin::Site);

}  // namespace l10n
