// l10n.toml: the site's localization settings. Every name here is public
// contract (scripts and docs depend on them).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace l10n {

// A shortcode parameter that holds text: by name, or by 0-based position.
struct ParamSpec {
  std::string name;   // empty when positional
  int position = -1;
  bool matches(std::string_view param_name, int param_position) const {
    return name.empty() ? param_position == position : param_name == name;
  }
};

enum class Layout { Directory, Filename };

struct Config {
  std::string root;                        // the site root on disk
  std::string config_path;                 // root/l10n.toml, empty when absent
  std::string source = "en";
  std::vector<std::string> languages;      // target languages
  Layout layout = Layout::Directory;
  std::string source_dir = "content/en";   // relative to root
  std::string target_dir = "content/{lang}";
  std::vector<std::string> include = {"**/*.md"};
  std::vector<std::string> exclude;
  std::vector<std::string> front_matter_keys;
  std::map<std::string, std::vector<ParamSpec>, std::less<>> shortcodes;
  // Catalogs: <catalog_dir>/<domain>.pot and <catalog_dir>/<lang>/<domain>.po.
  std::string catalog_dir = "po";
  std::string domain = "content";
  bool split_sections = false;             // one catalog per top-level section
  int keep = 80;                           // merge: minimum % translated to write a page
  std::vector<std::string> glossary;       // check: terms never translated
  std::string project;                     // Project-Id-Version; defaults to the root's name

  // The text parameters configured for `shortcode`, or nullptr.
  const std::vector<ParamSpec>* shortcode_params(std::string_view shortcode) const;
  // "content/{lang}" with the language filled in.
  std::string target_dir_for(std::string_view lang) const;
};

// Front matter keys extracted when the config names none.
const std::vector<std::string>& default_front_matter_keys();

// Reads <root>/l10n.toml; a site without one gets the defaults (sourceDir
// "content/<source>" when that directory exists, else "content" with the
// filename layout). Unknown keys and wrong types throw Error(file:line:col).
Config load_config(const std::string& root);
// The same with the config file named explicitly (`--config`), which may
// live outside the site, e.g. for a site that is not yours to write into.
Config load_config(const std::string& root, const std::string& config_file);
// Parses config text; `display_path` names it in errors.
Config parse_config(std::string_view text, const std::string& display_path, const std::string& root);

}  // namespace l10n
