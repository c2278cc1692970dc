// The HTML report is built as a pugixml tree, so every piece of page text is
// a text node or an attribute value and is escaped on output: a page holding
// "<script>" shows it, it does not run it.
#include <pugixml.hpp>

#include <cstdio>
#include <map>
#include <sstream>

#include "report/report.h"

namespace l10n {

namespace {

const char* const kStyle = R"(
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1d232a; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 28px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #dde2e7; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f5f7; }
.bar { background: #e6e9ed; width: 180px; height: 12px; border-radius: 3px; display: inline-block; }
.bar span { display: block; height: 12px; border-radius: 3px; background: #2e8b57; }
.bar.bad span { background: #d9534f; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.frag { background: #fff3cd; white-space: pre-wrap; }
.counterpart { color: #4a5560; white-space: pre-wrap; }
.loc { font-family: ui-monospace, monospace; font-size: 12px; }
.filters { margin: 12px 0; display: flex; gap: 12px; align-items: center; }
.hidden { display: none; }
)";

// Filters the findings table; written without '<', '>' and '&', which the
// XML writer would escape inside the script element.
const char* const kScript = R"(
function applyFilters() {
  var lang = document.getElementById('f-lang').value;
  var kind = document.getElementById('f-kind').value;
  var text = document.getElementById('f-text').value.toLowerCase();
  var shown = 0;
  document.querySelectorAll('#findings tbody tr').forEach(function (row) {
    var ok = true;
    if (lang !== '' ? row.dataset.lang !== lang : false) ok = false;
    if (kind !== '' ? row.dataset.kind !== kind : false) ok = false;
    if (text !== '' ? row.textContent.toLowerCase().indexOf(text) === -1 : false) ok = false;
    row.classList.toggle('hidden', !ok);
    if (ok) shown += 1;
  });
  document.getElementById('shown').textContent = String(shown);
}
document.querySelectorAll('.filters select, .filters input').forEach(function (el) {
  el.addEventListener('input', applyFilters);
});
// A link may carry filters: report.html#lang=nl;kind=sentence;text=forum
location.hash.slice(1).split(';').forEach(function (pair) {
  var kv = pair.split('=');
  var el = document.getElementById('f-' + kv[0]);
  if (el) el.value = decodeURIComponent(kv[1] || '');
});
applyFilters();
)";

std::string percent(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// Text for a node: escaping '<' is pugixml's business, but a bidi override
// would reorder what the reviewer reads, and C0 controls are not XML at all.
// Line breaks and tabs stay: fragments are shown pre-wrapped.
std::string shown(std::string_view text) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\n' && text[i] != '\t') continue;
    out += visible_controls(text.substr(from, i - from));
    if (i < text.size()) out += text[i];
    from = i + 1;
  }
  return out;
}

pugi::xml_node add(pugi::xml_node parent, const char* name, const std::string& text = "", const char* cls = nullptr) {
  pugi::xml_node n = parent.append_child(name);
  if (cls) n.append_attribute("class") = cls;
  if (!text.empty()) n.text().set(shown(text).c_str());
  return n;
}

void bar(pugi::xml_node parent, double pct, bool bad) {
  pugi::xml_node b = add(parent, "div", "", bad ? "bar bad" : "bar");
  b.append_attribute("title") = (percent(pct) + "%").c_str();
  add(b, "span").append_attribute("style") = ("width:" + percent(pct) + "%").c_str();
}

void row(pugi::xml_node table, std::initializer_list<std::string> cells, const char* tag = "td") {
  pugi::xml_node tr = table.append_child("tr");
  for (const std::string& c : cells) add(tr, tag, c);
}

void summary_section(pugi::xml_node body, const CheckReport& r) {
  add(body, "h2", "Coverage per language");
  pugi::xml_node t = add(body, "table", "", "summary");
  t.append_attribute("id") = "summary";
  row(t, {"Language", "Pages", "Units checked", "Units in another language", "Translated text", "PO translated",
          "Fuzzy", "Untranslated"}, "th");
  for (const LanguageSummary& s : r.summary()) {
    pugi::xml_node tr = t.append_child("tr");
    tr.append_attribute("data-lang") = shown(s.language).c_str();
    add(tr, "td", s.language);
    add(tr, "td", std::to_string(s.pages), "num");
    add(tr, "td", std::to_string(s.units), "num units");
    add(tr, "td", std::to_string(s.flagged_units), "num flagged");
    double ok = s.units ? 100.0 * (s.units - s.flagged_units) / s.units : 100.0;
    bar(add(tr, "td"), ok, s.flagged_units > 0);
    pugi::xml_node po = add(tr, "td");
    if (s.po_messages) {
      bar(po, s.po_coverage(), s.po_coverage() < 100);
      std::string note(1, ' ');
      note += percent(s.po_coverage());
      note += "% (" + std::to_string(s.po_translated) + "/" + std::to_string(s.po_messages) + ")";
      add(po, "span", note);
    } else {
      po.text().set("no PO files");
    }
    add(tr, "td", std::to_string(s.po_fuzzy), "num");
    add(tr, "td", std::to_string(s.po_untranslated), "num");
  }
}

void pages_section(pugi::xml_node body, const CheckReport& r) {
  add(body, "h2", "Pages");
  pugi::xml_node t = add(body, "table");
  t.append_attribute("id") = "pages";
  row(t, {"Language", "Page", "Source", "Units", "Not translated", "Translated text"}, "th");
  for (const PageResult& p : r.pages) {
    pugi::xml_node tr = t.append_child("tr");
    tr.append_attribute("data-lang") = shown(p.language).c_str();
    add(tr, "td", p.language);
    add(tr, "td", p.path + (p.from_merge ? " (merge)" : ""), "loc");
    add(tr, "td", p.source, "loc");
    add(tr, "td", std::to_string(p.units), "num");
    add(tr, "td", std::to_string(p.flagged), "num");
    bar(add(tr, "td"), p.units ? 100.0 * (p.units - p.flagged) / p.units : 100.0, p.flagged > 0);
  }
  if (r.catalogs.empty()) return;
  add(body, "h2", "PO files");
  pugi::xml_node c = add(body, "table");
  c.append_attribute("id") = "catalogs";
  row(c, {"Language", "Catalog", "Messages", "Translated", "Fuzzy", "Untranslated", "In another language", "Coverage"},
      "th");
  for (const CatalogResult& k : r.catalogs) {
    pugi::xml_node tr = c.append_child("tr");
    add(tr, "td", k.language);
    add(tr, "td", k.path, "loc");
    for (int v : {k.messages, k.translated, k.fuzzy, k.untranslated, k.flagged}) add(tr, "td", std::to_string(v), "num");
    double pct = k.messages ? 100.0 * k.translated / k.messages : 0;
    bar(add(tr, "td"), pct, pct < 100);
  }
}

void select(pugi::xml_node parent, const char* id, const char* label, const std::vector<std::string>& values) {
  pugi::xml_node l = add(parent, "label", std::string(label) + " ");
  pugi::xml_node s = add(l, "select");
  s.append_attribute("id") = id;
  add(s, "option", "all").append_attribute("value") = "";
  for (const std::string& v : values) add(s, "option", v).append_attribute("value") = shown(v).c_str();
}

void findings_section(pugi::xml_node body, const CheckReport& r) {
  add(body, "h2", "Findings");
  pugi::xml_node filters = add(body, "div", "", "filters");
  std::vector<std::string> langs, kinds;
  for (const LanguageSummary& s : r.summary()) langs.push_back(s.language);
  for (FindingKind k : {FindingKind::Unit, FindingKind::Sentence, FindingKind::PoMsgstr, FindingKind::PoIdentical,
                        FindingKind::Unreadable, FindingKind::Cited})
    kinds.push_back(finding_kind_name(k));
  select(filters, "f-lang", "Language", langs);
  select(filters, "f-kind", "Kind", kinds);
  pugi::xml_node search = add(add(filters, "label", "Search "), "input");
  search.append_attribute("id") = "f-text";
  search.append_attribute("type") = "search";
  pugi::xml_node count = add(filters, "span");
  add(count, "span", std::to_string(r.findings.size())).append_attribute("id") = "shown";
  add(count, "span", " of ");
  add(count, "span", std::to_string(r.findings.size())).append_attribute("id") = "total";
  add(count, "span", " findings shown");

  pugi::xml_node t = add(body, "table");
  t.append_attribute("id") = "findings";
  row(add(t, "thead"), {"Where", "Fix in", "Found", "Translated text", "Source text"}, "th");
  pugi::xml_node tbody = add(t, "tbody");
  for (const Finding& f : r.findings) {
    pugi::xml_node tr = tbody.append_child("tr");
    tr.append_attribute("data-lang") = shown(f.language).c_str();
    tr.append_attribute("data-kind") = finding_kind_name(f.kind);
    add(tr, "td", f.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.col), "loc");
    add(tr, "td", f.fix_path + ":" + std::to_string(f.fix_line), "loc");
    add(tr, "td", f.kind == FindingKind::Unreadable ? "cannot read this spot: " + f.text
                                                    : f.unit + ", " + f.found + " (" + percent(100 * f.confidence) + "%)" +
                                                          (f.kind == FindingKind::Cited ? ", a cited title" : ""));
    add(tr, "td", f.fragment, "frag");
    add(tr, "td", f.counterpart.empty() ? "—" : f.counterpart, "counterpart");
  }
}

}  // namespace

std::string html_report(const CheckReport& r) {
  pugi::xml_document doc;
  pugi::xml_node html = doc.append_child("html");
  html.append_attribute("lang") = "en";
  pugi::xml_node head = add(html, "head");
  add(head, "meta").append_attribute("charset") = "utf-8";
  add(head, "title", "l10n check report");
  add(head, "style", kStyle);
  pugi::xml_node body = add(html, "body");
  add(body, "h1", "l10n check: text left in '" + r.source_language + "'");
  int units = r.units();
  add(body, "p",
      std::to_string(r.pages.size()) + " pages, " + std::to_string(units) + " units, " +
          std::to_string(r.catalogs.size()) + " PO files checked; " + std::to_string(r.findings.size()) + " findings.")
      .append_attribute("id") = "totals";
  summary_section(body, r);
  findings_section(body, r);
  pages_section(body, r);
  add(body, "script", kScript);
  std::ostringstream out;
  out << "<!DOCTYPE html>\n";
  doc.save(out, "  ", pugi::format_indent | pugi::format_no_declaration | pugi::format_no_empty_element_tags);
  return out.str();
}

}  // namespace l10n
