#include "site/layout.h"

#include <algorithm>
#include <filesystem>

#include "base/error.h"
#include "base/glob.h"
#include "base/tr.h"

namespace fs = std::filesystem;

namespace l10n {

std::optional<DataFormat> data_format_of(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  if (ext == ".toml") return DataFormat::Toml;
  if (ext == ".yaml" || ext == ".yml") return DataFormat::Yaml;
  if (ext == ".json") return DataFormat::Json;
  return std::nullopt;
}

namespace {

bool is_translation_name(const Config& cfg, const std::string& name) {
  // page.nl.md: the language code sits between the stem and the extension.
  for (const auto& lang : cfg.languages) {
    std::string mid = "." + lang + ".";
    auto pos = name.rfind(mid);
    if (pos != std::string::npos && name.find('.', pos + mid.size()) == std::string::npos) return true;
  }
  return false;
}

bool selected(const Config& cfg, const std::string& rel) {
  bool in = std::any_of(cfg.include.begin(), cfg.include.end(), [&](const auto& g) { return glob_match(g, rel); });
  bool out = std::any_of(cfg.exclude.begin(), cfg.exclude.end(), [&](const auto& g) { return glob_match(g, rel); });
  return in && !out;
}

}  // namespace

std::vector<std::string> source_pages(const Config& cfg) {
  fs::path dir = fs::path(cfg.root) / cfg.source_dir;
  if (!fs::is_directory(dir)) throw Error(cfg.config_path.empty() ? cfg.root : cfg.config_path, 0, 0,
                                          format(tr("source directory '%s' does not exist"), cfg.source_dir.c_str()));
  std::vector<std::string> pages;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) throw Error(cfg.source_dir, 0, 0, format(tr("cannot list: %s"), ec.message().c_str()));
    if (!it->is_regular_file()) continue;
    std::string rel = it->path().lexically_relative(dir).generic_string();
    if (!selected(cfg, rel)) continue;
    if (cfg.layout == Layout::Filename && is_translation_name(cfg, it->path().filename().string())) continue;
    pages.push_back((fs::path(cfg.source_dir) / rel).generic_string());
  }
  std::sort(pages.begin(), pages.end());
  return pages;
}

std::string page_domain(const Config& cfg, const std::string& page) {
  if (!cfg.split_sections) return cfg.domain;
  std::string rel = fs::path(page).lexically_relative(cfg.source_dir).generic_string();
  auto slash = rel.find('/');
  return slash == std::string::npos ? cfg.domain : rel.substr(0, slash);
}

std::vector<SiteFile> site_config_files(const Config& cfg) {
  std::vector<SiteFile> out;
  auto consider = [&](const std::string& rel) {
    if (auto format = data_format_of(rel); format && fs::is_regular_file(fs::path(cfg.root) / rel))
      out.push_back({rel, *format});
  };
  for (const char* base : {"hugo", "config"})
    for (const char* ext : {".toml", ".yaml", ".yml", ".json"}) consider(std::string(base) + ext);
  fs::path dir = fs::path(cfg.root) / "config" / "_default";
  if (fs::is_directory(dir)) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.is_regular_file()) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
      // Keep the source language's menus/params and language-neutral files.
      bool language_specific = std::count(name.begin(), name.end(), '.') >= 2;
      if (language_specific && name.find("." + cfg.source + ".") == std::string::npos) continue;
      consider("config/_default/" + name);
    }
  }
  return out;
}

std::optional<SiteFile> string_table_file(const Config& cfg, const std::string& lang) {
  for (const char* ext : {".toml", ".yaml", ".yml", ".json"}) {
    std::string rel = "i18n/" + lang + ext;
    if (fs::is_regular_file(fs::path(cfg.root) / rel)) return SiteFile{rel, *data_format_of(rel)};
  }
  return std::nullopt;
}

}  // namespace l10n
