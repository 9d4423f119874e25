#include "commands/command_problems.hpp"

#include <memory>

#include "app.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/store/lists.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct ProblemsOptions {
    store::ListFilter filter;
    DatabaseOption database;
    format::Output output;
};

int run_problems(ProblemsOptions options) {
    const store::Database database = open_database(options.database);
    check_list_filter(database, options.filter);
    print(format::make_listing(format::problem_record(), store::problems(database, options.filter)),
          options.output);
    return k_exit_ok;
}

}  // namespace

void register_problems(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ProblemsOptions>();
    auto* command = app.add_subcommand(
        "problems",
        "Problem list (问题清单): each problem's description, lead and cooperating bodies");
    add_list_filter(*command, options->filter);
    add_database_option(*command, options->database);
    add_output_option(*command, options->output, format::listing_outputs());
    command->callback([options, &exit_code] { exit_code = run_problems(*options); });
}

}  // namespace lawlist::cli
