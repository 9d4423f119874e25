#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist summary`: counts of the loaded lists by list, category and department. Sets
// `exit_code` when it ran.
void register_summary(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
