#include "commands/import.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

#include "language/text_check.h"
#include "units/align.h"
#include "units/foreign_po.h"
#include "po/catalog.h"
#include "commands/extract.h"
#include "units/page.h"
#include "base/parallel.h"
#include "site/layout.h"
#include "units/translation_guard.h"
#include "po/reader.h"
#include "po/writer.h"
#include "base/tr.h"

namespace fs = std::filesystem;

namespace l10n {

const char* import_status_name(ImportStatus status) {
  switch (status) {
    case ImportStatus::Aligned: return "aligned";
    case ImportStatus::Fuzzy: return "fuzzy";
    case ImportStatus::Unmatched: return "unmatched";
    case ImportStatus::SourceLeft: return "source language left";
  }
  return "";
}

std::size_t PageImport::count(ImportStatus status) const {
  return static_cast<std::size_t>(
      std::count_if(units.begin(), units.end(), [&](const UnitImport& u) { return u.status == status; }));
}

std::size_t ImportReport::count(PoAction action) const {
  std::size_t n = 0;
  for (const PageImport& p : pages)
    n += static_cast<std::size_t>(
        std::count_if(p.units.begin(), p.units.end(), [&](const UnitImport& u) { return u.po == action; }));
  return n;
}

namespace {

// A split unit's parts become one msgstr; a line break keeps them one block.
std::string target_text(const Page& target, const std::vector<std::size_t>& units) {
  std::string text;
  for (std::size_t t : units) {
    if (!text.empty()) text += '\n';
    text += target.units[t].text;
  }
  return text;
}

std::string fuzzy_note(const Link& link, std::size_t part) {
  if (link.source.size() == 2)
    return part == 0 ? tr("merged with the next unit in the translation") : tr("merged with the previous unit in the translation");
  if (link.target.size() == 2) return tr("split into two units in the translation");
  return format(tr("weak alignment (score %.2f)"), link.score);
}

UnitImport classify(const Link& link, std::size_t part, const Page& source, const Page& target, const Config& cfg,
                    const SourceLanguageTest& still_source) {
  const Unit& unit = source.units[link.source[part]];
  UnitImport u;
  u.unit = link.source[part];
  u.line = unit.line;
  u.msgctxt = unit.context;
  u.msgid = unit.text;
  u.score = link.score;
  u.target_units = link.target;
  for (std::size_t t : link.target) u.target_lines.push_back(target.units[t].line);
  if (link.target.empty()) return u;  // Unmatched
  if (still_source && std::any_of(link.target.begin(), link.target.end(),
                                  [&](std::size_t t) { return still_source(target.units[t].text); })) {
    u.status = ImportStatus::SourceLeft;
    return u;
  }
  u.msgstr = target_text(target, link.target);
  if (!link.confident()) {
    u.status = ImportStatus::Fuzzy;
    u.note = fuzzy_note(link, part);
  } else if (auto why = refuse_translation(unit, u.msgstr, cfg)) {
    u.status = ImportStatus::Fuzzy;  // a translator must fix it before merge can use it
    u.note = format(tr("merge would refuse it: %s"), why->c_str());
  } else {
    u.status = ImportStatus::Aligned;
  }
  return u;
}

std::string key_of(std::string_view context, std::string_view msgid) {
  std::string key(context);
  key += '\x04';
  key += msgid;
  return key;
}

// One import per msgid: a confident one over a fuzzy one, else the first.
std::map<std::string, UnitImport*> choose_imports(std::vector<PageImport>& pages) {
  std::map<std::string, UnitImport*> chosen;
  for (PageImport& p : pages)
    for (UnitImport& u : p.units) {
      if (u.status != ImportStatus::Aligned && u.status != ImportStatus::Fuzzy) continue;
      auto [it, inserted] = chosen.try_emplace(key_of(u.msgctxt, u.msgid), &u);
      if (!inserted && it->second->status == ImportStatus::Fuzzy && u.status == ImportStatus::Aligned) it->second = &u;
    }
  return chosen;
}

// Puts the chosen imports into `cat`; returns whether it changed.
bool apply_imports(Catalog& cat, const std::map<std::string, UnitImport*>& chosen, bool overwrite) {
  bool changed = false;
  for (Message& m : cat.messages) {
    if (m.obsolete || m.extras().msgid_plural) continue;
    auto it = chosen.find(key_of(m.msgctxt.value_or(""), m.msgid));
    if (it == chosen.end()) continue;
    UnitImport& u = *it->second;
    bool fuzzy = u.status == ImportStatus::Fuzzy;
    // A fuzzy msgstr is a guess of an earlier update: it blocks nothing.
    bool has = m.translated();
    if (!m.msgstr.empty() && m.msgstr[0] == u.msgstr && m.fuzzy == fuzzy) {
      u.po = PoAction::Same;
    } else if (has && !overwrite) {
      u.po = PoAction::Kept;
    } else {
      m.msgstr = {u.msgstr};
      m.fuzzy = fuzzy;
      MessageExtras& e = m.edit_extras();
      e.prev_msgctxt = e.prev_msgid = e.prev_msgid_plural = std::nullopt;
      u.po = PoAction::Imported;
      changed = true;
    }
  }
  return changed;
}

// Every other occurrence of a chosen msgid follows its fate, or lost to it.
void settle_duplicates(std::vector<PageImport>& pages, const std::map<std::string, UnitImport*>& chosen) {
  for (PageImport& p : pages)
    for (UnitImport& u : p.units) {
      auto it = chosen.find(key_of(u.msgctxt, u.msgid));
      if (it == chosen.end() || it->second == &u || u.status == ImportStatus::Unmatched ||
          u.status == ImportStatus::SourceLeft)
        continue;
      const UnitImport& winner = *it->second;
      u.po = winner.msgstr == u.msgstr ? winner.po : PoAction::Conflict;
    }
}

// The catalogs after `l10n extract`, with the imports put in. A dry run
// looks at the catalogs as they are and writes nothing.
// The language's catalogs to put imports in: after `l10n extract`, or as
// they are on a dry run. Extract's errors and writes go to `report`.
std::vector<std::string> catalogs_to_fill(const Config& cfg, const ImportOptions& options, ImportReport& report) {
  if (options.dry_run) return language_catalogs(cfg, options.language);
  ExtractOptions eo;
  eo.jobs = options.jobs;
  ExtractReport extracted = run_extract(cfg, eo);
  report.errors = extracted.errors;
  report.written = extracted.written;
  std::vector<std::string> catalogs;
  if (extracted.errors.empty())
    for (const CatalogSummary& c : extracted.catalogs) catalogs.push_back(catalog_path(cfg, options.language, c.domain));
  return catalogs;
}

void write_catalogs(const Config& cfg, const ImportOptions& options, ImportReport& report) {
  auto chosen = choose_imports(report.pages);
  std::vector<std::string> catalogs = catalogs_to_fill(cfg, options, report);
  if (!report.errors.empty()) return;
  for (const std::string& rel : catalogs) {
    std::string path = on_disk(cfg, rel);
    Catalog cat = read_po(path, rel);
    if (!apply_imports(cat, chosen, options.overwrite) || options.dry_run) continue;
    write_po(path, cat);
    if (std::find(report.written.begin(), report.written.end(), rel) == report.written.end()) report.written.push_back(rel);
  }
  // A dry run over a new language: extract would add every msgid.
  if (options.dry_run)
    for (auto& [key, u] : chosen)
      if (u->po == PoAction::None) u->po = PoAction::Imported;
  settle_duplicates(report.pages, chosen);
}

}  // namespace

PageImport import_page(const SourceText& source, const SourceText& target, const Config& cfg,
                       const SourceLanguageTest& still_source) {
  Page sp = read_page(source, cfg), tp = read_page(target, cfg);
  PageImport out;
  out.source = source.path();
  out.target = target.path();
  out.units.resize(sp.units.size());
  for (const Link& link : align_units(unit_shapes(sp, source, cfg), unit_shapes(tp, target, cfg))) {
    if (link.source.empty()) {
      out.extra_lines.push_back(tp.units[link.target[0]].line);
      continue;
    }
    for (std::size_t part = 0; part < link.source.size(); ++part)
      out.units[link.source[part]] = classify(link, part, sp, tp, cfg, still_source);
  }
  std::sort(out.extra_lines.begin(), out.extra_lines.end());
  return out;
}

SourceLanguageTest source_language_test(const Config& cfg, const std::string& language) {
  auto ider = std::make_shared<const LanguageIdentifier>(language, cfg.source);
  return [ider, glossary = cfg.glossary](std::string_view text) {
    std::vector<TextFinding> found = check_text(std::string(text), *ider, glossary);
    return std::any_of(found.begin(), found.end(), [](const TextFinding& f) { return f.whole; });
  };
}

namespace {

// The first 60 bytes of `text`, not cutting a UTF-8 sequence, with "…" if cut.
std::string shortened(std::string_view text) {
  if (text.size() <= 60) return std::string(text);
  std::size_t end = 60;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

// One translation read from another tool's PO file, with where it came from.
struct Foreign {
  std::string msgid, msgstr;
  std::string path;
  int line = 0;
  bool whole = true;  // the entry itself, not one of its shortcode parameters
  bool used = false;
};

// The translations of the files, by msgid and by loose_text(msgid). The
// first file (and entry) wins where two translate one text differently.
struct ForeignIndex {
  std::vector<Foreign> all;
  std::map<std::string, std::size_t> spaced, loose;  // by spaced_text, loose_text of the msgid
};

ForeignIndex read_foreign(const Config& cfg, const std::vector<std::string>& files, CarryOver& report) {
  ForeignIndex index;
  for (const std::string& path : files) {
    Catalog po = read_po(path, path);
    require_header_entry(po, path);
    for (const Message& m : po.messages) {
      if (m.obsolete || m.msgid.empty() || m.extras().msgid_plural) continue;
      if (m.fuzzy || m.msgstr.empty() || m.msgstr[0].empty()) {
        report.unmatched.push_back({path, m.line, 0, tr("not used: fuzzy or untranslated there")});
        continue;
      }
      ForeignPairs pairs = foreign_pairs(m.msgid, m.msgstr[0], cfg);
      if (!pairs.problem.empty())
        report.unmatched.push_back({path, m.line, 0, format(tr("its shortcode parameters are not used: %s"),
                                                            pairs.problem.c_str())});
      for (std::size_t i = 0; i < pairs.pairs.size(); ++i) {
        CarriedPair& p = pairs.pairs[i];
        index.spaced.try_emplace(spaced_text(p.msgid), index.all.size());
        index.loose.try_emplace(loose_text(p.msgid), index.all.size());
        index.all.push_back({std::move(p.msgid), std::move(p.msgstr), path, m.line, i == 0, false});
        ++report.pairs;
      }
    }
  }
  return index;
}

// Fills the messages of `cat` from the index; returns whether it changed.
bool carry_over(Catalog& cat, ForeignIndex& index, bool overwrite, CarryOver& report) {
  bool changed = false;
  for (Message& m : cat.messages) {
    if (m.obsolete || m.extras().msgid_plural) continue;
    // The same text, but for how its lines are broken, is the same message;
    // one that differs in re-rendered Markdown too is a guess: fuzzy.
    auto exact = index.spaced.find(spaced_text(m.msgid));
    auto loose = exact == index.spaced.end() ? index.loose.find(loose_text(m.msgid)) : index.loose.end();
    if (exact == index.spaced.end() && loose == index.loose.end()) continue;
    Foreign& f = index.all[exact != index.spaced.end() ? exact->second : loose->second];
    f.used = true;
    // A fuzzy msgstr (a guess of an earlier update) blocks nothing.
    if (m.translated() && !overwrite) {
      ++report.kept;
      continue;
    }
    bool near = exact == index.spaced.end();
    if (m.msgstr == std::vector<std::string>{f.msgstr} && m.fuzzy == near) continue;
    m.msgstr = {f.msgstr};
    m.fuzzy = near;
    MessageExtras& e = m.edit_extras();
    e.prev_msgctxt = e.prev_msgid_plural = std::nullopt;
    e.prev_msgid = near ? std::optional<std::string>(f.msgid) : std::nullopt;
    ++(near ? report.fuzzy : report.carried);
    changed = true;
  }
  return changed;
}

// The translations no message of the site took go into `cat` as obsolete
// entries, unless it has their text already: the pages that had them may not
// be in the site yet (a section still to move over, a page renamed), and the
// PO they came from is deleted after the migration. Returns whether it changed.
bool keep_for_later(Catalog& cat, const ForeignIndex& index, CarryOver& report) {
  std::set<std::string> known;
  for (const Message& m : cat.messages) known.insert(spaced_text(m.msgid));
  bool changed = false;
  for (std::size_t i = 0; i < index.all.size(); ++i) {
    const Foreign& f = index.all[i];
    // An entry read as shortcode calls is kept as its parameters: the whole
    // msgid is the other tool's shape, which no l10n message has.
    bool split = f.whole && i + 1 < index.all.size() && !index.all[i + 1].whole;
    std::string msgid = spaced_text(f.msgid);
    if (f.used || split || !known.insert(msgid).second) continue;
    Message m;
    m.msgid = std::move(msgid);
    m.msgstr = {f.msgstr};
    m.edit_extras().translator_comments = {"imported from " + f.path + ":" + std::to_string(f.line)};
    m.obsolete = true;
    cat.messages.push_back(std::move(m));
    ++report.kept_for_later;
    changed = true;
  }
  return changed;
}

ImportReport run_po_import(const Config& cfg, const ImportOptions& options) {
  ImportReport report;
  CarryOver& carried = report.carry_over;
  ForeignIndex index = read_foreign(cfg, options.po_files, carried);
  std::vector<std::string> catalogs = catalogs_to_fill(cfg, options, report);
  if (!report.errors.empty()) return report;
  std::map<std::string, Catalog> changed;
  for (const std::string& rel : catalogs) {
    if (!readable_in_site(cfg, rel)) continue;
    Catalog cat = read_po(on_disk(cfg, rel), rel);
    if (carry_over(cat, index, options.overwrite, carried)) changed[rel] = std::move(cat);
  }
  // Every catalog has been searched: what is left goes to the main one.
  std::string main = catalog_path(cfg, options.language, cfg.domain);
  if (std::find(catalogs.begin(), catalogs.end(), main) != catalogs.end() && readable_in_site(cfg, main)) {
    auto it = changed.find(main);
    Catalog cat = it != changed.end() ? std::move(it->second) : read_po(on_disk(cfg, main), main);
    if (keep_for_later(cat, index, carried) || it != changed.end()) changed[main] = std::move(cat);
  }
  for (auto& [rel, cat] : changed) {
    if (options.dry_run) break;
    write_po(on_disk(cfg, rel), cat);
    if (std::find(report.written.begin(), report.written.end(), rel) == report.written.end()) report.written.push_back(rel);
  }
  // An entry none of whose texts was used is named once; of an entry whose
  // shortcode parameters were used, the parameters that were not.
  for (std::size_t i = 0; i < index.all.size();) {
    std::size_t end = i + 1;
    while (end < index.all.size() && !index.all[end].whole) ++end;
    bool any = std::any_of(index.all.begin() + i, index.all.begin() + end, [](const Foreign& f) { return f.used; });
    for (std::size_t k = i; k < end; ++k) {
      const Foreign& f = index.all[k];
      if (f.used || (any && f.whole) || (!any && k > i)) continue;
      carried.unmatched.push_back({f.path, f.line, 0, format(tr("no message of the site has this text: %s"),
                                                              shortened(f.msgid).c_str())});
    }
    i = end;
  }
  std::stable_sort(carried.unmatched.begin(), carried.unmatched.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return std::tie(a.path, a.line) < std::tie(b.path, b.line); });
  return report;
}

}  // namespace

ImportReport run_import(const Config& cfg, const ImportOptions& options) {
  ImportReport report;
  try {
    chosen_languages(cfg, {options.language});
  } catch (const Error& e) {
    report.errors.push_back(e.diagnostic());
    return report;
  }
  if (!options.po_files.empty()) {
    try {
      return run_po_import(cfg, options);
    } catch (const Error& e) {
      report.errors.push_back(e.diagnostic());
      return report;
    }
  }
  SourceLanguageTest still_source =
      options.still_source ? options.still_source : source_language_test(cfg, options.language);
  std::vector<std::string> sources = source_pages(cfg);
  std::vector<std::optional<PageImport>> pages(sources.size());
  std::vector<std::optional<Diagnostic>> errors(sources.size()), warnings(sources.size());
  ProgressCounter progress(options.progress);
  progress.set_items(sources.size());
  parallel_for(sources.size(), options.jobs, [&](std::size_t i) {
    std::string target = target_path(cfg, sources[i], options.language);
    fs::path target_abs = on_disk(cfg, target);
    // A target page that is a symlink is not read: its text would go into
    // the PO, and from there to Weblate.
    if (!readable_in_site(cfg, target)) {
      progress.tick();
      return;
    }
    try {
      SourceText src = SourceText::load(on_disk(cfg, sources[i]), sources[i]);
      SourceText tgt = SourceText::load(target_abs.string(), target);
      pages[i] = import_page(src, tgt, cfg, still_source);
    } catch (const Error& e) {
      // A hand-made page that does not parse is skipped; a broken source stops all.
      (e.diagnostic().path == target ? warnings : errors)[i] = e.diagnostic();
    }
    progress.tick();
  });
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (errors[i]) report.errors.push_back(*errors[i]);
    if (warnings[i]) report.warnings.push_back(*warnings[i]);
    if (pages[i]) report.pages.push_back(std::move(*pages[i]));
    else if (!errors[i] && !warnings[i]) ++report.pages_without_target;
  }
  if (!report.errors.empty()) return report;
  try {
    write_catalogs(cfg, options, report);
  } catch (const Error& e) {
    report.errors.push_back(e.diagnostic());
  }
  return report;
}

}  // namespace l10n
