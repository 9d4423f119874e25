#include "lawlist/classify/evaluate.hpp"

#include <algorithm>

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
    // Each incident's best score decides matched or unmatched; whether matching it is right
    // depends only on the best type's sector, which the threshold does not change.
    struct Case {
        double best = 0;  // 0: nothing scored
        bool in_scope = false;
        bool right_when_matched = false;
    };
    std::vector<Case> cases;
    std::vector<double> candidates;
    for (const auto& incident : incidents) {
        const auto scored = classifier.score(incident.text);
        Case c;
        c.in_scope = !incident.sectors.empty();
        if (!scored.empty()) {
            c.best = scored.front().score;
            c.right_when_matched =
                c.in_scope &&
                incident.sectors.contains(classifier.sector_of(scored.front().violation_type));
            candidates.push_back(c.best);
        }
        cases.push_back(c);
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    candidates.push_back(candidates.empty() ? 1.0 : candidates.back() + 1.0);  // nothing matches
    Calibration best;
    double previous = 0;
    for (const double t : candidates) {
        // Every threshold in (previous, t] decides alike: a score matches when it is >= t.
        std::size_t correct = 0;
        for (const auto& c : cases) {
            const bool matched = c.best > 0 && c.best >= t;
            correct += matched ? (c.right_when_matched ? 1 : 0) : (c.in_scope ? 0 : 1);
        }
        if (correct > best.correct) {
            best = {(previous + t) / 2, previous, t, correct};
        }
        previous = t;
    }
    return best;
}

}  // namespace lawlist::classify
