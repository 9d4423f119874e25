#include "commands/command_import.hpp"

#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "app.hpp"
#include "lawlist/classify/session.hpp"
#include "lawlist/import/importer.hpp"
#include "lawlist/paths.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct ImportOptions {
    std::vector<std::string> files;
    std::string jurisdiction;
    std::optional<std::string> county;
    std::optional<std::string> name;
    std::string output;
    std::optional<std::string> columns;
    bool keep_going = false;
    DatabaseOption database;
    format::Output format = format::Output::table;
};

int run_import(const ImportOptions& options) {
    import_::Options import_options;
    import_options.files.assign(options.files.begin(), options.files.end());
    import_options.jurisdiction = options.jurisdiction;
    import_options.county = options.county;
    import_options.name = options.name;
    import_options.keep_going = options.keep_going;
    if (options.columns) {
        try {
            import_options.columns = import_::parse_overrides(*options.columns);
        } catch (const Error& e) {
            throw UsageError(std::string("--columns: ") + e.what());
        }
    }
    const std::filesystem::path output(options.output);
    if (const auto dir = schema_dir(); !dir.empty()) {
        import_options.schema_location =
            std::filesystem::absolute(dir)
                .lexically_relative(std::filesystem::absolute(output).lexically_normal())
                .generic_string();
    }

    const store::Database database = open_database(options.database);
    if (options.county) {
        import_options.county = store::jurisdiction_named(database, *options.county);
    }
    const classify::Session session(database);
    const auto local = import_::read_output_jurisdiction(output, options.jurisdiction, schemas());
    const import_::Knowledge knowledge{session.bundle(), session.classifier(),
                                       local ? &*local : nullptr};
    const import_::Result result = import_::run_import(import_options, knowledge);
    if (!result.problems.empty() && !options.keep_going) {
        throw InputError(result.problems);
    }
    for (const auto& problem : result.problems) {
        std::cerr << format_diagnostic(problem);
    }
    import_::write_files(result, output);
    print(format::import_listing(result, options.output), options.format);
    return result.problems.empty() ? k_exit_ok : k_exit_findings;
}

}  // namespace

void register_import(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ImportOptions>();
    auto* command = app.add_subcommand(
        "import", "Read a spreadsheet list (xlsx, csv) into a list set of YAML files");
    command->add_option("files", options->files, "xlsx or csv files")->required();
    command
        ->add_option("-j,--jurisdiction", options->jurisdiction,
                     "Id of the jurisdiction whose list this is")
        ->required();
    command->add_option("--county", options->county,
                        "The county of a township list (its 原实施部门 are that county's bodies)");
    command->add_option("--name", options->name,
                        "The jurisdiction's name, when it is new and the title does not say");
    command->add_option("-o,--output", options->output, "Folder to write the list set into")
        ->required();
    command->add_option("--columns", options->columns,
                        "What columns hold, when their headers are unusual: FIELD=COLUMN,... "
                        "(COLUMN a letter or a header; fields: code, name, category, basis, "
                        "body, unit, mode, origin, origin_item, delegated_to, sector, "
                        "department, remarks)");
    command->add_flag("--keep-going", options->keep_going,
                      "Write what could be read despite unreadable cells (exit 1)");
    add_database_option(*command, options->database);
    add_output_option(*command, options->format, format::listing_outputs());
    command->callback([options, &exit_code] { exit_code = run_import(*options); });
}

}  // namespace lawlist::cli
