#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist validate`: checks list files against the schemas and their cross-references. Sets
// `exit_code` when it ran.
void register_validate(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
