#include <catch2/catch.hpp>

#include <optional>
#include <set>
#include <vector>
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

TEST_CASE("WordSet: many words at once, duplicates among them, as one by one", "[word_set]") {
  std::string store;
  std::vector<WordSet::At> at;
  for (int i = 0; i < 20000; ++i) {
    std::string w = "d" + std::to_string(i % 15000);
    at.push_back({static_cast<std::uint32_t>(store.size()), static_cast<std::uint32_t>(w.size())});
    store += w;
  }
  WordSet batch = WordSet::adopt(store, at), single;
  for (const WordSet::At& a : at) single.insert(std::string_view(store).substr(a.offset, a.length));
  batch.insert("d1");  // some after, again
  CHECK(batch.size() == 15000);
  CHECK(single.size() == 15000);
  for (int i = 0; i < 16000; ++i) {
    std::string w = "d" + std::to_string(i);
    CHECK(batch.contains(w) == (i < 15000));
  }
  // A "word" of 64 KiB or more is no word: never in the set.
  std::string huge(70000, 'a');
  batch.insert(huge);
  CHECK_FALSE(batch.contains(huge));
  CHECK(batch.size() == 15000);
}

TEST_CASE("WordSet::adopt keeps the text as its store and finds the words at their places", "[word_set]") {
  std::string text = "appelpeerappelkiwi";
  std::vector<WordSet::At> at = {{0, 5}, {5, 4}, {9, 5}, {14, 4}, {3, 0}};
  WordSet set = WordSet::adopt(text, at);
  CHECK(set.size() == 3);  // "appel" twice, the empty word never
  for (const char* w : {"appel", "peer", "kiwi"}) CHECK(set.contains(w));
  CHECK_FALSE(set.contains("appelpeer"));
  CHECK_FALSE(set.contains(""));
  set.insert("druif");  // and it still grows as any set
  CHECK(set.contains("druif"));
  CHECK(set.contains("kiwi"));
}

TEST_CASE("WordSet: an image read where it lies holds the same words, and a copy of it grows", "[word_set]") {
  WordSet set;
  for (int i = 0; i < 3000; ++i) set.insert("w" + std::to_string(i) + "ë");
  std::string image;
  set.write_image(image);
  std::optional<WordSet> view = WordSet::view(image);
  REQUIRE(view);
  CHECK(view->size() == 3000);
  for (int i = 0; i < 3100; ++i) CHECK(view->contains("w" + std::to_string(i) + "ë") == (i < 3000));
  CHECK_FALSE(view->contains(""));
  WordSet grown = *view;
  grown.insert("nieuw");
  CHECK(grown.contains("nieuw"));
  CHECK(grown.contains("w7ë"));
  CHECK_FALSE(view->contains("nieuw"));  // the image is never written
  // Not an image: too short, another magic number, a table cut short.
  CHECK_FALSE(WordSet::view(""));
  CHECK_FALSE(WordSet::view(std::string(64, 'x')));
  CHECK_FALSE(WordSet::view(std::string_view(image).substr(0, image.size() - 1)));
  std::string empty_image;
  WordSet().write_image(empty_image);
  std::optional<WordSet> empty = WordSet::view(empty_image);
  REQUIRE(empty);
  CHECK(empty->size() == 0);
  CHECK_FALSE(empty->contains("w1ë"));
}

TEST_CASE("WordSet: a word is found whatever byte it starts with, as the set grows and after a copy", "[word_set]") {
  WordSet set;
  std::vector<std::string> words;
  for (int b = 1; b < 256; b += 3) words.push_back(std::string(1, static_cast<char>(b)) + "x" + std::to_string(b));
  for (std::size_t i = 0; i < words.size(); ++i) {
    set.insert(words[i]);
    for (std::size_t j = 0; j < words.size(); ++j) CHECK(set.contains(words[j]) == (j <= i));
  }
  std::string image;
  set.write_image(image);
  WordSet copy = *WordSet::view(image);
  copy.insert("Zelf");
  for (const std::string& w : words) CHECK(copy.contains(w));
  CHECK(copy.contains("Zelf"));
  CHECK_FALSE(set.contains("Zelf"));
}
