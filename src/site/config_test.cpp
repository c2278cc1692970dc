#include <catch2/catch.hpp>

#include "site/config.h"
#include "base/error.h"

using namespace l10n;

TEST_CASE("the documented l10n.toml parses", "[config]") {
  Config c = parse_config(R"(source = "en"
languages = ["nl", "de"]
layout = "directory"
sourceDir = "content/en"
targetDir = "content/{lang}"
include = ["**/*.md"]
exclude = ["drafts/**"]
[frontMatter]
keys = ["title", "menu.*.name"]
[shortcodes]
button = ["text"]
steps-bar = [0, 1]
[catalogs]
split = "section"
[merge]
keep = 60
[check]
glossary = ["QGIS"]
)", "l10n.toml", "/nonexistent");
  CHECK(c.languages == std::vector<std::string>{"nl", "de"});
  CHECK(c.exclude == std::vector<std::string>{"drafts/**"});
  CHECK(c.front_matter_keys == std::vector<std::string>{"title", "menu.*.name"});
  CHECK(c.is_text_param("steps-bar", "", 1));
  CHECK_FALSE(c.is_text_param("steps-bar", "", 7));
  CHECK(c.is_text_param("button", "text", -1));
  CHECK_FALSE(c.is_text_param("button", "link", -1));
  CHECK_FALSE(c.is_text_param("nope", "text", -1));
  CHECK(c.split_sections);
  CHECK(c.keep == 60);
  CHECK(c.glossary == std::vector<std::string>{"QGIS"});
  CHECK(c.target_dir_for("nl") == "content/nl");
}

TEST_CASE("defaults for a site without config", "[config]") {
  Config c = parse_config("", "l10n.toml", "/nonexistent/site");
  CHECK(c.source == "en");
  CHECK(c.front_matter_keys == default_front_matter_keys());
  CHECK(c.layout == Layout::Filename);  // no content/en directory there
  CHECK(c.source_dir == "content");
  CHECK(c.target_dir == "content");
  CHECK(c.project == "site");
}

TEST_CASE("config errors name file:line:col", "[config]") {
  auto error_of = [](const char* text) {
    try {
      parse_config(text, "l10n.toml", "/x");
    } catch (const Error& e) {
      return e.diagnostic().str();
    }
    return std::string("no error");
  };
  CHECK(error_of("source = \"en\"\nlanguagez = [\"nl\"]\n") == "l10n.toml:2:1: error: unknown key 'languagez'");
  CHECK(error_of("languages = \"nl\"\n") == "l10n.toml:1:13: error: 'languages' must be an array of strings");
  CHECK(error_of("[merge]\nkeep = 120\n") == "l10n.toml:2:8: error: 'merge.keep' must be a whole number from 0 to 100");
  CHECK(error_of("[shortcodes]\nbutton = [true]\n").find("l10n.toml:2:11: error:") == 0);
  CHECK(error_of("layout = \"flat\"\n").find("l10n.toml:1:10: error: 'layout'") == 0);
  CHECK(error_of("source = [\n").find("l10n.toml:") == 0);
  CHECK(error_of("languages = [\"en\"]\n").find("must not contain the source language") != std::string::npos);
}

TEST_CASE("placeholder patterns are regular expressions with errors at their place", "[config][placeholders]") {
  Config c = parse_config("[placeholders]\npatterns = ['\\|[a-z_]+\\|', '%[A-Z]+%']\n", "l10n.toml", "/site");
  REQUIRE(c.placeholders.size() == 2);
  CHECK(c.placeholders[0].pattern == "\\|[a-z_]+\\|");
  CHECK(c.placeholders_in("QGIS |version| and %NAME%, LTR |ltrversion|") ==
        std::vector<std::string>{"|version|", "%NAME%", "|ltrversion|"});
  CHECK(parse_config("", "l10n.toml", "/site").placeholders.empty());
  auto error_of = [](const char* text) {
    try {
      parse_config(text, "l10n.toml", "/site");
    } catch (const Error& e) {
      return e.diagnostic().str();
    }
    return std::string();
  };
  CHECK(error_of("[placeholders]\npatterns = ['(']\n").find("l10n.toml:2:13: error: '(' is not a valid regular expression") == 0);
  CHECK(error_of("[placeholders]\npatterns = ['x*']\n") == "l10n.toml:2:13: error: placeholder pattern 'x*' matches empty text");
  CHECK(error_of("[placeholders]\npattern = ['x']\n") == "l10n.toml:2:1: error: unknown key 'pattern' in [placeholders]");
  CHECK(error_of("[placeholders]\npatterns = 'x'\n") == "l10n.toml:2:12: error: 'placeholders.patterns' must be an array of strings");
}

TEST_CASE("\"*\" names a text parameter of every shortcode", "[config]") {
  // hugo-gettext's `"*" = ["title"]`; before, it was taken for a shortcode named "*".
  Config c = parse_config("[shortcodes]\n\"*\" = [\"title\"]\nbutton = [\"text\"]\n", "l10n.toml", "/nonexistent");
  CHECK(c.is_text_param("block", "title", -1));
  CHECK(c.is_text_param("button", "title", -1));
  CHECK(c.is_text_param("button", "text", -1));
  CHECK_FALSE(c.is_text_param("block", "text", -1));
}
