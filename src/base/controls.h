// Text from outside (page names, page text, PO strings) shown to people:
// the code points a terminal or a viewer would act on rather than show.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace l10n {

// Page text, paths and PO strings come from pull requests and translators:
// a code point that a terminal, an editor or a browser would act on rather
// than show (C0 and C1 controls, DEL, bidi marks, embeddings, overrides and
// isolates, U+2028/U+2029) must be shown as an escape instead.
bool is_display_control(char32_t cp);
// `s` with each such code point written as "\x1b" (C0, DEL) or "\u202e",
// and each byte of invalid UTF-8 as "\xNN".
std::string visible_controls(std::string_view s);

// The columns `s` takes in a terminal: two for a wide (East Asian) code
// point, none for a combining mark or a format character, one for the rest;
// tables of translated headings line up by it. Invalid bytes count one each.
std::size_t display_width(std::string_view s);

}  // namespace l10n
