#include "units/shortcode.h"

#include <algorithm>
#include <cstring>

namespace l10n {

namespace {

// Hugo's isSpace plus isEndOfLine: what may separate the parts of a call.
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Hugo accepts Unicode letters and digits; any non-ASCII byte is taken as
// part of one, which only makes us accept a few names Hugo would reject.
bool is_alnum(char c) {
  auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

// Characters of an unquoted parameter name or value (floats have a period).
bool is_word(char c) { return is_alnum(c) || c == '-' || c == '.'; }

std::string quoted(std::string_view s) {
  std::string out(1, '\'');
  out += s;
  out += '\'';
  return out;
}

class Scanner {
 public:
  Scanner(const SourceText& src, std::size_t begin, std::size_t end)
      : src_(src), text_(src.bytes().substr(0, end)), pos_(begin) {}

  ShortcodeScan run() {
    while (true) {
      std::size_t p = find_call_start(pos_);
      if (p == std::string_view::npos) break;
      if (text_.compare(p + 3, 2, "/*") == 0)
        scan_escaped(p);
      else
        scan_call(p);
    }
    return std::move(out_);
  }

 private:
  // The next `{{<` or `{{%` at or after `from`, or npos.
  std::size_t find_call_start(std::size_t from) const {
    while (from + 3 <= text_.size()) {
      const void* hit = std::memchr(text_.data() + from, '{', text_.size() - from);
      if (!hit) return std::string_view::npos;
      std::size_t p = static_cast<std::size_t>(static_cast<const char*>(hit) - text_.data());
      if (is_call_start(p)) return p;
      from = p + 1;
    }
    return std::string_view::npos;
  }

  bool is_call_start(std::size_t p) const {
    return p + 3 <= text_.size() && text_[p] == '{' && text_[p + 1] == '{' &&
           (text_[p + 2] == '<' || text_[p + 2] == '%');
  }

  bool at(std::size_t i, std::string_view s) const { return text_.compare(i, s.size(), s) == 0; }

  std::size_t skip_blanks(std::size_t i) const {
    while (i < text_.size() && is_blank(text_[i])) ++i;
    return i;
  }

  // {{</* name params */>}}: Hugo prints it without the comment markers and
  // never parses what is inside.
  void scan_escaped(std::size_t p) {
    std::string_view close = text_[p + 2] == '<' ? "*/>}}" : "*/%}}";
    std::size_t q = text_.find(close, p + 5);
    if (q == std::string_view::npos)
      src_.fail(p, "unclosed escaped shortcode (opened here; expected '" + std::string(close) + "')");
    out_.escaped.push_back({p, q + close.size()});
    pos_ = q + close.size();
  }

  void scan_call(std::size_t p) {
    Shortcode sc;
    sc.markdown = text_[p + 2] == '%';
    right_ = sc.markdown ? "%}}" : ">}}";
    other_right_ = sc.markdown ? ">}}" : "%}}";
    open_ = p;

    std::size_t i = skip_blanks(p + 3);
    if (i < text_.size() && text_[i] == '/') {
      sc.closing = true;
      i = skip_blanks(i + 1);
    }
    i = scan_name(i, sc);
    if (sc.closing) {
      i = skip_blanks(i);
      if (!at(i, right_)) unexpected(i, sc, "a closing shortcode takes no parameters");
    } else {
      i = scan_params(i, sc);
    }
    sc.span = {p, i + right_.size()};
    pos_ = sc.span.end;
    record(std::move(sc));
  }

  // The name, with Hugo's namespaces (`a/b`) and inline form (`name.inline`).
  std::size_t scan_name(std::size_t i, Shortcode& sc) {
    std::size_t start = i;
    if (i >= text_.size() || !is_alnum(text_[i])) {
      if (at(i, right_)) src_.fail(open_, "shortcode without a name");
      unexpected(i, sc, "expected a shortcode name (Go template expressions are not supported)");
    }
    while (i < text_.size()) {
      char c = text_[i];
      if (is_alnum(c) || c == '-') {
        ++i;
      } else if (c == '/' && !at(i + 1, right_)) {
        ++i;
      } else if (c == '.') {
        if (!at(i + 1, "inline") || (i + 7 < text_.size() && is_word(text_[i + 7])))
          src_.fail(i, "period in shortcode name only allowed for inline shortcodes (name.inline)");
        i += 7;
      } else {
        break;
      }
    }
    sc.name = std::string(text_.substr(start, i - start));
    return i;
  }

  // Parameters up to the right delimiter; returns the delimiter's offset.
  std::size_t scan_params(std::size_t i, Shortcode& sc) {
    int positional = 0;
    while (true) {
      i = skip_blanks(i);
      if (at(i, right_)) return i;
      char c = i < text_.size() ? text_[i] : '\0';
      if (c == '/') {
        std::size_t j = skip_blanks(i + 1);
        if (!at(j, right_)) unexpected(i, sc, "'/' may only end a self-closing call");
        sc.self_closing = true;
        return j;
      }
      std::size_t param_start = i;
      ShortcodeParam param;
      if (c == '"' || c == '`') {
        i = scan_value(i, sc, param);
      } else if (is_word(c)) {
        std::size_t word_end = i;
        while (word_end < text_.size() && is_word(text_[word_end])) ++word_end;
        // Hugo's parser pairs a word with a following `= value` even across blanks.
        std::size_t eq = skip_blanks(word_end);
        if (eq < text_.size() && text_[eq] == '=') {
          param.name = std::string(text_.substr(i, word_end - i));
          i = scan_value(skip_blanks(eq + 1), sc, param);
        } else {
          param.value = std::string(text_.substr(i, word_end - i));
          param.value_span = {i, word_end};
          i = word_end;
        }
      } else {
        unexpected(i, sc, "values with characters other than letters, digits, '-', '_' and '.' must be quoted");
      }
      bool named = !param.name.empty();
      if (!sc.params.empty() && named != !sc.params.front().name.empty())
        fail_in_call(param_start, sc, "cannot mix named and positional parameters in shortcode " + quoted(sc.name));
      if (!named) param.position = positional++;
      sc.params.push_back(std::move(param));
    }
  }

  // A quoted, raw or bare value at `i`; returns the offset after it.
  std::size_t scan_value(std::size_t i, const Shortcode& sc, ShortcodeParam& param) {
    char c = i < text_.size() ? text_[i] : '\0';
    if (c == '"') return scan_quoted(i, sc, param);
    if (c == '`') {
      std::size_t close = text_.find('`', i + 1);
      if (close == std::string_view::npos)
        src_.fail(i, "unterminated raw string in shortcode " + quoted(sc.name));
      param.quote = '`';
      param.value_span = {i + 1, close};
      param.value = std::string(text_.substr(i + 1, close - i - 1));
      return close + 1;
    }
    // Hugo takes everything up to the next space; stopping at the right
    // delimiter too lets `key=value>}}` work as its author meant.
    std::size_t j = i;
    while (j < text_.size() && !is_blank(text_[j]) && !at(j, right_)) ++j;
    param.value_span = {i, j};
    param.value = std::string(text_.substr(i, j - i));
    return j;
  }

  // "…" with \" and \\ decoded; other backslashes are kept as written, and
  // like Hugo we do not let the string run past the end of its line.
  std::size_t scan_quoted(std::size_t i, const Shortcode& sc, ShortcodeParam& param) {
    param.quote = '"';
    std::size_t j = i + 1;
    while (true) {
      if (j >= text_.size() || text_[j] == '\n')
        src_.fail(i, "unterminated quoted string in shortcode " + quoted(sc.name));
      char c = text_[j];
      if (c == '"') break;
      if (c == '\\' && j + 1 < text_.size() && (text_[j + 1] == '"' || text_[j + 1] == '\\')) {
        param.value += text_[j + 1];
        j += 2;
        continue;
      }
      param.value += c;
      ++j;
    }
    param.value_span = {i + 1, j};
    return j + 1;
  }

  // An unexpected character at `i` inside the call.
  [[noreturn]] void unexpected(std::size_t i, const Shortcode& sc, std::string_view hint) {
    std::string name = sc.name.empty() ? std::string() : " " + quoted(sc.name);
    if (i < text_.size() && at(i, other_right_))
      src_.fail(i, "shortcode" + name + " opened with '" + (sc.markdown ? "{{%" : "{{<") +
                       "' cannot end with '" + std::string(other_right_) + "'");
    std::size_t len = 1;
    while (i + len < text_.size() && (static_cast<unsigned char>(text_[i + len]) & 0xC0) == 0x80) ++len;
    fail_in_call(i, sc,
                 "unexpected " + quoted(text_.substr(i, len)) + " in shortcode" + name + " (opened at line " +
                     std::to_string(src_.at(open_).line) + "): " + std::string(hint));
  }

  // An error inside the call at `i`. When the call has no right delimiter
  // before the text ends or the next call starts, the prose after it was read
  // as parameters: the missing delimiter is the real error, at the opening.
  [[noreturn]] void fail_in_call(std::size_t i, const Shortcode& sc, std::string message) {
    std::size_t close = text_.find(right_, open_ + 3);
    std::size_t next = find_call_start(open_ + 3);
    if (close == std::string_view::npos || (next != std::string_view::npos && next < close))
      src_.fail(open_, "unclosed shortcode" + (sc.name.empty() ? std::string() : " " + quoted(sc.name)) +
                           " (opened here)");
    src_.fail(i, std::move(message));
  }

  // A closing call ends the innermost open call of its name; the calls opened
  // after that one had no inner content.
  void record(Shortcode sc) {
    if (sc.closing) {
      std::size_t k = stack_.size();
      while (k > 0 && out_.calls[stack_[k - 1]].name != sc.name) --k;
      if (k == 0) src_.fail(sc.span.begin, "closing shortcode " + quoted(sc.name) + " has no opening");
      stack_.resize(k - 1);
    } else if (!sc.self_closing) {
      stack_.push_back(out_.calls.size());
    }
    out_.calls.push_back(std::move(sc));
  }

  const SourceText& src_;
  std::string_view text_;
  std::size_t pos_;
  ShortcodeScan out_;
  std::vector<std::size_t> stack_;  // indices into out_.calls of open calls
  // The call being scanned.
  std::size_t open_ = 0;
  std::string_view right_, other_right_;
};

}  // namespace

ShortcodeScan scan_shortcodes(const SourceText& src, std::size_t begin, std::size_t end) {
  return Scanner(src, begin, std::min(end, src.bytes().size())).run();
}

}  // namespace l10n
