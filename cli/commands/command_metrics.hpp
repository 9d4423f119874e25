#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist metrics`: lists the performance list (绩效清单): each metric's target, weight and
// assessing body. Sets `exit_code` when it ran.
void register_metrics(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
