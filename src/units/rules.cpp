#include "units/rules.h"

#include <algorithm>
#include <utility>

namespace l10n {

const std::vector<std::string>& default_front_matter_keys() {
  static const std::vector<std::string> keys = {"title", "linkTitle", "subtitle", "description",
                                                "summary", "menu.*.name"};
  return keys;
}

bool UnitRules::is_text_param(std::string_view shortcode, std::string_view param_name, int position) const {
  auto listed = [&](std::string_view name) {
    auto it = shortcodes.find(name);
    return it != shortcodes.end() && std::any_of(it->second.begin(), it->second.end(),
                                                 [&](const ParamSpec& s) { return s.matches(param_name, position); });
  };
  return listed(shortcode) || listed("*");
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
