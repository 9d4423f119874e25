#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist bodies`: lists the bodies of the loaded jurisdictions. Sets `exit_code` when it ran.
void register_bodies(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
