// `l10n stats`: word counts, and the message counts of every catalog checked
// against GNU msgfmt --statistics on a made-up site, the example site and a
// corpus site whose Dutch pages were imported.
#include <catch2/catch.hpp>

#include <numeric>
#include <regex>

#include "site/config.h"
#include "commands/extract.h"
#include "site/sources.h"
#include "commands/init.h"
#include "base/source_text.h"
#include "commands/stats.h"
#include "data/structured.h"
#include "testing.h"
#include "site/layout.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

struct MsgfmtCounts {
  std::size_t translated = 0, fuzzy = 0, untranslated = 0;
};

// "12 translated messages, 1 fuzzy translation, 3 untranslated messages."
// (parts that are zero are left out).
MsgfmtCounts msgfmt_statistics(const fs::path& po) {
  auto r = run("LC_ALL=C msgfmt --statistics -o /dev/null " + quote(po.string()));
  REQUIRE(r.status == 0);
  MsgfmtCounts c;
  static const std::regex part(R"((\d+) (translated message|fuzzy translation|untranslated message))");
  for (std::sregex_iterator it(r.output.begin(), r.output.end(), part), end; it != end; ++it) {
    std::size_t n = std::stoul((*it)[1]);
    std::string what = (*it)[2];
    (what[0] == 't' ? c.translated : what[0] == 'f' ? c.fuzzy : c.untranslated) = n;
  }
  return c;
}

void check_against_msgfmt(const Config& cfg, const StatsReport& report) {
  REQUIRE(report.errors.empty());
  for (const LanguageStats& lang : report.languages) {
    Coverage sum;
    for (const CatalogStats& cat : lang.catalogs) {
      INFO(cat.path);
      REQUIRE(cat.exists);
      MsgfmtCounts m = msgfmt_statistics(fs::path(cfg.root) / cat.path);
      CHECK(cat.coverage.translated == m.translated);
      CHECK(cat.coverage.fuzzy == m.fuzzy);
      CHECK(cat.coverage.untranslated == m.untranslated);
      sum += cat.coverage;
    }
    CHECK(sum.total() == lang.total.total());
    CHECK(sum.words == lang.total.words);
  }
}

// Every unit of every page is counted once in its page's row.
void check_pages(const Config& cfg, const StatsReport& report) {
  std::vector<Diagnostic> errors;
  std::vector<SourceUnits> sources = read_sources(cfg, source_files(cfg), 0, errors);
  REQUIRE(errors.empty());
  for (const LanguageStats& lang : report.languages) {
    REQUIRE(lang.pages.size() == sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i) {
      CHECK(lang.pages[i].path == sources[i].file.path);
      CHECK(lang.pages[i].coverage.total() == sources[i].units.size());
    }
  }
}

const char* const kPo =
    "msgid \"\"\n"
    "msgstr \"\"\n"
    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
    "\"Language: nl\\n\"\n"
    "\n"
    "#: content/en/a.md:1\n"
    "msgid \"A page\"\n"
    "msgstr \"Een pagina\"\n"
    "\n"
    "#: content/en/a.md:5\n"
    "#, fuzzy\n"
    "msgid \"The first paragraph, with five words.\"\n"
    "msgstr \"De eerste alinea.\"\n"
    "\n"
    "#: content/en/a.md:7\n"
    "#, fuzzy\n"
    "msgid \"A fuzzy entry without a translation\"\n"
    "msgstr \"\"\n"
    "\n"
    "#: content/en/a.md:9\n"
    "msgid \"Not translated yet.\"\n"
    "msgstr \"\"\n"
    "\n"
    "#~ msgid \"Gone from the page\"\n"
    "#~ msgstr \"Weg van de pagina\"\n";

}  // namespace

TEST_CASE("words are counted as Weblate counts them", "[stats]") {
  CHECK(count_words("") == 0);
  CHECK(count_words("Getting started") == 2);
  CHECK(count_words("  two\twords\n") == 2);
  CHECK(count_words("Run `l10n extract` -- now.") == 4);  // "--" is not a word
  CHECK(count_words("[Aan de slag](/getting-started/)") == 3);
  CHECK(count_words("Één woord") == 2);
}

TEST_CASE("stats count translated, fuzzy and untranslated messages as msgfmt does", "[stats]") {
  TempDir site;
  spit(site.path() / "l10n.toml", "languages = [\"nl\"]\nsourceDir = \"content/en\"\ntargetDir = \"content/{lang}\"\n");
  spit(site.path() / "content/en/a.md",
       "---\ntitle: A page\n---\n\nThe first paragraph, with five words.\n\nA fuzzy entry without a translation\n\n"
       "Not translated yet.\n\nA page\n");
  spit(site.path() / "po/nl/content.po", kPo);
  Config cfg = load_config(site.str());
  StatsReport report = compute_stats(cfg);
  check_against_msgfmt(cfg, report);
  REQUIRE(report.languages.size() == 1);
  const LanguageStats& nl = report.languages[0];
  CHECK(nl.total.translated == 1);
  CHECK(nl.total.fuzzy == 1);
  CHECK(nl.total.untranslated == 2);  // the fuzzy entry without a translation is untranslated
  CHECK(nl.total.words == 2 + 6 + 6 + 3);
  CHECK(nl.total.translated_words == 2);
  CHECK(nl.total.fuzzy_words == 6);
  CHECK(nl.total.percent() == 25.0);
  REQUIRE(nl.pages.size() == 1);
  // "A page" is both the title and the last paragraph: the page counts it twice.
  CHECK(nl.pages[0].coverage.translated == 2);
  CHECK(nl.pages[0].coverage.total() == 5);
  check_pages(cfg, report);

  std::string text = stats_text(report);
  CHECK(text.find("nl: 25.0% translated (1 of 4 messages, 1 fuzzy; 2 of 17 words)") != std::string::npos);
  CHECK(text.find("po/nl/content.po") != std::string::npos);
  CHECK(text.find("content/en/a.md") != std::string::npos);
}

TEST_CASE("a language without a PO yet counts every message of the template as untranslated", "[stats]") {
  TempDir site;
  spit(site.path() / "l10n.toml", "languages = [\"nl\", \"de\"]\nsourceDir = \"content/en\"\ntargetDir = \"content/{lang}\"\n");
  spit(site.path() / "content/en/a.md", "---\ntitle: A page\n---\n\nSome words here.\n");
  Config cfg = load_config(site.str());
  REQUIRE(run_extract(cfg, {}).errors.empty());
  fs::remove(site.path() / "po/de/content.po");
  StatsReport report = compute_stats(cfg, {{"de"}, 0});
  REQUIRE(report.errors.empty());
  REQUIRE(report.languages.size() == 1);
  REQUIRE(report.languages[0].catalogs.size() == 1);
  const CatalogStats& de = report.languages[0].catalogs[0];
  CHECK_FALSE(de.exists);
  CHECK(de.path == "po/de/content.po");
  CHECK(de.coverage.untranslated == 2);
  CHECK(de.coverage.words == 5);
  CHECK(stats_text(report).find("po/de/content.po (missing)") != std::string::npos);

  StatsReport wrong = compute_stats(cfg, {{"fr"}, 0});
  REQUIRE(wrong.errors.size() == 1);
  CHECK(wrong.errors[0].message.find("'fr'") != std::string::npos);
}

TEST_CASE("stats of the example site match msgfmt", "[stats]") {
  Config cfg = load_config(source_dir().string());
  StatsReport report = compute_stats(cfg);
  check_against_msgfmt(cfg, report);
  check_pages(cfg, report);
  REQUIRE(report.languages.size() == 1);
  CHECK(report.languages[0].total.percent() == 100.0);  // the example is kept fully translated
}

TEST_CASE("l10n stats prints a table and JSON", "[stats][e2e]") {
  auto text = run_l10n("stats --root " + quote(source_dir().string()));
  INFO(text.output);
  CHECK(text.status == 0);
  CHECK(text.output.find("nl: 100.0% translated") != std::string::npos);
  CHECK(text.output.find("content/en/translators.md") != std::string::npos);

  auto json = run_l10n("stats --format json --lang nl --root " + quote(source_dir().string()));
  REQUIRE(json.status == 0);
  std::vector<DataLeaf> leaves = parse_data(SourceText("stats.json", json.output), DataFormat::Json);
  auto value = [&](const std::string& path) {
    for (const auto& leaf : leaves)
      if (leaf.path_string == path) return leaf.value;
    return std::string("(absent)");
  };
  CHECK(value("source") == "en");
  CHECK(value("languages[0].language") == "nl");
  CHECK(value("languages[0].total.percent") == "100.0");
  CHECK(value("languages[0].catalogs[0].path") == "po/nl/content.po");
  CHECK(value("languages[0].catalogs[0].exists") == "true");
  CHECK(value("languages[0].pages[0].path") == "content/en/_index.md");
  CHECK(value("languages[0].total.translated") == value("languages[0].total.total"));

  CHECK(run_l10n("stats --lang xx --root " + quote(source_dir().string())).status == 2);
  CHECK(run_l10n("stats --format xml --root " + quote(source_dir().string())).status == 2);
}

TEST_CASE("stats of a corpus site with imported Dutch pages match msgfmt", "[stats][corpus]") {
  if (corpus_dir().empty()) {
    WARN("../shared/corpus is absent: corpus tests skipped");
    return;
  }
  // wz2100.net: l10n init proposes its config, extract writes the catalogs
  // into a temporary directory and import fills po/nl from the Dutch pages:
  // some translated, some fuzzy, most untranslated.
  TempDir work;
  SiteScan scan = scan_site((corpus_dir() / "wz2100.net").string());
  scan.catalog_dir = (work.path() / "po").string();
  spit(work.path() / "l10n.toml", render_config(scan));
  std::string args = " --root " + quote(scan.root) + " --config " + quote((work.path() / "l10n.toml").string());
  REQUIRE(run_l10n("extract --quiet" + args).status == 0);
  auto imported = run_l10n("import --lang nl --quiet" + args);
  INFO(imported.output);
  REQUIRE(imported.status == 0);

  Config cfg = load_config(scan.root, (work.path() / "l10n.toml").string());
  StatsReport report = compute_stats(cfg, {{"nl"}, 0});
  check_against_msgfmt(cfg, report);
  check_pages(cfg, report);
  const Coverage& nl = report.languages.at(0).total;
  CHECK(nl.translated > 0);
  CHECK(nl.fuzzy > 0);
  CHECK(nl.untranslated > nl.translated);
  CHECK(nl.translated_words > 0);
  CHECK(nl.translated_words < nl.words);
}
