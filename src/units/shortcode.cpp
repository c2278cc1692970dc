#include "units/shortcode.h"

#include <algorithm>
#include <cstring>

#include "base/tr.h"

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
  Scanner(const SourceText& src, std::size_t begin, std::size_t end, ShortcodeText what)
      : src_(src), text_(src.bytes().substr(0, end)), pos_(begin), fragment_(what == ShortcodeText::Fragment) {}

  ShortcodeScan run() {
    while (true) {
      std::size_t p = find_call_start(pos_);
      if (p == std::string_view::npos) break;
      if (!inline_name_.empty()) end_inline_body(p);
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
      src_.fail(p, format(tr("unclosed escaped shortcode (opened here; expected '%s')"), std::string(close).c_str()));
    out_.escaped.push_back({p, q + close.size()});
    pos_ = q + close.size();
  }

  // Hugo lexes an inline shortcode's body as opaque text up to its closing
  // call, and refuses any other call inside it (even an escaped one).
  void end_inline_body(std::size_t p) {
    std::size_t slash = skip_blanks(p + 3);
    std::size_t name = skip_blanks(slash + 1);
    bool closes = slash < text_.size() && text_[slash] == '/' && at(name, inline_name_) &&
                  at(name + inline_name_.size(), " ");
    if (!closes)
      src_.fail(p, format(tr("inline shortcode '%s' (opened at line %d) holds another shortcode call; Hugo allows "
                             "none inside an inline shortcode, only its closing call '{{< /%s >}}'"),
                          inline_name_.c_str(), src_.at(inline_open_).line, inline_name_.c_str()));
    out_.inline_bodies.push_back({inline_body_begin_, p});
    inline_name_.clear();
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
      if (!at(i, right_)) unexpected(i, sc, tr("a closing shortcode takes no parameters"));
    } else {
      i = scan_params(i, sc);
    }
    sc.span = {p, i + right_.size()};
    pos_ = sc.span.end;
    if (sc.name.ends_with(".inline") && !sc.closing && !sc.self_closing) {
      inline_name_ = sc.name;
      inline_open_ = p;
      inline_body_begin_ = sc.span.end;
    }
    record(std::move(sc));
  }

  // The name, with Hugo's namespaces (`a/b`) and inline form (`name.inline`).
  std::size_t scan_name(std::size_t i, Shortcode& sc) {
    std::size_t start = i;
    if (i >= text_.size() || !is_alnum(text_[i])) {
      if (at(i, right_)) src_.fail(open_, tr("shortcode without a name"));
      unexpected(i, sc, tr("expected a shortcode name (Go template expressions are not supported)"));
    }
    while (i < text_.size()) {
      char c = text_[i];
      if (is_alnum(c) || c == '-') {
        ++i;
      } else if (c == '/' && !at(i + 1, right_)) {
        ++i;
      } else if (c == '.') {
        // Hugo looks for "inline " after the period, blank included.
        if (!at(i + 1, "inline "))
          src_.fail(i, tr("period in shortcode name only allowed for inline shortcodes (name.inline, then a space)"));
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
        if (!at(j, right_)) unexpected(i, sc, tr("'/' may only end a self-closing call"));
        sc.self_closing = true;
        return j;
      }
      std::size_t param_start = i;
      ShortcodeParam param;
      if (c == '\\' && !at(i + 1, "\"")) {
        // Hugo skips a backslash that escapes nothing it knows.
        if (at(i + 1, "`")) fail_in_call(i, sc, escaped_backtick(sc));
        ++i;
        continue;
      }
      if (c == '"' || c == '`' || c == '\\') {
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
        unexpected(i, sc, tr("values with characters other than letters, digits, '-', '_' and '.' must be quoted"));
      }
      check_not_mixed(param_start, sc, param);
      if (param.name.empty()) param.position = positional++;
      sc.params.push_back(std::move(param));
    }
  }

  // Names both parameters, so the author sees which one to change.
  void check_not_mixed(std::size_t where, const Shortcode& sc, const ShortcodeParam& param) {
    if (sc.params.empty() || param.name.empty() == sc.params.front().name.empty()) return;
    auto label = [](const ShortcodeParam& p) { return quoted(p.name.empty() ? p.value : p.name); };
    const ShortcodeParam& first = sc.params.front();
    bool named = !param.name.empty();
    const char* message =
        named ? tr("cannot mix named and positional parameters in shortcode '%s': %s is named, %s before it is positional")
              : tr("cannot mix named and positional parameters in shortcode '%s': %s is positional, %s before it is named");
    fail_in_call(where, sc, format(message, sc.name.c_str(), label(param).c_str(), label(first).c_str()));
  }

  static std::string escaped_backtick(const Shortcode& sc) {
    return format(tr("a backtick cannot be escaped (\\`) in shortcode '%s'; write the value in backticks or double quotes"),
                  sc.name.c_str());
  }

  // A quoted, escaped-quoted, raw or bare value at `i`; returns the offset after it.
  std::size_t scan_value(std::size_t i, const Shortcode& sc, ShortcodeParam& param) {
    char c = i < text_.size() ? text_[i] : '\0';
    if (c == '\\' && !at(i + 1, "\""))
      fail_in_call(i, sc, at(i + 1, "`") ? escaped_backtick(sc)
                                         : format(tr("a backslash before a value must escape its quote (\\\"…\\\") in "
                                                     "shortcode '%s'"),
                                                  sc.name.c_str()));
    if (c == '"' || c == '\\') return scan_quoted(i, sc, param);
    if (c == '`') {
      std::size_t close = text_.find('`', i + 1);
      if (close == std::string_view::npos)
        src_.fail(i, format(tr("unterminated raw string in shortcode '%s'"), sc.name.c_str()));
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

  // "…", or \"…\" (Hugo builds both), with Hugo's lexer rules: inside "…",
  // \" is a quote, and a value that holds one loses every backslash; raw
  // otherwise. Inside \"…\", the first \" ends the value. \` is an error,
  // and no string runs past the end of its line.
  std::size_t scan_quoted(std::size_t i, const Shortcode& sc, ShortcodeParam& param) {
    bool escaped_form = text_[i] == '\\';
    param.quote = escaped_form ? '\\' : '"';
    std::size_t j = escaped_form ? i + 2 : i + 1, begin = j;
    bool inner_quote = false;
    for (;; ++j) {
      if (j >= text_.size() || text_[j] == '\n')
        src_.fail(i, format(tr("unterminated quoted string in shortcode '%s'"), sc.name.c_str()));
      if (text_[j] == '"') break;
      if (text_[j] != '\\') continue;
      if (at(j + 1, "`")) fail_in_call(j, sc, escaped_backtick(sc));
      if (!at(j + 1, "\"")) continue;
      if (escaped_form) break;
      inner_quote = true;
      ++j;
    }
    param.value_span = {begin, j};
    std::string_view raw = text_.substr(begin, j - begin);
    param.value.clear();
    for (char c : raw)
      if (c != '\\' || !inner_quote) param.value += c;
    return text_[j] == '"' ? j + 1 : j + 2;
  }

  // An unexpected character at `i` inside the call.
  [[noreturn]] void unexpected(std::size_t i, const Shortcode& sc, std::string_view hint) {
    std::string name = sc.name.empty() ? std::string() : " " + quoted(sc.name);
    if (i < text_.size() && at(i, other_right_))
      // TRANSLATORS: the first %s is empty or a space and the shortcode's name in quotes.
      src_.fail(i, format(tr("shortcode%s opened with '%s' cannot end with '%s'"), name.c_str(),
                          sc.markdown ? "{{%" : "{{<", std::string(other_right_).c_str()));
    std::size_t len = 1;
    while (i + len < text_.size() && (static_cast<unsigned char>(text_[i + len]) & 0xC0) == 0x80) ++len;
    // TRANSLATORS: "unexpected '!' in shortcode 'note' (opened at line 3): values with characters …"; the
    // second %s is empty or a space and the shortcode's name in quotes.
    fail_in_call(i, sc, format(tr("unexpected %s in shortcode%s (opened at line %d): %s"),
                               quoted(text_.substr(i, len)).c_str(), name.c_str(), src_.at(open_).line,
                               std::string(hint).c_str()));
  }

  // An error inside the call at `i`. When the call has no right delimiter
  // before the text ends or the next call starts, the prose after it was read
  // as parameters: the missing delimiter is the real error, at the opening.
  [[noreturn]] void fail_in_call(std::size_t i, const Shortcode& sc, std::string message) {
    std::size_t close = text_.find(right_, open_ + 3);
    std::size_t next = find_call_start(open_ + 3);
    if (close == std::string_view::npos || (next != std::string_view::npos && next < close))
      src_.fail(open_, sc.name.empty() ? std::string(tr("unclosed shortcode (opened here)"))
                                       : format(tr("unclosed shortcode '%s' (opened here)"), sc.name.c_str()));
    src_.fail(i, std::move(message));
  }

  // A closing call ends the innermost open call of its name; the calls opened
  // after that one had no inner content.
  void record(Shortcode sc) {
    if (sc.closing) {
      std::size_t k = stack_.size();
      while (k > 0 && out_.calls[stack_[k - 1]].name != sc.name) --k;
      if (k == 0 && !fragment_) src_.fail(sc.span.begin, format(tr("closing shortcode '%s' has no opening"), sc.name.c_str()));
      if (k > 0) stack_.resize(k - 1);
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
  bool fragment_;
  // The call being scanned.
  std::size_t open_ = 0;
  std::string_view right_, other_right_;
  // The inline shortcode whose body is being read, when not empty.
  std::string inline_name_;
  std::size_t inline_open_ = 0, inline_body_begin_ = 0;
};

}  // namespace

ShortcodeScan scan_shortcodes(const SourceText& src, std::size_t begin, std::size_t end, ShortcodeText what) {
  return Scanner(src, begin, std::min(end, src.bytes().size()), what).run();
}

}  // namespace l10n
