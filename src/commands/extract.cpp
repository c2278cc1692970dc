#include "commands/extract.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <deque>
#include <ctime>
#include <filesystem>
#include <functional>
#include <future>
#include <iterator>
#include <map>
#include <set>
#include <utility>

#include "base/interrupt.h"
#include "base/tr.h"
#include "base/parallel.h"
#include "po/update.h"
#include "site/layout.h"
#include "base/source_text.h"
#include "base/files.h"
#include "po/keep.h"
#include "po/reader.h"
#include "po/writer.h"

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

// The site fills these in at build time; merge refuses a translation that
// does not keep each one. Weblate is told by a component flag (README): a
// "#," flag of its own would be dropped by msgcat and msgmerge.
std::string placeholder_comment(const std::vector<std::string>& found) {
  std::vector<std::string> distinct;
  for (const std::string& p : found)
    if (std::find(distinct.begin(), distinct.end(), p) == distinct.end()) distinct.push_back(p);
  std::string list;
  for (const std::string& p : distinct) list += (list.empty() ? "" : ", ") + p;
  return "This text contains placeholders that the site fills in at build time: copy " + list +
         " exactly, without translating or changing them.";
}

}  // namespace

TemplateBuilder::TemplateBuilder(const Config& cfg) : cfg_(cfg) {}

void TemplateBuilder::add(const SourceUnits& source) {
  auto add_comment = [](Message& m, const std::string& c) {
    if (!c.empty() && std::find(m.extracted_comments.begin(), m.extracted_comments.end(), c) == m.extracted_comments.end())
      m.extracted_comments.push_back(c);
  };
  // The page's references share one name: a page has tens of units.
  const SharedName file(source.file.path);
  for (const Unit& u : source.units) {
    const MessageKey key(u.context, u.text);
    const std::uint64_t hash = index_.hash_of(key);
    std::optional<std::size_t> number = index_.find(key, hash);
    if (!number) {
      Message& m = messages_.emplace_back();
      if (!u.context.empty()) m.msgctxt = u.context;
      m.msgid = u.text;
      m.msgstr = {""};
      // The key views the message's own strings, which a deque never moves.
      number = index_.insert(MessageKey(m.msgctxt ? std::string_view(*m.msgctxt) : "", m.msgid), hash).first;
    }
    Message& m = messages_[*number];
    add_comment(m, u.comment);
    if (u.has_shortcodes) add_comment(m, kShortcodeComment);
    if (!cfg_.placeholders.empty())
      if (auto found = cfg_.placeholders_in(u.text); !found.empty()) add_comment(m, placeholder_comment(found));
    // Sources come in order, so a repeat of file:line can only be the last reference.
    if (m.references.empty() || m.references.back().line != u.line || m.references.back().file() != file.view())
      m.references.emplace_back(file, u.line);
  }
}

Catalog TemplateBuilder::finish(const std::string& creation_date) {
  Catalog pot;
  pot.header_comments = {"SOME DESCRIPTIVE TITLE.", "This file is distributed under the same license as the site's content.",
                         "FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.", ""};
  pot.header_fuzzy = true;
  pot.header = "Project-Id-Version: " + cfg_.project + "\n"
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
  index_.clear();
  pot.messages.reserve(messages_.size());
  std::move(messages_.begin(), messages_.end(), std::back_inserter(pot.messages));
  messages_.clear();
  return pot;
}

Catalog build_template(const Config& cfg, const std::vector<const SourceUnits*>& sources,
                       const std::string& creation_date) {
  TemplateBuilder builder(cfg);
  for (const SourceUnits* source : sources) builder.add(*source);
  return builder.finish(creation_date);
}

namespace {

// The bytes an output has now, against which its new text is compared as it
// is made: held in memory (an old PO file, which the update reads anyway) or
// read from its file a block at a time (a template). One span may read as
// other bytes: a template is compared as if it carried the new
// POT-Creation-Date. Empty: there is no such file.
class CurrentBytes {
 public:
  CurrentBytes() = default;
  explicit CurrentBytes(std::string_view held) : held_(held), size_(held.size()), exists_(true) {}
  explicit CurrentBytes(FileReader file) : size_(file.size()), file_(std::move(file)), exists_(true) {}

  bool exists() const { return exists_; }
  std::size_t size() const { return size_ - replaced_ + with_.size(); }
  // [at, at + n) reads as `with` instead.
  void replace(std::size_t at, std::size_t n, std::string with) {
    at_ = at;
    replaced_ = n;
    with_ = std::move(with);
  }
  // Up to `n` bytes from `at`, as they read; valid until the next call.
  std::string_view read(std::size_t at, std::size_t n) {
    n = std::min(n, size() - std::min(at, size()));
    if (at + n <= at_) return base(at, n);
    if (at >= at_ + with_.size()) return base(at - with_.size() + replaced_, n);
    joined_.clear();
    if (at < at_) joined_ += base(at, at_ - at);
    std::size_t from = std::max(at, at_) - at_;
    joined_ += std::string_view(with_).substr(from, n - joined_.size());
    if (joined_.size() < n) joined_ += base(at_ + replaced_, n - joined_.size());
    return joined_;
  }

 private:
  // The file's own bytes, before the replacement: in block_ when read.
  std::string_view base(std::size_t at, std::size_t n) {
    if (!file_) return held_.substr(std::min(at, held_.size()), n);
    file_->read(at, n, block_);
    return block_;
  }

  std::string_view held_;
  std::size_t size_ = 0;
  std::optional<FileReader> file_;
  bool exists_ = false;
  std::size_t at_ = 0, replaced_ = 0;
  std::string with_;
  std::string block_, joined_;
};

CurrentBytes current_bytes(const Config& cfg, std::string_view rel) {
  std::optional<FileReader> file = current_output_file(cfg, rel);
  return file ? CurrentBytes(std::move(*file)) : CurrentBytes();
}

// Where an output's text goes as it is made: compared with its current
// bytes, and written to a temp file only from the first piece that differs
// (the bytes before it are the current ones). An output that comes out
// unchanged is neither written nor held.
class OutputSink final : public TextSink {
 public:
  OutputSink(CurrentBytes& current, std::string path, const std::string& root)
      : current_(current), path_(std::move(path)), root_(root) {}

  void write(std::string_view piece) override {
    if (!temp_ && !matches(piece)) open();
    if (temp_) temp_->write(piece);
  }
  // The temp file, or "" when the text is the current one.
  std::string finish() {
    if (!temp_ && current_.exists() && matched_ == current_.size()) return {};
    if (!temp_) open();
    return temp_->finish();
  }

 private:
  // Whether `piece` is what the current bytes hold next; if so, it is passed.
  bool matches(std::string_view piece) {
    if (!current_.exists() || current_.read(matched_, piece.size()) != piece) return false;
    matched_ += piece.size();
    return true;
  }
  void open() {
    std::error_code ec;
    fs::create_directories(fs::path(path_).parent_path(), ec);
    if (ec)
      throw Error(display_path(path_, root_), 0, 0,
                  format(tr("cannot create directory: %s"), system_error_text(ec).c_str()));
    temp_.emplace(path_, root_);
    constexpr std::size_t kBlock = 1 << 20;
    for (std::size_t at = 0; at < matched_; at += kBlock) {
      std::string_view block = current_.read(at, std::min(kBlock, matched_ - at));
      if (block.size() != std::min(kBlock, matched_ - at))
        throw Error(display_path(path_, root_), 0, 0, tr("changed while it was read: run again"));
      temp_->write(block);
    }
  }

  CurrentBytes& current_;
  std::string path_;
  const std::string& root_;
  std::size_t matched_ = 0;  // bytes of the text that match the current ones
  std::optional<TempFile> temp_;
};

// Each output goes to a temp file beside its target as it is made, so that
// no catalog's text waits in memory, whole, for the others; the temps are
// renamed over their targets together once everything is computed, and
// removed if anything fails first (or a signal comes).
class StagedWrites {
 public:
  explicit StagedWrites(const Config& cfg) : cfg_(cfg) {
    if (inside_site(cfg, cfg.catalog_dir)) remove_stale_temps(on_disk(cfg, cfg.catalog_dir));
  }
  StagedWrites(const StagedWrites&) = delete;
  StagedWrites& operator=(const StagedWrites&) = delete;
  ~StagedWrites() { discard_temp_files(temps_); }

  // The output `rel`, whose text `write` makes into the sink it is given;
  // whether it changes. In the order the report names them: the templates,
  // then the PO files.
  bool add(const std::string& rel, CurrentBytes& current, const std::function<void(TextSink&)>& write) {
    if (!inside_site(cfg_, rel))
      throw Error(rel, 0, 0, tr("cannot write: the path leaves the site (a symlink or '..' on the way)"));
    std::string path = on_disk(cfg_, rel);
    OutputSink sink(current, path, cfg_.root);
    write(sink);
    std::string temp = sink.finish();
    const bool changed = !temp.empty();
    staged_.push_back({rel, changed});
    if (changed) temps_.emplace_back(std::move(temp), std::move(path));
    return changed;
  }

  void commit(ExtractReport& report) {
    // commit_temp_files removes what it did not rename when it fails.
    commit_temp_files(std::exchange(temps_, {}), cfg_.root);
    for (const Staged& s : staged_) (s.changed ? report.written : report.unchanged).push_back(s.rel);
  }

 private:
  struct Staged {
    std::string rel;
    bool changed;
  };
  const Config& cfg_;
  std::vector<Staged> staged_;
  std::vector<std::pair<std::string, std::string>> temps_;  // (temp, target)
};

// A PO file already on disk, read whole: the update reads its entries, and
// the write keeps the bytes of those it leaves as they were (po/keep.h). A
// file whose "#." or "#:" lines do not read (the update takes those from the
// template) is read without them, and written anew.
struct OldPo {
  PoText read;
  bool entries_known = true;  // read.spans holds where each entry lies
};

OldPo read_old_po(SourceText text) {
  OldPo po{{std::move(text), {}, {}}};
  try {
    po.read.cat = parse_po(po.read.text, PoContent::Everything, &po.read.spans);
  } catch (const Error&) {
    po.read.spans = {};
    po.read.cat = parse_po(po.read.text, PoContent::NoSourceComments);
    po.entries_known = false;
  }
  return po;
}

std::map<std::string, OldPo> read_language_catalogs(const Config& cfg, const std::string& lang,
                                                    const std::set<std::string>& domains) {
  std::map<std::string, OldPo> out;
  for (const auto& domain : domains) {
    check_interrupt();
    std::string rel = catalog_path(cfg, lang, domain);
    std::string path = on_disk(cfg, rel);
    std::error_code ec;
    if (fs::symlink_status(path, ec).type() == fs::file_type::not_found) continue;
    if (!readable_in_site(cfg, rel)) throw Error(rel, 0, 0, tr("not read: not a regular file inside the site"));
    OldPo po = read_old_po(SourceText::load(path, rel));
    require_header_entry(po.read.cat, rel);
    check_language(po.read.cat, path, rel, lang);
    out.emplace(domain, std::move(po));
  }
  return out;
}

// One language's PO files, the other big input, read one language at a
// time (the next while one is updated) so that only two are in memory. A
// broken one holds translators' work: its language is left as it is and
// reported, and the other languages go on, so that one translator's typo
// does not block every language.
struct LanguagePo {
  std::map<std::string, OldPo> files;  // domain -> its PO file
  std::optional<Diagnostic> broken;    // why the language is left alone
};

LanguagePo read_language(const Config& cfg, const std::string& lang, const std::set<std::string>& domains) {
  LanguagePo out;
  try {
    // Catalogs of domains the site no longer has (a group removed, a
    // section renamed; their template is still there) are read too: their
    // translations carry over. Other PO files in the folder are not ours.
    std::set<std::string> all = domains;
    for (const std::string& d : domains_on_disk(cfg, lang))
      if (readable_in_site(cfg, template_path(cfg, d))) all.insert(d);
    out.files = read_language_catalogs(cfg, lang, all);
  } catch (const Error& e) {
    out.broken = e.diagnostic();
  }
  return out;
}

std::future<LanguagePo> read_language_async(const Config& cfg, const std::vector<std::string>& languages,
                                            std::size_t index, const std::set<std::string>& domains) {
  if (index >= languages.size()) return {};
  return std::async(std::launch::async, read_language, std::cref(cfg), std::cref(languages[index]),
                    std::cref(domains));
}

// The value of the POT-Creation-Date header field in PO text: where it
// starts and its length, or nullopt.
std::optional<std::pair<std::size_t, std::size_t>> creation_date_in(std::string_view po) {
  constexpr std::string_view kField = "\"POT-Creation-Date: ";
  std::size_t header_end = po.find("\n\n");
  std::size_t at = po.substr(0, header_end).find(kField);
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t begin = at + kField.size();
  std::size_t end = po.find("\\n\"", begin);
  if (end == std::string_view::npos || end > header_end) return std::nullopt;
  return std::make_pair(begin, end - begin);
}

// A template's header is a few hundred bytes; one that is not within this
// many is not ours, and is written anew.
constexpr std::size_t kHeaderBytes = 1 << 16;

// POT-Creation-Date moves only when the rest of the template does: the new
// template is compared with the file there as if that file carried the new
// date, and when nothing else differs the file and its date stay. Returns
// the date the file carries ("" when none).
std::string compare_with_date(CurrentBytes& current, const std::string& date) {
  std::string head(current.read(0, kHeaderBytes));
  auto at = creation_date_in(head);
  if (!at) return {};
  current.replace(at->first, at->second, date);
  return head.substr(at->first, at->second);
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
  std::vector<SourceFile> files;
  try {
    files = source_files(cfg);
  } catch (const Error& e) {
    report.errors.push_back(e.diagnostic());
    return report;
  }
  std::set<std::string> domain_names;
  for (const SourceFile& f : files) {
    domain_names.insert(catalog_domain(cfg, f));
    report.pages += f.kind == SourceFile::Kind::Page;
  }
  if (domain_names.empty()) domain_names.insert(cfg.domain);
  std::future<LanguagePo> next_language = read_language_async(cfg, cfg.languages, 0, domain_names);

  // Each file's units go into its domain's template as they are read, in
  // source order, and are let go: only the templates grow with the site.
  std::map<std::string, TemplateBuilder> builders;
  for (const auto& name : domain_names) builders.try_emplace(name, cfg);
  read_sources_in_order(cfg, files, options.jobs, report.errors, options.progress, [&](SourceUnits& s) {
    report.units += s.units.size();
    builders.at(catalog_domain(cfg, s.file)).add(s);
  });
  if (!report.errors.empty()) return report;

  std::map<std::string, Catalog> pots;
  auto pot_rel = [&](const std::string& domain) { return template_path(cfg, domain); };
  try {
    StagedWrites staged(cfg);
    // Each template is written out first, and its text let go: the date it
    // finally carries is the one its PO files repeat.
    std::map<std::string, std::string> creation_dates;
    for (auto& [domain, builder] : builders) {
      check_interrupt();
      Catalog& pot = pots[domain] = builder.finish(gettext_timestamp());
      CatalogSummary summary{domain, pot_rel(domain), pot.messages.size(), 0};
      for (const auto& m : pot.messages) summary.references += m.references.size();
      report.catalogs.push_back(summary);
      std::string date = pot.header_field("POT-Creation-Date").value_or("");
      CurrentBytes current = current_bytes(cfg, pot_rel(domain));
      std::string old_date = compare_with_date(current, date);
      if (!staged.add(pot_rel(domain), current, [&](TextSink& out) { format_po(pot, out); })) date = old_date;
      creation_dates[domain] = date;
    }
    builders.clear();
    std::map<std::string, Diagnostic> broken;  // lang -> why it is left alone
    for (std::size_t l = 0; l < cfg.languages.size(); ++l) {
      const std::string& lang = cfg.languages[l];
      LanguagePo old = next_language.get();
      next_language = read_language_async(cfg, cfg.languages, l + 1, domain_names);
      if (old.broken) {
        broken.emplace(lang, std::move(*old.broken));
        continue;
      }
      // Old PO files per language, across domains: a paragraph moved to
      // another section keeps its translation.
      const auto& olds = old.files;
      for (auto& [domain, pot] : pots) {
        check_interrupt();
        std::vector<const Catalog*> others;
        for (auto& [d, c] : olds)
          if (d != domain) others.push_back(&c.read.cat);
        auto it = olds.find(domain);
        const OldPo* before = it != olds.end() ? &it->second : nullptr;
        Catalog fresh = before ? Catalog{} : new_po(pot, lang);
        UpdateOptions uo;
        uo.language = lang;
        uo.keep_obsolete = options.keep_obsolete;
        // The last language takes the template's strings: no language needs them after it.
        const Catalog& old_po = before ? before->read.cat : fresh;
        Catalog po = l + 1 == cfg.languages.size() ? update_catalog(old_po, std::move(pot), uo, others)
                                                   : update_catalog(old_po, pot, uo, others);
        po.set_header_field("POT-Creation-Date", creation_dates[domain]);
        std::string rel = catalog_path(cfg, lang, domain);
        CurrentBytes current = before ? CurrentBytes(before->read.text.bytes()) : current_bytes(cfg, rel);
        staged.add(rel, current, [&](TextSink& out) {
          // The bytes of each entry that reads as it does in the file there
          // now (Weblate's wrapping, say) are kept: an extract after a
          // translator's commit reformats nothing.
          if (before && before->entries_known) format_po_keeping(po, before->read, out);
          else format_po(po, out);
        });
        // A large PO file is mapped, not read (SourceText::load): one
        // written meanwhile may have changed under the update and the
        // bytes kept from it, and what was made of them is not used.
        if (before && !before->read.text.unchanged_on_disk())
          throw Error(rel, 0, 0, tr("changed while it was read: run again"));
      }
    }
    for (const auto& [lang, why] : broken) report.errors.push_back(why);
    check_interrupt();
    // Everything is computed and staged: one rename per file.
    staged.commit(report);
  } catch (const Error& e) {
    report.errors.push_back(e.diagnostic());
  }
  return report;
}

}  // namespace l10n
