#include "po/fuzzy.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "po/update.h"

namespace l10n {

// ---------------------------------------------------------------------------
// The similarity: gettext's fstrcmp counts the byte insertions and deletions
// (D) of a shortest edit script and returns (|a| + |b| - D) / (|a| + |b|).
// Two ways to get D: Myers' O(ND) walk, quick when D is small (the true
// match of an edited msgid), and a bit-parallel LCS, quick when it is not.

namespace {

// D, or -1 once D is known to exceed max_d.
long indel_distance(std::string_view a, std::string_view b, long max_d) {
  std::size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  std::size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;
  const std::string_view x = a.substr(pre, a.size() - pre - suf);
  const std::string_view y = b.substr(pre, b.size() - pre - suf);
  const long n = static_cast<long>(x.size()), m = static_cast<long>(y.size());
  if (std::labs(n - m) > max_d) return -1;
  if (n == 0 || m == 0) return n + m;

  std::vector<long> v(static_cast<std::size_t>(2 * max_d + 3), 0);
  const long off = max_d + 1;
  for (long d = 0; d <= max_d; ++d) {
    for (long k = -d; k <= d; k += 2) {
      long xx = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1] : v[off + k - 1] + 1;
      long yy = xx - k;
      while (xx < n && yy < m && x[xx] == y[yy]) ++xx, ++yy;
      v[off + k] = xx;
      if (xx >= n && yy >= m) return d;
    }
  }
  return -1;
}

// The bytes of the query as bit masks, for Allison and Dix's bit-parallel
// LCS (in Hyyrö's formulation): O(|y| * |query| / 64) whatever D is.
class BitPattern {
 public:
  explicit BitPattern(std::string_view query) : n_(query.size()), words_((query.size() + 63) / 64) {
    row_.fill(0);
    std::size_t rows = 1;  // row 0: bytes the query lacks
    for (unsigned char c : query)
      if (row_[c] == 0) row_[c] = static_cast<std::uint8_t>(rows++);
    masks_.assign(rows * words_, 0);
    for (std::size_t i = 0; i < n_; ++i)
      masks_[row_[static_cast<unsigned char>(query[i])] * words_ + i / 64] |= std::uint64_t{1} << (i % 64);
    v_.resize(words_);
  }

  // LCS(query, y), or -1 once it is known to stay below min_lcs.
  long lcs(std::string_view y, long min_lcs) {
    std::fill(v_.begin(), v_.end(), ~std::uint64_t{0});
    const std::size_t m = y.size();
    for (std::size_t j = 0; j < m; ++j) {
      const std::size_t r = row_[static_cast<unsigned char>(y[j])];
      if (r != 0) step(&masks_[r * words_]);
      // Each byte of y still to come adds at most one to the LCS.
      if ((j & 31) == 31 && matched() + static_cast<long>(m - j - 1) < min_lcs) return -1;
    }
    long result = matched();
    return result >= min_lcs ? result : -1;
  }

 private:
  // V' = (V + (V & M)) | (V & ~M), one word at a time with the carry.
  void step(const std::uint64_t* mask) {
    std::uint64_t carry = 0;
    for (std::size_t w = 0; w < words_; ++w) {
      const std::uint64_t x = v_[w], u = x & mask[w];
      const std::uint64_t s1 = x + u;
      const std::uint64_t s2 = s1 + carry;
      carry = (s1 < x) | (s2 < s1);
      v_[w] = s2 | (x & ~mask[w]);
    }
  }
  // The zero bits of V below n: the LCS so far.
  long matched() const {
    long ones = 0;
    for (std::size_t w = 0; w + 1 < words_; ++w) ones += std::popcount(v_[w]);
    const std::size_t tail = n_ - 64 * (words_ - 1);
    const std::uint64_t mask = tail == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << tail) - 1;
    ones += std::popcount(v_[words_ - 1] & mask);
    return static_cast<long>(n_) - ones;
  }

  std::size_t n_, words_;
  std::array<std::uint8_t, 256> row_;
  std::vector<std::uint64_t> masks_;
  std::vector<std::uint64_t> v_;
};

// fstrcmp's value for total length and edit count, computed as gettext does
// (so that equal values compare equal, as msgmerge's ties do).
double ratio(std::size_t total, long d) {
  return static_cast<double>(static_cast<long>(total) - d) / static_cast<double>(total);
}

}  // namespace

double similarity(std::string_view a, std::string_view b, double lower_bound) {
  const std::size_t total = a.size() + b.size();
  if (total == 0) return 1.0;
  long max_d = static_cast<long>(total);
  if (lower_bound > 0) max_d = static_cast<long>(std::floor(static_cast<double>(total) * (1.0 - lower_bound) + 1e-9));
  long d = indel_distance(a, b, max_d);
  return d < 0 ? 0.0 : ratio(total, d);
}

double fuzzy_goal(const Message& candidate, const Message& ref) {
  // A translation for one context is a good proposal for another too, but
  // one valid in any context, or in the same one, gets a small advantage.
  const bool sure = !candidate.msgctxt || (ref.msgctxt && *ref.msgctxt == *candidate.msgctxt);
  double weight = similarity(ref.msgid, candidate.msgid);
  if (sure) weight += 0.00001;
  return weight;
}

// ---------------------------------------------------------------------------
// The index.

namespace {

// gettext's character iterator for UTF-8 (po-charset.c): a well-formed
// sequence is one character, any other byte is one on its own.
std::size_t utf8_char_length(std::string_view s, std::size_t i) {
  auto cont = [&](std::size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0xC2) return 1;
  if (c < 0xE0) return cont(1) ? 2 : 1;
  if (c < 0xF0) return cont(1) && cont(2) ? 3 : 1;
  if (c < 0xF8) return cont(1) && cont(2) && cont(3) ? 4 : 1;
  return 1;
}

// The character 4-grams of s, in order, repeats included (msgmerge's
// n-grams); empty when s has fewer than four characters.
std::vector<std::string_view> four_grams(std::string_view s) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < s.size(); i += utf8_char_length(s, i)) starts.push_back(i);
  std::vector<std::string_view> grams;
  if (starts.size() < 4) return grams;
  starts.push_back(s.size());
  for (std::size_t k = 0; k + 4 < starts.size(); ++k) grams.push_back(s.substr(starts[k], starts[k + 4] - starts[k]));
  return grams;
}

// Byte classes of the histogram: letters of either case apart, the rest
// grouped. Counting per class instead of per byte can only lower the sum
// of differences, so the bound it gives stays a bound.
constexpr std::array<std::uint8_t, 256> kBinOf = [] {
  std::array<std::uint8_t, 256> bins{};
  for (int c = 0; c < 256; ++c) {
    std::uint8_t b;
    if (c >= 'a' && c <= 'z') b = static_cast<std::uint8_t>(c - 'a');
    else if (c >= 'A' && c <= 'Z') b = static_cast<std::uint8_t>(26 + c - 'A');
    else if (c == ' ') b = 52;
    else if (c >= '0' && c <= '9') b = static_cast<std::uint8_t>(53 + c % 2);
    else if (c == '.') b = 55;
    else if (c == ',') b = 56;
    else if (c < 0x80) b = static_cast<std::uint8_t>(57 + c % 3);
    else b = static_cast<std::uint8_t>(60 + c % 4);
    bins[static_cast<std::size_t>(c)] = b;
  }
  return bins;
}();

void fill_histogram(std::string_view s, std::uint8_t* out) {
  std::array<unsigned, FuzzyIndex::kBins> counts{};
  for (unsigned char c : s) ++counts[kBinOf[c]];
  // Saturated counts differ by no more than the true ones: still a bound.
  for (std::size_t b = 0; b < FuzzyIndex::kBins; ++b) out[b] = static_cast<std::uint8_t>(std::min(counts[b], 255u));
}

// Sum of |a[i] - b[i]| over the kBins counts.
unsigned histogram_distance(const std::uint8_t* a, const std::uint8_t* b) {
#if defined(__SSE2__)
  __m128i sum = _mm_setzero_si128();
  for (std::size_t i = 0; i < FuzzyIndex::kBins; i += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + i));
    __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
    sum = _mm_add_epi64(sum, _mm_sad_epu8(x, y));
  }
  return static_cast<unsigned>(_mm_cvtsi128_si32(sum) + _mm_cvtsi128_si32(_mm_srli_si128(sum, 8)));
#else
  unsigned sum = 0;
  for (std::size_t i = 0; i < FuzzyIndex::kBins; ++i) sum += static_cast<unsigned>(std::abs(a[i] - b[i]));
  return sum;
#endif
}

constexpr double kBonus = 0.00001;
// Slack for bounds compared in floating point: it costs a few evaluations,
// never a decision, as every decision compares exact goals.
constexpr double kSlack = 1e-9;
// Up to this many edits, Myers' walk is quicker than the bit-parallel LCS.
constexpr long kMyersLimit = 24;

}  // namespace

FuzzyIndex::FuzzyIndex(std::vector<const Message*> candidates) {
  by_length_.reserve(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i)
    by_length_.push_back({candidates[i], static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(candidates[i]->msgid.size())});
  std::stable_sort(by_length_.begin(), by_length_.end(),
                   [](const Candidate& a, const Candidate& b) { return a.length < b.length; });
  hist_.resize(by_length_.size() * kBins);
  for (std::size_t p = 0; p < by_length_.size(); ++p) fill_histogram(by_length_[p].message->msgid, &hist_[p * kBins]);
}

// One query. msgmerge (gettext 0.21, msgl-fsearch.c) compares a msgid of
// four characters or more with every candidate that shares a character
// 4-gram with it, in order of how many of the msgid's 4-grams they share
// (then in catalog order), and keeps the first with the highest goal above
// the bound; a shorter msgid, with every candidate of a length that can
// reach the threshold, by length and then in catalog order. We get the
// same answer by computing the goal only where cheap bounds (length, byte
// histogram) allow it to reach the best so far, and break ties as that
// order would.
class FuzzyIndex::Search {
 public:
  Search(const FuzzyIndex& index, const Message& ref, double lower_bound)
      : index_(index), ref_(ref), q_(ref.msgid), best_goal_(lower_bound) {}

  Match run() {
    if (four_grams(q_).empty()) return run_short();
    std::array<std::uint8_t, kBins> hist{};
    fill_histogram(q_, hist.data());
    // A changed msgid is usually a close copy of one candidate: look near
    // its length first, then as far as the best goal found allows.
    auto [a_first, a_last] = window(std::max(best_goal_, 0.9));
    scan(a_first, a_last, hist.data());
    auto [first, last] = window(best_goal_);
    scan(first, std::min(a_first, last), hist.data());
    scan(std::max(a_last, first), last, hist.data());
    if (best_ < 0) return {};
    return {index_.by_length_[static_cast<std::size_t>(best_)].message, best_goal_};
  }

 private:
  bool sure(const Candidate& c) const {
    return !c.message->msgctxt || (ref_.msgctxt && *ref_.msgctxt == *c.message->msgctxt);
  }

  // The positions of by_length_ whose length alone lets the similarity reach
  // b - kBonus: 2 * min(n, m) / (n + m) >= b'.
  std::pair<std::size_t, std::size_t> window(double b) const {
    const double bb = std::max(b - kBonus - kSlack, 1e-9);
    const double n = static_cast<double>(q_.size());
    const double lo = n * bb / (2 - bb) - 1, hi = n * (2 - bb) / bb + 1;
    const auto& v = index_.by_length_;
    auto first = std::partition_point(v.begin(), v.end(), [&](const Candidate& c) { return c.length < lo; });
    auto last = std::partition_point(first, v.end(), [&](const Candidate& c) { return c.length <= hi; });
    return {static_cast<std::size_t>(first - v.begin()), static_cast<std::size_t>(last - v.begin())};
  }

  // Evaluates, best bound first, the candidates of [first, last) whose bound
  // reaches the best goal so far.
  void scan(std::size_t first, std::size_t last, const std::uint8_t* hist) {
    if (first >= last) return;
    const std::size_t n = q_.size();
    std::vector<std::pair<double, std::size_t>> open;
    for (std::size_t p = first; p < last; ++p) {
      const Candidate& c = index_.by_length_[p];
      const std::size_t total = n + c.length;
      const unsigned diff = std::max<unsigned>(histogram_distance(hist, &index_.hist_[p * kBins]),
                                               static_cast<unsigned>(n > c.length ? n - c.length : c.length - n));
      const double bound = ratio(total, diff) + (sure(c) ? kBonus : 0.0);
      if (bound >= best_goal_ - kSlack) open.emplace_back(bound, p);
    }
    std::sort(open.begin(), open.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (const auto& [bound, p] : open) {
      if (bound < best_goal_ - kSlack) break;
      consider(p);
    }
  }

  // The goal of candidate p when it can reach the best so far, else -1.
  double goal_of(std::size_t p) {
    const Candidate& c = index_.by_length_[p];
    const double bonus = sure(c) ? kBonus : 0.0;
    const std::size_t total = q_.size() + c.length;
    // goal >= best  <=>  D <= total * (1 - best + bonus)
    const long max_d = static_cast<long>(std::floor(static_cast<double>(total) * (1 - best_goal_ + bonus) + 1e-6));
    if (max_d < 0) return -1;
    long d;
    if (max_d <= kMyersLimit) {
      d = indel_distance(q_, c.message->msgid, max_d);
    } else {
      if (!pattern_) pattern_.emplace(q_);
      const long min_lcs = (static_cast<long>(total) - max_d + 1) / 2;
      const long lcs = pattern_->lcs(c.message->msgid, min_lcs);
      d = lcs < 0 ? -1 : static_cast<long>(total) - 2 * lcs;
    }
    if (d < 0 || d > max_d) return -1;
    return ratio(total, d) + bonus;
  }

  // msgmerge's rule: a higher goal wins; on an equal goal, the candidate
  // sharing more of the msgid's 4-grams, then the earlier one. A candidate
  // sharing none is not one of msgmerge's.
  void consider(std::size_t p) {
    const double goal = goal_of(p);
    if (goal < 0 || goal < best_goal_ || (goal == best_goal_ && best_ < 0)) return;
    const long shared = shared_grams(index_.by_length_[p].message->msgid);
    if (shared == 0) return;
    if (goal == best_goal_) {
      const auto& c = index_.by_length_[p];
      const auto& b = index_.by_length_[static_cast<std::size_t>(best_)];
      if (shared < best_shared_ || (shared == best_shared_ && c.index > b.index)) return;
    }
    best_ = static_cast<long>(p);
    best_goal_ = goal;
    best_shared_ = shared;
  }

  // msgmerge's count: the 4-grams of the msgid (repeats included) that
  // occur in `other`.
  long shared_grams(std::string_view other) {
    if (gram_counts_.empty())
      for (std::string_view g : four_grams(q_)) ++gram_counts_[g].first;
    ++stamp_;
    long shared = 0;
    for (std::string_view g : four_grams(other)) {
      auto it = gram_counts_.find(g);
      if (it == gram_counts_.end() || it->second.second == stamp_) continue;
      it->second.second = stamp_;
      shared += it->second.first;
    }
    return shared;
  }

  // Fewer than four characters: every candidate of a length the threshold
  // allows (gettext's bounds), by length and then in catalog order; the
  // first with the highest goal wins.
  Match run_short() {
    const double factor = 2 / kFuzzyThreshold - 1;
    const double l = static_cast<double>(q_.size());
    const auto lmin = static_cast<std::uint32_t>(std::ceil(l / factor));
    const auto lmax = static_cast<std::uint32_t>(l * factor);
    const auto& v = index_.by_length_;
    auto it = std::partition_point(v.begin(), v.end(), [&](const Candidate& c) { return c.length < lmin; });
    for (; it != v.end() && it->length <= lmax; ++it) {
      const double goal = goal_of(static_cast<std::size_t>(it - v.begin()));
      if (goal > best_goal_) {
        best_goal_ = goal;
        best_ = it - v.begin();
      }
    }
    if (best_ < 0) return {};
    return {v[static_cast<std::size_t>(best_)].message, best_goal_};
  }

  const FuzzyIndex& index_;
  const Message& ref_;
  std::string_view q_;
  double best_goal_;
  long best_ = -1;  // position in by_length_
  long best_shared_ = 0;
  std::optional<BitPattern> pattern_;
  std::unordered_map<std::string_view, std::pair<long, long>> gram_counts_;  // gram -> (count, stamp)
  long stamp_ = 0;
};

FuzzyIndex::Match FuzzyIndex::search(const Message& ref, double lower_bound) const {
  return Search(*this, ref, lower_bound).run();
}

}  // namespace l10n
