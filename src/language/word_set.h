// A set of words looked up by string_view without allocating: the words lie
// end to end in one string, and an open-addressing table holds where each
// starts. A dictionary of 180,000 words loads at every run of `check`, and
// every word of every page is looked up in two of them, several times over
// for inflections: nodes of a std::unordered_set<std::string> cost an
// allocation each to build and a cache miss each to visit.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace l10n {

class WordSet {
 public:
  void reserve(std::size_t words);
  // The empty word, and words of 64 KiB and more, are never in the set.
  void insert(std::string_view word);
  // The set of the words that lie in `text` at `at` (offset, length), `text`
  // kept as the set's own store: a dictionary loads without copying its
  // words again, each insert's cache miss overlapping the next ones'.
  struct At {
    std::uint32_t offset, length;
  };
  static WordSet adopt(std::string text, std::span<const At> at);
  // The set as bytes (its table and its words, as they lie in memory), and a
  // set that reads such bytes where they are, without copying them: the
  // program carries its dictionaries' sets made at build time
  // (dictionary_image.h), so that a run of `check` loads nothing. `image`
  // must start 8-aligned and outlive the set; nullopt if it is no image.
  void write_image(std::string& out) const;
  static std::optional<WordSet> view(std::string_view image);
  bool contains(std::string_view word) const;
  std::size_t count(std::string_view word) const { return contains(word) ? 1 : 0; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // The hash the set files a word by; for other tables of words too.
  static std::uint64_t hash(std::string_view word);

 private:
  // A tag of the hash spares most comparisons with the arena, each a cache
  // miss of its own.
  struct Slot {
    std::uint32_t offset = 0;
    std::uint16_t length = 0;  // 0: a free slot
    std::uint16_t tag = 0;
  };
  static std::uint16_t tag_of(std::uint64_t h) { return static_cast<std::uint16_t>(h >> 48); }
  // The set's words and table: its own, or those of the image it views
  // (bytes, read a slot at a time: an image holds no Slot objects).
  std::string_view words() const { return viewed_ ? view_words_ : std::string_view(arena_); }
  std::size_t slot_count() const { return viewed_ ? view_slot_count_ : slots_.size(); }
  const char* table() const { return viewed_ ? view_slots_ : reinterpret_cast<const char*>(slots_.data()); }
  static Slot slot(const char* table, std::size_t i);
  // A viewed set copies the image into its own store before it changes.
  void own();
  // The slot that holds `word`, or the free one where it would go.
  std::size_t find(std::string_view word, std::uint64_t h) const;
  void insert(std::string_view word, std::uint64_t h);
  // Files the word at `offset` of the store, unless the set has it.
  void file(std::uint32_t offset, std::uint32_t length, std::uint64_t h);
  void rehash(std::size_t slots);

  std::string arena_;
  std::vector<Slot> slots_;  // a power of two, at most half full
  std::size_t size_ = 0;
  // The first bytes of the words filed, a bit each: most lookups in a set
  // of names (capitalised words) are of a word no name starts like, and
  // are answered without hashing it. All set in a viewed set.
  std::array<std::uint64_t, 4> first_bytes_{};
  void note_first_byte(std::string_view word) {
    auto b = static_cast<unsigned char>(word[0]);
    first_bytes_[b >> 6] |= std::uint64_t{1} << (b & 63);
  }
  bool may_hold(std::string_view word) const {
    auto b = static_cast<unsigned char>(word[0]);
    return (first_bytes_[b >> 6] >> (b & 63)) & 1;
  }
  bool viewed_ = false;
  std::string_view view_words_;
  const char* view_slots_ = nullptr;
  std::size_t view_slot_count_ = 0;
};

}  // namespace l10n
