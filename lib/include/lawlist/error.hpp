#pragma once
// Diagnostics and the small hierarchy of errors the library throws. The CLI maps every Error to
// exit code 2; a command that ran and found something (audit findings, diff differences) exits 1.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace lawlist {

// A problem found in a source file. `line` and `column` are 1-based, the column counted in
// characters (code points), not bytes; both are 0 when the problem concerns the whole file.
struct Diagnostic {
    std::string path;
    std::size_t line = 0;
    std::size_t column = 0;
    std::string message;
    std::string source_line;  // the offending line as printed, empty when line == 0
    // The caret's 1-based character column in source_line when that is a window of a long line
    // (see model::make_diagnostic); 0 when the line is quoted whole and the caret is at `column`.
    std::size_t caret = 0;
};

// Renders `path:line:col: message`, then the offending line and a caret under the column
// (aligned by display width, so a caret under Chinese text lands under the right character).
std::string format_diagnostic(const Diagnostic& diagnostic);

// Base of every error lawlist reports to a user.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Input files are wrong. Carries every diagnostic found, in file order.
class InputError : public Error {
  public:
    explicit InputError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }

  private:
    std::vector<Diagnostic> m_diagnostics;
};

// The database cannot be used: not a lawlist database, a newer schema, an SQLite failure.
class DatabaseError : public Error {
  public:
    using Error::Error;
};

}  // namespace lawlist
