#include "commands/command_graph.hpp"

#include <iostream>
#include <memory>

#include "app.hpp"
#include "lawlist/graph/graph.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct GraphOptions {
    std::optional<std::string> jurisdiction;
    DatabaseOption database;
    std::string format;
};

std::string_view edge_kind(graph::EdgeKind kind) {
    switch (kind) {
        case graph::EdgeKind::parent_jurisdiction:
            return "parent-jurisdiction";
        case graph::EdgeKind::member:
            return "member";
        case graph::EdgeKind::parent_body:
            return "parent-body";
        case graph::EdgeKind::delegation:
            return "delegation";
        case graph::EdgeKind::cooperation:
            return "cooperation";
        case graph::EdgeKind::whistle:
            return "whistle";
    }
    return "member";
}

int run_graph(const GraphOptions& options) {
    const store::Database database = open_database(options.database);
    if (options.jurisdiction) {
        check_jurisdiction(database, *options.jurisdiction);
    }
    const graph::JurisdictionGraph g(database.read_bundle());
    if (options.format == "dot") {
        std::cout << g.to_dot(options.jurisdiction.value_or(""));
        return k_exit_ok;
    }
    nlohmann::ordered_json nodes = nlohmann::ordered_json::array();
    for (const auto& n : g.nodes()) {
        nodes.push_back(
            {{"kind", n.kind == graph::NodeKind::jurisdiction ? "jurisdiction" : "body"},
             {"id", n.id},
             {"name", n.name},
             {"jurisdiction", n.jurisdiction}});
    }
    nlohmann::ordered_json edges = nlohmann::ordered_json::array();
    for (const auto& e : g.edges()) {
        edges.push_back({{"kind", edge_kind(e.kind)},
                         {"from", g.nodes()[e.from].id},
                         {"to", g.nodes()[e.to].id},
                         {"weight", e.weight}});
    }
    std::cout << nlohmann::ordered_json{{"nodes", nodes}, {"edges", edges}}.dump(2) << '\n';
    return k_exit_ok;
}

}  // namespace

void register_graph(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<GraphOptions>();
    auto* command = app.add_subcommand(
        "graph", "Draw jurisdictions, bodies, delegations and cooperation as Graphviz DOT");
    command->add_option("-j,--jurisdiction", options->jurisdiction,
                        "Only this jurisdiction and its county");
    add_database_option(*command, options->database);
    add_format_option(*command, options->format, {"dot", "json"});
    command->callback([options, &exit_code] { exit_code = run_graph(*options); });
}

}  // namespace lawlist::cli
