#include <catch2/catch.hpp>

#include "site/config.h"
#include "commands/merge.h"
#include "units/page.h"
#include "testing.h"
#include "units/translation_guard.h"

#include <regex>

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

Config test_config() {
  Config cfg = parse_config("[shortcodes]\nbutton = [\"text\"]\n", "l10n.toml", "/nonexistent");
  return cfg;
}

std::vector<Unit> units_of(const std::string& text, const Config& cfg) {
  SourceText src("page.md", text);
  return read_page(src, cfg).units;
}

Unit unit_of(const std::string& text) {
  auto units = units_of(text, test_config());
  REQUIRE(units.size() == 1);
  return units[0];
}

std::string refusal(const std::string& page, const std::string& msgstr) {
  return refuse_translation(unit_of(page), msgstr, test_config()).value_or("");
}

}  // namespace

TEST_CASE("translations that would break the page are refused", "[merge]") {
  CHECK(refusal("Some text.\n", "Wat tekst.") == "");
  CHECK(refusal("Some text.\n", "# Wat tekst.").find("heading") != std::string::npos);
  CHECK(refusal("Some text.\n", "- Wat tekst.").find("list item") != std::string::npos);
  CHECK(refusal("Some text.\n", "> Wat tekst.").find("block quote") != std::string::npos);
  CHECK(refusal("Some text.\n", "Wat\n\ntekst.").find("blank line") != std::string::npos);
  CHECK(refusal("See [the docs](https://a.org/x).\n", "Zie [de docs](https://a.org/y).").find("link target") != std::string::npos);
  CHECK(refusal("See [the docs](https://a.org/x).\n", "Zie [de documentatie](https://a.org/x).") == "");
  CHECK(refusal("Run `make` now.\n", "Voer nu make uit.").find("code span") != std::string::npos);
  CHECK(refusal("Run `make` now.\n", "Voer nu `make` uit.") == "");
  // Shortcodes: dropped, altered or added calls are refused; text parameters may change.
  std::string page = "Click {{< button link=\"/x\" text=\"here\" >}} now.\n";
  CHECK(refusal(page, "Klik nu.").find("shortcode") != std::string::npos);
  CHECK(refusal(page, "Klik {{< button link=\"/y\" text=\"hier\" >}} nu.").find("shortcode") != std::string::npos);
  CHECK(refusal(page, "Klik {{< button link=\"/x\" text=\"hier\" >}} nu.") == "");
  CHECK(refusal(page, "Klik {{< button link=\"/x\" text=\"hier\" nu.").find("broken") != std::string::npos);
  CHECK(refusal(page, "Klik {{< button link=\"/x\" text=\"hier\" >}} {{< ref \"a\" >}} nu.").find("shortcode") != std::string::npos);
  // Table cells cannot hold a pipe or a line break; headings no line break.
  std::string table = "| Key |\n|---|\n| Value |\n";
  auto cells = units_of(table, test_config());
  REQUIRE(cells.size() == 2);
  CHECK(refuse_translation(cells[1], "Waarde | x", test_config()).has_value());
  CHECK_FALSE(refuse_translation(cells[1], "Waarde \\| x", test_config()).has_value());
  CHECK(refusal("## Title\n", "Titel\nTwee").find("line break") != std::string::npos);
}

TEST_CASE("a translation may not add raw HTML", "[merge][guard]") {
  CHECK(refusal("Some text.\n", "Wat <script>alert(1)</script> tekst.") == "raw HTML added: <script>");
  CHECK(refusal("Some text.\n", "Wat <img src=x onerror=alert(1)> tekst.") == "raw HTML added: <img src=x onerror=alert(1)>");
  CHECK(refusal("Some text.\n", "Wat tekst. <!-- de rest") == "raw HTML added: <!-- de rest");
  CHECK(refusal("Some text.\n", "Wat <style>p{display:none}</style>").find("raw HTML added: <style>") == 0);
  CHECK(refusal("Some text.\n", "Wat <iframe src=\"https://e.vil\"></iframe>").find("<iframe") != std::string::npos);
  CHECK(refusal("Some text.\n", "Wat <span class=x>tekst</span>.") == "raw HTML added: <span class=x>");
  CHECK(refusal("Some text.\n", "Wat <?php echo 1 ?> tekst.") == "raw HTML added: <?php echo 1 ?>");
  CHECK(refusal("Some text.\n", "Wat <![CDATA[ x ]]> tekst.") == "raw HTML added: <![CDATA[ x ]]>");
  CHECK(refusal("Some text.\n", "Wat\n<script src=x") == "raw HTML added: <script src=x");
  CHECK(refusal("Press <kbd>Ctrl</kbd>.\n", "Druk op <kbd>Ctrl</kbd>.") == "");
  CHECK(refusal("Press <kbd>Ctrl</kbd>.\n", "Druk op <kbd onclick=x>Ctrl</kbd>.") ==
        "raw HTML changed: <kbd> → <kbd onclick=x>");
  CHECK(refusal("One<br>two.\n", "Een<br>twee.") == "");
  // Not HTML: code spans, autolinks, escaped or spaced '<', entities, shortcode delimiters.
  CHECK(refusal("Use `<b>` or <https://a.org>.\n", "Gebruik `<b>` of <https://a.org>.") == "");
  CHECK(refusal("Some text.\n", "Wat \\<script> en &lt;b&gt; en a < b tekst.") == "");
  CHECK(refusal("Click {{<button text=\"Go\">}}.\n", "Klik {{<button text=\"Ga\">}}.") == "");
  // Every unit kind, not only Markdown blocks: a template may pass a value through.
  Unit param = unit_of("{{< button text=\"Go\" >}}\n");
  CHECK(refuse_translation(param, "Ga<script>x</script>", test_config()).value_or("") == "raw HTML added: <script>");
  Unit title = unit_of("---\ntitle: Hello\n---\n");
  CHECK(refuse_translation(title, "Hallo <img src=x>", test_config()).has_value());
}

TEST_CASE("refusals say what changed into what", "[merge][guard]") {
  std::string page = "Click {{< button link=\"/x\" text=\"here\" >}} now.\n";
  CHECK(refusal(page, "Klik {{< button link=\"/y\" text=\"hier\" >}} nu.") ==
        "shortcode call changed: {{< button link=\"/x\" text=\"here\" >}} → {{< button link=\"/y\" text=\"hier\" >}}");
  CHECK(refusal(page, "Klik nu.") == "shortcode call dropped: {{< button link=\"/x\" text=\"here\" >}}");
  CHECK(refusal("See [the docs](https://a.org/x).\n", "Zie [de docs](https://a.org/y).") ==
        "link target changed: (https://a.org/x) → (https://a.org/y)");
  CHECK(refusal("Run `make` now.\n", "Voer nu make uit.") == "code span dropped: `make`");
  CHECK(refusal("Run `make` now.\n", "Voer nu `make all` uit.") == "code span changed: `make` → `make all`");
  // Long calls are cut to one readable line.
  std::string long_page = "Click {{< button link=\"/" + std::string(200, 'a') + "\" >}} now.\n";
  std::string why = refusal(long_page, "Klik nu.");
  CHECK(why.size() < 140);
  CHECK(why.find("…") != std::string::npos);
}

TEST_CASE("a ref link that lost its ')' is refused", "[merge][guard]") {
  std::string page = "See [the page]({{< ref \"a b.md\" >}}).\n";
  CHECK(refusal(page, "Zie [de pagina]({{< ref \"a b.md\" >}}).") == "");
  CHECK(refusal(page, "Zie [de pagina]({{< ref \"a b.md\" >}}.").find("link target changed:") == 0);
  CHECK(refusal("See [it]({{< relref \"a.md\" >}}).\n", "Zie [het]({{< relref \"a.md\" >}}") ==
        "link target changed: ({{< relref \"a.md\" >}}) → ({{< relref \"a.md\" >}}");
}

TEST_CASE("a carriage return in a translation is refused, not fatal", "[merge][guard]") {
  CHECK(refusal("Some text.\n", "Wat\r\ntekst.").find("carriage return") != std::string::npos);
  CHECK(refusal("Some text.\n", "Wat\rtekst.").find("carriage return") != std::string::npos);
  Unit param = unit_of("{{< button text=\"Go\" >}}\n");
  CHECK(refuse_translation(param, "Ga\rnu", test_config()).value_or("").find("carriage return") != std::string::npos);
}

TEST_CASE("a line break in a shortcode parameter", "[merge][guard]") {
  // Hugo stops the site on a line break inside "…"; the quotes are not the unit's to change.
  Unit quoted = unit_of("{{< button text=\"Go\" >}}\n");
  CHECK(refuse_translation(quoted, "Ga\nnu", test_config()).value_or("").find("line break") != std::string::npos);
  // `…` is a Hugo raw string, which may span lines; a bare value becomes one.
  Unit raw = unit_of("{{< button text=`Go` >}}\n");
  CHECK_FALSE(refuse_translation(raw, "Ga\nnu", test_config()).has_value());
  Unit bare = unit_of("{{< button text=Go >}}\n");
  CHECK_FALSE(refuse_translation(bare, "Ga\nnu", test_config()).has_value());
  CHECK(render_translation(bare, "Ga\nnu") == "`Ga\nnu`");
  CHECK(refuse_translation(bare, "Ga\n`nu`", test_config()).has_value());
  // l10n reads its own output back: the same unit, now with the translation.
  std::string merged = "{{< button text=" + render_translation(bare, "Ga\nnu \"hier\" \\o/") + " >}}\n";
  Unit again = unit_of(merged);
  CHECK(again.kind == UnitKind::ShortcodeParam);
  CHECK(again.text == "Ga\nnu \"hier\" \\o/");
}

TEST_CASE("site-defined placeholders are kept", "[merge][guard][placeholders]") {
  Config cfg = parse_config("[shortcodes]\nbutton = [\"text\"]\n[placeholders]\npatterns = ['\\|[a-z_]+\\|']\n",
                            "l10n.toml", "/nonexistent");
  auto refused = [&](const std::string& page, const std::string& msgstr) {
    auto units = units_of(page, cfg);
    REQUIRE(units.size() == 1);
    return refuse_translation(units[0], msgstr, cfg).value_or("");
  };
  std::string page = "Download QGIS |version| (LTR |ltrversion|).\n";
  CHECK(refused(page, "Download QGIS |version| (LTR |ltrversion|) nu.") == "");
  CHECK(refused(page, "Download QGIS |ltrversion| (LTR |version|).") == "");  // order may change
  CHECK(refused(page, "Download QGIS (LTR |ltrversion|).") == "placeholder dropped: |version|");
  CHECK(refused(page, "Download QGIS |versie| (LTR |ltrversion|).") == "placeholder changed: |version| → |versie|");
  CHECK(refused(page, "QGIS |version| |version| (LTR |ltrversion|).") == "placeholder added: |version|");
  CHECK(refused("{{< button text=\"Get |version|\" >}}\n", "Haal hem") == "placeholder dropped: |version|");
  CHECK(refused("---\ntitle: QGIS |version|\n---\n", "QGIS") == "placeholder dropped: |version|");
  // Without the pattern the same text is plain text.
  CHECK(refusal(page, "Download QGIS (LTR).") == "");
}

TEST_CASE("translations are written in their container", "[merge]") {
  Unit quote = unit_of("> A quote\\\n> on two lines.\n");
  CHECK(render_translation(quote, "Een citaat\\\nop twee regels.") == "Een citaat\\\n> op twee regels.");
  Unit item = unit_of("- An item\\\n  continued.\n");
  CHECK(render_translation(item, "Een item\\\nvervolgd.") == "Een item\\\n  vervolgd.");
  Unit param = unit_of("{{< button text=\"Go\" >}}\n");
  CHECK(param.kind == UnitKind::ShortcodeParam);
  CHECK(render_translation(param, "Ga \"nu\"") == "Ga \\\"nu\\\"");
  Unit bare = unit_of("{{< button text=Go >}}\n");
  CHECK(render_translation(bare, "Ga nu") == "\"Ga nu\"");
  CHECK(render_translation(bare, "Ga") == "Ga");
  // Front matter: a value keeps its quoting style while it can, and a line
  // break in a one-line value is escaped (a block scalar would swallow the comment).
  Unit title = unit_of("---\ntitle: Hello # a comment\n---\n");
  CHECK(render_translation(title, "Hallo") == "Hallo");
  CHECK(render_translation(title, "Hallo: wereld") != "Hallo: wereld");
  CHECK(render_translation(title, "Een\ntwee") == "\"Een\\ntwee\"");
  Unit single = unit_of("---\ntitle: 'It''s'\n---\n");
  CHECK(render_translation(single, "Het is 't") == "'Het is ''t'");
}

// The identity property through the rewrite path: rendering a unit's own
// msgid must give back its source bytes wherever the unit is one line
// (multi-line blocks are joined by design, and merge keeps the source bytes
// when msgstr == msgid).
TEST_CASE("rendering the msgid gives the source bytes back on every corpus page", "[merge][corpus]") {
  fs::path corpus = corpus_dir();
  if (corpus.empty()) {
    WARN("../shared/corpus is absent: skipped");
    return;
  }
  Config cfg = test_config();
  std::size_t checked = 0, pages = 0;
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".md" || entry.path().filename() == "README.md") continue;
    SourceText src = SourceText::load(entry.path().string(), entry.path().string());
    Page page = read_page(src, cfg);
    ++pages;
    for (const Unit& u : page.units) {
      std::string_view original = src.bytes().substr(u.span.begin, u.span.size());
      if (original.find('\n') != std::string_view::npos) continue;
      INFO(entry.path().string() << ":" << u.line << " " << unit_kind_name(u.kind));
      CHECK(render_translation(u, u.text) == original);
      ++checked;
    }
  }
  WARN(checked << " single-line units on " << pages << " corpus pages render back to their source bytes");
}

TEST_CASE("merge writes, skips, removes and checks", "[merge][e2e]") {
  TempDir site;
  spit(site.path() / "l10n.toml", "languages = [\"nl\"]\nsourceDir = \"content/en\"\ntargetDir = \"content/{lang}\"\n"
                                  "[shortcodes]\nbutton = [\"text\"]\n");
  spit(site.path() / "content/en/a.md", "---\ntitle: \"Hello: world\" # greeting\nweight: 1\n---\n\n# Welcome\n\n"
                                        "- First item\n- Second item\n\n{{< button text=\"Go\" >}}\n");
  spit(site.path() / "content/en/b.md", "---\ntitle: Other\n---\n\nUntranslated text.\n\nMore text.\n");
  REQUIRE(run_l10n("extract --root " + quote(site.str())).status == 0);
  fs::path po = site.path() / "po/nl/content.po";
  std::string text = slurp(po);
  auto translate = [&](const std::string& id, const std::string& str) {
    std::string needle = "msgid \"" + id + "\"\nmsgstr \"\"";
    auto pos = text.find(needle);
    REQUIRE(pos != std::string::npos);
    text.replace(pos, needle.size(), "msgid \"" + id + "\"\nmsgstr \"" + str + "\"");
  };
  translate("Hello: world", "Hallo: wereld");
  translate("Welcome", "Welkom");
  translate("First item", "Eerste punt");
  translate("Second item", "# Tweede punt");  // refused: would become a heading
  translate("Go", "Ga \\\"nu\\\"");
  spit(po, text);

  auto r = run_l10n("merge --root " + quote(site.str()) + " --keep 50");
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(r.output.find("po/nl/content.po:") != std::string::npos);  // the refusal names the PO line
  CHECK(r.output.find("content/nl/b.md: not written (below threshold)") != std::string::npos);
  CHECK(slurp(site.path() / "content/nl/a.md") ==
        "---\ntitle: \"Hallo: wereld\" # greeting\nweight: 1\n---\n\n# Welkom\n\n"
        "- Eerste punt\n- Second item\n\n{{< button text=\"Ga \\\"nu\\\"\" >}}\n");
  CHECK_FALSE(fs::exists(site.path() / "content/nl/b.md"));

  SECTION("--check and --strict") {
    CHECK(run_l10n("merge --check --keep 50 --root " + quote(site.str())).status == 0);
    CHECK(run_l10n("merge --strict --keep 50 --root " + quote(site.str())).status == 1);
    spit(site.path() / "content/en/c.md", "# New page\n");
    CHECK(run_l10n("merge --check --keep 0 --root " + quote(site.str())).status == 1);
    CHECK_FALSE(fs::exists(site.path() / "content/nl/c.md"));
  }
  SECTION("a page whose source is gone is removed; hand-written files are kept") {
    spit(site.path() / "content/nl/handmade.md", "# Met de hand\n");
    fs::remove(site.path() / "content/en/a.md");
    auto again = run_l10n("merge --keep 50 --root " + quote(site.str()));
    INFO(again.output);
    CHECK(again.status == 0);
    CHECK_FALSE(fs::exists(site.path() / "content/nl/a.md"));
    CHECK(fs::exists(site.path() / "content/nl/handmade.md"));
  }
  SECTION("a PO in another language is an error and writes nothing") {
    std::string before = slurp(site.path() / "content/nl/a.md");
    spit(po, std::regex_replace(slurp(po), std::regex("Language: nl"), "Language: de"));
    auto bad = run_l10n("merge --keep 50 --root " + quote(site.str()));
    CHECK(bad.status == 2);
    CHECK(bad.output.find("po/nl/content.po:1: error:") != std::string::npos);
    CHECK(slurp(site.path() / "content/nl/a.md") == before);
  }
}
