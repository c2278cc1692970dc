#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/error.h"
#include "data/structured.h"
#include "testing.h"

using namespace l10n;
namespace fs = std::filesystem;

namespace {

std::string_view text_of(const SourceText& src, Span span) { return src.bytes().substr(span.begin, span.size()); }

const DataLeaf& leaf(const std::vector<DataLeaf>& leaves, std::string_view path) {
  for (const DataLeaf& l : leaves)
    if (l.path_string == path) return l;
  FAIL("no leaf " << path);
  throw;
}

FrontMatter front_matter(const SourceText& src) {
  std::optional<FrontMatter> fm = parse_front_matter(src);
  REQUIRE(fm);
  return *fm;
}

// The Error that parsing `text` throws, as "path:line:col: error: message".
std::string front_matter_error(const std::string& text) {
  try {
    parse_front_matter(SourceText("p.md", text));
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

std::string data_error(const std::string& text, DataFormat format) {
  try {
    parse_data(SourceText("d", text), format);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

std::vector<DataLeaf> yaml(const std::string& text) { return parse_data(SourceText("d.yaml", text), DataFormat::Yaml); }

// Leaves come in source order and do not overlap.
void check_order(const std::vector<DataLeaf>& leaves, const std::string& where) {
  for (std::size_t i = 1; i < leaves.size(); ++i) {
    INFO(where << ": " << leaves[i - 1].path_string << " then " << leaves[i].path_string);
    CHECK(leaves[i - 1].span.end <= leaves[i].span.begin);
  }
}

// Reads the leaf's span text again on its own, in a context of the same shape
// (same key column, same kind of parent), and checks it decodes to the same
// value: a span cut short or running long would not.
void check_span_reparses(const SourceText& src, DataFormat format, const DataLeaf& l) {
  std::string token(text_of(src, l.span));
  std::string doc;
  bool item = !l.path.empty() && l.path.back() == "[]";
  switch (format) {
    case DataFormat::Yaml:
      if (l.in_flow) doc = item ? "[" + token + "]" : "{k: " + token + "}";
      else doc = std::string(static_cast<std::size_t>(l.indent), ' ') + (item ? "- " : "k: ") + token + "\n";
      break;
    case DataFormat::Toml: doc = "k = " + token + "\n"; break;
    case DataFormat::Json: doc = "[" + token + "]"; break;
  }
  INFO(src.path() << ":" << l.line << " " << l.path_string << " span [" << token << "] in [" << doc << "]");
  std::vector<DataLeaf> again = parse_data(SourceText("again", doc), format);
  REQUIRE(again.size() == 1);
  CHECK(again[0].value == l.value);
  CHECK(again[0].is_string == l.is_string);
  CHECK(again[0].style == l.style);
  CHECK(text_of(SourceText("again", doc), again[0].span) == token);
}

}  // namespace

TEST_CASE("YAML front matter: leaves, spans, lines", "[structured]") {
  SourceText src("p.md",
                 "---\n"
                 "title: \"Contact en ondersteuning – ✉️\"\n"
                 "subtitle: 'It''s ✉️ here'\n"
                 "plain: Héllo wörld  \n"
                 "draft: false\n"
                 "weight: 10\n"
                 "date: 2021-03-04\n"
                 "empty:\n"
                 "---\n"
                 "# Body\n");
  FrontMatter fm = front_matter(src);
  CHECK(fm.format == DataFormat::Yaml);
  CHECK(text_of(src, fm.block) == src.bytes().substr(0, src.bytes().find("# Body")));
  CHECK(text_of(src, fm.content).substr(0, 7) == "title: ");
  CHECK(fm.content.end == src.bytes().find("---\n# Body"));
  REQUIRE(fm.leaves.size() == 7);

  const DataLeaf& title = leaf(fm.leaves, "title");
  CHECK(title.value == "Contact en ondersteuning – ✉️");
  CHECK(text_of(src, title.span) == "\"Contact en ondersteuning – ✉️\"");
  CHECK(title.style == ScalarStyle::DoubleQuoted);
  CHECK(title.line == 2);
  CHECK(title.indent == 0);
  CHECK(title.path == std::vector<std::string>{"title"});

  const DataLeaf& subtitle = leaf(fm.leaves, "subtitle");
  CHECK(subtitle.value == "It's ✉️ here");
  CHECK(text_of(src, subtitle.span) == "'It''s ✉️ here'");
  CHECK(subtitle.style == ScalarStyle::SingleQuoted);

  const DataLeaf& plain = leaf(fm.leaves, "plain");
  CHECK(plain.value == "Héllo wörld");
  CHECK(text_of(src, plain.span) == "Héllo wörld");
  CHECK(plain.style == ScalarStyle::Plain);
  CHECK(plain.is_string);

  for (const char* typed : {"draft", "weight", "date", "empty"}) {
    INFO(typed);
    CHECK_FALSE(leaf(fm.leaves, typed).is_string);
  }
  CHECK(leaf(fm.leaves, "empty").value.empty());
  CHECK(leaf(fm.leaves, "empty").span.empty());
  check_order(fm.leaves, "front matter");
}

TEST_CASE("YAML block and multi-line scalars", "[structured]") {
  SourceText src("p.md",
                 "---\n"
                 "lit: |\n"
                 "  line one\n"
                 "  line two\n"
                 "\n"
                 "strip: |-\n"
                 "    indented ✉️\n"
                 "keep: |+ # keep it\n"
                 "  kept\n"
                 "\n"
                 "folded: >\n"
                 "  folded\n"
                 "  text\n"
                 "\n"
                 "  para\n"
                 "subtitle: QGIS is een professionele toepassing voor GIS, gebouwd bovenop Free en Open\n"
                 "  Source Software (FOSS) en is er trots op deel uit te maken van de gemeenschap van\n"
                 "  FOSS.\n"
                 "quoted: \"two\n"
                 "  lines\"\n"
                 "---\n");
  FrontMatter fm = front_matter(src);
  REQUIRE(fm.leaves.size() == 6);

  const DataLeaf& lit = leaf(fm.leaves, "lit");
  CHECK(lit.style == ScalarStyle::Literal);
  CHECK(lit.value == "line one\nline two\n");
  CHECK(text_of(src, lit.span) == "|\n  line one\n  line two");

  const DataLeaf& strip = leaf(fm.leaves, "strip");
  CHECK(strip.value == "indented ✉️");
  CHECK(text_of(src, strip.span) == "|-\n    indented ✉️");

  const DataLeaf& keep = leaf(fm.leaves, "keep");
  CHECK(keep.value == "kept\n\n");
  CHECK(text_of(src, keep.span) == "|+ # keep it\n  kept\n");

  const DataLeaf& folded = leaf(fm.leaves, "folded");
  CHECK(folded.style == ScalarStyle::Folded);
  CHECK(folded.value == "folded text\npara\n");
  CHECK(text_of(src, folded.span) == ">\n  folded\n  text\n\n  para");

  const DataLeaf& sub = leaf(fm.leaves, "subtitle");
  CHECK(sub.value ==
        "QGIS is een professionele toepassing voor GIS, gebouwd bovenop Free en Open Source Software (FOSS) en is er "
        "trots op deel uit te maken van de gemeenschap van FOSS.");
  CHECK(text_of(src, sub.span).substr(0, 5) == "QGIS ");
  CHECK(text_of(src, sub.span).substr(sub.span.size() - 7) == "  FOSS.");

  const DataLeaf& quoted = leaf(fm.leaves, "quoted");
  CHECK(quoted.value == "two lines");
  CHECK(text_of(src, quoted.span) == "\"two\n  lines\"");
  for (const DataLeaf& l : fm.leaves) check_span_reparses(src, DataFormat::Yaml, l);
}

TEST_CASE("YAML block scalar spans at the edges", "[structured]") {
  SourceText closing("p.md", "---\nk: |\n  a\nlist:\n  - >-\n    folded\n---\nbody\n");
  FrontMatter fm = front_matter(closing);
  CHECK(text_of(closing, leaf(fm.leaves, "k").span) == "|\n  a");
  CHECK(text_of(closing, leaf(fm.leaves, "list[0]").span) == ">-\n    folded");
  CHECK(leaf(fm.leaves, "list[0]").indent == 2);

  SourceText keep_eof("d.yaml", "k: |+\n  a\n\n");
  std::vector<DataLeaf> leaves = parse_data(keep_eof, DataFormat::Yaml);
  CHECK(leaves[0].value == "a\n\n");
  CHECK(text_of(keep_eof, leaves[0].span) == "|+\n  a\n");
  SourceText keep_spaces("d.yaml", "a:\n  k: |+\n    b  \n\n  j: 1\nl: |+\n  c  ");
  leaves = parse_data(keep_spaces, DataFormat::Yaml);
  CHECK(text_of(keep_spaces, leaves[0].span) == "|+\n    b  \n");
  CHECK(text_of(keep_spaces, leaves[2].span) == "|+\n  c  ");
  CHECK(leaves[2].value == "c  ");

  SourceText comment("d.yaml", "a:\n  k: |\n    text  \n\n  # comment\n  j: >\nb: 1\n");
  leaves = parse_data(comment, DataFormat::Yaml);
  REQUIRE(leaves.size() == 3);
  CHECK(leaves[0].value == "text  \n");
  CHECK(text_of(comment, leaves[0].span) == "|\n    text  ");
  CHECK(leaves[1].value.empty());
  CHECK(text_of(comment, leaves[1].span) == ">");
  for (const DataLeaf& l : leaves) check_span_reparses(comment, DataFormat::Yaml, l);
}

TEST_CASE("YAML sequences, nesting, anchors and tags", "[structured]") {
  SourceText src("p.md",
                 "---\n"
                 "menu:\n"
                 "  main:\n"
                 "    - name: Home\n"
                 "      weight: 1\n"
                 "    - name: |\n"
                 "        About ✉️\n"
                 "aliases:\n"
                 "- /old/path\n"
                 "- &a anchored\n"
                 "- *a\n"
                 "tags: [one, \"two\", 3]\n"
                 "map: {k: v}\n"
                 "tagged: !!str 123\n"
                 "number: !!int \"7\"\n"
                 "content_blocks:\n"
                 "  - heading:\n"
                 "      title: Deep\n"
                 "---\n");
  FrontMatter fm = front_matter(src);
  check_order(fm.leaves, "sequences");

  const DataLeaf& home = leaf(fm.leaves, "menu.main[0].name");
  CHECK(home.path == std::vector<std::string>{"menu", "main", "[]", "name"});
  CHECK(home.value == "Home");
  CHECK(home.indent == 6);
  CHECK_FALSE(leaf(fm.leaves, "menu.main[0].weight").is_string);

  const DataLeaf& about = leaf(fm.leaves, "menu.main[1].name");
  CHECK(about.value == "About ✉️\n");
  CHECK(about.indent == 6);
  CHECK(text_of(src, about.span) == "|\n        About ✉️");

  const DataLeaf& alias0 = leaf(fm.leaves, "aliases[0]");
  CHECK(alias0.value == "/old/path");
  CHECK(alias0.indent == 0);
  CHECK(alias0.path == std::vector<std::string>{"aliases", "[]"});
  const DataLeaf& anchored = leaf(fm.leaves, "aliases[1]");
  CHECK(text_of(src, anchored.span) == "anchored");
  // The alias repeats the anchored value; it is not a leaf of its own.
  for (const DataLeaf& l : fm.leaves) CHECK(l.path_string != "aliases[2]");

  CHECK(leaf(fm.leaves, "tags[0]").in_flow);
  CHECK(text_of(src, leaf(fm.leaves, "tags[1]").span) == "\"two\"");
  CHECK_FALSE(leaf(fm.leaves, "tags[2]").is_string);
  CHECK(leaf(fm.leaves, "map.k").in_flow);

  const DataLeaf& tagged = leaf(fm.leaves, "tagged");
  CHECK(tagged.is_string);
  CHECK(text_of(src, tagged.span) == "123");
  const DataLeaf& number = leaf(fm.leaves, "number");
  CHECK_FALSE(number.is_string);
  CHECK(text_of(src, number.span) == "\"7\"");

  CHECK(leaf(fm.leaves, "content_blocks[0].heading.title").value == "Deep");
}

TEST_CASE("YAML plain scalars that are not strings", "[structured]") {
  for (const char* typed : {"true", "False", "yes", "No", "on", "OFF", "y", "null", "~", "Null", "12", "-3", "+4",
                            "0x1F", "0o17", "017", "1_000", "3.14", "-.5", "1e5", "6.02E+23", ".inf", "-.Inf", ".NaN",
                            "1:30", "2021-03-04", "2021-03-04T10:00:00Z", "2016-04-28T12:35:31+02:00",
                            "2001-12-14 21:59:43.10 -5", "2026-04-05"}) {
    INFO(typed);
    std::vector<DataLeaf> leaves = yaml(std::string("k: ") + typed + "\n");
    REQUIRE(leaves.size() == 1);
    CHECK_FALSE(leaves[0].is_string);
  }
  for (const char* text : {"Steunpunten", "4 June 2024", "1.2.3", "v1", "2021-03", "yes please", "0x", "1e",
                           "12 monkeys", "2021-03-04 is a date", ".", "Off-line", "TRUE!"}) {
    INFO(text);
    std::vector<DataLeaf> leaves = yaml(std::string("k: '") + text + "'\nj: " + text + "\n");
    REQUIRE(leaves.size() == 2);
    CHECK(leaves[0].is_string);
    CHECK(leaves[1].is_string);
  }
}

TEST_CASE("YAML # no-translate comments", "[structured]") {
  SourceText src("news.md",
                 "---\n"
                 "title: \"News\"\n"
                 "# begin: no-translate\n"
                 "sort: \"Date\"\n"
                 "menu:\n"
                 "  main:\n"
                 "    weight: -110\n"
                 "# end: no-translate\n"
                 "description: \"Read # no-translate\"\n"
                 "newstranslate: true # no-translate\n"
                 "slug: \"a-slug\" # no-translate\n"
                 "_build: # no-translate\n"
                 "  list: never\n"
                 "block: | # no-translate\n"
                 "  text\n"
                 "after: translated\n"
                 "hash: value# no-translate\n"
                 "---\n");
  FrontMatter fm = front_matter(src);
  std::map<std::string, bool> marks;
  for (const DataLeaf& l : fm.leaves) marks[l.path_string] = l.no_translate;
  CHECK(marks == std::map<std::string, bool>{{"title", false},
                                             {"sort", true},
                                             {"menu.main.weight", true},
                                             {"description", false},
                                             {"newstranslate", true},
                                             {"slug", true},
                                             {"_build.list", true},
                                             {"block", true},
                                             {"after", false},
                                             {"hash", false}});
  CHECK(leaf(fm.leaves, "hash").value == "value# no-translate");
}

TEST_CASE("CRLF and BOM front matter", "[structured]") {
  SourceText src("crlf.md",
                 "\xEF\xBB\xBF---\r\n"
                 "title: \"Tëst\"\r\n"
                 "body: |\r\n"
                 "  one\r\n"
                 "  two\r\n"
                 "list:\r\n"
                 "  - plain ✉️\r\n"
                 "---\r\n"
                 "Text\r\n");
  REQUIRE(src.has_bom());
  FrontMatter fm = front_matter(src);
  CHECK(fm.block.begin == 3);
  CHECK(text_of(src, fm.block).substr(text_of(src, fm.block).size() - 5) == "---\r\n");
  CHECK(src.bytes().substr(fm.block.end) == "Text\r\n");
  const DataLeaf& title = leaf(fm.leaves, "title");
  CHECK(title.line == 2);
  CHECK(text_of(src, title.span) == "\"Tëst\"");
  const DataLeaf& body = leaf(fm.leaves, "body");
  CHECK(body.value == "one\ntwo\n");
  CHECK(body.line == 3);
  CHECK(text_of(src, body.span) == "|\r\n  one\r\n  two");
  const DataLeaf& item = leaf(fm.leaves, "list[0]");
  CHECK(item.line == 7);
  CHECK(text_of(src, item.span) == "plain ✉️");

  SourceText toml("crlf.md", "+++\r\ntitle = \"é\"\r\n[params]\r\nx = 'y'\r\n+++\r\n");
  FrontMatter tfm = front_matter(toml);
  CHECK(tfm.format == DataFormat::Toml);
  CHECK(leaf(tfm.leaves, "params.x").line == 4);
  CHECK(text_of(toml, leaf(tfm.leaves, "title").span) == "\"é\"");

  CHECK(front_matter_error("---\r\na: \"é\"\r\nb: \"✉️\" c\r\n---\r\n").substr(0, 9) == "p.md:3:9:");
  CHECK(front_matter_error("+++\r\na = \"é\"\r\nb = \"✉️\" c\r\n+++\r\n").substr(0, 10) == "p.md:3:10:");
}

TEST_CASE("front matter delimiters", "[structured]") {
  CHECK_FALSE(parse_front_matter(SourceText("p.md", "# Title\n---\na: b\n---\n")));
  CHECK_FALSE(parse_front_matter(SourceText("p.md", "")));
  CHECK_FALSE(parse_front_matter(SourceText("p.md", "----\nnot front matter\n")));

  SourceText dots("p.md", "\n---\ntitle: x\n...\nbody\n");
  FrontMatter fm = front_matter(dots);
  CHECK(fm.block.begin == 1);
  CHECK(dots.bytes().substr(fm.block.end) == "body\n");

  SourceText empty("p.md", "---\n---\n");
  FrontMatter e = front_matter(empty);
  CHECK(e.leaves.empty());
  CHECK(e.content.empty());
  CHECK(e.block.end == empty.bytes().size());

  SourceText no_newline("p.md", "---\ntitle: x\n---");
  CHECK(front_matter(no_newline).block.end == no_newline.bytes().size());
}

TEST_CASE("front matter errors name file line:col", "[structured]") {
  CHECK(front_matter_error("---\ntitle: x\n") == "p.md:1:1: error: unterminated YAML front matter: no closing '---'");
  CHECK(front_matter_error("\n\n+++\ntitle = 'x'\n") ==
        "p.md:3:1: error: unterminated TOML front matter: no closing '+++'");
  CHECK(front_matter_error("{\n \"title\": \"}\"\n") ==
        "p.md:1:1: error: unterminated JSON front matter: no closing '}'");

  // The position is in the file, not in the block; columns count code points.
  std::string yaml_error = front_matter_error("---\ntitle: ok\nsub: \"é\" trailing\n---\n");
  CHECK(yaml_error.substr(0, 12) == "p.md:3:10: e");
  CHECK(yaml_error.find("invalid YAML") != std::string::npos);
  CHECK(front_matter_error("---\na: b\n  c: d\n---\n").substr(0, 10) == "p.md:3:4: ");

  std::string toml_error = front_matter_error("+++\ntitle = \"é\"\nx = \"✉️\" y\n+++\n");
  CHECK(toml_error.substr(0, 11) == "p.md:3:10: ");
  CHECK(toml_error.find("invalid TOML") != std::string::npos);

  std::string json_error = front_matter_error("{\n  \"a\": \"é\",\n  \"b\": tru\n}\n");
  CHECK(json_error.substr(0, 10) == "p.md:3:8: ");
  CHECK(json_error.find("invalid JSON") != std::string::npos);

  CHECK(data_error("a: 1\n---\nb: 2\n", DataFormat::Yaml).substr(0, 7) == "d:2:1: ");
  CHECK(data_error("a: [1\n", DataFormat::Yaml).find("d:2:1: error: invalid YAML") == 0);
  CHECK(data_error("a: \"bad \\q\"\n", DataFormat::Yaml).find("d:1:") == 0);
  CHECK(data_error("{\"a\": 1} x", DataFormat::Json) ==
        "d:1:10: error: invalid JSON: unexpected text after the JSON value");
  CHECK(data_error("{\"a\": \"\\ud800\"}", DataFormat::Json).find("d:1:8: error: invalid JSON: lone surrogate") == 0);
  CHECK(data_error("[[a]]\nb = 1\n[a]\n", DataFormat::Toml).find("d:3:") == 0);
  // TOML allows non-ASCII only in strings and comments.
  CHECK(data_error("a = \"é\" # ✉️\nb = “smart”\n", DataFormat::Toml) ==
        "d:2:5: error: invalid TOML: unexpected character outside a string or comment");
  CHECK(data_error("é = 1\n", DataFormat::Toml).find("d:1:1: ") == 0);
}

TEST_CASE("TOML front matter and data", "[structured]") {
  SourceText src("p.md",
                 "+++\n"
                 "title = \"Héllo ✉️ \\\"q\\\"\"\n"
                 "draft = false\n"
                 "date = 1979-05-27 07:32:00Z\n"
                 "lit = 'C:\\path ✉️'\n"
                 "multi = \"\"\"\n"
                 "first\n"
                 "second ✉️\"\"\"\n"
                 "raw = '''\n"
                 "keep \\n as is'''\n"
                 "tags = [\"a\", 'b', 3]\n"
                 "inline = { name = \"x\", n = 1.5 }\n"
                 "[menu]\n"
                 "  [[menu.main]]\n"
                 "  name = \"Home\"\n"
                 "  [[menu.main]]\n"
                 "  name = \"About\"\n"
                 "+++\n");
  FrontMatter fm = front_matter(src);
  CHECK(fm.format == DataFormat::Toml);
  check_order(fm.leaves, "toml");

  const DataLeaf& title = leaf(fm.leaves, "title");
  CHECK(title.value == "Héllo ✉️ \"q\"");
  CHECK(text_of(src, title.span) == "\"Héllo ✉️ \\\"q\\\"\"");
  CHECK(title.style == ScalarStyle::DoubleQuoted);
  CHECK(title.line == 2);

  CHECK_FALSE(leaf(fm.leaves, "draft").is_string);
  const DataLeaf& date = leaf(fm.leaves, "date");
  CHECK_FALSE(date.is_string);
  CHECK(date.value == "1979-05-27 07:32:00Z");

  const DataLeaf& lit = leaf(fm.leaves, "lit");
  CHECK(lit.value == "C:\\path ✉️");
  CHECK(lit.style == ScalarStyle::SingleQuoted);

  const DataLeaf& multi = leaf(fm.leaves, "multi");
  CHECK(multi.value == "first\nsecond ✉️");
  CHECK(multi.style == ScalarStyle::Folded);
  CHECK(text_of(src, multi.span) == "\"\"\"\nfirst\nsecond ✉️\"\"\"");

  const DataLeaf& raw = leaf(fm.leaves, "raw");
  CHECK(raw.value == "keep \\n as is");
  CHECK(raw.style == ScalarStyle::Literal);

  CHECK(leaf(fm.leaves, "tags[1]").path == std::vector<std::string>{"tags", "[]"});
  CHECK(text_of(src, leaf(fm.leaves, "tags[1]").span) == "'b'");
  CHECK_FALSE(leaf(fm.leaves, "tags[2]").is_string);
  CHECK(leaf(fm.leaves, "inline.name").value == "x");
  CHECK(leaf(fm.leaves, "inline.n").value == "1.5");

  const DataLeaf& about = leaf(fm.leaves, "menu.main[1].name");
  CHECK(about.path == std::vector<std::string>{"menu", "main", "[]", "name"});
  CHECK(about.value == "About");
  CHECK(about.indent == 2);
  for (const DataLeaf& l : fm.leaves) check_span_reparses(src, DataFormat::Toml, l);
}

TEST_CASE("TOML # no-translate comments", "[structured]") {
  SourceText src("config.toml",
                 "title = \"T\"\n"
                 "slug = \"s\" # no-translate\n"
                 "text = \"has # no-translate\"\n"
                 "# begin: no-translate\n"
                 "kind = \"k\"\n"
                 "# end: no-translate\n"
                 "list = [ # no-translate\n"
                 "  \"a\",\n"
                 "]\n"
                 "[params] # no-translate\n"
                 "x = \"fenced\"\n"
                 "[other]\n"
                 "y = \"free\"\n");
  std::vector<DataLeaf> leaves = parse_data(src, DataFormat::Toml);
  std::map<std::string, bool> marks;
  for (const DataLeaf& l : leaves) marks[l.path_string] = l.no_translate;
  CHECK(marks == std::map<std::string, bool>{{"title", false},
                                             {"slug", true},
                                             {"text", false},
                                             {"kind", true},
                                             {"list[0]", true},
                                             {"params.x", true},
                                             {"other.y", false}});
}

TEST_CASE("JSON front matter and data", "[structured]") {
  SourceText src("p.md",
                 "{\n"
                 "  \"title\": \"Héllo \\\"✉️\\\" \\u00e9\\ud83d\\ude00 {}\",\n"
                 "  \"n\": -1.5e3,\n"
                 "  \"ok\": true,\n"
                 "  \"none\": null,\n"
                 "  \"menu\": {\"main\": [{\"name\": \"Home\"}]}\n"
                 "}\n"
                 "Body {}\n");
  FrontMatter fm = front_matter(src);
  CHECK(fm.format == DataFormat::Json);
  CHECK(src.bytes().substr(fm.block.end) == "Body {}\n");
  CHECK(text_of(src, fm.content).back() == '}');
  const DataLeaf& title = leaf(fm.leaves, "title");
  CHECK(title.value == "Héllo \"✉️\" é😀 {}");
  CHECK(text_of(src, title.span) == "\"Héllo \\\"✉️\\\" \\u00e9\\ud83d\\ude00 {}\"");
  CHECK(title.indent == 2);
  CHECK(title.line == 2);
  for (const char* typed : {"n", "ok", "none"}) CHECK_FALSE(leaf(fm.leaves, typed).is_string);
  CHECK(leaf(fm.leaves, "n").value == "-1.5e3");
  CHECK(leaf(fm.leaves, "menu.main[0].name").value == "Home");
  check_order(fm.leaves, "json");
  for (const DataLeaf& l : fm.leaves) check_span_reparses(src, DataFormat::Json, l);

  std::vector<DataLeaf> table =
      parse_data(SourceText("en.json", "[{\"id\": \"a\", \"translation\": \"A\"}]"), DataFormat::Json);
  REQUIRE(table.size() == 2);
  CHECK(table[1].path_string == "[0].translation");
  CHECK(path_matches("[].translation", table[1].path));
}

TEST_CASE("parse_data over a range", "[structured]") {
  SourceText src("x", "junk before\na: \"é\"\nb: [1, 2]\njunk after");
  std::size_t begin = src.bytes().find("a:");
  std::size_t end = src.bytes().find("junk after");
  std::vector<DataLeaf> leaves = parse_data(src, DataFormat::Yaml, {begin, end});
  REQUIRE(leaves.size() == 3);
  CHECK(text_of(src, leaves[0].span) == "\"é\"");
  CHECK(leaves[0].line == 2);
  CHECK(leaves[2].path_string == "b[1]");
}

TEST_CASE("path_matches", "[structured]") {
  using P = std::vector<std::string>;
  CHECK(path_matches("title", P{"title"}));
  CHECK_FALSE(path_matches("title", P{"subtitle"}));
  CHECK_FALSE(path_matches("title", P{"title", "x"}));
  CHECK_FALSE(path_matches("menu.main", P{"menu"}));
  CHECK(path_matches("menu.*.name", P{"menu", "main", "name"}));
  CHECK_FALSE(path_matches("menu.*.name", P{"menu", "[]", "name"}));
  CHECK_FALSE(path_matches("menu.*.name", P{"menu", "main", "weight"}));
  CHECK(path_matches("content_blocks[].heading.title", P{"content_blocks", "[]", "heading", "title"}));
  CHECK_FALSE(path_matches("content_blocks[].heading.title", P{"content_blocks", "heading", "title"}));
  CHECK(path_matches("content_blocks[].links[].title", P{"content_blocks", "[]", "links", "[]", "title"}));
  CHECK(path_matches("tags", P{"tags", "[]"}));
  CHECK(path_matches("tags", P{"tags", "[]", "[]"}));
  CHECK(path_matches("tags[]", P{"tags", "[]"}));
  CHECK_FALSE(path_matches("tags", P{"tags", "[]", "name"}));
  CHECK(path_matches("*", P{"anything"}));
  CHECK(path_matches("[]", P{"[]"}));
  CHECK_FALSE(path_matches("", P{"title"}));
  // "**": any number of steps, none included.
  CHECK(path_matches("**.icon", P{"icon"}));
  CHECK(path_matches("**.icon", P{"items", "[]", "icon"}));
  CHECK(path_matches("**.icon", P{"icons", "[]"}) == false);
  CHECK(path_matches("**.icon", P{"icon", "[]"}));  // a sequence of icons
  CHECK_FALSE(path_matches("**.icon", P{"icon", "name"}));
  CHECK(path_matches("features.**.title", P{"features", "title"}));
  CHECK(path_matches("features.**.title", P{"features", "[]", "cols", "[]", "title"}));
  CHECK_FALSE(path_matches("features.**.title", P{"about", "title"}));
  CHECK(path_matches("**", P{"a", "b"}));
  CHECK(path_matches("**.**.**.**.**.**.**.**.**.**.**.**.x", P(40, "a")) == false);  // no blow-up
}

namespace {

const std::vector<std::string>& nasty_values() {
  static const std::vector<std::string> values = {
      "plain text", "Contact en ondersteuning – ✉️", "key: value", "trailing:", "a #hash", "a# b", "#start",
      "'single'", "\"double\"", "it's \"both\"", "- dash", "-", "?", ":", "[x]", "{y}", "&a", "*b", "!t", "|p",
      ">f", "%d", "@at", "`tick`", ", comma", "a, b", "yes", "No", "null", "~", "123", "1.5", "0x10", "1:30",
      "2021-03-04", "", " lead", "trail ", "\ttab", "tab\tinside", "back\\slash", "line\nbreak", "two\n\nbreaks",
      "ends\n", "ends twice\n\n", "\nstarts", "  indented\nlines", "mixed\n  indent\nback", "\u00a0nbsp", "bell\a",
      "nul\x01", "del\x7f", "nel\u0085", "ls\u2028", "bom\ufeff", "emoji 😀", "'''", "\"\"\"", "ends'", "'starts",
      "cr\rlf", "crlf\r\n", "a   b", "# only", "<<", "=", "...", "---", "x: ", "a\n#b", "trailing space \nnext",
      "\n", "\n\n", "last line   "};
  return values;
}

const ScalarStyle kStyles[] = {ScalarStyle::Plain, ScalarStyle::SingleQuoted, ScalarStyle::DoubleQuoted,
                               ScalarStyle::Literal, ScalarStyle::Folded};

// Encodes `value`, splices it into `before`…`after` and reads it back: it is
// the first of the `leaves` leaves there.
void check_round_trip(DataFormat format, ScalarStyle style, const std::string& value, int indent, bool in_flow,
                      const std::string& before, const std::string& after, std::size_t count = 1) {
  std::string encoded = encode_scalar(format, style, value, indent, in_flow);
  std::string doc = before + encoded + after;
  INFO("style " << static_cast<int>(style) << " value [" << value << "] doc [" << doc << "]");
  std::vector<DataLeaf> leaves;
  REQUIRE_NOTHROW(leaves = parse_data(SourceText("enc", doc), format));
  REQUIRE(leaves.size() == count);
  CHECK(leaves[0].value == value);
  CHECK(leaves[0].is_string);
  CHECK(SourceText("enc", doc).bytes().substr(leaves[0].span.begin, leaves[0].span.size()) == encoded);
}

}  // namespace

TEST_CASE("encode_scalar round-trips nasty values", "[structured]") {
  for (const std::string& value : nasty_values()) {
    for (ScalarStyle style : kStyles) {
      check_round_trip(DataFormat::Yaml, style, value, 0, false, "k: ", "\n");
      check_round_trip(DataFormat::Yaml, style, value, 2, false, "a:\n  k: ", "\n  z: 1\n", 2);
      check_round_trip(DataFormat::Yaml, style, value, 4, false, "a:\n  - k: ", "\n    z: 1\n", 2);
      check_round_trip(DataFormat::Yaml, style, value, 2, false, "a:\n  - ", "\n  - z\n", 2);
      check_round_trip(DataFormat::Yaml, style, value, 0, false, "a:\n- ", "\nb: z\n", 2);
      check_round_trip(DataFormat::Yaml, style, value, 0, true, "a: [", ", z]\n", 2);
      check_round_trip(DataFormat::Yaml, style, value, 0, true, "{k: ", "}\n");
      check_round_trip(DataFormat::Toml, style, value, 0, false, "k = ", "\n");
      check_round_trip(DataFormat::Toml, style, value, 0, false, "k = [", ", 1]\n", 2);
      check_round_trip(DataFormat::Json, style, value, 0, false, "{\"k\": ", "}");
    }
  }
}

TEST_CASE("encode_scalar keeps the preferred style when it can", "[structured]") {
  auto yaml = [](ScalarStyle s, std::string_view v, int indent = 0) {
    return encode_scalar(DataFormat::Yaml, s, v, indent);
  };
  CHECK(yaml(ScalarStyle::Plain, "Contact en ondersteuning – ✉️") == "Contact en ondersteuning – ✉️");
  CHECK(yaml(ScalarStyle::Plain, "Hello, world") == "Hello, world");
  CHECK(encode_scalar(DataFormat::Yaml, ScalarStyle::Plain, "Hello, world", 0, true) == "'Hello, world'");
  CHECK(yaml(ScalarStyle::Plain, "key: value") == "'key: value'");
  CHECK(yaml(ScalarStyle::Plain, "yes") == "'yes'");
  CHECK(yaml(ScalarStyle::Plain, "123") == "'123'");
  CHECK(yaml(ScalarStyle::Plain, "") == "''");
  CHECK(yaml(ScalarStyle::Plain, "- item") == "'- item'");
  CHECK(yaml(ScalarStyle::Plain, "it's") == "it's");
  CHECK(yaml(ScalarStyle::SingleQuoted, "it's") == "'it''s'");
  CHECK(yaml(ScalarStyle::SingleQuoted, "tab\there") == "'tab\there'");
  CHECK(yaml(ScalarStyle::SingleQuoted, "bell\a") == "\"bell\\a\"");
  CHECK(yaml(ScalarStyle::DoubleQuoted, "say \"hi\"\n\\ é") == "\"say \\\"hi\\\"\\n\\\\ é\"");
  CHECK(yaml(ScalarStyle::Plain, "two\nlines") == "|-\n  two\n  lines");
  CHECK(yaml(ScalarStyle::Literal, "two\nlines\n", 4) == "|\n      two\n      lines");
  CHECK(yaml(ScalarStyle::Literal, "  lead\n") == "|2\n    lead");
  CHECK(yaml(ScalarStyle::Literal, "keep\n\n") == "|+\n  keep\n");
  CHECK(yaml(ScalarStyle::Folded, "one para\nnext\n") == ">\n  one para\n\n  next");
  CHECK(yaml(ScalarStyle::Folded, "a\n  more indented") == "|-\n  a\n    more indented");
  CHECK(encode_scalar(DataFormat::Yaml, ScalarStyle::Literal, "a\nb", 0, true) == "\"a\\nb\"");

  CHECK(encode_scalar(DataFormat::Toml, ScalarStyle::DoubleQuoted, "q\"\\\t✉️", 0) == "\"q\\\"\\\\\\t✉️\"");
  CHECK(encode_scalar(DataFormat::Toml, ScalarStyle::Plain, "x", 0) == "\"x\"");
  CHECK(encode_scalar(DataFormat::Toml, ScalarStyle::SingleQuoted, "C:\\x", 0) == "'C:\\x'");
  CHECK(encode_scalar(DataFormat::Toml, ScalarStyle::SingleQuoted, "it's", 0) == "\"it's\"");
  CHECK(encode_scalar(DataFormat::Toml, ScalarStyle::Literal, "a\nb", 0) == "'''\na\nb'''");
  CHECK(encode_scalar(DataFormat::Toml, ScalarStyle::Folded, "a\n\"b\"", 0) == "\"\"\"\na\n\\\"b\\\"\"\"\"");
  CHECK(encode_scalar(DataFormat::Json, ScalarStyle::Plain, "a\"\n\x01✉️", 0) == "\"a\\\"\\n\\u0001✉️\"");
  CHECK_THROWS_AS(encode_scalar(DataFormat::Json, ScalarStyle::Plain, "\xff", 0), Error);
}

namespace {

DataFormat format_of(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".toml" ? DataFormat::Toml : ext == ".json" ? DataFormat::Json : DataFormat::Yaml;
}

struct SiteCounts {
  int pages = 0, with_front_matter = 0, leaves = 0, strings = 0, no_translate = 0, data_files = 0, data_leaves = 0;
};

}  // namespace

TEST_CASE("corpus: every page's front matter and every data file", "[structured][corpus]") {
  fs::path corpus = l10n::testing::corpus_dir();
  if (corpus.empty()) {
    WARN("shared/corpus not found beside the checkout: corpus test skipped");
    return;
  }
  std::map<std::string, SiteCounts> sites;
  std::vector<fs::path> roots = {corpus, corpus.parent_path() / "seeds"};
  for (const fs::path& root : roots) {
    if (!fs::is_directory(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file()) continue;
      const fs::path& p = entry.path();
      std::string rel = fs::relative(p, root.parent_path()).generic_string();
      fs::path in_root = fs::relative(p, root);
      std::string site = root.filename() == "seeds" || ++in_root.begin() == in_root.end()
                             ? root.filename().string()
                             : in_root.begin()->string();
      std::string ext = p.extension().string();
      std::string name = p.filename().string();
      SourceText src = SourceText::load(p.string(), rel);
      SiteCounts& counts = sites[site];
      INFO(rel);
      if (ext == ".md") {
        ++counts.pages;
        std::optional<FrontMatter> fm;
        REQUIRE_NOTHROW(fm = parse_front_matter(src));
        if (!fm) continue;
        ++counts.with_front_matter;
        check_order(fm->leaves, rel);
        for (const DataLeaf& l : fm->leaves) {
          CHECK(l.span.begin >= fm->content.begin);
          CHECK(l.span.end <= fm->content.end);
          check_span_reparses(src, fm->format, l);
          counts.strings += l.is_string;
          counts.no_translate += l.no_translate;
        }
        counts.leaves += static_cast<int>(fm->leaves.size());
      } else if ((ext == ".toml" || ext == ".yaml" || ext == ".yml" || ext == ".json") &&
                 (rel.find("/i18n/") != std::string::npos || rel.find("/config") != std::string::npos ||
                  rel.find("/data/") != std::string::npos || name.rfind("config", 0) == 0 ||
                  name.rfind("hugo", 0) == 0)) {
        ++counts.data_files;
        std::vector<DataLeaf> leaves;
        REQUIRE_NOTHROW(leaves = parse_data(src, format_of(p)));
        CHECK_FALSE(leaves.empty());
        check_order(leaves, rel);
        for (const DataLeaf& l : leaves) check_span_reparses(src, format_of(p), l);
        counts.data_leaves += static_cast<int>(leaves.size());
      }
    }
  }
  CHECK(sites.size() >= 5);
  for (const auto& [site, c] : sites) {
    WARN(site << ": " << c.pages << " pages, " << c.with_front_matter << " with front matter, " << c.leaves
              << " leaves (" << c.strings << " strings, " << c.no_translate << " no-translate); " << c.data_files
              << " data files, " << c.data_leaves << " leaves");
    CHECK(c.pages > 0);
  }
  CHECK(sites["wz2100.net"].no_translate > 50);
  CHECK(sites["hinode"].data_files >= 5);
}

// Found by fuzz/fuzz_front_matter: a block scalar whose last line is only
// blanks read back with extra trailing empty lines.
TEST_CASE("encode_scalar round-trips a last line of only blanks", "[structured][fuzz]") {
  for (const std::string value : {"a\n  \n", "a\n  ", "a\n\t\n", "a\n \n\n", "x\n  \nb: 1\n"}) {
    for (ScalarStyle style : kStyles) {
      check_round_trip(DataFormat::Yaml, style, value, 0, false, "k: ", "\n");
      check_round_trip(DataFormat::Yaml, style, value, 2, false, "a:\n  k: ", "\n  z: 1\n", 2);
      check_round_trip(DataFormat::Toml, style, value, 0, false, "k = ", "\n");
    }
  }
}
