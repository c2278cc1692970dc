// Where a PO writer may break a string's line: libunistring's answer, as
// gettext's write-po.c asks for it, without its cost on ASCII text.
#pragma once

#include <optional>
#include <string_view>

namespace l10n {

// ulc_width_linebreaks(s, width, start_column, 0, overrides, "UTF-8",
// breaks): breaks[i] becomes UC_BREAK_POSSIBLE where a line break goes before
// byte i so that lines fit in `width` columns (starting at `start_column`),
// else UC_BREAK_PROHIBITED. overrides[i] is UC_BREAK_UNDEFINED, or
// UC_BREAK_PROHIBITED where no break may go before byte i whatever the rules
// say (nothing else: a break is only ever forbidden). When the libunistring
// loaded is the version the rules here were read off (1.0), text made of
// printable ASCII and the common one-column characters past it (accented
// letters, typographic quotes and dashes, ...: linebreak.cpp's table) is
// broken here, by the same rules; anything else, and everything with another
// version, by libunistring.
void width_linebreaks(std::string_view s, int width, int start_column, const char* overrides, char* breaks);

// Whether width_linebreaks would put a break anywhere in `s`, when that is
// quick to tell (text broken here: it does not fit and has a place to
// break); nullopt otherwise. A writer asks it to choose the line a value
// starts on, and then breaks the value for that line only.
std::optional<bool> any_linebreak(std::string_view s, int width, int start_column, const char* overrides);

}  // namespace l10n
