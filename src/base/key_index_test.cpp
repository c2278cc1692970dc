#include "base/key_index.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <unordered_map>

namespace l10n {

namespace {
// A hash that collides often, so that probing past full slots is tested.
struct FewBuckets {
  std::size_t operator()(const std::string& s) const { return std::hash<std::string>()(s) % 7; }
};
}  // namespace

TEST_CASE("a key index numbers keys in the order they came, as a map would", "[key_index]") {
  std::mt19937 rng(3);
  KeyIndex<std::string, std::hash<std::string>> index;
  KeyIndex<std::string, FewBuckets> colliding;
  std::unordered_map<std::string, std::size_t> reference;
  for (int i = 0; i < 20000; ++i) {
    std::string key = std::to_string(rng() % 5000);
    auto [number, is_new] = index.insert(key);
    auto [it, inserted] = reference.try_emplace(key, reference.size());
    REQUIRE(is_new == inserted);
    REQUIRE(number == it->second);
    if (i < 3000) REQUIRE(colliding.insert(key) == std::make_pair(it->second, inserted));
    REQUIRE(index.key(number) == key);
  }
  CHECK(index.size() == reference.size());
  for (const auto& [key, number] : reference) CHECK(index.find(key) == number);
  CHECK(index.find("not a number") == std::nullopt);
  CHECK(colliding.find("not a number") == std::nullopt);
  CHECK(KeyIndex<std::string, std::hash<std::string>>().find("") == std::nullopt);
}

TEST_CASE("a key index reserved ahead keeps its numbers", "[key_index]") {
  KeyIndex<std::string, std::hash<std::string>> index(3);
  CHECK(index.insert("a").first == 0);
  CHECK(index.insert("b").first == 1);
  index.reserve(1000);
  CHECK(index.find("a") == 0u);
  CHECK(index.insert("b") == std::make_pair(std::size_t{1}, false));
  index.clear();
  CHECK(index.size() == 0);
  CHECK(index.insert("b") == std::make_pair(std::size_t{0}, true));
}

}  // namespace l10n
