#include "cli/command.h"
#include "config.h"
#include "import.h"

namespace l10n::cli {

namespace {

std::string lines_of(const std::vector<int>& lines) {
  std::string out;
  for (int l : lines) out += (out.empty() ? "" : ",") + std::to_string(l);
  return out;
}

const char* po_note(PoAction a) {
  switch (a) {
    case PoAction::Kept: return " [the PO's translation kept]";
    case PoAction::Conflict: return " [another occurrence's translation won]";
    default: return "";
  }
}

void print_page(const PageImport& p, const std::string& source_lang, bool verbose) {
  std::cout << p.target << ": " << p.count(ImportStatus::Aligned) << " aligned, " << p.count(ImportStatus::Fuzzy)
            << " fuzzy, " << p.count(ImportStatus::Unmatched) << " unmatched, " << p.count(ImportStatus::SourceLeft)
            << " still in '" << source_lang << "', " << p.extra_lines.size() << " without source\n";
  for (const UnitImport& u : p.units) {
    if (u.status == ImportStatus::Aligned && !verbose && u.po != PoAction::Kept && u.po != PoAction::Conflict) continue;
    std::cout << "  " << p.source << ":" << u.line << ": ";
    switch (u.status) {
      case ImportStatus::Aligned: std::cout << "aligned with line " << lines_of(u.target_lines); break;
      case ImportStatus::Fuzzy: std::cout << "fuzzy, line " << lines_of(u.target_lines) << ": " << u.note; break;
      case ImportStatus::Unmatched: std::cout << "unmatched"; break;
      case ImportStatus::SourceLeft:
        std::cout << "untranslated: line " << lines_of(u.target_lines) << " is still in '" << source_lang << "'";
        break;
    }
    std::cout << po_note(u.po) << "\n";
  }
  if (!p.extra_lines.empty())
    std::cout << "  " << p.target << ":" << p.extra_lines.front() << ": no source counterpart for the units at line"
              << (p.extra_lines.size() > 1 ? "s " : " ") << lines_of(p.extra_lines) << "\n";
}

}  // namespace

int import_command(int argc, char** argv) {
  Command c("l10n import --lang LANG [options]");
  std::string root;
  ImportOptions options;
  c.options.add_options()
      ("root", po::value(&root)->default_value("."), "the site root (where l10n.toml is)")
      ("config", po::value<std::string>(), "the config file (default: ROOT/l10n.toml)")
      ("lang,l", po::value(&options.language)->required(), "the language whose pages to import")
      ("overwrite", "replace translations the PO already has")
      ("dry-run,n", "align and report; write nothing")
      ("verbose,v", "list aligned units too")
      ("jobs,j", po::value(&options.jobs)->default_value(0), "parallel jobs (0: one per core)")
      ("quiet,q", "print nothing but errors and the totals");
  if (!c.parse(argc, argv, "examples:\n  l10n import --lang nl --dry-run\n  l10n import --lang nl --overwrite\n"))
    return kOk;
  Config cfg = c.vm.count("config") ? load_config(root, c.vm["config"].as<std::string>()) : load_config(root);
  options.overwrite = c.flag("overwrite");
  options.dry_run = c.flag("dry-run");
  ImportReport report = run_import(cfg, options);
  for (const auto& w : report.warnings) std::cerr << w.str("warning") << " (page skipped)\n";
  if (!report.errors.empty()) return print_errors(report.errors);
  std::size_t aligned = 0, fuzzy = 0, unmatched = 0, left = 0;
  for (const PageImport& p : report.pages) {
    if (!c.flag("quiet")) print_page(p, cfg.source, c.flag("verbose"));
    aligned += p.count(ImportStatus::Aligned);
    fuzzy += p.count(ImportStatus::Fuzzy);
    unmatched += p.count(ImportStatus::Unmatched);
    left += p.count(ImportStatus::SourceLeft);
  }
  std::cout << report.pages.size() << " page pairs (" << report.pages_without_target << " pages without '"
            << options.language << "'): " << aligned << " aligned, " << fuzzy << " fuzzy, " << unmatched
            << " unmatched, " << left << " still in '" << cfg.source << "'; "
            << report.count(PoAction::Imported) << (options.dry_run ? " to import, " : " imported, ")
            << report.count(PoAction::Kept) << " kept from the PO, " << report.count(PoAction::Conflict)
            << " conflicting\n";
  for (const auto& f : report.written) std::cout << "wrote " << f << "\n";
  return kOk;
}

}  // namespace l10n::cli
