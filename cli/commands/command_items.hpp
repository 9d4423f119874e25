#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist items`: lists power/responsibility items, with filters. Sets `exit_code` when it ran.
void register_items(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
