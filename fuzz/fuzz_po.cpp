// The PO reader: no crash on any file, and what it reads it writes back
// stably: format_po(read_po(format_po(c))) == format_po(c). And the file
// with the input's bytes kept for its unchanged entries (po/keep.h) reads
// as format_po's text does, keeping again changes nothing, and
// format_po_keeping writes the same bytes without formatting every entry.
// A catalog that reads, with its header first, reads a block at a time
// (merge) as it reads whole, whatever the blocks' size.
#include <unistd.h>

#include <algorithm>

#include "po/catalog.h"
#include "fuzz.h"
#include "base/files.h"
#include "base/source_text.h"
#include "po/keep.h"
#include "po/reader.h"
#include "po/update.h"
#include "po/writer.h"

using namespace l10n;
using namespace l10n::fuzz;

namespace {

// read_po takes a path (libgettextpo reads files), so the input goes to a
// file of this process's own.
const std::string& scratch_path() {
  static const std::string path = "/tmp/l10n-fuzz-po." + std::to_string(::getpid()) + ".po";
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = scratch_path();
  Catalog cat;
  try {
    write_file_atomic(path, std::string_view(reinterpret_cast<const char*>(data), size));
    cat = read_po(path, "fuzz.po");
  } catch (const Error&) {
    return 0;
  }
  if (!cat.header.empty()) {  // a header entry is only taken as one when it comes first
    const std::size_t block = 1 + size % 17;
    std::vector<Message> entries;
    Catalog header;
    try {
      header = read_po_entries(path, "fuzz.po", [&](Message&& m) { entries.push_back(std::move(m)); }, block);
    } catch (const Error& e) {
      fail(std::string("a catalog read whole does not read a block at a time: ") + e.what());
    }
    std::stable_partition(entries.begin(), entries.end(), [](const Message& m) { return !m.obsolete; });
    Catalog whole = parse_po(SourceText::load(path, "fuzz.po"), PoContent::Translations);
    bool same = header.header == whole.header && entries.size() == whole.messages.size();
    for (std::size_t i = 0; same && i < entries.size(); ++i)
      same = same_content(entries[i], whole.messages[i]) && entries[i].line == whole.messages[i].line;
    expect(same, "read a block at a time (blocks of " + std::to_string(block) + "), the catalog differs");
  }
  std::string once = format_po(cat);
  write_file_atomic(path, once);
  Catalog again;
  try {
    again = read_po(path, "fuzz.po");
  } catch (const Error& e) {
    fail(std::string("format_po wrote a file read_po rejects: ") + e.what() + "\n" + once);
  }
  std::string twice = format_po(again);
  expect(once == twice, "format_po is not stable:\n" + once + "\n----\n" + twice);

  std::string input(reinterpret_cast<const char*>(data), size);
  std::string kept = keep_unchanged_entries(input, once);
  Catalog kept_cat;
  try {
    kept_cat = parse_po(SourceText("kept.po", kept));
  } catch (const Error& e) {
    fail(std::string("keep_unchanged_entries wrote a file read_po rejects: ") + e.what() + "\n" + kept);
  }
  expect(same_messages(kept_cat, again) && kept_cat.header == again.header,
         "the kept file does not read as format_po's:\n" + kept + "\n----\n" + once);
  expect(keep_unchanged_entries(kept, once) == kept, "keeping is not stable:\n" + kept);
  // Extract's shortcut writes only the entries that changed: the same bytes.
  expect(format_po_keeping(cat, input) == kept,
         "format_po_keeping differs from keep_unchanged_entries(format_po):\n" + format_po_keeping(cat, input) +
             "\n----\n" + kept);
  return 0;
}
