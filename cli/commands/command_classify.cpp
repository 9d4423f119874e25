#include "commands/command_classify.hpp"

#include <cmath>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include "app.hpp"
#include "lawlist/classify/input.hpp"
#include "lawlist/classify/session.hpp"
#include "lawlist/error.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/format/writer.hpp"
#include "lawlist/io/file.hpp"
#include "lawlist/text/utf8.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct ClassifyOptions {
    std::optional<std::string> text;
    std::optional<std::string> input;
    std::optional<std::string> text_column;
    std::optional<std::string> text_field;
    std::optional<std::string> jurisdiction;
    std::size_t top = 3;
    classify::Thresholds thresholds;
    DatabaseOption database;
    format::Output output;
};

// Checked before anything is opened.
void check(const ClassifyOptions& o) {
    if (o.text.has_value() == o.input.has_value()) {
        throw UsageError(
            "give the incident text, or --input FILE (- for standard input), not both");
    }
    if (o.text_column && o.text_field) {
        throw UsageError("--text-column (CSV) and --text-field (JSON Lines) exclude each other");
    }
    if ((o.text_column || o.text_field) && !o.input) {
        throw UsageError("--text-column and --text-field go with --input");
    }
    // A negative --top arrives wrapped around to a huge count.
    if (o.top == 0 || o.top > 1000) {
        throw UsageError("--top must be a whole number from 1 to 1000");
    }
    if (!std::isfinite(o.thresholds.margin) || !std::isfinite(o.thresholds.scope)) {
        throw UsageError("--threshold and --scope-threshold take finite numbers");
    }
}

std::string read_input(const std::string& path) {
    return path == "-" ? io::read_stream(std::cin, "(standard input)") : io::read_file(path);
}

int run_classify(const ClassifyOptions& options) {
    std::vector<std::string> texts;
    if (options.text) {
        texts.push_back(*options.text);
    } else {
        const std::string path = *options.input;
        const auto format = options.text_column  ? classify::InputFormat::csv
                            : options.text_field ? classify::InputFormat::jsonl
                                                 : classify::InputFormat::lines;
        texts =
            classify::read_incidents(path == "-" ? "<stdin>" : path, read_input(path), format,
                                     options.text_column.value_or(options.text_field.value_or("")));
    }
    const store::Database database = open_database(options.database);
    const std::string jurisdiction = options.jurisdiction
                                         ? jurisdiction_id(database, *options.jurisdiction)
                                         : database.default_jurisdiction();
    if (options.text) {
        // One incident reads the lists of the types it matches, not the jurisdiction's whole.
        print(format::classifications_listing(
                  {classify::classify_stored(database, jurisdiction, text::sanitize(*options.text),
                                             options.top, options.thresholds)}),
              options.output);
        return k_exit_ok;
    }
    // Incidents are resolved in one jurisdiction: its lists and its county's are all it reads.
    const classify::Session session(database, {database.with_county(jurisdiction), std::nullopt});
    // Sanitized once, so that every output format can print the input as given.
    auto classify_one = [&](const std::string& text) {
        return session.classifier().classify(text::sanitize(text), jurisdiction, options.top,
                                             options.thresholds);
    };
    if (format::streams(options.output)) {
        // Each record is printed as soon as it is classified: a batch holds one at a time.
        const auto& type = format::classification_record();
        format::StreamWriter stream(
            options.output,
            format::make_listing(type, std::vector<classify::Classification>{}).columns, std::cout);
        for (const auto& text : texts) {
            stream.write(format::make_listing(type, std::vector{classify_one(text)}));
        }
        stream.finish();
        return k_exit_ok;
    }
    std::vector<classify::Classification> results;
    for (const auto& text : texts) {
        results.push_back(classify_one(text));
    }
    print(format::classifications_listing(results), options.output);
    return k_exit_ok;
}

}  // namespace

void register_classify(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ClassifyOptions>();
    auto* command = app.add_subcommand(
        "classify",
        "Classify incident reports: violation type, items, handler, route, legal basis");
    command->add_option("text", options->text, "The incident, as reported");
    command->add_option("--input", options->input,
                        "Incidents, one per line (- for standard input), or CSV/JSON Lines");
    command->add_option("--text-column", options->text_column, "CSV input: the column of the text");
    command->add_option("--text-field", options->text_field, "JSON Lines input: the text field");
    add_jurisdiction_option(*command, options->jurisdiction,
                            "Answer for this jurisdiction (default: the first township)");
    command->add_option("--top", options->top, "Matches per incident")->capture_default_str();
    command
        ->add_option("--threshold", options->thresholds.margin,
                     "Margin below which an incident is unmatched (calibrated default)")
        ->capture_default_str();
    command
        ->add_option("--scope-threshold", options->thresholds.scope,
                     "Out-of-scope log-odds above which an incident is unmatched (calibrated "
                     "default)")
        ->capture_default_str();
    add_database_option(*command, options->database);
    add_output_option(*command, options->output, format::listing_outputs());
    command->callback([options, &exit_code] {
        check(*options);
        exit_code = run_classify(*options);
    });
}

}  // namespace lawlist::cli
