#include "base/source_text.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <unistd.h>

#include "base/error.h"

namespace l10n {
namespace {

// The byte-at-a-time definition the word-at-a-time scan must agree with.
std::size_t reference_invalid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    std::size_t n = decode_code_point(s, i, cp);
    bool overlong = (n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    if (n == 0 || overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return i;
    i += n;
  }
  return std::string_view::npos;
}

std::string error_of(std::string bytes) {
  try {
    SourceText("p.md", std::move(bytes));
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("find_invalid_utf8 agrees with a byte-at-a-time decoder on random text", "[source_text]") {
  // Mostly ASCII with a few bytes past it, so that the first invalid byte
  // falls at every place in and across the eight-byte words.
  std::mt19937 rng(7);
  const std::string pieces[] = {"a", "b ", "\n", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xC3", "\x80",
                                "\xED\xA0\x80", "\xC0\xAF", "\xF4\x90\x80\x80", "\xFF"};
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    std::size_t len = rng() % 40;
    for (std::size_t k = 0; k < len; ++k) s += pieces[rng() % 100 < 90 ? rng() % 3 : rng() % std::size(pieces)];
    INFO(s);
    REQUIRE(find_invalid_utf8(s) == reference_invalid_utf8(s));
  }
}

TEST_CASE("a source text names the first bad byte, whatever it is", "[source_text]") {
  CHECK(error_of("0123456789abcdef\nxy\xC3(") == "p.md:2:3: error: invalid UTF-8 (byte 0xC3)");
  CHECK(error_of(std::string("0123456789\0\xFF", 12)) == "p.md:1:11: error: NUL byte in a text file");
  CHECK(error_of("0123456789abc\rz\xFF").find("p.md:1:14: error: carriage return") == 0);
  CHECK(error_of("0123456789abcdef\r\n\xE2\x82\xAC\r\n") == "");
  CHECK(error_of("0123456789abcdef\r") .find("p.md:1:17: error: carriage return") == 0);
}

TEST_CASE("the line index finds every line start", "[source_text]") {
  SourceText t("p.md", "one\n\ntwo\r\nthree");
  CHECK(t.lines().line_count() == 4);
  CHECK(t.lines().line_start(3) == 5);
  CHECK(t.lines().line_start(4) == 10);
  CHECK(t.at(12).line == 4);
  CHECK(t.at(12).col == 3);
  CHECK(SourceText("p.md", "").lines().line_count() == 1);
  CHECK(SourceText("p.md", "x\n").lines().line_count() == 2);
}

TEST_CASE("a source text's lines are those a line index finds on its own", "[source_text]") {
  // SourceText finds line starts in the same pass as its UTF-8 check, a word
  // at a time: newlines at every place in the words, next to bytes past
  // ASCII, CRLFs and the vertical tab ('\n' ^ 1), which a loose zero-byte
  // test would take for a newline after a real one.
  std::mt19937 rng(11);
  const std::string pieces[] = {"a", "\n", "\r\n", "\v", "\xC3\xA9", "\xE2\x82\xAC", "\n\v", " "};
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    std::size_t len = rng() % 48;
    for (std::size_t k = 0; k < len; ++k) s += pieces[rng() % std::size(pieces)];
    INFO(s);
    SourceText text("p.md", s);
    LineIndex alone(s);
    REQUIRE(text.lines().line_count() == alone.line_count());
    for (int ln = 1; ln <= alone.line_count(); ++ln) REQUIRE(text.lines().line_start(ln) == alone.line_start(ln));
  }
}

TEST_CASE("a bad byte after many lines is placed by line and column", "[source_text]") {
  std::string lines;
  for (int k = 0; k < 30; ++k) lines += "line " + std::to_string(k) + " \xC3\xA9\n";
  CHECK(error_of(lines + "ab\xC3\xA9" "c\xFF") == "p.md:31:5: error: invalid UTF-8 (byte 0xFF)");
}

TEST_CASE("find_invalid_utf8 finds the first bad byte wherever it lies", "[source_text]") {
  // Around the eight-byte strides through ASCII: before, at and after each
  // boundary, after valid multibyte characters too.
  for (const std::string lead : {"", "\xC3\xA9", "\xE2\x82\xAC"})
    for (std::size_t at = 0; at < 20; ++at)
      for (const std::string bad : {"\xFF", "\xC3", "\xE2\x82", "\xED\xA0\x80", "\xC0\xAF"}) {
        const std::string text = lead + std::string(at, 'a') + bad + "tail";
        INFO(at << " " << lead.size());
        CHECK(find_invalid_utf8(text) == lead.size() + at);
        CHECK(find_invalid_utf8(lead + std::string(at, 'a') + "tail") == std::string::npos);
      }
}

TEST_CASE("SourceText refuses a NUL and a lone carriage return at their place", "[source_text]") {
  auto error_of = [](std::string bytes) {
    try {
      SourceText("page.md", std::move(bytes));
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of(std::string(40, 'x') + "\r\n" + std::string(40, 'y') + "\r") ==
        "page.md:2:41: error: carriage return without a line feed (old Mac line ending): save the file with LF or "
        "CRLF line endings");
  CHECK(error_of("a\r\nb" + std::string("\0", 1)) == "page.md:2:2: error: NUL byte in a text file");
  CHECK(error_of("a\r\nb\r\n") == "no error");
}

TEST_CASE("a large file is mapped and reads as the same text; a change to it is told", "[source_text]") {
  namespace fs = std::filesystem;
  std::string tmpl = (fs::temp_directory_path() / "l10n-map-XXXXXX").string();
  const fs::path dir = ::mkdtemp(tmpl.data());
  const std::string path = (dir / "big.po").string();
  auto spit = [&](const std::string& text, std::ios::openmode mode) {
    std::ofstream(path, std::ios::binary | mode) << text;
  };
  std::string text;
  for (int i = 0; text.size() < FileBytes::kMapFrom + 100; ++i) text += "msgid \"line " + std::to_string(i) + " caf\xC3\xA9\"\n";
  spit(text, std::ios::trunc);

  REQUIRE(load_file(path, "big.po").mapped);
  SourceText loaded = SourceText::load(path, "big.po");
  const SourceText held("big.po", text);
  CHECK(loaded.bytes() == text);
  CHECK(loaded.lines().line_count() == held.lines().line_count());
  CHECK(loaded.at(text.size() - 3).line == held.at(text.size() - 3).line);
  // Copies and moves keep the mapping and their index on it.
  SourceText copy = loaded;
  SourceText moved = std::move(loaded);
  CHECK(copy.bytes() == text);
  CHECK(moved.at(text.size() - 3).col == held.at(text.size() - 3).col);
  CHECK(moved.unchanged_on_disk());
  CHECK(held.unchanged_on_disk());

  // Written meanwhile: the holder is told.
  spit("msgstr \"\"\n", std::ios::app);
  CHECK(!moved.unchanged_on_disk());
  CHECK(!copy.unchanged_on_disk());

  // A byte that is not UTF-8 is refused at its place, as in text held.
  spit(text + "\xFF\n", std::ios::trunc);
  auto error_of = [](auto load) {
    try {
      load();
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string mapped_error = error_of([&] { SourceText::load(path, "big.po"); });
  CHECK(mapped_error == error_of([&] { SourceText("big.po", text + "\xFF\n"); }));
  CHECK(mapped_error.find("invalid UTF-8 (byte 0xFF)") != std::string::npos);
  fs::remove_all(dir);
}

}  // namespace l10n
