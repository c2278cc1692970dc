#include <boost/program_options/errors.hpp>

#include "cli/command.h"

namespace l10n::cli {

namespace {

// Boost builds its messages from a public template with placeholders
// (%canonical_option%, %value%): giving it a translated template keeps its
// substitution of the option name as the user spelled it.
const char* template_for(const opt::error_with_option_name& e) {
  if (dynamic_cast<const opt::unknown_option*>(&e))
    // xgettext:no-c-format
    return tr("unknown option '%canonical_option%'");
  if (dynamic_cast<const opt::ambiguous_option*>(&e))
    // xgettext:no-c-format
    return tr("option '%canonical_option%' is ambiguous: write it out in full");
  if (dynamic_cast<const opt::multiple_occurrences*>(&e) || dynamic_cast<const opt::multiple_values*>(&e))
    // xgettext:no-c-format
    return tr("option '%canonical_option%' can be given only once");
  if (dynamic_cast<const opt::required_option*>(&e))
    // xgettext:no-c-format
    return tr("option '%canonical_option%' is required");
  if (auto* syntax = dynamic_cast<const opt::invalid_syntax*>(&e)) {
    switch (syntax->kind()) {
      case opt::invalid_syntax::missing_parameter:
        // xgettext:no-c-format
        return tr("option '%canonical_option%' needs a value");
      case opt::invalid_syntax::extra_parameter:
        // xgettext:no-c-format
        return tr("option '%canonical_option%' takes no value");
      default:
        // xgettext:no-c-format
        return tr("option '%canonical_option%' is not written the way it should be");
    }
  }
  if (auto* value = dynamic_cast<const opt::validation_error*>(&e)) {
    if (value->kind() == opt::validation_error::invalid_option_value ||
        value->kind() == opt::validation_error::invalid_bool_value)
      // xgettext:no-c-format
      return tr("'%value%' is not a valid value for option '%canonical_option%'");
    if (value->kind() == opt::validation_error::at_least_one_value_required)
      // xgettext:no-c-format
      return tr("option '%canonical_option%' needs a value");
    if (value->kind() == opt::validation_error::multiple_values_not_allowed)
      // xgettext:no-c-format
      return tr("option '%canonical_option%' takes one value");
  }
  // xgettext:no-c-format
  return tr("option '%canonical_option%' is not valid here");
}

}  // namespace

std::string option_error_text(opt::error& e) {
  if (auto* named = dynamic_cast<opt::error_with_option_name*>(&e)) {
    named->m_error_template = template_for(*named);
    return named->what();
  }
  if (dynamic_cast<const opt::too_many_positional_options_error*>(&e)) return tr("too many arguments");
  return tr("the command line cannot be read");
}

}  // namespace l10n::cli
