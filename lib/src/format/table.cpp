#include "lawlist/format/table.hpp"

#include <algorithm>
#include <stdexcept>

#include "lawlist/text/utf8.hpp"

namespace lawlist::format {

Table::Table(std::vector<std::string> headers) : m_headers(std::move(headers)) {}

void Table::add_row(std::vector<std::string> cells) {
    if (cells.size() != m_headers.size()) {
        throw std::invalid_argument("table row has the wrong number of cells");
    }
    m_rows.push_back(std::move(cells));
}

std::string pad(const std::string& s, std::size_t width) {
    const std::size_t have = text::display_width(s);
    return have >= width ? s : s + std::string(width - have, ' ');
}

std::vector<std::string> wrap(const std::string& s, std::size_t width) {
    std::vector<std::string> lines(1);
    std::size_t used = 0;
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        const std::size_t n = text::decode_next(s, i, cp);
        const auto w = static_cast<std::size_t>(text::display_width(cp));
        if (used + w > width && used > 0) {
            lines.emplace_back();
            used = 0;
        }
        lines.back().append(s, i, n);
        used += w;
        i += n;
    }
    return lines;
}

std::string card_field(const std::string& label, std::size_t label_width, const std::string& raw,
                       std::optional<std::size_t> width) {
    if (raw.empty()) {
        return label + '\n';  // no trailing blanks
    }
    const std::string value = text::visible(raw);
    const std::size_t indent = label_width + 2;
    if (!width || *width <= indent + Table::k_min_column_width ||
        text::display_width(value) <= *width - indent) {
        return pad(label, label_width) + "  " + value + '\n';
    }
    std::string out;
    const auto lines = wrap(value, *width - indent);
    for (std::size_t l = 0; l < lines.size(); ++l) {
        out += pad(l == 0 ? label : "", label_width) + "  " + lines[l] + '\n';
    }
    return out;
}

std::string render_text(const Table& table, const WriterOptions& options) {
    if (!options.terminal_width) {
        return table.render_text();
    }
    if (auto text = table.render_text(*options.terminal_width)) {
        return *text;
    }
    return table.render_cards(options.terminal_width);
}

std::string Table::render_cards(std::optional<std::size_t> width) const {
    std::size_t label_width = 0;
    for (const auto& header : m_headers) {
        label_width = std::max(label_width, text::display_width(header));
    }
    std::string out;
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        out += r > 0 ? "\n" : "";
        for (std::size_t c = 0; c < m_headers.size(); ++c) {
            if (!m_rows[r][c].empty()) {
                out += card_field(m_headers[c], label_width, m_rows[r][c], width);
            }
        }
    }
    return out;
}

std::vector<std::size_t> Table::natural_widths() const {
    std::vector<std::size_t> widths(m_headers.size());
    for (std::size_t c = 0; c < m_headers.size(); ++c) {
        widths[c] = text::display_width(m_headers[c]);
        for (const auto& row : m_rows) {
            widths[c] = std::max(widths[c], text::display_width(row[c]));
        }
    }
    return widths;
}

std::string Table::render_text(const std::vector<std::size_t>& widths) const {
    // One row may take several lines: each cell wrapped to its column's width.
    auto lines = [&](const std::vector<std::string>& cells) {
        std::vector<std::vector<std::string>> wrapped;
        std::size_t height = 1;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            wrapped.push_back(text::display_width(cells[c]) <= widths[c]
                                  ? std::vector<std::string>{cells[c]}
                                  : wrap(cells[c], widths[c]));
            height = std::max(height, wrapped.back().size());
        }
        std::string out;
        for (std::size_t l = 0; l < height; ++l) {
            std::string line;
            for (std::size_t c = 0; c < cells.size(); ++c) {
                const std::string& part = l < wrapped[c].size() ? wrapped[c][l] : "";
                line += c + 1 == cells.size() ? part : pad(part, widths[c]) + "  ";
            }
            while (!line.empty() && line.back() == ' ') {
                line.pop_back();
            }
            out += line + '\n';
        }
        return out;
    };
    std::string out = lines(m_headers);
    std::vector<std::string> rule;
    for (const auto w : widths) {
        rule.emplace_back(w, '-');
    }
    out += lines(rule);
    for (const auto& row : m_rows) {
        out += lines(row);
    }
    return out;
}

// The table as a terminal shows it: control characters in cells made visible.
Table Table::shown() const {
    Table out(m_headers);
    for (const auto& row : m_rows) {
        std::vector<std::string> cells;
        for (const auto& cell : row) {
            cells.push_back(text::visible(cell));
        }
        out.m_rows.push_back(std::move(cells));
    }
    return out;
}

std::string Table::render_text() const {
    const Table table = shown();
    return table.render_text(table.natural_widths());
}

std::optional<std::string> Table::render_text(std::size_t max_width) const {
    return shown().fit(max_width);
}

std::optional<std::string> Table::fit(std::size_t max_width) const {
    auto widths = natural_widths();
    // Codes and ids (columns of ASCII text) are never cut; text columns give down to
    // k_min_column_width.
    std::vector<std::size_t> floors(widths.size());
    for (std::size_t c = 0; c < widths.size(); ++c) {
        const bool ascii = std::all_of(m_rows.begin(), m_rows.end(), [c](const auto& row) {
            return std::all_of(row[c].begin(), row[c].end(),
                               [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
        });
        floors[c] = ascii ? widths[c] : std::min(widths[c], k_min_column_width);
    }
    auto total = [&] {
        std::size_t sum = widths.empty() ? 0 : 2 * (widths.size() - 1);
        for (const auto w : widths) {
            sum += w;
        }
        return sum;
    };
    // Narrow the widest column that may still give, one column of the display at a time.
    for (std::size_t have = total(); have > max_width; --have) {
        std::size_t widest = widths.size();
        for (std::size_t c = 0; c < widths.size(); ++c) {
            if (widths[c] > floors[c] && (widest == widths.size() || widths[c] > widths[widest])) {
                widest = c;
            }
        }
        if (widest == widths.size()) {
            return std::nullopt;
        }
        --widths[widest];
    }
    return render_text(widths);
}

std::string Table::render_markdown() const {
    auto line = [](const std::vector<std::string>& cells) {
        std::string out = "|";
        for (const auto& cell : cells) {
            std::string escaped;
            for (char ch : cell) {
                escaped += ch == '|' ? "\\|" : std::string(1, ch);
            }
            out += " " + escaped + " |";
        }
        return out + '\n';
    };
    std::string out = line(m_headers);
    out += "|";
    for (std::size_t c = 0; c < m_headers.size(); ++c) {
        out += " --- |";
    }
    out += '\n';
    for (const auto& row : m_rows) {
        out += line(row);
    }
    return out;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) {
        return s;
    }
    std::string out = "\"";
    for (char ch : s) {
        out += ch == '"' ? "\"\"" : std::string(1, ch);
    }
    return out + '"';
}

std::string Table::render_csv() const {
    auto line = [](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            out += (c ? "," : "") + csv_field(cells[c]);
        }
        return out + "\r\n";
    };
    std::string out = line(m_headers);
    for (const auto& row : m_rows) {
        out += line(row);
    }
    return out;
}

}  // namespace lawlist::format
