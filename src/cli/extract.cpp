#include "cli/command.h"
#include "config.h"
#include "extract.h"
#include "progress.h"

namespace l10n::cli {

int extract_command(int argc, char** argv) {
  Command c("l10n extract [options]");
  std::string root;
  int jobs = 0;
  c.options.add_options()
      ("root", po::value(&root)->default_value("."), "the site root (where l10n.toml is)")
      ("config", po::value<std::string>(), "the config file (default: ROOT/l10n.toml)")
      ("jobs,j", po::value(&jobs)->default_value(0), "parallel jobs (0: one per core)")
      ("no-obsolete", "drop entries whose text left the source instead of keeping them as #~")
      ("quiet,q", "print nothing but errors")
      ("verbose,v", "list every catalog file, written or unchanged");
  if (!c.parse(argc, argv, "examples:\n  l10n extract\n  l10n extract --root site --jobs 4\n")) return kOk;
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
  if (!report.errors.empty()) return print_errors(report.errors);
  if (!c.vm.count("quiet")) {
    if (c.flag("verbose")) {
      for (const auto& f : report.written) std::cout << "wrote " << f << "\n";
      for (const auto& f : report.unchanged) std::cout << "unchanged " << f << "\n";
    }
    for (const auto& cat : report.catalogs)
      std::cout << cat.pot_path << ": " << cat.messages << " messages, " << cat.references << " references\n";
    std::cout << report.pages << " pages, " << report.units << " units; " << report.written.size()
              << " files written, " << report.unchanged.size() << " unchanged\n";
  }
  return kOk;
}

}  // namespace l10n::cli
