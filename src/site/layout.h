// Which files of a Hugo site the tool reads: source pages, the site config and
// Hugo's string tables.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "site/config.h"
#include "data/structured.h"

namespace l10n {

struct SiteFile {
  std::string path;  // relative to the site root, '/'-separated
  DataFormat format = DataFormat::Toml;
};

// Source-language pages under cfg.source_dir that match include/exclude,
// sorted. With the filename layout, translations (page.nl.md) are left out.
std::vector<std::string> source_pages(const Config& cfg);

// The catalog domain a page belongs to: cfg.domain, or with split = "section"
// the page's top-level section under sourceDir.
std::string page_domain(const Config& cfg, const std::string& page);

// Site config files that exist: hugo.toml / config.yaml / config/_default/*.
std::vector<SiteFile> site_config_files(const Config& cfg);
// i18n/<lang>.toml|yaml|yml|json, if there is one.
std::optional<SiteFile> string_table_file(const Config& cfg, const std::string& lang);

// What a data file's extension says its format is.
std::optional<DataFormat> data_format_of(const std::string& path);

}  // namespace l10n
