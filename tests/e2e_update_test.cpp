// End-to-end: catalog updates through the l10n binary (`l10n update` and the
// update step of `l10n extract`), checked against gettext's own tools.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "po/catalog.h"
#include "testing.h"
#include "po/reader.h"
#include "po/writer.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

const Message* find(const Catalog& cat, const std::string& msgid) {
  for (const auto& m : cat.messages)
    if (m.msgid == msgid) return &m;
  return nullptr;
}

// Every file under `dir` with its bytes.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = slurp(e.path());
  return files;
}

// What a translator does in Weblate: fills in every untranslated entry (and
// confirms every fuzzy one) by rewriting the file as gettext would.
void translate_all(const fs::path& po, const std::string& prefix) {
  Catalog cat = read_po(po.string(), po.string());
  for (auto& m : cat.messages) {
    if (m.obsolete) continue;
    for (auto& s : m.msgstr)
      if (s.empty() || m.fuzzy) s = prefix + m.msgid;
    m.fuzzy = false;
    m.edit_extras().prev_msgctxt = m.edit_extras().prev_msgid = m.edit_extras().prev_msgid_plural = std::nullopt;
  }
  write_po(po.string(), cat);
}

// gettext agrees with the file: msgcat writes the same bytes, and msgmerge
// --previous with the template changes nothing either.
void check_gettext_fixed_point(const fs::path& po, const fs::path& pot) {
  INFO(po.string());
  auto cat = run("msgcat " + quote(po.string()));
  REQUIRE(cat.status == 0);
  CHECK(cat.output == slurp(po));
  auto merged = run("msgmerge -q --previous " + quote(po.string()) + " " + quote(pot.string()) + " -o -");
  REQUIRE(merged.status == 0);
  CHECK(merged.output == slurp(po));
}

const char* const kConfig =
    "languages = [\"nl\", \"de\"]\nsourceDir = \"content/en\"\n[catalogs]\nsplit = \"section\"\n";

const std::string kEdited = "Open the settings dialog from the toolbar and choose the projection of the map canvas.";
const std::string kMoved = "Layers can be grouped, renamed and reordered by dragging them in the layer panel.";
const std::string kDeleted = "Every plugin is reviewed by two maintainers before it is published in the repository.";
const std::string kStays = "The attribute table shows every feature of the selected vector layer.";

// docs/a.md has four paragraphs: one to edit, one to move, one to delete
// and restore, one that stays; blog/b.md one of its own.
void write_site(const fs::path& root, const std::string& a_body, const std::string& c_body,
                const std::string& b_body) {
  spit(root / "l10n.toml", kConfig);
  spit(root / "content/en/docs/a.md", "---\ntitle: Page A\n---\n\n" + a_body);
  spit(root / "content/en/docs/c.md", "---\ntitle: Page C\n---\n\n" + c_body);
  spit(root / "content/en/blog/b.md", "---\ntitle: Post B\n---\n\nA blog post about the release.\n\n" + b_body);
}

// `l10n update OLD POT -o OUT` and `msgmerge --previous OLD POT`: what
// msgmerge writes, once l10n has written OUT (both must succeed).
std::string update_beside_msgmerge(const fs::path& old_po, const fs::path& pot, const fs::path& out) {
  auto ours = run_l10n("update " + quote(old_po.string()) + " " + quote(pot.string()) + " -o " + quote(out.string()));
  INFO(ours.output);
  REQUIRE(ours.status == 0);
  auto theirs = run("msgmerge -q --previous " + quote(old_po.string()) + " " + quote(pot.string()) + " -o -");
  REQUIRE(theirs.status == 0);
  return theirs.output;
}

RunResult extract(const TempDir& site, const std::string& epoch = "1700000000") {
  return run("SOURCE_DATE_EPOCH=" + epoch + " " + quote(L10N_BINARY) + " extract --quiet --root " + quote(site.str()));
}

}  // namespace

TEST_CASE("a paragraph edited, moved, deleted and restored, through extract", "[e2e][update]") {
  TempDir site;
  const fs::path po = site.path() / "po";
  write_site(site.path(), kEdited + "\n\n" + kMoved + "\n\n" + kDeleted + "\n\n" + kStays + "\n", "Short page.\n", "");
  REQUIRE(extract(site).status == 0);
  for (const char* lang : {"nl", "de"})
    for (const char* domain : {"docs", "blog"}) translate_all(po / lang / (std::string(domain) + ".po"), std::string("[") + lang + "] ");
  const std::string translated_moved = "[nl] " + kMoved;

  // Edit one word; move a paragraph to another page of the section and one
  // to another section; delete one.
  const std::string edited = "Open the settings dialog from the toolbar and choose the projection of the print layout.";
  write_site(site.path(), edited + "\n\n" + kStays + "\n", "Short page.\n\n" + kStays + "\n", kMoved + "\n");
  auto r = extract(site, "1800000000");
  INFO(r.output);
  REQUIRE(r.status == 0);
  Catalog docs = read_po((po / "nl/docs.po").string(), "docs.po");
  Catalog blog = read_po((po / "nl/blog.po").string(), "blog.po");

  const Message* e = find(docs, edited);
  REQUIRE(e);
  CHECK(e->fuzzy);
  CHECK(e->extras().prev_msgid == kEdited);
  CHECK(e->msgstr == std::vector<std::string>{"[nl] " + kEdited});

  const Message* s = find(docs, kStays);  // now on two pages: both referenced, still translated
  REQUIRE(s);
  CHECK(s->translated());
  CHECK(s->references == std::vector<Reference>{{"content/en/docs/a.md", 7}, {"content/en/docs/c.md", 7}});

  const Message* m = find(blog, kMoved);  // taken from the docs catalog, as it was
  REQUIRE(m);
  CHECK(m->translated());
  CHECK(m->msgstr == std::vector<std::string>{translated_moved});
  CHECK(m->references == std::vector<Reference>{{"content/en/blog/b.md", 7}});

  const Message* d = find(docs, kDeleted);
  REQUIRE(d);
  CHECK(d->obsolete);
  CHECK(d->references.empty());
  CHECK(find(docs, kEdited) == nullptr);  // used for the fuzzy match, so not kept as obsolete too
  const Message* moved_away = find(docs, kMoved);  // what left the docs catalog is obsolete there
  REQUIRE(moved_away);
  CHECK(moved_away->obsolete);

  // The POT changed, so its date did; the German catalog got the same treatment.
  Catalog pot = read_po((po / "docs.pot").string(), "docs.pot");
  CHECK(pot.header_field("POT-Creation-Date") == "2027-01-15 08:00+0000");
  CHECK(docs.header_field("POT-Creation-Date") == "2027-01-15 08:00+0000");
  CHECK(docs.header_field("Last-Translator") == "Automatically generated");
  Catalog de_docs = read_po((po / "de/docs.po").string(), "de/docs.po");
  const Message* de = find(de_docs, edited);
  REQUIRE(de);
  CHECK(de->extras().prev_msgid == kEdited);

  for (const char* lang : {"nl", "de"})
    for (const char* domain : {"docs", "blog"})
      check_gettext_fixed_point(po / lang / (std::string(domain) + ".po"), po / (std::string(domain) + ".pot"));

  SECTION("the deleted paragraph restored comes back translated") {
    write_site(site.path(), edited + "\n\n" + kStays + "\n\n" + kDeleted + "\n", "Short page.\n\n" + kStays + "\n",
               kMoved + "\n");
    REQUIRE(extract(site).status == 0);
    Catalog again = read_po((po / "nl/docs.po").string(), "docs.po");
    const Message* back = find(again, kDeleted);
    REQUIRE(back);
    CHECK_FALSE(back->obsolete);
    CHECK(back->translated());
    CHECK(back->msgstr == std::vector<std::string>{"[nl] " + kDeleted});
    CHECK(back->references == std::vector<Reference>{{"content/en/docs/a.md", 9}});
  }

  SECTION("extract again, later, changes no byte") {
    auto before = snapshot(po);
    auto again = extract(site, "1900000000");
    REQUIRE(again.status == 0);
    CHECK(snapshot(po) == before);
  }

  SECTION("a translator's edit survives extract, and a second extract changes nothing") {
    std::string text = slurp(po / "nl/docs.po");
    const std::string from = "#, fuzzy\n#| msgid \"";
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    // Weblate confirms the fuzzy translation: the flag and the previous msgid go.
    auto end = text.find("msgid \"", at + from.size());
    text.erase(at, end - at);
    spit(po / "nl/docs.po", text);
    auto first = extract(site, "1900000000");
    REQUIRE(first.status == 0);
    CHECK(slurp(po / "nl/docs.po") == text);
    auto before = snapshot(po);
    REQUIRE(extract(site, "1950000000").status == 0);
    CHECK(snapshot(po) == before);
  }

  SECTION("--no-obsolete drops what left the source") {
    REQUIRE(run(quote(L10N_BINARY) + " extract --quiet --no-obsolete --root " + quote(site.str())).status == 0);
    Catalog pruned = read_po((po / "nl/docs.po").string(), "docs.po");
    CHECK(find(pruned, kDeleted) == nullptr);
    CHECK(find(pruned, edited));
  }
}

TEST_CASE("l10n update is a drop-in for msgmerge --previous", "[e2e][update]") {
  TempDir dir;
  const fs::path old_po = dir.path() / "nl.po", pot = dir.path() / "new.pot";
  spit(old_po,
       "# Dutch.\nmsgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: site 1\\n\"\n\"POT-Creation-Date: 2024-01-01 00:00+0000\\n\"\n"
       "\"Last-Translator: Jan <jan@example.org>\\n\"\n\"Language-Team: Dutch\\n\"\n\"Language: nl\\n\"\n"
       "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\n"
       "# keep me\n#: a.md:1\nmsgid \"Unchanged text of the page.\"\nmsgstr \"Ongewijzigde tekst van de pagina.\"\n\n"
       "#: a.md:3\nmsgid \"Install the package with the package manager.\"\nmsgstr \"Installeer het pakket met de pakketbeheerder.\"\n\n"
       "#: a.md:5\nmsgid \"A paragraph that goes away.\"\nmsgstr \"Een alinea die verdwijnt.\"\n\n"
       "#: a.md:7\nmsgid \"One file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"Eén bestand\"\nmsgstr[1] \"%d bestanden\"\n\n"
       "#: a.md:9\nmsgctxt \"menu\"\nmsgid \"Home\"\nmsgstr \"Start\"\n");
  spit(pot,
       "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: site 2\\n\"\n\"POT-Creation-Date: 2024-06-01 00:00+0000\\n\"\n"
       "\"Language: \\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
       "#. paragraph\n#: b.md:2\nmsgid \"Unchanged text of the page.\"\nmsgstr \"\"\n\n"
       "#: b.md:4\nmsgid \"Install the package with the system's package manager.\"\nmsgstr \"\"\n\n"
       "#: b.md:6\nmsgid \"One file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n\n"
       "#: b.md:8\nmsgctxt \"menu\"\nmsgid \"Home\"\nmsgstr \"\"\n\n"
       "#: b.md:9\nmsgctxt \"footer\"\nmsgid \"Home\"\nmsgstr \"\"\n\n"
       "#: b.md:10\nmsgid \"A brand new paragraph.\"\nmsgstr \"\"\n");
  const std::string theirs = update_beside_msgmerge(old_po, pot, dir.path() / "ours.po");
  CHECK(slurp(dir.path() / "ours.po") == theirs);
  Catalog out = read_po((dir.path() / "ours.po").string(), "ours.po");
  CHECK(out.header_field("Last-Translator") == "Jan <jan@example.org>");
  CHECK(out.header_field("POT-Creation-Date") == "2024-06-01 00:00+0000");
  const Message* footer = nullptr;
  for (const auto& m : out.messages)
    if (m.msgctxt == std::optional<std::string>("footer")) footer = &m;
  REQUIRE(footer);
  CHECK(footer->fuzzy);  // msgmerge's context-crossing fuzzy match
  CHECK(footer->extras().prev_msgctxt == "menu");

  SECTION("in place, and --no-obsolete") {
    // gettext 0.21's msgmerge has no option for it: msgattrib drops them.
    auto mm = run("msgmerge -q --previous " + quote(old_po.string()) + " " + quote(pot.string()) +
                  " -o - | msgattrib --no-obsolete");
    REQUIRE(mm.status == 0);
    REQUIRE(mm.output != theirs);
    auto r = run_l10n("update --no-obsolete " + quote(old_po.string()) + " " + quote(pot.string()) + " -o " +
                      quote(old_po.string()));
    REQUIRE(r.status == 0);
    CHECK(slurp(old_po) == mm.output);
    CHECK(slurp(old_po).find("#~") == std::string::npos);
  }
}

TEST_CASE("l10n update decides as msgmerge --previous on the benchmark's pairs", "[e2e][update]") {
  // bench/update_bench.sh's two pairs, smaller: prose, and a 26-word
  // vocabulary where every message looks like every other. Same bytes as
  // msgmerge, whatever the number of cores the search runs on.
  for (const char* vocabulary : {"", "--vocabulary 26 "}) {
    INFO(vocabulary);
    TempDir dir;
    auto gen = run("python3 " + quote((source_dir() / "bench/gen_catalogs.py").string()) + " " + vocabulary + "600 " +
                   quote(dir.str()) + " 3");
    REQUIRE(gen.status == 0);
    const fs::path old_po = dir.path() / "OLD.po", pot = dir.path() / "NEW.pot";
    const std::string theirs = update_beside_msgmerge(old_po, pot, dir.path() / "ours.po");
    CHECK(slurp(dir.path() / "ours.po") == theirs);
    CHECK(theirs.find("#| msgid") != std::string::npos);
    if (run("taskset -c 0 true").status == 0) {
      const fs::path serial = dir.path() / "one-core.po";
      auto one_core = run("taskset -c 0 " + quote(L10N_BINARY) + " update " + quote(old_po.string()) + " " +
                          quote(pot.string()) + " -o " + quote(serial.string()));
      REQUIRE(one_core.status == 0);
      CHECK(slurp(serial) == theirs);
    }
  }
}

TEST_CASE("l10n update writes a bare header as msgmerge does", "[e2e][update]") {
  // Fields out of gettext's order and none of the template's: msgmerge puts
  // the ones it knows in its order, the template's among them, then the rest.
  TempDir dir;
  const fs::path old_po = dir.path() / "nl.po", pot = dir.path() / "new.pot";
  spit(old_po,
       "msgid \"\"\nmsgstr \"\"\n\"Language: nl\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
       "\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\"Project-Id-Version: site\\n\"\n\n"
       "msgid \"Install the package.\"\nmsgstr \"Installeer het pakket.\"\n");
  spit(pot,
       "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: site 2\\n\"\n\"Report-Msgid-Bugs-To: bugs@example.org\\n\"\n"
       "\"POT-Creation-Date: 2024-06-01 00:00+0000\\n\"\n\"Language: \\n\"\n"
       "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
       "msgid \"Install the package.\"\nmsgstr \"\"\n");
  const std::string theirs = update_beside_msgmerge(old_po, pot, dir.path() / "ours.po");
  CHECK(slurp(dir.path() / "ours.po") == theirs);
  CHECK(theirs.find("\"POT-Creation-Date: 2024-06-01 00:00+0000\\n\"\n\"Language: nl\\n\"\n") != std::string::npos);
}

TEST_CASE("l10n update refuses bad input and leaves every file as it was", "[e2e][update]") {
  TempDir dir;
  const fs::path po = dir.path() / "nl.po", pot = dir.path() / "new.pot", out = dir.path() / "out.po";
  const std::string header =
      "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: site\\n\"\n\"Language: nl\\n\"\n"
      "\"Content-Type: text/plain; charset=UTF-8\\n\"\n";
  const std::string good_pot = header + "\nmsgid \"a\"\nmsgstr \"\"\n";
  spit(pot, good_pot);
  spit(out, "previous output\n");
  struct Case {
    const char* name;
    std::string po_text;
    std::string args;      // beyond OLD POT -o OUT
    std::string expected;  // "nl.po:LINE: error: …"
  };
  const Case cases[] = {
      {"syntax error", header + "\nmsgid \"a\"\nmsgstr \"x\n", "", "nl.po:8: error: end-of-line within string"},
      {"duplicate entry", header + "\nmsgid \"a\"\nmsgstr \"x\"\n\n#: p.md:1\nmsgid \"a\"\nmsgstr \"y\"\n", "",
       "nl.po:10: error: duplicate message definition (first defined at line 7)"},
      {"wrong charset",
       "msgid \"\"\nmsgstr \"\"\n\"Language: nl\\n\"\n\"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n\n"
       "msgid \"a\"\nmsgstr \"x\"\n",
       "", "nl.po:1: error: charset 'ISO-8859-1' is not supported; convert the file to UTF-8"},
      {"Language mismatch", header + "\nmsgid \"a\"\nmsgstr \"x\"\n", "--lang de ",
       "nl.po:4: error: the header says Language: nl, but this is the catalog for 'de'"},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.name) {
      spit(po, c.po_text);
      for (const fs::path& target : {out, po}) {
        auto r = run_l10n("update " + c.args + "nl.po new.pot -o " + quote(target.filename().string()), dir.str());
        INFO(r.output);
        CHECK(r.status == 2);
        CHECK(r.output == c.expected + "\n");
        CHECK(slurp(po) == c.po_text);
        CHECK(slurp(out) == "previous output\n");
        CHECK(slurp(pot) == good_pot);
      }
      CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 3);
    }
  }
  SECTION("a broken template") {
    spit(po, header + "\nmsgid \"a\"\nmsgstr \"x\"\n");
    spit(pot, header + "\nmsgid \"a\"\n");
    auto r = run_l10n("update nl.po new.pot -o out.po", dir.str());
    CHECK(r.status == 2);
    CHECK(r.output == "new.pot:7: error: missing 'msgstr'\n");
    CHECK(slurp(out) == "previous output\n");
  }
}

TEST_CASE("l10n extract refuses a bad PO and leaves that language as it was; the others go on", "[e2e][update]") {
  TempDir site;
  const fs::path po = site.path() / "po";
  write_site(site.path(), kEdited + "\n\n" + kStays + "\n", "Short page.\n", kMoved + "\n");
  REQUIRE(extract(site).status == 0);
  translate_all(po / "nl/blog.po", "[nl] ");
  // A source change, so that a run that went ahead would write every catalog.
  write_site(site.path(), kStays + "\n", "Short page, edited.\n", kDeleted + "\n");

  const std::string good = slurp(po / "nl/blog.po");
  auto replace = [&](std::string from, std::string to) {
    auto at = good.find(from);
    REQUIRE(at != std::string::npos);
    return std::string(good).replace(at, from.size(), to);
  };
  // good's line numbers: the header entry is lines 1-18 ("Language:" on 13),
  // a blank line, then the entries, the first ("Post B") from line 20.
  struct Case {
    const char* name;
    std::string text;
    std::string expected;
  };
  const Case cases[] = {
      {"syntax error", replace("msgstr \"[nl] Post B\"", "msgstr \"[nl] Post B"),
       "po/nl/blog.po:23: error: end-of-line within string"},
      {"duplicate entry", good + "\nmsgid \"Post B\"\nmsgstr \"again\"\n",
       "po/nl/blog.po:" + std::to_string(std::count(good.begin(), good.end(), '\n') + 2) +
           ": error: duplicate message definition (first defined at line 20)"},
      {"wrong charset", replace("charset=UTF-8", "charset=ISO-8859-1"),
       "po/nl/blog.po:1: error: charset 'ISO-8859-1' is not supported; convert the file to UTF-8"},
      {"Language mismatch", replace("\"Language: nl\\n\"", "\"Language: fr\\n\""),
       "po/nl/blog.po:13: error: the header says Language: fr, but this is the catalog for 'nl'"},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.name) {
      spit(po / "nl/blog.po", c.text);
      auto before = snapshot(po);
      auto r = extract(site, "1800000000");
      INFO(r.output);
      CHECK(r.status == 2);
      CHECK(r.output == c.expected + "\n");
      // Dutch is left exactly as it was (no temporary file either); the
      // template and German are brought up to date all the same.
      auto after = snapshot(po);
      CHECK(after.size() == before.size());
      for (const auto& [name, bytes] : after) {
        INFO(name);
        if (name.starts_with("nl/")) CHECK(bytes == before[name]);
        else if (name.ends_with(".po") || name.ends_with(".pot")) CHECK(bytes != before[name]);
      }
    }
  }
}

TEST_CASE("catalog groups: each page in the catalog of the first group that takes it", "[e2e][update]") {
  // hugo-gettext's [i18n.content.<domain>]: the blog in a catalog of its own
  // but for its drafts, which the next group takes, as it takes a section
  // the main catalog excludes.
  TempDir site;
  const fs::path root = site.path(), po = root / "po";
  spit(root / "l10n.toml",
       "languages = [\"nl\"]\nsourceDir = \"content/en\"\nexclude = [\"community/**\"]\n"
       "[catalogs]\ndomain = \"messages\"\n"
       "[[catalogs.group]]\ndomain = \"blog\"\ninclude = [\"blog/**\"]\nexclude = [\"blog/drafts/**\"]\n"
       "[[catalogs.group]]\ndomain = \"community\"\ninclude = [\"community/**\", \"blog/**\"]\n");
  spit(root / "content/en/_index.md", "# Welcome\n\nThe landing page of the site.\n");
  spit(root / "content/en/blog/post.md", "A post about the new release.\n");
  spit(root / "content/en/blog/drafts/next.md", "A draft of the next post.\n");
  spit(root / "content/en/community/meet.md", "Where the community meets.\n");
  auto r = extract(site);
  INFO(r.output);
  REQUIRE(r.status == 0);
  auto msgids = [&](const std::string& domain) {
    std::set<std::string> out;
    for (const Message& m : read_po((po / "nl" / (domain + ".po")).string(), domain).messages)
      if (!m.obsolete) out.insert(m.msgid);
    return out;
  };
  CHECK(msgids("messages") == std::set<std::string>{"Welcome", "The landing page of the site."});
  CHECK(msgids("blog") == std::set<std::string>{"A post about the new release."});  // the first group has it
  CHECK(msgids("community") == std::set<std::string>{"Where the community meets.", "A draft of the next post."});
  CHECK(fs::exists(po / "blog.pot"));

  // Every catalog reaches the pages.
  for (const char* domain : {"messages", "blog", "community"})
    translate_all(po / "nl" / (std::string(domain) + ".po"), "[nl] ");
  r = run(quote(L10N_BINARY) + " merge --quiet --root " + quote(site.str()));
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(slurp(root / "content/nl/blog/post.md") == "[nl] A post about the new release.\n");
  CHECK(slurp(root / "content/nl/community/meet.md") == "[nl] Where the community meets.\n");
  CHECK(slurp(root / "content/nl/blog/drafts/next.md") == "[nl] A draft of the next post.\n");

  SECTION("a page that leaves its group keeps its translation") {
    spit(root / "l10n.toml", "languages = [\"nl\"]\nsourceDir = \"content/en\"\nexclude = [\"community/**\"]\n"
                             "[catalogs]\ndomain = \"messages\"\n");
    REQUIRE(extract(site).status == 0);
    Catalog main = read_po((po / "nl/messages.po").string(), "messages.po");
    const Message* post = find(main, "A post about the new release.");
    REQUIRE(post);
    CHECK(post->msgstr == std::vector<std::string>{"[nl] A post about the new release."});
    CHECK(msgids("messages").count("Where the community meets.") == 0);
  }
}

TEST_CASE("catalog groups: a group without include or a repeated domain is an error at its place", "[e2e][update]") {
  TempDir site;
  spit(site.path() / "content/en/a.md", "Text.\n");
  spit(site.path() / "l10n.toml", "languages = [\"nl\"]\n[[catalogs.group]]\ndomain = \"blog\"\n");
  auto r = run(quote(L10N_BINARY) + " extract --quiet --root " + quote(site.str()) + " 2>&1");
  CHECK(r.status != 0);
  CHECK(r.output.find("l10n.toml:2:1: error: a [[catalogs.group]] needs a 'domain' and the 'include' globs") != std::string::npos);
  spit(site.path() / "l10n.toml", "languages = [\"nl\"]\n[[catalogs.group]]\ndomain = \"blog\"\ninclude = [\"a\"]\n"
                                  "[[catalogs.group]]\ndomain = \"blog\"\ninclude = [\"b\"]\n");
  r = run(quote(L10N_BINARY) + " extract --quiet --root " + quote(site.str()) + " 2>&1");
  CHECK(r.status != 0);
  CHECK(r.output.find("two [[catalogs.group]] have the domain 'blog'") != std::string::npos);
  CHECK_FALSE(fs::exists(site.path() / "po"));
}
