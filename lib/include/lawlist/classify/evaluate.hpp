#pragma once
// Measuring classification on labelled incidents, and calibrating the `unmatched` threshold on
// them rather than by hand (on tests/data/incidents-tune.tsv; tests/data/incidents-dev.tsv is
// kept for measuring).

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "lawlist/classify/classifier.hpp"
#include "lawlist/classify/input.hpp"

namespace lawlist::classify {

struct Metrics {
    std::size_t incidents = 0;
    std::size_t in_scope = 0;
    std::size_t top1_sector = 0;  // in scope, matched, best match's sector acceptable
    std::size_t top3_sector = 0;  // in scope, matched, an acceptable sector among the top 3
    std::size_t labelled_types = 0;
    std::size_t top1_type = 0;  // best match is the labelled violation type
    std::size_t unmatched_predicted = 0;
    std::size_t unmatched_correct = 0;  // out of scope and unmatched
    std::size_t out_of_scope = 0;
    std::map<std::pair<std::string, std::string>, std::size_t> confusion;  // (gold, predicted)
    std::vector<std::size_t> misses;  // lines of in-scope incidents whose top-1 sector is wrong
};

// Classifies every incident with `classifier` in `jurisdiction` at `threshold`.
Metrics evaluate(const Classifier& classifier, const std::vector<LabelledIncident>& incidents,
                 const std::string& jurisdiction, double threshold);

// The share of in-scope incidents calibration may turn away as unmatched: a genuine report
// answered "unmatched" costs more than a consultation answered with a guess, which the reader
// sees through at once.
inline constexpr double k_max_turned_away = 0.005;

struct Calibration {
    double threshold = 0;  // the middle of the range
    double low = 0;        // every threshold in (low, high] decides alike
    double high = 0;
    std::size_t in_scope = 0;
    std::size_t turned_away = 0;  // in-scope incidents unmatched at the threshold
    std::size_t out_of_scope = 0;
    std::size_t caught = 0;  // out-of-scope incidents unmatched at the threshold
};

// The highest threshold on the margin (Classifier::margin) that turns away at most
// k_max_turned_away of the in-scope incidents: as many out-of-scope ones unmatched as that
// allows.
Calibration calibrate(const Classifier& classifier, const std::vector<LabelledIncident>& incidents);

}  // namespace lawlist::classify
