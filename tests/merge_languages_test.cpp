// Merge goes one language at a time, and keeps each source file as the first
// language read it for the others (issue 18): what it writes for a language
// must not depend on that, nor on how many threads share the work, nor on
// another language's catalogs failing to load.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "po/catalog.h"
#include "po/reader.h"
#include "po/writer.h"
#include "testing.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kLanguages = {"nl", "de", "fr"};

// Pages of what the example site has little of: YAML block scalars (deeper
// than usual, under a nested key), a value in a flow mapping, TOML front
// matter, a heading that starts like a list item, a list item and a quote
// that a line break in the translation continues.
constexpr const char* kYamlPage = R"(---
title: Kept units
description: |
    A literal block scalar
    indented four spaces.
menu:
  main:
    name: |
      Kept
      units
  footer: {name: Kept in a flow mapping}
---

## - 5 °C outside

- A list item
  that goes on.

> A quote
> over two lines.

| Head | Cell |
|------|------|
| One  | Two  |
)";

constexpr const char* kTomlPage = R"(+++
title = 'Kept in TOML'
description = "A TOML string"
+++

A paragraph of the TOML page.
)";

using Files = std::map<std::string, std::string>;  // path in the site -> bytes

Files files_under(const fs::path& root) {
  Files files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file()) files[entry.path().lexically_relative(root).generic_string()] = slurp(entry.path());
  return files;
}

bool from_kept_page(const Message& m) {
  return std::any_of(m.references.begin(), m.references.end(),
                     [](const Reference& r) { return r.file().find("/kept-") != std::string_view::npos; });
}

// A translation of `m` for `lang`: by turns (in an order of the language's
// own) none, the msgid itself, refused ones (a heading marker, raw HTML, a
// link target, code spans and shortcode calls changed) and accepted ones,
// with a line break or without.
std::vector<std::string> translation(const Message& m, const std::string& lang, std::size_t turn) {
  std::string tag = "[" + lang + "] ";
  if (m.msgid.starts_with("- ")) return {m.msgid + " (" + lang + ")"};  // starts as the source does
  if (from_kept_page(m)) {
    // What each unit there is for: a value a comma takes out of a flow
    // mapping, one that an apostrophe takes out of TOML's literal quotes,
    // and line breaks.
    if (m.msgid.find("flow") != std::string::npos) return {m.msgid + ", " + lang};
    if (m.msgid.find("TOML") != std::string::npos) return {lang + "'s " + m.msgid};
    return {tag + m.msgid + "\n" + tag + "and more"};
  }
  switch (turn % 7) {
    case 0: return {""};
    case 1: return {m.msgid};
    case 2: return {"# " + m.msgid};
    case 3: return {m.msgid + " <b>" + lang + "</b>"};
    case 4: {
      std::string changed = m.msgid;
      changed.erase(std::remove(changed.begin(), changed.end(), '`'), changed.end());
      for (std::size_t at = 0; (at = changed.find("](", at)) != std::string::npos; at += 3) changed.insert(at + 2, "/x");
      for (std::size_t at = 0; (at = changed.find("{{< ", at)) != std::string::npos; at += 5) changed.insert(at + 4, "x");
      return {changed};
    }
    case 5: return {tag + m.msgid + "\n" + tag + "and more"};
    default: return {tag + m.msgid};
  }
}

// The example site, and the pages above, in three languages, extracted, with
// catalogs translated differently in each.
struct Site {
  TempDir dir;
  Files sources;

  Site() {
    // The sources only: a checkout where tools/example.sh ran has Dutch outputs beside them.
    for (const char* item : {"content/en", "config", "i18n", "hugo.toml", "l10n.toml"}) {
      fs::create_directories((dir.path() / item).parent_path());
      fs::copy(source_dir() / item, dir.path() / item, fs::copy_options::recursive);
    }
    for (const char* output : {"config/_default/languages.nl.toml", "config/_default/menus.nl.toml", "i18n/nl.toml"})
      fs::remove(dir.path() / output);
    std::string toml = slurp(dir.path() / "l10n.toml");
    auto at = toml.find("languages = [\"nl\"]");
    REQUIRE(at != std::string::npos);
    spit(dir.path() / "l10n.toml", toml.replace(at, 18, "languages = [\"nl\", \"de\", \"fr\"]"));
    spit(dir.path() / "content/en/kept-yaml.md", kYamlPage);
    spit(dir.path() / "content/en/kept-toml.md", kTomlPage);
    REQUIRE(run_l10n("extract --root " + quote(dir.str())).status == 0);
    for (std::size_t l = 0; l < kLanguages.size(); ++l) {
      fs::path po = dir.path() / "po" / kLanguages[l] / "content.po";
      Catalog cat = read_po(po.string(), po.string());
      for (std::size_t i = 0; i < cat.messages.size(); ++i)
        if (!cat.messages[i].extras().msgid_plural) cat.messages[i].msgstr = translation(cat.messages[i], kLanguages[l], i + l);
      write_po(po.string(), cat);
    }
    sources = files_under(dir.path());
  }

  RunResult merge(const std::string& args) const {
    return run_l10n("merge --keep 50 --verbose " + args + " --root " + quote(dir.str()));
  }
  // What merge wrote: every file that is not a source.
  Files outputs() const {
    Files out;
    for (auto& [path, bytes] : files_under(dir.path()))
      if (!sources.count(path)) out[path] = bytes;
    return out;
  }
  void remove_outputs() const {
    for (const auto& [path, bytes] : outputs()) fs::remove(dir.path() / path);
  }
};

// The lines of merge's report that hold `needle`.
std::string lines_with(const std::string& report, const std::string& needle) {
  std::istringstream in(report);
  std::string out;
  for (std::string line; std::getline(in, line);)
    if (line.find(needle) != std::string::npos) out += line + "\n";
  return out;
}

Files with_prefix(const Files& files, const std::vector<std::string>& prefixes) {
  Files out;
  for (const auto& [path, bytes] : files)
    for (const std::string& prefix : prefixes)
      if (path.starts_with(prefix)) out[path] = bytes;
  return out;
}

}  // namespace

TEST_CASE("merging every language at once writes what merging each alone does, on any number of threads",
          "[merge][e2e]") {
  Site site;
  RunResult all = site.merge("--jobs 2");
  INFO(all.output);
  REQUIRE(all.status == 0);
  for (const char* needle : {"raw HTML added", "link target changed", "code span dropped", "shortcode call changed",
                             "would change the page's structure", "a line break is not possible"})
    CHECK(all.output.find(needle) != std::string::npos);
  Files written = site.outputs();
  for (const std::string& lang : kLanguages) {
    INFO(lang);
    for (const std::string& output : {"content/" + lang + "/kept-yaml.md", "content/" + lang + "/kept-toml.md",
                                      "content/" + lang + "/.l10n-manifest", "i18n/" + lang + ".toml",
                                      "config/_default/languages." + lang + ".toml",
                                      "config/_default/menus." + lang + ".toml"})
      CHECK(written.count(output));
  }

  site.remove_outputs();
  RunResult one_thread = site.merge("--jobs 1");
  CHECK(one_thread.status == 0);
  CHECK(one_thread.output == all.output);
  CHECK(site.outputs() == written);

  // Alone, a language reads every file for itself.
  site.remove_outputs();
  std::string refusals, pages;  // the languages' lines, one language after the other
  for (const std::string& lang : kLanguages) {
    RunResult alone = site.merge("--lang " + lang);
    INFO(alone.output);
    CHECK(alone.status == 0);
    refusals += lines_with(alone.output, "translation not used in");
    pages += lines_with(alone.output, " translated)");
  }
  CHECK(refusals == lines_with(all.output, "translation not used in"));
  CHECK(pages == lines_with(all.output, " translated)"));
  CHECK(site.outputs() == written);
}

TEST_CASE("a language whose catalog does not load leaves the languages before and after it merged", "[merge][e2e]") {
  Site site;
  REQUIRE(site.merge("").status == 0);
  Files written = site.outputs();
  site.remove_outputs();
  spit(site.dir.path() / "po/de/content.po", slurp(site.dir.path() / "po/de/content.po") + "\nmsgid \"broken\n");
  site.sources = files_under(site.dir.path());

  RunResult r = site.merge("");
  INFO(r.output);
  CHECK(r.status == 2);
  CHECK(r.output.find("po/de/content.po:") != std::string::npos);
  CHECK(site.outputs() == with_prefix(written, {"content/nl/", "content/fr/", "i18n/nl", "i18n/fr",
                                                "config/_default/languages.nl", "config/_default/languages.fr",
                                                "config/_default/menus.nl", "config/_default/menus.fr"}));
}

TEST_CASE("a broken source page stops every language before any write", "[merge][e2e]") {
  Site site;
  spit(site.dir.path() / "content/en/broken.md", "# Broken \xff page\n");
  site.sources = files_under(site.dir.path());
  RunResult r = site.merge("");
  INFO(r.output);
  CHECK(r.status == 2);
  std::string error = "content/en/broken.md:1:";
  REQUIRE(r.output.find(error) != std::string::npos);
  CHECK(r.output.find(error, r.output.find(error) + 1) == std::string::npos);  // once, not once a language
  CHECK(site.outputs().empty());
}
