#include "commands/command_resolve.hpp"

#include <memory>

#include "app.hpp"
#include "lawlist/classify/session.hpp"
#include "lawlist/format/records.hpp"
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
    const std::string jurisdiction = choose_jurisdiction(database, options.jurisdiction).id;
    const auto answer = classify::resolve_text(database, jurisdiction, options.violation_type);
    print(format::resolution_listing(answer.stored.resolution, answer.stored.bundle,
                                     answer.classified),
          options.output);
    return k_exit_ok;
}

}  // namespace

void register_resolve(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ResolveOptions>();
    auto* command = app.add_subcommand(
        "resolve", "Who acts on a violation type: township team, county department or joint");
    command
        ->add_option("violation_type", options->violation_type,
                     "Violation type id, formal name or colloquial alias; other text is classified")
        ->required();
    add_jurisdiction_option(
        *command, options->jurisdiction,
        "Resolve in this jurisdiction (default: $LAWLIST_JURISDICTION, else the one "
        "'lawlist use' set, else the township whose id sorts first; 'lawlist use' "
        "shows which)");
    add_database_option(*command, options->database);
    add_output_option(*command, options->output, format::listing_outputs());
    command->callback([options, &exit_code] { exit_code = run_resolve(*options); });
}

}  // namespace lawlist::cli
