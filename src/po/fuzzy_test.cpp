#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "po/fuzzy.h"

using namespace l10n;

namespace {

// msgmerge's count: the 4-grams of `id` (repeats included) that occur in
// `other`. ASCII only, where a character is a byte.
long shared_grams(const std::string& id, const std::string& other) {
  std::set<std::string> in_other;
  for (std::size_t i = 0; i + 4 <= other.size(); ++i) in_other.insert(other.substr(i, 4));
  long shared = 0;
  for (std::size_t i = 0; i + 4 <= id.size(); ++i) shared += in_other.count(id.substr(i, 4)) > 0;
  return shared;
}

// msgmerge's choice, by comparing with every candidate: the highest goal
// above the bound among those sharing a 4-gram, then more 4-grams shared,
// then the earlier one.
FuzzyIndex::Match every_candidate(const std::vector<const Message*>& candidates, const Message& ref, double bound) {
  FuzzyIndex::Match best{nullptr, bound};
  long best_shared = 0;
  for (const Message* c : candidates) {
    const long shared = shared_grams(ref.msgid, c->msgid);
    if (shared == 0) continue;
    const double goal = fuzzy_goal(*c, ref);
    if (goal > best.goal || (best.message && goal == best.goal && shared > best_shared)) {
      best = {c, goal};
      best_shared = shared;
    }
  }
  return best;
}

// Text from few words, so that unrelated msgids still look alike, of 20 to
// 1,400 bytes: the bounds of every width, from one machine word to many.
std::string words(std::mt19937& rng, std::size_t n) {
  static const char* const kWords[] = {"the", "a", "page", "site", "of", "and", "to", "build", "theme", "content",
                                       "with", "for", "menu", "Hugo", "file", "is", "in", "your", "on", "config"};
  std::string s;
  while (s.size() < n) s += std::string(s.empty() ? "" : " ") + kWords[rng() % std::size(kWords)];
  return s + ".";
}

// Edits a few words: a close candidate, or with more edits a distant one.
std::string edited(std::mt19937& rng, std::string s, int edits) {
  for (int e = 0; e < edits; ++e) {
    const std::size_t at = rng() % s.size();
    s.replace(at, std::min<std::size_t>(rng() % 12, s.size() - at), words(rng, rng() % 10));
  }
  return s;
}

}  // namespace

TEST_CASE("FuzzyIndex makes msgmerge's choice, on wide vectors or not", "[fuzzy]") {
  std::mt19937 rng(11);
  std::vector<Message> messages;
  std::vector<std::string> queries;
  for (int i = 0; i < 60; ++i) {
    const std::size_t length = i % 3 == 0 ? 20 + rng() % 1400 : 20 + rng() % 300;
    Message m;
    m.msgid = words(rng, length);
    m.msgstr = {"nl"};
    if (rng() % 5 == 0) m.msgctxt = rng() % 2 ? "menu" : "title";
    queries.push_back(edited(rng, m.msgid, 1 + static_cast<int>(rng() % 40)));
    messages.push_back(std::move(m));
  }
  std::vector<const Message*> candidates;
  for (const Message& m : messages) candidates.push_back(&m);
  const FuzzyIndex wide(candidates, true), narrow(candidates, false);
  std::size_t matched = 0;
  for (const std::string& q : queries) {
    Message ref;
    ref.msgid = q;
    if (rng() % 5 == 0) ref.msgctxt = "menu";
    const FuzzyIndex::Match expected = every_candidate(candidates, ref, kFuzzyThreshold);
    INFO(q);
    for (const FuzzyIndex* index : {&wide, &narrow}) {
      const FuzzyIndex::Match got = index->search(ref, kFuzzyThreshold);
      CHECK(got.message == expected.message);
      if (expected.message) CHECK(got.goal == expected.goal);
    }
    matched += expected.message != nullptr;
  }
  // Both outcomes are tried.
  CHECK(matched > 10);
  CHECK(matched < queries.size());
}

TEST_CASE("FuzzyIndex finds a match whose goal just passes the bound", "[fuzzy]") {
  // With the bound just under the goal, every bound of the search is put to
  // the test at its edge: none may fall below the exact LCS.
  std::mt19937 rng(5);
  for (int i = 0; i < 300; ++i) {
    Message c;
    c.msgid = words(rng, 20 + rng() % (i % 4 == 0 ? 1400 : 300));
    c.msgstr = {"nl"};
    Message ref;
    ref.msgid = edited(rng, c.msgid, 1 + static_cast<int>(rng() % 30));
    const double goal = fuzzy_goal(c, ref);
    if (shared_grams(ref.msgid, c.msgid) == 0) continue;
    INFO(ref.msgid << " / " << c.msgid);
    for (bool wide : {true, false}) {
      const FuzzyIndex index({&c}, wide);
      CHECK(index.search(ref, goal - 1e-12).message == &c);
      CHECK(index.search(ref, goal).message == nullptr);
    }
  }
}
