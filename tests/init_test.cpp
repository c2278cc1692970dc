// `l10n init`: the guesses on small made-up sites, and on every corpus site a
// config that loads and extracts, with the prose keys each site is known to have.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "site/config.h"
#include "commands/extract.h"
#include "commands/init.h"
#include "testing.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

bool key_proposed(const SiteScan& scan, const std::string& key) {
  return std::any_of(scan.front_matter.begin(), scan.front_matter.end(),
                     [&](const KeyUse& k) { return k.key == key && k.proposed(); });
}

bool key_seen(const SiteScan& scan, const std::string& key) {
  return std::any_of(scan.front_matter.begin(), scan.front_matter.end(), [&](const KeyUse& k) { return k.key == key; });
}

bool param_proposed(const SiteScan& scan, const std::string& shortcode, const std::string& name, int position = -1) {
  return std::any_of(scan.shortcode_params.begin(), scan.shortcode_params.end(), [&](const ParamUse& p) {
    return p.shortcode == shortcode && p.param.name == name && p.param.position == position && p.proposed();
  });
}

bool param_seen(const SiteScan& scan, const std::string& shortcode, const std::string& name) {
  return std::any_of(scan.shortcode_params.begin(), scan.shortcode_params.end(),
                     [&](const ParamUse& p) { return p.shortcode == shortcode && p.param.name == name; });
}

// The parameter names l10n.toml configures for a shortcode.
std::set<std::string> configured(const Config& cfg, const std::string& shortcode) {
  std::set<std::string> out;
  if (auto it = cfg.shortcodes.find(shortcode); it != cfg.shortcodes.end())
    for (const ParamSpec& p : it->second) out.insert(p.name);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// The proposal written with its catalogs in `work`, loaded and extracted:
// what a maintainer gets after 'l10n init' and 'l10n extract'.
ExtractReport extract_with(SiteScan scan, const fs::path& work, Config* loaded = nullptr) {
  scan.catalog_dir = (work / "po").string();
  spit(work / "l10n.toml", render_config(scan));
  Config cfg = load_config(scan.root, (work / "l10n.toml").string());
  if (loaded) *loaded = cfg;
  return run_extract(cfg, {});
}

const char* const kPage =
    "---\n"
    "title: \"Getting started with the tool\"\n"
    "description: Install it and run it once.\n"
    "layout: single\n"
    "image: /img/start.png\n"
    "tags: [Install, Guide]\n"
    "weight: 10\n"
    "---\n\n"
    "Some text.\n\n"
    "{{< button link=\"/docs/\" class=\"btn btn-primary\" text=\"Read the documentation\" >}}\n"
    "{{< steps \"Download it\" \"Run the installer\" >}}\n"
    "{{< ref \"docs/intro.md\" >}}\n";

}  // namespace

TEST_CASE("values that read as prose", "[init]") {
  CHECK(is_prose("Getting started with the tool"));
  CHECK(is_prose("Process & Analyze."));
  CHECK(is_prose("open source"));
  CHECK(is_prose("Wat tekst in het Nederlands"));
  CHECK_FALSE(is_prose("Downloads"));
  CHECK_FALSE(is_prose("https://example.org/a page"));
  CHECK_FALSE(is_prose("/docs/getting started/"));
  CHECK_FALSE(is_prose("btn btn-primary"));
  CHECK_FALSE(is_prose("fas fa-download"));
  CHECK_FALSE(is_prose("2021-01-01 10:00"));
  CHECK_FALSE(is_prose("{{ .Title }} and more"));
  CHECK_FALSE(is_prose(""));
  CHECK(is_text("Downloads"));
  CHECK(is_text("Mapping."));
  CHECK(is_text("Tab 1"));
  CHECK(is_text("Ünïcode"));
  CHECK_FALSE(is_text("single"));
  CHECK_FALSE(is_text("logo.png"));
  CHECK_FALSE(is_text("Images/Logo"));
  CHECK_FALSE(is_text("12"));
  CHECK_FALSE(is_text("#fff"));
}

TEST_CASE("init reads languages and the content/<lang>/ layout from the site config", "[init]") {
  TempDir site;
  spit(site.path() / "hugo.toml",
       "DefaultContentLanguage = \"en\"\n"
       "[languages.en]\ncontentDir = \"content/en\"\nweight = 1\n"
       "[languages.de]\ncontentDir = \"content/de\"\n"
       "[languages.fr]\ncontentDir = \"content/fr\"\n"
       "[languages.xx]\ndisabled = true\ncontentDir = \"content/xx\"\n");
  spit(site.path() / "content/en/start.md", kPage);
  spit(site.path() / "content/en/about.md", "---\ntitle: About\nlayout: page\n---\nText.\n");
  SiteScan scan = scan_site(site.str());
  CHECK(scan.source == "en");
  CHECK(scan.languages == std::vector<std::string>{"de", "fr"});
  CHECK(scan.layout == Layout::Directory);
  CHECK(scan.source_dir == "content/en");
  CHECK(scan.target_dir == "content/{lang}");
  CHECK(scan.pages == 2);
  CHECK(key_proposed(scan, "title"));
  CHECK(key_proposed(scan, "description"));
  CHECK_FALSE(key_proposed(scan, "layout"));
  CHECK_FALSE(key_proposed(scan, "image"));
  CHECK_FALSE(key_proposed(scan, "weight"));
  CHECK(key_seen(scan, "tags"));
  CHECK_FALSE(key_proposed(scan, "tags"));  // a taxonomy: its terms are in URLs
  CHECK(param_proposed(scan, "button", "text"));
  CHECK_FALSE(param_proposed(scan, "button", "link"));
  CHECK_FALSE(param_proposed(scan, "button", "class"));
  CHECK(param_proposed(scan, "steps", "", 0));
  CHECK(param_proposed(scan, "steps", "", 1));
  CHECK_FALSE(param_proposed(scan, "ref", "", 0));

  std::string text = render_config(scan);
  CHECK(text.find("defaultContentLanguage in hugo.toml") != std::string::npos);
  CHECK(text.find("button = [\"text\"]") != std::string::npos);
  CHECK(text.find("steps = [0, 1]") != std::string::npos);
  CHECK(text.find("tags (2, a taxonomy)") != std::string::npos);
  TempDir work;
  Config cfg;
  ExtractReport report = extract_with(scan, work.path(), &cfg);
  REQUIRE(report.errors.empty());
  CHECK(cfg.languages == std::vector<std::string>{"de", "fr"});
  CHECK(has(cfg.front_matter_keys, "description"));
  REQUIRE(cfg.shortcodes.count("button"));
  CHECK(cfg.shortcodes.at("button").size() == 1);
  CHECK(fs::exists(work.path() / "po/de/content.po"));
}

TEST_CASE("init finds page.<lang>.md translations and a languages file", "[init]") {
  TempDir site;
  spit(site.path() / "config/_default/languages.yaml", "en:\n  weight: 1\nes:\n  weight: 2\n");
  spit(site.path() / "content/docs/a.md", "---\ntitle: A page about things\n---\nText.\n");
  spit(site.path() / "content/docs/a.es.md", "---\ntitle: Una página\n---\nTexto.\n");
  spit(site.path() / "content/docs/b.it.md", "---\ntitle: Una pagina\n---\nTesto.\n");
  SiteScan scan = scan_site(site.str());
  CHECK(scan.source == "en");
  CHECK(scan.languages == std::vector<std::string>{"es", "it"});
  CHECK(scan.layout == Layout::Filename);
  CHECK(scan.source_dir == "content");
  CHECK(scan.pages == 1);  // the translations are not source pages
  TempDir work;
  REQUIRE(extract_with(scan, work.path()).errors.empty());
}

TEST_CASE("init on a single-language site takes its language from languageCode", "[init]") {
  TempDir site;
  spit(site.path() / "config.yaml", "languageCode: nl-nl\ntitle: Een site\n");
  spit(site.path() / "content/a.md", "---\ntitle: Een pagina over dingen\n---\nTekst.\n");
  SiteScan scan = scan_site(site.str());
  CHECK(scan.source == "nl");
  CHECK(scan.languages.empty());
  CHECK(render_config(scan).find("languages = []") != std::string::npos);
}

TEST_CASE("l10n init writes l10n.toml once and never overwrites it", "[init]") {
  TempDir site;
  spit(site.path() / "content/en/a.md", "---\ntitle: A page about things\n---\nText.\n");
  auto dry = run_l10n("init --dry-run --root " + quote(site.str()));
  CHECK(dry.status == 0);
  CHECK(dry.output.find("sourceDir = \"content/en\"") != std::string::npos);
  CHECK_FALSE(fs::exists(site.path() / "l10n.toml"));
  auto first = run_l10n("init --root " + quote(site.str()));
  INFO(first.output);
  CHECK(first.status == 0);
  REQUIRE(fs::exists(site.path() / "l10n.toml"));
  CHECK(slurp(site.path() / "l10n.toml") == dry.output);
  spit(site.path() / "l10n.toml", "# mine\n");
  auto second = run_l10n("init --root " + quote(site.str()));
  CHECK(second.status == 2);
  CHECK(second.output.find("already exists") != std::string::npos);
  CHECK(slurp(site.path() / "l10n.toml") == "# mine\n");
}

TEST_CASE("init on a site without hugo-gettext keeps l10n's catalog, threshold and page globs", "[init]") {
  TempDir site;
  spit(site.path() / "hugo.toml", "defaultContentLanguage = \"en\"\n[languages.en]\n[languages.de]\n");
  spit(site.path() / "content/en/a.md", "---\ntitle: A page about things\n---\nText.\n");
  SiteScan scan = scan_site(site.str());
  CHECK(scan.migrated_from.empty());
  CHECK(scan.not_converted.empty());
  CHECK(scan.domain == "content");
  CHECK(scan.keep == 80);
  CHECK(scan.include == std::vector<std::string>{"**/*.md"});
  CHECK(scan.exclude.empty());
  std::string text = render_config(scan);
  CHECK(text.find("Converted from") == std::string::npos);
  CHECK(text.find("project =") == std::string::npos);
  CHECK(text.find("sourceDir = \"content/en\"\ntargetDir = \"content/{lang}\"\ninclude = [\"**/*.md\"]\nexclude = []\n") !=
        std::string::npos);
  CHECK(text.find("\n[catalogs]\ndir = \"po\"\ndomain = \"content\"\nsplit = \"site\"\n") != std::string::npos);
  CHECK(text.find("\n[merge]\nkeep = 80  # % of a page's text translated before its translation is written\n") !=
        std::string::npos);
}

TEST_CASE("init reads content mounts and hugo-gettext's [i18n] from config/_default/hugo.yaml", "[init]") {
  TempDir site;
  spit(site.path() / "config/_default/hugo.yaml",
       "defaultContentLanguage: en\n"
       "languages:\n  en:\n    weight: 1\n  de:\n    weight: 2\n  fr:\n    weight: 3\n"
       "module:\n  mounts:\n"
       "    - source: pages\n      target: content\n      lang: en\n"
       "    - source: translated/de\n      target: content\n      lang: de\n"
       "    - source: pages\n      target: content\n      lang: de\n"
       "    - source: translated/fr\n      target: content\n      lang: fr\n"
       "    - source: pictures\n      target: static\n"
       "i18n:\n  package: docs\n  excludedKeys: \"summary heroText\"\n  others: [title, menu]\n"
       "  shortcodes:\n    params:\n      \"*\": [\"title\"]\n      note: [\"text\"]\n"
       "  content:\n    default:\n      globs: [\"pages/**/*.md\", \"pages/**/**/*.md\"]\n"
       "      excludedGlobs: [\"pages/drafts/**\"]\n"
       "    blog:\n      files: [\"pages/blog.md\"]\n"
       "  data:\n    globs: [\"data/features/*.yaml\"]\n    excludedFiles: [\"data/features/old.yaml\"]\n"
       "  excludedDataKeys: \"icon image\"\n");
  spit(site.path() / "pages/blog.md", "---\ntitle: The blog of the project\n---\nNews from the team.\n");
  spit(site.path() / "data/features/new.yaml", "- name: Print layouts for every map\n  icon: fas fa-print\n");
  spit(site.path() / "data/features/old.yaml", "- name: An old feature nobody uses\n");
  spit(site.path() / "pages/guide/start.md",
       "---\ntitle: Getting started with it\nsummary: What you need to know first.\n---\n\n"
       "{{< card title=\"A card about things\" icon=\"fas fa-star\" >}}\n"
       "{{< note text=\"Mind the gap between them\" >}}\n");
  spit(site.path() / "pages/drafts/wip.md", "---\ntitle: Not yet ready for anyone\n---\nText.\n");
  SiteScan scan = scan_site(site.str());
  CHECK(scan.config_files == std::vector<std::string>{"config/_default/hugo.yaml"});
  CHECK(scan.source == "en");
  CHECK(scan.languages == std::vector<std::string>{"de", "fr"});
  CHECK(scan.layout == Layout::Directory);
  CHECK(scan.source_dir == "pages");
  CHECK(scan.target_dir == "translated/{lang}");
  CHECK(scan.migrated_from == "hugo-gettext's [i18n] in config/_default/hugo.yaml");
  CHECK(scan.domain == "docs");
  CHECK(scan.project == "docs");
  CHECK(scan.keep == 50);
  CHECK(scan.include == std::vector<std::string>{"**/*.md"});
  CHECK(scan.exclude == std::vector<std::string>{"drafts/**"});
  CHECK(scan.pages == 2);  // the draft is excluded; blog.md is the blog domain's
  REQUIRE(scan.groups.size() == 1);
  CHECK(scan.groups[0].domain == "blog");
  CHECK(scan.groups[0].include == std::vector<std::string>{"blog.md"});
  CHECK(scan.data_files == std::vector<std::string>{"data/features/new.yaml"});
  CHECK(scan.data_exclude_keys == std::vector<std::string>{"**.icon", "**.image"});
  CHECK(key_proposed(scan, "title"));
  CHECK(key_seen(scan, "summary"));
  CHECK_FALSE(key_proposed(scan, "summary"));
  CHECK(param_proposed(scan, "note", "text"));
  CHECK(param_proposed(scan, "*", "title"));  // hugo-gettext's "*" wildcard, as it is
  CHECK_FALSE(param_proposed(scan, "card", "title"));  // covered by it
  CHECK_FALSE(param_proposed(scan, "card", "icon"));
  REQUIRE(scan.not_converted.size() == 1);
  CHECK(scan.not_converted[0].starts_with("i18n.others = [\"title\", \"menu\"]: "));

  std::string text = render_config(scan);
  CHECK(text.find("#   i18n.others = ") != std::string::npos);
  CHECK(text.find("\"*\" = [\"title\"]") != std::string::npos);
  CHECK(text.find("card = [\"title\"]") == std::string::npos);
  CHECK(text.find("keep = 50") != std::string::npos);
  TempDir work;
  Config cfg;
  REQUIRE(extract_with(scan, work.path(), &cfg).errors.empty());
  CHECK(cfg.domain == "docs");
  CHECK(cfg.keep == 50);
  CHECK(cfg.target_dir_for("de") == "translated/de");
  CHECK(fs::exists(work.path() / "po/de/docs.po"));
  REQUIRE(cfg.catalog_groups.size() == 1);
  CHECK(cfg.catalog_groups[0].domain == "blog");
  std::string blog = slurp(work.path() / "po/de/blog.po");
  CHECK(blog.find("msgid \"News from the team.\"") != std::string::npos);
  std::string docs = slurp(work.path() / "po/de/docs.po");
  CHECK(docs.find("News from the team.") == std::string::npos);
  CHECK(docs.find("msgid \"Print layouts for every map\"") != std::string::npos);
  CHECK(docs.find("fas fa-print") == std::string::npos);
  CHECK(docs.find("An old feature") == std::string::npos);

  auto written = run_l10n("init --root " + quote(site.str()));
  INFO(written.output);
  CHECK(written.status == 0);
  CHECK(written.output.find("\nnot converted: i18n.others = ") != std::string::npos);
}

TEST_CASE("init converts the hugo-gettext config of a qgis-website copy", "[init][corpus]") {
  if (corpus_dir().empty()) {
    WARN("../shared/corpus is absent: corpus tests skipped");
    return;
  }
  TempDir site;
  fs::copy(corpus_dir() / "qgis-website", site.path(), fs::copy_options::recursive);
  auto result = run_l10n("init --root " + quote(site.str()));
  INFO(result.output);
  REQUIRE(result.status == 0);
  CHECK(result.output.find("not converted") == std::string::npos);
  Config cfg = load_config(site.str());
  CHECK(cfg.source == "en");
  CHECK(cfg.layout == Layout::Directory);
  CHECK(cfg.source_dir == "content");
  CHECK(cfg.target_dir == "content-translated/{lang}");
  CHECK(has(cfg.languages, "nl"));
  CHECK(cfg.domain == "messages");
  CHECK(cfg.project == "messages");
  CHECK(cfg.keep == 50);
  CHECK(cfg.include == std::vector<std::string>{"**/*.md"});
  CHECK(cfg.exclude == std::vector<std::string>{"community-blogs/**", "funders/**", "flickr-images/**",
                                                "project/visual-changelogs/**/funders/**"});
  CHECK(configured(cfg, "block") == std::set<std::string>{"title", "subtitle"});
  CHECK(configured(cfg, "rich-list") == std::set<std::string>{"listTitle", "listSubtitle"});
  CHECK(configured(cfg, "content-start") == std::set<std::string>{"header"});
  // Configured though no page of the copy uses them now.
  CHECK(configured(cfg, "feature").size() == 8);
  CHECK(configured(cfg, "tabs") == std::set<std::string>{"tab1", "tab2", "tab3", "tab4", "tab5"});
  CHECK(cfg.shortcodes.size() == 15);
  CHECK_FALSE(has(cfg.front_matter_keys, "draft"));
  CHECK(has(cfg.front_matter_keys, "title"));
}

TEST_CASE("init on every corpus site", "[init][corpus]") {
  if (corpus_dir().empty()) {
    WARN("../shared/corpus is absent: corpus tests skipped");
    return;
  }
  struct Expect {
    std::string root, source, source_dir, target_dir;
    Layout layout;
    std::string domain;  // "messages": qgis-website's hugo-gettext package
    std::vector<std::string> languages, keys, not_keys;
    std::vector<std::pair<std::string, std::string>> params, not_params;
  };
  const std::vector<Expect> sites = {
      {"qgis-website", "en", "content", "content-translated/{lang}", Layout::Directory, "messages", {"nl"}, {"title"}, {"draft", "type"},
       {{"block", "title"}, {"block", "subtitle"}, {"rich-list", "listTitle"}}, {{"block", "class"}, {"rich-list", "listLink"}}},
      {"qgis-hugo-website-theme/exampleSite", "en", "content", "", Layout::Filename, "content", {}, {"title", "subtitle", "description"},
       {"heroImage", "tags", "draft"},
       {{"block", "title"}, {"block", "subtitle"}, {"block", "link-text"}, {"button", "text"}},
       {{"block", "image"}, {"button", "link"}, {"button", "class"}}},
      {"ubuntu-nl-hugo", "nl", "content", "", Layout::Filename, "content", {}, {"title", "menu.*.name"}, {"aliases", "menu.*.identifier"},
       {{"button", "text"}}, {{"button", "url"}}},
      {"wz2100.net", "en", "content/en", "content/{lang}", Layout::Directory, "content", {"nl", "de", "fr"}, {"title"}, {"tags", "slug"},
       {{"discordinvite", "description"}, {"figure", "alt"}}, {{"figure", "src"}}},
      {"hinode/exampleSite", "en", "content/en", "content/{lang}", Layout::Directory, "content", {"nl", "fr"},
       {"title", "description", "content_blocks[].heading.title"}, {"date", "thumbnail.url", "author", "thumbnail.author"},
       {{"card", "title"}, {"nav-item", "title"}}, {{"card", "icon"}, {"table", "class"}}},
  };
  for (const Expect& e : sites) {
    INFO(e.root);
    SiteScan scan = scan_site((corpus_dir() / e.root).string());
    INFO(render_config(scan));
    CHECK(scan.skipped.empty());
    CHECK(scan.source == e.source);
    CHECK(scan.source_dir == e.source_dir);
    CHECK(scan.target_dir == e.target_dir);
    CHECK(scan.layout == e.layout);
    for (const auto& l : e.languages) CHECK(has(scan.languages, l));
    if (e.languages.empty()) CHECK(scan.languages.empty());
    for (const auto& k : e.keys) CHECK(key_proposed(scan, k));
    for (const auto& k : e.not_keys) {
      CHECK(key_seen(scan, k));
      CHECK_FALSE(key_proposed(scan, k));
    }
    for (const auto& [sc, p] : e.params) CHECK(param_proposed(scan, sc, p));
    for (const auto& [sc, p] : e.not_params) {
      CHECK(param_seen(scan, sc, p));
      CHECK_FALSE(param_proposed(scan, sc, p));
    }
    TempDir work;
    Config cfg;
    ExtractReport report = extract_with(scan, work.path(), &cfg);
    for (const auto& d : report.errors) UNSCOPED_INFO(d.str());
    CHECK(report.errors.empty());
    CHECK(report.pages == scan.pages);
    CHECK(cfg.domain == e.domain);
    CHECK(fs::exists(work.path() / "po" / (e.domain + ".pot")));
  }
}
