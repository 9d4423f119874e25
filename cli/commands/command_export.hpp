#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist export`: writes a jurisdiction's published lists (xlsx, csv, html, markdown, json), or
// every jurisdiction's into a folder. Sets `exit_code` when it ran.
void register_export(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
