#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist classify`: incident text → violation type, items, handler, route and legal basis.
// Sets `exit_code` when it ran.
void register_classify(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
