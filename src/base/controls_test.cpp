#include <catch2/catch.hpp>

#include "base/controls.h"

using namespace l10n;

TEST_CASE("display_width counts the columns a terminal gives the text", "[base]") {
  CHECK(display_width("") == 0);
  CHECK(display_width("vertaald") == 8);
  CHECK(display_width("übersetzt") == 9);                // one column for a precomposed letter
  CHECK(display_width("u\xCC\x88" "bersetzt") == 9);     // and for a letter with a combining mark
  CHECK(display_width("\xE7\xBF\xBB\xE8\xAF\x91") == 4);  // 翻译: two wide ideographs
  CHECK(display_width("\xE2\x80\x8B") == 0);              // a zero width space, a format character
  CHECK(display_width("a\xFF" "b") == 3);                 // an invalid byte takes one column, as its escape starts
}

TEST_CASE("visible_controls escapes what a terminal would act on", "[base]") {
  CHECK(visible_controls("a\x1b[31mb") == "a\\x1b[31mb");
  CHECK(visible_controls("x\xE2\x80\xAEy") == "x\\u202ey");
  CHECK(visible_controls("vertaald") == "vertaald");
}
