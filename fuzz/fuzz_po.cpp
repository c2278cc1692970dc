// The PO reader: no crash on any file, and what it reads it writes back
// stably: format_po(read_po(format_po(c))) == format_po(c).
#include <unistd.h>

#include "po/catalog.h"
#include "fuzz.h"
#include "base/files.h"
#include "po/reader.h"
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
  return 0;
}
