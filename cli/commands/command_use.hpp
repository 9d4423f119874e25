#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist use [JURISDICTION]`: sets, clears or shows the default jurisdiction stored in the
// database. Sets `exit_code` when it ran.
void register_use(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
