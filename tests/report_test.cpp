// The reports of `l10n check`: JSON and SARIF parse and carry the findings,
// the HTML page is standalone, escapes page text and renders in Chromium.
#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include <cstdio>
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
  // A generated page's finding is located at its PO entry, what a pull
  // request changes; the page is a related location.
  CHECK(v["runs[].results[].locations[].physicalLocation.artifactLocation.uri"] ==
        std::vector<std::string>{"po/nl/content.po", "content/nl/a.md"});
  CHECK(v["runs[].results[].locations[].physicalLocation.region.startLine"] == std::vector<std::string>{"42", "9"});
  CHECK(v["runs[].results[].relatedLocations[].physicalLocation.artifactLocation.uri"] ==
        std::vector<std::string>{"content/nl/a.md"});
  CHECK(v["runs[].results[].relatedLocations[].physicalLocation.region.startLine"] == std::vector<std::string>{"7"});
  CHECK(v["runs[].tool.driver.rules[].fullDescription.text"].size() == 6);
  CHECK(v["runs[].tool.driver.rules[].help.text"].size() == 6);
  auto prints = v["runs[].results[].partialFingerprints.l10nFragment/v1"];
  REQUIRE(prints.size() == 2);
  CHECK(prints[0] != prints[1]);
  CHECK(v["runs[].results[].message.text"][0].find("[the generated page](1): content/nl/a.md:7") != std::string::npos);
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
  // Each finding beside its source-language counterpart, grouped by page.
  auto rows = doc.select_nodes("//table[@id='findings']/tbody/tr[@class='finding']");
  REQUIRE(rows.size() == 2);
  CHECK(doc.select_nodes("//table[@id='findings']/tbody/tr[@class='group']").size() == 1);
  CHECK(std::string(rows[0].node().select_node("td[contains(@class,'current')]/mark").node().text().get()) ==
        sample_report().findings[0].fragment);
  CHECK(std::string(rows[0].node().select_node("td[contains(@class,'source')]").node().text().get()) ==
        "Use <b>this</b>.");
  CHECK(std::string(rows[0].node().attribute("data-po").value()) == "po/nl/content.po");
  // Every bar carries its figure.
  CHECK(doc.select_nodes("//div[contains(@class,'bar')]").size() == 5);  // 2 per language, 2 pages, 1 catalog
  CHECK(doc.select_nodes("//span[@class='barnum']").size() == 5);
  CHECK(html.find("75.0% (15/20)") != std::string::npos);
}

TEST_CASE("HTML report: findings link where the site says, only to web addresses", "[report]") {
  CheckReport r = sample_report();
  r.findings[0].page_url = "https://example.org/nl/a/";
  r.findings[0].fix_url = "https://github.com/o/r/blob/main/po/nl/content.po#L42";
  r.findings[0].weblate_url = "https://hosted.weblate.org/translate/p/content/nl/?checksum=abc";
  r.findings[1].page_url = "javascript:alert(1)";  // never a link
  std::string html = html_report(r);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(html.c_str()));
  auto links = doc.select_nodes("//table[@id='findings']//a");
  REQUIRE(links.size() == 3);
  CHECK(std::string(links[0].node().attribute("href").value()) == "https://example.org/nl/a/");
  CHECK(std::string(links[2].node().attribute("href").value()) == r.findings[0].weblate_url);
  CHECK(html.find("javascript:") == std::string::npos);
  // Findings of a page with the same text and PO entry are one row.
  r.findings.push_back(r.findings[0]);
  r.findings.back().line = 30;
  pugi::xml_document twice;
  REQUIRE(twice.load_string(html_report(r).c_str()));
  CHECK(twice.select_nodes("//tr[@class='finding']").size() == 2);
  CHECK(html_report(r).find("content/nl/a.md:7, 30") != std::string::npos);
}

TEST_CASE("HTML report renders in headless Chromium and filters", "[report][chromium]") {
  TempDir dir;
  const std::string chromium = headless_chromium(dir.path() / "profile");
  if (chromium.empty()) {
    WARN("chromium is not installed (tools/install-deps.sh installs it): HTML rendering not tested");
    return;
  }
  // The screenshot stays in the build directory, for a look at the page.
  fs::path page = dir.path() / "report.html", png = fs::path(L10N_BINARY).parent_path() / "check-report.png";
  fs::remove(png);
  spit(page, html_report(sample_report()));
  std::string url = "file://" + page.string();

  auto shot = run(chromium + "--window-size=1280,2000 --screenshot=" + quote(png.string()) + " " + quote(url));
  INFO(shot.output);
  REQUIRE(fs::exists(png));
  std::string bytes = slurp(png);
  CHECK(bytes.size() > 5000);  // a page with tables, not a blank one
  CHECK(bytes.substr(0, 8) == "\x89PNG\r\n\x1a\n");

  // --dump-dom prints the DOM after the script ran.
  auto dom = run(chromium + "--dump-dom " + quote(url));
  INFO(dom.output);
  REQUIRE(dom.output.find("id=\"findings\"") != std::string::npos);
  CHECK(element_text(dom.output, "shown") == "2");
  CHECK(element_text(dom.output, "total") == "2");
  CHECK(dom.output.find("75.0% (15/20)") != std::string::npos);
  CHECK(dom.output.find("<img") == std::string::npos);
  // Filters, set from the address: one sentence finding is left.
  auto filtered = run(chromium + "--dump-dom " + quote(url + "#kind=sentence"));
  CHECK(element_text(filtered.output, "shown") == "1");
  CHECK(filtered.output.find("class=\"finding hidden\"") != std::string::npos);

  // At 1280 px the source column is on screen, beside the current text,
  // with text long enough to push a table without fixed columns off it. A
  // copy of the report gets a probe that writes the columns' bounds into
  // the title, which --dump-dom prints.
  CheckReport wide = sample_report();
  wide.findings[0].counterpart = std::string(3000, 'x');
  wide.findings[0].fix_path = std::string(400, 'p') + ".po";
  std::string probed = html_report(wide);
  probed.insert(probed.rfind("</body>"),
                "<script>var s = document.getElementById('source-column').getBoundingClientRect();"
                "document.title = 'probe ' + Math.round(s.left) + ' ' + Math.round(s.right) + ' ' +"
                " document.documentElement.clientWidth + ' ' + document.documentElement.scrollWidth;</script>");
  spit(dir.path() / "wide.html", probed);
  auto measured = run(chromium + "--window-size=1280,2000 --dump-dom " +
                      quote("file://" + (dir.path() / "wide.html").string()));
  std::size_t at = measured.output.find("<title>probe ");
  REQUIRE(at != std::string::npos);
  int left = 0, right = 0, width = 0, scroll = 0;
  REQUIRE(std::sscanf(measured.output.c_str() + at, "<title>probe %d %d %d %d", &left, &right, &width, &scroll) == 4);
  INFO("source column " << left << ".." << right << " in a page " << width << " wide, scrolling to " << scroll);
  CHECK(width > 1000);
  CHECK(left > 0);
  CHECK(right <= width);
  CHECK(scroll <= width);  // nothing wider than the window
}
