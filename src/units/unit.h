// A translatable unit: one msgid's worth of a page, with where it came from,
// so extract can reference it and merge can put a translation in its place.
#pragma once

#include <string>
#include <vector>

#include "base/source_text.h"
#include "data/structured.h"

namespace l10n {

enum class UnitKind {
  FrontMatter,     // a front matter value
  Heading,
  Paragraph,
  ListItem,        // a paragraph inside a list item
  BlockQuote,      // a paragraph inside a block quote
  TableCell,
  ImageAlt,        // alt text of an image standing alone in its paragraph
  ImageTitle,      // title of such an image
  ShortcodeParam,  // a text parameter of a shortcode call
  StringTable,     // an entry of Hugo's i18n/<lang>.* string table
  SiteConfig,      // site title, menu names in the site config
  DataFile,        // a value of a configured file under data/
};

struct Unit {
  UnitKind kind = UnitKind::Paragraph;
  std::string text;      // the msgid
  Span span;             // the bytes a translation replaces
  int line = 0;          // 1-based line of span.begin, for "#:" references
  std::string comment;   // the "#." comment saying what the unit is
  std::string context;   // msgctxt; empty for none
  // Markdown blocks: what starts each continuation line inside the block's
  // container ("> ", "   ") when a translation spans several lines.
  std::string line_prefix;
  bool has_shortcodes = false;  // the text holds shortcode calls to keep verbatim
  // Structured values (front matter, data files): how to write a translation back.
  DataFormat format = DataFormat::Yaml;
  ScalarStyle style = ScalarStyle::Plain;
  int indent = 0;
  int margin = 0;        // block scalars: the column of their content in the source
  bool in_flow = false;  // inside a YAML [..] or {..} collection
  int lead = 0;          // DataLeaf::lead
};

const char* unit_kind_name(UnitKind kind);

}  // namespace l10n
