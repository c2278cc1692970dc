// Hugo shortcode calls found in a page: the lexer phase that runs before the
// Markdown parser, as in Hugo itself, so that a call spanning lines (even one
// whose `>}}` starts a line) or sitting in a table is one token.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/source_text.h"

namespace l10n {

struct ShortcodeParam {
  std::string name;       // empty for a positional parameter
  int position = -1;      // 0-based index among positional parameters, -1 if named
  std::string value;      // decoded value (escapes of "…" resolved)
  Span value_span;        // the value's bytes without its quotes
  char quote = 0;         // '"', '\\' (Hugo's \"…\" form), '`' or 0 (bare)
};

struct Shortcode {
  Span span;              // the whole call, from `{{<` / `{{%` to `>}}` / `%}}`
  std::string name;       // "button", "rich-list"; without the leading '/'
  bool closing = false;   // {{< /name >}}
  bool self_closing = false;  // {{< name />}}
  bool markdown = false;  // {{% … %}} rather than {{< … >}}
  std::vector<ShortcodeParam> params;
  // Inline Go-template calls such as {{< (print "x") >}} are not supported by
  // Hugo either; the scanner rejects them.
};

struct ShortcodeScan {
  std::vector<Shortcode> calls;  // in source order
  // {{</* … */>}} and {{%/* … */%}}, delimiters included: literal text that
  // Hugo prints without the comment markers.
  std::vector<Span> escaped;
  // What lies between an inline shortcode ({{< name.inline >}}, Hugo's
  // enableInlineShortcodes) and its closing call: Go template code that Hugo
  // runs, never text to translate.
  std::vector<Span> inline_bodies;
};

// Scans text[begin, end) of `src` for shortcode calls. Throws Error naming
// file:line:col for an unclosed call (`{{<` without `>}}`), a closing call
// that matches no open one, a bad parameter (unterminated quote), named and
// positional parameters mixed in one call, and the like. A call that is never
// closed is fine: most shortcodes take no inner content. In a Fragment (a
// unit's text, a translation) a closing call may close one opened before it.
enum class ShortcodeText { Page, Fragment };
ShortcodeScan scan_shortcodes(const SourceText& src, std::size_t begin, std::size_t end,
                              ShortcodeText what = ShortcodeText::Page);

}  // namespace l10n
