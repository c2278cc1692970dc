// End-to-end: the l10n binary on the example site and on the real sites of
// ../shared/corpus, checked against expectations written by hand.
#include <catch2/catch.hpp>

#include <algorithm>

#include "po/catalog.h"
#include "testing.h"
#include "po/reader.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

// A copy of the example site, so the test never writes into the checkout.
void copy_example_site(const fs::path& to) {
  for (const char* item : {"content", "config", "i18n", "layouts", "hugo.toml", "l10n.toml"})
    fs::copy(source_dir() / item, to / item, fs::copy_options::recursive);
}

const Message* find(const Catalog& cat, const std::string& msgid) {
  auto it = std::find_if(cat.messages.begin(), cat.messages.end(), [&](const Message& m) { return m.msgid == msgid; });
  return it == cat.messages.end() ? nullptr : &*it;
}

bool has_ref(const Message& m, const std::string& file, int line) {
  return std::find(m.references.begin(), m.references.end(), Reference{file, line}) != m.references.end();
}

bool has_comment(const Message& m, const std::string& prefix) {
  return std::any_of(m.extracted_comments.begin(), m.extracted_comments.end(),
                     [&](const std::string& c) { return c.rfind(prefix, 0) == 0; });
}

// gettext itself must accept the file and write the same bytes back. A
// template keeps xgettext's placeholder header values, which msgfmt -c notes.
void check_gettext_agrees(const fs::path& file) {
  INFO(file.string());
  auto fmt = run("msgfmt -c -o /dev/null " + quote(file.string()));
  CHECK(fmt.status == 0);
  if (file.extension() == ".po") CHECK(fmt.output == "");
  auto cat = run("msgcat " + quote(file.string()));
  REQUIRE(cat.status == 0);
  CHECK(cat.output == slurp(file));
}

}  // namespace

TEST_CASE("extract on the example site", "[e2e][extract]") {
  TempDir site;
  copy_example_site(site.path());
  auto r = run_l10n("extract --root " + quote(site.str()));
  INFO(r.output);
  REQUIRE(r.status == 0);

  fs::path pot_path = site.path() / "po/content.pot", po_path = site.path() / "po/nl/content.po";
  REQUIRE(fs::exists(pot_path));
  REQUIRE(fs::exists(po_path));
  Catalog pot = read_po(pot_path.string(), "content.pot");

  const Message* title = find(pot, "Guide for reviewers");
  REQUIRE(title);
  CHECK(has_ref(*title, "content/en/reviewers.md", 2));
  CHECK(has_comment(*title, "front matter: title"));

  const Message* para = find(pot,
      "Before a release, someone who reads both languages should look at the translated site. "
      "`l10n check` makes that job shorter: it reads the translated pages and the PO catalogs and "
      "lists every piece of text that is still in English. You then decide whether each finding is a "
      "missing translation or text that is meant to stay English, like a product name or a command.");
  REQUIRE(para);
  CHECK(has_ref(*para, "content/en/reviewers.md", 8));
  CHECK(para->extracted_comments == std::vector<std::string>{"paragraph"});

  const Message* inline_sc = find(pot,
      "If you are new to the tool, {{< button link=\"/getting-started/\" text=\"start here\" >}} and "
      "come back when you have a translated page to look at.");
  REQUIRE(inline_sc);
  CHECK(has_comment(*inline_sc, "This text contains Hugo shortcode calls"));
  CHECK_FALSE(find(pot, "start here"));  // part of the paragraph's msgid, not its own entry

  // A call spread over two lines whose >}} starts the second: its text parameters.
  const Message* alt = find(pot, "A terminal window with three findings reported by l10n check");
  REQUIRE(alt);
  CHECK(has_ref(*alt, "content/en/reviewers.md", 55));
  CHECK(has_comment(*alt, "shortcode screenshot: alt"));

  const Message* heading = find(pot, "Running a check");
  REQUIRE(heading);
  CHECK(heading->extracted_comments == std::vector<std::string>{"heading h2"});

  // Code blocks and commands never become msgids.
  CHECK_FALSE(find(pot, "l10n merge\nl10n check"));
  CHECK_FALSE(find(pot, "l10n merge l10n check"));
  // Hugo's string table: the ID is the msgctxt.
  auto read_more = std::find_if(pot.messages.begin(), pot.messages.end(),
                                [](const Message& m) { return m.msgctxt == std::optional<std::string>("readMore"); });
  REQUIRE(read_more != pot.messages.end());
  CHECK(has_ref(*read_more, "i18n/en.toml", read_more->references.at(0).line));

  Catalog po = read_po(po_path.string(), "content.po");
  CHECK(po.header_field("Language") == std::optional<std::string>("nl"));
  CHECK(po.messages.size() == pot.messages.size());

  check_gettext_agrees(pot_path);
  check_gettext_agrees(po_path);

  SECTION("a second run changes nothing") {
    std::string before_pot = slurp(pot_path), before_po = slurp(po_path);
    auto again = run_l10n("extract --root " + quote(site.str()));
    REQUIRE(again.status == 0);
    CHECK(again.output.find(" 0 files written") != std::string::npos);
    CHECK(slurp(pot_path) == before_pot);
    CHECK(slurp(po_path) == before_po);
  }

  SECTION("an output is written from the first byte that differs, whatever the file there holds") {
    // Each run is at another time: a template that does not change keeps
    // the date it has; one that does takes the new one.
    auto extract_at = [&](const std::string& epoch) {
      return run("SOURCE_DATE_EPOCH=" + epoch + " " + quote(L10N_BINARY) + " extract --root " + quote(site.str()));
    };
    REQUIRE(extract_at("1700000000").status == 0);
    const std::string pot_text = slurp(pot_path);
    auto date_of = [](const std::string& text) {
      std::size_t at = text.find("POT-Creation-Date: ");
      return text.substr(at, text.find('\\', at) - at);
    };
    auto same_but_date = [&](const std::string& text) {
      std::string a = text, b = pot_text;
      a.erase(a.find("POT-Creation-Date: "), date_of(a).size());
      b.erase(b.find("POT-Creation-Date: "), date_of(b).size());
      return a == b;
    };

    auto later = extract_at("1800000000");
    REQUIRE(later.status == 0);
    CHECK(later.output.find(" 0 files written") != std::string::npos);
    CHECK(slurp(pot_path) == pot_text);

    spit(pot_path, pot_text + "msgid \"left over\"\nmsgstr \"\"\n");  // longer than the new text
    REQUIRE(extract_at("1800000000").status == 0);
    std::string pot_now = slurp(pot_path);
    CHECK(same_but_date(pot_now));
    CHECK(date_of(pot_now) != date_of(pot_text));  // the text changed, so the date moved

    spit(pot_path, pot_now.substr(0, pot_now.size() / 2));  // shorter
    REQUIRE(extract_at("1900000000").status == 0);
    CHECK(same_but_date(slurp(pot_path)));
    CHECK(date_of(slurp(pot_path)) != date_of(pot_now));
    for (const auto& e : fs::directory_iterator(site.path() / "po"))
      CHECK(e.path().filename().string().find("l10n-tmp") == std::string::npos);
  }

  SECTION("translations survive a re-extract") {
    std::string po_text = slurp(po_path);
    std::string needle = "msgid \"Running a check\"\nmsgstr \"\"";
    auto pos = po_text.find(needle);
    REQUIRE(pos != std::string::npos);
    po_text.replace(pos, needle.size(), "msgid \"Running a check\"\nmsgstr \"Een controle uitvoeren\"");
    spit(po_path, po_text);
    REQUIRE(run_l10n("extract --root " + quote(site.str())).status == 0);
    Catalog updated = read_po(po_path.string(), "content.po");
    const Message* m = find(updated, "Running a check");
    REQUIRE(m);
    CHECK(m->msgstr.at(0) == "Een controle uitvoeren");
  }
}

TEST_CASE("extract errors name file:line:col and write nothing", "[e2e][extract]") {
  TempDir site;
  copy_example_site(site.path());
  REQUIRE(run_l10n("extract --root " + quote(site.str())).status == 0);
  std::string pot_before = slurp(site.path() / "po/content.pot");

  SECTION("unterminated front matter") {
    spit(site.path() / "content/en/broken.md", "---\ntitle: Broken\n\nNo closing line.\n");
    auto r = run_l10n("extract --root " + quote(site.str()));
    CHECK(r.status == 2);
    CHECK(r.output.find("content/en/broken.md:1:") != std::string::npos);
  }
  SECTION("invalid UTF-8") {
    spit(site.path() / "content/en/broken.md", "# Title\n\nBad \xff byte.\n");
    auto r = run_l10n("extract --root " + quote(site.str()));
    CHECK(r.status == 2);
    CHECK(r.output.find("content/en/broken.md:3:5: error: invalid UTF-8") != std::string::npos);
  }
  SECTION("unclosed shortcode") {
    spit(site.path() / "content/en/broken.md", "# Title\n\nText {{< button text=\"x\" \n\nMore.\n");
    auto r = run_l10n("extract --root " + quote(site.str()));
    CHECK(r.status == 2);
    CHECK(r.output.find("content/en/broken.md:3:6: error:") != std::string::npos);
  }
  SECTION("unknown config key") {
    spit(site.path() / "l10n.toml", slurp(site.path() / "l10n.toml") + "\nlanguagez = 1\n");
    auto r = run_l10n("extract --root " + quote(site.str()));
    CHECK(r.status == 2);
    CHECK(r.output.find("l10n.toml:") != std::string::npos);
  }
  CHECK(slurp(site.path() / "po/content.pot") == pot_before);
}

TEST_CASE("CRLF and BOM pages give the same msgids and right line numbers", "[e2e][extract]") {
  TempDir site;
  spit(site.path() / "l10n.toml", "languages = [\"nl\"]\nsourceDir = \"content\"\nlayout = \"filename\"\n");
  spit(site.path() / "content/crlf.md", "\xEF\xBB\xBF---\r\ntitle: Windows page\r\n---\r\n\r\nFirst line\r\nsecond line.\r\n\r\n## Heading\r\n");
  auto r = run_l10n("extract --root " + quote(site.str()));
  INFO(r.output);
  REQUIRE(r.status == 0);
  Catalog pot = read_po((site.path() / "po/content.pot").string(), "content.pot");
  const Message* title = find(pot, "Windows page");
  REQUIRE(title);
  CHECK(has_ref(*title, "content/crlf.md", 2));
  const Message* para = find(pot, "First line second line.");
  REQUIRE(para);
  CHECK(has_ref(*para, "content/crlf.md", 5));
  const Message* heading = find(pot, "Heading");
  REQUIRE(heading);
  CHECK(has_ref(*heading, "content/crlf.md", 8));
}
