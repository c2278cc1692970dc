#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "language/dictionary_image.h"
#include "language/language_id.h"
#include "testing.h"

using namespace l10n;
using l10n::testing::TempDir;

namespace {

WordSet words_of_list(std::initializer_list<const char*> words) {
  WordSet set;
  for (const char* w : words) set.insert(w);
  return set;
}

}  // namespace

TEST_CASE("a dictionary image gives each file's set by its key, and nothing for another file", "[dictionary_image]") {
  std::vector<std::pair<std::string, WordSet>> sets;
  sets.emplace_back("/a/nl.dic\n10\n1.0", words_of_list({"fiets", "appel"}));
  sets.emplace_back("/a/en.dic\n10\n1.0", words_of_list({"bike"}));
  std::string image = dictionary_image(sets);
  std::optional<WordSet> nl = word_set_in_image(image, "/a/nl.dic\n10\n1.0");
  REQUIRE(nl);
  CHECK(nl->contains("fiets"));
  CHECK_FALSE(nl->contains("bike"));
  std::optional<WordSet> en = word_set_in_image(image, "/a/en.dic\n10\n1.0");
  REQUIRE(en);
  CHECK(en->contains("bike"));
  CHECK_FALSE(word_set_in_image(image, "/a/nl.dic\n11\n1.0"));  // the file changed
  CHECK_FALSE(word_set_in_image(image, ""));
  CHECK_FALSE(word_set_in_image("", "/a/nl.dic\n10\n1.0"));
  CHECK_FALSE(word_set_in_image(std::string_view(image).substr(0, image.size() / 2), "/a/en.dic\n10\n1.0"));
}

TEST_CASE("a dictionary's key changes with the file, and names it through links", "[dictionary_image]") {
  TempDir dir;
  std::string dic = dir.str() + "/xx.dic";
  std::ofstream(dic) << "2\nappel\npeer\n";
  std::string key = dictionary_key(dic);
  CHECK_FALSE(key.empty());
  std::filesystem::create_symlink(dic, dir.str() + "/xx_XX.dic");
  CHECK(dictionary_key(dir.str() + "/xx_XX.dic") == key);
  std::ofstream(dic, std::ios::app) << "kiwi\n";
  CHECK(dictionary_key(dic) != key);
  CHECK(dictionary_key(dir.str() + "/none.dic").empty());
}

TEST_CASE("the dictionaries the program carries are the files as read", "[dictionary_image]") {
  std::string_view image = embedded_dictionary_image();
  for (const char* language : {"nl", "en"}) {
    std::string path = dictionary_file(language, "/usr/share/hunspell");
    if (path.empty()) continue;
    std::optional<WordSet> carried = word_set_in_image(image, dictionary_key(path));
    if (!carried) continue;  // built without it, or the file changed since
    std::string as_carried, as_read;
    carried->write_image(as_carried);
    read_dictionary_words(path).write_image(as_read);
    CHECK(as_carried == as_read);
  }
}
