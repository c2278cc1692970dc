#include <cstdio>
#include <cstdint>
#include <iterator>

#include "report/report.h"

namespace l10n {

namespace {

struct Rule {
  FindingKind kind;
  const char* id;
  const char* text;
};

constexpr Rule kRules[] = {
    {FindingKind::Unit, "untranslated-unit", "A unit of a translated page is not in the page's language"},
    {FindingKind::Sentence, "untranslated-sentence", "A sentence of a translated unit is not in the page's language"},
    {FindingKind::PoMsgstr, "po-msgstr-language", "A PO translation is not in the catalog's language"},
    {FindingKind::PoIdentical, "po-msgstr-copied", "A PO translation repeats its msgid though it has text to translate"},
    {FindingKind::Unreadable, "unreadable-spot", "A spot of a page cannot be read; the rest of the page was checked"},
    {FindingKind::Cited, "cited-title",
     "Source-language text that is the title of a cited work (link text of another site, an emphasized title)"},
};

// A cited title is for the reviewer to see, not a problem to fix.
const char* level_of(FindingKind k) { return k == FindingKind::Cited ? "note" : "warning"; }

int rule_index(FindingKind k) {
  for (int i = 0; i < static_cast<int>(std::size(kRules)); ++i)
    if (kRules[i].kind == k) return i;
  return 0;
}

// Stable across runs and line moves, so code scanning tracks one finding
// from commit to commit.
std::string fingerprint(const Finding& f) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a: the same on every platform
  for (unsigned char c : f.path + '\0' + f.language + '\0' + f.fragment) h = (h ^ c) * 1099511628211ull;
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

std::string sarif_report(const CheckReport& r) {
  std::string o =
      "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
      "  \"runs\": [{\n    \"tool\": {\"driver\": {\"name\": \"l10n check\", \"version\": " +
      json_string(L10N_VERSION) + ", \"rules\": [";
  const char* sep = "\n      ";
  for (const Rule& rule : kRules) {
    o += sep;
    sep = ",\n      ";
    o += "{\"id\": " + json_string(rule.id) + ", \"shortDescription\": {\"text\": " + json_string(rule.text) +
         "}, \"defaultConfiguration\": {\"level\": " + json_string(level_of(rule.kind)) + "}}";
  }
  o += "]}},\n    \"results\": [";
  sep = "\n      ";
  for (const Finding& f : r.findings) {
    o += sep;
    sep = ",\n      ";
    std::string message = f.kind == FindingKind::Unreadable
                              ? "Cannot read this spot (" + f.text + "); the rest of the page was checked: " + f.fragment
                              : "Text in '" + f.found + "' in a '" + f.language + "' " + f.unit + ": " + f.fragment;
    if (f.fix_path != f.path || f.fix_line != f.line)
      message += "\nFix it in " + f.fix_path + ":" + std::to_string(f.fix_line);
    int idx = rule_index(f.kind);
    o += "{\"ruleId\": " + json_string(kRules[idx].id) + ", \"ruleIndex\": " + std::to_string(idx) +
         ", \"level\": " + json_string(level_of(f.kind)) + ", \"message\": {\"text\": " + json_string(message) +
         "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": " + json_string(f.path) +
         "}, \"region\": {\"startLine\": " + std::to_string(std::max(1, f.line)) +
         ", \"startColumn\": " + std::to_string(std::max(1, f.col)) + "}}}], \"partialFingerprints\": {\"l10nFragment/v1\": " +
         json_string(fingerprint(f)) + "}, \"properties\": {\"confidence\": " + std::to_string(f.confidence) + "}}";
  }
  return o + "\n    ]\n  }]\n}\n";
}

}  // namespace l10n
