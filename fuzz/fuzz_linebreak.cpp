// The PO writer's line breaks (po/linebreak.h) against libunistring's, on
// any UTF-8 text: the first two bytes are the width and the start column,
// the rest the text, with the overrides the writer passes (no break inside
// a character or an escape). width_linebreaks must give libunistring's
// answer, and any_linebreak, when it answers, whether that has a break.
#include <unilbrk.h>
#include <unistr.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "po/linebreak.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const int width = data[0] % 100, start = data[1] % 40;
  const std::string_view s(reinterpret_cast<const char*>(data + 2), size - 2);
  if (u8_check(data + 2, size - 2) != nullptr) return 0;  // the writer passes UTF-8
  std::vector<char> overrides(s.size(), UC_BREAK_UNDEFINED);
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xc0) == 0x80 || (i > 0 && s[i - 1] == '\\'))
      overrides[i] = UC_BREAK_PROHIBITED;
  std::vector<char> ours(s.size()), theirs(s.size());
  l10n::width_linebreaks(s, width, start, overrides.data(), ours.data());
  ulc_width_linebreaks(s.data(), s.size(), width, start, 0, overrides.data(), "UTF-8", theirs.data());
  if (ours != theirs) {
    std::fprintf(stderr, "width_linebreaks differs from libunistring (width %d, start %d)\n", width, start);
    std::abort();
  }
  if (const auto any = l10n::any_linebreak(s, width, start, overrides.data());
      any && *any != (std::find(theirs.begin(), theirs.end(), UC_BREAK_POSSIBLE) != theirs.end())) {
    std::fprintf(stderr, "any_linebreak says %d (width %d, start %d)\n", *any, width, start);
    std::abort();
  }
  return 0;
}
