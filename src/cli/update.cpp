#include "po/catalog.h"
#include "cli/command.h"
#include "po/update.h"
#include "po/reader.h"
#include "po/writer.h"

namespace l10n::cli {

namespace {

// msgfmt --statistics' three numbers.
std::string statistics(const Catalog& cat) {
  std::size_t translated = 0, fuzzy = 0, untranslated = 0;
  for (const Message& m : cat.messages) {
    if (m.obsolete) continue;
    if (m.translated()) ++translated;
    else if (m.fuzzy) ++fuzzy;
    else ++untranslated;
  }
  // TRANSLATORS: e.g. "12 translated messages, 3 fuzzy translations, 4 untranslated messages".
  return format(_("%s, %s, %s"), counted("%zu translated message", "%zu translated messages", translated).c_str(),
                counted("%zu fuzzy translation", "%zu fuzzy translations", fuzzy).c_str(),
                counted("%zu untranslated message", "%zu untranslated messages", untranslated).c_str());
}

}  // namespace

int update_command(int argc, char** argv) {
  Command c("update", _("l10n update OLD.po NEW.pot -o OUT.po [options]"));
  std::string old_path, pot_path, out_path, lang;
  UpdateOptions options;
  c.options.add_options()
      ("old", opt::value(&old_path)->required()->value_name(_("FILE")), _("the PO file with the translations"))
      ("pot", opt::value(&pot_path)->required()->value_name(_("FILE")), _("the new template"))
      ("output,o", opt::value(&out_path)->required()->value_name(_("FILE")),
       _("where to write the updated PO (may be OLD.po)"))
      ("lang,l", opt::value(&lang)->value_name(_("LANG")), _("the language, when the PO's header does not say"))
      ("no-obsolete", _("drop entries no longer in the template"))
      ("jobs,j", opt::value(&options.jobs)->default_value(0)->value_name(_("N")), _("parallel jobs (0: one per core)"))
      ("verbose,v", _("print how many messages are translated, fuzzy and untranslated"));
  c.positional.add("old", 1).add("pot", 1);
  if (!c.parse(argc, argv,
               "l10n update nl.po messages.pot -o nl.po\n"
               "l10n update --verbose --no-obsolete old/nl.po new.pot -o nl.po\n"))
    return kOk;
  Catalog old_po = read_po(old_path, old_path);
  Catalog pot = read_po(pot_path, pot_path);
  if (!lang.empty()) check_language(old_po, old_path, old_path, lang);
  options.language = lang.empty() ? old_po.header_field("Language").value_or("") : lang;
  options.keep_obsolete = !c.vm.count("no-obsolete");
  Catalog updated = update_catalog(old_po, pot, options);
  write_po(out_path, updated);
  if (c.flag("verbose")) std::cout << out_path << ": " << statistics(updated) << "\n";
  return kOk;
}

}  // namespace l10n::cli
