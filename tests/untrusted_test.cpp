// An untrusted checkout: committed files (manifest, config, symlinks) and
// translators' PO files may not make the tool read, write or delete anything
// outside its own outputs inside the site, and one broken catalog may not
// block the other languages. Each case is a reproducer that broke a promise
// of the README before.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>

#include "testing.h"

namespace fs = std::filesystem;
using namespace l10n::testing;

namespace {

// The example site (English pages, its l10n.toml and Dutch catalog) in a
// temp dir, with a file outside the site that nothing may touch.
struct Site {
  TempDir dir;
  fs::path root = dir.path() / "site";
  fs::path outside = dir.path() / "outside.txt";

  Site() {
    fs::create_directories(root / "content");
    fs::create_directories(root / "po");
    fs::copy(source_dir() / "content/en", root / "content/en", fs::copy_options::recursive);
    fs::copy(source_dir() / "po/nl", root / "po/nl", fs::copy_options::recursive);
    fs::copy_file(source_dir() / "l10n.toml", root / "l10n.toml");
    spit(outside, "precious\n");
  }
  RunResult l10n(const std::string& args) const { return run_l10n(args + " --root " + quote(root.string())); }
  void expect_outside_untouched() const {
    CHECK(fs::is_regular_file(fs::symlink_status(outside)));
    CHECK(slurp(outside) == "precious\n");
  }
};

}  // namespace

TEST_CASE("a committed manifest cannot make merge delete anything but the language's outputs", "[untrusted]") {
  Site site;
  REQUIRE(site.l10n("extract").status == 0);
  REQUIRE(site.l10n("merge").status == 0);
  fs::path manifest = site.root / "content/nl/.l10n-manifest";
  REQUIRE(fs::exists(manifest));
  std::string lines = slurp(manifest);
  const std::string hostile[] = {
      "../outside.txt", site.outside.string(), "content/en/_index.md", "l10n.toml", "po/nl/content.po",
      "content/nl/../../outside.txt", "content/nl/./x.md",
  };
  for (const std::string& line : hostile) lines += line + "\n";
  spit(manifest, lines);
  RunResult r = site.l10n("merge");
  INFO(r.output);
  CHECK(r.status == 0);
  for (const std::string& line : hostile) CHECK(r.output.find("'" + line + "' is not an output of language 'nl'") != std::string::npos);
  site.expect_outside_untouched();
  CHECK(fs::exists(site.root / "content/en/_index.md"));
  CHECK(fs::exists(site.root / "l10n.toml"));
  CHECK(fs::exists(site.root / "po/nl/content.po"));
}

TEST_CASE("a manifest that is a symlink is neither read nor replaced", "[untrusted]") {
  Site site;
  REQUIRE(site.l10n("extract").status == 0);
  REQUIRE(site.l10n("merge").status == 0);
  fs::path manifest = site.root / "content/nl/.l10n-manifest";
  fs::remove(manifest);
  fs::create_symlink(site.outside, manifest);
  RunResult r = site.l10n("merge");
  INFO(r.output);
  CHECK(r.status == 2);
  CHECK(r.output.find("the manifest is not a regular file inside the site") != std::string::npos);
  CHECK(r.output.find(".l10n-manifest: error: cannot write: the path leaves the site") != std::string::npos);
  CHECK(fs::is_symlink(manifest));
  site.expect_outside_untouched();
}

TEST_CASE("outputs that are not regular files are refused, not replaced", "[untrusted]") {
  Site site;
  REQUIRE(site.l10n("extract").status == 0);
  fs::path fifo = site.dir.path() / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  fs::path link = site.dir.path() / "report-link.json";
  fs::create_symlink(site.outside, link);
  for (const fs::path& out : {fifo, link}) {
    INFO(out);
    RunResult r = site.l10n("check --format json --output " + quote(out.string()));
    INFO(r.output);
    CHECK(r.status == 2);
    CHECK(r.output.find("not a regular file") != std::string::npos);
  }
  CHECK(fs::is_fifo(fs::symlink_status(fifo)));
  CHECK(fs::is_symlink(link));
  site.expect_outside_untouched();

  // A committed symlink where the template goes: not written through.
  fs::remove(site.root / "po/content.pot");
  fs::create_symlink(site.outside, site.root / "po/content.pot");
  spit(site.root / "content/en/new.md", "---\ntitle: New\n---\n\nA new page.\n");
  RunResult r = site.l10n("extract");
  INFO(r.output);
  CHECK(r.status == 2);
  CHECK(fs::is_symlink(site.root / "po/content.pot"));
  site.expect_outside_untouched();
}

TEST_CASE("merge does not write through a symlinked directory in the target tree", "[untrusted]") {
  Site site;
  REQUIRE(site.l10n("extract").status == 0);
  fs::path elsewhere = site.dir.path() / "elsewhere";
  fs::create_directories(elsewhere);
  fs::create_directories(site.root / "content/nl");
  // The example site has pages in content/en/; one of them goes to content/nl/.
  std::string page;
  for (const auto& e : fs::directory_iterator(site.root / "content/en"))
    if (e.path().extension() == ".md" && e.path().filename() != "_index.md") page = e.path().filename().string();
  REQUIRE(!page.empty());
  fs::create_directory_symlink(elsewhere, site.root / "content/nl/sub");
  fs::create_directories(site.root / "content/en/sub");
  fs::copy_file(site.root / "content/en" / page, site.root / "content/en/sub" / page);
  REQUIRE(site.l10n("extract").status == 0);
  RunResult r = site.l10n("merge --keep 0");
  INFO(r.output);
  CHECK(r.status == 2);
  CHECK(r.output.find("content/nl/sub/" + page + ": error: cannot write: the path leaves the site") != std::string::npos);
  CHECK(fs::is_empty(elsewhere));
}

TEST_CASE("a committed l10n.toml keeps every folder inside the site", "[untrusted]") {
  struct Case {
    const char* line;
    const char* expected;
  };
  const Case cases[] = {
      {"targetDir = \"../outside/{lang}\"", "l10n.toml:9:13: error: 'targetDir' must be a folder inside the site"},
      {"targetDir = \"/tmp/{lang}\"", "l10n.toml:9:13: error: 'targetDir' must be a folder inside the site"},
      {"sourceDir = \"../../etc\"", "l10n.toml:9:13: error: 'sourceDir' must be a folder inside the site"},
      {"targetDir = \"content/en/{lang}\"", "error: 'targetDir' for 'nl' and 'sourceDir' overlap"},
      {"[catalogs]\ndir = \"/tmp\"", "l10n.toml:10:7: error: 'dir' must be a folder inside the site"},
      {"[catalogs]\ndomain = \"../x\"", "l10n.toml:10:10: error: 'domain' must be a plain name"},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.line) {
      TempDir dir;
      fs::create_directories(dir.path() / "content/en");
      spit(dir.path() / "content/en/a.md", "# A\n");
      // The case's line is line 9 of the file.
      std::string base = "source = \"en\"\nlanguages = [\"nl\"]\nlayout = \"directory\"\n\n\n\n\n\n";
      spit(dir.path() / "l10n.toml", base + c.line + "\n");
      RunResult r = run_l10n("extract --root " + quote(dir.str()));
      INFO(r.output);
      CHECK(r.status == 2);
      CHECK(r.output.find(c.expected) != std::string::npos);
      CHECK_FALSE(fs::exists(dir.path() / "po"));
    }
  }
}

TEST_CASE("a config named on the command line may put outputs outside the root", "[untrusted]") {
  TempDir dir;
  fs::create_directories(dir.path() / "site/content/en");
  spit(dir.path() / "site/content/en/a.md", "# A heading\n\nA paragraph.\n");
  spit(dir.path() / "my.toml", "languages = [\"nl\"]\nsourceDir = \"content/en\"\n[catalogs]\ndir = " +
                                   std::string("\"") + (dir.path() / "catalogs").string() + "\"\n");
  RunResult r = run_l10n("extract --root " + quote((dir.path() / "site").string()) + " --config " +
                         quote((dir.path() / "my.toml").string()));
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(fs::exists(dir.path() / "catalogs/nl/content.po"));
}

TEST_CASE("one broken catalog stops its language only", "[untrusted]") {
  Site site;
  std::string toml = slurp(site.root / "l10n.toml");
  auto at = toml.find("languages = [\"nl\"]");
  REQUIRE(at != std::string::npos);
  spit(site.root / "l10n.toml", toml.replace(at, 18, "languages = [\"nl\", \"de\"]"));
  REQUIRE(site.l10n("extract").status == 0);
  // German translated as itself, so that merge writes its pages.
  std::string de = slurp(site.root / "po/de/content.po");
  spit(site.root / "po/nl/content.po", slurp(site.root / "po/nl/content.po") + "\nmsgid \"broken\nmsgstr \"\"\n");
  std::string nl_before = slurp(site.root / "po/nl/content.po");
  spit(site.root / "content/en/extra.md", "# Extra\n\nA page added in a pull request.\n");

  RunResult extract = site.l10n("extract");
  INFO(extract.output);
  CHECK(extract.status == 2);
  CHECK(extract.output.find("po/nl/content.po:") != std::string::npos);
  CHECK(slurp(site.root / "po/nl/content.po") == nl_before);
  CHECK(slurp(site.root / "po/de/content.po") != de);  // German still gets the new page
  CHECK(slurp(site.root / "po/content.pot").find("A page added in a pull request.") != std::string::npos);

  RunResult merge = site.l10n("merge --keep 0");
  INFO(merge.output);
  CHECK(merge.status == 2);
  CHECK(merge.output.find("po/nl/content.po:") != std::string::npos);
  CHECK(fs::exists(site.root / "content/de/extra.md"));
  CHECK_FALSE(fs::exists(site.root / "content/nl/extra.md"));
}

TEST_CASE("temps a killed run left are cleaned; two sources with one output are both refused", "[untrusted]") {
  Site site;
  REQUIRE(site.l10n("extract").status == 0);
  REQUIRE(site.l10n("merge").status == 0);
  // What SIGKILL left before (PID-named) and now (hidden, random).
  const char* stale[] = {"content/nl/_index.md.l10n-tmp.4242", "content/nl/._index.md.l10n-tmp.Ab3xYz",
                         "po/nl/content.po.l10n-tmp.77", "po/.content.pot.l10n-tmp.Zz9q0P"};
  for (const char* rel : stale) spit(site.root / rel, "half a file");
  spit(site.root / "content/nl/notes.l10n-tmp.txt", "a page of someone's, not a temp\n");
  REQUIRE(site.l10n("extract").status == 0);
  REQUIRE(site.l10n("merge").status == 0);
  for (const char* rel : stale) CHECK_FALSE(fs::exists(site.root / rel));
  CHECK(fs::exists(site.root / "content/nl/notes.l10n-tmp.txt"));

  TempDir dir;
  fs::create_directories(dir.path() / "content");
  spit(dir.path() / "l10n.toml", "languages = [\"nl\"]\nlayout = \"filename\"\nsourceDir = \"content\"\n");
  spit(dir.path() / "content/_index.md", "# One\n");
  spit(dir.path() / "content/_index.en.md", "# Two\n");
  spit(dir.path() / "content/other.md", "# Other\n");
  REQUIRE(run_l10n("extract --root " + quote(dir.str())).status == 0);
  RunResult r = run_l10n("merge --keep 0 --root " + quote(dir.str()));
  INFO(r.output);
  CHECK(r.status == 2);
  CHECK(r.output.find("not merged: 'content/_index.nl.md' would be written by") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "content/_index.nl.md"));
  CHECK(fs::exists(dir.path() / "content/other.nl.md"));
}

TEST_CASE("no command modifies a source", "[untrusted]") {
  Site site;
  auto sources = [&] {
    std::map<std::string, std::string> bytes;
    for (const auto& e : fs::recursive_directory_iterator(site.root / "content/en"))
      if (e.is_regular_file()) bytes[e.path().string()] = slurp(e.path());
    bytes["l10n.toml"] = slurp(site.root / "l10n.toml");
    return bytes;
  };
  const auto before = sources();
  const std::string report = quote((site.dir.path() / "report.json").string());
  for (const std::string& command : {std::string("extract"), std::string("merge --keep 0"),
                                     "check --format json --output " + report, std::string("stats"),
                                     std::string("import --lang nl --dry-run"), std::string("merge --check"),
                                     std::string("extract --no-obsolete")}) {
    INFO(command);
    RunResult r = site.l10n(command);
    INFO(r.output);
    CHECK(r.status <= 1);
    CHECK(sources() == before);
  }
}

TEST_CASE("a gettext language code becomes Hugo's in every output, catalogs keep it", "[merge]") {
  TempDir dir;
  fs::create_directories(dir.path() / "content/en");
  fs::create_directories(dir.path() / "i18n");
  spit(dir.path() / "l10n.toml", "languages = [\"pt_BR\"]\nsourceDir = \"content/en\"\n[merge]\nkeep = 0\n");
  spit(dir.path() / "content/en/a.md", "# A heading\n");
  spit(dir.path() / "i18n/en.toml", "more = \"Read more\"\n");
  spit(dir.path() / "hugo.toml", "title = \"Site\"\n");
  REQUIRE(run_l10n("extract --root " + quote(dir.str())).status == 0);
  CHECK(fs::exists(dir.path() / "po/pt_BR/content.po"));
  RunResult r = run_l10n("merge --root " + quote(dir.str()));
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(fs::exists(dir.path() / "content/pt-br/a.md"));
  CHECK(fs::exists(dir.path() / "content/pt-br/.l10n-manifest"));
  CHECK(fs::exists(dir.path() / "i18n/pt-br.toml"));
  CHECK(fs::exists(dir.path() / "config/_default/languages.pt-br.toml"));
  CHECK_FALSE(fs::exists(dir.path() / "content/pt_BR"));
  // The manifest it wrote is its own: a second merge removes nothing and changes nothing.
  CHECK(run_l10n("merge --check --root " + quote(dir.str())).status == 0);
}

TEST_CASE("check, import and merge read no target page through a symlink or a FIFO", "[untrusted]") {
  Site site;
  REQUIRE(site.l10n("extract").status == 0);
  spit(site.outside, "# A secret heading\n\nThis secret text lives outside the site and must never be read.\n");
  fs::create_directories(site.root / "content/nl");
  std::vector<std::string> pages;
  for (const auto& e : fs::directory_iterator(site.root / "content/en"))
    if (e.path().extension() == ".md") pages.push_back(e.path().filename().string());
  std::sort(pages.begin(), pages.end());
  REQUIRE(pages.size() >= 2);
  fs::create_symlink(site.outside, site.root / "content/nl" / pages[0]);
  fs::create_symlink(site.outside, site.root / "content/nl/extra.md");  // a hand-written page, as check sees it
  REQUIRE(::mkfifo((site.root / "content/nl" / pages[1]).c_str(), 0600) == 0);

  fs::path report = site.dir.path() / "report.json";
  RunResult check = site.l10n("check --format json --output " + quote(report.string()));
  INFO(check.output);
  CHECK(check.status <= 1);
  CHECK(slurp(report).find("secret") == std::string::npos);

  RunResult import = site.l10n("import --lang nl");
  INFO(import.output);
  CHECK(import.status == 0);
  CHECK(slurp(site.root / "po/nl/content.po").find("secret") == std::string::npos);

  // Before, merge read the FIFO to compare it with the new page, and hung.
  RunResult merge = run("timeout 60 " + quote(L10N_BINARY) + " merge --keep 0 --root " + quote(site.root.string()));
  INFO(merge.output);
  CHECK(merge.status == 0);
  CHECK(fs::is_symlink(site.root / "content/nl" / pages[0]));
  CHECK(fs::is_fifo(fs::symlink_status(site.root / "content/nl" / pages[1])));
  CHECK(slurp(site.outside).find("secret") != std::string::npos);
}
