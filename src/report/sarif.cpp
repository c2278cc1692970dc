#include <cstdio>
#include <cstdint>
#include <iterator>

#include "base/tr.h"
#include "report/report.h"

namespace l10n {

namespace {

struct Rule {
  FindingKind kind;
  const char* id;
  const char* text;  // short description
  const char* help;  // what to do about it
};

// GitHub's code scanning asks every rule for a full description and help.
const Rule kRules[] = {
    {FindingKind::Unit, "untranslated-unit", N_("A unit of a translated page is not in the page's language"),
     N_("Translate the PO entry the finding points at (its msgstr is empty, fuzzy or still in the source language), "
        "or translate the page itself if it was written by hand.")},
    {FindingKind::Sentence, "untranslated-sentence", N_("A sentence of a translated unit is not in the page's language"),
     N_("Part of a translation was left in the source language: translate that sentence in the PO entry (or in the "
        "page, if it was written by hand).")},
    {FindingKind::PoMsgstr, "po-msgstr-language", N_("A PO translation is not in the catalog's language"),
     N_("The msgstr is in another language than the catalog's: replace it with a translation.")},
    {FindingKind::PoIdentical, "po-msgstr-copied",
     N_("A PO translation repeats its msgid though it has text to translate"),
     N_("The msgstr is a copy of the msgid: translate it, or leave it empty so that the page keeps its source text "
        "openly untranslated.")},
    {FindingKind::Unreadable, "unreadable-spot", N_("A spot of a page cannot be read; the rest of the page was checked"),
     N_("Fix the syntax at this spot (front matter, a shortcode call, Markdown): until then, the text there is not "
        "checked.")},
    {FindingKind::Cited, "cited-title",
     N_("Source-language text that is the title of a cited work (link text of another site, an emphasized title)"),
     N_("Nothing to fix: titles of cited works usually stay in their language. Shown for review only.")},
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


std::string physical(const std::string& path, int line, int col) {
  return "{\"artifactLocation\": {\"uri\": " + json_string(path) + "}, \"region\": {\"startLine\": " +
         std::to_string(std::max(1, line)) + ", \"startColumn\": " + std::to_string(std::max(1, col)) + "}}";
}

// Page text in a message: "[links](/x/)" would read as SARIF's embedded
// links, which only ours may be.
std::string literal(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string message_of(const Finding& f) {
  if (f.kind == FindingKind::Unreadable)
    return format(tr("Cannot read this spot (%s); the rest of the page was checked: %s"), literal(f.text).c_str(),
                  literal(f.fragment).c_str());
  return format(tr("Text in '%s' in a '%s' %s: %s"), f.found.c_str(), f.language.c_str(), unit_label(f.unit),
                literal(f.fragment).c_str());
}

// Where code scanning shows the finding: what a pull request changes. A
// page merge wrote is generated (and usually ignored by git), so a finding
// there is located at its PO entry, with the page as a related location.
std::string locations(const Finding& f, std::string& message) {
  std::string o = ", \"locations\": [{\"physicalLocation\": ";
  if (f.fix_path == f.path) return o + physical(f.path, f.line, f.col) + "}]";
  o += physical(f.fix_path, f.fix_line, 1) + "}]";
  message += "\n" + format(tr("Shown in [the generated page](1): %s:%d"), literal(f.path).c_str(), f.line);
  return o + ", \"relatedLocations\": [{\"id\": 1, \"physicalLocation\": " + physical(f.path, f.line, f.col) +
         ", \"message\": {\"text\": " + json_string(tr("the generated page")) + "}}]";
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
    o += "{\"id\": " + json_string(rule.id) + ", \"shortDescription\": {\"text\": " + json_string(tr(rule.text)) +
         "}, \"fullDescription\": {\"text\": " + json_string(tr(rule.text)) + "}, \"help\": {\"text\": " +
         json_string(tr(rule.help)) + "}, \"defaultConfiguration\": {\"level\": " + json_string(level_of(rule.kind)) +
         "}}";
  }
  o += "]}},\n    \"results\": [";
  sep = "\n      ";
  for (const Finding& f : r.findings) {
    o += sep;
    sep = ",\n      ";
    std::string message = message_of(f);
    std::string where = locations(f, message);
    int idx = rule_index(f.kind);
    o += "{\"ruleId\": " + json_string(kRules[idx].id) + ", \"ruleIndex\": " + std::to_string(idx) +
         ", \"level\": " + json_string(level_of(f.kind)) + ", \"message\": {\"text\": " + json_string(message) + "}" +
         where + ", \"partialFingerprints\": {\"l10nFragment/v1\": " + json_string(fingerprint(f)) +
         "}, \"properties\": {\"confidence\": " + std::to_string(f.confidence) + "}}";
  }
  return o + "\n    ]\n  }]\n}\n";
}

}  // namespace l10n
