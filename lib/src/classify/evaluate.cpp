#include "lawlist/classify/evaluate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <iterator>
#include <limits>

namespace lawlist::classify {
namespace {

void record_answer(Metrics& m, const Match& best, bool right) {
    m.answers.emplace_back(best.confidence, right);
    if (best.review) {
        ++m.flagged_for_review;
        m.flagged_wrong += right ? 0 : 1;
    } else if (!right) {
        ++m.wrong_unflagged;
    }
}

}  // namespace

Reliability reliability(const Metrics& metrics, std::size_t bins) {
    Reliability r;
    std::vector<ReliabilityBin> all(bins);
    std::vector<double> confidence(bins, 0);
    std::vector<std::size_t> right(bins, 0);
    for (std::size_t b = 0; b < bins; ++b) {
        all[b].low = static_cast<double>(b) / static_cast<double>(bins);
        all[b].high = static_cast<double>(b + 1) / static_cast<double>(bins);
    }
    for (const auto& [c, ok] : metrics.answers) {
        const auto b = std::min(bins - 1, static_cast<std::size_t>(c * static_cast<double>(bins)));
        ++all[b].matches;
        confidence[b] += c;
        right[b] += ok ? 1 : 0;
    }
    double error = 0;
    for (std::size_t b = 0; b < bins; ++b) {
        if (all[b].matches == 0) {
            continue;
        }
        const auto n = static_cast<double>(all[b].matches);
        all[b].mean_confidence = confidence[b] / n;
        all[b].accuracy = static_cast<double>(right[b]) / n;
        error += n * std::abs(all[b].accuracy - all[b].mean_confidence);
        r.bins.push_back(all[b]);
    }
    if (!metrics.answers.empty()) {
        r.expected_calibration_error = error / static_cast<double>(metrics.answers.size());
    }
    return r;
}

Metrics evaluate(const Classifier& classifier, const std::vector<LabelledIncident>& incidents,
                 const std::string& jurisdiction, const Thresholds& thresholds) {
    Metrics m;
    for (const auto& incident : incidents) {
        ++m.incidents;
        const auto c = classifier.classify(incident.text, jurisdiction, 3, thresholds);
        const bool in_scope = !incident.sectors.empty();
        if (!c.matched) {
            ++m.unmatched_predicted;
        }
        if (!in_scope) {
            ++m.out_of_scope;
            if (!c.matched) {
                ++m.unmatched_correct;
                ++m.right_decisions;
            } else {
                ++m.confusion[{"none", c.matches.front().resolution.sector}];
                record_answer(m, c.matches.front(), false);
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
        record_answer(m, c.matches.front(), incident.sectors.contains(best));
        if (incident.sectors.contains(best)) {
            ++m.top1_sector;
            ++m.right_decisions;
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

namespace {

constexpr double k_nothing = -std::numeric_limits<double>::infinity();  // nothing scored
constexpr double k_never = std::numeric_limits<double>::infinity();     // no scope model

struct Point {
    double margin;
    double scope;
    bool in_scope;
};

// The margin threshold that turns away the `k` in-scope incidents of lowest margin (`in_scope`
// sorted ascending; `all` the margins of every incident, sorted): (low, high] decides alike.
CalibratedRange margin_range(const std::vector<double>& in_scope, const std::vector<double>& all,
                             std::size_t k) {
    CalibratedRange r;
    r.high = in_scope[k] == k_nothing ? 0.0 : in_scope[k];
    const auto below = std::lower_bound(all.begin(), all.end(), r.high);
    r.low =
        below == all.begin() || *std::prev(below) == k_nothing ? r.high - 1.0 : *std::prev(below);
    r.value = (r.low + r.high) / 2;
    return r;
}

// The scope threshold that turns away the `k` in-scope incidents of highest scope among those
// the margin threshold keeps: [low, high) decides alike.
CalibratedRange scope_range(const std::vector<Point>& points, double margin, std::size_t k) {
    std::vector<double> in_scope;
    std::vector<double> all;
    for (const Point& p : points) {
        if (p.margin >= margin) {
            all.push_back(p.scope);
            if (p.in_scope) {
                in_scope.push_back(p.scope);
            }
        }
    }
    std::sort(in_scope.begin(), in_scope.end(), std::greater<>());
    if (k >= in_scope.size() || in_scope[k] == k_nothing) {
        return {k_never, k_never, k_never};
    }
    CalibratedRange r;
    r.low = in_scope[k];
    r.high = r.low + 1.0;
    for (const double scope : all) {
        if (scope > r.low && scope < r.high) {
            r.high = scope;
        }
    }
    r.value = (r.low + r.high) / 2;
    return r;
}

}  // namespace

ConfidenceModel fit_confidence(const std::vector<std::pair<ConfidenceFeatures, bool>>& samples) {
    constexpr int k_iterations = 50;
    constexpr double k_ridge = 1e-3;
    constexpr std::size_t n = 8;
    // bias, margin, scope, sector lead, length, letter length, addressed, reject
    std::array<double, n> w{};
    for (int iteration = 0; iteration < k_iterations; ++iteration) {
        std::array<double, n> gradient{};
        std::array<std::array<double, n>, n> hessian{};
        for (const auto& [f, right] : samples) {
            const std::array<double, n> x = {1.0,      f.margin,        f.scope,     f.sector_lead,
                                             f.length, f.letter_length, f.addressed, f.reject};
            double z = 0;
            for (std::size_t i = 0; i < n; ++i) {
                z += w[i] * x[i];
            }
            const double p = 1.0 / (1.0 + std::exp(-std::clamp(z, -30.0, 30.0)));
            for (std::size_t i = 0; i < n; ++i) {
                gradient[i] += (p - (right ? 1.0 : 0.0)) * x[i];
                for (std::size_t j = 0; j < n; ++j) {
                    hessian[i][j] += p * (1 - p) * x[i] * x[j];
                }
            }
        }
        for (std::size_t i = 0; i < n; ++i) {
            gradient[i] += k_ridge * w[i];
            hessian[i][i] += k_ridge;
        }
        // Solve hessian * step = gradient (Gaussian elimination with partial pivoting).
        std::array<double, n> step = gradient;
        for (std::size_t c = 0; c < n; ++c) {
            std::size_t pivot = c;
            for (std::size_t r = c + 1; r < n; ++r) {
                if (std::abs(hessian[r][c]) > std::abs(hessian[pivot][c])) {
                    pivot = r;
                }
            }
            std::swap(hessian[c], hessian[pivot]);
            std::swap(step[c], step[pivot]);
            for (std::size_t r = c + 1; r < n; ++r) {
                const double factor = hessian[r][c] / hessian[c][c];
                for (std::size_t k = c; k < n; ++k) {
                    hessian[r][k] -= factor * hessian[c][k];
                }
                step[r] -= factor * step[c];
            }
        }
        for (std::size_t c = n; c-- > 0;) {
            for (std::size_t k = c + 1; k < n; ++k) {
                step[c] -= hessian[c][k] * step[k];
            }
            step[c] /= hessian[c][c];
        }
        for (std::size_t i = 0; i < n; ++i) {
            w[i] -= step[i];
        }
    }
    return {w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]};
}

Calibration calibrate(const Classifier& classifier,
                      const std::vector<LabelledIncident>& incidents) {
    // Each incident's margin and scope decide matched or unmatched; the thresholds move only
    // that.
    std::vector<Point> points;
    std::vector<double> in_scope;
    std::vector<double> all;
    std::vector<Scores> scored;
    for (const auto& incident : incidents) {
        const Scores& scores = scored.emplace_back(classifier.score(incident.text));
        points.push_back(
            {scores.margin(), scores.scope_against_match(), !incident.sectors.empty()});
        all.push_back(points.back().margin);
        if (points.back().in_scope) {
            in_scope.push_back(points.back().margin);
        }
    }
    Calibration best;
    if (in_scope.empty()) {
        return best;
    }
    std::sort(in_scope.begin(), in_scope.end());
    std::sort(all.begin(), all.end());
    const auto allowed = std::min(static_cast<std::size_t>(std::floor(
                                      k_max_turned_away * static_cast<double>(in_scope.size()))),
                                  in_scope.size() - 1);
    bool first = true;
    for (std::size_t k = 0; k <= allowed; ++k) {
        Calibration c;
        c.margin = margin_range(in_scope, all, k);
        const auto by_margin = static_cast<std::size_t>(
            std::lower_bound(in_scope.begin(), in_scope.end(), c.margin.value) - in_scope.begin());
        c.scope = scope_range(points, c.margin.value, allowed - std::min(allowed, by_margin));
        for (const Point& p : points) {
            const bool unmatched = p.margin < c.margin.value || p.scope > c.scope.value;
            if (p.in_scope) {
                ++c.in_scope;
                c.turned_away += unmatched;
            } else {
                ++c.out_of_scope;
                c.caught += unmatched;
            }
        }
        // On a tie the later split wins: it leaves more to the margin.
        if (first || c.caught >= best.caught) {
            best = c;
            first = false;
        }
    }
    std::vector<std::pair<ConfidenceFeatures, bool>> samples;
    for (std::size_t i = 0; i < incidents.size(); ++i) {
        const Scores& scores = scored[i];
        if (scores.types.empty() || scores.margin() < best.margin.value ||
            scores.scope_against_match() > best.scope.value) {
            continue;
        }
        const bool right = incidents[i].sectors.contains(
            classifier.sector_of(scores.types.front().violation_type));
        samples.emplace_back(confidence_features(scores.margin(), scores.scope, sector_lead(scores),
                                                 scores.bigrams, scores.addressed, scores.reject),
                             right);
    }
    best.confidence = fit_confidence(samples);
    return best;
}

}  // namespace lawlist::classify
