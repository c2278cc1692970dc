// Conformance with Hugo's own shortcode lexer tests.
//
// The inputs and outcomes below come from gohugoio/hugo (Apache-2.0,
// Copyright The Hugo Authors), commit 7b5199fdeff7d7682e9f979f468d55bc7b67b934:
//   parser/pageparser/pageparser_shortcode_test.go  shortCodeLexerTests (65)
//   parser/pageparser/pageparser_intro_test.go      the 2 with shortcodes
//   parser/pageparser/pageparser_test.go            FuzzParse samples, TestHasShortcode,
//                                                   TestIsProbablyItemsSource (7 distinct)
// Hugo's tokens are rewritten as what l10n keeps of them: the calls, their
// names, parameters and values, named vs positional, closing and
// self-closing, the body of an inline shortcode, or an error. The names are
// Hugo's test names, so a failure here can be looked up upstream.
//
// Deliberate divergences (what Hugo reports that l10n does not model):
// - Hugo's tText and tIndentation tokens: l10n keeps the text between calls
//   as it is and leaves indentation to the Markdown parser.
// - Hugo's error messages: l10n words its own, with file:line:col; only
//   "error or not" must agree, and the message must name what is wrong.
// Outside these inputs, on purpose:
// - `key=value>}}`: Hugo's bare value runs to the next blank and swallows
//   the `>}}` (then fails: unclosed shortcode); l10n ends it at the right
//   delimiter, as the author meant.
// - `key=\x…`: Hugo skips ahead to the next quote and reads from there;
//   l10n reports the stray backslash instead of guessing a value.
// - Name characters: Hugo accepts Unicode letters and digits; l10n takes any
//   non-ASCII byte as one.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "base/error.h"
#include "units/shortcode.h"

using namespace l10n;

namespace {

struct HugoCase {
  const char* name;   // Hugo's test name
  std::string input;
  // Each call as "<name" / "%name" ("/" before the name when closing, " /"
  // at the end when self-closing), then " key=«value»" or " «value»" for each
  // parameter, and "|body=«…»" after an inline call that has a body.
  std::vector<std::string> calls;
  // Non-empty: Hugo rejects the input; l10n's message must contain this.
  std::string error = {};
};

std::vector<std::string> rendered_calls(const SourceText& src, const ShortcodeScan& scan) {
  std::vector<std::string> out;
  for (const Shortcode& c : scan.calls) {
    std::string s(c.markdown ? "%" : "<");
    if (c.closing) s += '/';
    s += c.name;
    for (const ShortcodeParam& p : c.params) {
      s += ' ';
      if (!p.name.empty()) s += p.name + '=';
      s += "«" + p.value + "»";
    }
    if (c.self_closing) s += " /";
    for (Span body : scan.inline_bodies)
      if (body.begin == c.span.end) s += "|body=«" + std::string(src.bytes().substr(body.begin, body.size())) + "»";
    out.push_back(std::move(s));
  }
  return out;
}

// Hugo's intro tests carry TOML front matter; l10n scans the body only.
std::size_t body_begin(const std::string& input) {
  if (!input.starts_with("+++\n")) return 0;
  return input.find("+++\n", 4) + 4;
}

const std::string bt = "`";

const std::vector<HugoCase> kHugoCases = {
    // pageparser_shortcode_test.go
    {"empty", "", {}},
    {"spaces", " \t\n", {}},
    {"text", "to be or not", {}},
    {"no markup", "{{< sc1 >}}", {"<sc1"}},
    {"with EOL", "{{< sc1 \n >}}", {"<sc1"}},
    {"forward slash inside name", "{{< sc/sub >}}", {"<sc/sub"}},
    {"simple with markup", "{{% sc1 %}}", {"%sc1"}},
    {"with spaces", "{{<     sc1     >}}", {"<sc1"}},
    {"indented on new line", "Hello\n    {{% sc1 %}}", {"%sc1"}},
    {"indented on new line tab", "Hello\n\t{{% sc1 %}}", {"%sc1"}},
    {"indented on first line", "    {{% sc1 %}}", {"%sc1"}},
    {"mismatched rightDelim", "{{< sc1 %}}", {}, "cannot end with '%}}'"},
    {"inner, markup", "{{% sc1 %}} inner {{% /sc1 %}}", {"%sc1", "%/sc1"}},
    {"close, but no open", "{{< /sc1 >}}", {}, "closing shortcode 'sc1' has no opening"},
    {"close wrong", "{{< sc1 >}}{{< /another >}}", {}, "closing shortcode 'another' has no opening"},
    {"close, but no open, more", "{{< sc1 >}}{{< /sc1 >}}{{< /another >}}", {}, "closing shortcode 'another' has no opening"},
    {"close with extra keyword", "{{< sc1 >}}{{< /sc1 keyword>}}", {}, "a closing shortcode takes no parameters"},
    {"float param, positional", "{{< sc1 3.14 >}}", {"<sc1 «3.14»"}},
    {"float param, named", "{{< sc1 param1=3.14 >}}", {"<sc1 param1=«3.14»"}},
    {"named param, raw string", "{{< sc1 param1=" + bt + "Hello World" + bt + " >}}", {"<sc1 param1=«Hello World»"}},
    {"float param, named, space before", "{{< sc1 param1= 3.14 >}}", {"<sc1 param1=«3.14»"}},
    {"Youtube id", "{{< sc1 -ziL-Q_456igdO-4 >}}", {"<sc1 «-ziL-Q_456igdO-4»"}},
    {"non-alphanumerics param quoted", "{{< sc1 \"-ziL-.%QigdO-4\" >}}", {"<sc1 «-ziL-.%QigdO-4»"}},
    {"raw string", "{{< sc1" + bt + "Hello World" + bt + " >}}", {"<sc1 «Hello World»"}},
    {"raw string with newline", "{{< sc1" + bt + "Hello \n\tWorld" + bt + " >}}", {"<sc1 «Hello \n\tWorld»"}},
    {"raw string with escape character", "{{< sc1" + bt + "Hello \\b World" + bt + " >}}", {"<sc1 «Hello \\b World»"}},
    {"two params", "{{< sc1 param1   param2 >}}", {"<sc1 «param1» «param2»"}},
    {"self-closing", "{{< sc1 />}}", {"<sc1 /"}},
    {"multiple self-closing", "{{< sc1 />}}{{< sc1 />}}", {"<sc1 /", "<sc1 /"}},
    {"self-closing with param", "{{< sc1 param1 />}}", {"<sc1 «param1» /"}},
    {"self-closing with extra keyword", "{{< sc1 / keyword>}}", {}, "'/' may only end a self-closing call"},
    {"multiple self-closing with param", "{{< sc1 param1 />}}{{< sc1 param1 />}}", {"<sc1 «param1» /", "<sc1 «param1» /"}},
    {"multiple different self-closing with param", "{{< sc1 param1 />}}{{< sc2 param1 />}}",
     {"<sc1 «param1» /", "<sc2 «param1» /"}},
    {"nested simple", "{{< sc1 >}}{{< sc2 >}}{{< /sc1 >}}", {"<sc1", "<sc2", "</sc1"}},
    {"nested same", "{{< sc1 >}}{{< sc1 >}}{{< /sc1 >}}{{< /sc1 >}}", {"<sc1", "<sc1", "</sc1", "</sc1"}},
    {"nested complex",
     "{{< sc1 >}}ab{{% sc2 param1 %}}cd{{< sc3 >}}ef{{< /sc3 >}}gh{{% /sc2 %}}ij{{< /sc1 >}}kl",
     {"<sc1", "%sc2 «param1»", "<sc3", "</sc3", "%/sc2", "</sc1"}},
    {"two quoted params", "{{< sc1 \"param nr. 1\" \"param nr. 2\" >}}", {"<sc1 «param nr. 1» «param nr. 2»"}},
    {"two named params", "{{< sc1 param1=\"Hello World\" param2=\"p2Val\">}}",
     {"<sc1 param1=«Hello World» param2=«p2Val»"}},
    {"escaped quotes", "{{< sc1 param1=\\\"Hello World\\\"  >}}", {"<sc1 param1=«Hello World»"}},
    {"escaped quotes, positional param", "{{< sc1 \\\"param1\\\"  >}}", {"<sc1 «param1»"}},
    {"escaped quotes inside escaped quotes", "{{< sc1 param1=\\\"Hello \\\"escaped\\\" World\\\"  >}}", {},
     "'escaped' is positional"},
    {"escaped quotes inside nonescaped quotes", "{{< sc1 param1=\"Hello \\\"escaped\\\" World\"  >}}",
     {"<sc1 param1=«Hello \"escaped\" World»"}},
    {"escaped quotes inside nonescaped quotes in positional param", "{{< sc1 \"Hello \\\"escaped\\\" World\"  >}}",
     {"<sc1 «Hello \"escaped\" World»"}},
    {"escaped raw string, named param", "{{< sc1 param1=\\" + bt + "Hello World\\" + bt + " >}}", {},
     "a backtick cannot be escaped"},
    {"escaped raw string, positional param", "{{< sc1 param1 \\" + bt + "Hello World\\" + bt + " >}}", {},
     "a backtick cannot be escaped"},
    {"two raw string params", "{{< sc1" + bt + "Hello World" + bt + bt + "Second Param" + bt + " >}}",
     {"<sc1 «Hello World» «Second Param»"}},
    {"unterminated quote", "{{< sc1 param2=\"Hello World>}}", {}, "unterminated quoted string"},
    {"unterminated raw string", "{{< sc1" + bt + "Hello World >}}", {}, "unterminated raw string"},
    {"unterminated raw string in second argument",
     "{{< sc1" + bt + "Hello World" + bt + bt + "Second Param >}}", {}, "unterminated raw string"},
    {"one named param, one not", "{{< sc1 param1=\"Hello World\" p2 >}}", {}, "'p2' is positional"},
    {"one named param, one quoted positional param, both raw strings",
     "{{< sc1 param1=" + bt + "Hello World" + bt + bt + "Second Param" + bt + " >}}", {},
     "'Second Param' is positional"},
    {"one named param, one quoted positional param", "{{< sc1 param1=\"Hello World\" \"And Universe\" >}}", {},
     "'And Universe' is positional"},
    {"one quoted positional param, one named param", "{{< sc1 \"param1\" param2=\"And Universe\" >}}", {},
     "'param2' is named"},
    {"ono positional param, one not", "{{< sc1 param1 param2=\"Hello World\">}}", {}, "'param2' is named"},
    {"commented out", "{{</* sc1 */>}}", {}},
    {"commented out, with asterisk inside", "{{</* sc1 \"**/*.pdf\" */>}}", {}},
    {"commented out, missing close", "{{</* sc1 >}}", {}, "unclosed escaped shortcode"},
    {"commented out, misplaced close", "{{</* sc1 >}}*/", {}, "unclosed escaped shortcode"},
    {"basic inline", "{{< sc1.inline >}}Hello World{{< /sc1.inline >}}",
     {"<sc1.inline|body=«Hello World»", "</sc1.inline"}},
    {"basic inline with space", "{{< sc1.inline >}}Hello World{{< / sc1.inline >}}",
     {"<sc1.inline|body=«Hello World»", "</sc1.inline"}},
    {"inline self closing", "{{< sc1.inline >}}Hello World{{< /sc1.inline >}}Hello World{{< sc1.inline />}}",
     {"<sc1.inline|body=«Hello World»", "</sc1.inline", "<sc1.inline /"}},
    {"inline self closing, then a new inline",
     "{{< sc1.inline >}}Hello World{{< /sc1.inline >}}Hello World{{< sc1.inline />}}{{< sc2.inline >}}Hello "
     "World{{< /sc2.inline >}}",
     {"<sc1.inline|body=«Hello World»", "</sc1.inline", "<sc1.inline /", "<sc2.inline|body=«Hello World»",
      "</sc2.inline"}},
    {"inline with template syntax", "{{< sc1.inline >}}{{ .Get 0 }}{{ .Get 1 }}{{< /sc1.inline >}}",
     {"<sc1.inline|body=«{{ .Get 0 }}{{ .Get 1 }}»", "</sc1.inline"}},
    {"inline with nested shortcode (not supported)", "{{< sc1.inline >}}Hello World{{< sc1 >}}{{< /sc1.inline >}}",
     {}, "inline shortcode 'sc1.inline'"},
    {"inline case mismatch", "{{< sc1.Inline >}}Hello World{{< /sc1.Inline >}}", {}, "name.inline"},
    // pageparser_intro_test.go
    {"Summary and shortcode, no space", "+++\nfoo = \"bar\"\n+++\n\nSome text.\n<!--more-->{{< sc1 >}}\nSome text.\n",
     {"<sc1"}},
    {"Summary and shortcode only", "+++\nfoo = \"bar\"\n+++\n{{< sc1 >}}\n<!--more-->\n{{< sc2 >}}", {"<sc1", "<sc2"}},
    // pageparser_test.go
    {"FuzzParse sample 1, TestHasShortcode 1", "{{< foo >}}", {"<foo"}},
    {"FuzzParse sample 2", "{{% foo %}}", {"%foo"}},
    {"FuzzParse sample 3", "{{< foo >}} {{< bar >}}", {"<foo", "<bar"}},
    {"TestIsProbablyItemsSource", " {{< foo >}} ", {"<foo"}},
    {"TestHasShortcode 2", "aSDasd  SDasd aSD\n\nasdfadf{{% foo %}}\nasdf", {"%foo"}},
    {"TestHasShortcode 3", "{{</* foo */>}}", {}},
    {"TestHasShortcode 4", "{{%/* foo */%}}", {}},
};

}  // namespace

TEST_CASE("l10n reads shortcodes as Hugo's lexer tests say", "[shortcode][hugo]") {
  CHECK(kHugoCases.size() == 74);
  for (const HugoCase& c : kHugoCases) {
    INFO("Hugo test: " << c.name << "\ninput: " << c.input);
    SourceText src("page.md", c.input);
    std::vector<std::string> got;
    std::string error;
    try {
      got = rendered_calls(src, scan_shortcodes(src, body_begin(c.input), c.input.size()));
    } catch (const Error& e) {
      error = e.what();
    }
    if (c.error.empty()) {
      CHECK(error.empty());
      CHECK(got == c.calls);
    } else {
      INFO("l10n: " << error);
      CHECK(error.find(c.error) != std::string::npos);
    }
  }
}
