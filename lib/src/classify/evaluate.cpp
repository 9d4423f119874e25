#include "lawlist/classify/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

namespace lawlist::classify {

Metrics evaluate(const Classifier& classifier, const std::vector<LabelledIncident>& incidents,
                 const std::string& jurisdiction, double threshold) {
    Metrics m;
    for (const auto& incident : incidents) {
        ++m.incidents;
        const auto c = classifier.classify(incident.text, jurisdiction, 3, threshold);
        const bool in_scope = !incident.sectors.empty();
        if (!c.matched) {
            ++m.unmatched_predicted;
        }
        if (!in_scope) {
            ++m.out_of_scope;
            if (!c.matched) {
                ++m.unmatched_correct;
            } else {
                ++m.confusion[{"none", c.matches.front().resolution.sector}];
            }
            continue;
        }
        ++m.in_scope;
        if (incident.violation_type) {
            ++m.labelled_types;
            if (c.matched &&
                c.matches.front().resolution.violation_type == *incident.violation_type) {
                ++m.top1_type;
            }
        }
        if (!c.matched) {
            ++m.confusion[{*incident.sectors.begin(), "none"}];
            m.misses.push_back(incident.line);
            continue;
        }
        const std::string& best = c.matches.front().resolution.sector;
        if (incident.sectors.contains(best)) {
            ++m.top1_sector;
        } else {
            ++m.confusion[{*incident.sectors.begin(), best}];
            m.misses.push_back(incident.line);
        }
        if (std::any_of(c.matches.begin(), c.matches.end(), [&](const Match& match) {
                return incident.sectors.contains(match.resolution.sector);
            })) {
            ++m.top3_sector;
        }
    }
    return m;
}

Calibration calibrate(const Classifier& classifier,
                      const std::vector<LabelledIncident>& incidents) {
    // Each incident's margin decides matched or unmatched; the threshold moves only that.
    constexpr double k_nothing = -std::numeric_limits<double>::infinity();  // nothing scored
    std::vector<double> in_scope;
    std::vector<double> all;
    std::size_t out_of_scope = 0;
    for (const auto& incident : incidents) {
        const auto scored = classifier.score(incident.text);
        const double margin = scored.empty() ? k_nothing : Classifier::margin(scored.front());
        all.push_back(margin);
        if (incident.sectors.empty()) {
            ++out_of_scope;
        } else {
            in_scope.push_back(margin);
        }
    }
    Calibration c;
    if (in_scope.empty()) {
        return c;
    }
    std::sort(in_scope.begin(), in_scope.end());
    std::sort(all.begin(), all.end());
    // The highest threshold that turns away no more in-scope incidents than allowed: the margin
    // of the first one that must still match.
    const auto allowed = static_cast<std::size_t>(
        std::floor(k_max_turned_away * static_cast<double>(in_scope.size())));
    const std::size_t k = std::min(allowed, in_scope.size() - 1);
    c.high = in_scope[k] == k_nothing ? 0.0 : in_scope[k];
    // Every threshold in (low, high] decides alike: low is the next margin below.
    const auto below = std::lower_bound(all.begin(), all.end(), c.high);
    c.low =
        below == all.begin() || *std::prev(below) == k_nothing ? c.high - 1.0 : *std::prev(below);
    c.threshold = (c.low + c.high) / 2;
    c.turned_away = static_cast<std::size_t>(
        std::lower_bound(in_scope.begin(), in_scope.end(), c.threshold) - in_scope.begin());
    c.caught = static_cast<std::size_t>(std::lower_bound(all.begin(), all.end(), c.threshold) -
                                        all.begin()) -
               c.turned_away;
    c.in_scope = in_scope.size();
    c.out_of_scope = out_of_scope;
    return c;
}

}  // namespace lawlist::classify
