// Makes the image of the dictionaries that the program carries
// (src/language/dictionary_image.h): each language's hunspell file read as
// `check` reads it, its word set written as it lies in memory. Run by the
// build (CMakeLists.txt); a language without a dictionary is left out, and
// a run that finds none writes an image of none.
//
// usage: dictionary_image OUTPUT DICT_DIR LANGUAGE...
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "language/dictionary_image.h"
#include "language/language_id.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: dictionary_image OUTPUT DICT_DIR LANGUAGE...\n";
    return 2;
  }
  try {
    std::vector<std::pair<std::string, l10n::WordSet>> sets;
    for (int i = 3; i < argc; ++i) {
      std::string path = l10n::dictionary_file(argv[i], argv[2]);
      std::string key = path.empty() ? "" : l10n::dictionary_key(path);
      if (!key.empty()) sets.emplace_back(key, l10n::read_dictionary_words(path));
    }
    std::string image = l10n::dictionary_image(sets);
    std::string temp = std::string(argv[1]) + ".tmp";
    std::ofstream out(temp, std::ios::binary);
    out.write(image.data(), static_cast<std::streamsize>(image.size()));
    out.close();
    if (!out || std::rename(temp.c_str(), argv[1]) != 0) throw std::runtime_error("cannot write " + std::string(argv[1]));
  } catch (const std::exception& e) {
    std::cerr << "dictionary_image: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
