#include "commands/check.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>

#include "units/align.h"
#include "po/catalog.h"
#include "language/text_check.h"
#include "base/tr.h"
#include "units/page.h"
#include "base/parallel.h"
#include "site/layout.h"
#include "site/links.h"
#include "data/structured.h"
#include "base/files.h"
#include "po/reader.h"

namespace l10n {

namespace fs = std::filesystem;

const char* finding_kind_name(FindingKind kind) {
  switch (kind) {
    case FindingKind::Unit: return "unit";
    case FindingKind::Sentence: return "sentence";
    case FindingKind::PoMsgstr: return "po-msgstr";
    case FindingKind::PoIdentical: return "po-identical";
    case FindingKind::Unreadable: return "unreadable";
    case FindingKind::Cited: return "cited";
  }
  return "unit";
}

namespace {

// Shortcode parameters that hold text on most Hugo sites; used for pages
// checked without a site config, for every shortcode ("*").
const std::vector<ParamSpec>& usual_text_params() {
  static const std::vector<ParamSpec> specs = [] {
    std::vector<ParamSpec> v;
    for (const char* n : {"text", "title", "subtitle", "description", "caption", "alt", "header", "label",
                          "listTitle", "link-text", "ribbon", "tab1", "tab2", "tab3", "tab4", "tab5"})
      v.push_back({n, -1});
    return v;
  }();
  return specs;
}

Config config_for_language(const std::string& source) {
  Config cfg;
  cfg.source = source;
  cfg.front_matter_keys = default_front_matter_keys();
  cfg.shortcodes["*"] = usual_text_params();
  return cfg;
}

// Units whose text is running prose, where a capital mid-sentence marks a
// name; headings and labels are often Title Case.
bool is_running_text(UnitKind k) {
  return k == UnitKind::Paragraph || k == UnitKind::ListItem || k == UnitKind::BlockQuote ||
         k == UnitKind::TableCell;
}

// ASCII letters, lowercased; none past `limit`: nullopt if there are more.
std::optional<std::string> letters_of(std::string_view text, std::size_t limit = std::string::npos) {
  std::string out;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') out += c;
    else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c | 0x20);
    else continue;
    if (out.size() > limit) return std::nullopt;
  }
  return out;
}

// The letters of every URL on the page, lowercased, one URL after another.
struct UrlLetters {
  std::string letters;
  std::size_t longest = 0;  // the most letters of one URL
  // Whether the letters of `text`, six or more, are among those of one URL:
  // a heading naming the site a URL on the page goes to ("Ask Ubuntu",
  // askubuntu.com). A text with more letters than any URL is never.
  bool name_a_site(std::string_view text) const {
    if (letters.empty()) return false;
    std::optional<std::string> key = letters_of(text, longest);
    return key && key->size() >= 6 && letters.find(*key) != std::string::npos;
  }
};

UrlLetters url_letters(std::string_view bytes) {
  UrlLetters out;
  for (std::size_t p = 0; (p = bytes.find("://", p)) != std::string_view::npos;) {
    std::size_t e = p + 3;
    while (e < bytes.size() && !std::isspace(static_cast<unsigned char>(bytes[e])) && bytes[e] != ')' && bytes[e] != '"')
      ++e;
    std::string letters = *letters_of(bytes.substr(p + 3, e - p - 3));
    out.longest = std::max(out.longest, letters.size());
    out.letters += letters + ' ';
    p = e;
  }
  return out;
}

bool short_title(std::string_view text) {
  std::string prose = mask_non_prose(text);
  std::istringstream in(prose);
  int words = 0;
  for (std::string w; in >> w; ++words)
    if (!std::isupper(static_cast<unsigned char>(w[0]))) return false;
  return words > 0 && words <= 3;
}

// Where the fragment starts in the page: searched for within the unit's
// bytes, since unit text leaves out block-quote markers and indentation.
std::size_t locate(std::string_view bytes, Span span, std::string_view fragment) {
  std::string_view probe = fragment.substr(0, std::min<std::size_t>(fragment.size(), 32));
  std::size_t end = std::min(bytes.size(), span.end + 64);
  std::size_t at = bytes.substr(0, end).find(probe, span.begin);
  return at == std::string_view::npos ? span.begin : at;
}

struct PoEntry {
  std::string path;
  int line = 0;
  std::string msgid, msgctxt;
};

// Every message of a language's catalogs, by msgstr and by msgid, to find the
// entry a page's text came from.
struct PoIndex {
  std::map<std::string, PoEntry, std::less<>> by_msgstr, by_msgid;
  const PoEntry* find(std::string_view text) const {
    if (auto it = by_msgstr.find(text); it != by_msgstr.end()) return &it->second;
    if (auto it = by_msgid.find(text); it != by_msgid.end()) return &it->second;
    return nullptr;
  }
};

struct PageTask {
  std::string language;
  std::string path;     // display path
  std::string fs_path;
  std::string source;   // display path of the source page, may be empty
  std::string source_fs;
  bool from_merge = false;
  const PoIndex* po = nullptr;
};

struct PageCheck {
  PageResult result;
  std::vector<Finding> findings;
  std::optional<Diagnostic> error;
};

// A finding for a spot the page cannot be read at: the line as written.
Finding unreadable(const PageTask& task, std::string_view bytes, const Diagnostic& d) {
  Finding fd;
  fd.kind = FindingKind::Unreadable;
  fd.language = task.language;
  fd.confidence = 1;
  fd.path = fd.fix_path = task.path;
  fd.line = fd.fix_line = d.line;
  fd.col = d.col;
  fd.unit = "unreadable";
  std::size_t b = find_line_start(bytes, d.line);
  if (d.line > 0 && b != std::string_view::npos && b <= bytes.size()) {
    std::string_view line = bytes.substr(b, bytes.find('\n', b) - b);
    fd.fragment = std::string(line.substr(0, 200));
  }
  fd.text = d.message;
  return fd;
}

// Source-language text paired with each target unit, when the source page is
// known: from the PO entry for merged pages, else by alignment.
std::vector<std::string> counterparts(const PageTask& task, const Page& page, const SourceText& src, const Config& cfg,
                                      const Page* source_page, const SourceText* source_src) {
  std::vector<std::string> out(page.units.size());
  if (task.po)
    for (std::size_t i = 0; i < page.units.size(); ++i)
      if (const PoEntry* e = task.po->find(page.units[i].text)) out[i] = e->msgid;
  if (!source_page) return out;
  auto links = align_units(unit_shapes(*source_page, *source_src, cfg), unit_shapes(page, src, cfg));
  for (const Link& l : links)
    if (l.source.size() == 1 && l.target.size() == 1 && l.score >= kLinkScore && out[l.target[0]].empty())
      out[l.target[0]] = source_page->units[l.source[0]].text;
  return out;
}

// A short heading the word lists cannot place is in the language of its
// section: "## Member benefits" over English paragraphs is English, over
// Dutch ones a name or a term. The section is what follows it up to the
// next heading; its running text is weighed by the word lists.
std::optional<TextFinding> by_its_section(std::size_t heading, const Page& page, const std::vector<Words>& words,
                                          const LanguageIdentifier& ider, const NameSet& names, IdentifyMemo& memo) {
  constexpr int kShort = 3, kSectionWords = 8;
  const Words& own = words[heading];
  Identification id = ider.identify(own, {0, own.text.size()}, names, &memo);
  if (!id.language.empty() || id.words == 0 || id.words > kShort || id.lean < 0) return std::nullopt;
  int source = 0, target = 0;
  for (std::size_t j = heading + 1; j < page.units.size() && page.units[j].kind != UnitKind::Heading; ++j) {
    if (!is_running_text(page.units[j].kind)) continue;
    Identification s = ider.identify_by_word_lists(words[j], {0, words[j].text.size()}, names, &memo);
    if (s.language == ider.source()) source += s.words;
    else if (s.language == ider.target()) target += s.words;
  }
  if (source < kSectionWords || source < 3 * target) return std::nullopt;
  double share = static_cast<double>(source) / (source + target);
  return whole_text_finding(page.units[heading].text, ider.source(), 0.5 + share / 4 + id.lean / 4);
}

// `text` with the titles it cites blanked: the text of a link to another
// site ("[Getting Things Done](https://…)"), and emphasis ("*The Pragmatic
// Programmer*"), as titles of books and pages are set.
struct Citations {
  std::string rest;
  bool links = false;     // link text to another site was blanked
  bool emphasis = false;  // emphasized text was
};

Citations without_citations(std::string_view text) {
  Citations c{std::string(text)};
  std::string& out = c.rest;
  auto blank = [&](std::size_t b, std::size_t e) { std::fill(out.begin() + b, out.begin() + e, ' '); };
  for (std::size_t p = 0; (p = out.find('[', p)) != std::string::npos;) {
    std::size_t close = out.find("](", p);
    if (close == std::string::npos) break;
    std::string_view target = std::string_view(out).substr(close + 2);
    if (target.starts_with("http://") || target.starts_with("https://")) {
      blank(p + 1, close);
      c.links = true;
    }
    p = close + 2;
  }
  for (char mark : {'*', '_'}) {
    for (std::size_t p = 0; (p = out.find(mark, p)) != std::string::npos;) {
      // One mark, not two (bold), opening before a non-blank; "_" only where
      // a word may start, not inside "snake_case".
      bool single = p + 1 < out.size() && out[p + 1] != mark && out[p + 1] != ' ' && (p == 0 || out[p - 1] != mark);
      bool boundary = mark == '*' || p == 0 || !std::isalnum(static_cast<unsigned char>(out[p - 1]));
      std::size_t close = single && boundary ? out.find(mark, p + 1) : std::string::npos;
      if (close == std::string::npos || out.substr(p, close - p).find('\n') != std::string::npos || out[close - 1] == ' ') {
        ++p;
        continue;
      }
      blank(p + 1, close);
      c.emphasis = true;
      p = close + 1;
    }
  }
  return c;
}

// Source-language text that only cites works by their titles, in text
// that is otherwise the target language or names: a book in a list of
// books ("*The Pragmatic Programmer*, een klassieker"), another site's page
// by its title as link text ("zie [Getting Started](https://…)"). Not
// untranslated text. A link or emphasis with nothing around it is as often
// an untranslated label ("[Report Bugs](https://…)"): still a finding.
bool cites_a_work(std::string_view fragment, const LanguageIdentifier& ider, const NameSet& names, IdentifyMemo& memo) {
  Citations c = without_citations(fragment);
  if (!c.links && !c.emphasis) return false;
  Words words = words_of(mask_non_prose(c.rest), names);
  if (words.list.empty()) return false;
  Identification id = ider.identify(words, {0, words.text.size()}, names, &memo);
  return id.language != ider.source() && id.lean <= 0;
}

// What a worker keeps from page to page of one language: building an ICU
// break iterator costs as much as splitting a page, and the word facts a
// page learnt serve the next.
struct PageWorker {
  explicit PageWorker(const std::string& language) : splitter(language) {}
  SentenceSplitter splitter;
  IdentifyMemo memo;
};

PageCheck check_page(const PageTask& task, const Config& cfg, const LanguageIdentifier& ider, PageWorker& worker) {
  PageCheck out;
  out.result = {task.language, task.path, task.source, task.from_merge, 0, 0};
  try {
    // A reviewer's tool never gives up on a page: a spot that cannot be
    // read is a finding, and the rest of the page is checked.
    std::string bytes = read_file(task.fs_path, task.path);
    LenientPage lp = read_page_leniently(task.path, bytes, cfg);
    for (const Diagnostic& d : lp.problems) out.findings.push_back(unreadable(task, bytes, d));
    const SourceText& src = lp.text;
    const Page& page = lp.page;
    std::optional<LenientPage> source;
    const SourceText* source_src = nullptr;
    const Page* source_page = nullptr;
    if (!task.source_fs.empty() && fs::exists(task.source_fs)) {
      source.emplace(read_page_leniently(task.source, read_file(task.source_fs, task.source), cfg));
      source_src = &source->text;
      source_page = &source->page;
    }
    std::vector<std::string> pairs = counterparts(task, page, src, cfg, source_page, source_src);

    // Each unit masked and split once: the page's names, its vocabulary and
    // the unit's own check all read them.
    SentenceSplitter& splitter = worker.splitter;
    IdentifyMemo& memo = worker.memo;
    memo.forget_texts();
    NameSet every_name = glossary_names(cfg.glossary);
    std::vector<Words> words(page.units.size());
    std::vector<std::vector<Span>> sentences(page.units.size());
    for (std::size_t i = 0; i < page.units.size(); ++i) {
      std::string prose = mask_non_prose(page.units[i].text);
      sentences[i] = splitter.split(prose);
      words[i] = words_of(std::move(prose), every_name);
      ider.look_up(words[i], memo);
      if (is_running_text(page.units[i].kind)) collect_names(words[i], every_name);
    }
    // The page's names and vocabulary come from its own-language sentences:
    // in a sentence left in English, "This Cookie Policy explains…", the
    // capitals are English words, which the unit "Cookie Policy" is made of.
    NameSet page_names = glossary_names(cfg.glossary);
    NameSet vocabulary;
    for (std::size_t i = 0; i < page.units.size(); ++i) {
      if (!is_running_text(page.units[i].kind)) continue;
      for (const Span& s : sentences[i]) {
        if (!in_target_language(ider.identify_by_word_lists(words[i], s, every_name, &memo), ider)) continue;
        collect_vocabulary(words[i], s, vocabulary);
        collect_names(words[i], s, page_names);
      }
    }
    // The source page's names are names on this page too, but not for a unit
    // that is its source text left untranslated: there they are its own
    // English words ("Cookie Policy" under "read our Cookie Policy").
    std::optional<NameSet> own_names;
    if (source_page) {
      own_names = page_names;
      for (const Unit& u : source_page->units)
        if (is_running_text(u.kind)) collect_names(mask_non_prose(u.text), page_names);
    }
    NameSet without_vocabulary = page_names;
    std::optional<NameSet> own_without_vocabulary = own_names;
    if (own_names) own_names->vocabulary = vocabulary.vocabulary;
    page_names.vocabulary = std::move(vocabulary.vocabulary);
    UrlLetters urls = url_letters(src.bytes());
    for (std::size_t i = 0; i < page.units.size(); ++i) {
      const Unit& u = page.units[i];
      // The unit's own names over the page's.
      bool untranslated = own_names && !pairs[i].empty() && pairs[i] == u.text;
      NameSet names;
      names.base = untranslated ? &*own_names : &page_names;
      // Capitalised words the source unit has too are names, unless the unit
      // is the source text itself, left untranslated.
      if (!pairs[i].empty() && pairs[i] != u.text) {
        std::string prose = mask_non_prose(pairs[i]);
        collect_names(prose, names);
        // A source heading's first word too: "Matrix gebruiken" / "Using Matrix".
        std::size_t b = prose.find_first_not_of(" \t\n");
        if (b != std::string::npos) {
          std::size_t e = prose.find_first_of(" \t\n,.:;!?", b);
          std::string first = prose.substr(b, e == std::string::npos ? std::string::npos : e - b);
          if (u.text.find(first) != std::string::npos && !first.empty() &&
              std::isupper(static_cast<unsigned char>(first[0])))
            names.words.insert(first);
        }
      }
      NameSet counted;
      counted.words = names.words;
      counted.base = untranslated ? &*own_without_vocabulary : &without_vocabulary;
      if (!ider.has_evidence(words[i], {0, words[i].text.size()}, counted, &memo)) continue;
      // A short Title Case label a translator kept as it is names something.
      if (!task.from_merge && pairs[i] == u.text && short_title(u.text)) continue;
      // A heading naming the site a URL on the page goes to: "Ask Ubuntu", askubuntu.com.
      if (urls.name_a_site(u.text)) continue;
      ++out.result.units;
      std::vector<TextFinding> found = find_in_prose(u.text, words[i], sentences[i], ider, names, &memo);
      if (found.empty() && u.kind == UnitKind::Heading)
        if (auto f = by_its_section(i, page, words, ider, names, memo)) found.push_back(*f);
      if (found.empty()) continue;
      const PoEntry* entry = task.from_merge && task.po ? task.po->find(u.text) : nullptr;
      bool counted_finding = false;
      for (const TextFinding& f : found) {
        Finding fd;
        fd.kind = f.whole ? FindingKind::Unit : FindingKind::Sentence;
        if (cites_a_work(std::string_view(u.text).substr(f.begin, f.end - f.begin), ider, names, memo))
          fd.kind = FindingKind::Cited;
        counted_finding |= fd.kind != FindingKind::Cited;
        fd.language = task.language;
        fd.found = f.found;
        fd.confidence = f.confidence;
        fd.path = task.path;
        fd.fragment = u.text.substr(f.begin, f.end - f.begin);
        LineCol lc = src.at(locate(src.bytes(), u.span, fd.fragment));
        fd.line = lc.line;
        fd.col = lc.col;
        fd.unit = unit_kind_name(u.kind);
        fd.text = u.text;
        fd.counterpart = pairs[i];
        fd.fix_path = entry ? entry->path : task.path;
        fd.fix_line = entry ? entry->line : fd.line;
        if (entry) fd.msgid = entry->msgid, fd.msgctxt = entry->msgctxt;
        out.findings.push_back(std::move(fd));
      }
      out.result.flagged += counted_finding;
    }
  } catch (const Error& e) {
    out.error = e.diagnostic();
  }
  return out;
}

struct CatalogOutcome {
  CatalogResult result;
  std::vector<Finding> findings;
  std::optional<Diagnostic> error;
};

// One PO entry: counted, and its msgstr checked for source-language text.
void check_message(const Message& m, const std::string& language, const std::string& path, const NameSet& glossary,
                   const LanguageIdentifier& ider, SentenceSplitter& splitter, IdentifyMemo& memo,
                   CatalogOutcome& out) {
  if (m.obsolete || m.msgid.empty()) return;
  ++out.result.messages;
  bool empty = m.msgstr.empty() || std::all_of(m.msgstr.begin(), m.msgstr.end(), [](auto& s) { return s.empty(); });
  if (empty) { ++out.result.untranslated; return; }
  if (m.fuzzy) { ++out.result.fuzzy; return; }
  ++out.result.translated;
  NameSet names = glossary;
  std::string id_prose = mask_non_prose(m.msgid);
  collect_names(id_prose, names);
  bool flagged = false;
  for (const std::string& msgstr : m.msgstr) {
    std::vector<TextFinding> found;
    FindingKind kind = FindingKind::PoMsgstr;
    if (msgstr == m.msgid) {
      Identification id = ider.identify(mask_non_prose(msgstr), names, &memo);
      bool translatable = id.language == ider.source() || (id.words >= 2 && !in_target_language(id, ider));
      if (translatable) found.push_back({0, msgstr.size(), id.language, id.confidence, true});
      kind = FindingKind::PoIdentical;
    } else {
      found = find_in_text(msgstr, ider, splitter, names, &memo);
    }
    for (const TextFinding& f : found) {
      Finding fd;
      fd.kind = f.whole ? kind : FindingKind::Sentence;
      fd.language = language;
      fd.found = f.found;
      fd.confidence = f.confidence;
      fd.path = path;
      fd.line = m.line;
      fd.col = 1;
      // TRANSLATORS: a translation in a PO file; "msgstr" is its keyword there.
      fd.unit = N_("msgstr");
      fd.fragment = msgstr.substr(f.begin, f.end - f.begin);
      fd.text = msgstr;
      fd.counterpart = m.msgid;
      fd.fix_path = path;
      fd.fix_line = m.line;
      fd.msgid = m.msgid;
      fd.msgctxt = m.msgctxt.value_or("");
      out.findings.push_back(std::move(fd));
      flagged = true;
    }
  }
  out.result.flagged += flagged;
}

// One catalog's messages are checked in slices on every core (a large site
// has one catalog of hundreds of thousands), each slice with its own
// sentence splitter and memo, and joined in order.
CatalogOutcome check_catalog(const std::string& language, const std::string& path, const std::string& fs_path,
                             const Config& cfg, const LanguageIdentifier& ider, int jobs) {
  constexpr std::size_t kSlice = 2048;
  CatalogOutcome out;
  out.result.language = language;
  out.result.path = path;
  try {
    Catalog cat = read_po(fs_path, path, PoContent::Translations);
    require_header_entry(cat, path);
    const NameSet glossary = glossary_names(cfg.glossary);
    std::vector<CatalogOutcome> slices((cat.messages.size() + kSlice - 1) / kSlice);
    parallel_for(slices.size(), jobs, [&](std::size_t slice) {
      CatalogOutcome& part = slices[slice];
      SentenceSplitter splitter(language);
      IdentifyMemo memo;
      for (std::size_t i = slice * kSlice; i < std::min(cat.messages.size(), (slice + 1) * kSlice); ++i)
        check_message(cat.messages[i], language, path, glossary, ider, splitter, memo, part);
    });
    for (CatalogOutcome& part : slices) {
      out.result.messages += part.result.messages;
      out.result.untranslated += part.result.untranslated;
      out.result.fuzzy += part.result.fuzzy;
      out.result.translated += part.result.translated;
      out.result.flagged += part.result.flagged;
      std::move(part.findings.begin(), part.findings.end(), std::back_inserter(out.findings));
    }
  } catch (const Error& e) {
    out.error = e.diagnostic();
  }
  return out;
}

PoIndex index_catalogs(const Config& cfg, const std::vector<std::string>& files, std::vector<Diagnostic>& errors) {
  PoIndex index;
  for (const std::string& rel : files) {
    try {
      Catalog cat = read_po(on_disk(cfg, rel), rel, PoContent::Translations);
      for (const Message& m : cat.messages) {
        if (m.obsolete || m.msgid.empty()) continue;
        PoEntry e{rel, m.line, m.msgid, m.msgctxt.value_or("")};
        index.by_msgid.emplace(m.msgid, e);
        if (!m.msgstr.empty() && !m.msgstr[0].empty()) index.by_msgstr.emplace(m.msgstr[0], e);
      }
    } catch (const Error& e) {
      errors.push_back(e.diagnostic());
    }
  }
  return index;
}

void sort_report(CheckReport& r) {
  std::stable_sort(r.findings.begin(), r.findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.language, a.path, a.line, a.col) < std::tie(b.language, b.path, b.line, b.col);
  });
}

// A worker takes what it keeps for the page's language and gives it back.
class WorkerPool {
 public:
  explicit WorkerPool(std::string language) : language_(std::move(language)) {}
  std::unique_ptr<PageWorker> take() {
    std::lock_guard lock(mutex_);
    if (free_.empty()) return std::make_unique<PageWorker>(language_);
    std::unique_ptr<PageWorker> worker = std::move(free_.back());
    free_.pop_back();
    return worker;
  }
  void give(std::unique_ptr<PageWorker> worker) {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(worker));
  }

 private:
  std::string language_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<PageWorker>> free_;
};

CheckReport run_tasks(const std::vector<PageTask>& tasks, const Config& cfg, bool site, const CheckOptions& options,
                      const std::vector<std::string>& languages) {
  CheckReport report;
  report.source_language = cfg.source;
  auto start = std::chrono::steady_clock::now();
  std::map<std::string, std::unique_ptr<LanguageIdentifier>> identifiers;
  for (const std::string& lang : languages)
    identifiers[lang] = std::make_unique<LanguageIdentifier>(lang, cfg.source, options.dict_dir);

  std::map<std::string, WorkerPool> pools;
  for (const std::string& lang : languages) pools.try_emplace(lang, lang);

  std::vector<PageCheck> outcomes(tasks.size());
  ProgressCounter progress(options.progress);
  progress.set_items(tasks.size());
  parallel_for(tasks.size(), options.jobs, [&](std::size_t i) {
    WorkerPool& pool = pools.at(tasks[i].language);
    std::unique_ptr<PageWorker> worker = pool.take();
    outcomes[i] = check_page(tasks[i], cfg, *identifiers.at(tasks[i].language), *worker);
    pool.give(std::move(worker));
    progress.tick();
  });
  for (auto& o : outcomes) {
    if (o.error) report.errors.push_back(*o.error);
    report.pages.push_back(std::move(o.result));
    for (auto& f : o.findings) report.findings.push_back(std::move(f));
  }
  if (site) {
    std::vector<std::pair<std::string, std::string>> catalogs;  // language, path
    for (const std::string& lang : languages)
      for (const std::string& p : language_catalogs(cfg, lang)) catalogs.emplace_back(lang, p);
    std::vector<CatalogOutcome> cats(catalogs.size());
    parallel_for(catalogs.size(), options.jobs, [&](std::size_t i) {
      const auto& [lang, p] = catalogs[i];
      cats[i] = check_catalog(lang, p, on_disk(cfg, p), cfg, *identifiers.at(lang), options.jobs);
    });
    for (auto& c : cats) {
      if (c.error) report.errors.push_back(*c.error);
      report.catalogs.push_back(std::move(c.result));
      for (auto& f : c.findings) report.findings.push_back(std::move(f));
    }
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sort_report(report);
  return report;
}

}  // namespace

std::size_t CheckReport::counted_findings() const {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.kind != FindingKind::Cited; }));
}

std::vector<LanguageSummary> CheckReport::summary() const {
  std::map<std::string, LanguageSummary> by;
  for (const PageResult& p : pages) {
    LanguageSummary& s = by[p.language];
    ++s.pages;
    s.units += p.units;
    s.flagged_units += p.flagged;
  }
  for (const CatalogResult& c : catalogs) {
    LanguageSummary& s = by[c.language];
    s.po_messages += c.messages;
    s.po_translated += c.translated;
    s.po_fuzzy += c.fuzzy;
    s.po_untranslated += c.untranslated;
    s.po_flagged += c.flagged;
  }
  for (const Finding& f : findings) ++(f.kind == FindingKind::Cited ? by[f.language].cited : by[f.language].findings);
  std::vector<LanguageSummary> out;
  for (auto& [lang, s] : by) {
    s.language = lang;
    out.push_back(s);
  }
  return out;
}

int CheckReport::units() const {
  int n = 0;
  for (const PageResult& p : pages) n += p.units;
  return n;
}

// Where a reviewer follows each finding to, from the site's `[report]`.
void add_links(const Config& cfg, CheckReport& report) {
  std::string base = site_base_url(cfg);
  for (Finding& f : report.findings) {
    if (!f.path.ends_with(".po")) f.page_url = page_url(cfg, base, f.language, f.path);
    f.fix_url = repository_url(cfg.links, f.fix_path, f.fix_line);
    if (f.fix_path.ends_with(".po")) {
      std::string domain = fs::path(f.fix_path).stem().string();
      f.weblate_url = weblate_url(cfg.links, f.language, domain, f.msgid, f.msgctxt);
    }
  }
}

CheckReport check_site(const Config& cfg, const CheckOptions& options) {
  std::vector<std::string> languages = chosen_languages(cfg, options.languages);
  std::vector<std::string> sources = source_pages(cfg);
  std::vector<PageTask> tasks;
  std::vector<Diagnostic> errors;
  std::map<std::string, std::unique_ptr<PoIndex>> indexes;
  for (const std::string& lang : languages) {
    indexes[lang] = std::make_unique<PoIndex>(index_catalogs(cfg, language_catalogs(cfg, lang), errors));
    std::set<std::string> manifest = read_manifest(cfg, lang).files;
    std::set<std::string> seen;
    for (const std::string& s : sources) {
      std::string t = target_path(cfg, s, lang);
      if (!readable_in_site(cfg, t)) continue;  // a symlink would show text from outside in the report
      seen.insert(t);
      tasks.push_back({lang, t, on_disk(cfg, t), s, on_disk(cfg, s),
                       manifest.count(t) > 0, indexes[lang].get()});
    }
    // Pages written by hand with no source page.
    if (cfg.layout == Layout::Directory) {
      fs::path dir = on_disk(cfg, cfg.target_dir_for(lang));
      std::error_code ec;
      std::vector<std::string> extra;
      if (inside_site(cfg, cfg.target_dir_for(lang)) && fs::is_directory(dir, ec))
        for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
          if (it->is_symlink() || !it->is_regular_file() || it->path().extension() != ".md") continue;
          std::string rel = it->path().lexically_relative(cfg.root).generic_string();
          if (!seen.count(rel)) extra.push_back(rel);
        }
      std::sort(extra.begin(), extra.end());
      for (const std::string& rel : extra)
        tasks.push_back({lang, rel, on_disk(cfg, rel), "", "", manifest.count(rel) > 0,
                         indexes[lang].get()});
    }
  }
  CheckReport report = run_tasks(tasks, cfg, true, options, languages);
  report.errors.insert(report.errors.begin(), errors.begin(), errors.end());
  add_links(cfg, report);
  return report;
}

CheckReport check_pages(const std::string& language, const std::vector<std::string>& paths, const CheckOptions& options,
                        const std::string& source_language) {
  Config cfg = config_for_language(source_language);
  std::vector<PageTask> tasks;
  CheckReport missing;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".md") found.push_back(it->path().generic_string());
      std::sort(found.begin(), found.end());
      for (const std::string& f : found) tasks.push_back({language, f, f, "", "", false, nullptr});
    } else if (fs::exists(p, ec)) {
      tasks.push_back({language, p, p, "", "", false, nullptr});
    } else {
      missing.errors.push_back({p, 0, 0, tr("no such file or directory")});
    }
  }
  CheckReport report = run_tasks(tasks, cfg, false, options, {language});
  report.errors.insert(report.errors.begin(), missing.errors.begin(), missing.errors.end());
  return report;
}

namespace {

[[noreturn]] void not_a_report(const std::string& path, const std::string& why) {
  throw Error(path, 0, 0, format(tr("not an l10n check report (%s)"), why.c_str()));
}

// A baseline of another shape (a PO file, "{}", an array) would accept no
// finding, or the wrong ones, without a word: only a JSON report of schema 1
// (docs/check-report.md) is one.
std::vector<DataLeaf> read_baseline(const std::string& path) {
  SourceText src = SourceText::load(path, path);
  std::vector<DataLeaf> leaves;
  try {
    leaves = parse_data(src, DataFormat::Json);
  } catch (const Error& e) {
    const Diagnostic& d = e.diagnostic();
    not_a_report(path, d.line > 0 ? format(tr("line %d: %s"), d.line, d.message.c_str()) : d.message);
  }
  auto top = [&](const char* key) -> const DataLeaf* {
    for (const DataLeaf& leaf : leaves)
      if (leaf.path.size() == 1 && leaf.path[0] == key) return &leaf;
    return nullptr;
  };
  const DataLeaf* tool = top("tool");
  if (!tool || tool->value != "l10n check") not_a_report(path, tr("no \"tool\": \"l10n check\" at the top"));
  const DataLeaf* schema = top("schema");
  if (!schema || schema->value != "1")
    not_a_report(path, format(tr("schema %s; this l10n reads schema 1"), schema ? schema->value.c_str() : "none"));
  for (const DataLeaf& leaf : leaves)
    if (!leaf.path.empty() && leaf.path[0] == "findings" && (leaf.path.size() < 2 || leaf.path[1] != "[]"))
      not_a_report(path, tr("\"findings\" is not a list"));
  return leaves;
}

}  // namespace

std::vector<Finding> subtract_baseline(const std::vector<Finding>& findings, const std::string& baseline_json_path) {
  std::vector<DataLeaf> leaves = read_baseline(baseline_json_path);
  // Accepted findings, keyed by path, language and fragment: line numbers
  // move when a page is edited, the fragment does not.
  std::multiset<std::tuple<std::string, std::string, std::string>> accepted;
  std::map<std::string, std::string> item;
  auto flush = [&] {
    if (item.count("path") && item.count("fragment"))
      accepted.emplace(item["path"], item["language"], item["fragment"]);
    item.clear();
  };
  for (const DataLeaf& leaf : leaves) {
    if (leaf.path.size() != 3 || leaf.path[0] != "findings" || leaf.path[1] != "[]") continue;
    const std::string& key = leaf.path[2];
    if (item.count(key)) flush();
    item[key] = leaf.value;
  }
  flush();
  std::vector<Finding> out;
  for (const Finding& f : findings) {
    auto it = accepted.find({f.path, f.language, f.fragment});
    if (it != accepted.end()) accepted.erase(it);
    else out.push_back(f);
  }
  return out;
}

}  // namespace l10n
