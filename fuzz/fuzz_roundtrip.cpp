// The identity round trip of merge, on any page:
// - msgstr == msgid: merge keeps the source bytes of the unit, so the page
//   comes back byte for byte as long as the spans are in order, do not
//   overlap and lie in the page (checked);
// - the rewrite path: render_translation(u, u.text) spliced over every unit
//   reads back as the same units with the same msgids, and a one-line
//   Markdown unit or a shortcode parameter renders as its own source bytes.
// Pages the library cannot read must be rejected with an Error.
#include "fuzz.h"
#include "page.h"
#include "translation_check.h"

using namespace l10n;
using namespace l10n::fuzz;

namespace {

bool is_markdown_block(UnitKind k) {
  return k != UnitKind::FrontMatter && k != UnitKind::ShortcodeParam && k != UnitKind::StringTable &&
         k != UnitKind::SiteConfig;
}

std::string describe(const Unit& u) {
  return std::string(unit_kind_name(u.kind)) + " at line " + std::to_string(u.line) + " [" + u.text + "]";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::optional<SourceText> src = page_text(data, size);
  if (!src) return 0;
  const Config& cfg = config();
  Page page;
  try {
    page = read_page(*src, cfg);
  } catch (const Error&) {
    return 0;
  }
  std::string_view bytes = src->bytes();
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
    again = read_page(SourceText("fuzz.md", rewritten), cfg);
  } catch (const Error& e) {
    fail(std::string("the rewritten page is rejected: ") + e.what() + "\n" + rewritten);
  }
  expect(again.units.size() == page.units.size(),
         "the rewritten page has " + std::to_string(again.units.size()) + " units, not " +
             std::to_string(page.units.size()) + ":\n" + rewritten);
  for (std::size_t i = 0; i < page.units.size(); ++i)
    expect(again.units[i].text == page.units[i].text && again.units[i].kind == page.units[i].kind,
           "the rewritten page reads " + describe(again.units[i]) + " where the source had " + describe(page.units[i]));
  return 0;
}
