#include "units/translation_guard.h"

#include <algorithm>
#include <vector>

#include "base/error.h"
#include "units/shortcode.h"
#include "base/source_text.h"
#include "base/tr.h"

namespace l10n {
namespace {

bool is_markdown_block(UnitKind k) {
  return k == UnitKind::Heading || k == UnitKind::Paragraph || k == UnitKind::ListItem ||
         k == UnitKind::BlockQuote || k == UnitKind::TableCell || k == UnitKind::ImageAlt ||
         k == UnitKind::ImageTitle;
}

// Each call reduced to what a translation must keep: its name, form, and
// every parameter except the configured text ones, whose values may change.
std::optional<std::vector<std::string>> shortcode_keys(std::string_view text, const UnitRules& rules) {
  SourceText src("translation", std::string(text));
  ShortcodeScan scan;
  try {
    scan = scan_shortcodes(src, 0, src.bytes().size());
  } catch (const Error&) {
    return std::nullopt;
  }
  std::vector<std::string> keys;
  for (const Shortcode& c : scan.calls) {
    std::string key(c.markdown ? "%" : "<");
    if (c.closing) key += '/';
    key += c.name;
    const auto* specs = rules.shortcode_params(c.name);
    for (const auto& p : c.params) {
      bool text_param = specs && std::any_of(specs->begin(), specs->end(),
                                             [&](const ParamSpec& s) { return s.matches(p.name, p.position); });
      key += " " + (p.name.empty() ? std::to_string(p.position) : p.name) + "=" + (text_param ? "…" : p.value);
    }
    keys.push_back(std::move(key));
  }
  for (Span e : scan.escaped) keys.push_back(std::string(src.bytes().substr(e.begin, e.size())));
  // Hugo runs an inline body as a template: one lost brace breaks the build.
  for (Span b : scan.inline_bodies) keys.push_back("body " + std::string(src.bytes().substr(b.begin, b.size())));
  std::sort(keys.begin(), keys.end());
  return keys;
}

// Link destinations "](…)" and autolinks "<scheme:…>", sorted.
std::vector<std::string> link_targets(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = s.find("]("); i != std::string_view::npos; i = s.find("](", i + 1)) {
    std::size_t depth = 1, j = i + 2;
    for (; j < s.size() && depth > 0; ++j) {
      if (s[j] == '(') ++depth;
      else if (s[j] == ')') --depth;
    }
    std::string_view inner = s.substr(i + 2, j - i - 3);
    // The title after the URL may be translated; the URL may not.
    out.emplace_back(inner.substr(0, inner.find_first_of(" \t")));
  }
  for (std::size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
    std::size_t close = s.find('>', i);
    if (close == std::string_view::npos) break;
    std::string_view inner = s.substr(i + 1, close - i - 1);
    if (inner.find("://") != std::string_view::npos || inner.starts_with("mailto:")) out.emplace_back(inner);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> code_spans(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != '`') { ++i; continue; }
    std::size_t run = s.find_first_not_of('`', i);
    if (run == std::string_view::npos) break;
    std::string fence(run - i, '`');
    std::size_t close = s.find(fence, run);
    if (close == std::string_view::npos) break;
    out.emplace_back(s.substr(run, close - run));
    i = close + fence.size();
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The block syntax a line would start with, or "" for plain text.
std::string block_marker(std::string_view line) {
  std::size_t indent = line.find_first_not_of(' ');
  if (indent == std::string_view::npos) return "blank";
  if (indent >= 4) return "indented code";
  std::string_view s = line.substr(indent);
  auto followed_by_space = [&](std::size_t n) { return s.size() == n || s[n] == ' ' || s[n] == '\t'; };
  if (s[0] == '#') {
    std::size_t n = s.find_first_not_of('#');
    if (n <= 6 && followed_by_space(n == std::string_view::npos ? s.size() : n)) return "heading";
  }
  if (s[0] == '>') return "block quote";
  if ((s[0] == '-' || s[0] == '+' || s[0] == '*') && followed_by_space(1)) return "list item";
  if (s.starts_with("```") || s.starts_with("~~~")) return "code fence";
  if (s[0] == '|') return "table row";
  std::size_t digits = s.find_first_not_of("0123456789");
  if (digits > 0 && digits <= 9 && digits < s.size() && (s[digits] == '.' || s[digits] == ')') && followed_by_space(digits + 1))
    return "ordered list item";
  if (s.find_first_not_of('=') == std::string_view::npos || s.find_first_not_of("- ") == std::string_view::npos)
    return "setext underline or thematic break";
  return "";
}

// A bare value ends at a blank; a quote inside it is its own byte (Hugo's
// lexer reads `*"a"` as one value), only a leading one opens a quoted value.
bool bare_param_needs_quotes(std::string_view msgstr) {
  return msgstr.empty() || msgstr.find_first_of(" \t\r\n") != std::string_view::npos || msgstr.front() == '"' ||
         msgstr.front() == '`';
}

// What Hugo's lexer cannot read back from a "…" or \"…\" value (page.cpp
// marks the latter SingleQuoted): a quote in a value drops every backslash,
// a final backslash escapes the closing quote, \` is an error, and \"…\"
// ends at its first quote.
std::optional<std::string> quoted_param_problem(const Unit& unit, std::string_view msgstr) {
  bool has_backslash = msgstr.find('\\') != std::string_view::npos;
  bool has_quote = msgstr.find('"') != std::string_view::npos;
  if (unit.style == ScalarStyle::SingleQuoted && (has_backslash || has_quote))
    return std::string(tr("a \\\"…\\\" shortcode parameter cannot hold a quote or a backslash"));
  bool quoted = unit.style == ScalarStyle::DoubleQuoted ||
                (unit.style == ScalarStyle::Plain && bare_param_needs_quotes(msgstr));
  if (!quoted || !has_backslash) return std::nullopt;
  if (has_quote || msgstr.back() == '\\' || msgstr.find("\\`") != std::string_view::npos)
    return std::string(tr("a backslash here would be lost or misread by Hugo in a quoted shortcode parameter"));
  return std::nullopt;
}

std::optional<std::string> structure_problem(const Unit& unit, std::string_view msgid, std::string_view msgstr) {
  bool single_line = unit.kind == UnitKind::Heading || unit.kind == UnitKind::TableCell ||
                     unit.kind == UnitKind::ImageAlt || unit.kind == UnitKind::ImageTitle;
  if (single_line && msgstr.find('\n') != std::string_view::npos)
    return format(tr("a line break is not possible in a %s"), unit_kind_name(unit.kind));
  if (unit.kind == UnitKind::TableCell) {
    for (std::size_t i = msgstr.find('|'); i != std::string_view::npos; i = msgstr.find('|', i + 1))
      if (i == 0 || msgstr[i - 1] != '\\') return std::string(tr("an unescaped '|' would split the table cell"));
  }
  if ((unit.kind == UnitKind::ImageAlt && msgstr.find(']') != std::string_view::npos) ||
      (unit.kind == UnitKind::ImageTitle && msgstr.find('"') != std::string_view::npos))
    return std::string(tr("the text would end the image syntax early"));
  std::string_view first_id = msgid.substr(0, msgid.find('\n'));
  std::size_t start = 0;
  for (int line = 0; start <= msgstr.size(); ++line) {
    std::size_t end = msgstr.find('\n', start);
    std::string_view text = msgstr.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    std::string marker = block_marker(text);
    // The first line may start like the source did ("-" in "- 5 °C" kept as is).
    bool same_as_source = line == 0 && !marker.empty() && block_marker(first_id) == marker;
    if (!marker.empty() && !same_as_source && !(unit.kind == UnitKind::Heading && marker == "heading")) {
      if (marker == "blank") return std::string(tr("a blank line would split the block in two"));
      return "a line starting like a " + marker + " would change the page's structure";
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> refuse_translation(const Unit& unit, std::string_view msgstr, const UnitRules& rules) {
  std::string_view msgid = unit.text;
  if (unit.kind == UnitKind::ShortcodeParam) {
    if (msgstr.find("{{") != std::string_view::npos || msgstr.find("}}") != std::string_view::npos)
      return std::string(tr("a shortcode parameter cannot hold '{{' or '}}'"));
    if (unit.style == ScalarStyle::Literal && msgstr.find('`') != std::string_view::npos)
      return std::string(tr("a backtick cannot be written inside a backtick-quoted parameter"));
    return quoted_param_problem(unit, msgstr);
  }
  if (!is_markdown_block(unit.kind)) return std::nullopt;  // structured values are re-quoted
  auto want = shortcode_keys(msgid, rules), got = shortcode_keys(msgstr, rules);
  if (!got) return std::string(tr("a shortcode call in the translation is broken"));
  if (want && *want != *got) return std::string(tr("a shortcode call was dropped, added or altered"));
  if (link_targets(msgid) != link_targets(msgstr)) return std::string(tr("a link target was changed, dropped or added"));
  if (code_spans(msgid) != code_spans(msgstr)) return std::string(tr("a code span was changed, dropped or added"));
  return structure_problem(unit, msgid, msgstr);
}

std::string render_translation(const Unit& unit, std::string_view msgstr) {
  switch (unit.kind) {
    case UnitKind::FrontMatter:
    case UnitKind::StringTable:
    case UnitKind::SiteConfig:
      return encode_scalar(unit.format, rewrite_style(unit.style, msgstr), msgstr, unit.indent, unit.in_flow);
    case UnitKind::ShortcodeParam: {
      bool as_is = unit.style == ScalarStyle::Literal || unit.style == ScalarStyle::SingleQuoted ||
                   (unit.style == ScalarStyle::Plain && !bare_param_needs_quotes(msgstr));
      if (as_is) return std::string(msgstr);
      // Hugo keeps backslashes as written (refuse_translation lets through
      // none that it would drop), so only quotes are escaped.
      std::string out;
      for (char c : msgstr) {
        if (c == '"') out += '\\';
        out += c;
      }
      // A bare value's span has no quotes around it: add them.
      return unit.style == ScalarStyle::Plain ? '"' + out + '"' : out;
    }
    default: {
      // A line break inside a shortcode call is the call's own byte: the unit
      // text keeps calls as written, container prefix included, so only the
      // text's own line breaks get the prefix.
      if (unit.line_prefix.empty() || msgstr.find('\n') == std::string_view::npos) return std::string(msgstr);
      std::vector<Span> calls;
      try {
        // Escaped calls too: the text keeps them as written, like calls.
        ShortcodeScan scan = scan_shortcodes(SourceText("msgstr", std::string(msgstr)), 0, msgstr.size());
        for (const Shortcode& c : scan.calls) calls.push_back(c.span);
        calls.insert(calls.end(), scan.escaped.begin(), scan.escaped.end());
        calls.insert(calls.end(), scan.inline_bodies.begin(), scan.inline_bodies.end());
        std::sort(calls.begin(), calls.end(), [](Span a, Span b) { return a.begin < b.begin; });
      } catch (const Error&) {
        // Not valid calls (merge refuses such a translation): every break is the text's.
      }
      std::string out;
      std::size_t call = 0;
      for (std::size_t i = 0; i < msgstr.size(); ++i) {
        out += msgstr[i];
        while (call < calls.size() && calls[call].end <= i) ++call;
        bool in_call = call < calls.size() && calls[call].begin <= i;
        if (msgstr[i] == '\n' && !in_call) out += unit.line_prefix;
      }
      return out;
    }
  }
}

}  // namespace l10n
