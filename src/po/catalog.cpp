#include "po/catalog.h"

#include <gettext-po.h>
#include <sys/mman.h>
#include <strings.h>
#include <unilbrk.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "base/error.h"
#include "base/tr.h"
#include "base/parallel.h"
#include "base/source_text.h"

namespace l10n {

bool Message::translated() const {
  return !fuzzy && !msgstr.empty() &&
         std::all_of(msgstr.begin(), msgstr.end(), [](const std::string& s) { return !s.empty(); });
}

// ---------------------------------------------------------------------------
// Header fields

namespace {

// The [begin, end) range of the "Name: value\n" line for `name`, or npos.
std::pair<std::size_t, std::size_t> find_header_line(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t eol = header.find('\n', pos);
    std::size_t end = eol == std::string_view::npos ? header.size() : eol + 1;
    std::string_view line = header.substr(pos, end - pos);
    if (line.size() > name.size() && line.compare(0, name.size(), name) == 0 && line[name.size()] == ':')
      return {pos, end};
    pos = end;
  }
  return {std::string_view::npos, std::string_view::npos};
}

}  // namespace

std::optional<std::string> Catalog::header_field(std::string_view name) const {
  auto [begin, end] = find_header_line(header, name);
  if (begin == std::string::npos) return std::nullopt;
  std::string_view value = std::string_view(header).substr(begin + name.size() + 1, end - begin - name.size() - 1);
  if (!value.empty() && value.back() == '\n') value.remove_suffix(1);
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  return std::string(value);
}

void Catalog::set_header_field(std::string_view name, std::string_view value) {
  std::string line = std::string(name) + ": " + std::string(value) + "\n";
  auto [begin, end] = find_header_line(header, name);
  if (begin != std::string::npos) {
    header.replace(begin, end - begin, line);
  } else {
    if (!header.empty() && header.back() != '\n') header += '\n';
    header += line;
  }
}

// ---------------------------------------------------------------------------
// Reading. A strict parser of our own rather than libgettextpo's: it keeps the
// line of every entry (for diagnostics downstream) and is several times faster.

namespace {

class PoParser {
 public:
  PoParser(const SourceText& src, Catalog& cat, PoContent keep) : src_(src), cat_(cat), keep_(keep) {}

  void parse() {
    std::string_view text = src_.bytes().substr(src_.content_begin());
    std::size_t pos = 0;
    int line = 0;
    auto next_line = [&] {
      std::size_t eol = text.find('\n', pos);
      std::string_view l = text.substr(pos, (eol == std::string_view::npos ? text.size() : eol) - pos);
      pos = eol == std::string_view::npos ? text.size() : eol + 1;
      ++line;
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      return l;
    };
    std::string joined;
    while (pos < text.size()) {
      line_ = line + 1;
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
      return;
    }
    if (t.front() == '#') {
      if (stage_ != Stage::comments) finish_entry();
      // Trailing blanks are part of a comment.
      parse_comment(l.substr(l.find('#')));
      return;
    }
    parse_keyword(t, false);
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

  void parse_references(std::string_view body) {
    std::size_t i = 0;
    while (i < body.size()) {
      while (i < body.size() && (body[i] == ' ' || body[i] == '\t')) ++i;
      std::size_t start = i;
      while (i < body.size() && body[i] != ' ' && body[i] != '\t') ++i;
      if (start == i) break;
      std::string_view tok = body.substr(start, i - start);
      Reference ref;
      std::size_t colon = tok.rfind(':');
      if (colon != std::string_view::npos && colon + 1 < tok.size() &&
          std::all_of(tok.begin() + static_cast<std::ptrdiff_t>(colon) + 1, tok.end(),
                      [](char c) { return c >= '0' && c <= '9'; }) &&
          tok.size() - colon - 1 < 10) {
        ref.file = std::string(tok.substr(0, colon));
        ref.line = std::stoi(std::string(tok.substr(colon + 1)));
        // Line 0 means "no line" in Reference; an explicit ":0" (Transifex
        // writes them) stays in the file name so that it is written back.
        if (ref.line == 0) ref.file = std::string(tok);
      } else {
        ref.file = std::string(tok);
      }
      // gettext keeps one of repeated references.
      if (std::find(cur_.references.begin(), cur_.references.end(), ref) == cur_.references.end())
        cur_.references.push_back(std::move(ref));
    }
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
          int v = 0, n = 0;
          while (i < t.size() && std::isxdigit(static_cast<unsigned char>(t[i]))) {
            char h = t[i++];
            v = v * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
            ++n;
          }
          if (n == 0 || v > 0xFF) fail(tr("invalid \\x escape"));
          out += static_cast<char>(v);
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            for (int n = 1; n < 3 && i < t.size() && t[i] >= '0' && t[i] <= '7'; ++n) v = v * 8 + (t[i++] - '0');
            if (v > 0xFF) fail(tr("invalid octal escape"));
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
  }

  void check_charset() {
    auto ct = cat_.header_field("Content-Type");
    if (!ct) return;
    std::size_t p = ct->find("charset=");
    if (p == std::string::npos) return;
    std::string cs = ct->substr(p + 8);
    cs = cs.substr(0, cs.find_first_of(" ;"));
    std::string lower;
    for (char c : cs) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // "CHARSET" is the placeholder of a fresh template (xgettext writes it).
    if (lower != "utf-8" && cs != "CHARSET")
      throw Error(src_.path(), header_line_, 0,
                  format(tr("charset '%s' is not supported; convert the file to UTF-8"), cs.c_str()));
  }

  const SourceText& src_;
  Catalog& cat_;
  PoContent keep_;
  Message cur_;
  Stage stage_ = Stage::comments;
  Field field_ = Field::none;
  std::string* target_ = nullptr;
  bool has_keyword_ = false;
  bool seen_header_ = false;
  int header_line_ = 0;
  int line_ = 0;
  // Entries read so far by the hash of their context and msgid, pointing into
  // cat_.messages: comparing in place saves a copy of every msgid.
  static constexpr std::size_t kHeaderIndex = static_cast<std::size_t>(-1);
  std::unordered_multimap<std::size_t, std::size_t> seen_;
};

}  // namespace

Catalog read_po(const std::string& fs_path, const std::string& display_path, PoContent keep) {
  return parse_po(SourceText::load(fs_path, display_path), keep);
}

Catalog parse_po(const SourceText& src, PoContent keep) {
  Catalog cat;
  PoParser(src, cat, keep).parse();
  // Obsolete entries go last, whatever order the file had them in.
  auto live = [](const Message& m) { return !m.obsolete; };
  if (!std::is_partitioned(cat.messages.begin(), cat.messages.end(), live))
    std::stable_partition(cat.messages.begin(), cat.messages.end(), live);
  return cat;
}

// ---------------------------------------------------------------------------
// Writing goes through libgettextpo's writer, the same code msgcat runs, so
// the line breaking (Unicode line-break rules, column widths) is gettext's own.

namespace {

struct PoFileDeleter {
  void operator()(po_file* f) const { po_file_free(f); }
};

// Warnings (e.g. about "\a" in a msgid) are msgcat's business, not ours; only
// an I/O failure is fatal, and then the handler must not return.
struct WriteErrors {
  static void xerror(int severity, po_message_t, const char*, size_t, size_t, int, const char* text) {
    if (severity == PO_SEVERITY_FATAL_ERROR) throw Error("", 0, 0, std::string("writing PO text failed: ") + text);
  }
  static void xerror2(int severity, po_message_t m1, const char* f1, size_t l1, size_t c1, int ml1, const char* t1,
                      po_message_t, const char*, size_t, size_t, int, const char*) {
    xerror(severity, m1, f1, l1, c1, ml1, t1);
  }
};

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) {
    out += l;
    out += '\n';
  }
  return out;
}

// msgcat drops the fuzzy mark of an entry without translation.
bool has_translation(const Message& m) { return !m.msgstr.empty() && !m.msgstr[0].empty(); }

po_message_t to_po_message(const Message& m) {
  po_message_t pm = po_message_create();
  if (m.msgctxt) po_message_set_msgctxt(pm, m.msgctxt->c_str());
  po_message_set_msgid(pm, m.msgid.c_str());
  if (m.msgid_plural) {
    po_message_set_msgid_plural(pm, m.msgid_plural->c_str());
    for (std::size_t i = 0; i < std::max<std::size_t>(m.msgstr.size(), 1); ++i)
      po_message_set_msgstr_plural(pm, static_cast<int>(i), i < m.msgstr.size() ? m.msgstr[i].c_str() : "");
  } else {
    po_message_set_msgstr(pm, m.msgstr.empty() ? "" : m.msgstr[0].c_str());
  }
  if (!m.translator_comments.empty()) po_message_set_comments(pm, join_lines(m.translator_comments).c_str());
  if (!m.extracted_comments.empty())
    po_message_set_extracted_comments(pm, join_lines(m.extracted_comments).c_str());
  for (const auto& r : m.references)
    po_message_add_filepos(pm, r.file.c_str(), r.line > 0 ? static_cast<size_t>(r.line) : static_cast<size_t>(-1));
  for (const auto& f : m.flags) {
    std::string_view flag = f;
    int lo, hi;
    if (flag.size() > 7 && flag.substr(flag.size() - 7) == "-format") {
      bool negated = flag.substr(0, 3) == "no-";
      po_message_set_format(pm, std::string(flag.substr(negated ? 3 : 0)).c_str(), negated ? 0 : 1);
    } else if (std::sscanf(f.c_str(), "range: %d..%d", &lo, &hi) == 2) {
      po_message_set_range(pm, lo, hi);
    }
    // Other flags ("no-wrap", custom ones) have no setter in libgettextpo's API.
  }
  po_message_set_fuzzy(pm, m.fuzzy && has_translation(m));
  if (m.prev_msgctxt) po_message_set_prev_msgctxt(pm, m.prev_msgctxt->c_str());
  if (m.prev_msgid) po_message_set_prev_msgid(pm, m.prev_msgid->c_str());
  if (m.prev_msgid_plural) po_message_set_prev_msgid_plural(pm, m.prev_msgid_plural->c_str());
  po_message_set_obsolete(pm, m.obsolete);
  return pm;
}

bool has_header(const Catalog& cat) { return !cat.header.empty() || !cat.header_comments.empty() || cat.header_fuzzy; }


// The same bytes without libgettextpo, for the catalogs this tool handles:
// UTF-8, no format or range flags. A straight port of write-po.c (gettext
// 0.21, default style: no --indent, --escape or --no-wrap, width 79) that
// asks libunistring for the line breaks, as gettext does; libgettextpo
// spends most of its time in per-byte iconv and stream calls around that.
// catalog_test holds the two paths, and msgcat, to the same output.

constexpr int kPageWidth = 79;

bool is_format_or_range_flag(std::string_view flag) {
  int lo, hi;
  return (flag.size() > 7 && flag.substr(flag.size() - 7) == "-format") ||
         std::sscanf(std::string(flag).c_str(), "range: %d..%d", &lo, &hi) == 2;
}

// The charset gettext writes with: that of the first non-obsolete entry with
// an empty msgid and no context, "ASCII" when there is none.
std::string output_charset(const Catalog& cat) {
  std::string_view header;
  if (has_header(cat)) {
    header = cat.header;
  } else {
    for (const auto& m : cat.messages)
      if (!m.obsolete && !m.msgctxt && m.msgid.empty()) {
        header = m.msgstr.empty() ? std::string_view{} : std::string_view(m.msgstr[0]);
        break;
      }
  }
  std::size_t p = header.find("charset=");
  if (p == std::string_view::npos) return "ASCII";
  std::string_view cs = header.substr(p + 8);
  return std::string(cs.substr(0, cs.find_first_of(" \t\n")));
}

bool plain_utf8(std::string_view s) {
  return s.find('\0') == std::string_view::npos && find_invalid_utf8(s) == std::string_view::npos;
}

// True when the fast writer produces libgettextpo's bytes for `cat`.
bool fast_writable(const Catalog& cat) {
  std::string cs = output_charset(cat);
  if (cs.size() != 5 || strncasecmp(cs.c_str(), "UTF-8", 5) != 0) return false;
  auto all_plain = [](const std::vector<std::string>& v) { return std::all_of(v.begin(), v.end(), plain_utf8); };
  auto opt_plain = [](const std::optional<std::string>& s) { return !s || plain_utf8(*s); };
  if (!plain_utf8(cat.header) || !all_plain(cat.header_comments)) return false;
  for (const auto& m : cat.messages) {
    if (std::any_of(m.flags.begin(), m.flags.end(), [](const std::string& f) { return is_format_or_range_flag(f); }))
      return false;
    if (!opt_plain(m.msgctxt) || !plain_utf8(m.msgid) || !opt_plain(m.msgid_plural) || !all_plain(m.msgstr) ||
        !all_plain(m.translator_comments) || !all_plain(m.extracted_comments) || !opt_plain(m.prev_msgctxt) ||
        !opt_plain(m.prev_msgid) || !opt_plain(m.prev_msgid_plural))
      return false;
    for (const auto& r : m.references)
      if (!plain_utf8(r.file)) return false;
  }
  return true;
}

std::size_t utf8_length(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

class PoWriter {
 public:
  // after_entry: an entry was written before, so the next one starts with a blank line.
  PoWriter(std::string& out, bool after_entry) : out_(out), blank_line_(after_entry) {}

  void message(const Message& m) {
    bool fuzzy = m.fuzzy && has_translation(m);
    if (m.obsolete && !has_translation(m)) return;
    if (blank_line_) out_ += '\n';
    blank_line_ = true;
    comment_lines("#", m.translator_comments);
    comment_lines("#.", m.extracted_comments);
    references(m.references);
    if (fuzzy) out_ += "#, fuzzy\n";
    std::string_view prev = m.obsolete ? "#~| " : "#| ";
    if (m.prev_msgctxt) wrap(prev, "msgctxt", *m.prev_msgctxt);
    if (m.prev_msgid) wrap(prev, "msgid", *m.prev_msgid);
    if (m.prev_msgid_plural) wrap(prev, "msgid_plural", *m.prev_msgid_plural);
    std::string_view prefix = m.obsolete ? "#~ " : "";
    if (m.msgctxt) wrap(prefix, "msgctxt", *m.msgctxt);
    wrap(prefix, "msgid", m.msgid);
    if (!m.msgid_plural) {
      wrap(prefix, "msgstr", m.msgstr.empty() ? std::string_view{} : std::string_view(m.msgstr[0]));
      return;
    }
    wrap(prefix, "msgid_plural", *m.msgid_plural);
    for (std::size_t i = 0; i < std::max<std::size_t>(m.msgstr.size(), 1); ++i)
      wrap(prefix, "msgstr[" + std::to_string(i) + "]", i < m.msgstr.size() ? std::string_view(m.msgstr[i]) : "");
  }

 private:
  // Each comment may hold several lines; "#" alone for an empty one.
  void comment_lines(std::string_view mark, const std::vector<std::string>& comments) {
    for (const auto& c : comments) {
      std::string_view rest = c;
      do {
        std::size_t eol = rest.find('\n');
        std::string_view line = rest.substr(0, eol);
        out_ += mark;
        if (!line.empty()) out_ += ' ';
        out_ += line;
        out_ += '\n';
        rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 1);
      } while (!rest.empty());
    }
  }

  // libgettextpo drops a repeated file:line (message_comment_filepos).
  void references(const std::vector<Reference>& refs) {
    if (refs.empty()) return;
    out_ += "#:";
    std::size_t column = 2;
    std::set<std::pair<std::string_view, int>> seen;
    for (const auto& r : refs) {
      int line = r.line > 0 ? r.line : -1;
      if (refs.size() > 1 && !seen.emplace(r.file, line).second) continue;
      std::string_view file = r.file;
      while (file.size() >= 2 && file[0] == '.' && file[1] == '/') file.remove_prefix(2);
      std::string suffix = line > 0 ? ":" + std::to_string(line) : std::string();
      std::size_t len = file.size() + suffix.size() + 1;
      if (column > 2 && column + len > static_cast<std::size_t>(kPageWidth)) {
        out_ += "\n#:";
        column = 2;
      }
      out_ += ' ';
      out_ += file;
      out_ += suffix;
      column += len;
    }
    out_ += '\n';
  }

  // write-po.c's wrap(): each "\n"-terminated portion of the value, escaped,
  // broken where libunistring allows so that lines fit in the page width.
  void wrap(std::string_view prefix, std::string_view name, std::string_view value) {
    const int after_break = static_cast<int>(prefix.size()) + 1;
    const int width = kPageWidth - 1 - after_break;
    static const char kEscapes[] = "\a\b\f\n\r\t\v";
    static const char kNames[] = "abfnrtv";
    bool first_line = true;
    std::size_t s = 0;
    do {
      std::size_t es = value.find('\n', s);
      es = es == std::string_view::npos ? value.size() : es + 1;
      portion_.clear();
      overrides_.clear();
      for (std::size_t i = s; i < es;) {
        char c = value[i];
        const char* esc = c != '\0' ? std::strchr(kEscapes, c) : nullptr;
        if (esc || c == '\\' || c == '"') {
          portion_ += '\\';
          portion_ += esc ? kNames[esc - kEscapes] : c;
          overrides_ += static_cast<char>(UC_BREAK_UNDEFINED);
          overrides_ += static_cast<char>(UC_BREAK_PROHIBITED);
          ++i;
        } else {
          std::size_t n = utf8_length(static_cast<unsigned char>(c));
          portion_.append(value.substr(i, n));
          overrides_ += static_cast<char>(UC_BREAK_UNDEFINED);
          overrides_.append(n - 1, static_cast<char>(UC_BREAK_PROHIBITED));
          i += n;
        }
      }
      // Don't break immediately before the "\n" at the end.
      if (es > s && value[es - 1] == '\n') overrides_[portion_.size() - 2] = static_cast<char>(UC_BREAK_PROHIBITED);
      breaks_.assign(portion_.size(), static_cast<char>(UC_BREAK_UNDEFINED));
      for (;;) {
        int startcol = static_cast<int>(prefix.size()) + (first_line ? static_cast<int>(name.size()) + 1 : 0) + 1 -
                       after_break;
        // A character is never wider in columns than in UTF-8 bytes, so a
        // portion that fits in bytes has no break: libunistring is spared it.
        if (startcol + static_cast<int>(portion_.size()) <= width)
          std::fill(breaks_.begin(), breaks_.end(), static_cast<char>(UC_BREAK_UNDEFINED));
        else
          ulc_width_linebreaks(portion_.data(), portion_.size(), width, startcol, 0, overrides_.data(), "UTF-8",
                               breaks_.data());
        // A value that does not fit on the keyword's line starts on the next one.
        if (first_line && !portion_.empty() &&
            (es < value.size() || startcol > width ||
             std::memchr(breaks_.data(), UC_BREAK_POSSIBLE, breaks_.size()) != nullptr)) {
          out_ += prefix;
          out_ += name;
          out_ += " \"\"\n";
          first_line = false;
          continue;
        }
        break;
      }
      out_ += prefix;
      if (first_line) {
        out_ += name;
        out_ += ' ';
        first_line = false;
      }
      out_ += '"';
      std::size_t from = 0;
      for (std::size_t i = 0; i < portion_.size(); ++i) {
        if (breaks_[i] != UC_BREAK_POSSIBLE) continue;
        out_.append(portion_, from, i - from);
        out_ += "\"\n";
        out_ += prefix;
        out_ += '"';
        from = i;
      }
      out_.append(portion_, from, std::string::npos);
      out_ += "\"\n";
      s = es;
    } while (s < value.size());
  }

  std::string& out_;
  bool blank_line_;
  std::string portion_, overrides_, breaks_;
};

// Entries are written in slices on every core and joined: each slice's
// writer starts as if an entry came before it, and a blank line at the very
// start (no header, nothing before) is dropped after.
std::string format_po_fast(const Catalog& cat) {
  std::string out;
  if (has_header(cat)) {
    Message h;
    h.translator_comments = cat.header_comments;
    h.msgstr = {cat.header};
    h.fuzzy = cat.header_fuzzy;
    PoWriter(out, false).message(h);
  }
  // gettext writes the obsolete entries last, whatever the order.
  std::vector<const Message*> order;
  order.reserve(cat.messages.size());
  for (const auto& m : cat.messages)
    if (!m.obsolete) order.push_back(&m);
  for (const auto& m : cat.messages)
    if (m.obsolete) order.push_back(&m);
  constexpr std::size_t kSlice = 4096;
  std::vector<std::string> slices((order.size() + kSlice - 1) / kSlice);
  parallel_for(slices.size(), 0, [&](std::size_t i) {
    PoWriter writer(slices[i], true);
    for (std::size_t j = i * kSlice; j < std::min(order.size(), (i + 1) * kSlice); ++j) writer.message(*order[j]);
  });
  std::size_t size = out.size();
  for (const auto& slice : slices) size += slice.size();
  out.reserve(size);
  for (const auto& slice : slices) out += slice;
  if (!has_header(cat) && out.starts_with('\n')) out.erase(0, 1);
  return out;
}

}  // namespace

std::string format_po_gettext(const Catalog& cat) {
  std::unique_ptr<po_file, PoFileDeleter> file(po_file_create());
  po_message_iterator_t it = po_message_iterator(file.get(), nullptr);
  if (has_header(cat)) {
    Message h;
    h.translator_comments = cat.header_comments;
    h.msgstr = {cat.header};
    h.fuzzy = cat.header_fuzzy;
    po_message_insert(it, to_po_message(h));
  }
  for (const auto& m : cat.messages) {
    // msgcat leaves out obsolete entries without translation.
    if (m.obsolete && !has_translation(m)) continue;
    po_message_insert(it, to_po_message(m));
  }
  po_message_iterator_free(it);

  // An anonymous in-memory file: libgettextpo only writes to named files.
  int fd = memfd_create("l10n-po", MFD_CLOEXEC);
  if (fd < 0) throw Error("", 0, 0, std::string("memfd_create: ") + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  std::string path = "/proc/self/fd/" + std::to_string(fd);
  static const po_xerror_handler handler{WriteErrors::xerror, WriteErrors::xerror2};
  po_file_write(file.get(), path.c_str(), &handler);

  std::string out;
  char buf[1 << 16];
  off_t off = 0;
  for (;;) {
    ssize_t got = ::pread(fd, buf, sizeof buf, off);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw Error("", 0, 0, std::string("reading formatted PO text: ") + std::strerror(errno));
    }
    if (got == 0) break;
    out.append(buf, static_cast<std::size_t>(got));
    off += got;
  }
  return out;
}

std::string format_po(const Catalog& cat) { return fast_writable(cat) ? format_po_fast(cat) : format_po_gettext(cat); }

void write_po(const std::string& fs_path, const Catalog& cat) { write_file_atomic(fs_path, format_po(cat)); }

// ---------------------------------------------------------------------------
// Plural forms, from gettext's table (gettext-tools/src/plural-table.c).

std::string plural_forms_for(std::string_view lang) {
  static const std::map<std::string_view, std::string_view> table = {
      {"ja", "nplurals=1; plural=0;"},
      {"vi", "nplurals=1; plural=0;"},
      {"ko", "nplurals=1; plural=0;"},
      {"zh", "nplurals=1; plural=0;"},
      {"th", "nplurals=1; plural=0;"},
      {"id", "nplurals=1; plural=0;"},
      {"ms", "nplurals=1; plural=0;"},
      {"tr", "nplurals=2; plural=(n != 1);"},
      {"fa", "nplurals=2; plural=(n > 1);"},
      {"fr", "nplurals=2; plural=(n > 1);"},
      {"pt_BR", "nplurals=2; plural=(n > 1);"},
      {"lv", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"},
      {"ga", "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;"},
      {"ro", "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;"},
      {"lt", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);"},
      {"ru",
       "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
      {"uk",
       "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
      {"be",
       "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
      {"sr",
       "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
      {"hr",
       "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
      {"cs", "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"},
      {"sk", "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"},
      {"pl", "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
      {"sl", "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);"},
      {"ar",
       "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"},
  };
  if (auto it = table.find(lang); it != table.end()) return std::string(it->second);
  // "zh_CN", "pt_PT", "de-AT": fall back to the language without the region.
  std::string_view base = lang.substr(0, lang.find_first_of("_-@."));
  if (base != lang)
    if (auto it = table.find(base); it != table.end()) return std::string(it->second);
  return "nplurals=2; plural=(n != 1);";
}

}  // namespace l10n
