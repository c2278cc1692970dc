#include "units/rules.h"

#include <algorithm>
#include <utility>

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

std::vector<std::string> UnitRules::placeholders_in(std::string_view text) const {
  // Two patterns may match the same bytes: each occurrence counts once, so
  // that a translation is compared with its source occurrence for occurrence.
  std::vector<std::pair<std::size_t, std::string>> found;
  for (const PlaceholderPattern& p : placeholders)
    for (std::cregex_iterator it(text.data(), text.data() + text.size(), p.regex), end; it != end; ++it)
      if (it->length(0) > 0) found.emplace_back(static_cast<std::size_t>(it->position(0)), it->str(0));
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::vector<std::string> out;
  for (auto& [pos, match] : found) out.push_back(std::move(match));
  return out;
}

}  // namespace l10n
