// Alignment of a source page with a hand-made translation whose structure
// differs: extra, missing, split, merged and reordered units.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "units/align.h"
#include "units/rules.h"
#include "units/page.h"

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
