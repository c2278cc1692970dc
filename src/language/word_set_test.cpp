#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "language/word_set.h"

using namespace l10n;

TEST_CASE("WordSet holds what was inserted, and nothing else", "[word_set]") {
  WordSet set;
  CHECK_FALSE(set.contains("a"));
  CHECK_FALSE(set.contains(""));
  std::set<std::string> words;
  for (int i = 0; i < 5000; ++i) words.insert("w" + std::to_string(i * 7919 % 100003));
  for (const std::string& w : words) set.insert(w);
  set.insert("w0");  // again
  set.insert("");    // never
  CHECK(set.size() == words.size());
  for (const std::string& w : words) CHECK(set.contains(w));
  for (int i = 0; i < 5000; ++i) {
    std::string w = "x" + std::to_string(i);
    CHECK(set.count(w) == 0);
  }
  CHECK_FALSE(set.contains("w"));
  CHECK_FALSE(set.contains(""));
  // Lookups take views of any string: a word inside a longer text.
  std::string text = "say w0 now";
  CHECK(set.contains(std::string_view(text).substr(4, 2)));
}

TEST_CASE("WordSet: reserve, then as many words, without a rehash losing any", "[word_set]") {
  WordSet set;
  set.reserve(1000);
  for (int i = 0; i < 3000; ++i) set.insert(std::to_string(i) + "é");
  CHECK(set.size() == 3000);
  for (int i = 0; i < 3000; ++i) CHECK(set.contains(std::to_string(i) + "é"));
}
