#include "units/rules.h"

namespace l10n {

const std::vector<std::string>& default_front_matter_keys() {
  static const std::vector<std::string> keys = {"title", "linkTitle", "subtitle", "description",
                                                "summary", "menu.*.name"};
  return keys;
}

const std::vector<ParamSpec>* UnitRules::shortcode_params(std::string_view shortcode) const {
  auto it = shortcodes.find(shortcode);
  return it == shortcodes.end() ? nullptr : &it->second;
}

}  // namespace l10n
