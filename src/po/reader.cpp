#include "po/reader.h"

#include <strings.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <unordered_map>

#include "base/error.h"
#include "base/source_text.h"
#include "base/tr.h"

namespace l10n {

// ---------------------------------------------------------------------------
// Reading. A strict parser of our own rather than libgettextpo's: it keeps the
// line of every entry (for diagnostics downstream) and is several times faster.

namespace {

class PoParser {
 public:
  PoParser(const SourceText& src, Catalog& cat, PoContent keep, EntrySpans* spans)
      : src_(src), cat_(cat), keep_(keep), spans_(spans) {}

  void parse() {
    const std::size_t base = src_.content_begin();
    std::string_view text = src_.bytes().substr(base);
    std::size_t pos = 0;
    int line = 0;
    std::size_t line_end = 0;  // where the last line read ends, before its line break
    auto next_line = [&] {
      std::size_t eol = text.find('\n', pos);
      std::string_view l = text.substr(pos, (eol == std::string_view::npos ? text.size() : eol) - pos);
      pos = eol == std::string_view::npos ? text.size() : eol + 1;
      ++line;
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      line_end = base + static_cast<std::size_t>(l.data() - text.data()) + l.size();
      return l;
    };
    std::string joined;
    while (pos < text.size()) {
      line_ = line + 1;
      const std::size_t line_begin = base + pos;
      std::string_view l = next_line();
      // gettext's lexer drops every backslash-newline, as C does.
      if (!l.empty() && l.back() == '\\' && pos < text.size()) {
        joined.assign(l.substr(0, l.size() - 1));
        for (;;) {
          std::string_view more = next_line();
          if (more.empty() || more.back() != '\\' || pos >= text.size()) {
            joined += more;
            break;
          }
          joined += more.substr(0, more.size() - 1);
        }
        l = joined;
      }
      line_text_ = l;
      line_span_ = {line_begin, line_end};
      parse_line(l);
    }
    finish_entry();
    check_charset();
  }

 private:
  // Which string the next continuation line ("…") appends to.
  enum class Field { none, msgctxt, msgid, msgid_plural, msgstr, prev_msgctxt, prev_msgid, prev_msgid_plural };
  enum class Stage { comments, msgctxt, msgid, msgid_plural, msgstr };

  [[noreturn]] void fail(const std::string& msg) const { throw Error(src_.path(), line_, 0, msg); }

  // The column (in code points) of `at`, a position inside the current line.
  int column_of(const char* at) const {
    if (at < line_text_.data() || at > line_text_.data() + line_text_.size()) return 0;
    int col = 1;
    for (const char* p = line_text_.data(); p < at; ++p) col += (static_cast<unsigned char>(*p) & 0xC0) != 0x80;
    return col;
  }

  // gettext reads a string as a C string: a NUL ends it, and whatever
  // follows would be lost silently (msgfmt does so) in the next catalog.
  void refuse_nul(std::string_view t, std::size_t escape_begin, std::size_t escape_end) const {
    std::string escape(t.substr(escape_begin, escape_end - escape_begin));
    throw Error(src_.path(), line_, column_of(t.data() + escape_begin),
                format(tr("'%s' is a NUL character, which gettext cuts the string at; remove it"), escape.c_str()));
  }

  static std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  }

  void parse_line(std::string_view l) {
    std::string_view t = trim(l);
    if (t.empty()) {
      // A blank line ends a complete entry; inside one it is only whitespace.
      if (stage_ == Stage::msgstr) finish_entry();
      return;
    }
    if (t.substr(0, 2) == "#~") {
      std::string_view rest = t.substr(2);
      bool prev = !rest.empty() && rest.front() == '|';
      if (prev) rest.remove_prefix(1);
      rest = trim(rest);
      if (rest.empty()) return;  // an empty "#~" line carries nothing
      if (prev) {
        if (stage_ != Stage::comments) finish_entry();
        mark_obsolete(true);
        parse_previous(rest);
      } else {
        parse_keyword(rest, true);
      }
    } else if (t.front() == '#') {
      if (stage_ != Stage::comments) finish_entry();
      // Trailing blanks are part of a comment.
      parse_comment(l.substr(l.find('#')));
    } else {
      parse_keyword(t, false);
    }
    // After the line is parsed: a line that starts an entry ends the one before.
    if (!entry_started_) entry_span_.begin = line_span_.begin;
    entry_started_ = true;
    entry_span_.end = line_span_.end;
  }

  void mark_obsolete(bool obsolete) {
    if (!has_keyword_) {
      cur_.obsolete = obsolete;
      has_keyword_ = true;
    } else if (cur_.obsolete != obsolete) {
      fail(tr("inconsistent use of #~"));
    }
  }

  void parse_comment(std::string_view t) {
    if (cur_.line == 0) cur_.line = line_;
    char kind = t.size() > 1 ? t[1] : '\0';
    if (kind != '|') field_ = Field::none;
    std::string_view body = t.size() > 1 ? t.substr(2) : std::string_view{};
    // The header's comments are kept whatever `keep_` says: they are few.
    if (keep_ != PoContent::Everything && (seen_header_ || !cat_.messages.empty())) {
      bool source_comment = kind == '.' || kind == ':';
      if (keep_ == PoContent::Translations ? kind != ',' && kind != '|' : source_comment) return;
    }
    switch (kind) {
      case '.':
        if (!body.empty() && body.front() == ' ') body.remove_prefix(1);
        cur_.extracted_comments.emplace_back(body);
        return;
      case ':':
        parse_references(body);
        return;
      case ',':
        parse_flags(body);
        return;
      case '|':
        mark_obsolete(false);
        parse_previous(trim(body));
        return;
      default: {
        std::string_view c = t.substr(1);
        if (!c.empty() && c.front() == ' ') c.remove_prefix(1);
        cur_.translator_comments.emplace_back(c);
      }
    }
  }

  // A name enclosed in U+2068 … U+2069 may hold spaces (gettext 0.22 writes
  // them so); any other name ends at a space or a tab.
  static constexpr std::string_view kIsolateOpen = "\xE2\x81\xA8", kIsolateClose = "\xE2\x81\xA9";

  void parse_references(std::string_view body) {
    std::size_t i = 0;
    while (i < body.size()) {
      while (i < body.size() && (body[i] == ' ' || body[i] == '\t')) ++i;
      if (i == body.size()) break;
      std::string_view isolated;
      std::size_t start = i;
      if (body.substr(i).starts_with(kIsolateOpen)) {
        std::size_t close = body.find(kIsolateClose, i + kIsolateOpen.size());
        if (close != std::string_view::npos) {
          isolated = body.substr(i + kIsolateOpen.size(), close - i - kIsolateOpen.size());
          i = start = close + kIsolateClose.size();
        }
      }
      while (i < body.size() && body[i] != ' ' && body[i] != '\t') ++i;
      add_reference(isolated, body.substr(start, i - start));
    }
  }

  // `name` of an isolated reference, `tok` the rest: "file:line" or ":line".
  void add_reference(std::string_view name, std::string_view tok) {
    Reference ref;
    ref.file = std::string(name);
    std::size_t colon = tok.rfind(':');
    if (colon != std::string_view::npos && colon + 1 < tok.size() &&
        std::all_of(tok.begin() + static_cast<std::ptrdiff_t>(colon) + 1, tok.end(),
                    [](char c) { return c >= '0' && c <= '9'; }) &&
        tok.size() - colon - 1 < 10) {
      ref.file += tok.substr(0, colon);
      ref.line = std::stoi(std::string(tok.substr(colon + 1)));
      // Line 0 means "no line" in Reference; an explicit ":0" (Transifex
      // writes them) stays in the file name so that it is written back.
      if (ref.line == 0) ref.file = std::string(name) + std::string(tok);
    } else {
      ref.file += tok;
    }
    // U+2068/U+2069 enclose a name in "#:" lines; a name that holds one
    // cannot be written back so that it reads the same.
    if (ref.file.find(kIsolateOpen) != std::string::npos || ref.file.find(kIsolateClose) != std::string::npos)
      fail(tr("a file name in a '#:' reference holds U+2068 or U+2069, which enclose names there"));
    // gettext keeps one of repeated references.
    if (std::find(cur_.references.begin(), cur_.references.end(), ref) == cur_.references.end())
      cur_.references.push_back(std::move(ref));
  }

  void parse_flags(std::string_view body) {
    // gettext's reader lets the last "#," line win; so do we.
    cur_.fuzzy = false;
    cur_.flags.clear();
    std::size_t pos = 0;
    while (pos <= body.size()) {
      std::size_t comma = body.find(',', pos);
      if (comma == std::string_view::npos) comma = body.size();
      std::string_view flag = trim(body.substr(pos, comma - pos));
      pos = comma + 1;
      if (flag.empty()) continue;
      if (flag == "fuzzy") {
        cur_.fuzzy = true;
      } else if (std::find(cur_.flags.begin(), cur_.flags.end(), flag) == cur_.flags.end()) {
        cur_.flags.emplace_back(flag);
      }
    }
  }

  void parse_previous(std::string_view t) {
    if (t.front() == '"') {
      if (field_ < Field::prev_msgctxt) fail(tr("continuation string in '#|' without a previous field"));
      append_string(t);
      return;
    }
    std::string_view kw = t.substr(0, t.find_first_of(" \t"));
    std::string_view rest = trim(t.substr(kw.size()));
    if (kw == "msgctxt") start_field(Field::prev_msgctxt, cur_.prev_msgctxt.emplace(), rest);
    else if (kw == "msgid") start_field(Field::prev_msgid, cur_.prev_msgid.emplace(), rest);
    else if (kw == "msgid_plural") start_field(Field::prev_msgid_plural, cur_.prev_msgid_plural.emplace(), rest);
    else fail(format(tr("unknown keyword '%s' in '#|' comment"), std::string(kw).c_str()));
  }

  void parse_keyword(std::string_view t, bool obsolete) {
    if (t.front() == '"') {
      if (field_ == Field::none || field_ >= Field::prev_msgctxt || obsolete != cur_.obsolete)
        fail(tr("string without a keyword"));
      append_string(t);
      return;
    }
    std::string_view kw = t.substr(0, t.find_first_of(" \t["));
    std::string_view rest = t.substr(kw.size());
    if (kw == "msgctxt" || kw == "msgid") {
      if (stage_ == Stage::msgstr) finish_entry();
      if (stage_ >= (kw == "msgid" ? Stage::msgid : Stage::msgctxt))
        fail(format(tr("unexpected '%s'"), std::string(kw).c_str()));
      mark_obsolete(obsolete);
      if (cur_.line == 0) cur_.line = line_;
      if (kw == "msgctxt") {
        stage_ = Stage::msgctxt;
        start_field(Field::msgctxt, cur_.msgctxt.emplace(), trim(rest));
      } else {
        stage_ = Stage::msgid;
        start_field(Field::msgid, cur_.msgid, trim(rest));
      }
      return;
    }
    if (kw == "msgid_plural") {
      if (stage_ != Stage::msgid) fail(tr("'msgid_plural' without 'msgid'"));
      mark_obsolete(obsolete);
      stage_ = Stage::msgid_plural;
      start_field(Field::msgid_plural, cur_.msgid_plural.emplace(), trim(rest));
      return;
    }
    if (kw == "msgstr") {
      mark_obsolete(obsolete);
      rest = trim(rest);
      bool indexed = !rest.empty() && rest.front() == '[';
      if (indexed) {
        std::size_t close = rest.find(']');
        if (close == std::string_view::npos) fail(tr("missing ']' after 'msgstr['"));
        std::string_view num = trim(rest.substr(1, close - 1));
        std::size_t expected = stage_ == Stage::msgstr ? cur_.msgstr.size() : 0;
        if (num.empty() || !std::all_of(num.begin(), num.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
            num.size() > 3 || std::stoul(std::string(num)) != expected)
          fail(format(tr("expected 'msgstr[%zu]'"), expected));
        if (stage_ != Stage::msgid_plural && stage_ != Stage::msgstr) fail(tr("'msgstr[]' without 'msgid_plural'"));
        if (stage_ == Stage::msgstr && !cur_.msgid_plural) fail(tr("'msgstr[]' without 'msgid_plural'"));
        rest = trim(rest.substr(close + 1));
      } else {
        if (stage_ == Stage::msgid_plural) fail(tr("expected 'msgstr[0]' after 'msgid_plural'"));
        if (stage_ != Stage::msgid) fail(tr("'msgstr' without 'msgid'"));
      }
      stage_ = Stage::msgstr;
      start_field(Field::msgstr, cur_.msgstr.emplace_back(), rest);
      return;
    }
    fail(format(tr("unknown keyword '%s'"), std::string(kw).c_str()));
  }

  void start_field(Field f, std::string& target, std::string_view rest) {
    field_ = f;
    target_ = &target;
    if (rest.empty() || rest.front() != '"') fail(tr("expected a string after the keyword"));
    append_string(rest);
  }

  // Appends one quoted C string, with gettext's escapes, to the current field.
  void append_string(std::string_view t) {
    std::string& out = *target_;
    if (t.size() < 2 || t.front() != '"') fail(tr("expected a string"));
    std::size_t i = 1;
    for (;;) {
      if (i >= t.size()) fail(tr("end-of-line within string"));
      // The bytes up to the next quote or backslash go in at once.
      std::size_t run_end = i;
      while (run_end < t.size() && t[run_end] != '"' && t[run_end] != '\\') ++run_end;
      out.append(t, i, run_end - i);
      i = run_end;
      if (i >= t.size()) fail(tr("end-of-line within string"));
      const std::size_t escape_begin = i;
      char c = t[i++];
      if (c == '"') break;
      if (i >= t.size()) fail(tr("end-of-line within string"));
      char e = t[i++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'v': out += '\v'; break;
        case '\\': case '"': case '\'': case '?': out += e; break;
        case 'x': {
          // As many hex digits as follow, as in C; a value past one byte
          // stops growing, so a long run cannot overflow.
          int v = 0, n = 0;
          while (i < t.size() && std::isxdigit(static_cast<unsigned char>(t[i]))) {
            char h = t[i++];
            if (v <= 0xFF) v = v * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
            ++n;
          }
          if (n == 0 || v > 0xFF) fail(tr("invalid \\x escape"));
          if (v == 0) refuse_nul(t, escape_begin, i);
          escaped_high_ |= v >= 0x80;
          out += static_cast<char>(v);
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            for (int n = 1; n < 3 && i < t.size() && t[i] >= '0' && t[i] <= '7'; ++n) v = v * 8 + (t[i++] - '0');
            if (v > 0xFF) fail(tr("invalid octal escape"));
            if (v == 0) refuse_nul(t, escape_begin, i);
            escaped_high_ |= v >= 0x80;
            out += static_cast<char>(v);
          } else {
            fail(format(tr("invalid control sequence '\\%c'"), e));
          }
      }
    }
    if (!trim(t.substr(i)).empty()) fail(tr("unexpected text after the string"));
  }

  void finish_entry() {
    if (stage_ == Stage::comments) {
      // Comments with no entry after them (end of file) belong to nothing.
      if (cur_.line != 0 && has_keyword_) fail(tr("incomplete entry"));
      reset();
      return;
    }
    if (stage_ != Stage::msgstr) fail(tr("missing 'msgstr'"));
    std::size_t hash = MessageKeyHash{}(MessageKey(cur_));
    for (auto [it, end] = seen_.equal_range(hash); it != end; ++it) {
      bool header = it->second == kHeaderIndex;
      const Message& first = header ? cur_ : cat_.messages[it->second];
      if (header ? !cur_.msgctxt && cur_.msgid.empty() : first.msgctxt == cur_.msgctxt && first.msgid == cur_.msgid)
        throw Error(src_.path(), cur_.line, 0,
                    format(tr("duplicate message definition (first defined at line %d)"),
                           header ? header_line_ : first.line));
    }
    bool is_header = cur_.msgid.empty() && !cur_.msgctxt && !cur_.obsolete && !seen_header_ &&
                     cat_.messages.empty();
    seen_.emplace(hash, is_header ? kHeaderIndex : cat_.messages.size());
    if (spans_ && is_header) spans_->header = entry_span_;
    else if (spans_) spans_->messages.push_back(entry_span_);
    if (is_header) {
      seen_header_ = true;
      header_line_ = cur_.line;
      cat_.header_comments = std::move(cur_.translator_comments);
      cat_.header = cur_.msgstr.empty() ? std::string() : std::move(cur_.msgstr[0]);
      cat_.header_fuzzy = cur_.fuzzy;
    } else {
      cat_.messages.push_back(std::move(cur_));
    }
    reset();
  }

  void reset() {
    cur_ = Message{};
    stage_ = Stage::comments;
    field_ = Field::none;
    target_ = nullptr;
    has_keyword_ = false;
    entry_started_ = false;
  }

  // Escapes ("\336") may make bytes the file's own text does not hold:
  // gettext's writer drops what its charset cannot say, so such a string
  // would not come back. `ok` is the test of the charset. Strings are only
  // read again when an escape made a byte past ASCII: the file's own bytes
  // are valid UTF-8 and a quote cannot split a character.
  template <class Ok>
  void check_decoded(Ok ok, const char* message) const {
    if (!escaped_high_) return;
    auto check = [&](const std::string& s, int line) {
      if (!ok(s)) throw Error(src_.path(), line, 0, message);
    };
    check(cat_.header, header_line_);
    for (const Message& m : cat_.messages) {
      for (const auto* field : {&m.msgctxt, &m.msgid_plural, &m.prev_msgctxt, &m.prev_msgid, &m.prev_msgid_plural})
        if (*field) check(**field, m.line);
      check(m.msgid, m.line);
      for (const std::string& s : m.msgstr) check(s, m.line);
    }
  }

  void check_charset() {
    std::string cs(declared_charset(cat_));
    if (strcasecmp(cs.c_str(), "utf-8") == 0) {
      check_decoded([](const std::string& s) { return find_invalid_utf8(s) == std::string::npos; },
                    tr("an escape sequence makes a byte that is not UTF-8; write the character itself"));
      return;
    }
    // "CHARSET" is the placeholder of a fresh template (xgettext writes it).
    // Like no charset at all, it means ASCII to gettext, whose writer drops
    // every other byte: such a file must be ASCII, as msgcat demands.
    if (!cs.empty() && cs != "CHARSET")
      throw Error(src_.path(), header_line_, 0,
                  format(tr("charset '%s' is not supported; convert the file to UTF-8"), cs.c_str()));
    for (const Message& m : cat_.messages)
      for (const Reference& r : m.references)
        if (needs_isolates(r.file, r.line > 0))
          throw Error(src_.path(), m.line, 0,
                      format(tr("the file name '%s' in a '#:' reference can only be written in a UTF-8 file; add a "
                                "header entry with \"Content-Type: text/plain; charset=UTF-8\\n\""),
                             r.file.c_str()));
    std::string_view text = src_.bytes().substr(src_.content_begin());
    auto high = std::find_if(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (high != text.end()) {
      LineCol at = src_.at(src_.content_begin() + static_cast<std::size_t>(high - text.begin()));
      throw Error(src_.path(), at.line, at.col,
                  tr("non-ASCII text in a file that declares no charset; add a header entry with "
                     "\"Content-Type: text/plain; charset=UTF-8\\n\""));
    }
    auto ascii = [](const std::string& s) {
      return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    };
    check_decoded(ascii, tr("an escape sequence makes a non-ASCII byte in a file that declares no charset; add a "
                            "header entry with \"Content-Type: text/plain; charset=UTF-8\\n\""));
  }

  const SourceText& src_;
  Catalog& cat_;
  PoContent keep_;
  EntrySpans* spans_;  // where to note each entry's bytes, or nullptr
  Message cur_;
  Stage stage_ = Stage::comments;
  Field field_ = Field::none;
  std::string* target_ = nullptr;
  bool has_keyword_ = false;
  bool escaped_high_ = false;  // an escape made a byte of 0x80 or more
  bool seen_header_ = false;
  int header_line_ = 0;
  int line_ = 0;
  std::string_view line_text_;  // the line being parsed, for columns
  Span line_span_;              // its bytes, from the first line it joins to the end of the last
  Span entry_span_;             // the current entry's bytes so far
  bool entry_started_ = false;
  // Entries read so far by the hash of their context and msgid, pointing into
  // cat_.messages: comparing in place saves a copy of every msgid.
  static constexpr std::size_t kHeaderIndex = static_cast<std::size_t>(-1);
  std::unordered_multimap<std::size_t, std::size_t> seen_;
};

}  // namespace

Catalog read_po(const std::string& fs_path, const std::string& display_path, PoContent keep) {
  return parse_po(SourceText::load(fs_path, display_path), keep);
}

namespace {

// Obsolete entries go last, whatever order the file had them in; their
// spans go with them.
void obsolete_last(Catalog& cat, EntrySpans* spans) {
  auto live = [](const Message& m) { return !m.obsolete; };
  if (std::is_partitioned(cat.messages.begin(), cat.messages.end(), live)) return;
  if (!spans) {
    std::stable_partition(cat.messages.begin(), cat.messages.end(), live);
    return;
  }
  std::vector<std::size_t> order(cat.messages.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_partition(order.begin(), order.end(), [&](std::size_t i) { return live(cat.messages[i]); });
  std::vector<Message> messages;
  std::vector<Span> places;
  messages.reserve(order.size());
  places.reserve(order.size());
  for (std::size_t i : order) {
    messages.push_back(std::move(cat.messages[i]));
    places.push_back(spans->messages[i]);
  }
  cat.messages = std::move(messages);
  spans->messages = std::move(places);
}

}  // namespace

Catalog parse_po(const SourceText& src, PoContent keep, EntrySpans* spans) {
  Catalog cat;
  if (spans) *spans = EntrySpans{};
  PoParser(src, cat, keep, spans).parse();
  obsolete_last(cat, spans);
  return cat;
}

void require_header_entry(const Catalog& cat, const std::string& display_path) {
  if (!cat.header.empty()) return;
  throw Error(display_path, 0, 0,
              tr("the PO file has no header entry; it may have been emptied or cut short: restore it from "
                 "version control, or delete it and run 'l10n extract'"));
}

}  // namespace l10n
