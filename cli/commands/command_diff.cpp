#include "commands/command_diff.hpp"

#include <iostream>
#include <memory>
#include <optional>

#include "app.hpp"
#include "lawlist/diff/diff.hpp"
#include "lawlist/diff/report.hpp"
#include "lawlist/diff/sides.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct DiffOptions {
    std::vector<std::string> sides;
    std::optional<std::string> jurisdiction;
    bool no_impact = false;
    DatabaseOption database;
    format::DocumentOutput format = format::DocumentOutput::table;
    std::string output = "-";
};

int run_diff(const DiffOptions& options) {
    if (options.sides.size() == 1) {
        throw UsageError("diff takes two sides (OLD NEW) or none, not one");
    }
    if (format::is_binary(options.format) && options.output == "-") {
        throw UsageError("xlsx is a binary format: -o needs a file path, not '-'");
    }
    std::optional<store::Database> database;
    auto db = [&]() -> const store::Database& {
        if (!database) {
            database.emplace(open_database(options.database));
        }
        return *database;
    };
    std::pair<model::Bundle, model::Bundle> sides =
        options.sides.empty() ? diff::read_previous_and_latest(db())
                              : diff::read_sides(options.sides[0], options.sides[1], schemas(), db);
    // -j names a jurisdiction of either side (one that only the new side has was added).
    std::optional<std::string> jurisdiction;
    if (options.jurisdiction) {
        model::Bundle both;
        both.list_sets = sides.first.list_sets;
        both.list_sets.insert(both.list_sets.end(), sides.second.list_sets.begin(),
                              sides.second.list_sets.end());
        jurisdiction = store::jurisdiction_named(both, *options.jurisdiction);
    }
    const auto result =
        diff::compare(sides.first, sides.second, {jurisdiction, !options.no_impact});
    diff::write(result, options.format, options.output, std::cout, terminal());
    return result.empty() ? k_exit_ok : k_exit_findings;
}

}  // namespace

void register_diff(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<DiffOptions>();
    auto* command = app.add_subcommand(
        "diff",
        "What changed between two revisions of the lists, and what it changes on the ground");
    command
        ->add_option("sides", options->sides,
                     "OLD NEW: revision labels in the database or YAML files/folders (none: each "
                     "jurisdiction's previous revision against its latest)")
        ->expected(0, 2);
    add_jurisdiction_option(*command, options->jurisdiction,
                            "Only changes touching this jurisdiction");
    command->add_flag("--no-impact", options->no_impact,
                      "Leave out the resolutions and audit findings that change");
    add_database_option(*command, options->database);
    add_document_option(*command, options->format, diff::outputs());
    command->add_option("-o,--output", options->output,
                        "Write to this file instead of standard output (required for xlsx)");
    command->callback([options, &exit_code] { exit_code = run_diff(*options); });
}

}  // namespace lawlist::cli
