#include "merge.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <optional>
#include <set>

#include "interrupt.h"
#include "messages.h"
#include "page.h"
#include "parallel.h"
#include "site_files.h"
#include "site_strings.h"
#include "source_text.h"
#include "translation_check.h"

namespace fs = std::filesystem;

namespace l10n {

bool MergeReport::changed() const {
  return std::any_of(pages.begin(), pages.end(), [](const PageOutcome& p) {
    return p.action == PageAction::Written || p.action == PageAction::Removed;
  });
}

std::size_t TranslationTable::KeyHash::operator()(const Key& k) const {
  std::hash<std::string_view> h;
  return h(k.msgid) ^ (h(k.context) * 31);
}

const TranslationTable::Entry* TranslationTable::find(std::string_view context, std::string_view msgid) const {
  auto it = entries.find(Key{context, msgid});
  return it == entries.end() ? nullptr : &it->second;
}

TranslationTable load_translations(const Config& cfg, const std::string& lang, bool use_fuzzy) {
  fs::path dir = fs::path(cfg.root) / cfg.catalog_dir / lang;
  TranslationTable table;
  if (fs::is_directory(dir))
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.is_regular_file() && entry.path().extension() == ".po")
        table.po_paths.push_back((fs::path(cfg.catalog_dir) / lang / entry.path().filename()).generic_string());
  if (table.po_paths.empty())
    throw Error(cfg.catalog_dir + "/" + lang + "/" + cfg.domain + ".po", 0, 0,
                format(tr("no PO file for language '%s' (run 'l10n extract' first)"), lang.c_str()));
  std::sort(table.po_paths.begin(), table.po_paths.end());
  table.catalogs.reserve(table.po_paths.size());
  for (const auto& rel : table.po_paths) {
    SourceText src = SourceText::load((fs::path(cfg.root) / rel).string(), rel);
    const Catalog& cat = table.catalogs.emplace_back(parse_po(src, PoContent::Translations));
    auto language = cat.header_field("Language");
    if (language && !language->empty() && *language != lang)
      throw Error(rel, 1, 0, format(tr("the header says Language: %s, but this is the catalog for '%s'"),
                                         language->c_str(), lang.c_str()));
    table.entries.reserve(table.entries.size() + cat.messages.size());
    for (const Message& m : cat.messages) {
      if (m.obsolete || m.msgstr.empty() || m.msgstr[0].empty() || (m.fuzzy && !use_fuzzy)) continue;
      table.entries.try_emplace(TranslationTable::Key{m.msgctxt ? std::string_view(*m.msgctxt) : std::string_view(), m.msgid},
                                TranslationTable::Entry{m.msgstr[0], rel, m.line});
    }
  }
  return table;
}

std::string target_path(const Config& cfg, const std::string& source, const std::string& lang) {
  fs::path rel = fs::path(source).lexically_relative(cfg.source_dir);
  std::string name = rel.filename().string();
  std::string dir = rel.parent_path().generic_string();
  // "_index.en.md" names its language; a translation names the target's.
  std::string tagged = "." + cfg.source + ".";
  if (auto pos = name.rfind(tagged); pos != std::string::npos && name.find('.', pos + tagged.size()) == std::string::npos)
    name.replace(pos, tagged.size(), "." + lang + ".");
  else if (cfg.layout == Layout::Filename) {
    auto dot = name.rfind('.');
    name.insert(dot == std::string::npos ? name.size() : dot, "." + lang);
  }
  fs::path out = fs::path(cfg.layout == Layout::Directory ? cfg.target_dir_for(lang) : cfg.target_dir) / dir / name;
  return out.lexically_normal().generic_string();
}

namespace {

struct SourceFile {
  std::string path;
  std::optional<SourceText> text;
  std::vector<Unit> units;
  enum Kind { PageFile, StringTable, SiteConfig } kind = PageFile;
  // Data files (string tables, language-specific config) are always written.
  bool is_data() const { return kind != PageFile; }
};

struct Rendered {
  std::string bytes;
  std::size_t translated = 0;
  std::vector<Refusal> refusals;
};

Rendered render(const SourceFile& file, const TranslationTable& table, const Config& cfg) {
  Rendered r;
  std::string_view src = file.text->bytes();
  std::size_t pos = 0;
  for (const Unit& u : file.units) {
    const TranslationTable::Entry* e = table.find(u.context, u.text);
    if (!e) continue;
    if (e->msgstr == u.text) {  // translated as itself: the source bytes are right
      ++r.translated;
      continue;
    }
    if (auto why = refuse_translation(u, e->msgstr, cfg)) {
      r.refusals.push_back({file.path, u.line, std::string(e->po_path), e->po_line, *why});
      continue;
    }
    r.bytes.append(src.substr(pos, u.span.begin - pos));
    r.bytes.append(render_translation(u, e->msgstr));
    pos = u.span.end;
    ++r.translated;
  }
  r.bytes.append(src.substr(pos));
  return r;
}

std::string manifest_path(const Config& cfg, const std::string& lang) {
  if (cfg.layout == Layout::Directory) return cfg.target_dir_for(lang) + "/.l10n-manifest";
  return cfg.target_dir + "/.l10n-manifest." + lang;
}

std::set<std::string> read_manifest(const Config& cfg, const std::string& rel) {
  std::set<std::string> out;
  fs::path path = fs::path(cfg.root) / rel;
  if (!fs::exists(path)) return out;
  std::string text = read_file(path.string(), rel);
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line[0] != '#') out.insert(line);
    start = end + 1;
  }
  return out;
}

std::vector<SourceFile> read_sources_for_merge(const Config& cfg, int jobs, std::vector<Diagnostic>& errors,
                                               ProgressCounter& progress) {
  std::vector<SourceFile> files;
  for (auto& p : source_pages(cfg)) files.push_back({p, std::nullopt, {}, SourceFile::PageFile});
  if (auto table = string_table_file(cfg, cfg.source))
    files.push_back({table->path, std::nullopt, {}, SourceFile::StringTable});
  // menus.en.toml, params.en.yaml: the language's own config files get a twin.
  for (const SiteFile& f : site_config_files(cfg))
    if (fs::path(f.path).filename().string().find("." + cfg.source + ".") != std::string::npos)
      files.push_back({f.path, std::nullopt, {}, SourceFile::SiteConfig});
  std::vector<std::optional<Diagnostic>> failures(files.size());
  progress.set_items(files.size());
  parallel_for(files.size(), jobs, [&](std::size_t i) {
    SourceFile& f = files[i];
    if (interrupted()) return;
    try {
      f.text.emplace(SourceText::load((fs::path(cfg.root) / f.path).string(), f.path));
      switch (f.kind) {
        case SourceFile::PageFile: f.units = read_page(*f.text, cfg).units; break;
        case SourceFile::StringTable: f.units = string_table_units(*f.text, *data_format_of(f.path)); break;
        case SourceFile::SiteConfig: f.units = site_config_units(*f.text, *data_format_of(f.path), cfg); break;
      }
    } catch (const Error& e) {
      failures[i] = e.diagnostic();
    }
    progress.tick();
  });
  check_interrupt();
  for (auto& f : failures)
    if (f) errors.push_back(*f);
  return files;
}

// i18n/en.toml -> i18n/nl.toml; config/_default/menus.en.toml -> menus.nl.toml.
std::string data_target(const Config& cfg, const std::string& source, const std::string& lang) {
  fs::path p(source);
  std::string name = p.filename().string();
  if (p.stem() == cfg.source) name = lang + p.extension().string();
  else if (auto pos = name.rfind("." + cfg.source + "."); pos != std::string::npos)
    name.replace(pos + 1, cfg.source.size(), lang);
  return (p.parent_path() / name).generic_string();
}

struct Plan {
  std::vector<std::pair<std::string, std::string>> writes;  // path, bytes
  std::vector<std::string> removals;
  std::vector<std::pair<std::string, std::string>> manifests;
};

void plan_language(const Config& cfg, const std::string& lang, int keep, const std::vector<SourceFile>& files,
                   const TranslationTable& table, int jobs, MergeReport& report, Plan& plan,
                   ProgressCounter& progress) {
  std::string manifest_rel = manifest_path(cfg, lang);
  std::set<std::string> owned = read_manifest(cfg, manifest_rel);
  std::vector<Rendered> rendered(files.size());
  parallel_for(files.size(), jobs, [&](std::size_t i) {
    if (!interrupted()) rendered[i] = render(files[i], table, cfg);
    progress.tick();
  });
  check_interrupt();

  std::set<std::string> produced;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const SourceFile& f = files[i];
    Rendered& r = rendered[i];
    PageOutcome out{lang, f.path, f.is_data() ? data_target(cfg, f.path, lang) : target_path(cfg, f.path, lang),
                    PageAction::Unchanged, f.units.size(), r.translated};
    report.refusals.insert(report.refusals.end(), r.refusals.begin(), r.refusals.end());
    fs::path abs = fs::path(cfg.root) / out.target;
    bool exists = fs::exists(abs);
    bool ours = owned.count(out.target) > 0;
    if (exists && !ours && read_file(abs.string(), out.target) != r.bytes) {
      out.action = PageAction::HandWritten;  // never overwrite what people wrote
    } else if (!f.is_data() && out.units > 0 && out.translated * 100 < static_cast<std::size_t>(keep) * out.units) {
      out.action = PageAction::BelowThreshold;
      if (exists && ours) plan.removals.push_back(out.target);
    } else {
      produced.insert(out.target);
      if (!exists || read_file(abs.string(), out.target) != r.bytes) {
        out.action = PageAction::Written;
        plan.writes.emplace_back(out.target, std::move(r.bytes));
      }
    }
    report.pages.push_back(std::move(out));
  }
  // Pages written earlier whose source is gone.
  for (const auto& old : owned) {
    if (produced.count(old) || !fs::exists(fs::path(cfg.root) / old)) continue;
    if (std::find(plan.removals.begin(), plan.removals.end(), old) != plan.removals.end()) continue;
    plan.removals.push_back(old);
    report.pages.push_back({lang, "", old, PageAction::Removed, 0, 0});
  }
  std::string manifest = "# Files written by 'l10n merge' for '" + lang + "'; it removes them when their source goes.\n";
  for (const auto& p : produced) manifest += p + "\n";
  plan.manifests.emplace_back(manifest_rel, manifest);
}

void apply(const Config& cfg, const Plan& plan) {
  // Every directory first: one that cannot be made stops before any file changed.
  auto make_parent = [&](const std::string& rel) {
    std::error_code ec;
    fs::create_directories((fs::path(cfg.root) / rel).parent_path(), ec);
    if (ec) throw Error(rel, 0, 0, format(tr("cannot create directory: %s"), ec.message().c_str()));
  };
  for (const auto& [rel, bytes] : plan.writes) make_parent(rel);
  for (const auto& [rel, bytes] : plan.manifests) make_parent(rel);
  // The pages and the manifests naming them change together or not at all.
  std::vector<std::pair<std::string, std::string_view>> files;
  for (const auto& [rel, bytes] : plan.writes) files.emplace_back((fs::path(cfg.root) / rel).string(), bytes);
  for (const auto& [rel, bytes] : plan.manifests) {
    fs::path abs = fs::path(cfg.root) / rel;
    if (!fs::exists(abs) || read_file(abs.string(), rel) != bytes) files.emplace_back(abs.string(), bytes);
  }
  write_files_atomic(files);
  for (const auto& rel : plan.removals) {
    std::error_code ec;
    fs::remove(fs::path(cfg.root) / rel, ec);
    if (ec) throw Error(rel, 0, 0, format(tr("cannot remove: %s"), ec.message().c_str()));
  }
}

}  // namespace

MergeReport run_merge(const Config& cfg, const MergeOptions& options) {
  MergeReport report;
  std::vector<std::string> langs = options.languages.empty() ? cfg.languages : options.languages;
  for (const auto& lang : langs)
    if (std::find(cfg.languages.begin(), cfg.languages.end(), lang) == cfg.languages.end())
      report.errors.push_back({cfg.config_path, 0, 0, "language '" + lang + "' is not in 'languages'"});
  if (!report.errors.empty()) return report;
  int keep = options.keep >= 0 ? options.keep : cfg.keep;
  Plan plan;
  try {
    ProgressCounter progress(options.progress, 1 + langs.size());
    // Each language's catalogs are read while the pages are, or while the
    // previous language is rendered: on 2 cores that hides most of it.
    auto load = [&](const std::string& lang) {
      return std::async(std::launch::async, [&cfg, &options, lang] {
        return load_translations(cfg, lang, options.use_fuzzy);
      });
    };
    std::future<TranslationTable> next;
    if (!langs.empty()) next = load(langs[0]);
    std::vector<SourceFile> files = read_sources_for_merge(cfg, options.jobs, report.errors, progress);
    if (!report.errors.empty()) return report;
    for (std::size_t i = 0; i < langs.size(); ++i) {
      TranslationTable table = next.get();
      if (i + 1 < langs.size()) next = load(langs[i + 1]);
      const std::string& lang = langs[i];
      plan_language(cfg, lang, keep, files, table, options.jobs, report, plan, progress);
    }
    // Past this check the writes run to the end even if a signal comes: the
    // manifest written last must name every page written before it.
    check_interrupt();
    if (!options.dry_run) apply(cfg, plan);
  } catch (const Error& e) {
    report.errors.push_back(e.diagnostic());
  }
  return report;
}

}  // namespace l10n
