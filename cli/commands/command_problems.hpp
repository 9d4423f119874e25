#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist problems`: lists the problem list (问题清单): each problem's description, lead and
// cooperating bodies. Sets `exit_code` when it ran.
void register_problems(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
