// Alignment of a source page with a hand-made translation whose structure
// differs: extra, missing, split, merged and reordered units.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

#include "units/align.h"
#include "units/rules.h"
#include "units/page.h"
#include "site/config.h"
#include "testing.h"

using namespace l10n;

namespace {

UnitRules test_config() {
  UnitRules rules;
  rules.front_matter_keys = {"title", "description"};
  rules.shortcodes["block"] = {ParamSpec{"title", -1}};
  return rules;
}

struct Aligned {
  std::vector<Unit> source, target;
  std::vector<Link> links;
  // The target text linked to the source unit whose text is `prefix` or
  // starts with it, "" when unlinked; several target units are joined with " + ".
  std::string target_of(const std::string& prefix) const {
    bool exact = std::any_of(source.begin(), source.end(), [&](const Unit& u) { return u.text == prefix; });
    for (const Link& l : links)
      for (std::size_t s : l.source)
        if (exact ? source[s].text == prefix : source[s].text.starts_with(prefix)) {
          std::string out;
          for (std::size_t t : l.target) out += (out.empty() ? "" : " + ") + target[t].text;
          return out;
        }
    FAIL("no source unit starts with " << prefix);
    return "";
  }
  const Link& link_of(const std::string& prefix) const {
    for (const Link& l : links)
      for (std::size_t s : l.source)
        if (source[s].text.starts_with(prefix)) return l;
    FAIL("no source unit starts with " << prefix);
    return links.front();
  }
  std::vector<std::string> target_only() const {
    std::vector<std::string> out;
    for (const Link& l : links)
      if (l.source.empty()) out.push_back(target[l.target[0]].text);
    return out;
  }
};

Aligned align(const std::string& source_page, const std::string& target_page) {
  UnitRules cfg = test_config();
  SourceText s("en.md", source_page), t("nl.md", target_page);
  Page sp = read_page(s, cfg), tp = read_page(t, cfg);
  Aligned a{sp.units, tp.units, align_units(unit_shapes(sp, s, cfg), unit_shapes(tp, t, cfg))};
  // Every unit of both sides is in exactly one link.
  std::map<std::size_t, int> seen_s, seen_t;
  for (const Link& l : a.links) {
    for (std::size_t i : l.source) ++seen_s[i];
    for (std::size_t i : l.target) ++seen_t[i];
  }
  CHECK(seen_s.size() == a.source.size());
  CHECK(seen_t.size() == a.target.size());
  for (auto& [i, n] : seen_s) CHECK(n == 1);
  for (auto& [i, n] : seen_t) CHECK(n == 1);
  return a;
}

const char* const kSource =
    "---\ntitle: \"Installing QGIS\"\ndescription: \"How to install it.\"\n---\n\n"
    "# Installing QGIS\n\n"
    "QGIS runs on Linux, Windows and macOS. Download version 3.34 from [the download page](https://qgis.org/download).\n\n"
    "## Requirements\n\n"
    "You need at least 4 GB of memory and 2 GB of disk space.\n\n"
    "- Install `gdal` first\n"
    "- Then install **QGIS** itself\n"
    "- Start it from the menu\n\n"
    "## Getting help\n\n"
    "Ask questions on the [mailing list](https://lists.osgeo.org/qgis-user) or on the forum.\n";

const char* const kTarget =
    "---\ndescription: \"Hoe het te installeren.\"\ntitle: \"QGIS installeren\"\n---\n\n"
    "# QGIS installeren\n\n"
    "QGIS draait op Linux, Windows en macOS. Download versie 3.34 van [de downloadpagina](https://qgis.org/download).\n\n"
    "## Vereisten\n\n"
    "U heeft minstens 4 GB geheugen en 2 GB schijfruimte nodig.\n\n"
    "- Installeer eerst `gdal`\n"
    "- Installeer dan **QGIS** zelf\n"
    "- Start het vanuit het menu\n\n"
    "## Hulp krijgen\n\n"
    "Stel vragen op de [mailinglijst](https://lists.osgeo.org/qgis-user) of op het forum.\n";

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto pos = s.find(from);
  REQUIRE(pos != std::string::npos);
  return s.replace(pos, from.size(), to);
}

}  // namespace

TEST_CASE("pages with the same structure align 1:1", "[import]") {
  Aligned a = align(kSource, kTarget);
  CHECK(a.target_of("Installing QGIS") == "QGIS installeren");
  CHECK(a.target_of("How to install") == "Hoe het te installeren.");  // front matter pairs by key
  CHECK(a.target_of("Requirements") == "Vereisten");
  CHECK(a.target_of("You need") == "U heeft minstens 4 GB geheugen en 2 GB schijfruimte nodig.");
  CHECK(a.target_of("Then install") == "Installeer dan **QGIS** zelf");
  CHECK(a.target_of("Ask questions") == "Stel vragen op de [mailinglijst](https://lists.osgeo.org/qgis-user) of op het forum.");
  CHECK(a.target_only().empty());
  for (const Link& l : a.links) {
    INFO(a.source[l.source[0]].text);
    CHECK(l.confident());
  }
}

TEST_CASE("an extra paragraph in the translation stays unlinked", "[import]") {
  std::string target = replace(kTarget, "## Vereisten\n\n",
                               "Let op: deze pagina is door vrijwilligers vertaald en kan verouderd zijn.\n\n## Vereisten\n\n");
  Aligned a = align(kSource, target);
  CHECK(a.target_only() == std::vector<std::string>{"Let op: deze pagina is door vrijwilligers vertaald en kan verouderd zijn."});
  CHECK(a.target_of("Requirements") == "Vereisten");
  CHECK(a.target_of("QGIS runs").starts_with("QGIS draait"));
  CHECK(a.target_of("You need").starts_with("U heeft"));
}

TEST_CASE("a list item missing from the translation leaves its source unlinked", "[import]") {
  std::string target = replace(kTarget, "- Installeer dan **QGIS** zelf\n", "");
  Aligned a = align(kSource, target);
  CHECK(a.target_of("Then install").empty());
  CHECK(a.target_of("Install `gdal`") == "Installeer eerst `gdal`");
  CHECK(a.target_of("Start it") == "Start het vanuit het menu");
  CHECK(a.link_of("Start it").confident());
}

TEST_CASE("a paragraph split in two in the translation links 1:2", "[import]") {
  std::string target = replace(kTarget,
                               "QGIS draait op Linux, Windows en macOS. Download versie 3.34 van [de downloadpagina](https://qgis.org/download).",
                               "QGIS draait op Linux, Windows en macOS.\n\nDownload versie 3.34 van [de downloadpagina](https://qgis.org/download).");
  Aligned a = align(kSource, target);
  CHECK(a.target_of("QGIS runs") ==
        "QGIS draait op Linux, Windows en macOS. + Download versie 3.34 van [de downloadpagina](https://qgis.org/download).");
  const Link& l = a.link_of("QGIS runs");
  CHECK(l.target.size() == 2);
  CHECK_FALSE(l.confident());
  CHECK(a.target_of("Requirements") == "Vereisten");
}

TEST_CASE("two paragraphs merged into one in the translation link 2:1", "[import]") {
  std::string source = replace(kSource, "QGIS runs on Linux, Windows and macOS. Download",
                               "QGIS runs on Linux, Windows and macOS.\n\nDownload");
  Aligned a = align(source, kTarget);
  const Link& l = a.link_of("QGIS runs");
  CHECK(l.source.size() == 2);
  CHECK(a.target_of("Download version") == a.target_of("QGIS runs"));
  CHECK_FALSE(l.confident());
}

TEST_CASE("table rows pair in any order", "[import]") {
  std::string source =
      "Releases:\n\n"
      "| Release | Date | Notes |\n|---|---|---|\n"
      "| 3.28 | 2022-10-21 | Long term release, see [notes](https://qgis.org/3.28) |\n"
      "| 3.34 | 2023-10-27 | Current long term release with `gdal` 3.8 |\n"
      "| 3.40 | 2024-10-25 | Latest release, see [notes](https://qgis.org/3.40) |\n\n"
      "Older releases are in the archive.\n";
  std::string target =
      "Versies:\n\n"
      "| Versie | Datum | Opmerkingen |\n| --- | --- | --- |\n"
      "| 3.40 | 2024-10-25 | Nieuwste versie, zie [opmerkingen](https://qgis.org/3.40) |\n"
      "| 3.34 | 2023-10-27 | Huidige versie voor lange termijn met `gdal` 3.8 |\n"
      "| 3.28 | 2022-10-21 | Versie voor lange termijn, zie [opmerkingen](https://qgis.org/3.28) |\n\n"
      "Oudere versies staan in het archief.\n";
  Aligned a = align(source, target);
  CHECK(a.target_of("Release") == "Versie");
  CHECK(a.target_of("Notes") == "Opmerkingen");
  CHECK(a.target_of("Long term release") == "Versie voor lange termijn, zie [opmerkingen](https://qgis.org/3.28)");
  CHECK(a.target_of("Current long term") == "Huidige versie voor lange termijn met `gdal` 3.8");
  CHECK(a.target_of("Latest release") == "Nieuwste versie, zie [opmerkingen](https://qgis.org/3.40)");
  CHECK(a.target_of("Older releases") == "Oudere versies staan in het archief.");
  CHECK(a.target_only().empty());
}

TEST_CASE("shortcode parameters pair by their call", "[import]") {
  std::string source =
      "{{< block title=\"Mapping.\" class=\"is-primary1\" >}}{{< /block >}}\n\n"
      "{{< block title=\"Editing.\" class=\"is-primary2\" >}}{{< /block >}}\n\n"
      "{{< block title=\"Sharing.\" class=\"is-primary4\" >}}{{< /block >}}\n";
  std::string target =
      "{{< block title=\"In kaart brengen.\" class=\"is-primary1\" >}}{{< /block >}}\n\n"
      "{{< block title=\"Delen.\" class=\"is-primary4\" >}}{{< /block >}}\n";
  Aligned a = align(source, target);
  CHECK(a.target_of("Mapping.") == "In kaart brengen.");
  CHECK(a.target_of("Editing.").empty());
  CHECK(a.target_of("Sharing.") == "Delen.");
}

TEST_CASE("pair scores", "[import]") {
  UnitRules cfg = test_config();
  auto shapes = [&](const std::string& text) {
    SourceText src("p.md", text);
    return unit_shapes(read_page(src, cfg), src, cfg);
  };
  auto en = shapes("# Title\n\nSee [the docs](https://a.org/x) for version 3.1.\n\n{{< block title=\"Text\" >}}\n");
  auto nl = shapes("# Titel\n\nZie [de documentatie](https://a.org/x) voor versie 3,1.\n\n{{< block title=\"Tekst\" >}}\n");
  REQUIRE(en.size() == 3);
  REQUIRE(nl.size() == 3);
  CHECK(en[1].anchors == std::vector<std::string>{"link:https://a.org/x", "num:31"});
  CHECK(nl[1].anchors == en[1].anchors);  // "3,1" is Dutch for 3.1
  CHECK(pair_score(en[1], nl[1]) > kConfidentScore);
  CHECK(pair_score(en[0], en[0]) == 1.0);
  CHECK(pair_score(en[2], nl[1]) == 0.0);  // a shortcode's title never translates a paragraph
  CHECK(pair_score(en[0], nl[1]) < pair_score(en[0], nl[0]));
  auto other = shapes("Zie [elders](https://b.org/y) voor versie 4.2.\n");
  CHECK(pair_score(en[1], other[0]) < pair_score(en[1], nl[1]) - 0.2);
}

namespace {

// Links compared whole: the same units, scores and anchoring.
bool same_links(const std::vector<Link>& a, const std::vector<Link>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Link& x, const Link& y) {
    return x.source == y.source && x.target == y.target && x.score == y.score && x.anchored == y.anchored;
  });
}

// Narrow bands and few row pairs, so that even a corpus page takes the
// paths built for huge pages.
AlignLimits forced(std::size_t band) {
  AlignLimits limits;
  limits.exact_cells = 0;
  limits.band = band;
  limits.exact_row_pairs = 0;
  limits.row_window = 2;
  return limits;
}

struct PagePair {
  std::string name;
  std::vector<UnitShape> source, target;
};

// Every Dutch page of a corpus site with its English page, as shapes.
std::vector<PagePair> corpus_pairs(const std::string& config, const std::string& root, const std::string& source_dir,
                                   const std::string& target_dir) {
  namespace fs = std::filesystem;
  std::vector<PagePair> out;
  fs::path site = testing::corpus_dir() / root;
  Config cfg = load_config(site.string(), (testing::source_dir() / "tests/corpus" / (config + ".toml")).string());
  for (const auto& e : fs::recursive_directory_iterator(site / target_dir)) {
    if (e.path().extension() != ".md") continue;
    fs::path source = site / source_dir / fs::relative(e.path(), site / target_dir);
    if (!fs::exists(source)) continue;
    SourceText s = SourceText::load(source.string(), source.string()), t = SourceText::load(e.path().string(), e.path().string());
    try {
      Page sp = read_page(s, cfg), tp = read_page(t, cfg);
      out.push_back({e.path().string(), unit_shapes(sp, s, cfg), unit_shapes(tp, t, cfg)});
    } catch (const std::exception&) {
      // a page the reader refuses is import's business, not alignment's
    }
  }
  return out;
}

const char* const kItems[] = {
    "Install version {k} of the [package](https://example.org/p/{k}) before you start.",
    "Open the settings dialog and choose a colour for the layer.",
    "Use `gdal_translate` to convert raster {k} into GeoTIFF.",
    "The **processing** toolbox lists all algorithms that are available.",
    "See the manual for chapter {k} about printing maps.",
};
const char* const kItemsNl[] = {
    "Installeer versie {k} van het [pakket](https://example.org/p/{k}) voordat je begint.",
    "Open het instellingenvenster en kies een kleur voor de laag.",
    "Gebruik `gdal_translate` om raster {k} naar GeoTIFF om te zetten.",
    "De **processing**-gereedschapskist toont alle algoritmen die beschikbaar zijn.",
    "Zie de handleiding voor hoofdstuk {k} over het afdrukken van kaarten.",
};

std::string item(const char* const* texts, std::size_t k) {
  std::string s = texts[k % 5];
  for (auto at = s.find("{k}"); at != std::string::npos; at = s.find("{k}")) s.replace(at, 3, std::to_string(k));
  return s;
}

// A translator's note with no source: long enough not to pass for the
// second half of a split item.
const char* const kNote =
    "Let op: deze regel staat alleen in de vertaling; een vrijwilliger heeft hem toegevoegd omdat de Engelse tekst hier "
    "iets vergeet dat Nederlandse gebruikers wel moeten weten.";

struct ListPages {
  std::string source, target;
  std::vector<std::string> dutch;  // by item, "" when the translation dropped it
  std::size_t drops = 0;
};

// A long list and its translation, with items dropped, notes added and
// items left in English here and there.
ListPages list_pages(std::size_t count) {
  ListPages p{"# Big list\n\n", "# Grote lijst\n\n", std::vector<std::string>(count), 0};
  for (std::size_t k = 0; k < count; ++k) {
    p.source += "- " + item(kItems, k) + "\n";
    if (k % 997 == 500) {
      ++p.drops;
      continue;
    }
    if (k % 1499 == 700) p.target += "- " + std::string(kNote) + "\n";
    p.dutch[k] = item(k % 1201 == 300 ? kItems : kItemsNl, k);
    p.target += "- " + p.dutch[k] + "\n";
  }
  return p;
}


}  // namespace

TEST_CASE("the band agrees with the whole matrix on the corpus pages", "[import][align][corpus]") {
  if (testing::corpus_dir().empty()) {
    WARN("../shared/corpus is absent: corpus alignment tests skipped");
    return;
  }
  auto pairs = corpus_pairs("qgis-website", "qgis-website", "content", "content-translated/nl");
  auto wz = corpus_pairs("wz2100.net", "wz2100.net", "content/en", "content/nl");
  pairs.insert(pairs.end(), wz.begin(), wz.end());
  REQUIRE(pairs.size() >= 15);
  for (const PagePair& p : pairs)
    for (std::size_t band : {2, 4, 32}) {
      INFO(p.name << " with a band of " << band);
      CHECK(same_links(align_units(p.source, p.target), align_units(p.source, p.target, forced(band))));
    }
}

TEST_CASE("a list of 20 000 items aligns item by item", "[import][align]") {
  constexpr std::size_t kCount = 20000;
  ListPages p = list_pages(kCount);
  Aligned a = align(p.source, p.target);
  std::size_t linked = 0, dropped = 0, wrong = 0;
  for (const Link& l : a.links) {
    if (l.source.empty()) {
      CHECK(a.target[l.target[0]].text == kNote);
      continue;
    }
    if (l.source[0] == 0) continue;  // the heading
    std::size_t k = l.source[0] - 1;
    if (l.source.size() == 1 && l.target.size() == 1 && a.target[l.target[0]].text == p.dutch[k]) ++linked;
    else if (l.target.empty() && p.dutch[k].empty()) ++dropped;
    else ++wrong;
  }
  CHECK(dropped == p.drops);
  CHECK(wrong == 0);
  CHECK(linked == kCount - dropped);
}

TEST_CASE("the band agrees with the whole matrix on a list with items dropped and added", "[import][align]") {
  ListPages p = list_pages(1000);
  // A hundred notes in one place leave the path far off the diagonal there:
  // the band has to widen.
  std::string notes;
  for (int k = 0; k < 100; ++k) notes += "- " + std::string(kNote) + "\n";
  std::string added = p.target;
  added.insert(added.find("- " + p.dutch[400] + "\n"), notes);
  UnitRules cfg = test_config();
  SourceText s("en.md", p.source);
  auto source = unit_shapes(read_page(s, cfg), s, cfg);
  for (const std::string& text : {p.target, added}) {
    SourceText t("nl.md", text);
    auto target = unit_shapes(read_page(t, cfg), t, cfg);
    std::vector<Link> exact = align_units(source, target);
    for (std::size_t band : {4, 32}) {
      INFO(target.size() << " target units, band " << band);
      CHECK(same_links(exact, align_units(source, target, forced(band))));
    }
  }
}

TEST_CASE("the rows of a huge table pair in any order", "[import][align]") {
  constexpr std::size_t kRows = 3000;
  std::string source = "| Name | Link |\n|---|---|\n", target = "| Naam | Koppeling |\n|---|---|\n";
  for (std::size_t k = 0; k < kRows; ++k) source += "| Layer " + std::to_string(k) + " | [map](https://example.org/" + std::to_string(k) + ") |\n";
  for (std::size_t k = kRows; k-- > 0;) target += "| Laag " + std::to_string(k) + " | [kaart](https://example.org/" + std::to_string(k) + ") |\n";
  Aligned a = align(source, target);
  std::size_t paired = 0;
  for (const Link& l : a.links)
    if (l.source.size() == 1 && l.target.size() == 1) {
      std::string s = a.source[l.source[0]].text, t = a.target[l.target[0]].text;
      if (s.starts_with("Layer ")) paired += t == "Laag " + s.substr(6) ? 1 : 0;
      else if (s.starts_with("[map]")) paired += t == "[kaart]" + s.substr(5) ? 1 : 0;
    }
  CHECK(paired == 2 * kRows);
  CHECK(a.target_of("Name") == "Naam");
}
