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

// Takes the bytes rather than copying them: a large catalog's texts weigh
// more than its parsed entries.
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

}  // namespace

std::string keep_unchanged_entries(std::string old_bytes, std::string fresh_bytes) {
  if (old_bytes == fresh_bytes) return fresh_bytes;
  std::optional<ReadText> old = read_text(std::move(old_bytes));
  if (!old) return fresh_bytes;
  // Read from a copy, in case it does not read; once it does, the copy serves.
  std::optional<ReadText> fresh = read_text(fresh_bytes);
  if (!fresh) return fresh_bytes;
  std::string().swap(fresh_bytes);
  const std::vector<Entry> old_entries = entries_in_file_order(*old);
  const std::vector<Entry> fresh_entries = entries_in_file_order(*fresh);
  if (old_entries.empty() || fresh_entries.empty()) return std::string(fresh->text.bytes());
  const auto kept = unchanged_entries(*old, old_entries, *fresh, fresh_entries);

  const std::string_view o = old->text.bytes(), f = fresh->text.bytes();
  const std::string_view eol = line_break_of(o);
  auto old_between = [&](std::size_t from, std::size_t to) { return o.substr(from, to - from); };
  std::string out;
  out.reserve(std::max(o.size(), f.size()) + f.size() / 16);
  if (old->text.has_bom()) out += o.substr(0, old->text.content_begin());
  for (std::size_t i = 0; i < fresh_entries.size(); ++i) {
    // What separates it from the entry before: the old bytes where both
    // were kept side by side, else a blank line, as gettext writes.
    const bool after_its_old_neighbour = i > 0 && kept[i] && kept[i - 1] && *kept[i] == *kept[i - 1] + 1;
    if (i == 0 && kept[0] == std::size_t{0}) {
      out += old_between(old->text.content_begin(), old_entries[0].span.begin);
    } else if (after_its_old_neighbour) {
      out += old_between(old_entries[*kept[i - 1]].span.end, old_entries[*kept[i]].span.begin);
    } else if (i > 0) {
      out += eol;
      out += eol;
    }
    if (kept[i]) {
      const Span& s = old_entries[*kept[i]].span;
      out += o.substr(s.begin, s.size());
    } else {
      const Span& s = fresh_entries[i].span;
      append_with_line_breaks(out, f.substr(s.begin, s.size()), eol);
    }
  }
  if (kept.back() == old_entries.size() - 1) out += o.substr(old_entries.back().span.end);
  else out += eol;
  return out;
}

}  // namespace l10n
