#include "commands/command_summary.hpp"

#include <memory>

#include "app.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/store/summary.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct SummaryOptions {
    std::optional<std::string> jurisdiction;
    DatabaseOption database;
    format::Output output;
};

int run_summary(const SummaryOptions& options) {
    const store::Database database = open_database(options.database);
    const auto summary = store::summarize(
        database,
        options.jurisdiction ? store::jurisdiction_named(database, *options.jurisdiction) : "");
    print(format::summary_listing(summary), options.output);
    return k_exit_ok;
}

}  // namespace

void register_summary(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<SummaryOptions>();
    auto* command =
        app.add_subcommand("summary", "Count the loaded lists by category and department");
    add_jurisdiction_option(*command, options->jurisdiction, "Only this jurisdiction");
    add_database_option(*command, options->database);
    add_output_option(*command, options->output, format::listing_outputs());
    command->callback([options, &exit_code] { exit_code = run_summary(*options); });
}

}  // namespace lawlist::cli
