#include "catalog.h"
#include "cli/command.h"
#include "po_update.h"

namespace l10n::cli {

int update_command(int argc, char** argv) {
  Command c("l10n update OLD.po NEW.pot -o OUT.po [options]");
  std::string old_path, pot_path, out_path, lang;
  c.options.add_options()
      ("old", po::value(&old_path)->required(), "the PO file with the translations")
      ("pot", po::value(&pot_path)->required(), "the new template")
      ("output,o", po::value(&out_path)->required(), "where to write the updated PO (may be OLD.po)")
      ("lang", po::value(&lang), "the language, when the PO's header does not say")
      ("no-obsolete", "drop entries no longer in the template");
  c.positional.add("old", 1).add("pot", 1);
  if (!c.parse(argc, argv, "examples:\n  l10n update nl.po messages.pot -o nl.po\n")) return kOk;
  Catalog old_po = read_po(old_path, old_path);
  Catalog pot = read_po(pot_path, pot_path);
  UpdateOptions options;
  options.language = lang.empty() ? old_po.header_field("Language").value_or("") : lang;
  options.keep_obsolete = !c.vm.count("no-obsolete");
  write_po(out_path, update_catalog(old_po, pot, options));
  return kOk;
}

}  // namespace l10n::cli
