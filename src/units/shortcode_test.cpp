#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>

#include "base/error.h"
#include "units/shortcode.h"

using namespace l10n;

namespace {

ShortcodeScan scan(const SourceText& src) { return scan_shortcodes(src, 0, src.bytes().size()); }

std::string_view text_of(const SourceText& src, Span span) {
  return src.bytes().substr(span.begin, span.size());
}

// Scans `text` expecting an Error; returns its diagnostic.
Diagnostic scan_error(const std::string& text) {
  SourceText src("page.md", text);
  try {
    scan(src);
  } catch (const Error& e) {
    return e.diagnostic();
  }
  FAIL("no error for: " << text);
  return {};
}

const ShortcodeParam* param(const Shortcode& sc, std::string_view name) {
  for (const auto& p : sc.params)
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace

TEST_CASE("a plain call and its span", "[shortcode]") {
  SourceText src("p.md", "Text {{< ref \"community/groups\" >}} more.");
  auto r = scan(src);
  REQUIRE(r.calls.size() == 1);
  const auto& sc = r.calls[0];
  CHECK(sc.name == "ref");
  CHECK_FALSE(sc.closing);
  CHECK_FALSE(sc.self_closing);
  CHECK_FALSE(sc.markdown);
  CHECK(text_of(src, sc.span) == "{{< ref \"community/groups\" >}}");
  REQUIRE(sc.params.size() == 1);
  CHECK(sc.params[0].name.empty());
  CHECK(sc.params[0].position == 0);
  CHECK(sc.params[0].quote == '"');
  CHECK(sc.params[0].value == "community/groups");
  CHECK(text_of(src, sc.params[0].value_span) == "community/groups");
  CHECK(r.escaped.empty());
}

TEST_CASE("markdown calls use {{% %}}", "[shortcode]") {
  SourceText src("p.md", "{{% inlinesvg \"fontawesome/brands/linux.svg\" %}} and {{%divider%}}");
  auto r = scan(src);
  REQUIRE(r.calls.size() == 2);
  CHECK(r.calls[0].markdown);
  CHECK(r.calls[0].name == "inlinesvg");
  CHECK(r.calls[1].markdown);
  CHECK(r.calls[1].name == "divider");
  CHECK(text_of(src, r.calls[1].span) == "{{%divider%}}");
}

TEST_CASE("blanks are optional and may include newlines", "[shortcode]") {
  SourceText src("p.md",
                 "{{<button class=\"x\" >}}{{< rich-box-start>}}\n"
                 "{{< image-block-bar \n"
                 "    \"Cartography:Make beautiful maps.:/img/logo.png\"\n"
                 "    \"Print:Print your maps!:/img/logo.png\">}}\n"
                 "{{< block\n"
                 "    title=\"Hello\"\n"
                 ">}}\n");
  auto r = scan(src);
  REQUIRE(r.calls.size() == 4);
  CHECK(r.calls[0].name == "button");
  CHECK(param(r.calls[0], "class")->value == "x");
  CHECK(r.calls[1].name == "rich-box-start");
  CHECK(r.calls[1].params.empty());
  CHECK(r.calls[2].name == "image-block-bar");
  REQUIRE(r.calls[2].params.size() == 2);
  CHECK(r.calls[2].params[1].value == "Print:Print your maps!:/img/logo.png");
  CHECK(r.calls[2].params[1].position == 1);
  CHECK(r.calls[3].name == "block");
  CHECK(param(r.calls[3], "title")->value == "Hello");
  CHECK(text_of(src, r.calls[3].span) == "{{< block\n    title=\"Hello\"\n>}}");
}

TEST_CASE("closing and self-closing calls", "[shortcode]") {
  SourceText src("p.md",
                 "{{< box-start ribbon=\"Note!\" >}}Inner{{< /box-start >}}"
                 "{{< img src=\"a.png\" />}}{{< hr/>}}{{%/ note %}}");
  CHECK_THROWS(scan(src));  // /note closes nothing

  SourceText ok("p.md",
                "{{< box-start ribbon=\"Note!\" >}}Inner{{<  /  box-start >}}"
                "{{< img src=\"a.png\" />}}{{< hr/>}}{{< img />}}");
  auto r = scan(ok);
  REQUIRE(r.calls.size() == 5);
  CHECK(r.calls[1].closing);
  CHECK(r.calls[1].name == "box-start");
  CHECK(r.calls[1].params.empty());
  CHECK(r.calls[2].self_closing);
  CHECK(param(r.calls[2], "src")->value == "a.png");
  CHECK(r.calls[3].self_closing);
  CHECK(r.calls[3].name == "hr");
  CHECK(r.calls[4].self_closing);
  CHECK(r.calls[4].params.empty());
}

TEST_CASE("pairing pops calls without inner content", "[shortcode]") {
  SourceText src("p.md",
                 "{{< columns-start >}}{{< column-start >}}{{< button text=\"x\" >}}"
                 "{{< column-end >}}{{< /columns-start >}}{{< columns-start >}}{{< /columns-start >}}");
  auto r = scan(src);
  REQUIRE(r.calls.size() == 7);
  CHECK(r.calls[4].closing);

  auto d = scan_error("{{< a >}}\n{{< /a >}}\n  {{< /a >}}");
  CHECK(d.path == "page.md");
  CHECK(d.line == 3);
  CHECK(d.col == 3);
  CHECK(d.message == "closing shortcode 'a' has no opening");
}

TEST_CASE("escaped calls are literal text", "[shortcode]") {
  SourceText src("p.md",
                 "{{< example lang=\"hugo\" >}}\n"
                 "{{</* nav-item title=\"Tab 1\" show=\"true\" */>}}First.{{</* /nav-item */>}}\n"
                 "{{%/* param (bad \"syntax */%}}\n"
                 "{{< /example >}}\n");
  auto r = scan(src);
  REQUIRE(r.calls.size() == 2);
  CHECK(r.calls[0].name == "example");
  CHECK(r.calls[1].closing);
  REQUIRE(r.escaped.size() == 3);
  CHECK(text_of(src, r.escaped[0]) == "{{</* nav-item title=\"Tab 1\" show=\"true\" */>}}");
  CHECK(text_of(src, r.escaped[1]) == "{{</* /nav-item */>}}");
  CHECK(text_of(src, r.escaped[2]) == "{{%/* param (bad \"syntax */%}}");

  auto d = scan_error("x\n{{</* a */}}");
  CHECK(d.line == 2);
  CHECK(d.col == 1);
}

TEST_CASE("named parameter forms", "[shortcode]") {
  SourceText src("p.md",
                 "{{< x a=\"quoted value\" b=bare c=`raw\n\"multi\"\nline` d = \"spaced\" e=3.5 >}}");
  auto r = scan(src);
  REQUIRE(r.calls.size() == 1);
  const auto& ps = r.calls[0].params;
  REQUIRE(ps.size() == 5);
  for (const auto& p : ps) CHECK(p.position == -1);
  CHECK(ps[0].name == "a");
  CHECK(ps[0].value == "quoted value");
  CHECK(ps[0].quote == '"');
  CHECK(ps[1].name == "b");
  CHECK(ps[1].value == "bare");
  CHECK(ps[1].quote == 0);
  CHECK(text_of(src, ps[1].value_span) == "bare");
  CHECK(ps[2].name == "c");
  CHECK(ps[2].quote == '`');
  CHECK(ps[2].value == "raw\n\"multi\"\nline");
  CHECK(text_of(src, ps[2].value_span) == ps[2].value);
  CHECK(ps[3].name == "d");
  CHECK(ps[3].value == "spaced");
  CHECK(ps[4].value == "3.5");
}

TEST_CASE("a bare value stops at the closing delimiter", "[shortcode]") {
  SourceText src("p.md", "{{< x a=b>}}{{% y c=d%}}");
  auto r = scan(src);
  REQUIRE(r.calls.size() == 2);
  CHECK(r.calls[0].params[0].value == "b");
  CHECK(r.calls[1].params[0].value == "d");
}

TEST_CASE("positional parameter forms", "[shortcode]") {
  SourceText src("p.md", "{{< youtube UT-3Eh65kkA \"two words\" `raw` 12 >}}");
  auto r = scan(src);
  const auto& ps = r.calls.at(0).params;
  REQUIRE(ps.size() == 4);
  for (int i = 0; i < 4; ++i) {
    CHECK(ps[static_cast<std::size_t>(i)].position == i);
    CHECK(ps[static_cast<std::size_t>(i)].name.empty());
  }
  CHECK(ps[0].value == "UT-3Eh65kkA");
  CHECK(ps[0].quote == 0);
  CHECK(ps[1].value == "two words");
  CHECK(ps[2].value == "raw");
  CHECK(ps[2].quote == '`');
  CHECK(ps[3].value == "12");
  for (const auto& p : ps) CHECK(text_of(src, p.value_span) == p.value);
}

TEST_CASE("backslash escapes in quoted values", "[shortcode]") {
  // Hugo's rule (pagelexer_shortcode.go): a value holding \" loses every
  // backslash; one without keeps them all as written.
  SourceText src("p.md", R"({{< x t="say \"hi\" to C:\\dir\n" r=`a\"b` u="C:\\dir\n" >}})");
  auto r = scan(src);
  const auto& ps = r.calls.at(0).params;
  CHECK(ps[0].value == R"(say "hi" to C:dirn)");
  CHECK(text_of(src, ps[0].value_span) == R"(say \"hi\" to C:\\dir\n)");
  CHECK(ps[1].value == R"(a\"b)");
  CHECK(ps[2].value == R"(C:\\dir\n)");
}

TEST_CASE("a backslash before a backtick is Hugo's error", "[shortcode]") {
  CHECK(scan_error(R"({{< x t="a\`b" >}})").message.find("backtick cannot be escaped") != std::string::npos);
}

TEST_CASE("an inline shortcode without a space after its name is Hugo's error", "[shortcode]") {
  CHECK(scan_error("{{< x.inline>}}{{ now }}{{< /x.inline >}}").message.find("name.inline") != std::string::npos);
}

TEST_CASE("parameters need no blank between them", "[shortcode]") {
  SourceText src("p.md",
                 "{{< rich-list listLink=\"http://x/y\"  layoutClass=\"half\"listTitle=\"QGIS Users list\" "
                 "listSubtitle=\"http://x/y\" >}}");
  auto r = scan(src);
  const auto& sc = r.calls.at(0);
  REQUIRE(sc.params.size() == 4);
  CHECK(param(sc, "layoutClass")->value == "half");
  CHECK(param(sc, "listTitle")->value == "QGIS Users list");
  CHECK(text_of(src, param(sc, "listTitle")->value_span) == "QGIS Users list");
}

TEST_CASE("mixing named and positional parameters is an error", "[shortcode]") {
  auto d = scan_error("Intro\n{{< figure src=\"a.png\" \"caption\" >}}");
  CHECK(d.line == 2);
  CHECK(d.col == 24);
  CHECK(d.message ==
        "cannot mix named and positional parameters in shortcode 'figure': 'caption' is positional, 'src' before it "
        "is named");
  d = scan_error("{{< figure a.png src=\"b\" >}}");
  CHECK(d.col == 18);
  CHECK(d.message.ends_with("'src' is named, 'a.png' before it is positional"));
}

TEST_CASE("unclosed calls are reported where they open", "[shortcode]") {
  auto d = scan_error("Line one\n  é {{< button text=\"x\"\n\nNo end");
  CHECK(d.line == 2);
  CHECK(d.col == 5);  // columns count code points: "  é " is four
  CHECK(d.message == "unclosed shortcode 'button' (opened here)");

  d = scan_error("{{< a x=\"1\"\n{{< b >}}");
  CHECK(d.line == 1);
  CHECK(d.col == 1);
  CHECK(d.message == "unclosed shortcode 'a' (opened here)");

  d = scan_error("text {{<");
  CHECK(d.col == 6);
  CHECK(d.message == "unclosed shortcode (opened here)");
}

TEST_CASE("malformed calls", "[shortcode]") {
  auto d = scan_error("{{< x a=\"b\" %}}");
  CHECK(d.col == 13);
  CHECK(d.message == "shortcode 'x' opened with '{{<' cannot end with '%}}'");
  CHECK(scan_error("{{% x >}}").message == "shortcode 'x' opened with '{{%' cannot end with '>}}'");

  d = scan_error("{{< x a=\"line\nbreak\" >}}");
  CHECK(d.col == 9);
  CHECK(d.message == "unterminated quoted string in shortcode 'x'");
  CHECK(scan_error("{{< x `never closed >}}").message == "unterminated raw string in shortcode 'x'");
  CHECK(scan_error("{{< (print \"x\") >}}").col == 5);
  CHECK(scan_error("{{<  >}}").message == "shortcode without a name");
  CHECK(scan_error("{{< x.html >}}").col == 6);

  d = scan_error("{{< x http://example.org >}}");
  CHECK(d.col == 11);
  CHECK_THAT(d.message, Catch::StartsWith("unexpected ':' in shortcode 'x' (opened at line 1)"));
  CHECK(scan_error("{{< /x y >}}").col == 8);
  CHECK(scan_error("{{< x / y >}}").col == 7);
}

TEST_CASE("names: namespaces and inline shortcodes", "[shortcode]") {
  SourceText src("p.md", "{{< docs/note >}}{{< time.inline >}}{{ now }}{{< /time.inline >}}");
  auto r = scan(src);
  REQUIRE(r.calls.size() == 3);
  CHECK(r.calls[0].name == "docs/note");
  CHECK(r.calls[1].name == "time.inline");
  CHECK(r.calls[2].name == "time.inline");
  CHECK(r.calls[2].closing);
}

TEST_CASE("Go template actions are not calls", "[shortcode]") {
  std::string text = "{{ .Title }} {{/* note */}} {{- x -}} {{{< a >}} {{";
  SourceText src("p.md", text);
  auto r = scan(src);
  REQUIRE(r.calls.size() == 1);
  CHECK(r.calls[0].name == "a");
  CHECK(r.calls[0].span.begin == text.find("{{<"));
  CHECK(r.escaped.empty());
}

TEST_CASE("CRLF line endings", "[shortcode]") {
  SourceText src("p.md",
                 "Intro\r\n{{< block\r\n  title=\"Hello\"\r\n  text=`one\r\ntwo`\r\n>}}\r\n"
                 "{{< /block >}}\r\n{{< b x=\"1\" \"2\" >}}\r\n");
  try {
    scan(src);
    FAIL("mixed parameters not reported");
  } catch (const Error& e) {
    CHECK(e.diagnostic().line == 8);
    CHECK(e.diagnostic().col == 13);
  }
  auto r = scan_shortcodes(src, 0, src.bytes().find("{{< b x"));
  REQUIRE(r.calls.size() == 2);
  CHECK(param(r.calls[0], "title")->value == "Hello");
  CHECK(param(r.calls[0], "text")->value == "one\r\ntwo");
  CHECK(text_of(src, r.calls[0].span).substr(r.calls[0].span.size() - 5) == "\r\n>}}");
}

TEST_CASE("only the given range is scanned", "[shortcode]") {
  std::string text = "{{< a >}} middle {{< b >}} {{< c >}}";
  SourceText src("p.md", text);
  auto r = scan_shortcodes(src, 5, text.find("{{< c"));
  REQUIRE(r.calls.size() == 1);
  CHECK(r.calls[0].name == "b");
  CHECK(r.calls[0].span.begin == text.find("{{< b"));

  // A call cut by the end of the range is unclosed.
  try {
    scan_shortcodes(src, 0, text.find("{{< b") + 5);
    FAIL("call cut by the range end not reported");
  } catch (const Error& e) {
    CHECK(e.diagnostic().message == "unclosed shortcode 'b' (opened here)");
  }
}

namespace {

namespace fs = std::filesystem;

struct CorpusCensus {
  // folder -> shortcode name -> number of opening (non-closing) calls
  std::map<std::string, std::map<std::string, int>> opening;
  std::map<std::string, int> closing, escaped;
  int files = 0;
};

// The first path component below `root`: the site a page belongs to.
std::string folder_of(const fs::path& root, const fs::path& file) {
  return fs::relative(file, root).begin()->string();
}

void scan_tree(const fs::path& root, const std::string& label, CorpusCensus& census) {
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".md") continue;
    std::string display = fs::relative(entry.path(), root.parent_path()).string();
    SourceText src = SourceText::load(entry.path().string(), display);
    ShortcodeScan r;
    INFO(display);
    REQUIRE_NOTHROW(r = scan(src));
    std::string folder = label.empty() ? folder_of(root, entry.path()) : label;
    for (const auto& sc : r.calls) {
      if (sc.closing) ++census.closing[sc.name];
      else ++census.opening[folder][sc.name];
      CHECK(text_of(src, sc.span).substr(0, 2) == "{{");
      for (const auto& p : sc.params)
        if (p.value.find('\\') == std::string::npos) CHECK(text_of(src, p.value_span) == p.value);
    }
    census.escaped[folder] += static_cast<int>(r.escaped.size());
    for (Span e : r.escaped) {
      CHECK(text_of(src, e).substr(0, 5) == "{{</*");
      CHECK(text_of(src, {e.end - 5, e.end}) == "*/>}}");
    }
    ++census.files;
  }
}

}  // namespace

TEST_CASE("every corpus and seed page scans; counts match the census", "[shortcode]") {
  fs::path corpus = L10N_SOURCE_DIR "/../shared/corpus";
  fs::path seeds = L10N_SOURCE_DIR "/../shared/seeds";
  if (!fs::is_directory(corpus) || !fs::is_directory(seeds)) {
    WARN("shared corpus not found at " << corpus << "; skipping the corpus test");
    return;
  }
  CorpusCensus census;
  scan_tree(corpus, "", census);
  scan_tree(seeds, "seeds", census);
  CHECK(census.files > 200);

  // Exact counts, checked with grep over the same files.
  auto& theme = census.opening["qgis-hugo-website-theme"];
  CHECK(theme["block"] == 32);
  CHECK(theme["column-start"] == 13);
  CHECK(theme["box-start"] == 11);
  CHECK(theme["steps-bar"] == 5);
  CHECK(theme["button"] == 4);
  auto& qgis = census.opening["qgis-website"];
  CHECK(qgis["rich-list"] == 14);
  CHECK(qgis["ref"] == 10);
  CHECK(qgis["block"] == 10);
  CHECK(qgis["content-start"] == 7);
  auto& wz = census.opening["wz2100.net"];
  CHECK(wz["discordinvite"] == 55);
  CHECK(wz["newslink"] == 36);
  CHECK(wz["ref"] == 31);
  CHECK(wz["inlinesvg"] == 19);
  CHECK(wz["divider"] == 14);
  auto& ubuntu = census.opening["ubuntu-nl-hugo"];
  CHECK(ubuntu["button"] == 15);
  CHECK(ubuntu["figure"] == 9);
  auto& hinode = census.opening["hinode"];
  CHECK(hinode["table"] == 8);
  CHECK(hinode["card"] == 6);
  CHECK(hinode["nav-item"] == 4);
  CHECK(census.escaped["hinode"] == 34);
  // The escaped documentation examples are not calls.
  CHECK(hinode.count("accordion") == 0);
  CHECK(hinode.count("carousel") == 0);
  CHECK(census.closing["block"] == 42);
  auto& seed = census.opening["seeds"];
  CHECK(seed["rich-list"] == 2);
  CHECK(seed["button"] == 1);
  CHECK(seed["rich-box-start"] == 1);
}

TEST_CASE("the seed QGIS page's parameters", "[shortcode]") {
  std::string path = L10N_SOURCE_DIR "/../shared/seeds/qgis-contact-en-ondersteuning.nl.md";
  if (!fs::exists(path)) {
    WARN("seed page not found at " << path << "; skipping");
    return;
  }
  SourceText src = SourceText::load(path, "qgis-contact-en-ondersteuning.nl.md");
  auto r = scan(src);
  std::vector<std::string> titles;
  for (const auto& sc : r.calls) {
    if (sc.name == "rich-list") titles.push_back(param(sc, "listTitle")->value);
    if (sc.name == "button") {
      CHECK(param(sc, "text")->value == "See Mailing lists");
      CHECK(text_of(src, param(sc, "text")->value_span) == "See Mailing lists");
    }
  }
  CHECK(titles == std::vector<std::string>{"QGIS PSC mailinglijst", "QGIS PSC e-mail"});
}

TEST_CASE("the QGIS mailing list page's run-together parameters", "[shortcode]") {
  std::string path = L10N_SOURCE_DIR "/../shared/corpus/qgis-website/content/community/organisation/mailinglists.md";
  if (!fs::exists(path)) {
    WARN("corpus page not found at " << path << "; skipping");
    return;
  }
  SourceText src = SourceText::load(path, "mailinglists.md");
  std::vector<std::string> titles;
  for (const auto& sc : scan(src).calls)
    if (sc.name == "rich-list") titles.push_back(param(sc, "listTitle")->value);
  REQUIRE(titles.size() >= 3);
  CHECK(titles[0] == "QGIS Users list");
  CHECK(titles[1] == "QGIS Developers list");
  CHECK(titles[2] == "QGIS Community team");
}

TEST_CASE("large pages scan in one pass", "[shortcode]") {
  std::string text;
  for (int i = 0; i < 50000; ++i)
    text += "Some {braced} text {{ .Title }} {{< button text=\"Go\" >}} and {{</* x */>}}.\n";
  SourceText src("big.md", text);
  auto r = scan(src);
  CHECK(r.calls.size() == 50000);
  CHECK(r.escaped.size() == 50000);
  CHECK(text_of(src, r.calls.back().params[0].value_span) == "Go");
}
