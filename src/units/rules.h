// What reading a file into units needs to know of the site: which front
// matter keys and which shortcode parameters hold text, the source
// language (a site config names its values under languages.<source>), and
// the placeholders the site fills in at build time, which translations must
// keep as they are.
// The site config (site/config.h) holds these among much else; the units
// floor sees only this.
#pragma once

#include <functional>
#include <map>
#include <regex>
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

// A site-defined placeholder such as QGIS's |version|: a pattern
// (ECMAScript regular expression) and its compiled form.
struct PlaceholderPattern {
  std::string pattern;
  std::regex regex;
};

struct UnitRules {
  std::string source = "en";
  std::vector<std::string> front_matter_keys;
  std::map<std::string, std::vector<ParamSpec>, std::less<>> shortcodes;
  // Values of data files (`[data]`): the keys that hold text, as front matter
  // keys are named ("items[].title"); none named: every value with text.
  std::vector<std::string> data_keys;
  std::vector<std::string> data_exclude_keys;
  std::vector<PlaceholderPattern> placeholders;

  // Whether the parameter (by name, or by position when unnamed) of calls to
  // `shortcode` holds text: configured for that shortcode, or for every
  // shortcode under "*" (hugo-gettext's `"*" = ["title"]`).
  bool is_text_param(std::string_view shortcode, std::string_view param_name, int position) const;
  // Every placeholder occurrence in `text`, in the order they appear.
  std::vector<std::string> placeholders_in(std::string_view text) const;
};

// Front matter keys extracted when the config names none.
const std::vector<std::string>& default_front_matter_keys();

}  // namespace l10n
