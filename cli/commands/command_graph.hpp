#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist graph`: the jurisdiction graph as Graphviz DOT (or JSON), for `dot -Tsvg`. Sets
// `exit_code` when it ran.
void register_graph(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
