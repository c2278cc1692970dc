// `l10n check` end to end: the binary on the seed pages, on the all-Dutch
// trees of ../shared/corpus, and on a small site that goes through extract
// and merge, so findings point at PO entries.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "po/catalog.h"
#include "base/source_text.h"
#include "data/structured.h"
#include "testing.h"
#include "po/reader.h"
#include "po/writer.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

using Fields = std::map<std::string, std::string>;

// The findings of a JSON report, each as its fields ("path", "line",
// "fix.path", …). Every finding starts with "path".
std::vector<Fields> json_findings(const std::string& json) {
  SourceText src = SourceText("report.json", json);
  std::vector<Fields> out;
  for (const DataLeaf& leaf : parse_data(src, DataFormat::Json)) {
    if (leaf.path.size() < 3 || leaf.path[0] != "findings") continue;
    std::string key = leaf.path[2] + (leaf.path.size() == 4 ? "." + leaf.path[3] : "");
    if (key == "path") out.emplace_back();
    out.back()[key] = leaf.value;
  }
  return out;
}

// A summary number of the JSON report: "units", "po.fuzzy", …
std::string json_summary(const std::string& json, const std::string& key) {
  SourceText src = SourceText("report.json", json);
  for (const DataLeaf& leaf : parse_data(src, DataFormat::Json)) {
    if (leaf.path.size() < 3 || leaf.path[0] != "summary") continue;
    std::string k = leaf.path[2] + (leaf.path.size() == 4 ? "." + leaf.path[3] : "");
    if (k == key) return leaf.value;
  }
  return "";
}

std::set<int> lines_of(const std::vector<Fields>& findings) {
  std::set<int> out;
  for (const Fields& f : findings) out.insert(std::stoi(f.at("line")));
  return out;
}

// A small site whose Dutch catalog holds each case check tells apart.
const char* const kPage = R"(---
title: "Installing the tool"
---

# Getting Started Guide

This page explains how to install the tool on your computer.

You need a recent version of the compiler and the build system.

Please read the documentation carefully before you start.

## Questions

Ask your questions on the forum, we are happy to help.
)";

const std::map<std::string, std::string> kDutch = {
    {"Installing the tool", "De tool installeren"},
    {"Getting Started Guide", "Getting Started Guide"},  // a glossary term, kept
    {"This page explains how to install the tool on your computer.",
     "Deze pagina legt uit hoe u de tool op uw computer installeert."},
    {"You need a recent version of the compiler and the build system.",
     "You need a recent version of the compiler and the build system."},  // copied
    {"Please read the documentation carefully before you start.",
     "Lees de documentatie zorgvuldig voordat u begint. It covers every option of the tool in detail."},
};

struct Site {
  TempDir dir;
  fs::path po() const { return dir.path() / "po/nl/content.po"; }
};

std::unique_ptr<Site> merged_site() {
  auto site = std::make_unique<Site>();
  const fs::path& root = site->dir.path();
  spit(root / "l10n.toml",
       "source = \"en\"\nlanguages = [\"nl\"]\nsourceDir = \"content/en\"\ntargetDir = \"content/{lang}\"\n"
       "[merge]\nkeep = 0\n[check]\nglossary = [\"Getting Started Guide\"]\n");
  fs::create_directories(root / "content/en");
  spit(root / "content/en/guide.md", kPage);
  auto r = run_l10n("extract --quiet --root " + quote(site->dir.str()));
  INFO(r.output);
  REQUIRE(r.status == 0);
  Catalog cat = read_po(site->po().string(), "content.po");
  for (Message& m : cat.messages) {
    if (auto it = kDutch.find(m.msgid); it != kDutch.end()) m.msgstr = {it->second};
    if (m.msgid == "Questions") {
      m.msgstr = {"Vragen"};
      m.fuzzy = true;
    }
  }
  write_po(site->po().string(), cat);
  r = run_l10n("merge --root " + quote(site->dir.str()));
  INFO(r.output);
  REQUIRE(r.status == 0);
  REQUIRE(fs::exists(root / "content/nl/.l10n-manifest"));
  return site;
}

// The line of the PO entry with `msgid`.
int po_line(const fs::path& po, const std::string& msgid) {
  for (const Message& m : read_po(po.string(), "content.po").messages)
    if (m.msgid == msgid) return m.line;
  return 0;
}

}  // namespace

TEST_CASE("check reports each English fragment of the QGIS seed page", "[check][e2e]") {
  fs::path seed = corpus_dir().parent_path() / "seeds/qgis-contact-en-ondersteuning.nl.md";
  if (!fs::exists(seed)) {
    WARN("../shared/seeds is absent: skipped");
    return;
  }
  auto r = run_l10n("check --lang nl --format json " + quote(seed.string()));
  INFO(r.output);
  CHECK(r.status == 1);
  auto findings = json_findings(r.output.substr(0, r.output.rfind("checked ")));
  // Line 59, "## Project Steering Committee (PSC)", heads a section left in
  // English (60, 68, 69): its capitals are English words, not names, since
  // the page's names come from its Dutch sentences.
  CHECK(lines_of(findings) == std::set<int>{14, 15, 19, 25, 48, 59, 60, 68, 69});
  for (const Fields& f : findings) {
    CHECK(f.at("found") == "en");
    CHECK(f.at("kind") == "unit");
    CHECK(f.at("fix.path") == seed.string());  // no merge: fix the page itself
  }
  // The button text is a shortcode parameter, located at the parameter.
  auto button = std::find_if(findings.begin(), findings.end(), [](auto& f) { return f.at("line") == "19"; });
  REQUIRE(button != findings.end());
  CHECK(button->at("fragment") == "See Mailing lists");
  CHECK(button->at("column") == "91");

  auto text = run_l10n("check --lang nl " + quote(seed.string()));
  CHECK(text.status == 1);
  CHECK(text.output.find(seed.string() + ":15:1: paragraph in 'en', not 'nl'") != std::string::npos);
  CHECK(text.output.find("nl: 1 page, ") != std::string::npos);
}

TEST_CASE("check finds nothing on the Ubuntu-NL seed page", "[check][e2e]") {
  fs::path seed = corpus_dir().parent_path() / "seeds/ubuntu-nl-steunpunten.nl.md";
  if (!fs::exists(seed)) {
    WARN("../shared/seeds is absent: skipped");
    return;
  }
  auto r = run_l10n("check --lang nl " + quote(seed.string()));
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(r.output.find("0 findings") != std::string::npos);
}

TEST_CASE("check finds nothing on the all-Dutch trees of the corpus", "[check][e2e]") {
  if (corpus_dir().empty()) {
    WARN("../shared/corpus is absent: skipped");
    return;
  }
  // Without a config, as pages of a single-language site.
  for (const char* tree : {"ubuntu-nl-hugo/content", "hinode/exampleSite/content/nl"}) {
    auto r = run_l10n("check --lang nl " + quote((corpus_dir() / tree).string()));
    INFO(tree << "\n" << r.output);
    CHECK(r.status == 0);
    CHECK(r.output.find(" 0 findings") != std::string::npos);
  }
  // As the sites are set up (tests/corpus/*.toml): each Dutch page beside its
  // English source.
  for (auto [site, root] : {std::pair{"wz2100.net", "wz2100.net"}, std::pair{"hinode", "hinode/exampleSite"}}) {
    auto r = run_l10n("check --root " + quote((corpus_dir() / root).string()) + " --config " +
                      quote((source_dir() / "tests/corpus" / (std::string(site) + ".toml")).string()));
    INFO(site << "\n" << r.output);
    CHECK(r.status == 0);
    CHECK(r.output.find("nl: 13 pages") + r.output.find("nl: 10 pages") != 2 * std::string::npos);
    CHECK(r.output.find(" 0 findings") != std::string::npos);
  }
  // Without the English pages, the one label Warzone 2100 left in English in
  // a shortcode Crowdin does not translate is all that is found.
  auto r = run_l10n("check --lang nl --format json " + quote((corpus_dir() / "wz2100.net/content/nl").string()));
  auto findings = json_findings(r.output.substr(0, r.output.rfind("checked ")));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].at("fragment") == "Official Server");
}

TEST_CASE("check on a merged site points at the PO entries", "[check][e2e]") {
  auto site = merged_site();
  auto r = run_l10n("check --format json --root " + quote(site->dir.str()));
  INFO(r.output);
  CHECK(r.status == 1);
  std::string json = r.output.substr(0, r.output.rfind("checked "));
  auto findings = json_findings(json);

  std::map<std::string, std::vector<Fields>> by_kind;
  for (const Fields& f : findings) by_kind[f.at("path") + " " + f.at("kind")].push_back(f);
  // Page: the copied paragraph, the English sentence of the mixed one, and
  // the two units merge filled with English (fuzzy and untranslated).
  auto& units = by_kind["content/nl/guide.md unit"];
  REQUIRE(units.size() == 3);
  CHECK(units[0].at("fragment") == "You need a recent version of the compiler and the build system.");
  CHECK(units[0].at("fix.path") == "po/nl/content.po");
  CHECK(units[0].at("fix.line") ==
        std::to_string(po_line(site->po(), "You need a recent version of the compiler and the build system.")));
  CHECK(units[1].at("fragment") == "Questions");
  CHECK(units[1].at("fix.line") == std::to_string(po_line(site->po(), "Questions")));
  CHECK(units[2].at("fragment") == "Ask your questions on the forum, we are happy to help.");
  auto& sentences = by_kind["content/nl/guide.md sentence"];
  REQUIRE(sentences.size() == 1);
  CHECK(sentences[0].at("fragment") == "It covers every option of the tool in detail.");
  CHECK(sentences[0].at("counterpart") == "Please read the documentation carefully before you start.");
  // PO: the copied msgstr and the English sentence; the glossary term kept
  // as it is counts as translated.
  auto& copied = by_kind["po/nl/content.po po-identical"];
  REQUIRE(copied.size() == 1);
  CHECK(copied[0].at("line") == units[0].at("fix.line"));
  CHECK(by_kind["po/nl/content.po sentence"].size() == 1);
  CHECK(findings.size() == 6);
  CHECK(json_summary(json, "po.messages") == "7");
  CHECK(json_summary(json, "po.translated") == "5");
  CHECK(json_summary(json, "po.fuzzy") == "1");
  CHECK(json_summary(json, "po.untranslated") == "1");
  CHECK(json_summary(json, "po.flagged") == "2");

  auto text = run_l10n("check --root " + quote(site->dir.str()));
  CHECK(text.output.find("    fix: po/nl/content.po:" + units[0].at("fix.line")) != std::string::npos);
  CHECK(text.output.find("nl: 1 page, 6 units checked, 4 with text not in 'nl', 6 findings; PO 71.4% translated "
                         "(5/7), 1 fuzzy, 1 untranslated, 2 in 'en' or copied") != std::string::npos);
}

TEST_CASE("check exit status: findings limit, baseline, errors", "[check][e2e]") {
  auto site = merged_site();
  std::string root = " --root " + quote(site->dir.str());
  CHECK(run_l10n("check" + root).status == 1);
  CHECK(run_l10n("check --max-findings 5" + root).status == 1);
  CHECK(run_l10n("check --max-findings 6" + root).status == 0);

  // Accept today's findings; a new English unit is then the only one counted.
  fs::path baseline = site->dir.path() / "accepted.json";
  REQUIRE(run_l10n("check --format json --output " + quote(baseline.string()) + root).status == 1);
  auto r = run_l10n("check --baseline " + quote(baseline.string()) + root);
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(r.output.find("(6 accepted in the baseline)") != std::string::npos);
  fs::path page = site->dir.path() / "content/nl/guide.md";
  spit(page, slurp(page) + "\nThis paragraph was added later and nobody translated it yet.\n");
  r = run_l10n("check --format json --baseline " + quote(baseline.string()) + root);
  CHECK(r.status == 1);
  auto findings = json_findings(r.output.substr(0, r.output.rfind("checked ")));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].at("fragment") == "This paragraph was added later and nobody translated it yet.");

  CHECK(run_l10n("check --lang nl /nonexistent/page.md").status == 2);
  CHECK(run_l10n("check --format xml" + root).status == 2);
  CHECK(run_l10n("check --lang de" + root).status == 2);
  spit(site->po(), slurp(site->po()) + "\nmsgid \"broken\n");
  CHECK(run_l10n("check" + root).status == 2);
}

TEST_CASE("check gives the same report with one job and with several", "[check][e2e]") {
  if (corpus_dir().empty()) {
    WARN("../shared/corpus is absent: skipped");
    return;
  }
  std::string trees = quote((corpus_dir() / "ubuntu-nl-hugo/content").string()) + " " +
                      quote((corpus_dir() / "qgis-website/content-translated/nl").string());
  auto one = run_l10n("check --lang nl --format json --jobs 1 " + trees);
  auto four = run_l10n("check --lang nl --format json --jobs 4 " + trees);
  CHECK(one.status == 1);
  CHECK(one.output.substr(0, one.output.rfind("checked ")) == four.output.substr(0, four.output.rfind("checked ")));
}

TEST_CASE("check never gives up on a page: broken spots are findings, the rest is checked", "[check][e2e]") {
  TempDir dir;
  fs::path page = dir.path() / "kapot.md";
  spit(page,
       "---\ntitle: Over de vereniging\ndescription: [niet gesloten\n---\n\n"
       "Dit is een Nederlandse alinea over de vereniging en haar leden.\n\n{{< >}}\n\n"
       "The association publishes a yearly report about all its activities and finances.\n\n"
       "{{< button text=\"Lees meer\"\n\nNog een Nederlandse alinea met genoeg woorden om herkend te worden.\n");
  auto r = run_l10n("check --lang nl --format json " + quote(page.string()));
  INFO(r.output);
  CHECK(r.status == 1);
  auto findings = json_findings(r.output.substr(0, r.output.rfind("checked ")));
  std::vector<std::pair<std::string, int>> got;
  for (const auto& f : findings) got.emplace_back(f.at("kind"), std::stoi(f.at("line")));
  CHECK(got == std::vector<std::pair<std::string, int>>{
                   {"unreadable", 4}, {"unreadable", 8}, {"unit", 10}, {"unreadable", 12}});
  // A page that is Dutch all through but for one broken spot has that spot alone.
  spit(page, "Een alinea in het Nederlands, zoals het hoort op deze pagina.\n\n{{< >}}\n");
  r = run_l10n("check --lang nl " + quote(page.string()));
  CHECK(r.status == 1);
  CHECK(r.output.find("kapot.md:3:1: cannot read this spot, the rest of the page was checked: ") != std::string::npos);
}

TEST_CASE("a short heading the word lists cannot place takes the language of its section", "[check][e2e]") {
  // "structure" is in both dictionaries: alone, "Team structure" is neither
  // language. Over English paragraphs it is English; over Dutch ones it is
  // left alone, as is a heading of loanwords only.
  TempDir dir;
  fs::path page = dir.path() / "bestuur.md";
  spit(page,
       "## Team structure\n\nThe board meets every month. Members can join the meetings and propose topics for the "
       "agenda.\n\n## Team structure\n\nHet bestuur vergadert elke maand. Leden kunnen de vergaderingen bijwonen en "
       "onderwerpen voor de agenda voorstellen.\n\n## Support\n\nThe support team answers questions by e-mail within "
       "two working days.\n");
  auto r = run_l10n("check --lang nl --format json " + quote(page.string()));
  INFO(r.output);
  auto findings = json_findings(r.output.substr(0, r.output.rfind("checked ")));
  std::vector<std::pair<std::string, int>> got;
  for (const auto& f : findings) got.emplace_back(f.at("unit"), std::stoi(f.at("line")));
  CHECK(got == std::vector<std::pair<std::string, int>>{{"heading", 1}, {"paragraph", 3}, {"paragraph", 11}});
}

TEST_CASE("the title of a cited work is shown as such and not counted", "[check][e2e]") {
  // A book in a Dutch list of books, and a page of another site by its
  // title inside a Dutch sentence: cited, not left untranslated. A link or
  // an emphasis with nothing around it may be an untranslated label.
  TempDir dir;
  fs::path page = dir.path() / "boeken.md";
  spit(page,
       "Boeken die we aanraden:\n\n"
       "- *Clean Code: A Handbook of Agile Software Craftsmanship*, Robert C. Martin\n"
       "- *The Pragmatic Programmer* by Andrew Hunt and David Thomas\n"
       "- [Report Bugs](https://github.com/example/issues)\n");
  auto r = run_l10n("check --lang nl --max-findings 2 --format json " + quote(page.string()));
  INFO(r.output);
  CHECK(r.status == 0);  // two findings count; the cited title does not
  auto findings = json_findings(r.output.substr(0, r.output.rfind("checked ")));
  std::vector<std::pair<std::string, int>> got;
  for (const auto& f : findings) got.emplace_back(f.at("kind"), std::stoi(f.at("line")));
  CHECK(got == std::vector<std::pair<std::string, int>>{{"cited", 3}, {"unit", 4}, {"unit", 5}});
  CHECK(json_summary(r.output.substr(0, r.output.rfind("checked ")), "cited") == "1");
  CHECK(r.output.find("2 findings (and 1 cited title, not counted)") != std::string::npos);
  r = run_l10n("check --lang nl --max-findings 1 " + quote(page.string()));
  CHECK(r.status == 1);
}
