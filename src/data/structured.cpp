#include "data/structured.h"

#include <algorithm>

#include "base/error.h"
#include "base/tr.h"
#include "data/structured_detail.h"

namespace l10n {

std::optional<DataFormat> data_format_of(std::string_view path) {
  std::size_t slash = path.rfind('/');
  std::string_view name = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  std::size_t dot = name.rfind('.');
  std::string_view ext = dot == std::string_view::npos || dot == 0 ? std::string_view() : name.substr(dot);
  if (ext == ".toml") return DataFormat::Toml;
  if (ext == ".yaml" || ext == ".yml") return DataFormat::Yaml;
  if (ext == ".json") return DataFormat::Json;
  return std::nullopt;
}

namespace detail {

DataLeaf make_leaf(const SourceText& src, const std::vector<PathStep>& path, Span span) {
  DataLeaf leaf;
  leaf.path.reserve(path.size());
  for (const PathStep& step : path) {
    leaf.path.push_back(step.key);
    if (step.index >= 0) {
      leaf.path_string += '[' + std::to_string(step.index) + ']';
    } else {
      if (!leaf.path_string.empty()) leaf.path_string += '.';
      leaf.path_string += step.key;
    }
  }
  leaf.span = span;
  leaf.line = src.lines().line(span.begin);
  return leaf;
}

int ColumnCursor::column(std::size_t offset) {
  std::string_view bytes = src_.bytes();
  std::size_t line_begin = src_.lines().line_start(src_.lines().line(offset));
  if (offset < at_ || at_ < line_begin) {
    at_ = line_begin;
    col_ = 0;
  }
  while (at_ < offset) {
    at_ = next_char(bytes, at_);
    ++col_;
  }
  return col_;
}

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// The line [begin, end) without its line break and surrounding blanks.
std::string_view trimmed_line(std::string_view bytes, std::size_t begin, std::size_t end) {
  while (begin < end && is_blank(bytes[begin])) ++begin;
  while (end > begin && (is_blank(bytes[end - 1]) || bytes[end - 1] == '\r' || bytes[end - 1] == '\n')) --end;
  return bytes.substr(begin, end - begin);
}

}  // namespace

NoTranslateComments::NoTranslateComments(std::string_view bytes, Span range) : bytes_(bytes) {
  any_ = bytes.substr(range.begin, range.size()).find("no-translate") != std::string_view::npos;
  if (!any_) return;
  std::size_t open = std::string_view::npos;
  for (std::size_t line = range.begin; line < range.end;) {
    std::size_t eol = bytes.find('\n', line);
    std::size_t next = eol == std::string_view::npos || eol >= range.end ? range.end : eol + 1;
    std::string_view text = trimmed_line(bytes, line, next);
    if (open == std::string_view::npos && text == "# begin: no-translate") {
      open = line;
    } else if (open != std::string_view::npos && text == "# end: no-translate") {
      fences_.push_back({open, next});
      open = std::string_view::npos;
    }
    line = next;
  }
  // An unclosed fence runs to the end, as the Warzone 2100 scripts read it.
  if (open != std::string_view::npos) fences_.push_back({open, range.end});
}

bool NoTranslateComments::fenced(std::size_t offset) const {
  for (const Span& f : fences_)
    if (offset >= f.begin && offset < f.end) return true;
  return false;
}

bool NoTranslateComments::trailing(std::size_t from) const {
  if (!any_) return false;
  std::size_t eol = bytes_.find('\n', from);
  if (eol == std::string_view::npos) eol = bytes_.size();
  std::string_view rest = trimmed_line(bytes_, from, eol);
  constexpr std::string_view kMark = "no-translate";
  if (rest.size() <= kMark.size() || rest.substr(rest.size() - kMark.size()) != kMark) return false;
  std::size_t hash = rest.size() - kMark.size();
  while (hash > 0 && is_blank(rest[hash - 1])) --hash;
  if (hash == 0 || rest[hash - 1] != '#') return false;
  // A `#` glued to a value is part of it, not a comment.
  std::size_t at = static_cast<std::size_t>(rest.data() - bytes_.data()) + hash - 1;
  return at > 0 && is_blank(bytes_[at - 1]);
}

std::size_t next_char(std::string_view bytes, std::size_t offset) {
  auto c = static_cast<unsigned char>(bytes[offset]);
  std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return std::min(offset + len, bytes.size());
}

}  // namespace detail

namespace {

bool is_blank_or_break(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The offset past the line break ending the line that holds `offset`, or the end of the text.
std::size_t next_line(std::string_view s, std::size_t offset) {
  std::size_t eol = s.find('\n', offset);
  return eol == std::string_view::npos ? s.size() : eol + 1;
}

// Is the line at `offset` exactly `delim`, maybe followed by blanks?
bool is_delimiter_line(std::string_view s, std::size_t offset, std::string_view delim) {
  if (s.substr(offset, delim.size()) != delim) return false;
  for (std::size_t i = offset + delim.size(); i < s.size() && s[i] != '\n'; ++i)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
  return true;
}

FrontMatter delimited_front_matter(const SourceText& src, std::size_t open, DataFormat format) {
  std::string_view s = src.bytes();
  std::string_view delim = format == DataFormat::Yaml ? "---" : "+++";
  std::size_t content_begin = next_line(s, open);
  for (std::size_t line = content_begin; line < s.size(); line = next_line(s, line)) {
    if (is_delimiter_line(s, line, delim) || (format == DataFormat::Yaml && is_delimiter_line(s, line, "..."))) {
      FrontMatter fm;
      fm.format = format;
      fm.block = {open, next_line(s, line)};
      fm.content = {content_begin, line};
      fm.leaves = parse_data(src, format, fm.content);
      return fm;
    }
  }
  src.fail(open, l10n::format(tr("unterminated %s front matter: no closing '%s'"),
                              format == DataFormat::Yaml ? "YAML" : "TOML", std::string(delim).c_str()));
}

}  // namespace

std::optional<FrontMatter> parse_front_matter(const SourceText& src) {
  std::string_view s = src.bytes();
  std::size_t p = src.content_begin();
  while (p < s.size() && is_blank_or_break(s[p])) ++p;
  if (p == s.size()) return std::nullopt;
  if (is_delimiter_line(s, p, "---")) return delimited_front_matter(src, p, DataFormat::Yaml);
  if (is_delimiter_line(s, p, "+++")) return delimited_front_matter(src, p, DataFormat::Toml);
  // "{{<" opens a shortcode call, not a JSON object.
  if (s[p] != '{' || s.substr(p, 2) == "{{") return std::nullopt;

  std::size_t end = detail::json_object_end(s, p);
  if (end == std::string_view::npos) src.fail(p, tr("unterminated JSON front matter: no closing '}'"));
  FrontMatter fm;
  fm.format = DataFormat::Json;
  fm.block = {p, next_line(s, end)};
  fm.content = {p, end};
  fm.leaves = detail::parse_json(src, fm.content);
  return fm;
}

std::vector<DataLeaf> parse_data(const SourceText& src, DataFormat format) {
  return parse_data(src, format, Span{src.content_begin(), src.bytes().size()});
}

std::vector<DataLeaf> parse_data(const SourceText& src, DataFormat format, Span range) {
  switch (format) {
    case DataFormat::Yaml: return detail::parse_yaml(src, range);
    case DataFormat::Toml: return detail::parse_toml(src, range);
    case DataFormat::Json: return detail::parse_json(src, range);
  }
  return {};
}

namespace {

// Steps through a path pattern one segment at a time: "a[].b" gives "a", "[]", "b".
class PatternSteps {
 public:
  explicit PatternSteps(std::string_view pattern) : rest_(pattern) {}

  bool next(std::string_view& step) {
    if (rest_.empty()) return false;
    if (rest_.substr(0, 2) == "[]") {
      step = rest_.substr(0, 2);
      rest_.remove_prefix(2);
    } else {
      std::size_t end = rest_.find_first_of(".[");
      step = rest_.substr(0, end);
      rest_.remove_prefix(end == std::string_view::npos ? rest_.size() : end);
    }
    if (!rest_.empty() && rest_.front() == '.') rest_.remove_prefix(1);
    return true;
  }

 private:
  std::string_view rest_;
};

}  // namespace

bool path_matches(std::string_view pattern, const std::vector<std::string>& path) {
  std::vector<std::string_view> steps;
  PatternSteps walk(pattern);
  for (std::string_view step; walk.next(step);) steps.push_back(step);
  // rest[j]: do the steps from `i` on match path[j..]? Built from the last
  // step back, so a pattern of many "**" stays steps x path.
  std::vector<char> rest(path.size() + 1), next(path.size() + 1);
  // No step left: what remains must be sequence items (a pattern naming a
  // sequence selects its items).
  rest[path.size()] = true;
  for (std::size_t j = path.size(); j-- > 0;) rest[j] = rest[j + 1] && path[j] == "[]";
  for (std::size_t i = steps.size(); i-- > 0;) {
    std::string_view step = steps[i];
    next[path.size()] = step == "**" && rest[path.size()];
    for (std::size_t j = path.size(); j-- > 0;) {
      if (step == "**") next[j] = rest[j] || next[j + 1];  // no key, or one more
      else next[j] = (step == "*" ? path[j] != "[]" : step == path[j]) && rest[j + 1];
    }
    rest.swap(next);
  }
  return rest[0];
}

std::string encode_scalar(DataFormat format, ScalarStyle preferred, std::string_view value, int indent,
                          bool in_flow, int margin, int lead) {
  if (auto bad = find_invalid_utf8(value); bad != std::string_view::npos)
    throw Error("", 0, 0, l10n::format(tr("cannot encode a value that is not valid UTF-8 (byte %zu)"), static_cast<std::size_t>(bad)));
  switch (format) {
    case DataFormat::Yaml: {
      std::string out = detail::encode_yaml(preferred, value, indent, in_flow, margin);
      return out.starts_with('|') || out.starts_with('>') ? out : std::string(static_cast<std::size_t>(lead), ' ') + out;
    }
    case DataFormat::Toml: return detail::encode_toml(preferred, value);
    case DataFormat::Json: return detail::encode_json(value);
  }
  return {};
}

ScalarStyle rewrite_style(ScalarStyle source, std::string_view value) {
  bool block = source == ScalarStyle::Literal || source == ScalarStyle::Folded;
  return !block && value.find('\n') != std::string_view::npos ? ScalarStyle::DoubleQuoted : source;
}

}  // namespace l10n
