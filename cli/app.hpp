#pragma once

#include "lawlist/error.hpp"

namespace lawlist::cli {

// Exit codes of every command.
inline constexpr int k_exit_ok = 0;        // success, nothing found
inline constexpr int k_exit_findings = 1;  // the command ran and found something
inline constexpr int k_exit_error = 2;     // usage or input error; nothing was changed

// The command line is wrong: unknown option, bad combination. Thrown before any file is opened;
// reported with a pointer to --help. The library never throws it: it knows no command line.
class UsageError : public Error {
  public:
    using Error::Error;
};

// Parses the command line, runs the command and maps errors to exit codes.
int run(int argc, char** argv);

}  // namespace lawlist::cli
