// Inputs from pull requests and translators: page names, PO files, page
// text and baselines that try to break the pipeline or the terminal.
#include <catch2/catch.hpp>

#include <memory>
#include <sstream>

#include "base/error.h"
#include "base/files.h"
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
  // The PO entry, then the generated page as the related location.
  CHECK(json_values(sarif, "uri") == std::vector<std::string>{"po/nl/content.po", hostile_report().findings[0].path});
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

namespace {

// A site with one English page and Dutch as its target.
struct Site {
  TempDir dir;
  std::string root() const { return " --root " + quote(dir.str()); }
  fs::path po() const { return dir.path() / "po/nl/content.po"; }
};

std::unique_ptr<Site> small_site(const std::string& page_name = "guide.md") {
  auto site = std::make_unique<Site>();
  spit(site->dir.path() / "l10n.toml",
       "source = \"en\"\nlanguages = [\"nl\"]\nsourceDir = \"content/en\"\ntargetDir = \"content/{lang}\"\n"
       "[merge]\nkeep = 0\n");
  fs::create_directories(site->dir.path() / "content/en");
  spit(site->dir.path() / "content/en" / page_name, "---\ntitle: \"Installing\"\n---\n\nRead this first.\n");
  return site;
}

std::string msgcat(const std::string& path) { return run("/usr/bin/msgcat " + quote(path) + " 2>/dev/null").output; }

}  // namespace

TEST_CASE("a page name with a control character is refused before any catalog is written", "[site][untrusted]") {
  auto site = small_site();
  // A newline in the name would end the "#:" line and make the rest entries.
  spit(site->dir.path() / "content/en/x\nmsgid \"evil\"\nmsgstr \"\"\n.md", "Text.\n");
  auto r = run_l10n("extract" + site->root());
  INFO(r.output);
  CHECK(r.status == 2);
  CHECK(r.output.find("content/en/x\\x0amsgid \"evil\"\\x0amsgstr \"\"\\x0a.md: error: the name holds a control "
                      "character (\\x0a), which cannot be written in a PO reference ('#:')") != std::string::npos);
  CHECK_FALSE(fs::exists(site->dir.path() / "po"));
  CHECK(reference_problem("content/en/a\x1b[1m.md"));
  CHECK(reference_problem("content/en/a\xE2\x81\xA9 b.md"));
  CHECK(reference_problem("content/en/caf\xE9.md"));
  CHECK_FALSE(reference_problem("content/en/my page \xE2\x80\x94 caf\xC3\xA9.md"));
}

TEST_CASE("references to names with spaces are written as gettext writes them and read back", "[po][untrusted]") {
  TempDir dir;
  Catalog cat;
  cat.header = "Content-Type: text/plain; charset=UTF-8\n";
  Message m;
  m.msgid = "Read this first.";
  m.msgstr = {""};
  // Short of the page width: gettext 0.21 (msgcat here) reads "<U+2068>a" and
  // "b<U+2069>" as two names and may break the line between them; 0.22 does not.
  m.references = {{"content/my page.md", 5}, {"plain.md", 7}, {"a b c.md", 0}};
  cat.messages.push_back(m);
  std::string ours = format_po(cat);
  CHECK(ours.find("#: \xE2\x81\xA8" "content/my page.md\xE2\x81\xA9:5 plain.md:7 \xE2\x81\xA8"
                  "a b c.md\xE2\x81\xA9\n") != std::string::npos);
  CHECK(ours == format_po_gettext(cat));
  CHECK(ours == msgcat(dir.file("ours.po", ours)));
  CHECK(read_po(dir / "ours.po", "ours.po").messages.at(0).references == m.references);
  // A tab, too, stays in the name (gettext 0.21 would read it as a break).
  cat.messages[0].references = {{"tab\there.md", 2}};
  CHECK(read_po(dir.file("tab.po", format_po(cat)), "tab.po").messages.at(0).references ==
        cat.messages[0].references);

  // Through extract and merge: the page is referenced whole, and a second
  // extract changes nothing.
  auto site = small_site("my page.md");
  auto r = run_l10n("extract" + site->root());
  INFO(r.output);
  REQUIRE(r.status == 0);
  std::string pot = (site->dir.path() / "po/content.pot").string();
  CHECK(slurp(pot).find("#: \xE2\x81\xA8" "content/en/my page.md\xE2\x81\xA9:") != std::string::npos);
  CHECK(msgcat(pot) == slurp(pot));
  CHECK(read_po(pot, "content.pot").messages.at(0).references.at(0).file() == "content/en/my page.md");
  std::string before = slurp(site->po());
  REQUIRE(run_l10n("extract" + site->root()).status == 0);
  CHECK(slurp(site->po()) == before);
  r = run_l10n("merge" + site->root());
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(fs::exists(site->dir.path() / "content/nl/my page.md"));
}

TEST_CASE("an emptied PO file stops extract and check", "[po][untrusted]") {
  auto site = small_site();
  REQUIRE(run_l10n("extract" + site->root()).status == 0);
  spit(site->po(), "");
  const std::string expected = "po/nl/content.po: error: the PO file has no header entry;";
  auto r = run_l10n("extract" + site->root());
  CHECK(r.status == 2);
  CHECK(r.output.find(expected) != std::string::npos);
  CHECK(slurp(site->po()).empty());
  r = run_l10n("check" + site->root());
  CHECK(r.status == 2);
  CHECK(r.output.find(expected) != std::string::npos);
}

TEST_CASE("write errors name the file as the user knows it", "[files][untrusted]") {
  auto site = small_site();
  // A file size limit of 0 with SIGXFSZ ignored: every write fails with EFBIG.
  auto limited = [&](const std::string& args) {
    return run("trap '' XFSZ; ulimit -f 0; env -u LANGUAGE LC_ALL=C.UTF-8 " + quote(L10N_BINARY) + " " + args);
  };
  auto r = limited("extract" + site->root());
  INFO(r.output);
  CHECK(r.status == 2);
  CHECK(r.output.find("po/content.pot: error: cannot write: the file is too large") != std::string::npos);
  CHECK(r.output.find(site->dir.str()) == std::string::npos);
  REQUIRE(run_l10n("extract" + site->root()).status == 0);
  r = limited("merge" + site->root());
  INFO(r.output);
  CHECK(r.status == 2);
  CHECK(r.output.find("content/nl/guide.md: error: cannot write: the file is too large") != std::string::npos);
  CHECK(r.output.find(site->dir.str()) == std::string::npos);
  CHECK(display_path(site->dir.str() + "/po/nl/content.po", site->dir.str()) == "po/nl/content.po");
  CHECK(display_path("/elsewhere/x.po", site->dir.str()) == "/elsewhere/x.po");
}

TEST_CASE("check --baseline refuses a file that is not a JSON report", "[check][untrusted]") {
  auto site = small_site();
  REQUIRE(run_l10n("extract" + site->root()).status == 0);
  REQUIRE(run_l10n("merge" + site->root()).status == 0);
  auto refused = [&](const std::string& text, const std::string& why) {
    std::string path = site->dir / "baseline.json";
    spit(path, text);
    auto r = run_l10n("check --baseline " + quote(path) + site->root());
    INFO(r.output);
    CHECK(r.status == 2);
    CHECK(r.output.find(path + ": error: not an l10n check report (" + why) != std::string::npos);
  };
  refused(slurp(site->po()), "line ");
  refused("{}", "no \"tool\": \"l10n check\" at the top)");
  refused("[{\"path\": \"a.md\", \"fragment\": \"x\"}]", "no \"tool\": \"l10n check\" at the top)");
  refused("{\"schema\": 2, \"tool\": \"l10n check\", \"findings\": []}", "schema 2; this l10n reads schema 1)");
  refused("{\"schema\": 1, \"tool\": \"l10n check\", \"findings\": {\"path\": \"a\"}}", "\"findings\" is not a list)");
  std::string good = site->dir / "good.json";
  run_l10n("check --format json --output " + quote(good) + site->root());
  CHECK(run_l10n("check --baseline " + quote(good) + site->root()).status == 0);
}
