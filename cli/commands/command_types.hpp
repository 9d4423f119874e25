#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist types`: lists and searches the violation types with their aliases and sector. Sets
// `exit_code` when it ran.
void register_types(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
