// Markdown units: no crash on any body; units are in order, do not overlap,
// lie in the body, and their references name the right line.
#include "fuzz.h"
#include "units/markdown.h"
#include "units/shortcode.h"

using namespace l10n;
using namespace l10n::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::optional<SourceText> src = page_text(data, size);
  if (!src) return 0;
  Span body{src->content_begin(), src->bytes().size()};
  std::vector<Unit> units;
  try {
    ShortcodeScan scan = scan_shortcodes(*src, body.begin, body.end);
    units = markdown_units(*src, body, scan);
  } catch (const Error&) {
    return 0;
  }
  std::size_t last = body.begin;
  for (const Unit& u : units) {
    expect(span_within(u.span, last, body.end), std::string(unit_kind_name(u.kind)) + " unit at " + std::to_string(u.span.begin) + "-" +
                                                    std::to_string(u.span.end) + " out of order or out of the body (last end " +
                                                    std::to_string(last) + "): [" + u.text + "]");
    expect(u.line == src->lines().line(u.span.begin), "unit line is not the line of its span");
    expect(!u.text.empty(), "empty msgid");
    last = u.span.end;
  }
  return 0;
}
