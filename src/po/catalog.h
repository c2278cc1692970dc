// The gettext catalog model: entries, their identity, the header. Reading
// and writing PO text are po/reader.h and po/writer.h.
#pragma once

#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/boxed.h"
#include "base/hash.h"

namespace l10n {

// An immutable name that its copies share: a large site's catalog has
// millions of references to a few tens of thousands of files. One
// allocation holds the count and the text; the count is atomic, as catalogs
// are copied on several threads.
class SharedName {
 public:
  SharedName() = default;  // ""
  explicit SharedName(std::string_view text);
  SharedName(const SharedName& other) noexcept : rep_(other.rep_) {
    if (rep_) rep_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  SharedName(SharedName&& other) noexcept : rep_(std::exchange(other.rep_, nullptr)) {}
  SharedName& operator=(SharedName other) noexcept {
    std::swap(rep_, other.rep_);
    return *this;
  }
  ~SharedName() {
    if (rep_ && rep_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) release();
  }

  std::string_view view() const { return rep_ ? std::string_view(rep_->text(), rep_->size) : std::string_view(); }
  // Whether both are copies of one name (or both ""): then they are equal
  // without a look at the text.
  bool shares(const SharedName& other) const { return rep_ == other.rep_; }

 private:
  struct Rep {
    std::atomic<std::size_t> refs{1};
    std::size_t size = 0;
    const char* text() const { return reinterpret_cast<const char*>(this + 1); }  // the bytes after it
  };

  void release();

  Rep* rep_ = nullptr;  // nullptr for ""
};

// A "#:" reference: a file name and a line in 16 bytes. A template's
// references to one file share its name (TemplateBuilder), as do those of a
// catalog read from a file (parse_po), and copies of them.
struct Reference {
  Reference(std::string_view file, int line) : line(line), file_(file) {}
  Reference(SharedName file, int line) : line(line), file_(std::move(file)) {}

  // An explicit "file:0" read from a PO file keeps its ":0" here.
  std::string_view file() const { return file_.view(); }
  const SharedName& shared_file() const { return file_; }
  int line = 0;  // 0: no line

  friend bool operator==(const Reference& a, const Reference& b) {
    return a.line == b.line && (a.file_.shares(b.file_) || a.file() == b.file());
  }

 private:
  SharedName file_;
};

// Whether a "#:" line must enclose the name in U+2068 … U+2069, which only a
// UTF-8 file can hold: it has a space or a tab (as in gettext 0.22), or,
// without a line number, it ends in a backslash, which a PO reader would join
// with the next line (msgcat writes it bare, and then misreads its own file).
bool needs_isolates(std::string_view file, bool has_line);

// The fields most messages leave empty (nearly all of a site's template,
// and of a PO file that follows it): kept apart, they make a Message 160
// bytes instead of 368, and a large site's catalogs hold millions.
struct MessageExtras {
  std::optional<std::string> msgid_plural;
  std::vector<std::string> translator_comments;  // "# " lines, without the prefix
  std::vector<std::string> flags;                // "#," other than fuzzy: "c-format", "no-wrap"
  std::optional<std::string> prev_msgctxt, prev_msgid, prev_msgid_plural;  // "#|"
  friend bool operator==(const MessageExtras&, const MessageExtras&) = default;
};

struct Message {
  std::optional<std::string> msgctxt;
  std::string msgid;
  std::vector<std::string> msgstr;               // one, or one per plural form
  std::vector<std::string> extracted_comments;   // "#." lines
  std::vector<Reference> references;             // "#:"
  bool fuzzy = false;
  bool obsolete = false;                         // "#~"
  int line = 0;                                  // where it was read from, 0 if built

  // The rare fields, empty ones when none is set ...
  const MessageExtras& extras() const { return extras_.get() ? *extras_.get() : kNoExtras; }
  // ... and to set them.
  MessageExtras& edit_extras() { return extras_.make(); }
  bool translated() const;                       // has a non-empty msgstr and is not fuzzy

 private:
  static const MessageExtras kNoExtras;
  Boxed<MessageExtras> extras_;
};

// Whether two messages say the same in every field, wherever each was read
// from (`line` aside): a PO writer would write them alike.
bool same_content(const Message& a, const Message& b);

// A message's identity, (msgctxt, msgid), as views into strings that outlive
// the key: the maps of an update or a merge hold hundreds of thousands.
struct MessageKey {
  bool has_msgctxt = false;
  std::string_view msgctxt;
  std::string_view msgid;
  explicit MessageKey(const Message& m)
      : has_msgctxt(m.msgctxt.has_value()), msgctxt(m.msgctxt ? std::string_view(*m.msgctxt) : ""), msgid(m.msgid) {}
  // From a unit's context, where "" is none.
  MessageKey(std::string_view context, std::string_view id) : has_msgctxt(!context.empty()), msgctxt(context), msgid(id) {}
  friend bool operator==(const MessageKey&, const MessageKey&) = default;
};

// base/hash.h's hash: keys are whole paragraphs, hashed several times each
// in a run (template, update, keep).
struct MessageKeyHash {
  std::size_t operator()(const MessageKey& k) const {
    const std::uint64_t id = hash_bytes(k.msgid);
    return k.has_msgctxt ? hash_bytes(k.msgctxt, id) : id;
  }
};

struct Catalog {
  // The header entry (msgid ""): its comment lines and its msgstr fields.
  std::vector<std::string> header_comments;
  std::string header;  // "Project-Id-Version: …\nLanguage: nl\n…"
  bool header_fuzzy = false;
  std::vector<Message> messages;  // in file order, obsolete ones last

  // A header field's value, or nullopt.
  std::optional<std::string> header_field(std::string_view name) const;
  void set_header_field(std::string_view name, std::string_view value);
};

// Plural-Forms header value for a language code ("nl", "pt_BR"), gettext's table.
// Whether the catalog has a header entry of its own (msgcat writes one then).
bool has_header(const Catalog& cat);

// The charset the file declares, as gettext finds it: "charset=" in the
// header, or else in the first non-obsolete entry with an empty msgid and no
// context; "" when there is none. gettext writes such a file in ASCII.
std::string_view declared_charset(const Catalog& cat);

std::string plural_forms_for(std::string_view lang);

}  // namespace l10n
