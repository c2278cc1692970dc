#include "base/tr.h"
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

// "nl: 3 pages, 40 units checked, 2 with text not in 'nl', 2 findings; PO …"
std::string summary_line(const LanguageSummary& s, const std::string& source) {
  std::string language = visible_controls(s.language);
  std::string line = language + ": " + counted("%zu page", "%zu pages", static_cast<std::size_t>(s.pages)) + ", " +
                     counted("%zu unit checked", "%zu units checked", static_cast<std::size_t>(s.units)) + ", " +
                     format(tr_n("%zu with text not in '%s'", "%zu with text not in '%s'", s.flagged_units),
                            static_cast<std::size_t>(s.flagged_units), language.c_str()) +
                     ", " + counted("%zu finding", "%zu findings", static_cast<std::size_t>(s.findings));
  if (s.cited)
    line += " " + counted("(and %zu cited title)", "(and %zu cited titles)", static_cast<std::size_t>(s.cited));
  if (s.po_messages)
    line += "; " + format(tr("PO %.1f%% translated (%d/%d), %d fuzzy, %d untranslated, %d in '%s' or copied"),
                          s.po_coverage(), s.po_translated, s.po_messages, s.po_fuzzy, s.po_untranslated, s.po_flagged,
                          source.c_str());
  return line;
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
    std::string where = format("  %s:%d:%d: ", path.c_str(), f.line, f.col);
    if (f.kind == FindingKind::Unreadable) {
      out << where << format(tr("cannot read this spot, the rest of the page was checked: %s"), one_line(f.text).c_str())
          << "\n    " << one_line(f.fragment) << "\n";
      continue;
    }
    // TRANSLATORS: "paragraph in 'en', not 'nl' (0.93)": a unit of the page, the
    // language it reads as, the page's language and how sure that is (0 to 1).
    out << where << format(tr("%s in '%s', not '%s' (%.2f)"), unit_label(f.unit), visible_controls(f.found).c_str(),
                           visible_controls(f.language).c_str(), f.confidence);
    if (f.kind == FindingKind::PoIdentical) out << tr(", same as msgid");
    if (f.kind == FindingKind::Cited) out << tr(", the title of a cited work: not counted");
    out << "\n    " << one_line(f.fragment) << "\n";
    if (f.fix_path != f.path || f.fix_line != f.line)
      out << "    " << format(tr("fix: %s:%d"), visible_controls(f.fix_path).c_str(), f.fix_line) << "\n";
  }
  if (!report.findings.empty()) out << "\n";
  for (const LanguageSummary& s : report.summary()) out << summary_line(s, report.source_language) << "\n";
}

}  // namespace l10n
