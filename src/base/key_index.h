// Numbers for distinct keys, in the order they first came: the index a
// catalog keeps from (msgctxt, msgid) to its messages. Open addressing over
// a flat array of (hash, number) pairs with a power-of-two size, because
// std::unordered_map's chains of separately allocated nodes, and the
// division that picks a bucket, were most of the cost of building a
// template of a large site.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace l10n {

template <class Key, class Hash, class Equal = std::equal_to<Key>>
class KeyIndex {
 public:
  KeyIndex() = default;
  explicit KeyIndex(std::size_t expected) { reserve(expected); }

  // The number of `key` and whether it is new (then it is size() - 1).
  std::pair<std::size_t, bool> insert(const Key& key) { return insert(key, hash_of(key)); }
  // The same, given hash_of(key): a caller that looks a key up and then
  // files it (a key that views the new entry's strings) hashes it once.
  std::pair<std::size_t, bool> insert(const Key& key, std::uint64_t h) {
    if ((keys_.size() + 1) * 2 > slots_.size()) grow(std::max<std::size_t>(16, slots_.size() * 2));
    for (std::size_t i = h & mask();; i = (i + 1) & mask()) {
      Slot& s = slots_[i];
      if (s.number == 0) {
        keys_.push_back(key);
        s = {h, keys_.size()};
        return {keys_.size() - 1, true};
      }
      if (s.hash == h && Equal()(keys_[s.number - 1], key)) return {s.number - 1, false};
    }
  }

  std::optional<std::size_t> find(const Key& key) const { return find(key, hash_of(key)); }
  std::optional<std::size_t> find(const Key& key, std::uint64_t h) const {
    if (keys_.empty()) return std::nullopt;
    for (std::size_t i = h & mask();; i = (i + 1) & mask()) {
      const Slot& s = slots_[i];
      if (s.number == 0) return std::nullopt;
      if (s.hash == h && Equal()(keys_[s.number - 1], key)) return s.number - 1;
    }
  }

  void reserve(std::size_t n) {
    keys_.reserve(n);
    std::size_t want = 16;
    while (want < n * 2) want *= 2;
    if (want > slots_.size()) grow(want);
  }

  std::size_t size() const { return keys_.size(); }
  const Key& key(std::size_t number) const { return keys_[number]; }
  void clear() {
    keys_ = {};
    slots_ = {};
  }

  static std::uint64_t hash_of(const Key& key) {
    // Mixed (a finalizer from MurmurHash3), so that the low bits that pick
    // a slot depend on every bit of a hash that may have weak low bits.
    std::uint64_t h = static_cast<std::uint64_t>(Hash()(key));
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::size_t number = 0;  // 1 + the key's number; 0: an empty slot
  };

  std::size_t mask() const { return slots_.size() - 1; }

  void grow(std::size_t size) {
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(size));
    for (const Slot& s : old) {
      if (s.number == 0) continue;
      std::size_t i = s.hash & mask();
      while (slots_[i].number != 0) i = (i + 1) & mask();
      slots_[i] = s;
    }
  }

  std::vector<Key> keys_;
  std::vector<Slot> slots_;
};

}  // namespace l10n
