#include "commands/merge.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "base/files.h"
#include "base/interrupt.h"
#include "base/key_index.h"
#include "base/parallel.h"
#include "base/source_text.h"
#include "base/tr.h"
#include "po/catalog.h"
#include "po/reader.h"
#include "site/layout.h"
#include "site/sources.h"
#include "units/site_strings.h"
#include "units/translation_guard.h"

namespace fs = std::filesystem;

namespace l10n {

bool MergeReport::changed() const {
  return std::any_of(pages.begin(), pages.end(), [](const PageOutcome& p) {
    return p.action == PageAction::Written || p.action == PageAction::Removed;
  });
}

namespace {

// A language's translations by (msgctxt, msgid), read from its catalogs an
// entry at a time (po/reader.h's read_po_entries): merge looks up every unit
// of every page, and a large site's catalog holds hundreds of thousands of
// entries. Of each entry only its key and, when it is usable, its msgstr
// are kept, in blocks the table owns, which never move once written: the
// table takes less than the catalog's bytes, and neither the file nor a
// Catalog of it is ever held whole. Every entry's key is kept, usable or
// not, to refuse duplicates as a catalog read whole does.
class TranslationTable {
 public:
  struct Entry {
    std::string_view msgstr;  // of a usable entry; else no translation
    std::string_view po_path;
    int po_line = 0;
    bool usable = false;
  };

  explicit TranslationTable(std::vector<std::string> po_paths) : po_paths_(std::move(po_paths)) {}
  TranslationTable(TranslationTable&&) = default;
  TranslationTable& operator=(TranslationTable&&) = default;

  const std::vector<std::string>& po_paths() const { return po_paths_; }

  // The usable translation of a unit's (context, text), or nullptr.
  const Entry* find(std::string_view context, std::string_view msgid) const {
    std::optional<std::size_t> n = keys_.find(MessageKey(context, msgid));
    return n && entries_[*n].usable ? &entries_[*n] : nullptr;
  }

  // Catalog `po` (of po_paths()) of the language into the table. Throws
  // Error when it does not read, and for an entry whose key an entry of the
  // same catalog had; of two catalogs that share a key, the first wins.
  void read(std::size_t po, const std::string& fs_path, const std::string& lang, bool use_fuzzy) {
    const std::string& rel = po_paths_[po];
    Catalog header = read_po_entries(fs_path, rel, [&](Message&& m) {
      const bool usable = !m.obsolete && !m.msgstr.empty() && !m.msgstr[0].empty() && (!m.fuzzy || use_fuzzy);
      MessageKey key(m);
      const std::uint64_t hash = keys_.hash_of(key);
      if (std::optional<std::size_t> n = keys_.find(key, hash)) {
        if (entries_[*n].po_path.data() == rel.data()) throw duplicate_entry(rel, m.line, entries_[*n].po_line);
        return;
      }
      // Filed with views of the table's own copies, under the hash of the same strings.
      key.msgctxt = keep(key.msgctxt);
      key.msgid = keep(key.msgid);
      keys_.insert(key, hash);
      entries_.push_back({usable ? keep(m.msgstr[0]) : std::string_view(), rel, m.line, usable});
    });
    auto language = header.header_field("Language");
    if (language && !language->empty() && *language != lang)
      throw Error(rel, 1, 0, format(tr("the header says Language: %s, but this is the catalog for '%s'"),
                                    language->c_str(), lang.c_str()));
  }

 private:
  // `s` copied into the blocks; views of it stay valid as the table grows.
  std::string_view keep(std::string_view s) {
    if (s.empty()) return {};
    if (blocks_.empty() || blocks_.back().capacity() - blocks_.back().size() < s.size())
      blocks_.emplace_back().reserve(std::max(kBlock, s.size()));
    std::string& b = blocks_.back();
    b.append(s);
    return std::string_view(b).substr(b.size() - s.size());
  }

  static constexpr std::size_t kBlock = std::size_t{1} << 20;

  std::vector<std::string> po_paths_;  // fixed before any entry views them
  std::vector<std::string> blocks_;
  KeyIndex<MessageKey, MessageKeyHash> keys_;
  std::vector<Entry> entries_;  // by key number
};

// The language's translations, its catalogs read in order.
TranslationTable load_translations(const Config& cfg, const std::string& lang, bool use_fuzzy) {
  TranslationTable table(language_catalogs(cfg, lang));
  if (table.po_paths().empty())
    throw Error(catalog_path(cfg, lang, cfg.domain), 0, 0,
                format(tr("no PO file for language '%s' (run 'l10n extract' first)"), lang.c_str()));
  for (std::size_t i = 0; i < table.po_paths().size(); ++i)
    table.read(i, on_disk(cfg, table.po_paths()[i]), lang, use_fuzzy);
  return table;
}

}  // namespace

namespace {

// ---- Source files kept between languages ----------------------------------

// Values as bytes, which is how merge keeps a file's units and guards
// between languages: a site of 10,000 pages has hundreds of thousands of
// units, a Unit weighs 200 bytes before its strings and a SourceGuard 160,
// and kept as they are they would outweigh the one catalog in memory.
// Numbers are LEB128 (an int as its unsigned bits); a string follows its size.
struct Writer {
  std::string& out;
  void number(std::size_t n) {
    for (; n >= 0x80; n >>= 7) out += static_cast<char>((n & 0x7f) | 0x80);
    out += static_cast<char>(n);
  }
  void number(int n) { number(std::size_t{static_cast<unsigned>(n)}); }
  void text(std::string_view s) {
    number(s.size());
    out += s;
  }
};

struct Reader {
  std::string_view in;
  std::size_t at = 0;
  std::size_t number() {
    std::size_t n = 0;
    for (int shift = 0;; shift += 7) {
      auto byte = static_cast<unsigned char>(in[at++]);
      n |= static_cast<std::size_t>(byte & 0x7f) << shift;
      if (byte < 0x80) return n;
    }
  }
  int integer() { return static_cast<int>(static_cast<unsigned>(number())); }
  template <typename Enum>
  Enum choice() {
    return static_cast<Enum>(number());
  }
  std::string text(std::size_t n) {
    std::string s(in.substr(at, n));
    at += n;
    return s;
  }
  std::string text() { return text(number()); }
};

// What a refusal shows of a token is mostly its key: 0 says so.
void write_tokens(Writer& w, const std::vector<GuardToken>& tokens) {
  w.number(tokens.size());
  for (const GuardToken& t : tokens) {
    w.text(t.key);
    w.number(t.pos);
    w.number(t.shown == t.key ? 0 : t.shown.size() + 1);
    if (t.shown != t.key) w.out += t.shown;
  }
}

std::vector<GuardToken> read_tokens(Reader& r) {
  std::vector<GuardToken> tokens(r.number());
  for (GuardToken& t : tokens) {
    t.key = r.text();
    t.pos = r.number();
    std::size_t shown = r.number();
    t.shown = shown == 0 ? t.key : r.text(shown - 1);
  }
  return tokens;
}

// Every field of SourceGuard.
void write_guard(Writer& w, const SourceGuard& g) {
  for (const auto* tokens : {&g.placeholders, &g.raw_html, &g.link_targets, &g.code_spans}) write_tokens(w, *tokens);
  w.number(std::size_t{g.shortcode_keys.has_value()});
  if (g.shortcode_keys) write_tokens(w, *g.shortcode_keys);
  w.text(g.first_marker);
}

SourceGuard read_guard(Reader& r) {
  SourceGuard g;
  for (auto* tokens : {&g.placeholders, &g.raw_html, &g.link_targets, &g.code_spans}) *tokens = read_tokens(r);
  if (r.number()) g.shortcode_keys = read_tokens(r);
  g.first_marker = r.text();
  return g;
}

// Every field of Unit but the comment, which only extract writes. The text
// is mostly the source's bytes at the span, and then not written: 0 says so.
void write_unit(Writer& w, const Unit& u, std::string_view source) {
  w.number(static_cast<std::size_t>(u.kind));
  w.number(u.span.begin);
  w.number(u.span.size());
  bool in_source = source.substr(u.span.begin, u.span.size()) == u.text;
  w.number(in_source ? 0 : u.text.size() + 1);
  if (!in_source) w.out += u.text;
  w.number(u.line);
  w.text(u.context);
  w.text(u.line_prefix);
  w.number(std::size_t{u.has_shortcodes});
  w.number(static_cast<std::size_t>(u.format));
  w.number(static_cast<std::size_t>(u.style));
  w.number(u.indent);
  w.number(u.margin);
  w.number(std::size_t{u.in_flow});
  w.number(u.lead);
}

Unit read_unit(Reader& r, std::string_view source) {
  Unit u;
  u.kind = r.choice<UnitKind>();
  u.span.begin = r.number();
  u.span.end = u.span.begin + r.number();
  std::size_t text = r.number();
  u.text = text == 0 ? std::string(source.substr(u.span.begin, u.span.size())) : r.text(text - 1);
  u.line = r.integer();
  u.context = r.text();
  u.line_prefix = r.text();
  u.has_shortcodes = r.number() != 0;
  u.format = r.choice<DataFormat>();
  u.style = r.choice<ScalarStyle>();
  u.indent = r.integer();
  u.margin = r.integer();
  u.in_flow = r.number() != 0;
  u.lead = r.integer();
  return u;
}

// Where a source file read by the first language is set aside for the
// others, as one record of a ScratchFile: its bytes, its units and every
// unit's guard. Kept in memory, the records of a 10,000-page site weighed
// twice its Markdown, and grew with the site; set aside, merge holds the
// file in flight, and the page cache the rest.
struct KeptSource {
  std::size_t at = 0;     // where the record starts in the scratch file
  std::size_t bytes = 0;  // the source's bytes, first
  std::size_t size = 0;   // the whole record: then the units, then the guards
};

KeptSource set_aside(ScratchFile& scratch, std::string_view bytes, const std::vector<Unit>& units,
                     const std::vector<SourceGuard>& guards) {
  std::string record(bytes);
  Writer w{record};
  w.number(units.size());
  for (const Unit& u : units) write_unit(w, u, bytes);
  for (const SourceGuard& g : guards) write_guard(w, g);
  return {scratch.append(record), bytes.size(), record.size()};
}

// A source file as one language renders it: read for it, or as the first
// language set it aside.
struct Source {
  std::optional<SourceText> text;  // when read for this language
  std::string record;              // else its record (KeptSource)
  std::vector<Unit> units;
  std::vector<SourceGuard> guards;  // every unit's, when set aside; else worked out as needed
  std::size_t record_bytes = 0;     // how much of the record is the source's bytes
  std::string_view bytes() const { return text ? text->bytes() : std::string_view(record).substr(0, record_bytes); }
  SourceGuard guard(std::size_t i, const UnitRules& rules) const {
    return guards.empty() ? guard_source(units[i], rules) : guards[i];
  }
};

// `file` as the first language set it aside in `kept`, or read now and set
// aside there unless this is the last language.
Source open_source(const Config& cfg, const SourceFile& file, std::optional<KeptSource>& kept, bool last,
                   ScratchFile& scratch) {
  Source source;
  if (kept) {
    scratch.read(kept->at, kept->size, source.record);
    source.record_bytes = kept->bytes;
    const std::string_view bytes = std::string_view(source.record).substr(0, kept->bytes);
    Reader r{source.record, kept->bytes};
    source.units.resize(r.number());
    for (Unit& u : source.units) u = read_unit(r, bytes);
    source.guards.reserve(source.units.size());
    for (std::size_t i = 0; i < source.units.size(); ++i) source.guards.push_back(read_guard(r));
    return source;
  }
  source.text = SourceText::load(on_disk(cfg, file.path), file.path);
  source.units = units_of(cfg, file, *source.text);
  if (!last) {
    // Every unit's guard now, once, rather than those a language needs, so
    // that the record is written once.
    source.guards.reserve(source.units.size());
    for (const Unit& u : source.units) source.guards.push_back(guard_source(u, cfg));
    kept = set_aside(scratch, source.text->bytes(), source.units, source.guards);
  }
  return source;
}

// ---- Rendering ------------------------------------------------------------

struct Rendered {
  std::string bytes;
  std::size_t translated = 0;
  std::vector<Refusal> refusals;
};

// The translation each unit gets: its msgstr, or nullopt for the source's
// bytes (none, the same text, or refused because it would break the file).
std::vector<std::optional<std::string_view>> accepted(const SourceFile& file, const Source& source,
                                                      const TranslationTable& table, const Config& cfg, Rendered& r) {
  const std::vector<Unit>& units = source.units;
  std::vector<std::optional<std::string_view>> out(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) {
    const Unit& u = units[i];
    const TranslationTable::Entry* e = table.find(u.context, u.text);
    if (!e) continue;
    if (e->msgstr == u.text) {  // translated as itself: the source bytes are right
      ++r.translated;
      continue;
    }
    if (auto why = refuse_translation(u, source.guard(i, cfg), e->msgstr, cfg)) {
      r.refusals.push_back({file.path, u.line, std::string(e->po_path), e->po_line, *why});
      continue;
    }
    out[i] = e->msgstr;
    ++r.translated;
  }
  return out;
}

Rendered render(const SourceFile& file, const Source& source, const TranslationTable& table, const Config& cfg,
                std::string_view lang) {
  Rendered r;
  std::vector<std::optional<std::string_view>> translations = accepted(file, source, table, cfg, r);
  const std::vector<Unit>& units = source.units;
  std::string_view src = source.bytes();
  if (is_main_config(file)) {
    r.bytes = language_config(source.text ? *source.text : SourceText(file.path, std::string(src)), file.format, cfg,
                              units, translations, hugo_language(lang));
    return r;
  }
  std::size_t pos = 0;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (!translations[i]) continue;
    r.bytes.append(src.substr(pos, units[i].span.begin - pos));
    r.bytes.append(render_translation(units[i], *translations[i]));
    pos = units[i].span.end;
  }
  r.bytes.append(src.substr(pos));
  return r;
}

// Two source files with one output ("_index.md" and "_index.en.md" both
// give "_index.nl.md" beside the pages): neither is written, and both are
// named, instead of one silently overwriting the other.
void drop_colliding_outputs(std::vector<SourceFile>& files, std::vector<std::vector<std::string>>& targets,
                            std::vector<Diagnostic>& errors) {
  std::map<std::string, std::size_t> first;  // target -> index of the first file writing it
  std::set<std::size_t> colliding;
  for (std::size_t i = 0; i < files.size(); ++i)
    for (const std::string& target : targets[i]) {
      auto [it, inserted] = first.try_emplace(target, i);
      if (inserted || it->second == i) continue;
      errors.push_back({files[i].path, 0, 0,
                        format(tr("not merged: '%s' would be written by '%s' too; rename one of them"), target.c_str(),
                               files[it->second].path.c_str())});
      colliding.insert(i);
      colliding.insert(it->second);
    }
  for (auto it = colliding.rbegin(); it != colliding.rend(); ++it) {
    files.erase(files.begin() + static_cast<std::ptrdiff_t>(*it));
    targets.erase(targets.begin() + static_cast<std::ptrdiff_t>(*it));
  }
}

// Every source file that has an output, with its output in each language of
// `codes`; two files with one output are left out, and named in `collisions`.
void list_outputs(const Config& cfg, const std::vector<std::string>& codes, std::vector<SourceFile>& files,
                  std::vector<std::vector<std::string>>& targets, std::vector<Diagnostic>& collisions) {
  for (SourceFile& f : source_files(cfg)) {
    std::vector<std::string> per_language;
    for (const std::string& code : codes)
      if (auto target = output_path(cfg, f, code)) per_language.push_back(std::move(*target));
    if (per_language.size() != codes.size()) continue;
    files.push_back(std::move(f));
    targets.push_back(std::move(per_language));
  }
  drop_colliding_outputs(files, targets, collisions);
}

// A target language being merged, and the files merge wrote for it before.
struct Language {
  std::string code;
  std::size_t index = 0;  // in the languages asked for, and so in each file's targets
  std::string manifest_rel;
  std::set<std::string> owned;
};

struct OpenLanguage {
  Language lang;
  TranslationTable table;
};

// Language `index` of those asked for, with its translations; nullopt, with
// the error in `report`, when its catalogs or its manifest cannot be read.
std::optional<OpenLanguage> open_language(const Config& cfg, bool use_fuzzy, const std::string& code,
                                          std::size_t index, MergeReport& report) {
  try {
    OpenLanguage open{{code, index, manifest_path(cfg, code), {}}, load_translations(cfg, code, use_fuzzy)};
    Manifest manifest = read_manifest(cfg, code);
    open.lang.owned = std::move(manifest.files);
    report.warnings.insert(report.warnings.end(), manifest.rejected.begin(), manifest.rejected.end());
    return open;
  } catch (const Error& e) {
    report.errors.push_back(e.diagnostic());
    return std::nullopt;
  }
}

// What one source file gives one language. A file to write is written to a
// temp file beside its target at once, so that no page's output waits in
// memory; the temps are renamed when every file has been done. The paths
// of its PageOutcome are the file's and its target's, not kept here: every
// language's outputs wait for the end.
struct Output {
  PageAction action = PageAction::Unchanged;
  std::size_t units = 0, translated = 0;
  std::vector<Refusal> refusals;
  std::string temp;  // the temp file of a Written output ("" on a dry run)
  bool produced() const { return action == PageAction::Written || action == PageAction::Unchanged; }
};

Output output_for(const Config& cfg, const Language& lang, int keep, bool dry_run, const SourceFile& f,
                  const std::string& target, const Source& source, const TranslationTable& table) {
  Rendered r = render(f, source, table, cfg, lang.code);
  Output out;
  out.units = source.units.size();
  out.translated = r.translated;
  out.refusals = std::move(r.refusals);
  fs::path abs = on_disk(cfg, target);
  std::error_code ec;
  bool exists = fs::symlink_status(abs, ec).type() != fs::file_type::not_found;
  // Read once; a symlink or FIFO there is not read, and counts as other bytes.
  std::optional<std::string> current = exists ? current_output(cfg, target) : std::nullopt;
  bool ours = lang.owned.count(target) > 0;
  if (exists && !ours && current != r.bytes) {
    out.action = PageAction::HandWritten;  // never overwrite what people wrote
  } else if (f.kind == SourceFile::Kind::Page && out.units > 0 &&
             r.translated * 100 < static_cast<std::size_t>(keep) * out.units) {
    out.action = PageAction::BelowThreshold;
  } else if (current != r.bytes) {
    out.action = PageAction::Written;
    if (!inside_site(cfg, target))
      throw Error(target, 0, 0, tr("cannot write: the path leaves the site (a symlink or '..' on the way)"));
    if (!dry_run) {
      fs::create_directories(abs.parent_path(), ec);
      if (ec) throw Error(target, 0, 0, format(tr("cannot create directory: %s"), system_error_text(ec).c_str()));
      out.temp = write_temp_file(abs.string(), r.bytes, cfg.root);
    }
  }
  return out;
}

void remove_temps(const std::vector<std::vector<Output>>& outputs) {
  for (const auto& per_language : outputs)
    for (const Output& o : per_language)
      if (!o.temp.empty()) ::unlink(o.temp.c_str());
}

// The report, the removals and the manifests of one language, from its
// outputs of `files`.
void finish_language(const Config& cfg, const Language& lang, const std::vector<SourceFile>& files,
                     const std::vector<std::vector<std::string>>& targets, const std::vector<Output>& outputs,
                     MergeReport& report, std::vector<std::string>& removals,
                     std::vector<std::pair<std::string, std::string>>& manifests,
                     std::vector<std::pair<std::string, std::string>>& temps) {
  std::set<std::string> produced;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const Output& o = outputs[i];
    const std::string& target = targets[i][lang.index];
    report.refusals.insert(report.refusals.end(), o.refusals.begin(), o.refusals.end());
    if (o.produced()) produced.insert(target);
    if (o.action == PageAction::BelowThreshold && lang.owned.count(target) && fs::exists(on_disk(cfg, target)))
      removals.push_back(target);
    if (!o.temp.empty()) temps.emplace_back(o.temp, on_disk(cfg, target));
    report.pages.push_back({lang.code, files[i].path, target, o.action, o.units, o.translated});
  }
  // Pages written earlier whose source is gone.
  for (const auto& old : lang.owned) {
    if (produced.count(old) || !fs::exists(on_disk(cfg, old))) continue;
    if (std::find(removals.begin(), removals.end(), old) != removals.end()) continue;
    removals.push_back(old);
    report.pages.push_back({lang.code, "", old, PageAction::Removed, 0, 0});
  }
  if (!inside_site(cfg, lang.manifest_rel))
    throw Error(lang.manifest_rel, 0, 0, tr("cannot write: the path leaves the site (a symlink or '..' on the way)"));
  std::string manifest = format_manifest(lang.code, produced);
  if (current_output(cfg, lang.manifest_rel) != manifest)
    manifests.emplace_back(on_disk(cfg, lang.manifest_rel), std::move(manifest));
}

}  // namespace

MergeReport run_merge(const Config& cfg, const MergeOptions& options) {
  MergeReport report;
  std::vector<std::string> codes;
  try {
    codes = chosen_languages(cfg, options.languages);
  } catch (const Error& e) {
    report.errors.push_back(e.diagnostic());
    return report;
  }
  int keep = options.keep >= 0 ? options.keep : cfg.keep;
  std::vector<std::vector<Output>> outputs;  // per language merged, per file
  try {
    // One language at a time: its catalogs are read, every file is written
    // for it on every core, and its translations are let go before the next
    // language's are read, so that one catalog is in memory, not all. Each
    // source file is read by the first language and kept for the others.
    // A language whose catalogs cannot be read is reported, and left as it
    // is; the other languages go on.
    std::vector<SourceFile> files;
    std::vector<std::vector<std::string>> targets;  // per file, per language asked for
    std::vector<Diagnostic> collisions;
    std::vector<Language> langs;
    std::vector<std::optional<KeptSource>> kept;
    ScratchFile scratch(cfg.root);
    std::vector<std::optional<Diagnostic>> failures;  // the first of each file
    std::set<std::string> cleaned;                    // the output trees rid of stale temps
    // With no language asked for, the files are still read, for the errors they hold.
    std::size_t passes = std::max<std::size_t>(codes.size(), 1);
    ProgressCounter progress(options.progress, passes);
    for (std::size_t l = 0; l < passes && !interrupted(); ++l) {
      std::optional<OpenLanguage> open;
      if (l < codes.size()) open = open_language(cfg, options.use_fuzzy, codes[l], l, report);
      // Listed once the first catalogs are read: reading them holds the
      // most memory of a run, and with one language nothing else is held then.
      if (l == 0) {
        list_outputs(cfg, codes, files, targets, collisions);
        kept.resize(files.size());
        failures.resize(files.size());
        progress.set_items(files.size());
      }
      if (open) {
        // Temps a killed run left where outputs go: Hugo would read them.
        std::string tree = cfg.layout == Layout::Directory ? cfg.target_dir_for(codes[l]) : cfg.target_dir;
        if (!options.dry_run && cleaned.insert(tree).second && inside_site(cfg, tree))
          remove_stale_temps(on_disk(cfg, tree));
        langs.push_back(std::move(open->lang));
        outputs.emplace_back(files.size());
      }
      bool last = l + 1 == passes;
      parallel_for(files.size(), options.jobs, [&](std::size_t i) {
        if (interrupted()) return;
        try {
          if (!failures[i]) {
            Source source = open_source(cfg, files[i], kept[i], last, scratch);
            if (open)
              outputs.back()[i] = output_for(cfg, langs.back(), keep, options.dry_run, files[i], targets[i][l],
                                             source, open->table);
          }
        } catch (const Error& e) {
          failures[i] = e.diagnostic();
        }
        if (last || failures[i]) kept[i].reset();
        progress.tick();
      });
    }
    kept.clear();
    report.errors.insert(report.errors.end(), collisions.begin(), collisions.end());
    bool source_failed = false;
    for (auto& f : failures)
      if (f) report.errors.push_back(*f), source_failed = true;
    if (source_failed || interrupted()) {
      remove_temps(outputs);
      check_interrupt();
      return report;
    }

    std::vector<std::string> removals;
    std::vector<std::pair<std::string, std::string>> manifests, temps;
    // A page per file and language: grown by doubling, the report held
    // twice its size at the end of a run with many languages.
    report.pages.reserve(report.pages.size() + langs.size() * files.size());
    for (std::size_t l = 0; l < langs.size(); ++l)
      finish_language(cfg, langs[l], files, targets, outputs[l], report, removals, manifests, temps);
    outputs.clear();
    if (options.dry_run) return report;
    // The pages and the manifests naming them change together: the
    // manifests' temps are written before any rename, and renamed last.
    // Past here the writes run to the end even if a signal comes.
    try {
      for (const auto& [path, bytes] : manifests) {
        std::error_code ec;
        fs::create_directories(fs::path(path).parent_path(), ec);
        if (ec) throw Error(path, 0, 0, format(tr("cannot create directory: %s"), system_error_text(ec).c_str()));
        temps.emplace_back(write_temp_file(path, bytes, cfg.root), path);
      }
    } catch (const Error&) {
      discard_temp_files(temps);
      throw;
    }
    commit_temp_files(temps, cfg.root);
    for (const auto& rel : removals) {
      std::error_code ec;
      // Only a regular file that is still one of the language's outputs.
      if (fs::symlink_status(on_disk(cfg, rel), ec).type() != fs::file_type::regular) {
        report.warnings.push_back({rel, 0, 0, tr("not removed: not a regular file")});
        continue;
      }
      fs::remove(on_disk(cfg, rel), ec);
      if (ec) throw Error(rel, 0, 0, format(tr("cannot remove: %s"), system_error_text(ec).c_str()));
    }
  } catch (const Error& e) {
    remove_temps(outputs);
    report.pages.clear();  // nothing was written
    report.errors.push_back(e.diagnostic());
  }
  return report;
}

}  // namespace l10n
