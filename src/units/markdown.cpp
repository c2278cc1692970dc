#include "units/markdown.h"

#include <algorithm>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <cmark-gfm/chunk.h>
#include <memory>
#include <mutex>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "base/error.h"
#include "base/tr.h"

namespace l10n {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Sorted spans of shortcode calls, escaped calls and inline bodies, for "is this range only
// shortcodes?" and "does this range hold one?".
class ShortcodeSpans {
 public:
  explicit ShortcodeSpans(const ShortcodeScan& scan) {
    for (const auto& c : scan.calls) spans_.push_back(c.span);
    for (const auto& e : scan.escaped) spans_.push_back(e);
    // Masked like a call, as Hugo replaces the whole inline shortcode with
    // one placeholder: template code is never a paragraph of its own.
    for (const auto& b : scan.inline_bodies) spans_.push_back(b);
    std::sort(spans_.begin(), spans_.end(), [](Span a, Span b) { return a.begin < b.begin; });
  }
  const std::vector<Span>& all() const { return spans_; }

  // The span containing `offset`, or nullptr.
  const Span* containing(std::size_t offset) const {
    auto it = std::upper_bound(spans_.begin(), spans_.end(), offset,
                               [](std::size_t o, Span s) { return o < s.begin; });
    if (it == spans_.begin()) return nullptr;
    --it;
    return offset < it->end ? &*it : nullptr;
  }
  bool any_within(std::size_t begin, std::size_t end) const {
    auto it = std::lower_bound(spans_.begin(), spans_.end(), begin,
                               [](Span s, std::size_t o) { return s.begin < o; });
    return it != spans_.end() && it->begin < end;
  }
  // Is every non-blank byte of text[begin, end) inside a call?
  bool only_shortcodes(std::string_view text, std::size_t begin, std::size_t end) const {
    bool any = false;
    for (std::size_t i = begin; i < end;) {
      if (is_space(text[i]) || text[i] == '\r' || text[i] == '\n') { ++i; continue; }
      const Span* s = containing(i);
      if (!s) return false;
      any = true;
      i = s->end;
    }
    return any;
  }

 private:
  std::vector<Span> spans_;
};

struct CmarkDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

// The units come from block nodes alone, but cmark-gfm parses the inlines
// of every paragraph, heading and cell, most of its time on a page. Inline
// extensions are asked at every character no built-in rule takes; this one
// takes the rest of the text as one empty text node, so that no inline work
// is done past a block's first such character. Block structure and source
// positions are settled before inlines are parsed, so they stay as they were.
cmark_node* skip_inlines(cmark_syntax_extension*, cmark_parser*, cmark_node*, unsigned char,
                         cmark_inline_parser* inline_parser) {
  cmark_inline_parser_set_offset(inline_parser, cmark_inline_parser_get_chunk(inline_parser)->len);
  return cmark_node_new(CMARK_NODE_TEXT);
}

cmark_syntax_extension* inline_skipper() {
  cmark_syntax_extension* ext = cmark_syntax_extension_new("l10n-skip-inlines");
  cmark_syntax_extension_set_match_inline_func(ext, skip_inlines);
  return ext;
}

cmark_node* parse_markdown(std::string_view text) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  // Made once and never changed, like the registered core extensions.
  static cmark_syntax_extension* const skipper = inline_skipper();
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  if (cmark_syntax_extension* table = cmark_find_syntax_extension("table"))
    cmark_parser_attach_syntax_extension(parser, table);
  cmark_parser_attach_syntax_extension(parser, skipper);
  cmark_parser_feed(parser, text.data(), text.size());
  cmark_node* doc = cmark_parser_finish(parser);
  cmark_parser_free(parser);
  return doc;
}

// A line of a block: content bytes [begin, end) as absolute offsets, the
// line's own end (before "\r\n"/"\n") and where the line starts.
struct BlockLine {
  std::size_t line_start, begin, end;
};

// A line holding nothing but container markers: blank inside its block quote.
bool is_blank_in_container(std::string_view line) { return line.find_first_not_of(" \t\r>") == std::string_view::npos; }

std::string_view type_of(cmark_node* node) { return cmark_node_get_type_string(node); }

bool is_block(cmark_node* node) {
  return (cmark_node_get_type(node) & CMARK_NODE_TYPE_MASK) == (CMARK_NODE_TYPE_BLOCK & CMARK_NODE_TYPE_MASK);
}

// Every block under `root`, in document order, without entering the inline
// nodes of paragraphs, headings and cells (most of the tree, and none of
// them a unit): cmark's iterator would visit each twice. Without recursion,
// so that deep nesting cannot exhaust the stack.
template <class Visit>
void for_each_block(cmark_node* root, Visit visit) {
  cmark_node* n = cmark_node_first_child(root);
  while (n) {
    visit(n);
    if (cmark_node* child = cmark_node_first_child(n); child && is_block(child)) {
      n = child;
      continue;
    }
    while (n != root && !cmark_node_next(n)) n = cmark_node_parent(n);
    n = n == root ? nullptr : cmark_node_next(n);
  }
}

int next_column(int col, char c) { return c == '\t' ? (col / 4 + 1) * 4 : col + 1; }

// A line's indentation: where it starts (after the block-quote markers and
// the space each may take), where it ends, and its width in columns.
struct Indent {
  std::size_t begin, end;
  int columns;
};
Indent indentation(std::string_view line) {
  std::size_t end = std::min(line.find_first_not_of(" \t>"), line.size());
  std::size_t quote = line.substr(0, end).rfind('>');
  std::size_t begin = quote == std::string_view::npos ? 0 : quote + 1;
  if (quote != std::string_view::npos && begin < end && line[begin] == ' ') ++begin;
  int columns = 0;
  for (std::size_t i = begin; i < end; ++i) columns = next_column(columns, line[i]);
  return {begin, end, columns};
}

// Walks one page body: `text` is the masked body, offsets are absolute.
class BodyWalker {
 public:
  BodyWalker(const SourceText& src, Span body, const ShortcodeScan& scan)
      : src_(src), body_(body), spans_(scan) {
    masked_.assign(src.bytes().substr(body.begin, body.size()));
    for (Span s : spans_.all())
      for (std::size_t i = std::max(s.begin, body.begin); i < std::min(s.end, body.end); ++i)
        masked_[i - body.begin] = 'x';
  }

  // cmark-gfm loses the source positions of a paragraph and of the table
  // header row that directly follows it (no blank line between, as pages
  // written by hugo-gettext have): the paragraph comes back at line 0. The
  // parser's copy of the text then gets a blank line (with the header row's
  // quote markers, so the container goes on) before each such header row,
  // until no position is lost; src_pos() maps positions back. Every insertion
  // separates two lines that were not blank, so this ends; a pass or two
  // does for any real page, and a page that would take more (each parse
  // showing one more table that lost its place, as nested quotes and lists
  // can) is refused at that table rather than parsed again and again.
  std::unique_ptr<cmark_node, CmarkDeleter> parse() {
    constexpr int kMaxPasses = 8;
    for (int pass = 1;; ++pass) {
      std::unique_ptr<cmark_node, CmarkDeleter> doc(parse_markdown(masked_));
      LineIndex lines = inserted_.empty() ? masked_lines() : LineIndex(masked_);
      auto line_text = [&](int ln) {
        std::size_t b = lines.line_start(ln);
        std::size_t e = ln < lines.line_count() ? lines.line_start(ln + 1) - 1 : masked_.size();
        return std::string_view(masked_).substr(b, e - b);
      };
      std::vector<int> headers = lost_header_rows(doc.get());
      std::erase_if(headers, [&](int ln) {
        return ln < 2 || ln > lines.line_count() || is_blank_in_container(line_text(ln - 1));
      });
      if (headers.empty()) {
        masked_lines_ = std::make_unique<LineIndex>(std::move(lines));
        return doc;
      }
      if (pass == kMaxPasses) {
        std::size_t at = src_pos(body_.begin + lines.line_start(headers.front()));
        LineCol lc = src_.at(at);
        throw Error(src_.path(), lc.line, lc.col,
                    tr("this table follows text without a blank line in a way that cannot be placed; put a blank "
                       "line before its header row"));
      }
      for (auto it = headers.rbegin(); it != headers.rend(); ++it) {
        std::string_view header = line_text(*it);
        std::size_t quote = header.substr(0, header.find_first_not_of(" \t>")).rfind('>');
        std::string blank = quote == std::string_view::npos ? "\n" : std::string(header.substr(0, quote + 1)) + "\n";
        std::size_t start = lines.line_start(*it);
        if (*it < lines.line_count()) lead_with_pipe(start, header, line_text(*it + 1));
        insert(start, blank);
      }
    }
  }

  // The lines of the masked copy before any insertion, from the source's:
  // its line breaks are the body's, less those inside a masked span.
  LineIndex masked_lines() const {
    const LineIndex& lines = src_.lines();
    std::vector<std::size_t> starts{0};
    auto span = spans_.all().begin(), spans_end = spans_.all().end();
    for (int ln = lines.line(body_.begin) + 1; ln <= lines.line_count(); ++ln) {
      std::size_t line_break = lines.line_start(ln) - 1;
      while (span != spans_end && span->end <= line_break) ++span;
      if (span != spans_end && span->begin <= line_break) continue;
      starts.push_back(line_break + 1 - body_.begin);
    }
    return LineIndex(masked_, std::move(starts));
  }

  // Masked-copy lines of the header rows of tables whose paragraph before
  // them lost its position, in order.
  static std::vector<int> lost_header_rows(cmark_node* doc) {
    std::vector<int> rows;
    for_each_block(doc, [&](cmark_node* node) {
      cmark_node* prev = cmark_node_previous(node);
      if (!prev || cmark_node_get_type(prev) != CMARK_NODE_PARAGRAPH || cmark_node_get_start_line(prev) > 0 ||
          type_of(node) != "table")
        return;
      // The header row's own position is lost too: it is the line before the
      // delimiter row, which is the line before the first body row.
      cmark_node* header = cmark_node_first_child(node);
      cmark_node* body = header ? cmark_node_next(header) : nullptr;
      int delimiter = body ? cmark_node_get_start_line(body) - 1 : cmark_node_get_end_line(node);
      rows.push_back(delimiter - 1);
    });
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
  }

  // A header row that was a lazy continuation line may be indented four
  // columns deeper than its delimiter row: after the blank line it would be
  // an indented code block. The row's optional leading '|' then goes at the
  // delimiter row's column, in its indentation: the same length, so no
  // position moves, and the same cells.
  void lead_with_pipe(std::size_t row_start, std::string_view row, std::string_view delimiter) {
    Indent h = indentation(row), d = indentation(delimiter);
    if (h.columns < d.columns + 4) return;
    std::size_t at = h.begin;
    for (int col = 0; col < d.columns; ++at) col = next_column(col, row[at]);
    char* p = masked_.data() + row_start;
    if (h.end < row.size() && row[h.end] == '|') std::copy_backward(p + at, p + h.end, p + h.end + 1);
    p[at] = '|';
  }

  void insert(std::size_t at, const std::string& bytes) {
    masked_.insert(at, bytes);
    for (Insertion& i : inserted_)
      if (i.at >= at) i.at += bytes.size();
    auto pos = std::lower_bound(inserted_.begin(), inserted_.end(), at,
                                [](const Insertion& i, std::size_t a) { return i.at < a; });
    inserted_.insert(pos, {at, bytes.size()});
  }

  // A position in the parser's copy -> the same position in the source; the
  // inserted bytes map to the start of the line they were put before.
  std::size_t src_pos(std::size_t abs) const {
    std::size_t rel = abs - body_.begin, shift = 0;
    for (const Insertion& i : inserted_) {
      if (rel < i.at) break;
      if (rel < i.at + i.size) return body_.begin + i.at - shift;
      shift += i.size;
    }
    return abs - shift;
  }

  std::vector<Unit> run() {
    std::unique_ptr<cmark_node, CmarkDeleter> doc = parse();
    for_each_block(doc.get(), [&](cmark_node* node) {
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_PARAGRAPH: paragraph(node); break;
        case CMARK_NODE_HEADING: heading(node); break;
        default:
          if (type_of(node) == "table_cell") table_cell(node);
          break;
      }
    });
    return std::move(units_);
  }

 private:
  // Masked-body (line, col) from cmark -> absolute byte offset.
  std::size_t offset(int line, int col) const {
    return body_.begin + masked_lines_->line_start(line) + static_cast<std::size_t>(std::max(col, 1) - 1);
  }
  std::size_t line_begin(int line) const { return body_.begin + masked_lines_->line_start(line); }
  std::size_t line_end(int line) const {
    std::size_t e = body_.begin + (line < masked_lines_->line_count()
                                       ? masked_lines_->line_start(line + 1) - 1
                                       : masked_.size());
    if (e > line_begin(line) && at(e - 1) == '\r') --e;
    return e;
  }
  char at(std::size_t abs) const { return masked_[abs - body_.begin]; }
  std::string_view original(std::size_t b, std::size_t e) const {
    std::size_t sb = src_pos(b);
    return src_.bytes().substr(sb, src_pos(e) - sb);
  }

  static int blockquote_depth(cmark_node* node) {
    int depth = 0;
    for (cmark_node* p = cmark_node_parent(node); p; p = cmark_node_parent(p))
      if (cmark_node_get_type(p) == CMARK_NODE_BLOCK_QUOTE) ++depth;
    return depth;
  }

  static UnitKind container_kind(cmark_node* node) {
    for (cmark_node* p = cmark_node_parent(node); p; p = cmark_node_parent(p)) {
      if (cmark_node_get_type(p) == CMARK_NODE_ITEM) return UnitKind::ListItem;
      if (cmark_node_get_type(p) == CMARK_NODE_BLOCK_QUOTE) return UnitKind::BlockQuote;
    }
    return UnitKind::Paragraph;
  }

  // Skips a continuation line's container prefix: indentation and up to
  // `depth` block-quote markers.
  std::size_t skip_prefix(std::size_t b, std::size_t e, int depth) const {
    while (b < e && is_space(at(b))) ++b;
    for (int d = 0; d < depth && b < e && at(b) == '>'; ++d) {
      ++b;
      while (b < e && is_space(at(b))) ++b;
    }
    return b;
  }

  // The lines of a block, in a buffer that the next block's lines reuse.
  std::vector<BlockLine>& block_lines(int first, int first_col, int last, int depth) {
    block_lines_.clear();
    for (int ln = first; ln <= last; ++ln) {
      std::size_t ls = line_begin(ln), le = line_end(ln);
      std::size_t b = ln == first ? offset(ln, first_col) : skip_prefix(ls, le, depth);
      block_lines_.push_back({ls, std::min(b, le), le});
    }
    return block_lines_;
  }

  // `last`: no line follows in the block, so the destination must be on this one.
  static bool is_link_reference_definition(std::string_view s, bool last) {
    if (s.empty() || s[0] != '[' || s.size() < 3 || s[1] == '^') return false;
    auto close = s.find("]:");
    // A label of nothing but blanks defines nothing (CommonMark): "[ ]:g" is
    // text, and so is "[l]:" with no destination.
    if (close == std::string_view::npos || close < 2 || s.find(']') != close) return false;
    std::string_view label = s.substr(1, close - 1);
    // Nor does one holding an unescaped '[': "[[ ]:g" is text too.
    for (std::size_t i = label.find('['); i != std::string_view::npos; i = label.find('[', i + 1))
      if (i == 0 || label[i - 1] != '\\') return false;
    return label.find_first_not_of(" \t") != std::string_view::npos &&
           (!last || s.substr(close + 2).find_first_not_of(" \t") != std::string_view::npos);
  }

  // Drops leading and trailing lines that hold only shortcode calls (a
  // `{{< box-start >}}` line glued to a paragraph) and leading link reference
  // definitions, which cmark keeps inside the paragraph's line range.
  //
  // A leading line of only '|' is where cmark-gfm ended a table just above
  // (no row in it): it stays as written, or a rewrite that joins the lines
  // would make the text a row of that table.
  void trim_lines(std::vector<BlockLine>& lines) const {
    auto skippable = [&](const BlockLine& l, bool leading) {
      std::string_view s = original(l.begin, l.end);
      return spans_.only_shortcodes(src_.bytes(), src_pos(l.begin), src_pos(l.end)) ||
             (leading && (is_link_reference_definition(s, lines.size() == 1) ||
                          s.find_first_not_of("| \t") == std::string_view::npos));
    };
    while (!lines.empty() && skippable(lines.front(), true)) lines.erase(lines.begin());
    while (!lines.empty() && skippable(lines.back(), false)) lines.pop_back();
  }

  // Joins block lines as Markdown does: soft breaks become one space, hard
  // breaks (trailing backslash or two spaces) stay as written with a newline.
  std::string join(const std::vector<BlockLine>& lines) const {
    std::string text;
    std::size_t size = 0;
    for (const BlockLine& l : lines) size += l.end - l.begin + 1;
    text.reserve(size);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::string_view content = original(lines[i].begin, lines[i].end);
      std::size_t trimmed = content.size();
      while (trimmed > 0 && is_space(content[trimmed - 1])) --trimmed;
      bool last = i + 1 == lines.size();
      if (last) {
        text.append(content.substr(0, trimmed));
      } else if (trimmed > 0 && content[trimmed - 1] == '\\' && trimmed == content.size()) {
        text.append(content.substr(0, trimmed)).push_back('\n');
      } else if (content.size() - trimmed >= 2 && content.substr(trimmed).find('\t') == std::string_view::npos) {
        text.append(content).push_back('\n');
      } else {
        text.append(content.substr(0, trimmed)).push_back(' ');
      }
    }
    return text;
  }

  std::size_t trimmed_end(const BlockLine& l) const {
    std::size_t e = l.end;
    while (e > l.begin && is_space(at(e - 1))) --e;
    return e;
  }

  // What starts a continuation line of a block whose first line is `l`:
  // its prefix with list markers turned into spaces ("> 1. " -> ">    ").
  std::string continuation_prefix(const BlockLine& l) const {
    std::string prefix(original(l.line_start, l.begin));
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      char c = prefix[i];
      if (c == '-' || c == '*' || c == '+' || c == '[' || c == ']' || c == 'x' || c == 'X' ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == ')')
        prefix[i] = ' ';
    }
    return prefix;
  }

  void add(UnitKind kind, std::string text, Span span, std::string comment, std::string prefix = {}) {
    if (!has_translatable_text(text)) return;
    span = {src_pos(span.begin), src_pos(span.end)};
    Unit& u = units_.emplace_back();
    u.kind = kind;
    u.has_shortcodes = spans_.any_within(span.begin, span.end);
    u.text = std::move(text);
    u.span = span;
    u.line = line_of(span.begin);
    u.comment = std::move(comment);
    u.line_prefix = std::move(prefix);
  }

  // The source line of `offset`. Units come in page order, so the line is
  // mostly the last unit's or one a few lines on: a walk from there.
  int line_of(std::size_t offset) {
    const LineIndex& lines = src_.lines();
    if (offset < lines.line_start(line_hint_)) return line_hint_ = lines.line(offset);
    while (line_hint_ < lines.line_count() && lines.line_start(line_hint_ + 1) <= offset) ++line_hint_;
    return line_hint_;
  }

  // Task list markers "[ ] " and "[x] " are Goldmark syntax, not text.
  void skip_task_marker(BlockLine& l, cmark_node* node) const {
    cmark_node* parent = cmark_node_parent(node);
    if (!parent || cmark_node_get_type(parent) != CMARK_NODE_ITEM || cmark_node_first_child(parent) != node) return;
    std::string_view s = original(l.begin, l.end);
    if (s.size() >= 4 && s[0] == '[' && (s[1] == ' ' || s[1] == 'x' || s[1] == 'X') && s[2] == ']' && is_space(s[3]))
      l.begin += 4;
  }

  void paragraph(cmark_node* node) {
    if (cmark_node_get_start_line(node) < 1) return;  // a position parse() could not restore
    int depth = blockquote_depth(node);
    auto& lines = block_lines(cmark_node_get_start_line(node), cmark_node_get_start_column(node),
                             cmark_node_get_end_line(node), depth);
    if (!lines.empty()) skip_task_marker(lines.front(), node);
    trim_lines(lines);
    if (lines.empty()) return;
    Span span{lines.front().begin, trimmed_end(lines.back())};
    // On any number of lines: a rewrite joins soft-broken lines into one,
    // and `![a](u` + line break + `"t")` must be an image before as after.
    if (standalone_image(span)) return;
    UnitKind kind = container_kind(node);
    const char* what = kind == UnitKind::ListItem ? "list item" : kind == UnitKind::BlockQuote ? "block quote" : "paragraph";
    add(kind, join(lines), span, what, continuation_prefix(lines.front()));
  }

  // A paragraph that is only an image (possibly linked): its alt text and
  // title are the units, never the URLs around them.
  bool standalone_image(Span span) {
    std::string_view s = original(span.begin, span.end);
    std::size_t i = 0;
    bool linked = s.size() > 2 && s[0] == '[' && s[1] == '!';
    if (linked) i = 1;
    if (s.substr(i, 2) != "![") return false;
    std::size_t alt_b = i + 2, alt_e = s.find(']', alt_b);
    if (alt_e == std::string_view::npos || alt_e + 1 >= s.size() || s[alt_e + 1] != '(') return false;
    std::size_t close = s.find(')', alt_e + 2);
    if (close == std::string_view::npos) return false;
    std::string_view inside = s.substr(alt_e + 2, close - alt_e - 2);
    std::size_t rest = close + 1;
    if (linked) {
      if (rest >= s.size() || s.substr(rest, 2) != "](") return false;
      std::size_t outer = s.find(')', rest + 2);
      if (outer == std::string_view::npos) return false;
      rest = outer + 1;
    }
    if (rest != s.size()) return false;
    add(UnitKind::ImageAlt, std::string(s.substr(alt_b, alt_e - alt_b)),
        {span.begin + alt_b, span.begin + alt_e}, "image alt text");
    if (auto q = inside.find('"'); q != std::string_view::npos && inside.size() > q + 1 && inside.back() == '"') {
      std::size_t tb = alt_e + 2 + q + 1, te = alt_e + 2 + inside.size() - 1;
      add(UnitKind::ImageTitle, std::string(s.substr(tb, te - tb)), {span.begin + tb, span.begin + te}, "image title");
    }
    return true;
  }

  void heading(cmark_node* node) {
    int level = cmark_node_get_heading_level(node);
    std::string comment = "heading h" + std::to_string(level);
    int first = cmark_node_get_start_line(node), last = cmark_node_get_end_line(node);
    std::size_t b = offset(first, cmark_node_get_start_column(node));
    if (at(b) != '#') {  // setext: content lines, then the underline
      // cmark-gfm may end the heading a line past its underline: the text
      // is what comes before the first line of only '=' or only '-'.
      auto& lines = block_lines(first, cmark_node_get_start_column(node), last, blockquote_depth(node));
      auto underline = std::find_if(lines.begin() + (lines.empty() ? 0 : 1), lines.end(), [&](const BlockLine& l) {
        std::string_view s = original(l.begin, trimmed_end(l));
        return !s.empty() && (s.find_first_not_of('=') == std::string_view::npos ||
                              s.find_first_not_of('-') == std::string_view::npos);
      });
      lines.erase(underline, lines.end());
      trim_lines(lines);
      if (lines.empty()) return;
      add(UnitKind::Heading, join(lines), {lines.front().begin, trimmed_end(lines.back())}, comment,
          continuation_prefix(lines.front()));
      return;
    }
    std::size_t e = line_end(first);
    while (b < e && at(b) == '#') ++b;
    while (b < e && is_space(at(b))) ++b;
    while (e > b && is_space(at(e - 1))) --e;
    // A closing sequence of #s, when preceded by a space.
    std::size_t h = e;
    while (h > b && at(h - 1) == '#') --h;
    if (h < e && (h == b || is_space(at(h - 1)))) {
      e = h;
      while (e > b && is_space(at(e - 1))) --e;
    }
    // Goldmark heading attributes: "## Title {#anchor .class}" are not text.
    if (e > b && at(e - 1) == '}') {
      std::string_view s = original(b, e);
      auto open = s.rfind(" {");
      if (open != std::string_view::npos && s.size() > open + 2 && (s[open + 2] == '#' || s[open + 2] == '.')) {
        e = b + open;
        while (e > b && is_space(at(e - 1))) --e;
      }
    }
    if (e > b) add(UnitKind::Heading, std::string(original(b, e)), {b, e}, comment);
  }

  // A cell's bytes are found by splitting its row at the pipes that are not
  // escaped, as GFM defines cells: cmark-gfm's columns for the cells of a
  // body row are off by the header row's indentation.
  void table_cell(cmark_node* node) {
    // A row shorter than the header gets empty cells at column 0: no source.
    if (cmark_node_get_start_column(node) < 1) return;
    int index = 0;
    for (cmark_node* c = cmark_node_previous(node); c; c = cmark_node_previous(c)) ++index;
    int line = cmark_node_get_start_line(node);
    std::size_t le = line_end(line);
    std::size_t b = skip_prefix(line_begin(line), le, blockquote_depth(node));
    if (b < le && at(b) == '|') ++b;
    std::size_t first = b;
    auto unescaped_pipe = [&](std::size_t i) { return at(i) == '|' && (i == first || at(i - 1) != '\\'); };
    for (int cell = 0; cell < index && b < le; ++b)
      if (unescaped_pipe(b)) ++cell;
    std::size_t e = b;
    while (e < le && !unescaped_pipe(e)) ++e;
    while (b < e && is_space(at(b))) ++b;
    while (e > b && is_space(at(e - 1))) --e;
    // A cell of nothing but shortcode calls: their parameters are the units.
    if (e <= b || spans_.only_shortcodes(src_.bytes(), src_pos(b), src_pos(e))) return;
    cmark_node* row = cmark_node_parent(node);
    bool header = row && std::string_view(cmark_node_get_type_string(row)) == "table_header";
    add(UnitKind::TableCell, std::string(original(b, e)), {b, e}, header ? "table header cell" : "table cell");
  }

  const SourceText& src_;
  Span body_;
  ShortcodeSpans spans_;
  std::string masked_;
  std::unique_ptr<LineIndex> masked_lines_;
  struct Insertion {
    std::size_t at, size;  // body-relative, in the copy
  };
  std::vector<Insertion> inserted_;  // sorted
  std::vector<BlockLine> block_lines_;
  int line_hint_ = 1;
  std::vector<Unit> units_;
};

bool has_letter(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c > 0 && u_isalpha(c)) return true;
  }
  return false;
}

// std::isspace, without a call for ASCII, where every locale agrees.
bool is_space_byte(char c) {
  auto b = static_cast<unsigned char>(c);
  return b < 0x80 ? b == ' ' || (b >= '\t' && b <= '\r') : std::isspace(b) != 0;
}

bool starts_with(std::string_view s, std::size_t i, std::string_view prefix) {
  return s.substr(i, prefix.size()) == prefix;
}

}  // namespace

bool looks_like_url(std::string_view v) {
  return v.find("://") != std::string_view::npos || v.starts_with("mailto:") || v.starts_with("/") ||
         v.starts_with("#");
}

bool has_translatable_text(std::string_view s) {
  // The text outside code, calls, tags, link targets and addresses, word by
  // word: an e-mail address drops no more than its own word, so a word
  // with a letter, once a space follows it, settles the answer. ASCII
  // letters are noted as they come: only a word with other bytes than
  // ASCII is decoded to look for one.
  std::string kept;
  bool ascii_letter = false, beyond_ascii = false;
  auto word_has_letter = [&] { return ascii_letter || (beyond_ascii && has_letter(kept)); };
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '`') {  // a code span: skip to the matching run of backticks
      std::size_t run = std::min(s.find_first_not_of('`', i), s.size()) - i;
      std::size_t close = s.find(std::string(run, '`'), i + run);
      if (close != std::string_view::npos) { i = close + run; continue; }
    } else if (c == '{' && (starts_with(s, i, "{{<") || starts_with(s, i, "{{%"))) {
      std::size_t close = s.find("}}", i + 3);
      if (close != std::string_view::npos) { i = close + 2; continue; }
    } else if (c == '<') {  // HTML tags, comments and autolinks
      std::size_t close = s.find('>', i + 1);
      if (close != std::string_view::npos && close > i + 1 &&
          (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/' || s[i + 1] == '!')) {
        i = close + 1;
        continue;
      }
    } else if (c == ']' && starts_with(s, i, "](")) {  // a link target
      std::size_t close = s.find(')', i + 2);
      if (close != std::string_view::npos) { i = close + 1; continue; }
    } else if ((c == 'h' || c == 'w' || c == 'm' || c == 'i') && (starts_with(s, i, "http://") || starts_with(s, i, "https://") || starts_with(s, i, "www.") ||
               starts_with(s, i, "mailto:") || starts_with(s, i, "irc://"))) {
      while (i < s.size() && !is_space_byte(s[i])) ++i;
      continue;
    } else if (c == '@') {  // an e-mail address: drop the word around it
      while (!kept.empty() && !is_space_byte(kept.back())) kept.pop_back();
      ascii_letter = beyond_ascii = false;
      while (i < s.size() && !is_space_byte(s[i])) ++i;
      continue;
    }
    auto byte = static_cast<unsigned char>(c);
    if (is_space_byte(c)) {
      if (word_has_letter()) return true;
      kept.clear();
      ascii_letter = beyond_ascii = false;
    } else if (byte >= 0x80) {
      beyond_ascii = true;
    } else if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z')) {
      ascii_letter = true;
    }
    kept.push_back(c);
    ++i;
  }
  return word_has_letter();
}

std::vector<Unit> markdown_units(const SourceText& src, Span body, const ShortcodeScan& shortcodes) {
  if (body.empty()) return {};
  return BodyWalker(src, body, shortcodes).run();
}

}  // namespace l10n
