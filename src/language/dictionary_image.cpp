#include "language/dictionary_image.h"

#include <sys/stat.h>

#include <cstdint>
#include <cstring>
#include <filesystem>

// Defined by language/embedded/dictionaries.cpp, which the programs link and
// the library does not: the tool that makes the image links the library.
// Weak, so that a program without them has null addresses here instead of a
// link error.
extern "C" {
extern const char l10n_dictionary_image_begin[] __attribute__((weak));
extern const char l10n_dictionary_image_end[] __attribute__((weak));
}

namespace l10n {

namespace {

// An image: this number, the count of dictionaries, then for each the length
// of its key, the key, the length of its set's image and that image.
constexpr std::uint64_t kMagic = 0x6c31306e64690001ull;  // "l10ndi", 1

void append_u64(std::string& out, std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }

// The next 8-byte number of `in`, consumed; nullopt at its end.
std::optional<std::uint64_t> take_u64(std::string_view& in) {
  std::uint64_t v;
  if (in.size() < sizeof v) return std::nullopt;
  std::memcpy(&v, in.data(), sizeof v);
  in.remove_prefix(sizeof v);
  return v;
}

// The next `n` bytes of `in`, consumed; nullopt if there are fewer.
std::optional<std::string_view> take(std::string_view& in, std::uint64_t n) {
  if (in.size() < n) return std::nullopt;
  std::string_view out = in.substr(0, n);
  in.remove_prefix(n);
  return out;
}

}  // namespace

std::string dictionary_key(const std::string& path) {
  std::error_code ec;
  std::filesystem::path real = std::filesystem::canonical(path, ec);
  struct stat st;
  if (ec || ::stat(real.c_str(), &st) != 0) return "";
  return real.string() + "\n" + std::to_string(st.st_size) + "\n" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}

std::string dictionary_image(const std::vector<std::pair<std::string, WordSet>>& sets) {
  std::string out;
  append_u64(out, kMagic);
  append_u64(out, sets.size());
  for (const auto& [key, set] : sets) {
    append_u64(out, key.size());
    out += key;
    std::string image;
    set.write_image(image);
    append_u64(out, image.size());
    out += image;
  }
  return out;
}

std::optional<WordSet> word_set_in_image(std::string_view image, std::string_view key) {
  if (key.empty() || take_u64(image) != kMagic) return std::nullopt;
  std::optional<std::uint64_t> count = take_u64(image);
  for (std::uint64_t i = 0; count && i < *count; ++i) {
    std::optional<std::uint64_t> key_size = take_u64(image);
    std::optional<std::string_view> its_key = key_size ? take(image, *key_size) : std::nullopt;
    std::optional<std::uint64_t> set_size = its_key ? take_u64(image) : std::nullopt;
    std::optional<std::string_view> set = set_size ? take(image, *set_size) : std::nullopt;
    if (!set) return std::nullopt;
    if (*its_key == key) return WordSet::view(*set);
  }
  return std::nullopt;
}

std::string_view embedded_dictionary_image() {
  const char* begin = l10n_dictionary_image_begin;
  const char* end = l10n_dictionary_image_end;
  if (!begin || !end || end <= begin) return {};
  return {begin, static_cast<std::size_t>(end - begin)};
}

}  // namespace l10n
