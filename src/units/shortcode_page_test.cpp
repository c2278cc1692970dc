// Shortcode forms at the page level: what becomes a unit, and which
// translations of it can go back into the page without breaking Hugo's build.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "units/page.h"
#include "units/translation_guard.h"

using namespace l10n;

namespace {

UnitRules rules() {
  UnitRules r;
  r.shortcodes["button"] = {ParamSpec{"text", -1}};
  r.shortcodes["note"] = {ParamSpec{"", 0}};
  return r;
}

std::vector<Unit> units_of(const std::string& text) {
  SourceText src("page.md", text);
  return read_page(src, rules()).units;
}

std::vector<std::string> texts(const std::vector<Unit>& units) {
  std::vector<std::string> out;
  for (const Unit& u : units) out.push_back(u.text);
  return out;
}

Unit only_unit(const std::string& text) {
  auto units = units_of(text);
  REQUIRE(units.size() == 1);
  return units[0];
}

}  // namespace

TEST_CASE("an inline shortcode's body is template code, not a unit", "[shortcode][inline]") {
  std::string page =
      "Before it.\n\n"
      "{{< list.inline >}}\n"
      "Our members:\n\n"
      "{{ range .Site.Data.members }}\n"
      "- Member {{ .name }}\n"
      "{{ end }}\n"
      "{{< /list.inline >}}\n\n"
      "After it.\n";
  CHECK(texts(units_of(page)) == std::vector<std::string>{"Before it.", "After it."});
}

TEST_CASE("an inline shortcode glued to a paragraph leaves the body out of it", "[shortcode][inline]") {
  std::string page =
      "Today is\n"
      "{{< year.inline >}}\n"
      "Year {{ now.Format \"2006\" }}\n"
      "{{< /year.inline >}}\n";
  CHECK(texts(units_of(page)) == std::vector<std::string>{"Today is"});
}

TEST_CASE("a translation may not touch an inline shortcode's body", "[shortcode][inline]") {
  Unit u = only_unit("It is {{< year.inline >}}{{ now.Format \"2006\" }}{{< /year.inline >}} now.\n");
  CHECK_FALSE(refuse_translation(u, "Het is {{< year.inline >}}{{ now.Format \"2006\" }}{{< /year.inline >}} nu.",
                                 rules()));
  auto lost_brace = refuse_translation(u, "Het is {{< year.inline >}}{{ now.Format \"2006\" }{{< /year.inline >}} nu.",
                                       rules());
  REQUIRE(lost_brace);
  CHECK(lost_brace->find("shortcode") != std::string::npos);
  CHECK(refuse_translation(u, "Het is {{< year.inline >}}{{ nu.Format \"2006\" }}{{< /year.inline >}} nu.", rules()));
}

TEST_CASE("escaped-quote parameters are read as Hugo builds them", "[shortcode]") {
  // One such page used to stop extract for the whole site.
  CHECK(texts(units_of("{{< button text=\\\"Hello World\\\" >}}\n")) == std::vector<std::string>{"Hello World"});
  CHECK(texts(units_of("{{< note \\\"Mind the gap\\\" >}}\n")) == std::vector<std::string>{"Mind the gap"});
}

TEST_CASE("an escaped-quote parameter keeps its quoting in a translation", "[shortcode]") {
  Unit u = only_unit("{{< button text=\\\"Hello World\\\" >}}\n");
  CHECK_FALSE(refuse_translation(u, "Hallo wereld", rules()));
  CHECK(render_translation(u, "Hallo wereld") == "Hallo wereld");
  // \" ends the value there; Hugo has no way to write a quote inside it.
  CHECK(refuse_translation(u, "Zeg \"hallo\"", rules()));
  CHECK(refuse_translation(u, "C:\\map", rules()));
}

TEST_CASE("backslashes in a quoted parameter follow Hugo's rule", "[shortcode]") {
  // Hugo keeps backslashes as written unless the value holds \", and then
  // drops every one of them.
  CHECK(texts(units_of("{{< button text=\"Save to C:\\\\dir\" >}}\n")) ==
        std::vector<std::string>{"Save to C:\\\\dir"});
  Unit u = only_unit("{{< button text=\"Hello\" >}}\n");
  CHECK(render_translation(u, "Zeg \"hallo\"") == "Zeg \\\"hallo\\\"");
  // A backslash cannot survive Hugo's reading of a quoted value that also
  // holds a quote, and one at the end would escape the closing quote.
  CHECK(refuse_translation(u, "Zeg \"hallo\" \\o/", rules()));
  CHECK(refuse_translation(u, "Hallo \\", rules()));
}

TEST_CASE("\"*\" makes a parameter text in every shortcode's calls", "[shortcode][page]") {
  UnitRules r;
  r.shortcodes["*"] = {ParamSpec{"title", -1}};
  SourceText src("page.md", "{{< block title=\"Mapping.\" class=\"x\" >}}\n\n{{< card title=\"Editing.\" >}}\n");
  std::vector<std::string> texts;
  for (const Unit& u : read_page(src, r).units) texts.push_back(u.text);
  CHECK(texts == std::vector<std::string>{"Mapping.", "Editing."});
}
