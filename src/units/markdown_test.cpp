#include <catch2/catch.hpp>

#include "units/markdown.h"
#include "units/shortcode.h"

using namespace l10n;

namespace {

struct Parsed {
  SourceText src;
  std::vector<Unit> units;
};

Parsed parse(std::string text) {
  SourceText src("page.md", std::move(text));
  Span body{src.content_begin(), src.bytes().size()};
  ShortcodeScan scan = scan_shortcodes(src, body.begin, body.end);
  auto units = markdown_units(src, body, scan);
  return {std::move(src), std::move(units)};
}

std::vector<std::string> texts(const Parsed& p) {
  std::vector<std::string> out;
  for (const auto& u : p.units) out.push_back(u.text);
  return out;
}

std::string_view span_text(const Parsed& p, const Unit& u) { return p.src.bytes().substr(u.span.begin, u.span.size()); }

}  // namespace

TEST_CASE("paragraph lines are joined with spaces", "[markdown]") {
  auto p = parse("Hello\nworld,   again\n\nSecond.\n");
  REQUIRE(texts(p) == std::vector<std::string>{"Hello world,   again", "Second."});
  CHECK(p.units[0].kind == UnitKind::Paragraph);
  CHECK(p.units[0].line == 1);
  CHECK(p.units[1].line == 4);
  CHECK(span_text(p, p.units[0]) == "Hello\nworld,   again");
}

TEST_CASE("hard breaks stay as written", "[markdown]") {
  auto p = parse("One\\\nTwo  \nThree\n");
  REQUIRE(texts(p) == std::vector<std::string>{"One\\\nTwo  \nThree"});
}

TEST_CASE("ATX headings lose markers, closing hashes and attributes", "[markdown]") {
  auto p = parse("# Title #\n\n## Install {#install}\n\n### C# tips\n");
  REQUIRE(texts(p) == std::vector<std::string>{"Title", "Install", "C# tips"});
  CHECK(p.units[0].comment == "heading h1");
  CHECK(p.units[1].comment == "heading h2");
  CHECK(span_text(p, p.units[1]) == "Install");
}

TEST_CASE("setext headings", "[markdown]") {
  auto p = parse("Big title\nover two lines\n=====\n\nText\n");
  REQUIRE(texts(p) == std::vector<std::string>{"Big title over two lines", "Text"});
  CHECK(p.units[0].kind == UnitKind::Heading);
}

TEST_CASE("list items are units of their own, with a continuation prefix", "[markdown]") {
  auto p = parse("- one\n- two\n  continued\n\n1. first\n\n   second paragraph\n");
  REQUIRE(texts(p) == std::vector<std::string>{"one", "two continued", "first", "second paragraph"});
  CHECK(p.units[1].kind == UnitKind::ListItem);
  CHECK(p.units[1].line_prefix == "  ");
  CHECK(p.units[2].line_prefix == "   ");
  CHECK(p.units[3].line_prefix == "   ");
}

TEST_CASE("block quotes and nested containers", "[markdown]") {
  auto p = parse("> quoted\n> text\n\n> - item\n>   more\n");
  REQUIRE(texts(p) == std::vector<std::string>{"quoted text", "item more"});
  CHECK(p.units[0].kind == UnitKind::BlockQuote);
  CHECK(p.units[0].line_prefix == "> ");
  CHECK(p.units[1].kind == UnitKind::ListItem);
  CHECK(p.units[1].line_prefix == ">   ");
}

TEST_CASE("task list markers are not text", "[markdown]") {
  auto p = parse("- [ ] write docs\n- [x] ship it\n");
  REQUIRE(texts(p) == std::vector<std::string>{"write docs", "ship it"});
}

TEST_CASE("table cells, header and body", "[markdown]") {
  auto p = parse("| Key | Meaning |\n|-----|---------|\n| `source` | The source language |\n| a \\| b | 42 |\n");
  REQUIRE(texts(p) == std::vector<std::string>{"Key", "Meaning", "The source language", "a \\| b"});
  CHECK(p.units[0].comment == "table header cell");
  CHECK(p.units[2].comment == "table cell");
  CHECK(p.units[2].line == 3);
}

TEST_CASE("code, HTML comments, URLs and numbers are never units", "[markdown]") {
  auto p = parse("```sh\nmake all\n```\n\n    indented code\n\n<!-- a comment -->\n\n`only code`\n\n"
                 "https://example.org/page\n\n42\n\n<div>raw html</div>\n\nReal text.\n");
  REQUIRE(texts(p) == std::vector<std::string>{"Real text."});
}

TEST_CASE("shortcode-only blocks are not units; glued shortcode lines are trimmed", "[markdown]") {
  auto p = parse("{{< rich-box-start >}} {{< rich-content-start themeClass=\"x\" >}}\n## Mail\n"
                 "{{< box-start >}}\nInside the box.\n{{< box-end >}}\n");
  REQUIRE(texts(p) == std::vector<std::string>{"Mail", "Inside the box."});
  CHECK(p.units[1].line == 4);
  CHECK_FALSE(p.units[1].has_shortcodes);
}

TEST_CASE("a shortcode whose >}} starts a line is one token", "[markdown]") {
  auto p = parse("{{< button link=\"/x\"\n  text=\"Go\"\n>}}\n\nAfter it.\n");
  REQUIRE(texts(p) == std::vector<std::string>{"After it."});
  CHECK(p.units[0].kind == UnitKind::Paragraph);
}

TEST_CASE("an inline shortcode stays verbatim in its paragraph", "[markdown]") {
  auto p = parse("See [groups]({{< ref \"community/groups\" >}}) for more.\n");
  REQUIRE(texts(p) == std::vector<std::string>{"See [groups]({{< ref \"community/groups\" >}}) for more."});
  CHECK(p.units[0].has_shortcodes);
}

TEST_CASE("shortcodes in table cells do not split the table", "[markdown]") {
  auto p = parse("| Name | Icon |\n|---|---|\n| Home | {{< icon \"a|b\" >}} |\n");
  REQUIRE(texts(p) == std::vector<std::string>{"Name", "Icon", "Home"});
}

TEST_CASE("escaped shortcodes are literal text", "[markdown]") {
  auto p = parse("Write {{</* button text=\"Hi\" */>}} in your page.\n");
  REQUIRE(texts(p) == std::vector<std::string>{"Write {{</* button text=\"Hi\" */>}} in your page."});
}

TEST_CASE("a standalone image gives its alt text and title", "[markdown]") {
  auto p = parse("![A map of the world](/img/map.png \"World map\")\n\n[![Logo](/logo.svg)](https://x.org)\n");
  REQUIRE(texts(p) == std::vector<std::string>{"A map of the world", "World map", "Logo"});
  CHECK(p.units[0].kind == UnitKind::ImageAlt);
  CHECK(span_text(p, p.units[0]) == "A map of the world");
  CHECK(span_text(p, p.units[1]) == "World map");
}

TEST_CASE("CRLF and BOM inputs keep line numbers and spans", "[markdown]") {
  auto p = parse("\xEF\xBB\xBFLine one\r\nline two\r\n\r\n# Head\r\n");
  REQUIRE(texts(p) == std::vector<std::string>{"Line one line two", "Head"});
  CHECK(p.units[0].line == 1);
  CHECK(p.units[1].line == 4);
  CHECK(span_text(p, p.units[1]) == "Head");
}

TEST_CASE("link reference definitions are not text", "[markdown]") {
  auto p = parse("[docs]: https://example.org\nRead the [docs].\n");
  REQUIRE(texts(p) == std::vector<std::string>{"Read the [docs]."});
}

TEST_CASE("has_translatable_text", "[markdown]") {
  CHECK(has_translatable_text("Hello"));
  CHECK(has_translatable_text("Één"));
  CHECK_FALSE(has_translatable_text("`code` 12"));
  CHECK_FALSE(has_translatable_text("https://x.org/a"));
  CHECK_FALSE(has_translatable_text("[](https://x.org/a)"));
  CHECK_FALSE(has_translatable_text("{{< ref \"x\" >}}"));
  CHECK_FALSE(has_translatable_text("<br>"));
  CHECK_FALSE(has_translatable_text("psc@qgis.org"));
  CHECK(has_translatable_text("[QGIS site](https://qgis.org)"));
  // An address drops its whole word, letters before the '@' included.
  CHECK_FALSE(has_translatable_text("info@x.org 12"));
  CHECK(has_translatable_text("info@x.org mail"));
  CHECK(has_translatable_text("12 \xC3\xA9t\xC3\xA9"));
  CHECK_FALSE(has_translatable_text("12 \xE2\x82\xAC 3"));
  CHECK(has_translatable_text("`x`b"));
}

TEST_CASE("inline syntax at the start of a block leaves its place and text as they were", "[markdown]") {
  // cmark-gfm's inlines are left unparsed after a block's first plain character.
  auto p = parse("*Bold* start\nand `code` [link](u).\n\n# `cmd` heading\n\n| [a](u) | **b** |\n| --- | --- |\n"
                 "| <i>c</i> | ~~d~~ |\n\n<span>x</span> after\n");
  REQUIRE(texts(p) == std::vector<std::string>{"*Bold* start and `code` [link](u).", "`cmd` heading", "[a](u)", "**b**",
                                               "<i>c</i>", "~~d~~", "<span>x</span> after"});
  CHECK(p.units[1].line == 4);
  CHECK(p.units[5].line == 8);
  CHECK(span_text(p, p.units[6]) == "<span>x</span> after");
}

TEST_CASE("a shortcode call over several lines keeps the lines after it in place", "[markdown]") {
  auto p = parse("Before {{< note\n  a=\"b\"\n>}} text\n\nAfter\r\nit.\n\n| x | {{< c\nd >}} |\n| - | - |\n| y | z |\n");
  REQUIRE(texts(p) == std::vector<std::string>{"Before {{< note\n  a=\"b\"\n>}} text", "After it.", "x", "y", "z"});
  CHECK(p.units[1].line == 5);
  CHECK(span_text(p, p.units[1]) == "After\r\nit.");
  CHECK(p.units[3].line == 11);
  CHECK(span_text(p, p.units[4]) == "z");
}

TEST_CASE("SourceText survives moves and copies", "[markdown]") {
  std::vector<SourceText> texts;
  for (int i = 0; i < 50; ++i) texts.emplace_back("p.md", "a\nb" + std::to_string(i));  // short: inline storage
  SourceText copy = texts[7];
  CHECK(texts[7].at(3).line == 2);
  CHECK(copy.at(3).line == 2);
  CHECK(copy.at(3).col == 2);
}

TEST_CASE("a table right after a paragraph keeps both", "[markdown]") {
  auto p = parse("Intro text\nmore intro\n| Place | Where |\n| --- | --- |\n| Desktop | https://x.org |\n\nAfter.\n");
  REQUIRE(texts(p) == std::vector<std::string>{"Intro text more intro", "Place", "Where", "Desktop", "After."});
  CHECK(p.units[0].line == 1);
  CHECK(p.units[1].line == 3);
  CHECK(span_text(p, p.units[1]) == "Place");
  CHECK(p.units[3].line == 5);
  CHECK(span_text(p, p.units[4]) == "After.");
  // Not a table (cell counts differ): one paragraph, as cmark reads it.
  auto q = parse("Text\n| a | b |\n| --- |\n");
  REQUIRE(texts(q) == std::vector<std::string>{"Text | a | b | | --- |"});
}
