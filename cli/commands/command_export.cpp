#include "commands/command_export.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

#include "app.hpp"
#include "lawlist/export/publication.hpp"
#include "lawlist/export/write.hpp"
#include "lawlist/store/queries.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

namespace fs = std::filesystem;

struct ExportOptions {
    std::optional<std::string> jurisdiction;
    std::optional<std::string> revision;
    std::string list = "all";
    format::DocumentOutput format = format::DocumentOutput::xlsx;
    std::string output;
    DatabaseOption database;
};

// Whether one jurisdiction's export may be several files: csv of all lists.
bool several_files(const ExportOptions& options) {
    return exporting::file_per_list(options.format) && options.list == "all";
}

// Option combinations, checked before anything is opened.
void check_options(const ExportOptions& options) {
    if (options.output != "-") {
        return;
    }
    if (format::is_binary(options.format)) {
        throw UsageError("xlsx is a binary format: -o needs a file path, not '-'");
    }
    if (!options.jurisdiction) {
        throw UsageError(
            "without -j every jurisdiction is exported, one file each: -o needs a folder, not '-'");
    }
    if (several_files(options)) {
        throw UsageError(
            "csv writes one file per list: pick one list with --list, or give -o a folder");
    }
}

// Writes one jurisdiction's export; `target` is a file path, a folder (several files, or a
// jurisdiction of many) or "-".
void write_export(const exporting::Publication& publication, const ExportOptions& options,
                  const fs::path& target, bool into_folder) {
    // All lists: those with entries; one list: that list, even empty.
    const auto lists = options.list == "all" ? exporting::present_lists(publication)
                                             : std::vector{*model::parse_list_kind(options.list)};
    exporting::write(publication, lists, options.format, target, into_folder, std::cout,
                     [](const exporting::WrittenFile& file) {
                         std::cout << "wrote " << file.path.string() << ": " << file.contents
                                   << '\n';
                     });
}

int run_export(const ExportOptions& options) {
    check_options(options);
    const store::Database database = open_database(options.database);
    const auto bundle = database.read_bundle(options.revision);
    std::vector<std::string> jurisdictions;
    std::optional<std::string> chosen;
    if (options.jurisdiction) {
        chosen = store::jurisdiction_named(database, *options.jurisdiction);
        jurisdictions.push_back(*chosen);
    } else {
        jurisdictions = store::jurisdictions(database);
    }
    if (options.revision) {
        // Only the jurisdictions that have a revision of that label; naming one that has not is
        // an error.
        std::vector<std::string> labelled;
        std::vector<std::string> labels;
        for (const auto& revision : store::revisions(database)) {
            if (revision.label == *options.revision) {
                labelled.push_back(revision.jurisdiction);
            }
            if (chosen && revision.jurisdiction == *chosen) {
                labels.push_back("'" + revision.label + "'");
            }
        }
        std::erase_if(jurisdictions, [&](const std::string& id) {
            return std::find(labelled.begin(), labelled.end(), id) == labelled.end();
        });
        if (jurisdictions.empty()) {
            throw Error(chosen ? "jurisdiction '" + *chosen + "' has no revision '" +
                                     *options.revision + "' (revisions: " + join(labels, ", ") + ")"
                               : "no jurisdiction has a revision '" + *options.revision + "'");
        }
    }

    const fs::path output(options.output);
    const bool into_folder = !options.jurisdiction || several_files(options) ||
                             (options.output != "-" && fs::is_directory(output));
    if (into_folder) {
        std::error_code error;
        fs::create_directories(output, error);
        if (error || !fs::is_directory(output)) {
            throw Error(options.output + ": cannot create the folder" +
                        (error ? ": " + error.message() : ""));
        }
    }
    for (const auto& id : jurisdictions) {
        write_export(exporting::publish(bundle, id), options, output, into_folder);
    }
    return k_exit_ok;
}

}  // namespace

void register_export(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ExportOptions>();
    auto* command = app.add_subcommand(
        "export", "Write the published lists: xlsx, csv, html, markdown or json");
    add_jurisdiction_option(
        *command, options->jurisdiction,
        "Export this jurisdiction (default: every jurisdiction, one file each)");
    command->add_option("--revision", options->revision,
                        "Revision label (default: the latest of each jurisdiction)");
    // The published lists: ListKind::body (diff's name for a change to a body) has none, so
    // `body` never reaches model::parse_list_kind here.
    command
        ->add_option("--list", options->list, "Which list: power|problem|warning|performance|all")
        ->check(CLI::IsMember({"power", "problem", "warning", "performance", "all"}))
        ->capture_default_str();
    add_document_option(*command, options->format, exporting::outputs(), true);
    command
        ->add_option("-o,--output", options->output,
                     "Output file, '-' for standard output (text formats), or a folder (without "
                     "-j, or csv of several lists)")
        ->required();
    add_database_option(*command, options->database);
    command->callback([options, &exit_code] { exit_code = run_export(*options); });
}

}  // namespace lawlist::cli
