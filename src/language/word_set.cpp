#include "language/word_set.h"

#include <bit>
#include <stdexcept>

namespace l10n {

namespace {
constexpr std::size_t kMaxLength = UINT16_MAX;
}

std::uint64_t WordSet::hash(std::string_view word) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a: words are short
  for (unsigned char c : word) h = (h ^ c) * 1099511628211ull;
  return h ^ (h >> 29);
}

std::size_t WordSet::find(std::string_view word, std::uint64_t h) const {
  std::size_t mask = slots_.size() - 1;
  std::uint16_t tag = tag_of(h);
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.length == 0) return i;
    if (s.tag == tag && s.length == word.size() && std::string_view(arena_).substr(s.offset, s.length) == word)
      return i;
  }
}

void WordSet::rehash(std::size_t slots) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::bit_ceil(std::max<std::size_t>(slots, 16)), Slot{});
  for (const Slot& s : old) {
    if (s.length == 0) continue;
    std::string_view word(arena_.data() + s.offset, s.length);
    slots_[find(word, hash(word))] = s;
  }
}

void WordSet::reserve(std::size_t words) {
  if (words * 2 > slots_.size()) rehash(words * 2);
}

void WordSet::insert(std::string_view word, std::uint64_t h) {
  if (word.empty() || word.size() > kMaxLength) return;
  if ((size_ + 1) * 2 > slots_.size()) rehash(std::max<std::size_t>(slots_.size() * 2, 16));
  std::size_t i = find(word, h);
  if (slots_[i].length != 0) return;
  if (arena_.size() + word.size() > UINT32_MAX) throw std::length_error("word set too large");
  slots_[i] = {static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint16_t>(word.size()), tag_of(h)};
  arena_.append(word);
  ++size_;
}

void WordSet::insert(std::string_view word) { insert(word, hash(word)); }

void WordSet::file(std::uint32_t offset, std::uint32_t length, std::uint64_t h) {
  if (length == 0 || length > kMaxLength) return;
  std::size_t i = find(std::string_view(arena_).substr(offset, length), h);
  if (slots_[i].length != 0) return;
  slots_[i] = {offset, static_cast<std::uint16_t>(length), tag_of(h)};
  ++size_;
}

WordSet WordSet::adopt(std::string text, std::span<const At> at) {
  if (text.size() > UINT32_MAX) throw std::length_error("word set too large");
  WordSet set;
  set.arena_ = std::move(text);
  set.reserve(at.size());
  std::string_view store = set.arena_;
  auto hash_of = [&](std::size_t i) { return hash(store.substr(at[i].offset, at[i].length)); };
  // Hashes a few words ahead, so that their slots are fetched by the time
  // they are filed.
  constexpr std::size_t kAhead = 16;
  std::uint64_t ahead[kAhead];
  std::size_t mask = set.slots_.size() - 1;
  for (std::size_t i = 0; i < std::min(kAhead, at.size()); ++i) ahead[i] = hash_of(i);
  for (std::size_t i = 0; i < at.size(); ++i) {
    std::uint64_t h = ahead[i % kAhead];
    if (i + kAhead < at.size()) {
      ahead[i % kAhead] = hash_of(i + kAhead);
      __builtin_prefetch(&set.slots_[ahead[i % kAhead] & mask]);
    }
    set.file(at[i].offset, at[i].length, h);
  }
  return set;
}

bool WordSet::contains(std::string_view word) const {
  if (word.empty() || word.size() > kMaxLength || slots_.empty()) return false;
  return slots_[find(word, hash(word))].length != 0;
}

}  // namespace l10n
