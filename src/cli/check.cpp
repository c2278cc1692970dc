#include <sstream>

#include "check.h"
#include "cli/command.h"
#include "config.h"
#include "report_formats.h"
#include "source_text.h"

namespace l10n::cli {

int check_command(int argc, char** argv) {
  Command c("l10n check [options] [--lang LANG FILE|DIR…]");
  std::string root, format, output, baseline;
  std::vector<std::string> paths;
  int max_findings = 0;
  CheckOptions options;
  c.options.add_options()
      ("root", po::value(&root)->default_value("."), "the site root (where l10n.toml is)")
      ("config", po::value<std::string>(), "the config file (default: ROOT/l10n.toml)")
      ("lang,l", po::value(&options.languages), "only this language (repeatable); with FILE|DIR: the pages' language")
      ("source", po::value<std::string>()->default_value("en"), "with FILE|DIR: the source language")
      ("format,f", po::value(&format)->default_value("text"), "text, json, sarif or html")
      ("output,o", po::value(&output), "write the report here (default: standard output)")
      ("max-findings", po::value(&max_findings)->default_value(0), "exit 1 when there are more findings than this")
      ("baseline", po::value(&baseline), "a JSON report of accepted findings, not counted again")
      ("jobs,j", po::value(&options.jobs)->default_value(0), "parallel jobs (0: one per core)")
      ("path", po::value(&paths), "pages to check without a site config");
  c.positional.add("path", -1);
  if (!c.parse(argc, argv,
               "examples:\n  l10n check\n  l10n check --format html --output report.html\n"
               "  l10n check --lang nl content/nl/about.md\n  l10n check --format json > accepted.json; "
               "l10n check --baseline accepted.json\n"))
    return kOk;
  if (format != "text" && format != "json" && format != "sarif" && format != "html")
    throw Error("--format", 0, 0, "must be text, json, sarif or html, not '" + format + "'");
  if (max_findings < 0) throw Error("--max-findings", 0, 0, "must not be negative");

  CheckReport report;
  if (!paths.empty()) {
    if (options.languages.size() != 1) throw Error("--lang", 0, 0, "checking files needs exactly one --lang");
    report = check_pages(options.languages[0], paths, options, c.vm["source"].as<std::string>());
  } else {
    Config cfg = c.vm.count("config") ? load_config(root, c.vm["config"].as<std::string>()) : load_config(root);
    report = check_site(cfg, options);
  }
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
  int units = report.units();
  std::cerr << "checked " << units << " units in " << report.pages.size() << " pages and " << report.catalogs.size()
            << " PO files in " << report.seconds << " s (" << static_cast<long>(units / std::max(report.seconds, 1e-6))
            << " units/s); " << report.findings.size() << " findings";
  if (!baseline.empty()) std::cerr << " (" << total - report.findings.size() << " accepted in the baseline)";
  std::cerr << "\n";
  if (!report.errors.empty()) return print_errors(report.errors);
  return report.findings.size() > static_cast<std::size_t>(max_findings) ? kFindings : kOk;
}

}  // namespace l10n::cli
