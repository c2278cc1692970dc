// The reports of `l10n check`: for a terminal, for scripts (JSON, schema in
// docs/check-report.md), for code scanning (SARIF 2.1.0) and for reviewers (one
// standalone HTML page).
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "commands/check.h"

namespace l10n {

// Findings grouped by page, with where to fix each, then a summary per language.
void write_text_report(std::ostream& out, const CheckReport& report);

// The JSON report; `"schema": 1` names the format documented in docs/check-report.md.
std::string json_report(const CheckReport& report);

// SARIF 2.1.0: one result per finding, located in the page (or PO file).
std::string sarif_report(const CheckReport& report);

// A standalone HTML page: no network resources, all page text escaped.
std::string html_report(const CheckReport& report);

// `s` as a JSON string literal, quotes included. Controls and bidi
// characters are \u escapes: a consumer gets them back, a viewer of the
// file is not misled by them.
std::string json_string(std::string_view s);

// Page text, paths and PO strings come from pull requests and translators:
// a code point that a terminal, an editor or a browser would act on rather
// than show (C0 and C1 controls, DEL, bidi marks, embeddings, overrides and
// isolates, U+2028/U+2029) must be shown as an escape instead.
bool is_display_control(char32_t cp);
// `s` with each such code point written as "\x1b" (C0, DEL) or "\u202e",
// and each byte of invalid UTF-8 as "\xNN".
std::string visible_controls(std::string_view s);
// The code point at s[i] into `cp` and its length in bytes; 0 when the
// bytes there are not UTF-8.
std::size_t decode_code_point(std::string_view s, std::size_t i, char32_t& cp);

}  // namespace l10n
