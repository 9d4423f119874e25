#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist diff [OLD NEW]`: what changed between two revisions (labels in the database or list
// files), and what it changes on the ground. Sets `exit_code`: 1 when there are differences.
void register_diff(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
