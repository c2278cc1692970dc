// The HTML report is a reviewer's work list: findings grouped by page (or by
// PO file), the source text beside the text the page shows now, each with
// its links (the page on the site, the PO entry in the repository, the unit
// in Weblate). It is built as a pugixml tree, so every piece of page text is
// a text node or an attribute value and is escaped on output: a page holding
// "<script>" shows it, it does not run it.
#include <pugixml.hpp>

#include <cstdio>
#include <map>
#include <sstream>

#include "base/tr.h"
#include "report/report.h"

namespace l10n {

namespace {

// Fixed column widths and wrapping anywhere: the table fits a 1280 px
// window whatever the text, so the source column is never off screen.
const char* const kStyle = R"(
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1d232a; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 28px; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-bottom: 1px solid #dde2e7; padding: 4px 8px; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #f3f5f7; }
th.sort { cursor: pointer; user-select: none; }
th.sort::after { content: " \2195"; color: #8a96a3; }
tr.group th { background: #e9eef4; font-weight: 600; }
.bar { background: #e6e9ed; width: 100%; max-width: 160px; height: 12px; border-radius: 3px; display: inline-block;
       vertical-align: middle; }
.bar span { display: block; height: 12px; border-radius: 3px; background: #2e8b57; }
.bar.bad span { background: #d9534f; }
.barnum { margin-left: 6px; font-variant-numeric: tabular-nums; white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.text { white-space: pre-wrap; }
mark { background: #ffe08a; }
.loc { font-family: ui-monospace, monospace; font-size: 12px; }
.links a { margin-right: 8px; }
.filters { margin: 12px 0; display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
.hidden { display: none; }
)";

// Filters, groups and sorts the findings and sorts the other tables. Written
// without '<', '>' and '&', which the XML writer would escape inside the
// script element.
const char* const kScript = R"(
function value(row, col) {
  var cell = row.cells[col];
  return cell ? (cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent) : '';
}
function compare(a, b) {
  var x = Number(a), y = Number(b);
  if (a !== '' ? (b !== '' ? !isNaN(x) ? !isNaN(y) : false : false) : false) return Math.sign(x - y);
  return String(a).localeCompare(String(b));
}
var sorting = {col: -1, dir: 1};
function regroup() {
  var body = document.querySelector('#findings tbody');
  var by = document.getElementById('f-group').value;
  var rows = Array.prototype.slice.call(body.querySelectorAll('tr.finding'));
  body.querySelectorAll('tr.group').forEach(function (g) { g.remove(); });
  rows.sort(function (a, b) {
    var c = compare(a.dataset[by], b.dataset[by]);
    if (c !== 0) return c;
    if (sorting.col !== -1) c = sorting.dir * compare(value(a, sorting.col), value(b, sorting.col));
    return c !== 0 ? c : compare(Number(a.dataset.order), Number(b.dataset.order));
  });
  var last = null;
  rows.forEach(function (row) {
    if (row.dataset[by] !== last) {
      last = row.dataset[by];
      var g = document.createElement('tr');
      g.className = 'group';
      g.dataset.key = last;
      var th = document.createElement('th');
      th.colSpan = 4;
      th.textContent = last;
      g.appendChild(th);
      body.appendChild(g);
    }
    body.appendChild(row);
  });
  applyFilters();
}
function applyFilters() {
  var lang = document.getElementById('f-lang').value;
  var kind = document.getElementById('f-kind').value;
  var text = document.getElementById('f-text').value.toLowerCase();
  var by = document.getElementById('f-group').value;
  var shown = 0, groups = {};
  document.querySelectorAll('#findings tr.finding').forEach(function (row) {
    var ok = true;
    if (lang !== '' ? row.dataset.lang !== lang : false) ok = false;
    if (kind !== '' ? row.dataset.kind !== kind : false) ok = false;
    if (text !== '' ? row.textContent.toLowerCase().indexOf(text) === -1 : false) ok = false;
    row.classList.toggle('hidden', !ok);
    if (ok) { shown += 1; groups[row.dataset[by]] = true; }
  });
  document.querySelectorAll('#findings tr.group').forEach(function (g) {
    g.classList.toggle('hidden', !groups[g.dataset.key]);
  });
  document.getElementById('shown').textContent = String(shown);
}
function sortTable(th) {
  var table = th.closest('table');
  var col = th.cellIndex;
  if (table.id === 'findings') {
    sorting.dir = sorting.col === col ? -sorting.dir : 1;
    sorting.col = col;
    regroup();
    return;
  }
  var dir = th.dataset.dir === '1' ? -1 : 1;
  th.dataset.dir = String(dir);
  var body = table.tBodies[0];
  Array.prototype.slice.call(body.rows)
      .sort(function (a, b) { return dir * compare(value(a, col), value(b, col)); })
      .forEach(function (row) { body.appendChild(row); });
}
document.querySelectorAll('th.sort').forEach(function (th) {
  th.addEventListener('click', function () { sortTable(th); });
});
document.querySelectorAll('.filters select, .filters input').forEach(function (el) {
  el.addEventListener('input', el.id === 'f-group' ? regroup : applyFilters);
});
// A link may carry filters: report.html#lang=nl;kind=sentence;text=forum;group=po
location.hash.slice(1).split(';').forEach(function (pair) {
  var kv = pair.split('=');
  var el = document.getElementById('f-' + kv[0]);
  if (el) el.value = decodeURIComponent(kv[1] || '');
});
regroup();
)";

std::string percent(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// Text for a node: escaping '<' is pugixml's business, but a bidi override
// would reorder what the reviewer reads, and C0 controls are not XML at all.
// Line breaks and tabs stay: texts are shown pre-wrapped.
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
  if (!text.empty()) n.append_child(pugi::node_pcdata).set_value(shown(text).c_str());
  return n;
}

void attr(pugi::xml_node n, const char* name, const std::string& value) {
  n.append_attribute(name) = shown(value).c_str();
}

// Links are only ever the site's own http(s) templates filled in (the
// config refuses other schemes); one that is not is left out.
void link(pugi::xml_node parent, const std::string& url, const std::string& text) {
  if (!url.starts_with("https://") && !url.starts_with("http://")) return;
  pugi::xml_node a = add(parent, "a", text);
  attr(a, "href", url);
  attr(a, "rel", "noopener noreferrer");
}

// A bar with its figure beside it: "93.2% (41/44)".
void bar(pugi::xml_node cell, int good, int total, bool bad) {
  double pct = total ? 100.0 * good / total : 100.0;
  attr(cell, "data-sort", percent(pct));
  pugi::xml_node b = add(cell, "div", "", bad ? "bar bad" : "bar");
  attr(b, "title", percent(pct) + "%");
  attr(add(b, "span"), "style", "width:" + percent(pct) + "%");
  add(cell, "span", percent(pct) + "% (" + std::to_string(good) + "/" + std::to_string(total) + ")", "barnum");
}

void number(pugi::xml_node line, int v) { attr(add(line, "td", std::to_string(v), "num"), "data-sort", std::to_string(v)); }

// A column heading: a catalog msgid, or text already shown with the id the
// script finds the cell by.
struct Heading {
  Heading(const char* msgid) : text(tr(msgid)) {}
  Heading(std::string shown, const char* cell_id) : text(std::move(shown)), id(cell_id) {}
  std::string text;
  const char* id = nullptr;
};

pugi::xml_node header(pugi::xml_node table, std::initializer_list<Heading> cells,
                      std::initializer_list<int> widths = {}) {
  if (widths.size()) {
    pugi::xml_node group = add(table, "colgroup");
    for (int w : widths) attr(add(group, "col"), "style", "width:" + std::to_string(w) + "%");
  }
  pugi::xml_node line = add(add(table, "thead"), "tr");
  for (const Heading& c : cells) {
    pugi::xml_node th = add(line, "th", c.text, "sort");
    if (c.id) attr(th, "id", c.id);
  }
  return add(table, "tbody");
}

void summary_section(pugi::xml_node body, const CheckReport& r) {
  add(body, "h2", tr("Coverage per language"));
  pugi::xml_node t = add(body, "table", "", "summary");
  attr(t, "id", "summary");
  pugi::xml_node tbody = header(t, {N_("Language"), N_("Pages"), N_("Units checked"), N_("Units in another language"),
                                    N_("Units translated"), N_("PO entries translated"), N_("Fuzzy"), N_("Untranslated")},
                                {8, 7, 9, 11, 20, 21, 10, 14});
  for (const LanguageSummary& s : r.summary()) {
    pugi::xml_node line = tbody.append_child("tr");
    attr(line, "data-lang", s.language);
    add(line, "td", s.language);
    number(line, s.pages);
    number(line, s.units);
    number(line, s.flagged_units);
    bar(add(line, "td"), s.units - s.flagged_units, s.units, s.flagged_units > 0);
    pugi::xml_node po = add(line, "td");
    if (s.po_messages) bar(po, s.po_translated, s.po_messages, s.po_translated < s.po_messages);
    else po.text().set(tr("no PO files"));
    number(line, s.po_fuzzy);
    number(line, s.po_untranslated);
  }
}

void pages_section(pugi::xml_node body, const CheckReport& r) {
  add(body, "h2", tr("Pages"));
  pugi::xml_node t = add(body, "table");
  attr(t, "id", "pages");
  pugi::xml_node tbody = header(t, {N_("Language"), N_("Page"), N_("Source page"), N_("Units"), N_("Not translated"),
                                    N_("Units translated")},
                                {8, 28, 28, 8, 9, 19});
  for (const PageResult& p : r.pages) {
    pugi::xml_node line = tbody.append_child("tr");
    attr(line, "data-lang", p.language);
    add(line, "td", p.language);
    add(line, "td", p.path + (p.from_merge ? tr(" (merge)") : ""), "loc");
    add(line, "td", p.source, "loc");
    number(line, p.units);
    number(line, p.flagged);
    bar(add(line, "td"), p.units - p.flagged, p.units, p.flagged > 0);
  }
  if (r.catalogs.empty()) return;
  add(body, "h2", tr("PO files"));
  pugi::xml_node c = add(body, "table");
  attr(c, "id", "catalogs");
  pugi::xml_node cbody = header(c, {N_("Language"), N_("PO file"), N_("Entries"), N_("Translated"), N_("Fuzzy"),
                                    N_("Untranslated"), N_("In another language"), N_("Coverage")},
                                {8, 26, 8, 9, 7, 10, 11, 21});
  for (const CatalogResult& k : r.catalogs) {
    pugi::xml_node line = cbody.append_child("tr");
    attr(line, "data-lang", k.language);
    add(line, "td", k.language);
    add(line, "td", k.path, "loc");
    for (int v : {k.messages, k.translated, k.fuzzy, k.untranslated, k.flagged}) number(line, v);
    bar(add(line, "td"), k.translated, k.messages, k.translated < k.messages);
  }
}

void select(pugi::xml_node parent, const char* id, const std::string& label,
            const std::vector<std::pair<std::string, std::string>>& values) {
  pugi::xml_node l = add(parent, "label", label + " ");
  pugi::xml_node s = add(l, "select");
  attr(s, "id", id);
  for (const auto& [value, text] : values) attr(add(s, "option", text), "value", value);
}

// One row of the work list: findings of one page with the same text and
// the same PO entry are one thing to fix, however often the page shows it.
struct Row {
  const Finding* first;
  std::vector<int> lines;
};

std::vector<Row> rows_of(const std::vector<Finding>& findings) {
  std::vector<Row> rows;
  std::map<std::tuple<std::string, std::string, std::string, int, FindingKind>, std::size_t> seen;
  for (const Finding& f : findings) {
    auto key = std::make_tuple(f.path, f.fragment, f.fix_path, f.fix_line, f.kind);
    auto [it, fresh] = seen.try_emplace(key, rows.size());
    if (fresh) rows.push_back({&f, {}});
    rows[it->second].lines.push_back(f.line);
  }
  return rows;
}

// The unit as the page shows it, its offending fragment marked.
void current_text(pugi::xml_node cell, const Finding& f) {
  std::size_t at = f.text.find(f.fragment);
  if (f.fragment.empty() || at == std::string::npos) {
    add(cell, "span", f.fragment.empty() ? f.text : f.fragment);
    return;
  }
  if (at > 0) add(cell, "span", f.text.substr(0, at));
  add(cell, "mark", f.fragment);
  if (at + f.fragment.size() < f.text.size()) add(cell, "span", f.text.substr(at + f.fragment.size()));
}

std::string lines_text(const Row& row) {
  std::string s = row.first->path + ":" + std::to_string(row.lines.front());
  for (std::size_t i = 1; i < row.lines.size(); ++i) s += ", " + std::to_string(row.lines[i]);
  return s;
}

void finding_row(pugi::xml_node tbody, const Row& row, int order) {
  const Finding& f = *row.first;
  pugi::xml_node line = tbody.append_child("tr");
  attr(line, "class", "finding");
  attr(line, "data-lang", f.language);
  attr(line, "data-kind", finding_kind_name(f.kind));
  attr(line, "data-page", f.path);
  attr(line, "data-po", f.fix_path.ends_with(".po") ? f.fix_path : tr("(no PO file)"));
  attr(line, "data-order", std::to_string(order));

  pugi::xml_node where = add(line, "td", "", "loc");
  attr(where, "data-sort", f.path + ":" + std::to_string(100000000 + f.line));
  add(add(where, "div"), "span", lines_text(row));
  if (f.fix_path != f.path) add(add(where, "div"), "span", tr("fix in ") + f.fix_path + ":" + std::to_string(f.fix_line));
  pugi::xml_node links = add(where, "div", "", "links");
  link(links, f.page_url, tr("page"));
  link(links, f.fix_url, f.fix_path.ends_with(".po") ? tr("PO entry") : tr("source"));
  link(links, f.weblate_url, tr("Weblate"));

  add(line, "td", f.counterpart.empty() ? "—" : f.counterpart, "text source");
  current_text(add(line, "td", "", "text current"), f);
  std::string found = f.kind == FindingKind::Unreadable
                          ? format(tr("cannot read this spot: %s"), f.text.c_str())
                          : format(tr("%s, in '%s' (%s%%)"), unit_label(f.unit), f.found.c_str(),
                                   percent(100 * f.confidence).c_str());
  if (f.kind == FindingKind::Cited) found += tr(", a cited title");
  if (row.lines.size() > 1) found += format(tr(", %d times on the page"), static_cast<int>(row.lines.size()));
  pugi::xml_node kind = add(line, "td", found);
  attr(kind, "data-sort", std::string(finding_kind_name(f.kind)) + " " + percent(100 * f.confidence));
}

void findings_section(pugi::xml_node body, const CheckReport& r) {
  add(body, "h2", tr("Findings"));
  pugi::xml_node filters = add(body, "div", "", "filters");
  std::vector<std::pair<std::string, std::string>> langs = {{"", tr("all")}}, kinds = {{"", tr("all")}};
  for (const LanguageSummary& s : r.summary()) langs.push_back({s.language, s.language});
  for (FindingKind k : {FindingKind::Unit, FindingKind::Sentence, FindingKind::PoMsgstr, FindingKind::PoIdentical,
                        FindingKind::Unreadable, FindingKind::Cited})
    kinds.push_back({finding_kind_name(k), finding_kind_label(k)});
  select(filters, "f-group", tr("Group by"), {{"page", tr("page")}, {"po", tr("PO file")}});
  select(filters, "f-lang", tr("Language"), langs);
  select(filters, "f-kind", tr("Kind"), kinds);
  pugi::xml_node search = add(add(filters, "label", tr("Search") + std::string(" ")), "input");
  attr(search, "id", "f-text");
  attr(search, "type", "search");
  std::vector<Row> rows = rows_of(r.findings);
  pugi::xml_node count = add(filters, "span");
  attr(add(count, "span", std::to_string(rows.size())), "id", "shown");
  add(count, "span", " / ");
  attr(add(count, "span", std::to_string(rows.size())), "id", "total");
  add(count, "span", std::string(" ") + tr("shown"));

  pugi::xml_node t = add(body, "table");
  attr(t, "id", "findings");
  std::string source = format(tr("Source text (%s)"), r.source_language.c_str());
  pugi::xml_node tbody = header(t, {N_("Where"), {source, "source-column"}, N_("Text on the page now"), N_("Found")},
                                {22, 31, 31, 16});
  // Grouped by page as written; the script regroups on request.
  std::string last;
  int order = 0;
  for (const Row& row : rows) {
    if (row.first->path != last || order == 0) {
      last = row.first->path;
      pugi::xml_node g = add(tbody, "tr", "", "group");
      attr(g, "data-key", last);
      attr(add(g, "th", last), "colspan", "4");
    }
    finding_row(tbody, row, order++);
  }
}

}  // namespace

std::string html_report(const CheckReport& r) {
  pugi::xml_document doc;
  pugi::xml_node html = doc.append_child("html");
  // TRANSLATORS: the code of the language this catalog translates to, for the report's <html lang>.
  attr(html, "lang", tr("en"));
  pugi::xml_node head = add(html, "head");
  attr(add(head, "meta"), "charset", "utf-8");
  pugi::xml_node viewport = add(head, "meta");
  attr(viewport, "name", "viewport");
  attr(viewport, "content", "width=device-width");
  add(head, "title", tr("l10n check report"));
  add(head, "style", kStyle);
  pugi::xml_node body = add(html, "body");
  add(body, "h1", format(tr("l10n check: text left in '%s'"), r.source_language.c_str()));
  attr(add(body, "p",
           format(tr("%d pages, %d units, %d PO files checked; %d findings."), static_cast<int>(r.pages.size()),
                  r.units(), static_cast<int>(r.catalogs.size()), static_cast<int>(r.findings.size()))),
       "id", "totals");
  summary_section(body, r);
  findings_section(body, r);
  pages_section(body, r);
  add(body, "script", kScript);
  std::ostringstream out;
  out << "<!DOCTYPE html>\n";
  // Raw: indentation would be text inside the pre-wrapped cells.
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration | pugi::format_no_empty_element_tags);
  return out.str();
}

}  // namespace l10n
