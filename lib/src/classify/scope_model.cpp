#include "lawlist/classify/scope_model.hpp"

#include <algorithm>
#include <cmath>

namespace lawlist::classify {
namespace {

constexpr int k_epochs = 150;
constexpr double k_learning_rate = 0.5;  // AdaGrad's step before the accumulated gradients
constexpr double k_l2 = 1e-4;

struct Sample {
    std::vector<std::uint32_t> features;
    double scale;  // 1 / sqrt(number of bigrams)
    double label;  // 1 out of scope, 0 in scope
    double weight;
};

double feature_scale(std::size_t bigrams) {
    return 1.0 / std::sqrt(static_cast<double>(std::max<std::size_t>(bigrams, 1)));
}

}  // namespace

double scope_log_odds(double weight_sum, std::size_t bigrams, float bias) {
    return bias + feature_scale(bigrams) * weight_sum;
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
            Sample s{{}, feature_scale(report.size()), label, weight};
            for (const std::uint64_t k : report) {
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
    std::vector<double> w(keys.size(), 0.0);
    std::vector<double> gradient(keys.size(), 0.0);
    std::vector<double> accumulated(keys.size(), 1e-8);
    double bias = 0;
    double bias_accumulated = 1e-8;
    for (int epoch = 0; epoch < k_epochs; ++epoch) {
        std::fill(gradient.begin(), gradient.end(), 0.0);
        double bias_gradient = 0;
        for (const Sample& s : samples) {
            double sum = 0;
            for (const std::uint32_t f : s.features) {
                sum += w[f];
            }
            const double z = std::clamp(bias + s.scale * sum, -30.0, 30.0);
            const double p = 1.0 / (1.0 + std::exp(-z));
            const double e = (p - s.label) * s.weight;
            bias_gradient += e;
            for (const std::uint32_t f : s.features) {
                gradient[f] += e * s.scale;
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
    model.weight.assign(w.begin(), w.end());
    model.bias = static_cast<float>(bias);
    return model;
}

}  // namespace lawlist::classify
