#include "units/page.h"

#include <algorithm>
#include <iterator>

#include "base/tr.h"
#include "units/markdown.h"

namespace l10n {

// Marked for translation: reports show these names in the reader's
// language (report/labels.cpp); PO comments and JSON keep them as they are.
const char* unit_kind_name(UnitKind kind) {
  switch (kind) {
    case UnitKind::FrontMatter: return N_("front matter");
    case UnitKind::Heading: return N_("heading");
    case UnitKind::Paragraph: return N_("paragraph");
    case UnitKind::ListItem: return N_("list item");
    case UnitKind::BlockQuote: return N_("block quote");
    case UnitKind::TableCell: return N_("table cell");
    case UnitKind::ImageAlt: return N_("image alt text");
    case UnitKind::ImageTitle: return N_("image title");
    case UnitKind::ShortcodeParam: return N_("shortcode parameter");
    case UnitKind::StringTable: return N_("string table");
    case UnitKind::SiteConfig: return N_("site config");
    case UnitKind::DataFile: return N_("data file");
  }
  return "unit";
}

namespace {

// "menu.main[0].name" -> "menu.main.name": the comment names the key, not the index.
std::string key_name(const DataLeaf& leaf) {
  std::string out;
  for (const auto& seg : leaf.path) {
    if (seg == "[]") { out += "[]"; continue; }
    if (!out.empty()) out += '.';
    out += seg;
  }
  return out;
}

void front_matter_units(const FrontMatter& fm, const UnitRules& rules, std::vector<Unit>& out) {
  for (const DataLeaf& leaf : fm.leaves) {
    if (!leaf.is_string || leaf.no_translate || !has_translatable_text(leaf.value)) continue;
    bool selected = std::any_of(rules.front_matter_keys.begin(), rules.front_matter_keys.end(),
                                [&](const std::string& p) { return path_matches(p, leaf.path); });
    if (!selected) continue;
    Unit u;
    u.kind = UnitKind::FrontMatter;
    u.text = leaf.value;
    u.span = leaf.span;
    u.line = leaf.line;
    u.comment = "front matter: " + key_name(leaf);
    u.format = fm.format;
    u.style = leaf.style;
    u.indent = leaf.indent;
    u.margin = leaf.margin;
    u.lead = leaf.lead;
  u.in_flow = leaf.in_flow;
    out.push_back(std::move(u));
  }
}

// How translation_guard writes a value back. SingleQuoted stands for Hugo's
// \"…\" form, which has no quote style of its own among ScalarStyle's.
ScalarStyle param_style(char quote) {
  switch (quote) {
    case '"': return ScalarStyle::DoubleQuoted;
    case '\\': return ScalarStyle::SingleQuoted;
    case '`': return ScalarStyle::Literal;
    default: return ScalarStyle::Plain;
  }
}

// Text parameters of calls that are not already inside a Markdown unit: a
// call inside a paragraph is translated as part of that paragraph's msgid.
void shortcode_units(const SourceText& src, const Page& page, const UnitRules& rules, std::vector<Unit>& out) {
  const std::vector<Unit>& blocks = page.units;
  auto inside_block = [&](Span s) {
    auto it = std::upper_bound(blocks.begin(), blocks.end(), s.begin,
                               [](std::size_t o, const Unit& u) { return o < u.span.begin; });
    return it != blocks.begin() && s.begin < std::prev(it)->span.end;
  };
  for (const Shortcode& call : page.shortcodes.calls) {
    if (call.closing) continue;
    if (inside_block(call.span)) continue;
    for (const ShortcodeParam& p : call.params) {
      bool wanted = rules.is_text_param(call.name, p.name, p.position);
      if (!wanted || looks_like_url(p.value) || !has_translatable_text(p.value)) continue;
      Unit u;
      u.kind = UnitKind::ShortcodeParam;
      u.text = p.value;
      u.span = p.value_span;
      u.line = src.lines().line(p.value_span.begin);
      u.comment = "shortcode " + call.name + ": " + (p.name.empty() ? std::to_string(p.position) : p.name);
      u.style = param_style(p.quote);
      out.push_back(std::move(u));
    }
  }
}

}  // namespace

Page read_page(const SourceText& src, const UnitRules& rules) {
  Page page;
  page.front_matter = parse_front_matter(src);
  std::size_t body_begin = page.front_matter ? page.front_matter->block.end : src.content_begin();
  page.body = {body_begin, src.bytes().size()};
  page.shortcodes = scan_shortcodes(src, page.body.begin, page.body.end);
  page.units = markdown_units(src, page.body, page.shortcodes);
  std::vector<Unit> extra;
  if (page.front_matter) front_matter_units(*page.front_matter, rules, extra);
  shortcode_units(src, page, rules, extra);
  // In the order of the page: a stable merge of the two, each in order
  // already as a rule (the body's are), which moves each unit once.
  auto by_place = [](const Unit& a, const Unit& b) { return a.span.begin < b.span.begin; };
  std::vector<Unit> body = std::move(page.units);
  if (!std::is_sorted(body.begin(), body.end(), by_place)) std::stable_sort(body.begin(), body.end(), by_place);
  if (extra.empty()) {
    page.units = std::move(body);
    return page;
  }
  if (!std::is_sorted(extra.begin(), extra.end(), by_place)) std::stable_sort(extra.begin(), extra.end(), by_place);
  page.units.clear();
  page.units.reserve(body.size() + extra.size());
  std::merge(std::make_move_iterator(body.begin()), std::make_move_iterator(body.end()),
             std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()),
             std::back_inserter(page.units), by_place);
  return page;
}

namespace {

// Every byte of line `line` (1-based) but its line break becomes a space.
void blank_line(std::string& bytes, int line) {
  std::size_t b = find_line_start(bytes, line);
  if (b == std::string::npos) return;
  for (std::size_t i = b; i < bytes.size() && bytes[i] != '\n'; ++i) bytes[i] = ' ';
}

// Where a page's front matter ends (past its closing delimiter line), or 0
// when the page does not start with one. Of an unclosed one only the
// opening line goes: what follows may well be the page's text.
std::size_t front_matter_end(std::string_view bytes) {
  std::size_t start = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  std::string_view rest = bytes.substr(start);
  std::string_view delim = rest.substr(0, 3);
  if ((delim != "---" && delim != "+++") || rest.find('\n') != std::size_t{3} + (rest.substr(3, 1) == "\r")) return 0;
  for (std::size_t at = rest.find('\n'); at != std::string_view::npos; at = rest.find('\n', at + 1)) {
    std::string_view line = rest.substr(at + 1, rest.find('\n', at + 1) - at - 1);
    if (line.starts_with(delim) || (delim == "---" && line.starts_with("..."))) {
      std::size_t end = rest.find('\n', at + 1);
      return start + (end == std::string_view::npos ? rest.size() : end);
    }
  }
  return start + 3;
}

}  // namespace

LenientPage read_page_leniently(const std::string& path, std::string bytes, const UnitRules& rules) {
  constexpr std::size_t kSpots = 16;
  std::vector<Diagnostic> problems;
  std::vector<int> blanked;
  bool front_matter_gone = false;
  for (;;) {
    try {
      SourceText text(path, bytes);
      Page page = read_page(text, rules);
      return {std::move(text), std::move(page), std::move(problems)};
    } catch (const Error& e) {
      Diagnostic d = e.diagnostic();
      problems.push_back(d);
      // A delimiter of the front matter is no spot to blank: the values
      // would become body text. The whole front matter goes instead.
      std::size_t end = front_matter_end(bytes);
      int last = end == 0 ? 0 : 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
      bool delimiter = end > 0 && (d.line == 1 || d.line == last);
      if (problems.size() < kSpots && d.line > 0 && !delimiter &&
          std::find(blanked.begin(), blanked.end(), d.line) == blanked.end()) {
        blanked.push_back(d.line);
        blank_line(bytes, d.line);
        continue;
      }
      if (end > 0 && !front_matter_gone) {
        front_matter_gone = true;
        for (std::size_t i = 0; i < end; ++i)
          if (bytes[i] != '\n') bytes[i] = ' ';
        continue;
      }
      // Nothing left to try: no unit, and the problems say why.
      for (char& c : bytes)
        if (c != '\n') c = ' ';
      return {SourceText(path, bytes), Page{}, std::move(problems)};
    }
  }
}

}  // namespace l10n
