#include "site/config.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <regex>
#include <set>
#include <toml++/toml.h>

#include "base/ascii.h"
#include "base/error.h"
#include "base/tr.h"
#include "base/source_text.h"
#include "base/files.h"
#include "data/structured.h"

namespace fs = std::filesystem;

namespace l10n {

std::string hugo_language(std::string_view gettext_code) {
  std::string out;
  for (char c : gettext_code) out += c == '_' ? '-' : ascii_lower(c);
  return out;
}

std::string Config::target_dir_for(std::string_view lang) const {
  std::string code = hugo_language(lang);
  std::string out = target_dir;
  for (auto pos = out.find("{lang}"); pos != std::string::npos; pos = out.find("{lang}", pos))
    out.replace(pos, 6, code), pos += code.size();
  return out;
}

std::vector<std::string> chosen_languages(const Config& cfg, const std::vector<std::string>& requested) {
  for (const std::string& lang : requested)
    if (std::find(cfg.languages.begin(), cfg.languages.end(), lang) == cfg.languages.end())
      throw Error(cfg.config_path, 0, 0, format(tr("language '%s' is not configured"), lang.c_str()));
  return requested.empty() ? cfg.languages : requested;
}

namespace {

// One of the two folders holds the other (or they are the same).
bool nested(const std::string& a, const std::string& b) {
  std::string x = fs::path(a).lexically_normal().generic_string(), y = fs::path(b).lexically_normal().generic_string();
  auto under = [](const std::string& p, const std::string& dir) { return dir == "." || p == dir || p.starts_with(dir + "/"); };
  return under(x, y) || under(y, x);
}

class Reader {
 public:
  Reader(const std::string& path, bool paths_outside_root) : path_(path), paths_outside_root_(paths_outside_root) {}

  [[noreturn]] void fail(const toml::node& node, const std::string& msg) const {
    const auto& src = node.source();
    throw Error(path_, static_cast<int>(src.begin.line), static_cast<int>(src.begin.column), msg);
  }

  std::string string(const toml::node& node, std::string_view key) const {
    if (auto v = node.value<std::string>(); v && node.is_string()) return *v;
    fail(node, format(tr("'%s' must be a string"), std::string(key).c_str()));
  }

  // A folder of the site: committed config must not make the tool read or
  // write outside the root, so absolute paths and ".." steps are refused.
  std::string site_dir(const toml::node& node, std::string_view key) const {
    std::string dir = string(node, key);
    bool climbs = false;
    for (const auto& step : fs::path(dir)) climbs |= step == "..";
    if (dir.empty() || dir.find('\0') != std::string::npos ||
        (!paths_outside_root_ && (fs::path(dir).is_absolute() || climbs)))
      fail(node, format(tr("'%s' must be a folder inside the site: a relative path without '..' "
                           "(to work on another tree, point --root at it)"),
                        std::string(key).c_str()));
    return dir;
  }

  // A file name without folders, for names that become paths (the domain).
  std::string file_name(const toml::node& node, std::string_view key) const {
    std::string name = string(node, key);
    if (name.empty() || name.find_first_of("/\\") != std::string::npos || name.front() == '.' ||
        name.find('\0') != std::string::npos)
      fail(node, format(tr("'%s' must be a plain name: no '/', not starting with '.'"), std::string(key).c_str()));
    return name;
  }

  std::vector<std::string> strings(const toml::node& node, std::string_view key) const {
    const toml::array* arr = node.as_array();
    if (!arr) fail(node, format(tr("'%s' must be an array of strings"), std::string(key).c_str()));
    std::vector<std::string> out;
    for (const toml::node& item : *arr) out.push_back(string(item, key));
    return out;
  }

  const toml::table& table(const toml::node& node, std::string_view key) const {
    if (const toml::table* t = node.as_table()) return *t;
    fail(node, format(tr("'%s' must be a table"), std::string(key).c_str()));
  }

  int integer(const toml::node& node, std::string_view key, int lo, int hi) const {
    auto v = node.value<int64_t>();
    if (!node.is_integer() || !v || *v < lo || *v > hi)
      fail(node, format(tr("'%s' must be a whole number from %d to %d"), std::string(key).c_str(), lo, hi));
    return static_cast<int>(*v);
  }

  [[noreturn]] void unknown(const toml::key& key, std::string_view section) const {
    std::string name(key.str());
    const auto& src = key.source();
    throw Error(path_, static_cast<int>(src.begin.line), static_cast<int>(src.begin.column),
                section.empty() ? format(tr("unknown key '%s'"), name.c_str())
                                : format(tr("unknown key '%s' in [%s]"), name.c_str(), std::string(section).c_str()));
  }

 private:
  std::string path_;
  bool paths_outside_root_ = false;
};

void read_front_matter(const Reader& r, const toml::table& t, Config& cfg) {
  for (auto&& [k, v] : t) {
    if (k.str() == "keys") cfg.front_matter_keys = r.strings(v, "frontMatter.keys");
    else r.unknown(k, "frontMatter");
  }
}

void read_shortcodes(const Reader& r, const toml::table& t, Config& cfg) {
  for (auto&& [k, v] : t) {
    const toml::array* arr = v.as_array();
    if (!arr)
      r.fail(v, format(tr("shortcode '%s' needs an array of parameter names or positions"), std::string(k.str()).c_str()));
    std::vector<ParamSpec> specs;
    for (const toml::node& item : *arr) {
      if (item.is_string()) specs.push_back({*item.value<std::string>(), -1});
      else if (item.is_integer()) specs.push_back({"", r.integer(item, k.str(), 0, 1000)});
      else r.fail(item, tr("shortcode parameters are names (strings) or positions (whole numbers)"));
    }
    cfg.shortcodes[std::string(k.str())] = std::move(specs);
  }
}

// Patterns are ECMAScript regular expressions: what a site writes between
// its delimiters varies too much for globs (|version|, {{ site.Params.x }}).
void read_placeholders(const Reader& r, const toml::table& t, Config& cfg) {
  for (auto&& [k, v] : t) {
    if (k.str() != "patterns") r.unknown(k, "placeholders");
    const toml::array* arr = v.as_array();
    if (!arr) r.fail(v, format(tr("'%s' must be an array of strings"), "placeholders.patterns"));
    for (const toml::node& item : *arr) {
      std::string pattern = r.string(item, "placeholders.patterns");
      try {
        cfg.placeholders.push_back({pattern, std::regex(pattern, std::regex::ECMAScript)});
      } catch (const std::regex_error& e) {
        r.fail(item, format(tr("'%s' is not a valid regular expression: %s"), pattern.c_str(), e.what()));
      }
      if (std::regex_match("", cfg.placeholders.back().regex))
        r.fail(item, format(tr("placeholder pattern '%s' matches empty text"), pattern.c_str()));
    }
  }
}

void read_catalog_groups(const Reader& r, const toml::node& node, Config& cfg) {
  const toml::array* arr = node.as_array();
  if (!arr) r.fail(node, tr("'catalogs.group' must be an array of tables: [[catalogs.group]]"));
  for (const toml::node& item : *arr) {
    const toml::table& t = r.table(item, "catalogs.group");
    CatalogGroup group;
    for (auto&& [k, v] : t) {
      std::string_view key = k.str();
      if (key == "domain") group.domain = r.file_name(v, key);
      else if (key == "include") group.include = r.strings(v, "catalogs.group.include");
      else if (key == "exclude") group.exclude = r.strings(v, "catalogs.group.exclude");
      else r.unknown(k, "catalogs.group");
    }
    if (group.domain.empty() || group.include.empty())
      r.fail(item, tr("a [[catalogs.group]] needs a 'domain' and the 'include' globs of its pages"));
    for (const CatalogGroup& other : cfg.catalog_groups)
      if (other.domain == group.domain)
        r.fail(item, format(tr("two [[catalogs.group]] have the domain '%s': give one group all its globs"),
                            group.domain.c_str()));
    cfg.catalog_groups.push_back(std::move(group));
  }
}

void read_catalogs(const Reader& r, const toml::table& t, Config& cfg) {
  for (auto&& [k, v] : t) {
    std::string_view key = k.str();
    if (key == "dir") cfg.catalog_dir = r.site_dir(v, key);
    else if (key == "domain") cfg.domain = r.file_name(v, key);
    else if (key == "group") read_catalog_groups(r, v, cfg);
    else if (key == "split") {
      std::string split = r.string(v, key);
      if (split != "site" && split != "section") r.fail(v, tr("'split' must be \"site\" or \"section\""));
      cfg.split_sections = split == "section";
    } else r.unknown(k, "catalogs");
  }
}

void read_merge(const Reader& r, const toml::table& t, Config& cfg) {
  for (auto&& [k, v] : t) {
    if (k.str() == "keep") cfg.keep = r.integer(v, "merge.keep", 0, 100);
    else r.unknown(k, "merge");
  }
}

// Data files are named by globs under data/ ("data/features/*.yaml"); their
// text keys as front matter keys are.
void read_data(const Reader& r, const toml::table& t, Config& cfg) {
  for (auto&& [k, v] : t) {
    std::string_view key = k.str();
    if (key == "files") {
      cfg.data_files = r.strings(v, "data.files");
      for (const std::string& glob : cfg.data_files)
        if (!glob.starts_with("data/") || glob.find("..") != std::string::npos)
          r.fail(v, tr("'data.files' are globs under data/, such as \"data/features/*.yaml\""));
    } else if (key == "keys") {
      cfg.data_keys = r.strings(v, "data.keys");
    } else if (key == "excludeKeys") {
      cfg.data_exclude_keys = r.strings(v, "data.excludeKeys");
    } else {
      r.unknown(k, "data");
    }
  }
}

void read_check(const Reader& r, const toml::table& t, Config& cfg) {
  for (auto&& [k, v] : t) {
    if (k.str() == "glossary") cfg.glossary = r.strings(v, "check.glossary");
    else r.unknown(k, "check");
  }
}

// A template must be a web address: a committed l10n.toml must not make
// the report link to javascript: or a local file.
std::string web_address(const Reader& r, const toml::node& v, std::string_view key) {
  std::string s = r.string(v, key);
  if (!s.empty() && !s.starts_with("https://") && !s.starts_with("http://"))
    r.fail(v, format(tr("'report.%s' must start with https:// or http://"), std::string(key).c_str()));
  return s;
}

void read_report(const Reader& r, const toml::table& t, Config& cfg) {
  for (auto&& [k, v] : t) {
    if (k.str() == "repository") cfg.links.repository = web_address(r, v, k.str());
    else if (k.str() == "weblate") cfg.links.weblate = web_address(r, v, k.str());
    else if (k.str() == "baseURL") cfg.links.base_url = web_address(r, v, k.str());
    else r.unknown(k, "report");
  }
}

bool is_language_code(std::string_view s) {
  if (s.size() < 2 || s.size() > 16) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  return true;
}

void apply_site_defaults(Config& cfg, bool source_dir_given, bool layout_given) {
  if (cfg.front_matter_keys.empty()) cfg.front_matter_keys = default_front_matter_keys();
  if (cfg.project.empty()) cfg.project = fs::path(cfg.root).lexically_normal().filename().string();
  if (cfg.project.empty() || cfg.project == ".")
    cfg.project = fs::absolute(cfg.root).lexically_normal().parent_path().filename().string();
  if (source_dir_given) return;
  // No sourceDir: Hugo's two common layouts, content/<lang>/ or one tree with page.<lang>.md.
  if (fs::is_directory(fs::path(cfg.root) / "content" / cfg.source)) {
    cfg.source_dir = "content/" + cfg.source;
    if (!layout_given) cfg.layout = Layout::Directory;
  } else {
    cfg.source_dir = "content";
    if (!layout_given) cfg.layout = Layout::Filename;
  }
}

}  // namespace

Config parse_config(std::string_view text, const std::string& display_path, const std::string& root,
                    ConfigOrigin origin) {
  Config cfg;
  cfg.root = root;
  cfg.config_path = display_path;
  cfg.paths_outside_root = origin == ConfigOrigin::NamedByUser;
  if (auto hazard = find_toml_hazard(text)) {
    LineCol lc = LineIndex(text).at(hazard->offset);
    throw Error(display_path, lc.line, lc.col, hazard->message);
  }
  toml::table doc;
  try {
    doc = toml::parse(text, std::string_view(display_path));
  } catch (const toml::parse_error& e) {
    throw Error(display_path, static_cast<int>(e.source().begin.line),
                static_cast<int>(e.source().begin.column), std::string(e.description()));
  }
  Reader r(display_path, cfg.paths_outside_root);
  bool source_dir_given = false, layout_given = false, target_dir_given = false;
  for (auto&& [k, v] : doc) {
    std::string_view key = k.str();
    if (key == "source") {
      cfg.source = r.string(v, key);
      if (!is_language_code(cfg.source)) r.fail(v, tr("'source' must be a language code such as \"en\""));
    } else if (key == "languages") {
      cfg.languages = r.strings(v, key);
      std::set<std::string> seen;
      for (const auto& lang : cfg.languages)
        if (!is_language_code(lang) || !seen.insert(lang).second)
          r.fail(v, tr("'languages' must list distinct language codes such as \"nl\""));
    } else if (key == "layout") {
      std::string layout = r.string(v, key);
      if (layout != "directory" && layout != "filename")
        r.fail(v, tr("'layout' must be \"directory\" or \"filename\""));
      cfg.layout = layout == "directory" ? Layout::Directory : Layout::Filename;
      layout_given = true;
    } else if (key == "sourceDir") {
      cfg.source_dir = r.site_dir(v, key);
      source_dir_given = true;
    } else if (key == "targetDir") {
      cfg.target_dir = r.site_dir(v, key);
      target_dir_given = true;
    } else if (key == "include") cfg.include = r.strings(v, key);
    else if (key == "exclude") cfg.exclude = r.strings(v, key);
    else if (key == "project") cfg.project = r.string(v, key);
    else if (key == "frontMatter") read_front_matter(r, r.table(v, key), cfg);
    else if (key == "shortcodes") read_shortcodes(r, r.table(v, key), cfg);
    else if (key == "placeholders") read_placeholders(r, r.table(v, key), cfg);
    else if (key == "catalogs") read_catalogs(r, r.table(v, key), cfg);
    else if (key == "merge") read_merge(r, r.table(v, key), cfg);
    else if (key == "data") read_data(r, r.table(v, key), cfg);
    else if (key == "check") read_check(r, r.table(v, key), cfg);
    else if (key == "report") read_report(r, r.table(v, key), cfg);
    else r.unknown(k, "");
  }
  for (const auto& lang : cfg.languages)
    if (lang == cfg.source)
      throw Error(display_path, 0, 0, format(tr("'languages' must not contain the source language '%s'"), lang.c_str()));
  if (cfg.layout == Layout::Directory && cfg.target_dir.find("{lang}") == std::string::npos)
    throw Error(display_path, 0, 0, tr("'targetDir' must contain {lang} with the directory layout"));
  apply_site_defaults(cfg, source_dir_given, layout_given);
  if (cfg.layout == Layout::Filename && !target_dir_given) cfg.target_dir = cfg.source_dir;
  if (cfg.layout == Layout::Directory)
    for (const auto& lang : cfg.languages)
      if (nested(cfg.target_dir_for(lang), cfg.source_dir))
        throw Error(display_path, 0, 0,
                    format(tr("'targetDir' for '%s' and 'sourceDir' overlap: translated pages would be read as sources"),
                           lang.c_str()));
  return cfg;
}

namespace {

Config read_config(const std::string& root, const std::string& config_file, ConfigOrigin origin) {
  fs::path path(config_file);
  std::string display = path.lexically_relative(root).generic_string();
  if (display.empty() || display.starts_with("..")) display = config_file;
  SourceText text(display, read_file(path.string(), display));
  return parse_config(text.bytes().substr(text.content_begin()), display, root, origin);
}

}  // namespace

Config load_config(const std::string& root) {
  fs::path path = fs::path(root) / "l10n.toml";
  if (!fs::exists(path)) {
    Config cfg;
    cfg.root = root;
    apply_site_defaults(cfg, false, false);
    if (cfg.layout == Layout::Filename) cfg.target_dir = cfg.source_dir;
    return cfg;
  }
  return read_config(root, path.string(), ConfigOrigin::Site);
}

Config load_config(const std::string& root, const std::string& config_file) {
  return read_config(root, config_file, ConfigOrigin::NamedByUser);
}

}  // namespace l10n
