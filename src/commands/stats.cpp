#include "commands/stats.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "base/controls.h"
#include "base/tr.h"
#include "po/catalog.h"
#include "site/layout.h"
#include "site/sources.h"
#include "po/reader.h"

namespace fs = std::filesystem;

namespace l10n {

double Coverage::percent() const {
  return total() == 0 ? 100.0 : 100.0 * static_cast<double>(translated) / static_cast<double>(total());
}

Coverage& Coverage::operator+=(const Coverage& o) {
  translated += o.translated;
  fuzzy += o.fuzzy;
  untranslated += o.untranslated;
  words += o.words;
  translated_words += o.translated_words;
  fuzzy_words += o.fuzzy_words;
  return *this;
}

std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false, has_alnum = false;
  auto end_word = [&] {
    if (in_word && has_alnum) ++words;
    in_word = has_alnum = false;
  };
  for (unsigned char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      end_word();
      continue;
    }
    in_word = true;
    // Bytes of multi-byte UTF-8 sequences are letters of other scripts for
    // this purpose; punctuation such as "—" alone is rare enough not to matter.
    if (std::isalnum(c) || c >= 0x80) has_alnum = true;
  }
  end_word();
  return words;
}

namespace {

enum class State { Untranslated, Fuzzy, Translated };

// As msgfmt --statistics counts: a fuzzy entry without a translation is untranslated.
State state_of(const Message& m) {
  if (m.translated()) return State::Translated;
  return m.fuzzy && !m.msgstr.empty() && !m.msgstr[0].empty() ? State::Fuzzy : State::Untranslated;
}

void count(Coverage& c, State state, std::string_view msgid) {
  std::size_t words = count_words(msgid);
  c.words += words;
  switch (state) {
    case State::Translated: ++c.translated, c.translated_words += words; break;
    case State::Fuzzy: ++c.fuzzy, c.fuzzy_words += words; break;
    case State::Untranslated: ++c.untranslated; break;
  }
}

std::string key_of(const Message& m) { return m.msgctxt.value_or("") + '\x04' + m.msgid; }

LanguageStats language_stats(const Config& cfg, const std::string& lang, const std::vector<SourceUnits>& sources,
                             std::vector<Diagnostic>& errors) {
  LanguageStats out;
  out.language = lang;
  std::map<std::string, State, std::less<>> states;  // msgctxt '\4' msgid
  for (const std::string& domain : domains_on_disk(cfg, lang)) {
    CatalogStats cat{domain, catalog_path(cfg, lang, domain), true, {}};
    std::string pot_rel = template_path(cfg, domain);
    std::string rel = readable_in_site(cfg, cat.path) ? cat.path : pot_rel;
    cat.exists = rel == cat.path;
    try {
      Catalog po = read_po(on_disk(cfg, rel), rel);
      for (const Message& m : po.messages) {
        if (m.obsolete || m.msgid.empty()) continue;
        State s = cat.exists ? state_of(m) : State::Untranslated;
        count(cat.coverage, s, m.msgid);
        states.try_emplace(key_of(m), s);
      }
    } catch (const Error& e) {
      errors.push_back(e.diagnostic());
      continue;
    }
    out.total += cat.coverage;
    out.catalogs.push_back(std::move(cat));
  }
  for (const SourceUnits& source : sources) {
    PageStats page{source.file.path, {}};
    for (const Unit& u : source.units) {
      auto it = states.find(u.context + '\x04' + u.text);
      count(page.coverage, it == states.end() ? State::Untranslated : it->second, u.text);
    }
    out.pages.push_back(std::move(page));
  }
  return out;
}

std::string percent_text(const Coverage& c) {
  char buf[16];
  // Rounded down, so that 99.96% is not shown as a finished 100.0%.
  std::snprintf(buf, sizeof buf, "%.1f", std::floor(c.percent() * 10) / 10);
  return buf;
}

void json_string(std::ostream& out, std::string_view s) {
  out << '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out << '\\' << c;
    else if (c == '\n') out << "\\n";
    else if (c == '\t') out << "\\t";
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out << buf;
    } else out << c;
  }
  out << '"';
}

void json_coverage(std::ostream& out, const Coverage& c) {
  out << "\"translated\": " << c.translated << ", \"fuzzy\": " << c.fuzzy << ", \"untranslated\": " << c.untranslated
      << ", \"total\": " << c.total() << ", \"words\": " << c.words << ", \"translatedWords\": " << c.translated_words
      << ", \"fuzzyWords\": " << c.fuzzy_words << ", \"percent\": " << percent_text(c);
}

// `text` padded with spaces to `width` columns, on the left or the right.
std::string padded(const std::string& text, std::size_t width, bool right) {
  std::size_t used = display_width(text);
  std::string pad(width > used ? width - used : 0, ' ');
  return right ? pad + text : text + pad;
}

// A table of coverage, one row a catalog or a page; the columns are as wide
// as their translated headings or their widest value.
void table(std::ostream& out, const char* heading, const std::vector<std::pair<std::string, Coverage>>& rows) {
  std::vector<std::vector<std::string>> cells = {
      {heading, tr("translated"), tr("fuzzy"), tr("untranslated"), tr("words"), tr("done")}};
  for (const auto& [name, c] : rows)
    cells.push_back({name, std::to_string(c.translated), std::to_string(c.fuzzy), std::to_string(c.untranslated),
                     std::to_string(c.words), percent_text(c) + "%"});
  std::vector<std::size_t> widths = {0, 10, 5, 12, 6, 6};  // scripts read the English table: it keeps its layout
  for (const auto& line : cells)
    for (std::size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], display_width(line[i]));
  for (const auto& line : cells) {
    out << " ";
    for (std::size_t i = 0; i < line.size(); ++i) out << (i ? "  " : " ") << padded(line[i], widths[i], i > 0);
    out << "\n";
  }
}

}  // namespace

StatsReport compute_stats(const Config& cfg, const StatsOptions& options) {
  StatsReport report;
  report.source = cfg.source;
  std::vector<std::string> langs;
  std::vector<SourceUnits> sources;
  try {
    langs = chosen_languages(cfg, options.languages);
    sources = read_sources(cfg, source_files(cfg), options.jobs, report.errors);
  } catch (const Error& e) {
    report.errors.push_back(e.diagnostic());
  }
  if (!report.errors.empty()) return report;
  for (const auto& lang : langs) report.languages.push_back(language_stats(cfg, lang, sources, report.errors));
  return report;
}

std::string stats_text(const StatsReport& report) {
  std::ostringstream out;
  for (const LanguageStats& lang : report.languages) {
    const Coverage& t = lang.total;
    // TRANSLATORS: "nl: 80.0% translated (8 of 10 messages, 1 fuzzy; 95 of 120 words)".
    out << format(tr("%s: %s%% translated (%zu of %zu messages, %zu fuzzy; %zu of %zu words)"), lang.language.c_str(),
                  percent_text(t).c_str(), t.translated, t.total(), t.fuzzy, t.translated_words, t.words)
        << "\n\n";
    std::vector<std::pair<std::string, Coverage>> rows;
    for (const CatalogStats& c : lang.catalogs)
      rows.emplace_back(c.exists ? c.path : format(tr("%s (missing)"), c.path.c_str()), c.coverage);
    table(out, tr("catalog"), rows);
    out << "\n";
    rows.clear();
    for (const PageStats& p : lang.pages) rows.emplace_back(p.path, p.coverage);
    table(out, tr("page"), rows);
    out << "\n";
  }
  return out.str();
}

std::string stats_json(const StatsReport& report) {
  std::ostringstream out;
  out << "{\n  \"source\": ";
  json_string(out, report.source);
  out << ",\n  \"languages\": [";
  for (std::size_t i = 0; i < report.languages.size(); ++i) {
    const LanguageStats& lang = report.languages[i];
    out << (i ? "," : "") << "\n    {\n      \"language\": ";
    json_string(out, lang.language);
    out << ",\n      \"total\": {";
    json_coverage(out, lang.total);
    out << "},\n      \"catalogs\": [";
    for (std::size_t j = 0; j < lang.catalogs.size(); ++j) {
      const CatalogStats& c = lang.catalogs[j];
      out << (j ? "," : "") << "\n        {\"domain\": ";
      json_string(out, c.domain);
      out << ", \"path\": ";
      json_string(out, c.path);
      out << ", \"exists\": " << (c.exists ? "true" : "false") << ", ";
      json_coverage(out, c.coverage);
      out << "}";
    }
    out << (lang.catalogs.empty() ? "" : "\n      ") << "],\n      \"pages\": [";
    for (std::size_t j = 0; j < lang.pages.size(); ++j) {
      out << (j ? "," : "") << "\n        {\"path\": ";
      json_string(out, lang.pages[j].path);
      out << ", ";
      json_coverage(out, lang.pages[j].coverage);
      out << "}";
    }
    out << (lang.pages.empty() ? "" : "\n      ") << "]\n    }";
  }
  out << (report.languages.empty() ? "" : "\n  ") << "]\n}\n";
  return out.str();
}

}  // namespace l10n
