#pragma once

namespace lawlist::cli {

// Exit codes of every command.
inline constexpr int k_exit_ok = 0;        // success, nothing found
inline constexpr int k_exit_findings = 1;  // the command ran and found something
inline constexpr int k_exit_error = 2;     // usage or input error; nothing was changed

// Parses the command line, runs the command and maps errors to exit codes.
int run(int argc, char** argv);

}  // namespace lawlist::cli
