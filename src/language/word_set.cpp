#include "language/word_set.h"

#include <bit>
#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace l10n {

namespace {
constexpr std::size_t kMaxLength = UINT16_MAX;

// An image starts with this number, the set's size, its slot count and the
// bytes of its words; then come the slots and the words. The number tells an
// image written where integers lie in another byte order, or in another
// layout, from one to read.
constexpr std::uint64_t kImageMagic = 0x6c31306e77730001ull;  // "l10nws", 1
constexpr std::size_t kImageHeader = 4 * sizeof(std::uint64_t);

std::uint64_t read_u64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

void append_u64(std::string& out, std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
}  // namespace

WordSet::Slot WordSet::slot(const char* table, std::size_t i) {
  Slot s;
  std::memcpy(&s, table + i * sizeof(Slot), sizeof s);
  return s;
}

void WordSet::own() {
  if (!viewed_) return;
  arena_.assign(view_words_);
  slots_.resize(view_slot_count_);
  if (view_slot_count_ > 0) std::memcpy(slots_.data(), view_slots_, view_slot_count_ * sizeof(Slot));
  viewed_ = false;
  view_words_ = {};
  view_slots_ = nullptr;
  view_slot_count_ = 0;
}

void WordSet::write_image(std::string& out) const {
  static_assert(sizeof(Slot) == 8 && std::is_trivially_copyable_v<Slot>);
  std::string_view w = words();
  append_u64(out, kImageMagic);
  append_u64(out, size_);
  append_u64(out, slot_count());
  append_u64(out, w.size());
  out.append(table(), slot_count() * sizeof(Slot));
  out.append(w);
}

std::optional<WordSet> WordSet::view(std::string_view image) {
  if (image.size() < kImageHeader || read_u64(image.data()) != kImageMagic) return std::nullopt;
  std::uint64_t size = read_u64(image.data() + 8), slots = read_u64(image.data() + 16),
                words = read_u64(image.data() + 24);
  std::size_t room = image.size() - kImageHeader;
  // A table is a power of two, at most half full, and its words fit.
  bool table_ok = slots == 0 ? size == 0 : std::has_single_bit(slots) && size * 2 <= slots;
  if (!table_ok || slots > room / sizeof(Slot) || words != room - slots * sizeof(Slot) || words > UINT32_MAX)
    return std::nullopt;
  WordSet set;
  if (slots == 0) return set;
  set.viewed_ = true;
  set.first_bytes_.fill(~std::uint64_t{0});
  set.size_ = static_cast<std::size_t>(size);
  set.view_slots_ = image.data() + kImageHeader;
  set.view_slot_count_ = static_cast<std::size_t>(slots);
  set.view_words_ = image.substr(kImageHeader + slots * sizeof(Slot));
  return set;
}

namespace {

// One to eight bytes as a number that tells apart any two strings of the
// same length: the first and last four bytes (overlapping below eight), or
// below four the first, middle and last byte.
std::uint64_t read_short(const char* p, std::size_t n) {
  if (n >= 4) {
    std::uint32_t first, last;
    std::memcpy(&first, p, 4);
    std::memcpy(&last, p + n - 4, 4);
    return (std::uint64_t{first} << 32) | last;
  }
  auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
  return (byte(0) << 16) | (byte(n / 2) << 8) | byte(n - 1);
}

std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 33);
}

}  // namespace

// Eight bytes at a time: a byte at a time (FNV-1a) cost more than the rest
// of a lookup, and every word of a page is looked up many times.
std::uint64_t WordSet::hash(std::string_view word) {
  const char* p = word.data();
  std::size_t n = word.size();
  std::uint64_t h = 0x9e3779b97f4a7c15ull * (n + 1);
  for (; n > 8; p += 8, n -= 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, p, 8);
    h = (h ^ chunk) * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
  }
  if (n > 0) h ^= read_short(p, n);
  return mix(h);
}

std::size_t WordSet::find(std::string_view word, std::uint64_t h) const {
  std::size_t mask = slot_count() - 1;
  std::uint16_t tag = tag_of(h);
  std::string_view store = words();
  const char* slots = table();
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot s = slot(slots, i);
    if (s.length == 0) return i;
    if (s.tag == tag && s.length == word.size() && store.substr(s.offset, s.length) == word) return i;
  }
}

void WordSet::rehash(std::size_t slots) {
  own();
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
  own();
  if ((size_ + 1) * 2 > slots_.size()) rehash(std::max<std::size_t>(slots_.size() * 2, 16));
  std::size_t i = find(word, h);
  if (slots_[i].length != 0) return;
  if (arena_.size() + word.size() > UINT32_MAX) throw std::length_error("word set too large");
  slots_[i] = {static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint16_t>(word.size()), tag_of(h)};
  arena_.append(word);
  note_first_byte(word);
  ++size_;
}

void WordSet::insert(std::string_view word) { insert(word, hash(word)); }

void WordSet::file(std::uint32_t offset, std::uint32_t length, std::uint64_t h) {
  if (length == 0 || length > kMaxLength) return;
  std::string_view word = std::string_view(arena_).substr(offset, length);
  std::size_t i = find(word, h);
  if (slots_[i].length != 0) return;
  slots_[i] = {offset, static_cast<std::uint16_t>(length), tag_of(h)};
  note_first_byte(word);
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
  if (word.empty() || word.size() > kMaxLength || slot_count() == 0 || !may_hold(word)) return false;
  return slot(table(), find(word, hash(word))).length != 0;
}

}  // namespace l10n
