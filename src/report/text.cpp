#include <iomanip>

#include "report/report.h"

namespace l10n {

namespace {

// One line of a fragment, shortened for a terminal.
std::string one_line(std::string_view s, std::size_t max = 160) {
  std::string out;
  for (char c : s) out += (c == '\n' || c == '\t') ? ' ' : c;
  out = visible_controls(out);
  if (out.size() > max) {
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // not inside a code point
    out = out.substr(0, cut) + "…";
  }
  return out;
}

}  // namespace

void write_text_report(std::ostream& out, const CheckReport& report) {
  std::string page;
  for (const Finding& f : report.findings) {
    const std::string path = visible_controls(f.path);
    if (f.path != page) {
      if (!page.empty()) out << "\n";
      page = f.path;
      out << path << "\n";
    }
    if (f.kind == FindingKind::Unreadable) {
      out << "  " << path << ":" << f.line << ":" << f.col << ": cannot read this spot, the rest of the page was checked: "
          << one_line(f.text) << "\n    " << one_line(f.fragment) << "\n";
      continue;
    }
    out << "  " << path << ":" << f.line << ":" << f.col << ": " << f.unit << " in '" << visible_controls(f.found)
        << "', not '" << visible_controls(f.language) << "' (" << std::fixed << std::setprecision(2) << f.confidence
        << ")";
    if (f.kind == FindingKind::PoIdentical) out << ", same as msgid";
    if (f.kind == FindingKind::Cited) out << ", the title of a cited work: not counted";
    out << "\n    " << one_line(f.fragment) << "\n";
    if (f.fix_path != f.path || f.fix_line != f.line)
      out << "    fix: " << visible_controls(f.fix_path) << ":" << f.fix_line << "\n";
  }
  if (!report.findings.empty()) out << "\n";
  for (const LanguageSummary& s : report.summary()) {
    out << visible_controls(s.language) << ": " << s.pages << " pages, " << s.units << " units checked, " << s.flagged_units
        << " with text not in '" << s.language << "', " << s.findings << " findings";
    if (s.cited) out << " (and " << s.cited << " cited titles)";
    if (s.po_messages)
      out << "; PO " << std::fixed << std::setprecision(1) << s.po_coverage() << "% translated (" << s.po_translated
          << "/" << s.po_messages << "), " << s.po_fuzzy << " fuzzy, " << s.po_untranslated << " untranslated, "
          << s.po_flagged << " in '" << report.source_language << "' or copied";
    out << "\n";
  }
}

}  // namespace l10n
