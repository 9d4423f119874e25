#pragma once
// Classification of free-text incident reports: the violation types a text describes, best first,
// each resolved to its items, handler and route, with a score, a confidence and the terms that
// produced it. Explainable by construction: a score is a sum of weights of matched terms.
//
// Scoring: for each name or alias of a violation type, the longest stretch of it found whole in
// the text, weighted by the idf of its character bigrams and by the share of the term it covers
// (the two strongest terms count); plus smaller shares of BM25 over character bigrams, once with
// one document per violation type of its names and aliases, once of its example reports. A
// whole colloquial phrase is strong evidence, scattered common characters from addresses and
// pleasantries are weak, and the examples teach how people describe each type.
//
// Out-of-scope reports (consultations, private disputes...) are documents of the example
// collection too; how much a text reads like them is its `reject` score. A text is matched when
// its best type's score exceeds that by at least the threshold (the margin); otherwise it is
// `unmatched`: no forced guess. The threshold is calibrated on labelled incidents with `lawlist
// eval --calibrate`.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lawlist/classify/index.hpp"
#include "lawlist/resolve/resolver.hpp"
#include "lawlist/text/normalize.hpp"

namespace lawlist::classify {

// Calibrated with `lawlist eval --calibrate --input tests/data/incidents-tune.tsv` on the bundled
// data; a test checks that it still lies in the calibrated range.
inline constexpr double k_default_threshold = 3.72;

struct ScoredType {
    std::string violation_type;
    double score = 0;
    double reject = 0;  // how much the text reads like the out-of-scope reports
    std::vector<std::string> matched_terms;  // whole terms first, then single bigrams
};

struct Match {
    ScoredType scored;
    double confidence = 0;  // see Classifier::classify
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
    Classifier(IndexRows rows, const resolve::Resolver& resolver,
               const text::Normalizer& normalizer);

    // Every violation type with a positive score for `text`, best first.
    std::vector<ScoredType> score(const std::string& text) const;

    // What the threshold is compared with: how far the type's score is above the text's reject
    // score.
    static double margin(const ScoredType& scored) { return scored.score - scored.reject; }

    // The sector of a violation type of the vocabulary.
    const std::string& sector_of(const std::string& violation_type) const;

    // The classification of `text` in `jurisdiction`: the top `top` types when the best one's
    // margin reaches `threshold`, else unmatched.
    Classification classify(const std::string& text, const std::string& jurisdiction,
                            std::size_t top, double threshold) const;

  private:
    struct Term {
        std::u32string text;
        std::vector<std::uint64_t> bigrams;  // keys of its consecutive bigrams
        std::vector<float> idf;              // idf of each of them
    };

    const resolve::Resolver& m_resolver;
    const text::Normalizer& m_normalizer;
    CompiledIndex m_index;
    std::vector<std::string> m_types;
    std::vector<std::vector<Term>> m_terms;  // per type
};

// The machine form of a classification (the jsonl contract in README).
nlohmann::ordered_json to_json(const Classification& classification);

}  // namespace lawlist::classify
