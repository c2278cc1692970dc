// Stand-in for `l10n update OLD.po NEW.pot -o OUT.po` until the CLI has it:
// the bench script compiles this against the library when asked to.
#include <cstdio>
#include <cstring>
#include <string>

#include "catalog.h"
#include "error.h"
#include "po_update.h"

int main(int argc, char** argv) {
  if (argc != 6 || std::strcmp(argv[1], "update") != 0 || std::strcmp(argv[4], "-o") != 0) {
    std::fprintf(stderr, "usage: %s update OLD.po NEW.pot -o OUT.po\n", argv[0]);
    return 2;
  }
  try {
    l10n::Catalog old_po = l10n::read_po(argv[2], argv[2]);
    l10n::Catalog pot = l10n::read_po(argv[3], argv[3]);
    l10n::write_po(argv[5], l10n::update_catalog(old_po, pot, {}));
  } catch (const l10n::Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
