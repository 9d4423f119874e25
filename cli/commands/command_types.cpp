#include "commands/command_types.hpp"

#include <memory>

#include "app.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/store/lists.hpp"
#include "lawlist/store/queries.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct TypesOptions {
    store::TypeFilter filter;
    DatabaseOption database;
    format::Output output;
};

int run_types(TypesOptions options) {
    const store::Database database = open_database(options.database);
    if (options.filter.sector) {
        options.filter.sector = store::sector_code(database, *options.filter.sector);
    }
    print(format::make_listing(format::violation_type_record(store::sectors(database)),
                               store::violation_types(database, options.filter)),
          options.output);
    return k_exit_ok;
}

}  // namespace

void register_types(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<TypesOptions>();
    auto* command = app.add_subcommand(
        "types", "List the violation types (违法行为类型) with their aliases and sector");
    command->add_option("search", options->filter.search,
                        "Only types whose id, name or an alias contains this text");
    command->add_option("--sector", options->filter.sector,
                        "Sector: code or department name (水利局)");
    add_database_option(*command, options->database);
    add_output_option(*command, options->output, format::listing_outputs());
    command->callback([options, &exit_code] { exit_code = run_types(*options); });
}

}  // namespace lawlist::cli
