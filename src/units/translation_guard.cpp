#include "units/translation_guard.h"

#include <algorithm>
#include <iterator>
#include <utility>
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

using Token = GuardToken;
using Tokens = std::vector<Token>;

Tokens sorted(Tokens t) {
  std::stable_sort(t.begin(), t.end());
  return t;
}

// One line, about 80 characters, cut between UTF-8 characters: a refusal is
// one line of a warning, and a call can be long.
std::string shorten(std::string_view s) {
  constexpr std::size_t kMax = 80;
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (out.size() >= kMax && (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return out + "…";
    if (s[i] == '\n') out += "\\n";
    else if (s[i] == '\r') out += "\\r";
    else if (s[i] == '\t') out += "\\t";
    else out += s[i];
  }
  return out;
}

std::string first_in_text(const Tokens& t) {
  auto it = std::min_element(t.begin(), t.end(), [](const Token& a, const Token& b) { return a.pos < b.pos; });
  return it == t.end() ? "" : shorten(it->shown);
}

// The first token only the source has and the first only the translation
// has ("" for none), so that a refusal can say what changed into what.
std::pair<std::string, std::string> first_difference(const Tokens& want, const Tokens& got) {
  Tokens dropped, added;
  std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(dropped));
  std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(added));
  return {first_in_text(dropped), first_in_text(added)};
}

// "changed: old → new", "dropped: old" or "added: new", in the words given
// (msgids, translated only for a refusal: most translations pass).
std::optional<std::string> compare(const Tokens& want, const Tokens& got, const char* changed, const char* dropped,
                                   const char* added) {
  if (want == got) return std::nullopt;
  auto [old_text, new_text] = first_difference(want, got);
  if (old_text.empty()) return format(tr(added), new_text.c_str());
  if (new_text.empty()) return format(tr(dropped), old_text.c_str());
  return format(tr(changed), old_text.c_str(), new_text.c_str());
}

// Each call reduced to what a translation must keep: its name, form, and
// every parameter except the configured text ones, whose values may change.
std::optional<Tokens> shortcode_keys(std::string_view text, const UnitRules& rules) {
  Tokens keys;
  try {
    SourceText src("translation", std::string(text));
    ShortcodeScan scan = scan_shortcodes(src, 0, src.bytes().size(), ShortcodeText::Fragment);
    auto bytes = [&](Span s) { return std::string(src.bytes().substr(s.begin, s.size())); };
    for (const Shortcode& c : scan.calls) {
      std::string key(c.markdown ? "%" : "<");
      if (c.closing) key += '/';
      key += c.name;
      for (const auto& p : c.params) {
        bool text_param = rules.is_text_param(c.name, p.name, p.position);
        key += " " + (p.name.empty() ? std::to_string(p.position) : p.name) + "=" + (text_param ? "…" : p.value);
      }
      keys.push_back({std::move(key), bytes(c.span), c.span.begin});
    }
    for (Span e : scan.escaped) keys.push_back({bytes(e), bytes(e), e.begin});
    // Hugo runs an inline body as a template: one lost brace breaks the build.
    for (Span b : scan.inline_bodies) keys.push_back({"body " + bytes(b), bytes(b), b.begin});
  } catch (const Error&) {
    return std::nullopt;
  }
  return sorted(std::move(keys));
}

// A destination "(…)" after "]": the URL without its title, or the whole
// shortcode call when it is one ({{< ref "a b" >}} holds blanks); with its
// ")" when it has one, so that a lost ")" is a change.
Token link_target(std::string_view s, std::size_t open) {
  std::size_t depth = 1, j = open + 1;
  for (; j < s.size() && depth > 0; ++j) {
    if (s[j] == '(') ++depth;
    else if (s[j] == ')') --depth;
  }
  bool closed = depth == 0;
  std::string_view inner = s.substr(open + 1, (closed ? j - 1 : j) - open - 1);
  std::size_t end = inner.find_first_of(" \t\n");
  if (inner.starts_with("{{")) {
    std::size_t call_end = std::min(inner.find(">}}"), inner.find("%}}"));
    end = call_end == std::string_view::npos ? inner.size() : call_end + 3;
  }
  std::string key = "(" + std::string(inner.substr(0, end)) + (closed ? ")" : "");
  return {key, key, open};
}

// Link destinations and autolinks "<scheme:…>", sorted.
Tokens link_targets(std::string_view s) {
  Tokens out;
  for (std::size_t i = s.find("]("); i != std::string_view::npos; i = s.find("](", i + 1))
    out.push_back(link_target(s, i + 1));
  for (std::size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
    std::size_t close = s.find('>', i);
    if (close == std::string_view::npos) break;
    std::string_view inner = s.substr(i + 1, close - i - 1);
    if (inner.find("://") != std::string_view::npos || inner.starts_with("mailto:"))
      out.push_back({std::string(inner), "<" + std::string(inner) + ">", i});
  }
  return sorted(std::move(out));
}

// Where each code span lies (backticks included), in order.
std::vector<Span> code_span_spans(std::string_view s) {
  std::vector<Span> out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != '`') { ++i; continue; }
    std::size_t run = s.find_first_not_of('`', i);
    if (run == std::string_view::npos) break;
    std::string fence(run - i, '`');
    std::size_t close = s.find(fence, run);
    if (close == std::string_view::npos) { i = run; continue; }
    out.push_back({i, close + fence.size()});
    i = close + fence.size();
  }
  return out;
}

Tokens code_spans(std::string_view s) {
  Tokens out;
  for (Span c : code_span_spans(s)) {
    std::string span(s.substr(c.begin, c.size()));
    out.push_back({span, span, c.begin});
  }
  return sorted(std::move(out));
}

// Bytes that cannot start raw HTML become blanks: code spans and shortcode
// calls (whose "<" is Hugo's, not HTML's).
std::string masked(std::string_view text) {
  std::string out(text);
  std::vector<Span> hidden = code_span_spans(text);
  try {
    ShortcodeScan scan =
        scan_shortcodes(SourceText("translation", std::string(text)), 0, text.size(), ShortcodeText::Fragment);
    for (const Shortcode& c : scan.calls) hidden.push_back(c.span);
    hidden.insert(hidden.end(), scan.escaped.begin(), scan.escaped.end());
    hidden.insert(hidden.end(), scan.inline_bodies.begin(), scan.inline_bodies.end());
  } catch (const Error&) {
    // Broken calls are refused on their own; their "<" are read as HTML here.
  }
  for (Span h : hidden) std::fill(out.begin() + h.begin, out.begin() + std::min(h.end, out.size()), ' ');
  return out;
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// "<scheme:…>" or "<user@host>" at `at`: CommonMark's autolinks, which are links, not HTML.
bool is_autolink(std::string_view s, std::size_t at) {
  std::size_t close = s.find('>', at);
  if (close == std::string_view::npos) return false;
  std::string_view inner = s.substr(at + 1, close - at - 1);
  if (inner.empty() || inner.find_first_of(" \t\n<") != std::string_view::npos) return false;
  std::size_t colon = inner.find(':');
  if (colon >= 2 && colon <= 32 && colon != std::string_view::npos) {
    std::string_view scheme = inner.substr(0, colon);
    if (is_alpha(scheme[0]) && std::all_of(scheme.begin(), scheme.end(), [](char c) {
          return is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-';
        }))
      return true;
  }
  return inner.find('@') != std::string_view::npos && inner.find_first_of("\"'=") == std::string_view::npos;
}

// Where raw HTML starting at `at` ends, or npos when "<" starts none. An
// unclosed construct runs to the end: at a line start "<!--" or "<script"
// opens an HTML block that swallows the rest of the page.
std::size_t html_end(std::string_view s, std::size_t at) {
  std::string_view rest = s.substr(at + 1);
  auto until = [&](std::string_view close) {
    std::size_t e = s.find(close, at + 2);
    return e == std::string_view::npos ? s.size() : e + close.size();
  };
  if (rest.starts_with("!--")) return until("-->");
  if (rest.starts_with("![CDATA[")) return until("]]>");
  if (rest.starts_with("?")) return until("?>");
  bool tag = !rest.empty() && (is_alpha(rest[0]) || rest[0] == '!' ||
                               (rest[0] == '/' && rest.size() > 1 && is_alpha(rest[1])));
  if (!tag || is_autolink(s, at)) return std::string_view::npos;
  return until(">");
}

// The raw HTML Markdown would pass through to the page: tags with their
// attributes, comments, processing instructions, declarations, CDATA.
Tokens raw_html(std::string_view text) {
  std::string s = masked(text);
  Tokens out;
  for (std::size_t i = s.find('<'); i != std::string::npos; i = s.find('<', i + 1)) {
    std::size_t backslashes = 0;
    while (backslashes < i && s[i - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2) continue;  // "\<" is a literal "<"
    std::size_t end = html_end(s, i);
    if (end == std::string::npos) continue;
    std::string html(text.substr(i, end - i));
    out.push_back({html, html, i});
    i = end - 1;
  }
  return sorted(std::move(out));
}

Tokens placeholders(std::string_view text, const UnitRules& rules) {
  Tokens out;
  for (std::string& p : rules.placeholders_in(text)) out.push_back({p, p, out.size()});
  return sorted(std::move(out));
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

// A paragraph's line after a hard break ("\" or two blanks at the end of the
// line before) is written as the unit text has it, without the indentation
// the source may have had; one that would open a block there ("- i" a list
// item, "===" a setext underline) is indented by four columns, where it can
// only continue the paragraph, as such a line was in the source.
std::string_view continuation_indent(std::string_view rest) {
  std::string_view line = rest.substr(0, rest.find('\n'));
  std::string marker = block_marker(line);
  return marker.empty() || marker == "blank" || marker == "indented code" ? "" : "    ";
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

// A bare value with a line break is written as a Hugo raw string `…`,
// which may span lines; a "…" value may not.
bool as_raw_string(const Unit& unit, std::string_view msgstr) {
  return unit.style == ScalarStyle::Plain && msgstr.find('\n') != std::string_view::npos &&
         msgstr.find('`') == std::string_view::npos;
}

std::optional<std::string> shortcode_param_problem(const Unit& unit, std::string_view msgstr) {
  if (msgstr.find("{{") != std::string_view::npos || msgstr.find("}}") != std::string_view::npos)
    return std::string(tr("a shortcode parameter cannot hold '{{' or '}}'"));
  if (unit.style == ScalarStyle::Literal && msgstr.find('`') != std::string_view::npos)
    return std::string(tr("a backtick cannot be written inside a backtick-quoted parameter"));
  if (as_raw_string(unit, msgstr)) return std::nullopt;
  // The quotes lie outside the unit's bytes, so a quoted value stays quoted,
  // and Hugo stops the whole site on a line break inside one.
  if (unit.style != ScalarStyle::Literal && msgstr.find('\n') != std::string_view::npos)
    return std::string(tr("a line break in a quoted shortcode parameter stops Hugo's build "
                          "(only a `…` parameter may span lines)"));
  return quoted_param_problem(unit, msgstr);
}

// block_marker's names in the user's language.
const char* marker_name(const std::string& marker) {
  if (marker == "heading") return tr("heading");
  if (marker == "indented code") return tr("indented code block");
  if (marker == "block quote") return tr("block quote");
  if (marker == "list item") return tr("list item");
  if (marker == "code fence") return tr("code fence");
  if (marker == "table row") return tr("table row");
  if (marker == "ordered list item") return tr("ordered list item");
  return tr("setext underline or thematic break");
}

std::optional<std::string> structure_problem(const Unit& unit, const SourceGuard& source, std::string_view msgstr) {
  bool single_line = unit.kind == UnitKind::Heading || unit.kind == UnitKind::TableCell ||
                     unit.kind == UnitKind::ImageAlt || unit.kind == UnitKind::ImageTitle;
  if (single_line && msgstr.find('\n') != std::string_view::npos)
    return format(tr("a line break is not possible in a %s"), tr(unit_kind_name(unit.kind)));
  if (unit.kind == UnitKind::TableCell) {
    for (std::size_t i = msgstr.find('|'); i != std::string_view::npos; i = msgstr.find('|', i + 1))
      if (i == 0 || msgstr[i - 1] != '\\') return std::string(tr("an unescaped '|' would split the table cell"));
  }
  if ((unit.kind == UnitKind::ImageAlt && msgstr.find(']') != std::string_view::npos) ||
      (unit.kind == UnitKind::ImageTitle && msgstr.find('"') != std::string_view::npos))
    return std::string(tr("the text would end the image syntax early"));
  std::size_t start = 0;
  for (int line = 0; start <= msgstr.size(); ++line) {
    std::size_t end = msgstr.find('\n', start);
    std::string_view text = msgstr.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    std::string marker = block_marker(text);
    // The first line may start like the source did ("-" in "- 5 °C" kept as is).
    bool same_as_source = line == 0 && !marker.empty() && source.first_marker == marker;
    if (!marker.empty() && !same_as_source && !(unit.kind == UnitKind::Heading && marker == "heading")) {
      if (marker == "blank") return std::string(tr("a blank line would split the block in two"));
      return format(tr("a line starting like a %s would change the page's structure"), marker_name(marker));
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace

SourceGuard guard_source(const Unit& unit, const UnitRules& rules) {
  std::string_view msgid = unit.text;
  SourceGuard g;
  g.placeholders = placeholders(msgid, rules);
  g.raw_html = raw_html(msgid);
  if (is_markdown_block(unit.kind)) {
    g.shortcode_keys = shortcode_keys(msgid, rules);
    g.link_targets = link_targets(msgid);
    g.code_spans = code_spans(msgid);
    g.first_marker = block_marker(msgid.substr(0, msgid.find('\n')));
  }
  return g;
}

std::optional<std::string> refuse_translation(const Unit& unit, std::string_view msgstr, const UnitRules& rules) {
  return refuse_translation(unit, guard_source(unit, rules), msgstr, rules);
}

std::optional<std::string> refuse_translation(const Unit& unit, const SourceGuard& source, std::string_view msgstr,
                                              const UnitRules& rules) {
  // Markdown and Hugo's lexer read a lone CR as a line end, and SourceText
  // refuses one: either way the page would not be what was checked.
  if (msgstr.find('\r') != std::string_view::npos)
    return std::string(tr("the translation holds a carriage return (\\r), which would end the line in the page"));
  if (auto why = compare(source.placeholders, placeholders(msgstr, rules), N_("placeholder changed: %s → %s"),
                         N_("placeholder dropped: %s"), N_("placeholder added: %s")))
    return why;
  if (auto why = compare(source.raw_html, raw_html(msgstr), N_("raw HTML changed: %s → %s"),
                         N_("raw HTML dropped: %s"), N_("raw HTML added: %s")))
    return why;
  if (unit.kind == UnitKind::ShortcodeParam) return shortcode_param_problem(unit, msgstr);
  if (!is_markdown_block(unit.kind)) return std::nullopt;  // structured values are re-quoted
  auto got = shortcode_keys(msgstr, rules);
  if (!got) return std::string(tr("a shortcode call in the translation is broken"));
  if (source.shortcode_keys)
    if (auto why = compare(*source.shortcode_keys, *got, N_("shortcode call changed: %s → %s"),
                           N_("shortcode call dropped: %s"), N_("shortcode call added: %s")))
      return why;
  if (auto why = compare(source.link_targets, link_targets(msgstr), N_("link target changed: %s → %s"),
                         N_("link target dropped: %s"), N_("link target added: %s")))
    return why;
  if (auto why = compare(source.code_spans, code_spans(msgstr), N_("code span changed: %s → %s"),
                         N_("code span dropped: %s"), N_("code span added: %s")))
    return why;
  return structure_problem(unit, source, msgstr);
}

std::string render_translation(const Unit& unit, std::string_view msgstr) {
  switch (unit.kind) {
    case UnitKind::FrontMatter:
    case UnitKind::StringTable:
    case UnitKind::SiteConfig:
    case UnitKind::DataFile:
      return encode_scalar(unit.format, rewrite_style(unit.style, msgstr), msgstr, unit.indent, unit.in_flow,
                           unit.margin, unit.lead);
    case UnitKind::ShortcodeParam: {
      bool as_is = unit.style == ScalarStyle::Literal || unit.style == ScalarStyle::SingleQuoted ||
                   (unit.style == ScalarStyle::Plain && !bare_param_needs_quotes(msgstr));
      if (as_is) return std::string(msgstr);
      if (as_raw_string(unit, msgstr)) return '`' + std::string(msgstr) + '`';
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
      if (msgstr.find('\n') == std::string_view::npos) return std::string(msgstr);
      std::vector<Span> calls;
      try {
        // Escaped calls too: the text keeps them as written, like calls.
        ShortcodeScan scan =
            scan_shortcodes(SourceText("msgstr", std::string(msgstr)), 0, msgstr.size(), ShortcodeText::Fragment);
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
        if (msgstr[i] != '\n' || in_call) continue;
        out += unit.line_prefix;
        out += continuation_indent(msgstr.substr(i + 1));
      }
      return out;
    }
  }
}

}  // namespace l10n
