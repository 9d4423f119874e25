#pragma once
// Flat open-addressing tables for the passes that index a whole bundle (audit, resolution): no
// node per entry, so that building and dropping them costs a few sequential allocations, and a
// lookup touches one slot array rather than a chain of heap nodes.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lawlist::util {

constexpr std::uint32_t k_none = std::numeric_limits<std::uint32_t>::max();

// Asks for the cache line holding `p` ahead of reading it, so that a read issued some work later
// does not wait on memory (GCC and Clang; a no-op elsewhere).
inline void prefetch(const void* p) {
#if defined(__GNUC__)
    __builtin_prefetch(p);
#else
    static_cast<void>(p);
#endif
}

class Interner {
  public:
    explicit Interner(std::size_t expected = 0) {
        std::size_t capacity = 16;
        while (capacity < expected * 2) {
            capacity *= 2;
        }
        m_slots.assign(capacity, Slot{});
        m_mask = capacity - 1;
        m_offsets.reserve(expected);
    }

    // The index of `key` and whether it was added by this call.
    std::pair<std::uint32_t, bool> add(std::string_view key) {
        if ((size() + 1) * 2 > m_slots.size()) {
            grow();
        }
        const std::uint32_t h = hash(key);
        for (std::size_t i = h & m_mask;; i = (i + 1) & m_mask) {
            Slot& slot = m_slots[i];
            if (slot.index == k_none) {
                const auto offset = static_cast<std::uint32_t>(m_arena.size());
                slot = {h, static_cast<std::uint32_t>(key.size()),
                        static_cast<std::uint32_t>(size()), offset};
                m_offsets.push_back(offset);
                m_arena += key;
                return {slot.index, true};
            }
            if (holds(slot, h, key)) {
                return {slot.index, false};
            }
        }
    }

    // The index of `key`, or k_none.
    std::uint32_t find(std::string_view key) const {
        const std::uint32_t h = hash(key);
        for (std::size_t i = h & m_mask;; i = (i + 1) & m_mask) {
            const Slot& slot = m_slots[i];
            if (slot.index == k_none) {
                return k_none;
            }
            if (holds(slot, h, key)) {
                return slot.index;
            }
        }
    }

    // Asks for the slot where a lookup of `key` starts, for a lookup some work later.
    void prefetch(std::string_view key) const { util::prefetch(&m_slots[hash(key) & m_mask]); }

    // Asks for the stored key that a lookup of `key` compares first: a second stage, once the
    // slot asked for by prefetch(key) has arrived. Past a few hundred thousand keys the stored
    // keys no longer fit in the caches either.
    void prefetch_key(std::string_view key) const {
        const Slot& slot = m_slots[hash(key) & m_mask];
        if (slot.index != k_none) {
            util::prefetch(m_arena.data() + slot.offset);
        }
    }

    std::string_view view(std::uint32_t index) const {
        const std::size_t end =
            index + 1 < m_offsets.size() ? m_offsets[index + 1] : m_arena.size();
        return std::string_view(m_arena).substr(m_offsets[index], end - m_offsets[index]);
    }

    std::size_t size() const { return m_offsets.size(); }

  private:
    // Where the key lies in the arena is kept in its slot: a lookup compares the key there without
    // first reading m_offsets, one wait on memory less when the table is too big for the caches.
    struct Slot {
        std::uint32_t hash = 0;  // the low half of the key's hash
        std::uint32_t size = 0;
        std::uint32_t index = k_none;
        std::uint32_t offset = 0;
    };

    static std::uint32_t hash(std::string_view key) {
        return static_cast<std::uint32_t>(std::hash<std::string_view>{}(key));
    }

    bool holds(const Slot& slot, std::uint32_t h, std::string_view key) const {
        return slot.hash == h && slot.size == key.size() &&
               std::string_view(m_arena).substr(slot.offset, slot.size) == key;
    }

    void grow() {
        std::vector<Slot> old = std::move(m_slots);
        m_slots.assign(old.size() * 2, Slot{});
        m_mask = m_slots.size() - 1;
        for (const Slot& slot : old) {
            if (slot.index != k_none) {
                std::size_t i = slot.hash & m_mask;
                while (m_slots[i].index != k_none) {
                    i = (i + 1) & m_mask;
                }
                m_slots[i] = slot;
            }
        }
    }

    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::vector<std::uint32_t> m_offsets;
    std::string m_arena;
};

// How far ahead of the item at hand a pass over a list asks for what that item will read, one
// stage per read that depends on the one before: the item's buffers on the heap, then the slots
// of its types in the table of types, then the ids those slots point to.
constexpr std::size_t k_buffers_ahead = 16;
constexpr std::size_t k_slots_ahead = 8;
constexpr std::size_t k_keys_ahead = 4;

// The stages of the chain every pass over the items shares: an item's violation types (a
// buffer), their slots in `types`, the ids stored there. A caller asks for the other buffers it
// reads at the same distances. Past 100,000 items neither the items' buffers nor the table fit in
// the caches, and each read would otherwise wait on memory for the one before.
template <class Items>
void prefetch_types_ahead(const Items& items, std::size_t i, const Interner& types) {
    if (i + k_buffers_ahead < items.size()) {
        util::prefetch(items[i + k_buffers_ahead].violation_types.data());
    }
    if (i + k_slots_ahead < items.size()) {
        for (const auto& ref : items[i + k_slots_ahead].violation_types) {
            types.prefetch(ref.id);
        }
    }
    if (i + k_keys_ahead < items.size()) {
        for (const auto& ref : items[i + k_keys_ahead].violation_types) {
            types.prefetch_key(ref.id);
        }
    }
}

inline std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// 64-bit keys to 32-bit values, the first value stored for a key kept; open addressing.
class KeyTable {
  public:
    void reserve(std::size_t n) {
        std::size_t capacity = 16;
        while (capacity < n * 2) {
            capacity *= 2;
        }
        m_slots.assign(capacity, Slot{});
        m_mask = capacity - 1;
        m_size = 0;
    }

    void emplace(std::uint64_t key, std::uint32_t value) {
        if ((m_size + 1) * 2 > m_slots.size()) {
            grow();
        }
        for (std::size_t i = mix(key) & m_mask;; i = (i + 1) & m_mask) {
            if (m_slots[i].value == k_none) {
                m_slots[i] = {key, value};
                ++m_size;
                return;
            }
            if (m_slots[i].key == key) {
                return;
            }
        }
    }

    std::uint32_t find(std::uint64_t key) const {
        if (m_slots.empty()) {
            return k_none;
        }
        for (std::size_t i = mix(key) & m_mask;; i = (i + 1) & m_mask) {
            if (m_slots[i].value == k_none) {
                return k_none;
            }
            if (m_slots[i].key == key) {
                return m_slots[i].value;
            }
        }
    }

  private:
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t value = k_none;
    };

    void grow() {
        std::vector<Slot> old = std::move(m_slots);
        reserve(std::max<std::size_t>(8, m_size * 2));
        for (const Slot& slot : old) {
            if (slot.value != k_none) {
                emplace(slot.key, slot.value);
            }
        }
    }

    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::size_t m_size = 0;
};

// Values grouped by a dense key 0..keys-1 (key_of(entry)), each group in the order its values
// came in (value_of(entry)): a counting sort, two sequential passes, no node per key.
template <class T>
struct Grouped {
    std::vector<std::uint32_t> begin;  // where each key's values start; the end last
    std::vector<T> values;             // group after group
};

template <class T, class Entry, class KeyOf, class ValueOf>
Grouped<T> group_by(std::size_t keys, const std::vector<Entry>& entries, KeyOf key_of,
                    ValueOf value_of) {
    Grouped<T> g;
    g.begin.assign(keys + 1, 0);
    for (const Entry& entry : entries) {
        ++g.begin[key_of(entry) + 1];
    }
    for (std::size_t k = 1; k < g.begin.size(); ++k) {
        g.begin[k] += g.begin[k - 1];
    }
    g.values.resize(entries.size());
    std::vector<std::uint32_t> next(g.begin.begin(), g.begin.end() - 1);
    for (const Entry& entry : entries) {
        g.values[next[key_of(entry)]++] = value_of(entry);
    }
    return g;
}

}  // namespace lawlist::util
