#include "po/keep.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/error.h"
#include "base/source_text.h"
#include "po/catalog.h"
#include "po/reader.h"

namespace l10n {

namespace {

// A PO text, read, with where each of its entries lies.
struct ReadText {
  SourceText text;
  Catalog cat;
  EntrySpans spans;
};

// Takes the bytes rather than copying them: a large catalog's text weighs
// about as much as its parsed entries.
std::optional<ReadText> read_text(std::string bytes) {
  try {
    ReadText r{SourceText("", std::move(bytes)), {}, {}};
    r.cat = parse_po(r.text, PoContent::Everything, &r.spans);
    return r;
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
std::vector<Entry> entries_in_file_order(const ReadText& r) {
  std::vector<Entry> out;
  out.reserve(r.cat.messages.size() + 1);
  if (r.spans.header) out.push_back({nullptr, *r.spans.header});
  for (std::size_t i = 0; i < r.cat.messages.size(); ++i) out.push_back({&r.cat.messages[i], r.spans.messages[i]});
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.span.begin < b.span.begin; });
  return out;
}

bool same_header(const Catalog& a, const Catalog& b) {
  return a.header == b.header && a.header_comments == b.header_comments && a.header_fuzzy == b.header_fuzzy;
}

// For each entry of `fresh`, the place among `old`'s entries of one that
// reads the same, or nullopt.
std::vector<std::optional<std::size_t>> unchanged_entries(const ReadText& old, const std::vector<Entry>& old_entries,
                                                          const ReadText& fresh,
                                                          const std::vector<Entry>& fresh_entries) {
  std::unordered_map<MessageKey, std::size_t, MessageKeyHash> place(old_entries.size());
  std::optional<std::size_t> header;
  for (std::size_t i = 0; i < old_entries.size(); ++i) {
    if (old_entries[i].message) place.emplace(MessageKey(*old_entries[i].message), i);
    else header = i;
  }
  std::vector<std::optional<std::size_t>> out;
  out.reserve(fresh_entries.size());
  for (const Entry& e : fresh_entries) {
    std::optional<std::size_t> same;
    if (!e.message) {
      if (header && same_header(old.cat, fresh.cat)) same = header;
    } else if (auto it = place.find(MessageKey(*e.message)); it != place.end()) {
      if (same_content(*old_entries[it->second].message, *e.message)) same = it->second;
    }
    out.push_back(same);
  }
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
  Splice(const ReadText& old, const ReadText& fresh)
      : old_(old),
        fresh_(fresh),
        old_entries_(entries_in_file_order(old)),
        fresh_entries_(entries_in_file_order(fresh)),
        kept_(unchanged_entries(old, old_entries_, fresh, fresh_entries_)),
        eol_(line_break_of(old.text.bytes())),
        blank_line_(std::string(eol_) + std::string(eol_)) {}

  bool possible() const { return !old_entries_.empty() && !fresh_entries_.empty(); }

  std::string text() const {
    std::string out;
    out.reserve(std::max(old_.text.bytes().size(), fresh_.text.bytes().size()) +
                fresh_.text.bytes().size() / 16);
    out += old_.text.bytes().substr(0, old_.text.content_begin());  // a BOM
    for (std::size_t i = 0; i < fresh_entries_.size(); ++i) {
      out += before(i);
      if (kept_[i]) out += old_bytes(old_entries_[*kept_[i]].span);
      else append_with_line_breaks(out, fresh_bytes(fresh_entries_[i].span), eol_);
    }
    if (kept_.back() == old_entries_.size() - 1) out += old_.text.bytes().substr(old_entries_.back().span.end);
    else out += eol_;
    return out;
  }

 private:
  std::string_view old_bytes(const Span& s) const { return old_.text.bytes().substr(s.begin, s.size()); }
  std::string_view fresh_bytes(const Span& s) const { return fresh_.text.bytes().substr(s.begin, s.size()); }

  std::string_view before(std::size_t i) const {
    if (i == 0)
      return kept_[0] == std::size_t{0} ? old_bytes({old_.text.content_begin(), old_entries_[0].span.begin}) : "";
    if (kept_[i] && kept_[i - 1] && *kept_[i] == *kept_[i - 1] + 1)
      return old_bytes({old_entries_[*kept_[i - 1]].span.end, old_entries_[*kept_[i]].span.begin});
    return blank_line_;
  }

  const ReadText& old_;
  const ReadText& fresh_;
  const std::vector<Entry> old_entries_, fresh_entries_;
  const std::vector<std::optional<std::size_t>> kept_;  // per fresh entry, the old one it keeps
  const std::string_view eol_;
  const std::string blank_line_;
};

}  // namespace

std::string keep_unchanged_entries(std::string old_bytes, std::string fresh_bytes) {
  if (old_bytes == fresh_bytes) return fresh_bytes;
  std::optional<ReadText> old = read_text(std::move(old_bytes));
  if (!old) return fresh_bytes;
  // Read from a copy, in case it does not read; once it does, the copy serves.
  std::optional<ReadText> fresh = read_text(fresh_bytes);
  if (!fresh) return fresh_bytes;
  std::string().swap(fresh_bytes);
  const Splice splice(*old, *fresh);
  return splice.possible() ? splice.text() : std::string(fresh->text.bytes());
}

}  // namespace l10n
