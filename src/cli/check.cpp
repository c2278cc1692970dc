#include <sstream>

#include "commands/check.h"
#include "cli/command.h"
#include "site/config.h"
#include "base/progress.h"
#include "report/report.h"
#include "base/source_text.h"
#include "base/files.h"

namespace l10n::cli {

int check_command(int argc, char** argv) {
  Command c("check", _("l10n check [options] [--lang LANG FILE|DIR…]"));
  std::string root, format, output, baseline;
  std::vector<std::string> paths;
  int max_findings = 0;
  CheckOptions options;
  c.options.add_options()
      ("root", opt::value(&root)->default_value(".")->value_name(_("DIR")), _("the site root (where l10n.toml is)"))
      ("config", opt::value<std::string>()->value_name(_("FILE")),
       _("the config file (default: l10n.toml in the site root)"))
      ("lang,l", opt::value(&options.languages)->value_name(_("LANG")),
       _("only this language (repeatable); with FILE|DIR: the pages' language"))
      ("source", opt::value<std::string>()->default_value("en")->value_name(_("LANG")),
       _("with FILE|DIR: the source language"))
      ("format,f", opt::value(&format)->default_value("text")->value_name(_("FORMAT")), _("text, json, sarif or html"))
      ("output,o", opt::value(&output)->value_name(_("FILE")), _("write the report here (default: standard output)"))
      ("max-findings", opt::value(&max_findings)->default_value(0)->value_name(_("N")),
       _("exit 1 when there are more findings than this"))
      ("baseline", opt::value(&baseline)->value_name(_("FILE")),
       _("a JSON report of accepted findings, not counted again"))
      ("jobs,j", opt::value(&options.jobs)->default_value(0)->value_name(_("N")), _("parallel jobs (0: one per core)"))
      ("quiet,q", _("print nothing but the report and errors"))
      ("path", opt::value(&paths)->value_name(_("FILE|DIR")), _("pages to check without a site config"));
  c.positional.add("path", -1);
  if (!c.parse(argc, argv,
               "l10n check\nl10n check --format html --output report.html\n"
               "l10n check --lang nl content/nl/about.md\nl10n check --format json > accepted.json; "
               "l10n check --baseline accepted.json\n"))
    return kOk;
  if (format != "text" && format != "json" && format != "sarif" && format != "html")
    throw Error("--format", 0, 0, l10n::format(_("must be text, json, sarif or html, not '%s'"), format.c_str()));
  if (max_findings < 0) throw Error("--max-findings", 0, 0, _("must not be negative"));

  CheckReport report;
  auto bar = terminal_progress("l10n check", c.flag("quiet"));
  if (bar) options.progress = bar->callback();
  if (!paths.empty()) {
    if (options.languages.size() != 1) throw Error("--lang", 0, 0, _("checking files needs exactly one --lang"));
    report = check_pages(options.languages[0], paths, options, c.vm["source"].as<std::string>());
  } else {
    Config cfg = c.vm.count("config") ? load_config(root, c.vm["config"].as<std::string>()) : load_config(root);
    report = check_site(cfg, options);
  }
  bar.reset();  // erases the progress line before the report
  std::size_t total = report.findings.size();
  if (!baseline.empty()) report.findings = subtract_baseline(report.findings, baseline);

  std::string text;
  if (format == "json") text = json_report(report);
  else if (format == "sarif") text = sarif_report(report);
  else if (format == "html") text = html_report(report);
  if (format == "text") {
    if (output.empty()) {
      write_text_report(std::cout, report);
    } else {
      std::ostringstream out;
      write_text_report(out, report);
      write_file_atomic(output, out.str());
    }
  } else if (output.empty()) {
    std::cout << text;
  } else {
    write_file_atomic(output, text);
  }
  if (!c.flag("quiet")) {
    std::size_t units = report.units();
    std::string summary = l10n::format(
        // TRANSLATORS: e.g. "checked 1200 units in 40 pages and 2 PO files in 0.35 s (3400 units/s); 5 findings".
        _("checked %s in %s and %s in %.2f s (%ld units/s); %s"), counted("%zu unit", "%zu units", units).c_str(),
        counted("%zu page", "%zu pages", report.pages.size()).c_str(),
        counted("%zu PO file", "%zu PO files", report.catalogs.size()).c_str(), report.seconds,
        static_cast<long>(units / std::max(report.seconds, 1e-6)),
        counted("%zu finding", "%zu findings", report.counted_findings()).c_str());
    if (std::size_t cited = report.findings.size() - report.counted_findings())
      summary += " " + counted("(and %zu cited title, not counted)", "(and %zu cited titles, not counted)", cited);
    if (!baseline.empty())
      summary += " " + l10n::format(_("(%zu accepted in the baseline)"), total - report.findings.size());
    std::cerr << summary << "\n";
  }
  if (!report.errors.empty()) return print_errors(report.errors);
  return report.counted_findings() > static_cast<std::size_t>(max_findings) ? kFindings : kOk;
}

}  // namespace l10n::cli
