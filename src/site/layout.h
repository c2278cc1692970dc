// Where a site's files are: the one owner of every path the tool reads or
// writes. Source files and their kinds, the catalogs (template, a language's
// PO files), each output's path per language, and the manifest that lists
// what merge wrote. Paths are relative to the site root and '/'-separated;
// `on_disk` turns one into the path to open.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/files.h"
#include "data/structured.h"
#include "site/config.h"

namespace l10n {

// A file the site's translatable text comes from.
struct SourceFile {
  enum class Kind {
    Page,         // a content page under sourceDir
    StringTable,  // Hugo's i18n/<source>.*
    SiteConfig,   // hugo.toml, config.yaml, config/_default/*
    Data,         // a file under data/ that `[data] files` names
  };
  std::string path;
  Kind kind = Kind::Page;
  DataFormat format = DataFormat::Yaml;  // string tables and site config only
};

// The path to open for a path relative to the root.
std::string on_disk(const Config& cfg, std::string_view rel);

// Source-language pages under cfg.source_dir that match include/exclude,
// sorted. With the filename layout, translations (page.nl.md) are left out.
// Throws Error when sourceDir is not a directory.
std::vector<std::string> source_pages(const Config& cfg);

// Every source file: the pages, then the source language's string table,
// then the site config files that exist (hugo.*, config.*, and in
// config/_default/ the language-neutral files and the source language's),
// then the data files `[data] files` names (never those under a target
// language's data/<lang>/, which merge writes).
std::vector<SourceFile> source_files(const Config& cfg);

// The files under the site's data/ that `globs` take, as "data/…" paths,
// sorted: regular files inside the site (no symlinks), never under a target
// language's data/<lang>/.
std::vector<std::string> data_files_matching(const Config& cfg, const std::vector<std::string>& globs);

// ---- Catalogs: <dir>/<domain>.pot, and <dir>/<lang>/<domain>.po --------

// The catalog domain a source file's units go to: the domain of the first
// [[catalogs.group]] that takes the page, else with split = "section" the
// page's top-level section under sourceDir, else cfg.domain.
std::string catalog_domain(const Config& cfg, const SourceFile& file);
std::string template_path(const Config& cfg, std::string_view domain);
std::string catalog_path(const Config& cfg, std::string_view lang, std::string_view domain);
// A language's PO files as they are on disk: every *.po directly in
// <dir>/<lang>/ (the ones extract writes, and any a site adds there), sorted.
std::vector<std::string> language_catalogs(const Config& cfg, std::string_view lang);
// The domains that have a template or a PO file of `lang` on disk (a PO
// may outlive its template when a section was removed).
std::set<std::string> domains_on_disk(const Config& cfg, std::string_view lang);

// ---- Outputs -------------------------------------------------------------

// Whether `rel` stays inside the site: relative, no ".." step, and no
// component that exists on disk is a symlink. Nothing merge writes or
// removes is outside it.
bool inside_site(const Config& cfg, std::string_view rel);
// Whether `rel` is a regular file inside the site: the only kind of file of
// the site the tool reads (not through a symlink, never a FIFO or device).
bool readable_in_site(const Config& cfg, std::string_view rel);
// The bytes of the output `rel` as they are, to compare new ones with:
// nullopt when there is none, or when it is not readable_in_site, which is
// never read (writing it is refused later).
std::optional<std::string> current_output(const Config& cfg, std::string_view rel);
// The same, opened to be read a block at a time (a catalog).
std::optional<FileReader> current_output_file(const Config& cfg, std::string_view rel);

// Whether `rel` is a path merge could have written for `lang`: inside the
// site and in the language's target tree (or named for the language beside
// the pages), or its string table or config twin; never a source file.
bool owned_output(const Config& cfg, std::string_view rel, std::string_view lang);

// The translated page of a source page for `lang`: in the directory layout
// under targetDir with {lang} filled in, in the filename layout
// page.<lang>.md beside it; "_index.en.md" becomes "_index.nl.md".
std::string target_path(const Config& cfg, std::string_view page, std::string_view lang);
// What merge writes for a source file: its target page, the language's
// string table (i18n/nl.toml), the twin of a language's config file
// (menus.en.toml -> menus.nl.toml), the language's config for a root
// config (hugo.toml -> config/_default/languages.nl.toml); nullopt for
// files that have none (language-neutral files of config/_default/).
std::optional<std::string> output_path(const Config& cfg, const SourceFile& file, std::string_view lang);

// The site's main config file: hugo.* or config.*, in the root or in
// config/_default/ (Hugo merges the two). Its translations go to the
// language's config file, under languages.<lang>.
bool is_main_config(const SourceFile& file);
// The config file Hugo merges under languages.<lang>.
std::string language_config_path(std::string_view lang);

// The manifest of the files merge wrote for `lang`: <targetDir>/.l10n-manifest
// in the directory layout, <targetDir>/.l10n-manifest.<lang> in the filename
// layout. One path a line; lines starting with '#' are comments.
std::string manifest_path(const Config& cfg, std::string_view lang);
// The paths it lists that merge may remove: outputs of `lang` inside the
// site (owned_output). A committed manifest is untrusted input: any other
// line, and a manifest that is not a regular file, are `rejected` with the
// reason. Throws Error when it cannot be read.
struct Manifest {
  std::set<std::string> files;
  std::vector<Diagnostic> rejected;
};
Manifest read_manifest(const Config& cfg, std::string_view lang);
// Its text for `files`.
std::string format_manifest(std::string_view lang, const std::set<std::string>& files);

}  // namespace l10n
