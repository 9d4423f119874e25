#pragma once
// Tabular output: aligned text tables for terminals (widths measured in display columns, so
// Chinese text lines up) and RFC 4180 CSV for scripts.

#include <string>
#include <vector>

namespace lawlist::format {

class Table {
  public:
    explicit Table(std::vector<std::string> headers);

    // Adds a row; it must have one cell per header.
    void add_row(std::vector<std::string> cells);
    std::size_t size() const { return m_rows.size(); }

    // Columns padded to their widest cell by display width, separated by two spaces, with a rule
    // under the header. Trailing spaces are trimmed.
    std::string render_text() const;

    // A Markdown (GFM) table; '|' in cells is escaped.
    std::string render_markdown() const;

    // CSV with a header row; cells quoted when they hold a comma, quote or line break.
    std::string render_csv() const;

  private:
    std::vector<std::string> m_headers;
    std::vector<std::vector<std::string>> m_rows;
};

// Pads `s` with spaces to `width` display columns.
std::string pad(const std::string& s, std::size_t width);

// Quotes one CSV field when needed.
std::string csv_field(const std::string& s);

}  // namespace lawlist::format
