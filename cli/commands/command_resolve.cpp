#include "commands/command_resolve.hpp"

#include <memory>

#include "app.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/resolve/stored.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct ResolveOptions {
    std::string violation_type;
    std::optional<std::string> jurisdiction;
    DatabaseOption database;
    format::Output output;
};

int run_resolve(const ResolveOptions& options) {
    const store::Database database = open_database(options.database);
    // Reads the jurisdiction's and its county's lists of the one type, not the province.
    const auto stored = resolve::resolve_stored(
        database,
        options.jurisdiction ? std::optional(jurisdiction_id(database, *options.jurisdiction))
                             : std::nullopt,
        options.violation_type);
    print(format::resolution_listing(stored.resolution, stored.bundle), options.output);
    return k_exit_ok;
}

}  // namespace

void register_resolve(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ResolveOptions>();
    auto* command = app.add_subcommand(
        "resolve", "Who acts on a violation type: township team, county department or joint");
    command
        ->add_option("violation_type", options->violation_type,
                     "Violation type id, formal name or colloquial alias")
        ->required();
    add_jurisdiction_option(*command, options->jurisdiction,
                            "Resolve in this jurisdiction (default: the first township)");
    add_database_option(*command, options->database);
    add_output_option(*command, options->output, format::listing_outputs());
    command->callback([options, &exit_code] { exit_code = run_resolve(*options); });
}

}  // namespace lawlist::cli
