#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist upgrade`: migrates an older lawlist database to the current schema. Sets `exit_code`
// when it ran.
void register_upgrade(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
