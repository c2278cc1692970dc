// Path globs as used in l10n.toml's include/exclude: `*` and `?` within one
// path segment, `**` across segments, `[abc]` classes, `{a,b}` alternatives.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace l10n {

// Does `path` (relative, '/'-separated) match `pattern`?
bool glob_match(std::string_view pattern, std::string_view path);
// Does any of `patterns` match `path`?
bool any_glob_matches(const std::vector<std::string>& patterns, std::string_view path);

}  // namespace l10n
