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
// collection too; how much a text reads like them is its `reject` score. And the scope model
// (scope_model.hpp) gives the log-odds that the text is out of scope, from how it is said. A text
// is matched when its best type's score exceeds the reject score by at least the margin
// threshold and its scope log-odds, less k_scope_match_weight × log(1 + that margin), does not
// exceed the scope threshold (a report that names a violation plainly may say "请问" too, a
// consultation seldom matches a type strongly); otherwise it is
// `unmatched`: no forced guess. Both thresholds are calibrated together on labelled incidents
// with `lawlist eval --calibrate`.

#include <algorithm>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lawlist/classify/index.hpp"
#include "lawlist/resolve/resolver.hpp"
#include "lawlist/text/normalize.hpp"

namespace lawlist::classify {

// Calibrated with `lawlist eval --calibrate --input tests/data/incidents-tune.tsv` on the bundled
// data; a test checks that they still lie in the calibrated ranges.
inline constexpr double k_default_threshold = 0.059;
inline constexpr double k_default_scope_threshold = -6.593;

// How much a strong match speaks against out of scope: the scope threshold is compared with the
// scope log-odds less this × log(1 + the margin). Measured on the tuning sets against 0, 1 and 2
// (README, "On realistic messages").
inline constexpr double k_scope_match_weight = 3.0;

// The confidence of a match: a logistic regression of whether its sector is right on what the
// classifier measured, fitted on the tuning sets by `lawlist eval --calibrate` (so that a
// confidence of 0.9 is right about nine times in ten there). Features: log(1 + the margin over
// the reject score), the scope log-odds (clamped to [-10, 10]), log(1 + how far the best type is
// ahead of the best type of another sector), log(the text's distinct bigrams): a short
// report names one thing, a long letter many; the same beyond k_letter_bigrams (a letter's
// length says otherwise than a report's: the longer a letter, the more of it tells its matter);
// whether the text asks the best type's department to act (agencies.hpp); and log(1 + the
// reject score): how much the text reads like the out-of-scope reports, whatever the margin
// above it.
struct ConfidenceModel {
    double bias = 0;
    double margin = 0;
    double scope = 0;
    double sector_lead = 0;
    double length = 0;
    double letter_length = 0;
    double addressed = 0;
    double reject = 0;
};
inline constexpr std::size_t k_letter_bigrams = 60;
inline constexpr ConfidenceModel k_default_confidence = {2.616,  1.318, -0.624, 1.801,
                                                         -1.580, 3.119, -0.641, -2.617};

// Matches below this confidence carry the `review` flag: a person should check them.
inline constexpr double k_review_below = 0.8;

// When a text is matched: its best type's margin at least `margin` and its scope log-odds at
// most `scope`; and how confident each match is.
struct Thresholds {
    double margin = k_default_threshold;
    double scope = k_default_scope_threshold;
    ConfidenceModel confidence = k_default_confidence;
};

// The features of ConfidenceModel for a match of margin `margin` and sector lead `lead` in a text
// of scope log-odds `scope`, reject score `reject` and `bigrams` distinct bigrams (`addressed`:
// the text asks the match's department to act), and its confidence.
struct ConfidenceFeatures {
    double margin = 0;
    double scope = 0;
    double sector_lead = 0;
    double length = 0;
    double letter_length = 0;
    double addressed = 0;
    double reject = 0;
};
ConfidenceFeatures confidence_features(double margin, double scope, double lead,
                                       std::size_t bigrams, bool addressed, double reject);
double confidence(const ConfidenceModel& model, const ConfidenceFeatures& features);

struct ScoredType {
    std::string violation_type;
    double score = 0;
    std::vector<std::string> matched_terms;  // whole terms first, then single bigrams
};

// Everything a text scored.
struct Scores {
    std::vector<ScoredType> types;  // every violation type with a positive score, best first
    double reject = 0;              // how much the text reads like the out-of-scope reports
    // The best type's score before the department the text asks to act is weighed
    // (agencies.hpp): that department decides between the types found, not whether one is.
    double strongest = 0;
    // The scope model's log-odds that the text is out of scope; -infinity without a model.
    double scope = 0;
    // The text's bigrams and cues that speak most for out of scope, strongest first (at most
    // five).
    std::vector<std::string> scope_terms;
    // The score of the best type of another sector than the best type's; 0 when none.
    double best_other_sector = 0;
    std::size_t bigrams = 0;  // the text's distinct bigrams
    // The text asks the best type's department to act (agencies.hpp).
    bool addressed = false;

    // What the margin threshold is compared with: how far the best type's score is above the
    // reject score; -infinity when no type scored.
    double margin() const;
    double margin(const ScoredType& type) const { return std::min(type.score, strongest) - reject; }
    // What the scope threshold is compared with: the scope log-odds less
    // k_scope_match_weight × log(1 + the margin) (no allowance when nothing scored).
    double scope_against_match() const;
};

// Why a text is unmatched.
enum class Unmatched {
    no,            // it is matched
    weak,          // no type's evidence is strong enough (the margin threshold)
    out_of_scope,  // it reads like a consultation, praise... (the scope threshold)
};

struct Match {
    ScoredType scored;
    double confidence = 0;  // see Classifier::classify
    bool review = false;    // confidence below k_review_below: a person should check it
    resolve::Resolution resolution;
};

struct Classification {
    std::string input;
    bool matched = false;
    Unmatched unmatched = Unmatched::weak;
    std::vector<Match> matches;
    std::vector<std::string> out_of_scope_terms;  // Scores::scope_terms, when out of scope
};

// How far the best type's score is ahead of both the reject score and the best type of another
// sector; 0 when nothing scored.
double sector_lead(const Scores& scores);

// "weak", "out_of_scope"; empty for Unmatched::no.
std::string_view to_string(Unmatched reason);

class Classifier {
  public:
    // `rows` from build_index (or as stored); `resolver` answers who handles each type and must
    // outlive the classifier, as must `normalizer`.
    Classifier(IndexRows rows, const resolve::Resolver& resolver,
               const text::Normalizer& normalizer);
    // A classifier that scores and decides but resolves nothing (the caller resolves the
    // matches it keeps): it needs no lists and no vocabulary beside the index.
    Classifier(IndexRows rows, const text::Normalizer& normalizer);
    // The terms of the candidate types of one text, laid out as in the whole index (every other
    // type has none).
    using TermReader = std::function<CompiledIndex(std::span<const std::uint32_t> types)>;
    // The same for an index read for one text (stored.hpp's stored_index_for: its bigrams, no
    // terms): `read_terms` gives the terms of the types scoring examines.
    Classifier(IndexRows rows, const text::Normalizer& normalizer, TermReader read_terms);

    // Every violation type with a positive score for `text`, best first, and the text's reject
    // and scope scores. A stretch of a term made only of bigrams that are no evidence
    // (no_evidence in index.hpp: 一个, 十二, 城管) adds nothing to a type's score.
    Scores score(const std::string& text) const;

    // The sector of a violation type of the vocabulary. Throws lawlist::Error for another type.
    const std::string& sector_of(const std::string& violation_type) const;

    // The classification of `text` in `jurisdiction`: the top `top` types when the text clears
    // both thresholds, else unmatched. Its input is `text` with invalid bytes replaced
    // (text::sanitize), so that every output can print it.
    Classification classify(const std::string& text, const std::string& jurisdiction,
                            std::size_t top, const Thresholds& thresholds) const;
    // The same decision with the matches' resolutions left empty: what a classifier built
    // without a resolver gives.
    Classification classify(const std::string& text, std::size_t top,
                            const Thresholds& thresholds) const;

  private:
    const resolve::Resolver* m_resolver;  // none: classify resolves nothing
    const text::Normalizer& m_normalizer;
    CompiledIndex m_index;               // with each type's terms (CompiledIndex::term)...
    TermReader m_read_terms;             // ...unless these read them
    std::vector<std::string> m_types;    // ids, sorted
    std::vector<std::string> m_sectors;  // per type
    std::vector<char32_t> m_sounds;      // sounds_by_char(m_index.sound)
};

// The machine form of a classification (the jsonl contract in README).
nlohmann::ordered_json to_json(const Classification& classification);

}  // namespace lawlist::classify
