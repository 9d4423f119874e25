#include "commands/command_validate.hpp"

#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "app.hpp"
#include "lawlist/load/load.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct ValidateOptions {
    std::vector<std::string> paths;
    DatabaseOption database;
};

int run_validate(const ValidateOptions& options) {
    std::vector<std::filesystem::path> paths(options.paths.begin(), options.paths.end());
    // References out of the files resolve against an explicitly named database only: validate
    // never builds or writes one.
    std::optional<store::Database> database;
    if (auto path = explicit_database(options.database)) {
        database = store::Database::open(*path, store::Database::Mode::read_only);
    }
    const model::Bundle bundle =
        load::read_checked(paths, schemas(), database ? &*database : nullptr);
    std::size_t items = 0, problems = 0, warnings = 0, metrics = 0;
    for (const auto& set : bundle.list_sets) {
        items += set.items.size();
        problems += set.problems.size();
        warnings += set.warnings.size();
        metrics += set.metrics.size();
    }
    auto count = [](std::size_t n, const char* one, const char* many) {
        return fmt::format("{} {}", n, n == 1 ? one : many);
    };
    std::cout << "ok: " << count(bundle.files.size(), "file", "files") << ", "
              << count(bundle.list_sets.size(), "jurisdiction", "jurisdictions") << ", "
              << count(items, "item", "items") << ", " << count(problems, "problem", "problems")
              << ", " << count(warnings, "warning", "warnings") << ", "
              << count(metrics, "metric", "metrics") << ", "
              << count(bundle.violation_types.size(), "violation type", "violation types") << '\n';
    return k_exit_ok;
}

}  // namespace

void register_validate(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ValidateOptions>();
    auto* command = app.add_subcommand("validate", "Check list files without writing anything");
    command->add_option("paths", options->paths, "YAML files or directories")->required();
    add_database_option(*command, options->database,
                        "Resolve references out of the files against this database (default: "
                        "$LAWLIST_DB; without either, against the files only)");
    command->callback([options, &exit_code] { exit_code = run_validate(*options); });
}

}  // namespace lawlist::cli
