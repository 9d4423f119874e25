#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist import`: a county's spreadsheet list (xlsx, csv) in, a list set of YAML files out,
// items linked to violation types. Sets `exit_code` when it ran.
void register_import(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
