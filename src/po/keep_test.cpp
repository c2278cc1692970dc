#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "base/source_text.h"
#include "po/catalog.h"
#include "po/keep.h"
#include "po/reader.h"
#include "po/update.h"
#include "po/writer.h"
#include "testing.h"

using namespace l10n;

namespace {

// A file as translate-toolkit (Weblate) writes it: its own header order and
// fields, 77 columns, a break after the "/" of a URL and before a word that
// would pass the width, a long msgid left on one line.
const std::string kHeader =
    "# Dutch translation\n"
    "msgid \"\"\n"
    "msgstr \"\"\n"
    "\"Project-Id-Version: site\\n\"\n"
    "\"Report-Msgid-Bugs-To: \\n\"\n"
    "\"POT-Creation-Date: 2024-01-01 00:00+0000\\n\"\n"
    "\"PO-Revision-Date: 2024-02-02 10:00+0000\\n\"\n"
    "\"Last-Translator: Jan <jan@example.org>\\n\"\n"
    "\"Language-Team: none\\n\"\n"
    "\"Language: ru\\n\"\n"
    "\"MIME-Version: 1.0\\n\"\n"
    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
    "\"Content-Transfer-Encoding: 8bit\\n\"\n"
    "\"Plural-Forms: nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && \"\n"
    "\"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2;\\n\"\n"
    "\"X-Generator: Weblate 5.4\\n\"\n";
const std::string kLink =
    "#. paragraph\n"
    "#: content/en/a.md:3\n"
    "msgid \"\"\n"
    "\"Read the [installation guide](https://example.org/docs/install/) before you \"\n"
    "\"start.\"\n"
    "msgstr \"\"\n"
    "\"Lees de [installatiegids](https://example.org/docs/install/) voordat je \"\n"
    "\"begint met het installeren van de software.\"\n";
const std::string kUrl =
    "#: content/en/a.md:5\n"
    "msgid \"See https://example.org/a/very/long/path/to/some/page/that/goes/on/and/on/index.html\"\n"
    "msgstr \"\"\n"
    "\"Zie https://example.org/a/very/long/path/to/some/page/that/goes/on/and/on/\"\n"
    "\"index.html\"\n";
const std::string kShort =
    "#: content/en/a.md:7\n"
    "msgid \"Install\"\n"
    "msgstr \"Installeren\"\n";
const std::string kWeblate = kHeader + "\n" + kLink + "\n" + kUrl + "\n" + kShort;

Catalog read(const std::string& text) { return parse_po(SourceText("test.po", text)); }

Message* find(Catalog& cat, const std::string& msgid) {
  for (Message& m : cat.messages)
    if (m.msgid == msgid) return &m;
  return nullptr;
}

// What keep_unchanged_entries gives for `cat` written over `old`; it must
// read exactly as format_po's text does.
// format_po_keeping, which writes only the entries that change, gives the
// same bytes.
std::string kept(const std::string& old, const Catalog& cat) {
  std::string fresh = format_po(cat);
  std::string out = keep_unchanged_entries(old, fresh);
  CHECK(same_messages(read(out), read(fresh)));
  CHECK(read(out).header == read(fresh).header);
  CHECK(format_po_keeping(cat, old) == out);
  return out;
}

}  // namespace

TEST_CASE("parse_po notes where each entry lies", "[keep]") {
  const std::string text =
      "\xEF\xBB\xBF# head\r\nmsgid \"\"\r\nmsgstr \"Language: nl\\n\"\r\n\r\n"
      "#~ msgid \"gone\"\r\n#~ msgstr \"weg\"\r\n\r\n\r\n"
      "#: a.md:1\r\nmsgid \"a\"\r\nmsgstr \"\"\r\n\"b\\\r\nc\"\r\n"
      "msgid \"d\"\nmsgstr \"e\"";
  SourceText src("t.po", text);
  EntrySpans spans;
  Catalog cat = parse_po(src, PoContent::Everything, &spans);
  auto bytes = [&](const Span& s) { return std::string(src.bytes().substr(s.begin, s.size())); };
  REQUIRE(spans.header);
  CHECK(bytes(*spans.header) == "# head\r\nmsgid \"\"\r\nmsgstr \"Language: nl\\n\"");
  REQUIRE(cat.messages.size() == 3);
  REQUIRE(spans.messages.size() == 3);
  // Obsolete entries go last in the catalog, and their places with them.
  CHECK(cat.messages[0].msgid == "a");
  CHECK(bytes(spans.messages[0]) == "#: a.md:1\r\nmsgid \"a\"\r\nmsgstr \"\"\r\n\"b\\\r\nc\"");
  CHECK(cat.messages[1].msgid == "d");
  CHECK(bytes(spans.messages[1]) == "msgid \"d\"\nmsgstr \"e\"");
  CHECK(cat.messages[2].msgid == "gone");
  CHECK(bytes(spans.messages[2]) == "#~ msgid \"gone\"\r\n#~ msgstr \"weg\"");
}

TEST_CASE("an unchanged catalog keeps every byte of the file", "[keep]") {
  const std::string variants[] = {
      kWeblate,
      // No wrapping at all (Weblate's "-1"), the header on one line.
      "msgid \"\"\nmsgstr \"Language: nl\\nContent-Type: text/plain; charset=UTF-8\\n\"\n\n" + kShort,
      // CRLF, a BOM, two blank lines between entries, none before the last,
      // blank lines at the end.
      "\xEF\xBB\xBFmsgid \"\"\r\nmsgstr \"\"\r\n\"Language: nl\\n\"\r\n"
      "\"Content-Type: text/plain; charset=UTF-8\\n\"\r\n"
      "\r\n\r\nmsgid \"a\"\r\nmsgstr \"b\"\r\nmsgid \"c\"\r\nmsgstr \"d\"\r\n\r\n\r\n",
      // No line break at the end.
      kHeader + "\n" + kShort + "\n#~ msgid \"old\"\n#~ msgstr \"oud\"",
      // Flags in another order, a repeated reference, "#" without a space.
      kHeader + "\n#foo\n#, c-format, fuzzy\n#| msgid \"%d file\"\n#: a.md:1 a.md:1\n"
                "msgid \"%d files\"\nmsgstr \"%d bestanden\"\n",
  };
  for (const std::string& old : variants) {
    INFO(old);
    CHECK(kept(old, read(old)) == old);
  }
}

TEST_CASE("an entry that changes is written as gettext does; the others keep their bytes", "[keep]") {
  Catalog cat = read(kWeblate);
  find(cat, "Install")->msgstr = {"Installeer het"};
  std::string out = kept(kWeblate, cat);
  CHECK(out == kHeader + "\n" + kLink + "\n" + kUrl + "\n" +
                   "#: content/en/a.md:7\nmsgid \"Install\"\nmsgstr \"Installeer het\"\n");

  SECTION("a second run changes nothing") { CHECK(keep_unchanged_entries(out, format_po(cat)) == out); }

  SECTION("a changed reference is a change, and so is a changed header") {
    Catalog moved = read(kWeblate);
    find(moved, "Install")->references = {{"content/en/b.md", 2}};
    moved.set_header_field("POT-Creation-Date", "2024-03-03 00:00+0000");
    std::string fresh = format_po(moved);
    std::string out2 = kept(kWeblate, moved);
    CHECK(out2.find(kHeader) == std::string::npos);
    CHECK(out2.starts_with(fresh.substr(0, fresh.find("\n\n") + 2)));
    CHECK(out2.find(kLink) != std::string::npos);
    CHECK(out2.ends_with("\n\n#: content/en/b.md:2\nmsgid \"Install\"\nmsgstr \"Installeren\"\n"));
  }
}

TEST_CASE("entries that come, go or move take gettext's separators; neighbours keep theirs", "[keep]") {
  const std::string old = kHeader + "\n\n" + kLink + "\n\n" + kUrl + "\n\n" + kShort;
  Catalog cat = read(old);
  SECTION("a new entry between two kept ones") {
    Message fresh;
    fresh.msgid = "New";
    fresh.msgstr = {""};
    cat.messages.insert(cat.messages.begin() + 2, fresh);
    CHECK(kept(old, cat) == kHeader + "\n\n" + kLink + "\n\n" + kUrl + "\nmsgid \"New\"\nmsgstr \"\"\n\n" + kShort);
  }
  SECTION("an entry made obsolete goes to the end, in gettext's layout") {
    cat.messages[0].obsolete = true;
    cat.messages[0].references.clear();
    cat.messages[0].extracted_comments.clear();
    std::string out = kept(old, cat);
    CHECK(out.starts_with(kHeader + "\n" + kUrl + "\n\n" + kShort + "\n#~ msgid \"\"\n#~ \"Read the"));
    CHECK(out.find(kLink) == std::string::npos);
  }
  SECTION("the first entry gone: the file starts where gettext starts it") {
    const std::string no_header = "\n\n" + kShort + "\n" + kUrl;
    Catalog two = read(no_header);
    two.messages.erase(two.messages.begin());
    CHECK(kept(no_header, two) == kUrl);
  }
}

TEST_CASE("an obsolete entry amid the others goes last, as gettext writes it, with its bytes", "[keep]") {
  const std::string old = kHeader + "\n#~ msgid \"old\"\n#~ msgstr   \"oud\"\n\n" + kShort;
  CHECK(kept(old, read(old)) == kHeader + "\n" + kShort + "\n#~ msgid \"old\"\n#~ msgstr   \"oud\"\n");
}

TEST_CASE("a CRLF file keeps CRLF in the entries written anew", "[keep]") {
  const std::string old = "msgid \"\"\r\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\r\n\r\n"
                          "msgid \"a\"\r\nmsgstr \"\"\r\n\"b\"\r\n";
  Catalog cat = read(old);
  Message m;
  m.msgid = "c";
  m.msgstr = {"d"};
  m.edit_extras().translator_comments = {"one", "two"};
  cat.messages.push_back(m);
  CHECK(kept(old, cat) == old + "\r\n# one\r\n# two\r\nmsgid \"c\"\r\nmsgstr \"d\"\r\n");
}

TEST_CASE("an old file that does not read leaves the new text as it is", "[keep]") {
  Catalog cat = read(kWeblate);
  std::string fresh = format_po(cat);
  CHECK(keep_unchanged_entries("msgid \"a\"\nmsgstr", fresh) == fresh);
  CHECK(keep_unchanged_entries("msgid \"\xFF\"\nmsgstr \"\"\n", fresh) == fresh);
  CHECK(keep_unchanged_entries("", fresh) == fresh);
  CHECK(keep_unchanged_entries(kWeblate, "") == "");
}

TEST_CASE("an update over a Weblate file keeps the entries it did not change", "[keep]") {
  Catalog pot = read(kWeblate);
  pot.header = "POT-Creation-Date: 2024-01-01 00:00+0000\nContent-Type: text/plain; charset=UTF-8\n";
  for (Message& m : pot.messages) m.msgstr = {""};
  Catalog updated = update_catalog(read(kWeblate), pot, {});
  CHECK(kept(kWeblate, updated) == kWeblate);

  find(pot, "Install")->msgid = "Install it";
  updated = update_catalog(read(kWeblate), pot, {});
  std::string out = kept(kWeblate, updated);
  CHECK(out.starts_with(kHeader + "\n" + kLink + "\n" + kUrl + "\n"));
  CHECK(out.ends_with("#: content/en/a.md:7\n#, fuzzy\n#| msgid \"Install\"\nmsgid \"Install it\"\n"
                      "msgstr \"Installeren\"\n"));
}

TEST_CASE("write_po keeps the bytes of the file it replaces", "[keep]") {
  l10n::testing::TempDir dir;
  std::string path = dir.file("nl.po", kWeblate);
  Catalog cat = read(kWeblate);
  find(cat, "Install")->msgstr = {"Installeer"};
  write_po(path, cat);
  CHECK(l10n::testing::slurp(path) == kHeader + "\n" + kLink + "\n" + kUrl + "\n" +
                                          "#: content/en/a.md:7\nmsgid \"Install\"\nmsgstr \"Installeer\"\n");
}

namespace {

// Each string on one line, as Weblate writes with "no wrapping" (-1): every
// continuation line joined to the one before.
std::string unwrapped(const std::string& text) {
  std::vector<std::string> lines;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t eol = text.find('\n', pos);
    std::string line = text.substr(pos, eol - pos);
    pos = eol == std::string::npos ? text.size() : eol + 1;
    std::size_t quote = line.find_first_not_of("#~| ");
    if (quote != std::string::npos && line[quote] == '"' && !lines.empty() && lines.back().ends_with('"')) {
      lines.back().pop_back();
      lines.back() += line.substr(quote + 1);
    } else {
      lines.push_back(line);
    }
  }
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

std::string crlf(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

}  // namespace

TEST_CASE("keeping on a real catalog in other layouts: reads as gettext's, stable, untouched entries as they were",
          "[keep]") {
  const std::string gettext_text = l10n::testing::slurp(l10n::testing::source_dir() / "po/nl/content.po");
  const std::string layouts[] = {unwrapped(gettext_text), crlf(gettext_text), crlf(unwrapped(gettext_text))};
  for (const std::string& old : layouts) {
    REQUIRE(old != gettext_text);
    REQUIRE(same_messages(read(old), read(gettext_text)));
    CHECK(kept(old, read(old)) == old);

    Catalog cat = read(old);
    REQUIRE(cat.messages.size() > 100);
    std::vector<Message> changed;
    for (std::size_t i = 0; i < cat.messages.size(); ++i) {
      Message m = cat.messages[i];
      if (i % 7 == 0) m.msgstr = {"Nieuw " + std::to_string(i)};
      if (i % 11 == 0) continue;
      if (i % 13 == 0) m.references.push_back({"content/en/moved.md", static_cast<int>(i)});
      changed.push_back(m);
      if (i % 17 == 0) {
        Message added;
        added.msgid = "Added " + std::to_string(i);
        added.msgstr = {""};
        changed.push_back(added);
      }
    }
    cat.messages = changed;
    std::string out = kept(old, cat);
    CHECK(keep_unchanged_entries(out, format_po(cat)) == out);
    // Every entry that reads as before has its old bytes; the others are format_po's.
    SourceText old_src("old.po", old), out_src("out.po", out), fresh_src("fresh.po", format_po(cat));
    EntrySpans old_spans, out_spans, fresh_spans;
    Catalog old_cat = parse_po(old_src, PoContent::Everything, &old_spans);
    Catalog out_cat = parse_po(out_src, PoContent::Everything, &out_spans);
    parse_po(fresh_src, PoContent::Everything, &fresh_spans);
    auto bytes = [](const SourceText& s, const Span& span) {
      return std::string(s.bytes().substr(span.begin, span.size()));
    };
    int kept_entries = 0, written = 0;
    for (std::size_t i = 0; i < out_cat.messages.size(); ++i) {
      const Message& m = out_cat.messages[i];
      auto before = std::find_if(old_cat.messages.begin(), old_cat.messages.end(),
                                 [&](const Message& o) { return MessageKey(o) == MessageKey(m); });
      if (before != old_cat.messages.end() && same_content(*before, m)) {
        CHECK(bytes(out_src, out_spans.messages[i]) ==
              bytes(old_src, old_spans.messages[static_cast<std::size_t>(before - old_cat.messages.begin())]));
        ++kept_entries;
      } else {
        std::string theirs = bytes(fresh_src, fresh_spans.messages[i]);
        CHECK(bytes(out_src, out_spans.messages[i]) == (old.find("\r\n") != std::string::npos ? crlf(theirs) : theirs));
        ++written;
      }
    }
    CHECK(kept_entries > 200);
    CHECK(written > 50);
  }
}

TEST_CASE("format_po_keeping tells what reads the same without writing it, whatever the entries hold", "[keep]") {
  // Entries whose text reads back otherwise than they say (comments on
  // several lines, names the writer shortens or encloses, repeated
  // references, flags it drops) beside ordinary ones, each over an old file
  // with the same entries, with entries that differ, and with none.
  Catalog cat = read(kWeblate);
  auto add = [&](Message m) {
    m.msgstr = m.msgstr.empty() ? std::vector<std::string>{"x"} : m.msgstr;
    cat.messages.push_back(std::move(m));
  };
  Message m;
  m.msgid = "two lines";
  m.edit_extras().translator_comments = {"first\nsecond", "", " lead", "trail ", "back\\"};
  m.extracted_comments = {"a\r", "\tb", ""};
  add(m);
  m = Message{};
  m.msgid = "names";
  m.references = {{"./content/a.md", 1}, {"with space.md", 2}, {"no-line.md", 0}, {"c:d.md", 3}, {"x.md", 4},
                  {"x.md", 4}, {"x.md", 5}};
  add(m);
  m = Message{};
  m.msgid = "flags";
  m.edit_extras().flags = {"no-wrap", "custom"};
  m.fuzzy = true;
  add(m);
  m = Message{};
  m.msgid = "fuzzy without translation";
  m.fuzzy = true;
  m.msgstr = {""};
  add(m);
  m = Message{};
  m.msgid = "%d file";
  m.edit_extras().msgid_plural = "%d files";
  m.msgstr = {"%d bestand"};
  add(m);
  m = Message{};
  m.msgctxt = "ctx";
  m.msgid = "controls \x01\x7f \a\b\f\v \"q\" \\ end\n";
  m.edit_extras().prev_msgid = "before";
  m.msgstr = {"two", "extra"};
  add(m);
  m = Message{};
  m.msgid = "gone, translated";
  m.obsolete = true;
  m.edit_extras().prev_msgctxt = "old ctx";
  add(m);
  m = Message{};
  m.msgid = "gone, untranslated";
  m.obsolete = true;
  m.msgstr = {""};
  cat.messages.push_back(m);

  const std::string same = format_po(cat);
  std::string differs = same;
  for (Message& msg : cat.messages) {
    Catalog one;
    one.messages = {msg};
    std::string entry = format_po(one);
    Message changed = msg;
    changed.edit_extras().translator_comments.push_back("new");
    Catalog other;
    other.messages = {changed};
    std::string replacement = format_po(other);
    if (auto at = differs.find(entry); at != std::string::npos) differs.replace(at, entry.size(), replacement);
  }
  for (const std::string& old : {same, differs, crlf(same), unwrapped(differs), kWeblate, kHeader, std::string()}) {
    INFO(old);
    kept(old, cat);
  }
  // A key twice or a second header: format_po's text does not read, and is
  // taken as it is.
  Catalog twice = cat;
  twice.messages.push_back(twice.messages.back());
  twice.messages.back().obsolete = false;
  CHECK(format_po_keeping(twice, same) == keep_unchanged_entries(same, format_po(twice)));
  Catalog headless = cat;
  headless.messages.push_back(Message{});
  headless.messages.back().msgstr = {"y"};
  CHECK(format_po_keeping(headless, same) == keep_unchanged_entries(same, format_po(headless)));
}

namespace {

// Keeps each piece apart, to see where the text was cut.
struct Pieces final : TextSink {
  std::vector<std::string> pieces;
  void write(std::string_view piece) override { pieces.emplace_back(piece); }
  std::string joined() const {
    std::string out;
    for (const std::string& p : pieces) out += p;
    return out;
  }
};

}  // namespace

TEST_CASE("a catalog's text in pieces is its text, and in more than one piece when large", "[keep]") {
  Catalog cat;
  cat.header = "Content-Type: text/plain; charset=UTF-8\n";
  // Obsolete entries without a translation are not written: the last
  // slices of entries come out empty.
  for (int i = 0; i < 5000; ++i) {
    Message m;
    m.msgid = "gone " + std::to_string(i);
    m.msgstr = {""};
    m.obsolete = true;
    cat.messages.push_back(m);
  }
  for (int i = 0; i < 9000; ++i) {
    Message m;
    m.msgid = "Paragraph " + std::to_string(i) + " of a page that is long enough to wrap somewhere near the end";
    m.msgstr = {i % 2 ? "Alinea " + std::to_string(i) : ""};
    m.references = {{"content/en/page.md", i + 1}};
    cat.messages.push_back(m);
  }
  Pieces pieces;
  format_po(cat, pieces);
  CHECK(pieces.pieces.size() > 2);
  CHECK(pieces.joined() == format_po(cat));
  CHECK(pieces.joined().find("\n\n#: content/en/page.md:1\n") != std::string::npos);

  const std::string old = format_po(cat);
  cat.messages[6000].msgstr = {"Veranderd"};
  Pieces kept;
  format_po_keeping(cat, read_po_text(SourceText("nl.po", old)), kept);
  CHECK(kept.pieces.size() > 2);
  CHECK(kept.joined() == format_po(cat));
}

TEST_CASE("a catalog whose header is one of its messages starts without a blank line, in pieces too", "[keep]") {
  Catalog cat;
  Message header;
  header.msgstr = {"Content-Type: text/plain; charset=UTF-8\n"};
  cat.messages.push_back(header);
  for (int i = 0; i < 5000; ++i) {
    Message m;
    m.msgid = "Entry " + std::to_string(i);
    m.msgstr = {""};
    cat.messages.push_back(m);
  }
  REQUIRE(formats_itself(cat));
  Pieces pieces;
  format_po(cat, pieces);
  CHECK(pieces.pieces.size() > 2);
  CHECK(pieces.joined().rfind("msgid \"\"\n", 0) == 0);
  CHECK(pieces.joined() == format_po_gettext(cat));
}
