#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist load`: validates list files and writes them to the database as new revisions. Sets
// `exit_code` when it ran.
void register_load(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
