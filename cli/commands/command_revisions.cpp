#include "commands/command_revisions.hpp"

#include <memory>

#include "app.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/store/queries.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct RevisionsOptions {
    DatabaseOption database;
    format::Output output;
};

int run_revisions(const RevisionsOptions& options) {
    const store::Database database = open_database(options.database);
    print(format::make_listing(format::revision_record(), store::revisions(database)),
          options.output);
    return k_exit_ok;
}

}  // namespace

void register_revisions(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<RevisionsOptions>();
    auto* command = app.add_subcommand("revisions", "List the revisions in the database");
    add_database_option(*command, options->database);
    add_output_option(*command, options->output, format::listing_outputs());
    command->callback([options, &exit_code] { exit_code = run_revisions(*options); });
}

}  // namespace lawlist::cli
