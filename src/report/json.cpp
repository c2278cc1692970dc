#include <cstdio>

#include "report/report.h"

#include "base/source_text.h"

namespace l10n {

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    char32_t cp = 0;
    std::size_t n = decode_code_point(s, i, cp);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '<': out += "\\u003c"; break;  // the JSON may be pasted into HTML
      default:
        if (n != 0 && is_display_control(cp)) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
          out += buf;
        } else {
          out.append(s, i, n == 0 ? 1 : n);
        }
    }
    i += n == 0 ? 1 : n;
  }
  return out + "\"";
}

namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

// `"name": [` then one object per item, each on its own line.
template <typename Items, typename Object>
void append_array(std::string& o, const char* name, const Items& items, Object object) {
  o += ",\n  \"";
  o += name;
  o += "\": [";
  const char* sep = "\n    ";
  for (const auto& item : items) {
    o += sep;
    sep = ",\n    ";
    o += object(item);
  }
  o += "\n  ]";
}

// The PO entry and the links a site configures, only when there are some:
// a report of a site without them reads as before.
std::string links(const Finding& f) {
  std::string o;
  if (!f.msgid.empty()) o += ", \"msgid\": " + json_string(f.msgid);
  if (!f.msgctxt.empty()) o += ", \"msgctxt\": " + json_string(f.msgctxt);
  if (!f.fix_url.empty()) o += ", \"url\": " + json_string(f.fix_url);
  if (!f.weblate_url.empty()) o += ", \"weblate\": " + json_string(f.weblate_url);
  if (!f.page_url.empty()) o += ", \"page\": " + json_string(f.page_url);
  return o;
}

}  // namespace

std::string json_report(const CheckReport& r) {
  std::string o = "{\n  \"schema\": 1,\n  \"tool\": \"l10n check\",\n  \"version\": " + json_string(L10N_VERSION) +
                  ",\n  \"source_language\": " + json_string(r.source_language);
  append_array(o, "summary", r.summary(), [](const LanguageSummary& s) {
    return "{\"language\": " + json_string(s.language) + ", \"pages\": " + std::to_string(s.pages) +
           ", \"units\": " + std::to_string(s.units) + ", \"flagged_units\": " + std::to_string(s.flagged_units) +
           ", \"findings\": " + std::to_string(s.findings) + ", \"cited\": " + std::to_string(s.cited) + ", \"po\": {\"messages\": " + std::to_string(s.po_messages) +
           ", \"translated\": " + std::to_string(s.po_translated) + ", \"fuzzy\": " + std::to_string(s.po_fuzzy) +
           ", \"untranslated\": " + std::to_string(s.po_untranslated) + ", \"flagged\": " + std::to_string(s.po_flagged) +
           ", \"coverage\": " + number(s.po_coverage()) + "}}";
  });
  append_array(o, "pages", r.pages, [](const PageResult& p) {
    return "{\"language\": " + json_string(p.language) + ", \"path\": " + json_string(p.path) +
           ", \"source\": " + json_string(p.source) + ", \"from_merge\": " + (p.from_merge ? "true" : "false") +
           ", \"units\": " + std::to_string(p.units) + ", \"flagged\": " + std::to_string(p.flagged) + "}";
  });
  append_array(o, "catalogs", r.catalogs, [](const CatalogResult& c) {
    return "{\"language\": " + json_string(c.language) + ", \"path\": " + json_string(c.path) +
           ", \"messages\": " + std::to_string(c.messages) + ", \"translated\": " + std::to_string(c.translated) +
           ", \"fuzzy\": " + std::to_string(c.fuzzy) + ", \"untranslated\": " + std::to_string(c.untranslated) +
           ", \"flagged\": " + std::to_string(c.flagged) + "}";
  });
  append_array(o, "findings", r.findings, [](const Finding& f) {
    return "{\"path\": " + json_string(f.path) + ", \"line\": " + std::to_string(f.line) +
           ", \"column\": " + std::to_string(f.col) + ", \"language\": " + json_string(f.language) +
           ", \"found\": " + json_string(f.found) + ", \"confidence\": " + number(f.confidence) +
           ", \"kind\": " + json_string(finding_kind_name(f.kind)) + ", \"unit\": " + json_string(f.unit) +
           ", \"fragment\": " + json_string(f.fragment) + ", \"text\": " + json_string(f.text) +
           ", \"counterpart\": " + json_string(f.counterpart) + ", \"fix\": {\"path\": " + json_string(f.fix_path) +
           ", \"line\": " + std::to_string(f.fix_line) + links(f) + "}}";
  });
  append_array(o, "errors", r.errors, [](const Diagnostic& d) {
    return "{\"path\": " + json_string(d.path) + ", \"line\": " + std::to_string(d.line) +
           ", \"column\": " + std::to_string(d.col) + ", \"message\": " + json_string(d.message) + "}";
  });
  return o + "\n}\n";
}

}  // namespace l10n
