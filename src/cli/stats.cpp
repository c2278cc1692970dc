#include <iostream>

#include "cli/command.h"
#include "site/config.h"
#include "commands/stats.h"

namespace l10n::cli {

int stats_command(int argc, char** argv) {
  Command c("stats", _("l10n stats [options]"));
  std::string root, format;
  StatsOptions options;
  c.options.add_options()
      ("root", opt::value(&root)->default_value(".")->value_name(_("DIR")), _("the site root (where l10n.toml is)"))
      ("config", opt::value<std::string>()->value_name(_("FILE")),
       _("the config file (default: l10n.toml in the site root)"))
      ("lang,l", opt::value(&options.languages)->value_name(_("LANG")), _("only this language (repeatable)"))
      ("format,f", opt::value(&format)->default_value("text")->value_name(_("FORMAT")), _("text (a table) or json"))
      ("jobs,j", opt::value(&options.jobs)->default_value(0)->value_name(_("N")), _("parallel jobs (0: one per core)"));
  if (!c.parse(argc, argv, "l10n stats\nl10n stats --lang nl --format json > stats.json\n"))
    return kOk;
  if (format != "text" && format != "json") throw Error("--format", 0, 0, _("must be 'text' or 'json'"));
  Config cfg = c.vm.count("config") ? load_config(root, c.vm["config"].as<std::string>()) : load_config(root);
  StatsReport report = compute_stats(cfg, options);
  if (!report.errors.empty()) return print_errors(report.errors);
  std::cout << (format == "json" ? stats_json(report) : stats_text(report));
  return kOk;
}

}  // namespace l10n::cli
