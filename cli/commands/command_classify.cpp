#include "commands/command_classify.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>

#include "app.hpp"
#include "lawlist/classify/input.hpp"
#include "lawlist/classify/session.hpp"
#include "lawlist/error.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/format/writer.hpp"
#include "lawlist/store/lookup.hpp"
#include "lawlist/store/queries.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct ClassifyOptions {
    std::optional<std::string> text;
    std::optional<std::string> input;
    std::optional<std::string> text_column;
    std::optional<std::string> text_field;
    std::optional<std::string> id_column;
    std::optional<std::string> id_field;
    std::vector<std::string> keep_columns;
    std::vector<std::string> keep_fields;
    std::string headers = "en";
    bool bom = false;
    std::optional<std::string> jurisdiction;
    classify::Revisions revisions;
    std::size_t top = 3;
    unsigned threads = 0;  // one per core
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
    if ((o.id_column || !o.keep_columns.empty()) && !o.text_column) {
        throw UsageError("--id-column and --keep-columns go with --text-column (CSV input)");
    }
    if ((o.id_field || !o.keep_fields.empty()) && !o.text_field) {
        throw UsageError("--id-field and --keep-fields go with --text-field (JSON Lines input)");
    }
    if ((o.bom || o.headers != "en") && o.output != format::Output::csv) {
        throw UsageError("--bom and --headers go with --format csv");
    }
    // A negative --top arrives wrapped around to a huge count.
    if (o.top == 0 || o.top > 1000) {
        throw UsageError("--top must be a whole number from 1 to 1000");
    }
    if (o.revisions.label && o.revisions.as_of) {
        throw UsageError("--revision and --as-of exclude each other");
    }
    if (o.threads > 256) {
        throw UsageError("--threads must be a whole number from 0 (one per core) to 256");
    }
    if (o.threads != 0 && !o.input) {
        throw UsageError("--threads goes with --input");
    }
    if (!std::isfinite(o.thresholds.margin) || !std::isfinite(o.thresholds.scope)) {
        throw UsageError("--threshold and --scope-threshold take finite numbers");
    }
}

// Malformed records, after the output of the others: each located, then how many; exit 1 when
// there are any.
int report_failures(const classify::Batch& batch) {
    if (batch.failures.empty()) {
        return k_exit_ok;
    }
    for (const auto& failure : batch.failures) {
        std::cerr << format_diagnostic(failure);
    }
    const auto n = batch.failures.size();
    const auto others = batch.incidents.size();
    std::cerr << "lawlist: " << n << (n == 1 ? " record" : " records") << " could not be read; "
              << others << (others == 1 ? " other was classified\n" : " others were classified\n");
    return k_exit_findings;
}

int run_classify(const ClassifyOptions& options) {
    classify::Batch batch;
    classify::BatchKeys keys;
    if (options.text) {
        batch.incidents.push_back({*options.text, nullptr, {}});
    } else {
        keys.text = options.text_column.value_or(options.text_field.value_or(""));
        keys.id = options.id_column ? options.id_column : options.id_field;
        keys.keep = options.text_column ? options.keep_columns : options.keep_fields;
        const auto format = options.text_column  ? classify::InputFormat::csv
                            : options.text_field ? classify::InputFormat::jsonl
                                                 : classify::InputFormat::lines;
        batch = classify::read_batch_file(*options.input, format, keys);
    }
    format::WriterOptions writer_options = terminal();
    writer_options.csv_bom = options.bom;
    writer_options.csv_headers =
        options.headers == "zh" ? format::CsvHeaders::chinese : format::CsvHeaders::keys;
    const store::Database database = open_database(options.database);
    if (options.revisions.label) {
        store::check_revision_label(database, *options.revisions.label);
    }
    auto jurisdiction = choose_jurisdiction(database, options.jurisdiction);
    const bool dated = options.revisions.label || options.revisions.as_of;
    if (options.text && !dated) {
        // One incident reads the lists of the types it matches, not the jurisdiction's whole.
        const std::vector results = {classify::classify_stored(
            database, jurisdiction.id, *options.text, options.top, options.thresholds)};
        format::write(format::classifications_listing(results, jurisdiction), options.output,
                      std::cout, writer_options);
        return k_exit_ok;
    }
    // Incidents are resolved in one jurisdiction: its lists and its county's are all it reads
    // (every jurisdiction's, when judged at another date or revision).
    std::optional<classify::Session> session;
    if (dated) {
        session.emplace(database, options.revisions);
    } else {
        session.emplace(database, store::ReadScope{store::with_county(database, jurisdiction.id),
                                                   std::nullopt});
    }
    const auto* set = session->bundle().find(jurisdiction.id);
    if (!set) {
        throw Error(jurisdiction.name + "（" + jurisdiction.id + "）has no revision in force on " +
                    options.revisions.as_of.value_or("that date"));
    }
    jurisdiction.revision = set->jurisdiction.revision;  // the revision that answers
    if (format::streams(options.output)) {
        // Each chunk is printed as soon as it is classified: a batch holds two at a time.
        const std::vector<classify::Classification> none;
        format::StreamWriter stream(
            options.output, format::classifications_listing(none, jurisdiction, keys, {}).columns,
            std::cout, writer_options);
        classify::classify_each(*session, batch.incidents, jurisdiction.id, options.top,
                                options.thresholds, options.threads,
                                [&](auto incidents, auto&& results) {
                                    stream.write(format::classifications_listing(
                                        results, jurisdiction, keys, incidents));
                                });
        stream.finish();
    } else {
        std::vector<classify::Classification> results;
        classify::classify_each(*session, batch.incidents, jurisdiction.id, options.top,
                                options.thresholds, options.threads, [&](auto, auto&& chunk) {
                                    std::move(chunk.begin(), chunk.end(),
                                              std::back_inserter(results));
                                });
        format::write(format::classifications_listing(results, jurisdiction, keys, batch.incidents),
                      options.output, std::cout, writer_options);
    }
    return report_failures(batch);
}

}  // namespace

void register_classify(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ClassifyOptions>();
    auto* command = app.add_subcommand(
        "classify",
        "Classify incident reports: violation type, items, handler, route, legal basis");
    command->add_option("text", options->text, "The incident, as reported");
    command->add_option("--input", options->input,
                        "Incidents, one per line (- for standard input); a CSV file or an .xlsx "
                        "workbook (its first sheet) needs --text-column, JSON Lines --text-field");
    command->add_option("--text-column", options->text_column,
                        "CSV or workbook input: the header of the incident text's column");
    command->add_option("--text-field", options->text_field, "JSON Lines input: the text field");
    command->add_option("--id-column", options->id_column,
                        "CSV or workbook input: the column naming each record (工单编号), led "
                        "into every output format so results join back");
    command->add_option("--id-field", options->id_field,
                        "JSON Lines input: the field naming each record, as --id-column");
    command
        ->add_option("--keep-columns", options->keep_columns,
                     "CSV or workbook input: further columns carried into the output, "
                     "comma-separated")
        ->delimiter(',');
    command
        ->add_option("--keep-fields", options->keep_fields,
                     "JSON Lines input: further fields carried into the output, comma-separated")
        ->delimiter(',');
    add_jurisdiction_option(
        *command, options->jurisdiction,
        "Answer for this jurisdiction (default: $LAWLIST_JURISDICTION, else the one "
        "'lawlist use' set, else the township whose id sorts first; 'lawlist use' "
        "shows which)");
    command->add_option("--revision", options->revisions.label,
                        "Judge against the revision with this label (default: the latest)");
    command
        ->add_option("--as-of", options->revisions.as_of,
                     "Judge against the lists in force on this date, YYYY-MM-DD")
        ->check(date_validator());
    command->add_option("--top", options->top, "Matches per incident")->capture_default_str();
    command
        ->add_option("--threads", options->threads,
                     "--input: threads classifying the batch (default 0: one per core); the "
                     "output is the same whatever the number")
        ->capture_default_str();
    command
        ->add_option("--threshold", options->thresholds.margin,
                     "Margin below which an incident is unmatched (calibrated default)")
        ->capture_default_str();
    command
        ->add_option("--scope-threshold", options->thresholds.scope,
                     "Out-of-scope log-odds (less 3 x log(1 + margin)) above which an incident "
                     "is unmatched (calibrated default)")
        ->capture_default_str();
    add_database_option(*command, options->database);
    add_output_option(*command, options->output, format::listing_outputs());
    command
        ->add_option("--headers", options->headers,
                     "CSV output's header row: en (machine names) or zh (Chinese names)")
        ->check(CLI::IsMember({"en", "zh"}))
        ->capture_default_str();
    command->add_flag("--bom", options->bom,
                      "CSV output starts with a UTF-8 byte order mark, for Excel (default: none, "
                      "as programs expect)");
    command->callback([options, &exit_code] {
        check(*options);
        exit_code = run_classify(*options);
    });
}

}  // namespace lawlist::cli
