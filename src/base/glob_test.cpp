#include <catch2/catch.hpp>

#include <string>

#include "base/glob.h"

using l10n::glob_match;

TEST_CASE("literal patterns", "[glob]") {
  CHECK(glob_match("content/a.md", "content/a.md"));
  CHECK_FALSE(glob_match("content/a.md", "content/b.md"));
  CHECK_FALSE(glob_match("content/a.md", "content/a.md/x"));
  CHECK_FALSE(glob_match("content", "content/a.md"));
  CHECK(glob_match("", ""));
  CHECK_FALSE(glob_match("", "a"));
}

TEST_CASE("* and ? stay within a segment", "[glob]") {
  CHECK(glob_match("*.md", "a.md"));
  CHECK(glob_match("*.md", ".md"));
  CHECK_FALSE(glob_match("*.md", "x/a.md"));
  CHECK(glob_match("content/*/index.md", "content/about/index.md"));
  CHECK_FALSE(glob_match("content/*/index.md", "content/a/b/index.md"));
  CHECK(glob_match("a*b*c", "aXXbYYbZc"));
  CHECK_FALSE(glob_match("a*b*c", "aXXbYYbZ"));
  CHECK(glob_match("news-??.md", "news-03.md"));
  CHECK_FALSE(glob_match("news-??.md", "news-3.md"));
  CHECK_FALSE(glob_match("a?c", "a/c"));
  CHECK(glob_match("?.md", "é.md"));  // ? is one code point, not one byte
  CHECK(glob_match("***.md", "x.md"));
}

TEST_CASE("** spans zero or more segments", "[glob]") {
  CHECK(glob_match("**/*.md", "a.md"));
  CHECK(glob_match("**/*.md", "x/y/a.md"));
  CHECK_FALSE(glob_match("**/*.md", "x/y/a.txt"));
  CHECK(glob_match("content/**", "content/a/b.md"));
  CHECK(glob_match("content/**/index.md", "content/index.md"));
  CHECK(glob_match("content/**/index.md", "content/a/b/index.md"));
  CHECK_FALSE(glob_match("content/**/index.md", "other/a/index.md"));
  CHECK(glob_match("**/drafts/**", "content/en/drafts/x/y.md"));
  CHECK_FALSE(glob_match("**/drafts/**", "content/en/draft/y.md"));
  CHECK(glob_match("**", "anything/at/all"));
  // ** not alone in its segment is an ordinary *.
  CHECK(glob_match("a**.md", "abc.md"));
  CHECK_FALSE(glob_match("a**.md", "a/b.md"));
}

TEST_CASE("character classes", "[glob]") {
  CHECK(glob_match("[abc].md", "b.md"));
  CHECK_FALSE(glob_match("[abc].md", "d.md"));
  CHECK(glob_match("news-[0-4]?.md", "news-41.md"));
  CHECK_FALSE(glob_match("news-[0-4]?.md", "news-52.md"));
  CHECK(glob_match("[!_]*.md", "index.md"));
  CHECK_FALSE(glob_match("[!_]*.md", "_index.md"));
  CHECK(glob_match("[^_]*.md", "index.md"));
  CHECK(glob_match("[]x].md", "].md"));
  CHECK(glob_match("[a-]", "-"));
  CHECK(glob_match("[à-ü]", "é"));
  CHECK_FALSE(glob_match("[a-z]", "é"));
  CHECK(glob_match("[abc", "[abc"));  // unclosed: literal
  CHECK_FALSE(glob_match("[/]", "/"));
}

TEST_CASE("brace alternatives", "[glob]") {
  CHECK(glob_match("*.{md,markdown}", "a.md"));
  CHECK(glob_match("*.{md,markdown}", "a.markdown"));
  CHECK_FALSE(glob_match("*.{md,markdown}", "a.txt"));
  CHECK(glob_match("{content,docs}/**/*.md", "docs/x/a.md"));
  CHECK(glob_match("content/{en,nl/sub}/*.md", "content/nl/sub/a.md"));
  CHECK(glob_match("a{,b}c", "ac"));
  CHECK(glob_match("a{,b}c", "abc"));
  CHECK(glob_match("{a,{b,c}d}", "cd"));
  CHECK_FALSE(glob_match("{a,{b,c}d}", "c"));
  CHECK(glob_match("{a,b}{1,2}", "b2"));
  CHECK(glob_match("{x}", "{x}"));  // no comma: literal
  CHECK(glob_match("a{b", "a{b"));
}

TEST_CASE("backslash escapes", "[glob]") {
  CHECK(glob_match("\\*.md", "*.md"));
  CHECK_FALSE(glob_match("\\*.md", "a.md"));
  CHECK(glob_match("\\{a,b\\}", "{a,b}"));
  CHECK(glob_match("[\\]]", "]"));
}

TEST_CASE("long inputs stay fast", "[glob]") {
  std::string path(2000, 'a');
  std::string pattern;
  for (int i = 0; i < 30; ++i) pattern += "*a";
  pattern += "*b";
  CHECK_FALSE(glob_match(pattern, path));

  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "d/";
  deep += "x.md";
  CHECK(glob_match("**/d/**/d/**/*.md", deep));
  CHECK_FALSE(glob_match("**/d/**/e/**/*.md", deep));
}
