#include "commands/command_bodies.hpp"

#include <map>
#include <memory>

#include "app.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/model/model.hpp"
#include "lawlist/store/queries.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct BodiesOptions {
    store::BodyFilter filter;
    DatabaseOption database;
    format::Output output;
};

int run_bodies(const BodiesOptions& options) {
    const store::Database database = open_database(options.database);
    auto filter = options.filter;
    if (filter.jurisdiction) {
        filter.jurisdiction = store::jurisdiction_named(database, *filter.jurisdiction);
    }
    if (filter.sector) {
        filter.sector = store::sector_code(database, *filter.sector);
    }
    print(format::bodies_listing(store::bodies(database, filter), store::sectors(database)),
          options.output);
    return k_exit_ok;
}

}  // namespace

void register_bodies(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<BodiesOptions>();
    auto* command = app.add_subcommand("bodies", "List the bodies of the loaded jurisdictions");
    add_jurisdiction_option(*command, options->filter.jurisdiction,
                            "Only the bodies of this jurisdiction");
    command->add_option("--sector", options->filter.sector,
                        "Sector: code or department name (水利局)");
    add_database_option(*command, options->database);
    add_output_option(*command, options->output, format::listing_outputs());
    command->callback([options, &exit_code] { exit_code = run_bodies(*options); });
}

}  // namespace lawlist::cli
