#pragma once
// Classification of free-text incident reports: the violation types a text describes, best first,
// each resolved to its items, handler and route, with a score, a confidence and the terms that
// produced it. Explainable by construction: a score is a sum of weights of matched terms.
//
// Scoring: for each name or alias of a violation type, the longest stretch of it found whole in
// the text, weighted by the idf of its character bigrams and by the share of the term it covers
// (the two strongest terms count); plus a smaller share of BM25 over character bigrams, one
// document per violation type. A whole colloquial phrase is strong evidence, scattered common
// characters from addresses and pleasantries are weak. A text whose best score is
// below the threshold is `unmatched`: no forced guess. The threshold is calibrated on labelled
// incidents with `lawlist eval --calibrate`.

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "lawlist/classify/index.hpp"
#include "lawlist/resolve/resolver.hpp"
#include "lawlist/text/normalize.hpp"

namespace lawlist::classify {

// Calibrated with `lawlist eval --calibrate --input tests/data/incidents-dev.tsv` on the bundled
// data; a test checks that it still lies in the calibrated range.
inline constexpr double k_default_threshold = 4.28;

struct ScoredType {
    std::string violation_type;
    double score = 0;
    std::vector<std::string> matched_terms;  // whole terms first, then single bigrams
};

struct Match {
    ScoredType scored;
    double confidence = 0;  // score / (score + threshold): 0.5 at the threshold
    resolve::Resolution resolution;
};

struct Classification {
    std::string input;
    bool matched = false;
    std::vector<Match> matches;
};

class Classifier {
  public:
    // `rows` from build_index (or as stored); `resolver` answers who handles each type and must
    // outlive the classifier, as must `normalizer`.
    Classifier(const IndexRows& rows, const resolve::Resolver& resolver,
               const text::Normalizer& normalizer);

    // Every violation type with a positive score for `text`, best first.
    std::vector<ScoredType> score(const std::string& text) const;

    // The sector of a violation type of the vocabulary.
    const std::string& sector_of(const std::string& violation_type) const;

    // The classification of `text` in `jurisdiction`: the top `top` types when the best reaches
    // `threshold`, else unmatched.
    Classification classify(const std::string& text, const std::string& jurisdiction,
                            std::size_t top, double threshold) const;

  private:
    struct Posting {
        std::uint32_t type;
        float weight;  // BM25 term weight with idf, precomputed
    };
    struct Term {
        std::u32string text;
        std::vector<std::uint64_t> bigrams;  // keys of its consecutive bigrams
        std::vector<float> idf;              // idf of each of them
    };

    const resolve::Resolver& m_resolver;
    const text::Normalizer& m_normalizer;
    std::vector<std::string> m_types;
    std::vector<std::vector<Term>> m_terms;  // per type
    // Bigrams are keyed by their two code points packed in 64 bits.
    std::unordered_map<std::uint64_t, std::vector<Posting>> m_postings;
    std::unordered_map<std::uint64_t, double> m_idf;
};

// The machine form of a classification (the jsonl contract in README).
nlohmann::ordered_json to_json(const Classification& classification);

}  // namespace lawlist::classify
