#include "site/layout.h"

#include <algorithm>
#include <filesystem>

#include "base/controls.h"
#include "base/error.h"
#include "base/files.h"
#include "base/glob.h"
#include "base/tr.h"
#include "po/writer.h"

namespace fs = std::filesystem;

namespace l10n {

namespace {

// "page.nl.md": the language code sits between the stem and the extension.
bool names_language(std::string_view name, std::string_view lang) {
  std::string mid = "." + std::string(lang) + ".";
  auto pos = name.rfind(mid);
  return pos != std::string_view::npos && name.find('.', pos + mid.size()) == std::string_view::npos;
}

bool is_translation_name(const Config& cfg, std::string_view name) {
  return std::any_of(cfg.languages.begin(), cfg.languages.end(),
                     [&](const std::string& lang) { return names_language(name, hugo_language(lang)); });
}

bool matches(const std::vector<std::string>& include, const std::vector<std::string>& exclude, const std::string& rel) {
  return any_glob_matches(include, rel) && !any_glob_matches(exclude, rel);
}

// The group that takes a page (its path under sourceDir); none for `domain`.
const CatalogGroup* page_group(const Config& cfg, const std::string& rel) {
  for (const CatalogGroup& g : cfg.catalog_groups)
    if (matches(g.include, g.exclude, rel)) return &g;
  return nullptr;
}

bool selected(const Config& cfg, const std::string& rel) {
  return matches(cfg.include, cfg.exclude, rel) || page_group(cfg, rel);
}

void add_data_file(const Config& cfg, const std::string& rel, SourceFile::Kind kind, std::vector<SourceFile>& out) {
  if (auto format = data_format_of(rel); format && readable_in_site(cfg, rel)) out.push_back({rel, kind, *format});
}

// i18n/<source>.toml|yaml|yml|json, the first that exists.
void add_string_table(const Config& cfg, std::vector<SourceFile>& out) {
  for (const char* ext : {".toml", ".yaml", ".yml", ".json"}) {
    std::size_t before = out.size();
    add_data_file(cfg, "i18n/" + cfg.source + ext, SourceFile::Kind::StringTable, out);
    if (out.size() > before) return;
  }
}

void add_site_config(const Config& cfg, std::vector<SourceFile>& out) {
  for (const char* base : {"hugo", "config"})
    for (const char* ext : {".toml", ".yaml", ".yml", ".json"})
      add_data_file(cfg, std::string(base) + ext, SourceFile::Kind::SiteConfig, out);
  fs::path dir = on_disk(cfg, "config/_default");
  if (!fs::is_directory(dir)) return;
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    if (!entry.is_symlink() && entry.is_regular_file()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  auto root_key = [](const std::string& name) { return name.substr(0, name.find('.')); };
  for (const auto& name : names) {
    // Keep the source language's menus/params and language-neutral files,
    // but for one the source language has its own of (menus.toml beside
    // menus.en.toml): Hugo shows the source language that one.
    bool language_specific = std::count(name.begin(), name.end(), '.') >= 2;
    if (language_specific && !names_language(name, cfg.source)) continue;
    bool overridden = !language_specific && std::any_of(names.begin(), names.end(), [&](const std::string& other) {
      return names_language(other, cfg.source) && root_key(other) == root_key(name);
    });
    if (overridden) continue;
    add_data_file(cfg, "config/_default/" + name, SourceFile::Kind::SiteConfig, out);
  }
}

// i18n/en.toml -> i18n/nl.toml; config/_default/menus.en.toml -> menus.nl.toml.
std::string data_twin(const Config& cfg, const std::string& source, std::string_view gettext_lang) {
  std::string lang = hugo_language(gettext_lang);
  fs::path p(source);
  std::string name = p.filename().string();
  if (p.stem() == cfg.source) name = std::string(lang) + p.extension().string();
  else if (auto pos = name.rfind("." + cfg.source + "."); pos != std::string::npos)
    name.replace(pos + 1, cfg.source.size(), lang);
  return (p.parent_path() / name).generic_string();
}

// data/<lang>/…: a target language's data files, which merge writes.
bool in_target_data(const Config& cfg, const std::string& rel) {
  return std::any_of(cfg.languages.begin(), cfg.languages.end(),
                     [&](const std::string& lang) { return rel.starts_with("data/" + hugo_language(lang) + "/"); });
}

}  // namespace

std::vector<std::string> data_files_matching(const Config& cfg, const std::vector<std::string>& globs) {
  std::vector<std::string> found;
  if (globs.empty()) return found;
  fs::path dir = on_disk(cfg, "data");
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(dir, ec)) || !inside_site(cfg, "data")) return found;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_symlink() || !it->is_regular_file()) continue;
    std::string rel = "data/" + it->path().lexically_relative(dir).generic_string();
    if (any_glob_matches(globs, rel) && !in_target_data(cfg, rel)) found.push_back(rel);
  }
  std::sort(found.begin(), found.end());
  return found;
}

namespace {

void add_data_files(const Config& cfg, std::vector<SourceFile>& out) {
  for (std::string& rel : data_files_matching(cfg, cfg.data_files)) {
    std::optional<DataFormat> format = data_format_of(rel);
    if (!format) continue;
    // Its name goes into "#:" lines, as a page's does.
    if (auto problem = reference_problem(rel)) throw Error(visible_controls(rel), 0, 0, *problem);
    out.push_back({std::move(rel), SourceFile::Kind::Data, *format});
  }
}

// data/en/features.yaml or data/features.yaml -> data/nl/features.yaml: the
// language's data under its own folder, as hugo-gettext writes it and
// templates read it (index site.Data site.Language.Lang).
std::string data_file_twin(const Config& cfg, const std::string& source, std::string_view gettext_lang) {
  std::string rest = source.substr(5);  // past "data/"
  if (rest.starts_with(cfg.source + "/")) rest = rest.substr(cfg.source.size() + 1);
  return "data/" + hugo_language(gettext_lang) + "/" + rest;
}

}  // namespace

std::string on_disk(const Config& cfg, std::string_view rel) { return (fs::path(cfg.root) / rel).string(); }

bool readable_in_site(const Config& cfg, std::string_view rel) {
  std::error_code ec;
  return fs::symlink_status(on_disk(cfg, rel), ec).type() == fs::file_type::regular && inside_site(cfg, rel);
}

std::optional<std::string> current_output(const Config& cfg, std::string_view rel) {
  if (!readable_in_site(cfg, rel)) return std::nullopt;
  return read_file(on_disk(cfg, rel), std::string(rel));
}

std::optional<FileReader> current_output_file(const Config& cfg, std::string_view rel) {
  if (!readable_in_site(cfg, rel)) return std::nullopt;
  return FileReader(on_disk(cfg, rel), std::string(rel));
}

bool inside_site(const Config& cfg, std::string_view rel) {
  fs::path path(rel);
  if (rel.empty() || rel.find('\0') != std::string_view::npos) return false;
  // Folders the user named on the command line (--config) are theirs to choose.
  if (cfg.paths_outside_root && (path.is_absolute() || path.lexically_normal().generic_string().starts_with("..")))
    return true;
  if (path.is_absolute()) return false;
  fs::path walked = cfg.root.empty() ? fs::path(".") : fs::path(cfg.root);
  for (const fs::path& step : path) {
    if (step == ".." ) return false;
    if (step == "." || step.empty()) continue;
    walked /= step;
    std::error_code ec;
    auto status = fs::symlink_status(walked, ec);
    if (ec || status.type() == fs::file_type::not_found) return true;  // nothing below exists yet
    if (status.type() == fs::file_type::symlink) return false;
  }
  return true;
}

bool owned_output(const Config& cfg, std::string_view rel, std::string_view gettext_lang) {
  std::string lang = hugo_language(gettext_lang);
  if (!inside_site(cfg, rel)) return false;
  std::string path = fs::path(rel).lexically_normal().generic_string();
  if (path != rel) return false;  // "a/./b", "a//b": not a path merge writes
  std::string name = fs::path(path).filename().string();
  std::string dir = fs::path(path).parent_path().generic_string();
  auto format = data_format_of(path);
  if (dir == "i18n" && format && fs::path(name).stem() == lang) return true;
  if (dir == "config/_default" && format && names_language(name, lang)) return true;
  if (format && path.starts_with("data/" + lang + "/")) return true;
  std::string tree = fs::path(cfg.layout == Layout::Directory ? cfg.target_dir_for(gettext_lang) : cfg.target_dir)
                         .lexically_normal().generic_string();
  bool in_tree = tree == "." || path.starts_with(tree + "/");
  if (!in_tree) return false;
  if (cfg.layout == Layout::Filename) return names_language(name, lang);
  // A target tree that holds the sources (targetDir = sourceDir) owns nothing.
  std::string sources = fs::path(cfg.source_dir).lexically_normal().generic_string();
  return !(sources == "." || path.starts_with(sources + "/"));
}

std::vector<std::string> source_pages(const Config& cfg) {
  fs::path dir = on_disk(cfg, cfg.source_dir);
  if (!inside_site(cfg, cfg.source_dir))
    throw Error(cfg.config_path.empty() ? cfg.root : cfg.config_path, 0, 0,
                format(tr("source directory '%s' leaves the site (a symlink on the way)"), cfg.source_dir.c_str()));
  if (!fs::is_directory(dir)) throw Error(cfg.config_path.empty() ? cfg.root : cfg.config_path, 0, 0,
                                          format(tr("source directory '%s' does not exist"), cfg.source_dir.c_str()));
  std::vector<std::string> pages;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) throw Error(cfg.source_dir, 0, 0, format(tr("cannot list: %s"), system_error_text(ec).c_str()));
    // A symlink is never followed, to a file or a directory: it may lead
    // out of the site, and a committed one is not to be trusted.
    if (it->is_symlink() || !it->is_regular_file()) continue;
    std::string rel = it->path().lexically_relative(dir).generic_string();
    if (!selected(cfg, rel)) continue;
    if (cfg.layout == Layout::Filename && is_translation_name(cfg, it->path().filename().string())) continue;
    std::string page = (fs::path(cfg.source_dir) / rel).generic_string();
    // The name goes into the catalogs' "#:" lines: one that cannot be
    // written there (a newline would inject PO entries) stops the run,
    // named so that a terminal shows it, before any catalog is touched.
    if (auto problem = reference_problem(page)) throw Error(visible_controls(page), 0, 0, *problem);
    pages.push_back(std::move(page));
  }
  std::sort(pages.begin(), pages.end());
  return pages;
}

std::vector<SourceFile> source_files(const Config& cfg) {
  std::vector<SourceFile> files;
  for (std::string& page : source_pages(cfg)) files.push_back({std::move(page), SourceFile::Kind::Page});
  add_string_table(cfg, files);
  add_site_config(cfg, files);
  add_data_files(cfg, files);
  return files;
}

std::string catalog_domain(const Config& cfg, const SourceFile& file) {
  if (file.kind != SourceFile::Kind::Page) return cfg.domain;
  std::string rel = fs::path(file.path).lexically_relative(cfg.source_dir).generic_string();
  if (const CatalogGroup* group = page_group(cfg, rel)) return group->domain;
  if (!cfg.split_sections) return cfg.domain;
  auto slash = rel.find('/');
  return slash == std::string::npos ? cfg.domain : rel.substr(0, slash);
}

std::string template_path(const Config& cfg, std::string_view domain) {
  return cfg.catalog_dir + "/" + std::string(domain) + ".pot";
}

std::string catalog_path(const Config& cfg, std::string_view lang, std::string_view domain) {
  return cfg.catalog_dir + "/" + std::string(lang) + "/" + std::string(domain) + ".po";
}

namespace {

// The files directly in the directory `dir_rel` whose extension is `ext`, sorted.
std::vector<std::string> files_with_extension(const Config& cfg, const std::string& dir_rel, std::string_view ext) {
  std::vector<std::string> out;
  std::error_code ec;
  fs::path dir = on_disk(cfg, dir_rel);
  if (!inside_site(cfg, dir_rel) || !fs::is_directory(dir, ec)) return out;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (!it->is_symlink() && it->is_regular_file() && it->path().extension() == ext)
      out.push_back(dir_rel + "/" + it->path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::vector<std::string> language_catalogs(const Config& cfg, std::string_view lang) {
  return files_with_extension(cfg, cfg.catalog_dir + "/" + std::string(lang), ".po");
}

std::set<std::string> domains_on_disk(const Config& cfg, std::string_view lang) {
  std::set<std::string> out;
  for (const auto& rel : files_with_extension(cfg, cfg.catalog_dir, ".pot")) out.insert(fs::path(rel).stem().string());
  for (const auto& rel : language_catalogs(cfg, lang)) out.insert(fs::path(rel).stem().string());
  return out;
}

std::string target_path(const Config& cfg, std::string_view page, std::string_view gettext_lang) {
  std::string lang = hugo_language(gettext_lang);
  fs::path rel = fs::path(page).lexically_relative(cfg.source_dir);
  std::string name = rel.filename().string();
  std::string dir = rel.parent_path().generic_string();
  // "_index.en.md" names its language; a translation names the target's.
  std::string tagged = "." + cfg.source + ".";
  if (names_language(name, cfg.source))
    name.replace(name.rfind(tagged), tagged.size(), "." + std::string(lang) + ".");
  else if (cfg.layout == Layout::Filename) {
    auto dot = name.rfind('.');
    name.insert(dot == std::string::npos ? name.size() : dot, "." + std::string(lang));
  }
  fs::path out = fs::path(cfg.layout == Layout::Directory ? cfg.target_dir_for(gettext_lang) : cfg.target_dir) / dir / name;
  return out.lexically_normal().generic_string();
}

std::optional<std::string> output_path(const Config& cfg, const SourceFile& file, std::string_view lang) {
  switch (file.kind) {
    case SourceFile::Kind::Page: return target_path(cfg, file.path, lang);
    case SourceFile::Kind::StringTable: return data_twin(cfg, file.path, lang);
    case SourceFile::Kind::SiteConfig: {
      // menus.en.toml, params.en.yaml: the language's own config files get a twin.
      std::string name = fs::path(file.path).filename().string();
      if (names_language(name, cfg.source)) return data_twin(cfg, file.path, lang);
      // hugo.toml, config.yaml: the file Hugo merges under languages.<lang>.
      if (is_main_config(file)) return language_config_path(lang);
      // menus.toml, params.yaml, for every language: the language gets its
      // own, menus.nl.toml, which Hugo takes for that language instead.
      std::string stem = fs::path(name).stem().string();
      if (stem == "menus" || stem == "params")
        return "config/_default/" + stem + "." + hugo_language(lang) + fs::path(name).extension().string();
      return std::nullopt;
    }
    case SourceFile::Kind::Data: return data_file_twin(cfg, file.path, lang);
  }
  return std::nullopt;
}

bool is_main_config(const SourceFile& file) {
  if (file.kind != SourceFile::Kind::SiteConfig) return false;
  fs::path p(file.path);
  std::string dir = p.parent_path().generic_string(), stem = p.stem().string();
  return (dir.empty() || dir == "config/_default") && (stem == "hugo" || stem == "config");
}

std::string language_config_path(std::string_view lang) {
  return "config/_default/languages." + hugo_language(lang) + ".toml";
}

std::string manifest_path(const Config& cfg, std::string_view lang) {
  if (cfg.layout == Layout::Directory) return cfg.target_dir_for(lang) + "/.l10n-manifest";
  return cfg.target_dir + "/.l10n-manifest." + hugo_language(lang);
}

Manifest read_manifest(const Config& cfg, std::string_view lang) {
  Manifest out;
  std::string rel = manifest_path(cfg, lang);
  std::error_code ec;
  auto status = fs::symlink_status(on_disk(cfg, rel), ec);
  if (ec || status.type() == fs::file_type::not_found) return out;
  if (status.type() != fs::file_type::regular || !inside_site(cfg, rel)) {
    out.rejected.push_back({rel, 0, 0, tr("the manifest is not a regular file inside the site; it is ignored")});
    return out;
  }
  std::string text = read_file(on_disk(cfg, rel), rel);
  int line_no = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string line = text.substr(start, end - start);
    ++line_no;
    start = end + 1;
    if (line.empty() || line[0] == '#') continue;
    if (owned_output(cfg, line, lang)) out.files.insert(line);
    else out.rejected.push_back({rel, line_no, 1, format(tr("'%s' is not an output of language '%s'; it is never removed"),
                                                          line.c_str(), std::string(lang).c_str())});
  }
  return out;
}

std::string format_manifest(std::string_view lang, const std::set<std::string>& files) {
  std::string text =
      "# Files written by 'l10n merge' for '" + std::string(lang) + "'; it removes them when their source goes.\n";
  for (const auto& p : files) text += p + "\n";
  return text;
}

}  // namespace l10n
