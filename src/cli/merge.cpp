#include "cli/command.h"
#include "site/config.h"
#include "commands/merge.h"
#include "base/progress.h"

namespace l10n::cli {

namespace {

const char* action_name(PageAction a, bool dry_run) {
  switch (a) {
    // TRANSLATORS: what merge did with a page, after its path: "content/nl/a.md: written".
    case PageAction::Written: return dry_run ? _("would be written") : _("written");
    case PageAction::Unchanged: return _("unchanged");
    case PageAction::BelowThreshold: return _("not written (below threshold)");
    case PageAction::Removed: return dry_run ? _("would be removed") : _("removed");
    case PageAction::HandWritten: return _("kept (not written by l10n)");
  }
  return "";
}

}  // namespace

int merge_command(int argc, char** argv) {
  Command c("merge", _("l10n merge [options]"));
  std::string root;
  MergeOptions options;
  c.options.add_options()
      ("root", opt::value(&root)->default_value(".")->value_name(_("DIR")), _("the site root (where l10n.toml is)"))
      ("config", opt::value<std::string>()->value_name(_("FILE")),
       _("the config file (default: l10n.toml in the site root)"))
      ("lang,l", opt::value(&options.languages)->value_name(_("LANG")), _("only this language (repeatable)"))
      ("keep,k", opt::value(&options.keep)->value_name(_("PERCENT")),
       _("write a page only when at least this percentage of its units is translated (default: the config's, "
         "80)"))
      ("fuzzy", _("use fuzzy translations too"))
      ("check", _("write nothing; exit 1 when any output is out of date"))
      ("dry-run,n", _("write nothing; list what would change"))
      ("strict", _("exit 1 when any translation was refused"))
      ("jobs,j", opt::value(&options.jobs)->default_value(0)->value_name(_("N")), _("parallel jobs (0: one per core)"))
      ("quiet,q", _("print nothing but errors and refusals"))
      ("verbose,v", _("list unchanged files too"));
  if (!c.parse(argc, argv,
               "l10n merge\nl10n merge --lang nl --keep 50\nl10n merge --check\nl10n merge --dry-run --verbose\n"))
    return kOk;
  if (c.vm.count("keep") && (options.keep < 0 || options.keep > 100))
    throw Error("--keep", 0, 0, _("must be a percentage from 0 to 100"));
  Config cfg = c.vm.count("config") ? load_config(root, c.vm["config"].as<std::string>()) : load_config(root);
  options.use_fuzzy = c.vm.count("fuzzy") > 0;
  bool check = c.vm.count("check") > 0;
  options.dry_run = check || c.vm.count("dry-run") > 0;
  MergeReport report;
  {
    auto bar = terminal_progress("l10n merge", c.flag("quiet"));
    if (bar) options.progress = bar->callback();
    report = run_merge(cfg, options);
  }
  for (const auto& w : report.warnings) std::cerr << w.str(_("warning")) << "\n";
  // Errors first; what was done despite them (other languages) is still told.
  int status = report.errors.empty() ? kOk : print_errors(report.errors);
  if (status != kOk && report.written_nothing()) return status;
  for (const auto& r : report.refusals) {
    Diagnostic d{r.po_path, r.po_line, 0,
                 format(_("translation not used in %s:%d: %s"), r.page.c_str(), r.page_line, r.reason.c_str())};
    std::cerr << d.str(_("warning")) << "\n";
  }
  bool quiet = c.vm.count("quiet") > 0;
  std::size_t written = 0, below = 0;
  for (const auto& p : report.pages) {
    written += p.action == PageAction::Written;
    below += p.action == PageAction::BelowThreshold;
    if (quiet || (p.action == PageAction::Unchanged && !c.flag("verbose"))) continue;
    std::cout << p.target << ": " << action_name(p.action, options.dry_run);
    if (p.units) std::cout << " " << format(_("(%zu/%zu units translated)"), p.translated, p.units);
    std::cout << "\n";
  }
  if (!quiet)
    // TRANSLATORS: e.g. "40 files, 12 written, 3 below threshold, 1 translation refused".
    std::cout << format(_("%s, %s, %zu below threshold, %s"),
                        counted("%zu file", "%zu files", report.pages.size()).c_str(),
                        format(options.dry_run ? _("%zu to write") : _("%zu written"), written).c_str(), below,
                        counted("%zu translation refused", "%zu translations refused", report.refusals.size()).c_str())
              << "\n";
  if (status != kOk) return status;
  if (check && report.changed()) return kFindings;
  if (c.vm.count("strict") && !report.refusals.empty()) return kFindings;
  return kOk;
}

}  // namespace l10n::cli
