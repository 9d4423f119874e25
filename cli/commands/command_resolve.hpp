#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist resolve`: who acts on a violation type in a jurisdiction, under which items. Sets
// `exit_code` when it ran.
void register_resolve(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
