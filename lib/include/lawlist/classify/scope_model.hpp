#pragma once
// The scope model: whether a text reads like a report the lists cover, or like a consultation,
// praise, a private dispute or a patrol note that found nothing. A logistic regression over the
// distinct character bigrams of the text, learned at load time from the vocabulary's example
// reports (in scope) and its out-of-scope reports.
//
// Why beside the BM25 `reject` score of the classifier: that score compares topics, and a question
// about social insurance shares its topic with a complaint about unpaid contributions. What tells
// them apart is how it is said (请问, 怎么, 去哪, 表扬, 未发现), and a discriminative model weighs
// those bigrams against everything the in-scope reports say, so that a topical word common in
// both counts for neither side. Explainable like the rest: the log-odds is a sum of weights of
// the text's bigrams, and the strongest of them are shown.

#include <cstdint>
#include <vector>

#include "lawlist/classify/index.hpp"

namespace lawlist::classify {

struct ScopeModel {
    std::vector<float> weight;      // per key of `keys` given to train_scope_model; empty: no model
    std::vector<float> cue_weight;  // per cue (cues.hpp), counted once whatever the length
    float bias = 0;
};

// A report's cues travel with its bigrams as keys past every bigram's: cue c is
// cue_key(c), so that a report stays one sorted vector of keys.
inline constexpr char32_t k_cue_base = 0x110000;  // past the last code point
inline std::uint64_t cue_key(std::uint32_t cue) {
    return static_cast<std::uint64_t>(k_cue_base + cue) << 32;
}

// Learns the model over `keys` (sorted; every bigram of the reports must be among them) and the
// cues (cue keys in the reports, see cue_key). Both
// classes weigh alike whatever their sizes; L2-regularized, full-batch AdaGrad, deterministic.
// No model (empty weights) when either class has no report.
ScopeModel train_scope_model(const std::vector<ReportBigrams>& in_scope,
                             const std::vector<ReportBigrams>& out_of_scope,
                             const std::vector<std::uint64_t>& keys);

// The log-odds that a text is out of scope, from the sum of the weights of its distinct bigrams
// and their number (unknown bigrams count, with weight 0), and the sum of the weights of its cues:
// each text's bigrams are scaled by one over the square root of their number, so that long and
// short texts compare; cues count whole.
double scope_log_odds(double weight_sum, std::size_t bigrams, double cue_sum, float bias);

}  // namespace lawlist::classify
