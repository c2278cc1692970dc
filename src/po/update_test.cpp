#include <catch2/catch.hpp>


#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "po/catalog.h"
#include "base/error.h"
#include "po/update.h"
#include "testing.h"
#include "po/reader.h"
#include "po/writer.h"

namespace fs = std::filesystem;
using namespace l10n;

namespace {

using l10n::testing::slurp;
using l10n::testing::TempDir;

// Runs `msgmerge --previous` on the two catalogs and reads its output.
std::string msgmerge(const TempDir& dir, const Catalog& old_po, const Catalog& pot) {
  write_po(dir / "mm-old.po", old_po);
  write_po(dir / "mm-new.pot", pot);
  std::string cmd = "/usr/bin/msgmerge -q --previous " + (dir / "mm-old.po") + " " + (dir / "mm-new.pot") +
                    " -o " + (dir / "mm-out.po") + " 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  return slurp(dir / "mm-out.po");
}

std::string msgcat_text(const TempDir& dir, const std::string& text) {
  std::ofstream(dir / "cat-in.po", std::ios::binary) << text;
  std::string cmd = "/usr/bin/msgcat " + (dir / "cat-in.po") + " -o " + (dir / "cat-out.po");
  REQUIRE(std::system(cmd.c_str()) == 0);
  return slurp(dir / "cat-out.po");
}

const char* kPoHeader =
    "Project-Id-Version: site 1\nReport-Msgid-Bugs-To: old@example.org\n"
    "POT-Creation-Date: 2020-01-01 00:00+0000\nPO-Revision-Date: 2020-02-02 00:00+0000\n"
    "Last-Translator: Jan <jan@example.org>\nLanguage-Team: Dutch\nLanguage: nl\nMIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n";
const char* kPotHeader =
    "Project-Id-Version: site 2\nReport-Msgid-Bugs-To: new@example.org\n"
    "POT-Creation-Date: 2024-05-05 00:00+0000\nPO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
    "Last-Translator: FULL NAME <EMAIL@ADDRESS>\nLanguage-Team: LANGUAGE <LL@li.org>\nLanguage: \n"
    "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\n";

Message msg(std::string id, std::string str = "", std::string ref = "a.md:1") {
  Message m;
  m.msgid = std::move(id);
  m.msgstr = {std::move(str)};
  auto colon = ref.rfind(':');
  m.references = {{ref.substr(0, colon), std::stoi(ref.substr(colon + 1))}};
  return m;
}

Catalog po(std::vector<Message> messages) {
  Catalog c;
  c.header_comments = {"Dutch translation."};
  c.header = kPoHeader;
  c.messages = std::move(messages);
  return c;
}

Catalog pot(std::vector<Message> messages) {
  Catalog c;
  c.header_comments = {"SOME DESCRIPTIVE TITLE."};
  c.header_fuzzy = true;
  c.header = kPotHeader;
  c.messages = std::move(messages);
  return c;
}

const Message* find(const Catalog& c, std::string_view msgid) {
  for (const auto& m : c.messages)
    if (m.msgid == msgid) return &m;
  return nullptr;
}

// Longest common subsequence by dynamic programming, for checking similarity().
double dp_similarity(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  std::vector<std::vector<int>> l(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j)
      l[i][j] = a[i - 1] == b[j - 1] ? l[i - 1][j - 1] + 1 : std::max(l[i - 1][j], l[i][j - 1]);
  return 2.0 * l[a.size()][b.size()] / static_cast<double>(a.size() + b.size());
}

// Sentence-like msgids from a vocabulary; `fresh` ones use words no old
// msgid has, so that only the deliberately edited msgids have close matches.
struct Prose {
  std::mt19937 rng;
  explicit Prose(unsigned seed) : rng(seed) {}
  std::string word(bool fresh) {
    static const char* common[] = {"the", "a", "of", "to", "and", "in", "is", "for", "with", "on", "your", "this"};
    static const char* syll[] = {"ka", "lo", "mi", "ner", "sta", "vu", "pre", "dor", "tis", "gle", "ban", "qui"};
    static const char* fresh_syll[] = {"xy", "zo", "wq", "jj", "yx", "zz"};
    if (!fresh && rng() % 3 == 0) return common[rng() % std::size(common)];
    std::string w;
    for (int n = 2 + static_cast<int>(rng() % 3); n > 0; --n)
      w += fresh ? fresh_syll[rng() % std::size(fresh_syll)] : syll[rng() % std::size(syll)];
    return w;
  }
  std::string sentence(bool fresh) {
    std::string s;
    for (int n = 6 + static_cast<int>(rng() % 30); n > 0; --n) s += (s.empty() ? "" : " ") + word(fresh);
    return s + ".";
  }
  std::string edit_one_word(const std::string& s) {
    std::vector<std::size_t> spaces;
    for (std::size_t i = 0; i < s.size(); ++i)
      if (s[i] == ' ') spaces.push_back(i);
    std::size_t k = rng() % spaces.size();
    std::size_t begin = spaces[k] + 1;
    std::size_t end = k + 1 < spaces.size() ? spaces[k + 1] : s.size() - 1;
    return s.substr(0, begin) + word(false) + "x" + s.substr(end);
  }
};

struct Generated {
  Catalog old_po, pot;
};

// An old catalog and a new template: most msgids unchanged, some edited by
// one word, some deleted, some new, some plurals, some already fuzzy.
Generated generate(unsigned seed, int n) {
  Prose p(seed);
  Generated g;
  g.old_po = po({});
  g.pot = pot({});
  std::set<std::string> ids;
  for (int i = 0; i < n; ++i) {
    std::string id = p.sentence(false);
    if (!ids.insert(id).second) continue;
    Message m = msg(id, "NL " + id, "content/page" + std::to_string(i % 17) + ".md:" + std::to_string(i + 1));
    int kind = static_cast<int>(p.rng() % 100);
    if (kind < 10) m.msgstr = {""};
    if (kind >= 10 && kind < 15) m.fuzzy = true;
    if (kind >= 15 && kind < 18) {
      m.edit_extras().msgid_plural = id + " (plural)";
      m.msgstr = {"NL een " + id, "NL veel " + id};
    }
    if (kind >= 18 && kind < 20) m.msgctxt = "menu";
    g.old_po.messages.push_back(m);

    Message t = m;
    t.msgstr.assign(t.extras().msgid_plural ? 2 : 1, "");
    t.fuzzy = false;
    t.references = {{"content/new" + std::to_string(i % 13) + ".md", i + 3}};
    int change = static_cast<int>(p.rng() % 100);
    if (change < 20) t.msgid = p.edit_one_word(t.msgid);
    if (change >= 20 && change < 25) continue;  // deleted
    if (change < 20 && !ids.insert(t.msgid).second) continue;
    g.pot.messages.push_back(t);
    if (change >= 95) g.pot.messages.push_back(msg(p.sentence(true), "", "content/fresh.md:" + std::to_string(i)));
  }
  // The template's order differs from the old catalog's.
  std::stable_sort(g.pot.messages.begin(), g.pot.messages.end(),
                   [](const Message& a, const Message& b) { return a.msgid.size() % 3 < b.msgid.size() % 3; });
  return g;
}

std::set<std::string> ids_where(const Catalog& c, bool (*pred)(const Message&)) {
  std::set<std::string> out;
  for (const auto& m : c.messages)
    if (pred(m)) out.insert(m.msgid);
  return out;
}
bool is_translated(const Message& m) { return !m.obsolete && m.translated(); }
bool is_fuzzy(const Message& m) { return !m.obsolete && m.fuzzy; }
bool is_obsolete(const Message& m) { return m.obsolete; }

}  // namespace

TEST_CASE("similarity is gettext's fstrcmp", "[update]") {
  CHECK(similarity("", "") == 1.0);
  CHECK(similarity("abc", "") == 0.0);
  CHECK(similarity("abc", "abc") == 1.0);
  CHECK(similarity("plural kept", "newplural") == Approx(0.6));
  std::mt19937 rng(5);
  for (int i = 0; i < 400; ++i) {
    std::string a, b;
    for (int k = static_cast<int>(rng() % 40); k > 0; --k) a += static_cast<char>('a' + rng() % 4);
    for (int k = static_cast<int>(rng() % 40); k > 0; --k) b += static_cast<char>('a' + rng() % 4);
    double exact = dp_similarity(a, b);
    INFO(a << " / " << b);
    CHECK(similarity(a, b) == Approx(exact));
    // With a bound, the exact value when it reaches the bound, else 0.
    double bounded = similarity(a, b, 0.7);
    if (exact >= 0.7 + 1e-9) CHECK(bounded == Approx(exact));
    if (exact < 0.7 - 1e-9) CHECK(bounded == 0.0);
  }
}

TEST_CASE("update follows msgmerge's rules", "[update]") {
  Message kept = msg("The quick brown fox jumps over the lazy dog.", "De snelle bruine vos springt over de luie hond.");
  kept.edit_extras().translator_comments = {"keep this"};
  kept.extracted_comments = {"old extracted"};
  kept.edit_extras().flags = {"c-format"};
  Message edited = msg("Install the package with the package manager of your system.",
                       "Installeer het pakket met de pakketbeheerder van uw systeem.");
  Message deleted = msg("This paragraph will be deleted from the source document entirely.", "Weg.");
  Message deleted_untranslated = msg("This untranslated paragraph will be deleted too.");
  Message fuzzy_prev = msg("Click the button to start the download.", "Klik op de knop.");
  fuzzy_prev.fuzzy = true;
  fuzzy_prev.edit_extras().prev_msgid = "Click the button to start the download now.";
  Message singular = msg("One file", "Eén bestand");
  Message plural = msg("apple", "appel");
  plural.edit_extras().msgid_plural = "apples";
  plural.msgstr = {"appel", "appels"};
  Message revived = msg("An obsolete paragraph which returns in the new template.", "Terug.");
  revived.obsolete = true;
  Catalog old_po = po({kept, edited, deleted, deleted_untranslated, fuzzy_prev, singular, plural, revived});

  Message pkept = msg(kept.msgid, "", "b.md:10");
  pkept.extracted_comments = {"new extracted"};
  Message pedited = msg("Install the package with the package manager of your computer.", "", "b.md:11");
  Message pfuzzy = msg("Click the button to start the download today.", "", "b.md:12");
  Message psingular = msg("One file", "", "b.md:13");
  psingular.edit_extras().msgid_plural = "%d files";
  psingular.msgstr = {"", ""};
  Message pplural = msg("apple", "", "b.md:14");
  Message previved = msg(revived.msgid, "", "b.md:15");
  Message pnew = msg("Brand new paragraph nobody has seen.", "", "b.md:16");
  Message pctx = msg(kept.msgid, "", "b.md:17");
  pctx.msgctxt = "menu";
  Catalog new_pot = pot({pkept, pedited, pfuzzy, psingular, pplural, previved, pnew, pctx});

  Catalog out = update_catalog(old_po, new_pot, {});
  REQUIRE(out.messages.size() == 9);

  const Message& k = out.messages[0];
  CHECK(k.msgstr == kept.msgstr);
  CHECK(k.extras().translator_comments == kept.extras().translator_comments);
  CHECK(k.extracted_comments == pkept.extracted_comments);
  CHECK(k.references == pkept.references);
  CHECK(k.extras().flags.empty());  // flags describe the msgid: the template's
  CHECK(k.translated());

  const Message& e = out.messages[1];
  CHECK(e.fuzzy);
  CHECK(e.extras().prev_msgid == edited.msgid);
  CHECK(e.msgstr == edited.msgstr);

  const Message& f = out.messages[2];
  CHECK(f.fuzzy);
  CHECK(f.extras().prev_msgid == fuzzy_prev.extras().prev_msgid);  // still fuzzy: the older previous msgid stays

  const Message& s = out.messages[3];
  CHECK(s.fuzzy);
  CHECK(s.msgstr == std::vector<std::string>{"Eén bestand", "Eén bestand"});
  CHECK(s.extras().prev_msgid == "One file");

  const Message& p = out.messages[4];
  CHECK(p.fuzzy);
  CHECK(p.msgstr == std::vector<std::string>{"appel"});
  CHECK(p.extras().prev_msgid_plural == "apples");

  CHECK(out.messages[5].translated());
  CHECK_FALSE(out.messages[5].obsolete);
  CHECK(out.messages[6].msgstr == std::vector<std::string>{""});
  CHECK_FALSE(out.messages[6].fuzzy);

  const Message& c = out.messages[7];
  CHECK(c.fuzzy);
  CHECK(c.msgctxt == "menu");
  CHECK(c.extras().prev_msgid == kept.msgid);
  CHECK_FALSE(c.extras().prev_msgctxt);

  const Message& o = out.messages[8];
  CHECK(o.obsolete);
  CHECK(o.msgid == deleted.msgid);
  CHECK(o.references.empty());
  CHECK_FALSE(find(out, deleted_untranslated.msgid));

  CHECK(out.header_field("POT-Creation-Date") == "2024-05-05 00:00+0000");
  CHECK(out.header_field("Report-Msgid-Bugs-To") == "new@example.org");
  CHECK(out.header_field("Project-Id-Version") == "site 1");
  CHECK(out.header_field("Last-Translator") == "Jan <jan@example.org>");
  CHECK(out.header_comments == old_po.header_comments);
  CHECK_FALSE(out.header_fuzzy);

  TempDir dir;
  CHECK(format_po(out) == msgmerge(dir, old_po, new_pot));

  UpdateOptions no_obsolete;
  no_obsolete.keep_obsolete = false;
  Catalog pruned = update_catalog(old_po, new_pot, no_obsolete);
  CHECK(std::none_of(pruned.messages.begin(), pruned.messages.end(), [](const Message& m) { return m.obsolete; }));
  CHECK(pruned.messages.size() == 8);
}

TEST_CASE("update fills Language and Plural-Forms from the option", "[update]") {
  Catalog fresh;  // a catalog that does not exist yet
  Message m = msg("appel");
  m.edit_extras().msgid_plural = "appels";
  m.msgstr = {"", ""};
  Catalog t = pot({m});
  UpdateOptions opt;
  opt.language = "pl";
  Catalog out = update_catalog(fresh, t, opt);
  CHECK(out.header_field("Language") == "pl");
  CHECK(out.header_field("Plural-Forms") == plural_forms_for("pl"));
  CHECK(out.messages[0].msgstr.size() == 3);  // nplurals of Polish

  // An existing catalog's own values win over the option.
  opt.language = "fr";
  Catalog nl = update_catalog(po({}), t, opt);
  CHECK(nl.header_field("Language") == "nl");
  CHECK(nl.header_field("Plural-Forms") == "nplurals=2; plural=(n != 1);");
}

TEST_CASE("a paragraph edited, moved, deleted and restored keeps its translation", "[update]") {
  const std::string text = "Use the search box at the top of the page to find any article on this site.";
  Catalog v1 = po({msg(text, "Gebruik het zoekvak bovenaan de pagina om een artikel te vinden.", "docs/a.md:3")});

  // Edited: fuzzy, with the old msgid as the previous one.
  std::string edited = "Use the search box at the top of the page to find any page on this site.";
  Catalog v2 = update_catalog(v1, pot({msg(edited, "", "docs/a.md:3")}), {});
  REQUIRE(v2.messages.size() == 1);
  CHECK(v2.messages[0].fuzzy);
  CHECK(v2.messages[0].extras().prev_msgid == text);

  // Moved to another section's catalog: found there, exact, still translated.
  Catalog other_section = update_catalog(po({}), pot({msg(text, "", "blog/b.md:9")}), {}, {&v1});
  REQUIRE(other_section.messages.size() == 1);
  CHECK(other_section.messages[0].translated());
  CHECK(other_section.messages[0].msgstr == v1.messages[0].msgstr);
  // ... and edited on the way: fuzzy from the other catalog.
  Catalog moved_edited = update_catalog(po({}), pot({msg(edited, "", "blog/b.md:9")}), {}, {&v1});
  CHECK(moved_edited.messages[0].fuzzy);
  CHECK(moved_edited.messages[0].msgstr == v1.messages[0].msgstr);

  // Deleted: obsolete. Restored: translated again, as it was.
  Catalog v3 = update_catalog(v1, pot({msg("Something else entirely, in fact nothing alike.", "", "docs/a.md:3")}), {});
  REQUIRE(v3.messages.size() == 2);
  CHECK(v3.messages[1].obsolete);
  Catalog v4 = update_catalog(v3, pot({msg(text, "", "docs/a.md:5")}), {});
  CHECK(v4.messages[0].translated());
  CHECK(v4.messages[0].msgstr == v1.messages[0].msgstr);
  CHECK(v4.messages[0].references == std::vector<Reference>{{"docs/a.md", 5}});
}

TEST_CASE("fuzzy ties go to the first candidate", "[update]") {
  Catalog old_po = po({msg("colour red", "rood"), msg("colour bed", "bed")});
  Catalog out = update_catalog(old_po, pot({msg("colour ted")}), {});
  CHECK(out.messages[0].msgstr == std::vector<std::string>{"rood"});
  // The same inputs give the same output.
  CHECK(same_messages(out, update_catalog(old_po, pot({msg("colour ted")}), {})));
}

TEST_CASE("fuzzy matches are msgmerge's: ties, 4-grams, short msgids", "[update]") {
  TempDir dir;
  // Equal similarity: the candidate sharing more of the msgid's 4-grams wins,
  // not the first one (msgmerge tries candidates in that order).
  Catalog ties = po({msg("the quack brown fox", "kwak"), msg("tha quick brown fox", "tha"),
                     msg("the quick brown fix", "fix")});
  Catalog tie_pot = pot({msg("the quick brown fox")});
  Catalog out = update_catalog(ties, tie_pot, {});
  CHECK(out.messages[0].msgstr == std::vector<std::string>{"fix"});
  CHECK(format_po(out) == msgmerge(dir, ties, tie_pot));

  // Similar enough (0.70) but without a 4-gram in common: msgmerge never
  // compares them.
  Catalog spaced = po({msg("a b c d e f g h", "spaced")});
  Catalog spaced_pot = pot({msg("abcdefgh")});
  out = update_catalog(spaced, spaced_pot, {});
  CHECK(out.messages[0].msgstr == std::vector<std::string>{""});
  CHECK(format_po(out) == msgmerge(dir, spaced, spaced_pot));

  // Fewer than four characters: compared with every candidate of a length
  // the threshold allows, by length, then in catalog order.
  Catalog shorts = po({msg("abd", "abd"), msg("xabc", "xabc"), msg("ab", "ab"), msg("zzabcz", "zzabcz")});
  Catalog short_pot = pot({msg("abc"), msg("ab!")});
  out = update_catalog(shorts, short_pot, {});
  CHECK(out.messages[0].msgstr == std::vector<std::string>{"xabc"});
  CHECK(format_po(out) == msgmerge(dir, shorts, short_pot));
}

TEST_CASE("update writes the same bytes on one thread and on many", "[update]") {
  Generated g = generate(7, 400);
  UpdateOptions one, many;
  one.jobs = 1;
  many.jobs = 4;
  const std::string serial = format_po(update_catalog(g.old_po, g.pot, one));
  CHECK(serial == format_po(update_catalog(g.old_po, g.pot, many)));
  CHECK(serial.find("#| msgid") != std::string::npos);
}

TEST_CASE("a bare header is updated as msgmerge updates it", "[update]") {
  TempDir dir;
  // Fields out of gettext's order, one unknown to it, one in lower case, and
  // none of the template's: msgmerge writes the ten it knows in its order,
  // then the others.
  Catalog bare;
  bare.header = "Language: nl\nContent-Type: text/plain; charset=UTF-8\nX-Generator: Weblate 5.0\n"
                "project-id-version: site\nPlural-Forms: nplurals=2; plural=(n != 1);\n";
  bare.messages = {msg("Hello world, how are you today?", "Hallo wereld, hoe gaat het vandaag?")};
  Catalog t = pot({msg("Hello world, how are you today?")});
  Catalog out = update_catalog(bare, t, {});
  CHECK(format_po(out) == msgmerge(dir, bare, t));
  CHECK(out.header.find("Project-Id-Version: site\nReport-Msgid-Bugs-To: new@example.org\n") == 0);

  // A header the update leaves as it was keeps its order.
  Catalog same = bare;
  same.header = "Language: nl\nContent-Type: text/plain; charset=UTF-8\nPOT-Creation-Date: 2024-05-05 00:00+0000\n"
                "Report-Msgid-Bugs-To: new@example.org\nPlural-Forms: nplurals=2; plural=(n != 1);\n";
  CHECK(update_catalog(same, t, {}).header == same.header);

  // A missing Language from the option goes where msgmerge --lang puts it.
  Catalog nameless = bare;
  nameless.header = "Project-Id-Version: site\nContent-Type: text/plain; charset=UTF-8\n";
  UpdateOptions opt;
  opt.language = "nl";
  out = update_catalog(nameless, t, opt);
  CHECK(out.header ==
        "Project-Id-Version: site\nReport-Msgid-Bugs-To: new@example.org\nPOT-Creation-Date: 2024-05-05 00:00+0000\n"
        "Language: nl\nContent-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n");
}

TEST_CASE("update agrees with msgmerge --previous on generated catalogs", "[update]") {
  TempDir dir;
  for (unsigned seed = 1; seed <= 4; ++seed) {
    INFO("seed " << seed);
    Generated g = generate(seed, 250);
    Catalog ours = update_catalog(g.old_po, g.pot, {});
    std::string theirs_text = msgmerge(dir, g.old_po, g.pot);
    std::ofstream(dir / "theirs.po", std::ios::binary) << theirs_text;
    Catalog theirs = read_po(dir / "theirs.po", "theirs.po");

    CHECK(ids_where(ours, is_translated) == ids_where(theirs, is_translated));
    CHECK(ids_where(ours, is_fuzzy) == ids_where(theirs, is_fuzzy));
    CHECK(ids_where(ours, is_obsolete) == ids_where(theirs, is_obsolete));
    CHECK(ids_where(ours, is_fuzzy).size() > 20);
    CHECK(format_po(ours) == theirs_text);

    // Our output is a fixed point of msgmerge and already in msgcat's form.
    std::string text = format_po(ours);
    CHECK(msgcat_text(dir, text) == text);
    CHECK(msgmerge(dir, ours, g.pot) == text);
  }
}

TEST_CASE("same_messages ignores only POT-Creation-Date", "[update]") {
  Catalog a = po({msg("x", "y")});
  Catalog b = a;
  b.set_header_field("POT-Creation-Date", "2030-01-01 00:00+0000");
  b.messages[0].line = 42;
  CHECK(same_messages(a, b));
  b.messages[0].references[0].line = 2;
  CHECK_FALSE(same_messages(a, b));
  Catalog c = a;
  c.set_header_field("PO-Revision-Date", "2030-01-01 00:00+0000");
  CHECK_FALSE(same_messages(a, c));
  Catalog d = a;
  d.messages.push_back(msg("z"));
  CHECK_FALSE(same_messages(a, d));
}

TEST_CASE("check_language names the Language line of a contradicting header", "[update]") {
  TempDir dir;
  auto check = [&](const std::string& language, const std::string& lang) -> std::string {
    std::ofstream(dir / "h.po", std::ios::binary)
        << "# c\nmsgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: x\\n\"\n\"Language: " << language
        << "\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n";
    Catalog c = read_po(dir / "h.po", "h.po");
    try {
      check_language(c, dir / "h.po", "h.po", lang);
    } catch (const Error& e) {
      return e.what();
    }
    return "ok";
  };
  CHECK(check("nl", "nl") == "ok");
  CHECK(check("", "nl") == "ok");  // filled in by the update
  CHECK(check("pt_BR", "pt-br") == "ok");
  CHECK(check("nl", "de") == "h.po:5: error: the header says Language: nl, but this is the catalog for 'de'");
  CHECK(check("nl_NL", "nl") == "h.po:5: error: the header says Language: nl_NL, but this is the catalog for 'nl'");
}
