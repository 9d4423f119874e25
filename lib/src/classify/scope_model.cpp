#include "lawlist/classify/scope_model.hpp"

#include <algorithm>
#include <cmath>

#include "lawlist/classify/cues.hpp"

namespace lawlist::classify {
namespace {

constexpr int k_epochs = 150;
constexpr double k_learning_rate = 0.5;  // AdaGrad's step before the accumulated gradients
constexpr double k_l2 = 1e-4;

struct Sample {
    std::vector<std::uint32_t> features;
    std::vector<std::uint32_t> cues;
    double scale;  // 1 / sqrt(number of bigrams)
    double label;  // 1 out of scope, 0 in scope
    double weight;
};

double feature_scale(std::size_t bigrams) {
    return 1.0 / std::sqrt(static_cast<double>(std::max<std::size_t>(bigrams, 1)));
}

}  // namespace

double scope_log_odds(double weight_sum, std::size_t bigrams, double cue_sum, float bias) {
    return bias + feature_scale(bigrams) * weight_sum + cue_sum;
}

ScopeModel train_scope_model(const std::vector<ReportBigrams>& in_scope,
                             const std::vector<ReportBigrams>& out_of_scope,
                             const std::vector<std::uint64_t>& keys) {
    ScopeModel model;
    if (in_scope.empty() || out_of_scope.empty()) {
        return model;
    }
    const double n = static_cast<double>(in_scope.size() + out_of_scope.size());
    std::vector<Sample> samples;
    auto add = [&](const std::vector<ReportBigrams>& reports, double label) {
        // Each class weighs half of the whole, spread over its reports.
        const double weight = n / (2.0 * static_cast<double>(reports.size())) / n;
        for (const auto& report : reports) {
            const auto bigrams = static_cast<std::size_t>(
                std::lower_bound(report.begin(), report.end(), cue_key(0)) - report.begin());
            Sample s{{}, {}, feature_scale(bigrams), label, weight};
            for (const std::uint64_t k : report) {
                if (k >= cue_key(0)) {
                    s.cues.push_back(static_cast<std::uint32_t>((k >> 32) - k_cue_base));
                    continue;
                }
                const auto it = std::lower_bound(keys.begin(), keys.end(), k);
                if (it != keys.end() && *it == k) {
                    s.features.push_back(static_cast<std::uint32_t>(it - keys.begin()));
                }
            }
            samples.push_back(std::move(s));
        }
    };
    add(in_scope, 0.0);
    add(out_of_scope, 1.0);
    // The cues' weights follow the keys' in one vector.
    const std::size_t n_cues = cues().size();
    const std::size_t n_weights = keys.size() + n_cues;
    for (Sample& s : samples) {
        for (const std::uint32_t c : s.cues) {
            s.features.push_back(static_cast<std::uint32_t>(keys.size() + c));
        }
    }
    std::vector<double> w(n_weights, 0.0);
    std::vector<double> gradient(n_weights, 0.0);
    std::vector<double> accumulated(n_weights, 1e-8);
    double bias = 0;
    double bias_accumulated = 1e-8;
    for (int epoch = 0; epoch < k_epochs; ++epoch) {
        std::fill(gradient.begin(), gradient.end(), 0.0);
        double bias_gradient = 0;
        for (const Sample& s : samples) {
            double sum = 0;
            double cue_sum = 0;
            for (const std::uint32_t f : s.features) {
                (f < keys.size() ? sum : cue_sum) += w[f];
            }
            const double z = std::clamp(bias + s.scale * sum + cue_sum, -30.0, 30.0);
            const double p = 1.0 / (1.0 + std::exp(-z));
            const double e = (p - s.label) * s.weight;
            bias_gradient += e;
            for (const std::uint32_t f : s.features) {
                gradient[f] += f < keys.size() ? e * s.scale : e;
            }
        }
        for (std::size_t k = 0; k < w.size(); ++k) {
            const double g = gradient[k] + k_l2 * w[k];
            if (g == 0) {
                continue;
            }
            accumulated[k] += g * g;
            w[k] -= k_learning_rate * g / std::sqrt(accumulated[k]);
        }
        bias_accumulated += bias_gradient * bias_gradient;
        bias -= k_learning_rate * bias_gradient / std::sqrt(bias_accumulated);
    }
    model.weight.assign(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(keys.size()));
    model.cue_weight.assign(w.begin() + static_cast<std::ptrdiff_t>(keys.size()), w.end());
    model.bias = static_cast<float>(bias);
    return model;
}

}  // namespace lawlist::classify
