#include "commands/command_eval.hpp"

#include <cmath>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "app.hpp"
#include "lawlist/classify/evaluate.hpp"
#include "lawlist/classify/session.hpp"
#include "lawlist/error.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct EvalOptions {
    std::string input;
    std::optional<std::string> jurisdiction;
    classify::Thresholds thresholds;
    bool calibrate = false;
    DatabaseOption database;
    std::string format;
};

// JSON has no infinity: a threshold that never fires (no scope model) is null.
nlohmann::ordered_json json_number(double v) {
    return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

double ratio(std::size_t a, std::size_t b) {
    return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

int run_eval(const EvalOptions& options) {
    std::ifstream in(options.input, std::ios::binary);
    if (!in) {
        throw InputError({{options.input, 0, 0, "cannot read file", ""}});
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const store::Database database = open_database(options.database);
    std::vector<std::string> sectors;
    for (const auto& sector : database.sectors()) {
        sectors.push_back(sector.code);
    }
    const auto incidents = classify::read_labelled(options.input, buffer.str(), sectors);
    const classify::Session session(database);
    classify::Thresholds thresholds = options.thresholds;
    std::optional<classify::Calibration> calibration;
    if (options.calibrate) {
        calibration = classify::calibrate(session.classifier(), incidents);
        thresholds = calibration->thresholds();
    }
    const auto m = classify::evaluate(
        session.classifier(), incidents,
        options.jurisdiction.value_or(session.resolver().default_jurisdiction()), thresholds);
    const double precision = ratio(m.unmatched_correct, m.unmatched_predicted);
    const double recall = ratio(m.unmatched_correct, m.out_of_scope);
    const classify::Reliability reliability = classify::reliability(m);
    if (options.format == "json") {
        nlohmann::ordered_json bins = nlohmann::ordered_json::array();
        for (const auto& b : reliability.bins) {
            bins.push_back({{"low", b.low},
                            {"high", b.high},
                            {"matches", b.matches},
                            {"mean_confidence", b.mean_confidence},
                            {"accuracy", b.accuracy}});
        }
        nlohmann::ordered_json confusion = nlohmann::ordered_json::array();
        for (const auto& [pair, count] : m.confusion) {
            confusion.push_back(
                {{"gold", pair.first}, {"predicted", pair.second}, {"count", count}});
        }
        nlohmann::ordered_json out = {
            {"incidents", m.incidents},
            {"in_scope", m.in_scope},
            {"threshold", thresholds.margin},
            {"scope_threshold", json_number(thresholds.scope)},
            {"top1_sector", ratio(m.top1_sector, m.in_scope)},
            {"top3_sector", ratio(m.top3_sector, m.in_scope)},
            {"violation_type", ratio(m.top1_type, m.labelled_types)},
            {"unmatched_precision", precision},
            {"unmatched_recall", recall},
            {"right_decision", ratio(m.right_decisions, m.incidents)},
            {"expected_calibration_error", reliability.expected_calibration_error},
            {"reliability", bins},
            {"review_flagged", m.flagged_for_review},
            {"review_flagged_wrong", m.flagged_wrong},
            {"wrong_unflagged", m.wrong_unflagged},
            {"confusion", confusion},
            {"missed_lines", m.misses}};
        if (calibration) {
            out["calibration"] = {{"low", calibration->margin.low},
                                  {"high", calibration->margin.high},
                                  {"scope_low", json_number(calibration->scope.low)},
                                  {"scope_high", json_number(calibration->scope.high)},
                                  {"in_scope_turned_away", calibration->turned_away},
                                  {"confidence",
                                   {{"bias", calibration->confidence.bias},
                                    {"margin", calibration->confidence.margin},
                                    {"scope", calibration->confidence.scope},
                                    {"sector_lead", calibration->confidence.sector_lead},
                                    {"length", calibration->confidence.length}}},
                                  {"out_of_scope_unmatched", calibration->caught}};
        }
        std::cout << out.dump(2) << '\n';
        return k_exit_ok;
    }
    std::cout << fmt::format("事件数 incidents: {}（清单内 in scope {}，清单外 out of scope {}）\n",
                             m.incidents, m.in_scope, m.out_of_scope);
    if (calibration) {
        std::cout << fmt::format(
            "calibrated thresholds: margin {:.3f} (any value in ({:.3f}, {:.3f}]), scope {:.3f} "
            "(any value in [{:.3f}, {:.3f})): they turn away {} of {} in scope, at most {:.1f}%, "
            "and catch {} of {} out of scope\n",
            calibration->margin.value, calibration->margin.low, calibration->margin.high,
            calibration->scope.value, calibration->scope.low, calibration->scope.high,
            calibration->turned_away, calibration->in_scope, 100 * classify::k_max_turned_away,
            calibration->caught, calibration->out_of_scope);
        std::cout << fmt::format(
            "calibrated confidence: logistic of {:.3f} + {:.3f} × log(1 + margin) + {:.3f} × scope "
            "+ {:.3f} × log(1 + sector lead) + {:.3f} × log(bigrams)\n",
            calibration->confidence.bias, calibration->confidence.margin,
            calibration->confidence.scope, calibration->confidence.sector_lead,
            calibration->confidence.length);
    } else {
        std::cout << fmt::format("thresholds: margin {:.3f}, scope {:.3f}\n", thresholds.margin,
                                 thresholds.scope);
    }
    std::cout << fmt::format("top-1 sector accuracy: {:.1f}% ({}/{})\n",
                             100 * ratio(m.top1_sector, m.in_scope), m.top1_sector, m.in_scope)
              << fmt::format("top-3 sector accuracy: {:.1f}% ({}/{})\n",
                             100 * ratio(m.top3_sector, m.in_scope), m.top3_sector, m.in_scope);
    if (m.labelled_types > 0) {
        std::cout << fmt::format("violation type accuracy (top 1): {:.1f}% ({}/{})\n",
                                 100 * ratio(m.top1_type, m.labelled_types), m.top1_type,
                                 m.labelled_types);
    }
    std::cout << fmt::format("unmatched: precision {:.1f}% ({}/{}), recall {:.1f}% ({}/{})\n",
                             100 * precision, m.unmatched_correct, m.unmatched_predicted,
                             100 * recall, m.unmatched_correct, m.out_of_scope)
              << fmt::format("right decision overall: {:.1f}% ({}/{})\n",
                             100 * ratio(m.right_decisions, m.incidents), m.right_decisions,
                             m.incidents)
              << fmt::format(
                     "review flag: {} of {} matches flagged ({} of them wrong); wrong and not "
                     "flagged: {}\n",
                     m.flagged_for_review, m.answers.size(), m.flagged_wrong, m.wrong_unflagged)
              << fmt::format("expected calibration error: {:.3f} over {} matches\n",
                             reliability.expected_calibration_error, m.answers.size());
    if (!reliability.bins.empty()) {
        std::cout << "\n";
        format::Table table(
            {"置信度 confidence", "匹配数 matches", "平均置信度 mean", "正确率 accuracy"});
        for (const auto& b : reliability.bins) {
            table.add_row({fmt::format("{:.1f}-{:.1f}", b.low, b.high), std::to_string(b.matches),
                           fmt::format("{:.3f}", b.mean_confidence),
                           fmt::format("{:.3f}", b.accuracy)});
        }
        std::cout << table.render_text();
    }
    if (!m.confusion.empty()) {
        std::cout << "\n";
        format::Table table({"标注领域 gold", "判定领域 predicted", "数量"});
        std::vector<std::pair<std::size_t, std::pair<std::string, std::string>>> rows;
        for (const auto& [pair, count] : m.confusion) {
            rows.push_back({count, pair});
        }
        std::stable_sort(rows.begin(), rows.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        for (const auto& [count, pair] : rows) {
            table.add_row({pair.first, pair.second, std::to_string(count)});
        }
        std::cout << table.render_text();
    }
    return k_exit_ok;
}

}  // namespace

void register_eval(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<EvalOptions>();
    auto* command =
        app.add_subcommand("eval", "Measure classification on labelled incidents (TSV)");
    command
        ->add_option("--input", options->input,
                     "Labelled incidents: text<TAB>sectors<TAB>violation_type")
        ->required();
    command->add_option("-j,--jurisdiction", options->jurisdiction,
                        "Jurisdiction (default: the first township)");
    command->add_option("--threshold", options->thresholds.margin, "Unmatched margin threshold")
        ->capture_default_str();
    command
        ->add_option("--scope-threshold", options->thresholds.scope,
                     "Unmatched out-of-scope log-odds threshold")
        ->capture_default_str();
    command->add_flag("--calibrate", options->calibrate,
                      "Find the thresholds that get most incidents right");
    add_database_option(*command, options->database);
    add_format_option(*command, options->format, {"table", "json"});
    command->callback([options, &exit_code] { exit_code = run_eval(*options); });
}

}  // namespace lawlist::cli
