#include "po/writer.h"

#include <gettext-po.h>
#include <sys/mman.h>
#include <unilbrk.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <thread>

#include "base/controls.h"
#include "base/error.h"
#include "base/words.h"
#include "base/files.h"
#include "base/parallel.h"
#include "base/source_text.h"
#include "base/tr.h"
#include "po/keep.h"
#include "po/linebreak.h"

namespace l10n {

// ---------------------------------------------------------------------------
// Two writers with the same output. format_po_fast, below, is a port of
// gettext's write-po.c for the UTF-8 catalogs this tool makes; everything
// else (format flags, other charsets) goes through libgettextpo's writer,
// the same code msgcat runs. catalog_test holds both, and msgcat, to the
// same bytes.

namespace {

struct PoFileDeleter {
  void operator()(po_file* f) const { po_file_free(f); }
};

// Warnings (e.g. about "\a" in a msgid) are msgcat's business, not ours; only
// an I/O failure is fatal, and then the handler must not return.
struct WriteErrors {
  static void xerror(int severity, po_message_t, const char*, size_t, size_t, int, const char* text) {
    if (severity == PO_SEVERITY_FATAL_ERROR) throw Error("", 0, 0, format(tr("writing PO text failed: %s"), text));
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

// gettext 0.22's write-po.c encloses a file name with a space or a tab in
// U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE, so that the
// name reads back whole; gettext 0.21 (libgettextpo here) knows nothing of
// it, and is handed the name already enclosed.
constexpr std::string_view kIsolateOpen = "\xE2\x81\xA8", kIsolateClose = "\xE2\x81\xA9";

std::string isolated_if_needed(const Reference& r) {
  if (!needs_isolates(r.file(), r.line > 0)) return std::string(r.file());
  return std::string(kIsolateOpen).append(r.file()).append(kIsolateClose);
}

// A format flag libgettextpo knows ("c-format", "no-python-format"); one it
// does not ("C-format") it would drop, so it is an ordinary flag, written as
// it is, and the catalog reads back the same.
bool is_format_or_range_flag(std::string_view flag) {
  int lo, hi;
  if (std::sscanf(std::string(flag).c_str(), "range: %d..%d", &lo, &hi) == 2) return true;
  if (flag.size() <= 7 || !flag.ends_with("-format")) return false;
  std::string_view name = flag.starts_with("no-") ? flag.substr(3) : flag;
  for (const char* const* known = po_format_list(); *known; ++known)
    if (name == *known) return true;
  return false;
}

po_message_t to_po_message(const Message& m) {
  po_message_t pm = po_message_create();
  if (m.msgctxt) po_message_set_msgctxt(pm, m.msgctxt->c_str());
  po_message_set_msgid(pm, m.msgid.c_str());
  if (m.extras().msgid_plural) {
    po_message_set_msgid_plural(pm, m.extras().msgid_plural->c_str());
    for (std::size_t i = 0; i < std::max<std::size_t>(m.msgstr.size(), 1); ++i)
      po_message_set_msgstr_plural(pm, static_cast<int>(i), i < m.msgstr.size() ? m.msgstr[i].c_str() : "");
  } else {
    po_message_set_msgstr(pm, m.msgstr.empty() ? "" : m.msgstr[0].c_str());
  }
  if (!m.extras().translator_comments.empty()) po_message_set_comments(pm, join_lines(m.extras().translator_comments).c_str());
  if (!m.extracted_comments.empty())
    po_message_set_extracted_comments(pm, join_lines(m.extracted_comments).c_str());
  for (const auto& r : m.references)
    po_message_add_filepos(pm, isolated_if_needed(r).c_str(),
                           r.line > 0 ? static_cast<size_t>(r.line) : static_cast<size_t>(-1));
  for (const auto& f : m.extras().flags) {
    std::string_view flag = f;
    int lo, hi;
    if (is_format_or_range_flag(flag) && flag.ends_with("-format")) {
      bool negated = flag.substr(0, 3) == "no-";
      po_message_set_format(pm, std::string(flag.substr(negated ? 3 : 0)).c_str(), negated ? 0 : 1);
    } else if (std::sscanf(f.c_str(), "range: %d..%d", &lo, &hi) == 2) {
      po_message_set_range(pm, lo, hi);
    }
    // Other flags ("no-wrap", custom ones) have no setter in libgettextpo's API.
  }
  po_message_set_fuzzy(pm, m.fuzzy && has_translation(m));
  if (m.extras().prev_msgctxt) po_message_set_prev_msgctxt(pm, m.extras().prev_msgctxt->c_str());
  if (m.extras().prev_msgid) po_message_set_prev_msgid(pm, m.extras().prev_msgid->c_str());
  if (m.extras().prev_msgid_plural) po_message_set_prev_msgid_plural(pm, m.extras().prev_msgid_plural->c_str());
  po_message_set_obsolete(pm, m.obsolete);
  return pm;
}



// The same bytes without libgettextpo, for the catalogs this tool handles:
// UTF-8, no format or range flags. A straight port of write-po.c (gettext
// 0.21, default style: no --indent, --escape or --no-wrap, width 79) that
// breaks lines by libunistring's rules, as gettext does (po/linebreak.h);
// libgettextpo spends most of its time in per-byte iconv and stream calls
// around that.
// catalog_test holds the two paths, and msgcat, to the same output.

constexpr int kPageWidth = 79;

// What follows the backslash when a byte is written as an escape, or 0.
constexpr std::array<char, 256> kEscaped = [] {
  std::array<char, 256> e{};
  e['\a'] = 'a';
  e['\b'] = 'b';
  e['\f'] = 'f';
  e['\n'] = 'n';
  e['\r'] = 'r';
  e['\t'] = 't';
  e['\v'] = 'v';
  e['\\'] = '\\';
  e['"'] = '"';
  return e;
}();


bool plain_utf8(std::string_view s) {
  // Both questions in one pass over the ASCII words that make up most of a
  // catalog: this runs over every string of it before each write.
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8)
    if (std::uint64_t w = load_word(s.data() + i); (w & kHighBits) != 0 || zero_bytes(w) != 0) break;
  s.remove_prefix(i);
  return s.find('\0') == std::string_view::npos && find_invalid_utf8(s) == std::string_view::npos;
}

// True when the fast writer produces libgettextpo's bytes for `cat`.
bool fast_writable(const Catalog& cat) {
  std::string_view cs = declared_charset(cat);
  if (cs.size() != 5 || strncasecmp(cs.data(), "UTF-8", 5) != 0) return false;
  auto all_plain = [](const std::vector<std::string>& v) { return std::all_of(v.begin(), v.end(), plain_utf8); };
  auto opt_plain = [](const std::optional<std::string>& s) { return !s || plain_utf8(*s); };
  if (!plain_utf8(cat.header) || !all_plain(cat.header_comments)) return false;
  for (const auto& m : cat.messages) {
    const MessageExtras& x = m.extras();
    if (std::any_of(x.flags.begin(), x.flags.end(), [](const std::string& f) { return is_format_or_range_flag(f); }))
      return false;
    if (!opt_plain(m.msgctxt) || !plain_utf8(m.msgid) || !opt_plain(x.msgid_plural) || !all_plain(m.msgstr) ||
        !all_plain(x.translator_comments) || !all_plain(m.extracted_comments) || !opt_plain(x.prev_msgctxt) ||
        !opt_plain(x.prev_msgid) || !opt_plain(x.prev_msgid_plural))
      return false;
    for (const auto& r : m.references)
      if (!plain_utf8(r.file())) return false;
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
    const MessageExtras& x = m.extras();
    comment_lines("#", x.translator_comments);
    comment_lines("#.", m.extracted_comments);
    references(m.references);
    if (fuzzy) out_ += "#, fuzzy\n";
    std::string_view prev = m.obsolete ? "#~| " : "#| ";
    if (x.prev_msgctxt) wrap(prev, "msgctxt", *x.prev_msgctxt);
    if (x.prev_msgid) wrap(prev, "msgid", *x.prev_msgid);
    if (x.prev_msgid_plural) wrap(prev, "msgid_plural", *x.prev_msgid_plural);
    std::string_view prefix = m.obsolete ? "#~ " : "";
    if (m.msgctxt) wrap(prefix, "msgctxt", *m.msgctxt);
    wrap(prefix, "msgid", m.msgid);
    if (!x.msgid_plural) {
      wrap(prefix, "msgstr", m.msgstr.empty() ? std::string_view{} : std::string_view(m.msgstr[0]));
      return;
    }
    wrap(prefix, "msgid_plural", *x.msgid_plural);
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
    // Most messages have a few references, which a scan of those before
    // checks for repeats faster than a set built for each message.
    constexpr std::size_t kScanned = 16;
    std::set<std::pair<std::string_view, int>> seen;
    for (std::size_t k = 0; k < refs.size(); ++k) {
      const Reference& r = refs[k];
      int line = r.line > 0 ? r.line : -1;
      auto same = [&](const Reference& o) { return (o.line > 0 ? o.line : -1) == line && o.file() == r.file(); };
      if (refs.size() <= kScanned ? std::any_of(refs.begin(), refs.begin() + k, same)
                                  : refs.size() > 1 && !seen.emplace(r.file(), line).second)
        continue;
      std::string_view file = r.file();
      while (file.size() >= 2 && file[0] == '.' && file[1] == '/') file.remove_prefix(2);
      char number[16] = ":";
      const std::string_view suffix(number, line > 0 ? std::to_chars(number + 1, std::end(number), line).ptr - number : 0);
      std::size_t len = file.size() + suffix.size() + 1;
      if (column > 2 && column + len > static_cast<std::size_t>(kPageWidth)) {
        out_ += "\n#:";
        column = 2;
      }
      // As in write-po.c, the isolates take no columns.
      out_ += ' ';
      if (needs_isolates(file, !suffix.empty())) {
        out_ += kIsolateOpen;
        out_ += file;
        out_ += kIsolateClose;
      } else {
        out_ += file;
      }
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
    bool first_line = true;
    std::size_t s = 0;
    do {
      std::size_t es = value.find('\n', s);
      es = es == std::string_view::npos ? value.size() : es + 1;
      portion_.clear();
      overrides_.clear();
      for (std::size_t i = s; i < es;) {
        // A run of ASCII that needs no escape goes in at once.
        std::size_t plain = i;
        while (plain < es && static_cast<unsigned char>(value[plain]) < 0x80 &&
               !kEscaped[static_cast<unsigned char>(value[plain])])
          ++plain;
        portion_.append(value.substr(i, plain - i));
        overrides_.append(plain - i, static_cast<char>(UC_BREAK_UNDEFINED));
        i = plain;
        if (i == es) break;
        const char c = value[i];
        if (const char escaped = kEscaped[static_cast<unsigned char>(c)]) {
          portion_ += '\\';
          portion_ += escaped;
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
        // A value that does not fit on the keyword's line starts on the next
        // one (asked before the breaks are computed, when the answer does
        // not need them).
        const bool may_move = first_line && !portion_.empty();
        const bool next_line =
            may_move && (es < value.size() || startcol > width ||
                         any_linebreak(portion_, width, startcol, overrides_.data()).value_or(false));
        if (!next_line) {
          // A character is never wider in columns than in UTF-8 bytes, so a
          // portion that fits in bytes has no break: the rules are spared it.
          if (startcol + static_cast<int>(portion_.size()) <= width)
            std::fill(breaks_.begin(), breaks_.end(), static_cast<char>(UC_BREAK_UNDEFINED));
          else
            width_linebreaks(portion_, width, startcol, overrides_.data(), breaks_.data());
        }
        if (next_line || (may_move && std::memchr(breaks_.data(), UC_BREAK_POSSIBLE, breaks_.size()) != nullptr)) {
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

// Whether each comment reads back as the one "#" line comment_lines writes
// for it: one line, no control character (a '\r' at the end of a line is
// dropped), nothing the reader trims or joins (a backslash at the end joins
// the next line).
bool plain_comments(const std::vector<std::string>& comments) {
  return std::all_of(comments.begin(), comments.end(), [](const std::string& c) {
    return std::none_of(c.begin(), c.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20; }) &&
           !c.starts_with(' ') && !c.ends_with('\\');
  });
}

// Whether each reference reads back as itself: "file:line" with a line, and
// a file name the writer neither shortens ("./"), encloses nor splits. No
// blank, so no isolates either (needs_isolates with a line).
bool plain_references(const std::vector<Reference>& refs) {
  return std::all_of(refs.begin(), refs.end(), [](const Reference& r) {
    std::string_view file = r.file();
    return r.line > 0 && !file.empty() && !file.starts_with("./") &&
           std::none_of(file.begin(), file.end(), [](char ch) {
             return static_cast<unsigned char>(ch) <= 0x20 || ch == ':' || ch == '\x7f';
           });
  });
}

// The msgstr fields as message() writes them: one without a plural, else
// at least one.
bool same_msgstr(const Message& m, const std::vector<std::string>& read) {
  std::size_t n = m.extras().msgid_plural ? std::max<std::size_t>(m.msgstr.size(), 1) : 1;
  if (read.size() != n) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (read[i] != (i < m.msgstr.size() ? std::string_view(m.msgstr[i]) : std::string_view{})) return false;
  return true;
}

// Entries are written in slices on every core (write_in_slices): each
// slice's writer starts as if an entry came before it, and a blank line at
// the very start (no header, nothing before) is dropped.
void format_po_fast(const Catalog& cat, TextSink& out) {
  std::string head;
  if (has_header(cat)) PoWriter(head, false).message(header_message(cat));
  out.write(head);
  // gettext writes the obsolete entries last, whatever the order.
  std::vector<const Message*> order;
  order.reserve(cat.messages.size());
  for (const auto& m : cat.messages)
    if (!m.obsolete) order.push_back(&m);
  for (const auto& m : cat.messages)
    if (m.obsolete) order.push_back(&m);
  struct FirstBlankDropped final : TextSink {
    FirstBlankDropped(TextSink& to, bool none) : out(to), dropped(none) {}
    TextSink& out;
    bool dropped;
    void write(std::string_view text) override {
      if (!dropped && !text.empty()) {
        if (text.starts_with('\n')) text.remove_prefix(1);
        dropped = true;
      }
      out.write(text);
    }
  } entries(out, has_header(cat));
  write_in_slices(order.size(), 4096, entries, [&](std::size_t begin, std::size_t end, std::string& text) {
    PoWriter writer(text, true);
    for (std::size_t j = begin; j < end; ++j) writer.message(*order[j]);
  });
}

}  // namespace

bool formats_itself(const Catalog& cat) { return fast_writable(cat); }

Message header_message(const Catalog& cat) {
  Message h;
  h.edit_extras().translator_comments = cat.header_comments;
  h.msgstr = {cat.header};
  h.fuzzy = cat.header_fuzzy;
  return h;
}

std::string format_entry(const Message& m) {
  std::string out;
  PoWriter(out, false).message(m);
  if (out.ends_with('\n')) out.pop_back();
  return out;
}

std::optional<bool> reads_back_as(const Message& m, const Message& read) {
  if (!plain_comments(m.extras().translator_comments) || !plain_comments(m.extracted_comments) ||
      !plain_references(m.references))
    return std::nullopt;
  // The writer drops a repeated reference; so does the reader: the lists
  // differ in length then, and only a reading tells.
  if (m.references.size() != read.references.size()) return std::nullopt;
  return read.msgid == m.msgid && read.msgctxt == m.msgctxt && read.extras().msgid_plural == m.extras().msgid_plural &&
         same_msgstr(m, read.msgstr) && read.fuzzy == (m.fuzzy && has_translation(m)) && read.extras().flags.empty() &&
         read.obsolete == m.obsolete && read.references == m.references &&
         read.extras().translator_comments == m.extras().translator_comments && read.extracted_comments == m.extracted_comments &&
         read.extras().prev_msgctxt == m.extras().prev_msgctxt && read.extras().prev_msgid == m.extras().prev_msgid &&
         read.extras().prev_msgid_plural == m.extras().prev_msgid_plural;
}

std::string format_po_gettext(const Catalog& cat) {
  std::unique_ptr<po_file, PoFileDeleter> file(po_file_create());
  po_message_iterator_t it = po_message_iterator(file.get(), nullptr);
  if (has_header(cat)) {
    Message h;
    h.edit_extras().translator_comments = cat.header_comments;
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
  if (fd < 0) throw Error("", 0, 0, format(tr("cannot write PO text to memory: %s"), system_error_text(errno).c_str()));
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
      throw Error("", 0, 0, format(tr("cannot read formatted PO text: %s"), system_error_text(errno).c_str()));
    }
    if (got == 0) break;
    out.append(buf, static_cast<std::size_t>(got));
    off += got;
  }
  return out;
}

void write_in_slices(std::size_t items, std::size_t slice, TextSink& out,
                     const std::function<void(std::size_t, std::size_t, std::string&)>& make) {
  const std::size_t slices = (items + slice - 1) / slice;
  const std::size_t batch = 2 * std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string> built(std::min(batch, slices));
  for (std::size_t first = 0; first < slices; first += batch) {
    const std::size_t count = std::min(batch, slices - first);
    parallel_for(count, 0, [&](std::size_t k) {
      const std::size_t s = first + k;
      make(s * slice, std::min(items, (s + 1) * slice), built[k]);
    });
    for (std::size_t k = 0; k < count; ++k) {
      out.write(built[k]);
      built[k].clear();
    }
  }
}

void format_po(const Catalog& cat, TextSink& out) {
  if (fast_writable(cat)) format_po_fast(cat, out);
  else out.write(format_po_gettext(cat));
}

std::string format_po(const Catalog& cat) {
  StringSink sink;
  format_po(cat, sink);
  return std::move(sink.text);
}

std::optional<std::string> reference_problem(std::string_view file) {
  for (std::size_t i = 0; i < file.size();) {
    char32_t cp = 0;
    std::size_t n = decode_code_point(file, i, cp);
    if (n == 0) return tr("the name is not UTF-8, as a PO file is");
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
      return format(tr("the name holds a control character (%s), which cannot be written in a PO reference ('#:')"),
                    visible_controls(file.substr(i, n)).c_str());
    if (cp == 0x2068 || cp == 0x2069)
      return format(tr("the name holds %s, which PO references ('#:') use to enclose names with spaces"),
                    visible_controls(file.substr(i, n)).c_str());
    i += n;
  }
  return std::nullopt;
}

void write_po(const std::string& fs_path, const Catalog& cat) {
  std::string text = format_po(cat);
  // Only a regular file is read: a FIFO would block, and write_file_atomic
  // refuses to replace anything else anyway.
  std::error_code ec;
  if (std::filesystem::symlink_status(fs_path, ec).type() == std::filesystem::file_type::regular)
    text = keep_unchanged_entries(read_file(fs_path, fs_path), std::move(text));
  write_file_atomic(fs_path, text);
}

}  // namespace l10n
