// Front matter (YAML, TOML, JSON) and data files: no crash on any input;
// every leaf's span lies in the block; and a string value that merge would
// translate, written back as merge writes it (encode_scalar in
// rewrite_style) and spliced over its span, parses back to the same value.
#include "fuzz.h"
#include "units/markdown.h"
#include "data/structured.h"

using namespace l10n;
using namespace l10n::fuzz;

namespace {

void check_rewrites(const SourceText& src, const FrontMatter& fm) {
  std::size_t checked = 0;
  for (const DataLeaf& leaf : fm.leaves) {
    if (!leaf.is_string || !has_translatable_text(leaf.value) || ++checked > 8) continue;
    std::string bytes(src.bytes());
    std::string encoded =
        encode_scalar(fm.format, rewrite_style(leaf.style, leaf.value), leaf.value, leaf.indent, leaf.in_flow,
                      leaf.margin, leaf.lead);
    bytes.replace(leaf.span.begin, leaf.span.size(), encoded);
    std::optional<FrontMatter> again;
    try {
      again = parse_front_matter(SourceText("fuzz.md", bytes));
    } catch (const Error& e) {
      fail("rewriting " + leaf.path_string + " as [" + encoded + "] breaks the front matter: " + e.what());
    }
    expect(again.has_value(), "rewriting " + leaf.path_string + " removes the front matter");
    bool found = false;
    // A flow scalar written over a block scalar's header may start after a lead.
    std::size_t begin = leaf.span.begin + std::min(encoded.find_first_not_of(' '), encoded.size());
    for (const DataLeaf& other : again->leaves)
      if (other.path_string == leaf.path_string && other.span.begin == begin) {
        expect(other.value == leaf.value, "rewriting " + leaf.path_string + " as [" + encoded + "] reads back as [" +
                                              other.value + "], not [" + leaf.value + "]");
        found = true;
      }
    expect(found, "rewriting " + leaf.path_string + " as [" + encoded + "] loses the key");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::optional<SourceText> src = page_text(data, size);
  if (!src) return 0;
  std::optional<FrontMatter> fm;
  try {
    fm = parse_front_matter(*src);
  } catch (const Error&) {
    return 0;
  }
  if (!fm) return 0;
  expect(span_within(fm->block, 0, src->bytes().size()), "front matter block out of the page");
  expect(span_within(fm->content, fm->block.begin, fm->block.end), "front matter content out of its block");
  for (const DataLeaf& leaf : fm->leaves)
    expect(span_within(leaf.span, fm->content.begin, fm->content.end), "leaf " + leaf.path_string + " out of the block");
  check_rewrites(*src, *fm);
  return 0;
}
