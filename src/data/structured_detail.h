// Internals shared by the YAML, TOML and JSON readers behind structured.h.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "data/structured.h"

namespace l10n::detail {

// One step from the root to a leaf: a map key, or a sequence item (key "[]").
struct PathStep {
  std::string key;
  int index = -1;  // the item's index when key is "[]"
};

// A leaf at `path` whose scalar token is `span`; the reader fills in the rest.
DataLeaf make_leaf(const SourceText& src, const std::vector<PathStep>& path, Span span);

// The `# no-translate` comments of Warzone 2100 within `range`: a key whose
// line ends in `# no-translate`, and lines between `# begin: no-translate`
// and `# end: no-translate`, are not for translators.
class NoTranslateComments {
 public:
  NoTranslateComments(std::string_view bytes, Span range);
  bool fenced(std::size_t offset) const;
  // Does the line holding `from` end in a `# no-translate` comment that starts
  // at or after `from`? `from` is just past a key, or past a value on its line.
  bool trailing(std::size_t from) const;

 private:
  std::string_view bytes_;
  bool any_ = false;  // most files have none: skip the line scans
  std::vector<Span> fences_;
};

// 0-based code point columns of offsets visited mostly in increasing order,
// without rescanning long lines (minified JSON, long flow mappings).
class ColumnCursor {
 public:
  explicit ColumnCursor(const SourceText& src) : src_(src) {}
  int column(std::size_t offset);

 private:
  const SourceText& src_;
  std::size_t at_ = 0;
  int col_ = 0;
};

// The offset just past the UTF-8 character that starts at `offset`.
std::size_t next_char(std::string_view bytes, std::size_t offset);

// Readers of one format over `range` of `src`; leaves come in source order.
std::vector<DataLeaf> parse_yaml(const SourceText& src, Span range);
std::vector<DataLeaf> parse_toml(const SourceText& src, Span range);
std::vector<DataLeaf> parse_json(const SourceText& src, Span range);

// The offset just past the `}` matching the `{` at `open`, skipping strings;
// npos when the text ends first.
std::size_t json_object_end(std::string_view bytes, std::size_t open);

// Would YAML read this plain scalar as null, a boolean, a number or a date
// (YAML 1.1 and 1.2 core rules, as Go YAML decoders and PyYAML apply them)?
bool yaml_plain_is_typed(std::string_view text);

std::string encode_yaml(ScalarStyle preferred, std::string_view value, int indent, bool in_flow, int margin = 0);
std::string encode_toml(ScalarStyle preferred, std::string_view value);
std::string encode_json(std::string_view value);

}  // namespace l10n::detail
