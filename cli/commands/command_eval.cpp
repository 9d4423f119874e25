#include "commands/command_eval.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "app.hpp"
#include "lawlist/classify/evaluate.hpp"
#include "lawlist/classify/session.hpp"
#include "lawlist/error.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/io/file.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct EvalOptions {
    std::string input;
    std::optional<std::string> jurisdiction;
    classify::Thresholds thresholds;
    bool calibrate = false;
    DatabaseOption database;
    format::Output output;
};

int run_eval(const EvalOptions& options) {
    const std::string contents = io::read_file(options.input);
    const store::Database database = open_database(options.database);
    std::vector<std::string> sectors;
    for (const auto& sector : database.sectors()) {
        sectors.push_back(sector.code);
    }
    const auto incidents = classify::read_labelled(options.input, contents, sectors);
    const classify::Session session(database);
    classify::Thresholds thresholds = options.thresholds;
    std::optional<classify::Calibration> calibration;
    if (options.calibrate) {
        calibration = classify::calibrate(session.classifier(), incidents);
        thresholds = calibration->thresholds();
    }
    const auto m =
        classify::evaluate(session.classifier(), incidents,
                           choose_jurisdiction(database, options.jurisdiction).id, thresholds);
    print(format::evaluation_listing({m, thresholds, calibration}), options.output);
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
    add_jurisdiction_option(
        *command, options->jurisdiction,
        "Evaluate for this jurisdiction (default: $LAWLIST_JURISDICTION, else the one "
        "'lawlist use' set, else the township whose id sorts first; 'lawlist use' "
        "shows which)");
    auto* margin =
        command->add_option("--threshold", options->thresholds.margin, "Unmatched margin threshold")
            ->capture_default_str();
    auto* scope =
        command
            ->add_option("--scope-threshold", options->thresholds.scope,
                         "Unmatched out-of-scope log-odds (less 3 x log(1 + margin)) threshold")
            ->capture_default_str();
    // Calibration finds the thresholds itself: given ones would be silently overridden.
    command
        ->add_flag("--calibrate", options->calibrate,
                   "Find the thresholds that get most incidents right")
        ->excludes(margin)
        ->excludes(scope);
    add_database_option(*command, options->database);
    add_output_option(*command, options->output, {format::Output::table, format::Output::json});
    command->callback([options, &exit_code] { exit_code = run_eval(*options); });
}

}  // namespace lawlist::cli
