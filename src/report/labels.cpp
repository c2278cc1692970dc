#include <string_view>

#include "base/tr.h"
#include "report/report.h"

namespace l10n {

const char* unit_label(std::string_view unit) {
  // The names check_site gives Finding::unit (unit_kind_name and its own),
  // which the JSON report keeps as they are.
  static constexpr std::pair<std::string_view, const char*> kLabels[] = {
      {"front matter", N_("front matter")},
      {"heading", N_("heading")},
      {"paragraph", N_("paragraph")},
      {"list item", N_("list item")},
      {"block quote", N_("block quote")},
      {"table cell", N_("table cell")},
      {"image alt text", N_("image alt text")},
      {"image title", N_("image title")},
      {"shortcode parameter", N_("shortcode parameter")},
      {"string table", N_("string table")},
      {"site config", N_("site config")},
      {"data file", N_("data file")},
      // TRANSLATORS: a translation in a PO file; "msgstr" is its keyword there.
      {"msgstr", N_("msgstr")},
      {"unreadable", N_("unreadable spot")},
  };
  for (const auto& [name, label] : kLabels)
    if (name == unit) return tr(label);
  return tr("text");
}

const char* finding_kind_label(FindingKind kind) {
  switch (kind) {
    case FindingKind::Unit: return tr("whole unit");
    case FindingKind::Sentence: return tr("sentence");
    case FindingKind::PoMsgstr: return tr("PO translation");
    case FindingKind::PoIdentical: return tr("PO translation same as source");
    case FindingKind::Unreadable: return tr("unreadable spot");
    case FindingKind::Cited: return tr("cited title");
  }
  return tr("whole unit");
}

}  // namespace l10n
