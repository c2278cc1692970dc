#include "units/align.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <unordered_map>
#include <utility>

#include "base/ascii.h"

namespace l10n {

namespace {

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }
bool is_lead_byte(unsigned char c) { return (c & 0xC0) != 0x80; }

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return is_lead_byte(c); }));
}

// "https://x", "www.x", "mailto:x", "a@b.c": the token starting at `i` is a
// link translators copy as is.
bool is_url_token(std::string_view token) {
  std::size_t k = 0;
  while (k < token.size() && std::isalpha(static_cast<unsigned char>(token[k]))) ++k;
  if (k > 0 && token.substr(k, 3) == "://") return true;
  if (token.starts_with("www.") || token.starts_with("mailto:")) return true;
  auto at = token.find('@');
  return at != std::string_view::npos && at > 0 && token.find('.', at) != std::string_view::npos;
}

std::string_view trim_url(std::string_view url) {
  while (!url.empty() && std::string_view(".,;:!?'\"").find(url.back()) != std::string_view::npos) url.remove_suffix(1);
  if (url.ends_with(')') && url.find('(') == std::string_view::npos) url.remove_suffix(1);
  return url;
}

// Collects anchors, names, words, markup and prose length from a unit's text.
// Shortcode calls are skipped here: their anchors come from the page's scan.
class TextScan {
 public:
  TextScan(std::string_view s, UnitShape& out) : s_(s), out_(out) {}

  void run() {
    while (i_ < s_.size()) {
      if (call() || code() || link_target() || markup() || tag() || url() || number() || word()) continue;
      out_.length += is_lead_byte(s_[i_]) ? 1 : 0;
      ++i_;
    }
    out_.markup[0] /= 2;  // "**" opens and closes
    for (std::size_t k = 0; k + 3 <= prose_.size(); ++k)
      out_.trigrams.push_back(static_cast<std::uint32_t>(static_cast<unsigned char>(prose_[k])) << 16 |
                              static_cast<std::uint32_t>(static_cast<unsigned char>(prose_[k + 1])) << 8 |
                              static_cast<unsigned char>(prose_[k + 2]));
  }

 private:
  bool at(std::string_view prefix) const { return s_.substr(i_, prefix.size()) == prefix; }

  bool call() {
    if (!at("{{<") && !at("{{%")) return false;
    auto close = s_.find("}}", i_ + 3);
    i_ = close == std::string_view::npos ? s_.size() : close + 2;
    return true;
  }

  bool code() {
    if (s_[i_] != '`') return false;
    std::size_t ticks = 0;
    while (i_ + ticks < s_.size() && s_[i_ + ticks] == '`') ++ticks;
    std::string fence(ticks, '`');
    auto close = s_.find(fence, i_ + ticks);
    if (close == std::string_view::npos) {
      i_ += ticks;
      return true;
    }
    out_.anchors.push_back("code:" + std::string(s_.substr(i_ + ticks, close - i_ - ticks)));
    i_ = close + ticks;
    return true;
  }

  bool link_target() {
    if (!at("](")) return false;
    std::size_t j = i_ + 2, depth = 1;
    for (; j < s_.size(); ++j) {
      if (s_[j] == '(') ++depth;
      else if (s_[j] == ')' && --depth == 0) break;
    }
    std::string_view target = s_.substr(i_ + 2, j - i_ - 2);
    target = target.substr(0, target.find(' '));  // not the title
    // {{< ref … >}}: the call's own anchor names the target
    if (!target.starts_with("{{")) out_.anchors.push_back("link:" + std::string(target));
    ++out_.markup[1];
    i_ = std::min(j + 1, s_.size());
    return true;
  }

  bool markup() {
    if (at("**") || at("__")) {
      ++out_.markup[0];
      i_ += 2;
      return true;
    }
    if (at("![")) {
      ++out_.markup[2];
      i_ += 2;
      return true;
    }
    return false;
  }

  bool tag() {
    if (s_[i_] != '<' || i_ + 1 >= s_.size()) return false;
    char c = s_[i_ + 1];
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '/') return false;
    auto close = s_.find('>', i_);
    if (close == std::string_view::npos) return false;
    std::string_view inside = s_.substr(i_ + 1, close - i_ - 1);
    if (is_url_token(inside)) out_.anchors.push_back("link:" + std::string(inside));  // <https://…>
    else ++out_.markup[3];
    i_ = close + 1;
    return true;
  }

  bool word_start() const { return i_ == 0 || !is_word_byte(static_cast<unsigned char>(s_[i_ - 1])); }

  bool url() {
    if (!word_start() || !is_word_byte(static_cast<unsigned char>(s_[i_]))) return false;
    std::size_t end = i_;
    while (end < s_.size() && !std::isspace(static_cast<unsigned char>(s_[end])) &&
           std::string_view("<>[]\"").find(s_[end]) == std::string_view::npos)
      ++end;
    std::string_view token = s_.substr(i_, end - i_);
    if (!is_url_token(token)) return false;
    token = trim_url(token);
    out_.anchors.push_back("link:" + std::string(token));
    i_ += token.size();
    return true;
  }

  // "3.1" and "3,1" are one number: Dutch writes a decimal comma.
  bool number() {
    if (!word_start() || !std::isdigit(static_cast<unsigned char>(s_[i_]))) return false;
    std::string digits;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
      else if (!((c == '.' || c == ',') && i_ + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_ + 1]))))
        break;
      ++i_;
    }
    out_.anchors.push_back("num:" + digits);
    out_.length += static_cast<double>(digits.size());
    return true;
  }

  bool word() {
    if (!is_word_byte(static_cast<unsigned char>(s_[i_]))) return false;
    std::size_t end = i_;
    while (end < s_.size() && is_word_byte(static_cast<unsigned char>(s_[end]))) ++end;
    std::string_view w = s_.substr(i_, end - i_);
    auto upper = std::count_if(w.begin(), w.end(), [](char c) { return ascii_upper(c); });
    std::string lower = ascii_lower(w);
    if (upper >= 2) out_.names.emplace_back(w);
    prose_ += lower + ' ';
    out_.words.push_back(std::move(lower));
    out_.length += static_cast<double>(code_points(w));
    i_ = end;
    return true;
  }

  std::string_view s_;
  UnitShape& out_;
  std::size_t i_ = 0;
  std::string prose_;  // the words, lowercased, one space after each
};

// "call:block class=is-primary1": a call with the parameters translators
// leave alone (its text parameters are translated, so they are left out).
std::string call_anchor(const Shortcode& call, const UnitRules& rules) {
  std::string a = "call:" + std::string(call.closing ? "/" : "") + call.name;
  for (const ShortcodeParam& p : call.params) {
    bool text = rules.is_text_param(call.name, p.name, p.position);
    if (!text) a += " " + (p.name.empty() ? std::to_string(p.position) : p.name) + "=" + p.value;
  }
  return a;
}

void add_call_anchors(const Unit& u, const Page& page, const UnitRules& rules, UnitShape& shape) {
  const auto& calls = page.shortcodes.calls;
  if (u.kind == UnitKind::ShortcodeParam) {
    auto it = std::upper_bound(calls.begin(), calls.end(), u.span.begin,
                               [](std::size_t o, const Shortcode& c) { return o < c.span.begin; });
    if (it != calls.begin() && std::prev(it)->span.end >= u.span.end) shape.anchors.push_back(call_anchor(*std::prev(it), rules));
    return;
  }
  auto it = std::lower_bound(calls.begin(), calls.end(), u.span.begin,
                             [](const Shortcode& c, std::size_t o) { return c.span.begin < o; });
  for (; it != calls.end() && it->span.end <= u.span.end; ++it) {
    shape.anchors.push_back(call_anchor(*it, rules));
    ++shape.markup[4];
  }
}

bool blank_line_between(std::string_view bytes, std::size_t from, std::size_t to) {
  bool line_empty = false;
  for (std::size_t i = from; i < to; ++i) {
    char c = bytes[i];
    if (c == '\n') {
      if (line_empty) return true;
      line_empty = true;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      line_empty = false;
    }
  }
  return false;
}

// The 0-based column of a table cell: the unescaped pipes before it on its
// line, less a leading pipe.
int table_column(std::string_view bytes, std::size_t line_start, std::size_t cell) {
  int pipes = 0;
  bool leading = true, leading_pipe = false;
  for (std::size_t i = line_start; i < cell; ++i) {
    char c = bytes[i];
    if (c == '|' && (i == line_start || bytes[i - 1] != '\\')) {
      if (leading) leading_pipe = true;
      ++pipes;
    }
    if (c != ' ' && c != '\t') leading = false;
  }
  return pipes - (leading_pipe ? 1 : 0);
}

template <typename T>
double dice(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::size_t common = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i < *j) ++i;
    else if (*j < *i) ++j;
    else ++common, ++i, ++j;
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

bool is_block(UnitKind k) { return k == UnitKind::Paragraph || k == UnitKind::ListItem || k == UnitKind::BlockQuote; }

// How far the roles allow the pair: 1 for the same role, 0 when ruled out.
double role_factor(const UnitShape& s, const UnitShape& t) {
  if (s.role == t.role) return 1.0;
  if (s.kind == UnitKind::ShortcodeParam || t.kind == UnitKind::ShortcodeParam || s.kind == UnitKind::FrontMatter ||
      t.kind == UnitKind::FrontMatter)
    return 0.0;
  if (s.kind == t.kind) return s.kind == UnitKind::TableCell ? 0.8 : 0.6;  // heading levels, header cells
  if (is_block(s.kind) && is_block(t.kind)) return 0.6;
  if ((s.kind == UnitKind::Heading && is_block(t.kind)) || (t.kind == UnitKind::Heading && is_block(s.kind))) return 0.3;
  return 0.0;
}

// Dutch runs about 15% longer than English; short units vary most, hence
// the smoothing constant.
constexpr double kLengthOutlier = 0.45;

double length_fit(double source, double target) {
  double ratio = (target + 10.0) / (1.15 * source + 10.0);
  return std::exp(-1.5 * std::abs(std::log(ratio)));
}

double markup_fit(const std::array<int, 5>& a, const std::array<int, 5>& b) {
  int diff = 0, sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff += std::abs(a[i] - b[i]);
    sum += a[i] + b[i];
  }
  return 1.0 - static_cast<double>(diff) / static_cast<double>(sum);
}

struct Mean {
  double sum = 0, weight = 0;
  void add(double value, double w) { sum += value * w, weight += w; }
  double value() const { return weight > 0 ? sum / weight : 0; }
};

std::vector<std::string> merged(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// Two units read as one: the other side of a merge or split.
UnitShape joined(const UnitShape& a, const UnitShape& b) {
  UnitShape j = a;
  j.text += " " + b.text;
  j.anchors = merged(a.anchors, b.anchors);
  j.names = merged(a.names, b.names);
  j.words = merged(a.words, b.words);
  j.words.erase(std::unique(j.words.begin(), j.words.end()), j.words.end());
  std::vector<std::uint32_t> trigrams;
  std::set_union(a.trigrams.begin(), a.trigrams.end(), b.trigrams.begin(), b.trigrams.end(), std::back_inserter(trigrams));
  j.trigrams = std::move(trigrams);
  for (std::size_t i = 0; i < j.markup.size(); ++i) j.markup[i] += b.markup[i];
  j.length += b.length + 1;
  return j;
}

bool joinable(const UnitShape& a, const UnitShape& b) { return is_block(a.kind) && a.role == b.role; }

// ---------------------------------------------------------------------------
// Alignment.

// A unit, or a whole table, as one step of the sequence alignment.
struct Item {
  std::vector<std::size_t> units;
  bool table = false;
};

std::vector<Item> body_items(const std::vector<UnitShape>& units) {
  std::vector<Item> items;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const UnitShape& u = units[i];
    if (u.kind == UnitKind::FrontMatter) continue;
    if (u.table >= 0 && !items.empty() && items.back().table && units[items.back().units.back()].table == u.table)
      items.back().units.push_back(i);
    else
      items.push_back({{i}, u.table >= 0});
  }
  return items;
}

double gain(double score) { return score - kLinkScore; }
// What opening a run of unlinked units costs: an alignment that keeps
// linked units together is likelier than one that scatters them.
constexpr double kGapOpen = 0.15;
// A merge or split needs to beat a 1:1 link plus a gap by this much.
constexpr double kJoinPenalty = 0.05;

struct TableMatch {
  double gain = 0;
  std::vector<Link> links;
};

std::vector<std::vector<std::size_t>> rows_of(const std::vector<UnitShape>& units, const std::vector<std::size_t>& cells) {
  std::vector<std::vector<std::size_t>> rows;
  for (std::size_t c : cells) {
    if (rows.empty() || units[rows.back().front()].row != units[c].row) rows.emplace_back();
    rows.back().push_back(c);
  }
  return rows;
}

const std::size_t* cell_in_column(const std::vector<UnitShape>& units, const std::vector<std::size_t>& row, int column) {
  for (const std::size_t& c : row)
    if (units[c].column == column) return &c;
  return nullptr;
}

std::vector<std::string> row_anchors(const std::vector<UnitShape>& units, const std::vector<std::size_t>& row) {
  std::vector<std::string> out;
  for (std::size_t c : row) out.insert(out.end(), units[c].anchors.begin(), units[c].anchors.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// An anchor in more rows than this ("num:1", "code:yes") says nothing about
// which row translates which, and would make a candidate of every row.
constexpr std::size_t kCommonAnchorRows = 8;

// The target rows each source row is scored against. All of them in a
// table of ordinary size; in a huge one, the rows near the same place and
// the rows sharing an uncommon anchor, which is where a reordered row goes
// and still bounds the work by the table's size.
std::vector<std::vector<std::size_t>> row_candidates(const std::vector<UnitShape>& source,
                                                     const std::vector<std::vector<std::size_t>>& srows,
                                                     const std::vector<UnitShape>& target,
                                                     const std::vector<std::vector<std::size_t>>& trows,
                                                     const AlignLimits& limits) {
  std::vector<std::vector<std::size_t>> out(srows.size());
  const std::size_t n = srows.size(), m = trows.size();
  if (n * m <= limits.exact_row_pairs) {
    for (auto& c : out)
      for (std::size_t j = 0; j < m; ++j) c.push_back(j);
    return out;
  }
  std::unordered_map<std::string, std::vector<std::size_t>> rows_with;
  for (std::size_t j = 0; j < m; ++j)
    for (std::string& a : row_anchors(target, trows[j])) rows_with[std::move(a)].push_back(j);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t centre = i * m / n, w = limits.row_window;
    for (std::size_t j = centre > w ? centre - w : 0; j < std::min(m, centre + w + 1); ++j) out[i].push_back(j);
    for (const std::string& a : row_anchors(source, srows[i]))
      if (auto it = rows_with.find(a); it != rows_with.end() && it->second.size() <= kCommonAnchorRows)
        out[i].insert(out[i].end(), it->second.begin(), it->second.end());
    std::sort(out[i].begin(), out[i].end());
    out[i].erase(std::unique(out[i].begin(), out[i].end()), out[i].end());
  }
  return out;
}

// Greedy from the best pair down: the target row each source row pairs
// with, -1 for none.
std::vector<int> pair_rows(const std::vector<UnitShape>& source, const std::vector<std::vector<std::size_t>>& srows,
                           const std::vector<UnitShape>& target, const std::vector<std::vector<std::size_t>>& trows,
                           const AlignLimits& limits) {
  auto row_score = [&](const std::vector<std::size_t>& s, const std::vector<std::size_t>& t) {
    double sum = 0;
    for (std::size_t c : s)
      if (const std::size_t* d = cell_in_column(target, t, source[c].column)) sum += pair_score(source[c], target[*d]);
    return sum / static_cast<double>(std::max(s.size(), t.size()));
  };
  struct Candidate {
    double score;
    std::size_t s, t;
  };
  std::vector<Candidate> candidates;
  auto tried = row_candidates(source, srows, target, trows, limits);
  for (std::size_t i = 0; i < srows.size(); ++i)
    for (std::size_t j : tried[i])
      if (double sc = row_score(srows[i], trows[j]); sc >= kLinkScore) candidates.push_back({sc, i, j});
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  std::vector<int> partner(srows.size(), -1);
  std::vector<bool> taken(trows.size(), false);
  for (const Candidate& c : candidates)
    if (partner[c.s] < 0 && !taken[c.t]) partner[c.s] = static_cast<int>(c.t), taken[c.t] = true;
  return partner;
}

// Rows pair in any order (a translator may sort a table differently); cells
// pair by column within paired rows.
TableMatch align_table(const std::vector<UnitShape>& source, const std::vector<std::size_t>& source_cells,
                       const std::vector<UnitShape>& target, const std::vector<std::size_t>& target_cells,
                       const AlignLimits& limits) {
  auto srows = rows_of(source, source_cells), trows = rows_of(target, target_cells);
  std::vector<int> partner = pair_rows(source, srows, target, trows, limits);
  TableMatch m;
  // Indexed like target_cells (ascending), not like the page: a page of
  // many tables would otherwise pay its size for each table pair tried.
  std::vector<bool> target_used(target_cells.size(), false);
  auto mark_used = [&](std::size_t d) {
    target_used[std::lower_bound(target_cells.begin(), target_cells.end(), d) - target_cells.begin()] = true;
  };
  for (std::size_t i = 0; i < srows.size(); ++i)
    for (std::size_t c : srows[i]) {
      const std::size_t* d = partner[i] < 0 ? nullptr : cell_in_column(target, trows[partner[i]], source[c].column);
      double sc = d ? pair_score(source[c], target[*d]) : 0;
      if (d && sc >= kLinkScore) {
        m.links.push_back({{c}, {*d}, sc});
        m.gain += gain(sc);
        mark_used(*d);
      } else {
        m.links.push_back({{c}, {}, 0});
      }
    }
  for (std::size_t k = 0; k < target_cells.size(); ++k)
    if (!target_used[k]) m.links.push_back({{}, {target_cells[k]}, 0});
  return m;
}

void add_gap_links(const Item& item, bool source_side, std::vector<Link>& out) {
  for (std::size_t u : item.units) out.push_back(source_side ? Link{{u}, {}, 0} : Link{{}, {u}, 0});
}

// The cells of the alignment matrix searched: in row i (i source items
// taken), the target item counts lo[i]..hi[i]. Both bounds never decrease
// and each row reaches the next, so a path from (0, 0) to (n, m) exists.
struct Band {
  std::vector<std::size_t> lo, hi;
  std::size_t width(std::size_t i) const { return hi[i] - lo[i] + 1; }
  bool contains(std::size_t i, std::size_t j) const { return i < lo.size() && lo[i] <= j && j <= hi[i]; }
  // A path through this cell may have been cut short by the band.
  bool at_edge(std::size_t i, std::size_t j) const { return (j == lo[i] && j > 0) || (j == hi[i] && j < hi.back()); }
};

Band full_band(std::size_t n, std::size_t m) { return {std::vector<std::size_t>(n + 1, 0), std::vector<std::size_t>(n + 1, m)}; }

// What an item weighs on the diagonal: its prose, smoothed as in length_fit
// so that empty units still move along.
double item_weight(const std::vector<UnitShape>& units, const Item& item) {
  double w = 10;
  for (std::size_t u : item.units) w += units[u].length;
  return w;
}

std::vector<double> cumulative_weights(const std::vector<UnitShape>& units, const std::vector<Item>& items) {
  std::vector<double> sum(items.size() + 1, 0);
  for (std::size_t i = 0; i < items.size(); ++i) sum[i + 1] = sum[i] + item_weight(units, items[i]);
  return sum;
}

// Cells within `half` of the path on which both sides have used up the same
// share of their text: a translation keeps pace with its source, give or
// take the units it adds or drops.
Band diagonal_band(const std::vector<double>& source_sum, const std::vector<double>& target_sum, std::size_t half) {
  const std::size_t n = source_sum.size() - 1, m = target_sum.size() - 1;
  Band b{std::vector<std::size_t>(n + 1), std::vector<std::size_t>(n + 1)};
  std::size_t j = 0;
  for (std::size_t i = 0; i <= n; ++i) {
    double share = source_sum[i] / source_sum[n];
    while (j < m && target_sum[j + 1] / target_sum[m] <= share) ++j;
    std::size_t centre = i == n ? m : j;
    b.lo[i] = centre > half ? centre - half : 0;
    b.hi[i] = std::min(m, centre + half);
  }
  for (std::size_t i = n; i > 0; --i) b.hi[i - 1] = std::max(b.hi[i - 1], b.lo[i]);
  return b;
}

enum Move : unsigned char { None, Match, SourceGap, TargetGap, Merge, Split };
// Gotoh's three states, so that a run of gaps pays once for opening: the
// state says what the last step was.
enum State : unsigned char { Linked, InSourceGap, InTargetGap };
constexpr double kNo = -std::numeric_limits<double>::infinity();

using Scores = std::array<double, 3>;  // by State
constexpr Scores kNoScores{kNo, kNo, kNo};

// How each state of a cell was reached, in two bytes: the matrix keeps only
// these, and the scores of the last three rows.
struct Trace {
  std::uint16_t bits = 0;
  void set(State s, Move mv, State from) {
    bits = static_cast<std::uint16_t>((bits & ~(0x1Fu << (5 * s))) | ((mv | from << 3) << (5 * s)));
  }
  Move move(State s) const { return static_cast<Move>(bits >> (5 * s) & 7); }
  State from(State s) const { return static_cast<State>(bits >> (5 * s + 3) & 3); }
};

// One step of the best path, found walking back from (n, m).
struct Step {
  Move move;
  std::size_t i, j;  // the cell the step ends in
};

struct Path {
  std::vector<Step> steps;  // backwards
  bool at_edge = false;     // it runs along the band's edge somewhere
};

class BodyAligner {
 public:
  BodyAligner(const std::vector<UnitShape>& source, const std::vector<UnitShape>& target, const AlignLimits& limits)
      : source_(source), target_(target), limits_(limits), S_(body_items(source)), T_(body_items(target)) {}

  std::vector<Link> run() {
    const std::size_t n = S_.size(), m = T_.size();
    if (n * m <= limits_.exact_cells) return links(best_path(full_band(n, m)));
    auto ssum = cumulative_weights(source_, S_), tsum = cumulative_weights(target_, T_);
    // Widen only while the best path leans on the band's edge: a wider band
    // might hold a better one. The cap keeps a page that is no translation
    // of the other from costing n·m.
    for (std::size_t half = limits_.band;; half *= 2) {
      Path p = best_path(diagonal_band(ssum, tsum, half));
      if (!p.at_edge || half >= std::max(n, m) || half * 2 > limits_.max_band) return links(p);
    }
  }

 private:
  static bool single(const Item& it) { return !it.table; }

  double match_gain(std::size_t i, std::size_t j) {
    const Item &a = S_[i], &b = T_[j];
    if (a.table != b.table) return kNo;
    if (a.table) return table(i, j).gain;
    double sc = pair_score(source_[a.units[0]], target_[b.units[0]]);
    return sc >= kLinkScore ? gain(sc) : kNo;
  }

  const TableMatch& table(std::size_t i, std::size_t j) {
    auto it = tables_.find({i, j});
    if (it == tables_.end())
      it = tables_.emplace(std::pair{i, j}, align_table(source_, S_[i].units, target_, T_[j].units, limits_)).first;
    return it->second;
  }

  static double join_gain(const UnitShape& one, const UnitShape& a, const UnitShape& b, bool one_is_source) {
    if (!joinable(a, b)) return kNo;
    UnitShape j = joined(a, b);
    double sc = one_is_source ? pair_score(one, j) : pair_score(j, one);
    return sc >= kLinkScore ? gain(sc) - kJoinPenalty : kNo;
  }

  double merge_gain(std::size_t i, std::size_t j) const {
    if (!single(S_[i - 2]) || !single(S_[i - 1]) || !single(T_[j - 1])) return kNo;
    return join_gain(target_[T_[j - 1].units[0]], source_[S_[i - 2].units[0]], source_[S_[i - 1].units[0]], false);
  }

  double split_gain(std::size_t i, std::size_t j) const {
    if (!single(S_[i - 1]) || !single(T_[j - 2]) || !single(T_[j - 1])) return kNo;
    return join_gain(source_[S_[i - 1].units[0]], target_[T_[j - 2].units[0]], target_[T_[j - 1].units[0]], true);
  }

  // Scores of the rows i, i-1 and i-2 of the band, by i mod 3.
  struct Rows {
    const Band& band;
    std::array<std::vector<Scores>, 3> rows;
    const Scores& at(std::size_t i, std::size_t j) const {
      return band.contains(i, j) ? rows[i % 3][j - band.lo[i]] : kNoScores;
    }
  };

  Path best_path(const Band& band) {
    const std::size_t n = S_.size();
    std::vector<std::size_t> offset(n + 2, 0);
    for (std::size_t i = 0; i <= n; ++i) offset[i + 1] = offset[i] + band.width(i);
    std::vector<Trace> trace(offset[n + 1]);
    Rows rows{band, {}};
    for (std::size_t i = 0; i <= n; ++i) {
      auto& row = rows.rows[i % 3];
      row.assign(band.width(i), kNoScores);
      for (std::size_t j = band.lo[i]; j <= band.hi[i]; ++j)
        fill(rows, i, j, row[j - band.lo[i]], trace[offset[i] + j - band.lo[i]]);
    }
    const Scores& last = rows.at(n, T_.size());
    auto state = static_cast<State>(std::max_element(last.begin(), last.end()) - last.begin());
    Path p;
    for (std::size_t i = n, j = T_.size(); i > 0 || j > 0;) {
      p.at_edge = p.at_edge || band.at_edge(i, j);
      const Trace& t = trace[offset[i] + j - band.lo[i]];
      Move mv = t.move(state);
      state = t.from(state);
      p.steps.push_back({mv, i, j});
      switch (mv) {
        case Match: --i, --j; break;
        case SourceGap: --i; break;
        case TargetGap: --j; break;
        case Merge: i -= 2, --j; break;
        case Split: --i, j -= 2; break;
        case None: i = j = 0; break;  // unreachable: every cell but (0,0) has a move
      }
    }
    return p;
  }

  // The best score of each state of cell (i, j) and how it was reached.
  void fill(const Rows& rows, std::size_t i, std::size_t j, Scores& cell, Trace& trace) {
    if (i == 0 && j == 0) {
      cell[Linked] = 0;
      return;
    }
    // Into `state` by `mv` from the cell `prev`, adding g, or g - open when
    // the move starts a gap run.
    auto offer = [&](const Scores& prev, State state, Move mv, double g) {
      if (g == kNo) return;
      for (State k : {Linked, InSourceGap, InTargetGap}) {
        if (prev[k] == kNo) continue;
        double open = state != Linked && state != k ? kGapOpen : 0;
        if (prev[k] + g - open > cell[state]) cell[state] = prev[k] + g - open, trace.set(state, mv, k);
      }
    };
    auto reachable = [&](std::size_t di, std::size_t dj) { return i >= di && j >= dj && rows.band.contains(i - di, j - dj); };
    if (reachable(1, 0)) offer(rows.at(i - 1, j), InSourceGap, SourceGap, 0);
    if (reachable(0, 1)) offer(rows.at(i, j - 1), InTargetGap, TargetGap, 0);
    if (reachable(1, 1)) offer(rows.at(i - 1, j - 1), Linked, Match, match_gain(i - 1, j - 1));
    if (reachable(2, 1)) offer(rows.at(i - 2, j - 1), Linked, Merge, merge_gain(i, j));
    if (reachable(1, 2)) offer(rows.at(i - 1, j - 2), Linked, Split, split_gain(i, j));
  }

  std::vector<Link> step_links(const Step& st) {
    std::vector<Link> out;
    const std::size_t i = st.i, j = st.j;
    switch (st.move) {
      case Match:
        if (S_[i - 1].table) return table(i - 1, j - 1).links;
        out.push_back({{S_[i - 1].units[0]}, {T_[j - 1].units[0]}, 0});
        break;
      case SourceGap: add_gap_links(S_[i - 1], true, out); return out;
      case TargetGap: add_gap_links(T_[j - 1], false, out); return out;
      case Merge: out.push_back({{S_[i - 2].units[0], S_[i - 1].units[0]}, {T_[j - 1].units[0]}, 0}); break;
      case Split: out.push_back({{S_[i - 1].units[0]}, {T_[j - 2].units[0], T_[j - 1].units[0]}, 0}); break;
      case None: return out;
    }
    out[0].score = pair_score(side(source_, out[0].source), side(target_, out[0].target));
    return out;
  }

  // One side of a link read as one unit.
  static UnitShape side(const std::vector<UnitShape>& units, const std::vector<std::size_t>& idx) {
    return idx.size() == 1 ? units[idx[0]] : joined(units[idx[0]], units[idx[1]]);
  }

  std::vector<Link> links(const Path& p) {
    std::vector<Link> out;
    for (auto it = p.steps.rbegin(); it != p.steps.rend(); ++it) {
      std::vector<Link> step = step_links(*it);
      out.insert(out.end(), std::make_move_iterator(step.begin()), std::make_move_iterator(step.end()));
    }
    auto one_to_one = [&](std::size_t k) { return out[k].source.size() == 1 && out[k].target.size() == 1; };
    for (std::size_t k = 1; k + 1 < out.size(); ++k) out[k].anchored = one_to_one(k - 1) && one_to_one(k) && one_to_one(k + 1);
    return out;
  }

  const std::vector<UnitShape>& source_;
  const std::vector<UnitShape>& target_;
  AlignLimits limits_;
  std::vector<Item> S_, T_;
  std::map<std::pair<std::size_t, std::size_t>, TableMatch> tables_;
};

// Front matter values pair by key, whatever order the keys are written in.
std::vector<Link> align_front_matter(const std::vector<UnitShape>& source, const std::vector<UnitShape>& target) {
  std::vector<Link> links;
  std::vector<bool> used(target.size(), false);
  for (std::size_t s = 0; s < source.size(); ++s) {
    if (source[s].kind != UnitKind::FrontMatter) continue;
    Link link{{s}, {}, 0};
    for (std::size_t t = 0; t < target.size(); ++t)
      if (!used[t] && target[t].kind == UnitKind::FrontMatter && target[t].role == source[s].role) {
        used[t] = true;
        link.target = {t};
        link.score = pair_score(source[s], target[t]);
        break;
      }
    links.push_back(std::move(link));
  }
  for (std::size_t t = 0; t < target.size(); ++t)
    if (!used[t] && target[t].kind == UnitKind::FrontMatter) links.push_back({{}, {t}, 0});
  return links;
}

}  // namespace

std::vector<UnitShape> unit_shapes(const Page& page, const SourceText& src, const UnitRules& rules) {
  std::vector<UnitShape> shapes;
  std::string_view bytes = src.bytes();
  int table = -1;
  const Unit* previous = nullptr;
  const double count = static_cast<double>(page.units.size());
  for (const Unit& u : page.units) {
    UnitShape s;
    s.kind = u.kind;
    s.role = u.comment;
    s.text = u.text;
    s.position = static_cast<double>(shapes.size()) / count;
    TextScan(u.text, s).run();
    add_call_anchors(u, page, rules, s);
    if (u.kind == UnitKind::TableCell) {
      bool same_table = previous && previous->kind == UnitKind::TableCell &&
                        !blank_line_between(bytes, previous->span.end, u.span.begin);
      if (!same_table) ++table;
      s.table = table;
      s.row = u.line;
      s.column = table_column(bytes, src.lines().line_start(u.line), u.span.begin);
    }
    std::sort(s.anchors.begin(), s.anchors.end());
    std::sort(s.names.begin(), s.names.end());
    std::sort(s.words.begin(), s.words.end());
    s.words.erase(std::unique(s.words.begin(), s.words.end()), s.words.end());
    std::sort(s.trigrams.begin(), s.trigrams.end());
    s.trigrams.erase(std::unique(s.trigrams.begin(), s.trigrams.end()), s.trigrams.end());
    shapes.push_back(std::move(s));
    previous = &u;
  }
  return shapes;
}

double pair_score(const UnitShape& s, const UnitShape& t) {
  double role = role_factor(s, t);
  if (role == 0) return 0;
  if (s.text == t.text) return role;
  Mean mean;
  // What translators copy is the strongest evidence, and more of it is stronger.
  if (!s.anchors.empty() || !t.anchors.empty())
    mean.add(dice(s.anchors, t.anchors), std::min(4.0, 1.5 + 0.5 * static_cast<double>(s.anchors.size() + t.anchors.size())));
  if (!s.names.empty() || !t.names.empty()) mean.add(dice(s.names, t.names), 1.0);
  if (s.markup != std::array<int, 5>{} || t.markup != std::array<int, 5>{}) mean.add(markup_fit(s.markup, t.markup), 1.0);
  double length = length_fit(s.length, t.length);
  mean.add(length, 2.0);
  // Related languages share spellings ("Mailing Lists", "Mailinglijsten").
  if (!s.trigrams.empty() && !t.trigrams.empty()) mean.add(dice(s.trigrams, t.trigrams), 1.0);
  mean.add(std::max(0.0, 1.0 - 2.5 * std::abs(s.position - t.position)), 0.5);
  if (s.kind == UnitKind::TableCell && t.kind == UnitKind::TableCell) mean.add(s.column == t.column ? 1.0 : 0.0, 2.0);
  // Shared words say little between two languages, but everything when a
  // paragraph was left in the source language.
  double shared = dice(s.words, t.words);
  double score = role * std::min(1.0, mean.value() + 0.25 * shared);
  // Half or twice the expected length: a merge, a split or another text, never a sure pair.
  return length < kLengthOutlier ? std::min(score, kAnchoredScore - 0.05) : score;
}

std::vector<Link> align_units(const std::vector<UnitShape>& source, const std::vector<UnitShape>& target,
                               const AlignLimits& limits) {
  std::vector<Link> links = align_front_matter(source, target);
  std::vector<Link> body = BodyAligner(source, target, limits).run();
  links.insert(links.end(), std::make_move_iterator(body.begin()), std::make_move_iterator(body.end()));
  return links;
}

}  // namespace l10n
