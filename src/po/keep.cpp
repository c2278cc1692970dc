#include "po/keep.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/key_index.h"
#include "base/parallel.h"
#include "base/source_text.h"
#include "po/catalog.h"
#include "po/reader.h"
#include "po/writer.h"

namespace l10n {

namespace {

// Takes the bytes rather than copying them: a large catalog's text weighs
// about as much as its parsed entries.
std::optional<PoText> read_text(std::string bytes) {
  try {
    return read_po_text(SourceText("", std::move(bytes)));
  } catch (const Error&) {
    return std::nullopt;
  }
}

// One entry of a text: the header (no message) or a message, and its bytes.
struct Entry {
  const Message* message = nullptr;
  Span span;
};

// The entries in the order of the text: the catalog has its obsolete
// entries last, wherever the file had them.
std::vector<Entry> entries_in_file_order(const PoText& r) {
  std::vector<Entry> out;
  out.reserve(r.cat.messages.size() + 1);
  if (r.spans.header) out.push_back({nullptr, *r.spans.header});
  for (std::size_t i = 0; i < r.cat.messages.size(); ++i) out.push_back({&r.cat.messages[i], r.spans.messages[i]});
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.span.begin < b.span.begin; });
  return out;
}

bool same_header_fields(const Catalog& a, const Catalog& b) {
  return a.header == b.header && a.header_comments == b.header_comments && a.header_fuzzy == b.header_fuzzy;
}

// The new text's side of a splice: its entries in the order written, what
// each reads as and its bytes.
class Fresh {
 public:
  virtual ~Fresh() = default;
  virtual std::size_t size() const = 0;
  // Entry i's message, for its key; nullptr for the header.
  virtual const Message* message(std::size_t i) const = 0;
  // Whether entry i reads as `old`; nullopt when it does not read at all
  // (then the whole new text would not, and nothing is kept).
  virtual std::optional<bool> same(std::size_t i, const Message& old) const = 0;
  virtual std::optional<bool> same_header(const Catalog& old) const = 0;
  // Entry i's bytes, with "\n" line breaks and none after its last line;
  // `scratch` may hold them.
  virtual std::string_view bytes(std::size_t i, std::string& scratch) const = 0;
};

// A new text already written out (keep_unchanged_entries).
class FreshText : public Fresh {
 public:
  explicit FreshText(const PoText& text) : text_(text), entries_(entries_in_file_order(text)) {}
  std::size_t size() const override { return entries_.size(); }
  const Message* message(std::size_t i) const override { return entries_[i].message; }
  std::optional<bool> same(std::size_t i, const Message& old) const override {
    return same_content(old, *entries_[i].message);
  }
  std::optional<bool> same_header(const Catalog& old) const override { return same_header_fields(old, text_.cat); }
  std::string_view bytes(std::size_t i, std::string&) const override {
    return text_.text.bytes().substr(entries_[i].span.begin, entries_[i].span.size());
  }

 private:
  const PoText& text_;
  const std::vector<Entry> entries_;
};

// A catalog not written yet (format_po_keeping): an entry is written only
// when the old one does not read the same. Whether it does is seen from the
// message itself (reads_back_as), or from a reading of its entry alone.
class FreshCatalog : public Fresh {
 public:
  explicit FreshCatalog(const Catalog& cat) : cat_(cat) {
    if (has_header(cat)) {
      header_ = header_message(cat);
      order_.push_back(nullptr);
    }
    // As format_po writes them: obsolete entries last, those without a translation not at all.
    for (const Message& m : cat.messages)
      if (!m.obsolete) order_.push_back(&m);
    for (const Message& m : cat.messages)
      if (m.obsolete && !m.msgstr.empty() && !m.msgstr[0].empty()) order_.push_back(&m);
  }
  // Whether the text would read back entry by entry: a second header or a
  // key twice makes format_po's text one that does not read.
  // (A name holding U+2068 or U+2069 makes a "#:" line that does not read.)
  bool reads_back() const {
    KeyIndex<MessageKey, MessageKeyHash> keys(order_.size());
    auto isolate = [](const Reference& r) {
      return r.file().find("\xE2\x81\xA8") != std::string_view::npos ||
             r.file().find("\xE2\x81\xA9") != std::string_view::npos;
    };
    for (const Message* m : order_) {
      if (!m) continue;
      if ((!m->msgctxt && m->msgid.empty()) || !keys.insert(MessageKey(*m)).second) return false;
      if (std::any_of(m->references.begin(), m->references.end(), isolate)) return false;
    }
    return true;
  }
  std::size_t size() const override { return order_.size(); }
  const Message* message(std::size_t i) const override { return order_[i]; }
  std::optional<bool> same(std::size_t i, const Message& old) const override {
    if (auto plain = reads_back_as(*order_[i], old)) return *plain;
    std::optional<Catalog> read = read_entry(format_entry(*order_[i]));
    if (!read || read->messages.size() != 1) return std::nullopt;
    return same_content(old, read->messages[0]);
  }
  std::optional<bool> same_header(const Catalog& old) const override {
    std::optional<Catalog> read = read_entry(format_entry(header_));
    if (!read) return std::nullopt;
    return same_header_fields(old, *read);
  }
  std::string_view bytes(std::size_t i, std::string& scratch) const override {
    scratch = format_entry(order_[i] ? *order_[i] : header_);
    return scratch;
  }

 private:
  static std::optional<Catalog> read_entry(std::string text) {
    try {
      return parse_po(SourceText("", std::move(text)));
    } catch (const Error&) {
      return std::nullopt;
    }
  }

  const Catalog& cat_;
  Message header_;
  std::vector<const Message*> order_;  // nullptr: the header
};

// For each entry of `fresh`, the place among `old`'s entries of one that
// reads the same, or nullopt; nothing at all when an entry of `fresh` does
// not read.
std::optional<std::vector<std::optional<std::size_t>>> unchanged_entries(const PoText& old,
                                                                         const std::vector<Entry>& old_entries,
                                                                         const Fresh& fresh) {
  // The first old entry of each key, by the key's number in `keys`.
  KeyIndex<MessageKey, MessageKeyHash> keys(old_entries.size());
  std::vector<std::size_t> place;
  std::optional<std::size_t> header;
  for (std::size_t i = 0; i < old_entries.size(); ++i) {
    if (!old_entries[i].message) header = i;
    else if (keys.insert(MessageKey(*old_entries[i].message)).second) place.push_back(i);
  }
  std::vector<std::optional<std::size_t>> out(fresh.size());
  std::atomic<bool> unreadable{false};
  constexpr std::size_t kSlice = 4096;
  parallel_for((fresh.size() + kSlice - 1) / kSlice, 0, [&](std::size_t s) {
    for (std::size_t i = s * kSlice; i < std::min(fresh.size(), (s + 1) * kSlice); ++i) {
      const Message* m = fresh.message(i);
      std::optional<std::size_t> candidate = header;
      if (m) {
        auto number = keys.find(MessageKey(*m));
        candidate = number ? std::optional<std::size_t>(place[*number]) : std::nullopt;
      }
      if (!candidate) continue;
      std::optional<bool> same = m ? fresh.same(i, *old_entries[*candidate].message) : fresh.same_header(old.cat);
      if (!same) unreadable = true;
      else if (*same) out[i] = candidate;
    }
  });
  if (unreadable) return std::nullopt;
  return out;
}

// The line break of a file is the one of its first line.
std::string_view line_break_of(std::string_view text) {
  std::size_t eol = text.find('\n');
  return eol != std::string_view::npos && eol > 0 && text[eol - 1] == '\r' ? "\r\n" : "\n";
}

void append_with_line_breaks(std::string& out, std::string_view text, std::string_view eol) {
  if (eol == "\n") {
    out += text;
    return;
  }
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    out += text.substr(pos, nl - pos);
    if (nl < text.size()) out += eol;
    pos = nl + 1;
  }
}

// The new text put together: the entries of `fresh` in its order, each in
// the old bytes where one of `old` reads the same; between two entries the
// old bytes where they were neighbours there too, else a blank line, as
// gettext writes.
class Splice {
 public:
  Splice(const PoText& old, const Fresh& fresh)
      : old_(old),
        fresh_(fresh),
        old_entries_(entries_in_file_order(old)),
        kept_(unchanged_entries(old, old_entries_, fresh)),
        eol_(line_break_of(old.text.bytes())),
        blank_line_(std::string(eol_) + std::string(eol_)) {}

  // Whether the new text reads entry by entry (else it would not read at
  // all) and either side has entries to splice.
  bool readable() const { return kept_.has_value(); }
  bool possible() const { return kept_ && !old_entries_.empty() && fresh_.size() > 0; }

  // In slices on every core (write_in_slices): the entries written anew are
  // most of the work. The text, about as long as the old one, is never held
  // whole.
  void text(TextSink& out) const {
    out.write(old_.text.bytes().substr(0, old_.text.content_begin()));  // a BOM
    write_in_slices(kept().size(), 2048, out, [&](std::size_t begin, std::size_t end, std::string& text) {
      std::string scratch;
      for (std::size_t i = begin; i < end; ++i) {
        text += before(i);
        if (kept()[i]) text += old_bytes(old_entries_[*kept()[i]].span);
        else append_with_line_breaks(text, fresh_.bytes(i, scratch), eol_);
      }
    });
    if (kept().back() == old_entries_.size() - 1) out.write(old_.text.bytes().substr(old_entries_.back().span.end));
    else out.write(eol_);
  }

 private:
  std::string_view old_bytes(const Span& s) const { return old_.text.bytes().substr(s.begin, s.size()); }

  std::string_view before(std::size_t i) const {
    if (i == 0)
      return kept()[0] == std::size_t{0} ? old_bytes({old_.text.content_begin(), old_entries_[0].span.begin}) : "";
    if (kept()[i] && kept()[i - 1] && *kept()[i] == *kept()[i - 1] + 1)
      return old_bytes({old_entries_[*kept()[i - 1]].span.end, old_entries_[*kept()[i]].span.begin});
    return blank_line_;
  }

  const PoText& old_;
  const Fresh& fresh_;
  const std::vector<Entry> old_entries_;
  const std::vector<std::optional<std::size_t>>& kept() const { return *kept_; }
  const std::optional<std::vector<std::optional<std::size_t>>> kept_;  // per fresh entry, the old one it keeps
  const std::string_view eol_;
  const std::string blank_line_;
};

}  // namespace

std::string keep_unchanged_entries(std::string old_bytes, std::string fresh_bytes) {
  if (old_bytes == fresh_bytes) return fresh_bytes;
  std::optional<PoText> old = read_text(std::move(old_bytes));
  if (!old) return fresh_bytes;
  // Read from a copy, in case it does not read; once it does, the copy serves.
  std::optional<PoText> fresh = read_text(fresh_bytes);
  if (!fresh) return fresh_bytes;
  std::string().swap(fresh_bytes);
  const FreshText entries(*fresh);
  const Splice splice(*old, entries);
  if (!splice.possible()) return std::string(fresh->text.bytes());
  StringSink out;
  splice.text(out);
  return std::move(out.text);
}

PoText read_po_text(SourceText text) {
  PoText r{std::move(text), {}, {}};
  r.cat = parse_po(r.text, PoContent::Everything, &r.spans);
  return r;
}

void format_po_keeping(const Catalog& cat, const PoText& old, TextSink& out) {
  FreshCatalog fresh(cat);
  if (!formats_itself(cat) || !fresh.reads_back())
    return out.write(keep_unchanged_entries(std::string(old.text.bytes()), format_po(cat)));
  const Splice splice(old, fresh);
  if (!splice.readable()) return out.write(keep_unchanged_entries(std::string(old.text.bytes()), format_po(cat)));
  if (splice.possible()) splice.text(out);
  else format_po(cat, out);
}

std::string format_po_keeping(const Catalog& cat, const PoText& old) {
  StringSink out;
  format_po_keeping(cat, old, out);
  return std::move(out.text);
}

std::string format_po_keeping(const Catalog& cat, std::string old_bytes) {
  std::optional<PoText> old = read_text(std::move(old_bytes));
  return old ? format_po_keeping(cat, *old) : format_po(cat);
}

}  // namespace l10n
