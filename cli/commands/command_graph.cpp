#include "commands/command_graph.hpp"

#include <iostream>
#include <memory>

#include "app.hpp"
#include "lawlist/format/writer.hpp"
#include "lawlist/graph/graph.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct GraphOptions {
    std::optional<std::string> jurisdiction;
    DatabaseOption database;
    format::Output output;
};

int run_graph(const GraphOptions& options) {
    const store::Database database = open_database(options.database);
    const std::string jurisdiction =
        options.jurisdiction ? store::jurisdiction_named(database, *options.jurisdiction) : "";
    const graph::JurisdictionGraph g(database.read_bundle());
    if (options.output == format::Output::dot) {
        std::cout << g.to_dot(jurisdiction);
    } else {
        std::cout << format::dump_json(graph::to_json(g, jurisdiction));
    }
    return k_exit_ok;
}

}  // namespace

void register_graph(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<GraphOptions>();
    auto* command = app.add_subcommand(
        "graph", "Draw jurisdictions, bodies, delegations and cooperation as Graphviz DOT");
    add_jurisdiction_option(*command, options->jurisdiction,
                            "Only this jurisdiction and its county");
    add_database_option(*command, options->database);
    add_output_option(*command, options->output, {format::Output::dot, format::Output::json});
    command->callback([options, &exit_code] { exit_code = run_graph(*options); });
}

}  // namespace lawlist::cli
