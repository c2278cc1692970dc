// `l10n import`: hand-made translations into the PO, then merge reproducing
// them; on synthetic sites and on the corpus's Dutch pages.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "po/catalog.h"
#include "site/config.h"
#include "commands/import.h"
#include "commands/merge.h"
#include "units/page.h"
#include "testing.h"
#include "po/reader.h"
#include "site/layout.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

const char* const kConfig = "source = \"en\"\nlanguages = [\"nl\"]\n[frontMatter]\nkeys = [\"title\"]\n";

const char* const kEnglish =
    "---\ntitle: \"Getting started\"\n---\n\n"
    "# Getting started\n\n"
    "Download version 3.34 from [the download page](https://qgis.org/download) and install it.\n\n"
    "- Install `gdal` first\n"
    "- Then install **QGIS** itself\n"
    "- Start it from the menu\n\n"
    "Read the [user manual](https://docs.qgis.org/3.34/) to learn more. It covers every tool.\n\n"
    "Ask questions on the [mailing list](https://lists.osgeo.org/qgis-user).\n";

// A missing list item, a split paragraph, a paragraph left in English.
const char* const kDutch =
    "---\ntitle: \"Aan de slag\"\n---\n\n"
    "# Aan de slag\n\n"
    "Download versie 3.34 van [de downloadpagina](https://qgis.org/download) en installeer het.\n\n"
    "- Installeer eerst `gdal`\n"
    "- Start het vanuit het menu\n\n"
    "Lees de [gebruikershandleiding](https://docs.qgis.org/3.34/) voor meer.\n\n"
    "Zij beschrijft elk gereedschap.\n\n"
    "Ask questions on the [mailing list](https://lists.osgeo.org/qgis-user).\n";

const std::set<std::string, std::less<>> kStillEnglish = {
    "Ask questions on the [mailing list](https://lists.osgeo.org/qgis-user)."};

// The test's stand-in for language identification: it knows which texts it wrote in English.
bool still_english(std::string_view text) { return kStillEnglish.count(text) > 0; }

const UnitImport& unit_starting(const PageImport& p, const std::string& prefix) {
  auto it = std::find_if(p.units.begin(), p.units.end(), [&](const UnitImport& u) { return u.msgid.starts_with(prefix); });
  REQUIRE(it != p.units.end());
  return *it;
}

struct Site {
  TempDir dir;
  Config cfg;
  Site(const std::string& english, const std::string& dutch) {
    spit(dir.path() / "l10n.toml", kConfig);
    spit(dir.path() / "content/en/start.md", english);
    spit(dir.path() / "content/nl/start.md", dutch);
    cfg = load_config(dir.str());
  }
  fs::path po() const { return dir.path() / "po/nl/content.po"; }
};

const Message* find_message(const Catalog& cat, const std::string& msgid) {
  auto it = std::find_if(cat.messages.begin(), cat.messages.end(), [&](const Message& m) { return m.msgid == msgid; });
  return it == cat.messages.end() ? nullptr : &*it;
}

// Merges the imported PO into `out_dir` (relative to the root) and checks
// that every unit imported as a translation reads as the hand-made page has
// it. Returns how many units were checked.
std::size_t check_merge_reproduces(const Config& cfg, const ImportReport& report, const std::string& out_dir,
                                   const std::string& lang) {
  Config merge_cfg = cfg;
  merge_cfg.target_dir = out_dir;
  MergeOptions mo;
  mo.keep = 0;
  MergeReport merged = run_merge(merge_cfg, mo);
  REQUIRE(merged.errors.empty());
  CHECK(merged.refusals.empty());
  std::size_t checked = 0;
  for (const PageImport& p : report.pages) {
    std::string out = target_path(merge_cfg, p.source, lang);
    SourceText merged_text = SourceText::load((fs::path(cfg.root) / out).string(), out);
    SourceText dutch = SourceText::load((fs::path(cfg.root) / p.target).string(), p.target);
    SourceText english = SourceText::load((fs::path(cfg.root) / p.source).string(), p.source);
    auto merged_units = read_page(merged_text, cfg).units;
    auto dutch_units = read_page(dutch, cfg).units;
    REQUIRE(merged_units.size() == read_page(english, cfg).units.size());
    for (const UnitImport& u : p.units) {
      if (u.status != ImportStatus::Aligned || (u.po != PoAction::Imported && u.po != PoAction::Same)) continue;
      REQUIRE(u.target_units.size() == 1);
      INFO(p.source << ":" << u.line << " -> " << p.target << ":" << u.target_lines[0]);
      CHECK(merged_units[u.unit].text == u.msgstr);
      CHECK(u.msgstr == dutch_units.at(u.target_units[0]).text);
      ++checked;
    }
  }
  return checked;
}

}  // namespace

TEST_CASE("import_page sorts every source unit into aligned, fuzzy, unmatched or still English", "[import]") {
  Config cfg = parse_config(kConfig, "l10n.toml", "/nonexistent");
  SourceText en("content/en/start.md", kEnglish), nl("content/nl/start.md", kDutch);
  PageImport p = import_page(en, nl, cfg, still_english);
  CHECK(p.source == "content/en/start.md");
  CHECK(p.target == "content/nl/start.md");
  REQUIRE(p.units.size() == 8);
  CHECK(unit_starting(p, "Getting started").status == ImportStatus::Fuzzy);  // front matter title: too short to be sure
  const UnitImport& download = unit_starting(p, "Download");
  CHECK(download.status == ImportStatus::Aligned);
  CHECK(download.msgstr == "Download versie 3.34 van [de downloadpagina](https://qgis.org/download) en installeer het.");
  CHECK(download.target_lines == std::vector<int>{7});
  CHECK(unit_starting(p, "Install `gdal`").msgstr == "Installeer eerst `gdal`");
  const UnitImport& missing = unit_starting(p, "Then install");
  CHECK(missing.status == ImportStatus::Unmatched);
  CHECK(missing.msgstr.empty());
  CHECK(missing.line == 10);
  const UnitImport& split = unit_starting(p, "Read the");
  CHECK(split.status == ImportStatus::Fuzzy);
  CHECK(split.msgstr == "Lees de [gebruikershandleiding](https://docs.qgis.org/3.34/) voor meer.\nZij beschrijft elk gereedschap.");
  CHECK(split.target_lines == std::vector<int>{12, 14});
  CHECK(split.note.find("split") != std::string::npos);
  const UnitImport& english = unit_starting(p, "Ask questions");
  CHECK(english.status == ImportStatus::SourceLeft);
  CHECK(english.msgstr.empty());
  CHECK(english.target_lines == std::vector<int>{16});
  CHECK(p.extra_lines.empty());
  CHECK(p.count(ImportStatus::Unmatched) == 1);
  CHECK(p.count(ImportStatus::SourceLeft) == 1);

  // Without language identification the English paragraph is a translation of itself.
  PageImport blind = import_page(en, nl, cfg, nullptr);
  CHECK(unit_starting(blind, "Ask questions").status == ImportStatus::Aligned);
}

TEST_CASE("a translation merge would refuse is imported as fuzzy", "[import]") {
  Config cfg = parse_config(kConfig, "l10n.toml", "/nonexistent");
  SourceText en("en.md", "# Help\n\nRead the [manual](https://docs.qgis.org/) and the [FAQ](https://qgis.org/faq) first.\n\nThanks.\n");
  SourceText nl("nl.md", "# Hulp\n\nLees eerst de [handleiding](https://docs.qgis.org/nl/) en de [FAQ](https://qgis.org/faq).\n\nBedankt.\n");
  PageImport p = import_page(en, nl, cfg, nullptr);
  const UnitImport& u = unit_starting(p, "Read the");
  CHECK(u.status == ImportStatus::Fuzzy);
  CHECK(u.note.find("merge would refuse") != std::string::npos);
}

TEST_CASE("run_import writes the PO through extract, keeps existing translations, and merge reproduces the page",
          "[import]") {
  Site site(kEnglish, kDutch);
  ImportOptions options;
  options.language = "nl";
  options.still_source = still_english;

  SECTION("dry run writes nothing") {
    options.dry_run = true;
    ImportReport r = run_import(site.cfg, options);
    REQUIRE(r.errors.empty());
    CHECK(r.written.empty());
    CHECK_FALSE(fs::exists(site.dir.path() / "po"));
    CHECK(r.count(PoAction::Imported) == 6);  // all but the missing and the English unit
  }

  SECTION("import, then merge") {
    ImportReport r = run_import(site.cfg, options);
    REQUIRE(r.errors.empty());
    REQUIRE(r.pages.size() == 1);
    CHECK(r.pages_without_target == 0);
    CHECK(std::find(r.written.begin(), r.written.end(), "po/content.pot") != r.written.end());
    CHECK(std::find(r.written.begin(), r.written.end(), "po/nl/content.po") != r.written.end());
    Catalog po = read_po(site.po().string(), "content.po");
    const Message* download = find_message(po, "Download version 3.34 from [the download page](https://qgis.org/download) and install it.");
    REQUIRE(download);
    CHECK(download->translated());
    const Message* split = find_message(po, "Read the [user manual](https://docs.qgis.org/3.34/) to learn more. It covers every tool.");
    REQUIRE(split);
    CHECK(split->fuzzy);
    const Message* english = find_message(po, "Ask questions on the [mailing list](https://lists.osgeo.org/qgis-user).");
    REQUIRE(english);
    CHECK(english->msgstr[0].empty());
    CHECK(run("msgfmt -c -o /dev/null " + quote(site.po().string())).status == 0);
    CHECK(check_merge_reproduces(site.cfg, r, "out/{lang}", "nl") == 3);

    // A second import changes nothing.
    ImportReport again = run_import(site.cfg, options);
    REQUIRE(again.errors.empty());
    CHECK(again.written.empty());
    CHECK(again.count(PoAction::Same) == 6);
  }

  SECTION("existing translations stay unless --overwrite") {
    spit(site.dir.path() / "po/nl/content.po",
         "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: nl\\n\"\n\n"
         "msgid \"Start it from the menu\"\nmsgstr \"Open het via het menu\"\n");
    ImportReport r = run_import(site.cfg, options);
    REQUIRE(r.errors.empty());
    CHECK(unit_starting(r.pages[0], "Start it").po == PoAction::Kept);
    CHECK(r.count(PoAction::Kept) == 1);
    CHECK(find_message(read_po(site.po().string(), "po"), "Start it from the menu")->msgstr[0] == "Open het via het menu");
    options.overwrite = true;
    r = run_import(site.cfg, options);
    REQUIRE(r.errors.empty());
    CHECK(unit_starting(r.pages[0], "Start it").po == PoAction::Imported);
    CHECK(find_message(read_po(site.po().string(), "po"), "Start it from the menu")->msgstr[0] == "Start het vanuit het menu");
  }
}

TEST_CASE("the same msgid translated two ways: one wins, the other is a conflict", "[import]") {
  Site site("# Support\n\nAsk on the [list](https://lists.osgeo.org/a) for version 3.34.\n\n## Support\n\nUse the [forum](https://discourse.osgeo.org) for version 3.40.\n",
            "# Ondersteuning\n\nVraag het op de [lijst](https://lists.osgeo.org/a) voor versie 3.34.\n\n## Hulp\n\nGebruik het [forum](https://discourse.osgeo.org) voor versie 3.40.\n");
  ImportOptions options;
  options.language = "nl";
  ImportReport r = run_import(site.cfg, options);
  REQUIRE(r.errors.empty());
  CHECK(r.count(PoAction::Conflict) == 1);
  std::vector<const UnitImport*> support;
  for (const UnitImport& u : r.pages[0].units)
    if (u.msgid == "Support") support.push_back(&u);
  REQUIRE(support.size() == 2);
  const UnitImport* won = support[0]->po == PoAction::Conflict ? support[1] : support[0];
  const UnitImport* lost = won == support[0] ? support[1] : support[0];
  CHECK(lost->po == PoAction::Conflict);
  CHECK(won->po == PoAction::Imported);
  // A confident alignment beats a fuzzy one; between equals the first wins.
  CHECK((won->status == ImportStatus::Aligned || lost->status == ImportStatus::Fuzzy));
  CHECK(find_message(read_po(site.po().string(), "po"), "Support")->msgstr[0] == won->msgstr);
}

TEST_CASE("import refuses a language the config does not have", "[import]") {
  Site site(kEnglish, kDutch);
  ImportOptions options;
  options.language = "de";
  CHECK_FALSE(run_import(site.cfg, options).errors.empty());
}

TEST_CASE("import on the corpus sites: merge reproduces every imported translation", "[import][corpus]") {
  if (corpus_dir().empty()) {
    WARN("../shared/corpus is absent: corpus import tests skipped");
    return;
  }
  struct Case {
    const char* config;
    const char* root;
  };
  for (const Case& c : {Case{"qgis-website", "qgis-website"}, Case{"wz2100.net", "wz2100.net"},
                        Case{"hinode", "hinode/exampleSite"}}) {
    TempDir work;
    fs::path config = work.path() / "l10n.toml";
    spit(config, slurp(source_dir() / "tests/corpus" / (std::string(c.config) + ".toml")) + "[catalogs]\ndir = \"" +
                     (work.path() / "po").string() + "\"\n");
    // A copy: the merge below writes the site's language config inside the root.
    fs::path root = work.path() / "site";
    fs::copy(corpus_dir() / c.root, root, fs::copy_options::recursive);
    Config cfg = load_config(root.string(), config.string());
    ImportOptions options;
    options.language = "nl";
    ImportReport r = run_import(cfg, options);
    INFO(c.config);
    REQUIRE(r.errors.empty());
    CHECK(r.warnings.empty());
    REQUIRE_FALSE(r.pages.empty());
    std::size_t aligned = 0, fuzzy = 0, unmatched = 0, left = 0;
    for (const PageImport& p : r.pages) {
      aligned += p.count(ImportStatus::Aligned);
      fuzzy += p.count(ImportStatus::Fuzzy);
      unmatched += p.count(ImportStatus::Unmatched);
      left += p.count(ImportStatus::SourceLeft);
    }
    WARN(c.config << ": " << r.pages.size() << " pairs, " << aligned << " aligned, " << fuzzy << " fuzzy, " << unmatched
                  << " unmatched, " << left << " still English");
    CHECK(aligned > fuzzy + unmatched);
    CHECK(run("msgfmt -c -o /dev/null " + quote((work.path() / "po/nl/content.po").string())).status == 0);
    // The English left in the Dutch pages is work to do, not a translation.
    Catalog po = read_po((work.path() / "po/nl/content.po").string(), "content.po");
    std::size_t left_untranslated = 0;
    for (const PageImport& p : r.pages)
      for (const UnitImport& u : p.units)
        if (u.status == ImportStatus::SourceLeft) {
          const Message* m = find_message(po, u.msgid);
          INFO(p.source << ":" << u.line << ": " << u.msgid);
          REQUIRE(m);
          // The same msgid may be translated where it stands elsewhere.
          if (!m->translated()) ++left_untranslated;
        }
    CHECK(left_untranslated * 10 >= left * 9);
    if (std::string(c.config) == "qgis-website") CHECK(left >= 20);
    CHECK(check_merge_reproduces(cfg, r, (work.path() / "out/{lang}").string(), "nl") > 0);
  }
}

namespace {

const Message* entry(const Catalog& po, const std::string& msgid) {
  for (const Message& m : po.messages)
    if (!m.obsolete && m.msgid == msgid) return &m;
  return nullptr;
}

}  // namespace

TEST_CASE("import --po carries hugo-gettext's whole-call msgids over to l10n's parameters", "[import][corpus]") {
  if (corpus_dir().empty()) {
    WARN("../shared/corpus is absent: skipped");
    return;
  }
  TempDir site;
  fs::copy(corpus_dir() / "qgis-website", site.path(), fs::copy_options::recursive);
  std::string config = (source_dir() / "tests/corpus/qgis-website.toml").string();
  std::string args = "--root " + quote(site.str()) + " --config " + quote(config);
  REQUIRE(run_l10n("extract " + args).status == 0);
  // What an earlier `l10n update` left: a fuzzy guess holding the whole Dutch call.
  fs::path po_path = site.path() / "po/nl/content.po";
  std::string po = slurp(po_path);
  const std::string mapping = "msgid \"Mapping.\"\nmsgstr \"\"";
  REQUIRE(po.find(mapping) != std::string::npos);
  po.replace(po.find(mapping), mapping.size(),
             "#, fuzzy\nmsgid \"Mapping.\"\nmsgstr \"{{< block title=\\\"In kaart brengen.\\\" >}}\"");
  spit(po_path, po);

  RunResult r = run_l10n("import --lang nl --po " + quote((site.path() / "translations/nl/messages.excerpt.po").string()) +
                         " " + args);
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(r.output.find("24 translations read: 11 carried over, 0 as fuzzy, 0 kept from the PO, 8 unmatched") !=
        std::string::npos);
  CHECK(r.output.find("messages.excerpt.po:102: note: no message of the site has this text: Previous releases") !=
        std::string::npos);
  Catalog cat = read_po(po_path.string(), "po/nl/content.po");
  const Message* m = entry(cat, "Mapping.");
  REQUIRE(m);
  CHECK(m->translated());
  CHECK(m->msgstr[0] == "In kaart brengen.");
  m = entry(cat, "Unleash your creativity and experience first class cartographic design capabilities and design "
                 "great maps for digital and print.");
  REQUIRE(m);
  CHECK(m->msgstr[0] == "Laat uw creativiteit de vrije loop en ervaar eerste klas mogelijkheden voor cartografisch "
                        "ontwerpen en ontwerp fantastische kaarten, zowel digitaal als om af te drukken.");
  m = entry(cat, "Behind the scenes.");
  REQUIRE(m);
  CHECK(m->msgstr[0] == "Achter de schermen.");
  // The menu entry "Archive" of config.toml gets the excerpt's "Archive".
  m = entry(cat, "Archive");
  REQUIRE(m);
  CHECK(m->msgstr[0] == "Archieven");
  // Carried-over translations merge: the block's title is Dutch in the page.
  REQUIRE(run_l10n("merge --keep 0 " + args).status == 0);
  CHECK(slurp(site.path() / "content-translated/nl/about/index.md").find("title=\"In kaart brengen.\"") !=
        std::string::npos);

  // The excerpt's archive page is not in this copy of the site: its
  // translations wait in the catalog as obsolete entries, and come back when
  // the page does.
  CHECK(r.output.find("8 unmatched translations kept in the catalog as obsolete entries") != std::string::npos);
  const std::string previous = "Previous releases of QGIS are available at the following locations:";
  const std::string hosted = "[QGIS.org hosted downloads](/downloads)";
  CHECK(entry(cat, previous) == nullptr);
  spit(site.path() / "content/archive/index.md", "---\ntitle: Archive\n---\n\n" + previous + "\n\n- " + hosted + "\n");
  r = run_l10n("extract " + args);
  REQUIRE(r.status == 0);
  cat = read_po(po_path.string(), "po/nl/content.po");
  m = entry(cat, previous);
  REQUIRE(m);
  CHECK(m->translated());
  CHECK(m->msgstr[0] == "Eerdere uitgaven van QGIS zijn nog steeds beschikbaar op de volgende locaties:");
  m = entry(cat, hosted);
  REQUIRE(m);
  CHECK(m->translated());
  // Whole-call msgids are never kept: only their parameters are l10n's shape.
  for (const Message& o : cat.messages)
    if (o.obsolete) CHECK(o.msgid.find("{{<") == std::string::npos);
}

TEST_CASE("import --po pairs re-rendered paragraphs, refuses wrong-shaped msgstrs, keeps translations", "[import]") {
  TempDir site;
  spit(site.path() / "l10n.toml",
       "languages = [\"nl\"]\nsourceDir = \"content/en\"\n[shortcodes]\nblock = [\"title\"]\n");
  spit(site.path() / "content/en/a.md",
       "---\ntitle: Welcome\n---\n\nA paragraph that the other tool\njoined on one line.\n\n"
       "- An item with *emphasis* here.\n\n{{< block title=\"Maps.\" class=\"x\" >}}\n\n"
       "{{< block title=\"Data.\" class=\"y\" >}}\n\nAlready done.\n");
  REQUIRE(run_l10n("extract --root " + quote(site.str())).status == 0);
  fs::path po_path = site.path() / "po/nl/content.po";
  std::string po = slurp(po_path);
  const std::string done = "msgid \"Already done.\"\nmsgstr \"\"";
  REQUIRE(po.find(done) != std::string::npos);
  po.replace(po.find(done), done.size(), "msgid \"Already done.\"\nmsgstr \"Al klaar.\"");
  spit(po_path, po);
  spit(site.path() / "other.po", R"(msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Welcome"
msgstr "Welkom"

msgid "A paragraph that the other tool\n"
"joined on one line."
msgstr "Een alinea die het andere programma anders afbrak."

msgid "An item with _emphasis_ here."
msgstr "Een item met _nadruk_ hier."

msgid "{{< block title=\"Maps.\" class=\"x\" >}}"
msgstr "{{< block title=\"Kaarten.\" class=\"x\" >}}"

msgid "{{< block title=\"Data.\" class=\"y\" >}}"
msgstr "{{< block title=\"Gegevens.\" class=\"z\" >}}"

msgid "Already done."
msgstr "Reeds gedaan."

#, fuzzy
msgid "Not sure."
msgstr "Niet zeker."
)");
  RunResult r = run_l10n("import --lang nl --po " + quote((site.path() / "other.po").string()) + " --root " +
                         quote(site.str()));
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(r.output.find("3 carried over, 1 as fuzzy, 1 kept from the PO") != std::string::npos);
  CHECK(r.output.find("other.po:18: note: its shortcode parameters are not used: the msgstr changes parameter "
                      "'class' of 'block', which is not text") != std::string::npos);
  CHECK(r.output.find("note: not used: fuzzy or untranslated there") != std::string::npos);
  Catalog cat = read_po(po_path.string(), "po/nl/content.po");
  CHECK(entry(cat, "Welcome")->msgstr[0] == "Welkom");
  const Message* joined = entry(cat, "A paragraph that the other tool joined on one line.");
  REQUIRE(joined);
  CHECK(joined->translated());  // the same text but for its line breaks
  const Message* item = entry(cat, "An item with *emphasis* here.");
  REQUIRE(item);
  CHECK(item->fuzzy);
  CHECK(item->extras().prev_msgid == std::optional<std::string>("An item with _emphasis_ here."));
  CHECK(entry(cat, "Maps.")->msgstr[0] == "Kaarten.");
  CHECK(entry(cat, "Data.")->msgstr[0].empty());  // the msgstr changed a parameter that is not text
  CHECK(entry(cat, "Already done.")->msgstr[0] == "Al klaar.");
}
