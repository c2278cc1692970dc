#include "cli/command.h"
#include "config.h"
#include "merge.h"
#include "progress.h"

namespace l10n::cli {

namespace {

const char* action_name(PageAction a) {
  switch (a) {
    case PageAction::Written: return "written";
    case PageAction::Unchanged: return "unchanged";
    case PageAction::BelowThreshold: return "not written (below threshold)";
    case PageAction::Removed: return "removed";
    case PageAction::HandWritten: return "kept (not written by l10n)";
  }
  return "";
}

}  // namespace

int merge_command(int argc, char** argv) {
  Command c("l10n merge [options]");
  std::string root;
  MergeOptions options;
  c.options.add_options()
      ("root", po::value(&root)->default_value("."), "the site root (where l10n.toml is)")
      ("config", po::value<std::string>(), "the config file (default: ROOT/l10n.toml)")
      ("lang,l", po::value(&options.languages), "only this language (repeatable)")
      ("keep,k", po::value(&options.keep), "write a page only when at least this % of its units are translated (default: the config's, 80)")
      ("fuzzy", "use fuzzy translations too")
      ("check", "write nothing; exit 1 when any output is out of date")
      ("dry-run,n", "write nothing; list what would change")
      ("strict", "exit 1 when any translation was refused")
      ("jobs,j", po::value(&options.jobs)->default_value(0), "parallel jobs (0: one per core)")
      ("quiet,q", "print nothing but errors and refusals")
      ("verbose,v", "list unchanged files too");
  if (!c.parse(argc, argv, "examples:\n  l10n merge\n  l10n merge --lang nl --keep 50\n  l10n merge --check\n")) return kOk;
  if (c.vm.count("keep") && (options.keep < 0 || options.keep > 100))
    throw Error("--keep", 0, 0, "must be a percentage from 0 to 100");
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
  if (!report.errors.empty()) return print_errors(report.errors);
  for (const auto& r : report.refusals)
    std::cerr << r.po_path << ":" << r.po_line << ": warning: translation not used in " << r.page << ":"
              << r.page_line << ": " << r.reason << "\n";
  bool quiet = c.vm.count("quiet") > 0;
  std::size_t written = 0, below = 0;
  for (const auto& p : report.pages) {
    written += p.action == PageAction::Written;
    below += p.action == PageAction::BelowThreshold;
    if (quiet || (p.action == PageAction::Unchanged && !c.flag("verbose"))) continue;
    std::cout << p.target << ": " << (options.dry_run && p.action == PageAction::Written ? "would be written"
                                      : options.dry_run && p.action == PageAction::Removed ? "would be removed"
                                                                                          : action_name(p.action));
    if (p.units) std::cout << " (" << p.translated << "/" << p.units << " units translated)";
    std::cout << "\n";
  }
  if (!quiet)
    std::cout << report.pages.size() << " files, " << written << (options.dry_run ? " to write, " : " written, ")
              << below << " below threshold, " << report.refusals.size() << " translations refused\n";
  if (check && report.changed()) return 1;
  if (c.vm.count("strict") && !report.refusals.empty()) return 1;
  return kOk;
}

}  // namespace l10n::cli
