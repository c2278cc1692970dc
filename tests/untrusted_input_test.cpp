// Inputs from pull requests and translators: page names, PO files, page
// text and baselines that try to break the pipeline or the terminal.
#include <catch2/catch.hpp>

#include <sstream>

#include "base/error.h"
#include "base/source_text.h"
#include "data/structured.h"
#include "po/catalog.h"
#include "po/reader.h"
#include "po/writer.h"
#include "report/report.h"
#include "testing.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

// ESC [31m (colours the terminal), a C1 CSI, a right-to-left override.
const std::string kHostile = "Click \x1b[31mhere\x1b[0m \xC2\x9B" "2J and \xE2\x80\xAE" "evil";

CheckReport hostile_report() {
  CheckReport r;
  Finding f;
  f.kind = FindingKind::Unit;
  f.language = "nl";
  f.found = "en";
  f.confidence = 0.9;
  f.path = "content/nl/\x1b]0;title\x07.md";
  f.line = 3;
  f.col = 1;
  f.unit = "paragraph";
  f.fragment = kHostile;
  f.text = kHostile;
  f.counterpart = kHostile;
  f.fix_path = "po/nl/content.po";
  f.fix_line = 12;
  r.findings.push_back(f);
  return r;
}

bool has_raw_controls(const std::string& s) {
  return s.find('\x1b') != std::string::npos || s.find('\x07') != std::string::npos ||
         s.find("\xC2\x9B") != std::string::npos || s.find("\xE2\x80\xAE") != std::string::npos;
}

std::vector<std::string> json_values(const std::string& json, const std::string& key) {
  std::vector<std::string> out;
  SourceText src("report.json", json);
  for (const DataLeaf& leaf : parse_data(src, DataFormat::Json))
    if (!leaf.path.empty() && leaf.path.back() == key) out.push_back(leaf.value);
  return out;
}

}  // namespace

TEST_CASE("check's text report shows controls and bidi characters as escapes", "[report][untrusted]") {
  std::ostringstream out;
  write_text_report(out, hostile_report());
  std::string text = out.str();
  INFO(text);
  CHECK_FALSE(has_raw_controls(text));
  CHECK(text.find("Click \\x1b[31mhere\\x1b[0m \\u009b2J and \\u202eevil") != std::string::npos);
  CHECK(text.find("content/nl/\\x1b]0;title\\x07.md:3:1") != std::string::npos);
  CHECK(visible_controls("caf\xC3\xA9 \xFF") == "caf\xC3\xA9 \\xff");
}

TEST_CASE("JSON and SARIF reports escape controls and bidi characters", "[report][untrusted]") {
  std::string json = json_report(hostile_report());
  CHECK_FALSE(has_raw_controls(json));
  CHECK(json.find("\\u202e") != std::string::npos);
  CHECK(json_values(json, "fragment") == std::vector<std::string>{kHostile});  // a consumer gets the text back
  std::string sarif = sarif_report(hostile_report());
  CHECK_FALSE(has_raw_controls(sarif));
  CHECK(json_values(sarif, "uri") == std::vector<std::string>{hostile_report().findings[0].path});
}

TEST_CASE("HTML report shows controls and bidi characters as escapes", "[report][untrusted]") {
  std::string html = html_report(hostile_report());
  CHECK_FALSE(has_raw_controls(html));
  CHECK(html.find("Click \\x1b[31mhere\\x1b[0m \\u009b2J and \\u202eevil") != std::string::npos);
}

TEST_CASE("a PO file without a header entry is no catalog", "[po][untrusted]") {
  TempDir dir;
  auto error_of = [&](const std::string& text) {
    try {
      require_header_entry(read_po(dir.file("nl.po", text), "po/nl/content.po"), "po/nl/content.po");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string expected = "po/nl/content.po: error: the PO file has no header entry; it may have been emptied or "
                               "cut short: restore it from version control, or delete it and run 'l10n extract'";
  CHECK(error_of("") == expected);
  CHECK(error_of("# only a comment\n#. and another\n") == expected);
  CHECK(error_of("msgid \"a\"\nmsgstr \"b\"\n") == expected);
  CHECK(error_of("msgid \"\"\nmsgstr \"Language: nl\\n\"\n") == "no error");
}
