#include "commands/command_metrics.hpp"

#include <memory>

#include "app.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/store/lists.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct MetricsOptions {
    store::ListFilter filter;
    DatabaseOption database;
    format::Output output;
};

int run_metrics(MetricsOptions options) {
    const store::Database database = open_database(options.database);
    check_list_filter(database, options.filter);
    print(format::make_listing(format::metric_record(), store::metrics(database, options.filter)),
          options.output);
    return k_exit_ok;
}

}  // namespace

void register_metrics(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<MetricsOptions>();
    auto* command = app.add_subcommand(
        "metrics", "Performance list (绩效清单): each metric's target, weight and assessing body");
    add_list_filter(*command, options->filter);
    add_database_option(*command, options->database);
    add_output_option(*command, options->output, format::listing_outputs());
    command->callback([options, &exit_code] { exit_code = run_metrics(*options); });
}

}  // namespace lawlist::cli
