#include <string>

#include "base/tr.h"
#include "report/report.h"

namespace l10n {

const char* unit_label(const std::string& unit) {
  // The names are unit_kind_name's and check_site's own, marked for
  // translation where they are given; the JSON report keeps them as they are.
  return unit == "unreadable" ? tr("unreadable spot") : tr(unit.c_str());
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
