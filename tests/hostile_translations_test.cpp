// A site merged from a catalog of hostile translations, built by the real
// Hugo: translators' PO files are untrusted input, and one of them must not
// be able to break the build, hide the page or put a script into it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>
#include <map>

#include "po/catalog.h"
#include "po/reader.h"
#include "po/writer.h"
#include "testing.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

// Raw HTML passes through (as on the example site), so only l10n stands
// between a translator and the page.
const char* const kHugoToml = R"(baseURL = "/"
defaultContentLanguage = "en"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[markup.goldmark.renderer]
unsafe = true
[languages.en]
weight = 1
contentDir = "content/en"
[languages.nl]
weight = 2
contentDir = "content/nl"
)";

const char* const kL10nToml = R"(languages = ["nl"]
sourceDir = "content/en"
targetDir = "content/{lang}"
[shortcodes]
button = ["text"]
[placeholders]
patterns = ['\|[a-z_]+\|']
[merge]
keep = 0
)";

// The button passes its text through markdownify: a template that trusts
// its parameters, as many do.
const char* const kButton = R"(<a class="button" href="{{ .Get "link" }}">{{ .Get "text" | markdownify }}</a>)";

const char* const kPage = R"(---
title: Tango title
---

## Sierra heading

Alpha paragraph one.

Bravo paragraph two.

Charlie paragraph three.

Delta paragraph four.

Echo paragraph five.

Foxtrot paragraph six.

{{< button link="/g" text="Golf seven" >}}

See [Hotel eight]({{< ref "other.md" >}}).

India paragraph nine.

Download Juliet |version| now.

Click {{< button link="/k" text="Kilo" >}} eleven.

Lima {{< button link="/l" text="Lima" >}} twelve.

Mike paragraph thirteen.

November paragraph fourteen.

Oscar paragraph fifteen.

Papa runs `make` sixteen.

Quebec [seventeen](https://a.example/q).

Romeo paragraph eighteen.

Uniform paragraph twenty.

Victor paragraph twenty-one.

{{< button link="/w" text="Whiskey button" >}}

{{< button link="/y" text="Yankee button" >}}

X-ray paragraph twenty-three.

Accepted plain one.

Press <kbd>Ctrl</kbd> to go.

Get QGIS |version| today.

{{< button link="/b" text=Bare >}}

{{< button link="/c" text=`Raw button` >}}

Back to [Hotel ok]({{< ref "other.md" >}}).

Type `<b>` here.
)";

struct Case {
  const char* kind;
  const char* msgid;
  const char* msgstr;
};

// Every one of these must be refused.
const Case kHostile[] = {
    {"script tag", "Alpha paragraph one.", "Alfa <script>alert('x1')</script> een."},
    {"img onerror", "Bravo paragraph two.", "Bravo <img src=x onerror=alert('x2')> twee."},
    {"unclosed comment", "Charlie paragraph three.", "Charlie drie. <!-- de rest van de pagina verbergen"},
    {"style tag", "Delta paragraph four.", "Delta <style>body{display:none}</style> vier."},
    {"iframe", "Echo paragraph five.", "Echo <iframe src=\"https://evil.example/\"></iframe> vijf."},
    {"inline span", "Foxtrot paragraph six.", "Foxtrot <span style=\"color:red\">zes</span>."},
    {"line break in a quoted parameter", "Golf seven", "Golf\nzeven"},
    {"ref link lost its )", "See [Hotel eight]({{< ref \"other.md\" >}}).", "Zie [Hotel acht]({{< ref \"other.md\" >}}."},
    {"carriage return", "India paragraph nine.", "India\r\nnegen."},
    {"dropped placeholder", "Download Juliet |version| now.", "Download Juliet nu."},
    {"altered shortcode call", "Click {{< button link=\"/k\" text=\"Kilo\" >}} eleven.",
     "Klik {{< button link=\"/evil\" text=\"Kilo\" >}} elf."},
    {"broken shortcode call", "Lima {{< button link=\"/l\" text=\"Lima\" >}} twelve.",
     "Lima {{< button link=\"/l\" text=\"Lima\" twaalf."},
    {"starts with #", "Mike paragraph thirteen.", "# Mike dertien"},
    {"--- line", "November paragraph fourteen.", "November\n---\nveertien"},
    {"blank line", "Oscar paragraph fifteen.", "Oscar\n\nvijftien"},
    {"changed code span", "Papa runs `make` sixteen.", "Papa draait `rm -rf /` zestien."},
    {"changed link target", "Quebec [seventeen](https://a.example/q).", "Quebec [zeventien](https://evil.example/)."},
    {"added shortcode call", "Romeo paragraph eighteen.", "Romeo {{< button link=\"/evil\" text=\"x\" >}} achttien."},
    {"line break in a heading", "Sierra heading", "Sierra\nkop"},
    {"raw HTML in front matter", "Tango title", "Tango <script>alert('t')</script>"},
    {"code fence", "Uniform paragraph twenty.", "```\nUniform twintig"},
    {"processing instruction", "Victor paragraph twenty-one.", "Victor <?php system('id') ?> eenentwintig."},
    {"shortcode in a parameter", "Whiskey button", "Whiskey {{< button link=\"/evil\" >}}"},
    {"script in a parameter", "Yankee button", "Yankee <script>alert('y')</script>"},
    {"list item", "X-ray paragraph twenty-three.", "- X-ray drieëntwintig"},
};

// Every one of these must reach the page.
const Case kAccepted[] = {
    {"plain", "Accepted plain one.", "Aanvaard gewoon een."},
    {"the source's own HTML", "Press <kbd>Ctrl</kbd> to go.", "Druk op <kbd>Ctrl</kbd> om te gaan."},
    {"placeholder kept", "Get QGIS |version| today.", "Haal QGIS |version| vandaag."},
    {"line break in a bare parameter", "Bare", "Kaal\nknopje"},
    {"line break in a raw-string parameter", "Raw button", "Rauw\nknopje"},
    {"ref link kept", "Back to [Hotel ok]({{< ref \"other.md\" >}}).", "Terug naar [Hotel goed]({{< ref \"other.md\" >}})."},
    {"HTML in a code span", "Type `<b>` here.", "Typ hier `<b>`."},
};

void write_site(const TempDir& site) {
  spit(site.path() / "hugo.toml", kHugoToml);
  spit(site.path() / "l10n.toml", kL10nToml);
  spit(site.path() / "layouts/_default/single.html", "<h1>{{ .Title }}</h1>\n{{ .Content }}\n");
  spit(site.path() / "layouts/_default/list.html", "{{ .Content }}\n");
  spit(site.path() / "layouts/shortcodes/button.html", kButton);
  spit(site.path() / "content/en/page.md", kPage);
  spit(site.path() / "content/en/other.md", "---\ntitle: Other\n---\n\nThe other page.\n");
}

// Fills the extracted catalog: the hostile translations, the accepted ones,
// the rest as themselves (so every page is complete).
void translate(const TempDir& site, const std::map<std::string, std::string>& translations) {
  fs::path po_path = site.path() / "po/nl/content.po";
  Catalog po = read_po(po_path.string(), "po/nl/content.po");
  for (Message& m : po.messages) {
    auto it = translations.find(m.msgid);
    m.msgstr = {it == translations.end() ? m.msgid : it->second};
  }
  spit(po_path, format_po(po));
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t i = haystack.find(needle); i != std::string::npos; i = haystack.find(needle, i + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("hostile translations are refused and the site still builds with Hugo", "[e2e][hugo][guard]") {
  if (run("hugo version").status != 0) {
    WARN("hugo is not installed: skipped (tools/install-deps.sh installs it)");
    return;
  }
  TempDir site;
  write_site(site);
  auto extract = run_l10n("extract --root " + quote(site.str()));
  INFO(extract.output);
  REQUIRE(extract.status == 0);
  // Translators are told which placeholders to keep.
  CHECK(slurp(site.path() / "po/content.pot")
            .find("#. This text contains placeholders that the site fills in at build time: copy |version|") !=
        std::string::npos);

  std::map<std::string, std::string> translations;
  for (const Case& c : kHostile) REQUIRE(translations.emplace(c.msgid, c.msgstr).second);
  for (const Case& c : kAccepted) REQUIRE(translations.emplace(c.msgid, c.msgstr).second);
  translate(site, translations);

  auto merge = run_l10n("merge --root " + quote(site.str()));
  INFO(merge.output);
  REQUIRE(merge.status == 0);
  std::size_t hostile = std::size(kHostile);
  CHECK(count(merge.output, "warning: translation not used in content/en/page.md:") == hostile);
  CHECK(merge.output.find(", " + std::to_string(hostile) + " translations refused") != std::string::npos);

  auto hugo = run("hugo -s " + quote(site.str()) + " -d " + quote((site.path() / "public").string()));
  INFO(hugo.output);
  REQUIRE(hugo.status == 0);
  CHECK(hugo.output.find("ERROR") == std::string::npos);
  std::string html = slurp(site.path() / "public/nl/page/index.html");
  INFO(html);
  for (const char* banned : {"<script", "onerror", "<iframe", "<style", "<!-- de rest", "<?php", "evil", "<span"})
    CHECK(html.find(banned) == std::string::npos);
  // A refused unit keeps its source text.
  for (const char* kept : {"Alpha paragraph one.", "Charlie paragraph three.", "Golf seven", "Hotel eight",
                           "India paragraph nine.", "Download Juliet |version| now.", "Mike paragraph thirteen.",
                           "Oscar paragraph fifteen.", "<code>make</code>", "Sierra heading", "Tango title",
                           "Whiskey button", "Yankee button", "X-ray paragraph twenty-three."})
    CHECK(html.find(kept) != std::string::npos);
  for (const char* accepted : {"Aanvaard gewoon een.", "Druk op <kbd>Ctrl</kbd> om te gaan.", "Haal QGIS |version| vandaag.",
                               "Kaal\nknopje", "Rauw\nknopje", "Terug naar <a href=\"/nl/other/\">Hotel goed</a>.",
                               "Typ hier <code>&lt;b&gt;</code>."})
    CHECK(html.find(accepted) != std::string::npos);

  // l10n reads its own output: the merged pages extract cleanly, with the
  // raw-string parameters as their translations.
  spit(site.path() / "readback.toml", "languages = [\"de\"]\nsourceDir = \"content/nl\"\ntargetDir = \"content/{lang}\"\n"
                                      "[shortcodes]\nbutton = [\"text\"]\n[catalogs]\ndir = \"po-readback\"\n");
  auto readback = run_l10n("extract --root " + quote(site.str()) + " --config " + quote(site / "readback.toml"));
  INFO(readback.output);
  REQUIRE(readback.status == 0);
  std::string pot = slurp(site.path() / "po-readback/content.pot");
  CHECK(pot.find("msgid \"\"\n\"Kaal\\n\"\n\"knopje\"") != std::string::npos);
  CHECK(pot.find("msgid \"\"\n\"Rauw\\n\"\n\"knopje\"") != std::string::npos);
}
