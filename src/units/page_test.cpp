#include <catch2/catch.hpp>

#include "units/page.h"

using namespace l10n;

namespace {

UnitRules rules() {
  UnitRules r;
  r.shortcodes["button"] = {{"text", -1}};
  r.front_matter_keys = {"title"};
  return r;
}

std::vector<std::string> texts(const Page& p) {
  std::vector<std::string> out;
  for (const Unit& u : p.units) out.push_back(u.text);
  return out;
}

}  // namespace

TEST_CASE("read_page_leniently reads around the spots read_page stops at", "[page]") {
  std::string page =
      "---\ntitle: Over ons\n---\n\nEerste alinea.\n\n{{< >}}\n\nTweede alinea.\n\n{{< button text=\"Lees\"\n\nDerde alinea.\n";
  LenientPage lp = read_page_leniently("p.md", page, rules());
  REQUIRE(lp.problems.size() == 2);
  CHECK(lp.problems[0].line == 7);
  CHECK(lp.problems[1].line == 11);
  CHECK(texts(lp.page) == std::vector<std::string>{"Over ons", "Eerste alinea.", "Tweede alinea.", "Derde alinea."});
  // Every other byte stays where it was: spans point into the page as written.
  for (const Unit& u : lp.page.units) CHECK(page.substr(u.span.begin, u.span.size()) == u.text);
}

TEST_CASE("read_page_leniently: a broken front matter goes whole, the body is read", "[page]") {
  for (std::string page : {std::string("---\ntitle: [open\n---\n\nDe tekst.\n"), std::string("---\ntitle: x\n\nDe tekst.\n"),
                           std::string("+++\ntitle = \n+++\n\nDe tekst.\n")}) {
    INFO(page);
    LenientPage lp = read_page_leniently("p.md", page, rules());
    CHECK_FALSE(lp.problems.empty());
    std::vector<std::string> found = texts(lp.page);
    CHECK(std::find(found.begin(), found.end(), "De tekst.") != found.end());
  }
}

TEST_CASE("read_page_leniently on a page that reads", "[page]") {
  std::string page = "---\ntitle: Over ons\n---\n\nDe tekst.\n";
  LenientPage lp = read_page_leniently("p.md", page, rules());
  CHECK(lp.problems.empty());
  CHECK(texts(lp.page) == texts(read_page(SourceText("p.md", page), rules())));
}

TEST_CASE("read_page_leniently: bytes that are not UTF-8 are a spot too", "[page]") {
  std::string page = "Goed.\n\nSlecht \xff hier.\n\nOok goed.\n";
  LenientPage lp = read_page_leniently("p.md", page, rules());
  REQUIRE(lp.problems.size() == 1);
  CHECK(lp.problems[0].line == 3);
  CHECK(texts(lp.page) == std::vector<std::string>{"Goed.", "Ook goed."});
}

TEST_CASE("read_page_leniently ends on a page of nothing but broken spots", "[page]") {
  std::string page;
  for (int i = 0; i < 100; ++i) page += "{{< >}}\n";
  LenientPage lp = read_page_leniently("p.md", page, rules());
  CHECK(lp.problems.size() <= 17);
  CHECK(lp.page.units.empty());
}
