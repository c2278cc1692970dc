#include <catch2/catch.hpp>

#include <string>

#include "base/error.h"
#include "base/source_text.h"

using namespace l10n;

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
