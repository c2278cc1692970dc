// Every text l10n shows a person goes through the "l10n" translation domain.
// The test compiles a pseudo-translation of po/cli/l10n.pot, in which every
// ASCII letter of every message becomes an accented one ("ĉáññóţ ŕéáď"), and
// runs a copy of the binary that finds it as the language "en@pseudo" on a
// site whose every step says something: extract, update, merge with refused
// translations, stats, check in text, HTML and SARIF, import, init, broken
// config, front matter and PO files, bad options. What is left in plain ASCII
// letters must come from the inputs (paths, page text, option names); any
// other word is a message that a translator cannot translate.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <map>
#include <iostream>
#include <set>
#include <sstream>

#include "po/catalog.h"
#include "po/reader.h"
#include "po/writer.h"
#include "testing.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPseudo = "en@pseudo";

// A printf conversion ("%s", "%1$s", "%-9s", "%zu", "%%") or a Boost
// placeholder ("%canonical_option%") at `at`, as its length.
std::size_t conversion_length(std::string_view s, std::size_t at) {
  std::size_t name = s.find_first_not_of("abcdefghijklmnopqrstuvwxyz_", at + 1);
  if (name != std::string_view::npos && name > at + 2 && s[name] == '%') return name - at + 1;
  std::size_t i = at + 1;
  auto skip = [&](std::string_view set) {
    while (i < s.size() && set.find(s[i]) != std::string_view::npos) ++i;
  };
  skip("0123456789$");
  skip("-+ #0'");
  skip("0123456789*.");
  skip("hlzjtL");
  return i < s.size() ? i - at + 1 : s.size() - at;
}

// "cannot read: %s" -> "ĉáññóţ ŕéáď: %s": every ASCII letter outside a
// conversion becomes a letter with a diacritic, so a message that went
// through the catalog holds no plain ASCII word.
std::string pseudo(std::string_view text) {
  static const char* const lower[26] = {"á", "ƀ", "ĉ", "ď", "é", "ƒ", "ĝ", "ĥ", "í", "ĵ", "ķ", "ĺ", "ɱ",
                                        "ñ", "ó", "ƥ", "ʠ", "ŕ", "š", "ţ", "ú", "ṽ", "ŵ", "ẋ", "ý", "ž"};
  static const char* const upper[26] = {"Á", "Ɓ", "Ĉ", "Ď", "É", "Ƒ", "Ĝ", "Ĥ", "Í", "Ĵ", "Ķ", "Ĺ", "Ṁ",
                                        "Ñ", "Ó", "Ƥ", "Ǫ", "Ŕ", "Š", "Ţ", "Ú", "Ṽ", "Ŵ", "Ẋ", "Ý", "Ž"};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '%') {
      std::size_t n = conversion_length(text, i);
      out.append(text.substr(i, n));
      i += n;
      continue;
    }
    if (c >= 'a' && c <= 'z') out += lower[c - 'a'];
    else if (c >= 'A' && c <= 'Z') out += upper[c - 'A'];
    else out += c;
    ++i;
  }
  return out;
}

// A copy of the binary with the pseudo catalog in locale/ beside it, where
// the binary looks first.
fs::path pseudo_binary(const fs::path& dir) {
  Catalog cat = read_po((source_dir() / "po/cli/l10n.pot").string(), "po/cli/l10n.pot");
  cat.header = "Content-Type: text/plain; charset=UTF-8\nLanguage: en@pseudo\n"
               "Plural-Forms: nplurals=2; plural=(n != 1);\n";
  cat.header_fuzzy = false;
  for (Message& m : cat.messages) {
    m.fuzzy = false;
    m.msgstr = {pseudo(m.msgid)};
    if (m.extras().msgid_plural) m.msgstr.push_back(pseudo(*m.extras().msgid_plural));
  }
  fs::path po = dir / "pseudo.po", mo = dir / "locale" / kPseudo / "LC_MESSAGES" / "l10n.mo";
  fs::create_directories(mo.parent_path());
  write_po(po.string(), cat);
  RunResult compiled = run("msgfmt -c -o " + quote(mo.string()) + " " + quote(po.string()));
  INFO(compiled.output);
  REQUIRE(compiled.status == 0);
  fs::copy_file(L10N_BINARY, dir / "l10n");
  fs::permissions(dir / "l10n", fs::perms::owner_exec, fs::perm_options::add);
  return dir / "l10n";
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The ASCII words of two letters or more in `text`, as they are written.
std::set<std::string> ascii_words(std::string_view text) {
  std::set<std::string> out;
  for (std::size_t i = 0; i < text.size();) {
    if (!is_letter(text[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < text.size() && is_letter(text[i])) ++i;
    // A word glued to a byte past ASCII is part of a pseudo word ("ĉá" + "t").
    bool glued = (start > 0 && static_cast<unsigned char>(text[start - 1]) >= 0x80) ||
                 (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x80);
    if (i - start >= 2 && !glued) out.insert(std::string(text.substr(start, i - start)));
  }
  return out;
}

// What a person reads in a page of HTML: the text of its elements after its
// script ran, and the titles and placeholders of its controls, as Chromium
// shows them.
std::string visible_text(const std::string& chromium, const fs::path& html, const fs::path& dir) {
  std::string probed = slurp(html);
  probed.insert(probed.rfind("</body>"),
                "<script>var t = [document.title, document.body.innerText];"
                "document.querySelectorAll('[title],[placeholder],[aria-label]').forEach(function (e) {"
                "  t.push(e.title, e.placeholder || '', e.getAttribute('aria-label') || ''); });"
                "document.querySelectorAll('option').forEach(function (e) { t.push(e.textContent); });"
                "var p = document.createElement('pre'); p.id = 'probe-out'; p.textContent = t.join('\\n');"
                "document.body.appendChild(p);</script>");
  fs::path copy = dir / "probed.html";
  spit(copy, probed);
  std::string dom = run(chromium + "--dump-dom " + quote("file://" + copy.string())).output;
  std::size_t at = dom.find("<pre id=\"probe-out\">");
  REQUIRE(at != std::string::npos);
  at = dom.find('>', at) + 1;
  std::string text = dom.substr(at, dom.find("</pre>", at) - at);
  // --dump-dom escapes the text again.
  for (auto [entity, c] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}}) {
    for (std::size_t p; (p = text.find(entity)) != std::string::npos;) text.replace(p, std::strlen(entity), c);
  }
  return text;
}

// The test site: English pages about bicycles and lighthouses (words no
// message of l10n uses), Dutch and German catalogs in every state a catalog
// can be in.
void write_site(const fs::path& root) {
  spit(root / "l10n.toml",
       "source = \"en\"\nlanguages = [\"nl\", \"de\", \"fr\"]\nlayout = \"directory\"\n"
       "sourceDir = \"content/en\"\ntargetDir = \"content/{lang}\"\ninclude = [\"**/*.md\"]\nexclude = []\n\n"
       "[frontMatter]\nkeys = [\"title\", \"linkTitle\", \"subtitle\", \"description\", \"summary\", \"menu.*.name\"]\n\n"
       "[shortcodes]\nhint = [\"caption\"]\n\n[catalogs]\ndir = \"po\"\ndomain = \"content\"\nsplit = \"site\"\n\n[merge]\nkeep = 10\n\n"
       "[report]\nrepository = \"https://example.org/bikes/blob/main/\"\n");
  spit(root / "content/en/bicycles.md",
       "---\ntitle: Bicycles\n---\n\n# Riding bicycles near lighthouses\n\n"
       "Cyclists pedal along windy coastal roads beside tall striped lighthouses.\n\n"
       "{{< hint caption=\"Lighthouse keepers wave\" >}}\n\n"
       "Seagulls circle above harbours while fishermen mend nets.\n\n"
       "* Tandem\n* Penny farthing\n");
  spit(root / "content/en/harbour.md",
       "---\ntitle: Harbour\n---\n\nFishermen mend nets while seagulls circle the harbour.\n");
}

// Dutch for some units, a translation that breaks its shortcode, English
// left in another; German half done; French untouched. Returns the texts.
std::string translate(const fs::path& root) {
  fs::path nl = root / "po/nl/content.po", de = root / "po/de/content.po";
  Catalog cat = read_po(nl.string(), "po/nl/content.po");
  for (Message& m : cat.messages) {
    if (m.msgid == "Bicycles") m.msgstr = {"Fietsen"};
    if (m.msgid == "Riding bicycles near lighthouses") m.msgstr = {"Fietsen bij vuurtorens"};
    if (m.msgid.starts_with("Cyclists pedal")) m.msgstr = {"Fietsers trappen langs winderige kustwegen."};
    if (m.msgid.starts_with("Seagulls circle")) m.msgstr = {"Seagulls circle above harbours while fishermen mend nets."};
    if (m.msgid == "Lighthouse keepers wave") m.msgstr = {"Vuurtorenwachters {{< zwaaien"};
    if (m.msgid == "Harbour") {
      m.msgstr = {"Haven"};
      m.fuzzy = true;
    }
  }
  write_po(nl.string(), cat);
  cat = read_po(de.string(), "po/de/content.po");
  for (Message& m : cat.messages)
    if (m.msgid == "Bicycles") m.msgstr = {"Fahrräder"};
  write_po(de.string(), cat);
  return "Fietsen bij vuurtorens Fietsers trappen langs winderige kustwegen Vuurtorenwachters zwaaien Haven Fahrräder";
}

}  // namespace

TEST_CASE("every text the tool shows is in the translation domain (pseudo-locale)", "[cli][i18n]") {
  if (!have("msgfmt")) {
    WARN("msgfmt is absent: the pseudo-locale is not tested");
    return;
  }
  TempDir dir;
  fs::path bin = pseudo_binary(dir.path());
  fs::path root = dir.path() / "site";
  write_site(root);

  std::string transcript;  // every command line and what it printed
  std::string inputs;      // every text the test wrote, with its path
  for (const auto& entry : fs::recursive_directory_iterator(root))
    inputs += entry.path().string() + "\n" + slurp(entry.path()) + "\n";
  auto write = [&](const fs::path& p, const std::string& text) {
    spit(p, text);
    inputs += p.string() + "\n" + text + "\n";
  };
  auto l10n = [&](const std::string& args) {
    RunResult r = run("env -u LC_ALL -u LC_MESSAGES -u LANG LANGUAGE=" + std::string(kPseudo) + " " +
                          quote(bin.string()) + " " + args,
                      root.string());
    transcript += "$ l10n " + args + "\n" + r.output;
    return r;
  };
  CHECK(l10n("--help").output.find(pseudo("usage: l10n <command> [options]")) != std::string::npos);
  for (const char* command : {"extract", "update", "merge", "import", "stats", "init", "check"})
    l10n(std::string(command) + " --help");
  l10n("no-such-command");
  l10n("merge --no-such-option");
  l10n("merge --keep");
  l10n("merge --keep 120");
  l10n("merge --keep many");
  l10n("merge --jobs -3");
  l10n("check --format pdf");
  l10n("stats --root a --root b");
  l10n("update only-one.po");

  l10n("extract");
  l10n("extract --verbose");
  inputs += translate(root);
  // A page written by hand in Dutch, with a spot check cannot read.
  write(root / "content/nl/handmade.md", "---\ntitle: Zeilboten\n---\n\nZeilboten varen {{< hint caption=\"open\n");
  l10n("stats");
  l10n("update --verbose po/nl/content.po po/content.pot -o po/nl/content.po");
  l10n("merge --verbose --strict");
  l10n("merge --check");
  l10n("merge --dry-run");
  l10n("check");
  l10n("check --lang nl content/nl/bicycles.md");
  l10n("check --format html --output report.html");
  l10n("check --format sarif --output report.sarif");
  l10n("import --lang nl --dry-run");
  l10n("init --dry-run");
  write(dir.path() / "hugo/hugo.toml", "defaultContentLanguage = \"en\"\n[languages.en]\n[languages.nl]\n"
                                       "[languages.de]\n");
  write(dir.path() / "hugo/content/en/kayak.md", "---\ntitle: Kayaks glide\nicon: fas kayak\n---\n\nPaddles splash.\n");
  write(dir.path() / "hugo/content/nl/kayak.md", "---\ntitle: Kajaks\n---\n\nPeddels spetteren.\n");
  l10n("init --dry-run --root " + quote((dir.path() / "hugo").string()));

  // Broken inputs, one at a time: front matter in each format, a shortcode
  // call, a PO file, the config, the command line.
  for (std::string broken : {"---\ntitle: [unclosed\n---\n\nBoats.\n", "+++\ntitle = [unclosed\n+++\n\nBoats.\n",
                             "{\"title\": \"Boats\" \"x\"}\n\nBoats.\n", "+++\ntitle = 1979-13-01\n+++\n",
                             "Boats {{< hint caption=\"x\" >}\n", "Boats {{< hint caption=x! >}}\n",
                             "Boats {{< /hint >}}\n"}) {
    write(root / "content/en/broken.md", broken);
    l10n("extract");
  }
  fs::remove(root / "content/en/broken.md");
  std::string po = slurp(root / "po/de/content.po");
  // Only the line added is an input: the rest is l10n's own (its comments
  // would hide a leaked "same as msgid").
  spit(root / "po/de/content.po", po + "\nmsgid \"dangling\"\n");
  inputs += "msgid dangling\n";
  l10n("merge");
  spit(root / "po/de/content.po", po);
  fs::remove(root / "po/fr/content.po");
  l10n("stats");
  l10n("update po/nl/content.po po/content.pot -o /nonexistent/dir/nl.po");
  l10n("update po/nl/content.po missing.pot -o nl.po");
  std::string config = slurp(root / "l10n.toml");
  write(root / "l10n.toml", config + "colour = \"blue\"\n");
  l10n("stats");
  write(root / "l10n.toml", config + "[check]\nglossary = 3\n");
  l10n("stats");
  write(root / "l10n.toml", config);
  l10n("merge --jobs x");
  l10n("merge --dry-run=yes");
  l10n("check --lang");

  // What each kind of output says went through the catalog.
  for (const char* expected : {"translated", "fix: %s:%d", "warning", "unknown option '%canonical_option%'",
                               "invalid YAML: %s (%s)", "invalid TOML (%s): %s", "unterminated quoted string in shortcode '%s'",
                               "cannot read this spot, the rest of the page was checked: %s", "no such file or directory"}) {
    std::string part = pseudo(expected);
    part = part.substr(0, part.find('%'));
    INFO(expected);
    CHECK(transcript.find(part) != std::string::npos);
  }

  // The HTML report as Chromium shows it, and the texts of the SARIF log
  // that GitHub shows.
  std::string shown = transcript;
  if (std::string chromium = headless_chromium(dir.path() / "profile"); !chromium.empty())
    shown += visible_text(chromium, root / "report.html", dir.path());
  else
    WARN("chromium is not installed: the HTML report's texts are not tested");
  std::string sarif = slurp(root / "report.sarif");
  for (std::size_t at = 0; (at = sarif.find("\"text\": \"", at)) != std::string::npos;) {
    at += 9;
    shown += sarif.substr(at, sarif.find('"', at) - at) + "\n";
  }

  // Words the inputs hold: the site's files, the command lines, the paths
  // (not the files l10n wrote, whose comments are English for every
  // translator alike).
  std::set<std::string> data = ascii_words(dir.str() + "\n" + inputs);
  // The command names are syntax.
  for (const char* command : {"extract", "update", "merge", "import", "stats", "init", "check"}) data.insert(command);
  std::istringstream lines(shown);
  std::string leaks;
  for (std::string line; std::getline(lines, line);) {
    // Command lines, the ones run and the examples in --help, are syntax.
    if (line.starts_with("$ l10n ") || line.find_first_not_of(' ') == line.find("l10n ")) {
      for (const std::string& w : ascii_words(line)) data.insert(w);
      continue;
    }
    // So are option names, and their default values in --help ("(=text)").
    for (std::size_t at = 0; (at = line.find("(=", at)) != std::string::npos; at += 2)
      for (const std::string& w : ascii_words(line.substr(at, line.find(')', at) - at))) data.insert(w);
    for (std::size_t at = 0; (at = line.find("--", at)) != std::string::npos; at += 2) {
      std::size_t end = line.find_first_not_of("abcdefghijklmnopqrstuvwxyz-", at + 2);
      for (const std::string& w : ascii_words(line.substr(at, end - at))) data.insert(w);
    }
    std::string words;
    for (const std::string& w : ascii_words(line))
      if (!data.count(w)) words += " " + w;
    if (!words.empty()) leaks += line + "\n   (" + words.substr(1) + ")\n";
  }
  spit(fs::path(L10N_BINARY).parent_path() / "pseudo-locale-transcript.txt", shown);
  spit(fs::path(L10N_BINARY).parent_path() / "pseudo-locale-leaks.txt", leaks);
  INFO("lines with words from no input and no catalog (build/pseudo-locale-leaks.txt):\n" << leaks);
  CHECK(leaks.empty());
}
