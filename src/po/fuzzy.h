// msgmerge's fuzzy search, decision for decision, without its cost: which
// old message a changed msgid takes its fuzzy translation from.
// docs/update.md ("Similarity") explains the rules and the bounds.
#pragma once

#include <cstdint>
#include <string_view>
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
  // file order). They must outlive the index.
  explicit FuzzyIndex(std::vector<const Message*> candidates);

  struct Match {
    const Message* message = nullptr;  // nullptr: none above the bound
    double goal = 0;                   // msgmerge's fuzzy_search_goal_function
  };
  // The candidate msgmerge picks for `ref` among those whose goal (similarity,
  // plus 0.00001 when the context cannot be wrong) exceeds `lower_bound`.
  Match search(const Message& ref, double lower_bound) const;

  static constexpr std::size_t kBins = 64;

 private:
  struct Candidate {
    const Message* message;
    std::uint32_t index;   // msgmerge's order
    std::uint32_t length;  // bytes of the msgid
  };
  class Search;

  std::vector<Candidate> by_length_;  // by length, then msgmerge's order
  std::vector<std::uint8_t> hist_;    // kBins byte counts per entry of by_length_
};

// The goal msgmerge maximises: gettext's fuzzy_search_goal_function.
double fuzzy_goal(const Message& candidate, const Message& ref);

}  // namespace l10n
