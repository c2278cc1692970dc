// Hugo's shortcode lexer phase: no crash on any input, and every call and
// parameter lies where it says, in order.
#include "fuzz.h"
#include "units/shortcode.h"

using namespace l10n;
using namespace l10n::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::optional<SourceText> src = page_text(data, size);
  if (!src) return 0;
  ShortcodeScan scan;
  try {
    scan = scan_shortcodes(*src, src->content_begin(), src->bytes().size());
  } catch (const Error&) {
    return 0;
  }
  std::size_t end = src->bytes().size(), last = 0;
  for (const Shortcode& call : scan.calls) {
    expect(span_within(call.span, last, end), "call out of order or out of the text");
    std::string_view bytes = src->bytes().substr(call.span.begin, call.span.size());
    expect(bytes.starts_with("{{<") || bytes.starts_with("{{%"), "call does not start with {{< or {{%");
    expect(bytes.ends_with(">}}") || bytes.ends_with("%}}"), "call does not end with >}} or %}}");
    for (const ShortcodeParam& p : call.params)
      expect(span_within(p.value_span, call.span.begin, call.span.end), "parameter value out of its call");
    last = call.span.end;
  }
  for (const Span& e : scan.escaped) expect(span_within(e, 0, end), "escaped call out of the text");
  return 0;
}
