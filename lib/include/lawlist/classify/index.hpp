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

// A normalized term (name or alias) of a violation type.
struct TermRow {
    std::string violation_type;
    std::string term;  // normalized, UTF-8
};

// How often a bigram occurs in the terms of a violation type.
struct BigramRow {
    std::string bigram;  // two characters, UTF-8
    std::string violation_type;
    int tf = 0;
};

struct IndexRows {
    std::vector<TermRow> terms;
    std::vector<BigramRow> bigrams;
};

// Normalizes the names and aliases of `types` and counts their bigrams.
IndexRows build_index(const std::vector<model::ViolationType>& types,
                      const text::Normalizer& normalizer);

// The bigrams of normalized text, in order, not spanning separators.
std::vector<std::u32string> bigrams(const std::u32string& normalized);

}  // namespace lawlist::classify
