#include "po/reader.h"

#include <strings.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iterator>
#include <numeric>
#include <optional>
#include <utility>

#include "base/error.h"
#include "base/files.h"
#include "base/key_index.h"
#include "base/source_text.h"
#include "base/tr.h"
#include "base/words.h"

namespace l10n {

// ---------------------------------------------------------------------------
// Reading. A strict parser of our own rather than libgettextpo's: it keeps the
// line of every entry (for diagnostics downstream) and is several times faster.

namespace {

// The entries read so far by the hash of their key (msgctxt, msgid), as
// indices into the catalog: comparing in place saves a copy of every msgid.
// Open addressing, a slot of 8 bytes an entry: no node to allocate, free
// and chase. A slot holds the hash's high half and the index; the half is
// also where the probe starts, so growing needs no key hashed again.
class EntryIndex {
 public:
  static constexpr std::size_t kHeader = static_cast<std::size_t>(-1);
  static constexpr std::size_t kNone = static_cast<std::size_t>(-2);

  explicit EntryIndex(std::size_t expected) {
    resize(std::bit_ceil(std::max<std::size_t>(16, expected + expected / 2)));
  }

  // The entry noted under `hash` that `same` accepts, or else kNone after
  // noting `index` (an index into the messages, or kHeader) under it.
  template <class Same>
  std::size_t find_or_add(std::size_t hash, std::size_t index, Same same) {
    if ((used_ + 1) * 4 > slots_.size() * 3) resize(slots_.size() * 2);
    const std::uint64_t high = hash >> 32;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = high & mask;; i = (i + 1) & mask) {
      std::uint64_t slot = slots_[i];
      if (slot == 0) {
        slots_[i] = high << 32 | encode(index);
        ++used_;
        return kNone;
      }
      if (slot >> 32 == high && same(decode(slot))) return decode(slot);
    }
  }

  void prefetch(std::size_t hash) const { __builtin_prefetch(&slots_[(hash >> 32) & (slots_.size() - 1)]); }

 private:
  // 0 is an empty slot, 1 the header, 2… the messages: a catalog has far
  // fewer than 2^32 entries (each takes some 20 bytes of text at least).
  static std::uint64_t encode(std::size_t index) { return index == kHeader ? 1 : index + 2; }
  static std::size_t decode(std::uint64_t slot) {
    std::uint32_t low = static_cast<std::uint32_t>(slot);
    return low == 1 ? kHeader : low - 2;
  }

  void resize(std::size_t size) {
    std::vector<std::uint64_t> old = std::exchange(slots_, std::vector<std::uint64_t>(size));
    const std::size_t mask = size - 1;
    for (std::uint64_t slot : old) {
      if (slot == 0) continue;
      std::size_t i = (slot >> 32) & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  std::vector<std::uint64_t> slots_;
  std::size_t used_ = 0;
};

// The names in the "#:" lines of one PO file, each made once and shared by
// all its references: a catalog names each page of a site many times, and
// the same one often twice in a row.
class NameTable {
 public:
  SharedName get(std::string_view name) {
    if (name == last_.view()) return last_;
    std::optional<std::size_t> number = index_.find(name);
    if (!number) {
      number = names_.size();
      names_.emplace_back(name);
      index_.insert(names_.back().view());  // views the shared text, which does not move
    }
    return last_ = names_[*number];
  }

 private:
  std::vector<SharedName> names_;
  KeyIndex<std::string_view, std::hash<std::string_view>> index_;  // numbers names_
  SharedName last_;
};

// gettext keeps one of repeated references. A short list is searched
// through; once an entry has many (a phrase on every page of a site has
// thousands), a hash table of positions in the list keeps this linear.
// The names come from one NameTable: one name is one allocation, so the
// address stands for the text.
class ReferenceSet {
 public:
  // Appends `ref` to `refs` unless it holds it already. `refs` only grows
  // until forget().
  void add(std::vector<Reference>& refs, Reference&& ref) {
    if (refs.size() < kScanned) {
      for (const Reference& r : refs)
        if (same(r, ref)) return;
      refs.push_back(std::move(ref));
      return;
    }
    if ((refs.size() + 1) * 2 > slots_.size() || indexed_ != refs.size()) rebuild(refs);
    std::size_t i = find(refs, ref);
    if (slots_[i] != 0) return;
    refs.push_back(std::move(ref));
    slots_[i] = static_cast<std::uint32_t>(refs.size());
    indexed_ = refs.size();
  }

  void forget() { indexed_ = 0; }

 private:
  static constexpr std::size_t kScanned = 16;

  static bool same(const Reference& a, const Reference& b) {
    return a.line == b.line && a.shared_file().shares(b.shared_file());
  }

  static std::size_t hash(const Reference& r) {
    // A slot is picked by the bottom bits, where an address has zeros: the
    // multiply mixes the address into the top half, and the rotation brings it down.
    const std::size_t h = reinterpret_cast<std::uintptr_t>(r.file().data()) * 0x9E3779B97F4A7C15u;
    return (h >> 32 | h << 32) ^ static_cast<std::size_t>(r.line) * 0xC2B2AE3D27D4EB4Fu;
  }

  // The slot that holds `ref`'s position in `refs` (1-based), or the empty one where it would go.
  std::size_t find(const std::vector<Reference>& refs, const Reference& ref) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hash(ref) & mask;
    while (slots_[i] != 0 && !same(refs[slots_[i] - 1], ref)) i = (i + 1) & mask;
    return i;
  }

  void rebuild(const std::vector<Reference>& refs) {
    slots_.assign(std::bit_ceil(std::max<std::size_t>(64, refs.size() * 4)), 0);
    for (std::size_t k = 0; k < refs.size(); ++k) slots_[find(refs, refs[k])] = static_cast<std::uint32_t>(k + 1);
    indexed_ = refs.size();
  }

  std::vector<std::uint32_t> slots_;  // 1-based positions in the list, 0 for none
  std::size_t indexed_ = 0;           // how many of the list the slots hold
};

// How many entries `src` has, about: its lines that start with a msgid,
// obsolete or not. A scan of the line index, not of the text.
std::size_t count_entries(const SourceText& src) {
  std::string_view text = src.bytes();
  auto starts_msgid = [&](std::size_t at) {
    std::string_view rest = text.substr(at, 9);
    if (rest.starts_with("#~ ")) rest.remove_prefix(3);
    return rest.starts_with("msgid ");
  };
  std::size_t n = starts_msgid(src.content_begin());
  for (int l = 2; l <= src.lines().line_count(); ++l) n += starts_msgid(src.lines().line_start(l));
  return n;
}

class PoParser {
 public:
  // Text read whole into `cat`. `expected`: about how many entries it has,
  // to make the lists at their size at once.
  PoParser(const SourceText& src, Catalog& cat, PoContent keep, EntrySpans* spans, std::size_t expected)
      : path_(src.path()), text_(src.bytes()), cat_(cat), keep_(keep), spans_(spans), seen_(expected) {
    cat_.messages.reserve(expected);
    if (spans_) spans_->messages.reserve(expected);
    pos_ = block_begin_ = src.content_begin();
  }

  // A file read a block at a time: its entries after the header go to
  // `take`, the header to `cat`.
  PoParser(FileReader& file, const std::string& path, Catalog& cat, const std::function<void(Message&&)>& take,
           std::size_t block_size)
      : path_(path), file_(&file), take_(&take), block_size_(block_size), cat_(cat), keep_(PoContent::Translations),
        spans_(nullptr), seen_(0) {}

  void parse() {
    std::string joined;
    while (pos_ < text_.size() || next_block()) {
      line_ = line_number_ + 1;
      const std::size_t line_begin = pos_;
      std::string_view l = next_line();
      // gettext's lexer drops every backslash-newline, as C does.
      if (!l.empty() && l.back() == '\\' && pos_ < text_.size()) {
        joined.assign(l.substr(0, l.size() - 1));
        for (;;) {
          std::string_view more = next_line();
          if (more.empty() || more.back() != '\\' || pos_ >= text_.size()) {
            joined += more;
            break;
          }
          joined += more.substr(0, more.size() - 1);
        }
        l = joined;
      }
      line_text_ = l;
      line_span_ = {line_begin, line_end_};
      parse_line(l);
    }
    finish_entry();
    if (!file_) check_charset();
  }

 private:
  // Which string the next continuation line ("…") appends to.
  enum class Field { none, msgctxt, msgid, msgid_plural, msgstr, prev_msgctxt, prev_msgid, prev_msgid_plural };
  enum class Stage { comments, msgctxt, msgid, msgid_plural, msgstr };
  enum class Charset { Unknown, Utf8, Ascii };

  [[noreturn]] void fail(const std::string& msg) const { throw Error(path_, line_, 0, msg); }

  // The line at pos_, without its line break; moves past it.
  std::string_view next_line() {
    ++line_number_;
    const std::size_t begin = pos_;
    std::size_t end = line_end_at(begin);
    pos_ = end < text_.size() ? end + 1 : end;
    if (end > begin && text_[end - 1] == '\r') --end;
    line_end_ = end;
    return text_.substr(begin, end - begin);
  }

  // Where the line that holds `at` ends: its '\n', or the end of the text.
  std::size_t line_end_at(std::size_t at) const {
    const void* nl = std::memchr(text_.data() + at, '\n', text_.size() - at);
    return nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text_.data()) : text_.size();
  }

  // ---- A file a block at a time ----
  // The text is the block: whole lines, the last of them not continued by
  // a backslash, so that no line and no joined line spans two blocks and
  // a block ends where the parse may stop. A line is read whole however
  // long it is.

  // Makes the next block the text; false at the end of the file.
  bool next_block() {
    if (!file_) return false;
    if (charset_ == Charset::Unknown && !early_high_)
      if (auto at = first_high_byte()) early_high_ = block_at(*at);
    block_.erase(0, text_.size());
    block_first_line_ = line_number_ + 1;
    pos_ = 0;
    std::size_t cut = block_cut(0);
    while (cut == std::string::npos && !at_end_) {
      const std::size_t searched = block_.size();
      file_->read(read_at_, block_size_, chunk_);
      read_at_ += chunk_.size();
      at_end_ = chunk_.size() < block_size_;
      block_ += chunk_;
      cut = block_cut(searched);
    }
    if (block_first_line_ == 1 && block_.starts_with("\xEF\xBB\xBF")) pos_ = 3;  // the file's start
    block_begin_ = pos_;
    text_ = std::string_view(block_).substr(0, cut == std::string::npos ? block_.size() : cut);
    if (text_.empty()) return false;
    if (std::size_t bad = find_text_fault(text_); bad != std::string::npos)
      fail_at(bad, text_fault_message(text_, bad));
    if (charset_ == Charset::Ascii) refuse_high_bytes();
    return pos_ < text_.size();
  }

  // Where the block may end: after its last line feed, at `from` or past
  // it, that no backslash before it continues; npos when there is none.
  // (Only what was read since the last search is searched: a long line
  // costs one pass.)
  std::size_t block_cut(std::size_t from) const {
    std::string_view b(block_);
    for (std::size_t end = b.size(); end > from;) {
      std::size_t nl = b.substr(from, end - from).rfind('\n');
      if (nl == std::string::npos) break;
      nl += from;
      std::size_t last = nl > 0 && b[nl - 1] == '\r' ? nl - 1 : nl;
      if (last == 0 || b[last - 1] != '\\') return nl + 1;
      end = nl;
    }
    return std::string::npos;
  }

  // An error at byte `at` of the text (the block, or the whole file), with
  // its line and column in the file.
  [[noreturn]] void fail_at(std::size_t at, std::string message) const {
    LineCol lc = block_at(at);
    throw Error(path_, lc.line, lc.col, std::move(message));
  }

  LineCol block_at(std::size_t at) const {
    LineCol lc = LineIndex(text_).at(at);
    return {block_first_line_ + lc.line - 1, lc.col};
  }

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
    throw Error(path_, line_, column_of(t.data() + escape_begin),
                format(tr("'%s' is a NUL character, which gettext cuts the string at; remove it"), escape.c_str()));
  }

  // Where the first of `cs` is in s from `i` on, or s.size(). Eight bytes
  // at a time (base/words.h): most of a line is the long file names of "#:"
  // lines or text.
  template <char... cs>
  static std::size_t find_first(std::string_view s, std::size_t i) {
    for (; i + 8 <= s.size(); i += 8) {
      const std::uint64_t w = load_word(s.data() + i);
      if (std::uint64_t found = (zero_bytes(w ^ byte_times(static_cast<unsigned char>(cs))) | ...))
        return i + byte_index(found);
    }
    while (i < s.size() && ((s[i] != cs) && ...)) ++i;
    return i;
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
      parse_comment(l.substr(static_cast<std::size_t>(t.data() - l.data())));
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
    if (keep_ != PoContent::Everything && (seen_header_ || messages_ > 0)) {
      bool source_comment = kind == '.' || kind == ':';
      if (keep_ == PoContent::Translations ? kind != ',' && kind != '|' : source_comment) return;
    }
    switch (kind) {
      case '.':
        if (!body.empty() && body.front() == ' ') body.remove_prefix(1);
        extracted_comments_.emplace_back(body);
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
        translator_comments_.emplace_back(c);
      }
    }
  }

  // A name enclosed in U+2068 … U+2069 may hold spaces (gettext 0.22 writes
  // them so); any other name ends at a space or a tab.
  static constexpr std::string_view kIsolateOpen = "\xE2\x81\xA8", kIsolateClose = "\xE2\x81\xA9";

  void parse_references(std::string_view body) {
    // Names are only searched for U+2068/U+2069 on a line that may hold them.
    const bool isolates = body.find(kIsolateOpen[0]) != std::string_view::npos;
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
      i = find_first<' ', '\t'>(body, i);
      add_reference(isolated, body.substr(start, i - start), isolates);
    }
  }

  // `name` of an isolated reference, `tok` the rest: "file:line" or ":line".
  void add_reference(std::string_view name, std::string_view tok, bool isolates) {
    std::size_t colon = tok.rfind(':');
    int line = 0;
    if (colon != std::string_view::npos && colon + 1 < tok.size() && tok.size() - colon - 1 < 10 &&
        std::all_of(tok.begin() + static_cast<std::ptrdiff_t>(colon) + 1, tok.end(),
                    [](char c) { return c >= '0' && c <= '9'; })) {
      for (char c : tok.substr(colon + 1)) line = line * 10 + (c - '0');
    }
    // Line 0 means "no line" in Reference; an explicit ":0" (Transifex
    // writes them) stays in the file name so that it is written back.
    std::string_view file = line != 0 ? tok.substr(0, colon) : tok;
    if (!name.empty()) file = joined_name_.assign(name).append(file);
    // U+2068/U+2069 enclose a name in "#:" lines; a name that holds one
    // cannot be written back so that it reads the same.
    if (isolates && (file.find(kIsolateOpen) != std::string_view::npos ||
                     file.find(kIsolateClose) != std::string_view::npos))
      fail(tr("a file name in a '#:' reference holds U+2068 or U+2069, which enclose names there"));
    reference_set_.add(references_, Reference(names_.get(file), line));
  }

  void parse_flags(std::string_view body) {
    // gettext's reader lets the last "#," line win; so do we.
    cur_.fuzzy = false;
    if (!cur_.extras().flags.empty()) cur_.edit_extras().flags.clear();
    std::size_t pos = 0;
    while (pos <= body.size()) {
      std::size_t comma = body.find(',', pos);
      if (comma == std::string_view::npos) comma = body.size();
      std::string_view flag = trim(body.substr(pos, comma - pos));
      pos = comma + 1;
      if (flag.empty()) continue;
      if (flag == "fuzzy") {
        cur_.fuzzy = true;
      } else if (const auto& flags = cur_.extras().flags; std::find(flags.begin(), flags.end(), flag) == flags.end()) {
        cur_.edit_extras().flags.emplace_back(flag);
      }
    }
  }

  void parse_previous(std::string_view t) {
    if (t.front() == '"') {
      if (field_ < Field::prev_msgctxt) fail(tr("continuation string in '#|' without a previous field"));
      append_string(t);
      return;
    }
    std::string_view kw = t.substr(0, find_first<' ', '\t'>(t, 0));
    std::string_view rest = trim(t.substr(kw.size()));
    if (kw == "msgctxt") start_field(Field::prev_msgctxt, cur_.edit_extras().prev_msgctxt.emplace(), rest);
    else if (kw == "msgid") start_field(Field::prev_msgid, cur_.edit_extras().prev_msgid.emplace(), rest);
    else if (kw == "msgid_plural") start_field(Field::prev_msgid_plural, cur_.edit_extras().prev_msgid_plural.emplace(), rest);
    else fail(format(tr("unknown keyword '%s' in '#|' comment"), std::string(kw).c_str()));
  }

  void parse_keyword(std::string_view t, bool obsolete) {
    if (t.front() == '"') {
      if (field_ == Field::none || field_ >= Field::prev_msgctxt || obsolete != cur_.obsolete)
        fail(tr("string without a keyword"));
      append_string(t);
      return;
    }
    std::string_view kw = t.substr(0, find_first<' ', '\t', '['>(t, 0));
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
      start_field(Field::msgid_plural, cur_.edit_extras().msgid_plural.emplace(), trim(rest));
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
        if (stage_ == Stage::msgstr && !cur_.extras().msgid_plural) fail(tr("'msgstr[]' without 'msgid_plural'"));
        rest = trim(rest.substr(close + 1));
      } else {
        if (stage_ == Stage::msgid_plural) fail(tr("expected 'msgstr[0]' after 'msgid_plural'"));
        if (stage_ != Stage::msgid) fail(tr("'msgstr' without 'msgid'"));
      }
      if (stage_ != Stage::msgstr) {
        // The key is complete: the index's slot for it is fetched while the
        // msgstr is read.
        if (!take_) {
          key_hash_ = MessageKeyHash{}(MessageKey(cur_));
          seen_.prefetch(key_hash_);
        }
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
    // Made at its size once rather than grown line by line.
    target.reserve(rest.size() - std::min<std::size_t>(rest.size(), 2) + continued_bytes());
    append_string(rest);
  }

  // At most how many bytes the strings on the lines after this one, up to
  // the first line that is no string ("…", "#~ …", "#| …"), decode to.
  std::size_t continued_bytes() const {
    std::size_t n = 0;
    for (std::size_t next = pos_; next < text_.size();) {
      const std::size_t line_end = line_end_at(next);
      std::size_t at = skip_blanks(next);
      next = line_end + 1;
      if (at < text_.size() && text_[at] == '#') {
        ++at;
        if (at < text_.size() && text_[at] == '~') ++at;
        if (at < text_.size() && text_[at] == '|') ++at;
        at = skip_blanks(at);
      }
      if (at >= text_.size() || text_[at] != '"') break;
      std::size_t end = line_end;
      if (end > at && text_[end - 1] == '\r') --end;
      n += end - at - std::min<std::size_t>(end - at, 2);
    }
    return n;
  }

  std::size_t skip_blanks(std::size_t at) const {
    while (at < text_.size() && (text_[at] == ' ' || text_[at] == '\t')) ++at;
    return at;
  }

  // Appends one quoted C string, with gettext's escapes, to the current field.
  void append_string(std::string_view t) {
    std::string& out = *target_;
    if (t.size() < 2 || t.front() != '"') fail(tr("expected a string"));
    std::size_t i = 1;
    for (;;) {
      if (i >= t.size()) fail(tr("end-of-line within string"));
      // The bytes up to the next quote or backslash go in at once.
      std::size_t run_end = find_first<'"', '\\'>(t, i);
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
    bool is_header = cur_.msgid.empty() && !cur_.msgctxt && !cur_.obsolete && !seen_header_ && messages_ == 0;
    if (take_) {
      // Read a block at a time, a catalog starts with its header (it says
      // how to read the rest), and whoever takes the entries finds their
      // duplicates, but for the header's.
      if (!is_header && !seen_header_) require_header_entry(cat_, path_);
      if (!is_header && !cur_.msgctxt && cur_.msgid.empty()) throw duplicate_entry(path_, cur_.line, header_line_);
    } else {
      std::size_t first = seen_.find_or_add(key_hash_, is_header ? EntryIndex::kHeader : cat_.messages.size(),
                                            [&](std::size_t i) { return same_key(i); });
      if (first != EntryIndex::kNone)
        throw duplicate_entry(path_, cur_.line, first == EntryIndex::kHeader ? header_line_ : cat_.messages[first].line);
    }
    if (spans_ && is_header) spans_->header = entry_span_;
    else if (spans_) spans_->messages.push_back(entry_span_);
    if (!translator_comments_.empty()) move_list(translator_comments_, cur_.edit_extras().translator_comments);
    move_list(extracted_comments_, cur_.extracted_comments);
    move_list(references_, cur_.references);
    if (is_header) {
      seen_header_ = true;
      header_line_ = cur_.line;
      cat_.header_comments = std::move(cur_.edit_extras().translator_comments);
      cat_.header = cur_.msgstr.empty() ? std::string() : std::move(cur_.msgstr[0]);
      cat_.header_fuzzy = cur_.fuzzy;
      if (take_) start_entries();
    } else if (take_) {
      if (escaped_high_) check_decoded(cur_);
      escaped_high_ = false;
      ++messages_;
      (*take_)(std::move(cur_));
    } else {
      cat_.messages.push_back(std::move(cur_));
      ++messages_;
    }
    reset();
  }

  // Once a file read a block at a time has its header: what its charset
  // says, for the entries after it, and the bytes read so far.
  void start_entries() {
    require_header_entry(cat_, path_);
    charset_ = header_charset();
    if (escaped_high_) check_decoded(cat_.header, header_line_);
    escaped_high_ = false;
    if (charset_ != Charset::Ascii) return;
    if (early_high_) throw Error(path_, early_high_->line, early_high_->col, no_charset_text());
    refuse_high_bytes();
  }

  // Whether the entry noted as `i` (an index into the messages, or the
  // header) has the current entry's msgctxt and msgid.
  bool same_key(std::size_t i) const {
    if (i == EntryIndex::kHeader) return !cur_.msgctxt && cur_.msgid.empty();
    const Message& first = cat_.messages[i];
    return first.msgctxt == cur_.msgctxt && first.msgid == cur_.msgid;
  }

  template <class T>
  static void move_list(std::vector<T>& from, std::vector<T>& to) {
    if (from.empty()) return;
    to.reserve(from.size());
    std::move(from.begin(), from.end(), std::back_inserter(to));
    from.clear();
  }

  void reset() {
    cur_ = Message{};
    translator_comments_.clear();
    extracted_comments_.clear();
    references_.clear();
    reference_set_.forget();
    stage_ = Stage::comments;
    field_ = Field::none;
    target_ = nullptr;
    has_keyword_ = false;
    entry_started_ = false;
  }

  // Escapes ("\336") may make bytes the file's own text does not hold:
  // gettext's writer drops what its charset cannot say, so such a string
  // would not come back. Strings are only read again when an escape made a
  // byte past ASCII: the file's own bytes are valid UTF-8 and a quote
  // cannot split a character.
  void check_decoded(const std::string& s, int line) const {
    const bool utf8 = charset_ == Charset::Utf8;
    if (utf8 ? find_invalid_utf8(s) == std::string::npos
             : std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
      return;
    throw Error(path_, line, 0,
                utf8 ? tr("an escape sequence makes a byte that is not UTF-8; write the character itself")
                     : tr("an escape sequence makes a non-ASCII byte in a file that declares no charset; add a "
                          "header entry with \"Content-Type: text/plain; charset=UTF-8\\n\""));
  }

  void check_decoded(const Message& m) const {
    const MessageExtras& x = m.extras();
    for (const auto* field : {&m.msgctxt, &x.msgid_plural, &x.prev_msgctxt, &x.prev_msgid, &x.prev_msgid_plural})
      if (*field) check_decoded(**field, m.line);
    check_decoded(m.msgid, m.line);
    for (const std::string& s : m.msgstr) check_decoded(s, m.line);
  }

  // UTF-8, or ASCII for a file that declares no charset: "CHARSET", the
  // placeholder of a fresh template (xgettext writes it), means ASCII to
  // gettext too, whose writer drops every other byte. Any other is refused.
  Charset header_charset() const {
    std::string cs(declared_charset(cat_));
    if (strcasecmp(cs.c_str(), "utf-8") == 0) return Charset::Utf8;
    if (!cs.empty() && cs != "CHARSET")
      throw Error(path_, header_line_, 0,
                  format(tr("charset '%s' is not supported; convert the file to UTF-8"), cs.c_str()));
    return Charset::Ascii;
  }

  static std::string no_charset_text() {
    return tr("non-ASCII text in a file that declares no charset; add a header entry with "
              "\"Content-Type: text/plain; charset=UTF-8\\n\"");
  }

  // The first byte past ASCII of the text (the block, or the whole file),
  // if any, from where its content begins (past a BOM).
  std::optional<std::size_t> first_high_byte() const {
    auto high = std::find_if(text_.begin() + static_cast<std::ptrdiff_t>(block_begin_), text_.end(),
                             [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (high == text_.end()) return std::nullopt;
    return static_cast<std::size_t>(high - text_.begin());
  }

  void refuse_high_bytes() const {
    if (auto at = first_high_byte()) fail_at(*at, no_charset_text());
  }

  // The text read whole: what its header says of it all.
  void check_charset() {
    charset_ = header_charset();
    if (charset_ == Charset::Ascii) {
      // Only a UTF-8 file can enclose a name in U+2068 … U+2069.
      for (const Message& m : cat_.messages)
        for (const Reference& r : m.references)
          if (needs_isolates(r.file(), r.line > 0))
            throw Error(path_, m.line, 0,
                        format(tr("the file name '%s' in a '#:' reference can only be written in a UTF-8 file; "
                                  "add a header entry with \"Content-Type: text/plain; charset=UTF-8\\n\""),
                               std::string(r.file()).c_str()));
      refuse_high_bytes();
    }
    if (!escaped_high_) return;
    check_decoded(cat_.header, header_line_);
    for (const Message& m : cat_.messages) check_decoded(m);
  }

  const std::string& path_;           // for errors
  FileReader* file_ = nullptr;        // the file read a block at a time, or null: the text read whole
  const std::function<void(Message&&)>* take_ = nullptr;  // its entries' taker
  std::size_t block_size_ = 0;        // how much to read at a time
  std::string_view text_;             // the whole text's bytes, or the block's
  std::string block_;                 // the block and what was read past it
  std::string chunk_;                 // the last read
  std::size_t read_at_ = 0;           // where the next read starts
  bool at_end_ = false;               // the file has no more to read
  int block_first_line_ = 1;
  std::size_t block_begin_ = 0;       // where the block's content starts (past a BOM)
  std::optional<LineCol> early_high_; // the first byte past ASCII before the charset was known
  Charset charset_ = Charset::Unknown;
  std::size_t messages_ = 0;          // entries after the header so far
  Catalog& cat_;
  PoContent keep_;
  EntrySpans* spans_;  // where to note each entry's bytes, or nullptr
  Message cur_;
  // The current entry's lists, made here and moved into it at its end: the
  // entry's own then takes one allocation at its size, and these keep
  // their room from entry to entry.
  std::vector<std::string> translator_comments_, extracted_comments_;
  std::vector<Reference> references_;
  ReferenceSet reference_set_;  // what references_ holds
  NameTable names_;             // of all the references
  std::string joined_name_;     // an isolated name and what follows it, as one
  Stage stage_ = Stage::comments;
  Field field_ = Field::none;
  std::string* target_ = nullptr;
  bool has_keyword_ = false;
  bool escaped_high_ = false;  // an escape made a byte of 0x80 or more
  bool seen_header_ = false;
  int header_line_ = 0;
  std::size_t pos_ = 0;         // where the next line starts
  int line_number_ = 0;         // the last line read
  std::size_t line_end_ = 0;    // where it ends, before its line break
  int line_ = 0;                // the line being parsed (the first of lines joined)
  std::string_view line_text_;  // its text, for columns
  Span line_span_;              // its bytes, from the first line it joins to the end of the last
  Span entry_span_;             // the current entry's bytes so far
  bool entry_started_ = false;
  EntryIndex seen_;
  std::size_t key_hash_ = 0;  // the current entry's key's, once its msgstr began
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
  PoParser(src, cat, keep, spans, count_entries(src)).parse();
  obsolete_last(cat, spans);
  return cat;
}

Catalog read_po_entries(const std::string& fs_path, const std::string& display_path,
                        const std::function<void(Message&&)>& take, std::size_t block_size) {
  FileReader file(fs_path, display_path);
  Catalog header;
  PoParser(file, display_path, header, take, std::max<std::size_t>(block_size, 1)).parse();
  require_header_entry(header, display_path);
  return header;
}

Error duplicate_entry(const std::string& display_path, int line, int first_line) {
  return Error(display_path, line, 0,
               format(tr("duplicate message definition (first defined at line %d)"), first_line));
}

void require_header_entry(const Catalog& cat, const std::string& display_path) {
  if (!cat.header.empty()) return;
  throw Error(display_path, 0, 0,
              tr("the PO file has no header entry; it may have been emptied or cut short: restore it from "
                 "version control, or delete it and run 'l10n extract'"));
}

}  // namespace l10n
