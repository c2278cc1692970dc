// The SARIF report of a real site, as GitHub's upload would take it:
// validated against the SARIF 2.1.0 schema and GitHub's ingestion rules by
// Microsoft's SARIF Multitool (tools/install-deps.sh fetches it).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <regex>

#include "testing.h"

using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

fs::path multitool() {
  const char* dir = std::getenv("L10N_SARIF_MULTITOOL_DIR");
  fs::path p = fs::path(dir ? dir : "/opt/sarif-multitool/5.7.0") / "package" / "Sarif.Multitool";
  return fs::exists(p) ? p : fs::path();
}

// The example site with every fifth translation taken out and merged, so
// that check finds English on generated pages and in the catalog.
void half_translated_site(const TempDir& site) {
  for (const char* item : {"content", "config", "i18n", "layouts", "hugo.toml", "l10n.toml", "po"})
    fs::copy(source_dir() / item, site.path() / item, fs::copy_options::recursive);
  fs::remove_all(site.path() / "content/nl");
  std::string po = slurp(site.path() / "po/nl/content.po");
  std::regex msgstr("\nmsgstr \"[^\"\n]+\"\n");
  std::string out;
  int n = 0;
  auto last = po.cbegin();
  for (std::sregex_iterator it(po.begin(), po.end(), msgstr), end; it != end; ++it) {
    out.append(last, po.cbegin() + it->position());
    out += ++n % 5 == 0 && n > 1 ? std::string("\nmsgstr \"\"\n") : it->str();
    last = po.cbegin() + it->position() + it->length();
  }
  out.append(last, po.cend());
  spit(site.path() / "po/nl/content.po", out);
  spit(site.path() / "l10n.toml",
       slurp(site.path() / "l10n.toml") +
           "\n[report]\nrepository = \"https://github.com/example/site/blob/main/{path}#L{line}\"\n"
           "weblate = \"https://hosted.weblate.org/translate/site/{domain}/{lang}/?checksum={checksum}\"\n");
}

}  // namespace

TEST_CASE("SARIF of a merged site passes the schema and GitHub's upload rules", "[report][sarif][e2e]") {
  fs::path tool = multitool();
  if (tool.empty()) {
    WARN("the SARIF Multitool is not installed (tools/install-deps.sh fetches it): SARIF not validated");
    return;
  }
  TempDir site;
  half_translated_site(site);
  REQUIRE(run_l10n("merge --quiet --keep 0", site.str()).status == 0);
  auto check = run_l10n("check --quiet --format sarif --output report.sarif", site.str());
  INFO(check.output);
  REQUIRE(check.status == 1);  // findings
  std::string sarif = slurp(site.path() / "report.sarif");
  // Findings on generated pages point at the PO entry, the page related.
  CHECK(sarif.find("\"uri\": \"po/nl/content.po\"") != std::string::npos);
  CHECK(sarif.find("\"relatedLocations\": [{\"id\": 1, \"physicalLocation\": {\"artifactLocation\": {\"uri\": "
                   "\"content/nl/") != std::string::npos);

  fs::path schema = tool.parent_path() / "sarif-2.1.0.json";
  auto v = run(quote(tool.string()) + " validate --rule-kind \"Sarif;Gh\" --json-schema " + quote(schema.string()) +
               " --output " + quote((site.path() / "validation.sarif").string()) + " " +
               quote((site.path() / "report.sarif").string()));
  INFO(v.output);
  CHECK(v.status == 0);
  CHECK(v.output.find(" error ") == std::string::npos);
  CHECK(v.output.find("1 files scanned") != std::string::npos);
}
