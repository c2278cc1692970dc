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
