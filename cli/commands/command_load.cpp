#include "commands/command_load.hpp"

#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "app.hpp"
#include "lawlist/load/load.hpp"
#include "lawlist/paths.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct LoadOptions {
    std::vector<std::string> paths;
    std::optional<std::string> revision;
    DatabaseOption database;
};

int run_load(const LoadOptions& options) {
    if (options.revision && options.revision->find_first_not_of(" \t") == std::string::npos) {
        throw UsageError("--revision: the label must not be empty");
    }
    const std::vector<std::filesystem::path> paths(options.paths.begin(), options.paths.end());
    const auto db = explicit_database(options.database).value_or(default_database_path());
    const store::LoadReport report = load::load(paths, db, schemas(), options.revision);
    for (const auto& revision : report.revisions) {
        std::cout << (revision.created
                          ? fmt::format("{}: created revision '{}' ({} item{})\n",
                                        revision.jurisdiction, revision.label, revision.items,
                                        revision.items == 1 ? "" : "s")
                          : fmt::format("{}: unchanged, same sources as revision '{}'\n",
                                        revision.jurisdiction, revision.label));
    }
    if (report.violation_types > 0) {
        std::cout << fmt::format("vocabulary: {} violation types\n", report.violation_types);
    }
    return k_exit_ok;
}

}  // namespace

void register_load(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<LoadOptions>();
    auto* command = app.add_subcommand(
        "load", "Validate list files, then write them to the database in one transaction");
    command->add_option("paths", options->paths, "YAML files or directories")->required();
    command->add_option("--revision", options->revision,
                        "Revision label (default: each jurisdiction file's 'revision')");
    add_database_option(*command, options->database);
    command->callback([options, &exit_code] { exit_code = run_load(*options); });
}

}  // namespace lawlist::cli
