// The error messages of the parsers l10n reads front matter and configs
// with (libyaml, toml++), in the user's language.
#pragma once

#include <string>
#include <string_view>

namespace l10n {

// "invalid TOML (value): could not determine value type", from toml++'s
// parse_error::description(); a message of another toml++ version than the
// one listed is shown as it is.
std::string toml_error_text(std::string_view description);

// "invalid YAML: did not find expected key (while parsing a block mapping)",
// from a yaml_parser_t's problem and context (either may be null).
std::string yaml_error_text(const char* problem, const char* context);

}  // namespace l10n
