// TOML front matter and data files through toml++, whose source regions give
// line:column in code points; they are mapped back to byte offsets here.
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>

#include "base/error.h"
#include "data/structured_detail.h"

namespace l10n::detail {
namespace {

ScalarStyle string_style(std::string_view token) {
  if (token.substr(0, 3) == "\"\"\"") return ScalarStyle::Folded;
  if (token.substr(0, 3) == "'''") return ScalarStyle::Literal;
  if (token.substr(0, 1) == "'") return ScalarStyle::SingleQuoted;
  return ScalarStyle::DoubleQuoted;
}

// The first non-ASCII character outside strings and comments, or npos. TOML
// allows none there, and toml++ 3.3 runs into __builtin_unreachable on some
// (is_non_ascii_horizontal_whitespace), so they are reported before it sees them.
std::size_t find_stray_non_ascii(std::string_view t) {
  for (std::size_t i = 0; i < t.size();) {
    char c = t[i];
    if (c == '#') {
      i = t.find('\n', i);
      if (i == std::string_view::npos) break;
    } else if (c == '"' || c == '\'') {
      std::string_view delim = t.substr(i, 3) == std::string(3, c) ? t.substr(i, 3) : t.substr(i, 1);
      for (i += delim.size(); i < t.size() && t.substr(i, delim.size()) != delim; ++i) {
        if (c == '"' && t[i] == '\\') ++i;
        else if (delim.size() == 1 && t[i] == '\n') break;  // unterminated: toml++ reports it
      }
      i += delim.size();
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      return i;
    } else {
      ++i;
    }
  }
  return std::string_view::npos;
}

class TomlReader {
 public:
  TomlReader(const SourceText& src, Span range)
      : src_(src), bytes_(src.bytes()), range_(range), first_line_(src.lines().line(range.begin)),
        no_translate_(bytes_, range), columns_(src) {}

  std::vector<DataLeaf> read() {
    std::size_t stray = find_stray_non_ascii(bytes_.substr(range_.begin, range_.size()));
    if (stray != std::string_view::npos)
      src_.fail(range_.begin + stray, "invalid TOML: unexpected character outside a string or comment");
    toml::table root;
    try {
      root = toml::parse(bytes_.substr(range_.begin, range_.size()), std::string_view(src_.path()));
    } catch (const toml::parse_error& e) {
      src_.fail(offset(e.source().begin), "invalid TOML: " + std::string(e.description()));
    }
    table(root, false);
    // toml++ keeps keys sorted; leaves and sections go back to source order.
    auto by_position = [](const auto& a, const auto& b) { return a.span.begin < b.span.begin; };
    std::stable_sort(leaves_.begin(), leaves_.end(), by_position);
    std::stable_sort(sections_.begin(), sections_.end(), by_position);
    mark_fenced_sections();
    return std::move(leaves_);
  }

 private:
  // A `[table]` or `[[array]]` header line; `# no-translate` on it fences off its keys.
  struct Section {
    Span span;
    bool no_translate = false;
  };

  std::size_t offset(const toml::source_position& pos) const {
    if (pos.line == 0) return range_.begin;
    int line = first_line_ + static_cast<int>(pos.line) - 1;
    std::size_t p = pos.line == 1 ? range_.begin : src_.lines().line_start(line);
    for (toml::source_index col = 1; col < pos.column && p < range_.end && bytes_[p] != '\n'; ++col)
      p = next_char(bytes_, p);
    return std::min(p, range_.end);
  }

  Span span_of(const toml::source_region& region) const {
    std::size_t begin = offset(region.begin);
    return {begin, std::max(begin, offset(region.end))};
  }

  void table(const toml::table& t, bool no_translate) {
    for (auto&& [key, value] : t) {
      Span key_span = span_of(key.source());
      path_.push_back({std::string(key.str()), -1});
      bool fenced = no_translate_.fenced(key_span.begin);
      node(value, no_translate || fenced, key_span.end, columns_.column(key_span.begin));
      path_.pop_back();
    }
  }

  void node(const toml::node& value, bool no_translate, std::size_t key_end, int key_column) {
    if (const toml::table* t = value.as_table()) {
      if (t->is_inline()) {
        no_translate = no_translate || no_translate_.trailing(key_end);
      } else {
        note_section(*t);
      }
      table(*t, no_translate);
    } else if (const toml::array* a = value.as_array()) {
      if (!a->is_array_of_tables()) no_translate = no_translate || no_translate_.trailing(key_end);
      int index = 0;
      for (const toml::node& item : *a) {
        path_.push_back({"[]", index++});
        bool fenced = no_translate_.fenced(span_of(item.source()).begin);
        node(item, no_translate || fenced, key_end, key_column);
        path_.pop_back();
      }
    } else {
      leaf(value, no_translate, key_column);
    }
  }

  void note_section(const toml::table& t) {
    Span span = span_of(t.source());
    if (span.begin < bytes_.size() && bytes_[span.begin] == '[')
      sections_.push_back({span, no_translate_.trailing(span.begin) || no_translate_.fenced(span.begin)});
  }

  void leaf(const toml::node& value, bool no_translate, int key_column) {
    Span span = span_of(value.source());
    std::string_view token = bytes_.substr(span.begin, span.size());
    DataLeaf leaf = make_leaf(src_, path_, span);
    if (const toml::value<std::string>* s = value.as_string()) {
      leaf.value = s->get();
      leaf.style = string_style(token);
    } else {
      leaf.value = token;
      leaf.is_string = false;
    }
    leaf.indent = key_column;
    leaf.no_translate = no_translate || no_translate_.fenced(span.begin) || no_translate_.trailing(span.end);
    leaves_.push_back(std::move(leaf));
  }

  // A leaf belongs to the last section header before it.
  void mark_fenced_sections() {
    auto section = sections_.begin();
    const Section* current = nullptr;
    for (DataLeaf& leaf : leaves_) {
      while (section != sections_.end() && section->span.begin <= leaf.span.begin) current = &*section++;
      if (current && current->no_translate) leaf.no_translate = true;
    }
  }

  const SourceText& src_;
  std::string_view bytes_;
  Span range_;
  int first_line_;
  NoTranslateComments no_translate_;
  ColumnCursor columns_;
  std::vector<PathStep> path_;
  std::vector<DataLeaf> leaves_;
  std::vector<Section> sections_;
};

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

// Basic strings escape what TOML does not allow raw; `multi_line` keeps line
// breaks and escapes every quote so that no `"""` can form.
std::string basic_string(std::string_view v, bool multi_line) {
  std::string out;
  for (char ch : v) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\b': out += "\\b"; continue;
      case '\t': out += "\\t"; continue;
      case '\n': out += multi_line ? "\n" : "\\n"; continue;
      case '\f': out += "\\f"; continue;
      case '\r': out += "\\r"; continue;
      default: break;
    }
    if (is_control(c)) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out;
}

// Literal strings have no escapes: only tab (and, multi-line, '\n') among the
// control characters, and no closing delimiter inside.
bool literal_can_hold(std::string_view v, bool multi_line) {
  for (char ch : v) {
    auto c = static_cast<unsigned char>(ch);
    if (is_control(c) && c != '\t' && !(multi_line && c == '\n')) return false;
  }
  if (!multi_line) return v.find('\'') == std::string_view::npos;
  return v.find("'''") == std::string_view::npos && (v.empty() || (v.front() != '\'' && v.back() != '\''));
}

// A line break right after the opening delimiter is dropped by TOML, so a
// multi-line value gets one of its own.
std::string opening_break(std::string_view v) { return v.find('\n') != std::string_view::npos ? "\n" : ""; }

}  // namespace

std::vector<DataLeaf> parse_toml(const SourceText& src, Span range) { return TomlReader(src, range).read(); }

std::string encode_toml(ScalarStyle preferred, std::string_view value) {
  bool multi_line = value.find('\n') != std::string_view::npos;
  switch (preferred) {
    case ScalarStyle::SingleQuoted:
      if (!multi_line && literal_can_hold(value, false)) return "'" + std::string(value) + "'";
      if (multi_line && literal_can_hold(value, true)) return "'''\n" + std::string(value) + "'''";
      break;
    case ScalarStyle::Literal:
      if (literal_can_hold(value, true)) return "'''" + opening_break(value) + std::string(value) + "'''";
      return "\"\"\"" + opening_break(value) + basic_string(value, true) + "\"\"\"";
    case ScalarStyle::Folded:
      return "\"\"\"" + opening_break(value) + basic_string(value, true) + "\"\"\"";
    default: break;
  }
  return '"' + basic_string(value, false) + '"';
}

}  // namespace l10n::detail
