#include <catch2/catch.hpp>

#include <gettext-po.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <utility>

#include "po/catalog.h"
#include "base/error.h"
#include "po/update.h"
#include "testing.h"
#include "po/reader.h"
#include "po/writer.h"

namespace fs = std::filesystem;
using namespace l10n;

namespace {

using l10n::testing::TempDir;

// msgcat's warnings (about "\a" in a msgid, say) are no part of its output.
std::string msgcat(const std::string& path) { return testing::run("(/usr/bin/msgcat " + path + " 2>/dev/null)").output; }

Catalog parse(const TempDir& dir, const std::string& text) { return read_po(dir.file("in.po", text), "in.po"); }

// A deliberately unwrapped, non-canonical rendering of a catalog, written
// independently of format_po, for msgcat to normalize.
std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

std::string naive_po(const Catalog& cat) {
  std::ostringstream o;
  for (const auto& c : cat.header_comments) o << "#" << (c.empty() ? "" : " ") << c << "\n";
  if (cat.header_fuzzy) o << "#, fuzzy\n";
  o << "msgid \"\"\nmsgstr " << quote(cat.header) << "\n";
  for (const auto& m : cat.messages) {
    o << "\n";
    std::string pre = m.obsolete ? "#~ " : "";
    for (const auto& c : m.extras().translator_comments) o << "#" << (c.empty() ? "" : " ") << c << "\n";
    for (const auto& c : m.extracted_comments) o << "#. " << c << "\n";
    for (const auto& r : m.references) o << "#: " << r.file() << (r.line ? ":" + std::to_string(r.line) : "") << "\n";
    // gettext's reader keeps only the last "#," line.
    std::string flags = m.fuzzy ? "fuzzy" : "";
    for (const auto& f : m.extras().flags) flags += (flags.empty() ? "" : ", ") + f;
    if (!flags.empty()) o << "#, " << flags << "\n";
    std::string prev = m.obsolete ? "#~| " : "#| ";
    if (m.extras().prev_msgctxt) o << prev << "msgctxt " << quote(*m.extras().prev_msgctxt) << "\n";
    if (m.extras().prev_msgid) o << prev << "msgid " << quote(*m.extras().prev_msgid) << "\n";
    if (m.extras().prev_msgid_plural) o << prev << "msgid_plural " << quote(*m.extras().prev_msgid_plural) << "\n";
    if (m.msgctxt) o << pre << "msgctxt " << quote(*m.msgctxt) << "\n";
    o << pre << "msgid " << quote(m.msgid) << "\n";
    if (m.extras().msgid_plural) {
      o << pre << "msgid_plural " << quote(*m.extras().msgid_plural) << "\n";
      for (std::size_t i = 0; i < m.msgstr.size(); ++i)
        o << pre << "msgstr[" << i << "] " << quote(m.msgstr[i]) << "\n";
    } else {
      o << pre << "msgstr " << quote(m.msgstr[0]) << "\n";
    }
  }
  return o.str();
}

// Text built from the pieces gettext's line breaking has opinions about.
std::string random_text(std::mt19937& rng, int max_pieces) {
  static const char* pieces[] = {
      "word ", "the ", "paragraph ", "well-known ", "e.g. ", "(see below) ", "1,000.50 ", "50% ", "a/b/c ",
      "https://example.com/docs/install?lang=nl&x=1 ", "\n", "\\", "\"quoted\" ", "\t", "café ", "naïve ",
      "日本語のテキスト", "中文", "한국어 ", "العربية ", "😀 ", "—dash— ", "{{< ref \"page.md\" >}} ", "**bold** ",
      "[link](https://example.org/a_very_long_path/with/many/segments/and-dashes-in-it.html) ",
      "Averyveryverylongwordwithoutanyspacesthatcannotbebrokenanywhereatallbecauseitjustkeepsgoingandgoing ",
      ".", ", ", "; ", ": ", "! ", "? ", "  ", " ", "x", "\r", "<b>html</b> ", "`code` ", "¡Hola! ", "«guillemets» "};
  std::uniform_int_distribution<int> count(0, max_pieces);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  std::string s;
  for (int i = count(rng); i > 0; --i) s += pieces[pick(rng)];
  return s;
}

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  // gettext reads a backslash at the end of a line as a line continuation.
  while (!s.empty() && s.back() == '\\') s.pop_back();
  return s;
}

Catalog random_catalog(std::mt19937& rng, int n) {
  Catalog cat;
  cat.header_comments = {"Translation of the site.", "", "  indented"};
  cat.header = "Project-Id-Version: site 1.0\nLanguage: nl\nMIME-Version: 1.0\n"
               "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
               "Plural-Forms: nplurals=2; plural=(n != 1);\n";
  cat.header_fuzzy = rng() % 2;
  auto coin = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
  std::vector<Message> obsolete;
  for (int i = 0; i < n; ++i) {
    Message m;
    if (coin(15)) m.msgctxt = random_text(rng, 3);
    m.msgid = random_text(rng, 30) + "#" + std::to_string(i);  // unique
    bool plural = coin(15);
    if (plural) m.edit_extras().msgid_plural = random_text(rng, 10);
    bool translated = coin(70);
    for (int k = 0; k < (plural ? 2 : 1); ++k) m.msgstr.push_back(translated ? random_text(rng, 30) + "." : "");
    if (coin(30)) m.edit_extras().translator_comments = {one_line(random_text(rng, 8)), "", " two spaces"};
    for (std::size_t k = 0; k < 3; ++k)
      if (coin(30)) m.extracted_comments.push_back(one_line(random_text(rng, 12)));
    int refs = coin(50) ? static_cast<int>(rng() % 12) : 0;
    for (int k = 0; k < refs; ++k) {
      Reference r{"content/section-" + std::to_string(rng() % 40) + "/page_with_a_long_name.md",
                  coin(85) ? static_cast<int>(rng() % 5000) + 1 : 0};
      if (std::find(m.references.begin(), m.references.end(), r) == m.references.end()) m.references.push_back(r);
    }
    if (coin(10)) m.edit_extras().flags = {coin(50) ? "c-format" : "no-python-format"};
    m.fuzzy = translated && coin(25);
    if (m.fuzzy && coin(70)) {
      m.edit_extras().prev_msgid = random_text(rng, 20);
      if (coin(30)) m.edit_extras().prev_msgctxt = "ctx";
      if (plural) m.edit_extras().prev_msgid_plural = "prev plural";
    }
    if (translated && coin(10)) {
      m.obsolete = true;
      obsolete.push_back(std::move(m));
    } else {
      cat.messages.push_back(std::move(m));
    }
  }
  for (auto& m : obsolete) cat.messages.push_back(std::move(m));
  return cat;
}

}  // namespace

TEST_CASE("references are equal by their names' text and their lines", "[catalog]") {
  const SharedName a("content/a.md");
  CHECK(Reference(a, 1) == Reference("content/a.md", 1));
  CHECK(Reference(a, 1) != Reference(a, 2));
  CHECK(Reference(a, 1) != Reference("content/b.md", 1));
  CHECK(Reference("", 0) == Reference(SharedName(), 0));
  SharedName copy = a;
  CHECK(copy.shares(a));
  SharedName taken = std::move(copy);
  CHECK(taken.shares(a));
  // Millions of them in a large site's catalogs: a name and a line, no more.
  STATIC_REQUIRE(sizeof(Reference) <= 2 * sizeof(void*));
}

TEST_CASE("header fields are read and set in place", "[catalog]") {
  Catalog cat;
  cat.header = "Project-Id-Version: x\nLanguage: \nContent-Type: text/plain; charset=UTF-8\n";
  CHECK(cat.header_field("Language") == "");
  CHECK(cat.header_field("Project-Id-Version") == "x");
  CHECK_FALSE(cat.header_field("Lang"));
  cat.set_header_field("Language", "nl");
  cat.set_header_field("Plural-Forms", "nplurals=2; plural=(n != 1);");
  CHECK(cat.header ==
        "Project-Id-Version: x\nLanguage: nl\nContent-Type: text/plain; charset=UTF-8\n"
        "Plural-Forms: nplurals=2; plural=(n != 1);\n");
}

TEST_CASE("read_po keeps every part of an entry", "[catalog]") {
  TempDir dir;
  Catalog cat = parse(dir, R"(# Header comment
#, fuzzy
msgid ""
msgstr ""
"Language: nl\n"
"Content-Type: text/plain; charset=UTF-8\n"

# translator
#  indented
#
#. extracted one
#.extracted two
#: content/a.md:12 content/b.md:3
#: content/no-line.md
#, fuzzy, c-format, range: 1..5
#| msgctxt "old ctx"
#| msgid "old "
#| "text"
msgctxt "ctx"
msgid "Hello "
"world"
msgstr "Hallo wereld"

msgid "file"
msgid_plural "files"
msgstr[0] "bestand"
msgstr[1] "bestanden"

# gone
#, fuzzy
#~| msgid "older"
#~ msgid "obsolete"
#~ msgstr "verouderd"
)");
  CHECK(cat.header_comments == std::vector<std::string>{"Header comment"});
  CHECK(cat.header_fuzzy);
  CHECK(cat.header_field("Language") == "nl");
  REQUIRE(cat.messages.size() == 3);
  const Message& a = cat.messages[0];
  CHECK(a.line == 8);
  CHECK(a.extras().translator_comments == std::vector<std::string>{"translator", " indented", ""});
  CHECK(a.extracted_comments == std::vector<std::string>{"extracted one", "extracted two"});
  CHECK(a.references ==
        std::vector<Reference>{{"content/a.md", 12}, {"content/b.md", 3}, {"content/no-line.md", 0}});
  CHECK(a.fuzzy);
  CHECK(a.extras().flags == std::vector<std::string>{"c-format", "range: 1..5"});
  CHECK(a.extras().prev_msgctxt == "old ctx");
  CHECK(a.extras().prev_msgid == "old text");
  CHECK(a.msgctxt == "ctx");
  CHECK(a.msgid == "Hello world");
  CHECK(a.msgstr == std::vector<std::string>{"Hallo wereld"});
  CHECK_FALSE(a.translated());
  const Message& p = cat.messages[1];
  CHECK(p.extras().msgid_plural == "files");
  CHECK(p.msgstr == std::vector<std::string>{"bestand", "bestanden"});
  CHECK(p.translated());
  const Message& o = cat.messages[2];
  CHECK(o.obsolete);
  CHECK(o.fuzzy);
  CHECK(o.extras().prev_msgid == "older");
  CHECK(o.extras().translator_comments == std::vector<std::string>{"gone"});
  CHECK(o.msgstr == std::vector<std::string>{"verouderd"});
}

TEST_CASE("read_po decodes escapes", "[catalog]") {
  TempDir dir;
  Catalog cat = parse(dir, "msgid \"a\\tb\\n\\\"q\\\" \\\\ \\101\\x42\\r\"\nmsgstr \"\"\n");
  REQUIRE(cat.messages.size() == 1);
  CHECK(cat.messages[0].msgid == "a\tb\n\"q\" \\ AB\r");
  CHECK(cat.header.empty());
}

TEST_CASE("read_po rejects bad input with the line", "[catalog]") {
  TempDir dir;
  auto error_of = [&](const std::string& text) {
    try {
      parse(dir, text);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"c\nmsgstr \"\"\n") ==
        "in.po:4: error: end-of-line within string");
  CHECK(error_of("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"c\"\n\nmsgid \"d\"\nmsgstr \"\"\n") ==
        "in.po:6: error: unexpected 'msgid'");
  CHECK(error_of("msgid \"a\"\nmsgstr \"b\"\nmsgtxt \"x\"\n") == "in.po:3: error: unknown keyword 'msgtxt'");
  CHECK(error_of("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr \"b\"\n") ==
        "in.po:3: error: expected 'msgstr[0]' after 'msgid_plural'");
  CHECK(error_of("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"b\"\nmsgstr[2] \"c\"\n") ==
        "in.po:4: error: expected 'msgstr[1]'");
  CHECK(error_of("msgid \"a\"\nmsgstr \"\\q\"\n") == "in.po:2: error: invalid control sequence '\\q'");
  CHECK(error_of("msgid \"a\"\n") == "in.po:1: error: missing 'msgstr'");
  // fuzz_po: a name holding U+2069 and ending in a backslash had no form to be written back in.
  CHECK(error_of("#:\xE2\x81\xA9\\ \nmsgid \"i\"\nmsgstr \"\"\n") ==
        "in.po:1: error: a file name in a '#:' reference holds U+2068 or U+2069, which enclose names there");
  // fuzz_po: a long run of hex digits overflowed the value (undefined behaviour).
  CHECK(error_of("msgid \"a\"\nmsgstr \"\\x4" + std::string(60, 'c') + "\"\n").find("invalid \\x escape") !=
        std::string::npos);
  CHECK(error_of("#| msgid \"x\"\n#~ msgid \"a\"\n#~ msgstr \"b\"\n") == "in.po:2: error: inconsistent use of #~");
  CHECK(error_of("msgid \"a\"\nmsgstr \"1\"\n\n# c\nmsgid \"b\"\nmsgstr \"\"\n\nmsgid \"a\"\nmsgstr \"2\"\n") ==
        "in.po:8: error: duplicate message definition (first defined at line 1)");
  // An obsolete entry with the msgid of an active one is a duplicate for gettext too.
  CHECK(error_of("msgid \"a\"\nmsgstr \"1\"\n\n#~ msgid \"a\"\n#~ msgstr \"2\"\n") ==
        "in.po:4: error: duplicate message definition (first defined at line 1)");
  CHECK(error_of("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n") ==
        "in.po:1: error: charset 'ISO-8859-1' is not supported; convert the file to UTF-8");
  CHECK(error_of("msgid \"a\"\nmsgstr \"caf\xE9\"\n") == "in.po:2:12: error: invalid UTF-8 (byte 0xE9)");
  // gettext would cut the string at the NUL (msgfmt does, silently).
  CHECK(error_of("msgid \"a\"\nmsgstr \"x\\0y\"\n") ==
        "in.po:2:10: error: '\\0' is a NUL character, which gettext cuts the string at; remove it");
  CHECK(error_of("msgid \"a\"\nmsgstr \"\"\n\"h\u00e9 \\000\"\n") ==
        "in.po:3:5: error: '\\000' is a NUL character, which gettext cuts the string at; remove it");
  CHECK(error_of("msgid \"a\\x00\"\nmsgstr \"\"\n") ==
        "in.po:1:9: error: '\\x00' is a NUL character, which gettext cuts the string at; remove it");
  CHECK(error_of("msgid \"a\"\nmsgstr \"\\x0\\01\"\n") ==
        "in.po:2:9: error: '\\x0' is a NUL character, which gettext cuts the string at; remove it");
  // Same msgid, different contexts: not a duplicate.
  CHECK(error_of("msgctxt \"x\"\nmsgid \"a\"\nmsgstr \"\"\n\nmsgid \"a\"\nmsgstr \"\"\n") == "no error");
}

TEST_CASE("format_po writes what msgcat writes", "[catalog]") {
  TempDir dir;
  for (unsigned seed = 1; seed <= 12; ++seed) {
    std::mt19937 rng(seed);
    Catalog cat = random_catalog(rng, 60);
    std::string naive = dir.file("naive.po", naive_po(cat));
    std::string expected = msgcat(naive);
    REQUIRE_FALSE(expected.empty());
    INFO("seed " << seed);
    std::string ours = format_po(cat);
    CHECK(ours == expected);
    // And our reader reads it back into the same catalog.
    Catalog back = parse(dir, ours);
    CHECK(same_messages(back, cat));
    CHECK(format_po(read_po(naive, "naive.po")) == expected);
  }
}

TEST_CASE("format_po's own writer writes libgettextpo's bytes", "[catalog]") {
  // Without format flags format_po does not go through libgettextpo; flags
  // gettext does not know are dropped by both, and by msgcat.
  TempDir dir;
  for (unsigned seed = 100; seed <= 130; ++seed) {
    std::mt19937 rng(seed);
    Catalog cat = random_catalog(rng, 80);
    for (auto& m : cat.messages) {
      m.edit_extras().flags.clear();
      if (rng() % 10 == 0) m.edit_extras().flags = {"weblate-custom"};
      if (rng() % 10 == 0) m.references.push_back(m.references.empty() ? Reference{"./a.md", 3} : m.references[0]);
      if (rng() % 20 == 0) m.msgid += "\a\x01 bell";
    }
    INFO("seed " << seed);
    std::string ours = format_po(cat);
    CHECK(ours == format_po_gettext(cat));
    CHECK(ours == msgcat(dir.file("naive.po", naive_po(cat))));
  }
  Catalog bare;  // no header: gettext writes it as ASCII, so libgettextpo does
  Message only;
  only.msgid = "a";
  only.msgstr = {"b"};
  bare.messages.push_back(only);
  CHECK(format_po(bare) == format_po_gettext(bare));
}

TEST_CASE("format_po follows msgcat's normalizations", "[catalog]") {
  TempDir dir;
  std::string src = R"(#foo
#.x
#:a.md b.md:3
#, fuzzy
msgid "untranslated fuzzy loses the flag"
msgstr ""

#, fuzzy
#~ msgid "obsolete without translation disappears"
#~ msgstr ""

msgid "a very long msgid that has to be wrapped because it is much longer than the seventy-nine columns of a line"
msgstr "x"
)";
  std::string path = dir.file("n.po", src);
  CHECK(format_po(read_po(path, "n.po")) == msgcat(path));
  Catalog empty;
  CHECK(format_po(empty).empty());
}

TEST_CASE("write_po writes format_po's text", "[catalog]") {
  TempDir dir;
  std::mt19937 rng(7);
  Catalog cat = random_catalog(rng, 10);
  std::string path = dir / "out.po";
  write_po(path, cat);
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == format_po(cat));
}

TEST_CASE("read_po agrees with libgettextpo", "[catalog]") {
  TempDir dir;
  std::mt19937 rng(99);
  Catalog cat = random_catalog(rng, 80);
  std::string path = dir.file("g.po", naive_po(cat));
  Catalog ours = read_po(path, "g.po");

  po_xerror_handler handler{[](int, po_message_t, const char*, size_t, size_t, int, const char*) {},
                            [](int, po_message_t, const char*, size_t, size_t, int, const char*, po_message_t,
                               const char*, size_t, size_t, int, const char*) {}};
  po_file_t file = po_file_read(path.c_str(), &handler);
  REQUIRE(file != nullptr);
  po_message_iterator_t it = po_message_iterator(file, nullptr);
  std::size_t i = 0;
  while (po_message_t pm = po_next_message(it)) {
    if (*po_message_msgid(pm) == '\0' && !po_message_msgctxt(pm)) {
      CHECK(ours.header == po_message_msgstr(pm));
      continue;
    }
    REQUIRE(i < ours.messages.size());
    const Message& m = ours.messages[i++];
    CHECK(m.msgid == po_message_msgid(pm));
    CHECK(m.msgctxt.has_value() == (po_message_msgctxt(pm) != nullptr));
    if (m.msgctxt) CHECK(*m.msgctxt == po_message_msgctxt(pm));
    CHECK(m.msgstr[0] == (m.extras().msgid_plural ? po_message_msgstr_plural(pm, 0) : po_message_msgstr(pm)));
    CHECK(m.fuzzy == (po_message_is_fuzzy(pm) != 0));
    CHECK(m.obsolete == (po_message_is_obsolete(pm) != 0));
    CHECK(m.extras().prev_msgid.has_value() == (po_message_prev_msgid(pm) != nullptr));
    std::string comments;
    for (const auto& c : m.extras().translator_comments) comments += c + "\n";
    CHECK(comments == po_message_comments(pm));
    int refs = 0;
    while (po_message_filepos(pm, refs)) ++refs;
    CHECK(static_cast<std::size_t>(refs) == m.references.size());
  }
  CHECK(i == ours.messages.size());
  po_message_iterator_free(it);
  po_file_free(file);
}

TEST_CASE("format_po matches msgcat on the corpus PO files", "[catalog]") {
  fs::path corpus = fs::path(L10N_SOURCE_DIR) / ".." / "shared" / "corpus";
  if (!fs::exists(corpus)) {
    WARN("corpus not found at " << corpus.string() << "; skipping");
    return;
  }
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.find(".po") == std::string::npos) continue;
    INFO(entry.path().string());
    Catalog cat = read_po(entry.path().string(), name);
    CHECK_FALSE(cat.messages.empty());
    CHECK(format_po(cat) == msgcat(entry.path().string()));
    ++files;
  }
  CHECK(files > 0);
}

TEST_CASE("plural_forms_for follows gettext's table", "[catalog]") {
  CHECK(plural_forms_for("nl") == "nplurals=2; plural=(n != 1);");
  CHECK(plural_forms_for("de") == "nplurals=2; plural=(n != 1);");
  CHECK(plural_forms_for("fr") == "nplurals=2; plural=(n > 1);");
  CHECK(plural_forms_for("pt_BR") == "nplurals=2; plural=(n > 1);");
  CHECK(plural_forms_for("pt") == "nplurals=2; plural=(n != 1);");
  CHECK(plural_forms_for("ja") == "nplurals=1; plural=0;");
  CHECK(plural_forms_for("zh_CN") == "nplurals=1; plural=0;");
  CHECK(plural_forms_for("ko") == "nplurals=1; plural=0;");
  CHECK(plural_forms_for("pl").rfind("nplurals=3;", 0) == 0);
  CHECK(plural_forms_for("ru").rfind("nplurals=3;", 0) == 0);
  CHECK(plural_forms_for("uk") == plural_forms_for("ru"));
  CHECK(plural_forms_for("cs") == "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;");
  CHECK(plural_forms_for("ar").rfind("nplurals=6;", 0) == 0);
  CHECK(plural_forms_for("xx") == "nplurals=2; plural=(n != 1);");
}

TEST_CASE("read_po reads gettext's quirks as gettext does", "[catalog]") {
  TempDir dir;
  // The last "#," line wins; backslash-newline joins lines; a repeated
  // reference is kept once; an explicit ":0" line survives.
  std::string path = dir.file("q.po", "#, fuzzy\n#, c-format\n#: a.md:1 a.md:1 b.md:0\nmsgid \"sp\\\nlit\"\nmsgstr \"x\"\n\n"
                                      "# comment ending in a backslash \\\n# continues\nmsgid \"b\"\nmsgstr \"y\"\n");
  Catalog cat = read_po(path, "q.po");
  REQUIRE(cat.messages.size() == 2);
  CHECK_FALSE(cat.messages[0].fuzzy);
  CHECK(cat.messages[0].extras().flags == std::vector<std::string>{"c-format"});
  CHECK(cat.messages[0].msgid == "split");
  CHECK(cat.messages[0].references == std::vector<Reference>{{"a.md", 1}, {"b.md:0", 0}});
  CHECK(cat.messages[1].extras().translator_comments == std::vector<std::string>{"comment ending in a backslash # continues"});
  CHECK(cat.messages[1].line == 8);
  CHECK(format_po(cat) == msgcat(path));
}

TEST_CASE("format_po writes each kind of tricky string as msgcat does", "[catalog]") {
  TempDir dir;
  const std::string long_word(150, 'w');
  const std::string words_79 = "Exactly seventy-nine columns with the keyword, so that gettext must decide here.";
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"long line", "A long line of prose that goes on well past the seventy-nine columns of a PO file line, "
                    "so that gettext breaks it at spaces into several quoted strings, each one short enough."},
      {"around the width", words_79},
      {"around the width + 1", words_79 + "x"},
      {"embedded newlines", "First line\nsecond line\n\nafter a blank line\n"},
      {"newline first and alone", "\nstarts with a newline"},
      {"only a newline", "\n"},
      {"quotes", "She said \"hello\" and \"goodbye\", then \"\" twice."},
      {"backslashes", "C:\\path\\to\\file and a \\n that is not a newline, and one at the end \\"},
      {"tabs", "col1\tcol2\tcol3\t"},
      {"carriage return", "Windows\r\nline end"},
      {"non-ASCII", "Café, naïve, Straße, «guillemets», — dashes —, ¡Hola!"},
      {"wide characters", "日本語のテキストはとても長くなることがあります。中文文本也可以很长。한국어 텍스트도 마찬가지입니다. "
                          "日本語のテキストはとても長くなることがあります。"},
      {"emoji and combining marks", "Emoji 😀🎉 and e\u0301 combining accents in a line long enough to wrap around."},
      {"very long word", "Before " + long_word + " after."},
      {"very long URL", "See https://example.org/a/very/long/path/that/does/not/contain/any/space/at/all/and/"
                        "goes/on/index.html?query=1&other=2 for details."},
      {"trailing spaces", "two trailing spaces  "},
      {"shortcode", "Text {{< button text=\"Start here\" link=\"/docs/getting-started/\" >}} and more text to wrap."},
  };
  Catalog cat;
  cat.header = "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n";
  for (const auto& [name, text] : cases) {
    Message m;
    m.msgctxt = std::string(name) + " " + text;  // the same text in every field gettext wraps
    m.msgid = text;
    m.msgstr = {text + " (nl)"};
    m.fuzzy = true;
    m.edit_extras().prev_msgid = "old " + text;
    m.edit_extras().translator_comments = {std::string("translator: ") + name};
    m.extracted_comments = {one_line(text)};
    cat.messages.push_back(m);
    Message plural = m;
    plural.msgctxt = "plural " + *m.msgctxt;
    plural.edit_extras().msgid_plural = text + " (plural)";
    plural.msgstr = {text + " (een)", text + " (veel)"};
    cat.messages.push_back(plural);
  }
  Message obsolete = cat.messages[0];
  obsolete.msgctxt = "obsolete";
  obsolete.obsolete = true;
  cat.messages.push_back(obsolete);

  std::string expected = msgcat(dir.file("tricky.po", naive_po(cat)));
  REQUIRE_FALSE(expected.empty());
  CHECK(format_po(cat) == expected);
  // Message by message, so that a failure names the kind of string.
  for (std::size_t i = 0; i < cat.messages.size(); ++i) {
    Catalog one;
    one.header = cat.header;
    one.messages = {cat.messages[i]};
    INFO(*cat.messages[i].msgctxt);
    CHECK(format_po(one) == msgcat(dir.file("one.po", naive_po(one))));
  }
  CHECK(same_messages(read_po(dir.file("ours.po", format_po(cat)), "ours.po"), cat));
}

TEST_CASE("a flag that only looks like a format flag: the file is written the same twice", "[catalog]") {
  // fuzz_po: "C-format" sent the catalog through libgettextpo, which knows no
  // format "C" and dropped the flag; the next write took the other writer,
  // which wraps the references differently.
  TempDir dir;
  Catalog cat = parse(dir, "#:\\\\\\ \\\\\\\\ - in\t#s/).char|et=#)>,t:hla \\\\ \"pt:)>se/source_tpp\n"
                           "#,C-format\nmsgid \"i\"\nmsgstr \"\"\nmsgid \"\"\nmsgstr \"charset=UTF-8\"");
  std::string out = format_po(cat);
  CHECK(format_po(parse(dir, out)) == out);
  // A format libgettextpo knows still goes its way, and stays.
  cat.messages.back().edit_extras().flags = {"c-format"};
  CHECK(format_po(cat).find("#, c-format\n") != std::string::npos);
}

TEST_CASE("a reference without a line that ends in a backslash reads back", "[catalog]") {
  // fuzz_po: written bare, "#: \" joined the msgid line to the reference.
  TempDir dir;
  // Enclosed in U+2068 … U+2069 it reads back whole, and only UTF-8 holds those.
  CHECK_THROWS_WITH(parse(dir, "#:\\ \nmsgid \"e\"\nmsgstr \"\"\n"),
                    "in.po:1: error: the file name '\\' in a '#:' reference can only be written in a UTF-8 file; add "
                    "a header entry with \"Content-Type: text/plain; charset=UTF-8\\n\"");
  for (const char* text : {"msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n#:\\ \nmsgid \"e\"\nmsgstr \"\"\n",
                           "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n#: dir\\ a.md:3\nmsgid \"e\"\nmsgstr \"\"\n"}) {
    INFO(text);
    Catalog cat = parse(dir, text);
    std::string out = format_po(cat);
    Catalog again = parse(dir, out);
    REQUIRE(again.messages.size() == cat.messages.size());
    CHECK(again.messages.back().references == cat.messages.back().references);
    CHECK(format_po(again) == out);
  }
}

TEST_CASE("a file that declares no charset must be ASCII, as gettext demands", "[catalog]") {
  // fuzz_po: with no charset gettext writes ASCII and drops every other byte
  // ("caf\xC3\xA9" became "caf"), so two msgids that differed only by a U+2068
  // were written as one and read back as a duplicate.
  TempDir dir;
  const std::string entries = "msgid \"page\xE2\x81\xA8s ex)it\"\nmsgstr \"\"\n\nmsgid \"pages ex)it\"\nmsgstr \"\"\n";
  for (const std::string& head : {std::string(), std::string("msgid \"\"\nmsgstr \"Project-Id-Version: x\\n\"\n\n"),
                                  std::string("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=CHARSET\\n\"\n\n")}) {
    INFO(head);
    int line = head.empty() ? 1 : 4;
    CHECK_THROWS_WITH(parse(dir, head + entries),
                      "in.po:" + std::to_string(line) + ":12: error: non-ASCII text in a file that declares no charset; "
                      "add a header entry with \"Content-Type: text/plain; charset=UTF-8\\n\"");
  }
  // ASCII needs no charset; with UTF-8 declared the two stay two.
  CHECK(parse(dir, "msgid \"pages ex)it\"\nmsgstr \"\"\n").messages.size() == 1);
  Catalog cat = parse(dir, "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n" + entries);
  std::string out = format_po(cat);
  Catalog again = parse(dir, out);
  CHECK(same_messages(again, cat));
  CHECK(format_po(again) == out);
}

TEST_CASE("an escape that makes a byte the file's charset cannot hold is an error", "[catalog]") {
  // fuzz_po: gettext's writer drops such a byte ("x\336y" came back "xy"
  // from a UTF-8 file), or, in a file without a charset, wrote it raw, and
  // the file no longer read.
  TempDir dir;
  const std::string entry = "msgid \"a\"\nmsgstr \"x\\336y\"\n";
  CHECK_THROWS_WITH(parse(dir, "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n" + entry),
                    "in.po:4: error: an escape sequence makes a byte that is not UTF-8; write the character itself");
  CHECK_THROWS_WITH(parse(dir, "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset= charset=UTF-8\\n\"\n\n" + entry),
                    "in.po:4: error: an escape sequence makes a non-ASCII byte in a file that declares no charset; "
                    "add a header entry with \"Content-Type: text/plain; charset=UTF-8\\n\"");
  // Escapes that spell UTF-8 are fine: "\303\251" is "é".
  Catalog ok = parse(dir, "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"a\"\nmsgstr \"caf\\303\\251\"\n");
  REQUIRE(ok.messages.size() == 1);
  CHECK(ok.messages[0].msgstr[0] == "caf\xC3\xA9");
}
