#include "po/fuzzy.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <unordered_map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <x86intrin.h>
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

  // The furthest x on each diagonal; on the stack for the search's few
  // edits, which it asks for by the million.
  const auto size = static_cast<std::size_t>(2 * max_d + 3);
  std::array<long, 64> near{};
  std::vector<long> far(size > near.size() ? size : 0, 0);
  long* v = size > near.size() ? far.data() : near.data();
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

// a + b + carry_in, setting carry_in to the carry out: one adc on x86-64.
inline std::uint64_t add_carry(std::uint64_t a, std::uint64_t b, unsigned char& carry) {
#if defined(__x86_64__)
  unsigned long long sum;
  carry = _addcarry_u64(carry, a, b, &sum);
  return sum;
#else
  const std::uint64_t s1 = a + b, s2 = s1 + carry;
  carry = static_cast<unsigned char>((s1 < a) | (s2 < s1));
  return s2;
#endif
}

// std::popcount without the popcnt instruction (not in the x86-64
// baseline) is a library call; this is the same count inline.
inline long popcount64(std::uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<long>((x * 0x0101010101010101ULL) >> 56);
}

// The bytes of the query as bit masks, for Allison and Dix's bit-parallel
// LCS (in Hyyrö's formulation): O(|y| * |query| / 64) whatever D is.
class BitPattern {
 public:
  explicit BitPattern(std::string_view query)
      : n_(query.size()), words_(std::max<std::size_t>(1, (query.size() + 63) / 64)),
        masks_(256 * words_, 0) {
    for (std::size_t i = 0; i < n_; ++i)
      masks_[static_cast<unsigned char>(query[i]) * words_ + i / 64] |= std::uint64_t{1} << (i % 64);
  }

  // LCS(query, y), or -1 once it is known to stay below min_lcs.
  long lcs(std::string_view y, long min_lcs) const {
    switch (words_) {
      case 1: return run<1>(y, min_lcs);
      case 2: return run<2>(y, min_lcs);
      case 3: return run<3>(y, min_lcs);
      case 4: return run<4>(y, min_lcs);
      case 5: return run<5>(y, min_lcs);
      case 6: return run<6>(y, min_lcs);
      case 7: return run<7>(y, min_lcs);
      case 8: return run<8>(y, min_lcs);
      default: return run_any(y, min_lcs);
    }
  }

 private:
  // One byte of y: V' = (V + (V & M)) | (V & ~M), the carry rippling up
  // through the words. A fixed W keeps V in registers. (V & ~M is V ^ U.)
  template <std::size_t W>
  static void step(std::array<std::uint64_t, W>& v, const std::uint64_t* mask) {
    unsigned char carry = 0;
#pragma GCC unroll 8
    for (std::size_t w = 0; w < W; ++w) {
      const std::uint64_t x = v[w], u = x & mask[w];
      v[w] = add_carry(x, u, carry) | (x ^ u);
    }
  }

  template <std::size_t W>
  long run(std::string_view y, long min_lcs) const {
    std::array<std::uint64_t, W> v;
    v.fill(~std::uint64_t{0});
    const std::size_t m = y.size();
    for (std::size_t j = 0; j < m; ++j) {
      step<W>(v, &masks_[static_cast<unsigned char>(y[j]) * W]);
      // (On a copy of V: V itself, its address never taken, stays in registers.)
      if ((j & 31) == 31) {
        const std::array<std::uint64_t, W> copy = v;
        if (reach(copy.data(), m - j - 1) < min_lcs) return -1;
      }
    }
    const std::array<std::uint64_t, W> copy = v;
    const long result = matched(copy.data(), n_);
    return result >= min_lcs ? result : -1;
  }

  long run_any(std::string_view y, long min_lcs) const {
    std::vector<std::uint64_t> v(words_, ~std::uint64_t{0});
    const std::size_t m = y.size();
    for (std::size_t j = 0; j < m; ++j) {
      const std::uint64_t* mask = &masks_[static_cast<unsigned char>(y[j]) * words_];
      unsigned char carry = 0;
      for (std::size_t w = 0; w < words_; ++w) {
        const std::uint64_t x = v[w], u = x & mask[w];
        v[w] = add_carry(x, u, carry) | (x ^ u);
      }
      if ((j & 31) == 31 && reach(v.data(), m - j - 1) < min_lcs) return -1;
    }
    const long result = matched(v.data(), n_);
    return result >= min_lcs ? result : -1;
  }

  // The zero bits of V below i: LCS(query[0, i), y so far).
  static long matched(const std::uint64_t* v, std::size_t i) {
    long ones = 0;
    for (std::size_t w = 0; w < i / 64; ++w) ones += popcount64(v[w]);
    if (i % 64) ones += popcount64(v[i / 64] & ((std::uint64_t{1} << (i % 64)) - 1));
    return static_cast<long>(i) - ones;
  }

  // The most the LCS can reach with `rest` bytes of y to come. A common
  // subsequence splits where y does now, the query at some i: it is at most
  // LCS(query[0, i), y so far) + min(n - i, rest), a maximum that
  // i = n - rest reaches (the first term grows by at most one per step).
  long reach(const std::uint64_t* v, std::size_t rest) const {
    const std::size_t i = n_ > rest ? n_ - rest : 0;
    return matched(v, i) + static_cast<long>(std::min(rest, n_));
  }

  std::size_t n_, words_;
  std::vector<std::uint64_t> masks_;  // words_ per byte value
};

// fstrcmp's value for total length and edit count, computed as gettext does
// (so that equal values compare equal, as msgmerge's ties do).
double ratio(std::size_t total, long d) {
  return static_cast<double>(static_cast<long>(total) - d) / static_cast<double>(total);
}

// popcount64, or the processor's instruction where the caller may use it.
template <bool kPopcnt>
[[gnu::always_inline]] inline long count_ones(std::uint64_t x) {
  if constexpr (kPopcnt) return __builtin_popcountll(x);
  return popcount64(x);
}

// As BitPattern::reach, summed over classes: V holds `classes` lanes, word
// after word (v[w * classes + k] is word w of class k).
template <bool kPopcnt>
[[gnu::always_inline]] inline long classes_reach_sum(const std::uint64_t* v, std::size_t classes,
                                                     const std::size_t* lengths, std::size_t rest) {
  long sum = 0;
  for (std::size_t k = 0; k < classes; ++k) {
    const std::size_t i = lengths[k] > rest ? lengths[k] - rest : 0;
    long ones = 0;
    for (std::size_t w = 0; w < i / 64; ++w) ones += count_ones<kPopcnt>(v[w * classes + k]);
    if (i % 64) ones += count_ones<kPopcnt>(v[(i / 64) * classes + k] & ((std::uint64_t{1} << (i % 64)) - 1));
    sum += static_cast<long>(i) - ones + static_cast<long>(std::min(rest, lengths[k]));
  }
  return sum;
}

// The bit-parallel LCS of each class of bytes of the msgid (the patterns,
// `table`) with the same class of a candidate's (`steps`, as Split keeps
// them), the C classes side by side in the lanes of vectors of G words.
// Word w of class k's mask for byte b is table[(w * C + k) * 256 + b]: a
// step's C bytes each fetch their class's mask, one load each. Whether the
// sum of the C LCS can reach min_total; stops once the steps to come cannot.
template <std::size_t C, std::size_t W, std::size_t G, bool kPopcnt>
[[gnu::always_inline]] inline bool classes_reach(const std::uint64_t* table, const unsigned char* steps, std::size_t n,
                                                 const std::size_t* lengths, long min_total) {
  typedef std::uint64_t Vec __attribute__((vector_size(G * 8)));
  constexpr std::size_t kGroups = C / G;
  Vec v[W][kGroups];
  for (auto& word : v)
    for (auto& group : word) group = ~Vec{};
  auto reach = [&](std::size_t rest) {
    std::uint64_t lanes[W * C];  // (on a copy: V itself, its address never taken, stays in registers)
    std::memcpy(lanes, v, sizeof lanes);
    return classes_reach_sum<kPopcnt>(lanes, C, lengths, rest);
  };
  for (std::size_t j = 0; j < n; ++j) {
    const unsigned char* step = steps + j * C;
#pragma GCC unroll 2
    for (std::size_t g = 0; g < kGroups; ++g) {
      Vec carry{};  // 0, or all ones for a carry into the next word
#pragma GCC unroll 8
      for (std::size_t w = 0; w < W; ++w) {
        const std::uint64_t* masks = table + (w * C + g * G) * 256;
        std::uint64_t lanes[G];
#pragma GCC unroll 4
        for (std::size_t k = 0; k < G; ++k) lanes[k] = masks[k * 256 + step[g * G + k]];
        Vec m;
        std::memcpy(&m, lanes, sizeof m);
        // V' = (V + (V & M)) | (V & ~M), as in BitPattern::step.
        const Vec x = v[w][g], u = x & m;
        Vec sum = x + u;
        if constexpr (W > 1) {
          const Vec with_carry = sum - carry;
          carry = reinterpret_cast<Vec>(sum < x) | reinterpret_cast<Vec>(with_carry < sum);
          sum = with_carry;
        }
        v[w][g] = sum | (x ^ u);
      }
    }
    if ((j & 31) == 31 && reach(n - j - 1) < min_total) return false;
  }
  return reach(0) >= min_total;
}

// The same for any number of words, a lane at a time: for msgids of
// thousands of bytes, where the bound saves the most.
bool classes_reach_any(const std::uint64_t* table, const unsigned char* steps, std::size_t n,
                       const std::size_t* lengths, std::size_t classes, std::size_t words, long min_total) {
  std::vector<std::uint64_t> v(words * classes, ~std::uint64_t{0});
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t k = 0; k < classes; ++k) {
      const std::size_t b = steps[j * classes + k];
      unsigned char carry = 0;
      for (std::size_t w = 0; w < words; ++w) {
        const std::uint64_t x = v[w * classes + k], u = x & table[(w * classes + k) * 256 + b];
        v[w * classes + k] = add_carry(x, u, carry) | (x ^ u);
      }
    }
    if ((j & 31) == 31 && classes_reach_sum<false>(v.data(), classes, lengths, n - j - 1) < min_total) return false;
  }
  return classes_reach_sum<false>(v.data(), classes, lengths, 0) >= min_total;
}

#if defined(__x86_64__)
// All C lanes in one vector where the processor has AVX2 (x86-64's
// baseline, SSE2, holds two); every processor with AVX2 counts bits too.
template <std::size_t C, std::size_t W>
[[gnu::target("avx2,popcnt")]] bool classes_reach_avx2(const std::uint64_t* table, const unsigned char* steps,
                                                       std::size_t n, const std::size_t* lengths, long min_total) {
  return classes_reach<C, W, C, true>(table, steps, n, lengths, min_total);
}
#endif

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
constexpr long kMyersLimit = 8;
// Msgids up to this long go straight to the exact LCS.
constexpr std::size_t kSplitFrom = 32;
// Candidates evaluated in order of their bounds before the others.
constexpr std::size_t kHead = 8;
constexpr std::size_t kMaxClasses = *std::max_element(FuzzyIndex::kClassCounts.begin(), FuzzyIndex::kClassCounts.end());

}  // namespace

FuzzyIndex::FuzzyIndex(std::vector<const Message*> candidates, bool wide_vectors) {
  by_length_.reserve(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i)
    by_length_.push_back({candidates[i], candidates[i]->msgid, static_cast<std::uint32_t>(i),
                          static_cast<std::uint32_t>(candidates[i]->msgid.size()), candidates[i]->msgctxt.has_value()});
  std::stable_sort(by_length_.begin(), by_length_.end(),
                   [](const Candidate& a, const Candidate& b) { return a.length < b.length; });
  hist_.resize(by_length_.size() * kBins);
  for (std::size_t p = 0; p < by_length_.size(); ++p) fill_histogram(by_length_[p].msgid, &hist_[p * kBins]);
  split_by_class();
  for (std::size_t p = 0; p < by_length_.size(); ++p) {
    const std::string_view id = by_length_[p].msgid;
    if (id.size() < kSeed) continue;
    by_start_.emplace(id.substr(0, kSeed), static_cast<std::uint32_t>(p));
    by_end_.emplace(id.substr(id.size() - kSeed), static_cast<std::uint32_t>(p));
  }
#if defined(__x86_64__)
  avx2_ = wide_vectors && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
#else
  (void)wide_vectors;
#endif
}

// The classes take the histogram bins in turns, most frequent first, so
// that each holds about as many bytes of a msgid as the others; with a
// count that divides the previous one, each class is a union of classes
// of the previous split.
void FuzzyIndex::split_by_class() {
  std::array<std::size_t, kBins> totals{};
  for (const Candidate& c : by_length_)
    for (unsigned char b : c.msgid) ++totals[kBinOf[b]];
  std::array<std::size_t, kBins> bins;
  std::iota(bins.begin(), bins.end(), 0);
  std::stable_sort(bins.begin(), bins.end(), [&](std::size_t a, std::size_t b) { return totals[a] > totals[b]; });
  for (std::size_t level = 0; level < splits_.size(); ++level) {
    Split& split = splits_[level];
    const std::size_t classes = split.classes = kClassCounts[level];
    std::array<std::uint8_t, kBins> bin_class;
    for (std::size_t rank = 0; rank < kBins; ++rank) bin_class[bins[rank]] = static_cast<std::uint8_t>(rank % classes);
    for (std::size_t b = 0; b < 256; ++b) split.byte_class[b] = bin_class[kBinOf[b]];
    split.at.reserve(by_length_.size() + 1);
    split.at.push_back(0);
    for (const Candidate& c : by_length_) {
      std::array<std::size_t, kMaxClasses> count{};
      for (unsigned char b : c.msgid) ++count[split.byte_class[b]];
      const std::size_t at = split.steps.size();
      split.steps.resize(at + *std::max_element(count.begin(), count.end()) * classes, '\0');
      std::array<std::size_t, kMaxClasses> next;
      for (std::size_t k = 0; k < classes; ++k) next[k] = at + k;
      for (char b : c.msgid) {
        std::size_t& i = next[split.byte_class[static_cast<unsigned char>(b)]];
        split.steps[i] = b;
        i += classes;
      }
      split.at.push_back(static_cast<std::uint32_t>(split.steps.size()));
    }
  }
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
    fill_histogram(q_, hist_.data());
    const std::uint8_t* hist = hist_.data();
    // A changed msgid is usually a close copy of one candidate: first the
    // one that starts as it does and the one that ends as it does, whose
    // goal prunes the rest; then near its length, then as far as the best
    // goal found allows.
    if (q_.size() >= kSeed) {
      if (auto it = index_.by_start_.find(q_.substr(0, kSeed)); it != index_.by_start_.end()) consider(it->second);
      if (auto it = index_.by_end_.find(q_.substr(q_.size() - kSeed)); it != index_.by_end_.end()) consider(it->second);
    }
    auto [a_first, a_last] = window(std::max(best_goal_, 0.9));
    scan(a_first, a_last, hist);
    auto [first, last] = window(best_goal_);
    scan(first, std::min(a_first, last), hist);
    scan(std::max(a_last, first), last, hist);
    if (best_ < 0) return {};
    return {index_.by_length_[static_cast<std::size_t>(best_)].message, best_goal_};
  }

 private:
  bool sure(const Candidate& c) const {
    return !c.has_context || (ref_.msgctxt && *ref_.msgctxt == *c.message->msgctxt);
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
    std::vector<std::pair<double, std::size_t>>& open = open_;
    open.clear();
    // 1 / total once a length, not a division a candidate: they come by
    // length. (Rounded another way, a bound moves within kSlack.)
    std::uint32_t length = 0;
    double inverse = 1.0 / static_cast<double>(n);
    for (std::size_t p = first; p < last; ++p) {
      const Candidate& c = index_.by_length_[p];
      if (c.length != length) {
        length = c.length;
        inverse = 1.0 / static_cast<double>(n + length);
      }
      const unsigned diff = std::max<unsigned>(histogram_distance(hist, &index_.hist_[p * kBins]),
                                               static_cast<unsigned>(n > c.length ? n - c.length : c.length - n));
      const double bound = static_cast<double>(n + c.length - diff) * inverse + (sure(c) ? kBonus : 0.0);
      if (bound >= best_goal_ - kSlack) open.emplace_back(bound, p);
    }
    // The best bounds first: the goals found there prune the rest, in
    // whatever order (the decision does not depend on it).
    const auto head = open.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(open.size(), kHead));
    std::partial_sort(open.begin(), head, open.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (const auto& [bound, p] : open)
      if (bound >= best_goal_ - kSlack) consider(p);
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
      d = indel_distance(q_, c.msgid, max_d);
    } else {
      const long min_lcs = (static_cast<long>(total) - max_d + 1) / 2;
      // Bounds by classes of bytes first: even where the LCS takes one word,
      // four classes in lockstep take less time.
      if (q_.size() > kSplitFrom) {
        if (!split_bound_reaches(0, p, min_lcs)) return -1;
        if (!split_bound_reaches(1, p, min_lcs)) return -1;
      }
      if (!pattern_) pattern_.emplace(q_);
      const long lcs = pattern_->lcs(c.msgid, min_lcs);
      d = lcs < 0 ? -1 : static_cast<long>(total) - 2 * lcs;
    }
    if (d < 0 || d > max_d) return -1;
    return ratio(total, d) + bonus;
  }

  // Whether the LCS of the msgid and candidate p can reach min_lcs, by an
  // upper bound at a fraction of the cost: a common subsequence, restricted
  // to the bytes of one class, is one of the two msgids so restricted, so
  // the LCS is at most the sum over the classes of their LCS. With fewer
  // letters to choose from, unrelated texts align better, but far less
  // than the histogram allows: on prose, where the histogram bound passes
  // nine unrelated candidates in ten at 0.6, two classes pass one in five
  // thousand, four one in fifteen.
  bool split_bound_reaches(std::size_t level, std::size_t p, long min_lcs) {
    const Split& split = index_.splits_[level];
    ClassPatterns& patterns = class_patterns_[level];
    if (patterns.table.empty()) patterns = ClassPatterns(split, q_);
    const auto* steps = reinterpret_cast<const unsigned char*>(split.steps.data()) + split.at[p];
    const std::size_t n = (split.at[p + 1] - split.at[p]) / split.classes;
    return split.classes == 4 ? patterns.reach<4>(index_.avx2_, steps, n, min_lcs)
                              : patterns.reach<2>(index_.avx2_, steps, n, min_lcs);
  }

  // The msgid's classes of one split as the patterns of classes_reach.
  struct ClassPatterns {
    ClassPatterns() = default;
    ClassPatterns(const Split& split, std::string_view q) {
      for (unsigned char b : q) ++lengths[split.byte_class[b]];
      words = (*std::max_element(lengths.begin(), lengths.end()) + 63) / 64;
      table.assign(words * 256 * split.classes, 0);
      std::array<std::size_t, kMaxClasses> next{};
      for (unsigned char b : q) {
        const std::size_t k = split.byte_class[b], i = next[k]++;
        table[((i / 64) * split.classes + k) * 256 + b] |= std::uint64_t{1} << (i % 64);
      }
    }

    template <std::size_t C>
    bool reach(bool avx2, const unsigned char* steps, std::size_t n, long min_lcs) const {
      const std::uint64_t* t = table.data();
      const std::size_t* len = lengths.data();
#if defined(__x86_64__)
      if (avx2) {
        switch (words) {
          case 1: return classes_reach_avx2<C, 1>(t, steps, n, len, min_lcs);
          case 2: return classes_reach_avx2<C, 2>(t, steps, n, len, min_lcs);
          case 3: return classes_reach_avx2<C, 3>(t, steps, n, len, min_lcs);
          case 4: return classes_reach_avx2<C, 4>(t, steps, n, len, min_lcs);
        }
      }
#endif
      switch (words) {
        case 1: return classes_reach<C, 1, 2, false>(t, steps, n, len, min_lcs);
        case 2: return classes_reach<C, 2, 2, false>(t, steps, n, len, min_lcs);
        case 3: return classes_reach<C, 3, 2, false>(t, steps, n, len, min_lcs);
        case 4: return classes_reach<C, 4, 2, false>(t, steps, n, len, min_lcs);
      }
      return classes_reach_any(t, steps, n, len, C, words, min_lcs);
    }

    std::size_t words = 0;
    std::array<std::size_t, kMaxClasses> lengths{};
    std::vector<std::uint64_t> table;
  };

  // msgmerge's rule: a higher goal wins; on an equal goal, the candidate
  // sharing more of the msgid's 4-grams, then the earlier one. A candidate
  // sharing none is not one of msgmerge's.
  void consider(std::size_t p) {
    const double goal = goal_of(p);
    if (goal < 0 || goal < best_goal_ || (goal == best_goal_ && best_ < 0)) return;
    const long shared = shared_grams(index_.by_length_[p].msgid);
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
  std::array<std::uint8_t, kBins> hist_{};
  std::optional<const BitPattern> pattern_;
  std::array<ClassPatterns, kClassCounts.size()> class_patterns_;
  std::vector<std::pair<double, std::size_t>> open_;  // scan's, kept for its next call
  std::unordered_map<std::string_view, std::pair<long, long>> gram_counts_;  // gram -> (count, stamp)
  long stamp_ = 0;
};

FuzzyIndex::Match FuzzyIndex::search(const Message& ref, double lower_bound) const {
  return Search(*this, ref, lower_bound).run();
}

}  // namespace l10n
