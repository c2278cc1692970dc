// msgmerge's fuzzy search, decision for decision, without its cost: which
// old message a changed msgid takes its fuzzy translation from.
// docs/update.md ("Similarity") explains the rules and the bounds.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "po/catalog.h"

namespace l10n {

// gettext's FUZZY_THRESHOLD: a match needs a goal above it.
inline constexpr double kFuzzyThreshold = 0.6;

// The candidates of one search, indexed by length and by a coarse byte
// histogram. Read-only once built, so one index serves every thread.
class FuzzyIndex {
 public:
  // `candidates`: translated messages in msgmerge's order (the old catalog in
  // file order). They must outlive the index. `wide_vectors`: run the class
  // bounds four lanes to a vector where the processor can (AVX2); the
  // answers are the same either way, and the tests hold them so.
  explicit FuzzyIndex(std::vector<const Message*> candidates, bool wide_vectors = true);

  struct Match {
    const Message* message = nullptr;  // nullptr: none above the bound
    double goal = 0;                   // msgmerge's fuzzy_search_goal_function
  };
  // The candidate msgmerge picks for `ref` among those whose goal (similarity,
  // plus 0.00001 when the context cannot be wrong) exceeds `lower_bound`.
  Match search(const Message& ref, double lower_bound) const;
  bool empty() const { return by_length_.empty(); }

  static constexpr std::size_t kBins = 64;
  // The byte classes of the split bounds (Search::split_bound_reaches):
  // four, then two, each the union of two of the four.
  static constexpr std::array<std::size_t, 2> kClassCounts = {4, 2};

 private:
  // What a search reads of a candidate, kept together: the messages
  // themselves lie all over the heap.
  struct Candidate {
    const Message* message;
    std::string_view msgid;
    std::uint32_t index;  // msgmerge's order
    std::uint32_t length;  // bytes of the msgid
    bool has_context;
  };
  class Search;
  void split_by_class();

  std::vector<Candidate> by_length_;  // by length, then msgmerge's order
  std::vector<std::uint8_t> hist_;    // kBins byte counts per entry of by_length_
  struct Split {
    std::size_t classes = 0;
    std::array<std::uint8_t, 256> byte_class{};
    // Per entry of by_length_, its msgid's bytes grouped by class (in their
    // order within a class), the classes side by side: step j holds the
    // j-th byte of each class, or a 0 past the end of one (a byte more can
    // only raise the bound). Entry p's steps are the bytes [at[p], at[p + 1]),
    // `classes` a step.
    std::string steps;
    std::vector<std::uint32_t> at;
  };
  std::array<Split, kClassCounts.size()> splits_;
  // Entries of by_length_ by the first and by the last kSeed bytes of their
  // msgid (one entry a key): an edited msgid most often kept one of them.
  static constexpr std::size_t kSeed = 16;
  std::unordered_map<std::string_view, std::uint32_t> by_start_, by_end_;
  bool avx2_ = false;  // the class bounds run all their lanes in one AVX2 vector
};

// The goal msgmerge maximises: gettext's fuzzy_search_goal_function.
double fuzzy_goal(const Message& candidate, const Message& ref);

}  // namespace l10n
