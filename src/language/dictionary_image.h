// Dictionaries made into word sets when the program is built, and carried in
// it: reading a hunspell file and hashing its 180,000 words cost every run of
// `check` more than a third of what extracting the same pages costs, while a
// set carried in the program costs nothing until a lookup touches it.
// tools/dictionary_image.cpp makes the image at build time from the system's
// dictionaries; a run uses a set from it only when the file it would read is
// the very one the set was made from, and reads the file otherwise.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "language/word_set.h"

namespace l10n {

// What tells a dictionary file's contents without reading it: its path with
// the links resolved, its size and its modification time (a package update
// changes them). Empty when the file cannot be looked at.
std::string dictionary_key(const std::string& path);

// The bytes of an image: each dictionary's key and word set.
std::string dictionary_image(const std::vector<std::pair<std::string, WordSet>>& sets);

// The set made from the dictionary of `key` in `image`, viewing the image's
// bytes (which must outlive it); nullopt if there is none, or no image.
std::optional<WordSet> word_set_in_image(std::string_view image, std::string_view key);

// The image the program carries; empty when it carries none (the tool that
// makes the image, a build without dictionaries).
std::string_view embedded_dictionary_image();

}  // namespace l10n
