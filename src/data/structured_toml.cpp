// TOML front matter and data files through toml++, whose source regions give
// line:column in code points; they are mapped back to byte offsets here.
#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "base/error.h"
#include "base/tr.h"
#include "data/parser_messages.h"
#include "data/structured_detail.h"

namespace l10n::detail {
namespace {

ScalarStyle string_style(std::string_view token) {
  if (token.substr(0, 3) == "\"\"\"") return ScalarStyle::Folded;
  if (token.substr(0, 3) == "'''") return ScalarStyle::Literal;
  if (token.substr(0, 1) == "'") return ScalarStyle::SingleQuoted;
  return ScalarStyle::DoubleQuoted;
}

// toml++ 3.3.0 asks is_non_ascii_horizontal_whitespace() about characters
// outside strings and after a backslash in a multi-line basic string; for
// U+00A1-U+0499, U+2C5E-U+3057 (but U+3000) and U+FB26-U+FEFE that function falls
// into __builtin_unreachable, undefined behaviour (docs/upstream-toml++.md).
bool trips_toml_whitespace_table(char32_t c) {
  if (c <= 0xA0 || c >= 0xFEFF || c == 0x3000) return false;
  std::uint_least64_t child = (c - 0xA0u) / 0x3FAu;
  return child == 0 || child == 11 || child == 63;
}

// The text is UTF-8 (SourceText checked it).
char32_t code_point_at(std::string_view t, std::size_t i) {
  char32_t cp = 0;
  decode_code_point(t, i, cp);
  return cp;
}

bool trips_at(std::string_view t, std::size_t i) { return i < t.size() && trips_toml_whitespace_table(code_point_at(t, i)); }

bool is_toml_blank(char c) { return c == ' ' || c == '\t'; }

// What toml++ takes for horizontal white space beyond blanks.
bool is_toml_unicode_space(char32_t c) {
  return c == 0xA0 || c == 0x1680 || c == 0x180E || (c >= 0x2000 && c <= 0x200B) || c == 0x202F ||
         (c >= 0x205F && c <= 0x2060) || c == 0x3000 || c == 0xFEFF;
}

// Lexes TOML just enough to tell strings and comments from the rest the way
// toml++ does, to find the first character toml++ must not be given.
class TomlHazards {
 public:
  explicit TomlHazards(std::string_view t) : t_(t) {}

  std::optional<TomlHazard> find() {
    for (std::size_t i = 0; i < t_.size();) {
      char c = t_[i];
      if (c == '#') {
        i = t_.find('\n', i);
        if (i == std::string_view::npos) break;
      } else if ((c == '"' || c == '\'') && may_start_string(i)) {
        if (auto hazard = string(i)) return hazard;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        return TomlHazard{i, tr("invalid TOML: unexpected character outside a string or comment")};
      } else {
        ++i;
      }
    }
    return std::nullopt;
  }

 private:
  // Where TOML may have a string: a value (after `=`, `[`, `,`, `{`) or a
  // quoted key (at a line's start, after `.`, `[`, `{` or `,`). A quote in
  // the middle of a bare token (`t = 4oo'x`) starts none: toml++ reads on
  // through the token, asking of each character whether it ends the value,
  // and a non-ASCII one there runs into its undefined behaviour.
  bool may_start_string(std::size_t i) const {
    std::size_t p = i;
    while (p > 0 && (t_[p - 1] == ' ' || t_[p - 1] == '\t')) --p;
    if (p == 0) return true;
    char prev = t_[p - 1];
    return prev == '\n' || prev == '\r' || prev == '=' || prev == '[' || prev == ',' || prev == '{' || prev == '.';
  }

  // Moves `i` from the opening quote to past the closing one (or to the line
  // break of an unterminated one-line string, which toml++ reports).
  std::optional<TomlHazard> string(std::size_t& i) {
    char q = t_[i];
    bool multi_line = t_.substr(i, 3) == std::string(3, q);
    std::string_view delim = t_.substr(i, multi_line ? 3 : 1);
    for (i += delim.size(); i < t_.size(); ++i) {
      if (t_.substr(i, delim.size()) == delim) {
        i += delim.size();
        // `` and `'` end a multi-line string too, with one or two
        // quotes of its own.
        for (int extra = 0; multi_line && extra < 2 && i < t_.size() && t_[i] == q; ++extra) ++i;
        return std::nullopt;
      }
      if (!multi_line && t_[i] == '\n') return std::nullopt;
      if (q == '"' && t_[i] == '\\') {
        if (multi_line)
          if (auto hazard = after_backslash(i + 1)) return hazard;
        ++i;
      }
    }
    return std::nullopt;
  }

  // toml++ asks whether the character after a backslash is white space, and
  // after a line-ending backslash, whether the first one of the text is.
  std::optional<TomlHazard> after_backslash(std::size_t p) const {
    if (trips_at(t_, p)) return unreadable(p, tr("TOML that toml++ 3.3 cannot read: %s after a backslash in a multi-line string "
                                                "(docs/upstream-toml++.md)"));
    std::size_t q = p;
    while (q < t_.size() && (is_toml_blank(t_[q]) || t_[q] == '\r' || t_[q] == '\n' ||
                             is_toml_unicode_space(code_point_at(t_, q))))
      q = next_char(t_, q);
    if (q > p && trips_at(t_, q)) return unreadable(q, tr("TOML that toml++ 3.3 cannot read: %s after a line-ending backslash in a "
                                                          "multi-line string (docs/upstream-toml++.md)"));
    return std::nullopt;
  }

  // `message` names the code point with %s.
  TomlHazard unreadable(std::size_t at, const char* message) const {
    char cp[16];
    std::snprintf(cp, sizeof cp, "U+%04X", static_cast<unsigned>(code_point_at(t_, at)));
    return {at, format(message, cp)};
  }

  std::string_view t_;
};

class TomlReader {
 public:
  TomlReader(const SourceText& src, Span range)
      : src_(src), bytes_(src.bytes()), range_(range), first_line_(src.lines().line(range.begin)),
        no_translate_(bytes_, range), columns_(src) {}

  std::vector<DataLeaf> read() {
    if (auto hazard = find_toml_hazard(bytes_.substr(range_.begin, range_.size())))
      src_.fail(range_.begin + hazard->offset, hazard->message);
    toml::table root;
    try {
      root = toml::parse(bytes_.substr(range_.begin, range_.size()), std::string_view(src_.path()));
    } catch (const toml::parse_error& e) {
      src_.fail(offset(e.source().begin), toml_error_text(e.description()));
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
  // A line of a multi-line string that starts with "+++" would close TOML
  // front matter there: such a value goes on one line, with escapes.
  if (value.starts_with("+++") || value.find("\n+++") != std::string_view::npos) preferred = ScalarStyle::DoubleQuoted;
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

namespace l10n {

std::optional<TomlHazard> find_toml_hazard(std::string_view text) { return detail::TomlHazards(text).find(); }

}  // namespace l10n
