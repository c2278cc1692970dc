// JSON front matter and data files (go-i18n string tables, data/*.json): a
// small recursive-descent reader, since the leaves need exact byte spans.
#include <cstdio>

#include "base/error.h"
#include "data/structured_detail.h"
#include "base/tr.h"

namespace l10n::detail {
namespace {

constexpr int kMaxDepth = 512;

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

class JsonReader {
 public:
  JsonReader(const SourceText& src, Span range)
      : src_(src), s_(src.bytes()), pos_(range.begin), end_(range.end), columns_(src) {}

  std::vector<DataLeaf> read() {
    skip_space();
    value(0, 0);
    skip_space();
    if (pos_ != end_) fail(pos_, tr("unexpected text after the JSON value"));
    return std::move(leaves_);
  }

 private:
  [[noreturn]] void fail(std::size_t at, const std::string& message) const {
    src_.fail(at, format(tr("invalid JSON: %s"), message.c_str()));
  }

  char peek() const { return pos_ < end_ ? s_[pos_] : '\0'; }

  void skip_space() {
    while (pos_ < end_ && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }

  void expect(char c, const char* what) {
    skip_space();
    // TRANSLATORS: "expected ',' or '}'": what the JSON text must have here.
    if (peek() != c) fail(pos_, format(tr("expected %s"), what));
    ++pos_;
  }

  // A value; object members and array items (depth > 0) that are scalars become leaves.
  void value(int depth, int key_column) {
    if (depth > kMaxDepth) fail(pos_, tr("nested too deeply"));
    switch (peek()) {
      case '{': object(depth); break;
      case '[': array(depth, key_column); break;
      default: scalar(depth > 0, key_column); break;
    }
  }

  void object(int depth) {
    ++pos_;
    skip_space();
    if (peek() == '}') {
      ++pos_;
      return;
    }
    for (;;) {
      skip_space();
      if (peek() != '"') fail(pos_, tr("expected a string key"));
      std::size_t key_begin = pos_;
      path_.push_back({string_token(), -1});
      int column = columns_.column(key_begin);
      expect(':', tr("':'"));
      skip_space();
      value(depth + 1, column);
      path_.pop_back();
      skip_space();
      if (peek() == '}') {
        ++pos_;
        return;
      }
      expect(',', tr("',' or '}'"));
    }
  }

  void array(int depth, int key_column) {
    ++pos_;
    skip_space();
    if (peek() == ']') {
      ++pos_;
      return;
    }
    for (int index = 0;; ++index) {
      skip_space();
      path_.push_back({"[]", index});
      value(depth + 1, key_column);
      path_.pop_back();
      skip_space();
      if (peek() == ']') {
        ++pos_;
        return;
      }
      expect(',', tr("',' or ']'"));
    }
  }

  void scalar(bool is_leaf, int key_column) {
    std::size_t begin = pos_;
    std::string decoded;
    bool is_string = peek() == '"';
    if (is_string) {
      decoded = string_token();
    } else if (!literal("true") && !literal("false") && !literal("null")) {
      number();
    }
    if (!is_leaf) return;
    DataLeaf leaf = make_leaf(src_, path_, {begin, pos_});
    leaf.value = is_string ? std::move(decoded) : std::string(s_.substr(begin, pos_ - begin));
    leaf.style = is_string ? ScalarStyle::DoubleQuoted : ScalarStyle::Plain;
    leaf.is_string = is_string;
    leaf.indent = key_column;
    leaves_.push_back(std::move(leaf));
  }

  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word || pos_ + word.size() > end_) return false;
    pos_ += word.size();
    return true;
  }

  void number() {
    std::size_t begin = pos_;
    auto digits = [&] {
      std::size_t start = pos_;
      while (pos_ < end_ && is_digit(s_[pos_])) ++pos_;
      return pos_ - start;
    };
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (digits() == 0) {
      fail(begin, tr("expected a value"));
    }
    if (peek() == '.') {
      ++pos_;
      if (digits() == 0) fail(pos_, tr("expected a digit after '.'"));
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (digits() == 0) fail(pos_, tr("expected a digit in the exponent"));
    }
  }

  unsigned hex4() {
    unsigned v = 0;
    for (int i = 0; i < 4; ++i, ++pos_) {
      char c = peek();
      unsigned d = is_digit(c)               ? c - '0'
                   : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                   : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                            : 16;
      if (d == 16) fail(pos_, tr("expected four hex digits after \\u"));
      v = v * 16 + d;
    }
    return v;
  }

  std::string string_token() {
    std::size_t begin = pos_++;
    std::string out;
    for (;;) {
      std::size_t run = pos_;
      while (pos_ < end_ && s_[pos_] != '"' && s_[pos_] != '\\' && static_cast<unsigned char>(s_[pos_]) >= 0x20) ++pos_;
      out.append(s_, run, pos_ - run);
      if (pos_ == end_) fail(begin, tr("unterminated string"));
      char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c != '\\') fail(pos_, tr("control character in a string"));
      escape(out);
    }
  }

  void escape(std::string& out) {
    std::size_t at = pos_++;
    char c = peek();
    ++pos_;
    switch (c) {
      case '"': out += '"'; return;
      case '\\': out += '\\'; return;
      case '/': out += '/'; return;
      case 'b': out += '\b'; return;
      case 'f': out += '\f'; return;
      case 'n': out += '\n'; return;
      case 'r': out += '\r'; return;
      case 't': out += '\t'; return;
      case 'u': break;
      default: fail(at, tr("invalid escape"));
    }
    char32_t cp = hex4();
    if (cp >= 0xD800 && cp <= 0xDBFF && s_.substr(pos_, 2) == "\\u" && pos_ + 6 <= end_) {
      pos_ += 2;
      char32_t low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) fail(at, tr("invalid surrogate pair"));
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      fail(at, tr("lone surrogate in \\u escape"));
    }
    append_utf8(out, cp);
  }

  const SourceText& src_;
  std::string_view s_;
  std::size_t pos_;
  std::size_t end_;
  ColumnCursor columns_;
  std::vector<PathStep> path_;
  std::vector<DataLeaf> leaves_;
};

}  // namespace

std::vector<DataLeaf> parse_json(const SourceText& src, Span range) { return JsonReader(src, range).read(); }

std::size_t json_object_end(std::string_view s, std::size_t open) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = open; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && --depth == 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

std::string encode_json(std::string_view value) {
  std::string out = "\"";
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      default: break;
    }
    if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

}  // namespace l10n::detail
