#include "cli/command.h"
#include "site/config.h"
#include "commands/import.h"
#include "base/progress.h"

namespace l10n::cli {

namespace {

std::string lines_of(const std::vector<int>& lines) {
  std::string out;
  for (int l : lines) {
    if (!out.empty()) out += ',';
    out += std::to_string(l);
  }
  return out;
}

std::string po_note(PoAction a) {
  switch (a) {
    case PoAction::Kept: return format(" [%s]", _("the PO's translation kept"));
    case PoAction::Conflict: return format(" [%s]", _("another occurrence's translation won"));
    default: return "";
  }
}

std::string unit_line(const UnitImport& u, const std::string& source_lang) {
  std::string lines = lines_of(u.target_lines);
  std::size_t n = u.target_lines.size();
  switch (u.status) {
    case ImportStatus::Aligned:
      return format(ngettext("aligned with line %s", "aligned with lines %s", n), lines.c_str());
    case ImportStatus::Fuzzy:
      return format(ngettext("fuzzy, line %s: %s", "fuzzy, lines %s: %s", n), lines.c_str(), u.note.c_str());
    case ImportStatus::Unmatched: return _("unmatched");
    case ImportStatus::SourceLeft:
      return format(ngettext("untranslated: line %s is still in '%s'", "untranslated: lines %s are still in '%s'", n),
                    lines.c_str(), source_lang.c_str());
  }
  return "";
}

void print_page(const PageImport& p, const std::string& source_lang, bool verbose) {
  std::cout << format(_("%s: %zu aligned, %zu fuzzy, %zu unmatched, %zu still in '%s', %zu without source"),
                      p.target.c_str(), p.count(ImportStatus::Aligned), p.count(ImportStatus::Fuzzy),
                      p.count(ImportStatus::Unmatched), p.count(ImportStatus::SourceLeft), source_lang.c_str(),
                      p.extra_lines.size())
            << "\n";
  for (const UnitImport& u : p.units) {
    if (u.status == ImportStatus::Aligned && !verbose && u.po != PoAction::Kept && u.po != PoAction::Conflict) continue;
    std::cout << "  " << p.source << ":" << u.line << ": " << unit_line(u, source_lang) << po_note(u.po) << "\n";
  }
  if (!p.extra_lines.empty())
    std::cout << "  " << p.target << ":" << p.extra_lines.front() << ": "
              << format(ngettext("no source counterpart for the unit at line %s",
                                 "no source counterpart for the units at lines %s", p.extra_lines.size()),
                        lines_of(p.extra_lines).c_str())
              << "\n";
}

int print_carry_over(const ImportReport& report, const ImportOptions& options, bool quiet) {
  const CarryOver& r = report.carry_over;
  if (!quiet)
    // TRANSLATORS: the severity of a line that says why a translation was not used.
    for (const Diagnostic& d : r.unmatched) std::cout << d.str(_("note")) << "\n";
  std::cout << format(options.dry_run ? _("%zu translations read: %zu to carry over, %zu as fuzzy, %zu kept from the PO, "
                                          "%zu unmatched")
                                      : _("%zu translations read: %zu carried over, %zu as fuzzy, %zu kept from the PO, "
                                          "%zu unmatched"),
                      r.pairs, r.carried, r.fuzzy, r.kept, r.unmatched.size())
            << "\n";
  if (r.kept_for_later > 0)
    std::cout << format(ngettext("%zu unmatched translation kept in the catalog as an obsolete entry, for a page "
                                 "that brings its text back",
                                 "%zu unmatched translations kept in the catalog as obsolete entries, for pages "
                                 "that bring their text back",
                                 r.kept_for_later),
                        r.kept_for_later)
              << "\n";
  for (const auto& f : report.written) std::cout << format(_("wrote %s"), f.c_str()) << "\n";
  return kOk;
}

}  // namespace

int import_command(int argc, char** argv) {
  Command c("import", _("l10n import --lang LANG [options]"));
  std::string root;
  ImportOptions options;
  c.options.add_options()
      ("root", opt::value(&root)->default_value(".")->value_name(_("DIR")), _("the site root (where l10n.toml is)"))
      ("config", opt::value<std::string>()->value_name(_("FILE")),
       _("the config file (default: l10n.toml in the site root)"))
      ("lang,l", opt::value(&options.language)->required()->value_name(_("LANG")),
       _("the language whose pages to import"))
      ("po", opt::value(&options.po_files)->multitoken()->value_name(_("FILE")),
       _("carry translations over from these PO files of another tool (hugo-gettext, po4a, Transifex, Crowdin) "
         "instead of aligning pages"))
      ("overwrite", _("replace translations the PO already has"))
      ("dry-run,n", _("align and report; write nothing"))
      ("verbose,v", _("list aligned units too"))
      ("jobs,j", opt::value(&options.jobs)->default_value(0)->value_name(_("N")), _("parallel jobs (0: one per core)"))
      ("quiet,q", _("print nothing but errors and the totals"));
  if (!c.parse(argc, argv,
               "l10n import --lang nl --dry-run\nl10n import --lang nl --overwrite\n"
               "l10n import --lang nl --po translations/nl/messages.po\n"))
    return kOk;
  Config cfg = c.vm.count("config") ? load_config(root, c.vm["config"].as<std::string>()) : load_config(root);
  options.overwrite = c.flag("overwrite");
  options.dry_run = c.flag("dry-run");
  ImportReport report;
  {
    auto bar = terminal_progress("l10n import", c.flag("quiet"));
    if (bar) options.progress = bar->callback();
    report = run_import(cfg, options);
  }
  for (Diagnostic w : report.warnings) {
    w.message = format(_("%s (page skipped)"), w.message.c_str());
    // TRANSLATORS: the severity in "path:line:col: warning: message", as compilers print it.
    std::cerr << w.str(_("warning")) << "\n";
  }
  if (!report.errors.empty()) return print_errors(report.errors);
  if (!options.po_files.empty()) return print_carry_over(report, options, c.flag("quiet"));
  std::size_t aligned = 0, fuzzy = 0, unmatched = 0, left = 0;
  for (const PageImport& p : report.pages) {
    if (!c.flag("quiet")) print_page(p, cfg.source, c.flag("verbose"));
    aligned += p.count(ImportStatus::Aligned);
    fuzzy += p.count(ImportStatus::Fuzzy);
    unmatched += p.count(ImportStatus::Unmatched);
    left += p.count(ImportStatus::SourceLeft);
  }
  std::cout << format(options.dry_run
                          ? _("%zu page pairs (%zu pages without '%s'): %zu aligned, %zu fuzzy, %zu unmatched, "
                              "%zu still in '%s'; %zu to import, %zu kept from the PO, %zu conflicting")
                          : _("%zu page pairs (%zu pages without '%s'): %zu aligned, %zu fuzzy, %zu unmatched, "
                              "%zu still in '%s'; %zu imported, %zu kept from the PO, %zu conflicting"),
                      report.pages.size(), report.pages_without_target, options.language.c_str(), aligned, fuzzy,
                      unmatched, left, cfg.source.c_str(), report.count(PoAction::Imported),
                      report.count(PoAction::Kept), report.count(PoAction::Conflict))
            << "\n";
  for (const auto& f : report.written) std::cout << format(_("wrote %s"), f.c_str()) << "\n";
  return kOk;
}

}  // namespace l10n::cli
