// YAML front matter and data files through libyaml's event API.
#include <yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "base/error.h"
#include "data/parser_messages.h"
#include "data/structured_detail.h"
#include "base/tr.h"

namespace l10n::detail {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_anchor_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

// libyaml's marks count characters, not bytes (0.2.5); this maps them back.
// Marks arrive almost in order, so a cursor that walks from the last answer is
// linear over the whole parse.
class CharOffsets {
 public:
  explicit CharOffsets(std::string_view text)
      : text_(text), ascii_(std::none_of(text.begin(), text.end(), [](char c) { return c & 0x80; })) {}

  std::size_t byte(std::size_t index) {
    if (ascii_) return std::min(index, text_.size());
    while (chars_ < index && bytes_ < text_.size()) {
      bytes_ = next_char(text_, bytes_);
      ++chars_;
    }
    while (chars_ > index) {
      do --bytes_;
      while (bytes_ > 0 && (static_cast<unsigned char>(text_[bytes_]) & 0xC0) == 0x80);
      --chars_;
    }
    return bytes_;
  }

 private:
  std::string_view text_;
  bool ascii_;
  std::size_t chars_ = 0;
  std::size_t bytes_ = 0;
};

// A libyaml parser and its current event, freed on every exit path.
class EventStream {
 public:
  explicit EventStream(std::string_view text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~EventStream() {
    if (has_event_) yaml_event_delete(&event_);
    yaml_parser_delete(&parser_);
  }
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // Moves to the next event; false on a syntax error.
  bool next() {
    if (has_event_) yaml_event_delete(&event_);
    has_event_ = yaml_parser_parse(&parser_, &event_) != 0;
    return has_event_;
  }
  const yaml_event_t& event() const { return event_; }
  const yaml_parser_t& parser() const { return parser_; }

 private:
  yaml_parser_t parser_;
  yaml_event_t event_;
  bool has_event_ = false;
};

ScalarStyle style_of(yaml_scalar_style_t style) {
  switch (style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return ScalarStyle::SingleQuoted;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return ScalarStyle::DoubleQuoted;
    case YAML_LITERAL_SCALAR_STYLE: return ScalarStyle::Literal;
    case YAML_FOLDED_SCALAR_STYLE: return ScalarStyle::Folded;
    default: return ScalarStyle::Plain;
  }
}

class YamlReader {
 public:
  YamlReader(const SourceText& src, Span range)
      : src_(src), bytes_(src.bytes()), range_(range),
        chars_(bytes_.substr(range.begin, range.size())), no_translate_(bytes_, range), columns_(src) {}

  std::vector<DataLeaf> read() {
    // libyaml skips a byte order mark that starts a line: every offset after
    // it would be off by one character.
    for (std::size_t at = bytes_.find("\xEF\xBB\xBF", range_.begin); at < range_.end; at = bytes_.find("\xEF\xBB\xBF", at + 1))
      if (at > 0 && bytes_[at - 1] == '\n') src_.fail(at, tr("a byte order mark (U+FEFF) starts a line of YAML"));
    EventStream events(bytes_.substr(range_.begin, range_.size()));
    int documents = 0;
    for (;;) {
      if (!events.next()) fail_syntax(events.parser());
      const yaml_event_t& e = events.event();
      switch (e.type) {
        case YAML_DOCUMENT_START_EVENT:
          if (++documents > 1) fail(e.start_mark, tr("multiple YAML documents are not supported here"));
          break;
        case YAML_MAPPING_START_EVENT:
          start_collection(e, true, e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE);
          break;
        case YAML_SEQUENCE_START_EVENT:
          start_collection(e, false, e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE);
          break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
          stack_.pop_back();
          end_value();
          break;
        case YAML_SCALAR_EVENT: scalar(e); break;
        case YAML_ALIAS_EVENT:
          // What an alias stands for was read where its anchor is.
          if (awaiting_key()) fail(e.start_mark, tr("an alias as a mapping key is not supported"));
          begin_value(offset(e.start_mark));
          end_value();
          break;
        case YAML_STREAM_END_EVENT: return std::move(leaves_);
        default: break;
      }
    }
  }

 private:
  struct Frame {
    bool mapping = false;
    bool flow = false;
    bool no_translate = false;
    int items = 0;               // sequences: items so far
    bool has_key = false;        // mappings: a key waits for its value
    Span key;
    std::size_t key_node = 0;  // where the key's node starts, its anchor or tag included
    bool key_no_translate = false;
  };

  std::size_t offset(const yaml_mark_t& mark) { return range_.begin + chars_.byte(mark.index); }

  [[noreturn]] void fail(const yaml_mark_t& mark, std::string message) { src_.fail(offset(mark), std::move(message)); }

  [[noreturn]] void fail_syntax(const yaml_parser_t& p) {
    std::string message = yaml_error_text(p.problem, p.context);
    // Reader errors (bad characters) report a byte offset, the others a mark.
    std::size_t at = p.error == YAML_READER_ERROR ? range_.begin + p.problem_offset : offset(p.problem_mark);
    src_.fail(std::min(at, range_.end), std::move(message));
  }

  bool awaiting_key() const { return !stack_.empty() && stack_.back().mapping && !stack_.back().has_key; }

  // A value node starts at `at`: steps into it and says whether it is fenced off.
  bool begin_value(std::size_t at) {
    if (stack_.empty()) return false;
    Frame& parent = stack_.back();
    if (parent.mapping) return parent.key_no_translate;
    path_.push_back({"[]", parent.items++});
    return parent.no_translate || no_translate_.fenced(at);
  }

  void end_value() {
    if (stack_.empty()) return;
    Frame& parent = stack_.back();
    if (parent.mapping) parent.has_key = false;
    path_.pop_back();
  }

  void start_collection(const yaml_event_t& e, bool mapping, bool flow) {
    if (awaiting_key()) fail(e.start_mark, tr("a collection as a mapping key is not supported"));
    bool no_translate = begin_value(offset(e.start_mark));
    if (!stack_.empty() && stack_.back().mapping)
      no_translate = no_translate || no_translate_.trailing(stack_.back().key.end);
    bool in_flow = flow || (!stack_.empty() && stack_.back().flow);
    stack_.push_back(Frame{mapping, in_flow, no_translate, 0, false, {}, 0, false});
  }

  void scalar(const yaml_event_t& e) {
    std::size_t node_begin = offset(e.start_mark);
    Span span{node_begin, offset(e.end_mark)};
    if (e.data.scalar.anchor || e.data.scalar.tag) span.begin = skip_properties(span.begin, span.end);
    std::string_view value(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
    if (stack_.empty()) return;  // a bare scalar document holds no leaves

    Frame& parent = stack_.back();
    if (awaiting_key()) {
      path_.push_back({std::string(value), -1});
      parent.has_key = true;
      parent.key = span;
      parent.key_node = node_begin;
      parent.key_no_translate = parent.no_translate || no_translate_.fenced(span.begin);
      return;
    }

    bool no_translate = begin_value(node_begin);
    ScalarStyle style = style_of(e.data.scalar.style);
    std::size_t after = span.end;
    if (style == ScalarStyle::Literal || style == ScalarStyle::Folded) {
      std::size_t header_end = block_header_end(span.begin, span.end);
      span.end = block_scalar_end(span.begin, header_end, span.end);
      after = header_end;
    }
    DataLeaf leaf = make_leaf(src_, path_, span);
    leaf.value = value;
    leaf.style = style;
    leaf.is_string = is_string(e, value);
    leaf.in_flow = parent.flow;
    no_translate = no_translate || no_translate_.trailing(after);
    if (parent.mapping) {
      // A block scalar's indentation counts from the mapping's, which starts
      // at the key's anchor or tag (`&a key: |2`), not at its text.
      leaf.indent = columns_.column(parent.key_node);
      if (src_.lines().line(parent.key.end) != leaf.line)
        no_translate = no_translate || no_translate_.trailing(parent.key.end);
    } else {
      leaf.indent = item_column(node_begin, span.begin);
    }
    if (style == ScalarStyle::Literal || style == ScalarStyle::Folded) {
      leaf.margin = block_margin(span.begin, block_header_end(span.begin, span.end), span.end, leaf.indent);
      // A header alone on its line at or left of the key: a flow scalar
      // written there would read as the next key.
      std::size_t line_begin = src_.bytes().rfind('\n', span.begin == 0 ? 0 : span.begin - 1);
      line_begin = line_begin == std::string_view::npos ? 0 : line_begin + 1;
      std::string_view before = src_.bytes().substr(line_begin, span.begin - line_begin);
      int column = static_cast<int>(before.size());
      if (before.find_first_not_of(' ') == std::string_view::npos && column <= leaf.indent)
        leaf.lead = leaf.indent + 1 - column;
    }
    if ((style == ScalarStyle::Plain || style == ScalarStyle::Literal || style == ScalarStyle::Folded) && !parent.flow)
      leaf.span.end = past_blank_lines(leaf.span.end, leaf.indent);
    leaf.no_translate = no_translate;
    leaves_.push_back(std::move(leaf));
    end_value();
  }

  // libyaml lets a plain or block scalar swallow the blank lines after it,
  // and what they hold is no content as long as they are blank. Written in
  // another style they may not be: after a quoted scalar a tab that starts
  // such a line is an error, and under a block scalar indented less than the
  // original a line of blanks deeper than the key becomes content. The lines
  // up to the last such one join the span, so that a rewrite drops them
  // rather than changing the value or breaking the file.
  std::size_t past_blank_lines(std::size_t end, int key_column) const {
    std::string_view s = src_.bytes();
    std::size_t line = s.find('\n', end);
    if (line == std::string_view::npos || s.find_first_not_of(" \t\r", end) < line) return end;
    for (std::size_t next; (next = s.find('\n', line + 1)) != std::string_view::npos; line = next) {
      std::string_view blank = s.substr(line + 1, next - line - 1);
      if (blank.find_first_not_of(" \t\r") != std::string_view::npos) break;
      if (blank.find('\t') != std::string_view::npos || static_cast<int>(blank.size()) > key_column) end = next;
    }
    return end;
  }

  static bool is_string(const yaml_event_t& e, std::string_view value) {
    if (const char* tag = reinterpret_cast<const char*>(e.data.scalar.tag))
      return std::strcmp(tag, YAML_STR_TAG) == 0 || std::strcmp(tag, "!") == 0;
    return e.data.scalar.style != YAML_PLAIN_SCALAR_STYLE || !yaml_plain_is_typed(value);
  }

  // Past `&anchor` and `!tag` in front of a node, to the scalar token.
  std::size_t skip_properties(std::size_t p, std::size_t end) const {
    while (p < end) {
      char c = bytes_[p];
      if (is_space(c)) {
        ++p;
      } else if (c == '#') {
        while (p < end && bytes_[p] != '\n') ++p;
      } else if (c == '&') {
        for (++p; p < end && is_anchor_char(bytes_[p]);) ++p;
        // libyaml reads `&a:b x` as the anchor `a` on the scalar `:b x`, Hugo's
        // go-yaml as the anchor `a:b` on `x`; and a value written in its place
        // would have to start with a blank to end the anchor.
        if (p < end && (bytes_[p] == ':' || bytes_[p] == '?'))
          src_.fail(p, tr("an anchor name followed by ':' or '?' (`&a:b`) is read differently by YAML parsers: "
                          "put a space after the anchor"));
      } else if (c == '!') {
        bool verbatim = bytes_.substr(p, 2) == "!<";
        while (p < end && !is_space(bytes_[p]) && !(verbatim && bytes_[p - 1] == '>')) ++p;
      } else {
        break;
      }
    }
    return std::min(p, end);
  }

  // Past `|`/`>` and its indentation and chomping indicators.
  std::size_t block_header_end(std::size_t begin, std::size_t end) const {
    std::size_t p = begin + 1;
    while (p < end && (is_digit(bytes_[p]) || bytes_[p] == '+' || bytes_[p] == '-')) ++p;
    return p;
  }

  // The column of a block scalar's content: the indentation indicator's, or
  // that of its first line that is not blank; 0 when it has none.
  int block_margin(std::size_t begin, std::size_t header_end, std::size_t end, int indent) const {
    for (std::size_t p = begin + 1; p < header_end; ++p)
      if (is_digit(bytes_[p])) return indent + (bytes_[p] - '0');
    std::size_t line = bytes_.find('\n', header_end);
    while (line != std::string_view::npos && line < end) {
      std::size_t p = line + 1;
      while (p < end && bytes_[p] == ' ') ++p;
      if (p < end && bytes_[p] != '\n' && bytes_[p] != '\r') return static_cast<int>(p - line - 1);
      line = bytes_.find('\n', p);
    }
    return 0;
  }

  // libyaml ends a block scalar after the line breaks and indentation that
  // follow it; the span stops at the end of its last line, before the line
  // break. With `+` chomping the trailing empty lines belong to the value.
  std::size_t block_scalar_end(std::size_t begin, std::size_t header_end, std::size_t end) const {
    std::size_t p = end;
    if (bytes_.substr(begin, header_end - begin).find('+') != std::string_view::npos) {
      std::size_t q = p;
      while (q > header_end && bytes_[q - 1] == ' ') --q;  // the next line's indentation
      if (q > header_end && bytes_[q - 1] == '\n') {
        p = q - 1;
        if (p > header_end && bytes_[p - 1] == '\r') --p;
      }
      return p;
    }
    while (p > header_end && is_space(bytes_[p - 1])) --p;
    if (bytes_.substr(header_end, p - header_end).find('\n') == std::string_view::npos) return header_end;
    while (p < end && is_blank(bytes_[p])) ++p;
    return p;
  }

  // The column of the `-` in front of a block sequence item, for block styles.
  int item_column(std::size_t node_begin, std::size_t token_begin) {
    std::size_t p = node_begin;
    while (p > range_.begin && is_blank(bytes_[p - 1])) --p;
    if (p > range_.begin && bytes_[p - 1] == '-') return columns_.column(p - 1);
    return std::max(0, columns_.column(token_begin) - 2);
  }

  const SourceText& src_;
  std::string_view bytes_;
  Span range_;
  CharOffsets chars_;
  NoTranslateComments no_translate_;
  ColumnCursor columns_;
  std::vector<Frame> stack_;
  std::vector<PathStep> path_;
  std::vector<DataLeaf> leaves_;
};

bool all_chars(std::string_view s, bool (*pred)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}

std::size_t count_digits(std::string_view s, std::size_t i) {
  std::size_t n = 0;
  while (i + n < s.size() && is_digit(s[i + n])) ++n;
  return n;
}

// Integers and floats in any base and notation YAML 1.1 or 1.2 knows,
// `_` separators and sexagesimal (1:30) included.
bool is_number(std::string_view t) {
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.remove_prefix(1);
  if (t.size() > 2 && t[0] == '0') {
    std::string_view digits = t.substr(2);
    switch (t[1]) {
      case 'x': case 'X':
        return all_chars(digits, [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == '_'; });
      case 'o': case 'O':
        return all_chars(digits, [](char c) { return (c >= '0' && c <= '7') || c == '_'; });
      case 'b': case 'B':
        return all_chars(digits, [](char c) { return c == '0' || c == '1' || c == '_'; });
      default: break;
    }
  }
  auto digit_or_sep = [](char c) { return is_digit(c) || c == '_'; };
  std::size_t i = 0, n = t.size();
  bool digits = false;
  while (i < n && digit_or_sep(t[i])) digits |= is_digit(t[i++]);
  while (digits && i < n && t[i] == ':') {  // sexagesimal
    std::size_t k = count_digits(t, i + 1);
    if (k == 0 || k > 2) return false;
    i += 1 + k;
  }
  if (i < n && t[i] == '.') {
    ++i;
    while (i < n && digit_or_sep(t[i])) digits |= is_digit(t[i++]);
  }
  if (!digits) return false;
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
    std::size_t k = count_digits(t, i);
    if (k == 0) return false;
    i += k;
  }
  return i == n;
}

// YYYY-M-D, optionally followed by a time and a zone (YAML 1.1 timestamp).
bool is_timestamp(std::string_view t) {
  std::size_t i = 0;
  auto digits = [&](std::size_t min, std::size_t max) {
    std::size_t k = count_digits(t, i);
    if (k < min || k > max) return false;
    i += k;
    return true;
  };
  auto expect = [&](char c) { return i < t.size() && t[i] == c ? (++i, true) : false; };
  if (!(digits(4, 4) && expect('-') && digits(1, 2) && expect('-') && digits(1, 2))) return false;
  if (i == t.size()) return true;
  if (t[i] == 'T' || t[i] == 't') {
    ++i;
  } else {
    if (!is_blank(t[i])) return false;
    while (i < t.size() && is_blank(t[i])) ++i;
  }
  if (!(digits(1, 2) && expect(':') && digits(2, 2) && expect(':') && digits(2, 2))) return false;
  if (expect('.')) i += count_digits(t, i);
  while (i < t.size() && is_blank(t[i])) ++i;
  if (i == t.size() || (t[i] == 'Z' && i + 1 == t.size())) return true;
  if (!(expect('+') || expect('-'))) return false;
  if (!digits(1, 2)) return false;
  if (expect(':') && !digits(2, 2)) return false;
  return i == t.size();
}

}  // namespace

std::vector<DataLeaf> parse_yaml(const SourceText& src, Span range) { return YamlReader(src, range).read(); }

bool yaml_plain_is_typed(std::string_view text) {
  static constexpr std::array<std::string_view, 39> kWords = {
      "", "~", "null", "Null", "NULL",
      "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
      "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
      ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"};
  return std::find(kWords.begin(), kWords.end(), text) != kWords.end() || is_number(text) || is_timestamp(text);
}

namespace {

// Decodes the UTF-8 character at `i` (valid UTF-8 assumed) and moves past it.
char32_t decode_utf8(std::string_view s, std::size_t& i) {
  char32_t cp = 0;
  decode_code_point(s, i, cp);
  i = next_char(s, i);
  return cp;
}

// Characters that every scalar style holds as they are: printable, and no
// line break (libyaml also breaks lines at NEL, LS and PS).
bool is_printable(char32_t c) {
  return (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029) ||
         (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) || (c >= 0x10000 && c <= 0x10FFFF);
}

// Is every character printable, or one of `extra`?
bool printable_except(std::string_view v, std::string_view extra) {
  for (std::size_t i = 0; i < v.size();) {
    char32_t c = decode_utf8(v, i);
    if (!is_printable(c) && !(c < 0x80 && extra.find(static_cast<char>(c)) != std::string_view::npos)) return false;
  }
  return true;
}

bool plain_can_hold(std::string_view v, bool in_flow) {
  if (v.empty() || is_space(v.front()) || is_space(v.back()) || v.back() == ':') return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(v.front()) != std::string_view::npos) return false;
  if (v.find(": ") != std::string_view::npos || v.find(" #") != std::string_view::npos) return false;
  if (in_flow && v.find_first_of(",[]{}:") != std::string_view::npos) return false;
  // `<<` is the merge key, `=` the YAML 1.1 value key.
  if (v == "<<" || v == "=") return false;
  return printable_except(v, "") && !yaml_plain_is_typed(v);
}

bool single_quoted_can_hold(std::string_view v) { return printable_except(v, "\t"); }

std::string single_quoted(std::string_view v) {
  std::string out = "'";
  for (char c : v) out += c == '\'' ? std::string_view("''") : std::string_view(&c, 1);
  return out + "'";
}

std::string double_quoted(std::string_view v) {
  std::string out = "\"";
  for (std::size_t i = 0; i < v.size();) {
    std::size_t begin = i;
    char32_t c = decode_utf8(v, i);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\0': out += "\\0"; continue;
      case '\a': out += "\\a"; continue;
      case '\b': out += "\\b"; continue;
      case '\t': out += "\\t"; continue;
      case '\n': out += "\\n"; continue;
      case '\v': out += "\\v"; continue;
      case '\f': out += "\\f"; continue;
      case '\r': out += "\\r"; continue;
      case 0x1B: out += "\\e"; continue;
      case 0x85: out += "\\N"; continue;
      case 0x2028: out += "\\L"; continue;
      case 0x2029: out += "\\P"; continue;
      default: break;
    }
    if (is_printable(c)) {
      out.append(v, begin, i - begin);
      continue;
    }
    char buf[12];
    if (c < 0x100) std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(c));
    else if (c < 0x10000) std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
    else std::snprintf(buf, sizeof buf, "\\U%08X", static_cast<unsigned>(c));
    out += buf;
  }
  return out + "\"";
}

// A value split for a block scalar: its lines, and the line breaks after the
// last one, which the chomping indicator expresses.
struct BlockBody {
  std::vector<std::string_view> lines;
  std::size_t trailing_breaks = 0;
};

BlockBody split_block(std::string_view v) {
  BlockBody body;
  while (!v.empty() && v.back() == '\n') {
    v.remove_suffix(1);
    ++body.trailing_breaks;
  }
  for (std::size_t begin = 0;;) {
    std::size_t end = v.find('\n', begin);
    body.lines.push_back(v.substr(begin, end - begin));
    if (end == std::string_view::npos) break;
    begin = end + 1;
  }
  return body;
}

bool literal_can_hold(std::string_view v, bool in_flow) {
  if (in_flow || !printable_except(v, "\t\n")) return false;
  // Nothing but line breaks: no content line to attach them to.
  if (v.find_first_not_of('\n') == std::string_view::npos) return false;
  // A last line of nothing but blanks reads back as trailing empty lines.
  std::string_view last = split_block(v).lines.back();
  return last.empty() || last.find_first_not_of(" \t") != std::string_view::npos;
}

// Folding joins lines with a space, except around more-indented lines, which
// the value must not have for this simple encoding.
bool folded_can_hold(std::string_view v, bool in_flow) {
  if (!literal_can_hold(v, in_flow)) return false;
  for (std::string_view line : split_block(v).lines)
    if (!line.empty() && is_blank(line.front())) return false;
  return true;
}

// Whether `v` needs an explicit indentation indicator: its first line starts
// with white space, which auto-detection would take for indentation.
bool needs_indentation_indicator(std::string_view v) {
  return !v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\n');
}

// `|` or `>` with an explicit indentation when needs_indentation_indicator,
// and the chomping that keeps exactly the trailing line breaks of `v`.
// Content sits at `column` (indent + 2 unless the source had its own); the
// final line break is left out, as it is from DataLeaf::span.
std::string block_scalar(char indicator, std::string_view v, int indent, int column) {
  BlockBody body = split_block(v);
  std::string out(1, indicator);
  if (needs_indentation_indicator(v)) out += static_cast<char>('0' + (column - indent));
  if (body.trailing_breaks == 0) out += '-';
  if (body.trailing_breaks > 1) out += '+';
  std::string margin(static_cast<std::size_t>(column), ' ');
  for (std::size_t i = 0; i < body.lines.size(); ++i) {
    std::string_view line = body.lines[i];
    out += '\n';
    if (!line.empty()) {
      out += margin;
      out += line;
    }
    // A single line break between two lines folds into a space: write an empty line for it.
    if (indicator == '>' && !line.empty() && i + 1 < body.lines.size()) out += '\n';
  }
  for (std::size_t k = 1; k < body.trailing_breaks; ++k) out += '\n';
  return out;
}

}  // namespace

std::string encode_yaml(ScalarStyle preferred, std::string_view value, int indent, bool in_flow, int margin) {
  // The source's content column, so that the lines after the value still end
  // it; an indentation indicator can say at most 9 more than the key's.
  int column = margin > indent ? margin : indent + 2;
  if (needs_indentation_indicator(value) && column - indent > 9) column = indent + 2;
  auto block = [&](char indicator) { return block_scalar(indicator, value, indent, column); };
  switch (preferred) {
    case ScalarStyle::Plain:
      if (plain_can_hold(value, in_flow)) return std::string(value);
      break;
    case ScalarStyle::SingleQuoted: break;
    case ScalarStyle::DoubleQuoted: return double_quoted(value);
    case ScalarStyle::Literal:
      if (literal_can_hold(value, in_flow)) return block('|');
      break;
    case ScalarStyle::Folded:
      if (folded_can_hold(value, in_flow)) return block('>');
      break;
  }
  bool multi_line = value.find('\n') != std::string_view::npos;
  if (multi_line && literal_can_hold(value, in_flow)) return block('|');
  if (!multi_line && single_quoted_can_hold(value)) return single_quoted(value);
  return double_quoted(value);
}

}  // namespace l10n::detail
