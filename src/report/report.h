// The reports of `l10n check`: for a terminal, for scripts (JSON, schema in
// docs/check-report.md), for code scanning (SARIF 2.1.0) and for reviewers (one
// standalone HTML page).
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "base/controls.h"
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

// A unit kind as Finding::unit names it ("list item"), and a finding kind,
// in the reader's language: the text and HTML reports show these, the JSON
// and SARIF ones keep the names.
const char* unit_label(const std::string& unit);
const char* finding_kind_label(FindingKind kind);

// `s` as a JSON string literal, quotes included. Controls and bidi
// characters are \u escapes: a consumer gets them back, a viewer of the
// file is not misled by them.
std::string json_string(std::string_view s);

}  // namespace l10n
