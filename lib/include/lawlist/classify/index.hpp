#pragma once
// The classification index: the vocabulary's formal names and colloquial aliases, normalized, cut
// into character bigrams with their frequency per violation type. Built when a load carries
// vocabulary and stored in the database, so that classifying does not rebuild it.
//
// Why bigrams: Chinese has no spaces, and word segmenters split legal and colloquial terms apart
// (渣土, 采砂, 无证 become single characters); bigrams of the thesaurus aliases keep them whole and
// still give partial credit to typos and re-orderings.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "lawlist/model/model.hpp"
#include "lawlist/text/normalize.hpp"

namespace lawlist::classify {

// The index entry of one violation type: its normalized terms (name and aliases) and how often
// each bigram occurs in them.
struct TypeEntry {
    std::string violation_type;
    std::vector<std::u32string> terms;
    std::vector<std::pair<std::uint64_t, int>> bigrams;  // (bigram_key, tf), by key
};

struct IndexRows {
    std::vector<TypeEntry> types;  // by violation type id
};

// A bigram's two code points packed in 64 bits: (first << 32) | second.
inline std::uint64_t bigram_key(char32_t first, char32_t second) {
    return (static_cast<std::uint64_t>(first) << 32) | static_cast<std::uint64_t>(second);
}

// Normalizes the names and aliases of `types` and counts their bigrams.
IndexRows build_index(const std::vector<model::ViolationType>& types,
                      const text::Normalizer& normalizer);

// The bigrams of normalized text, in order, not spanning separators.
std::vector<std::u32string> bigrams(const std::u32string& normalized);

}  // namespace lawlist::classify
