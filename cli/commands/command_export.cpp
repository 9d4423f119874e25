#include "commands/command_export.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

#include "app.hpp"
#include "lawlist/export/html.hpp"
#include "lawlist/export/publication.hpp"
#include "lawlist/export/text.hpp"
#include "lawlist/export/xlsx.hpp"
#include "lawlist/store/queries.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

namespace fs = std::filesystem;

struct ExportOptions {
    std::optional<std::string> jurisdiction;
    std::optional<std::string> revision;
    std::string list = "all";
    std::string format;
    std::string output;
    DatabaseOption database;
};

// Whether one jurisdiction's export may be several files: csv of all lists.
bool several_files(const ExportOptions& options) {
    return options.format == "csv" && options.list == "all";
}

// Option combinations, checked before anything is opened.
void check_options(const ExportOptions& options) {
    if (options.output != "-") {
        return;
    }
    if (options.format == "xlsx") {
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

// What a written file holds, for the line naming it: 权责清单238项、问题清单58项.
std::string contents_of(const std::vector<const exporting::Sheet*>& sheets) {
    std::vector<std::string> parts;
    for (const auto* sheet : sheets) {
        parts.push_back(sheet->name + std::to_string(sheet->row_count()) + "项");
    }
    return join(parts, "、");
}

// Writes one jurisdiction's export; `target` is a file path, a folder (several files, or a
// jurisdiction of many) or "-".
void write_export(const exporting::Publication& publication, const ExportOptions& options,
                  const fs::path& target, bool into_folder) {
    // All lists: those with entries; one list: that list, even empty.
    const auto lists = options.list == "all" ? exporting::present_lists(publication)
                                             : std::vector{*model::parse_list_kind(options.list)};
    const auto document = exporting::to_document(publication, lists);
    std::vector<const exporting::Sheet*> all;
    for (const auto& sheet : document.sheets) {
        all.push_back(&sheet);
    }
    const std::string stem = publication.jurisdiction_id;
    auto path_for = [&](const std::string& name) { return into_folder ? target / name : target; };
    auto emit = [&](const fs::path& path, const std::string& contents,
                    const std::vector<const exporting::Sheet*>& sheets) {
        if (options.output == "-") {
            std::cout << contents;
            return;
        }
        exporting::write_file(path, contents);
        std::cout << "wrote " << path.string() << ": " << contents_of(sheets) << '\n';
    };
    if (options.format == "json") {
        emit(path_for(stem + ".json"),
             exporting::to_json(publication, lists)
                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                 "\n",
             all);
    } else if (options.format == "xlsx") {
        const auto path = path_for(stem + ".xlsx");
        exporting::write_xlsx(document, path);
        std::cout << "wrote " << path.string() << ": " << contents_of(all) << '\n';
    } else if (options.format == "html") {
        emit(path_for(stem + ".html"), exporting::render_html(document), all);
    } else if (options.format == "markdown") {
        emit(path_for(stem + ".md"), exporting::render_markdown(document), all);
    } else {
        for (const auto& sheet : document.sheets) {
            emit(path_for(stem + "-" + sheet.key + ".csv"), exporting::render_csv(sheet), {&sheet});
        }
    }
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
    command->add_option("--format", options->format, "Output format: xlsx|csv|html|markdown|json")
        ->check(CLI::IsMember({"xlsx", "csv", "html", "markdown", "json"}))
        ->required();
    command
        ->add_option("-o,--output", options->output,
                     "Output file, '-' for standard output (text formats), or a folder (without "
                     "-j, or csv of several lists)")
        ->required();
    add_database_option(*command, options->database);
    command->callback([options, &exit_code] { exit_code = run_export(*options); });
}

}  // namespace lawlist::cli
