#include "commands/command_warnings.hpp"

#include <memory>

#include "app.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/store/lists.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct WarningsOptions {
    store::ListFilter filter;
    DatabaseOption database;
    format::Output output;
};

int run_warnings(WarningsOptions options) {
    const store::Database database = open_database(options.database);
    check_list_filter(database, options.filter);
    print(format::make_listing(format::warning_record(), store::warnings(database, options.filter)),
          options.output);
    return k_exit_ok;
}

}  // namespace

void register_warnings(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<WarningsOptions>();
    auto* command = app.add_subcommand(
        "warnings", "Warning list (警示清单): each situation and its consequence");
    add_list_filter(*command, options->filter);
    add_database_option(*command, options->database);
    add_output_option(*command, options->output, format::listing_outputs());
    command->callback([options, &exit_code] { exit_code = run_warnings(*options); });
}

}  // namespace lawlist::cli
