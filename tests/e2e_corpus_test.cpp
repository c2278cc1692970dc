// End-to-end on the real Hugo sites of ../shared/corpus: extraction against
// expectations written by hand, and the identity round trip (msgstr = msgid
// for every entry) reproducing every page byte for byte.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "po/catalog.h"
#include "site/config.h"
#include "commands/merge.h"
#include "site/layout.h"
#include "testing.h"
#include "po/reader.h"
#include "po/writer.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

// Whether `text` holds nothing but shortcode calls and blanks.
bool only_shortcode_calls(std::string_view text) {
  std::size_t at = 0;
  while ((at = text.find_first_not_of(" \t\n", at)) != std::string_view::npos) {
    if (text.substr(at, 3) != "{{<" && text.substr(at, 3) != "{{%") return false;
    std::size_t end = text.find(text[at + 2] == '<' ? ">}}" : "%}}", at + 3);
    if (end == std::string_view::npos) return false;
    at = end + 3;
  }
  return true;
}

struct CorpusSite {
  std::string name;  // tests/corpus/<name>.toml
  std::string root;  // relative to the corpus
};

const std::vector<CorpusSite>& sites() {
  static const std::vector<CorpusSite> all = {
      {"qgis-website", "qgis-website"},
      {"qgis-hugo-website-theme", "qgis-hugo-website-theme/exampleSite"},
      {"ubuntu-nl-hugo", "ubuntu-nl-hugo"},
      {"wz2100.net", "wz2100.net"},
      {"hinode", "hinode/exampleSite"},
  };
  return all;
}

std::string quote_toml(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// The site's test config with catalogs and target trees moved into `work`.
std::string config_for(const CorpusSite& site, const fs::path& work) {
  std::istringstream in(slurp(source_dir() / "tests/corpus" / (site.name + ".toml")));
  std::string out = "targetDir = " + quote_toml((work / "out/{lang}").string()) + "\n";
  for (std::string line; std::getline(in, line);)
    if (line.rfind("targetDir", 0) != 0) out += line + "\n";
  return out + "[catalogs]\ndir = " + quote_toml((work / "po").string()) + "\n";
}

struct Extracted {
  TempDir work;
  fs::path root, config;
  RunResult result;
  Catalog pot;
};

std::unique_ptr<Extracted> extract_site(const CorpusSite& site) {
  auto e = std::make_unique<Extracted>();
  // A copy: merge writes the site's own outputs (config/_default/languages.<lang>.toml)
  // inside the root, and the corpus is shared, read-only material.
  e->root = e->work.path() / "site";
  fs::copy(corpus_dir() / site.root, e->root, fs::copy_options::recursive);
  e->config = e->work.path() / "l10n.toml";
  spit(e->config, config_for(site, e->work.path()));
  e->result = run_l10n("extract --root " + quote(e->root.string()) + " --config " + quote(e->config.string()));
  if (e->result.status == 0) e->pot = read_po((e->work.path() / "po/content.pot").string(), "content.pot");
  return e;
}

const Message* find(const Catalog& cat, const std::string& msgid) {
  auto it = std::find_if(cat.messages.begin(), cat.messages.end(), [&](const Message& m) { return m.msgid == msgid; });
  return it == cat.messages.end() ? nullptr : &*it;
}

bool has_ref(const Message& m, const std::string& file, int line) {
  return std::find(m.references.begin(), m.references.end(), Reference{file, line}) != m.references.end();
}

bool any_msgid_contains(const Catalog& cat, const std::string& needle) {
  return std::any_of(cat.messages.begin(), cat.messages.end(),
                     [&](const Message& m) { return m.msgid.find(needle) != std::string::npos; });
}

#define REQUIRE_CORPUS()                                                   \
  if (corpus_dir().empty()) {                                              \
    WARN("../shared/corpus is absent: corpus tests skipped");              \
    return;                                                                \
  }

}  // namespace

TEST_CASE("extract on every corpus site", "[e2e][corpus]") {
  REQUIRE_CORPUS();
  for (const auto& site : sites()) {
    auto e = extract_site(site);
    INFO(site.name << "\n" << e->result.output);
    REQUIRE(e->result.status == 0);
    CHECK(e->pot.messages.size() > 50);
    // A unit made only of shortcode calls is never a msgid.
    for (const Message& m : e->pot.messages) {
      INFO(m.msgid);
      CHECK(!only_shortcode_calls(m.msgid));
    }
    auto fmt = run("msgfmt -c -o /dev/null " + quote((e->work.path() / "po/content.pot").string()));
    CHECK(fmt.status == 0);
  }
}

TEST_CASE("QGIS support page, by hand", "[e2e][corpus]") {
  REQUIRE_CORPUS();
  auto e = extract_site(sites()[0]);
  REQUIRE(e->result.status == 0);
  const Catalog& pot = e->pot;
  const Message* support = find(pot, "Support");
  REQUIRE(support);
  CHECK(has_ref(*support, "content/resources/support.md", 3));   // front matter title
  CHECK(has_ref(*support, "content/resources/support.md", 11));  // "# Support"
  const Message* lists = find(pot,
      "QGIS has a bunch of mailing lists. See [Mailing lists]({{< ref \"community/organisation/mailinglists\" >}}) "
      "for the different available lists.");
  REQUIRE(lists);
  CHECK(has_ref(*lists, "content/resources/support.md", 15));
  CHECK(std::any_of(lists->extracted_comments.begin(), lists->extracted_comments.end(),
                    [](const std::string& c) { return c.find("shortcode") != std::string::npos; }));
  const Message* telegram = find(pot, "Telegram");
  REQUIRE(telegram);
  CHECK(telegram->extracted_comments.front() == "heading h3");
  CHECK_FALSE(any_msgid_contains(pot, "content-start"));
  CHECK_FALSE(find(pot, "page"));      // type: "page" is not a configured key
  CHECK_FALSE(find(pot, "Tim Sutton"));  // Reviewer is not either
}

TEST_CASE("Warzone 2100 and Hinode, by hand", "[e2e][corpus]") {
  REQUIRE_CORPUS();
  auto wz = extract_site(sites()[3]);
  REQUIRE(wz->result.status == 0);
  const Message* steps = find(wz->pot, "Next Steps");
  REQUIRE(steps);
  CHECK(has_ref(*steps, "content/en/afterinstall.md", 2));
  const Message* server = find(wz->pot, "Official Server");
  REQUIRE(server);
  CHECK(has_ref(*server, "content/en/webchat.md", 20));
  CHECK(server->extracted_comments == std::vector<std::string>{"shortcode discordinvite: description"});
  CHECK_FALSE(find(wz->pot, "solopage"));

  auto hinode = extract_site(sites()[4]);
  REQUIRE(hinode->result.status == 0);
  const Message* welcome = find(hinode->pot, "Welcome to Hinode!");
  REQUIRE(welcome);
  CHECK(has_ref(*welcome, "content/en/_index.md", 3));
  CHECK(has_ref(*welcome, "content/en/_index.md", 8));  // content_blocks[].heading.title
  const Message* more = find(hinode->pot, "More Posts");
  REQUIRE(more);
  CHECK(more->extracted_comments == std::vector<std::string>{"front matter: content_blocks[].more.title"});
  // Escaped shortcodes are documentation text, never parsed as calls.
  CHECK_FALSE(find(hinode->pot, "hero"));
}

TEST_CASE("identity translation reproduces every corpus page byte for byte", "[e2e][corpus][merge]") {
  REQUIRE_CORPUS();
  std::size_t pages = 0;
  for (const auto& site : sites()) {
    auto e = extract_site(site);
    INFO(site.name << "\n" << e->result.output);
    REQUIRE(e->result.status == 0);
    // Fill every language's PO with msgstr = msgid.
    std::string lang;
    for (const auto& entry : fs::directory_iterator(e->work.path() / "po"))
      if (entry.is_directory()) lang = entry.path().filename().string();
    REQUIRE_FALSE(lang.empty());
    fs::path po_path = e->work.path() / "po" / lang / "content.po";
    Catalog po = read_po(po_path.string(), "content.po");
    for (Message& m : po.messages) m.msgstr = {m.msgid};
    write_po(po_path.string(), po);

    auto merged = run_l10n("merge --root " + quote(e->root.string()) + " --config " + quote(e->config.string()));
    INFO(merged.output);
    REQUIRE(merged.status == 0);
    Config cfg = load_config(e->root.string(), e->config.string());
    std::size_t compared = 0;
    for (const std::string& page : source_pages(cfg)) {
      fs::path out = fs::path(cfg.root) / target_path(cfg, page, lang);
      INFO(page << " -> " << out.string());
      REQUIRE(fs::exists(out));
      CHECK(slurp(out) == slurp(e->root / page));
      ++compared;
    }
    CHECK(compared > 3);
    pages += compared;
  }
  WARN("identity round trip: " << pages << " corpus pages byte-identical");
}
