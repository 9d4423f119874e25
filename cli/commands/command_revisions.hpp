#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist revisions`: lists the revisions in the database. Sets `exit_code` when it ran.
void register_revisions(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
