#include "extract.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <unordered_map>

#include "interrupt.h"
#include "messages.h"
#include "page.h"
#include "parallel.h"
#include "po_update.h"
#include "site_files.h"
#include "site_strings.h"
#include "source_text.h"

namespace fs = std::filesystem;

namespace l10n {

std::string gettext_timestamp() {
  std::time_t t = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch)
    t = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M+0000", &tm);
  return buf;
}

namespace {

const char* const kShortcodeComment =
    "This text contains Hugo shortcode calls ({{< … >}} or {{% … %}}): copy each call exactly, "
    "translating only the text in its quoted parameters.";

std::string abs_path(const Config& cfg, const std::string& rel) { return (fs::path(cfg.root) / rel).string(); }

SourceUnits read_one(const Config& cfg, const std::string& rel, bool is_page, const SiteFile* data) {
  SourceText src = SourceText::load(abs_path(cfg, rel), rel);
  SourceUnits out{rel, {}};
  if (is_page) out.units = read_page(src, cfg).units;
  else if (rel.starts_with("i18n/")) out.units = string_table_units(src, data->format);
  else out.units = site_config_units(src, data->format, cfg);
  return out;
}

}  // namespace

std::vector<SourceUnits> read_sources(const Config& cfg, int jobs, std::vector<Diagnostic>& errors,
                                      std::size_t* page_count, const ProgressFn& progress) {
  std::vector<std::string> pages = source_pages(cfg);
  if (page_count) *page_count = pages.size();
  std::vector<SiteFile> data;
  if (auto table = string_table_file(cfg, cfg.source)) data.push_back(*table);
  for (auto& f : site_config_files(cfg)) data.push_back(f);

  std::size_t n = pages.size() + data.size();
  std::vector<SourceUnits> results(n);
  std::vector<std::optional<Diagnostic>> failures(n);
  ProgressCounter counter(progress);
  counter.set_items(n);
  parallel_for(n, jobs, [&](std::size_t i) {
    bool is_page = i < pages.size();
    const std::string& rel = is_page ? pages[i] : data[i - pages.size()].path;
    if (interrupted()) return;
    try {
      results[i] = read_one(cfg, rel, is_page, is_page ? nullptr : &data[i - pages.size()]);
    } catch (const Error& e) {
      failures[i] = e.diagnostic();
    } catch (const std::exception& e) {
      failures[i] = Diagnostic{rel, 0, 0, e.what()};
    }
    counter.tick();
  });
  check_interrupt();
  for (auto& f : failures)
    if (f) errors.push_back(std::move(*f));
  return results;
}

Catalog build_template(const Config& cfg, const std::vector<const SourceUnits*>& sources,
                       const std::string& creation_date) {
  Catalog pot;
  pot.header_comments = {"SOME DESCRIPTIVE TITLE.", "This file is distributed under the same license as the site's content.",
                         "FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.", ""};
  pot.header_fuzzy = true;
  pot.header = "Project-Id-Version: " + cfg.project + "\n"
               "Report-Msgid-Bugs-To: \n"
               "POT-Creation-Date: " + creation_date + "\n"
               "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
               "Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
               "Language-Team: LANGUAGE <LL@li.org>\n"
               "Language: \n"
               "MIME-Version: 1.0\n"
               "Content-Type: text/plain; charset=UTF-8\n"
               "Content-Transfer-Encoding: 8bit\n"
               "X-Generator: l10n " L10N_VERSION "\n";
  std::unordered_map<std::string, std::size_t> index;
  auto add_comment = [](Message& m, const std::string& c) {
    if (!c.empty() && std::find(m.extracted_comments.begin(), m.extracted_comments.end(), c) == m.extracted_comments.end())
      m.extracted_comments.push_back(c);
  };
  for (const SourceUnits* source : sources) {
    for (const Unit& u : source->units) {
      std::string key = u.context + '\x04' + u.text;
      auto [it, inserted] = index.try_emplace(key, pot.messages.size());
      if (inserted) {
        Message m;
        if (!u.context.empty()) m.msgctxt = u.context;
        m.msgid = u.text;
        m.msgstr = {""};
        pot.messages.push_back(std::move(m));
      }
      Message& m = pot.messages[it->second];
      add_comment(m, u.comment);
      if (u.has_shortcodes) add_comment(m, kShortcodeComment);
      // Sources come in order, so a repeat of file:line can only be the last reference.
      if (m.references.empty() || m.references.back().line != u.line || m.references.back().file != source->path)
        m.references.push_back({source->path, u.line});
    }
  }
  return pot;
}

namespace {

struct PendingWrite {
  std::string rel;
  std::string bytes;
};

// Reads an existing catalog if there is one; a broken one is an error the
// user must see, since it may hold translators' work.
std::optional<Catalog> read_existing(const Config& cfg, const std::string& rel) {
  std::string path = abs_path(cfg, rel);
  if (!fs::exists(path)) return std::nullopt;
  return read_po(path, rel);
}

// A new language's PO, as msginit makes it: the template's header with the
// language filled in and no longer fuzzy.
Catalog new_po(const Catalog& pot, const std::string& lang) {
  Catalog po;
  po.header_comments = pot.header_comments;
  po.header = pot.header;
  po.set_header_field("PO-Revision-Date", pot.header_field("POT-Creation-Date").value_or(""));
  po.set_header_field("Last-Translator", "Automatically generated");
  po.set_header_field("Language-Team", "none");
  po.set_header_field("Language", lang);
  po.set_header_field("Plural-Forms", plural_forms_for(lang));
  return po;
}

}  // namespace

ExtractReport run_extract(const Config& cfg, const ExtractOptions& options) {
  ExtractReport report;
  std::vector<SourceUnits> sources = read_sources(cfg, options.jobs, report.errors, &report.pages, options.progress);
  if (!report.errors.empty()) return report;

  // Domain -> its sources, in source order.
  std::map<std::string, std::vector<const SourceUnits*>> domains;
  for (const SourceUnits& s : sources) {
    report.units += s.units.size();
    bool is_page = s.path.starts_with(cfg.source_dir + "/");
    domains[is_page ? page_domain(cfg, s.path) : cfg.domain].push_back(&s);
  }
  if (domains.empty()) domains[cfg.domain];

  std::vector<PendingWrite> writes;
  // Old PO files per language, across domains: a paragraph moved to another
  // section keeps its translation.
  std::map<std::string, std::map<std::string, Catalog>> old_pos;  // lang -> domain -> PO
  std::map<std::string, Catalog> pots;
  try {
    for (auto& [domain, srcs] : domains) {
      check_interrupt();
      std::string pot_rel = cfg.catalog_dir + "/" + domain + ".pot";
      Catalog pot = build_template(cfg, srcs, gettext_timestamp());
      // POT-Creation-Date moves only when the messages do.
      if (auto old = read_existing(cfg, pot_rel); old && same_messages(*old, pot))
        if (auto date = old->header_field("POT-Creation-Date")) pot.set_header_field("POT-Creation-Date", *date);
      CatalogSummary summary{domain, pot_rel, pot.messages.size(), 0};
      for (const auto& m : pot.messages) summary.references += m.references.size();
      report.catalogs.push_back(summary);
      writes.push_back({pot_rel, format_po(pot)});
      for (const auto& lang : cfg.languages) {
        std::string po_rel = cfg.catalog_dir + "/" + lang + "/" + domain + ".po";
        if (auto old = read_existing(cfg, po_rel)) {
          check_language(*old, abs_path(cfg, po_rel), po_rel, lang);
          old_pos[lang][domain] = std::move(*old);
        }
      }
      pots[domain] = std::move(pot);
    }
    for (const auto& lang : cfg.languages) {
      auto& olds = old_pos[lang];
      for (auto& [domain, pot] : pots) {
        check_interrupt();
        std::vector<const Catalog*> others;
        for (auto& [d, c] : olds)
          if (d != domain) others.push_back(&c);
        auto it = olds.find(domain);
        Catalog base = it != olds.end() ? it->second : new_po(pot, lang);
        UpdateOptions uo;
        uo.language = lang;
        uo.keep_obsolete = options.keep_obsolete;
        Catalog updated = update_catalog(base, pot, uo, others);
        writes.push_back({cfg.catalog_dir + "/" + lang + "/" + domain + ".po", format_po(updated)});
      }
    }
    check_interrupt();
  } catch (const Error& e) {
    report.errors.push_back(e.diagnostic());
    return report;
  }

  // Everything is computed: only now touch the disk, one atomic rename per
  // file, after every directory exists, so that one that cannot be made
  // stops the run before any file changed.
  try {
    std::vector<const PendingWrite*> changed;
    for (const auto& w : writes) {
      std::string path = abs_path(cfg, w.rel);
      std::error_code ec;
      if (fs::exists(path) && read_file(path, w.rel) == w.bytes) {
        report.unchanged.push_back(w.rel);
        continue;
      }
      fs::create_directories(fs::path(path).parent_path(), ec);
      if (ec) throw Error(w.rel, 0, 0, format(tr("cannot create directory: %s"), ec.message().c_str()));
      changed.push_back(&w);
    }
    std::vector<std::string> paths;
    std::vector<std::pair<std::string, std::string_view>> files;
    for (const PendingWrite* w : changed) paths.push_back(abs_path(cfg, w->rel));
    for (std::size_t i = 0; i < changed.size(); ++i) files.emplace_back(paths[i], changed[i]->bytes);
    write_files_atomic(files);
    for (const PendingWrite* w : changed) report.written.push_back(w->rel);
  } catch (const Error& e) {
    report.errors.push_back(e.diagnostic());
  }
  return report;
}

}  // namespace l10n
