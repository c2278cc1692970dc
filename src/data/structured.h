// Front matter and Hugo data files (YAML, TOML, JSON) as a flat list of scalar
// leaves, each with the exact byte span of its value in the source, so that
// extraction can read the value and merge can replace it in place.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/source_text.h"

namespace l10n {

enum class DataFormat { Yaml, Toml, Json };

// What a data file's extension (.toml, .yaml/.yml, .json) says its format is.
std::optional<DataFormat> data_format_of(std::string_view path);

// How a scalar is written in the source; merge keeps the style when the
// translation can still be written in it.
enum class ScalarStyle {
  Plain,         // YAML plain, TOML bare value (numbers, booleans, dates)
  SingleQuoted,  // YAML '…', TOML literal '…'
  DoubleQuoted,  // YAML "…", TOML "…", JSON "…"
  Literal,       // YAML |, TOML ''' … '''
  Folded,        // YAML >, TOML """ … """ (multi-line basic)
};

struct DataLeaf {
  // Path segments: map keys, and "[]" for a sequence item; "menu", "main", "[]", "name".
  std::vector<std::string> path;
  std::string path_string;     // "menu.main[0].name", for comments and errors
  std::string value;           // decoded scalar value
  Span span;                   // the scalar token in the source, quotes/indicators included
  ScalarStyle style = ScalarStyle::Plain;
  bool is_string = true;       // false for numbers, booleans, null, dates
  bool no_translate = false;   // fenced off by `# no-translate` comments
  int line = 0;                // 1-based line of span.begin
  int indent = 0;              // column (0-based) of the key that owns the value, for block scalars
  int margin = 0;              // block scalars: the column of their content lines (0: not known)
                               // (of the `-` for a sequence item)
  bool in_flow = false;        // inside a YAML flow collection ([a, b], {k: v}): no block styles
  // Spaces a value rewritten in a flow style needs in front: a block scalar
  // whose `|` starts a line of its own at or left of its key's column.
  int lead = 0;
};

struct FrontMatter {
  DataFormat format = DataFormat::Yaml;
  Span block;                  // the whole front matter including delimiters and the final newline
  Span content;                // between the delimiter lines; for JSON the object itself
  std::vector<DataLeaf> leaves;
};

// Finds and parses front matter at the start of the page (after a BOM and,
// as Hugo allows, blank lines): `---` YAML (closed by `---` or `...`), `+++`
// TOML, or a JSON object. Returns nullopt when the page has none. Throws
// Error(file:line:col) for unterminated or unparsable front matter.
std::optional<FrontMatter> parse_front_matter(const SourceText& src);

// Parses a whole data file (site config, i18n string table).
std::vector<DataLeaf> parse_data(const SourceText& src, DataFormat format);
std::vector<DataLeaf> parse_data(const SourceText& src, DataFormat format, Span range);

// Does `pattern` ("title", "menu.*.name", "content_blocks[].heading.title")
// select `path`? `*` matches one key; "[]" matches any sequence item; `**`
// any number of steps, none included ("**.icon": an icon key at any depth).
// A pattern that names a sequence of strings ("tags") selects its items too.
bool path_matches(std::string_view pattern, const std::vector<std::string>& path);

// Where `text` must not be given to toml++ 3.3.0: a character TOML forbids
// outside strings and comments, or one on which toml++ runs into undefined
// behaviour (docs/upstream-toml++.md). Every toml::parse goes after this check.
struct TomlHazard {
  std::size_t offset;
  std::string message;
};
std::optional<TomlHazard> find_toml_hazard(std::string_view text);

// Writes `value` as a scalar of `format` that parses back to exactly `value`,
// in `preferred` style when that style can hold it, else the closest that can.
// `indent` is the key's column (DataLeaf::indent), for block styles, and
// `margin` the column its content had (DataLeaf::margin; 0 for indent + 2):
// lines after the value that ended it before must end it still. `in_flow`
// is DataLeaf::in_flow. The result replaces DataLeaf::span; block styles leave
// out the final line break, which the span does not cover either.
std::string encode_scalar(DataFormat format, ScalarStyle preferred, std::string_view value, int indent,
                          bool in_flow = false, int margin = 0, int lead = 0);

// The style merge writes `value` in over a scalar that had `source` style. A
// line break in a value that was on one line takes escapes: a block scalar
// would swallow what follows on that line (blanks, a comment).
ScalarStyle rewrite_style(ScalarStyle source, std::string_view value);

}  // namespace l10n
