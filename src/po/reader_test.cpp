// The reader's own shortcuts (the entry index, the reference table, strings
// sized ahead, the eight-byte scans) must read as the plain reading would.
#include <catch2/catch.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/source_text.h"
#include "po/catalog.h"
#include "po/reader.h"
#include "testing.h"

using namespace l10n;
namespace fs = std::filesystem;

namespace {

Catalog read(const std::string& text, PoContent keep = PoContent::Everything, EntrySpans* spans = nullptr) {
  return parse_po(SourceText("in.po", text), keep, spans);
}

// What `reading` throws, or "no error".
template <class Read>
std::string error_in(Read reading) {
  try {
    reading();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

std::string error_of(const std::string& text) {
  return error_in([&] { read(text); });
}

const std::string kHeader = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n";

// `text` in a file of its own for as long as it lives.
struct PoFile {
  std::string path;
  explicit PoFile(const std::string& text) {
    char name[] = "/tmp/l10n-reader-XXXXXX";
    int fd = ::mkstemp(name);
    REQUIRE(fd >= 0);
    REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    ::close(fd);
    path = name;
  }
  ~PoFile() { std::remove(path.c_str()); }
};

// What read_po_entries takes from `text`, the header into `header`.
std::vector<Message> stream(const std::string& text, Catalog* header = nullptr,
                            std::size_t block_size = std::size_t{1} << 20) {
  PoFile file(text);
  std::vector<Message> out;
  Catalog h = read_po_entries(file.path, "in.po", [&](Message&& m) { out.push_back(std::move(m)); }, block_size);
  if (header) *header = std::move(h);
  return out;
}

std::string stream_error(const std::string& text) {
  return error_in([&] { stream(text); });
}

// Whether the entries a block at a time are those of the text read whole,
// in the order a read puts them in (obsolete ones last), lines and all.
void check_same_as_whole(const std::string& text, std::size_t block_size) {
  INFO("blocks of " << block_size);
  Catalog header;
  std::vector<Message> got = stream(text, &header, block_size);
  std::stable_partition(got.begin(), got.end(), [](const Message& m) { return !m.obsolete; });
  Catalog whole = read(text, PoContent::Translations);
  CHECK(header.header == whole.header);
  CHECK(header.header_comments == whole.header_comments);
  REQUIRE(got.size() == whole.messages.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("entry " << i << " at line " << whole.messages[i].line);
    CHECK(same_content(got[i], whole.messages[i]));
    CHECK(got[i].line == whole.messages[i].line);
  }
}

}  // namespace

TEST_CASE("an entry with hundreds of references keeps the first of each, in order", "[reader]") {
  std::vector<Reference> expected;
  std::string text = kHeader;
  for (int i = 0; i < 400; ++i) {
    // Names that differ in the line only, in the name only, and "name:0",
    // which keeps its ":0" in the name.
    std::string file = "content/section/page-" + std::to_string(i % 37) + ".md";
    if (i % 5 == 0 && i % 2 == 0) file += ":0";
    Reference r{file, i % 5};
    std::string written = file + (r.line ? ":" + std::to_string(r.line) : "");
    if (std::find(expected.begin(), expected.end(), r) == expected.end()) expected.push_back(r);
    text += (i % 3 == 0 ? "#: " : "#:\t") + written + "\n";
    // The references may come in groups, with other comments between.
    if (i % 50 == 49) text += "#. between\n";
  }
  text += "msgid \"a\"\nmsgstr \"\"\n\n#: one.md:1 two.md:2 one.md:1\nmsgid \"b\"\nmsgstr \"\"\n";
  Catalog cat = read(text);
  REQUIRE(cat.messages.size() == 2);
  CHECK(cat.messages[0].references == expected);
  CHECK(cat.messages[0].extracted_comments == std::vector<std::string>(8, "between"));
  // The next entry starts its list anew.
  CHECK(cat.messages[1].references == std::vector<Reference>{{"one.md", 1}, {"two.md", 2}});
}

TEST_CASE("more entries than lines that start with msgid: each is read, each duplicate found", "[reader]") {
  // Indented keywords are not counted ahead, so the lists and the index of
  // entries grow as they are read.
  std::string text;
  for (int i = 0; i < 300; ++i) text += "  msgid \"m" + std::to_string(i) + "\"\n  msgstr \"t\"\n\n";
  Catalog cat = read(text);
  REQUIRE(cat.messages.size() == 300);
  CHECK(cat.messages[299].msgid == "m299");
  CHECK(cat.messages[299].line == 898);
  CHECK(error_of(text + "msgctxt \"c\"\nmsgid \"m7\"\nmsgstr \"\"\n\n msgid \"m250\"\nmsgstr \"\"\n") ==
        "in.po:905: error: duplicate message definition (first defined at line 751)");
  CHECK(error_of("msgid \"\"\nmsgstr \"\"\n\n" + text + "#~ msgid \"\"\n#~ msgstr \"\"\n") ==
        "in.po:904: error: duplicate message definition (first defined at line 1)");
}

TEST_CASE("a string of many lines, quotes and escapes anywhere, reads whole", "[reader]") {
  // Runs of every length, so that quotes and backslashes fall on each byte
  // of an eight-byte word; obsolete and previous strings too.
  std::string expected, lines;
  for (int n = 0; n < 40; ++n) {
    // No hex digit, which would go on a "\x42" before it.
    std::string run(static_cast<std::size_t>(n), static_cast<char>('g' + n % 20));
    static const char* escapes[] = {"\\\"", "\\\\", "\\n", "\\t", "\\101", "\\x42", ""};
    static const char* decoded[] = {"\"", "\\", "\n", "\t", "A", "B", ""};
    expected += run + decoded[n % 7] + run;
    lines += "\"" + run + escapes[n % 7] + run + "\"\n";
  }
  Catalog cat = read(kHeader + "msgid \"\"\n" + lines + "msgstr \"x\"\n\n#, fuzzy\n#| msgid \"\"\n#| " +
                     [&] {
                       std::string prev;
                       for (std::size_t at = 0, next; (next = lines.find('\n', at)) != std::string::npos; at = next + 1)
                         prev += lines.substr(at, next + 1 - at) + (next + 1 < lines.size() ? "#| " : "");
                       return prev;
                     }() +
                     "msgid \"b\"\nmsgstr \"\"\n\n#~ msgid \"c\"\n#~ msgstr \"\"\n#~ " +
                     lines.substr(0, lines.find('\n') + 1));
  REQUIRE(cat.messages.size() == 3);
  CHECK(cat.messages[0].msgid == expected);
  CHECK(cat.messages[1].extras().prev_msgid == expected);
  CHECK(cat.messages[2].obsolete);
  CHECK(cat.messages[2].msgstr == std::vector<std::string>{expected.substr(0, 1)});
}

TEST_CASE("the references to one name, in any entry, share one copy of it", "[reader]") {
  Catalog cat = read(kHeader +
                     "#: content/a.md:1 content/b.md:2 content/a.md:3\n"
                     "#: \xE2\x81\xA8my a.md\xE2\x81\xA9:4\n"
                     "msgid \"one\"\nmsgstr \"\"\n\n"
                     "#: content/b.md:5 \xE2\x81\xA8my a.md\xE2\x81\xA9:6 content/a.md:0\n"
                     "msgid \"two\"\nmsgstr \"\"\n");
  REQUIRE(cat.messages.size() == 2);
  const std::vector<Reference>& one = cat.messages[0].references;
  const std::vector<Reference>& two = cat.messages[1].references;
  REQUIRE(one.size() == 4);
  REQUIRE(two.size() == 3);
  CHECK(one[0].shared_file().shares(one[2].shared_file()));
  CHECK(one[1].shared_file().shares(two[0].shared_file()));
  CHECK(one[3].shared_file().shares(two[1].shared_file()));
  CHECK(!one[0].shared_file().shares(one[1].shared_file()));
  // "name:0" keeps its ":0": another name.
  CHECK(two[2].file() == "content/a.md:0");
  CHECK(!two[2].shared_file().shares(one[0].shared_file()));

  // A copy has the same references; the names stay shared, and outlive the catalog they came from.
  Catalog copy = cat;
  cat = Catalog{};
  CHECK(copy.messages[0].references ==
        std::vector<Reference>{{"content/a.md", 1}, {"content/b.md", 2}, {"content/a.md", 3}, {"my a.md", 4}});
  CHECK(copy.messages[1].references ==
        std::vector<Reference>{{"content/b.md", 5}, {"my a.md", 6}, {"content/a.md:0", 0}});
  CHECK(copy.messages[0].references[0].shared_file().shares(copy.messages[0].references[2].shared_file()));
}

TEST_CASE("blanks, brackets and isolates are found past the first eight bytes of a line", "[reader]") {
  Catalog cat = read(kHeader +
                     "#: content/a-rather-long-name.md:12\tcontent/b.md:3 \xE2\x81\xA8with space.md\xE2\x81\xA9:4\n"
                     "#, fuzzy,   c-format\n"
                     "msgid \"one\"\nmsgid_plural \"many\"\nmsgstr[0]    \"een\"\nmsgstr[1]\t\"veel\"\n");
  REQUIRE(cat.messages.size() == 1);
  CHECK(cat.messages[0].references ==
        std::vector<Reference>{{"content/a-rather-long-name.md", 12}, {"content/b.md", 3}, {"with space.md", 4}});
  CHECK(cat.messages[0].msgstr == std::vector<std::string>{"een", "veel"});
  CHECK(error_of(kHeader +
                 "#: content/a-rather-long-name.md:1 content/\xE2\x81\xA9.md:2\nmsgid \"a\"\nmsgstr \"\"\n") ==
        "in.po:4: error: a file name in a '#:' reference holds U+2068 or U+2069, which enclose names there");
  CHECK(error_of(kHeader + "msgid \"a long string\" \"and another\"\nmsgstr \"\"\n") ==
        "in.po:4: error: unexpected text after the string");
  CHECK(error_of(kHeader + "msgid \"a long string without its end\nmsgstr \"\"\n") ==
        "in.po:4: error: end-of-line within string");
}

TEST_CASE("spans and lines are those of the file's own lines, with a BOM and CRLF", "[reader]") {
  std::string text = "\xEF\xBB\xBFmsgid \"\"\r\nmsgstr \"\"\r\n\r\n# c\r\nmsgid \"a\"\r\nmsgstr \"b\"\r\n";
  EntrySpans spans;
  Catalog cat = read(text, PoContent::Everything, &spans);
  REQUIRE(cat.messages.size() == 1);
  CHECK(cat.messages[0].line == 4);
  REQUIRE(spans.header);
  CHECK(spans.header->begin == 3);
  CHECK(text.substr(spans.header->begin, spans.header->size()) == "msgid \"\"\r\nmsgstr \"\"");
  REQUIRE(spans.messages.size() == 1);
  CHECK(text.substr(spans.messages[0].begin, spans.messages[0].size()) == "# c\r\nmsgid \"a\"\r\nmsgstr \"b\"");
}

// ---- A file a block at a time (blocks of 1 MiB) ----

// A catalog of about `size` bytes with lines joined by a backslash, CRLF
// endings, long lines, escapes, plurals, contexts, fuzzy and obsolete
// entries; a BOM first.
std::string varied_catalog(std::size_t size, std::size_t long_line) {
  std::mt19937 rng(7);
  std::string text = "\xEF\xBB\xBF# header comment\r\n" + kHeader;
  int n = 0;
  while (text.size() < size) {
    const int kind = static_cast<int>(rng() % 9);
    const std::string id = "entry " + std::to_string(n++) + " caf\xC3\xA9";
    const std::string eol = kind == 1 ? "\r\n" : "\n";
    if (kind == 2) text += "#, fuzzy" + eol;
    if (kind == 3) text += "#: content/page.md:" + std::to_string(n) + eol + "#. a note" + eol;
    if (kind == 4) text += "msgctxt \"ctx\"" + eol;
    const std::string prefix = kind == 5 ? "#~ " : "";
    text += prefix + "msgid \"" + id + "\"" + eol;
    if (kind == 6) {
      text += "msgid_plural \"" + id + "s\"\nmsgstr[0] \"een\"\nmsgstr[1] \"twee\"\n\n";
      continue;
    }
    if (kind == 7) {
      // A string continued by backslashes over several lines.
      text += "msgstr \"vertaald \\\n";
      for (int k = 0; k < 40; ++k) text += "deel \\\n";
      text += "eind\"\n\n";
      continue;
    }
    text += prefix + "msgstr \"" + (kind == 8 ? "" : "vertaald\\t\\\"" + id) + "\"" + eol;
    if (n % 500 == 0) text += prefix + "\"" + std::string(rng() % 3000, 'x') + "\"" + eol;
    text += eol;
    if (n == 40) text += "msgid \"long\"\nmsgstr \"" + std::string(long_line, 'y') + "\"\n\n";
  }
  return text;
}

TEST_CASE("a catalog reads a block at a time as it reads whole, wherever the blocks end", "[reader]") {
  const std::string text = varied_catalog(40000, 5000);
  for (std::size_t block : {1, 2, 3, 7, 64, 4096}) check_same_as_whole(text, block);
  // Blocks of the size merge reads, and a line longer than two of them.
  check_same_as_whole(varied_catalog(std::size_t{7} << 20, std::size_t{5} << 19), std::size_t{1} << 20);
}

TEST_CASE("the corpus's translation catalog reads a block at a time as it reads whole", "[reader]") {
  const fs::path po = l10n::testing::corpus_dir() / "qgis-website/translations/nl/messages.excerpt.po";
  if (l10n::testing::corpus_dir().empty() || !fs::exists(po)) {
    WARN("../shared/corpus is absent: the corpus catalog is not read");
    return;
  }
  const std::string text(SourceText::load(po.string(), "in.po").bytes());
  for (std::size_t block : {1, 5, 100, 65536}) check_same_as_whole(text, block);
}

TEST_CASE("a catalog read a block at a time: the header, an empty file, no trailing line feed", "[reader]") {
  Catalog header;
  std::vector<Message> got = stream(kHeader + "msgid \"a\"\nmsgstr \"b\"", &header);
  REQUIRE(got.size() == 1);
  CHECK(got[0].msgstr == std::vector<std::string>{"b"});
  CHECK(header.header == "Content-Type: text/plain; charset=UTF-8\n");
  CHECK(stream_error("").find("no header entry") != std::string::npos);
  CHECK(stream_error("# only a comment\n").find("no header entry") != std::string::npos);
}

TEST_CASE("a catalog read a block at a time refuses what one read whole does, where it is", "[reader]") {
  // Past the first block, so that the lines are counted across blocks.
  std::string filler = kHeader;
  int lines = 3;
  for (int i = 0; filler.size() < (std::size_t{3} << 19); ++i, lines += 3)
    filler += "msgid \"m" + std::to_string(i) + "\"\nmsgstr \"\"\n\n";
  auto at = [&](int line) { return "in.po:" + std::to_string(lines + line); };
  auto both = [&](const std::string& tail, const std::string& expected) {
    INFO(tail << " -> " << stream_error(filler + tail));
    CHECK(stream_error(filler + tail).find(expected) != std::string::npos);
    CHECK(error_of(filler + tail).find(expected) != std::string::npos);
  };
  both("msgid \"x\"\nmsgstr \"\\q\"\n", at(2) + ": error: invalid control sequence");
  both("msgid \"x\xC3\"\nmsgstr \"\"\n", at(1) + ":9: error: invalid UTF-8 (byte 0xC3)");
  both("msgid \"x\rmsgstr \"\"\n", at(1) + ":9: error: carriage return without a line feed");
  both("msgid \"x\\303\"\nmsgstr \"\"\n", at(1) + ": error: an escape sequence makes a byte that is not UTF-8");
  both("msgid \"\"\nmsgstr \"\"\n", at(1) + ": error: duplicate message definition (first defined at line 1)");
  // Another entry with the same key is the taker's to find.
  CHECK(stream_error(filler + "msgid \"m0\"\nmsgstr \"\"\n") == "no error");
}

TEST_CASE("a catalog read a block at a time: a header first, and its charset for what follows", "[reader]") {
  CHECK(stream_error("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"\"\nmsgstr \"X: y\\n\"\n").find("no header entry") !=
        std::string::npos);
  CHECK(stream_error("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n")
            .find("in.po:1: error: charset 'ISO-8859-1' is not supported") != std::string::npos);
  // No charset: ASCII, in the header's own lines as in the rest, however far.
  const std::string bare = "msgid \"\"\nmsgstr \"X: y\\n\"\n\n";
  CHECK(stream_error("# caf\xC3\xA9\n" + bare).find("in.po:1:6: error: non-ASCII text") != std::string::npos);
  std::string far = bare;
  int lines = 3;
  for (int i = 0; far.size() < (std::size_t{3} << 19); ++i, lines += 3)
    far += "msgid \"m" + std::to_string(i) + "\"\nmsgstr \"\"\n\n";
  CHECK(stream_error(far + "msgid \"\xC3\xA9\"\nmsgstr \"\"\n")
            .find("in.po:" + std::to_string(lines + 1) + ":8: error: non-ASCII text") != std::string::npos);
  CHECK(stream_error(far + "msgid \"\\351\"\nmsgstr \"\"\n").find("makes a non-ASCII byte") != std::string::npos);
  // A header longer than a block, a byte past ASCII in its first block.
  std::string long_header = "# \xC3\xA9\n";
  while (long_header.size() < (std::size_t{3} << 19)) long_header += "# a translator's comment\n";
  CHECK(stream_error(long_header + bare).find("in.po:1:3: error: non-ASCII text") != std::string::npos);
}
