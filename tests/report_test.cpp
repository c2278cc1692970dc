// The reports of `l10n check`: JSON and SARIF parse and carry the findings,
// the HTML page is standalone, escapes page text and renders in Chromium.
#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include <map>

#include "report/report.h"
#include "base/source_text.h"
#include "data/structured.h"
#include "testing.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

// A report as check_pages makes it, with text that must be escaped.
CheckReport sample_report() {
  CheckReport r;
  Finding f;
  f.kind = FindingKind::Unit;
  f.language = "nl";
  f.found = "en";
  f.confidence = 0.97;
  f.path = "content/nl/a.md";
  f.line = 7;
  f.col = 1;
  f.unit = "paragraph";
  f.fragment = "Use <script>alert(\"x\")</script> & \"quotes\" here.";
  f.text = f.fragment;
  f.counterpart = "Use <b>this</b>.";
  f.fix_path = "po/nl/content.po";
  f.fix_line = 42;
  r.findings.push_back(f);
  f.kind = FindingKind::Sentence;
  f.line = 9;
  f.fragment = "Second one </td></tr></table><img src=x onerror=alert(1)>";
  f.fix_path = f.path;
  f.fix_line = 9;
  r.findings.push_back(f);
  r.pages.push_back({"nl", "content/nl/a.md", "content/en/a.md", true, 10, 2});
  r.pages.push_back({"nl", "content/nl/b.md", "content/en/b.md", true, 5, 0});
  CatalogResult c;
  c.language = "nl";
  c.path = "po/nl/content.po";
  c.messages = 20;
  c.translated = 15;
  c.fuzzy = 2;
  c.untranslated = 3;
  r.catalogs.push_back(c);
  return r;
}

std::map<std::string, std::vector<std::string>> leaves(const std::string& json) {
  std::map<std::string, std::vector<std::string>> out;
  SourceText src("report.json", json);
  for (const DataLeaf& leaf : parse_data(src, DataFormat::Json)) {
    // "findings[].fix.line": every item of a sequence under one key.
    std::string key;
    for (const std::string& segment : leaf.path) key += segment == "[]" ? segment : (key.empty() ? "" : ".") + segment;
    out[key].push_back(leaf.value);
  }
  return out;
}

// The value of the element with `id`, in a DOM Chromium dumped.
std::string element_text(const std::string& dom, const std::string& id) {
  std::size_t at = dom.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  std::size_t begin = dom.find('>', at) + 1;
  return dom.substr(begin, dom.find('<', begin) - begin);
}

}  // namespace

TEST_CASE("JSON report: schema 1, escaped, parseable", "[report]") {
  std::string json = json_report(sample_report());
  auto v = leaves(json);  // throws on invalid JSON
  CHECK(v["schema"] == std::vector<std::string>{"1"});
  auto fragments = v["findings[].fragment"];
  REQUIRE(fragments.size() == 2);
  CHECK(fragments[0] == "Use <script>alert(\"x\")</script> & \"quotes\" here.");
  CHECK(json.find("<script>") == std::string::npos);  // "<" is written \u003c
  CHECK(v["findings[].fix.line"] == std::vector<std::string>{"42", "9"});
  CHECK(v["findings[].kind"] == std::vector<std::string>{"unit", "sentence"});
  CHECK(v["summary[].units"] == std::vector<std::string>{"15"});
  CHECK(v["summary[].po.coverage"] == std::vector<std::string>{"75.000"});
  CHECK(v["pages[].from_merge"] == std::vector<std::string>{"true", "true"});
}

TEST_CASE("SARIF report: 2.1.0 with rules, locations and fingerprints", "[report]") {
  std::string sarif = sarif_report(sample_report());
  auto v = leaves(sarif);
  CHECK(v["version"] == std::vector<std::string>{"2.1.0"});
  CHECK(v["runs[].tool.driver.name"] == std::vector<std::string>{"l10n check"});
  CHECK(v["runs[].tool.driver.rules[].id"].size() == 6);
  CHECK(v["runs[].results[].level"] == std::vector<std::string>{"warning", "warning"});
  CHECK(v["runs[].results[].ruleId"] == std::vector<std::string>{"untranslated-unit", "untranslated-sentence"});
  CHECK(v["runs[].results[].ruleIndex"] == std::vector<std::string>{"0", "1"});
  CHECK(v["runs[].results[].locations[].physicalLocation.artifactLocation.uri"] ==
        std::vector<std::string>{"content/nl/a.md", "content/nl/a.md"});
  CHECK(v["runs[].results[].locations[].physicalLocation.region.startLine"] == std::vector<std::string>{"7", "9"});
  auto prints = v["runs[].results[].partialFingerprints.l10nFragment/v1"];
  REQUIRE(prints.size() == 2);
  CHECK(prints[0] != prints[1]);
  CHECK(v["runs[].results[].message.text"][0].find("Fix it in po/nl/content.po:42") != std::string::npos);
  // Line moves do not change a finding's fingerprint.
  CheckReport moved = sample_report();
  moved.findings[0].line = 70;
  CHECK(leaves(sarif_report(moved))["runs[].results[].partialFingerprints.l10nFragment/v1"][0] == prints[0]);
  // A cited title is a note, not a warning.
  CheckReport cited = sample_report();
  cited.findings[1].kind = FindingKind::Cited;
  auto c = leaves(sarif_report(cited));
  CHECK(c["runs[].results[].ruleId"] == std::vector<std::string>{"untranslated-unit", "cited-title"});
  CHECK(c["runs[].results[].level"] == std::vector<std::string>{"warning", "note"});
  CHECK(cited.counted_findings() == 1);
  CHECK(cited.summary().front().findings == 1);
  CHECK(cited.summary().front().cited == 1);
}

TEST_CASE("HTML report: one standalone page, page text escaped", "[report]") {
  std::string html = html_report(sample_report());
  REQUIRE(html.rfind("<!DOCTYPE html>", 0) == 0);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(html.c_str()));
  // Exactly our own script, no element from the page text, nothing fetched.
  CHECK(doc.select_nodes("//script").size() == 1);
  CHECK(doc.select_nodes("//img").empty());
  CHECK(doc.select_nodes("//b").empty());
  CHECK(doc.select_nodes("//*[@src]").empty());
  CHECK(doc.select_nodes("//link").empty());
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(") != std::string::npos);
  // Each finding beside its source-language counterpart.
  auto rows = doc.select_nodes("//table[@id='findings']/tbody/tr");
  REQUIRE(rows.size() == 2);
  CHECK(std::string(rows[0].node().select_node("td[@class='frag']").node().text().get()) ==
        sample_report().findings[0].fragment);
  CHECK(std::string(rows[0].node().select_node("td[@class='counterpart']").node().text().get()) == "Use <b>this</b>.");
  CHECK(doc.select_nodes("//table[@id='pages' or @id='catalogs']//div[contains(@class,'bar')]").size() == 3);  // 2 pages, 1 catalog
}

TEST_CASE("HTML report renders in headless Chromium and filters", "[report][chromium]") {
  std::string chromium;
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"})
    if (run(std::string("command -v ") + name).status == 0) chromium = name;
  if (chromium.empty()) {
    WARN("chromium is not installed (tools/install-deps.sh installs it): HTML rendering not tested");
    return;
  }
  TempDir dir;
  // The screenshot stays in the build directory, for a look at the page.
  fs::path page = dir.path() / "report.html", png = fs::path(L10N_BINARY).parent_path() / "check-report.png";
  fs::remove(png);
  spit(page, html_report(sample_report()));
  // No network, no profile of the user's; root needs --no-sandbox.
  std::string flags = " --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
                      " --user-data-dir=" + quote((dir.path() / "profile").string()) + " ";
  std::string url = "file://" + page.string();

  auto shot = run(chromium + flags + "--window-size=1200,900 --screenshot=" + quote(png.string()) + " " + quote(url));
  INFO(shot.output);
  REQUIRE(fs::exists(png));
  std::string bytes = slurp(png);
  CHECK(bytes.size() > 5000);  // a page with tables, not a blank one
  CHECK(bytes.substr(0, 8) == "\x89PNG\r\n\x1a\n");

  // --dump-dom prints the DOM after the script ran.
  auto dom = run(chromium + flags + "--dump-dom " + quote(url));
  INFO(dom.output);
  REQUIRE(dom.output.find("id=\"findings\"") != std::string::npos);
  CHECK(element_text(dom.output, "shown") == "2");
  CHECK(element_text(dom.output, "total") == "2");
  CHECK(dom.output.find("15 units") != std::string::npos);
  CHECK(dom.output.find("75.0% (15/20)") != std::string::npos);
  CHECK(dom.output.find("<img") == std::string::npos);
  // Filters, set from the address: one sentence finding is left.
  auto filtered = run(chromium + flags + "--dump-dom " + quote(url + "#kind=sentence"));
  CHECK(element_text(filtered.output, "shown") == "1");
  CHECK(filtered.output.find("class=\"hidden\"") != std::string::npos);
}
