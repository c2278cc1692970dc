// The identity round trip of extract and merge, on any page:
// - the pipeline itself: the page alone in a site, `extract`, every msgstr
//   set to its msgid, `merge`: the translated page is the source page byte
//   for byte, with no refusal;
// - the rewrite path merge takes for a real translation:
//   render_translation(u, u.text) spliced over every unit reads back as the
//   same units with the same msgids, and a one-line Markdown unit or a
//   shortcode parameter renders as its own source bytes.
// Pages the library cannot read must be rejected with an Error, by read_page
// and by extract alike.
#include <filesystem>
#include <unistd.h>

#include "commands/extract.h"
#include "fuzz.h"
#include "commands/merge.h"
#include "units/page.h"
#include "units/translation_guard.h"
#include "base/files.h"
#include "po/reader.h"
#include "po/writer.h"

using namespace l10n;
using namespace l10n::fuzz;
namespace fs = std::filesystem;

namespace {

bool is_markdown_block(UnitKind k) {
  return k != UnitKind::FrontMatter && k != UnitKind::ShortcodeParam && k != UnitKind::StringTable &&
         k != UnitKind::SiteConfig;
}

std::string describe(const Unit& u) {
  return std::string(unit_kind_name(u.kind)) + " at line " + std::to_string(u.line) + " [" + u.text + "]";
}

// A site of this process's own, content/en/page.md and nothing else; it goes
// when the fuzzer exits.
struct Site {
  Config cfg;
  Site() : cfg(config()) {
    cfg.root = "/tmp/l10n-fuzz-site." + std::to_string(::getpid());
    cfg.source_dir = "content/en";
    cfg.target_dir = "content/{lang}";
    cfg.layout = Layout::Directory;
    cfg.keep = 0;
    fs::remove_all(cfg.root);
    fs::create_directories(cfg.root + "/content/en");
  }
  ~Site() { fs::remove_all(cfg.root); }
};

void check_pipeline(std::string_view bytes) {
  static Site site;
  const Config& cfg = site.cfg;
  // Each input starts from no catalog and no translation, as a new site
  // would: the result depends on the input alone.
  fs::remove_all(cfg.root + "/po");
  fs::remove_all(cfg.root + "/content/nl");
  write_file_atomic(cfg.root + "/content/en/page.md", bytes);
  ExtractOptions extract_options;
  extract_options.jobs = 1;
  extract_options.keep_obsolete = false;
  ExtractReport extracted = run_extract(cfg, extract_options);
  if (!extracted.errors.empty()) fail("extract rejects a page read_page reads: " + extracted.errors[0].str());

  std::string po = cfg.root + "/po/nl/content.po";
  Catalog cat = read_po(po, "po/nl/content.po");
  for (Message& m : cat.messages) m.msgstr = {m.msgid};
  write_po(po, cat);

  MergeOptions merge_options;
  merge_options.jobs = 1;
  MergeReport merged = run_merge(cfg, merge_options);
  if (!merged.errors.empty()) fail("merge fails: " + merged.errors[0].str());
  if (!merged.refusals.empty()) fail("merge refuses a msgstr equal to its msgid: " + merged.refusals[0].reason);
  expect(merged.pages.size() == 1 && merged.pages[0].target == "content/nl/page.md",
         "merge does not write content/nl/page.md");
  std::string out = read_file(cfg.root + "/content/nl/page.md", "content/nl/page.md");
  expect(out == bytes, "the identity translation gives back another page:\n" + out);
}

void check_rewrite(const SourceText& src, const Page& page) {
  std::string_view bytes = src.bytes();
  std::string rewritten;
  std::size_t pos = 0;
  for (const Unit& u : page.units) {
    expect(span_within(u.span, pos, bytes.size()), "units overlap or leave the page: " + describe(u));
    std::string_view original = bytes.substr(u.span.begin, u.span.size());
    std::string rendered = render_translation(u, u.text);
    bool one_line = original.find('\n') == std::string_view::npos;
    if ((is_markdown_block(u.kind) && one_line) || u.kind == UnitKind::ShortcodeParam)
      expect(rendered == original, "renders as [" + rendered + "], not its source bytes: " + describe(u));
    rewritten.append(bytes.substr(pos, u.span.begin - pos)).append(rendered);
    pos = u.span.end;
  }
  rewritten.append(bytes.substr(pos));

  Page again;
  try {
    again = read_page(SourceText("fuzz.md", rewritten), config());
  } catch (const Error& e) {
    fail(std::string("the rewritten page is rejected: ") + e.what() + "\n" + rewritten);
  }
  expect(again.units.size() == page.units.size(),
         "the rewritten page has " + std::to_string(again.units.size()) + " units, not " +
             std::to_string(page.units.size()) + ":\n" + rewritten);
  for (std::size_t i = 0; i < page.units.size(); ++i)
    expect(again.units[i].text == page.units[i].text && again.units[i].kind == page.units[i].kind,
           "the rewritten page reads " + describe(again.units[i]) + " where the source had " + describe(page.units[i]));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::optional<SourceText> src = page_text(data, size);
  if (!src) return 0;
  Page page;
  try {
    page = read_page(*src, config());
  } catch (const Error&) {
    return 0;
  }
  check_rewrite(*src, page);
  check_pipeline(src->bytes());
  return 0;
}
