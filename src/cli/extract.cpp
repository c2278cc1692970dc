#include "cli/command.h"
#include "site/config.h"
#include "commands/extract.h"
#include "base/progress.h"

namespace l10n::cli {

int extract_command(int argc, char** argv) {
  Command c("extract", _("l10n extract [options]"));
  std::string root;
  int jobs = 0;
  c.options.add_options()
      ("root", opt::value(&root)->default_value(".")->value_name(_("DIR")), _("the site root (where l10n.toml is)"))
      ("config", opt::value<std::string>()->value_name(_("FILE")),
       _("the config file (default: l10n.toml in the site root)"))
      ("jobs,j", opt::value(&jobs)->default_value(0)->value_name(_("N")), _("parallel jobs (0: one per core)"))
      ("no-obsolete", _("drop entries whose text left the source instead of keeping them as #~"))
      ("quiet,q", _("print nothing but errors"))
      ("verbose,v", _("list every catalog file, written or unchanged"));
  if (!c.parse(argc, argv, "l10n extract\nl10n extract --root site --jobs 4\nl10n extract --no-obsolete --quiet\n"))
    return kOk;
  Config cfg = c.vm.count("config") ? load_config(root, c.vm["config"].as<std::string>()) : load_config(root);
  ExtractOptions options;
  options.jobs = jobs;
  options.keep_obsolete = !c.vm.count("no-obsolete");
  ExtractReport report;
  {
    auto bar = terminal_progress("l10n extract", c.flag("quiet"));
    if (bar) options.progress = bar->callback();
    report = run_extract(cfg, options);
  }
  // Errors first; what was done despite them (other languages) is still told.
  int status = report.errors.empty() ? kOk : print_errors(report.errors);
  if (status != kOk && report.written_nothing()) return status;
  if (!c.vm.count("quiet")) {
    if (c.flag("verbose")) {
      for (const auto& f : report.written) std::cout << format(_("wrote %s"), f.c_str()) << "\n";
      for (const auto& f : report.unchanged) std::cout << format(_("unchanged %s"), f.c_str()) << "\n";
    }
    for (const auto& cat : report.catalogs)
      // TRANSLATORS: a catalog's counts, e.g. "po/content.pot: 120 messages, 310 references".
      std::cout << format(_("%s: %s, %s"), cat.pot_path.c_str(),
                          counted("%zu message", "%zu messages", cat.messages).c_str(),
                          counted("%zu reference", "%zu references", cat.references).c_str())
                << "\n";
    // TRANSLATORS: e.g. "12 pages, 340 units; 2 files written, 1 unchanged".
    std::cout << format(_("%s, %s; %s, %zu unchanged"), counted("%zu page", "%zu pages", report.pages).c_str(),
                        counted("%zu unit", "%zu units", report.units).c_str(),
                        counted("%zu file written", "%zu files written", report.written.size()).c_str(),
                        report.unchanged.size())
              << "\n";
  }
  return status;
}

}  // namespace l10n::cli
