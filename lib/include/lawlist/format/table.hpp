#pragma once
// Tabular output: aligned text tables for terminals (widths measured in display columns, so
// Chinese text lines up) and RFC 4180 CSV for scripts.

#include <optional>
#include <string>
#include <vector>

#include "lawlist/format/output.hpp"

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

    // render_text within `max_width` display columns: when the table is wider, the widest text
    // columns are narrowed (none below k_min_column_width; columns of ASCII codes and ids not
    // at all) and their cells wrapped onto several lines; nullopt when even that does not fit.
    std::optional<std::string> render_text(std::size_t max_width) const;
    static constexpr std::size_t k_min_column_width = 8;

    // Each row as a card of its filled cells ("header  value" lines, see card_field), the cards
    // apart by a blank line: for a terminal too narrow for the table.
    std::string render_cards(std::optional<std::size_t> width) const;

    // A Markdown (GFM) table; '|' in cells is escaped.
    std::string render_markdown() const;

    // CSV with a header row; cells quoted when they hold a comma, quote or line break.
    std::string render_csv() const;

  private:
    Table shown() const;
    std::optional<std::string> fit(std::size_t max_width) const;
    std::vector<std::size_t> natural_widths() const;
    std::string render_text(const std::vector<std::size_t>& widths) const;

    std::vector<std::string> m_headers;
    std::vector<std::vector<std::string>> m_rows;
};

// One field of a card: "label  value" with the label padded to `label_width`, the value made
// visible and wrapped under itself within `width` display columns when given; a bare label when
// the value is empty.
std::string card_field(const std::string& label, std::size_t label_width, const std::string& value,
                       std::optional<std::size_t> width);

// `table` as text for `options`: whole when not shown on a terminal; else wrapped to the
// terminal's width where it can be, and as cards where it cannot.
std::string render_text(const Table& table, const WriterOptions& options);

// Pads `s` with spaces to `width` display columns.
std::string pad(const std::string& s, std::size_t width);

// `s` cut into lines of at most `width` display columns (at least one character a line), at
// character boundaries: Chinese text has no spaces to break at.
std::vector<std::string> wrap(const std::string& s, std::size_t width);

// Quotes one CSV field when needed.
std::string csv_field(const std::string& s);

}  // namespace lawlist::format
