#include "lawlist/error.hpp"

#include "lawlist/text/utf8.hpp"

namespace lawlist {
namespace {

std::string summarize(const std::vector<Diagnostic>& diagnostics) {
    if (diagnostics.empty()) {
        return "invalid input";
    }
    return format_diagnostic(diagnostics.front());
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
    std::string out = d.path;
    if (d.line > 0) {
        out += ':' + std::to_string(d.line) + ':' + std::to_string(d.column);
    }
    out += ": " + d.message + '\n';
    if (d.line > 0 && !d.source_line.empty()) {
        out += d.source_line + '\n';
        // The caret sits under the first character of the column, measured in display columns;
        // characters before it are replaced by spaces of their width (tabs kept as tabs).
        std::string caret;
        const std::u32string chars = text::decode(d.source_line);
        const std::size_t column = d.caret > 0 ? d.caret : d.column;
        for (std::size_t i = 0; i + 1 < column && i < chars.size(); ++i) {
            if (chars[i] == U'\t') {
                caret += '\t';
            } else {
                caret.append(static_cast<std::size_t>(text::display_width(chars[i])), ' ');
            }
        }
        out += caret + "^\n";
    }
    return out;
}

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : Error(summarize(diagnostics)), m_diagnostics(std::move(diagnostics)) {}

}  // namespace lawlist
