#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist warnings`: lists the warning list (警示清单): each situation and its consequence. Sets
// `exit_code` when it ran.
void register_warnings(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
