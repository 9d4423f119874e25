#pragma once

#include <CLI/CLI.hpp>

namespace lawlist::cli {

// `lawlist audit`: overlaps, gaps, dropped handovers and other contradictions in the lists.
// Sets `exit_code`: 1 when a finding reaches --fail-on.
void register_audit(CLI::App& app, int& exit_code);

}  // namespace lawlist::cli
