#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist eval`: classification accuracy on labelled incidents, and threshold calibration.
// Sets `exit_code` when it ran.
void register_eval(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
